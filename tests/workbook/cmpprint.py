"""cmpprint.py — a comparison workbook as LibreOffice prints it (the PDF of `soffice
--convert-to pdf`): every page says what it is and "page N of M" and prints at 80 % or more;
no page holds only a column or two; nothing is cut: the domains' names (the ranking column),
the change headings, the notes under the tables and the communes' names are whole.
usage: cmpprint.py PDF en|es STRINGS_INI DOMAINS_CSV COMMUNES_CSV"""
import csv
import re
import statistics
import subprocess
import sys

pdf, lang, strings_ini, domains_csv, communes_csv = sys.argv[1:6]
fails = 0


def fail(msg):
    global fails
    print(f'FAIL: {pdf}: {msg}')
    fails += 1


def strings(path, lang):
    out, section = {}, None
    for line in open(path, encoding='utf-8'):
        line = line.strip()
        if line.startswith('['):
            section = line.strip('[]')
        elif section == lang and ' = ' in line and not line.startswith(';'):
            k, v = line.split(' = ', 1)
            out[k] = v
    return out


S = strings(strings_ini, lang)
domains = [r[f'name_{lang}'] for r in csv.DictReader(open(domains_csv, encoding='utf-8'))]
communes = [r['name'] for r in csv.DictReader(open(communes_csv, encoding='utf-8'))]


def run(*args):
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


n = int(re.search(r'Pages:\s+(\d+)', run('pdfinfo', pdf)).group(1))
width = float(re.search(r'Page size:\s+([\d.]+)', run('pdfinfo', pdf)).group(1))
page_of = S['xlsx.page_of'].replace('&P', '{}').replace('&N', '{}')
who = S['cmp.title'] + ', '
text = ''
for i in range(1, n + 1):
    # -raw: in the order LibreOffice draws, a cell's lines one after another
    raw = run('pdftotext', '-raw', '-f', str(i), '-l', str(i), pdf, '-')
    flat = ' '.join(raw.replace('-\n', '-').split())  # "Whole-of-" wrapped before "government"
    text += ' ' + flat
    if who not in flat:
        fail(f'page {i} does not say "{who}…"')
    if page_of.format(i, n) not in flat:
        fail(f'page {i} does not say "{page_of.format(i, n)}"')
    # A name cut at its column's edge ("Whole-of-government appro"): its beginning is
    # printed more often than the whole name.
    for d in domains:
        if len(d) > 16 and flat.count(d[:16]) != flat.count(d):
            fail(f'page {i} cuts "{d}"')
    words = [(float(a), float(b), float(c), float(d)) for a, b, c, d in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">',
        run('pdftotext', '-bbox', '-f', str(i), '-l', str(i), pdf, '-'))]
    body = [w for w in words if 40 < w[1] < 545]  # not the page's header and footer
    if not body:
        fail(f'page {i} is empty')
        continue
    # At 100 % a word's box is about 11.2 points high (Carlito at 11 points).
    scale = statistics.median(w[3] - w[1] for w in body) / 11.18
    if scale < 0.8:
        fail(f'page {i} prints at {scale:.0%}')
    # A page cut off the one before it with only a column or two (beside those repeated
    # on every page) ends well short of the page's middle.
    if max(w[2] for w in body) < 0.45 * width:
        fail(f'page {i} holds only its first {max(w[2] for w in body):.0f} points of {width:.0f}')


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
print(f'{pdf}: {n} pages, {fails} failures')
sys.exit(1 if fails else 0)
