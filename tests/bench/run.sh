#!/bin/sh
# run.sh — times mgi on synthetic data directories of growing size.
#
# Usage: tests/bench/run.sh [BUILD_DIR]      (default: build)
#
# Uses BUILD_DIR/mgi and BUILD_DIR/synth (compiled from tests/bench/synth.c
# with cc when the build has none). For each size it generates a data
# directory with synth, runs each stage RUNS times under GNU time and prints
# the best wall time and the largest peak RSS. Environment:
#   BENCH_SIZES  communes per data directory   (default "10 100 345 1000")
#   BENCH_YEARS  assessment rounds per commune (default 1)
#   BENCH_RUNS   runs per measurement          (default 3)
#   BENCH_SEED   synth seed                    (default 42)
#   BENCH_STAGES stages to run (default "validate assess uncertainty charts xlsx comparison
#                build practice merge typesetting")
#
# A stage is one function, bench_<stage>, that calls run_stage with a title,
# the function that runs the command (through measure) and its target.
set -eu

SIZES=${BENCH_SIZES:-10 100 345 1000}
YEARS=${BENCH_YEARS:-1}
RUNS=${BENCH_RUNS:-3}
SEED=${BENCH_SEED:-42}

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PROG=tests/bench/run.sh

die() {
    printf '%s: %s\n' "$PROG" "$*" >&2
    exit 1
}

if [ $# -gt 1 ]; then
    printf 'usage: %s [BUILD_DIR]\n' "$PROG" >&2
    exit 64
fi
BUILD=${1:-build}
# The default also works when the script is run from outside the source tree.
if [ $# -eq 0 ] && [ ! -d "$BUILD" ] && [ -d "$ROOT/build" ]; then
    BUILD=$ROOT/build
fi
[ -d "$BUILD" ] || die "no build directory $BUILD (cmake -S . -B build && cmake --build build)"
BUILD=$(cd "$BUILD" && pwd)

MGI=$BUILD/mgi
[ -x "$MGI" ] || die "no $MGI: build it first (cmake --build $BUILD)"

TIME=/usr/bin/time
if [ ! -x "$TIME" ] || ! "$TIME" -f '%e %M' true >/dev/null 2>&1; then
    die "needs GNU time at $TIME: apt-get install time"
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/mgi-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

SYNTH=$BUILD/synth
if [ ! -x "$SYNTH" ]; then
    SYNTH=$TMP/synth
    cc -O2 -std=c11 -o "$SYNTH" "$ROOT/tests/bench/synth.c" ||
        die "cannot compile tests/bench/synth.c"
fi

# Nanosecond clock when date has one (GNU), else GNU time's %e (10 ms steps).
case $(date +%N) in
*[!0-9]* | '') HAVE_NS=0 ;;
*) HAVE_NS=1 ;;
esac

# dataset N: sets DATA to a data directory of N communes, generated once.
dataset() {
    DATA=$TMP/data-$1
    if [ ! -d "$DATA" ]; then
        "$SYNTH" --years "$YEARS" --seed "$SEED" "$1" "$DATA" ||
            die "synth failed for N=$1"
    fi
}

# measure CMD ARG...: runs CMD RUNS times, stdout and stderr discarded; sets
# SECS to the best wall time in seconds and RSS_KB to the largest peak RSS.
# A failed run stops the benchmark, showing what the command said.
measure() {
    SECS='' RSS_KB=0
    run=0
    while [ "$run" -lt "$RUNS" ]; do
        run=$((run + 1))
        t0=$(now_ns)
        status=0
        "$TIME" -o "$TMP/time" -f '%e %M' "$@" >/dev/null 2>&1 || status=$?
        t1=$(now_ns)
        if [ "$status" -ne 0 ]; then
            {
                printf '\n%s: FAILED (exit %s): %s\n' "$PROG" "$status" "$*"
                printf 'its first lines of output:\n'
                "$@" 2>&1 | head -n 20 || true
                printf 'reproduce the data with: %s --years %s --seed %s %s DIR\n' \
                    "$SYNTH" "$YEARS" "$SEED" "$N"
            } >&2
            exit 1
        fi
        read -r elapsed rss <"$TMP/time"
        if [ "$HAVE_NS" -eq 1 ]; then
            elapsed=$(awk -v ns="$((t1 - t0))" 'BEGIN { printf "%.4f", ns / 1e9 }')
        fi
        SECS=$(awk -v a="$SECS" -v b="$elapsed" 'BEGIN { print (a == "" || b + 0 < a + 0) ? b : a }')
        if [ "$rss" -gt "$RSS_KB" ]; then RSS_KB=$rss; fi
    done
}

