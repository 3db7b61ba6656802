/* csv.h — the CSV reader: RFC 4180 and spreadsheet exports, with positions. */
#ifndef MGI_CSV_H
#define MGI_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "mgi/diag.h"
#include "mgi/error.h"

/*
 * Reads a whole CSV file into a table of NUL-terminated UTF-8 cells, keeping
 * the line and column where every cell starts so that later stages can point
 * at it. Parsing is done by libcsv in strict mode; this module adds what
 * libcsv does not do:
 *
 *  - the delimiter is ',' or ';', decided by the header line (';' when the
 *    header has ';' and no ',' outside quotes, as Spanish-locale Excel
 *    writes); a header mixing both is an error;
 *  - a UTF-8 byte-order mark at the very start is skipped; CRLF, LF and a
 *    missing final newline are all fine; blank lines are skipped; quoted
 *    fields may hold delimiters, doubled quotes and newlines (CRLF inside a
 *    quoted field becomes LF); spaces and tabs around unquoted fields are
 *    trimmed;
 *  - errors, each at its line and column: bytes that are not UTF-8 (with a
 *    hint to re-save as UTF-8), UTF-16 files, NUL bytes, a BOM after the
 *    start, a quote inside an unquoted field or text after a closing quote,
 *    an unterminated quote (reported where the quote opens), a field longer
 *    than MGI_CSV_MAX_FIELD bytes, more than MGI_CSV_MAX_COLUMNS columns,
 *    empty or duplicate column names, and rows with more fields than the
 *    header (every such row is reported);
 *  - a row with fewer fields than the header gets its missing trailing cells,
 *    empty and marked (mgi_csv_missing), as spreadsheet tools and pandas read
 *    it: the reader, who knows which columns are optional, decides whether a
 *    missing cell is an error.
 *
 * Time is linear in the size of the file. A table takes about twice the
 * file's size in memory; mgi_csv_stream reads a file of any size in the
 * memory of one row.
 */

#define MGI_CSV_MAX_FIELD   (64 * 1024)
#define MGI_CSV_MAX_COLUMNS 256
#define MGI_CSV_MAX_FILE    (512u * 1024 * 1024)

/* Row index of the header line, for mgi_csv_where. */
#define MGI_CSV_HEADER ((size_t)-1)

typedef struct mgi_csv mgi_csv;

/* Reads the file at path. On success returns MGI_OK and *out, which the
 * caller frees with mgi_csv_free. Otherwise *out is NULL, the problems are
 * appended to diag (with path as the file name) and the result is
 * MGI_ERR_NOINPUT (no such file, or a directory), MGI_ERR_IO (cannot read),
 * MGI_ERR_DATA (the content is not valid CSV) or MGI_ERR_NOMEM. */
mgi_error mgi_csv_read(const char *path, mgi_diag *diag, mgi_csv **out);

/* The same for a buffer already in memory; name is used in diagnostics. */
mgi_error mgi_csv_parse(const char *name, const char *buf, size_t len, mgi_diag *diag,
                        mgi_csv **out);

/* What a streaming reader is given. */
typedef struct mgi_csv_handler {
    /* Called once, after the header line, when it has no errors: the
     * columns are known (mgi_csv_ncols, mgi_csv_name, mgi_csv_find), there
     * is no row yet. May be NULL. Returning false means no rows are wanted. */
    bool (*header)(const mgi_csv *csv, void *ctx);
    /* Called for each data row whose number of fields is the header's, in
     * file order: the row is row 0 of csv (mgi_csv_nrows gives 1) and its
     * cells, which the handler may change (mgi_csv_cell_mut), last until the
     * call returns. Returning false means no more rows are wanted. */
    bool (*row)(mgi_csv *csv, void *ctx);
} mgi_csv_handler;

/* Reads the open file fd (from offset 0; the caller keeps and closes fd)
 * like mgi_csv_read, but hands each row to handler instead of keeping it,
 * so that memory does not grow with the file. name is used in diagnostics.
 * The whole file is read and every problem reported even after the handler
 * wants no more rows. Rows before a problem have been handed over when the
 * result is MGI_ERR_DATA. Errors as for mgi_csv_read. */
