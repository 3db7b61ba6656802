"""entryprint.py — a data-entry workbook (mgi template) as LibreOffice prints it: every page
says whose it is and "page N of M" and prints at 80 % or more; the instructions are whole;
each of the commune's figures is on the page of its label.
usage: entryprint.py PDF en|es STRINGS_INI COMMUNE YEAR"""
import re
import sys

from printed import Pdf, strings

pdf, lang, strings_ini, commune, year = sys.argv[1:6]
S = strings(strings_ini, lang)
doc = Pdf(pdf)
pages = []
for i in range(1, doc.n + 1):
    pages.append(doc.marks(i, f'{commune} {year}', S['xlsx.page_of']))
    if doc.scale(doc.words(i)) < 0.8:
        doc.fail(f'page {i} prints at {doc.scale(doc.words(i)):.0%}')
text = ' '.join(pages)
for k in range(1, 6):
    if S[f'template.help.{k}'] not in text:
        doc.fail(f'instruction {k} is not printed whole: {S[f"template.help.{k}"]}')
label = S['xlsx.population']
if not any(re.search(rf'{re.escape(label)}.*\d{{1,3}}[,.]\d{{3}}', p) for p in pages):
    doc.fail(f'"{label}" is not on the page of its value')
print(f'{pdf}: {doc.n} pages, {doc.fails} failures')
sys.exit(1 if doc.fails else 0)
