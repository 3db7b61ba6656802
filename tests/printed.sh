#!/bin/sh
# printed.sh — workbooks of the demo data as LibreOffice prints them: the comparison (English
# and Spanish, tests/workbook/cmpprint.py) and the data-entry workbook of mgi template
# (tests/workbook/entryprint.py): legible pages that say what they are, nothing cut.
# usage: printed.sh MGI SOURCE_DIR
set -u
mgi=$1 src=$2
. "$(dirname "$0")/lib.sh"
command -v soffice >/dev/null || missing printed "LibreOffice (soffice: apt-get install libreoffice-calc-nogui)"
"$mgi" build "$src/data" -o "$tmp/out" -q || exit 1
mkdir "$tmp/home" "$tmp/pdf"
for f in comparison.xlsx comparison.es.xlsx; do
    (cd "$tmp/pdf" && HOME=$tmp/home timeout 120 soffice --headless --norestore --convert-to pdf "$tmp/out/$f" >/dev/null 2>&1)
    lang=en; [ "$f" = comparison.es.xlsx ] && lang=es
    /usr/bin/python3 "$src/tests/workbook/cmpprint.py" "$tmp/pdf/${f%.xlsx}.pdf" $lang "$src/layouts/strings.ini" "$src/data/domains.csv" "$src/data/communes.csv" || fails=$((fails + 1))
done
"$mgi" template "$src/data" --commune 13101 --year 2022 -o "$tmp/entry.xlsx" >/dev/null || exit 1
(cd "$tmp/pdf" && HOME=$tmp/home timeout 120 soffice --headless --norestore --convert-to pdf "$tmp/entry.xlsx" >/dev/null 2>&1)
/usr/bin/python3 "$src/tests/workbook/entryprint.py" "$tmp/pdf/entry.pdf" en "$src/layouts/strings.ini" Santiago 2022 || fails=$((fails + 1))
exit $fails
