#!/bin/sh
# sheets.sh — the researcher's path with workbooks and no "save as CSV" step, against the
# CSV path, byte for byte: init, template, fill the Entry sheet (openpyxl), then merge it
# as written by openpyxl, as saved by LibreOffice (.xlsx and .ods), and as the CSV
# LibreOffice saves (the old path); validate; build --draft; fill the draft annex's
# Feedback sheet (openpyxl, saved again by LibreOffice) and feedback apply the .xlsx,
# against the draft's feedback.csv filled alike; the final build. The data and the
# outputs of both paths are the same bytes.  usage: sheets.sh MGI SOURCE_DIR
set -u
mgi=$1 src=$2
. "$(dirname "$0")/lib.sh"
command -v soffice >/dev/null || missing sheets "LibreOffice (soffice: apt-get install libreoffice-calc-nogui)"
py=/usr/bin/python3 # Debian's, with python3-openpyxl
$py -c 'import openpyxl' 2>/dev/null || missing sheets "openpyxl (apt-get install python3-openpyxl)"
export SOURCE_DATE_EPOCH=1700000000
cd "$tmp"
mkdir home
lo() { HOME=$tmp/home timeout 120 soffice --headless --norestore --convert-to "$@" >>lo.log 2>&1; }

"$mgi" init base --lang es >log 2>&1 || { cat log; fail "init"; }
echo "13125,Quilicura,Metropolitana de Santiago,Chile" >>base/communes.csv # as the guide says: the optional cells left out
"$mgi" template base --commune 13125 --year 2024 -o entrada.xlsx >log 2>&1 || { cat log; fail "template"; }
$py "$src/tests/workbook/fill.py" entry entrada.xlsx filled.xlsx || fail "fill the Entry sheet"
mkdir lo
(cd lo && lo xlsx ../filled.xlsx && lo ods ../filled.xlsx &&
    lo 'csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false' ../filled.xlsx)
for f in lo/filled.xlsx lo/filled.ods lo/filled.csv; do
    [ -s "$f" ] || { fail "LibreOffice wrote no $f"; cat lo.log; }
done

# The CSV path, then each workbook: the same responses.csv.
cp -R base csv
"$mgi" merge csv lo/filled.csv >report 2>log || { cat log; fail "merge the CSV"; }
n=$(sed -n 's/^mgi: merge: \([0-9]*\) changes written.*/\1/p' log)
[ "${n:-0}" -gt 92 ] || { fail "merge the CSV: summary"; cat log; }
grep -q 'Two lines:' csv/responses.csv || fail "the CSV path lost a finding"
for f in filled.xlsx lo/filled.xlsx lo/filled.ods; do
    d=data-$(echo "$f" | tr ./ --)
    cp -R base "$d"
    /usr/bin/time -f '%e s' -o time "$mgi" merge "$d" "$f" >report 2>log || { cat log; fail "merge $f"; }
    grep -q "^mgi: merge: $n changes written" log || { fail "merge $f: summary"; cat log; }
    cmp "$d/responses.csv" csv/responses.csv || { fail "$f: responses.csv differs from the CSV path's";
        diff "$d/responses.csv" csv/responses.csv | head -5; }
    echo "merge $f: $(cat time)"
done
cp -R data-lo-filled-xlsx wb

# A bad answer in the LibreOffice workbook: named by sheet and cell, nothing changed.
$py - <<'PY'
import openpyxl
wb = openpyxl.load_workbook("lo/filled.xlsx")
wb.worksheets[0]["H12"] = "si"
wb.save("bad.xlsx")
PY
cp wb/responses.csv before.csv
"$mgi" merge wb bad.xlsx >log 2>&1
[ $? = 65 ] || fail "a bad answer in a workbook is not a data error"
grep -Eq '^bad.xlsx:(Entry|Ingreso)!H12: error: unknown answer "si" \(use yes, partial, no or na\)$' log ||
    { fail "a bad answer in a workbook: message"; cat log; }
cmp -s wb/responses.csv before.csv || fail "a bad workbook changed the data"

# The same workbook saved by LibreOffice as Excel 97-2003: the advice to save it as .xlsx.
(cd lo && lo xls ../filled.xlsx)
"$mgi" merge wb lo/filled.xls >log 2>&1
[ $? = 65 ] && grep -q '^lo/filled.xls: error: an Excel 97-2003 workbook (.xls).*save it as .xlsx' log ||
    { fail "an .xls from LibreOffice"; cat log; }
cmp -s wb/responses.csv before.csv || fail "an .xls changed the data"

# validate, the draft, and the consultation through the draft annex's Feedback sheet.
for d in csv wb; do
    "$mgi" validate $d >log 2>&1 || { cat log; fail "validate $d"; }
    "$mgi" build $d -o out-$d --draft >log 2>&1 || { cat log; fail "draft build $d"; }
done
annex=out-wb/13125-2024/annex.xlsx # in English, as feedback.csv
$py "$src/tests/workbook/fill.py" feedback "$annex" reviewed.xlsx || fail "fill the Feedback sheet"
mkdir lo2
(cd lo2 && lo xlsx ../reviewed.xlsx)
[ -s lo2/reviewed.xlsx ] || { fail "LibreOffice did not save the reviewed annex"; cat lo.log; }
$py "$src/tests/workbook/fill.py" feedback-csv out-csv/13125-2024/feedback.csv reviewed.csv ||
    fail "fill feedback.csv"
"$mgi" feedback apply csv reviewed.csv >log 2>&1 || { cat log; fail "feedback apply the CSV"; }
grep -q '4 changes written' log || { fail "feedback apply the CSV: summary"; cat log; }
"$mgi" feedback apply wb lo2/reviewed.xlsx >log 2>&1 || { cat log; fail "feedback apply the workbook"; }
grep -q '4 changes written' log || { fail "feedback apply the workbook: summary"; cat log; }
for f in responses.csv changelog.csv; do
    cmp csv/$f wb/$f || { fail "after feedback: $f differs"; diff csv/$f wb/$f | head -5; }
done

# The final build: the same files, byte for byte.
for d in csv wb; do
    "$mgi" build $d -o final-$d >log 2>&1 || { cat log; fail "final build $d"; }
done
diff -r final-csv final-wb >diff.log || { fail "the final builds differ"; head -5 diff.log; }
[ -s final-wb/13125-2024/profile-es.pdf ] || fail "no final profile"

echo "sheets: $fails failures"
[ "$fails" = 0 ]
