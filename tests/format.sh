#!/bin/sh
# format.sh — the C code is laid out as .clang-format says: clang-format would change no file.
# Usage: format.sh SOURCE_DIR. The layout is clang-format 14's (Debian 12); another version
# may lay out a few lines otherwise.
set -u
. "$(dirname "$0")/need.sh"
cd "$1" || exit 1
command -v clang-format >/dev/null 2>&1 || missing format "clang-format (apt-get install clang-format)"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    files=$(git ls-files '*.c' '*.h')
else
    files=$(find src include tests -name '*.[ch]')
fi
bad=0
n=0
for f in $files; do
    n=$((n + 1))
    if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then
        echo "format: $f: not laid out as .clang-format says: clang-format -i $f"
        bad=$((bad + 1))
    fi
done
[ "$n" -gt 0 ] || { echo "format: no C files found in $1"; exit 1; }
if [ "$bad" -gt 0 ]; then
    echo "format: $bad of $n files differ ($(clang-format --version))"
    exit 1
fi
echo "format: $n files as .clang-format lays them out"
