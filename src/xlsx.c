/* xlsx.c — the annex and comparison workbooks, with live formulas and native charts. */
#include "mgi/xlsx.h"
#include "mgi/robust.h"
#include "mgi/uncertainty.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "mgi/arena.h"
#include "mgi/charts.h"
#include "mgi/feedback.h"
#include "mgi/lxw.h"
#include "mgi/mdhtml.h"
#include "mgi/output.h"
#include "mgi/practice.h"
#include "mgi/gcm.h"
#include "mgi/seal.h"
#include "mgi/utf8.h"

typedef struct book {
    lxw_workbook *wb;
    const mgi_strings *strings;
    int lang;
    lxw_format *head, *wrap, *text, *num, *pct, *bold, *note, *grey, *yes, *partial, *no, *na;
    lxw_format *signed_num; /* changes: +0.05, -0.10 */
    lxw_format *thousands;  /* 404,495 */
    lxw_format *none;       /* "–" for no score, where the numbers stand */
    lxw_format *flag;       /* a weight or a 0/1 flag in a narrow column, centred */
    lxw_error err;
    int errnum;   /* with err: the system's reason, when there is one */
    bool by_rows; /* written row by row, through scratch */
    mgi_scratch scratch;
    const mgi_dataset *ds; /* where the texts of responses come from */
    mgi_arena *texts;      /* what rtext read, until rtext_reset */
    /* The widths of the sheet being written, as column() set them: what
     * print_pages lays the printed pages out by. */
    lxw_worksheet *cols_ws;
    double *colw;
    int ncolw, capcolw;
    int note_from, note_to; /* where note() writes on it: print_pages's first page */
} book;

static const char *S(const book *b, const char *key)
{
    return mgi_strings_get(b->strings, b->lang, key);
}

static void keep(book *b, lxw_error e)
{
    if (e != LXW_NO_ERROR && b->err == LXW_NO_ERROR)
        b->err = e;
}

/* Text is always written as a string, so "=HYPERLINK(…)" from the data is
 * shown as typed and never runs (CSV/formula injection). */
static void text(book *b, lxw_worksheet *ws, int row, int col, const char *s, lxw_format *f)
{
    if (s && *s)
        keep(b, worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, s, f));
}

static void number(book *b, lxw_worksheet *ws, int row, int col, double x, lxw_format *f)
{
    if (!isnan(x))
        keep(b, worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, x, f));
}

static void formula(book *b, lxw_worksheet *ws, int row, int col, const char *fml, lxw_format *f,
                    double cached)
{
    if (isnan(cached))
        keep(b, worksheet_write_formula_str(ws, (lxw_row_t)row, (lxw_col_t)col, fml, f, ""));
    else
        keep(b, worksheet_write_formula_num(ws, (lxw_row_t)row, (lxw_col_t)col, fml, f, cached));
}

static lxw_format *fmt(book *b)
{
    return workbook_add_format(b->wb);
}

/* A new sheet, or NULL. Row by row, libxlsxwriter opens the sheet's scratch
 * file here: a NULL with errno set is that file failing (kept in err, with
 * the reason), or no memory; without errno, a name Excel does not allow. */
static lxw_worksheet *sheet(book *b, const char *name)
{
    mgi_lxw_hush h = mgi_lxw_hush_begin();
    errno = 0;
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);
    int e = errno;
    mgi_lxw_hush_end(h);
    errno = e;
    if (!ws && errno && b->err == LXW_NO_ERROR) {
        b->err = errno == ENOMEM ? LXW_ERROR_MEMORY_MALLOC_FAILED : LXW_ERROR_CREATING_TMPFILE;
        b->errnum = errno;
    }
    return ws;
}

/* The height of a row; kept, as a row above the one in progress is an error
 * row by row. */
static void height(book *b, lxw_worksheet *ws, int row, double h)
{
    keep(b, worksheet_set_row(ws, (lxw_row_t)row, h, NULL));
}

/* A workbook to be written to out: held whole in memory until close_book, its
 * parts packed through memory files, or, with by_rows, written row by row
 * (libxlsxwriter's constant_memory) through scratch files next to out. Row by
 * row, every sheet must be written top to bottom: a cell or a row height
 * above the row in progress fails with LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE
 * (kept in err, so the book fails rather than lose it); strings are stored in
 * the cells (inline strings), not in a shared strings table; and the library
 * cannot read the cells back, which native charts over the data would need
 * (none of these books has one). ds: where rtext reads texts of responses
 * from (NULL: none are read). */
static mgi_error open_book(book *b, const mgi_output *out, bool by_rows, const mgi_dataset *ds,
                           const mgi_strings *strings, int lang)
{
    memset(b, 0, sizeof *b);
    b->ds = ds;
    b->strings = strings;
    b->lang = lang;
    if (mgi_scratch_init(&b->scratch, by_rows ? out->path : NULL) != MGI_OK)
        return MGI_ERR_NOMEM;
    b->by_rows = by_rows;
    mgi_lxw_scratch(&b->scratch);
    lxw_workbook_options opt = {.constant_memory = by_rows ? LXW_TRUE : LXW_FALSE,
                                .tmpdir = by_rows ? b->scratch.dir : NULL};
    b->wb = workbook_new_opt(out->tmp, &opt);
    if (!b->wb) {
        mgi_lxw_scratch(NULL);
        mgi_scratch_free(&b->scratch);
        return MGI_ERR_NOMEM;
    }
    b->head = fmt(b);
    format_set_bold(b->head);
    format_set_bg_color(b->head, 0xDCE6F1);
    format_set_bottom(b->head, LXW_BORDER_THIN);
    format_set_text_wrap(b->head);
    format_set_align(b->head, LXW_ALIGN_VERTICAL_TOP);
    b->wrap = fmt(b);
    format_set_text_wrap(b->wrap);
    format_set_align(b->wrap, LXW_ALIGN_VERTICAL_TOP);
    b->text = fmt(b);
    format_set_align(b->text, LXW_ALIGN_VERTICAL_TOP);
    b->num = fmt(b);
    format_set_num_format(b->num, "0.00");
    format_set_align(b->num, LXW_ALIGN_VERTICAL_TOP);
    b->flag = fmt(b);
    format_set_align(b->flag, LXW_ALIGN_CENTER); /* not flush against the text beside it */
    format_set_align(b->flag, LXW_ALIGN_VERTICAL_TOP);
    b->none = fmt(b);
    format_set_align(b->none, LXW_ALIGN_RIGHT);
    format_set_align(b->none, LXW_ALIGN_VERTICAL_TOP);
    format_set_font_color(b->none, 0x8A8A8A);
    b->thousands = fmt(b);
    format_set_num_format(b->thousands, "#,##0");
    format_set_align(b->thousands, LXW_ALIGN_LEFT);
    b->signed_num = fmt(b);
    format_set_num_format(b->signed_num, "+0.00;-0.00;0.00");
    format_set_align(b->signed_num, LXW_ALIGN_VERTICAL_TOP);
    b->pct = fmt(b);
    format_set_num_format(b->pct, "0%");
    format_set_align(b->pct, LXW_ALIGN_VERTICAL_TOP);
    b->bold = fmt(b);
    format_set_bold(b->bold);
    b->note = fmt(b);
    format_set_italic(b->note);
    format_set_text_wrap(b->note);
    format_set_align(b->note, LXW_ALIGN_VERTICAL_TOP);
    format_set_font_color(b->note, 0x5F6B76);
    b->grey = fmt(b);
    format_set_num_format(b->grey, "0.00");
    format_set_italic(b->grey);
    format_set_font_color(b->grey, 0x8A8A8A);
    format_set_align(b->grey, LXW_ALIGN_VERTICAL_TOP); /* level with the scores beside it */
    static const unsigned fills[4] = {0xC6EFCE, 0xFFEB9C, 0xFFC7CE, 0xEDEDED};
    lxw_format **slots[4] = {&b->yes, &b->partial, &b->no, &b->na};
    for (int i = 0; i < 4; i++) {
        *slots[i] = fmt(b);
        format_set_bg_color(*slots[i], fills[i]);
    }
    return MGI_OK;
}

/* The arena for texts read back, made at the first one (a book that reads
 * none has none to free on its early error paths). */
static mgi_arena *texts(book *b)
{
    if (!b->texts && !(b->texts = mgi_arena_new()))
        b->err = LXW_ERROR_MEMORY_MALLOC_FAILED;
    return b->texts;
}

/* Text t of a response (dataset.h), and the finding in lang or else the
 * other language: until rtext_reset or the book's close; a failure shows at
 * close_book (mgi_dataset_check). */
static const char *rtext(book *b, const mgi_response *r, int t)
{
    return texts(b) ? mgi_response_text(b->ds, r, t, b->texts) : "";
}

static const char *rfinding(book *b, const mgi_response *r, int lang)
{
    return texts(b) ? mgi_response_finding(b->ds, r, lang, b->texts) : "";
}

/* Inline Markdown (a finding, a question) as the PDF shows its words
 * (mdhtml.h: no marks), kept with the texts read; "" when memory runs out (the
 * book's error then). */
static const char *md_plain(book *b, const char *md)
{
    char *plain = NULL;
    if (!md || !*md || !texts(b))
        return "";
    if (!strpbrk(md, "*_`[]<\\&!")) /* no Markdown mark: kept exactly as written */
        return md;
    if (mgi_markdown_plain(md, &plain) != MGI_OK) {
        b->err = LXW_ERROR_MEMORY_MALLOC_FAILED;
        return "";
    }
    char *kept = mgi_arena_strdup(b->texts, plain);
    free(plain);
    if (!kept)
        b->err = LXW_ERROR_MEMORY_MALLOC_FAILED;
    return kept ? kept : "";
}

static const char *rfinding_plain(book *b, const mgi_response *r, int lang)
{
    return md_plain(b, rfinding(b, r, lang));
}

/* Frees what rtext has read: libxlsxwriter has its own copies. */
static void rtext_reset(book *b)
{
    mgi_arena_reset(b->texts);
}

static void properties(book *b, const char *title, const char *subject, time_t date)
{
    lxw_doc_properties p = {.title = (char *)title,
                            .subject = (char *)subject,
                            .author = "mgi",
                            .company = "",
                            .keywords = "Local MGI, migration governance, SDG 10.7.2",
                            .comments = "Written by mgi " MGI_VERSION,
                            /* libxlsxwriter takes created = 0 for "not set" and
                             * writes the current time: the epoch itself (a pinned
                             * SOURCE_DATE_EPOCH=0) becomes one second after it. */
                            .created = date ? date : 1};
    keep(b, workbook_set_properties(b->wb, &p));
    keep(b, workbook_set_custom_property_string(b->wb, "Language", mgi_lang_code(b->lang)));
}

/* Printing: A4 landscape, one page wide, the header row on every page. */
/* Lines a text needs in a column of width characters (spreadsheets do not
 * grow rows to wrapped text by themselves when they open a file). */
