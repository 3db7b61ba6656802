#!/bin/sh
# gcm.sh — the Global Compact lens as a user checks it: the catalogue maps every scored
# indicator, mgi init carries the mapping, validate names bad cells, and mgi practice writes
# sheets in the Repository of Practices' structure (Markdown, and PDF read back with
# pdftotext) or refuses clearly.  usage: gcm.sh MGI SOURCE_DIR
# Mutations that fail it: a catalogue row without gcm; init dropping a column; a sheet
# without a heading, or with an empty summary for a finding in the other language only;
# --all skipping a practice or writing one that is not in place; exit 0 on a bad request.
set -u
mgi=$1 src=$2
. "$(dirname "$0")/lib.sh"
export SOURCE_DATE_EPOCH=0

# The standard catalogue: every scored indicator has at least one objective, every cell reads.
python3 - "$src/data/indicators.csv" >"$tmp/cat" <<'PY' || fail "catalogue: $(cat "$tmp/cat")"
import csv, sys
bad = [r['id'] for r in csv.DictReader(open(sys.argv[1], encoding='utf-8'))
       if r['covid'] != '1' and not r['gcm'].strip()]
scored = sum(1 for r in csv.DictReader(open(sys.argv[1], encoding='utf-8')) if r['covid'] != '1')
if bad or scored != 80:
    print("unmapped:", bad, "scored:", scored); sys.exit(1)
PY
"$mgi" validate "$src/data" >/dev/null 2>&1 || fail "the demo data does not validate"
# doc/GCM.md gives the reason for every mapping: its table says what the catalogue says.
python3 - "$src/data/indicators.csv" "$src/doc/GCM.md" >"$tmp/doc" <<'PY' || fail "doc/GCM.md: $(cat "$tmp/doc")"
import csv, re, sys
cat = {r['id']: (r['gcm'].replace(';', ', '), r['sdg'].replace(';', ', '))
       for r in csv.DictReader(open(sys.argv[1], encoding='utf-8')) if r['covid'] != '1'}
doc = {}
for l in open(sys.argv[2], encoding='utf-8'):
    m = re.match(r'\| ([A-Z]+-\d+) [^|]* \| ([^|]*) \| ([^|]*) \| (.+) \|$', l)
    if m:
        doc[m.group(1)] = (m.group(2).strip(), m.group(3).strip())
bad = [i for i in cat if doc.get(i) != cat[i]]
if bad or len(doc) != len(cat):
    print('rows that differ:', bad[:5], len(doc), len(cat)); sys.exit(1)
PY

# mgi init carries the mapping: the same gcm and sdg columns as the standard catalogue.
"$mgi" init "$tmp/new" >/dev/null 2>&1 || fail "init"
cmp -s "$src/data/indicators.csv" "$tmp/new/indicators.csv" || fail "init: indicators.csv differs"
head -1 "$tmp/new/indicators.csv" | grep -q ',gcm,sdg' || fail "init: no gcm,sdg columns"

# validate: a bad cell is an error at its place (exit 65).
cp -r "$src/data" "$tmp/bad"
python3 - "$tmp/bad/indicators.csv" <<'PY'
import sys
p = sys.argv[1]; lines = open(p, encoding='utf-8').read().split('\n')
lines[1] = lines[1][:lines[1].rindex(',15,')] + ',15;24,10.x'   # MR-01: gcm 15;24, sdg 10.x
open(p, 'w', encoding='utf-8').write('\n'.join(lines))
PY
"$mgi" validate "$tmp/bad" >/dev/null 2>"$tmp/err"; st=$?
[ $st = 65 ] || fail "validate of a bad gcm cell: exit $st, not 65"
col=$(head -2 "$tmp/bad/indicators.csv" | tail -1 | python3 -c "import sys; l=sys.stdin.read(); print(len(l[:l.rindex(',15;24,')])+5)")
grep -qF "indicators.csv:2:$col: error: GCM objective 24 does not exist (the Global Compact has objectives 1 to 23)" "$tmp/err" ||
    fail "validate: no error for objective 24 at 2:$col: $(cat "$tmp/err")"
