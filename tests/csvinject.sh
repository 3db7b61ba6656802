#!/bin/sh
# csvinject.sh — text from the data that begins as a spreadsheet formula (=, +, -, @) is written
# with an apostrophe before it in the CSV files people open in a spreadsheet (assessment.csv,
# mgi assess, feedback.csv): LibreOffice opens assessment.csv with no formula cell, a negative
# number stays a number, and validate warns where such a name is.
# usage: csvinject.sh MGI SOURCE_DIR
set -u
mgi=$1 src=$2
. "$(dirname "$0")/lib.sh"
cp -R "$src/data" "$tmp/data" && chmod -R u+w "$tmp/data"
sed -i 's/^13108,Independencia,/13108,"=HYPERLINK(""http:\/\/x"",""y"")",/; s/^13106,Estación Central,/13106,@SUM(1),/; s/^13125,Quilicura,/13125,-2+3,/' \
    "$tmp/data/communes.csv"
"$mgi" validate "$tmp/data" >"$tmp/log" 2>&1 || fail "validate"
for want in 'communes.csv:5:7: warning: "=HYPERLINK("http://x","y")" begins as a spreadsheet formula would' \
    'communes.csv:6:7: warning: "@SUM(1)" begins as a spreadsheet formula would'; do
    grep -qF "$want" "$tmp/log" || { fail "validate does not say: $want"; cat "$tmp/log"; }
done
"$mgi" assess "$tmp/data" >"$tmp/assess.csv" 2>/dev/null || fail "assess"
grep -q "^13108,\"'=HYPERLINK" "$tmp/assess.csv" || fail "mgi assess writes the formula as it is"
grep -q "^13106,'@SUM(1)," "$tmp/assess.csv" || fail "mgi assess writes @SUM(1) as it is"
grep -q "^13125,'-2+3," "$tmp/assess.csv" || fail "mgi assess writes -2+3 as it is"
grep -q '^13101,Santiago,2022,rights,[0-9.]*,[0-9.]*,[a-z ]*,0,[0-9]*,8,[0-9.]*,$' "$tmp/assess.csv" ||
    fail "an ordinary row changed"
"$mgi" build "$tmp/data" -o "$tmp/out" --commune 13101 --quiet 2>/dev/null || fail "build"
# LibreOffice, as a person would open it: no formula cell.
if command -v soffice >/dev/null; then
    mkdir -p "$tmp/lo" "$tmp/home"
    HOME=$tmp/home timeout 180 soffice --headless --convert-to xlsx --outdir "$tmp/lo" \
        "$tmp/out/assessment.csv" >/dev/null 2>&1 || fail "LibreOffice cannot open assessment.csv"
    /usr/bin/python3 - "$tmp/lo/assessment.xlsx" <<'PY' || fail "formula cells in assessment.csv as LibreOffice opens it"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
f = [c.coordinate for row in ws.iter_rows() for c in row
     if c.data_type == "f" or (isinstance(c.value, str) and c.value.startswith("="))]
names = {ws.cell(row=r, column=2).value for r in range(2, ws.max_row + 1)}
nums = [c.value for c in ws["E"][1:] if c.value is not None]
ok = not f and "'@SUM(1)" in names and all(isinstance(v, (int, float)) for v in nums)
print("" if ok else f"formula cells {f[:5]}, names {sorted(map(str, names))[:4]}")
sys.exit(0 if ok else 1)
PY
fi
# The comment sheet: a question or a finding that begins as a formula is neutralised too.
sed -i '2s/^\(13101,2022,MR-01,[a-z]*,\)"/\1"=1+1 /' "$tmp/data/responses.csv"
"$mgi" build "$tmp/data" -o "$tmp/draft" --commune 13101 --draft --quiet 2>/dev/null || fail "draft build"
grep -q ",\"'=1+1 Every migrant" "$tmp/draft/13101-2022/feedback.csv" ||
    fail "feedback.csv writes a finding that begins as a formula as it is"
echo "$fails failures"
[ "$fails" -eq 0 ] || exit 1
# Without LibreOffice the other checks ran: skipped, not passed (a failure in CI).
. "$(dirname "$0")/need.sh"
command -v soffice >/dev/null ||
    missing csvinject "LibreOffice (soffice: apt-get install libreoffice-calc-nogui) to open assessment.csv; the other checks passed"
