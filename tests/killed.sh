#!/bin/sh
# killed.sh — a build killed half-way leaves no truncated file under a final name: every
# PDF and workbook present is whole (qpdf --check, unzip -t); only *.tmp-XXXXXX files may
# be partial. Then a second build over the same directory completes and replaces them.
# usage: killed.sh MGI SYNTH
set -u
mgi=$1 synth=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
"$synth" --seed 7 60 "$tmp/data" >/dev/null || { echo "synth failed"; exit 1; }
for delay in 0.3 0.7 1.2; do
    rm -rf "$tmp/out"
    "$mgi" build "$tmp/data" -o "$tmp/out" --jobs 2 -q >/dev/null 2>&1 &
    pid=$!
    sleep "$delay"
    # The whole process group: the workers too.
    pkill -KILL -P "$pid" 2>/dev/null
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    n=0
    for f in $(find "$tmp/out" -name '*.pdf' -o -name '*.xlsx' 2>/dev/null); do
        n=$((n + 1))
        case $f in
        *.pdf) qpdf --check "$f" >/dev/null 2>&1 || fail "killed after ${delay}s: $f is not a whole PDF" ;;
        *.xlsx) unzip -tq "$f" >/dev/null 2>&1 || fail "killed after ${delay}s: $f is not a whole workbook" ;;
        esac
    done
    echo "killed after ${delay}s: $n whole files, $(find "$tmp/out" -name '*.tmp-*' 2>/dev/null | wc -l) temporaries"
done
"$mgi" build "$tmp/data" -o "$tmp/out" --jobs 2 -q >/dev/null 2>&1 || fail "a build over a killed one"
[ "$(find "$tmp/out" -name 'profile-en.pdf' | wc -l)" = 60 ] || fail "the second build lacks profiles"
echo "killed: $fails failures"
[ "$fails" = 0 ]
