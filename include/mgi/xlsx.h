/* xlsx.h — the Excel annex of a profile and the comparison workbook (libxlsxwriter). */
#ifndef MGI_XLSX_H
#define MGI_XLSX_H

#include <time.h>

#include "mgi/assess.h"
#include "mgi/date.h"
#include "mgi/strings.h"
#include "mgi/view.h"

/*
 * annex.xlsx, for one commune and year:
 *   Indicators  every indicator: id, domain, sub-area, question, answer (a
 *               drop-down list: yes, partial, no, na; coloured by answer),
 *               score (a formula of the answer), weight, COVID-19 flag,
 *               finding, source, and two helper columns (weighted score,
 *               answered weight); frozen header, filters, wrapped text.
 *   Domains     per domain: score, coverage, level and the insufficient flag
 *               as formulas over Indicators (SUMIFS, so na and weights count
 *               as in mgi), each stored with the value mgi computed so that
 *               viewers that do not recalculate show the right number; a
 *               radar chart and a bar chart of the scores.
 *   Trend       the domain scores of every assessment year, and a line
 *               chart (only when the commune has an earlier year).
 *   About       commune, year, figures and sources, method parameters,
 *               generation date.
 *
 * comparison.xlsx, for the communes compared (view.h): a sheet of communes ×
 * domains (scores, overall, ranks, change since each commune's previous
 * year), a median row, a colour scale; then, when the data says anything
 * about Chile's Migrant Seal (mgi_seal_relevant for a commune of the year),
 * a sheet "Migrant Seal" with a row per commune in the same order: status in
 * words, since, last review and revalidation due as dates, a flag when the
 * revalidation is overdue or due within six months of as_of (those rows are
 * coloured by conditional formats over the due date), and for candidates the
 * readiness score per dimension ("–" when insufficient), with the as-of day
 * in a note below; then a sheet per domain with the answers of every commune
 * side by side.
 *
 * Text from the data is always written as text, never as a formula, even
 * when it starts with =, +, -, @. Dates come from date, so that the same
 * inputs give the same bytes. Files are written atomically.
 *
 * Memory: an annex and a template are held whole until written. The
 * comparison workbook and the practice directory, which grow with the
 * communes, are written row by row (libxlsxwriter's constant_memory, cells as
 * inline strings rather than shared strings: the same cells to a reader),
 * through unnamed scratch files in the output's directory (mgi_scratch), so
 * that they need room on its disk for about twice their sheets' XML while
 * they are zipped; a scratch file that cannot be written fails the workbook
 * like a write of the workbook itself.
 * Errors: MGI_ERR_CANTCREAT, MGI_ERR_IO, MGI_ERR_NOMEM (reported in diag).
 */

mgi_error mgi_xlsx_annex(const char *path, const mgi_assessment *a, const mgi_result *r,
                         const mgi_strings *strings, int lang, time_t date, mgi_diag *diag);

/* The annex of a draft for consultation: every sheet's printed header says
 * DRAFT and the version, and a Feedback sheet holds the comment sheet's
 * columns (see feedback.h), pre-filled, to fill in. */
mgi_error mgi_xlsx_annex_draft(const char *path, const mgi_assessment *a, const mgi_result *r,
                               const mgi_strings *strings, int lang, time_t date,
                               const char *version, mgi_diag *diag);

/* The comparison workbook of the communes compared (view.h), in their order:
 * sheet Communes (code, name, region, the year of the assessment compared,
 * domain and overall scores, rank among the communes compared and, for one
 * year's communes, its interval; the previous assessment's year and the
 * signed changes since it; the medians; a note saying what is compared),
 * the Migrant Seal, a sheet per domain, and the rank sensitivity (one year). */
mgi_error mgi_xlsx_comparison(const char *path, const mgi_view *v, const mgi_strings *strings,
                              int lang, time_t date, mgi_date as_of, mgi_diag *diag);

/* The practice directory (OUT/practices.xlsx): sheet Practices with one row
 * per indicator × commune whose latest assessment answers yes (domain,
 * indicator, question, commune, region, year, finding, source, profile
 * folder), in catalogue order then commune name, with autofilter and frozen
 * header; COVID-19 annex questions are left out. Sheet "Common gaps" with
 * the view's common gaps (view.h, mgi_practice_gaps): indicator, domain, question, no, partial,
 * answered, and "improved of had_gap" as text (empty when no commune had
 * the gap before). Sheet names are the language's (practices.sheet,
 * practices.gaps_sheet). */
mgi_error mgi_xlsx_practices(const char *path, const mgi_view *v, const mgi_strings *strings,
                             int lang, time_t date, mgi_diag *diag);

/* The data-entry workbook of one commune and year (mgi template): sheet Entry
 * with one row per indicator (commune, year, indicator, domain, area,
 * question_en, question_es, answer with a yes/partial/no/na list, finding_en,
 * finding_es, source — pre-filled with what the data already holds), the
 * commune's figures, and instructions. Saved as CSV, the Entry sheet is what
 * mgi merge reads. commune is an index into ds->communes. */
mgi_error mgi_xlsx_template(const char *path, const mgi_dataset *ds, size_t commune, int year,
                            const mgi_strings *strings, int lang, time_t date, mgi_diag *diag);

#endif
