"""entryprint.py — a data-entry workbook (mgi template) as LibreOffice prints it: every page
says whose it is and "page N of M" and prints at 80 % or more; the instructions are whole;
each of the commune's figures is on the page of its label.
usage: entryprint.py PDF en|es STRINGS_INI COMMUNE YEAR"""
import re
import statistics
import subprocess
import sys

pdf, lang, strings_ini, commune, year = sys.argv[1:6]
fails = 0


def fail(msg):
    global fails
    print(f'FAIL: {pdf}: {msg}')
    fails += 1


S, section = {}, None
for line in open(strings_ini, encoding='utf-8'):
    line = line.strip()
    if line.startswith('['):
        section = line.strip('[]')
    elif section == lang and ' = ' in line:
        k, v = line.split(' = ', 1)
        S[k] = v


def run(*args):
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


n = int(re.search(r'Pages:\s+(\d+)', run('pdfinfo', pdf)).group(1))
page_of = S['xlsx.page_of'].replace('&P', '{}').replace('&N', '{}')
pages = []
for i in range(1, n + 1):
    flat = ' '.join(run('pdftotext', '-raw', '-f', str(i), '-l', str(i), pdf, '-').split())
    pages.append(flat)
    if f'{commune} {year}' not in flat or page_of.format(i, n) not in flat:
        fail(f'page {i} does not say "{commune} {year}" and "{page_of.format(i, n)}"')
    heights = [float(b) - float(a) for a, b in re.findall(
        r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"',
        run('pdftotext', '-bbox', '-f', str(i), '-l', str(i), pdf, '-'))]
    if heights and statistics.median(heights) / 11.18 < 0.8:  # 11.2 points at 100 %
        fail(f'page {i} prints at {statistics.median(heights) / 11.18:.0%}')
text = ' '.join(pages)
for k in range(1, 6):
    if S[f'template.help.{k}'] not in text:
        fail(f'instruction {k} is not printed whole: {S[f"template.help.{k}"]}')
label = S['xlsx.population']
if not any(label in p and re.search(rf'{re.escape(label)}.*\d{{1,3}}[,.]\d{{3}}', p) for p in pages):
    fail(f'"{label}" is not on the page of its value')
print(f'{pdf}: {n} pages, {fails} failures')
sys.exit(1 if fails else 0)