now_ns() {
    if [ "$HAVE_NS" -eq 1 ]; then date +%s%N; else echo 0; fi
}

# run_stage TITLE FUNC TARGET_N TARGET_S TARGET_MB: one table; FUNC DATA runs
# the stage on DATA through measure.
run_stage() {
    title=$1 func=$2 target_n=$3 target_s=$4 target_mb=$5
    verdict=''
    printf '\nmgi benchmark — %s\n' "$title"
    printf '%4s  %-7s  %-7s  %-10s  %s\n' N rows seconds ms/commune 'peak RSS MB'
    for N in $SIZES; do
        dataset "$N"
        rows=$(($(wc -l <"$DATA/responses.csv") - 1)) # synth writes no newline inside a field
        "$func" "$DATA"
        awk -v n="$N" -v rows="$rows" -v s="$SECS" -v kb="$RSS_KB" 'BEGIN {
            printf "%4d  %-7d  %-7.3f  %-10.2f  %.1f\n", n, rows, s, s * 1000 / n, kb / 1024 }'
        if [ "$N" = "$target_n" ]; then
            verdict=$(awk -v s="$SECS" -v kb="$RSS_KB" -v ts="$target_s" -v tm="$target_mb" 'BEGIN {
                print (s + 0 <= ts + 0 && kb / 1024 <= tm + 0) ? " — met" : " — MISSED" }')
        fi
    done
    printf 'target: %s communes ≤ %s s, RSS ≤ %s MB%s\n' "$target_n" "$target_s" "$target_mb" "$verdict"
}

# ---- stages ----

validate_run() { measure "$MGI" validate "$1"; }
bench_validate() {
    run_stage 'validate (ingest + checks)' validate_run 345 0.5 64
}

# The assessment alone, after loading: mgi's own --timings, best of RUNS, on
# 345 communes with two assessment years each (ranks, statistics and trends).
bench_assess() {
    data=$TMP/assess-345x2
    "$SYNTH" --years 2 --seed "$SEED" 345 "$data" >/dev/null || die "synth failed"
    best=''
    run=0
    while [ "$run" -lt "$RUNS" ]; do
        run=$((run + 1))
        t=$("$MGI" assess "$data" --timings 2>&1 >/dev/null |
            sed -n 's/.*assess \([0-9.]*\) s.*/\1/p')
        [ -n "$t" ] || die "mgi assess --timings printed no timing"
        best=$(awk -v a="$best" -v b="$t" 'BEGIN { print (a == "" || b + 0 < a + 0) ? b : a }')
    done
    printf '\nmgi benchmark — assess (scores, ranks, statistics, trends; after loading)\n'
    awk -v s="$best" 'BEGIN {
        printf "345 communes × 2 years (62,790 answers): %.1f ms   target: ≤ 50 ms — %s\n",
            s * 1000, (s <= 0.05 ? "met" : "MISSED") }'
    rm -rf "$data"
}

# The rank analysis (uncertainty.h): draws × (2 + inputs) rankings of 345 communes
# in each of 2 years, single-threaded, after loading and assessing (--timings).
bench_uncertainty() {
    data=$TMP/unc-345x2
    "$SYNTH" --years 2 --seed "$SEED" 345 "$data" >/dev/null || die "synth failed"
    best=''
    run=0
    while [ "$run" -lt "$RUNS" ]; do
        run=$((run + 1))
        t=$("$MGI" assess "$data" --uncertainty --timings 2>&1 >/dev/null |
            sed -n 's/.*uncertainty \([0-9.]*\) s.*/\1/p')
        [ -n "$t" ] || die "mgi assess --uncertainty --timings printed no timing"
        best=$(awk -v a="$best" -v b="$t" 'BEGIN { print (a == "" || b + 0 < a + 0) ? b : a }')
    done
    printf '\nmgi benchmark — uncertainty (rank intervals and Sobol\047 indices; after assessing)\n'
    awk -v s="$best" 'BEGIN {
        printf "1000 draws × 345 communes × 2 years: %.3f s   target: ≤ 1 s — %s\n",
            s, (s <= 1 ? "met" : "MISSED") }'
    rm -rf "$data"
}

# Charts of one commune (Quilicura, demo data): drawing and encoding, in
# process, mean of 50 rounds; the SVG path is the default of mgi build.
bench_charts() {
    printf '\nmgi benchmark — charts (wheel + domains + trend of one commune)\n'
    [ -x "$BUILD/bench_charts" ] || die "no $BUILD/bench_charts: build it first"
    "$BUILD/bench_charts" "$ROOT" "$ROOT/data" 50 1200 | sed 's/^/  /'
    "$BUILD/bench_charts" "$ROOT" "$ROOT/data" 50 600 | sed -n 's/^ *draw/  600 px: draw/p'
    echo 'target: ≤ 5 ms for the three as PNG and SVG (SVG alone is the default path)'
}

