"""data.py — reads the dashboard's JSON block (the page's data, rendered by page.js) and
evaluates a Python expression over it, for shell tests that check what the page carries
without a browser. Names: D (the data), latest(code) (the commune's result in the view:
[commune, year, previous, scores, insufficient bits, levels, ranks, change, band]),
view_rank(code) (its overall rank among the communes compared), names() (the view's
commune names in order), html (the page's text).
usage: data.py INDEX_HTML EXPRESSION   (exit 1 when it is false; prints it when not a bool)"""
import json
import re
import sys

html = open(sys.argv[1], encoding='utf-8').read()
m = re.search(r'<script type="application/json" id="data">(.*?)</script>', html, re.S)
if not m:
    print('data.py: no data block in ' + sys.argv[1])
    sys.exit(1)
D = json.loads(m.group(1))
code_of = {i: c[0] for i, c in enumerate(D['c'])}


def _row(code):
    for row in D['v']['rows']:
        if code_of[D['r'][row[0]][0]] == code:
            return row
    raise KeyError(code)


def latest(code):
    return D['r'][_row(code)[0]]


def view_rank(code):
    return _row(code)[7]


def names():
    return [D['c'][D['r'][row[0]][0]][1] for row in D['v']['rows']]


value = eval(sys.argv[2])
if isinstance(value, bool):
    sys.exit(0 if value else 1)
print(value)