static int lines_for(const char *s, double width)
{
    if (!s || !*s)
        return 1;
    double chars = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        chars += (*p & 0xC0) != 0x80;
    int n = (int)ceil(chars / (width - 1)); /* prose runs narrower than the '0' a width counts */
    return n < 1 ? 1 : n;
}

/* The width of columns first to last, in Excel's characters (of the digit
 * '0' in Calibri 11), kept for print_pages. */
static void column(book *b, lxw_worksheet *ws, int first, int last, double width)
{
    keep(b, worksheet_set_column(ws, (lxw_col_t)first, (lxw_col_t)last, width, NULL));
    if (b->cols_ws != ws) {
        b->cols_ws = ws;
        b->ncolw = b->note_from = b->note_to = 0;
    }
    if (last >= b->capcolw) {
        int cap = last + 64;
        double *w = realloc(b->colw, (size_t)cap * sizeof *w);
        if (!w) {
            keep(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
            return;
        }
        b->colw = w;
        b->capcolw = cap;
    }
    for (; b->ncolw <= last; b->ncolw++)
        b->colw[b->ncolw] = LXW_DEF_COL_WIDTH;
    for (int c = first; c <= last; c++)
        b->colw[c] = width;
}

/* A column's printed width in points at 100 %, as Excel sizes it: 7 pixels a
 * character and 5 of padding, 0.75 point a pixel (libxlsxwriter's
 * _worksheet_size_col). */
static double column_points(double width)
{
    int px = width < 1 ? (int)(width * 12 + 0.5) : (int)(width * 7 + 0.5) + 5;
    return 0.75 * px;
}

enum {
    PRINT_MIN_SCALE = 80 /* %: below it, a part prints on pages side by side */
};
/* A4 landscape less margins of 0.4 inch at each side, in points, less what
 * LibreOffice adds: it prints a column 6 % wider than Excel's pixels say
 * (measured on its PDF of a comparison workbook), and 2 % for rounding. */
#define PRINT_WIDTH ((841.89 - 2 * 0.4 * 72) * 0.98 / 1.06)

/* Cuts the columns [from, to) of a part into as few pages as hold them at
 * 80 %, each with about the same share of the part's width, so that no page
 * is left with a column or two. Appends the columns that begin a page to
 * cuts; returns the widest page, in points at 100 %, with the kept columns. */
static double cut_part(const double *w, int from, int to, double kept, lxw_col_t *cuts, int *ncuts)
{
    double room = PRINT_WIDTH * 100 / PRINT_MIN_SCALE - kept, used = 0, total = 0;
    int k = 1;
    for (int c = from; c < to; c++) {
        double cw = column_points(w[c]);
        if (c > from && used + cw > room) {
            k++;
            used = 0;
        }
        used += cw;
        total += cw;
    }
    double widest = 0, page = 0, done = 0;
    for (int c = from, j = 1; c < to; c++) {
        double cw = column_points(w[c]);
        if (c > from && done + cw / 2 > total * j / k && *ncuts < LXW_BREAKS_MAX) {
            cuts[(*ncuts)++] = (lxw_col_t)c;
            j++;
            widest = page > widest ? page : widest;
            page = 0;
        }
        page += cw;
        done += cw;
    }
    return (page > widest ? page : widest) + kept;
}

static void print_setup(lxw_worksheet *ws, bool header)
{
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);
    worksheet_fit_to_pages(ws, 1, 0);
    if (header)
        worksheet_repeat_rows(ws, 0, 0);
}

/* Prints the sheet being written (its widths from column()) on A4 landscape,
 * its header row repeated on every page. The first keep_cols columns, which
 * say whose a row is, are printed on every page; the others in parts, each
 * beginning a page: from keep_cols up to the first column of parts (ascending,
 * ended by 0), from there up to the next, and so on to the last column. A
 * part that does not fit one page at 80 % goes on as few pages side by side
 * as hold it, in equal shares. All print at the largest scale up to 100 % at
 * which the widest page fits; pages go across, then down, so that a row's
 * pages follow one another. */
static void print_pages(book *b, lxw_worksheet *ws, int keep_cols, const int *parts)
{
    print_setup(ws, true); /* one page wide until the scale below replaces it */
    worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
    if (b->cols_ws != ws || b->ncolw <= keep_cols)
        return;
    const double *w = b->colw;
    int n = b->ncolw, ncuts = 0;
    double kept = 0, widest = 0;
    for (int c = 0; c < keep_cols; c++)
        kept += column_points(w[c]);
    lxw_col_t cuts[LXW_BREAKS_MAX + 1];
    for (int from = keep_cols; from < n;) {
        int to = n;
        for (const int *p = parts; *p; p++)
            if (*p > from && *p < to)
                to = *p;
        if (from > keep_cols && ncuts < LXW_BREAKS_MAX)
            cuts[ncuts++] = (lxw_col_t)from;
        double page = cut_part(w, from, to, kept, cuts, &ncuts);
        widest = page > widest ? page : widest;
        from = to;
    }
    cuts[ncuts] = 0;
    int scale = (int)(100 * PRINT_WIDTH / widest);
    worksheet_set_print_scale(ws, (uint16_t)(scale > 100 ? 100 : scale < 10 ? 10 : scale));
    if (ncuts) {
        keep(b, worksheet_set_v_pagebreaks(ws, cuts));
        if (keep_cols > 0)
            keep(b, worksheet_repeat_columns(ws, 0, (lxw_col_t)(keep_cols - 1)));
        worksheet_print_across(ws);
    }
    /* Notes go on the first page, clear of the columns repeated on the others. */
    b->note_from = ncuts ? keep_cols : 0;
    b->note_to = ncuts ? cuts[0] : n;
}

/* A note under a table, in italics and wrapped: merged over the columns of
 * the sheet (as column() set them) or, once print_pages has laid it out, of
 * its first page but those repeated on every page, which would print a cut
 * piece of it; and as tall as its lines. So it prints whole, rather than
 * running off the page's edge. */
static void note(book *b, lxw_worksheet *ws, int row, const char *s)
{
    bool known = b->cols_ws == ws;
    int from = known ? b->note_from : 0;
    int to = known ? (b->note_to ? b->note_to : b->ncolw) : 1;
    double width = 0;
    for (int c = from; c < to; c++)
        width += b->colw[c];
    if (to - from > 1)
        keep(b, worksheet_merge_range(ws, (lxw_row_t)row, (lxw_col_t)from, (lxw_row_t)row,
                                      (lxw_col_t)(to - 1), s, b->note));
    else
        text(b, ws, row, from, s, b->note);
    height(b, ws, row, 15.0 * lines_for(s, known ? width : LXW_DEF_COL_WIDTH));
}

/* Colours the answer cells of a range by answer. */
static void answer_colours(book *b, lxw_worksheet *ws, int r0, int c0, int r1, int c1)
{
    static const char *const words[4] = {"\"yes\"", "\"partial\"", "\"no\"", "\"na\""};
    lxw_format *f[4] = {b->yes, b->partial, b->no, b->na};
    for (int i = 0; i < 4; i++) {
        lxw_conditional_format cf = {.type = LXW_CONDITIONAL_TYPE_CELL,
                                     .criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO,
                                     .value_string = (char *)words[i],
                                     .format = f[i]};
        keep(b, worksheet_conditional_format_range(ws, (lxw_row_t)r0, (lxw_col_t)c0, (lxw_row_t)r1,
                                                   (lxw_col_t)c1, &cf));
    }
}

/* Writes the workbook (to out->tmp, by name) and renames it into place. */
static mgi_error close_book(book *b, mgi_output *out, mgi_diag *diag)
{
    /* libxlsxwriter keeps no errno of its own: for the errors it documents as
     * coming with one, the system's reason is errno right after the call. (It
     * also prints them, on a stderr hushed meanwhile: lxw.h.) */
    mgi_lxw_hush h = mgi_lxw_hush_begin();
    errno = 0;
    lxw_error e = workbook_close(b->wb);
    int errnum = errno;
    mgi_lxw_hush_end(h);
    b->wb = NULL;
    bool by_rows = b->by_rows;
    int scratch_err = b->scratch.err;
    mgi_lxw_scratch(NULL);
    mgi_scratch_free(&b->scratch);
    mgi_arena_free(b->texts);
    b->texts = NULL;
    free(b->colw);
    b->colw = NULL;
    /* A scratch file that could not be written or read back (a full disk, no
     * memory): the workbook lacks what it held, whatever libxlsxwriter says. */
    if (by_rows && scratch_err)
        return mgi_output_fail(out, scratch_err, diag);
    if (scratch_err) {
        mgi_diag_add(diag, MGI_ERROR, out->path, 0, 0,
                     "cannot write: libxlsxwriter's parts of the workbook could not be kept: %s",
                     strerror(scratch_err));
        mgi_output_abort(out);
        return MGI_ERR_IO;
    }
    mgi_error derr = b->ds ? mgi_dataset_check(b->ds, diag) : MGI_OK;
    if (derr != MGI_OK) {
        mgi_output_abort(out); /* texts that could not be read back */
        return derr;
    }
    if (e == LXW_NO_ERROR && b->err != LXW_NO_ERROR) {
        e = b->err;
        errnum = b->errnum;
    }
    /* Row by row, the scratch files are on the output's disk: one that cannot
     * be created is the output that cannot be written. */
    if (by_rows && e == LXW_ERROR_CREATING_TMPFILE && errnum)
        return mgi_output_fail(out, errnum, diag);
    if (e == LXW_NO_ERROR)
        return mgi_output_commit(out, diag);
    if (e == LXW_ERROR_MEMORY_MALLOC_FAILED) {
        mgi_output_abort(out);
        return MGI_ERR_NOMEM;
    }
    if (errnum && (e == LXW_ERROR_ZIP_FILE_OPERATION || e == LXW_ERROR_CREATING_XLSX_FILE))
        return mgi_output_fail(out, errnum, diag);
    if (errnum && e == LXW_ERROR_CREATING_TMPFILE)
        mgi_diag_add(diag, MGI_ERROR, out->path, 0, 0,
                     "cannot write: libxlsxwriter cannot create its temporary files: %s",
                     strerror(errnum));
    else if (errnum && e != LXW_NO_ERROR)
        mgi_diag_add(diag, MGI_ERROR, out->path, 0, 0, "cannot write the workbook: %s (%s)",
                     lxw_strerror(e), strerror(errnum));
    else
        mgi_diag_add(diag, MGI_ERROR, out->path, 0, 0, "cannot write the workbook: %s",
                     lxw_strerror(e));
    mgi_output_abort(out);
    return MGI_ERR_IO;
}

/* A number for a formula, in its shortest exact form ("0.4", not 0.40000000000000002). */
static const char *fnum(double x, char buf[32])
{
    return mgi_format_double(x, buf);
}

