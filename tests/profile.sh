#!/bin/sh
# profile.sh — the profile PDF as a reader checks it: sections in order at the pages the
# contents give, findings under the right headings, accents, Spanish, fonts, structure,
# reproducibility.  usage: profile.sh MGI SOURCE_DIR
set -u
mgi=$1 src=$2
. "$(dirname "$0")/lib.sh"

SOURCE_DATE_EPOCH=0 "$mgi" build "$src/data" -o "$tmp/a" >"$tmp/log" 2>&1 || { cat "$tmp/log"; fail "build"; }
SOURCE_DATE_EPOCH=0 "$mgi" build "$src/data" -o "$tmp/b" --commune 13101 >/dev/null 2>&1 || fail "second build"
en=$tmp/a/13101-2022/profile-en.pdf es=$tmp/a/13101-2022/profile-es.pdf
[ -s "$en" ] && [ -s "$es" ] || { fail "no profiles"; echo "$fails failures"; exit 1; }
cmp -s "$en" "$tmp/b/13101-2022/profile-en.pdf" || fail "two builds with SOURCE_DATE_EPOCH=0 differ"
pdfinfo "$en" | grep -q 'CreationDate: *Thu Jan  1 00:00:00 1970' || fail "creation date not pinned"

page() { pdftotext -layout -f "$2" -l "$2" "$1" - 2>>"$tmp/poppler"; }

# The contents (page 3, after the cover and the imprint): every entry's page starts that section (its heading is on that page and
# not on the page before).
page "$en" 3 >"$tmp/toc"
grep -q 'CONTENTS' "$tmp/toc" || fail "no contents page"
n=0
for title in OBJECTIVES INTRODUCTION CONTEXT 'KEY FINDINGS' 'COVID-19 ANALYSIS' 'KEY SOURCES' ANNEXES; do
    pg=$(grep -E "^ *$title[ .]" "$tmp/toc" | grep -oE '[0-9]+ *$' | tr -d ' ')
    [ -n "$pg" ] || { fail "contents lack $title"; continue; }
    [ "$pg" -gt "$n" ] || fail "$title (page $pg) out of order"
    n=$pg
    page "$en" "$pg" | grep -qE "^ *$title *$" || fail "$title is not on page $pg"
    page "$en" $((pg - 1)) | grep -qE "^ *$title *$" && fail "$title already on page $((pg - 1))"
done
pg=$(grep -E "1\. Migrants’ rights" "$tmp/toc" | grep -oE '[0-9]+ *$' | tr -d ' ')
page "$en" "$pg" | tr '\n' ' ' | tr -s ' ' | grep -q "ADHERE TO INTERNATIONAL STANDARDS" ||
    fail "domain 1 not on page $pg"
# Santiago's findings under the right headings of domain 1.
page "$en" "$pg" >"$tmp/d1"
page "$en" $((pg + 1)) >>"$tmp/d1"
page "$en" $((pg + 2)) >>"$tmp/d1"
tr '\n' ' ' <"$tmp/d1" | tr -s ' ' >"$tmp/d1.txt"
well=$(grep -o '1\.1\. Examples of well-developed areas.*1\.2\. Areas with potential' "$tmp/d1.txt")
case $well in *"Escuela Somos Todos"*) ;; *) fail "Escuela Somos Todos not under 1.1" ;; esac
gaps=$(grep -o '1\.2\. Areas with potential for further development.*' "$tmp/d1.txt")
case $gaps in *"ntercultural facilitators"*) ;; *) fail "the facilitators gap not under 1.2" ;; esac
grep -q 'Score 0.66' "$tmp/d1.txt" || fail "rights score line"
grep -q 'Rank among the 8 communes assessed in 2022: 2' "$tmp/d1.txt" || fail "rights rank"

# Sources printed once: a finding's source that the narrative's list gives already (by author
# and year, or by title) is left out; the others come under their own heading.
pdftotext -layout "$en" "$tmp/en-layout.txt" 2>/dev/null
grep -q 'Jesuit Migrant Service, Encuesta Voces Migrantes' "$tmp/en-layout.txt" &&
    fail "a finding's source the narrative lists already is printed again"
grep -q 'Further sources cited in the findings' "$tmp/en-layout.txt" &&
    fail "Santiago's findings cite no source the English list lacks, yet the heading is printed"
