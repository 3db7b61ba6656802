#!/bin/sh
# comparison.sh — every commune in the comparison (issue 24): 30 synthetic communes last
# assessed in 2021, 2022 or 2023, built by default (each commune's latest assessment) and with
# --year 2023 (that year's communes only); comparison.xlsx read by openpyxl
# (tests/workbook/comparison.py), the heatmap's rows and the years it names.
# usage: comparison.sh MGI SYNTH SOURCE_DIR
set -u
mgi=$1 synth=$2 src=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
py=/usr/bin/python3 # Debian's, with python3-openpyxl
$py -c 'import openpyxl' 2>/dev/null || { echo "comparison: needs python3-openpyxl"; exit 1; }
"$synth" --stagger --years 2 30 "$tmp/d" >/dev/null || exit 1
"$mgi" build "$tmp/d" -o "$tmp/latest" --commune S00001 -q >"$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
$py "$src/tests/workbook/comparison.py" "$tmp/latest/comparison.xlsx" "$tmp/d/responses.csv" latest || fails=$((fails + 1))
svg=$tmp/latest/comparison/heatmap.svg
[ "$(grep -c '<g class="row"' "$svg")" = 30 ] || fail "the heatmap has $(grep -c '<g class="row"' "$svg") rows, not 30"
grep -q '(2021)</text>' "$svg" && grep -q '(2023)</text>' "$svg" || fail "the heatmap does not name each commune's year"
grep -q 'latest assessment of each commune (2021–2023)' "$svg" || fail "the heatmap's title does not say what it compares"
"$mgi" build "$tmp/d" -o "$tmp/y2023" --commune S00002 --year 2023 -q >"$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
$py "$src/tests/workbook/comparison.py" "$tmp/y2023/comparison.xlsx" "$tmp/d/responses.csv" 2023 || fails=$((fails + 1))
svg=$tmp/y2023/comparison/heatmap.svg
[ "$(grep -c '<g class="row"' "$svg")" = 10 ] || fail "the 2023 heatmap has $(grep -c '<g class="row"' "$svg") rows, not 10"
exit $fails
