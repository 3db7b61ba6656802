#!/bin/sh
# pdf.sh — mgi's PDF writer read back by poppler and qpdf: text and its positions, escapes,
# accents, page sizes, fonts, links, outline, metadata.  usage: pdf.sh TEST_PDF SOURCE_DIR
set -u
prog=$1 src=$2
. "$(dirname "$0")/lib.sh"

"$prog" "$src" "$tmp" || { echo "FAIL: test_pdf"; exit 1; }
pdf=$tmp/writer.pdf

qpdf --check "$pdf" >"$tmp/qpdf" 2>&1 || { fail "qpdf --check"; cat "$tmp/qpdf"; }
grep -qi warning "$tmp/qpdf" && { fail "qpdf warns"; cat "$tmp/qpdf"; }
pdftoppm -r 20 "$pdf" "$tmp/page" 2>"$tmp/poppler" || fail "pdftoppm cannot render"
[ -s "$tmp/poppler" ] && { fail "poppler warnings:"; head -3 "$tmp/poppler"; }

while read -r kind page rest; do
    case $kind in
    text)
        pdftotext -f "$page" -l "$page" "$pdf" - 2>/dev/null | grep -qF -- "$rest" ||
            fail "page $page has no \"$rest\""
        ;;
    word)
        # pdftotext -bbox gives each word's box: x where it starts, y around the baseline.
        set -- $rest
        pdftotext -bbox -f "$page" -l "$page" "$pdf" - 2>/dev/null |
            awk -v x="$1" -v y="$2" -v w="$3" '
                index($0, ">" w "</word>") {
                    match($0, /xMin="[0-9.]+"/); x0 = substr($0, RSTART + 6, RLENGTH - 7)
                    match($0, /yMin="[0-9.]+"/); y0 = substr($0, RSTART + 6, RLENGTH - 7)
                    match($0, /yMax="[0-9.]+"/); y1 = substr($0, RSTART + 6, RLENGTH - 7)
                    d = x0 - x; if (d < 0) d = -d
                    if (d < 0.02 && y0 < y && y < y1) found = 1
                    else printf "%s at x %s, y %s-%s; wanted x %s, y %s\n", w, x0, y0, y1, x, y
                }
                END { exit !found }' || fail "word $3 is not where it was put"
        ;;
    rotated)
        # poppler extracts turned text a letter a line: compare without blanks.
        pdftotext -raw -f "$page" -l "$page" "$pdf" - 2>/dev/null | tr -d ' \n' |
            grep -qF -- "$(printf '%s' "$rest" | tr -d ' ')" || fail "page $page has no turned \"$rest\""
        ;;
    size)
        set -- $rest
        pdfinfo -f "$page" -l "$page" "$pdf" | grep -q "Page *$page size: *$1 x $2 pts" ||
            fail "page $page is not $1 x $2"
        ;;
    esac
done <"$tmp/expected.txt"
grep -q '^text 1 .*[(\\]' "$tmp/expected.txt" || fail "no glyph needing an escape was tried"

# Fonts: the three used, each an embedded subset with a ToUnicode map.
pdffonts "$pdf" | tail -n +3 >"$tmp/fonts"
[ "$(wc -l <"$tmp/fonts")" -eq 3 ] || { fail "not 3 fonts"; cat "$tmp/fonts"; }
awk '{ if ($(NF-4) != "yes" || $(NF-3) != "yes" || $(NF-2) != "yes") bad = 1
       if ($1 !~ /^[A-Z][A-Z][A-Z][A-Z][A-Z][A-Z]\+NotoSans-/) bad = 1 } END { exit bad }' \
    "$tmp/fonts" || { fail "fonts not embedded subsets with ToUnicode"; cat "$tmp/fonts"; }

# Metadata.
pdfinfo "$pdf" >"$tmp/info"
grep -q '^Title: *Perfil — Peñalolén$' "$tmp/info" || fail "title"
grep -q '^Creator: *test_pdf$' "$tmp/info" || fail "creator"
grep -q '^CreationDate: *Fri Jan  2 00:00:00 1970' "$tmp/info" || fail "creation date"
grep -q '^Pages: *2$' "$tmp/info" || fail "page count"

# Links: the URI 7-bit and escaped, the page link to page 2; the outline with its tree.
qpdf --json=2 --json-key=qpdf "$pdf" >"$tmp/objects.json" 2>/dev/null
grep -qF 'https://example.org/a%20b/(c)/%C3%B1' "$tmp/objects.json" || fail "URI link"
qpdf --json --json-key=outlines "$pdf" >"$tmp/outline.json" 2>/dev/null
for t in Introducción 'Sección 1.1' 'Sección 1.2' Detalle Anexos; do
    grep -q "\"title\": \"$t\"" "$tmp/outline.json" || fail "outline entry $t"
done
awk '/"destpageposfrom1":/ { sub(/.*: /, ""); sub(/,$/, ""); st[++n] = $0 }
     /"open":/ { sub(/.*: /, ""); sub(/,$/, ""); op[n] = $0 }
     /"title":/ { sub(/^[^:]*: "/, ""); sub(/",?$/, ""); print $0 "|" st[n] "|" op[n]; n-- }' \
    "$tmp/outline.json" >"$tmp/outline.txt"
for want in 'Introducción|1|true' 'Sección 1.1|1|' 'Sección 1.2|2|false' 'Detalle|2|' 'Anexos|2|'; do
    grep -q "^$want" "$tmp/outline.txt" || { fail "outline: no $want"; cat "$tmp/outline.txt"; }
done

echo "pdf: $fails failures"
[ "$fails" -eq 0 ]