static const char *level_word(const book *b, mgi_level level)
{
    char key[16];
    static char buf[4][128];
    snprintf(key, sizeof key, "level.%d", (int)level);
    snprintf(buf[level % 4], sizeof buf[0], "%s", level ? S(b, key) : "");
    return buf[level % 4];
}

/* Scores 0 to 1 in rows r0..r1, columns c0..c1 shaded from pale to deep
 * blue, in the comparison's sheets. */
static void score_scale(book *b, lxw_worksheet *ws, size_t r0, size_t c0, size_t r1, size_t c1)
{
    lxw_conditional_format cs = {.type = LXW_CONDITIONAL_2_COLOR_SCALE,
                                 .min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER,
                                 .min_value = 0,
                                 .min_color = 0xF7FBFF,
                                 .max_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER,
                                 .max_value = 1,
                                 .max_color = 0x4292C6};
    keep(b, worksheet_conditional_format_range(ws, (lxw_row_t)r0, (lxw_col_t)c0, (lxw_row_t)r1,
                                               (lxw_col_t)c1, &cs));
}

/* The level of the score in cell ref, in words, as a formula over the cut points. */
static void level_formula(const book *b, const mgi_method *m, const char *ref, char *out,
                          size_t size)
{
    char c0[32], c1[32], c2[32];
    int k =
        snprintf(out, size,
                 "=IF(%s=\"\",\"\",IF(ROUND(%s,12)<%s,\"%s\",IF(ROUND(%s,12)<%s,\"%s\","
                 "IF(ROUND(%s,12)<%s,\"%s\",\"%s\"))))",
                 ref, ref, fnum(m->cut[0], c0), level_word(b, MGI_LEVEL_FURTHER), ref,
                 fnum(m->cut[1], c1), level_word(b, MGI_LEVEL_PARTIAL), ref, fnum(m->cut[2], c2),
                 level_word(b, MGI_LEVEL_MEETS), level_word(b, MGI_LEVEL_FULLY));
    if (k < 0 || (size_t)k >= size)
        snprintf(out, size, "=\"\""); /* level words too long for a formula: none */
}

/* ------------------------------------------------------------------ annex */

enum {
    C_ID,
    C_DOMAIN,
    C_AREA,
    C_QUESTION,
    C_ANSWER,
    C_SCORE,
    C_WEIGHT,
    C_COVID,
    C_FINDING,
    C_SOURCE,
    C_WEIGHTED,
    C_ANSWERED,
    NCOLS
};

static void indicators_sheet(book *b, lxw_worksheet *ws, const mgi_assessment *a,
                             const mgi_result *r)
{
    const mgi_dataset *ds = a->ds;
    const mgi_method *m = &a->method;
    static const char *const heads[NCOLS] = {"xlsx.id",       "xlsx.domain",   "xlsx.area",
                                             "xlsx.question", "xlsx.answer",   "xlsx.score",
                                             "xlsx.weight",   "xlsx.covid",    "xlsx.finding",
                                             "xlsx.source",   "xlsx.weighted", "xlsx.answered"};
    /* Widths chosen so that the printed columns (A to the source; the helper
     * columns are not printed) fit an A4 landscape page at about 85 %. */
    static const double widths[NCOLS] = {9, 13, 13, 35, 9, 7, 6, 9, 43, 24, 10, 10};
    for (int c = 0; c < NCOLS; c++) {
        text(b, ws, 0, c, S(b, heads[c]), b->head);
        column(b, ws, c, c, widths[c]);
    }
    char f[512];
    int n = (int)ds->nindicators;
    for (int i = 0; i < n; i++) {
        const mgi_indicator *ind = &ds->indicators[i];
        const mgi_response *resp = &r->round->responses[i];
        int row = i + 1, xr = i + 2; /* xr: the row as Excel numbers it */
        text(b, ws, row, C_ID, ind->id, b->text);
        text(b, ws, row, C_DOMAIN, ds->domains[ind->domain].name[b->lang], b->wrap);
        text(b, ws, row, C_AREA, ind->area[b->lang], b->wrap);
        const char *question = md_plain(b, ind->question[b->lang]);
        text(b, ws, row, C_QUESTION, question, b->wrap);
        text(b, ws, row, C_ANSWER, mgi_answer_name(resp->answer), b->text);
        double v = resp->answer == MGI_ANSWER_YES       ? m->value[0]
                   : resp->answer == MGI_ANSWER_PARTIAL ? m->value[1]
                   : resp->answer == MGI_ANSWER_NO      ? m->value[2]
                                                        : NAN;
        char v0[32], v1[32], v2[32];
        snprintf(f, sizeof f, "=IF(E%d=\"yes\",%s,IF(E%d=\"partial\",%s,IF(E%d=\"no\",%s,\"\")))",
                 xr, fnum(m->value[0], v0), xr, fnum(m->value[1], v1), xr, fnum(m->value[2], v2));
        formula(b, ws, row, C_SCORE, f, b->num, v);
        number(b, ws, row, C_WEIGHT, ind->weight, b->flag);
        number(b, ws, row, C_COVID, ind->covid ? 1 : 0, b->flag);
        const char *finding = rfinding_plain(b, resp, b->lang);
        const char *source = rtext(b, resp, MGI_TEXT_SOURCE);
        text(b, ws, row, C_FINDING, finding, b->wrap);
        text(b, ws, row, C_SOURCE, source, b->wrap);
        int lines = lines_for(question, widths[C_QUESTION]);
        int lf = lines_for(finding, widths[C_FINDING]);
        int ld = lines_for(ds->domains[ind->domain].name[b->lang], widths[C_DOMAIN]);
        int la = lines_for(ind->area[b->lang], widths[C_AREA]);
        int ls = lines_for(source, widths[C_SOURCE]);
        lines = lf > lines ? lf : lines;
        lines = ld > lines ? ld : lines;
        lines = la > lines ? la : lines;
        lines = ls > lines ? ls : lines;
        worksheet_set_row(ws, (lxw_row_t)row, lines > 27 ? 409 : 15.0 * lines, NULL);
        snprintf(f, sizeof f, "=IF(ISNUMBER(F%d),F%d*G%d,0)", xr, xr, xr);
        formula(b, ws, row, C_WEIGHTED, f, b->num, isnan(v) ? 0 : v * ind->weight);
        snprintf(f, sizeof f, "=IF(ISNUMBER(F%d),G%d,0)", xr, xr);
        formula(b, ws, row, C_ANSWERED, f, b->num, isnan(v) ? 0 : ind->weight);
    }
    worksheet_freeze_panes(ws, 1, 1);
    print_setup(ws, true);
    worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
    worksheet_set_row(ws, 0, 30, NULL); /* the headings of narrow columns on two lines */
    keep(b, worksheet_print_area(ws, 0, 0, (lxw_row_t)n, C_SOURCE));
    keep(b, worksheet_autofilter(ws, 0, 0, (lxw_row_t)n, NCOLS - 1));
    const char *list[] = {"yes", "partial", "no", "na", NULL};
    lxw_data_validation dv = {.validate = LXW_VALIDATION_TYPE_LIST,
                              .value_list = (char **)list,
                              .show_error = LXW_VALIDATION_ON,
                              .error_title = (char *)S(b, "xlsx.answer"),
                              .error_message = (char *)S(b, "xlsx.note_answers")};
    keep(b, worksheet_data_validation_range(ws, 1, C_ANSWER, (lxw_row_t)n, C_ANSWER, &dv));
    answer_colours(b, ws, 1, C_ANSWER, n, C_ANSWER);
}

/* The values a chart shows before anything recalculates: libxlsxwriter
 * caches the numbers of a chart's range but writes 0 for formula cells
 * (workbook.c, _populate_range_data_cache, 1.1.4), so previewers that trust
 * the cache draw empty charts. The domains' scores go into the cache here, and
 * ignore_cache keeps libxlsxwriter from appending its zeros. */
static void chart_cache(book *b, lxw_series_range *range, const mgi_result *r)
{
    size_t nd = b->ds->ndomains;
    for (size_t d = 0; d < nd; d++) {
        lxw_series_data_point *p = calloc(1, sizeof *p);
        if (!p) {
            b->err = LXW_ERROR_MEMORY_MALLOC_FAILED;
            return;
        }
        if (isnan(r->domain[d].score))
            p->no_data = LXW_TRUE;
        else
            p->number = r->domain[d].score;
        STAILQ_INSERT_TAIL(range->data_cache, p, list_pointers);
    }
    range->num_data_points = (uint16_t)nd;
    range->ignore_cache = LXW_TRUE;
}

