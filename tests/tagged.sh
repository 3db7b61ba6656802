#!/bin/sh
# tagged.sh — the PDFs are tagged documents (PDF/UA-1, PDF/A-2a) as readers see them: poppler
# (Tagged: yes; the Santiago profile's structure in the order of its contents, findings under
# their headings, the figures table a Table with header cells, nothing of the running heads,
# page numbers, line numbers or watermark in it; a Spanish name in an English finding a Span
# in Spanish), tests/pdfua.py's mechanical rules on every PDF of the demo build (final and
# draft), pdf.js's structure tree with alt text on every figure, two builds byte-identical,
# and links only to web and mail addresses.
# usage: tagged.sh MGI SOURCE_DIR BINARY_DIR
set -u
mgi=$1 src=$2 bin=$3
. "$(dirname "$0")/lib.sh"

SOURCE_DATE_EPOCH=0 "$mgi" build "$src/data" -o "$tmp/a" --quiet || fail "build"
SOURCE_DATE_EPOCH=0 "$mgi" build "$src/data" -o "$tmp/b" --quiet || fail "second build"
SOURCE_DATE_EPOCH=0 "$mgi" build "$src/data" -o "$tmp/draft" --draft --quiet || fail "draft build"
n=0
for pdf in "$tmp"/a/*.pdf "$tmp"/a/*/*.pdf "$tmp"/draft/*.pdf "$tmp"/draft/*/*.pdf; do
    pdfinfo "$pdf" | grep -q '^Tagged: *yes' || fail "$pdf is not tagged"
    n=$((n + 1))
done
[ "$n" -ge 36 ] || fail "only $n PDFs"
for pdf in "$tmp"/a/*.pdf "$tmp"/a/*/*.pdf; do
    cmp -s "$pdf" "$tmp/b/${pdf#"$tmp"/a/}" || fail "$pdf differs between two builds"
done
# shellcheck disable=SC2046
python3 "$src/tests/pdfua.py" "$tmp"/a/*.pdf "$tmp"/a/*/*.pdf "$tmp"/draft/*.pdf "$tmp"/draft/*/*.pdf ||
    fail "PDF/UA and PDF/A rules (tests/pdfua.py)"

# The structure as a screen reader walks it.
en=$tmp/a/13101-2022/profile-en.pdf
pdfinfo -struct-text "$en" >"$tmp/struct" 2>/dev/null || fail "pdfinfo -struct-text"
pdfinfo -struct-text "$tmp/draft/13101-2022/profile-es.pdf" >"$tmp/struct-draft" 2>/dev/null
python3 - "$tmp/struct" "$tmp/struct-draft" <<'EOF' || fail "the structure of the Santiago profile"
import re, sys
def read(path):
    rows = []  # (depth, role, text)
    for line in open(path, encoding="utf-8"):
        depth = (len(line) - len(line.lstrip(" "))) // 2
        s = line.strip()
        if s.startswith('"'):
            if rows:
                d, role, text = rows[-1]
                rows[-1] = (d, role, text + s.strip('"'))
        elif s and not s.startswith("/"):
            rows.append((depth, s.split()[0].rstrip(":"), ""))
    return rows
rows, bad = read(sys.argv[1]), []
h1 = [t for _, r, t in rows if r == "H1"]
toc = [t for _, r, t in rows if r == "Link" and t and t.split()[0].isupper()]
# the chapters, in the order of the contents (a contents entry ends in its page number)
chapters = [re.sub(r"\d+$", "", t) for t in toc]
chapters = [c for c in chapters if c == c.upper()]
got = [t for t in h1 if t in chapters]
if got != chapters:
    bad.append(f"H1 order {got} is not the contents' {chapters}")
# each finding under its heading: the Migrant Seal finding, a P after "Examples of well-developed areas"
seen_h2 = None
for d, r, t in rows:
    if r == "H2":
        seen_h2 = t
    if "received the Migrant Seal" in t:
        if r not in ("P", "LBody") or not seen_h2 or "well-developed" not in seen_h2:
            bad.append(f"the Migrant Seal finding is a {r} under {seen_h2!r}")
        break
else:
    bad.append("the Migrant Seal finding is not in the structure")