grep -qF 'error: SDG target "10.x" does not exist (goal 10 has targets 10.1 to 10.7 and 10.a to 10.c)' "$tmp/err" ||
    fail "validate: no error for 10.x"

# One practice sheet: every heading of the Repository's structure, the finding and source.
mkdir -p "$tmp/one" && cd "$tmp/one"
"$mgi" practice "$src/data" --commune 13101 --indicator MR-02 >"$tmp/log" 2>&1 || fail "practice: $(cat "$tmp/log")"
cd - >/dev/null
md=$tmp/one/13101-2022-MR-02.en.md pdf=$tmp/one/13101-2022-MR-02.en.pdf
[ -s "$md" ] && [ -s "$pdf" ] || fail "practice: no sheet 13101-2022-MR-02.en.md/.pdf"
pdftotext "$pdf" - 2>/dev/null | tr -s ' \n' '  ' >"$tmp/pdf.txt"
tr -s ' \n' '  ' <"$md" >"$tmp/md.txt"
python3 - "$src/data/responses.csv" 13101 2022 MR-02 finding_en >"$tmp/finding" <<'PY'
import csv, sys
f, c, y, i, col = sys.argv[1:]
for r in csv.DictReader(open(f, encoding='utf-8')):
    if (r['commune'], r['year'], r['indicator']) == (c, y, i):
        print(r[col]); print(r['source'])
PY
finding=$(sed -n 1p "$tmp/finding") source=$(sed -n 2p "$tmp/finding")
[ -n "$finding" ] && [ -n "$source" ] || fail "test data: MR-02 of 13101 has no finding or source"
for h in 'Written guidance on registering for local health care in Santiago' 'Location' 'Country: Chile' \
         'Region: Metropolitana de Santiago' 'Commune: Santiago (13101)' 'Dates' 'Type of practice' \
         'GCM objectives' 'Objective 3. Provide accurate and timely information at all stages of migration' \
         'Objective 15. Provide access to basic services for migrants' 'GCM guiding principles' \
         'Sustainable Development Goals (SDG targets)' 'Target 3.8' 'Target 16.10' 'Summary' \
         'Implementing organisations' 'Benefit and impact' 'Key lessons' \
         'Recommendations (if the practice is to be replicated)' 'Innovation' 'Evidence' 'Date submitted' \
         "$finding" "2022: $source"; do
    grep -qF -- "$h" "$tmp/pdf.txt" || fail "sheet PDF lacks: $h"
    plain=$(printf '%s' "$h" | sed 's/^\(Country\|Region\|Commune\): /**\1:** /; s/^Objective \([0-9]*\)\. /**Objective \1.** /; s/^Target \(.*\)/**Target \1**/')
    grep -qF -- "$plain" "$tmp/md.txt" || fail "sheet Markdown lacks: $plain"
done
grep -qF '[[to be completed by the municipality]]' "$md" || fail "sheet Markdown: no marked blank"
pdfinfo "$pdf" | grep -q 'Pages: *2' || fail "sheet PDF: not 2 pages ($(pdfinfo "$pdf" | grep Pages))"
# Tagged and archivable like the profiles (tests/pdfua.py): headings as H1 and H2.
python3 "$src/tests/pdfua.py" "$pdf" >"$tmp/ua" 2>&1 || fail "sheet PDF: $(cat "$tmp/ua")"
pdfinfo -struct-text "$pdf" 2>/dev/null | tr -s ' \n' '  ' >"$tmp/struct"
grep -qF 'H1 (block) "Written guidance on registering for local health care in Santiago"' "$tmp/struct" ||
    fail "sheet PDF: the title is not its H1"
grep -qF 'H2 (block) "GCM objectives"' "$tmp/struct" || fail "sheet PDF: headings are not H2"