# A law is the same work whatever its number sign: "Ley No. 20.430" in a finding, "Ley N.º
# 20.430" in the Spanish list.
pdftotext -layout "$es" - 2>/dev/null >"$tmp/es-layout.txt"
grep -q 'Ley No. 20.430' "$tmp/es-layout.txt" && fail "a law the Spanish list gives (N.º) is printed again (No.)"
grep -q 'Otras fuentes citadas en los hallazgos' "$tmp/es-layout.txt" &&
    fail "Santiago's findings cite no source the Spanish list lacks, yet the heading is printed"
# A source that neither list gives comes under its own heading, in both languages.
cp -R "$src/data" "$tmp/more"
sed -i '/^13101,2022,MR-03,/s/,$/,"Observatorio Comunal de Prueba, Informe sin lista (2019)"/' "$tmp/more/responses.csv"
"$mgi" build "$tmp/more" -o "$tmp/more-out" --commune 13101 -q || fail "build with an unlisted source"
for l in en es; do
    head='Further sources cited in the findings'; [ $l = es ] && head='Otras fuentes citadas en los hallazgos'
    pdftotext -layout "$tmp/more-out/13101-2022/profile-$l.pdf" - 2>/dev/null | sed -n "/$head/,\$p" |
        grep -q 'Observatorio Comunal de Prueba, Informe sin lista (2019)' ||
        fail "a finding's source the $l list lacks is not under its own heading"
done

# Typographic apostrophes and quotes everywhere (the data's straight ones included), and one
# Spanish percent style, with a no-break space (RAE).
pdftotext "$en" - 2>/dev/null | grep -n "['\"]" | head -3 >"$tmp/straight"
[ -s "$tmp/straight" ] && { fail "straight quotes in the English profile:"; cat "$tmp/straight"; }
grep -q 'Migrants’ rights' "$tmp/en-layout.txt" || fail "no typographic apostrophe in Migrants’ rights"
pdftotext "$es" - 2>/dev/null | grep -E '[0-9]%' | head -3 >"$tmp/pct"
[ -s "$tmp/pct" ] && { fail "a Spanish percentage without its space:"; cat "$tmp/pct"; }
pdftotext "$es" - 2>/dev/null | grep -q '54,4 %' || fail "the share of foreign residents is not 54,4 %"

# A commune without narratives (Estación Central): no placeholder text or empty sources page;
# the contents page says once what is missing. No software wording in print.
ec=$tmp/a/13106-2022/profile-en.pdf
pdftotext "$ec" - 2>/dev/null >"$tmp/ec.txt"
grep -q 'No narrative context' "$tmp/ec.txt" && fail "a placeholder for a missing narrative is printed"
grep -q 'KEY SOURCES' "$tmp/ec.txt" && fail "an empty sources section is printed"
page "$ec" 3 | tr '\n' ' ' | tr -s ' ' | grep -q 'No narrative text was provided for: Context, COVID-19 analysis and Key sources' ||
    fail "the contents page does not say which narratives are missing"
for f in "$ec" "$en" "$es" "$tmp/a/comparison.pdf"; do
    pdftotext "$f" - 2>/dev/null | grep -iE 'mgi tool|herramienta mgi|generated by|folder|carpeta' | head -2 >"$tmp/sw"
    [ -s "$tmp/sw" ] && { fail "software wording in $(basename "$f"):"; cat "$tmp/sw"; }
done

# The imprint (page 2): publisher, required citation, rights and date; with a [publication]
# section, the publisher's own name, place, licence and ISBN, in each language, on the
# back cover too. An unknown key there is an error at its line.
page "$en" 2 | tr '\n' ' ' | tr -s ' ' >"$tmp/imprint"
grep -q 'Required citation Municipality of Santiago (1970)\. Migration Governance Indicators — Local: Profile 2022\. Municipality of Santiago (Chile)\.' "$tmp/imprint" ||
    { fail "the imprint's required citation"; cat "$tmp/imprint"; }
