#!/bin/sh
# zipcheck.sh — the workbook read-back (src/zipcheck.c) on a good workbook and on broken
# ones: an empty part, a part cut short, a file cut short.  usage: zipcheck.sh MGI TEST_ZIPCHECK SOURCE_DIR
set -u
mgi=$1 prog=$2 src=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

"$mgi" template "$src/data" --commune 13101 --year 2022 -o "$tmp/good.xlsx" >/dev/null 2>&1 ||
    { echo "FAIL: mgi template"; exit 1; }
mkdir "$tmp/x"
(cd "$tmp/x" && unzip -q ../good.xlsx) || { echo "FAIL: unzip"; exit 1; }
sheet=xl/worksheets/sheet1.xml
cp "$tmp/x/$sheet" "$tmp/sheet.xml"
: >"$tmp/x/$sheet"
(cd "$tmp/x" && zip -q -r ../empty.xlsx .)
head -c 300 "$tmp/sheet.xml" >"$tmp/x/$sheet"
(cd "$tmp/x" && zip -q -r ../cut.xlsx .)
size=$(wc -c <"$tmp/good.xlsx")
head -c $((size / 2)) "$tmp/good.xlsx" >"$tmp/half.xlsx"

"$prog" "$tmp/good.xlsx" "$tmp/empty.xlsx" "$tmp/cut.xlsx" "$tmp/half.xlsx" >"$tmp/out"
cat "$tmp/out"
grep -q "good.xlsx: ok$" "$tmp/out" || fail "a good workbook is refused"
grep -q "empty.xlsx: .*$sheet" "$tmp/out" || fail "an empty part is not named"
grep -q "cut.xlsx: .*$sheet.*cut short" "$tmp/out" || fail "a part cut short is not named"
grep -q "half.xlsx: ok$" "$tmp/out" && fail "a file cut in half passes"
echo "zipcheck: $fails failures"
[ "$fails" -eq 0 ]