# The Excel annex (mean of 20) and the comparison workbook of 345 communes.
bench_xlsx() {
    printf '\nmgi benchmark — workbooks\n'
    [ -x "$BUILD/bench_xlsx" ] || die "no $BUILD/bench_xlsx: build it first"
    data=$TMP/xlsx-345
    "$SYNTH" --seed "$SEED" 345 "$data" >/dev/null || die "synth failed"
    mkdir -p "$TMP/xlsx-out"
    "$BUILD/bench_xlsx" "$ROOT" "$data" "$TMP/xlsx-out" | sed 's/^/  /'
    echo 'target: annex ≤ 5 ms; comparison workbook of 345 communes ≤ 1 s'
    rm -rf "$data" "$TMP/xlsx-out"
}

# The comparison outputs of 345 communes (dashboard, comparison PDF and workbook, heatmap)
# within a build of one commune; then sorting in Chromium when node and playwright-core are there.
bench_comparison() {
    printf '\nmgi benchmark — comparison of 345 communes\n'
    data=$TMP/cmp-345
    "$SYNTH" --seed "$SEED" 345 "$data" >/dev/null || die "synth failed"
    "$MGI" build "$data" -o "$TMP/cmp-out" --lang en --commune S00001 --timings 2>&1 |
        sed -n 's/^mgi: timings: /  one commune plus every comparison output: /p'
    pw=$ROOT/tests
    if command -v node >/dev/null && [ -d "$pw/node_modules/playwright-core" ]; then
        node "$ROOT/tests/bench/dashboard.mjs" "$TMP/cmp-out/dashboard/index.html" "$pw" | sed 's/^/  /'
    else
        echo "  (Chromium timing skipped: needs playwright-core in tests/node_modules: cd tests && npm ci)"
    fi
    echo 'target: dashboard and comparison PDF for 345 communes ≤ 1 s; sort < 100 ms'
    rm -rf "$data" "$TMP/cmp-out"
}

# The whole English build (every commune's profile PDF, SVG charts and annex, plus the
# comparison outputs) with one process and with two: seconds, ms per commune, the peak
# RSS of the largest process, and the speed-up. GNU time's %M is the parent's peak, so
# workers are measured with --jobs 1 as well (same per-process work).
bench_build() {
    # Each run writes into a new directory, removed only once the size is done:
    # removing thousands of files just before a run makes ext4 look through
    # "recently deleted" inodes for every new file (find_inode_bit, perf showed
    # it at up to a quarter of a build). The last column is that case: a
    # rebuild over the previous run's output, whose replaced files are freed.
    printf '\nmgi benchmark — mgi build --lang en (profiles, charts, annexes, comparisons)\n'
    printf '%4s  %-9s  %-10s  %-9s  %-10s  %-8s  %-11s  %s\n' N 'jobs 1 s' ms/commune 'jobs 2 s' \
        ms/commune speed-up 'peak RSS MB' 'rebuild s'
    OUTS=$TMP/outs
    export OUTS
    mkdir -p "$OUTS"
    cat >"$TMP/fresh" <<'EOF'
#!/bin/sh
exec "$@" -o "$(mktemp -u -d "$OUTS/out.XXXXXX")"
EOF
    chmod +x "$TMP/fresh"
    for N in $SIZES; do
        dataset "$N"
        measure "$TMP/fresh" "$MGI" build "$DATA" --lang en --jobs 1 -q
        s1=$SECS rss=$RSS_KB
        measure "$TMP/fresh" "$MGI" build "$DATA" --lang en --jobs 2 -q
        s2=$SECS
        "$MGI" build "$DATA" -o "$TMP/build-out" --lang en -q
        measure "$MGI" build "$DATA" -o "$TMP/build-out" --lang en --jobs 1 -q
        awk -v n="$N" -v a="$s1" -v b="$s2" -v kb="$rss" -v r="$SECS" 'BEGIN {
            printf "%4d  %-9.3f  %-10.2f  %-9.3f  %-10.2f  %-8.2f  %-11.1f  %.3f\n", n, a, a * 1000 / n, b,
                b * 1000 / n, a / b, kb / 1024, r }'
        rm -rf "$TMP/build-out" "$TMP/outs"/*
    done
    echo 'target: ≤ 15 ms per commune single-threaded; 345 communes ≤ 3 s with --jobs 2; RSS ≤ 64 MB'
}

# mgi practice --all: every practice sheet (Markdown and PDF, English) of every commune,
# with two jobs, into a new directory each run.
practice_run() { measure "$TMP/fresh-practice" "$MGI" practice "$1" --all --lang en --jobs 2; }
bench_practice() {
    OUTS=$TMP/outs
    export OUTS
    mkdir -p "$OUTS"
    printf '#!/bin/sh\nexec "$@" -o "$(mktemp -u -d "$OUTS/sheets.XXXXXX")"\n' >"$TMP/fresh-practice"
    chmod +x "$TMP/fresh-practice"
    run_stage 'mgi practice --all --lang en --jobs 2 (a sheet per practice in place, .md and .pdf)' \
        practice_run 345 2 64
    rm -rf "$TMP/outs"
}

# The typesetting of the demo's Santiago profile, as a reader's tool reads it back
# (tests/measure.py): the measure, and the inter-word gaps of justified lines.
bench_typesetting() {
    printf '\nmgi benchmark — typesetting of the Santiago 2022 profile (demo data)\n'
    if ! command -v python3 >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
        echo 'skipped: needs python3 and pdftotext (poppler-utils)'
        return
    fi
    "$MGI" build "$ROOT/data" -o "$TMP/typeset" --commune 13101 -q || return
    python3 "$ROOT/tests/measure.py" "$TMP"/typeset/13101-2022/profile-en.pdf \
        "$TMP"/typeset/13101-2022/profile-es.pdf | sed 's|^.*/profile-|profile-|'
    echo 'target: ≤ 90 characters a line; gaps 95th percentile ≤ 0.36 em, largest ≤ 0.45 em'
    if [ -x "$BUILD/bench_flow" ]; then
        "$BUILD/bench_flow" "$ROOT" "$ROOT/data" 50 | sed 's/^/  /'
        echo 'target: total fit adds ≤ 20 % to a profile (a commune is two profiles: see "build")'
    fi
}

