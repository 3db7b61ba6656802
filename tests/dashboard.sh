#!/bin/sh
# dashboard.sh — builds the demo data with awkward communes (Nogales, Ñiquén and Ñuñoa,
# which Spanish sorts N before Ñ, and a name that is markup), a finding with Markdown (emphasis, an https link and a javascript: one), the Migrant
# Seal read on 2026-11-23, and checks the dashboard in headless Chromium: tests/dashboard/check.mjs
# (sorting, filters, the seal, the practice directory) and tests/dashboard/policy.mjs (every
# commune with its year, the wheel in view, print, phone, Spanish, axe-core, the keyboard path);
# then policy.mjs again on 345 synthetic communes last assessed in 2021, 2022 or 2023, whose
# page must stay within 3 MB.
# usage: dashboard.sh MGI SOURCE_DIR BINARY_DIR SYNTH
set -u
mgi=$1 src=$2 bin=$3 synth=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/need.sh"
command -v node >/dev/null || missing dashboard "Node.js (apt-get install nodejs npm)"
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing dashboard "Chromium (apt-get install chromium)"
command -v pdftotext >/dev/null || missing dashboard "pdftotext (apt-get install poppler-utils)"
[ -d "$npm_modules/playwright-core" ] && [ -d "$npm_modules/axe-core" ] ||
    missing dashboard "playwright-core and axe-core in $npm_modules (cd tests && npm ci)"
pw=$npm_modules/..
# The latest assessment of every commune, "code,year", from a responses.csv whose first two
# columns are commune and year.
latest() { awk -F, 'NR > 1 && $2 > y[$1] { y[$1] = $2 } END { for (c in y) print c "," y[c] }' "$1"; }
cp -R "$src/data" "$tmp/data"
sed -i 's/^13127,Recoleta,/13127,Ñuñoa,/; s/^13130,San Miguel,/13130,Nogales,/; s/^13125,Quilicura,/13125,Ñiquén,/; s/^13108,Independencia,/13108,"<script>alert(1)<\/script>",/' "$tmp/data/communes.csv"
sed -i 's/^02101,2022,MR-01,yes,"The municipality has opened the health services/02101,2022,MR-01,yes,"See [the plan](javascript:alert(document.cookie)) and *Escuela Somos Todos* at [the site](https:\/\/example.org\/plan). The municipality has opened the health services/' "$tmp/data/responses.csv"
grep -q 'Somos Todos' "$tmp/data/responses.csv" || { echo "FAIL: the test's finding was not planted"; exit 1; }
"$mgi" build "$tmp/data" -o "$tmp/out" --as-of 2026-11-23 >"$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
html=$tmp/out/dashboard/index.html
grep -q '<script>alert(1)</script>' "$html" && { echo "FAIL: the name is not escaped"; exit 1; }
grep -q 'alert(1)' "$html" || { echo "FAIL: the name is missing"; exit 1; }
grep -qiE '<(script|link|img)[^>]+(src|href)="https?:' "$html" && { echo "FAIL: a network reference"; exit 1; }
# A Spanish name in an English finding (the demo's [Sello Migrante]{lang=es}) is a span in
# Spanish in the practice directory, not the Markdown as written.
grep -qF 'Migrant Seal (\u003cspan lang=\"es\"\u003eSello Migrante\u003c/span\u003e)' "$html" ||
    { echo "FAIL: the language span is not in the directory's HTML"; exit 1; }
grep -qF 'Sello Migrante]{lang' "$html" && { echo "FAIL: the span's Markdown is shown as written"; exit 1; }
fails=0
node "$src/tests/dashboard/check.mjs" "$pw" "$html" "$bin/dashboard.png" "$tmp/data/communes.csv" || fails=1
latest "$tmp/data/responses.csv" >"$tmp/latest.txt"
node "$src/tests/dashboard/policy.mjs" "$pw" "$html" "$tmp/latest.txt" "$bin/dashboard-demo" 5 markdown || fails=1
# 345 synthetic communes, last assessed in 2021, 2022 or 2023 (profiles of one only: the
# comparisons cover them all).
"$synth" --stagger --years 2 345 "$tmp/s345" || { echo "dashboard: cannot run synth"; exit 1; }
"$mgi" build "$tmp/s345" -o "$tmp/o345" --commune S00001 --as-of 2026-11-23 -q >"$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
size=$(wc -c <"$tmp/o345/dashboard/index.html")
[ "$size" -le 3000000 ] || { echo "FAIL: the dashboard of 345 communes is $size bytes (at most 3 MB)"; fails=1; }
latest "$tmp/s345/responses.csv" >"$tmp/latest345.txt"
node "$src/tests/dashboard/policy.mjs" "$pw" "$tmp/o345/dashboard/index.html" "$tmp/latest345.txt" "$bin/dashboard-345" 999 || fails=1
exit $fails
