#!/usr/bin/env python3
"""pdfcheck.py — what an editor checks on every page of an mgi PDF, read back as a reader's
tool sees it (poppler's pdftotext -bbox-layout).

usage: pdfcheck.py [--layout profile.ini] [--notes] [--fullness] [--md FILE.md]... [--ignore WORD]...
                   [--watermark TEXT]... [--margins L,R] FILE.pdf...

For every page but the cover:
  - frames: every word lies in the text frame (the page less its margins), in the
    running-head band above it, in the footer band below it, or, for a line number
    of a draft, in the left margin. A word outside all of them was set off the frame
    (over the footer, past the margin or off the page);
  - overprint: no word's box overlaps a word of another line (the pieces of a draft's
    diagonal --watermark aside).
On the cover and the back cover (the first and the last page) only the side margins and
the page's edges are checked. --margins LEFT,RIGHT overrides the layout's side margins
(the comparison takes the page's width for its tables).
With --notes, every footnote is on the page of its reference: each superscript number in
the body has its note (a line at the page's foot that begins with that number) on the
same page.
With --fullness, no page is under a third full (its text reaching less than a third of the
way down the frame), except the cover, the imprint (page 2), the back cover and the last page
of a chapter (one followed by a page that opens with a chapter heading, set at least 1.7
times as large as the body text).
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


def check_pdf(pdf, m, ignore, watermark):
    problems = []
    tol = 1.0
    allpages = list(pages(pdf))
    npages = len(allpages)
    for pno, (W, H, words) in enumerate(allpages, 1):
        # The draft's diagonal mark comes back as pieces of itself: leave them out.
        words = [w for w in words if w[5] not in ignore and
                 not (watermark and w[5] in watermark and not any(c.islower() for c in w[5]))]
        body = (m["margin_left"], m["margin_top"], W - m["margin_right"], H - m["margin_bottom"])
        for (x0, y0, x1, y1, _, t) in words:
            where = f"{pdf}: page {pno}: \"{t}\" at x {x0:.0f}–{x1:.0f}, y {y0:.0f}–{y1:.0f}"
            if x0 < -tol or y0 < -tol or x1 > W + tol or y1 > H + tol:
                problems.append(where + ": off the page")
                continue
            if pno == 1 or pno == npages:
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
                # the boxes less the slack of the font's ascent and descent (a
                # sixth of their height at each end), which differs from font to font
                ay0, ay1 = a[1] + (a[3] - a[1]) / 6, a[3] - (a[3] - a[1]) / 6
                by0, by1 = b[1] + (b[3] - b[1]) / 6, b[3] - (b[3] - b[1]) / 6
                ox = min(a[2], b[2]) - max(a[0], b[0])
                oy = min(ay1, by1) - max(ay0, by0)
                hmin = min(ay1 - ay0, by1 - by0)
                if ox > 0.5 and oy > 0.2 * hmin:
                    problems.append(f"{pdf}: page {pno}: \"{a[5]}\" and \"{b[5]}\" overprint "
                                    f"at x {max(a[0], b[0]):.0f}, y {max(a[1], b[1]):.0f}")
    return problems


def check_notes(pdf, m):
    """Superscript references and the notes at the page's foot, page by page."""
    problems = []
    out = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True, check=True)
    text = re.sub(r"<!DOCTYPE[^>]*>", "", out.stdout.decode("utf-8"))
    root = ET.fromstring(text.replace('xmlns="http://www.w3.org/1999/xhtml"', ""))
    for pno, page in enumerate(root.iter("page"), 1):
        H = float(page.get("height"))
        foot_top = H - m["margin_bottom"] + 2
        refs, notes, small = set(), set(), []
        body_bottom = 0  # the foot of the page's last line of body text
        for line in page.iter("line"):
            ws = list(line.iter("word"))
            if not ws:
                continue
            hs = [float(w.get("yMax")) - float(w.get("yMin")) for w in ws]
            body_h = max(hs)
            y1 = float(ws[0].get("yMax"))
            if body_h >= 12.5 and y1 < foot_top:
                body_bottom = max(body_bottom, y1)
            for w, h, prev in zip(ws, hs, [None] + ws[:-1]):
                t = w.text or ""
                # a reference: digits set smaller than the line's text, right after a word
                if t.isdigit() and h < 0.75 * body_h and prev is not None and \
                        abs(float(w.get("xMin")) - float(prev.get("xMax"))) < 1.5:
                    refs.add(t)
            first = ws[0]
            if (first.text or "").isdigit() and body_h < 12 and y1 < foot_top and len(ws) > 1 and \
                    float(first.get("xMin")) < m["margin_left"] + 12:
                small.append((float(first.get("yMin")), first.text))
        # a note: a small line below the body text that begins with its number
        notes = {t for (y0, t) in small if y0 >= body_bottom - 1}
        for r in sorted(refs - notes, key=int):
            problems.append(f"{pdf}: page {pno}: note {r} is cited here but not set at this page's foot")
    return problems


