#!/bin/sh
# killed.sh — a build killed half-way leaves no truncated file under a final name: every
# PDF and workbook present is whole (qpdf --check, unzip -t); only *.tmp-XXXXXX files may
# be partial. Then a second build over the same directory completes, replaces them and
# removes the killed builds' temporaries — only those: files of other names, symbolic
# links, or files in folders that are not mgi's stay. A build waits for another one
# writing into the same directory (whose temporaries are not stale).
# usage: killed.sh MGI SYNTH
set -u
mgi=$1 synth=$2
. "$(dirname "$0")/lib.sh"
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
# Stale temporaries as a killed build leaves them, and files that only look like them.
out=$tmp/out
mkdir -p "$out/S00001-2024/charts" "$out/notes" "$out/S00002-2024"
for f in assessment.csv.tmp-Ab3dE9 S00001-2024/profile-en.pdf.tmp-x9Y8z7 \
         S00001-2024/charts/wheel.svg.tmp-000000 comparison.xlsx.tmp-QQQQQQ; do
    echo partial >"$out/$f"
done
for f in notes.txt.tmp-Ab3dE9 S00001-2024/profile-en.pdf.tmp-x9Y8z \
         S00001-2024/profile-en.pdf.tmp-x9Y8z7a S00001-2024/annex.xlsx.tmp-ab_def \
         notes/draft.pdf.tmp-Ab3dE9 .pdf.tmp-Ab3dE9; do
    echo keep >"$out/$f"
done
echo outside >"$tmp/outside"
ln -s "$tmp/outside" "$out/S00002-2024/annex.xlsx.tmp-Ab3dE9"
find "$out" -name '*.tmp-*' | sort >"$tmp/temps-before"
"$mgi" build "$tmp/data" -o "$out" --jobs 2 -q >"$tmp/log" 2>&1 || fail "a build over a killed one"
[ "$(find "$out" -name 'profile-en.pdf' | wc -l)" = 60 ] || fail "the second build lacks profiles"
grep -q "^$out: warning: removed [0-9]* temporary files left by an interrupted build\$" "$tmp/log" ||
    { fail "the build does not say it removed temporaries"; cat "$tmp/log"; }
find "$out" -name '*.tmp-*' | sort >"$tmp/temps-after"
for f in .pdf.tmp-Ab3dE9 S00001-2024/annex.xlsx.tmp-ab_def S00001-2024/profile-en.pdf.tmp-x9Y8z \
         S00001-2024/profile-en.pdf.tmp-x9Y8z7a S00002-2024/annex.xlsx.tmp-Ab3dE9 \
         notes.txt.tmp-Ab3dE9 notes/draft.pdf.tmp-Ab3dE9; do
    echo "$out/$f"
done | sort >"$tmp/temps-kept"
cmp -s "$tmp/temps-after" "$tmp/temps-kept" ||
    { fail "after the rebuild, temporaries (<) differ from those not mgi's (>)"; diff "$tmp/temps-after" "$tmp/temps-kept"; }
[ "$(cat "$tmp/outside")" = outside ] || fail "a symbolic link's target was touched"
echo "rebuild: $(wc -l <"$tmp/temps-before") temporaries before, $(wc -l <"$tmp/temps-after") after (not mgi's)"

# A build into a directory another build holds (here flock(1), as mgi takes it) waits for
# it, says so, and leaves that build's temporaries alone until then; then it runs and
# sweeps.
rm -rf "$out" && mkdir "$out"
echo "in progress" >"$out/assessment.csv.tmp-LiVe01"
flock "$out" sh -c ': >"$1"; sleep 3' sh "$tmp/locked" &
holder=$!
while [ ! -e "$tmp/locked" ]; do sleep 0.1; done
"$mgi" build "$tmp/data" -o "$out" --jobs 2 --commune S00001 >"$tmp/log" 2>&1 &
second=$!
sleep 1.5
[ -e "$out/assessment.csv.tmp-LiVe01" ] || fail "a build took another build's temporary for stale"
[ ! -e "$out/assessment.csv" ] || fail "a build wrote into a directory another build holds"
grep -q "^mgi: build: $out is in use by another mgi build; waiting for it to finish\$" "$tmp/log" ||
    { fail "a build waiting for another does not say so"; cat "$tmp/log"; }
wait "$holder"
wait "$second" || { fail "the build that waited"; cat "$tmp/log"; }
[ ! -e "$out/assessment.csv.tmp-LiVe01" ] || fail "once it ran, the build left the stale temporary"
echo "killed: $fails failures"
[ "$fails" = 0 ]
