#!/bin/sh
# annexprint.sh — the annex of Santiago 2022 (English and Spanish) printed by LibreOffice and
# read as a previewer reads it (tests/workbook/annexprint.py), with a finding in Markdown.
# usage: annexprint.sh MGI SOURCE_DIR
set -u
mgi=$1 src=$2
. "$(dirname "$0")/lib.sh"
command -v soffice >/dev/null || missing annexprint "LibreOffice (soffice: apt-get install libreoffice-calc-nogui)"
py=/usr/bin/python3
cp -R "$src/data" "$tmp/data"
grep -q 'Escuela Somos Todos' "$tmp/data/responses.csv" || { echo "annexprint: the demo data changed"; exit 1; }
sed -i 's/programa Escuela Somos Todos/programa *Escuela Somos Todos*/; s/Escuela Somos Todos programme/*Escuela Somos Todos* programme/' "$tmp/data/responses.csv"
"$mgi" build "$tmp/data" -o "$tmp/out" --commune 13101 -q || exit 1
scores=$("$mgi" assess "$tmp/data" --commune 13101 --year 2022 | awk -F, '$1 == "13101" && $4 != "overall" { printf "%s ", $5 }')
mkdir "$tmp/home" "$tmp/pdf"
for f in annex.xlsx annex.es.xlsx; do
    (cd "$tmp/pdf" && HOME=$tmp/home timeout 120 soffice --headless --norestore --convert-to pdf "$tmp/out/13101-2022/$f" >/dev/null 2>&1)
    lang=en; [ "$f" = annex.es.xlsx ] && lang=es
    # shellcheck disable=SC2086
    $py "$src/tests/workbook/annexprint.py" "$tmp/pdf/${f%.xlsx}.pdf" "$tmp/out/13101-2022/$f" Santiago 2022 $lang $scores || fails=$((fails + 1))
done
exit $fails
