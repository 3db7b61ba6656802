# lib.sh — sourced by the test scripts: a scratch directory removed on exit ($tmp), a count
# of failures (fail MESSAGE adds one to $fails and says it), and need.sh (a missing tool).
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
. "$(dirname "$0")/need.sh"