static void domains_sheet(book *b, lxw_worksheet *ws, const mgi_assessment *a, const mgi_result *r,
                          const char *indicators)
{
    const mgi_dataset *ds = a->ds;
    const mgi_method *m = &a->method;
    int n = (int)ds->nindicators + 1, nd = (int)ds->ndomains;
    static const char *const heads[] = {"xlsx.domain", "xlsx.score", "xlsx.coverage", "xlsx.level",
                                        "xlsx.insufficient"};
    static const double widths[] = {52, 9, 11, 26, 12};
    for (int c = 0; c < 5; c++) {
        text(b, ws, 0, c, S(b, heads[c]), b->head);
        column(b, ws, c, c, widths[c]);
    }
    height(b, ws, 0, 30); /* "Insufficient data" on two lines, clear of the row below */
    char f[1024], K[64], L[64], B[64], G[64], H[64], th[32];
    snprintf(K, sizeof K, "'%s'!$K$2:$K$%d", indicators, n);
    snprintf(L, sizeof L, "'%s'!$L$2:$L$%d", indicators, n);
    snprintf(B, sizeof B, "'%s'!$B$2:$B$%d", indicators, n);
    snprintf(G, sizeof G, "'%s'!$G$2:$G$%d", indicators, n);
    snprintf(H, sizeof H, "'%s'!$H$2:$H$%d", indicators, n);
    for (int d = 0; d < nd; d++) {
        const mgi_score *s = &r->domain[d];
        int row = d + 1, xr = d + 2;
        text(b, ws, row, 0, ds->domains[d].name[b->lang], b->text);
        snprintf(f, sizeof f, "=IFERROR(SUMIFS(%s,%s,$A%d,%s,0)/SUMIFS(%s,%s,$A%d,%s,0),\"\")", K,
                 B, xr, H, L, B, xr, H);
        formula(b, ws, row, 1, f, b->num, s->score);
        snprintf(f, sizeof f, "=IFERROR(SUMIFS(%s,%s,$A%d,%s,0)/SUMIFS(%s,%s,$A%d,%s,0),0)", L, B,
                 xr, H, G, B, xr, H);
        formula(b, ws, row, 2, f, b->pct, s->coverage);
        char ref[16];
        snprintf(ref, sizeof ref, "B%d", xr);
        level_formula(b, m, ref, f, sizeof f);
        keep(b, worksheet_write_formula_str(ws, (lxw_row_t)row, 3, f, b->text,
                                            level_word(b, s->level)));
        snprintf(f, sizeof f, "=IF(OR(B%d=\"\",ROUND(C%d,12)<%s),1,0)", xr, xr,
                 fnum(m->threshold, th));
        formula(b, ws, row, 4, f, b->flag, s->insufficient ? 1 : 0);
    }
    int row = nd + 1, xr = nd + 2;
    text(b, ws, row, 0, S(b, "xlsx.overall"), b->bold);
    snprintf(f, sizeof f, "=IFERROR(AVERAGEIFS(B2:B%d,E2:E%d,0),\"\")", nd + 1, nd + 1);
    formula(b, ws, row, 1, f, b->num, r->overall.score);
    snprintf(f, sizeof f, "=COUNTIF(E2:E%d,0)/%d", nd + 1, nd);
    formula(b, ws, row, 2, f, b->pct, r->overall.coverage);
    char ref[16];
    snprintf(ref, sizeof ref, "B%d", xr);
    level_formula(b, m, ref, f, sizeof f);
    keep(b, worksheet_write_formula_str(ws, (lxw_row_t)row, 3, f, b->text,
                                        level_word(b, r->overall.level)));
    snprintf(f, sizeof f, "=IF(OR(B%d=\"\",ROUND(C%d,12)<%s),1,0)", xr, xr, fnum(m->threshold, th));
    formula(b, ws, row, 4, f, b->flag, r->overall.insufficient ? 1 : 0);
    note(b, ws, nd + 3, S(b, "xlsx.note_formulas"));
    print_setup(ws, false);

    /* Native charts of the six scores, titled with the commune and year. */
    char cats[96], vals[96], title[300];
    snprintf(title, sizeof title, "%s — %s %d", S(b, "xlsx.domains"),
             a->ds->communes[r->commune].name, r->round->year);
    snprintf(cats, sizeof cats, "='%s'!$A$2:$A$%d", S(b, "xlsx.domains"), nd + 1);
    snprintf(vals, sizeof vals, "='%s'!$B$2:$B$%d", S(b, "xlsx.domains"), nd + 1);
    lxw_chart *radar = workbook_add_chart(b->wb, LXW_CHART_RADAR_FILLED);
    lxw_chart *bars = workbook_add_chart(b->wb, LXW_CHART_BAR);
    lxw_chart *charts[2] = {radar, bars};
    for (int k = 0; k < 2; k++) {
        if (!charts[k])
            continue;
        lxw_chart_series *se = chart_add_series(charts[k], cats + 1, vals + 1);
        chart_series_set_name(se, S(b, "xlsx.score"));
        chart_title_set_name(charts[k], title);
        if (se)
            chart_cache(b, se->values, r);
        chart_legend_set_position(charts[k], LXW_CHART_LEGEND_NONE);
        /* In a bar chart the values run along the x axis and the categories
         * down the y axis, listed from the top as on the sheet. */
        lxw_chart_axis *values = k == 1 ? charts[k]->x_axis : charts[k]->y_axis;
        chart_axis_set_min(values, 0);
        chart_axis_set_max(values, 1);
        if (k == 1)
            chart_axis_set_reverse(charts[k]->y_axis);
        lxw_chart_options at = {.x_scale = 1.3, .y_scale = 1.3};
        keep(b, worksheet_insert_chart_opt(ws, k == 0 ? 1 : 22, 6, charts[k], &at));
    }
}

static void trend_sheet(book *b, lxw_worksheet *ws, const mgi_assessment *a, const mgi_result *r)
{
    const mgi_dataset *ds = a->ds;
    int nd = (int)ds->ndomains;
    text(b, ws, 0, 0, S(b, "xlsx.year"), b->head);
    column(b, ws, 0, 0, 8);
    column(b, ws, 1, nd + 1, 16);
    for (int d = 0; d < nd; d++)
        text(b, ws, 0, d + 1, ds->domains[d].name[b->lang], b->head);
    text(b, ws, 0, nd + 1, S(b, "overall"), b->head);
    int row = 0;
    for (size_t i = 0; i < a->nresults; i++) {
        const mgi_result *x = &a->results[i];
        if (x->commune != r->commune || x->round->year > r->round->year)
            continue;
        row++;
        number(b, ws, row, 0, x->round->year, NULL);
        for (int d = 0; d < nd; d++)
            number(b, ws, row, d + 1, x->domain[d].score,
                   x->domain[d].insufficient ? b->grey : b->num);
        number(b, ws, row, nd + 1, x->overall.score, x->overall.insufficient ? b->grey : b->num);
    }
    lxw_chart *line = workbook_add_chart(b->wb, LXW_CHART_LINE);
    if (!line)
        return;
    for (int d = 0; d < nd; d++) {
        char cats[96], vals[96], name[96];
        snprintf(cats, sizeof cats, "'%s'!$A$2:$A$%d", S(b, "xlsx.trend"), row + 1);
        snprintf(vals, sizeof vals, "'%s'!$%c$2:$%c$%d", S(b, "xlsx.trend"), 'B' + d, 'B' + d,
                 row + 1);
        snprintf(name, sizeof name, "'%s'!$%c$1", S(b, "xlsx.trend"), 'B' + d);
        lxw_chart_series *se = chart_add_series(line, cats, vals);
        chart_series_set_name(se, name);
        lxw_chart_line ln = {.color = mgi_domain_colour(ds, (size_t)d), .width = 2.25};
        chart_series_set_line(se, &ln);
    }
    chart_axis_set_min(line->y_axis, 0);
    chart_axis_set_max(line->y_axis, 1);
    char title[300];
    snprintf(title, sizeof title, "%s — %s", S(b, "xlsx.trend"), ds->communes[r->commune].name);
    chart_title_set_name(line, title);
    keep(b, worksheet_insert_chart(ws, (lxw_row_t)(row + 2), 0, line));
}

static void about_sheet(book *b, lxw_worksheet *ws, const mgi_assessment *a, const mgi_result *r,
                        time_t date)
{
    const mgi_commune *cm = &a->ds->communes[r->commune];
    const mgi_method *m = &a->method;
    column(b, ws, 0, 0, 34);
    column(b, ws, 1, 1, 80);
    int row = 0;
    char buf[512];
#define ROW_TEXT(key, value)                                                                       \
    do {                                                                                           \
        text(b, ws, row, 0, S(b, key), b->bold);                                                   \
        worksheet_set_row(ws, (lxw_row_t)row, 15.0 * lines_for(value, 80), NULL);                  \
        text(b, ws, row++, 1, value, b->wrap);                                                     \
    } while (0)
#define ROW_NUM(key, value, f)                                                                     \
    do {                                                                                           \
        text(b, ws, row, 0, S(b, key), b->bold);                                                   \
        number(b, ws, row++, 1, value, f);                                                         \
    } while (0)
    ROW_TEXT("xlsx.commune", cm->name);
    ROW_TEXT("xlsx.code", cm->code);
    ROW_TEXT("xlsx.region", cm->region);
    ROW_TEXT("xlsx.country", cm->country);
    ROW_NUM("xlsx.year", r->round->year, NULL);
    ROW_NUM("xlsx.population", cm->population >= 0 ? (double)cm->population : NAN, b->thousands);
    ROW_NUM("xlsx.foreign", cm->foreign_residents >= 0 ? (double)cm->foreign_residents : NAN,
            b->thousands);
    snprintf(buf, sizeof buf, "%d%s%s", cm->stats_year, *cm->stats_source ? " · " : "",
             cm->stats_source);
    ROW_TEXT("xlsx.stats", cm->stats_year ? buf : cm->stats_source);
    ROW_TEXT("xlsx.sources", *cm->note ? cm->note : "");
    row++;
    text(b, ws, row++, 0, S(b, "xlsx.method"), b->head);
    ROW_NUM("xlsx.value_yes", m->value[0], NULL);
    ROW_NUM("xlsx.value_partial", m->value[1], NULL);
    ROW_NUM("xlsx.value_no", m->value[2], NULL);
    ROW_NUM("xlsx.threshold", m->threshold, b->pct);
    snprintf(buf, sizeof buf, "%.2f / %.2f / %.2f", m->cut[0], m->cut[1], m->cut[2]);
    ROW_TEXT("xlsx.cuts", buf);
    row++;
    struct tm tm;
    gmtime_r(&date, &tm);
    strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
    snprintf(buf + strlen(buf), sizeof buf - strlen(buf), " · mgi %s", MGI_VERSION);
    ROW_TEXT("xlsx.generated", buf);
#undef ROW_TEXT
#undef ROW_NUM
    /* One page: the labels beside their values. */
    worksheet_set_paper(ws, 9);
    worksheet_fit_to_pages(ws, 1, 1);
}

static void feedback_sheet(book *b, lxw_worksheet *ws, const mgi_assessment *a, const mgi_result *r)
{
    const mgi_dataset *ds = a->ds;
    static const double widths[MGI_FB_NCOLS] = {9, 6, 9, 5, 50, 10, 60, 12, 60, 40, 16};
    for (int c = 0; c < MGI_FB_NCOLS; c++) {
        text(b, ws, 0, c, mgi_feedback_columns[c], b->head);
        column(b, ws, c, c, widths[c]);
    }
    for (size_t i = 0; i < ds->nindicators; i++) {
        const mgi_response *resp = &r->round->responses[i];
        int row = (int)i + 1;
        text(b, ws, row, 0, ds->communes[r->commune].code, b->text);
        number(b, ws, row, 1, r->round->year, b->text);
        text(b, ws, row, 2, ds->indicators[i].id, b->text);
        text(b, ws, row, 3, mgi_lang_code(b->lang), b->text);
        text(b, ws, row, 4, ds->indicators[i].question[b->lang], b->wrap);
        text(b, ws, row, 5, mgi_answer_name(resp->answer), b->text);
        text(b, ws, row, 6, rtext(b, resp, b->lang), b->wrap);
    }
    const char *list[] = {"yes", "partial", "no", "na", NULL};
    lxw_data_validation dv = {.validate = LXW_VALIDATION_TYPE_LIST,
                              .value_list = (char **)list,
                              .ignore_blank = LXW_VALIDATION_ON};
    keep(b, worksheet_data_validation_range(ws, 1, 7, (lxw_row_t)ds->nindicators, 7, &dv));
    worksheet_freeze_panes(ws, 1, 3);
    print_setup(ws, true);
}

/* Text for a printed header or footer: & doubled (a lone & starts a code such
 * as &P), cut to fit Excel's 255 characters of a header with room for codes. */
typedef struct header_buf {
    char s[160];
} header_buf;

static header_buf header_text(const char *t)
{
    header_buf h;
    size_t o = 0;
    for (; *t && o + 3 < sizeof h.s; t++) {
        if (*t == '&')
            h.s[o++] = '&';
        h.s[o++] = *t;
    }
    while (o > 0 && ((unsigned char)h.s[o - 1] & 0xC0) == 0xC0) /* no half character */
        o--;
    h.s[o] = '\0';
    return h;
}

