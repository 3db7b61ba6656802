/* feedback.c — comment sheets for drafts, and applying reviewed sheets to the data. */
#include "mgi/feedback.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mgi/arena.h"
#include "mgi/cells.h"
#include "mgi/csv.h"
#include "mgi/output.h"
#include "mgi/workbook.h"

const char *const mgi_feedback_columns[MGI_FB_NCOLS] = {
    "commune",          "year",           "indicator",       "lang",
    "question",         "current_answer", "current_finding", "proposed_answer",
    "proposed_finding", "comment",        "reviewer"};

const char *const mgi_changelog_columns[MGI_LOG_NCOLS] = {
    "when", "reviewer", "commune", "year", "indicator", "field", "old", "new", "comment"};

mgi_error mgi_feedback_write(const char *path, const mgi_dataset *ds, const mgi_commune *cm,
                             const mgi_round *rd, int lang, mgi_diag *diag)
{
    mgi_output out;
    mgi_arena *texts = mgi_arena_new();
    if (!texts)
        return MGI_ERR_NOMEM;
    mgi_error err = mgi_output_open(&out, path, diag);
    if (err != MGI_OK) {
        mgi_arena_free(texts);
        return err;
    }
    FILE *f = out.f;
    fputs("\xEF\xBB\xBF", f);
    for (int c = 0; c < MGI_FB_NCOLS; c++)
        fprintf(f, "%s%s", c ? "," : "", mgi_feedback_columns[c]);
    fputc('\n', f);
    for (size_t i = 0; i < ds->nindicators; i++) {
        const mgi_response *r = &rd->responses[i];
        mgi_csv_write_field(f, cm->code, ',');
        fprintf(f, ",%d,", rd->year);
        mgi_csv_write_field(f, ds->indicators[i].id, ',');
        fprintf(f, ",%s,", mgi_lang_code(lang));
        mgi_csv_write_text(f, ds->indicators[i].question[lang], ',');
        fprintf(f, ",%s,", mgi_answer_name(r->answer));
        mgi_csv_write_text(f, mgi_response_text(ds, r, lang, texts), ',');
        fputs(",,,,\n", f);
        mgi_arena_reset(texts);
    }
    mgi_arena_free(texts);
    if ((err = mgi_dataset_check(ds, diag)) != MGI_OK) {
        mgi_output_abort(&out);
        return err;
    }
    return mgi_output_commit(&out, diag);
}

/* ------------------------------------------------------------------ apply */

typedef struct proposal {
    size_t commune, indicator;
    int year, lang;
    int field; /* 0 answer, 1 finding, 2 source */
    const char *value;
    const char *reviewer, *comment;
    size_t row; /* in the sheet */
} proposal;

/* The sheet being read: a CSV file, or a sheet of a workbook (.xlsx, .ods). */
typedef struct table {
    mgi_csv *csv;
    mgi_sheet *sheet;
} table;

static void table_free(table *t)
{
    mgi_csv_free(t->csv);
    mgi_sheet_free(t->sheet);
}

/* Reads path as a workbook when it is one (its sheet called one of names),
 * as CSV otherwise. */
static mgi_error table_read(const char *path, const char *const *names, mgi_diag *diag, table *t)
{
    t->csv = NULL;
    t->sheet = NULL;
    if (mgi_workbook_sniff(path) != MGI_WORKBOOK_NONE)
        return mgi_sheet_read(path, names, "indicator", diag, &t->sheet);
    return mgi_csv_read(path, diag, &t->csv);
}

static size_t table_nrows(const table *t)
{
    return t->sheet ? mgi_sheet_nrows(t->sheet) : mgi_csv_nrows(t->csv);
}

static size_t table_ncols(const table *t)
{
    return t->sheet ? mgi_sheet_ncols(t->sheet) : mgi_csv_ncols(t->csv);
}

static int table_find(const table *t, const char *name)
{
    return t->sheet ? mgi_sheet_find(t->sheet, name) : mgi_csv_find(t->csv, name);
}

static const char *cell(const table *t, size_t row, int col)
{
    if (col < 0)
        return "";
    return t->sheet ? mgi_sheet_cell(t->sheet, row, (size_t)col)
                    : mgi_csv_cell(t->csv, row, (size_t)col);
}

