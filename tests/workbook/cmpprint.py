"""cmpprint.py — a comparison workbook as LibreOffice prints it (the PDF of `soffice
--convert-to pdf`): every page says what it is and "page N of M" and prints at 80 % or more;
no page holds only a column or two; nothing is cut: the domains' names (the ranking column),
the change headings, the notes under the tables and the communes' names are whole.
usage: cmpprint.py PDF en|es STRINGS_INI DOMAINS_CSV COMMUNES_CSV"""
import csv
import sys

from printed import Pdf, strings

pdf, lang, strings_ini, domains_csv, communes_csv = sys.argv[1:6]
S = strings(strings_ini, lang)
domains = [r[f'name_{lang}'] for r in csv.DictReader(open(domains_csv, encoding='utf-8'))]
communes = [r['name'] for r in csv.DictReader(open(communes_csv, encoding='utf-8'))]
doc = Pdf(pdf)
fail = doc.fail
text = ''
for i in range(1, doc.n + 1):
    flat = doc.marks(i, S['cmp.title'] + ', ', S['xlsx.page_of'])
    text += ' ' + flat
    # A name cut at its column's edge ("Whole-of-government appro"): its beginning is
    # printed more often than the whole name.
    for d in domains:
        if len(d) > 16 and flat.count(d[:16]) != flat.count(d):
            fail(f'page {i} cuts "{d}"')
    body = [w for w in doc.words(i) if 40 < w[1] < 545]  # not the page's header and footer
    if not body:
        fail(f'page {i} is empty')
        continue
    if doc.scale(body) < 0.8:
        fail(f'page {i} prints at {doc.scale(body):.0%}')
    # A page cut off the one before it with only a column or two (beside those repeated
    # on every page) ends well short of the page's middle.
    if max(w[2] for w in body) < 0.45 * doc.width:
        fail(f'page {i} holds only its first {max(w[2] for w in body):.0f} points of {doc.width:.0f}')


def whole(what, s):
    if ' '.join(s.split()) not in text:
        fail(f'{what} is not printed whole: "{s}"')


for d in domains:
    whole('a domain', d)
    whole('a change heading', f'{S["xlsx.change_short"]}: {d}')
for key in ('xlsx.cmp_note', 'gcm.cmp_note'):
    whole(key, S[key])
# A name broken inside a word ("Independenci a") did not fit its column.
for name in communes:
    for word in name.split():
        for k in range(2, len(word) - 1):
            if f' {word[:k]} {word[k:]} ' in f' {text} ':
                fail(f'"{word}" printed broken as "{word[:k]} {word[k:]}"')
print(f'{pdf}: {doc.n} pages, {doc.fails} failures')
sys.exit(1 if doc.fails else 0)