# A finding in Spanish only, asked for in English: said to be so, and given.
cp -r "$src/data" "$tmp/es"
python3 - "$tmp/es/responses.csv" <<'PY'
import csv, sys
p = sys.argv[1]; rows = list(csv.reader(open(p, encoding='utf-8')))
h = rows[0]
for r in rows[1:]:
    if r[h.index('commune')] == '13101' and r[h.index('indicator')] == 'MR-04':
        r[h.index('finding_en')] = ''
csv.writer(open(p, 'w', encoding='utf-8', newline='')).writerows(rows)
PY
es_finding=$(python3 - "$tmp/es/responses.csv" 13101 2022 MR-04 finding_es <<'PY'
import csv, sys
f, c, y, i, col = sys.argv[1:]
for r in csv.DictReader(open(f, encoding='utf-8')):
    if (r['commune'], r['year'], r['indicator']) == (c, y, i):
        print(r[col])
PY
)
[ -n "$es_finding" ] || fail "test data: MR-04 of 13101 has no Spanish finding"
"$mgi" practice "$tmp/es" --commune 13101 --indicator MR-04 -o "$tmp/es-only.pdf" >/dev/null 2>&1 || fail "practice (Spanish-only finding)"
pdftotext "$tmp/es-only.pdf" - 2>/dev/null | tr -s ' \n' '  ' >"$tmp/es.txt"
grep -qF 'The finding is available in Spanish only:' "$tmp/es.txt" || fail "Spanish-only finding: not said"
grep -qF -- "$es_finding" "$tmp/es.txt" || fail "Spanish-only finding: not given"
[ -s "$tmp/es-only.md" ] || fail "-o x.pdf: no x.md beside it"
pdfinfo -struct-text "$tmp/es-only.pdf" 2>/dev/null | grep -A1 'Span' | grep -qF "${es_finding%% *}" ||
    fail "Spanish-only finding: not tagged as a Span in Spanish"

"$mgi" help practice | grep -q "Repository of Practices" || fail "mgi help practice"
"$mgi" --help | grep -q "^  practice " || fail "mgi --help does not list practice"

# Bad requests: exit 65 and a message naming what was asked and what exists.
check() { # expected-status expected-message args...
    want=$1 msg=$2; shift 2
    "$mgi" practice "$src/data" "$@" -o "$tmp/nothing" >/dev/null 2>"$tmp/err"; st=$?
    [ "$st" = "$want" ] || fail "practice $*: exit $st, not $want"
    grep -qF -- "$msg" "$tmp/err" || fail "practice $*: no \"$msg\" in: $(cat "$tmp/err")"
    [ ! -e "$tmp/nothing.md" ] && [ ! -e "$tmp/nothing.pdf" ] || fail "practice $*: wrote a file"
}
check 65 'unknown commune "99999": communes.csv has 13101 (Santiago), 13125 (Quilicura),' --commune 99999 --indicator MR-01
check 65 'unknown indicator "XX-01": the catalogue (indicators.csv) has MR-01 to COV-11' --commune 13101 --indicator XX-01
check 65 'MR-03 is not a practice in place in Santiago (13101): its latest assessment (2022) answers partial; the practices in place there are MR-01, MR-02,' --commune 13101 --indicator MR-03
check 65 'COV-01 is a COVID-19 annex question, not a practice' --commune 13101 --indicator COV-01
check 64 'usage: mgi practice' --commune 13101

# --all: one sheet (Markdown and PDF) per practice in place, and no other.
"$mgi" practice "$src/data" --all -o "$tmp/all" --jobs 2 >"$tmp/log" 2>&1 || fail "practice --all: $(cat "$tmp/log")"
python3 - "$src/data" >"$tmp/expected" <<'PY'
import csv, sys
d = sys.argv[1]
covid = {r['id'] for r in csv.DictReader(open(d + '/indicators.csv', encoding='utf-8')) if r['covid'] == '1'}
rows = list(csv.DictReader(open(d + '/responses.csv', encoding='utf-8')))
latest = {}
for r in rows:
    latest[r['commune']] = max(latest.get(r['commune'], 0), int(r['year']))
