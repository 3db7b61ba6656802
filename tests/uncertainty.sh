#!/bin/sh
# uncertainty.sh — the rank intervals as a user meets them: mgi assess --uncertainty, the
# comparison workbook's columns and sheet, --no-uncertainty and draws = 0, the same seed
# giving the same bytes, and bad [uncertainty] settings refused with nothing written.
# usage: uncertainty.sh MGI SOURCE_DIR
set -u
mgi=$1
src=$2
. "$(dirname "$0")/lib.sh"
export SOURCE_DATE_EPOCH=0

data() { # data DIR [method.ini text]: a copy of the demo data with that method.ini
    mkdir -p "$1" && cp -r "$src/data/." "$1/"
    [ $# -gt 1 ] && printf '%s' "$2" >"$1/method.ini"
    return 0
}

# --- mgi assess --uncertainty --------------------------------------------------------
"$mgi" assess "$src/data" --uncertainty >"$tmp/u1.csv" 2>"$tmp/err" || fail "assess --uncertainty: $(cat "$tmp/err")"
head -1 "$tmp/u1.csv" | grep -qx 'commune,name,year,domain,score,coverage,level,insufficient,rank,of,median,change,rank_median,rank_lo,rank_hi,ranked' ||
    fail "assess --uncertainty header: $(head -1 "$tmp/u1.csv")"
"$mgi" assess "$src/data" >"$tmp/plain.csv" || fail "assess"
# the first twelve columns are the plain assessment's
cut -d, -f1-12 "$tmp/u1.csv" | cmp -s - "$tmp/plain.csv" || fail "assess --uncertainty changed the assessment's columns"
# every ranked row has 1 ≤ lo ≤ median ≤ hi ≤ the communes of its year (a draw may rank
# more communes than the nominal method does: hi may pass "of")
awk -F, 'NR == FNR { if (FNR > 1 && $4 == "overall") n[$3]++; next }
         FNR > 1 && $13 != "" { if (!($14 <= $13 && $13 <= $15 && $14 >= 1 && $15 <= n[$3])) { print; bad = 1 } }
         END { exit bad }' "$tmp/u1.csv" "$tmp/u1.csv" || fail "an interval out of order or out of 1..communes"
# Quilicura leads 2022 in every domain but partnerships and crises: first overall under every choice
grep -q '^13125,Quilicura,2022,overall,.*,1,8,[^,]*,[^,]*,1,1,1,1$' "$tmp/u1.csv" ||
    fail "Quilicura 2022 overall is not 1 (1-1): $(grep '^13125,Quilicura,2022,overall' "$tmp/u1.csv")"
"$mgi" assess "$src/data" --uncertainty >"$tmp/u1b.csv"
cmp -s "$tmp/u1.csv" "$tmp/u1b.csv" || fail "two runs with the same seed differ"
# another seed moves no interval bound nor median by more than one rank (1000 draws)
data "$tmp/seed2" '[uncertainty]
seed = 2
'
"$mgi" assess "$tmp/seed2" --uncertainty >"$tmp/u2.csv" || fail "assess with seed 2"
cmp -s "$tmp/u1.csv" "$tmp/u2.csv" && fail "seed 2 gives the same numbers as seed 1"
paste -d, "$tmp/u1.csv" "$tmp/u2.csv" | awk -F, 'NR > 1 { for (k = 13; k <= 15; k++) { d = $k - $(k + 16); if (d > 1 || d < -1) { print; bad = 1 } } }
    END { exit bad }' || fail "another seed moved an interval by more than one rank"
# draws = 0: the columns are there, empty
data "$tmp/off" '[uncertainty]
draws = 0
'
"$mgi" assess "$tmp/off" --uncertainty >"$tmp/off.csv" || fail "assess with draws = 0"
awk -F, 'NR > 1 && ($13 $14 $15 $16) != "" { bad = 1 } END { exit bad }' "$tmp/off.csv" ||
    fail "draws = 0 still printed intervals"

# --- bad settings: method.ini:LINE:COL, exit 65, nothing written -----------------------
bad() { # bad "what" "method.ini text" "expected message"
    rm -rf "$tmp/bad" "$tmp/badout"
    data "$tmp/bad" "$2"
    "$mgi" build "$tmp/bad" -o "$tmp/badout" --quiet >"$tmp/log" 2>&1
    st=$?
    [ $st = 65 ] || fail "$1: exit $st, expected 65"
    grep -qF -- "$3" "$tmp/log" || { fail "$1: no \"$3\" in:"; sed 's/^/  | /' "$tmp/log"; }
    [ ! -e "$tmp/badout" ] || fail "$1: build wrote $tmp/badout"
    "$mgi" assess "$tmp/bad" --uncertainty >"$tmp/badcsv" 2>/dev/null && fail "$1: assess accepted it"
    [ -s "$tmp/badcsv" ] && fail "$1: assess printed rows"
}
bad "a range outside [0, 1]" '[uncertainty]
partial = 0.25, 1.5
' "method.ini:2:11: error: partial 1.5 is outside [0, 1]"
bad "an inverted range" '[uncertainty]
draws = 10
threshold = 0.7, 0.5
' "method.ini:3:13: error: threshold range is inverted"
bad "too many draws" '[uncertainty]
draws = 100001
' "method.ini:2:9: error: draws must be at most 100000"
bad "an unknown key" '[scores]
partial = 0.5
[uncertainty]
sede = 3
' "method.ini:4:1: error: unknown setting \"sede\" in section [uncertainty]"
bad "ranks neither yes nor no" '[report]
ranks = nope
' "method.ini:2:9: error: ranks must be yes or no"

# --- the comparison workbook ---------------------------------------------------------
"$mgi" build "$src/data" -o "$tmp/a" --quiet --lang all || fail "build"
mkdir "$tmp/x" && (cd "$tmp/x" && unzip -q "$tmp/a/comparison.xlsx")
grep -q '<sheet name="Rank sensitivity"' "$tmp/x/xl/workbook.xml" || fail "no Rank sensitivity sheet"
s1=$tmp/x/xl/worksheets/sheet1.xml
for h in 'Median rank' 'Rank, 5th percentile' 'Rank, 95th percentile'; do
    grep -q "<t>$h</t>" "$s1" || fail "Communes sheet lacks the column $h"
done
# Quilicura, first row (first overall): rank 1, median 1, 1 to 1 in columns L to O (after
# the Year column)
grep -q '<c r="L2"[^>]*><v>1</v></c><c r="M2"[^>]*><v>1</v></c><c r="N2"[^>]*><v>1</v></c><c r="O2"[^>]*><v>1</v></c>' "$s1" ||
    fail "Quilicura's rank and interval are not 1, 1, 1, 1 in L2:O2"
last=$(ls "$tmp/x/xl/worksheets"/sheet*.xml | sort -V | tail -1)
for t in 'Alone: Score of a "partial" answer' 'With others: Indicator weights' 'All communes' \
    'How much each choice of the method moves the ranks, over 1000 alternative methods (seed 1)'; do
    grep -qF "$t" "$last" || fail "the sensitivity sheet lacks: $t"
done
mkdir "$tmp/xes" && (cd "$tmp/xes" && unzip -q "$tmp/a/comparison.es.xlsx")
grep -q '<sheet name="Sensibilidad posición"' "$tmp/xes/xl/workbook.xml" || fail "no Spanish sensitivity sheet"
grep -q '<t>Posición mediana</t>' "$tmp/xes/xl/worksheets/sheet1.xml" || fail "no Spanish median rank column"

# --- the comparison PDF: the chapter, its chart and table, the ranking's "2 (1–4)" -----
pdftotext -layout "$tmp/a/comparison.pdf" "$tmp/cmp.txt"
pdftotext "$tmp/a/comparison.pdf" "$tmp/cmp-raw.txt"
grep -q '^HOW ROBUST ARE THE RANKS?' "$tmp/cmp.txt" || fail "no chapter How robust are the ranks?"
grep -q 'HOW ROBUST ARE THE RANKS? *[0-9]' "$tmp/cmp.txt" || fail "the chapter is not in the contents"
grep -q 'ranked again 1000 times' "$tmp/cmp-raw.txt" || fail "the chapter does not say how many rankings"
tr '\n' ' ' <"$tmp/cmp-raw.txt" | grep -q 'the bar covers the ranks it re.*ached in 9 out of 10 of the other rankings' ||
    fail "no plain sentence under the chart"
grep -qE '^ *1 \(1–1\) +Quilicura' "$tmp/cmp.txt" || fail "the ranking table lacks Quilicura's 1 (1–1)"
grep -qE '^ *4 \(4–5\) +Antofagasta' "$tmp/cmp.txt" || fail "the ranking table lacks Antofagasta's 4 (4–5)"
grep -qE 'Indicator weights +[0-9]+% +[0-9]+% +The main reason the ranks move' "$tmp/cmp.txt" ||
    fail "the drivers table does not name the weights as the main reason"
grep -qE 'Level cut points +– +– +Changes levels, never ranks' "$tmp/cmp.txt" ||
    fail "the drivers table does not say the cut points move no rank"
pdftotext -layout "$tmp/a/comparison.es.pdf" "$tmp/cmp-es.txt"
grep -q '^¿QUÉ TAN SÓLIDAS SON LAS POSICIONES?' "$tmp/cmp-es.txt" || fail "no Spanish chapter"
grep -qE 'Pesos de los indicadores +[0-9]+ % +[0-9]+ % +La razón principal' "$tmp/cmp-es.txt" ||
    fail "no Spanish drivers table"

# --- the profile's rank line: the interval, the number compared, a sentence when wide --
pdftotext "$tmp/a/13101-2022/profile-en.pdf" - | tr '\n' ' ' >"$tmp/prof.txt"
grep -q 'Rank among the 8 communes assessed in 2022: 2, and the same under other reasonable choices of method (9 cases out of 10)\.' "$tmp/prof.txt" ||
    fail "Santiago's rights rank line lacks its one-rank interval"
grep -q 'Rank among the 8 communes assessed in 2022: 3; between 2 and 4 under other reasonable choices of method (9 cases out of 10)\. This rank is uncertain' "$tmp/prof.txt" ||
    fail "Santiago's wga rank line lacks its interval and the sentence for a wide one"
pdftotext "$tmp/a/13101-2022/profile-es.pdf" - | tr '\n' ' ' >"$tmp/prof-es.txt"
grep -q 'entre 2 y 4 con otras decisiones razonables de método (9 casos de cada 10)\. Esta posición es incierta' "$tmp/prof-es.txt" ||
    fail "the Spanish rank line lacks its interval"

# --- the dashboard: the interval beside each rank, a median rank to sort by, the caterpillar
# in both languages (its data; tests/dashboard checks what the browser shows of it)
html=$tmp/a/dashboard/index.html
dash() { /usr/bin/python3 "$src/tests/dashboard/data.py" "$@"; }
dash "$html" "D['unc'] and view_rank('13125') == 1 and latest('13125')[8] == [1, 1, 1]" ||
    fail "the dashboard lacks Quilicura's 1 (1–1)"
dash "$html" "latest('02101')[8][0] == 4" || fail "Antofagasta's row lacks its median rank"
grep -q '<template id="cat-en"><svg' "$html" && grep -q '<template id="cat-es"><svg' "$html" ||
    fail "the dashboard lacks the caterpillar view in both languages"
dash "$html" "D['t']['en']['unc.title'] == 'How robust are the ranks?' and D['t']['es']['unc.title'] == '¿Qué tan sólidas son las posiciones?'" ||
    fail "the caterpillar view has no bilingual title"

# --- off: --no-uncertainty and draws = 0 give the documents of before -----------------
"$mgi" build "$src/data" -o "$tmp/no" --quiet --no-uncertainty || fail "build --no-uncertainty"
"$mgi" build "$tmp/off" -o "$tmp/zero" --quiet || fail "build with draws = 0"
mkdir "$tmp/xn" && (cd "$tmp/xn" && unzip -q "$tmp/no/comparison.xlsx")
grep -q 'Rank sensitivity' "$tmp/xn/xl/workbook.xml" && fail "--no-uncertainty kept the sensitivity sheet"
grep -q 'Median rank' "$tmp/xn/xl/worksheets/sheet1.xml" && fail "--no-uncertainty kept the interval columns"
pdftotext "$tmp/no/comparison.pdf" - | grep -q 'HOW ROBUST' && fail "--no-uncertainty kept the chapter"
grep -q 'cat-en' "$tmp/no/dashboard/index.html" && fail "--no-uncertainty kept the dashboard's caterpillar"
dash "$tmp/no/dashboard/index.html" "not D['unc'] and all(r[8] == 0 for r in D['r'])" || fail "--no-uncertainty kept the dashboard's intervals"
pdftotext "$tmp/no/13101-2022/profile-en.pdf" - | tr '\n' ' ' | grep -q 'Rank among the 8 communes assessed in 2022: 3 ' ||
    fail "--no-uncertainty: the profile's rank line is not as before"
pdftotext -layout "$tmp/no/comparison.pdf" - | grep -qE '^ *1 +Quilicura' || fail "--no-uncertainty: the ranking lost its plain ranks"
for f in comparison.xlsx comparison.pdf comparison.es.pdf dashboard/index.html 13101-2022/profile-en.pdf; do
    cmp -s "$tmp/no/$f" "$tmp/zero/$f" || fail "--no-uncertainty and draws = 0 differ in $f"
done
# the same seed, the same bytes
"$mgi" build "$src/data" -o "$tmp/b" --quiet --lang all || fail "second build"
for f in comparison.xlsx comparison.pdf comparison.es.pdf; do
    cmp -s "$tmp/a/$f" "$tmp/b/$f" || fail "two builds with the same seed differ in $f"
done

# --- [report] ranks = no: levels and quartiles instead of ranks; mgi assess keeps them --
data "$tmp/noranks" '[report]
ranks = no
'
"$mgi" build "$tmp/noranks" -o "$tmp/nr" --quiet --lang all || fail "build with ranks = no"
pdftotext "$tmp/nr/13101-2022/profile-en.pdf" - | tr '\n' ' ' >"$tmp/nr-prof.txt"
grep -q 'Rank among' "$tmp/nr-prof.txt" && fail "ranks = no: the profile still prints a rank"
grep -q 'Among the 8 communes assessed in 2022, the median score is 0.52 (Partially meets) and the middle half of the communes score from 0.47 to 0.60: this score is above the middle half\.' "$tmp/nr-prof.txt" ||
    fail "ranks = no: the profile does not compare rights with the median and quartiles"
pdftotext "$tmp/nr/13101-2022/profile-es.pdf" - | tr '\n' ' ' | grep -q 'el puntaje mediano es 0,52 (Cumple parcialmente)' ||
    fail "ranks = no: no Spanish comparison with the median"
pdftotext -layout "$tmp/nr/comparison.pdf" "$tmp/nr-cmp.txt"
grep -q '^LEVELS' "$tmp/nr-cmp.txt" || fail "ranks = no: no Levels chapter"
grep -qE '^(RANKING|HOW ROBUST)' "$tmp/nr-cmp.txt" && fail "ranks = no: a ranking chapter is printed"
tr '\n' ' ' <"$tmp/nr-cmp.txt" | grep -qE 'It does not rank +the communes' || fail "ranks = no: the introduction still promises ranks"
# alphabetical: Antofagasta first, Santiago last, in the levels table
first=$(grep -oE '^ *(Antofagasta|Estación Central|Independencia|Peñalolén|Quilicura|Recoleta|San Miguel|Santiago) +0' "$tmp/nr-cmp.txt" | head -8 | sed 's/ *0$//; s/^ *//' | tr '\n' ,)
[ "$first" = "Antofagasta,Estación Central,Independencia,Peñalolén,Quilicura,Recoleta,San Miguel,Santiago," ] ||
    fail "ranks = no: the levels table is not in alphabetical order: $first"
dash "$tmp/nr/dashboard/index.html" "not D['ranks']" || fail "ranks = no: the dashboard has a rank column"
mkdir "$tmp/xnr" && (cd "$tmp/xnr" && unzip -q "$tmp/nr/comparison.xlsx")
grep -q '<t>Rank</t>\|<t>Median rank</t>' "$tmp/xnr/xl/worksheets/sheet1.xml" && fail "ranks = no: the workbook has rank columns"
grep -q 'Rank sensitivity' "$tmp/xnr/xl/workbook.xml" && fail "ranks = no: the workbook has the sensitivity sheet"
grep -q '<c r="B2"[^>]*><is><t>Antofagasta</t>' "$tmp/xnr/xl/worksheets/sheet1.xml" || fail "ranks = no: the workbook is not in alphabetical order"
dash "$tmp/nr/dashboard/index.html" "names()[0] == 'Antofagasta' and names() == sorted(names())" || fail "ranks = no: dashboard rows"
"$mgi" assess "$tmp/noranks" --uncertainty | grep -q '^13125,Quilicura,2022,overall,.*,1,8,[^,]*,[^,]*,1,1,1,1$' ||
    fail "ranks = no: mgi assess no longer prints ranks and intervals"

[ $fails = 0 ] && echo "uncertainty: all passed"
exit $((fails != 0))
