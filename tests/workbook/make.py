#!/usr/bin/env python3
"""make.py — crafted workbooks for tests/workbook.sh: cells of every kind (cells.xlsx,
cells.ods) and hostile files made from a template mgi wrote.
usage: make.py OUTDIR [TEMPLATE.xlsx]  (without a template: cells.xlsx and cells.ods only)"""
import os
import struct
import sys
import zipfile

out = sys.argv[1]
template = sys.argv[2] if len(sys.argv) > 2 else None
Z = zipfile.ZIP_DEFLATED


def path(name):
    return os.path.join(out, name)


def copy_template(name, replace=None, extra=None, drop=()):
    """The template again, with members replaced (name -> bytes) or added."""
    replace = replace or {}
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(path(name), "w", Z) as dst:
        for info in src.infolist():
            if info.filename in drop:
                continue
            data = replace.get(info.filename, src.read(info.filename))
            dst.writestr(info.filename, data)
        for n, data in (extra or {}).items():
            dst.writestr(n, data)


# ---------------------------------------------------------------- cells of every kind
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
PNS = "http://schemas.openxmlformats.org/package/2006/relationships"
ODR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def xlsx(name, sheet_xml, sst_xml=None, sheet_name="Entry", date1904=False, extra_sheets=()):
    with zipfile.ZipFile(path(name), "w", Z) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("_rels/.rels", f'<?xml version="1.0"?><Relationships xmlns="{PNS}">'
                   f'<Relationship Id="rId1" Type="{ODR}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        sheets = "".join(f'<sheet name="{n}" sheetId="{i + 2}" r:id="rIdX{i}"/>' for i, n in enumerate(extra_sheets))
        pr = '<workbookPr date1904="1"/>' if date1904 else ""
        z.writestr("xl/workbook.xml", f'<?xml version="1.0"?><workbook {NS} {RNS}>{pr}<sheets>{sheets}'
                   f'<sheet name="{sheet_name}" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", f'<?xml version="1.0"?><Relationships xmlns="{PNS}">'
                   f'<Relationship Id="rId1" Type="{ODR}/worksheet" Target="worksheets/sheet1.xml"/>'
                   f'<Relationship Id="rId2" Type="{ODR}/sharedStrings" Target="/xl/sharedStrings.xml"/>'
                   f'<Relationship Id="rId3" Type="{ODR}/styles" Target="styles.xml"/></Relationships>')
        z.writestr("xl/styles.xml", f'<?xml version="1.0"?><styleSheet {NS}><numFmts count="2">'
                   '<numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="&quot;day&quot; 0.00"/></numFmts>'
                   '<cellStyleXfs><xf numFmtId="14"/></cellStyleXfs>'
                   '<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>')
        z.writestr("xl/sharedStrings.xml", sst_xml or f'<?xml version="1.0"?><sst {NS}>'
                   '<si><t>commune</t></si><si><t>indicator</t></si>'
                   '<si><r><rPr><b/></rPr><t>Rich </t></r><r><t xml:space="preserve">text, joined</t></r>'
                   '<rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>'
                   '<si><t>line one\nline two</t></si><si><t>año &amp; &lt;ñandú&gt;</t></si></sst>')
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)