roles = [r for _, r, _ in rows]
for want in ("Table", "TH", "TD", "Figure", "L", "LI", "Lbl", "LBody", "Note", "TOC", "TOCI", "Span"):
    if want not in roles:
        bad.append(f"no {want} in the structure")
text = "\n".join(t for _, _, t in rows)
# the running head is on every page after the contents; as content it is only on the covers
if sum(t == "Migration Governance Indicators — Local" for _, _, t in rows) > 2:
    bad.append("the running head is in the structure")
if "| PROFILE 2022" in text or "Page 5" in text:
    bad.append("the running foot or a page number is in the structure")
draft = read(sys.argv[2])
dtext = "\n".join(t for _, _, t in draft)
if "BORRADOR" in dtext:
    bad.append("the draft's watermark is in the structure")
if any(re.fullmatch(r"\d+", t) for _, r, t in draft if r in ("P", "LBody", "H1", "H2")):
    bad.append("a line number in the draft's structure")
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
EOF

# The Spanish name in the English finding is a Span in Spanish (/Lang), and the catalog says en.
python3 - "$src/tests" "$en" <<'EOF' || fail "languages in the structure"
import sys
sys.path.insert(0, sys.argv[1])
import pdfua
d = pdfua.Doc(sys.argv[2])
cat = d.get(d.trailer["/Root"])
spans = [v for o in d.objs.values() for v in [o.get("value")]
         if isinstance(v, dict) and v.get("/S") == "/Span"]
ok = pdfua.text(cat.get("/Lang")) == "en" and any(pdfua.text(s.get("/Lang")) == "es" for s in spans)
print("" if ok else f"catalog /Lang {cat.get('/Lang')}, spans {spans}")
sys.exit(0 if ok else 1)
EOF

# The wheel's alternative text gives every domain's score and level and the overall score, in
# the document's language; describe_figures = yes prints it under the chart as well.
python3 - "$src/tests" "$en" "$tmp/a/13101-2022/profile-es.pdf" <<'EOF' || fail "figures' alternative texts"
import sys
sys.path.insert(0, sys.argv[1])
import pdfua
want = {sys.argv[2]: "Migration governance by domain, Santiago 2022: 1. Migrants’ rights 0.66 (Meets); "
                     "2. Whole-of-government approach 0.60 (Meets); 3. Partnerships 0.58 (Partially meets)",
        sys.argv[3]: "1. Derechos de los migrantes 0,66 (Cumple); 2. Enfoque de gobierno integral 0,60 (Cumple)"}
bad = 0
for path, text in want.items():
    d = pdfua.Doc(path)
    alts = [pdfua.text(o["value"].get("/Alt")) for o in d.objs.values()
            if isinstance(o.get("value"), dict) and o["value"].get("/S") == "/Figure"]
    if not any(a and text in a for a in alts):
        print(f"{path}: no figure says {text!r}; they say {alts[:2]}")
        bad += 1
sys.exit(bad)
EOF
# A hyphen that the layout added to break a word at a line's end is a soft hyphen to a
# reader (ISO 32000-1, 14.8.2.2.3): a Span with /ActualText U+00AD around the hyphen, so that
# a screen reader says "migration", not "migra tion". poppler prints a Span's glyphs, so
# each shows as a Span of "-" between the two parts of the word.
python3 - "$src/tests" "$en" "$tmp/struct" <<'EOF' || fail "hyphens added at line ends"
import re, sys
sys.path.insert(0, sys.argv[1])
import pdfua
d = pdfua.Doc(sys.argv[2])
els = [o["value"] for o in d.objs.values()
       if isinstance(o.get("value"), dict) and o["value"].get("/Type") == "/StructElem"]
soft = [e for e in els if "/ActualText" in e]
bad = [e for e in soft if e.get("/S") != "/Span" or pdfua.text(e["/ActualText"]) != "\u00ad"]
struct = open(sys.argv[3], encoding="utf-8").read()
alone = re.findall(r'Span \(inline\)\n\s*"-"\n', struct)
split = re.findall(r'\w"\n\s*Span \(inline\)\n\s*"-"\n\s*"\w', struct)
joined = "govern migra-tion" in re.sub(r'"\n\s*"?', "", struct)
ok = len(soft) >= 5 and not bad and len(alone) == len(soft) and split and not joined
print("" if ok else f"{len(soft)} soft hyphens, {len(bad)} not a Span of U+00AD, "
      f"{len(alone)} Spans of a hyphen, {len(split)} between letters, 'migra-tion' whole: {joined}")
