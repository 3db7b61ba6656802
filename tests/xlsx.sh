#!/bin/sh
# xlsx.sh — the workbooks as Excel and LibreOffice see them: the XML inside (sheets,
# formulas with cached values, validation, frozen panes, text never turned into formulas),
# reproducibility, and LibreOffice recalculating the Domains formulas to mgi's values.
# usage: xlsx.sh MGI SOURCE_DIR
set -u
mgi=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# Demo data with a finding that looks like a formula.
cp -R "$src/data" "$tmp/data"
sed -i 's|^13101,2022,MR-01,yes,"[^"]*"|13101,2022,MR-01,yes,"=HYPERLINK(""http://evil.example"",""click"")"|' \
    "$tmp/data/responses.csv"
grep -q 'evil.example' "$tmp/data/responses.csv" || fail "could not plant the formula-like finding"
SOURCE_DATE_EPOCH=0 "$mgi" build "$tmp/data" -o "$tmp/a" >"$tmp/log" 2>&1 || { cat "$tmp/log"; fail "build"; }
SOURCE_DATE_EPOCH=0 "$mgi" build "$tmp/data" -o "$tmp/b" >/dev/null 2>&1 || fail "second build"
annex=$tmp/a/13101-2022/annex.xlsx
cmp -s "$annex" "$tmp/b/13101-2022/annex.xlsx" || fail "two annexes with SOURCE_DATE_EPOCH=0 differ"
cmp -s "$tmp/a/comparison.xlsx" "$tmp/b/comparison.xlsx" || fail "two comparison workbooks differ"
[ -s "$tmp/a/13101-2022/annex.es.xlsx" ] || fail "no Spanish annex"
[ -s "$tmp/a/13125-2022/annex.xlsx" ] || fail "no Quilicura annex"

mkdir "$tmp/x" && (cd "$tmp/x" && unzip -q "$annex") || fail "the annex is not a zip"
wb=$tmp/x/xl/workbook.xml
for s in Indicators Domains About; do
    grep -q "<sheet name=\"$s\"" "$wb" || fail "no $s sheet"
done
grep -q '<sheet name="Trend"' "$wb" && fail "a Trend sheet for a commune with one year"
ind=$tmp/x/xl/worksheets/sheet1.xml dom=$tmp/x/xl/worksheets/sheet2.xml
grep -q '<pane .*state="frozen"' "$ind" || fail "Indicators header not frozen"
grep -q '<autoFilter ref="A1:L92"/>' "$ind" || fail "no autofilter over the indicators"
grep -q '<dataValidation type="list".*sqref="E2:E92".*<formula1>"yes,partial,no,na"</formula1>' "$ind" ||
    fail "no answer list on E2:E92"
grep -q '<conditionalFormatting sqref="E2:E92">' "$ind" || fail "answers not coloured"
grep -q '<c r="F2" s="[0-9]*"><f>IF(E2="yes",1,IF(E2="partial",0.5,IF(E2="no",0,"")))</f><v>1</v></c>' "$ind" ||
    fail "score formula with its cached value"
# Santiago's rights score, formula and cached value 0.65625; overall 4069/6336.
grep -q '<c r="B2" s="[0-9]*"><f>IFERROR(SUMIFS(.*</f><v>0.65625</v></c>' "$dom" || fail "rights score formula"
grep -q '<c r="D4" s="[0-9]*" t="str"><f>IF(B4="","",IF(ROUND(B4,12)&lt;0.4,.*<v>Partially meets</v>' "$dom" ||
    fail "partnerships level formula"
# The formula-like finding is a string (shared string), never a formula.
grep -q 'HYPERLINK' "$ind" && fail "the finding became a formula"
grep -q '=HYPERLINK("http://evil.example","click")' "$tmp/x/xl/sharedStrings.xml" ||
    fail "the finding is not kept as text"
grep -q '<dc:title>Migration Governance Indicators — Local — Santiago 2022</dc:title>' "$tmp/x/docProps/core.xml" ||
    fail "workbook title"
grep -q '<dcterms:created xsi:type="dcterms:W3CDTF">1970-01-01T00:00:01Z</dcterms:created>' "$tmp/x/docProps/core.xml" ||
    fail "creation date not pinned"
mkdir "$tmp/c" && (cd "$tmp/c" && unzip -q "$tmp/a/comparison.xlsx")
grep -q '<sheet name="Communes"' "$tmp/c/xl/workbook.xml" || fail "no Communes sheet"
[ "$(grep -o '<sheet name=' "$tmp/c/xl/workbook.xml" | wc -l)" = 7 ] || fail "comparison: not 1 + 6 sheets"
grep -q 'type="colorScale"' "$tmp/c/xl/worksheets/sheet1.xml" || fail "no colour scale"

# LibreOffice, made to recalculate every formula on load, agrees with mgi to 1e-9.
if command -v soffice >/dev/null 2>&1; then
    home=$tmp/home
    mkdir -p "$home/.config/libreoffice/4/user"
    cat >"$home/.config/libreoffice/4/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
XCU
    # A copy whose cached rights score is wrong: recalculation must correct it.
    mkdir "$tmp/w" && (cd "$tmp/x" && sed -i 's|<v>0.65625</v>|<v>0.111</v>|' xl/worksheets/sheet2.xml &&
        zip -q -r "$tmp/w/wrong.xlsx" .) || fail "could not make the wrong copy"
    cp "$annex" "$tmp/w/annex.xlsx"
    (cd "$tmp/w" && HOME=$home timeout 120 soffice --headless --norestore \
        --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
        --outdir "$tmp/w" annex.xlsx wrong.xlsx >"$tmp/lo.log" 2>&1) || { fail "soffice"; cat "$tmp/lo.log"; }
    "$mgi" assess "$tmp/data" --commune 13101 --year 2022 >"$tmp/assess.csv"
    for f in annex wrong; do
        csv=$tmp/w/$f-Domains.csv
        [ -s "$csv" ] || { fail "LibreOffice wrote no $f-Domains.csv"; ls "$tmp/w"; continue; }
        # Domains rows: name, score, coverage, level, insufficient; match by name order.
        awk -F, 'NR > 1 && NR <= 8 { print $2, $3 }' "$csv" | tr -d '"%' >"$tmp/lo.txt"
        awk -F, 'NR > 1 { print $5, $6 }' "$tmp/assess.csv" >"$tmp/mgi.txt"
        paste -d' ' "$tmp/lo.txt" "$tmp/mgi.txt" | awk -v f="$f" '
            function abs(x) { return x < 0 ? -x : x }
            { if (abs($1 - $3) > 1e-9) { printf "FAIL: %s row %d: LibreOffice %s, mgi %s\n", f, NR, $1, $3; bad = 1 } }
            END { exit bad }' || fails=$((fails + 1))
    done
    grep -q '"=HYPERLINK(""http://evil.example"",""click"")"' "$tmp/w/annex-Indicators.csv" ||
        fail "LibreOffice does not show the formula-like finding as text"
else
    echo "xlsx: soffice not installed; LibreOffice checks skipped"
fi
echo "xlsx: $fails failures"
[ "$fails" = 0 ]