for r in rows:
    if int(r['year']) == latest[r['commune']] and r['answer'].strip().lower() == 'yes' and r['indicator'] not in covid:
        print('%s-%s-%s.en' % (r['commune'], r['year'], r['indicator']))
PY
sort "$tmp/expected" >"$tmp/e" && ls "$tmp/all" | sed -n 's/\.md$//p' | sort >"$tmp/g"
diff "$tmp/e" "$tmp/g" >/dev/null || fail "--all: the sheets are not the practices in place: $(diff "$tmp/e" "$tmp/g" | head -5)"
[ "$(ls "$tmp/all" | grep -c '\.pdf$')" = "$(wc -l <"$tmp/e")" ] || fail "--all: not one PDF per practice"
grep -qF "mgi: practice: $(wc -l <"$tmp/e" | tr -d ' ') practices in place: sheets in $tmp/all/" "$tmp/log" || fail "--all: summary: $(cat "$tmp/log")"
"$mgi" practice "$src/data" --all -o "$tmp/all1" --jobs 1 >/dev/null 2>&1
diff -r "$tmp/all" "$tmp/all1" >/dev/null || fail "--all: --jobs 1 and --jobs 2 differ"

# mgi build --practices writes the sheets into OUT/practices/ (without it, none: they would
# quadruple a build's time) and the dashboard's directory links to each of them (page.js makes
# the links from its data: CODE-YEAR-ID.LANG.pdf); every link leads to a file.
"$mgi" build "$src/data" -o "$tmp/plain" --no-uncertainty -q >"$tmp/log" 2>&1 || fail "build: $(cat "$tmp/log")"
[ ! -e "$tmp/plain/practices" ] || fail "build without --practices writes practice sheets"
/usr/bin/python3 "$src/tests/dashboard/data.py" "$tmp/plain/dashboard/index.html" "D['docs']['sheets'] is False" >/dev/null ||
    fail "the dashboard links to sheets that were not written"
"$mgi" build "$src/data" -o "$tmp/out" --no-uncertainty --practices -q >"$tmp/log" 2>&1 || fail "build: $(cat "$tmp/log")"
(cd "$tmp/out/practices" && ls | sed -n 's/\.en\.md$/.en/p' | sort) >"$tmp/b"
diff "$tmp/e" "$tmp/b" >/dev/null || fail "build: OUT/practices is not the practices in place"
for l in en es; do
    n=$(ls "$tmp/out/practices" | grep -c "\.$l\.pdf$")
    [ "$n" = "$(wc -l <"$tmp/e" | tr -d ' ')" ] || fail "build: $n $l PDFs in OUT/practices"
done
/usr/bin/python3 "$src/tests/dashboard/data.py" "$tmp/out/dashboard/index.html" \
    "D['docs']['sheets'] and '\\n'.join(sorted('practices/%s-%d-%s.%s.pdf' % (D['c'][D['r'][p[1]][0]][0], D['r'][p[1]][1], D['ind'][p[0]][0], l) for p in D['p'] for l in ('en', 'es')))" \
    >"$tmp/links" || fail "the dashboard does not link to the sheets"
[ "$(wc -l <"$tmp/links")" = "$(( $(wc -l <"$tmp/e") * 2 ))" ] || fail "dashboard: $(wc -l <"$tmp/links") links to practice sheets"
while read -r f; do [ -s "$tmp/out/$f" ] || fail "dashboard links to a missing $f"; done <"$tmp/links"
cmp -s "$tmp/out/practices/13101-2022-MR-02.en.md" "$md" || fail "build and mgi practice write different sheets"