grep -q '© Municipality of Santiago 1970\. All rights reserved\.' "$tmp/imprint" || fail "the imprint's rights"
grep -q 'Published 1 January 1970\.' "$tmp/imprint" || fail "the imprint's date, in words"
mkdir -p "$tmp/res" && cp -r "$src/layouts" "$src/fonts" "$tmp/res/"
cat >>"$tmp/res/layouts/profile.ini" <<'INI'
publisher = International Organization for Migration
publisher_es = Organización Internacional para las Migraciones
place = Geneva, Switzerland
url = https://www.iom.int
licence = CC BY-NC-ND 3.0 IGO
licence_url = https://creativecommons.org/licenses/by-nc-nd/3.0/igo/
isbn = 978-92-9268-000-0
INI
sed -i 's/^publisher =$//; s/^publisher_es =$//; s/^place =$//; s/^url =$//; s/^licence =$//; s/^licence_url =$//; s/^isbn =$//' "$tmp/res/layouts/profile.ini"
SOURCE_DATE_EPOCH=0 "$mgi" build "$src/data" -o "$tmp/pub" --commune 13101 --resources "$tmp/res" >"$tmp/log" 2>&1 ||
    { cat "$tmp/log"; fail "build with a [publication] section"; }
page "$tmp/pub/13101-2022/profile-en.pdf" 2 | tr '\n' ' ' | tr -s ' ' >"$tmp/imprint2"
for want in 'Publisher International Organization for Migration Geneva, Switzerland https://www.iom.int' \
    'International Organization for Migration (1970)\. Migration Governance Indicators — Local: Profile 2022\. Municipality of Santiago (Chile)\. Geneva, Switzerland\.' \
    'available under the licence CC BY-' 'NC-ND 3\.0 IGO' 'ISBN 978-92-9268-000-0'; do
    grep -q "$want" "$tmp/imprint2" || { fail "imprint with [publication]: no \"$want\""; cat "$tmp/imprint2"; }
done
page "$tmp/pub/13101-2022/profile-es.pdf" 2 | grep -q 'Organización Internacional para las Migraciones' ||
    fail "the Spanish imprint does not name publisher_es"
last=$(pdfinfo "$tmp/pub/13101-2022/profile-en.pdf" | awk '/^Pages:/ { print $2 }')
page "$tmp/pub/13101-2022/profile-en.pdf" "$last" | grep -q 'International Organization for Migration' ||
    fail "the back cover does not name the publisher"
printf 'colophon = yes\n' >>"$tmp/res/layouts/profile.ini"
"$mgi" build "$src/data" -o "$tmp/pub2" --resources "$tmp/res" >"$tmp/log" 2>&1
[ $? = 65 ] && grep -q 'profile.ini:[0-9]*:1: error: unknown setting \[publication\] colophon' "$tmp/log" ||
    { fail "an unknown [publication] key"; cat "$tmp/log"; }

# A font file that is not a font, or is cut short: a clear message naming it, exit 65,
# nothing written (fonts are read through HarfBuzz).
mkdir -p "$tmp/badfont" && cp -r "$src/layouts" "$src/fonts" "$tmp/badfont/"
echo 'not a font' >"$tmp/badfont/fonts/NotoSans-Bold-Latin.ttf"
"$mgi" build "$src/data" -o "$tmp/bf1" --resources "$tmp/badfont" >"$tmp/log" 2>&1
[ $? = 65 ] && grep -q 'NotoSans-Bold-Latin.ttf: error: not an OpenType font' "$tmp/log" && [ ! -e "$tmp/bf1" ] ||
    { fail "a file that is not a font"; cat "$tmp/log"; }
head -c 3000 "$src/fonts/NotoSans-Regular-Latin.ttf" >"$tmp/badfont/fonts/NotoSans-Bold-Latin.ttf"
"$mgi" build "$src/data" -o "$tmp/bf2" --resources "$tmp/badfont" >"$tmp/log" 2>&1
[ $? = 65 ] && grep -q 'NotoSans-Bold-Latin.ttf: error: not an OpenType font' "$tmp/log" && [ ! -e "$tmp/bf2" ] ||
    { fail "a font file cut short"; cat "$tmp/log"; }