mgi_error mgi_csv_stream(int fd, const char *name, const mgi_csv_handler *handler, void *ctx,
                         mgi_diag *diag);

/* Frees the table. Accepts NULL. */
void mgi_csv_free(mgi_csv *csv);

/* Writes s as one CSV field for a file separated by delim: as it is, or in
 * double quotes (inner quotes doubled) when it holds delim, a quote, a line
 * end, or leading or trailing spaces that a reader would otherwise trim. */
void mgi_csv_write_field(FILE *f, const char *s, char delim);

/* Text from the data as a field of a CSV file that people open in a
 * spreadsheet (assessment.csv, mgi assess, feedback.csv): as
 * mgi_csv_write_field, but a text that starts with =, +, -, @, a tab or a
 * carriage return gets an apostrophe before it, so that no spreadsheet runs
 * it as a formula (OWASP, "CSV Injection"). Numbers are not written through
 * it: a negative number stays a number. Data files that mgi reads back
 * (responses.csv, changelog.csv) keep their text as it is. */
void mgi_csv_write_text(FILE *f, const char *s, char delim);

/* Does s start as a spreadsheet formula would (=, +, -, @, tab, CR)? */
bool mgi_csv_formula_like(const char *s);

/* The file name given to mgi_csv_read or mgi_csv_parse. */
const char *mgi_csv_path(const mgi_csv *csv);

/* A 64-bit FNV-1a hash of the file's bytes (for draft version labels). */
unsigned long long mgi_csv_hash(const mgi_csv *csv);

/* The delimiter found in the header line: ',' or ';'. */
char mgi_csv_delimiter(const mgi_csv *csv);

/* Number of columns (header fields) and of data rows (the header excluded). */
size_t mgi_csv_ncols(const mgi_csv *csv);
size_t mgi_csv_nrows(const mgi_csv *csv);

/* The name of column col, as written in the header. */
const char *mgi_csv_name(const mgi_csv *csv, size_t col);

/* The column whose header is name (ASCII case-insensitive), or -1. */
int mgi_csv_find(const mgi_csv *csv, const char *name);

/* The cell at data row row (0-based) and column col: NUL-terminated, owned by
 * the table, never NULL ("" for an empty cell). */
const char *mgi_csv_cell(const mgi_csv *csv, size_t row, size_t col);
size_t mgi_csv_cell_len(const mgi_csv *csv, size_t row, size_t col);

/* The same cell, writable: for an owner that keeps the table and trims its
 * text in place rather than copying it (the data set does). */
char *mgi_csv_cell_mut(mgi_csv *csv, size_t row, size_t col);

/* Whether the row was too short to have this cell (an empty cell added at
 * the row's start position), and how many fields the row had. */
bool mgi_csv_missing(const mgi_csv *csv, size_t row, size_t col);
size_t mgi_csv_row_fields(const mgi_csv *csv, size_t row);

/* Where the cell's field is in the file (or buffer) that was read: the
 * offset of its first byte and its length in bytes, surrounding spaces and
 * quotes included; mgi_csv_unquote turns those bytes into the cell's text.
 * Lets a reader keep a big text's place instead of the text. */
void mgi_csv_span(const mgi_csv *csv, size_t row, size_t col, size_t *off, size_t *len);

/* The text of a field from its bytes (as mgi_csv_span places them in a file
 * read without error): the same text mgi_csv_cell gave, not NUL-terminated.
 * Writes at most len bytes to out and returns how many. */
size_t mgi_csv_unquote(const char *raw, size_t len, char *out);

/* The 1-based line and column (in characters) where the cell starts; row may
 * be MGI_CSV_HEADER for a header cell. */
void mgi_csv_where(const mgi_csv *csv, size_t row, size_t col, unsigned *line, unsigned *column);

#endif
