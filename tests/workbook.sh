#!/bin/sh
# workbook.sh — the workbook reader (src/workbook.c): cells of every kind in .xlsx and .ods
# read as the user sees them; and hostile workbooks given to mgi merge end in exit 65 or
# 66 with the file named, the data unchanged, within 2 s (and 64 MB, when not built
# with the sanitizers, whose shadow memory is counted too).
# usage: workbook.sh MGI TEST_WORKBOOK SOURCE_DIR
set -u
mgi=$1 prog=$2 src=$3
. "$(dirname "$0")/lib.sh"

cp -R "$src/data" "$tmp/d"
"$mgi" template "$tmp/d" --commune 13101 --year 2022 -o "$tmp/template.xlsx" 2>/dev/null ||
    { echo "FAIL: mgi template"; exit 1; }
python3 "$src/tests/workbook/make.py" "$tmp" "$tmp/template.xlsx" || { echo "FAIL: make.py"; exit 1; }

for f in cells.xlsx cells.ods; do
    "$prog" "$tmp/$f" entry indicator >"$tmp/$f.out" 2>&1 || fail "$f: not read"
    diff "$src/tests/workbook/$f.expected" "$tmp/$f.out" >"$tmp/diff" || { fail "$f: cells"; cat "$tmp/diff"; }
done

# Sanitizers (ASan, UBSan) count their shadow memory in the peak; the limit then is
# theirs plus 64 MB.
base=0
if nm "$mgi" 2>/dev/null | grep -q __asan_init; then
    /usr/bin/time -f %M -o "$tmp/mem" "$mgi" --version >/dev/null 2>&1
    base=$(cat "$tmp/mem")
fi
sum() { cat "$tmp/d/responses.csv" "$tmp/d/communes.csv" | cksum; }
before=$(sum)
# hostile FILE EXIT MESSAGE: merge FILE gives EXIT and MESSAGE, names the file, changes nothing
hostile() {
    /usr/bin/time -f '%e %M' -o "$tmp/time" "$mgi" merge "$tmp/d" "$tmp/$1" >"$tmp/log" 2>&1
    rc=$?
    [ "$rc" = "$2" ] || { fail "$1: exit $rc, not $2"; cat "$tmp/log"; }
    grep -q "^$tmp/$1: error: .*$3" "$tmp/log" || { fail "$1: no message \"$3\" naming the file"; cat "$tmp/log"; }
    [ "$(sum)" = "$before" ] || fail "$1: the data changed"
    set -- "$1" $(tail -n 1 "$tmp/time")
    awk -v t="$2" 'BEGIN { exit !(t <= 2.0) }' || fail "$1: $2 s"
    [ $(($3 - base)) -le 65536 ] || fail "$1: $(($3 - base)) KB"
    echo "$1: $2 s, $(($3 - base)) KB: $(head -n 1 "$tmp/log" | sed "s|$tmp/||")"
}
hostile bomb.xlsx 65 'inflates to 110 MB'
hostile laughs.xlsx 65 'declares a document type'
hostile xxe.xlsx 65 'declares a document type'
hostile dotdot.xlsx 65 "name leaves its folder (\"../x\")"
hostile manystrings.xlsx 65 'more than 16 MB of text'
hostile rows.xlsx 65 'text in row 65537, past the 65536 rows'
hostile sstrange.xlsx 65 'refers to shared string 99999, but the workbook has'
hostile truncated.xlsx 65 'not a whole zip file'
hostile encrypted.xlsx 65 'password-protected workbook.*save it unprotected'
hostile old.xls 65 'Excel 97-2003 workbook (.xls).*save it as .xlsx'
hostile nosheet.xlsx 65 'no sheet named Entry or Ingreso; the workbook has the sheets Datos, Comm*un[ae], Instruc'
printf 'not a zip' >"$tmp/fake.xlsx"
hostile fake.xlsx 65 'not a whole zip file'
hostile missing.xlsx 66 '[Nn]o such file'

echo "workbook: $fails failures"
[ "$fails" = 0 ]
