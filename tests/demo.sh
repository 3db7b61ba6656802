#!/bin/sh
# demo.sh — the demo data's assessment of Santiago 2022 against the hand computation in
# tests/assess/santiago-2022.txt: the answer counts are recounted from the CSV files with
# awk (independently of mgi), and mgi's scores must equal the hand-written fractions.
# usage: demo.sh MGI SOURCE_DIR
set -eu
mgi=$1
src=$2
table=$src/tests/assess/santiago-2022.txt
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

# Recount: domain yes partial no na, for 13101 in 2022, COVID-19 questions left out.
# (The demo files hold no quoted commas before the answer column, nor after the questions
# of indicators.csv, whose covid column is found counting from the end.)
awk -F, '
    FNR == 1 { if (FILENAME ~ /indicators/) for (i = 1; i <= NF; i++) if ($i == "covid") back = NF - i; next }
    FILENAME ~ /indicators/ { dom[$1] = $2; covid[$1] = ($(NF - back) == "1") ; next }
    $1 == "13101" && $2 == "2022" && !covid[$3] { n[dom[$3] " " $4]++ }
    END {
        split("rights wga partnerships wellbeing crises safe", d, " ")
        for (i = 1; i <= 6; i++)
            printf "%s %d %d %d %d\n", d[i], n[d[i] " yes"], n[d[i] " partial"], n[d[i] " no"], n[d[i] " na"]
    }' "$src/data/indicators.csv" "$src/data/responses.csv" >"$tmp.counts"
grep -v '^#' "$table" | awk '$2 != "-" { print $1, $2, $3, $4, $5 }' >"$tmp.want"
if ! diff "$tmp.want" "$tmp.counts"; then
    echo "FAIL: the answer counts in data/ differ from $table"
    rm -f "$tmp.counts" "$tmp.want"
    exit 1
fi
rm -f "$tmp.counts" "$tmp.want"

"$mgi" assess "$src/data" --commune 13101 --year 2022 >"$tmp"
status=0
grep -v '^#' "$table" | while read -r domain _ _ _ _ score coverage level; do
    row=$(awk -F, -v d="$domain" '$4 == d' "$tmp")
    if [ -z "$row" ]; then echo "FAIL: no row for $domain"; exit 1; fi
    echo "$row" | awk -F, -v d="$domain" -v s="$score" -v c="$coverage" -v l="$level" '
        function val(f,  p) { p = index(f, "/"); return p ? substr(f, 1, p - 1) / substr(f, p + 1) : f + 0 }
        function off(a, b) { return (a > b ? a - b : b - a) > 1e-12 }
        BEGIN { gsub(/-/, " ", l) }
        {
            if (off($5 + 0, val(s))) { printf "FAIL: %s score %s, expected %s\n", d, $5, s; bad = 1 }
            if (off($6 + 0, val(c))) { printf "FAIL: %s coverage %s, expected %s\n", d, $6, c; bad = 1 }
            if ($7 != l) { printf "FAIL: %s level \"%s\", expected \"%s\"\n", d, $7, l; bad = 1 }
        }
        END { exit bad }' || exit 1
done || status=1
[ "$status" = 0 ] && echo "Santiago 2022: counts and scores agree with the hand computation"
exit $status
