#!/usr/bin/env python3
"""pdfua.py — checks the rules of PDF/UA-1 and PDF/A-2a that a program can check.

usage: pdfua.py FILE.pdf...

Reads each file through qpdf's JSON (objects, and content streams decoded) and checks:
  - the catalog: /MarkInfo /Marked true, /Lang, /StructTreeRoot, DisplayDocTitle, an
    OutputIntent with its ICC profile, XMP metadata that parses, identifies PDF/A-2a and
    PDF/UA-1 and gives the same title as the information dictionary;
  - every page: /Tabs /S and /StructParents; every operator that paints text or graphics
    is inside marked content (tagged, or an artifact), MCIDs unique on the page;
  - the structure tree: every MCID of every page is referenced exactly once, and the
    parent tree gives back the element that references it; every annotation is tagged
    (an OBJR in a Link, /StructParent, /Contents); every Figure has /Alt; TH have /Scope;
  - every font is embedded.
Prints one line per problem and exits 1 when there is any.
"""

import base64
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

PAINT = {"Tj", "TJ", "'", '"', "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh", "Do", "BI"}
TOKEN = re.compile(rb"""\s*(?:
    (?P<str>\() |
    (?P<hex><[0-9A-Fa-f\s]*>) |
    (?P<dopen><<) | (?P<dclose>>>) |
    (?P<aopen>\[) | (?P<aclose>\]) |
    (?P<name>/[^\s/\[\]()<>{}%]*) |
    (?P<num>[+-]?(?:\d+\.?\d*|\.\d+)) |
    (?P<op>[A-Za-z'"*]+) |
    (?P<comment>%[^\r\n]*)
)""", re.X)


def literal_end(data, i):
    """The index after the literal string that starts at data[i] == '('."""
    depth, i = 1, i + 1
    while depth and i < len(data):
        c = data[i]
        if c == 0x5C:  # backslash
            i += 2
            continue
        depth += c == 0x28
        depth -= c == 0x29
        i += 1
    return i


def operators(data):
    """(operator, operands) of a content stream; operands as bytes tokens."""
    i, operands = 0, []
    while i < len(data):
        m = TOKEN.match(data, i)
        if not m or m.end() == i:
            if data[i:i + 1].isspace():
                i += 1
                continue
            raise ValueError(f"cannot read the content stream at byte {i}")
        i = m.end()
        if m.group("str"):
            j = literal_end(data, m.start("str"))
            operands.append(data[m.start("str"):j])
            i = j
        elif m.group("op"):
            yield m.group("op").decode(), operands
            operands = []
        elif m.group("comment"):
            continue
        else:
            operands.append(m.group(0).strip())


class Doc:
    def __init__(self, path):
        out = subprocess.run(["qpdf", "--json", "--json-stream-data=inline",
                              "--decode-level=generalized", path],
                             capture_output=True, check=True)
        j = json.loads(out.stdout)
        self.objs = j["qpdf"][1]
        self.pages = [p["object"] for p in j["pages"]]
        self.trailer = self.objs["trailer"]["value"]

    def get(self, ref):
        if isinstance(ref, str) and ref.endswith(" R"):
            o = self.objs.get("obj:" + ref, {})
            return o.get("value", o.get("stream", {}).get("dict"))
        return ref

    def data(self, ref):
        s = self.objs["obj:" + ref]["stream"]
        return base64.b64decode(s.get("data", ""))


def text(v):
    return v[2:] if isinstance(v, str) and v[:2] in ("u:", "b:") else v