cells_sheet = (f'<?xml version="1.0"?><worksheet {NS}><sheetData>'
               '<row r="1"><c r="A1" t="inlineStr"><is><t>Instructions: fill in the answers</t></is></c></row>'
               '<row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3" t="s"><v>1</v></c><c r="C3" t="inlineStr"><is><t>value</t></is></c>'
               '<c r="D3" t="inlineStr"><is><t>kind</t></is></c></row>'
               '<row r="4"><c r="A4"><v>13101</v></c><c r="B4" t="inlineStr"><is><t>MR-01</t></is></c><c r="C4" t="s"><v>2</v></c></row>'
               '<row r="5"><c r="A5"><v>2.5</v></c><c r="B5" t="inlineStr"><is><r><t>MR-</t></r><r><t>02</t></r></is></c><c r="C5" t="b"><v>1</v></c><c r="D5" t="b"><v>0</v></c></row>'
               '<row r="6"><c r="B6" t="s"><v>3</v></c><c r="C6" t="str"><f>A4&amp;"x"</f><v>13101x</v></c><c r="D6" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>'
               '<row r="7"><c r="C7" s="1"><v>45413</v></c><c r="D7" s="2"><v>45413.75</v></c></row>'
               '<row r="8"><c r="C8" s="3"><v>45413</v></c><c r="D8"><f>0.1+0.2</f><v>0.30000000000000004</v></c></row>'
               '<row r="9"><c r="C9" t="d"><v>2024-05-01T00:00:00</v></c><c r="D9"><v>1E+21</v></c></row>'
               '<row r="10"><c r="C10" t="s"/><c r="D10"><v></v></c></row>'
               '<row r="11"><c r="E11" t="inlineStr"><is><t>outside the named columns</t></is></c></row>'
               '<row><c t="s"><v>4</v></c><c><v>-0</v></c><c><v>60</v></c><c s="1"><v>60</v></c></row>'
               '<row r="14"><c r="A14" s="1"><v>59</v></c><c r="B14" s="1"><v>61</v></c></row>'
               '</sheetData></worksheet>')
xlsx("cells.xlsx", cells_sheet)

OFF = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
TAB = 'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
TXT = 'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'


def ods(name, body):
    with zipfile.ZipFile(path(name), "w", Z) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>')
        z.writestr("content.xml", f'<?xml version="1.0"?><office:document-content {OFF} {TAB} {TXT}>'
                   f'<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>')


def c(text=None, **a):
    attrs = "".join(f' {k.replace("_", ":", 1).replace("_", "-")}="{v}"' for k, v in a.items())
    return f'<table:table-cell{attrs}>{text or ""}</table:table-cell>'


def p(*parts):
    return "".join(f"<text:p>{x}</text:p>" for x in parts)


ods_body = ('<table:table table:name="Other"><table:table-row>' + c(p("indicator")) + '</table:table-row></table:table>'
            '<table:table table:name=" entry "><table:table-column table:number-columns-repeated="4"/>'
            '<table:table-row>' + c(p("Instructions: fill in the answers")) + '</table:table-row>'
            '<table:table-row table:number-rows-repeated="1"/>'
            '<table:table-row>' + c(p("commune")) + c(p("indicator")) + c(p("value")) + c(p("kind")) + '</table:table-row>'
            '<table:table-row>' + c(p("13,101"), office_value_type="float", office_value="13101") + c(p("MR-01"))
            + c(p("Rich <text:span>text, joined</text:span>"), office_value_type="string") + '</table:table-row>'
            '<table:table-row>' + c(p("2.50"), office_value_type="float", office_value="2.5") + c(p("MR-02"))
            + c(p("TRUE"), office_value_type="boolean", office_boolean_value="true")
            + c(p("FALSE"), office_value_type="boolean", office_boolean_value="false") + '</table:table-row>'
            '<table:table-row>' + c() + c(p("line one", "line two")) + c(p("13101x"), table_formula="of:=[.A4]&amp;&quot;x&quot;", office_value_type="string")
            + c(p("Err:532")) + '</table:table-row>'
            '<table:table-row>' + c(table_number_columns_repeated="2") + c(p("01/05/2024"), office_value_type="date", office_date_value="2024-05-01")
            + c(p("01/05/2024 18:00"), office_value_type="date", office_date_value="2024-05-01T18:00:00") + '</table:table-row>'
            '<table:table-row>' + c(table_number_columns_repeated="2") + c(p("a<text:s text:c=\"3\"/>b<text:tab/>c<text:line-break/>d")
                                                                           + '<office:annotation><text:p>a comment</text:p></office:annotation>')
            + c(p("0.3"), office_value_type="float", office_value="0.30000000000000004") + '</table:table-row>'
            '<table:table-row table:number-rows-repeated="2">' + c(p("x"), table_number_columns_repeated="2") + '</table:table-row>'
            '<table:table-row table:number-rows-repeated="1048000">' + c(table_number_columns_repeated="1024") + '</table:table-row>'
            '</table:table>')
