/* feedback.h — the consultation round-trip: comment sheets out, reviewed answers back in. */
#ifndef MGI_FEEDBACK_H
#define MGI_FEEDBACK_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "mgi/dataset.h"

/*
 * The comment sheet of a draft (feedback.csv, UTF-8 with a byte-order mark so
 * that spreadsheets open it as UTF-8) has one row per indicator:
 *
 *   commune,year,indicator,lang,question,current_answer,current_finding,
 *   proposed_answer,proposed_finding,comment,reviewer
 *
 * Reviewers fill the last four columns (several reviewers may send several
 * sheets, or add rows). mgi_feedback_apply then checks every row — unknown
 * commune, year or indicator, an answer other than yes/partial/no/na, a
 * language other than en/es, two different proposals for the same answer
 * or finding (reported at the second, naming the line of the first) — each
 * at its file:line:col, and changes nothing when there is any error.
 * Otherwise it rewrites DATA/responses.csv atomically with the proposed
 * answers and findings (the file's delimiter and columns are kept; a
 * finding column is added when missing), keeps the previous file as
 * responses.csv.bak, and appends one line per changed value to
 * DATA/changelog.csv (when, reviewer, commune, year, indicator, field, old,
 * new, comment). Proposals equal to the current data change nothing, so
 * applying the same sheet twice changes nothing the second time.
 */

/* The comment sheet's columns, in this order: the draft annex's Feedback sheet
 * (xlsx.c), feedback.csv (mgi_feedback_write) and the reader of both
 * (mgi_feedback_apply) use this one list. */
enum {
    MGI_FB_COMMUNE,
    MGI_FB_YEAR,
    MGI_FB_INDICATOR,
    MGI_FB_LANG,
    MGI_FB_QUESTION,
    MGI_FB_CURRENT_ANSWER,
    MGI_FB_CURRENT_FINDING,
    MGI_FB_PROPOSED_ANSWER,
    MGI_FB_PROPOSED_FINDING,
    MGI_FB_COMMENT,
    MGI_FB_REVIEWER,
    MGI_FB_NCOLS
};
extern const char *const mgi_feedback_columns[MGI_FB_NCOLS];

/* DATA/changelog.csv's columns, in this order: its writer (mgi_feedback_apply)
 * and its reader (dataset.c) use this one list. */
enum {
    MGI_LOG_WHEN,
    MGI_LOG_REVIEWER,
    MGI_LOG_COMMUNE,
    MGI_LOG_YEAR,
    MGI_LOG_INDICATOR,
    MGI_LOG_FIELD,
    MGI_LOG_OLD,
    MGI_LOG_NEW,
    MGI_LOG_COMMENT,
    MGI_LOG_NCOLS
};
extern const char *const mgi_changelog_columns[MGI_LOG_NCOLS];

/* Writes the comment sheet of round rd of commune cm, in language lang, to
 * path atomically. Errors: MGI_ERR_CANTCREAT, MGI_ERR_IO. */
mgi_error mgi_feedback_write(const char *path, const mgi_dataset *ds, const mgi_commune *cm,
                             const mgi_round *rd, int lang, mgi_diag *diag);

/* Applies the sheet at feedback_path to the data directory ds was loaded
 * from. Describes each change on report (one line each; may be NULL); with
 * dry_run nothing is written. when is the time written into the change log.
 * *nchanges receives the number of values changed. Errors: MGI_ERR_NOINPUT,
 * MGI_ERR_DATA (the sheet has errors; nothing written), MGI_ERR_CANTCREAT,
 * MGI_ERR_IO, MGI_ERR_NOMEM — all reported in diag. */
mgi_error mgi_feedback_apply(const mgi_dataset *ds, const char *feedback_path, bool dry_run,
                             time_t when, FILE *report, mgi_diag *diag, size_t *nchanges);

/* Merges a data-entry sheet (from mgi template, saved as CSV by a spreadsheet:
 * ',' or ';', BOM and CRLF are fine) into DATA/responses.csv: columns
 * commune, year, indicator, answer (required), finding_en, finding_es, source.
 * Rows without an answer are skipped (not filled in yet); a row's answer,
 * findings and source replace the data's. Checks as mgi_feedback_apply (a new
 * assessment year is allowed; an indicator twice in the sheet is an error),
 * writes atomically with the backup responses.csv.bak, and no change log.
 * Merging the same sheet again changes nothing. */
mgi_error mgi_feedback_merge(const mgi_dataset *ds, const char *entry_path, bool dry_run,
                             FILE *report, mgi_diag *diag, size_t *nchanges);

#endif
