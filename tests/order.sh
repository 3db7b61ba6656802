#!/bin/sh
# order.sh — names in the reader's order and titles in the language's upper case (ICU,
# collate.h): with [report] ranks = no the comparison lists its communes by name, and Spanish
# sorts Ñ after N (Nogales, Ñiquén, Ñuñoa, Ocoa; byte order put the Ñ's after Santiago, a
# fold to ASCII Ñiquén before Nogales); a domain's objective is its chapter's heading in capitals, letters
# beyond Latin-1 and ß included. Fails when mgi_collate compares bytes or folds Ñ to N, or
# when mgi_doc_upper maps only ASCII and Latin-1 (ł stays lower case, ß is not SS).
# Read back as a reader would: comparison.xlsx cells (openpyxl), the comparison PDF
# (pdftotext), the practices workbook and the dashboard's data.
# usage: order.sh MGI SOURCE_DIR
set -u
mgi=$1 src=$2
py=/usr/bin/python3 # Debian's, with python3-openpyxl
. "$(dirname "$0")/lib.sh"
command -v pdftotext >/dev/null || missing order "pdftotext (apt-get install poppler-utils)"
$py -c 'import openpyxl' 2>/dev/null || missing order "openpyxl (apt-get install python3-openpyxl)"
export SOURCE_DATE_EPOCH=1767225600
cp -r "$src/data" "$tmp/d"
# Four communes renamed (Quilicura, San Miguel, Independencia, Estación Central), out of
# order in the file;
# the first domain's objective with ñ, ú, ł, ź and ß.
$py - "$tmp/d" <<'PY' || exit 1
import csv, sys
d = sys.argv[1]
def edit(name, change):
    with open(d + '/' + name, newline='', encoding='utf-8') as f:
        rows = list(csv.reader(f))
    change(rows)
    with open(d + '/' + name, 'w', newline='', encoding='utf-8') as f:
        csv.writer(f, lineterminator='\n').writerows(rows)
names = {'13125': 'Ñuñoa', '13130': 'Nogales', '13108': 'Ocoa', '13106': 'Ñiquén'}
def communes(rows):
    for r in rows[1:]:
        r[1] = names.get(r[0], r[1])
def domains(rows):
    h = rows[0]
    for k in ('objective_en', 'objective_es'):
        rows[1][h.index(k)] += ' (ñandú, Łódź, Straße)'
edit('communes.csv', communes)
edit('domains.csv', domains)
PY
printf '[report]\nranks = no\n' >"$tmp/d/method.ini"
"$mgi" build "$tmp/d" -o "$tmp/out" -q >"$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
want='Antofagasta|Nogales|Ñiquén|Ñuñoa|Ocoa|Peñalolén|Recoleta|Santiago'
# comparison.xlsx and comparison.es.xlsx: the communes' sheet, column Commune/Comuna.
for x in comparison.xlsx comparison.es.xlsx; do
    got=$($py -c '
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
print("|".join(r[1] for r in ws.iter_rows(min_row=2, values_only=True) if r[0] and r[3]))' "$tmp/out/$x")
    [ "$got" = "$want" ] || fail "$x lists $got, not $want"
done
# The comparison PDFs: the order in which the names first appear in the heatmap's table.
for x in comparison.pdf comparison.es.pdf; do
    pdftotext -layout "$tmp/out/$x" "$tmp/text"
    got=$(grep -oE "$want" "$tmp/text" |
        awk '!seen[$0]++' | paste -sd '|')
    [ "$got" = "$want" ] || fail "$x names the communes in the order $got, not $want"
done
# practices.xlsx: each indicator's communes by name.
got=$($py -c '
import sys, openpyxl
want = sys.argv[2].split("|")
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
by = {}
for r in ws.iter_rows(min_row=2, values_only=True):
    if r[1] and r[3] in want:
        by.setdefault(r[1], []).append(r[3])
bad = [i + ": " + ", ".join(v) for i, v in by.items() if v != sorted(v, key=want.index)]
print(len(by), "; ".join(bad[:3]))' "$tmp/out/practices.xlsx" "$want")
case $got in
"0 "* | *";"* | *": "*) fail "practices.xlsx: indicators whose communes are out of order: $got" ;;
esac
# The dashboard's data: the places in the order of names it sorts by.
got=$($py -c '
import json, re, sys
html = open(sys.argv[1], encoding="utf-8").read()
D = json.loads(re.search(r"<script type=\"application/json\" id=\"data\">(.*?)</script>", html, re.S).group(1))
print("|".join(c[1] for c in sorted(D["c"], key=lambda c: c[7:8])))' "$tmp/out/dashboard/index.html")
[ "$got" = "$want" ] || fail "the dashboard sorts the names as $got"
# The first domain's chapter heading in capitals, in both languages (a profile and the comparison).
for x in 13101-2022/profile-en.pdf 13101-2022/profile-es.pdf; do
    pdftotext "$tmp/out/$x" - | tr '\n' ' ' | grep -q '(ÑANDÚ, ŁÓDŹ, STRASSE)' ||
        fail "$x: the objective's heading is not in capitals: $(pdftotext "$tmp/out/$x" - | grep -o '(.ANDÚ[^)]*)' | head -1)"
done
[ $fails = 0 ] || exit 1
echo "order: ok"