# A character the data uses and the font lacks (U+A66C, not in Noto Sans): an error naming
# the character, the font and where the data first has it; no profile with a missing-glyph box.
mkdir -p "$tmp/glyph" && cp -r "$src/data" "$tmp/glyph/" && chmod -R u+w "$tmp/glyph"
sed -i '3s/$/ The Ꙭ plan./' "$tmp/glyph/data/profiles/13101-2022/context.en.md"
"$mgi" build "$tmp/glyph/data" -o "$tmp/glyph/out" --commune 13101 >"$tmp/log" 2>&1
[ $? = 65 ] &&
    grep -q '^[^ ]*context\.en\.md:3:[0-9]*: error: character "Ꙭ" (U+A66C) is not in the font .*NotoSans-Regular-Latin\.ttf$' "$tmp/log" &&
    [ ! -e "$tmp/glyph/out/13101-2022/profile-en.pdf" ] ||
    { fail "a character missing from the font"; cat "$tmp/log"; }
col=$(sed -n 's/.*context\.en\.md:3:\([0-9]*\):.*/\1/p' "$tmp/log")
[ "$(python3 -c 'import sys; print(open(sys.argv[1], encoding="utf-8").read().split("\n")[2][int(sys.argv[2]) - 1:])' \
    "$tmp/glyph/data/profiles/13101-2022/context.en.md" "$col")" = 'Ꙭ plan.' ] ||
    fail "the missing character's column ($col) is not where it is"
"$mgi" build "$tmp/glyph/data" -o "$tmp/glyph/es" --commune 13101 --lang es >"$tmp/log" 2>&1 ||
    { fail "the Spanish profile, which does not use the character"; cat "$tmp/log"; }

# Text extracts with its accents; the Spanish profile is in Spanish.
pdftotext "$es" "$tmp/es.txt" 2>>"$tmp/poppler"
grep -q 'HALLAZGOS' "$tmp/es.txt" || fail "Spanish section titles"
grep -q 'migración' "$tmp/es.txt" || fail "accents in the Spanish profile"
grep -q 'KEY FINDINGS' "$tmp/es.txt" && fail "English in the Spanish profile"
pdftotext "$tmp/a/13122-2022/profile-es.pdf" - 2>>"$tmp/poppler" | grep -q 'Peñalolén' ||
    fail "Peñalolén does not extract intact"
[ -s "$tmp/poppler" ] && { fail "poppler warnings:"; sort -u "$tmp/poppler" | head -3; }

# Fonts embedded as subsets; a clean structure; an outline.
pdffonts "$en" | tail -n +3 >"$tmp/fonts"
[ -s "$tmp/fonts" ] || fail "no fonts listed"
awk '{ if ($(NF-4) != "yes" || $(NF-3) != "yes") bad = 1 } END { exit bad }' "$tmp/fonts" ||
    { fail "a font is not embedded and subset"; cat "$tmp/fonts"; }
for f in "$en" "$es"; do
    qpdf --check "$f" >"$tmp/qpdf" 2>&1 || { fail "qpdf --check $f"; cat "$tmp/qpdf"; }
    grep -qi warning "$tmp/qpdf" && fail "qpdf warns about $f"
done
qpdf --json --json-key=outlines "$en" 2>/dev/null >"$tmp/outline.json"
grep -q '"title": "Key findings"' "$tmp/outline.json" || fail "no outline entry for the findings"
# Every outline entry goes to the page its section starts on: the page has its
# first words (headings are upper case and may wrap), or for a domain (numbered
# entries, whose headings are the MiGOF objectives) its score line.
# qpdf lists an entry's page before its kids and its title after them: a stack pairs them.
awk '/"destpageposfrom1":/ { sub(/.*: /, ""); sub(/,$/, ""); st[++n] = $0 }
     /"title":/ { sub(/^[^:]*: "/, ""); sub(/",?$/, ""); print st[n--] "\t" $0 }' \
    "$tmp/outline.json" >"$tmp/outline.tsv"
[ "$(wc -l <"$tmp/outline.tsv")" -ge 14 ] || fail "outline has fewer than 14 entries"
while IFS="$(printf '\t')" read -r page title; do
    case $title in
    [0-9]*.\ *) words='Coverage:' ;;
    *) words=$(printf '%s\n' "$title" | cut -d' ' -f1-3) ;;
    esac
    pdftotext -f "$page" -l "$page" "$en" - 2>/dev/null | tr -s ' \n' '  ' | grep -qiF "$words" ||
        fail "outline entry \"$title\" goes to page $page, which does not have \"$words\""
