#!/bin/sh
# cmpprint.sh — the comparison workbook of the demo data (English and Spanish) as LibreOffice
# prints it (tests/workbook/cmpprint.py): legible pages, nothing cut.
# usage: cmpprint.sh MGI SOURCE_DIR
set -u
mgi=$1 src=$2
. "$(dirname "$0")/lib.sh"
command -v soffice >/dev/null || missing cmpprint "LibreOffice (soffice: apt-get install libreoffice-calc-nogui)"
"$mgi" build "$src/data" -o "$tmp/out" -q || exit 1
mkdir "$tmp/home" "$tmp/pdf"
for f in comparison.xlsx comparison.es.xlsx; do
    (cd "$tmp/pdf" && HOME=$tmp/home timeout 120 soffice --headless --norestore --convert-to pdf "$tmp/out/$f" >/dev/null 2>&1)
    lang=en; [ "$f" = comparison.es.xlsx ] && lang=es
    /usr/bin/python3 "$src/tests/workbook/cmpprint.py" "$tmp/pdf/${f%.xlsx}.pdf" $lang "$src/layouts/strings.ini" "$src/data/domains.csv" "$src/data/communes.csv" || fails=$((fails + 1))
done
exit $fails