/* A problem at a cell: file:line:col for CSV, file:Sheet!D12 for a workbook
 * (row MGI_CSV_HEADER: the header). */
static void at(mgi_diag *diag, const table *t, size_t row, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void at(mgi_diag *diag, const table *t, size_t row, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (t->sheet) {
        char where[300], file[4400];
        mgi_sheet_where(t->sheet, row == MGI_CSV_HEADER ? (size_t)-1 : row,
                        col < 0 ? 0 : (size_t)col, where, sizeof where);
        snprintf(file, sizeof file, "%s:%s", mgi_sheet_path(t->sheet), where);
        mgi_diag_vadd(diag, MGI_ERROR, file, 0, 0, fmt, ap);
    } else if (row == MGI_CSV_HEADER) {
        mgi_diag_vadd(diag, MGI_ERROR, mgi_csv_path(t->csv), 1, 1, fmt, ap);
    } else {
        unsigned line, column;
        mgi_csv_where(t->csv, row, col < 0 ? 0 : (size_t)col, &line, &column);
        mgi_diag_vadd(diag, MGI_ERROR, mgi_csv_path(t->csv), line, column, fmt, ap);
    }
    va_end(ap);
}

static char *trimmed(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        n--;
    return strndup(s, n);
}

/* "line 12" of a CSV file, "row 12" of a sheet. */
static const char *line_of(const table *t, size_t row, char *buf, size_t len)
{
    if (t->sheet) {
        snprintf(buf, len, "row %u", mgi_sheet_rownum(t->sheet, row));
    } else {
        unsigned line, col;
        mgi_csv_where(t->csv, row, 0, &line, &col);
        snprintf(buf, len, "line %u", line);
    }
    return buf;
}

static const char *const feedback_sheets[] = {"Feedback", "Observaciones", "Comentarios", NULL};
static const char *const entry_sheets[] = {"Entry", "Ingreso", NULL};

/* Reads and checks the sheet into proposals (values malloc'd, freed by caller). */
static mgi_error read_sheet(const mgi_dataset *ds, const char *path, mgi_diag *diag, proposal **out,
                            size_t *nout, table *csv)
{
    mgi_error err = table_read(path, feedback_sheets, diag, csv);
    *out = NULL;
    *nout = 0;
    if (err != MGI_OK)
        return err;
    enum {
        COMMUNE = MGI_FB_COMMUNE,
        YEAR = MGI_FB_YEAR,
        INDICATOR = MGI_FB_INDICATOR,
        LANG = MGI_FB_LANG,
        P_ANSWER = MGI_FB_PROPOSED_ANSWER,
        P_FINDING = MGI_FB_PROPOSED_FINDING,
        COMMENT = MGI_FB_COMMENT,
        REVIEWER = MGI_FB_REVIEWER
    };
    int c[MGI_FB_NCOLS];
    size_t errors = mgi_diag_count(diag, MGI_ERROR);
    for (int i = 0; i < MGI_FB_NCOLS; i++) {
        c[i] = table_find(csv, mgi_feedback_columns[i]);
        if (c[i] < 0 && i <= INDICATOR)
            at(diag, csv, MGI_CSV_HEADER, -1, "missing required column \"%s\"",
               mgi_feedback_columns[i]);
    }
    if (c[P_ANSWER] < 0 && c[P_FINDING] < 0)
        at(diag, csv, MGI_CSV_HEADER, -1,
           "missing column \"proposed_answer\" or \"proposed_finding\"");
    if (mgi_diag_count(diag, MGI_ERROR) > errors)
        return MGI_ERR_DATA;
    size_t n = table_nrows(csv);
    proposal *p = calloc(2 * n + 1, sizeof *p);
    if (!p)
        return MGI_ERR_NOMEM;
    size_t np = 0;
    for (size_t r = 0; r < n; r++) {
        const char *pa = cell(csv, r, c[P_ANSWER]), *pf = cell(csv, r, c[P_FINDING]);
        char *ans = trimmed(pa), *fnd = trimmed(pf);
        if (!*ans && !*fnd) {
            free(ans);
            free(fnd);
            continue; /* nothing proposed on this row */
        }
        long ci = mgi_dataset_commune(ds, cell(csv, r, c[COMMUNE]));
        long ii = mgi_dataset_indicator(ds, cell(csv, r, c[INDICATOR]));
        int year = atoi(cell(csv, r, c[YEAR]));
        const char *lang_s = cell(csv, r, c[LANG]);
        int lang = !*lang_s || strcmp(lang_s, "en") == 0 ? MGI_LANG_EN
                   : strcmp(lang_s, "es") == 0           ? MGI_LANG_ES
                                                         : -1;
        bool ok = true;
        if (ci < 0) {
            at(diag, csv, r, c[COMMUNE], "unknown commune \"%s\"", cell(csv, r, c[COMMUNE]));
            ok = false;
        } else if (!mgi_commune_round(&ds->communes[ci], year)) {
            at(diag, csv, r, c[YEAR], "commune %s has no assessment in \"%s\"",
               ds->communes[ci].code, cell(csv, r, c[YEAR]));
            ok = false;
        }
        if (ii < 0) {
            at(diag, csv, r, c[INDICATOR], "unknown indicator \"%s\"", cell(csv, r, c[INDICATOR]));
            ok = false;
        }
        if (lang < 0) {
            at(diag, csv, r, c[LANG], "lang must be en or es, not \"%s\"", lang_s);
            ok = false;
        }
        if (*ans && mgi_answer_parse(ans) == MGI_ANSWER_MISSING) {
            at(diag, csv, r, c[P_ANSWER], "unknown answer \"%s\" (use yes, partial, no or na)",
               ans);
            ok = false;
        }
        if (!ok) {
            free(ans);
            free(fnd);
            continue;
        }
        for (int k = 0; k < 2; k++) {
            char *v = k == 0 ? ans : fnd;
            if (!*v) {
                free(v);
                continue;
            }
            if (k == 0) {
                const char *canon = mgi_answer_name(mgi_answer_parse(v));
                free(v);
                v = strdup(canon);
            }
            proposal np_ = {(size_t)ci,
                            (size_t)ii,
                            year,
                            lang,
                            k,
                            v,
                            cell(csv, r, c[REVIEWER]),
                            cell(csv, r, c[COMMENT]),
                            r};
            /* Two different proposals for the same value are a conflict to settle, not guess. */
            for (size_t q = 0; q < np; q++) {
                const proposal *o = &p[q];
                if (o->commune == np_.commune && o->year == year && o->indicator == np_.indicator &&
                    o->field == k && (k == 0 || o->lang == lang) && strcmp(o->value, v) != 0) {
                    char where[32];
                    at(diag, csv, r, c[k == 0 ? P_ANSWER : P_FINDING],
                       "conflicting proposals for %s %d %s %s: this one differs from %s%s%s",
                       ds->communes[ci].code, year, ds->indicators[ii].id,
                       k == 0 ? "answer" : "finding", line_of(csv, o->row, where, sizeof where),
                       *o->reviewer ? " by " : "", o->reviewer);
                    break;
                }
            }
            p[np++] = np_;
        }
    }
    *out = p;
    *nout = np;
    return mgi_diag_count(diag, MGI_ERROR) > errors ? MGI_ERR_DATA : MGI_OK;
}

/* The value the data holds now; "" for a year the commune has no answers for
 * (a merge may bring a new assessment year), "missing" for an answer with no row. */
static const char *current(const mgi_dataset *ds, const proposal *p, mgi_arena *texts)
{
    const mgi_round *rd = mgi_commune_round(&ds->communes[p->commune], p->year);
    if (!rd)
        return p->field == 0 ? "missing" : "";
    const mgi_response *r = &rd->responses[p->indicator];
    if (p->field == 0)
        return r->line ? mgi_answer_name(r->answer) : "missing";
    return mgi_response_text(ds, r, p->field == 1 ? p->lang : MGI_TEXT_SOURCE, texts);
}

static mgi_error copy_file(const char *from, const char *to, mgi_diag *diag)
{
    FILE *in = fopen(from, "rb");
    if (!in) {
        mgi_diag_add(diag, MGI_ERROR, from, 0, 0, "%s", strerror(errno));
        return MGI_ERR_IO;
    }
    return mgi_output_copy(in, from, to, diag);
}

/* Writing responses.csv anew, a row at a time as mgi_csv_stream reads the
 * old one: memory does not grow with the file. */
typedef struct rewriter {
    const mgi_dataset *ds;
    const proposal *ch;
    size_t nch;
    FILE *f;
    char delim;
    size_t ncols, width; /* the file's columns; with those added at the end */
    int c_commune, c_year, c_ind, c_ans, c_find[MGI_NLANGS], c_src;
    bool *used;       /* [nch]: the change has found its row */
    const char **row; /* [width]: the row being written */
    bool nomem;
} rewriter;

static void put_row(const rewriter *w)
{
    for (size_t col = 0; col < w->width; col++) {
        if (col)
            putc(w->delim, w->f);
        mgi_csv_write_field(w->f, w->row[col], w->delim);
    }
    putc('\n', w->f);
}

/* Puts change k, and every later one to the same answer, into the row. */
static void apply_changes(rewriter *w, size_t k0)
{
    const proposal *c0 = &w->ch[k0];
    for (size_t k = k0; k < w->nch; k++) {
        const proposal *c = &w->ch[k];
        if (c->commune == c0->commune && c->indicator == c0->indicator && c->year == c0->year) {
            w->row[c->field == 0   ? w->c_ans
                   : c->field == 1 ? w->c_find[c->lang]
                                   : w->c_src] = c->value;
            w->used[k] = true;
        }
    }
}

static bool rewrite_header(const mgi_csv *csv, void *ctx)
{
    rewriter *w = ctx;
    w->ncols = mgi_csv_ncols(csv);
    w->delim = mgi_csv_delimiter(csv);
    w->c_commune = mgi_csv_find(csv, "commune");
    w->c_year = mgi_csv_find(csv, "year");
    w->c_ind = mgi_csv_find(csv, "indicator");
    w->c_ans = mgi_csv_find(csv, "answer");
    w->c_find[MGI_LANG_EN] = mgi_csv_find(csv, "finding_en");
    w->c_find[MGI_LANG_ES] = mgi_csv_find(csv, "finding_es");
    w->c_src = mgi_csv_find(csv, "source");
    /* Finding and source columns the file lacks are added at the end. */
    const char *extra[3];
    size_t nextra = 0;
    for (size_t k = 0; k < w->nch; k++) {
        const proposal *c = &w->ch[k];
        int *slot = c->field == 1 ? &w->c_find[c->lang] : c->field == 2 ? &w->c_src : NULL;
        if (slot && *slot < 0) {
            extra[nextra] = c->field == 2            ? "source"
                            : c->lang == MGI_LANG_ES ? "finding_es"
                                                     : "finding_en";
            *slot = (int)(w->ncols + nextra++);
        }
    }
    w->width = w->ncols + nextra;
    if (!(w->row = malloc(w->width * sizeof *w->row))) {
        w->nomem = true;
        return false;
    }
    for (size_t col = 0; col < w->width; col++)
        w->row[col] = col < w->ncols ? mgi_csv_name(csv, col) : extra[col - w->ncols];
    put_row(w);
    return true;
}

static bool rewrite_row(mgi_csv *csv, void *ctx)
{
    rewriter *w = ctx;
    for (size_t col = 0; col < w->width; col++)
        w->row[col] = col < w->ncols ? mgi_csv_cell(csv, 0, col) : "";
    long ci = mgi_dataset_commune(w->ds, w->row[w->c_commune]);
    long ii = mgi_dataset_indicator(w->ds, w->row[w->c_ind]);
    int year = atoi(w->row[w->c_year]);
    for (size_t k = 0; k < w->nch; k++)
        if (!w->used[k] && (long)w->ch[k].commune == ci && (long)w->ch[k].indicator == ii &&
            w->ch[k].year == year)
            apply_changes(w, k);
    put_row(w);
    return true;
}

/* Writes responses.csv with the changes, every cell as it was but the changed
 * ones, to out (opened here), closed but not yet renamed: mgi_output_commit
 * or mgi_output_abort is the caller's. */
static mgi_error rewrite_responses(const char *path, const mgi_dataset *ds, const proposal *ch,
                                   size_t nch, mgi_output *out, mgi_diag *diag)
{
    rewriter w = {.ds = ds, .ch = ch, .nch = nch};
    int fd = -1;
    mgi_error err = MGI_OK;
    if (!(w.used = calloc(nch + 1, sizeof *w.used)))
        return MGI_ERR_NOMEM;
    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
        mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "%s", strerror(errno));
        err = MGI_ERR_IO;
        goto cleanup;
    }
    if ((err = mgi_output_open(out, path, diag)) != MGI_OK)
        goto cleanup;
    w.f = out->f;
    static const mgi_csv_handler handler = {rewrite_header, rewrite_row};
    err = mgi_csv_stream(fd, path, &handler, &w, diag);
    if (err == MGI_OK && (w.nomem || !w.row))
        err = w.nomem ? MGI_ERR_NOMEM : MGI_ERR_DATA;
    if (err != MGI_OK) {
        mgi_output_abort(out);
        goto cleanup;
    }
    /* An indicator the commune had no row for: a new row. */
    for (size_t k0 = 0; k0 < nch; k0++) {
        if (w.used[k0])
            continue;
        char year[16];
        snprintf(year, sizeof year, "%d", ch[k0].year);
        for (size_t col = 0; col < w.width; col++)
            w.row[col] = "";
        w.row[w.c_commune] = ds->communes[ch[k0].commune].code;
        w.row[w.c_year] = year;
        w.row[w.c_ind] = ds->indicators[ch[k0].indicator].id;
        w.row[w.c_ans] = "na";
        apply_changes(&w, k0);
        put_row(&w);
    }
    err = mgi_output_close(out, diag);
