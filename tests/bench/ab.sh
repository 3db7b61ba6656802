#!/bin/sh
# ab.sh — a change against its base, timed in turns on the same data: the figures of one
# shared machine drift by a quarter, even 40 %, from one hour to the next, so a change is
# judged by runs interleaved with its base's, not against an earlier table.
#
# Usage: tests/bench/ab.sh BASE_BUILD_DIR [BUILD_DIR]      (BUILD_DIR: build)
#
# Runs, for each stage, BASE's mgi and then this one's, AB_RUNS times in turn, each into
# a new directory under TMPDIR (a tmpfs such as /dev/shm takes the disk out of the
# figures), and prints the best wall time and the best user CPU time of each, and
# the new one's as a share of the base's. Environment:
#   AB_RUNS    turns                                         (default 5)
#   AB_N       communes (synth --years 1 --seed 42)          (default 345)
#   AB_STAGES  "build1" (mgi build --lang en --jobs 1), "build2" (--jobs 2),
#              "practice" (mgi practice --all --lang en --jobs 2)
#                                                            (default "build1 build2 practice")
set -eu

PROG=tests/bench/ab.sh
RUNS=${AB_RUNS:-5}
N=${AB_N:-345}
STAGES=${AB_STAGES:-build1 build2 practice}

die() {
    printf '%s: %s\n' "$PROG" "$*" >&2
    exit 1
}

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    printf 'usage: %s BASE_BUILD_DIR [BUILD_DIR]\n' "$PROG" >&2
    exit 64
fi
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
A=$(cd "$1" && pwd)/mgi
B=$(cd "${2:-$ROOT/build}" && pwd)/mgi
for m in "$A" "$B"; do [ -x "$m" ] || die "no $m: build it first"; done
TIME=/usr/bin/time
"$TIME" -f '%e' true >/dev/null 2>&1 || die "needs GNU time at $TIME: apt-get install time"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/mgi-ab.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT

SYNTH=$(dirname "$B")/synth
if [ ! -x "$SYNTH" ]; then
    SYNTH=$TMP/synth
    cc -O2 -std=c11 -o "$SYNTH" "$ROOT/tests/bench/synth.c" || die "cannot compile synth.c"
fi
"$SYNTH" --years 1 --seed 42 "$N" "$TMP/data" >/dev/null || die "synth failed"

# timed STAGE MGI OUT: runs the stage's command with MGI, writing into OUT, under GNU
# time; appends "wall user" to $TMP/t.
timed() {
    case $1 in
    build1) set -- "$2" build "$TMP/data" -o "$3" --lang en --jobs 1 -q ;;
    build2) set -- "$2" build "$TMP/data" -o "$3" --lang en --jobs 2 -q ;;
    practice) set -- "$2" practice "$TMP/data" --all -o "$3" --lang en --jobs 2 ;;
    *) die "unknown stage $1 (build1, build2, practice)" ;;
    esac
    "$TIME" -a -o "$TMP/t" -f '%e %U' "$@" >/dev/null 2>&1 || die "failed: $*"
}

printf '%s communes, best of %s turns, into %s\n' "$N" "$RUNS" "${TMPDIR:-/tmp}"
printf 'base: %s\nnew:  %s\n' "$A" "$B"
printf '%-9s  %-18s  %-18s  %s\n' stage 'base: wall, user' 'new: wall, user' 'new / base'
for stage in $STAGES; do
    : >"$TMP/t"
    run=0
    while [ "$run" -lt "$RUNS" ]; do
        run=$((run + 1))
        timed "$stage" "$A" "$TMP/out-a-$run"
        timed "$stage" "$B" "$TMP/out-b-$run"
        rm -rf "$TMP/out-a-$run" "$TMP/out-b-$run"
    done
    # lines alternate: base, new
    awk -v st="$stage" '
        { w = $1 + 0; u = $2 + 0; k = (NR % 2) ? "a" : "b"
          if (!(k in bw) || w < bw[k]) bw[k] = w
          if (!(k in bu) || u < bu[k]) bu[k] = u }
        END { printf "%-9s  %6.2f s, %6.2f s  %6.2f s, %6.2f s  %.2f, %.2f\n", st, bw["a"], bu["a"],
                     bw["b"], bu["b"], bw["b"] / bw["a"], bu["b"] / bu["a"] }' "$TMP/t"
done
