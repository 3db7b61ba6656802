#!/usr/bin/env python3
"""pdfcheck.py — what an editor checks on every page of an mgi PDF, read back as a reader's
tool sees it (poppler's pdftotext -bbox-layout).

usage: pdfcheck.py [--layout profile.ini] [--md FILE.md]... [--ignore WORD]... FILE.pdf...

For every page but the cover:
  - frames: every word lies in the text frame (the page less its margins), in the
    running-head band above it, in the footer band below it, or, for a line number
    of a draft, in the left margin. A word outside all of them was set off the frame
    (over the footer, past the margin or off the page);
  - overprint: no word's box overlaps a word of another line.
On the cover only the side margins and the page's edges are checked.
With --md, every list item of each Markdown file must appear in the document's body
text (letters and digits compared, so that hyphenation, line breaks and typographic
quotes do not matter).
Prints one line per problem and exits 1 when there is any.
"""
import html
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET


def layout_margins(path):
    m = {"margin_top": 72, "margin_bottom": 68, "margin_left": 64, "margin_right": 64}
    if not path:
        return m
    section = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split(";")[0].strip()
            if line.startswith("["):
                section = line.strip("[]")
            elif section == "page" and "=" in line:
                k, v = (s.strip() for s in line.split("=", 1))
                if k in m:
                    m[k] = float(v)
    return m


def pages(pdf):
    out = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True, check=True)
    text = out.stdout.decode("utf-8")
    # pdftotext writes an XHTML document; drop the DOCTYPE and namespace for ElementTree.
    text = re.sub(r"<!DOCTYPE[^>]*>", "", text).replace('xmlns="http://www.w3.org/1999/xhtml"', "")
    root = ET.fromstring(text)
    for page in root.iter("page"):
        words = []
        for li, line in enumerate(page.iter("line")):
            for w in line.iter("word"):
                words.append((float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")),
                              float(w.get("yMax")), id(line), html.unescape(w.text or "")))
        yield float(page.get("width")), float(page.get("height")), words


def check_pdf(pdf, m, ignore):
    problems = []
    tol = 1.0
    for pno, (W, H, words) in enumerate(pages(pdf), 1):
        words = [w for w in words if w[5] not in ignore]
        body = (m["margin_left"], m["margin_top"], W - m["margin_right"], H - m["margin_bottom"])
        for (x0, y0, x1, y1, _, t) in words:
            where = f"{pdf}: page {pno}: \"{t}\" at x {x0:.0f}–{x1:.0f}, y {y0:.0f}–{y1:.0f}"
            if x0 < -tol or y0 < -tol or x1 > W + tol or y1 > H + tol:
                problems.append(where + ": off the page")
                continue
            if pno == 1:
                if x0 < body[0] - tol or x1 > body[2] + tol:
                    problems.append(where + ": in the side margin of the cover")
                continue
            # A word's box runs from its font's ascent to its descent, which may reach past
            # the line's own leading: a fifth of its height either way is the line's.
            slack = 0.2 * (y1 - y0)
            inside_x = x0 >= body[0] - tol and x1 <= body[2] + tol
            in_body = inside_x and y0 >= body[1] - slack - tol and y1 <= body[3] + slack + tol
            in_head = inside_x and y0 >= body[1] - 52 and y1 <= body[1] - 4
            in_foot = inside_x and y0 >= body[3] + 18 and y1 <= body[3] + 52
            line_no = t.isdigit() and x1 <= body[0] and x0 >= body[0] - 40 and \
                body[1] - tol <= y0 and y1 <= body[3] + tol
            if not (in_body or in_head or in_foot or line_no):
                problems.append(where + ": outside the text frame and the running head and foot")
        # Overprint: boxes of words on different lines that overlap. Sweep by top edge.
        ws = sorted(words, key=lambda w: w[1])
        for i, a in enumerate(ws):
            for b in ws[i + 1:]:
                if b[1] >= a[3] - 0.5:
                    break
                if a[4] == b[4]:
                    continue
                ox = min(a[2], b[2]) - max(a[0], b[0])
                oy = min(a[3], b[3]) - max(a[1], b[1])
                hmin = min(a[3] - a[1], b[3] - b[1])
                if ox > 0.5 and oy > 0.3 * hmin:
                    problems.append(f"{pdf}: page {pno}: \"{a[5]}\" and \"{b[5]}\" overprint "
                                    f"at x {max(a[0], b[0]):.0f}, y {max(a[1], b[1]):.0f}")
    return problems


def letters(s):
    s = unicodedata.normalize("NFC", s)
    return "".join(c for c in s.lower() if c.isalnum())


def md_items(path):
    """The list items of a Markdown file as plain text (inline marks and links dropped)."""
    items, cur = [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            mm = re.match(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$", line)
            if mm:
                if cur is not None:
                    items.append(cur)
                cur = mm.group(1)
            elif cur is not None and line.strip() and line.startswith((" ", "\t")):
                cur += " " + line.strip()
            else:
                if cur is not None:
                    items.append(cur)
                cur = None
    if cur is not None:
        items.append(cur)
    out = []
    for it in items:
        it = re.sub(r"\[\^[^\]]*\]", "", it)              # footnote references
        it = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", it)  # links and images: their text
        out.append(it)
    return out


def body_text(pdf, m):
    """The document's text inside the text frame of every page (no running heads or line
    numbers), as one string."""
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, check=True).stdout.decode()
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
    W, H = float(size.group(1)), float(size.group(2))
    x, y = int(m["margin_left"]) - 1, int(m["margin_top"]) - 2
    w, h = int(W - m["margin_left"] - m["margin_right"]) + 3, int(H - m["margin_top"] - m["margin_bottom"]) + 4
    out = subprocess.run(["pdftotext", "-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h),
                          pdf, "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def main(argv):
    layout, mds, ignore, pdfs = None, [], set(), []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("--layout", "--md", "--ignore"):
            i += 1
            if a == "--layout":
                layout = argv[i]
            elif a == "--md":
                mds.append(argv[i])
            else:
                ignore.add(argv[i])
        else:
            pdfs.append(a)
        i += 1
    m = layout_margins(layout)
    problems = []
    for pdf in pdfs:
        problems += check_pdf(pdf, m, ignore)
    if mds:
        text = letters("".join(body_text(pdf, m) for pdf in pdfs))
        for md in mds:
            for item in md_items(md):
                if letters(item) not in text:
                    problems.append(f"{md}: list item not in {' '.join(pdfs)}: {item[:80]}")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
