#!/bin/sh
# dashboard.sh — builds the demo data with two awkward communes (Ñuñoa, and a name that is
# markup), the Migrant Seal read on 2026-11-23, and checks the dashboard in headless Chromium (tests/dashboard/check.mjs).
# usage: dashboard.sh MGI SOURCE_DIR BINARY_DIR
set -u
mgi=$1 src=$2 bin=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
command -v node >/dev/null && [ -x "${CHROMIUM:-/usr/bin/chromium}" ] ||
    { echo "dashboard: needs node and chromium (apt-get install nodejs npm chromium)"; exit 1; }
pw=$bin/playwright
if [ ! -d "$pw/node_modules/playwright-core" ]; then
    mkdir -p "$pw" && (cd "$pw" && npm install --no-audit --no-fund --silent playwright-core@1.64 >/dev/null 2>&1 ||
        npm install --no-audit --no-fund --silent playwright-core@1 >/dev/null) ||
        { echo "dashboard: cannot install playwright-core from npm"; exit 1; }
fi
cp -R "$src/data" "$tmp/data"
sed -i 's/^13127,Recoleta,/13127,Ñuñoa,/; s/^13108,Independencia,/13108,"<script>alert(1)<\/script>",/' "$tmp/data/communes.csv"
"$mgi" build "$tmp/data" -o "$tmp/out" --as-of 2026-11-23 >"$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
html=$tmp/out/dashboard/index.html
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$html" || { echo "FAIL: the name is not escaped"; exit 1; }
grep -qiE '<(script|link|img)[^>]+(src|href)="https?:' "$html" && { echo "FAIL: a network reference"; exit 1; }
node "$src/tests/dashboard/check.mjs" "$pw" "$html" "$bin/dashboard.png" "$tmp/data/communes.csv"