/* Every printed page of the book says what it is (left: who, in a draft
 * also that it is a draft and which version) and which page of how many. */
static void page_marks(book *b, const char *who, const char *draft)
{
    char header[600], footer[128];
    if (draft)
        snprintf(header, sizeof header, "&L%s&C&\"Calibri,Bold\"%s&R%s", header_text(who).s,
                 header_text(S(b, "draft.watermark")).s, header_text(draft).s);
    else
        snprintf(header, sizeof header, "&L%s&R%s", header_text(who).s,
                 header_text(S(b, "title")).s);
    snprintf(footer, sizeof footer, "&C%s", S(b, "xlsx.page_of"));
    lxw_worksheet *ws;
    LXW_FOREACH_WORKSHEET(ws, b->wb)
    {
        worksheet_set_header(ws, header);
        worksheet_set_footer(ws, footer);
    }
}

static mgi_error annex(const char *path, const mgi_assessment *a, const mgi_result *r,
                       const mgi_strings *strings, int lang, time_t date, const char *draft,
                       mgi_diag *diag)
{
    mgi_output out;
    book b;
    mgi_error err = mgi_output_open_name(&out, path, diag);
    if (err != MGI_OK)
        return err;
    if ((err = open_book(&b, &out, false, a->ds, strings, lang)) != MGI_OK) {
        mgi_output_abort(&out);
        return err;
    }
    const mgi_commune *cm = &a->ds->communes[r->commune];
    char title[512], subject[512];
    snprintf(title, sizeof title, "%s — %s %d", S(&b, "title"), cm->name, r->round->year);
    snprintf(subject, sizeof subject, "%s: %s, %s", S(&b, "xlsx.indicators"), cm->name,
             cm->country);
    properties(&b, title, subject, date);
    lxw_worksheet *ind = workbook_add_worksheet(b.wb, S(&b, "xlsx.indicators"));
    lxw_worksheet *dom = workbook_add_worksheet(b.wb, S(&b, "xlsx.domains"));
    if (!ind || !dom) {
        workbook_close(b.wb);
        mgi_output_abort(&out);
        return MGI_ERR_NOMEM;
    }
    indicators_sheet(&b, ind, a, r);
    domains_sheet(&b, dom, a, r, S(&b, "xlsx.indicators"));
    if (r->previous) {
        lxw_worksheet *tr = workbook_add_worksheet(b.wb, S(&b, "xlsx.trend"));
        if (tr)
            trend_sheet(&b, tr, a, r);
    }
    lxw_worksheet *ab = workbook_add_worksheet(b.wb, S(&b, "xlsx.about"));
    if (ab)
        about_sheet(&b, ab, a, r, date);
    if (draft) {
        lxw_worksheet *fb = workbook_add_worksheet(b.wb, "Feedback");
        if (fb)
            feedback_sheet(&b, fb, a, r);
    }
    char who[300];
    snprintf(who, sizeof who, "%s %d", cm->name, r->round->year);
    page_marks(&b, who, draft);
    return close_book(&b, &out, diag);
}

mgi_error mgi_xlsx_annex(const char *path, const mgi_assessment *a, const mgi_result *r,
                         const mgi_strings *strings, int lang, time_t date, mgi_diag *diag)
{
    return annex(path, a, r, strings, lang, date, NULL, diag);
}

mgi_error mgi_xlsx_annex_draft(const char *path, const mgi_assessment *a, const mgi_result *r,
                               const mgi_strings *strings, int lang, time_t date,
                               const char *version, mgi_diag *diag)
{
    return annex(path, a, r, strings, lang, date, version ? version : "", diag);
}

/* ------------------------------------------------------------- comparison */

/* A sheet name from a domain: "1. Migrants' rights", at most 31 characters
 * (Excel's limit), cut at a character boundary. */
static void sheet_name(const mgi_domain *d, int lang, char *buf, size_t size)
{
    char full[256];
    snprintf(full, sizeof full, "%d. %s", d->number, d->name[lang]);
    size_t n = 0, chars = 0;
    while (full[n] && chars < 31) {
        n++;
        while (((unsigned char)full[n] & 0xC0) == 0x80)
            n++;
        chars++;
    }
    while (n > 0 && full[n - 1] == ' ')
        n--;
    snprintf(buf, size, "%.*s", (int)n, full);
    for (char *p = buf; *p; p++)
        if (strchr("[]:*?/\\", *p))
            *p = ' ';
}

/* An Excel date serial (days since 1899-12-30) from an mgi date. */
static double excel_day(mgi_date d)
{
    return (double)d + 25569.0; /* 1970-01-01 is day 25569 */
}

/* The words of commune cm's seal status; "No seal data" when it has none. */
static const char *seal_status_word(const book *b, mgi_seal_status status)
{
    char key[48];
    const char *k = mgi_seal_status_key(status);
    snprintf(key, sizeof key, "seal.status.%s", *k ? k : "unknown");
    return S(b, key);
}

enum {
    SL_CODE,
    SL_COMMUNE,
    SL_REGION,
    SL_STATUS,
    SL_SINCE,
    SL_REVIEW,
    SL_DUE,
    SL_FLAG,
    SL_DIM,
    SL_NCOLS = SL_DIM + MGI_SEAL_NDIMS
};

/* The Migrant Seal sheet: a row per commune of the year in the order of the
 * main sheet, its status and revalidation calendar on as_of, and for
 * candidates the readiness per dimension. Dates are real dates so that they
 * sort and filter as dates. */
static void seal_sheet(book *b, lxw_worksheet *ws, const mgi_assessment *a,
                       const mgi_result *const *rows, int n, mgi_date as_of)
{
    const mgi_dataset *ds = a->ds;
    int lang = b->lang;
    lxw_format *day = fmt(b);
    format_set_num_format(day, "yyyy-mm-dd");
    format_set_align(day, LXW_ALIGN_CENTER); /* not flush against the flag beside it */
    format_set_align(day, LXW_ALIGN_VERTICAL_TOP);
    lxw_format *late = fmt(b), *soon = fmt(b);
    format_set_bg_color(late, 0xFFC7CE);
    format_set_font_color(late, 0x9C0006);
    format_set_bg_color(soon, 0xFFEB9C);
    format_set_font_color(soon, 0x7F4F00);

    static const char *const heads[SL_DIM] = {"xlsx.code",    "xlsx.commune",   "xlsx.region",
                                              "seal.status",  "seal.since",     "seal.last_review",
                                              "seal.col.due", "seal.due_filter"};
    static const double widths[SL_DIM] = {9, 22, 24, 18, 12, 12, 13, 28};
    for (int c = 0; c < SL_DIM; c++) {
        text(b, ws, 0, c, S(b, heads[c]), b->head);
        column(b, ws, c, c, widths[c]);
    }
    for (int d = 0; d < MGI_SEAL_NDIMS; d++) {
        char key[64];
        snprintf(key, sizeof key, "seal.dim.%s", mgi_seal_dimension_key(d));
        text(b, ws, 0, SL_DIM + d, S(b, key), b->head);
    }
    column(b, ws, SL_DIM, SL_NCOLS - 1, 14);
    height(b, ws, 0, 62);
    /* Before the rows: the note below them is past the filter's last row. */
    keep(b, worksheet_autofilter(ws, 0, 0, (lxw_row_t)n, SL_NCOLS - 1));

    for (int i = 0; i < n; i++) {
        const mgi_result *r = rows[i];
        const mgi_commune *cm = &ds->communes[r->commune];
        mgi_seal s;
        mgi_seal_assess(a, r, as_of, &s);
        int row = i + 1;
        text(b, ws, row, SL_CODE, cm->code, b->text);
        text(b, ws, row, SL_COMMUNE, cm->name, b->text);
        text(b, ws, row, SL_REGION, cm->region, b->text);
        text(b, ws, row, SL_STATUS, seal_status_word(b, s.status), b->text);
        const mgi_date days[3] = {s.since, s.last_review, s.due};
        for (int k = 0; k < 3; k++)
            if (days[k] != MGI_NODATE)
                number(b, ws, row, SL_SINCE + k, excel_day(days[k]), day);
        if (s.overdue || s.due_soon) {
            char iso[16], flag[256];
            const char *vars[] = {"date", mgi_date_format(s.due, iso, sizeof iso), NULL};
            mgi_strings_format(b->strings, lang, s.overdue ? "seal.overdue" : "seal.soon", flag,
                               sizeof flag, vars);
            text(b, ws, row, SL_FLAG, flag, b->text);
        }
        /* Readiness matters on the way to the seal: for candidates only. */
        if (s.status != MGI_SEAL_CANDIDATE)
            continue;
        for (int d = 0; d < MGI_SEAL_NDIMS; d++) {
            if (s.nmapped[d] == 0 || s.dim[d].insufficient || isnan(s.dim[d].score))
                text(b, ws, row, SL_DIM + d, "–", b->none);
            else
                number(b, ws, row, SL_DIM + d, s.dim[d].score, b->num);
        }
    }
    /* Overdue and due-soon rows stand out. Formulas over the due date rather
     * than fixed fills, so that a corrected date recolours its row; the
     * bounds are mgi_seal_calendar's (before as_of; as_of to as_of + 6
     * months, both included). */
    if (n > 0) {
        int y0, m0, d0, y1, m1, d1;
        mgi_date_split(as_of, &y0, &m0, &d0);
        mgi_date_split(mgi_date_add_months(as_of, MGI_SEAL_SOON_MONTHS), &y1, &m1, &d1);
        char f_late[128], f_soon[160];
        snprintf(f_late, sizeof f_late, "=AND(ISNUMBER($G2),$G2<DATE(%d,%d,%d))", y0, m0, d0);
        snprintf(f_soon, sizeof f_soon,
                 "=AND(ISNUMBER($G2),$G2>=DATE(%d,%d,%d),$G2<=DATE(%d,%d,%d))", y0, m0, d0, y1, m1,
                 d1);
        lxw_conditional_format cl = {.type = LXW_CONDITIONAL_TYPE_FORMULA,
                                     .value_string = f_late,
                                     .format = late,
                                     .stop_if_true = LXW_TRUE};
        lxw_conditional_format cs = {.type = LXW_CONDITIONAL_TYPE_FORMULA,
                                     .value_string = f_soon,
                                     .format = soon,
                                     .stop_if_true = LXW_TRUE};
        keep(b, worksheet_conditional_format_range(ws, 1, 0, (lxw_row_t)n, SL_NCOLS - 1, &cl));
        keep(b, worksheet_conditional_format_range(ws, 1, 0, (lxw_row_t)n, SL_NCOLS - 1, &cs));
    }
    /* Printed: the calendar on one page, the candidates' readiness on the
     * next, each with the code and name. */
    const int parts[] = {SL_DIM, 0};
    print_pages(b, ws, 2, parts);
    /* The day the calendar was read on, and how to read the sheet. */
    char iso[16], says[1024];
    const char *vars[] = {"date", mgi_date_format(as_of, iso, sizeof iso), NULL};
    mgi_strings_format(b->strings, lang, "seal.as_of", says, sizeof says, vars);
    text(b, ws, n + 2, 0, says, b->bold);
    mgi_strings_format(b->strings, lang, "seal.cmp_intro", says, sizeof says, vars);
    note(b, ws, n + 3, says);
    worksheet_freeze_panes(ws, 1, 2);
}