cleanup:
    if (fd >= 0)
        close(fd);
    free(w.row);
    free(w.used);
    return err;
}

/* Writes changelog.csv, the log so far and then the changes, to out (opened
 * here), closed but not yet renamed, as rewrite_responses. */
static mgi_error append_log(const char *path, const mgi_dataset *ds, const proposal *ch,
                            const char *const *before, size_t nch, time_t when, mgi_output *out,
                            mgi_diag *diag)
{
    struct stat st;
    bool exists = stat(path, &st) == 0;
    FILE *in = exists ? fopen(path, "rb") : NULL;
    if (exists && !in) { /* a new log would replace the one that cannot be read */
        mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "cannot read: %s", strerror(errno));
        return MGI_ERR_IO;
    }
    mgi_error err = mgi_output_open(out, path, diag);
    if (err != MGI_OK) {
        if (in)
            fclose(in);
        return err;
    }
    if (in) {
        /* The log so far, then the new lines: a log cut short by a read error
         * must not replace the whole one. */
        char buf[65536];
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, in)) > 0)
            fwrite(buf, 1, n, out->f);
        int bad = ferror(in) ? errno : 0;
        fclose(in);
        if (bad) {
            mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "cannot read: %s", strerror(bad));
            mgi_output_abort(out);
            return MGI_ERR_IO;
        }
    } else {
        for (int c = 0; c < MGI_LOG_NCOLS; c++)
            fprintf(out->f, "%s%s", c ? "," : "", mgi_changelog_columns[c]);
        fputc('\n', out->f);
    }
    char stamp[32];
    struct tm tm;
    gmtime_r(&when, &tm);
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    for (size_t k = 0; k < nch; k++) {
        fprintf(out->f, "%s,", stamp);
        mgi_csv_write_field(out->f, ch[k].reviewer, ',');
        fprintf(out->f, ",%s,%d,%s,%s,", ds->communes[ch[k].commune].code, ch[k].year,
                ds->indicators[ch[k].indicator].id,
                ch[k].field == 0            ? "answer"
                : ch[k].lang == MGI_LANG_ES ? "finding_es"
                                            : "finding_en");
        mgi_csv_write_field(out->f, before[k], ',');
        putc(',', out->f);
        mgi_csv_write_field(out->f, ch[k].value, ',');
        putc(',', out->f);
        mgi_csv_write_field(out->f, ch[k].comment, ',');
        putc('\n', out->f);
    }
    return mgi_output_close(out, diag);
}

