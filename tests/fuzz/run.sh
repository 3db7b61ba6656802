#!/bin/sh
# run.sh — builds the libFuzzer harnesses (CSV reader, whole data set, PDF writer, workbook reader) with clang in build/fuzz and runs each for
# SECONDS (default 60) on seeds made from data/ and the test inputs; a crash stops with
# the crashing input saved in build/fuzz/crashes/ (add it to tests/fuzz/regressions/).
# usage: tests/fuzz/run.sh [SECONDS]
set -eu
cd "$(dirname "$0")/../.."
secs=${1:-60}
. "$(dirname "$0")/../need.sh"
command -v clang >/dev/null || missing fuzz "clang (apt-get install clang)"
b=build/fuzz
CC=clang cmake -S . -B "$b" -DCMAKE_BUILD_TYPE=Debug -DMGI_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
cmake --build "$b" -j "$(nproc)" --target fuzz_csv fuzz_dataset fuzz_pdf fuzz_workbook >/dev/null
rs=$(printf '\036')
mkdir -p "$b/seeds/csv" "$b/seeds/dataset" "$b/seeds/pdf" "$b/seeds/workbook" "$b/crashes"
for f in data/*.csv tests/csv/*.csv; do
    [ -f "$f" ] && head -c 20000 "$f" >"$b/seeds/csv/$(echo "$f" | tr '/' '_')"
done
# A small whole data set: the demo files cut to their first rows.
{ cat data/domains.csv; printf '%s' "$rs"; head -n 30 data/indicators.csv; printf '%s' "$rs"
  cat data/communes.csv; printf '%s' "$rs"; head -n 120 data/responses.csv; } >"$b/seeds/dataset/demo"
# PDF pieces: accented text, characters PDF strings escape, a URI, outline titles.
printf '\000Peñalolén (Región) \\ 100 %%\036\003DRAFT\036\004https://example.org/a b/(c)/ñ\036\006Introducción\036\007Sección\036\010' \
    >"$b/seeds/pdf/demo"
# Workbooks: cells of every kind as whole zip files, and as the parts the harness zips.
python3 tests/workbook/make.py "$b/seeds/workbook"
python3 - "$b/seeds/workbook" <<'PY'
import os, sys, zipfile
d = sys.argv[1]
order = {"xlsx": ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                  "xl/styles.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"],
         "ods": ["mimetype", "content.xml"]}
for kind, names in order.items():
    with zipfile.ZipFile(os.path.join(d, "cells." + kind)) as z:
        parts = [z.read(n)[:20000] for n in names]
    with open(os.path.join(d, "parts-" + kind), "wb") as f:
        f.write(bytes([kind == "ods"]) + b"\x1e".join(parts))
PY
for h in csv dataset pdf workbook; do # earlier crashers, kept as regression seeds
    for r in tests/fuzz/regressions/$h/*; do
        if [ -f "$r" ]; then cp "$r" "$b/seeds/$h/"; fi
    done
done
export ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
for h in csv dataset pdf workbook; do
    echo "fuzz_$h: ${secs}s"
    "$b/fuzz_$h" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=1024 \
        -artifact_prefix="$b/crashes/$h-" -print_final_stats=1 "$b/seeds/$h" 2>"$b/$h.log" ||
        { tail -40 "$b/$h.log"; echo "fuzz_$h: FAILED, input in $b/crashes/"; exit 1; }
    grep -E 'stat::number_of_executed_units|Done [0-9]+ runs' "$b/$h.log" | tail -2
done