/* The Global Compact lens (gcm.h): a row per GCM objective (sdg false) or
 * SDG target (sdg true) that the catalogue maps, a column per commune of the
 * year in the order of the main sheet; each cell the commune's readiness,
 * grey when too few of the indicators are answered, under the colour scale
 * of the domain scores. */
static void lens_sheet(book *b, lxw_worksheet *ws, const mgi_assessment *a,
                       const mgi_result *const *rows, int n, bool sdg)
{
    const mgi_dataset *ds = a->ds;
    text(b, ws, 0, 0, S(b, sdg ? "sdg.col.target" : "gcm.col.objective"), b->head);
    text(b, ws, 0, 1, S(b, "gcm.col.indicators"), b->head);
    double labels = sdg ? 44 : 50;
    column(b, ws, 0, 0, labels);
    column(b, ws, 1, 1, 11);
    column(b, ws, 2, n + 1, 12); /* "Independencia" in bold, whole */
    height(b, ws, 0, 48);
    for (int i = 0; i < n; i++)
        text(b, ws, 0, i + 2, ds->communes[rows[i]->commune].name, b->head);
    mgi_sdg targets[MGI_SDG_NTARGETS];
    mgi_gcm_set set = mgi_gcm_mapped(ds);
    size_t nt = sdg ? mgi_sdg_mapped(ds, targets, MGI_SDG_NTARGETS) : 0;
    int row = 0;
    for (size_t k = 1; sdg ? k <= nt : k <= MGI_GCM_NOBJECTIVES; k++) {
        if (!sdg && !(set & (1u << k)))
            continue;
        char label[512], key[32], num[8];
        if (sdg) {
            snprintf(key, sizeof key, "sdg.goal.%d", targets[k - 1] >> 8);
            snprintf(label, sizeof label, "%s (%s)", mgi_sdg_format(targets[k - 1], num),
                     S(b, key));
        } else {
            snprintf(key, sizeof key, "gcm.obj.%zu", k);
            snprintf(label, sizeof label, "%zu. %s", k, S(b, key));
        }
        row++;
        text(b, ws, row, 0, label, b->wrap);
        height(b, ws, row, 15.0 * lines_for(label, labels));
        size_t mapped = 0;
        for (int i = 0; i < n; i++) {
            mgi_score sc;
            if (sdg)
                mgi_sdg_assess(a, rows[i], targets[k - 1], &sc, &mapped);
            else
                mgi_gcm_assess(a, rows[i], (int)k, &sc, &mapped);
            if (isnan(sc.score))
                text(b, ws, row, i + 2, "–", b->none);
            else
                number(b, ws, row, i + 2, sc.score, sc.insufficient ? b->grey : b->num);
        }
        number(b, ws, row, 1, (double)mapped, b->text);
    }
    if (n > 0 && row > 0)
        score_scale(b, ws, 1, 2, row, n + 1);
    const int parts[] = {0};
    print_pages(b, ws, 2, parts); /* as many communes a page as fit */
    note(b, ws, row + 2, S(b, "gcm.cmp_note"));
    worksheet_freeze_panes(ws, 1, 2);
}

enum {
    U_CODE,
    U_COMMUNE,
    U_RANKING,
    U_RANK,
    U_MEDIAN,
    U_LO,
    U_HI,
    U_TOP,
    U_BOTTOM,
    U_RANKED,
    U_FIRST,
    U_TOTAL = U_FIRST + MGI_NINPUTS,
    U_NCOLS = U_TOTAL + MGI_NINPUTS
};

/* One row of the sensitivity sheet's indices: first-order then total, per
 * input; empty when the rank never moves. */
static void indices_cells(book *b, lxw_worksheet *ws, int row, const double *first,
                          const double *total)
{
    for (int i = 0; i < MGI_NINPUTS; i++) {
        number(b, ws, row, U_FIRST + i, first[i], b->pct);
        number(b, ws, row, U_TOTAL + i, total[i], b->pct);
    }
}

/* The rank sensitivity sheet: per commune (in the main sheet's order) and
 * ranking (overall, then each domain) the rank's interval, its chances of
 * the top and bottom quarter and the Sobol' indices per input; then the
 * year's indices over all communes; then how to read it. */
static void sensitivity_sheet(book *b, lxw_worksheet *ws, const mgi_assessment *a,
                              const mgi_result *const *rows, int n, int year)
{
    const mgi_dataset *ds = a->ds;
    const mgi_uncertainty *u = a->uncertainty;
    static const char *const heads[U_FIRST] = {
        "xlsx.code",    "xlsx.commune", "unc.col.ranking", "xlsx.rank",      "xlsx.rank_median",
        "xlsx.rank_lo", "xlsx.rank_hi", "unc.col.top",     "unc.col.bottom", "unc.col.ranked"};
    for (int c = 0; c < U_FIRST; c++)
        text(b, ws, 0, c, S(b, heads[c]), b->head);
    for (int i = 0; i < MGI_NINPUTS; i++) {
        char key[48], head[256];
        snprintf(key, sizeof key, "unc.input.%s", mgi_input_name((mgi_input)i));
        const char *vars[] = {"input", S(b, key), NULL};
        text(b, ws, 0, U_FIRST + i,
             mgi_strings_format(b->strings, b->lang, "unc.col.first", head, sizeof head, vars),
             b->head);
        text(b, ws, 0, U_TOTAL + i,
             mgi_strings_format(b->strings, b->lang, "unc.col.total", head, sizeof head, vars),
             b->head);
    }
    column(b, ws, U_CODE, U_CODE, 9);
    column(b, ws, U_COMMUNE, U_COMMUNE, 22);
    column(b, ws, U_RANKING, U_RANKING, 34); /* "Safe, orderly and regular migration" whole */
    column(b, ws, U_RANK, U_NCOLS - 1, 13);
    height(b, ws, 0, 62);
    size_t nt = ds->ndomains + 1;
    keep(b, worksheet_autofilter(ws, 0, 0, (lxw_row_t)((size_t)n * nt), U_NCOLS - 1));
    int row = 0;
    for (int i = 0; i < n; i++) {
        const mgi_commune *cm = &ds->communes[rows[i]->commune];
        for (size_t t = 0; t < nt; t++) {
            size_t d = t == 0 ? MGI_NDOMAINS : t - 1; /* overall first */
            const mgi_rank_band *band = mgi_uncertainty_band(u, rows[i], d);
            row++;
            text(b, ws, row, U_CODE, cm->code, b->text);
            text(b, ws, row, U_COMMUNE, cm->name, b->text);
            text(b, ws, row, U_RANKING,
                 d == MGI_NDOMAINS ? S(b, "overall") : ds->domains[d].name[b->lang], b->text);
            if (band->nominal)
                number(b, ws, row, U_RANK, band->nominal, b->text);
            if (!band->rarely) {
                number(b, ws, row, U_MEDIAN, band->median, b->text);
                number(b, ws, row, U_LO, band->lo, b->text);
                number(b, ws, row, U_HI, band->hi, b->text);
            }
            number(b, ws, row, U_TOP, band->top, b->pct);
            number(b, ws, row, U_BOTTOM, band->bottom, b->pct);
            number(b, ws, row, U_RANKED, band->ranked, b->pct);
            indices_cells(b, ws, row, band->first, band->total);
        }
    }
    const mgi_year_drivers *yd = mgi_uncertainty_year(u, year);
    row++;
    for (size_t t = 0; yd && t < nt; t++) {
        size_t d = t == 0 ? MGI_NDOMAINS : t - 1;
        row++;
        text(b, ws, row, U_COMMUNE, S(b, "unc.all"), b->bold);
        text(b, ws, row, U_RANKING,
             d == MGI_NDOMAINS ? S(b, "overall") : ds->domains[d].name[b->lang], b->bold);
        indices_cells(b, ws, row, yd->first[d], yd->total[d]);
    }
    /* Printed: the rank's interval and chances, the indices alone, the
     * indices with the others, each on its page with whose rank it is. */
    const int parts[] = {U_FIRST, U_TOTAL, 0};
    print_pages(b, ws, U_RANK, parts);
    char draws[16], seed[32], says[2048];
    snprintf(draws, sizeof draws, "%u", u->config.draws);
    snprintf(seed, sizeof seed, "%" PRIu64, u->config.seed);
    const char *vars[] = {"draws", draws, "seed", seed, NULL};
    note(b, ws, row + 2,
         mgi_strings_format(b->strings, b->lang, "unc.sheet_note", says, sizeof says, vars));
    worksheet_freeze_panes(ws, 1, 3);
}

/* The main sheet of the comparison: code, name, region, year | domains…
 * overall | rank (its interval) | previous assessment | change: overall,
 * domains…; then the medians over the communes compared and what the sheet
 * compares and how to read it. */