/* Reads a data-entry sheet (mgi template, saved as CSV): every row with an
 * answer sets the answer, and the findings and source its columns hold. */
static mgi_error read_entry(const mgi_dataset *ds, const char *path, mgi_diag *diag, proposal **out,
                            size_t *nout, table *csv)
{
    mgi_error err = table_read(path, entry_sheets, diag, csv);
    *out = NULL;
    *nout = 0;
    if (err != MGI_OK)
        return err;
    enum { COMMUNE, YEAR, INDICATOR, ANSWER, F_EN, F_ES, SOURCE, N };
    static const char *const names[N] = {"commune",    "year",       "indicator", "answer",
                                         "finding_en", "finding_es", "source"};
    int c[N];
    size_t errors = mgi_diag_count(diag, MGI_ERROR);
    for (int i = 0; i < N; i++) {
        c[i] = table_find(csv, names[i]);
        if (c[i] < 0 && i <= ANSWER)
            at(diag, csv, MGI_CSV_HEADER, -1, "missing required column \"%s\"%s", names[i],
               !csv->sheet && table_ncols(csv) == 1 ? " (columns must be separated by ',' or ';')"
                                                    : "");
    }
    if (mgi_diag_count(diag, MGI_ERROR) > errors)
        return MGI_ERR_DATA;
    size_t n = table_nrows(csv);
    proposal *p = calloc(4 * n + 1, sizeof *p);
    if (!p)
        return MGI_ERR_NOMEM;
    size_t np = 0;
    for (size_t r = 0; r < n; r++) {
        char *ans = trimmed(cell(csv, r, c[ANSWER]));
        if (!ans)
            continue;
        if (!*ans) {
            free(ans); /* not answered yet */
            continue;
        }
        long ci = mgi_dataset_commune(ds, cell(csv, r, c[COMMUNE]));
        long ii = mgi_dataset_indicator(ds, cell(csv, r, c[INDICATOR]));
        const char *ys = cell(csv, r, c[YEAR]);
        bool ok = true;
        if (ci < 0) {
            at(diag, csv, r, c[COMMUNE], "unknown commune \"%s\" (add it to communes.csv first)",
               cell(csv, r, c[COMMUNE]));
            ok = false;
        }
        if (strlen(ys) != 4 || strspn(ys, "0123456789") != 4) {
            at(diag, csv, r, c[YEAR], "year \"%s\" is not a 4-digit number", ys);
            ok = false;
        } else if (atoi(ys) < MGI_YEAR_MIN || atoi(ys) > MGI_YEAR_MAX) {
            at(diag, csv, r, c[YEAR], "year \"%s\" is outside %d to %d", ys, MGI_YEAR_MIN,
               MGI_YEAR_MAX);
            ok = false;
        }
        if (ii < 0) {
            at(diag, csv, r, c[INDICATOR], "unknown indicator \"%s\"", cell(csv, r, c[INDICATOR]));
            ok = false;
        }
        if (mgi_answer_parse(ans) == MGI_ANSWER_MISSING) {
            at(diag, csv, r, c[ANSWER], "unknown answer \"%s\" (use yes, partial, no or na)", ans);
            ok = false;
        }
        if (!ok) {
            free(ans);
            continue;
        }
        int year = atoi(ys);
        for (int k = 0; k < 4; k++) {
            int col = k == 0 ? c[ANSWER] : k == 1 ? c[F_EN] : k == 2 ? c[F_ES] : c[SOURCE];
            if (col < 0)
                continue;
            char *v = k == 0 ? strdup(mgi_answer_name(mgi_answer_parse(ans)))
                             : trimmed(cell(csv, r, col));
            proposal np_ = {(size_t)ci,
                            (size_t)ii,
                            year,
                            k == 2 ? MGI_LANG_ES : MGI_LANG_EN,
                            k == 0 ? 0 : k == 3 ? 2 : 1,
                            v,
                            "",
                            "",
                            r};
            for (size_t q = 0; q < np; q++) {
                const proposal *o = &p[q];
                if (o->commune == np_.commune && o->year == year && o->indicator == np_.indicator &&
                    o->field == np_.field && o->lang == np_.lang && o->row != r) {
                    char where[32];
                    at(diag, csv, r, c[INDICATOR], "%s %d %s is already on %s of this sheet",
                       ds->communes[ci].code, year, ds->indicators[ii].id,
                       line_of(csv, o->row, where, sizeof where));
                    break;
                }
            }
            p[np++] = np_;
        }
        free(ans);
    }
    *out = p;
    *nout = np;
    return mgi_diag_count(diag, MGI_ERROR) > errors ? MGI_ERR_DATA : MGI_OK;
}

