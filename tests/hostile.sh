#!/bin/sh
# hostile.sh — inputs meant to break mgi get a clear error or a correct document, within
# bounded time: a 1 MB field, 10,000 columns, deeply nested Markdown, a 100,000-commune
# communes.csv, an error at the end of a 12 MB responses.csv. (../ in codes, <script> in names and formula strings in findings are
# checked in cli.sh, dashboard.sh and xlsx.sh.)  usage: hostile.sh MGI SOURCE_DIR
set -u
mgi=$1 src=$2
. "$(dirname "$0")/lib.sh"
fresh() { rm -rf "$tmp/d" && cp -R "$src/data" "$tmp/d"; }

fresh
{ head -n 1 "$src/data/responses.csv"; printf '13101,2022,MR-01,yes,"'
  head -c 1000000 /dev/zero | tr '\0' x; printf '",,\n'; tail -n +3 "$src/data/responses.csv"; } >"$tmp/d/responses.csv"
timeout 60 "$mgi" validate "$tmp/d" >"$tmp/log" 2>&1
[ $? = 65 ] && grep -q 'responses.csv:2:[0-9]*: error: field longer than 65536 bytes' "$tmp/log" ||
    { fail "a 1 MB field"; head -3 "$tmp/log"; }

fresh
awk 'BEGIN { printf "c1"; for (i = 2; i <= 10000; i++) printf ",c%d", i; print "" }' >"$tmp/d/communes.csv"
timeout 60 "$mgi" validate "$tmp/d" >"$tmp/log" 2>&1
[ $? = 65 ] && grep -q 'communes.csv:1:[0-9]*: error: more than 256 columns' "$tmp/log" ||
    { fail "10,000 columns"; head -3 "$tmp/log"; }

fresh
awk 'BEGIN { for (i = 0; i < 5000; i++) printf ">"; print " deep"; print "";
    for (i = 0; i < 20000; i++) printf "["; print ""; print "";
    for (i = 0; i < 3000; i++) printf "- "; print "x" }' >"$tmp/d/profiles/13101-2022/context.en.md"
timeout 120 "$mgi" build "$tmp/d" -o "$tmp/out" --commune 13101 --lang en >"$tmp/log" 2>&1 ||
    { fail "deeply nested Markdown"; tail -3 "$tmp/log"; }
qpdf --check "$tmp/out/13101-2022/profile-en.pdf" >/dev/null 2>&1 || fail "deeply nested Markdown: a broken PDF"

fresh
{ head -n 1 "$src/data/communes.csv"
  awk 'BEGIN { for (i = 0; i < 100000; i++) printf "X%06d,Commune %d,Region %d,Chile,1000,100,,,,,,\n", i, i, i % 16 }'
} >"$tmp/d/communes.csv"
timeout 120 "$mgi" validate "$tmp/d" >"$tmp/log" 2>&1
# The demo answers name communes that are not there any more: errors, reported in time.
[ $? = 65 ] && grep -q 'unknown commune' "$tmp/log" || { fail "100,000 communes"; tail -3 "$tmp/log"; }

# A 12 MB responses.csv (the demo answers again and again, each time as another
# year) with a bad answer on its last line: the reader gives pages it has parsed back
# to the kernel as it goes, and must still place the error exactly.
fresh
{ cat "$src/data/responses.csv"
  i=0; while [ $i -lt 40 ]; do
      tail -n +2 "$src/data/responses.csv" | awk -F, -v OFS=, -v y=$((1900 + i)) '{ $2 = y; print }'
      i=$((i + 1)); done
  printf '13101,2022,MR-01,si,,,\n'; } >"$tmp/d/responses.csv"
lines=$(wc -l <"$tmp/d/responses.csv")
[ "$(wc -c <"$tmp/d/responses.csv")" -gt 8000000 ] || fail "the big responses.csv is too small"
timeout 60 "$mgi" validate "$tmp/d" >"$tmp/log" 2>&1
[ $? = 65 ] && grep -q "responses.csv:$lines:18: error: unknown answer \"si\"" "$tmp/log" ||
    { fail "an error at the end of a big file"; grep -m 3 'si' "$tmp/log"; }

echo "hostile: $fails failures"
[ "$fails" = 0 ]
