#!/usr/bin/env python3
"""measure.py — the measure and spacing of justified text, as a reader's tool sees the page.

usage: measure.py FILE.pdf...

Reads word boxes back with poppler's pdftotext -bbox-layout and takes the justified lines:
the lines of blocks of three lines or more, but a block's last, whose right edge meets the
block's. Prints, per file: how many, the median characters per line (the measure), and the
mean inter-word gap per line in em of the line's type size (median, 95th percentile, max).
"""
import re
import statistics
import subprocess
import sys
import xml.etree.ElementTree as ET


def lines_of(pdf):
    out = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True, check=True)
    text = re.sub(r"<!DOCTYPE[^>]*>", "", out.stdout.decode("utf-8"))
    root = ET.fromstring(text.replace('xmlns="http://www.w3.org/1999/xhtml"', ""))
    for block in root.iter("block"):
        lines = list(block.iter("line"))
        if len(lines) < 3:
            continue
        right = float(block.get("xMax"))
        for ln in lines[:-1]:
            ws = list(ln.iter("word"))
            if len(ws) < 4 or abs(float(ln.get("xMax")) - right) > 0.5:
                continue
            yield ws


def main(pdfs):
    for pdf in pdfs:
        chars, gaps = [], []
        for ws in lines_of(pdf):
            chars.append(sum(len(w.text or "") for w in ws) + len(ws) - 1)
            # the type size from the box of a word: pdftotext's box is ascent + descent,
            # 1.362 em for Noto Sans
            size = (float(ws[0].get("yMax")) - float(ws[0].get("yMin"))) / 1.362
            g = [float(b.get("xMin")) - float(a.get("xMax")) for a, b in zip(ws, ws[1:])]
            gaps.append(statistics.mean(g) / size)
        if not chars:
            print(f"{pdf}: no justified lines")
            continue
        gaps.sort()
        p95 = gaps[min(len(gaps) - 1, int(0.95 * len(gaps)))]
        print(f"{pdf}: {len(chars)} justified lines, median {statistics.median(chars):.0f} "
              f"characters; gap median {statistics.median(gaps):.2f} em, 95th percentile "
              f"{p95:.2f} em, max {gaps[-1]:.2f} em")


if __name__ == "__main__":
    main(sys.argv[1:])