done <"$tmp/outline.tsv"
# The contents page links every entry, to the same pages; links have no border.
# (qpdf's object dump: each Link annotation and each outline entry has one /Dest.)
qpdf --json=2 --json-key=qpdf "$en" 2>/dev/null >"$tmp/objects.json"
entries=$(wc -l <"$tmp/outline.tsv")
links=$(grep -c '"/Subtype": "/Link"' "$tmp/objects.json")
dests=$(grep -c '"/Dest": \[' "$tmp/objects.json")
[ "$links" -eq "$entries" ] && [ "$dests" -eq $((2 * entries)) ] ||
    fail "$links links and $dests destinations for $entries contents entries"
[ "$(grep -A4 '"/Border"' "$tmp/objects.json" | grep -c '^ *0,\{0,1\}$')" -eq $((3 * links)) ] ||
    fail "links have a border"
# Quilicura has an earlier year: a change section with its trend.
pdftotext "$tmp/a/13125-2022/profile-en.pdf" - 2>/dev/null | grep -q 'CHANGE SINCE 2020' ||
    fail "no change section for Quilicura"
pdftotext "$en" - 2>/dev/null | grep -q 'CHANGE SINCE' && fail "a change section without an earlier year"
# The comparison report: every commune with its rank, the sections, a clean file.
cmpf=$tmp/a/comparison.pdf
qpdf --check "$cmpf" >/dev/null 2>&1 || fail "qpdf --check comparison.pdf"
pdftotext -layout "$cmpf" "$tmp/cmp.txt" 2>>"$tmp/poppler"
# No heading or cell of the comparison is cut short (an ellipsis) in either language.
for f in "$cmpf" "$tmp/a/comparison.es.pdf"; do
    pdftotext -layout "$f" - 2>/dev/null | grep '…' >"$tmp/cut" &&
        { fail "text cut short in $(basename "$f"):"; head -3 "$tmp/cut"; }
done
for t in 'DOMAIN SCORES' RANKING 'MEDIANS AND QUARTILES' "THE COMMUNES’ WHEELS" 'CHANGES SINCE THE PREVIOUS' METHOD; do
    grep -q "^ *$t *\$" "$tmp/cmp.txt" || fail "comparison lacks $t"
done
"$mgi" assess "$src/data" --year 2022 | awk -F, '$4 == "overall" { print $9, $2 }' | sort -n >"$tmp/ranks"
while read -r rank name; do
    # the rank, with its 90 % range under other methods (uncertainty.h) when there is one
    grep -qE "^ *$rank( \([0-9]+–[0-9]+\))? +$name " "$tmp/cmp.txt" || fail "ranking line for $rank $name"
done <"$tmp/ranks"
[ "$(wc -l <"$tmp/ranks")" = 8 ] || fail "8 communes expected in 2022"
grep -q 'Quilicura' "$tmp/cmp.txt" && grep -q '2020' "$tmp/cmp.txt" || fail "no change for Quilicura since 2020"
pdftotext "$tmp/a/comparison.es.pdf" - 2>/dev/null | grep -q 'CLASIFICACIÓN' || fail "Spanish comparison"

# Letter paper through the layout alone.
# Practice elsewhere. Worked out from responses.csv: each commune's latest year, and who
# answers yes there. The first of Santiago's gaps that some other commune has in place
# must carry a note naming such a commune (the draft tags findings with their id).
awk -F, 'NR > 1 { if ($2 > last[$1]) last[$1] = $2; a[$1 " " $2 " " $3] = $4 }
    END { for (k in a) { split(k, f, " "); if (f[2] == last[f[1]]) print f[1], f[3], a[k] } }' \
    "$src/data/responses.csv" | sort >"$tmp/latest"
id=$(awk '$1 == 13101 && ($3 == "no" || $3 == "partial") && $2 !~ /^COV/ { print $2 }' "$tmp/latest" |
    while read -r i; do
        awk -v i="$i" '$1 != 13101 && $2 == i && $3 == "yes" { found = 1 } END { exit !found }' \
            "$tmp/latest" && { echo "$i"; break; }
    done)
[ -n "$id" ] || fail "the demo data has no gap of Santiago that another commune fills"
"$mgi" build "$src/data" -o "$tmp/peers" --commune 13101 --lang en --draft >/dev/null 2>&1 ||
    fail "draft build for the practice notes"
