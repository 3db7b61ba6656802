"""comparison.py — reads comparison.xlsx with openpyxl (an independent reader) and checks it
against the data: every commune compared once, with the year of its assessment; ranks among
the communes shown; the median row over them; signed changes; the sentence saying what is
compared.  usage: comparison.py COMPARISON_XLSX RESPONSES_CSV YEAR|latest"""
import csv
import statistics
import sys

import openpyxl

path, responses, which = sys.argv[1:4]
years = {}
with open(responses, newline='', encoding='utf-8') as f:
    for row in csv.DictReader(f):
        years.setdefault(row['commune'], set()).add(int(row['year']))
if which == 'latest':
    want = {c: max(ys) for c, ys in years.items()}
else:
    want = {c: int(which) for c, ys in years.items() if int(which) in ys}

fails = 0
def fail(msg):
    global fails
    print('FAIL: comparison.xlsx: ' + msg)
    fails += 1

ws = openpyxl.load_workbook(path).worksheets[0]
head = [c.value for c in ws[1]]
col = {h: i for i, h in enumerate(head)}
for h in ('Code', 'Year', 'Overall', 'Rank', 'Previous assessment', 'Change: Overall'):
    if h not in col:
        fail('no column ' + h + ': ' + repr(head))
        sys.exit(1)
rows, notes = [], []
for r in ws.iter_rows(min_row=2, values_only=True):
    if r[col['Code']] and r[col['Year']]:
        rows.append(r)
    else:  # the notes under the table, from the first column that is not repeated in print
        notes += [v for v in r if isinstance(v, str)]
got = {r[col['Code']]: r[col['Year']] for r in rows}
if len(got) != len(rows):
    fail('a commune is listed twice')
if got != want:
    diff = sorted(set(got.items()) ^ set(want.items()))[:4]
    fail(f'{len(got)} communes, {len(want)} expected; differences {diff}')
# Ranks among the communes shown: 1..n, in order, none beyond the count.
ranks = [r[col['Rank']] for r in rows if r[col['Rank']] is not None]
if not ranks or ranks[0] != 1 or max(ranks) > len(rows) or ranks != sorted(ranks):
    fail('ranks are not among the communes shown: ' + repr(ranks[:5]) + ' … ' + repr(ranks[-3:]))
# The median row: the median of the overall scores of the ranked communes shown.
median_row = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[1] == 'Median')
scores = [r[col['Overall']] for r in rows if r[col['Rank']] is not None]
if abs(median_row[col['Overall']] - statistics.median(scores)) > 1e-9:
    fail(f'median {median_row[col["Overall"]]} is not the median of the {len(scores)} overall scores shown')
# Changes carry a sign and name their base year.
fmt = ws.cell(row=2, column=col['Change: Overall'] + 1).number_format
if not fmt.startswith('+'):
    fail('changes are not signed: ' + fmt)
for r in rows:
    if r[col['Change: Overall']] is not None and not r[col['Previous assessment']]:
        fail('a change without its base year: ' + r[col['Code']])
        break
ys = sorted(set(want.values()))
span = str(ys[0]) if len(ys) == 1 else f'{ys[0]}–{ys[-1]}'
said = ' '.join(notes)
if f'{len(want)} communes' not in said or span not in said:
    fail('the sheet does not say what it compares: ' + said[:200])
print(f'comparison.xlsx ({which}): {len(rows)} communes, years {span}, {fails} failures')
sys.exit(1 if fails else 0)
