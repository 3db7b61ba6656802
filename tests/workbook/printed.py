"""printed.py — what the print checks share (cmpprint.py, entryprint.py): a workbook's PDF as
LibreOffice prints it, read page by page with poppler, the words of strings.ini, failures."""
import re
import statistics
import subprocess


def run(*args):
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def strings(path, lang):
    """The words of one language of layouts/strings.ini, by key."""
    out, section = {}, None
    for line in open(path, encoding='utf-8'):
        line = line.strip()
        if line.startswith('['):
            section = line.strip('[]')
        elif section == lang and ' = ' in line and not line.startswith(';'):
            k, v = line.split(' = ', 1)
            out[k] = v
    return out


class Pdf:
    def __init__(self, path):
        self.path, self.fails = path, 0
        info = run('pdfinfo', path)
        self.n = int(re.search(r'Pages:\s+(\d+)', info).group(1))
        self.width = float(re.search(r'Page size:\s+([\d.]+)', info).group(1))

    def fail(self, msg):
        print(f'FAIL: {self.path}: {msg}')
        self.fails += 1

    def text(self, i):
        """Page i's words on one line, in the order LibreOffice draws them (a cell's lines
        one after another), "Whole-of-" wrapped before "government" joined again."""
        raw = run('pdftotext', '-raw', '-f', str(i), '-l', str(i), self.path, '-')
        return ' '.join(raw.replace('-\n', '-').split())

    def words(self, i):
        """Page i's words as (xMin, yMin, xMax, yMax)."""
        return [tuple(map(float, m)) for m in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">',
            run('pdftotext', '-bbox', '-f', str(i), '-l', str(i), self.path, '-'))]

    @staticmethod
    def scale(words):
        """The print scale of these words: at 100 % a word's box is about 11.2 points high
        (Carlito at 11 points)."""
        return statistics.median(w[3] - w[1] for w in words) / 11.18 if words else 1

    def marks(self, i, who, page_of):
        """Page i says who it is about and "Page i of n" (page_of: strings.ini's form)."""
        flat = self.text(i)
        of = page_of.replace('&P', str(i)).replace('&N', str(self.n))
        if who not in flat or of not in flat:
            self.fail(f'page {i} does not say "{who}" and "{of}"')
        return flat