# comparison.xlsx: the Global Compact and SDG sheets hold each commune's readiness, as an
# independent recount from indicators.csv and responses.csv gives it (yes 1, partial 0.5,
# no 0, na and missing left out, weighted; the latest year's communes).
/usr/bin/python3 - "$src/data" "$tmp/out/comparison.xlsx" >"$tmp/wb" <<'PY' || fail "comparison.xlsx: $(cat "$tmp/wb")"
import csv, sys, openpyxl
d, book = sys.argv[1:]
inds = [r for r in csv.DictReader(open(d + '/indicators.csv', encoding='utf-8')) if r['covid'] != '1']
resp = list(csv.DictReader(open(d + '/responses.csv', encoding='utf-8')))
names = {r['code']: r['name'] for r in csv.DictReader(open(d + '/communes.csv', encoding='utf-8'))}
year = max(int(r['year']) for r in resp)
ans = {(r['commune'], r['indicator']): r['answer'].strip().lower() for r in resp if int(r['year']) == year}
communes = sorted({c for c, _ in ans})
value = {'yes': 1, 'partial': 0.5, 'no': 0}
def readiness(code, members):
    num = den = 0
    for r in members:
        v = value.get(ans.get((code, r['id']), 'na'))
        w = float((r['weight'] or '1').replace(',', '.'))
        if v is not None:
            num += w * v; den += w
    return num / den if den else None
wb = openpyxl.load_workbook(book)
bad = 0
for sheet, col, key in (('Global Compact', 'gcm', lambda s: s.split('.')[0]), ('SDG targets', 'sdg', lambda s: s.split(' ')[0])):
    ws = wb[sheet]
    head = [c.value for c in ws[1]]
    rows = 0
    keys = sorted({k for r in inds for k in r[col].split(';') if k})
    for row in ws.iter_rows(min_row=2, values_only=True):
        if not row[0] or row[1] is None:
            continue
        rows += 1
        k = key(row[0])
        members = [r for r in inds if k in r[col].split(';')]
        if row[1] != len(members):
            print(sheet, k, 'indicators', row[1], len(members)); bad += 1
        for code in communes:
            want = readiness(code, members)
            got = row[head.index(names[code])]
            if (want is None and got != '–') or (want is not None and abs(got - want) > 1e-9):
                print(sheet, k, code, got, want); bad += 1
    if rows != len(keys):
        print(sheet, 'rows', rows, 'mapped', len(keys)); bad += 1
sys.exit(1 if bad else 0)
PY

# Santiago's profile: the annex "Contribution to the Global Compact for Migration" names
# every objective and target the catalogue maps, each with the readiness an independent
# recount gives (the domain rule: yes 1, partial 0.5, no 0, na left out, weighted; below a
# coverage of 0.6 "insufficient data"; levels cut at 0.40, 0.60, 0.80), and the indicators
# in place and still to do.
pdftotext "$tmp/out/13101-2022/profile-en.pdf" - 2>/dev/null >"$tmp/profile.txt"
/usr/bin/python3 - "$src/data" "$tmp/profile.txt" >"$tmp/page" <<'PY' || fail "Santiago's GCM annex: $(cat "$tmp/page")"
import csv, re, sys
d, txt = sys.argv[1:]
text = open(txt, encoding='utf-8').read()
start = text.find('Contribution to the Global Compact for Migration')
if start < 0:
    print('no annex'); sys.exit(1)
page = re.sub(r'\s+', ' ', text[start:])
inds = [r for r in csv.DictReader(open(d + '/indicators.csv', encoding='utf-8')) if r['covid'] != '1']
ans = {r['indicator']: r['answer'].strip().lower()
       for r in csv.DictReader(open(d + '/responses.csv', encoding='utf-8'))
       if (r['commune'], r['year']) == ('13101', '2022')}
