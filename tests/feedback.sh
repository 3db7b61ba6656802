#!/bin/sh
# feedback.sh — the consultation round trip on the demo data: draft, fill the comment
# sheet, apply it (dry run, for real, again), build the final profile; and bad sheets
# rejected with their place.  usage: feedback.sh MGI SOURCE_DIR
set -u
mgi=$1 src=$2
. "$(dirname "$0")/lib.sh"
flat() { pdftotext -raw "$1" - 2>/dev/null | tr -d ' \n'; }

cp -R "$src/data" "$tmp/data"
"$mgi" build "$tmp/data" -o "$tmp/draft" --draft --version-label v1 --commune 13101 --lang en \
    >"$tmp/log" 2>&1 || { cat "$tmp/log"; fail "draft build"; }
d=$tmp/draft/13101-2022
[ "$(tail -n +2 "$d/feedback.csv" | wc -l)" = 91 ] || fail "feedback.csv has not 91 rows"
mkdir "$tmp/x" && (cd "$tmp/x" && unzip -q "$d/annex.xlsx")
grep -q '<sheet name="Feedback"' "$tmp/x/xl/workbook.xml" || fail "no Feedback sheet in the draft annex"
grep -q '<oddHeader>&amp;LSantiago 2022&amp;C&amp;"Calibri,Bold"DRAFT — FOR CONSULTATION&amp;Rv1</oddHeader>' \
    "$tmp/x/xl/worksheets/sheet1.xml" || fail "the draft annex does not print as a draft"
head -c 3 "$d/feedback.csv" | od -An -tx1 | grep -q 'ef bb bf' || fail "feedback.csv has no BOM"
pdftotext "$d/profile-en.pdf" "$tmp/draft.txt" 2>/dev/null
flat "$d/profile-en.pdf" | grep -q 'DRAFT—FORCONSULTATION' || fail "no watermark in the draft"
grep -q 'Draft v1, ' "$tmp/draft.txt" || fail "no version in the draft's footer"
grep -q '\[MR-01\] Every migrant' "$tmp/draft.txt" || fail "findings not tagged with their id"
pdftotext -layout -f 9 -l 14 "$d/profile-en.pdf" - 2>/dev/null | grep -qE '^ *[1-9][0-9][0-9] +\[MR-0' ||
    fail "no line numbers beside the findings"

# The untouched sheet proposes nothing.
cp "$src/data/responses.csv" "$tmp/orig.csv"
"$mgi" feedback apply "$tmp/data" "$d/feedback.csv" >"$tmp/out" 2>&1 || { cat "$tmp/out"; fail "apply untouched"; }
grep -q 'no changes' "$tmp/out" || fail "an untouched sheet changed something"

# Two reviewers' rows, saved the way Spanish-locale Excel saves CSV (BOM, ';', CRLF).
printf '\357\273\277commune;year;indicator;lang;proposed_answer;proposed_finding;comment;reviewer\r\n' >"$tmp/fb.csv"
printf '13101;2022;MR-03;en;yes;"Every health centre now has an intercultural facilitator; the network shares them by need.";Checked with the Health Directorate;Ana Pérez\r\n' >>"$tmp/fb.csv"
printf '13101;2022;MR-03;en;yes;;Agree;Luis Soto\r\n' >>"$tmp/fb.csv"
printf '13101;2022;MR-06;en;;;Only a comment, no proposal;Ana Pérez\r\n' >>"$tmp/fb.csv"
"$mgi" feedback apply "$tmp/data" "$tmp/fb.csv" --dry-run >"$tmp/dry" 2>&1 || { cat "$tmp/dry"; fail "dry run"; }
grep -q '13101 2022 MR-03 answer: "partial" -> "yes"' "$tmp/dry" || { fail "dry run does not show the change"; cat "$tmp/dry"; }
cmp -s "$tmp/data/responses.csv" "$tmp/orig.csv" || fail "the dry run changed responses.csv"
[ -e "$tmp/data/changelog.csv" ] && fail "the dry run wrote a change log"
"$mgi" feedback apply "$tmp/data" "$tmp/fb.csv" >"$tmp/out" 2>&1 || { cat "$tmp/out"; fail "apply"; }
grep -q '2 changes written' "$tmp/out" || { fail "apply summary"; cat "$tmp/out"; }
cmp -s "$tmp/data/responses.csv.bak" "$tmp/orig.csv" || fail "no backup of the previous responses.csv"
grep -q "^13101,2022,MR-03,yes,Every health centre now has an intercultural facilitator; the network shares them by need.," \
    "$tmp/data/responses.csv" || fail "responses.csv not updated"
