#!/bin/sh
# comparison.sh — every commune in the comparison (issue 24): 30 synthetic communes last
# assessed in 2021, 2022 or 2023, built by default (each commune's latest assessment) and with
# --year 2023 (that year's communes only); comparison.xlsx read by openpyxl
# (tests/workbook/comparison.py), the heatmap's rows and the years it names, the comparison
# PDF's ranking (pdftotext) and the sentence saying what is compared.
# usage: comparison.sh MGI SYNTH SOURCE_DIR
set -u
mgi=$1 synth=$2 src=$3
. "$(dirname "$0")/lib.sh"
py=/usr/bin/python3 # Debian's, with python3-openpyxl
$py -c 'import openpyxl' 2>/dev/null || missing comparison "openpyxl (apt-get install python3-openpyxl)"
"$synth" --stagger --years 2 30 "$tmp/d" >/dev/null || exit 1
"$mgi" build "$tmp/d" -o "$tmp/latest" --commune S00001 -q >"$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
$py "$src/tests/workbook/comparison.py" "$tmp/latest/comparison.xlsx" "$tmp/d/responses.csv" latest || fails=$((fails + 1))
svg=$tmp/latest/comparison/heatmap.svg
[ "$(grep -c '<g class="row"' "$svg")" = 30 ] || fail "the heatmap has $(grep -c '<g class="row"' "$svg") rows, not 30"
grep -q '(2021)</text>' "$svg" && grep -q '(2023)</text>' "$svg" || fail "the heatmap does not name each commune's year"
grep -q 'latest assessment of each commune (2021–2023)' "$svg" || fail "the heatmap's title does not say what it compares"
# The comparison PDF: a ranking row per commune with its year, and the sentence saying what is compared.
# (A ranking row: the rank, the name and, when several years are compared, the year; one
# year's communes have their rank range instead.)
ranked() { pdftotext -layout "$1" - | grep -cE '^ *[0-9]+ +.+ +20(19|2[0-3]) +[0-9]|^ *[0-9]+ \([0-9]+–[0-9]+\) '; }
said() { pdftotext "$1" - | tr '\n' ' ' | grep -q "$2"; }
[ "$(ranked "$tmp/latest/comparison.pdf")" = 30 ] || fail "the comparison PDF ranks $(ranked "$tmp/latest/comparison.pdf") communes, not 30"
said "$tmp/latest/comparison.pdf" 'The 30 communes are compared at their latest assessment (2021–2023)' ||
    fail "the comparison PDF does not say what it compares"
said "$tmp/latest/comparison.pdf" 'Rank ranges are computed within one assessment year' ||
    fail "the comparison PDF does not say why it gives no rank ranges"
said "$tmp/latest/comparison.es.pdf" 'Se compara la última evaluación de las 30 comunas (2021–2023)' ||
    fail "the Spanish comparison PDF does not say what it compares"
"$mgi" build "$tmp/d" -o "$tmp/y2023" --commune S00002 --year 2023 -q >"$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
[ "$(ranked "$tmp/y2023/comparison.pdf")" = 10 ] || fail "the 2023 comparison PDF ranks $(ranked "$tmp/y2023/comparison.pdf") communes, not 10"
said "$tmp/y2023/comparison.pdf" 'The 10 communes assessed in 2023 are compared' || fail "the 2023 comparison PDF does not say what it compares"
said "$tmp/y2023/comparison.pdf" 'HOW ROBUST ARE THE RANKS' || fail "the 2023 comparison PDF lost its rank ranges"
$py "$src/tests/workbook/comparison.py" "$tmp/y2023/comparison.xlsx" "$tmp/d/responses.csv" 2023 || fails=$((fails + 1))
svg=$tmp/y2023/comparison/heatmap.svg
[ "$(grep -c '<g class="row"' "$svg")" = 10 ] || fail "the 2023 heatmap has $(grep -c '<g class="row"' "$svg") rows, not 10"
exit $fails