static void communes_sheet(book *b, lxw_worksheet *ws, const mgi_view *v)
{
    const mgi_assessment *a = v->a;
    const mgi_dataset *ds = a->ds;
    int n = (int)v->n, nd = (int)ds->ndomains;
    /* [report] ranks = no: no rank column, nor its interval; intervals only
     * within one year (view.h). */
    bool ranks = !a->hide_ranks;
    bool intervals = ranks && a->uncertainty && mgi_view_one_year(v);
    int c_year = 3, c_score = 4, c_overall = c_score + nd, c_rank = c_overall + 1;
    int c_prev = c_rank + (ranks ? 1 : 0) + (intervals ? 3 : 0); /* after the rank's interval */
    int c_change = c_prev + 1;
    text(b, ws, 0, 0, S(b, "xlsx.code"), b->head);
    text(b, ws, 0, 1, S(b, "xlsx.commune"), b->head);
    text(b, ws, 0, 2, S(b, "xlsx.region"), b->head);
    text(b, ws, 0, c_year, S(b, "view.year_col"), b->head);
    column(b, ws, 0, 0, 9);
    column(b, ws, 1, 2, 22);
    column(b, ws, c_year, c_year, 7);
    column(b, ws, c_score, c_overall, 11); /* headings of up to five lines */
    column(b, ws, c_overall + 1, c_prev, 10);
    column(b, ws, c_change, c_change + nd, 11);
    height(b, ws, 0, 77);
    char head[256];
    for (int d = 0; d < nd; d++) {
        text(b, ws, 0, c_score + d, ds->domains[d].name[b->lang], b->head);
        snprintf(head, sizeof head, "%s: %s", S(b, "xlsx.change_short"),
                 ds->domains[d].name[b->lang]);
        text(b, ws, 0, c_change + 1 + d, head, b->head);
    }
    text(b, ws, 0, c_overall, S(b, "overall"), b->head);
    if (ranks)
        text(b, ws, 0, c_rank, S(b, "xlsx.rank"), b->head);
    if (intervals) {
        text(b, ws, 0, c_rank + 1, S(b, "xlsx.rank_median"), b->head);
        text(b, ws, 0, c_rank + 2, S(b, "xlsx.rank_lo"), b->head);
        text(b, ws, 0, c_rank + 3, S(b, "xlsx.rank_hi"), b->head);
    }
    text(b, ws, 0, c_prev, S(b, "xlsx.previous_year"), b->head);
    snprintf(head, sizeof head, "%s: %s", S(b, "xlsx.change_short"), S(b, "overall"));
    text(b, ws, 0, c_change, head, b->head);
    /* Row by row, a filter over rows already written is refused: it goes with
     * the header, before the median row below it. */
    keep(b, worksheet_autofilter(ws, 0, 0, (lxw_row_t)n, (lxw_col_t)(c_change + nd)));
    for (int i = 0; i < n; i++) {
        const mgi_result *r = v->rows[i];
        const mgi_commune *cm = &ds->communes[r->commune];
        int row = i + 1;
        text(b, ws, row, 0, cm->code, b->text);
        text(b, ws, row, 1, cm->name, b->text);
        text(b, ws, row, 2, cm->region, b->text);
        number(b, ws, row, c_year, r->round->year, b->text);
        for (int d = 0; d <= nd; d++) {
            const mgi_score *s = d < nd ? &r->domain[d] : &r->overall;
            number(b, ws, row, c_score + d, s->score, s->insufficient ? b->grey : b->num);
            number(b, ws, row, d < nd ? c_change + 1 + d : c_change, s->change, b->signed_num);
        }
        if (v->rank[i][MGI_NDOMAINS] && ranks)
            number(b, ws, row, c_rank, v->rank[i][MGI_NDOMAINS], b->text);
        const mgi_rank_band *band = intervals ? mgi_view_band(v, (size_t)i, MGI_NDOMAINS) : NULL;
        if (band && band->nominal && !band->rarely) {
            number(b, ws, row, c_rank + 1, band->median, b->text);
            number(b, ws, row, c_rank + 2, band->lo, b->text);
            number(b, ws, row, c_rank + 3, band->hi, b->text);
        }
        if (r->previous)
            number(b, ws, row, c_prev, r->previous->year, b->text);
    }
    /* The medians over the communes compared, with enough data (as mgi computes them). */
    text(b, ws, n + 1, 1, S(b, "xlsx.median"), b->bold);
    for (int d = 0; d <= nd; d++)
        number(b, ws, n + 1, c_score + d, mgi_view_stats(v, (size_t)d)->median, b->num);
    /* Printed: the scores on one page, the ranks and changes on the next,
     * each with the code and name; the notes under the scores. */
    const int parts[] = {ranks ? c_rank : c_prev, 0};
    print_pages(b, ws, 2, parts);
    char says[1024], nn[24], years[32], y[16];
    snprintf(nn, sizeof nn, "%d", n);
    snprintf(y, sizeof y, "%d", v->year);
    const char *vars[] = {"n", nn, "year", y, "years", mgi_view_years(v, years, sizeof years),
                          NULL};
    note(
        b, ws, n + 3,
        mgi_strings_format(b->strings, b->lang, mgi_view_sentence_key(v), says, sizeof says, vars));
    note(b, ws, n + 4, S(b, "xlsx.cmp_note"));
    if (ranks && a->uncertainty && !intervals)
        note(b, ws, n + 5, S(b, "view.no_ranges"));
    if (n > 0)
        score_scale(b, ws, 1, c_score, n, c_overall);
    worksheet_freeze_panes(ws, 1, 2);
}

mgi_error mgi_xlsx_comparison(const char *path, const mgi_view *v, const mgi_strings *strings,
                              int lang, time_t date, mgi_date as_of, mgi_diag *diag)
{
    const mgi_assessment *a = v->a;
    const mgi_dataset *ds = a->ds;
    const mgi_result *const *rows = v->rows;
    int n = (int)v->n;
    mgi_output out;
    book b;
    mgi_error err = mgi_output_open_name(&out, path, diag);
    if (err == MGI_OK && (err = open_book(&b, &out, true, NULL, strings, lang)) != MGI_OK)
        mgi_output_abort(&out);
    if (err != MGI_OK)
        return err;
    char title[512], ybuf[32];
    mgi_view_years(v, ybuf, sizeof ybuf);
    const char *vars[] = {"year", ybuf, NULL};
    mgi_strings_format(strings, lang,
                       v->year ? "chart.heatmap_title" : "chart.heatmap_title_latest", title,
                       sizeof title, vars);
    properties(&b, title, title, date);

    int nd = (int)ds->ndomains;
    lxw_worksheet *ws = sheet(&b, S(&b, "xlsx.communes"));
    if (ws)
        communes_sheet(&b, ws, v);
    /* The Migrant Seal, after the main sheet, when the data has anything to say about it. */
    bool seal = false;
    for (int i = 0; i < n && !seal; i++)
        seal = mgi_seal_relevant(ds, &ds->communes[rows[i]->commune]);
    if (seal) {
        lxw_worksheet *sw = sheet(&b, S(&b, "seal.title"));
        if (sw)
            seal_sheet(&b, sw, a, rows, n, as_of);
    }
    /* The Global Compact lens, when the catalogue maps any indicator. */
    if (mgi_gcm_mapped(ds)) {
        lxw_worksheet *gw = sheet(&b, S(&b, "gcm.sheet"));
        if (gw)
            lens_sheet(&b, gw, a, rows, n, false);
    }
    mgi_sdg any_target;
    if (mgi_sdg_mapped(ds, &any_target, 1)) {
        lxw_worksheet *tw = sheet(&b, S(&b, "sdg.sheet"));
        if (tw)
            lens_sheet(&b, tw, a, rows, n, true);
    }
    /* A sheet per domain: its indicators × the communes' answers. */
    for (int d = 0; d < nd; d++) {
        char name[64];
        sheet_name(&ds->domains[d], lang, name, sizeof name);
        lxw_worksheet *dw = sheet(&b, name);
        if (!dw)
            continue;
        text(&b, dw, 0, 0, S(&b, "xlsx.id"), b.head);
        text(&b, dw, 0, 1, S(&b, "xlsx.question"), b.head);
        column(&b, dw, 0, 0, 9);
        column(&b, dw, 1, 1, 56);
        column(&b, dw, 2, n + 1, 12);
        height(&b, dw, 0, 48);
        for (int i = 0; i < n; i++)
            text(&b, dw, 0, i + 2, ds->communes[rows[i]->commune].name, b.head);
        int row = 0;
        for (size_t k = 0; k < ds->nindicators; k++) {
            const mgi_indicator *ind = &ds->indicators[k];
            if ((int)ind->domain != d || ind->covid)
                continue;
            row++;
            text(&b, dw, row, 0, ind->id, b.text);
            text(&b, dw, row, 1, md_plain(&b, ind->question[lang]), b.wrap);
            height(&b, dw, row, 15.0 * lines_for(ind->question[lang], 56));
            for (int i = 0; i < n; i++)
                text(&b, dw, row, i + 2, mgi_answer_name(rows[i]->round->responses[k].answer),
                     b.text);
        }
        if (n > 0 && row > 0)
            answer_colours(&b, dw, 1, 2, row, n + 1);
        worksheet_freeze_panes(dw, 1, 2);
        const int parts[] = {0};
        print_pages(&b, dw, 2, parts); /* as many communes a page as fit */
    }
    /* Last, so that the sheets before it keep their places; the intervals are
     * computed within a year (view.h). */
    if (a->uncertainty && !a->hide_ranks && n > 0 && mgi_view_one_year(v)) {
        lxw_worksheet *uw = sheet(&b, S(&b, "unc.sheet"));
        if (uw)
            sensitivity_sheet(&b, uw, a, rows, n, v->first);
    }
    char who[300];
    snprintf(who, sizeof who, "%s, %s", S(&b, "cmp.title"), ybuf);
    page_marks(&b, who, NULL);
    return close_book(&b, &out, diag);
}

/* -------------------------------------------------------------- practices */

enum {
    P_DOMAIN,
    P_ID,
    P_QUESTION,
    P_COMMUNE,
    P_REGION,
    P_YEAR,
    P_FINDING,
    P_SOURCE,
    P_PROFILE,
    P_NCOLS
};

static void practices_sheet(book *b, lxw_worksheet *ws, const mgi_dataset *ds,
                            const mgi_practice *rows, size_t n)
{
    static const char *const heads[P_NCOLS] = {
        "practices.col.domain",  "practices.col.indicator", "practices.col.question",
        "practices.col.commune", "practices.col.region",    "practices.col.year",
        "practices.col.finding", "practices.col.source",    "practices.col.profile"};
    static const double widths[P_NCOLS] = {22, 9, 45, 18, 24, 7, 70, 30, 13};
    int lang = b->lang;
    for (int c = 0; c < P_NCOLS; c++) {
        text(b, ws, 0, c, S(b, heads[c]), b->head);
        column(b, ws, c, c, widths[c]);
    }
    keep(b, worksheet_autofilter(ws, 0, 0, (lxw_row_t)n, P_NCOLS - 1)); /* before the rows */
    for (size_t k = 0; k < n; k++) {
        const mgi_practice *p = &rows[k];
        const mgi_commune *pcm = &ds->communes[p->commune];
        const mgi_indicator *ind = &ds->indicators[p->indicator];
        const mgi_response *resp = &p->round->responses[p->indicator];
        const char *domain = ds->domains[ind->domain].name[lang];
        rtext_reset(b);
        const char *finding = rfinding_plain(b, resp, lang);
        const char *source = rtext(b, resp, MGI_TEXT_SOURCE);
        char folder[160];
        snprintf(folder, sizeof folder, "%s-%d", pcm->code, p->round->year);
        int row = (int)k + 1;
        text(b, ws, row, P_DOMAIN, domain, b->wrap);
        text(b, ws, row, P_ID, ind->id, b->text);
        text(b, ws, row, P_QUESTION, md_plain(b, ind->question[lang]), b->wrap);
        text(b, ws, row, P_COMMUNE, pcm->name, b->wrap);
        text(b, ws, row, P_REGION, pcm->region, b->wrap);
        number(b, ws, row, P_YEAR, p->round->year, b->flag);
        text(b, ws, row, P_FINDING, finding, b->wrap);
        text(b, ws, row, P_SOURCE, source, b->wrap);
        text(b, ws, row, P_PROFILE, folder, b->text);
        /* LibreOffice keeps the default height of rows with wrapped text: set it. */
        const char *cells[] = {domain, ind->question[lang], pcm->name, pcm->region, finding,
                               source};
        const int cols[] = {P_DOMAIN, P_QUESTION, P_COMMUNE, P_REGION, P_FINDING, P_SOURCE};
        int lines = 1;
        for (int c = 0; c < 6; c++) {
            int l = lines_for(cells[c], widths[cols[c]]);
            lines = l > lines ? l : lines;
        }
        height(b, ws, row, lines > 27 ? 409 : 15.0 * lines);
    }
    worksheet_freeze_panes(ws, 1, 0);
    print_setup(ws, true);
}