sys.exit(0 if ok else 1)
EOF
mkdir -p "$tmp/res" && cp -R "$src/layouts" "$src/fonts" "$tmp/res/"
sed -i 's/^describe_figures = no/describe_figures = yes/' "$tmp/res/layouts/profile.ini"
"$mgi" build "$src/data" -o "$tmp/described" --commune 13101 --resources "$tmp/res" --quiet ||
    fail "build with describe_figures"
pdftotext "$tmp/described/13101-2022/profile-en.pdf" - | tr '\n' ' ' |
    grep -q 'Migration governance by domain, Santiago 2022: 1. Migrants’ rights 0.66 (Meets); 2.' ||
    fail "describe_figures = yes does not print the wheel's description"

# Only web and mail addresses become links; a script or a local file prints as its words.
cp -R "$src/data" "$tmp/data" && chmod -R u+w "$tmp/data"
sed -i '24s/"The municipality received/"See [the plan](javascript:alert(document.cookie)), [the file](file:\/\/\/etc\/passwd), [the site](https:\/\/www.iom.int) and [mail](mailto:info@example.org). The municipality received/' "$tmp/data/responses.csv"
"$mgi" validate "$tmp/data" >"$tmp/log" 2>&1 || fail "validate with links"
for want in 'responses.csv:24:28: warning: link to "javascript:alert(document.cookie)" is not a web or mail address' \
    'responses.csv:24:[0-9]*: warning: link to "file:///etc/passwd" is not a web or mail address'; do
    grep -q "$want" "$tmp/log" || { fail "validate does not say: $want"; cat "$tmp/log"; }
done
grep -q 'https://www.iom.int\|mailto:' "$tmp/log" && fail "validate warns about a web or mail link"
"$mgi" build "$tmp/data" -o "$tmp/links" --commune 13101 --lang en --quiet || fail "build with links"
links=$tmp/links/13101-2022/profile-en.pdf
qpdf --json "$links" | python3 -c '
import json, sys
objs = json.load(sys.stdin)["qpdf"][1]
uris = sorted({o["value"]["/A"]["/URI"] for o in objs.values()
               if isinstance(o.get("value"), dict) and "/URI" in (o["value"].get("/A") or {})})
want = ["u:https://www.iom.int", "u:mailto:info@example.org"]
print("" if uris == want else f"link targets {uris}, not {want}")
sys.exit(0 if uris == want else 1)' || fail "link schemes"
pdftotext "$links" - | tr '\n' ' ' | grep -q 'See the plan, the file, the site and mail' ||
    fail "the words of the links are not printed"

# pdf.js (npm pdfjs-dist, the engine of Firefox's reader) loads every page's structure tree.
# Without it the other checks still run, and the test is skipped only when they pass.
pj=$npm_modules/..
nopdfjs=
if command -v node >/dev/null && [ -d "$npm_modules/pdfjs-dist" ]; then
    node "$src/tests/tagged/structtree.mjs" "$pj" --table "$en" "$tmp/a/13101-2022/profile-es.pdf" \
        "$tmp/a/comparison.pdf" "$tmp/draft/comparison.es.pdf" >"$tmp/pdfjs.log" 2>&1 ||
        { cat "$tmp/pdfjs.log"; fail "pdf.js's structure tree"; }
    node "$src/tests/tagged/structtree.mjs" "$pj" "$tmp"/a/*/*.pdf "$tmp"/draft/*/*.pdf >"$tmp/pdfjs.log" 2>&1 ||
        { cat "$tmp/pdfjs.log"; fail "pdf.js's structure tree (all profiles)"; }
else
    nopdfjs=1
fi

echo "$fails failures"
[ "$fails" -eq 0 ] || exit 1
[ -z "$nopdfjs" ] ||
    missing tagged "Node.js and pdfjs-dist in $npm_modules (cd tests && npm ci) for pdf.js's checks; the others passed"