ods("cells.ods", ods_body)

# ---------------------------------------------------------------------------- hostile
if not template:
    sys.exit(0)
sheet = "xl/worksheets/sheet1.xml"
sst = "xl/sharedStrings.xml"

# A zip bomb: a part of 110 MB of spaces, deflated to about 100 KB.
with zipfile.ZipFile(template) as src, zipfile.ZipFile(path("bomb.xlsx"), "w", Z) as dst:
    for info in src.infolist():
        if info.filename != sst:
            dst.writestr(info.filename, src.read(info.filename))
    with dst.open(sst, "w") as f:
        f.write(b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
        block = b" " * (1 << 20)
        for _ in range(110):
            f.write(block)
        f.write(b"</sst>")

laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
          + f']><sst {NS}><si><t>&lol9;</t></si></sst>')
copy_template("laughs.xlsx", {sst: laughs})
xxe = (f'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
       f'<sst {NS}><si><t>&xxe;</t></si></sst>')
copy_template("xxe.xlsx", {sst: xxe})
copy_template("dotdot.xlsx", extra={"../x": "escaped"})
# Eight million empty shared strings (40 MB of XML): bounded memory, a clear refusal.
copy_template("manystrings.xlsx", {sst: f'<?xml version="1.0"?><sst {NS}>'.encode() + b"<si/>" * 8000000 + b"</sst>"})
with zipfile.ZipFile(template) as src, zipfile.ZipFile(path("rows.xlsx"), "w", Z) as dst:
    for info in src.infolist():
        if info.filename != sheet:
            dst.writestr(info.filename, src.read(info.filename))
    with dst.open(sheet, "w") as f:
        f.write(f'<?xml version="1.0"?><worksheet {NS}><sheetData>'.encode())
        row = b"<row><c><v>1</v></c></row>"
        for _ in range(1048576 // 4096):
            f.write(row * 4096)
        f.write(b"</sheetData></worksheet>")
with zipfile.ZipFile(template) as src:
    data = src.read(sheet).replace(b'<v>0</v>', b'<v>99999</v>', 1)
copy_template("sstrange.xlsx", {sheet: data})
size = os.path.getsize(template)
with open(template, "rb") as f, open(path("truncated.xlsx"), "wb") as g:
    g.write(f.read(size // 2))
with zipfile.ZipFile(template) as src:
    data = src.read("xl/workbook.xml").replace(b'name="Entry"', b'name="Datos"').replace(b'name="Ingreso"', b'name="Datos"')
copy_template("nosheet.xlsx", {"xl/workbook.xml": data})


def cfb(names):
    """A minimal OLE compound file whose directory lists streams of these names."""
    ss = 512
    head = bytearray(512)
    head[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHHH", head, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", head, 0x2C, 1)           # FAT sectors
    struct.pack_into("<I", head, 0x30, 1)           # first directory sector
    struct.pack_into("<I", head, 0x38, 4096)
    struct.pack_into("<IIII", head, 0x3C, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    for i in range(109):
        struct.pack_into("<I", head, 0x4C + 4 * i, 0 if i == 0 else 0xFFFFFFFF)
    fat = bytearray(b"\xff" * ss)
    struct.pack_into("<II", fat, 0, 0xFFFFFFFD, 0xFFFFFFFE)
    dirs = bytearray(ss)
    for k, (n, t) in enumerate([("Root Entry", 5)] + [(x, 2) for x in names]):
        e = 128 * k
        u = n.encode("utf-16-le")
        dirs[e:e + len(u)] = u
        struct.pack_into("<HB", dirs, e + 0x40, len(u) + 2, t)
    return bytes(head + fat + dirs)


with open(path("encrypted.xlsx"), "wb") as f:
    f.write(cfb(["\x06DataSpaces", "EncryptionInfo", "EncryptedPackage"]))
with open(path("old.xls"), "wb") as f:
    f.write(cfb(["Workbook", "\x05SummaryInformation"]))
