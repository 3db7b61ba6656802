#!/bin/sh
# workflow.sh — doc/GUIDE.md from scratch, as a researcher would do it: init, add the
# commune, template, fill the Entry sheet and save it the way LibreOffice saves CSV
# (Spanish locale: ';'), merge, validate, build. Then a re-merge changes nothing and a
# bad answer is reported at its line of the sheet.  usage: workflow.sh MGI
set -u
mgi=$1
. "$(dirname "$0")/lib.sh"
command -v soffice >/dev/null || missing workflow "LibreOffice (soffice: apt-get install libreoffice-calc-nogui)"
cd "$tmp"

# 1. A new data directory.
"$mgi" init mi-comuna --lang es >log 2>&1 || { cat log; fail "init"; }
for f in domains.csv indicators.csv communes.csv responses.csv method.ini LEEME.md; do
    [ -s "mi-comuna/$f" ] || fail "init did not write $f"
done
"$mgi" init mi-comuna >log 2>&1
[ $? = 73 ] || fail "init over an existing directory is not refused"
# 2. The commune.
echo '13125,Quilicura,Metropolitana de Santiago,Chile,210410,28000,2022,INE' >>mi-comuna/communes.csv
"$mgi" validate mi-comuna >log 2>&1 || { cat log; fail "validate before any answer"; }
# 3. The data-entry workbook.
"$mgi" template mi-comuna --commune 13125 --year 2024 -o entrada.xlsx >log 2>&1 || { cat log; fail "template"; }
# 4. Saved as CSV by LibreOffice with ';' (as Spanish-locale spreadsheets do), then filled in.
mkdir home
HOME=$tmp/home timeout 120 soffice --headless --norestore \
    --convert-to 'csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false' \
    entrada.xlsx >lo.log 2>&1 || { cat lo.log; fail "soffice"; }
[ -s entrada.csv ] || { fail "LibreOffice wrote no CSV"; echo "workflow: $fails failures"; exit 1; }
head -1 entrada.csv | grep -q '^commune;year;indicator;domain;area;question_en;question_es;answer;finding_en;finding_es;source' ||
    { fail "the Entry sheet's header"; head -1 entrada.csv; }
# Fill: answers cycle through yes, partial, no, na; a finding with a ';' inside quotes.
awk -F';' -v OFS=';' 'NR == 1 { print; next }
    { split("yes partial no na", a, " "); $8 = a[(NR % 4) + 1]
      if ($3 == "MR-01") { $9 = "\"Every migrant can use the health centres; no papers asked.\"" }
      print }' entrada.csv >filled.csv
printf '\357\273\277' >excel.csv && sed 's/$/\r/' filled.csv >>excel.csv  # BOM and CRLF, as Excel writes
"$mgi" merge mi-comuna excel.csv >log 2>&1 || { cat log; fail "merge"; }
grep -q '92 changes written' log || { fail "merge summary"; cat log; }
[ -s mi-comuna/responses.csv.bak ] || fail "no backup"
grep -q '^13125,2024,MR-01,' mi-comuna/responses.csv || fail "no answers for 13125 in 2024"
grep -q 'Every migrant can use the health centres; no papers asked.' mi-comuna/responses.csv ||
    fail "the finding did not arrive"
"$mgi" validate mi-comuna >log 2>&1 || { cat log; fail "validate after merge"; }
grep -q ' 0 errors' log || fail "validate summary"
# Re-merge: nothing changes.
cp mi-comuna/responses.csv before.csv
"$mgi" merge mi-comuna excel.csv >log 2>&1 || fail "re-merge"
grep -q 'no changes' log || fail "re-merge changed something"
cmp -s mi-comuna/responses.csv before.csv || fail "responses.csv changed on re-merge"
# A bad answer in the sheet: its line in the sheet, nothing changed.
awk -F';' -v OFS=';' 'NR == 6 { $8 = "si" } { print }' filled.csv >bad.csv
"$mgi" merge mi-comuna bad.csv >log 2>&1
[ $? = 65 ] || fail "a bad answer is not a data error"
grep -q '^bad.csv:6:.*: error: unknown answer "si" (use yes, partial, no or na)' log || { fail "bad answer message"; cat log; }
cmp -s mi-comuna/responses.csv before.csv || fail "a bad sheet changed the data"
# A year of zeros (no year at all) is refused the same way.
awk -F';' -v OFS=';' 'NR == 6 { $2 = "0000" } { print }' filled.csv >zero.csv
"$mgi" merge mi-comuna zero.csv >log 2>&1
[ $? = 65 ] || fail "a year 0000 is not a data error"
grep -q '^zero.csv:6:[0-9]*: error: year "0000" is outside 1900 to 2999' log || { fail "year 0000 message"; cat log; }
cmp -s mi-comuna/responses.csv before.csv || fail "a year 0000 changed the data"
# 5. The draft and the final profile.
"$mgi" build mi-comuna -o out --draft >log 2>&1 || { cat log; fail "draft build"; }
[ -s out/13125-2024/profile-es.pdf ] && [ -s out/13125-2024/feedback.csv ] || fail "no draft"
"$mgi" build mi-comuna -o out >log 2>&1 || { cat log; fail "final build"; }
pdftotext out/13125-2024/profile-en.pdf - 2>/dev/null | grep -q 'Municipality of Quilicura (Chile)' ||
    fail "the profile is not Quilicura's"
echo "workflow: $fails failures"
[ "$fails" = 0 ]
