#!/bin/sh
# pages.sh — every page of every PDF as an editor reads it: no text outside the frames or
# overprinted, footnotes on the page that cites them, every list item of every narrative
# present, no page under a third full but a chapter's last (tests/pdfcheck.py). On the demo
# data (final and draft, both languages, the comparisons) and on 345 synthetic communes with
# long narratives.
# usage: pages.sh MGI SYNTH SOURCE_DIR
set -u
mgi=$1 synth=$2 src=$3
. "$(dirname "$0")/lib.sh"
check="python3 $src/tests/pdfcheck.py --layout $src/layouts/profile.ini --notes --fullness"
marks='--watermark DRAFT—FORCONSULTATION --watermark BORRADOR—PARACONSULTA'

# Every list item of a commune's narratives, in its profile of that language.
narratives() { # DATA OUT
    data=$1 out=$2
    for dir in "$data"/profiles/*/; do
        c=$(basename "$dir")
        for l in en es; do
            pdf=$out/$c/profile-$l.pdf
            [ -f "$pdf" ] || { fail "no $pdf"; continue; }
            set --
            for md in "$dir"/*."$l".md; do [ -f "$md" ] && set -- "$@" --md "$md"; done
            $check "$@" "$pdf" || fail "$pdf: list items of the narratives"
        done
    done
}

SOURCE_DATE_EPOCH=0 "$mgi" build "$src/data" -o "$tmp/demo" --practices --quiet || fail "demo build"
SOURCE_DATE_EPOCH=0 "$mgi" build "$src/data" -o "$tmp/draft" --draft --quiet || fail "draft build"
n=0
# The comparison takes the page's width for its tables (margins of 64 points).
for pdf in "$tmp"/demo/*.pdf "$tmp"/draft/*.pdf; do
    $check $marks --margins 64,64 "$pdf" || fail "$pdf"
    n=$((n + 1))
done
for pdf in "$tmp"/demo/*/*.pdf "$tmp"/draft/*/*.pdf; do
    case $pdf in */practices/*) continue ;; esac # a sample below: there are hundreds
    $check $marks "$pdf" || fail "$pdf"
    n=$((n + 1))
done
# A sample of practice sheets (practicesheet.h): Santiago's first three, both languages.
for pdf in "$tmp"/demo/practices/13101-2022-MR-0[124].*.pdf; do
    $check "$pdf" || fail "$pdf"
    n=$((n + 1))
done
[ "$n" -ge 34 ] || fail "only $n PDFs checked in the demo builds"
narratives "$src/data" "$tmp/demo"

# 345 synthetic communes with long narratives (long lists, headings, footnotes of several
# lines): the comparisons of all of them, and the profiles of 21 of them.
"$synth" --narratives 345 "$tmp/syn" || fail "synth"
set --
for k in $(seq 1 17 345); do set -- "$@" --commune "$(printf 'S%05d' "$k")"; done
"$mgi" build "$tmp/syn" -o "$tmp/synout" --quiet --jobs 2 "$@" || fail "synthetic build"
[ "$(ls -d "$tmp"/synout/S*/ | wc -l)" -ge 20 ] || fail "fewer than 20 synthetic profiles"
for pdf in "$tmp"/synout/*.pdf; do
    $check --margins 64,64 "$pdf" || fail "$pdf"
done
for dir in "$tmp"/synout/S*/; do # every page, and the narratives, of the profiles built
    c=$(basename "$dir")
    for l in en es; do
        $check --md "$tmp/syn/profiles/$c/context.$l.md" --md "$tmp/syn/profiles/$c/sources.$l.md" \
            "$dir/profile-$l.pdf" || fail "$dir/profile-$l.pdf"
    done
done

# The tagged-PDF rules a program can check, on every synthetic PDF built (tests/pdfua.py).
python3 "$src/tests/pdfua.py" "$tmp"/synout/*.pdf "$tmp"/synout/S*/*.pdf || fail "PDF/UA and PDF/A rules"

echo "$fails failures"
[ "$fails" -eq 0 ]
