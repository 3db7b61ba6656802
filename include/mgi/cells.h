/* cells.h — checks of single cells of the data directory's CSV files: each reads a cell's text into
 * a value, or says at the cell what is wrong. */
#ifndef MGI_CELLS_H
#define MGI_CELLS_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "mgi/csv.h"
#include "mgi/dataset.h"
#include "mgi/diag.h"

/*
 * The data set's loader (dataset.c) describes each CSV file as a list of
 * columns, each with the check that reads its cells; these are the checks.
 * A check is given one cell's text, already trimmed of surrounding white
 * space ("" for an empty cell or a column the file does not have), and a
 * pointer to where the value goes, of the type each check names below. It
 * stores the value and returns true, or adds one error (or several, for the
 * lists of gcm and sdg) at the cell's file:line:col to the cell's diag and
 * returns false. An empty cell is never an error here: whether a column is
 * required is the loader's to say, and an empty cell gets the value the
 * check names (the column's default). Checks allocate nothing and keep no
 * state.
 */

typedef struct mgi_cell {
    const mgi_csv *csv; /* the table the cell is in */
    size_t row;         /* its data row (0-based), or MGI_CSV_HEADER */
    int col;            /* its column, -1 when the file has none (problems are
                         * then reported at the row's start) */
    const char *text;   /* trimmed; inside the cell, so that a position in it is
                         * a position in the file */
    const char *name;   /* the column's header name, as messages call it */
    mgi_diag *diag;     /* where problems go */
    void *ctx;          /* the caller's, for checks of its own; not used here */
} mgi_cell;

/* What every check is: it reads c->text into *value. */
typedef bool mgi_cell_check(const mgi_cell *c, void *value);

/* Adds a problem at the cell (printf-style message, no position in it). */
void mgi_cell_report(const mgi_cell *c, mgi_severity sev, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void mgi_cell_vreport(const mgi_cell *c, mgi_severity sev, const char *fmt, va_list ap);

/* Whether s is between min and max ASCII digits and nothing else. */
bool mgi_cell_digits(const char *s, size_t min, size_t max);

/* The years a data file may name, as dates may (date.h). */
enum { MGI_YEAR_MIN = 1900, MGI_YEAR_MAX = 2999 };

/* int *: a year of four digits, MGI_YEAR_MIN to MGI_YEAR_MAX ("" leaves the
 * value as it is). Errors (the value is then 0): year "22" is not a 4-digit
 * number; year "0000" is outside 1900 to 2999. */
mgi_cell_check mgi_cell_year;

/* long long *: a whole number ≥ 0 of at most 15 digits; "" is -1.
 * Error: NAME "1.5" is not a whole number (write digits only) (the value is
 * then -2). */
mgi_cell_check mgi_cell_count;

/* double *: a positive number, with a decimal point or a decimal comma
 * ("1.5", "1,5"), as Spanish-locale spreadsheets write it; "" is 1.
 * Error: weight "x" is not a positive number. */
mgi_cell_check mgi_cell_weight;

/* bool *: "1" (true), "0" or "" (false).
 * Error: NAME must be 1, 0 or empty, not "x". */
mgi_cell_check mgi_cell_flag;

/* unsigned *: a colour written #RRGGBB, as 0xRRGGBB ("" leaves it).
 * Error: colour "red" is not of the form #RRGGBB. */
mgi_cell_check mgi_cell_colour;

/* int *: a domain number, 1 to 6 ("" leaves it).
 * Error: domain number "7" must be 1 to 6. */
mgi_cell_check mgi_cell_domain_number;

/* const char **: the text, stored whatever it is; checked as a domain key:
 * lower-case letters, digits or '_'.
 * Error: domain key "Rights" must be lower-case letters, digits or '_'. */
mgi_cell_check mgi_cell_domain_key;

/* const char **: the text, stored whatever it is; checked as an indicator
 * id: 1 to 8 capital letters, '-', 1 to 4 digits ("MR-01").
 * Error: indicator id "mr1" must look like MR-01 (capital letters, '-', digits). */
mgi_cell_check mgi_cell_indicator_id;

/* const char **: the text, stored whatever it is; checked as a commune code,
 * which names output folders: letters, digits, '-' and '_', at most 64.
 * Error: commune code "../x" is not safe as a file name (use only letters,
 * digits, '-' and '_', at most 64). */
mgi_cell_check mgi_cell_commune_code;

/* const char **: a name people will read in a spreadsheet (a commune's name,
 * region, country): stored; a name that begins as a formula would (=, +, -,
 * @, tab, CR) gets a warning, and the check still succeeds.
 * Warning: "=x" begins as a spreadsheet formula would; the CSV files mgi
 * writes put an apostrophe before it. */
mgi_cell_check mgi_cell_name;

/* const char **: an indicator's short label, stored; at most MGI_LABEL_MAX
 * characters. Error: NAME has 72 characters; a short label has at most 60
 * (the question is printed where there is room). */
mgi_cell_check mgi_cell_label;

/* mgi_seal_status *: a seal status key (sealterms.h); "" is MGI_SEAL_UNKNOWN.
 * Error: unknown seal_status "x" (use none, candidate, granted, revalidated
 * or lapsed). */
mgi_cell_check mgi_cell_seal_status;

/* int *: a seal dimension key (sealterms.h); "" is -1.
 * Error: unknown seal_dimension "x" (use institutions, training, policies,
 * regular_status, associativity or leave it empty). */
mgi_cell_check mgi_cell_seal_dimension;

/* mgi_date *: a date YYYY-MM-DD, a real day; "" is MGI_NODATE.
 * Error: NAME "2023-02-29" is not a date (YYYY-MM-DD, a day of that month). */
mgi_cell_check mgi_cell_date;

/* mgi_gcm_set *: a gcm list (gcm.h, mgi_gcm_parse); "" is no objective.
 * Each problem is reported at its own column inside the cell. */
mgi_cell_check mgi_cell_gcm;

/* mgi_indicator *: its sdg and nsdg, from an sdg list (gcm.h,
 * mgi_sdg_parse); "" is none. Each problem at its own column in the cell. */
mgi_cell_check mgi_cell_sdg;

/* mgi_answer *: an answer (mgi_answer_parse: yes, partial, no, na in any
 * case); "" is MGI_ANSWER_MISSING.
 * Error: unknown answer "si" (use yes, partial, no or na). */
mgi_cell_check mgi_cell_answer;

#endif
