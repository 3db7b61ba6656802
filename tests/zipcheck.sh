#!/bin/sh
# zipcheck.sh — the workbook read-back (src/zipcheck.c) on a good workbook and on broken
# ones: an empty part, a part cut short (early, and near the end of a large part), a file
# cut short.  usage: zipcheck.sh MGI TEST_ZIPCHECK SOURCE_DIR
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
# A large part (the practice directory's, written row by row), whole and cut near its
# end: the check inflates a part 64 KiB at a time and keeps only its head and tail.
"$mgi" build "$src/data" -o "$tmp/out" --lang en -q >/dev/null 2>&1 || fail "mgi build"
mkdir "$tmp/p"
(cd "$tmp/p" && unzip -q ../out/practices.xlsx) || fail "unzip practices.xlsx"
ssize=$(wc -c <"$tmp/p/$sheet")
[ "$ssize" -gt 140000 ] || fail "setup: the Practices sheet ($ssize bytes) is no longer two chunks"
cp "$tmp/out/practices.xlsx" "$tmp/large.xlsx"
head -c $((ssize - 20)) "$tmp/p/$sheet" >"$tmp/p/sheet.xml" && mv "$tmp/p/sheet.xml" "$tmp/p/$sheet"
(cd "$tmp/p" && zip -q -r ../late.xlsx .)
size=$(wc -c <"$tmp/good.xlsx")
head -c $((size / 2)) "$tmp/good.xlsx" >"$tmp/half.xlsx"

"$prog" "$tmp/good.xlsx" "$tmp/large.xlsx" "$tmp/empty.xlsx" "$tmp/cut.xlsx" "$tmp/late.xlsx" \
    "$tmp/half.xlsx" >"$tmp/log"
cat "$tmp/log"
grep -q "good.xlsx: ok$" "$tmp/log" || fail "a good workbook is refused"
grep -q "large.xlsx: ok$" "$tmp/log" || fail "a good workbook with a large part is refused"
grep -q "empty.xlsx: .*$sheet" "$tmp/log" || fail "an empty part is not named"
grep -q "cut.xlsx: .*$sheet.*cut short" "$tmp/log" || fail "a part cut short is not named"
grep -q "late.xlsx: .*$sheet.*cut short" "$tmp/log" || fail "a large part cut near its end is not named"
grep -q "half.xlsx: ok$" "$tmp/log" && fail "a file cut in half passes"
echo "zipcheck: $fails failures"
[ "$fails" -eq 0 ]