def check_fullness(pdf, m):
    problems = []
    ps = list(pages(pdf))
    fill, opens = [], []
    # the body text's height, whatever the font: the median of the words' boxes
    heights = sorted(w[3] - w[1] for (_, _, words) in ps for w in words)
    body_h = heights[len(heights) // 2] if heights else 12
    for (W, H, words) in ps:
        top, bot = m["margin_top"], H - m["margin_bottom"]
        body = [w for w in words if w[1] >= top - 8 and w[3] <= bot + 8]
        fill.append((max(w[3] for w in body) - top) / (bot - top) if body else 0)
        first = min(body, key=lambda w: w[1]) if body else None
        opens.append(first is not None and first[3] - first[1] >= 1.7 * body_h)
    for i, f in enumerate(fill):
        pno = i + 1
        if pno <= 2 or pno == len(ps) or (i + 1 < len(ps) and opens[i + 1]) or pno == len(ps) - 1:
            continue
        if f < 1 / 3:
            problems.append(f"{pdf}: page {pno} is {f:.0%} full, and not a chapter's last page")
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
    """The document's body text: the words inside the text frame of every page, in reading
    order, less the running heads, line numbers, footnotes and note references (words set
    smaller than the body text, whose box height is the median of the document's)."""
    out = []
    ps = list(pages(pdf))
    heights = sorted(w[3] - w[1] for (_, _, words) in ps for w in words)
    body_h = heights[len(heights) // 2] if heights else 13.6
    for (W, H, words) in ps:
        for (x0, y0, x1, y1, _, t) in words:
            if x0 >= m["margin_left"] - 1 and x1 <= W - m["margin_right"] + 1 and \
                    y0 >= m["margin_top"] - 6 and y1 <= H - m["margin_bottom"] + 6 and \
                    y1 - y0 >= 0.92 * body_h:
                out.append(t)
    return " ".join(out)


def main(argv):
    layout, mds, ignore, pdfs, notes, watermark, margins = None, [], set(), [], False, "", None
    fullness = False
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--notes":
            notes = True
        elif a == "--fullness":
            fullness = True
        elif a in ("--layout", "--md", "--ignore", "--watermark", "--margins"):
            i += 1
            if a == "--margins":
                margins = [float(x) for x in argv[i].split(",")]
            elif a == "--watermark":
                watermark += argv[i].replace(" ", "")
            elif a == "--layout":
                layout = argv[i]
            elif a == "--md":
                mds.append(argv[i])
            else:
                ignore.add(argv[i])
        else:
            pdfs.append(a)
        i += 1
    m = layout_margins(layout)
    if margins:
        m["margin_left"], m["margin_right"] = margins
    problems = []
    for pdf in pdfs:
        problems += check_pdf(pdf, m, ignore, watermark)
        if notes:
            problems += check_notes(pdf, m)
        if fullness:
            problems += check_fullness(pdf, m)
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