[ "$(wc -l <"$tmp/data/responses.csv")" = "$(wc -l <"$tmp/orig.csv")" ] || fail "rows added or lost"
[ "$(tail -n +2 "$tmp/data/changelog.csv" | wc -l)" = 2 ] || fail "change log lines"
grep -q 'Ana Pérez,13101,2022,MR-03,answer,partial,yes,Checked with the Health Directorate' \
    "$tmp/data/changelog.csv" || { fail "change log content"; cat "$tmp/data/changelog.csv"; }
"$mgi" validate "$tmp/data" >/dev/null 2>&1 || fail "the applied data does not validate"
# Twice: nothing more.
cp "$tmp/data/responses.csv" "$tmp/after.csv"
cp "$tmp/data/changelog.csv" "$tmp/log.csv"
"$mgi" feedback apply "$tmp/data" "$tmp/fb.csv" >"$tmp/out" 2>&1 || fail "apply again"
grep -q 'no changes' "$tmp/out" || fail "applying twice changed something"
cmp -s "$tmp/data/responses.csv" "$tmp/after.csv" || fail "responses.csv changed on the second apply"
cmp -s "$tmp/data/changelog.csv" "$tmp/log.csv" || fail "the change log grew on the second apply"

# A change log that cannot be written (here: bigger than a file-size limit that
# responses.csv fits in): the change is made to neither file, and no temporary
# is left.
printf 'commune,year,indicator,lang,proposed_answer,proposed_finding,comment,reviewer\n13101,2022,MR-05,en,no,,,Ana\n' >"$tmp/fb2.csv"
cp "$tmp/data/changelog.csv" "$tmp/log-kept.csv"
line=$(tail -n 1 "$tmp/log-kept.csv")
i=0; while [ $i -lt 2000 ]; do printf '%s\n' "$line"; i=$((i + 1)); done >>"$tmp/data/changelog.csv"
cp "$tmp/data/changelog.csv" "$tmp/log-big.csv"
size=$(wc -c <"$tmp/data/responses.csv")
[ "$(wc -c <"$tmp/data/changelog.csv")" -gt $((size + 65536)) ] || fail "the test's change log is too small"
(trap '' XFSZ; ulimit -f $(((size + 32768) / 512)) && exec "$mgi" feedback apply "$tmp/data" "$tmp/fb2.csv") >"$tmp/out" 2>&1
rc=$?
[ $rc = 74 ] && grep -q 'changelog.csv: error: cannot write: File too large' "$tmp/out" && grep -q 'nothing changed' "$tmp/out" ||
    { fail "a change log that cannot be written: exit $rc"; cat "$tmp/out"; }
cmp -s "$tmp/data/responses.csv" "$tmp/after.csv" || fail "responses.csv changed although its change could not be logged"
cmp -s "$tmp/data/changelog.csv" "$tmp/log-big.csv" || fail "the change log changed"
ls "$tmp/data" | grep -q 'tmp-' && fail "temporaries left in the data directory"
cp "$tmp/log-kept.csv" "$tmp/data/changelog.csv"

