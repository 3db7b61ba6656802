"""annexprint.py — an annex as LibreOffice prints it (the PDF of `soffice --convert-to pdf`)
and as a previewer reads it (the chart caches): every page names the commune and year and
says "page N of M"; the Indicators sheet prints at 80 % or more, its weights and COVID-19
flags apart from the findings beside them; About holds on one page,
its labels beside their values and its source line whole; no Markdown mark is left in the
findings; each chart is titled with the commune and caches the scores, not zeros.
usage: annexprint.py ANNEX_PDF ANNEX_XLSX COMMUNE YEAR en|es SCORE..."""
import re
import statistics
import subprocess
import sys
import zipfile

pdf, xlsx, commune, year, lang = sys.argv[1:6]
scores = [float(x) for x in sys.argv[6:]]
fails = 0


def fail(msg):
    global fails
    print(f'FAIL: {xlsx}: {msg}')
    fails += 1


pages = subprocess.run(['pdftotext', '-layout', pdf, '-'], capture_output=True, text=True,
                       check=True).stdout.split('\f')
pages = [p for p in pages if p.strip()]
n = len(pages)
word = 'Page' if lang == 'en' else 'Página'
of = 'of' if lang == 'en' else 'de'
for i, p in enumerate(pages, 1):
    if f'{commune} {year}' not in p:
        fail(f'page {i} does not name {commune} {year}')
    if f'{word} {i} {of} {n}' not in p:
        fail(f'page {i} does not say "{word} {i} {of} {n}"')
# The Indicators sheet's body text: at 100 % a word's box is about 11.2 points high.
heights = []
bbox = subprocess.run(['pdftotext', '-bbox', '-f', '1', '-l', '1', pdf, '-'], capture_output=True,
                      text=True, check=True).stdout
for m in re.finditer(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', bbox):
    heights.append(float(m.group(2)) - float(m.group(1)))
scale = statistics.median(heights) / 11.18
if scale < 0.8:
    fail(f'the Indicators sheet prints at {scale:.0%}')
# The weight and the COVID-19 flag (0 or 1) stand apart from the finding beside them: a gap
# narrower than a space (about 2 points here) reads "0Every".
words = [(float(m.group(1)), float(m.group(2)), float(m.group(3)), m.group(4)) for m in
         re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', bbox)]
finding = min(x0 for x0, _, _, w in words if w == ('Finding' if lang == 'en' else 'Hallazgo'))
footer = min(y for _, y, _, w in words if w == word)  # "Page 1 of N"
flags = 0
for x0, y, x1, w in words:
    if w not in ('0', '1') or x1 > finding or y >= footer - 0.5:
        continue
    right = [a for a, b, _, _ in words if abs(b - y) < 0.5 and a > x1]
    if right:
        flags += 1
        if min(right) - x1 < 4:
            fail(f'a {w} printed {min(right) - x1:.1f} points from the word after it')
if flags < 8:
    fail(f'only {flags} weights and COVID-19 flags found on the first page')
# About: the last page, labels and values together, the source line whole.
about = pages[-1]
labels = ('Commune', 'Method', 'Generated') if lang == 'en' else ('Comuna', 'Método', 'Generado')
if not all(l in about for l in labels) or commune not in about:
    fail('About is not on one page with its values: ' + about[:300])
text = ' '.join(pages)
if re.search(r'(^|\s)\*\S|\S\*(\s|$)|\]\(', text):
    fail('Markdown marks in the printed findings: ' + re.search(r'.{30}(\*\S|\S\*|\]\().{30}', text).group(0))
# Charts: titled with the commune; the cached values are the scores.
with zipfile.ZipFile(xlsx) as z:
    charts = [z.read(f).decode() for f in z.namelist() if f.startswith('xl/charts/chart')]
for c in charts:
    title = ''.join(re.findall(r'<a:t>([^<]*)</a:t>', c))
    if commune not in title:
        fail('a chart titled ' + repr(title))
for c in charts[:2]:  # the domains' radar and bars
    cached = [float(v) for v in re.findall(r'<c:pt idx="\d+"><c:v>([^<]*)</c:v>', c.split('<c:val>')[1])]
    if len(cached) != len(scores) or any(abs(a - b) > 1e-9 for a, b in zip(cached, scores)):
        fail(f'a chart caches {cached}, not the scores {scores}')
print(f'{xlsx}: {n} pages, Indicators at {scale:.0%}, {len(charts)} charts, {fails} failures')
sys.exit(1 if fails else 0)