static mgi_error apply(const mgi_dataset *ds, const char *path, bool merge, bool dry_run,
                       time_t when, FILE *report, mgi_diag *diag, size_t *nchanges);

mgi_error mgi_feedback_apply(const mgi_dataset *ds, const char *feedback_path, bool dry_run,
                             time_t when, FILE *report, mgi_diag *diag, size_t *nchanges)
{
    return apply(ds, feedback_path, false, dry_run, when, report, diag, nchanges);
}

mgi_error mgi_feedback_merge(const mgi_dataset *ds, const char *entry_path, bool dry_run,
                             FILE *report, mgi_diag *diag, size_t *nchanges)
{
    return apply(ds, entry_path, true, dry_run, 0, report, diag, nchanges);
}

static mgi_error apply(const mgi_dataset *ds, const char *feedback_path, bool merge, bool dry_run,
                       time_t when, FILE *report, mgi_diag *diag, size_t *nchanges)
{
    proposal *p = NULL;
    size_t np = 0;
    table sheet = {0};
    *nchanges = 0;
    mgi_error err = merge ? read_entry(ds, feedback_path, diag, &p, &np, &sheet)
                          : read_sheet(ds, feedback_path, diag, &p, &np, &sheet);
    proposal *ch = NULL;
    const char **before = NULL;
    size_t nch = 0;
    mgi_arena *texts = NULL; /* the findings and sources before the changes */
    mgi_output data_out = {0}, log_out = {0};
    if (err != MGI_OK)
        goto cleanup;
    ch = malloc((np + 1) * sizeof *ch);
    before = malloc((np + 1) * sizeof *before);
    texts = mgi_arena_new();
    if (!ch || !before || !texts) {
        err = MGI_ERR_NOMEM;
        goto cleanup;
    }
    /* The changes: proposals that differ from the data, once each. */
    for (size_t i = 0; i < np; i++) {
        const char *now = current(ds, &p[i], texts);
        if (strcmp(now, p[i].value) == 0)
            continue;
        bool dup = false;
        for (size_t k = 0; k < nch && !dup; k++)
            dup = ch[k].commune == p[i].commune && ch[k].year == p[i].year &&
                  ch[k].indicator == p[i].indicator && ch[k].field == p[i].field &&
                  ch[k].lang == p[i].lang;
        if (dup)
            continue;
        before[nch] = now;
        ch[nch++] = p[i];
    }
    if ((err = mgi_dataset_check(ds, diag)) != MGI_OK)
        goto cleanup;
    *nchanges = nch;
    if (report)
        for (size_t k = 0; k < nch; k++)
            fprintf(report, "%s %d %s %s: \"%s\" -> \"%s\"%s%s\n", ds->communes[ch[k].commune].code,
                    ch[k].year, ds->indicators[ch[k].indicator].id,
                    ch[k].field == 0            ? "answer"
                    : ch[k].field == 2          ? "source"
                    : ch[k].lang == MGI_LANG_ES ? "finding_es"
                                                : "finding_en",
                    before[k], ch[k].value, *ch[k].reviewer ? " — " : "", ch[k].reviewer);
    if (dry_run || nch == 0)
        goto cleanup;
    char path[4096], backup[4096];
    snprintf(path, sizeof path, "%s/responses.csv", ds->dir);
    snprintf(backup, sizeof backup, "%s/responses.csv.bak", ds->dir);
    if ((err = copy_file(path, backup, diag)) != MGI_OK)
        goto cleanup;
    /* Both files are written before either takes its name, so that a full
     * disk changes neither. The log goes first: should the second rename
     * fail, running again finds the change still to make and makes it,
     * whereas a change made without its log line would go unrecorded. Data
     * entry (merge) is not a consultation: no log. */
    if ((err = rewrite_responses(path, ds, ch, nch, &data_out, diag)) != MGI_OK)
        goto cleanup;
    snprintf(path, sizeof path, "%s/changelog.csv", ds->dir);
    if (!merge && ((err = append_log(path, ds, ch, before, nch, when, &log_out, diag)) != MGI_OK ||
                   (err = mgi_output_commit(&log_out, diag)) != MGI_OK))
        goto cleanup;
    err = mgi_output_commit(&data_out, diag);
cleanup:
    mgi_output_abort(&log_out);
    mgi_output_abort(&data_out);
    for (size_t i = 0; i < np; i++)
        free((char *)p[i].value);
    free(p);
    free(ch);
    free(before);
    mgi_arena_free(texts);
    table_free(&sheet);
    return err;
}