# mgi merge of a 91-row entry workbook (every answer new: 91 rows written) as mgi's
# template writes it, and, with LibreOffice, as LibreOffice saves it (.xlsx, .ods) and as
# the CSV it exports; the whole command (loading and checking the demo data included).
bench_merge() {
    printf '\nmgi benchmark — mgi merge of a 91-row entry sheet (demo data, commune 13101)\n'
    d=$TMP/merge-data
    rm -rf "$d" && cp -R "$ROOT/data" "$d"
    "$MGI" template "$d" --commune 13101 --year 2022 -o "$TMP/entry.xlsx" 2>/dev/null ||
        die "mgi template failed"
    awk -F, 'NR == 1 || $1 != "13101"' "$ROOT/data/responses.csv" >"$d/responses.orig"
    set -- "$TMP/entry.xlsx"
    if command -v soffice >/dev/null; then
        mkdir -p "$TMP/lo" "$TMP/lohome"
        for to in xlsx ods 'csv:Text - txt - csv (StarCalc):44,34,76,1'; do
            (cd "$TMP/lo" && HOME=$TMP/lohome timeout 120 soffice --headless --norestore \
                --convert-to "$to" "$TMP/entry.xlsx" >/dev/null 2>&1) || true
        done
        for f in entry.xlsx entry.ods entry.csv; do
            if [ -s "$TMP/lo/$f" ]; then set -- "$@" "$TMP/lo/$f"; fi
        done
    fi
    for f in "$@"; do
        # Each run merges into the data without the commune's answers: one run at a
        # time, the file put back in between.
        best='' rss=0 k=0 runs=$RUNS
        while [ "$k" -lt "$runs" ]; do
            k=$((k + 1))
            cp "$d/responses.orig" "$d/responses.csv"
            RUNS=1
            measure "$MGI" merge "$d" "$f"
            RUNS=$runs
            best=$(awk -v a="$best" -v b="$SECS" 'BEGIN { print (a == "" || b + 0 < a + 0) ? b : a }')
            if [ "$RSS_KB" -gt "$rss" ]; then rss=$RSS_KB; fi
        done
        SECS=$best RSS_KB=$rss
        awk -v f="${f#"$TMP"/}" -v s="$SECS" -v kb="$RSS_KB" 'BEGIN {
            printf "  %-14s %6.1f ms  peak RSS %.1f MB\n", f, s * 1000, kb / 1024 }'
    done
    echo 'target: ≤ 20 ms for the workbook (lo/: as LibreOffice saves it)'
    rm -rf "$d" "$TMP/lo" "$TMP/lohome"
}

version=$("$MGI" --version 2>/dev/null | head -n 1) || true
printf '%s; data: synth --years %s --seed %s; best of %s runs\n' \
    "${version:-mgi}" "$YEARS" "$SEED" "$RUNS"
for stage in ${BENCH_STAGES:-validate assess uncertainty charts xlsx comparison build practice merge typesetting}; do
    "bench_$stage"
done
