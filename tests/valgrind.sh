#!/bin/sh
# valgrind.sh — the unit tests and the mgi command under valgrind's memcheck, on a Debug
# build without sanitizers (build/valgrind, or the build directory given): validate,
# assess, build with one and with two worker processes (--png and --draft on one commune),
# template, feedback apply (dry run and for real), and error paths (bad data, a worker's
# error, a write that fails). Any memcheck error, or a definite or indirect leak, fails,
# in the forked workers too. Only tests/valgrind.supp is suppressed.
# usage: tests/valgrind.sh [BUILD_DIR]      (tests/run runs it when CI=true or MGI_VALGRIND)
set -u
cd "$(dirname "$0")/.."
src=$(pwd)
b=${1:-build/valgrind}
. "$(dirname "$0")/need.sh"
command -v valgrind >/dev/null || missing valgrind "valgrind (apt-get install valgrind)"
cmake -S . -B "$b" -DCMAKE_BUILD_TYPE=Debug -DMGI_SANITIZE=OFF -DMGI_FUZZ=OFF >/dev/null &&
    cmake --build "$b" -j "$(nproc)" --target mgi test_csv test_dataset test_error test_assess \
        test_flow test_charts test_seal test_uncertainty >/dev/null || { echo "valgrind: the build failed"; exit 1; }
start=$(date +%s)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0 n=0
t=$b/tests mgi=$b/mgi
SOURCE_DATE_EPOCH=0
export SOURCE_DATE_EPOCH
# Errors and leaks are reported (-q: nothing else), children included; 99 is no exit
# status of mgi's own.
vg="valgrind -q --leak-check=full --show-leak-kinds=definite,indirect
    --errors-for-leak-kinds=definite,indirect --error-exitcode=99 --trace-children=yes
    --child-silent-after-fork=no --vgdb=no --suppressions=$src/tests/valgrind.supp"

# memcheck WANT NAME CMD...: CMD under valgrind exits WANT and valgrind says nothing.
memcheck() {
    want=$1 name=$2
    shift 2
    n=$((n + 1))
    $vg "$@" >"$tmp/$name.log" 2>&1
    got=$?
    if grep -q '^==[0-9]*==' "$tmp/$name.log" || [ "$got" != "$want" ]; then
        echo "FAIL: $name: exit $got (expected $want)"
        grep -A 30 -m 3 '^==[0-9]*==' "$tmp/$name.log" | head -60 || tail -5 "$tmp/$name.log"
        fails=$((fails + 1))
    fi
}

memcheck 0 test_csv "$t/test_csv" tests/csv/cases.txt
memcheck 0 test_dataset "$t/test_dataset" tests/dataset/cases.txt
memcheck 0 test_error "$t/test_error"
memcheck 0 test_assess "$t/test_assess" tests/assess/scoring.txt tests/assess/peers.txt \
    tests/assess/practice.txt tests/assess/seal.txt
memcheck 0 test_flow "$t/test_flow" .
mkdir "$tmp/charts" && memcheck 0 test_charts "$t/test_charts" . "$tmp/charts"
memcheck 0 test_seal "$t/test_seal" tests/seal/calendar.txt
memcheck 0 test_uncertainty "$t/test_uncertainty" tests/uncertainty/cases.txt

memcheck 0 validate "$mgi" validate data
memcheck 0 assess "$mgi" assess data
memcheck 0 assess-uncertainty "$mgi" assess data --uncertainty
memcheck 0 build-jobs1 "$mgi" build data -o "$tmp/j1" --jobs 1 -q
memcheck 0 build-jobs2 "$mgi" build data -o "$tmp/j2" --jobs 2 -q
diff -r "$tmp/j1" "$tmp/j2" >/dev/null || { echo "FAIL: --jobs 1 and 2 differ"; fails=$((fails + 1)); }
memcheck 0 build-png-draft "$mgi" build data -o "$tmp/draft" --commune 13101 --lang en --png --draft -q
memcheck 0 template "$mgi" template data --commune 13101 --year 2022 -o "$tmp/entry.xlsx"
memcheck 0 practice "$mgi" practice data --commune 13101 --indicator MR-02 -o "$tmp/sheet"
memcheck 65 practice-not-in-place "$mgi" practice data --commune 13101 --indicator MR-03 -o "$tmp/none"
memcheck 0 practice-all "$mgi" practice data --all -o "$tmp/sheets" --jobs 2 --lang es
cp -R data "$tmp/data"
cat >"$tmp/fb.csv" <<'EOF'
commune,year,indicator,lang,proposed_answer,proposed_finding,comment,reviewer
13101,2022,MR-03,en,yes,"Every health centre has an intercultural facilitator.",Checked,Ana Pérez
13101,2022,MR-06,en,,,Only a comment,Ana Pérez
EOF
memcheck 0 feedback-dry-run "$mgi" feedback apply "$tmp/data" "$tmp/fb.csv" --dry-run
memcheck 0 feedback-apply "$mgi" feedback apply "$tmp/data" "$tmp/fb.csv"

# Error paths: what is freed on the way out.
printf '13101,2022,MR-01,si,,,\n' >>"$tmp/data/responses.csv"
memcheck 65 validate-bad-data "$mgi" validate "$tmp/data"
mkdir "$tmp/jbad" && : >"$tmp/jbad/13125-2022"
memcheck 73 build-worker-error "$mgi" build data -o "$tmp/jbad" --jobs 2 -q
# A write that fails (a 64 KB file-size limit: the first profile), in a worker.
n=$((n + 1))
(trap '' XFSZ; ulimit -f 128 && exec $vg "$mgi" build data -o "$tmp/full" --jobs 2 -q) 2>&1 |
    cat >"$tmp/write-error.log"
if grep -q '^==[0-9]*==' "$tmp/write-error.log" || ! grep -q 'cannot write: File too large' "$tmp/write-error.log"; then
    echo "FAIL: write-error"; head -40 "$tmp/write-error.log"; fails=$((fails + 1))
fi

echo "valgrind: $n runs, $fails failed, $(($(date +%s) - start)) s"
[ "$fails" = 0 ]
