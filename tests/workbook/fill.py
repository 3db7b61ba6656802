#!/usr/bin/env python3
"""fill.py — fills a sheet as a researcher or a reviewer would, the same way in a workbook
(with openpyxl) and in a CSV file, so that the two paths can be compared.
usage: fill.py entry TEMPLATE.xlsx OUT.xlsx
       fill.py feedback ANNEX.xlsx OUT.xlsx
       fill.py feedback-csv FEEDBACK.csv OUT.csv"""
import csv
import sys

mode, src, dst = sys.argv[1:4]
ANSWERS = ["yes", "partial", "no", "na"]
FINDINGS = {
    3: "Every migrant can use the health centres; no papers asked.",
    4: 'A "quoted" name, ñandú and Ñuñoa — with a dash',
    5: "Two lines:\nthe second one",
    7: "  spaces around  ",
    9: "1.50",
}


def entry_values(row):
    """What the researcher types on a data row (2-based sheet row)."""
    v = {"answer": ANSWERS[row % 4]}
    if row in FINDINGS:
        v["finding_en"] = FINDINGS[row]
        v["source"] = "Municipal report %d" % (2000 + row)
    if row == 6:
        v["answer"] = " YES "  # case and spaces, as people type
        v["finding_es"] = "Hallazgo en español, con acentos: gestión"
    return v


def feedback_values(row):
    """What a reviewer writes on a row of the Feedback sheet."""
    if row == 3:
        return {"proposed_answer": "no", "comment": "Not in place yet", "reviewer": "Ana Pérez"}
    if row == 5:
        return {"proposed_finding": "Reviewed finding; now with a semicolon", "reviewer": "Luis"}
    if row == 8:
        return {"proposed_answer": "Partial", "proposed_finding": "Partly", "comment": "x",
                "reviewer": "Ana Pérez"}
    return {}


if mode in ("entry", "feedback"):
    import openpyxl
    wb = openpyxl.load_workbook(src)
    ws = wb.worksheets[0] if mode == "entry" else wb["Feedback"]
    head = {c.value: c.column for c in ws[1] if c.value}
    values = entry_values if mode == "entry" else feedback_values
    for row in range(2, ws.max_row + 1):
        for name, v in values(row).items():
            ws.cell(row=row, column=head[name], value=v)
    wb.save(dst)
elif mode == "feedback-csv":
    with open(src, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    head = {n: i for i, n in enumerate(rows[0])}
    for k, r in enumerate(rows[1:], start=2):
        for name, v in feedback_values(k).items():
            r[head[name]] = v
    with open(dst, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(rows)
else:
    sys.exit("fill.py: unknown mode " + mode)
