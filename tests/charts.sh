#!/bin/sh
# charts.sh — the charts as files: valid SVG with text, PNGs, the PDF backend's text, and
# byte-identical SVGs between two builds.  usage: charts.sh MGI TEST_CHARTS SOURCE_DIR
set -u
mgi=$1 test_charts=$2 src=$3
. "$(dirname "$0")/lib.sh"

"$test_charts" "$src" "$tmp" || fails=$((fails + 1))
# The PDF backend: the labels are real text.
text=$(pdftotext "$tmp/wheel.pdf" - 2>/dev/null | tr '\n' ' ')
for word in "Derechos de los" "Bienestar de los migrantes" "Alianzas" "General"; do
    case $text in *"$word"*) ;; *) fail "wheel.pdf lacks \"$word\": $text" ;; esac
done

"$mgi" build "$src/data" -o "$tmp/a" --png >"$tmp/log" 2>&1 || { cat "$tmp/log"; fail "build"; }
"$mgi" build "$src/data" -o "$tmp/b" --png >/dev/null 2>&1 || fail "second build"
"$mgi" build "$src/data" -o "$tmp/c" >/dev/null 2>&1 || fail "build without --png"
[ -z "$(find "$tmp/c" -name '*.png')" ] || fail "PNGs written without --png"
[ -s "$tmp/c/13101-2022/charts/wheel.svg" ] || fail "no SVG wheel without --png"
c=$tmp/a/13101-2022/charts
for f in wheel domains area-rights; do
    for ext in png svg; do
        [ -s "$c/$f.$ext" ] || fail "missing $f.$ext"
        [ -s "$c/$f.es.$ext" ] || fail "missing $f.es.$ext"
    done
done
[ -e "$c/trend.svg" ] && fail "Santiago has one year: no trend chart"
[ -s "$tmp/a/13125-2022/charts/trend.svg" ] || fail "Quilicura has two years: a trend chart"
[ -s "$tmp/a/comparison/heatmap.png" ] || fail "missing heatmap.png"
for f in $(find "$tmp/a" -name '*.svg'); do
    xmllint --noout "$f" 2>"$tmp/xml" || { fail "$f is not well-formed XML"; cat "$tmp/xml"; }
done
for f in $(find "$tmp/a" -name '*.png'); do
    [ "$(head -c 8 "$f" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "$f is not a PNG"
done
[ "$(grep -c '<g class="sector"' "$c/wheel.svg")" = 6 ] || fail "wheel.svg has not six sectors"
grep -q '>Santiago</text>' "$tmp/a/comparison/heatmap.svg" || fail "heatmap lacks Santiago"
grep -q '>Peñalolén</text>' "$tmp/a/comparison/heatmap.svg" || fail "heatmap lacks Peñalolén"
[ "$(grep -c '<g class="row"' "$tmp/a/comparison/heatmap.svg")" = 8 ] || fail "heatmap rows"
# Sorted by overall score: Quilicura (0.79) first, Estación Central (0.34) last.
first=$(grep -o '<g class="row" data-key="[^"]*"' "$tmp/a/comparison/heatmap.svg" | head -1)
last=$(grep -o '<g class="row" data-key="[^"]*"' "$tmp/a/comparison/heatmap.svg" | tail -1)
[ "$first" = '<g class="row" data-key="13125"' ] || fail "heatmap first row: $first"
[ "$last" = '<g class="row" data-key="13106"' ] || fail "heatmap last row: $last"
# Identical inputs, identical SVGs and PNGs.
(cd "$tmp/a" && find . -name '*.svg' -o -name '*.png' | sort) >"$tmp/list"
while read -r f; do
    cmp -s "$tmp/a/$f" "$tmp/b/$f" || fail "$f differs between two builds"
done <"$tmp/list"
echo "charts: $(wc -l <"$tmp/list") files checked, $fails failures"
[ "$fails" = 0 ]