pdftotext -raw "$tmp/peers/13101-2022/profile-en.pdf" - 2>/dev/null | tr '\n' ' ' | tr -s ' ' |
    sed "s/.*\[$id\]//; s/ \[[A-Z]*-[0-9]*\].*//" >"$tmp/gap.txt"
peer=$(sed -n 's/.*Practice elsewhere: \([^(]*\) (.*/\1/p' "$tmp/gap.txt" | sed 's/ *$//')
[ -n "$peer" ] || { fail "no practice note under Santiago's $id"; head -c 600 "$tmp/gap.txt"; echo; }
code=$(awk -F, -v n="$peer" '$2 == n { print $1 }' "$src/data/communes.csv")
grep -q "^$code $id yes\$" "$tmp/latest" || fail "the note under $id names $peer ($code), which does not answer yes"
grep -q "$peer ([^,]*, 20[0-9][0-9])" "$tmp/gap.txt" || fail "the note does not name $peer with its region and year"
grep -q "Profile $code-20" "$tmp/gap.txt" && fail "the note names a folder, which is the software's word, not the reader's"
pdftotext "$en" - 2>/dev/null | grep -q 'Practice elsewhere:' || fail "no practice notes in the final profile"
pdftotext "$es" - 2>/dev/null | grep -q 'Práctica en otras comunas:' || fail "no practice notes in Spanish"
"$mgi" build "$src/data" -o "$tmp/nopeers" --commune 13101 --lang en --no-peers >/dev/null 2>&1 ||
    fail "build --no-peers"
pdftotext "$tmp/nopeers/13101-2022/profile-en.pdf" - 2>/dev/null | grep -q 'Practice elsewhere' &&
    fail "--no-peers still shows practice notes"
# The most common gaps of 2022: the first row has the most "no" answers, counted here.
most=$(awk '$2 !~ /^COV/ && $3 == "no" { n[$2]++ } END { for (i in n) if (n[i] > m) m = n[i]; print m }' \
    "$tmp/latest")
pdftotext -layout "$cmpf" - 2>/dev/null | sed -n '/^ *MOST COMMON GAPS *$/,$p' >"$tmp/gaps.txt"
[ -s "$tmp/gaps.txt" ] || fail "comparison lacks the most common gaps"
first=$(grep -E '^ +1 +[A-Z]+-[0-9]+ ' "$tmp/gaps.txt" | head -1)
echo "$first" | grep -qE " $most +[0-9]+ +[0-9]+ +([0-9]+ of [0-9]+|–) *\$" ||
    fail "first common gap \"$first\" does not have the most no answers ($most)"

# The Migrant Seal page, read on a given day (dates in words in running text, ISO in tables): Santiago's last review (2023-03-15) fell due
# on 2025-03-15; Quilicura's (2024-12-10) falls due within six months of 2026-11-23 but
# not of 2024-01-01.
seal_page() { pdftotext -layout "$1" - 2>/dev/null | sed -n '/^ *MIGRANT SEAL *$/,/^ *COVID-19 ANALYSIS *$/p' | tr -s ' '; }
"$mgi" build "$src/data" -o "$tmp/seal" --commune 13101 --commune 13125 --as-of 2026-11-23 >/dev/null 2>&1 ||
    fail "build --as-of"
seal_page "$tmp/seal/13101-2022/profile-en.pdf" >"$tmp/seal.txt"
tr '\n' ' ' <"$tmp/seal.txt" | tr -s ' ' | grep -q 'Status: Seal revalidated · Since: 1 December 2017 · Last review: 15 March 2023' ||
    { fail "Santiago's seal status line"; head -12 "$tmp/seal.txt"; }
tr '\n' ' ' <"$tmp/seal.txt" | tr -s ' ' | grep -q 'Next revalidation due: 15 March 2025, overdue' || fail "Santiago's overdue revalidation"
tr '\n' ' ' <"$tmp/seal.txt" | tr -s ' ' | grep -q 'Migrant Seal status as of 23 November 2026' || fail "the as-of date, in words"
grep -q '1\. Municipal migration institutions: ' "$tmp/seal.txt" || fail "readiness of the first dimension"
grep -q 'In place: WGA-01 ' "$tmp/seal.txt" || fail "Santiago's migrant office (WGA-01, yes) not in place"
grep -q 'In place: WGA-01 Migrant affairs office serving all migrants;' "$tmp/seal.txt" ||
    fail "the seal page does not name WGA-01 by its short label"
