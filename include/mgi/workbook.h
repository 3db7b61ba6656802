/* workbook.h — reading one sheet of a spreadsheet (.xlsx, .ods) as a table of text, and zip parts.
 */
#ifndef MGI_WORKBOOK_H
#define MGI_WORKBOOK_H

#include <stdbool.h>
#include <stddef.h>

#include "mgi/diag.h"
#include "mgi/error.h"

/*
 * The containers are read by libzip, the XML by expat, as a stream: memory
 * does not grow with a part's size. Cells are read as the user sees them:
 * shared strings, inline strings and rich-text runs joined (phonetic runs and
 * cell comments left out); numbers as text (an integral number without a
 * decimal point, others with at most 15 significant digits, as a spreadsheet
 * shows them in its General format); booleans as TRUE or FALSE; a formula as
 * its cached value; a number in a date format, and an ODS date, as
 * YYYY-MM-DD. ODS paragraphs in one cell are joined by a newline.
 *
 * The file is refused, with the file named and a reason, when it is not a
 * workbook: an OLE file (a password-protected workbook: "save it
 * unprotected"; an Excel 97-2003 .xls: "save it as .xlsx"), a zip file cut
 * short or damaged, an encrypted zip member, a member whose name leaves the
 * folder (/x, ../x), a part that inflates past MGI_WORKBOOK_MAX_PART bytes,
 * XML that is not well-formed or has a document type declaration (so that no
 * entity is ever declared, expanded or fetched), a cell with content below
 * row MGI_WORKBOOK_MAX_ROWS, a shared-string index out of range, a cell or
 * the shared strings over their limits.
 */

#define MGI_WORKBOOK_MAX_PART    (48u * 1024 * 1024) /* inflated bytes of one part */
#define MGI_WORKBOOK_MAX_ROWS    65536               /* rows of a sheet */
#define MGI_WORKBOOK_MAX_COLUMNS 256                 /* columns read; later ones are ignored */
#define MGI_WORKBOOK_MAX_CELL    (64 * 1024)         /* bytes of one cell's text */
#define MGI_WORKBOOK_MAX_TEXT    (16u * 1024 * 1024) /* bytes of all the strings kept */

/* What a file looks like from its first bytes (and its name). */
typedef enum mgi_workbook_kind {
    MGI_WORKBOOK_NONE, /* not a workbook: a CSV file, or something else */
    MGI_WORKBOOK_ZIP,  /* a zip file: .xlsx or .ods (or neither, which reading tells) */
    MGI_WORKBOOK_OLE,  /* an OLE compound file: .xls, or a password-protected workbook */
    MGI_WORKBOOK_NAMED /* named .xlsx, .xlsm, .ods or .xls but neither of the above */
} mgi_workbook_kind;

/* Looks at the first bytes of the file at path (and its extension). A file
 * that cannot be opened is MGI_WORKBOOK_NONE, for the CSV reader to report. */
mgi_workbook_kind mgi_workbook_sniff(const char *path);

/* A table read from one sheet: the header row (the first row with a cell
 * equal to the key column's name) and the rows below it that have any text
 * in a named column. Rows above the header (instructions) are left out. */
typedef struct mgi_sheet mgi_sheet;

/* Reads the sheet called one of names (a NULL-terminated list, compared
 * without regard to ASCII case or surrounding spaces) from the workbook at
 * path. key is a column name the header row must have (e.g. "indicator").
 * On success returns MGI_OK and *out, which the caller frees with
 * mgi_sheet_free. Otherwise *out is NULL, the problem is appended to diag
 * with path as the file (a missing sheet names the sheets found) and the
 * result is MGI_ERR_NOINPUT (no such file), MGI_ERR_IO (cannot read),
 * MGI_ERR_DATA (not a workbook, hostile, or no such sheet or header) or
 * MGI_ERR_NOMEM. */
mgi_error mgi_sheet_read(const char *path, const char *const *names, const char *key,
                         mgi_diag *diag, mgi_sheet **out);

/* The same for a workbook in memory (len bytes at buf); name is used in
 * diagnostics. The buffer must outlive the call only. */
mgi_error mgi_sheet_parse(const char *name, const void *buf, size_t len, const char *const *names,
                          const char *key, mgi_diag *diag, mgi_sheet **out);

/* Frees the table. Accepts NULL. */
void mgi_sheet_free(mgi_sheet *sheet);

/* The path given to mgi_sheet_read, and the sheet's name as the workbook
 * spells it. */
const char *mgi_sheet_path(const mgi_sheet *sheet);
const char *mgi_sheet_title(const mgi_sheet *sheet);

/* Number of columns (non-empty header cells) and of data rows. */
size_t mgi_sheet_ncols(const mgi_sheet *sheet);
size_t mgi_sheet_nrows(const mgi_sheet *sheet);

/* The header text of column col; the column whose header is name (ASCII
 * case-insensitive, surrounding spaces ignored), or -1. */
const char *mgi_sheet_name(const mgi_sheet *sheet, size_t col);
int mgi_sheet_find(const mgi_sheet *sheet, const char *name);

/* The text of data row row (0-based) in column col: never NULL ("" for an
 * empty cell), owned by the table. */
const char *mgi_sheet_cell(const mgi_sheet *sheet, size_t row, size_t col);

/* The sheet's own row number (1-based) of data row row. */
unsigned mgi_sheet_rownum(const mgi_sheet *sheet, size_t row);

/* Where the cell is, as a user finds it: "Entry!D12" (the sheet's name,
 * quoted as 'My sheet'!D12 when it is not a plain word). Writes at most
 * len bytes, NUL included, to buf and returns buf. */
char *mgi_sheet_where(const mgi_sheet *sheet, size_t row, size_t col, char *buf, size_t len);

/* ---------------------------------------------------------------- zip parts */

/* A zip file opened for reading its members, with the checks above (names,
 * encryption). */
typedef struct mgi_zip mgi_zip;

/* Opens the zip file at path, or len bytes at buf when path is NULL (name
 * is then used in messages). On failure returns an error with the reason in
 * why: MGI_ERR_NOINPUT, MGI_ERR_IO, MGI_ERR_DATA (not a whole zip file, or a
 * member named unsafely), MGI_ERR_NOMEM. */
mgi_error mgi_zip_open(const char *path, const void *buf, size_t len, mgi_zip **out, char *why,
                       size_t whylen);

/* Closes the zip file. Accepts NULL. */
void mgi_zip_close(mgi_zip *zip);

/* Number of members, and the name of member i (owned by the zip). */
size_t mgi_zip_count(const mgi_zip *zip);
const char *mgi_zip_name(const mgi_zip *zip, size_t i);

/* Whether a member is called name. */
bool mgi_zip_has(const mgi_zip *zip, const char *name);

/* Reads member name in pieces, each handed to fn (with ctx), inflating at
 * most max bytes: libzip checks each member's CRC and size. fn returns false
 * to stop (then the result is MGI_OK). Errors, with the reason in why:
 * MGI_ERR_DATA (no such member, damaged, encrypted, larger than max),
 * MGI_ERR_NOMEM. */
mgi_error mgi_zip_read(mgi_zip *zip, const char *name, size_t max,
                       bool (*fn)(const char *piece, size_t n, void *ctx), void *ctx, char *why,
                       size_t whylen);

#endif