# The final profile lists the changes and carries no draft marks.
"$mgi" build "$tmp/data" -o "$tmp/final" --commune 13101 --lang en >/dev/null 2>&1 || fail "final build"
f=$tmp/final/13101-2022
pdftotext "$f/profile-en.pdf" "$tmp/final.txt" 2>/dev/null
grep -q 'CHANGES AFTER CONSULTATION' "$tmp/final.txt" || fail "no changes annex"
tr '\n' ' ' <"$tmp/final.txt" | grep -q 'MR-03 answer: from Partially to Yes (proposed by Ana Pérez)' ||
    fail "the changes annex lacks the answer change"
grep -q 'Every health centre now has an intercultural facilitator' "$tmp/final.txt" ||
    fail "the new finding is not in the profile"
flat "$f/profile-en.pdf" | grep -q 'DRAFT' && fail "draft marks in the final profile"
grep -q '\[MR-01\]' "$tmp/final.txt" && fail "id tags in the final profile"
[ -e "$f/feedback.csv" ] && fail "a feedback sheet for a final build"

# Bad sheets: every problem at its place, nothing changed.
cp "$tmp/data/responses.csv" "$tmp/before-bad.csv"
cat >"$tmp/bad.csv" <<'CSV'
commune,year,indicator,lang,proposed_answer,proposed_finding,comment,reviewer
13101,2022,MR-05,en,no,,,Ana
13101,2022,MR-05,en,yes,,,Luis
13101,2022,MR-99,en,yes,,,Ana
13101,2022,MR-07,en,si,,,Ana
13101,2019,MR-07,en,yes,,,Ana
13101,2022,MR-07,fr,yes,,,Ana
CSV
"$mgi" feedback apply "$tmp/data" "$tmp/bad.csv" >"$tmp/out" 2>&1
[ $? = 65 ] || fail "a bad sheet is not a data error"
for want in "bad.csv:3:21: error: conflicting proposals for 13101 2022 MR-05 answer: this one differs from line 2 by Ana" \
    'bad.csv:4:12: error: unknown indicator "MR-99"' \
    'bad.csv:5:21: error: unknown answer "si" (use yes, partial, no or na)' \
    'bad.csv:6:7: error: commune 13101 has no assessment in "2019"' \
    'bad.csv:7:18: error: lang must be en or es, not "fr"' 'nothing changed'; do
    grep -qF "$want" "$tmp/out" || { fail "missing: $want"; }
done
cmp -s "$tmp/data/responses.csv" "$tmp/before-bad.csv" || fail "a bad sheet changed the data"
"$mgi" feedback apply "$tmp/data" "$tmp/nope.csv" >/dev/null 2>&1
[ $? = 66 ] || fail "a missing sheet is not 66"
"$mgi" feedback frobnicate >/dev/null 2>&1
[ $? = 64 ] || fail "feedback without apply is not a usage error"
# A responses.csv without finding or source columns (';' as delimiter): a finding adds its
# column at the end, and an answer for an indicator with no row adds the row.
cp -R "$src/data" "$tmp/bare" && rm -f "$tmp/bare/changelog.csv"
printf 'commune;year;indicator;answer\n13101;2022;MR-05;yes\n' >"$tmp/bare/responses.csv"
printf 'commune,year,indicator,lang,proposed_answer,proposed_finding,comment,reviewer\n13101,2022,MR-05,es,,"Nuevo; en español",,Ana\n13101,2022,MR-06,en,partial,,,Ana\n' >"$tmp/fb3.csv"
"$mgi" feedback apply "$tmp/bare" "$tmp/fb3.csv" >"$tmp/out" 2>&1 || { fail "apply to a bare responses.csv"; cat "$tmp/out"; }
printf 'commune;year;indicator;answer;finding_es\n13101;2022;MR-05;yes;"Nuevo; en español"\n13101;2022;MR-06;partial;\n' >"$tmp/bare-want.csv"
cmp -s "$tmp/bare/responses.csv" "$tmp/bare-want.csv" ||
    { fail "a bare responses.csv after apply"; diff "$tmp/bare-want.csv" "$tmp/bare/responses.csv"; }

echo "feedback: $fails failures"
[ "$fails" = 0 ]