static void gaps_sheet(book *b, lxw_worksheet *ws, const mgi_dataset *ds, const mgi_gap *g,
                       size_t n)
{
    static const char *const heads[] = {
        "gaps.col.indicator", "practices.col.domain", "practices.col.question", "gaps.col.no",
        "gaps.col.partial",   "gaps.col.answered",    "gaps.col.improved"};
    static const double widths[] = {10, 22, 60, 8, 9, 11, 12};
    int lang = b->lang;
    for (int c = 0; c < 7; c++) {
        text(b, ws, 0, c, S(b, heads[c]), b->head);
        column(b, ws, c, c, widths[c]);
    }
    if (n > 0)
        keep(b, worksheet_autofilter(ws, 0, 0, (lxw_row_t)n, 6)); /* before the rows */
    for (size_t k = 0; k < n; k++) {
        const mgi_indicator *ind = &ds->indicators[g[k].indicator];
        const char *domain = ds->domains[ind->domain].name[lang];
        int row = (int)k + 1;
        text(b, ws, row, 0, ind->id, b->text);
        text(b, ws, row, 1, domain, b->wrap);
        text(b, ws, row, 2, ind->question[lang], b->wrap);
        number(b, ws, row, 3, g[k].no, b->flag);
        number(b, ws, row, 4, g[k].partial, b->flag);
        number(b, ws, row, 5, g[k].answered, b->flag);
        /* "2 of 3", as the profile prints it; empty when no commune had the gap before. */
        if (g[k].had_gap) {
            char imp[16], had[16], v[96];
            snprintf(imp, sizeof imp, "%u", g[k].improved);
            snprintf(had, sizeof had, "%u", g[k].had_gap);
            const char *vars[] = {"improved", imp, "had", had, NULL};
            mgi_strings_format(b->strings, lang, "gaps.improved_value", v, sizeof v, vars);
            text(b, ws, row, 6, v, b->flag);
        }
        int l1 = lines_for(ind->question[lang], widths[2]), l2 = lines_for(domain, widths[1]);
        height(b, ws, row, 15.0 * (l1 > l2 ? l1 : l2));
    }
    worksheet_freeze_panes(ws, 1, 0);
    print_setup(ws, true);
}

mgi_error mgi_xlsx_practices(const char *path, const mgi_view *v, const mgi_strings *strings,
                             int lang, time_t date, mgi_diag *diag)
{
    const mgi_dataset *ds = v->a->ds;
    mgi_practice *rows = NULL;
    const mgi_gap *gaps = v->gaps;
    size_t nrows = 0, ngaps = v->ngaps;
    mgi_output out;
    book b;
    mgi_error err = mgi_practice_list(ds, &rows, &nrows);
    if (err != MGI_OK)
        goto cleanup;
    if ((err = mgi_output_open_name(&out, path, diag)) != MGI_OK)
        goto cleanup;
    if ((err = open_book(&b, &out, true, ds, strings, lang)) != MGI_OK) {
        mgi_output_abort(&out);
        goto cleanup;
    }
    properties(&b, S(&b, "practices.title"), S(&b, "practices.subtitle"), date);
    lxw_worksheet *ws = sheet(&b, S(&b, "practices.sheet"));
    lxw_worksheet *gs = sheet(&b, S(&b, "practices.gaps_sheet"));
    if (ws && gs) {
        practices_sheet(&b, ws, ds, rows, nrows);
        gaps_sheet(&b, gs, ds, gaps, ngaps);
    } else if (b.err == LXW_NO_ERROR) {
        b.err = LXW_ERROR_MEMORY_MALLOC_FAILED;
    }
    page_marks(&b, S(&b, "practices.title"), NULL);
    err = close_book(&b, &out, diag);
cleanup:
    free(rows);
    return err;
}

/* --------------------------------------------------------------- template */

mgi_error mgi_xlsx_template(const char *path, const mgi_dataset *ds, size_t commune, int year,
                            const mgi_strings *strings, int lang, time_t date, mgi_diag *diag)
{
    mgi_output out;
    book b;
    mgi_error err = mgi_output_open_name(&out, path, diag);
    if (err != MGI_OK)
        return err;
    if ((err = open_book(&b, &out, false, ds, strings, lang)) != MGI_OK) {
        mgi_output_abort(&out);
        return err;
    }
    const mgi_commune *cm = &ds->communes[commune];
    const mgi_round *rd = mgi_commune_round(cm, year);
    char title[512];
    snprintf(title, sizeof title, "%s — %s %d", S(&b, "title"), cm->name, year);
    properties(&b, title, S(&b, "template.entry"), date);
    /* The entry sheet comes first: "save as CSV" saves the first (active) sheet. */
    lxw_worksheet *ws = workbook_add_worksheet(b.wb, S(&b, "template.entry"));
    lxw_worksheet *cs = workbook_add_worksheet(b.wb, S(&b, "template.commune"));
    lxw_worksheet *hs = workbook_add_worksheet(b.wb, S(&b, "template.help"));
    if (!ws || !cs || !hs) {
        workbook_close(b.wb);
        mgi_output_abort(&out);
        return MGI_ERR_NOMEM;
    }
    /* Column names are mgi's, in English in every language: mgi merge reads them. */
    static const char *const heads[] = {"commune",    "year",        "indicator",   "domain",
                                        "area",       "question_en", "question_es", "answer",
                                        "finding_en", "finding_es",  "source"};
    static const double widths[] = {9, 6, 9, 18, 18, 45, 45, 9, 50, 50, 28};
    for (int c = 0; c < 11; c++) {
        text(&b, ws, 0, c, heads[c], b.head);
        column(&b, ws, c, c, widths[c]);
    }
    lxw_format *input = fmt(&b);
    format_set_bg_color(input, 0xFFF9E6);
    format_set_text_wrap(input);
    format_set_align(input, LXW_ALIGN_VERTICAL_TOP);
    format_set_unlocked(input);
    for (size_t i = 0; i < ds->nindicators; i++) {
        const mgi_indicator *ind = &ds->indicators[i];
        int row = (int)i + 1;
        text(&b, ws, row, 0, cm->code, b.text);
        number(&b, ws, row, 1, year, b.flag);
        text(&b, ws, row, 2, ind->id, b.text);
        text(&b, ws, row, 3, ds->domains[ind->domain].name[lang], b.wrap);
        text(&b, ws, row, 4, ind->area[lang], b.wrap);
        text(&b, ws, row, 5, ind->question[MGI_LANG_EN], b.wrap);
        text(&b, ws, row, 6, ind->question[MGI_LANG_ES], b.wrap);
        /* What is known already, so that a template also serves for corrections. */
        const mgi_response *r = rd ? &rd->responses[i] : NULL;
        if (r && r->line)
            text(&b, ws, row, 7, mgi_answer_name(r->answer), input);
        else
            keep(&b, worksheet_write_blank(ws, (lxw_row_t)row, 7, input));
        /* as tall as the longest of its texts, and three lines to write in */
        int lines = 3;
        for (int k = 0; k < 3; k++) {
            const char *v = r ? rtext(&b, r, k) : ""; /* finding_en, finding_es, source */
            if (*v)
                text(&b, ws, row, 8 + k, v, input);
            else
                keep(&b, worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)(8 + k), input));
            int l = lines_for(v, widths[8 + k]);
            lines = l > lines ? l : lines;
        }
        for (int k = 0; k < MGI_NLANGS; k++) {
            int l = lines_for(ind->question[k], widths[5 + k]);
            lines = l > lines ? l : lines;
        }
        worksheet_set_row(ws, (lxw_row_t)row, lines > 27 ? 409 : 15.0 * lines, NULL);
    }
    const char *list[] = {"yes", "partial", "no", "na", NULL};
    lxw_data_validation dv = {.validate = LXW_VALIDATION_TYPE_LIST,
                              .value_list = (char **)list,
                              .ignore_blank = LXW_VALIDATION_ON,
                              .show_error = LXW_VALIDATION_ON,
                              .error_title = (char *)"answer",
                              .error_message = (char *)S(&b, "template.help.1")};
    keep(&b, worksheet_data_validation_range(ws, 1, 7, (lxw_row_t)ds->nindicators, 7, &dv));
    answer_colours(&b, ws, 1, 7, (int)ds->nindicators, 7);
    worksheet_freeze_panes(ws, 1, 3);
    worksheet_activate(ws);
    /* Printed: the questions on one page, the answers on the next, each with
     * the commune, year and indicator. */
    const int parts[] = {7, 0};
    print_pages(&b, ws, 3, parts);
    /* The commune's figures. */
    static const char *const keys[] = {"xlsx.code",    "xlsx.commune",    "xlsx.region",
                                       "xlsx.country", "xlsx.population", "xlsx.foreign",
                                       "xlsx.stats"};
    column(&b, cs, 0, 0, 30);
    column(&b, cs, 1, 1, 60);
    char stats[512];
    snprintf(stats, sizeof stats, "%d · %s", cm->stats_year, cm->stats_source);
    const char *vals[] = {cm->code,
                          cm->name,
                          cm->region,
                          cm->country,
                          NULL,
                          NULL,
                          cm->stats_year ? stats : cm->stats_source};
    for (int k = 0; k < 7; k++) {
        text(&b, cs, k, 0, S(&b, keys[k]), b.bold);
        if (k == 4 && cm->population >= 0)
            number(&b, cs, k, 1, (double)cm->population, b.thousands);
        else if (k == 5 && cm->foreign_residents >= 0)
            number(&b, cs, k, 1, (double)cm->foreign_residents, b.thousands);
        else if (vals[k])
            text(&b, cs, k, 1, vals[k], b.wrap);
        if (k == 6) /* the source of the figures, often long */
            height(&b, cs, k, 15.0 * lines_for(vals[k], 60));
    }
    const int whole[] = {0};
    print_pages(&b, cs, 0, whole); /* labels and values on one page */
    /* Instructions. */
    column(&b, hs, 0, 0, 110);
    for (int k = 1; k <= 5; k++) {
        char key[32];
        snprintf(key, sizeof key, "template.help.%d", k);
        text(&b, hs, k - 1, 0, S(&b, key), b.wrap);
        height(&b, hs, k - 1, 15.0 * lines_for(S(&b, key), 110) + 4);
    }
    print_pages(&b, hs, 0, whole); /* every line within the page */
    char who[300];
    snprintf(who, sizeof who, "%s %d", cm->name, year);
    page_marks(&b, who, NULL);
    return close_book(&b, &out, diag);
}