def check(path):
    d, problems = Doc(path), []

    def bad(msg):
        problems.append(f"{path}: {msg}")

    cat = d.get(d.trailer["/Root"])
    info = d.get(d.trailer.get("/Info")) or {}
    if (cat.get("/MarkInfo") or {}).get("/Marked") is not True:
        bad("catalog: no /MarkInfo << /Marked true >>")
    if not text(cat.get("/Lang")):
        bad("catalog: no /Lang")
    if (cat.get("/ViewerPreferences") or {}).get("/DisplayDocTitle") is not True:
        bad("catalog: DisplayDocTitle is not true")
    intents = cat.get("/OutputIntents") or []
    if not intents or not any(d.get(i).get("/DestOutputProfile") for i in intents):
        bad("catalog: no OutputIntent with an ICC profile")
    if "/Metadata" not in cat:
        bad("catalog: no XMP metadata")
    else:
        try:
            x = ET.fromstring(d.data(cat["/Metadata"]))
            ns = {"pdfaid": "http://www.aiim.org/pdfa/ns/id/",
                  "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
                  "dc": "http://purl.org/dc/elements/1.1/",
                  "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}
            val = lambda p: (x.find(".//" + p, ns).text if x.find(".//" + p, ns) is not None else None)
            if val("pdfaid:part") != "2" or val("pdfaid:conformance") != "A":
                bad("XMP: does not identify PDF/A-2a")
            if val("pdfuaid:part") != "1":
                bad("XMP: does not identify PDF/UA-1")
            title = x.find(".//dc:title/rdf:Alt/rdf:li", ns)
            if title is None or title.text != text(info.get("/Title")):
                bad("XMP: dc:title is not the information dictionary's /Title")
        except ET.ParseError as e:
            bad(f"XMP does not parse: {e}")

    # the structure tree: references to marked content and annotations
    root = d.get(cat.get("/StructTreeRoot"))
    if not root:
        bad("catalog: no /StructTreeRoot")
        return problems
    page_of = {ref: i for i, ref in enumerate(d.pages)}
    refs, objr, elems = {}, {}, []  # (page, mcid) -> element; annot -> element

    def walk(ref, depth=0):
        e = d.get(ref)
        if not isinstance(e, dict):
            return
        elems.append((ref, e))
        pg = e.get("/Pg")
        kids = e.get("/K", [])
        for k in kids if isinstance(kids, list) else [kids]:
            if isinstance(k, int):
                key = (page_of.get(pg), k)
                if key in refs:
                    bad(f"MCID {k} of page {key[0]} is referenced twice")
                refs[key] = ref
            elif isinstance(k, str) and k.endswith(" R"):
                walk(k, depth + 1)
            elif isinstance(k, dict) and k.get("/Type") == "/MCR":
                key = (page_of.get(k.get("/Pg", pg)), k["/MCID"])
                if key in refs:
                    bad(f"MCID {key[1]} of page {key[0]} is referenced twice")
                refs[key] = ref
            elif isinstance(k, dict) and k.get("/Type") == "/OBJR":
                objr[k["/Obj"]] = ref

    k = root.get("/K", [])
    for r in k if isinstance(k, list) else [k]:
        walk(r)
    for ref, e in elems:
        s = e.get("/S")
        if s == "/Figure" and not text(e.get("/Alt")):
            bad(f"Figure {ref} has no /Alt")
        if s == "/TH" and "/Scope" not in json.dumps(e.get("/A", {})):
            bad(f"TH {ref} has no /Scope")
        if s == "/Link" and not any(isinstance(c, dict) and c.get("/Type") == "/OBJR"
                                    for c in (e.get("/K") if isinstance(e.get("/K"), list) else [])):
            bad(f"Link {ref} has no annotation")

    ptree = d.get(root.get("/ParentTree")) or {}
    nums = ptree.get("/Nums", [])
    parent = {nums[i]: nums[i + 1] for i in range(0, len(nums) - 1, 2)}

    seen = set()
    for pi, pref in enumerate(d.pages):
        page = d.get(pref)
        if page.get("/Tabs") != "/S":
            bad(f"page {pi + 1}: no /Tabs /S")
        sp = page.get("/StructParents")
        contents = page.get("/Contents")
        streams = contents if isinstance(contents, list) else [contents] if contents else []
        depth, marks = 0, []
        for sref in streams:
            for op, args in operators(d.data(sref)):
                if op in ("BDC", "BMC"):
                    depth += 1
                    if op == "BDC":
                        m = re.search(rb"/MCID\s+(\d+)", b" ".join(args))
                        if m:
                            mc = int(m.group(1))
                            if (pi, mc) in seen:
                                bad(f"page {pi + 1}: MCID {mc} used twice")
                            seen.add((pi, mc))
                            marks.append(mc)
                elif op == "EMC":
                    depth -= 1
                    if depth < 0:
                        bad(f"page {pi + 1}: EMC without BDC")
                        depth = 0
                elif op in PAINT and depth == 0:
                    bad(f"page {pi + 1}: {op} outside marked content")
        if depth:
            bad(f"page {pi + 1}: marked content left open")
        arr = d.get(parent.get(sp)) if sp is not None else None
        if marks and arr is None:
            bad(f"page {pi + 1}: no parent-tree entry for its StructParents {sp}")
        for mc in marks:
            if (pi, mc) not in refs:
                bad(f"page {pi + 1}: MCID {mc} is not in the structure tree")
            elif arr is not None and (mc >= len(arr) or arr[mc] != refs[(pi, mc)]):
                bad(f"page {pi + 1}: the parent tree does not give MCID {mc}'s element")
        for aref in page.get("/Annots", []):
            a = d.get(aref)
            if aref not in objr:
                bad(f"page {pi + 1}: annotation {aref} is not tagged")
            elif parent.get(a.get("/StructParent")) != objr[aref]:
                bad(f"page {pi + 1}: annotation {aref}: the parent tree does not give its Link")
            if not text(a.get("/Contents")):
                bad(f"page {pi + 1}: annotation {aref} has no /Contents")
    for key in refs:
        if key not in seen:
            bad(f"the structure tree refers to MCID {key[1]} of page {key[0]}, which is not there")

    for name, o in d.objs.items():
        v = o.get("value") if "value" in o else o.get("stream", {}).get("dict")
        if isinstance(v, dict) and v.get("/Type") == "/FontDescriptor":
            if not any(k in v for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                bad(f"font {text(v.get('/FontName'))} is not embedded")
    return problems


def main(paths):
    problems = []
    for p in paths:
        try:
            problems += check(p)
        except (subprocess.CalledProcessError, ValueError, KeyError) as e:
            problems.append(f"{p}: cannot check: {e}")
    for p in problems[:200]:
        print(p)
    if len(problems) > 200:
        print(f"... and {len(problems) - 200} more")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