grep -q '…' "$tmp/seal.txt" && fail "a question cut short on the seal page"
seal_page "$tmp/seal/13125-2022/profile-en.pdf" | tr '\n' ' ' | tr -s ' ' | grep -q '10 December 2026, within six months' ||
    fail "Quilicura's revalidation due within six months"
pdftotext "$tmp/seal/13101-2022/profile-es.pdf" - 2>/dev/null | grep -q 'Sello revalidado' || fail "Spanish seal page"
"$mgi" build "$src/data" -o "$tmp/seal2" --commune 13125 --lang en --as-of 2024-01-01 >/dev/null 2>&1
seal_page "$tmp/seal2/13125-2022/profile-en.pdf" | tr '\n' ' ' >"$tmp/seal2.txt"
grep -q 'Next revalidation due: 10 December 2026 ' "$tmp/seal2.txt" && ! grep -q 'within six months' "$tmp/seal2.txt" ||
    fail "Quilicura's revalidation is not due soon on 2024-01-01"
pdftotext -layout "$tmp/seal/comparison.pdf" - 2>/dev/null | grep -qE '^ *San Miguel +Seal granted +2023-06-30, overdue' ||
    fail "the comparison's seal table lacks San Miguel's overdue revalidation"
"$mgi" build "$src/data" -o "$tmp/x" --as-of 2026-02-30 >"$tmp/log" 2>&1
[ $? = 64 ] && grep -q 'as-of needs a date as YYYY-MM-DD, not "2026-02-30"' "$tmp/log" || fail "a bad --as-of"
# Without seal data and without mapped indicators there is no seal page.
mkdir -p "$tmp/noseal" && cp -R "$src/data/." "$tmp/noseal/"
sed -i -E '2,$ s/,[a-z_]*,([0-9;]*),([0-9a-z.;]*)$/,,\1,\2/' "$tmp/noseal/indicators.csv" # seal_dimension, before gcm,sdg
grep -qE ',(institutions|training|policies|regular_status|associativity),' "$tmp/noseal/indicators.csv" && fail "seal dimensions left in"
sed -i -E '2,$ s/,[a-z]*,[0-9-]*,[0-9-]*$/,,,/' "$tmp/noseal/communes.csv"
"$mgi" build "$tmp/noseal" -o "$tmp/noseal-out" --commune 13101 --lang en >/dev/null 2>&1 || fail "build without seal data"
pdftotext "$tmp/noseal-out/13101-2022/profile-en.pdf" - 2>/dev/null | grep -qi 'migrant seal *$' &&
    fail "a seal page without seal data"
pdftotext "$tmp/noseal-out/comparison.pdf" - 2>/dev/null | grep -q '^MIGRANT SEAL' && fail "a seal table without seal data"

mkdir -p "$tmp/res" && cp -R "$src/layouts" "$src/fonts" "$tmp/res/"
sed -i 's/^size = A4/size = Letter/' "$tmp/res/layouts/profile.ini"
MGI_RESOURCES=$tmp/res "$mgi" build "$src/data" -o "$tmp/letter" --commune 13101 --lang en >/dev/null 2>&1 ||
    fail "build with a Letter layout"
pdfinfo "$tmp/letter/13101-2022/profile-en.pdf" 2>/dev/null | grep -q 'Page size: *612 x 792' ||
    fail "the Letter layout is not Letter"
# A broken layout is reported with its place, and nothing is built.
printf '[page]\nsize = A5\n' >"$tmp/res/layouts/profile.ini"
MGI_RESOURCES=$tmp/res "$mgi" build "$src/data" -o "$tmp/bad" >"$tmp/log" 2>&1
[ $? = 65 ] || fail "a bad profile.ini does not stop the build"
grep -q 'profile.ini:2:1: error: page size must be A4 or Letter, not "A5"' "$tmp/log" ||
    { fail "bad profile.ini message"; cat "$tmp/log"; }
[ -e "$tmp/bad" ] && fail "a bad layout still wrote outputs"
echo "profile: $fails failures"
[ "$fails" = 0 ]
