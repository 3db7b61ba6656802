#!/bin/sh
# fonts.sh — the profile set in another font family from a Debian package: an OpenType/CFF one
# (TeX Gyre Heros, fonts-texgyre) and a TrueType one (Carlito, fonts-crosextra-carlito). Every
# font embedded as a subset (CFF as CIDFontType0 with an OpenType program), a clean file, the
# text and accents extracted, nothing outside the frames or overprinted.
# usage: fonts.sh MGI SOURCE_DIR
set -u
mgi=$1 src=$2
. "$(dirname "$0")/lib.sh"
gyre=/usr/share/texmf/fonts/opentype/public/tex-gyre
carlito=/usr/share/fonts/truetype/crosextra
family() { # NAME REGULAR BOLD ITALIC (paths)
    r=$tmp/$1
    mkdir -p "$r" && cp -r "$src/layouts" "$src/fonts" "$r/" && cp "$2" "$3" "$4" "$r/fonts/" ||
        { fail "$1: the font files (apt-get install fonts-texgyre fonts-crosextra-carlito)"; return 1; }
    sed -i "s/^regular = .*/regular = $(basename "$2")/; s/^bold = .*/bold = $(basename "$3")/; s/^italic = .*/italic = $(basename "$4")/" \
        "$r/layouts/profile.ini"
    SOURCE_DATE_EPOCH=0 "$mgi" build "$src/data" -o "$r/out" --commune 13101 --png --resources "$r" \
        >"$tmp/log" 2>&1 || { fail "$1: build"; cat "$tmp/log"; return 1; }
    for l in en es; do
        pdf=$r/out/13101-2022/profile-$l.pdf
        pdffonts "$pdf" | tail -n +3 >"$tmp/fonts"
        [ "$(wc -l <"$tmp/fonts")" -ge 3 ] || fail "$1 $l: fewer than three fonts"
        awk '{ if ($(NF-4) != "yes" || $(NF-3) != "yes") bad = 1 } END { exit bad }' "$tmp/fonts" ||
            { fail "$1 $l: a font is not embedded and subset"; cat "$tmp/fonts"; }
        grep -q "$5" "$tmp/fonts" || { fail "$1 $l: fonts are not $5"; cat "$tmp/fonts"; }
        qpdf --check "$pdf" >/dev/null 2>&1 || fail "$1 $l: qpdf --check"
        python3 "$src/tests/pdfua.py" "$pdf" || fail "$1 $l: PDF/UA and PDF/A rules"
        python3 "$src/tests/pdfcheck.py" --notes --layout "$r/layouts/profile.ini" \
            --md "$src/data/profiles/13101-2022/sources.$l.md" "$pdf" || fail "$1 $l: pages"
    done
    pdftotext "$r/out/13101-2022/profile-es.pdf" - | grep -q 'Peñalolén\|migración' || fail "$1: accents"
    pdftotext "$r/out/13101-2022/profile-en.pdf" - | grep -q 'Escuela Somos Todos' || fail "$1: text"
    [ -s "$r/out/13101-2022/charts/wheel.png" ] || fail "$1: no PNG chart"
}
family gyre "$gyre/texgyreheros-regular.otf" "$gyre/texgyreheros-bold.otf" "$gyre/texgyreheros-italic.otf" 'CID Type 0C (OT)'
family carlito "$carlito/Carlito-Regular.ttf" "$carlito/Carlito-Bold.ttf" "$carlito/Carlito-Italic.ttf" 'CID TrueType'
echo "$fails failures"
[ "$fails" -eq 0 ]
