#!/bin/sh
# hyphens.sh — the English and the Spanish Santiago profiles break words only where their own
# language's dictionary allows, or after a hyphen the word has (test_hyphens.c).
# usage: hyphens.sh MGI TEST_HYPHENS SOURCE_DIR
set -u
mgi=$1 th=$2 src=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
"$mgi" build "$src/data" -o "$tmp/out" --commune 13101 --quiet || { echo "FAIL: build"; exit 1; }
sources="$src/data/responses.csv $src/layouts/strings.ini $src/data/domains.csv $src/data/indicators.csv $(ls "$src"/data/profiles/*/*.md)"
for l in en es; do
    dict=$(sed -n "s/^hyphen_en = //p" "$src/layouts/profile.ini")
    [ $l = es ] && dict=$(sed -n "s/^hyphen_es = //p" "$src/layouts/profile.ini")
    pdftotext -layout "$tmp/out/13101-2022/profile-$l.pdf" "$tmp/$l.txt"
    # shellcheck disable=SC2086
    "$th" $l "$dict" "$tmp/$l.txt" $sources || { echo "FAIL: $l"; fails=$((fails + 1)); }
done
echo "$fails failures"
[ "$fails" -eq 0 ]