value = {'yes': 1, 'partial': 0.5, 'no': 0}
def expect(members):
    num = den = tot = 0
    for r in members:
        w = float((r['weight'] or '1').replace(',', '.'))
        tot += w
        v = value.get(ans.get(r['id'], 'na'))
        if v is not None:
            num += w * v; den += w
    if not den:
        return '–'
    sc = num / den
    if den / tot < 0.6:
        return 'Insufficient data'
    lvl = 'Fully meets' if sc >= 0.8 else 'Meets' if sc >= 0.6 else 'Partially meets' if sc >= 0.4 else 'Requires further progress'
    return '%.2f (%s)' % (sc, lvl)
bad = 0
objs = sorted({int(k) for r in inds for k in r['gcm'].split(';') if k})
for k in objs:
    members = [r for r in inds if str(k) in r['gcm'].split(';')]
    m = re.search(r'Objective %d\. [^:]*: (.*?) In place: (.*?) Still to do: ' % k, page)
    if not m or m.group(1) != expect(members):
        print('objective', k, m and m.group(1), expect(members)); bad += 1; continue
    placed = [r['id'] for r in members if ans.get(r['id']) == 'yes']
    if any(i not in m.group(2) for i in placed):
        print('objective', k, 'in place lacks one of', placed); bad += 1
for k in range(1, 24):
    if k not in objs and re.search(r'Objective %d\. ' % k, page):
        print('objective', k, 'is on the page but maps no indicator'); bad += 1
tgts = sorted({t for r in inds for t in r['sdg'].split(';') if t})
for t in tgts:
    members = [r for r in inds if t in r['sdg'].split(';')]
    m = re.search(r'Target %s \(SDG \d+: [^)]*\): (.*?)\. In place:' % re.escape(t), page)
    if not m or m.group(1) != expect(members):
        print('target', t, m and m.group(1), expect(members)); bad += 1
print(len(objs), 'objectives', len(tgts), 'targets')
sys.exit(1 if bad else 0)
PY

# The comparison PDF: its Global Compact chapter has a row per commune with the readiness
# per mapped objective that the recount gives ("–" none answered).
pdftotext -layout "$tmp/out/comparison.pdf" - 2>/dev/null >"$tmp/cmp.txt"
/usr/bin/python3 - "$src/data" "$tmp/cmp.txt" >"$tmp/cmpgcm" <<'PY' || fail "comparison.pdf's GCM table: $(cat "$tmp/cmpgcm")"
import csv, re, sys
d, txt = sys.argv[1:]
text = open(txt, encoding='utf-8').read()
at = text.rfind('CONTRIBUTION TO THE GLOBAL COMPACT')
if at < 0:
    print('no chapter'); sys.exit(1)
chapter = text[at:text.find('METHOD', at)]
inds = [r for r in csv.DictReader(open(d + '/indicators.csv', encoding='utf-8')) if r['covid'] != '1']
resp = list(csv.DictReader(open(d + '/responses.csv', encoding='utf-8')))
names = {r['code']: r['name'] for r in csv.DictReader(open(d + '/communes.csv', encoding='utf-8'))}
year = max(int(r['year']) for r in resp)
ans = {(r['commune'], r['indicator']): r['answer'].strip().lower() for r in resp if int(r['year']) == year}
value = {'yes': 1, 'partial': 0.5, 'no': 0}
objs = sorted({int(k) for r in inds for k in r['gcm'].split(';') if k})
bad = 0
for code in sorted({c for c, _ in ans}):
    cells = []
    for k in objs:
        num = den = tot = 0
        for r in inds:
            if str(k) not in r['gcm'].split(';'):
                continue
            w = float((r['weight'] or '1').replace(',', '.'))
            tot += w
            v = value.get(ans.get((code, r['id']), 'na'))
            if v is not None:
                num += w * v; den += w
        cells.append('–' if not den else '%.2f' % (num / den))
    want = names[code] + ' ' + ' '.join(cells)
    if not any(re.sub(r'\s+', ' ', line).strip() == want for line in chapter.split('\n')):
        print('no row:', want); bad += 1
sys.exit(1 if bad else 0)
PY

echo "$fails failures"
[ "$fails" = 0 ]
