/* dataset.c — loading and checking the data directory. */
#include "mgi/dataset.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h> /* offsetof */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mgi/arena.h"
#include "mgi/cells.h"
#include "mgi/csv.h"
#include "mgi/feedback.h"
#include "mgi/markdown.h" /* mgi_md_link_ok */
#include "mgi/readback.h"
#include "mgi/strmap.h"
#include "mgi/utf8.h"

enum { MAX_NARRATIVE = 1024 * 1024 };

static const char *const answer_names[] = {"na", "yes", "partial", "no", "na"};

const char *mgi_answer_name(mgi_answer answer)
{
    return (unsigned)answer <= MGI_ANSWER_NA ? answer_names[answer] : "na";
}

mgi_answer mgi_answer_parse(const char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    for (int a = MGI_ANSWER_YES; a <= MGI_ANSWER_NA; a++)
        if (strlen(answer_names[a]) == n && strncasecmp(s, answer_names[a], n) == 0)
            return (mgi_answer)a;
    return MGI_ANSWER_MISSING;
}

/* ------------------------------------------------------------------ loader */

typedef struct loader {
    const char *dir;
    mgi_diag *diag;
    mgi_dataset *ds;
    mgi_error err;
    bool domains_ok, indicators_ok, communes_ok; /* references into them can be checked */
    bool responses_ok;                           /* every commune's rounds are known */
    size_t domain_row[7]; /* row + 1 of each domain number, while loading domains.csv */
} loader;

/* Keeps the most telling error: out of memory, I/O, missing input, bad data. */
static void set_err(loader *L, mgi_error err)
{
    static const int rank[MGI_ERR_COUNT] = {[MGI_ERR_DATA] = 1,
                                            [MGI_ERR_NOINPUT] = 2,
                                            [MGI_ERR_IO] = 3,
                                            [MGI_ERR_NOMEM] = 4,
                                            [MGI_ERR_INTERNAL] = 4};
    if (err != MGI_OK && rank[err] >= rank[L->err])
        L->err = err;
}

static char *join(loader *L, const char *a, const char *b)
{
    size_t n = strlen(a);
    const char *sep = (n && a[n - 1] == '/') ? "" : "/";
    size_t len = n + strlen(sep) + strlen(b) + 1;
    char *p = mgi_arena_alloc(L->ds->arena, len);
    if (!p) {
        set_err(L, MGI_ERR_NOMEM);
        return NULL;
    }
    snprintf(p, len, "%s%s%s", a, sep, b);
    return p;
}

static void at(loader *L, const mgi_csv *csv, size_t row, int col, mgi_severity sev,
               const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Reports a problem at a cell (col -1: at the start of the row). */
static void at(loader *L, const mgi_csv *csv, size_t row, int col, mgi_severity sev,
               const char *fmt, ...)
{
    mgi_cell cell = {.csv = csv, .row = row, .col = col, .diag = L->diag};
    va_list ap;
    va_start(ap, fmt);
    mgi_cell_vreport(&cell, sev, fmt, ap);
    va_end(ap);
    if (sev == MGI_ERROR)
        set_err(L, MGI_ERR_DATA);
}

static unsigned line_of(const mgi_csv *csv, size_t row)
{
    unsigned line, col;
    mgi_csv_where(csv, row, 0, &line, &col);
    return line;
}

/* ------------------------------------------------------------------ schema */

/*
 * Each CSV file is described once, as a table of its columns: the header
 * name, whether a cell may be empty, the check that reads a cell (cells.h)
 * and the field of the record where the value goes. One loader reads every
 * file by its description (load_table; responses.csv, streamed, and
 * changelog.csv, spread over the rounds, read their rows their own way but
 * bind and check their columns by the same description).
 */

enum {
    COL_REQUIRED = 1, /* an empty cell is an error */
    /* Checked in the first of two passes (check_cells). A row with several
     * problems has always listed them in one order, not the columns' (an
     * indicator's label before its id, a commune's names before its code, a
     * response's year and answer before its commune); the passes keep it. */
    COL_EARLY = 2
};

typedef struct column {
    const char *name;      /* in the header, in any case */
    const char *what;      /* in "empty WHAT" when required; NULL: the name */
    unsigned flags;        /* COL_REQUIRED, COL_EARLY */
    mgi_cell_check *check; /* cells.h; NULL: the value is the text (const char *) */
    size_t field;          /* where the value goes: its offset in the record */
} column;

#define MAX_COLUMNS 16 /* in one file's description (checked by _Static_assert below) */

/* A row being read, as a table's row check and the loader's own cell checks
 * (mgi_cell.ctx) see it. */
typedef struct reading {
    loader *L;
    mgi_csv *csv;
    size_t r;
    const int *index;              /* each column's place in the file, -1 when absent */
    const char *text[MAX_COLUMNS]; /* each column's text, trimmed ("" when empty) */
    unsigned failed;               /* bit k: column k is required and empty, or failed its check */
    void *record;
} reading;

typedef struct table {
    const char *file;
    const column *cols;
    size_t ncols;
    size_t size;               /* of a record */
    int key;                   /* the column whose values must be unique, -1 for none */
    const char *key_what;      /* "domain": duplicate domain "x" (first at line N) */
    bool (*check)(reading *w); /* checks across the row's cells, after theirs; may be NULL */
} table;

#define COLUMN_BIT(k) (1u << (k))

/* Finds the columns of t in csv's header (index -1 when absent). Missing
 * required columns are errors, unknown ones warnings. Returns false when a
 * required column is missing: the rows cannot be read then. */
static bool bind(loader *L, const mgi_csv *csv, const column *cols, size_t n, int *index)
{
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        index[i] = mgi_csv_find(csv, cols[i].name);
        if (index[i] < 0 && (cols[i].flags & COL_REQUIRED)) {
            const char *hint = mgi_csv_ncols(csv) == 1
                                   ? " (the header has a single column: columns must be "
                                     "separated by ',' or ';')"
                                   : "";
            mgi_diag_add(L->diag, MGI_ERROR, mgi_csv_path(csv), 1, 1,
                         "missing required column \"%s\"%s", cols[i].name, hint);
            set_err(L, MGI_ERR_DATA);
            ok = false;
        }
    }
    for (size_t c = 0; c < mgi_csv_ncols(csv); c++) {
        bool known = false;
        for (size_t i = 0; i < n && !known; i++)
            known = index[i] == (int)c;
        if (!known)
            at(L, csv, MGI_CSV_HEADER, (int)c, MGI_WARNING, "unknown column \"%s\" (ignored)",
               mgi_csv_name(csv, c));
    }
    return ok;
}

/* The cell's text without surrounding white space, trimmed in place in the
 * table, which the data set keeps (copying every finding into the arena
 * doubled the peak memory of loading); "" for an absent column. An empty
 * required cell is reported. */
static const char *text(loader *L, mgi_csv *csv, size_t row, int col, const char *what,
                        bool required)
{
    if (col < 0)
        return "";
    char *s = mgi_csv_cell_mut(csv, row, (size_t)col);
    size_t n = mgi_csv_cell_len(csv, row, (size_t)col);
    while (n && isspace((unsigned char)*s))
        s++, n--;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    if (n == 0) {
        if (required && mgi_csv_missing(csv, row, (size_t)col))
            at(L, csv, row, col, MGI_ERROR, "row has %zu field%s but the header has %zu (no %s)",
               mgi_csv_row_fields(csv, row), mgi_csv_row_fields(csv, row) == 1 ? "" : "s",
               mgi_csv_ncols(csv), what);
        else if (required)
            at(L, csv, row, col, MGI_ERROR, "empty %s", what);
        return "";
    }
    s[n] = '\0';
    return s;
}

/* Runs the checks of t's columns on the row's texts, storing each value in
 * the record: the COL_EARLY columns first, then the others, each pass in
 * column order. */
static void check_cells(reading *w, const table *t)
{
    static const unsigned passes[] = {COL_EARLY, 0};
    for (int p = 0; p < 2; p++)
        for (size_t k = 0; k < t->ncols; k++) {
            const column *col = &t->cols[k];
            if (!col->check || (col->flags & COL_EARLY) != passes[p])
                continue;
            mgi_cell c = {w->csv, w->r, w->index[k], w->text[k], col->name, w->L->diag, w};
            if (!col->check(&c, (char *)w->record + col->field))
                w->failed |= COLUMN_BIT(k);
        }
}

/* Reads row w->r into w->record as t describes it, and returns whether it
 * has no problem. A row's messages come in this order: its empty required
 * cells, then the checks of its cells (check_cells), then the table's row
 * check. */
static bool read_row(reading *w, const table *t)
{
    w->failed = 0;
    for (size_t k = 0; k < t->ncols; k++) {
        const column *col = &t->cols[k];
        bool required = col->flags & COL_REQUIRED;
        w->text[k] =
            text(w->L, w->csv, w->r, w->index[k], col->what ? col->what : col->name, required);
        if (required && !*w->text[k])
            w->failed |= COLUMN_BIT(k);
        if (!col->check)
            *(const char **)((char *)w->record + col->field) = w->text[k];
    }
    check_cells(w, t);
    bool ok = !t->check || t->check(w);
    return ok && !w->failed;
}

/* Records key as seen at row; a key seen before is reported, naming the line
 * of its first occurrence. The key must live as long as the map. */
static bool first_seen(loader *L, mgi_strmap *seen, const mgi_csv *csv, size_t row, int col,
                       const char *key, const char *what)
{
    size_t first;
    int put = mgi_strmap_put(seen, key, row, &first);
    if (put < 0) {
        set_err(L, MGI_ERR_NOMEM);
        return false;
    }
    if (put == 0) {
        at(L, csv, row, col, MGI_ERROR, "duplicate %s \"%s\" (first at line %u)", what, key,
           line_of(csv, first));
        return false;
    }
    return true;
}

static void mix(mgi_dataset *ds, unsigned long long h)
{
    ds->hash = (ds->hash ^ h) * 1099511628211ull;
}

/* Hands a parsed file to the data set, whose strings point into it (text()). */
static void keep(loader *L, mgi_csv *csv)
{
    mgi_dataset *ds = L->ds;
    if (!csv)
        return;
    if (ds->ntables < sizeof ds->tables / sizeof *ds->tables)
        ds->tables[ds->ntables++] = csv;
    else {
        mgi_csv_free(csv); /* cannot happen: five files */
        set_err(L, MGI_ERR_INTERNAL);
    }
}

static mgi_csv *open_csv(loader *L, const char *name)
{
    char *path = join(L, L->dir, name);
    if (!path)
        return NULL;
    mgi_csv *csv = NULL;
    set_err(L, mgi_csv_read(path, L->diag, &csv));
    if (csv)
        mix(L->ds, mgi_csv_hash(csv));
    return csv;
}

/* Reads DATA/t->file as t describes it: the rows without problems, in file
 * order, into *records (an arena array of *n), their keys into *map (key →
 * index). Returns true when the file has no errors. */
static bool load_table(loader *L, const table *t, void **records, size_t *n, mgi_strmap **map)
{
    mgi_dataset *ds = L->ds;
    mgi_strmap *seen = NULL; /* key → row, for duplicates */
    int index[MAX_COLUMNS];
    bool ok = false;
    mgi_csv *csv = open_csv(L, t->file);
    if (!csv)
        return false;
    size_t nrows = mgi_csv_nrows(csv);
    size_t errors_before = mgi_diag_count(L->diag, MGI_ERROR);
    if (!bind(L, csv, t->cols, t->ncols, index))
        goto cleanup;
    char *recs = *records = mgi_arena_array(ds->arena, nrows ? nrows : 1, t->size);
    *map = mgi_strmap_new(nrows);
    seen = mgi_strmap_new(nrows);
    if (!recs || !*map || !seen) {
        set_err(L, MGI_ERR_NOMEM);
        goto cleanup;
    }
    reading w = {.L = L, .csv = csv, .index = index};
    for (w.r = 0; w.r < nrows; w.r++) {
        w.record = memset(recs + *n * t->size, 0, t->size); /* a failed row's slot is reused */
        bool row_ok = read_row(&w, t);
        const char *key = t->key >= 0 ? w.text[t->key] : "";
        if (*key && !first_seen(L, seen, csv, w.r, index[t->key], key, t->key_what))
            row_ok = false;
        if (row_ok && *key && mgi_strmap_put(*map, key, *n, NULL) < 0) {
            set_err(L, MGI_ERR_NOMEM);
            goto cleanup;
        }
        *n += row_ok;
    }
    ok = mgi_diag_count(L->diag, MGI_ERROR) == errors_before;
cleanup:
    mgi_strmap_free(seen);
    keep(L, csv);
    return ok;
}

/* The loader's own cell checks, which look beyond the cell (mgi_cell.ctx is
 * the row). */

/* size_t *: a reference to another file's row, by the column's name: a
 * domain's key, an indicator's id or a commune's code, found in that file's
 * map. Not checked (and no value) when that file has errors. */
static bool reference(const mgi_cell *c, void *value)
{
    loader *L = ((reading *)c->ctx)->L;
    const mgi_dataset *ds = L->ds;
    static const char *const names[] = {"domain", "indicator", "commune"};
    const mgi_strmap *const maps[] = {ds->domain_map, ds->indicator_map, ds->commune_map};
    const bool ok[] = {L->domains_ok, L->indicators_ok, L->communes_ok};
    for (int k = 0; k < 3; k++) {
        if (strcmp(c->name, names[k]) != 0)
            continue;
        if (!*c->text || !ok[k] || mgi_strmap_get(maps[k], c->text, value))
            return true;
        mgi_cell_report(c, MGI_ERROR, "unknown %s \"%s\" (not in %ss.csv)", names[k], c->text,
                        names[k]);
        return false;
    }
    return true;
}

/* ----------------------------------------------------------------- domains */

/* int *: a domain number (mgi_cell_domain_number) no other domain has. */
static bool domain_number(const mgi_cell *c, void *value)
{
    size_t *by_number = ((reading *)c->ctx)->L->domain_row; /* row + 1 of each number */
    if (!mgi_cell_domain_number(c, value))
        return false;
    int number = *(int *)value;
    if (number == 0) /* empty: reported as such */
        return true;
    if (by_number[number]) {
        mgi_cell_report(c, MGI_ERROR, "duplicate domain number %d (first at line %u)", number,
                        line_of(c->csv, by_number[number] - 1));
        return false;
    }
    by_number[number] = c->row + 1;
    return true;
}

enum {
    D_KEY,
    D_NUMBER,
    D_NAME_EN,
    D_NAME_ES,
    D_OBJ_EN,
    D_OBJ_ES,
    D_DESC_EN,
    D_DESC_ES,
    D_COLOUR,
    D_NCOLS
};

static bool domain_row(reading *w)
{
    mgi_domain *d = w->record;
    d->has_colour = *w->text[D_COLOUR] && !(w->failed & COLUMN_BIT(D_COLOUR));
    return true;
}

#define DOMAIN(f) offsetof(mgi_domain, f)
static const column domain_columns[D_NCOLS] = {
    [D_KEY] = {"key", "domain key", COL_REQUIRED, mgi_cell_domain_key, DOMAIN(key)},
    [D_NUMBER] = {"number", "domain number", COL_REQUIRED, domain_number, DOMAIN(number)},
    [D_NAME_EN] = {"name_en", NULL, COL_REQUIRED, NULL, DOMAIN(name[MGI_LANG_EN])},
    [D_NAME_ES] = {"name_es", NULL, COL_REQUIRED, NULL, DOMAIN(name[MGI_LANG_ES])},
    [D_OBJ_EN] = {"objective_en", NULL, COL_REQUIRED, NULL, DOMAIN(objective[MGI_LANG_EN])},
    [D_OBJ_ES] = {"objective_es", NULL, COL_REQUIRED, NULL, DOMAIN(objective[MGI_LANG_ES])},
    [D_DESC_EN] = {"description_en", NULL, 0, NULL, DOMAIN(description[MGI_LANG_EN])},
    [D_DESC_ES] = {"description_es", NULL, 0, NULL, DOMAIN(description[MGI_LANG_ES])},
    [D_COLOUR] = {"colour", NULL, 0, mgi_cell_colour, DOMAIN(colour)},
};
static const table domain_table = {"domains.csv", domain_columns, D_NCOLS,   sizeof(mgi_domain),
                                   D_KEY,         "domain",       domain_row};

/* After the rows: all six numbers, and the domains in their order. */
static void finish_domains(loader *L)
{
    mgi_dataset *ds = L->ds;
    if (L->domains_ok) {
        char missing[32] = "";
        for (int k = 1; k <= 6; k++)
            if (!L->domain_row[k])
                snprintf(missing + strlen(missing), sizeof missing - strlen(missing), "%s%d",
                         *missing ? ", " : "", k);
        if (*missing) {
            char *path = join(L, L->dir, domain_table.file);
            mgi_diag_add(L->diag, MGI_ERROR, path ? path : domain_table.file, 0, 0,
                         "the six MiGOF domains numbered 1 to 6 are required; missing %s", missing);
            set_err(L, MGI_ERR_DATA);
            L->domains_ok = false;
        }
    }
    /* The profile's order is the domains' numbers; keep the map in step. */
    for (size_t i = 1; i < ds->ndomains; i++)
        for (size_t j = i; j > 0 && ds->domains[j - 1].number > ds->domains[j].number; j--) {
            mgi_domain t = ds->domains[j];
            ds->domains[j] = ds->domains[j - 1];
            ds->domains[j - 1] = t;
        }
    if (L->domains_ok) {
        mgi_strmap_free(ds->domain_map);
        ds->domain_map = mgi_strmap_new(ds->ndomains);
        if (!ds->domain_map) {
            set_err(L, MGI_ERR_NOMEM);
            L->domains_ok = false;
            return;
        }
        for (size_t i = 0; i < ds->ndomains; i++)
            mgi_strmap_put(ds->domain_map, ds->domains[i].key, i, NULL);
    }
}

static void load_domains(loader *L)
{
    mgi_dataset *ds = L->ds;
    void *records = NULL;
    L->domains_ok = load_table(L, &domain_table, &records, &ds->ndomains, &ds->domain_map);
    ds->domains = records;
    finish_domains(L);
}

/* -------------------------------------------------------------- indicators */

enum {
    I_ID,
    I_DOMAIN,
    I_AREA,
    I_AREA_ES,
    I_Q_EN,
    I_Q_ES,
    I_WEIGHT,
    I_COVID,
    I_L_EN,
    I_L_ES,
    I_SEAL,
    I_GCM,
    I_SDG,
    I_NCOLS
};

static bool indicator_row(reading *w)
{
    mgi_indicator *ind = w->record;
    if (!*ind->area[MGI_LANG_ES])
        ind->area[MGI_LANG_ES] = ind->area[MGI_LANG_EN];
    return true;
}

/* The early checks are those of the cell alone that were always reported
 * first: labels, seal dimension, the lens. */
#define INDICATOR(f) offsetof(mgi_indicator, f)
static const column indicator_columns[I_NCOLS] = {
    [I_ID] = {"id", "indicator id", COL_REQUIRED, mgi_cell_indicator_id, INDICATOR(id)},
    [I_DOMAIN] = {"domain", NULL, COL_REQUIRED, reference, INDICATOR(domain)},
    [I_AREA] = {"area", NULL, COL_REQUIRED, NULL, INDICATOR(area[MGI_LANG_EN])},
    [I_AREA_ES] = {"area_es", NULL, 0, NULL, INDICATOR(area[MGI_LANG_ES])},
    [I_Q_EN] = {"question_en", NULL, COL_REQUIRED, NULL, INDICATOR(question[MGI_LANG_EN])},
    [I_Q_ES] = {"question_es", NULL, COL_REQUIRED, NULL, INDICATOR(question[MGI_LANG_ES])},
    [I_WEIGHT] = {"weight", NULL, 0, mgi_cell_weight, INDICATOR(weight)},
    [I_COVID] = {"covid", NULL, 0, mgi_cell_flag, INDICATOR(covid)},
    [I_L_EN] = {"label_en", NULL, COL_EARLY, mgi_cell_label, INDICATOR(label[MGI_LANG_EN])},
    [I_L_ES] = {"label_es", NULL, COL_EARLY, mgi_cell_label, INDICATOR(label[MGI_LANG_ES])},
    [I_SEAL] = {"seal_dimension", NULL, COL_EARLY, mgi_cell_seal_dimension,
                INDICATOR(seal_dimension)},
    [I_GCM] = {"gcm", NULL, COL_EARLY, mgi_cell_gcm, INDICATOR(gcm)},
    [I_SDG] = {"sdg", NULL, COL_EARLY, mgi_cell_sdg, 0},
};
static const table indicator_table = {
    "indicators.csv", indicator_columns, I_NCOLS, sizeof(mgi_indicator), I_ID,
    "indicator",      indicator_row};

static void load_indicators(loader *L)
{
    mgi_dataset *ds = L->ds;
    void *records = NULL;
    L->indicators_ok =
        load_table(L, &indicator_table, &records, &ds->nindicators, &ds->indicator_map);
    ds->indicators = records;
}

/* ---------------------------------------------------------------- communes */

enum {
    C_CODE,
    C_NAME,
    C_REGION,
    C_COUNTRY,
    C_POP,
    C_FOREIGN,
    C_YEAR,
    C_SOURCE,
    C_NOTE,
    C_SEAL,
    C_SINCE,
    C_REVIEW,
    C_NCOLS
};

/* long long *: foreign_residents, a count, which should not exceed the
 * population (read before it). */
static bool foreign_residents(const mgi_cell *c, void *value)
{
    const mgi_commune *cm = ((reading *)c->ctx)->record;
    if (!mgi_cell_count(c, value))
        return false;
    if (cm->population >= 0 && cm->foreign_residents > cm->population)
        mgi_cell_report(c, MGI_WARNING, "foreign_residents (%lld) exceed the population (%lld)",
                        cm->foreign_residents, cm->population);
    return true;
}

/* The Migrant Seal's columns together, when each is well formed; stats_year. */
static bool commune_row(reading *w)
{
    mgi_commune *cm = w->record;
    const int *c = w->index;
    const char *st = w->text[C_SEAL];
    bool ok = !*w->text[C_YEAR] || cm->stats_year != 0; /* 0: reported */
    if (w->failed & (COLUMN_BIT(C_SEAL) | COLUMN_BIT(C_SINCE) | COLUMN_BIT(C_REVIEW)))
        return ok; /* reported */
    if (cm->seal_since != MGI_NODATE && cm->seal_last_review != MGI_NODATE &&
        cm->seal_last_review < cm->seal_since) {
        at(w->L, w->csv, w->r, c[C_REVIEW], MGI_ERROR, "seal_last_review is before seal_since");
        return false;
    }
    if ((cm->seal == MGI_SEAL_UNKNOWN || cm->seal == MGI_SEAL_NONE) &&
        (cm->seal_since != MGI_NODATE || cm->seal_last_review != MGI_NODATE))
        at(w->L, w->csv, w->r, c[C_SEAL], MGI_WARNING,
           "seal dates are given but seal_status is \"%s\"", st);
    if ((cm->seal == MGI_SEAL_GRANTED || cm->seal == MGI_SEAL_REVALIDATED) &&
        cm->seal_since == MGI_NODATE)
        at(w->L, w->csv, w->r, c[C_SINCE], MGI_WARNING,
           "seal_status is \"%s\" but seal_since is empty: the revalidation date is unknown", st);
    return ok;
}

/* The early checks are the names' formula warnings, which always came first. */
#define COMMUNE(f) offsetof(mgi_commune, f)
static const column commune_columns[C_NCOLS] = {
    [C_CODE] = {"code", "commune code", COL_REQUIRED, mgi_cell_commune_code, COMMUNE(code)},
    [C_NAME] = {"name", "commune name", COL_REQUIRED | COL_EARLY, mgi_cell_name, COMMUNE(name)},
    [C_REGION] = {"region", NULL, COL_REQUIRED | COL_EARLY, mgi_cell_name, COMMUNE(region)},
    [C_COUNTRY] = {"country", NULL, COL_REQUIRED | COL_EARLY, mgi_cell_name, COMMUNE(country)},
    [C_POP] = {"population", NULL, 0, mgi_cell_count, COMMUNE(population)},
    [C_FOREIGN] = {"foreign_residents", NULL, 0, foreign_residents, COMMUNE(foreign_residents)},
    [C_YEAR] = {"stats_year", NULL, 0, mgi_cell_year, COMMUNE(stats_year)},
    [C_SOURCE] = {"stats_source", NULL, 0, NULL, COMMUNE(stats_source)},
    [C_NOTE] = {"note", NULL, 0, NULL, COMMUNE(note)},
    [C_SEAL] = {"seal_status", NULL, 0, mgi_cell_seal_status, COMMUNE(seal)},
    [C_SINCE] = {"seal_since", NULL, 0, mgi_cell_date, COMMUNE(seal_since)},
    [C_REVIEW] = {"seal_last_review", NULL, 0, mgi_cell_date, COMMUNE(seal_last_review)},
};
static const table commune_table = {
    "communes.csv", commune_columns, C_NCOLS, sizeof(mgi_commune), C_CODE, "commune", commune_row};

static void load_communes(loader *L)
{
    mgi_dataset *ds = L->ds;
    void *records = NULL;
    L->communes_ok = load_table(L, &commune_table, &records, &ds->ncommunes, &ds->commune_map);
    ds->communes = records;
}

/* --------------------------------------------------------------- responses */

typedef struct year_list { /* a commune's years while loading */
    int *years;
    unsigned *first_line;
    mgi_response **responses; /* [nindicators] per year */
    size_t n, cap;
} year_list;

/* The index of year in y, added (with an array of responses from the arena)
 * when new; -1 when out of memory. */
static long add_year(mgi_dataset *ds, year_list *y, int year, unsigned line)
{
    for (size_t i = 0; i < y->n; i++)
        if (y->years[i] == year)
            return (long)i;
    if (y->n == y->cap) {
        size_t cap = y->cap ? y->cap * 2 : 4;
        int *years = realloc(y->years, cap * sizeof *years);
        if (!years)
            return -1;
        y->years = years;
        unsigned *lines = realloc(y->first_line, cap * sizeof *lines);
        if (!lines)
            return -1;
        y->first_line = lines;
        mgi_response **resp = realloc(y->responses, cap * sizeof *resp);
        if (!resp)
            return -1;
        y->responses = resp;
        y->cap = cap;
    }
    y->responses[y->n] =
        mgi_arena_array(ds->arena, ds->nindicators ? ds->nindicators : 1, sizeof(mgi_response));
    if (!y->responses[y->n])
        return -1;
    y->years[y->n] = year;
    y->first_line[y->n] = line;
    return (long)y->n++;
}

static mgi_round *find_round(mgi_commune *cm, int year)
{
    for (size_t i = 0; i < cm->nrounds; i++)
        if (cm->rounds[i].year == year)
            return &cm->rounds[i];
    return NULL;
}

const mgi_round *mgi_commune_round(const mgi_commune *commune, int year)
{
    return find_round((mgi_commune *)commune, year);
}

/* Links and images in Markdown text that starts at line0:col0 of path: a
 * link that is not to a web or mail address (javascript:, file:, a local
 * path) prints as its words only, and an image is never read (its
 * description prints): each is a warning where it is written. */
static void check_links(loader *L, const char *path, const char *md, unsigned line0, unsigned col0)
{
    unsigned line = line0, col = col0, at_line = line0, at_col = col0; /* of the last '[' */
    for (const char *p = md; *p; p++) {
        if (*p == '[' && (p == md || p[-1] != '\\'))
            at_line = line, at_col = col - (p > md && p[-1] == '!');
        if (p[0] == ']' && p[1] == '(') {
            const char *u = p + 2, *e = u;
            int depth = 0; /* a destination may hold balanced parentheses */
            while (*e && !isspace((unsigned char)*e) && (*e != ')' || depth > 0))
                depth += (*e == '(') - (*e == ')'), e++;
            const char *open = p;
            while (open > md && *open != '[')
                open--;
            bool image = open > md && open[-1] == '!';
            char url[256];
            snprintf(url, sizeof url, "%.*s", (int)(e - u), u);
            if (image)
                mgi_diag_add(L->diag, MGI_WARNING, path, at_line, at_col,
                             "image \"%s\" is not printed, only its description", url);
            else if (*url && !mgi_md_link_ok(url))
                mgi_diag_add(L->diag, MGI_WARNING, path, at_line, at_col,
                             "link to \"%s\" is not a web or mail address: it prints as its words "
                             "only",
                             url);
        }
        if (*p == '\n')
            line++, col = 1;
        else if (((unsigned char)*p & 0xC0) != 0x80)
            col++;
    }
}

enum { R_COMMUNE, R_YEAR, R_INDICATOR, R_ANSWER, R_F_EN, R_F_ES, R_SOURCE, R_NCOLS };
_Static_assert(D_NCOLS <= MAX_COLUMNS && I_NCOLS <= MAX_COLUMNS && C_NCOLS <= MAX_COLUMNS &&
                   R_NCOLS <= MAX_COLUMNS && MGI_LOG_NCOLS <= MAX_COLUMNS,
               "a file has more columns than a reading holds");

/* A row of responses.csv: where its answer goes. */
typedef struct answer_row {
    size_t commune, indicator;
    int year;
    mgi_answer answer;
} answer_row;

/* The year and the answer are checked first, then the references. The texts
 * are not read: responses_row keeps their place in the file. */
#define ANSWER(f) offsetof(answer_row, f)
static const column response_columns[R_NCOLS] = {
    [R_COMMUNE] = {"commune", NULL, COL_REQUIRED, reference, ANSWER(commune)},
    [R_YEAR] = {"year", NULL, COL_REQUIRED | COL_EARLY, mgi_cell_year, ANSWER(year)},
    [R_INDICATOR] = {"indicator", NULL, COL_REQUIRED, reference, ANSWER(indicator)},
    [R_ANSWER] = {"answer", NULL, COL_REQUIRED | COL_EARLY, mgi_cell_answer, ANSWER(answer)},
    [R_F_EN] = {"finding_en", NULL, 0, NULL, 0},
    [R_F_ES] = {"finding_es", NULL, 0, NULL, 0},
    [R_SOURCE] = {"source", NULL, 0, NULL, 0},
};
static const table response_table = {
    "responses.csv", response_columns, R_NCOLS, sizeof(answer_row), -1, NULL, NULL};

/* responses.csv is read row by row (mgi_csv_stream): a data set of a
 * thousand communes has some 70 MB of findings, which are left in the file. */
typedef struct response_reader {
    loader *L;
    int c[R_NCOLS];
    year_list *years; /* [ncommunes] */
} response_reader;

static bool responses_header(const mgi_csv *csv, void *ctx)
{
    response_reader *rr = ctx;
    mix(rr->L->ds, mgi_csv_hash(csv));
    return bind(rr->L, csv, response_columns, R_NCOLS, rr->c);
}

/* Reads the four cells that place an answer into a. They are read as the
 * stream always read them: an empty one is "empty WHAT" (also in a short
 * row) and the row says nothing more; the year and the answer are trimmed
 * only on the left, the references in full. Returns whether the answer can
 * be placed. */
static bool answer_cells(loader *L, mgi_csv *csv, const int *c, answer_row *a)
{
    reading w = {.L = L, .csv = csv, .index = c, .record = a};
    bool ok = true;
    for (int k = R_COMMUNE; k <= R_ANSWER; k++) /* trimmed, as every cell */
        ok &= *(w.text[k] = text(L, csv, 0, c[k], response_columns[k].name, true)) != '\0';
    if (!ok)
        return false;
    for (int k = R_F_EN; k < R_NCOLS; k++)
        w.text[k] = "";
    check_cells(&w, &response_table);
    return !w.failed && a->year && L->communes_ok && L->indicators_ok;
}

static bool responses_row(mgi_csv *csv, void *ctx)
{
    response_reader *rr = ctx;
    loader *L = rr->L;
    mgi_dataset *ds = L->ds;
    const int *c = rr->c;
    answer_row a = {0};
    if (!answer_cells(L, csv, c, &a))
        return true;
    size_t commune = a.commune, indicator = a.indicator;
    int year = a.year;
    unsigned line, col;
    mgi_csv_where(csv, 0, 0, &line, &col);
    long k = add_year(ds, &rr->years[commune], year, line);
    if (k < 0) {
        set_err(L, MGI_ERR_NOMEM);
        return false;
    }
    mgi_response *resp = &rr->years[commune].responses[k][indicator];
    if (resp->line) {
        at(L, csv, 0, c[R_COMMUNE], MGI_ERROR,
           "duplicate answer for commune %s, year %d, indicator %s (first at line %u)",
           ds->communes[commune].code, year, ds->indicators[indicator].id, resp->line);
        return true;
    }
    resp->answer = a.answer;
    resp->line = line;
    for (int t = 0; t < MGI_NTEXTS; t++) {
        int col_t = c[R_F_EN + t];
        if (col_t < 0 || !*text(L, csv, 0, col_t, "", false))
            continue; /* empty: nothing to read back */
        size_t off, len;
        mgi_csv_span(csv, 0, (size_t)col_t, &off, &len);
        if (t < MGI_NLANGS && strstr(mgi_csv_cell(csv, 0, (size_t)col_t), "](")) {
            unsigned cl, cc; /* the text starts after the opening quote of a quoted field */
            mgi_csv_where(csv, 0, (size_t)col_t, &cl, &cc);
            cc += len > mgi_csv_cell_len(csv, 0, (size_t)col_t);
            check_links(L, mgi_csv_path(csv), mgi_csv_cell(csv, 0, (size_t)col_t), cl, cc);
        }
        resp->text_off[t] = (uint32_t)off;
        resp->text_len[t] = (uint32_t)len;
    }
    return true;
}

/* Sorts a commune's years, with their first lines and responses. */
static void sort_years(year_list *y)
{
    for (size_t a = 1; a < y->n; a++)
        for (size_t b = a; b > 0 && y->years[b - 1] > y->years[b]; b--) {
            int t = y->years[b];
            y->years[b] = y->years[b - 1];
            y->years[b - 1] = t;
            unsigned u = y->first_line[b];
            y->first_line[b] = y->first_line[b - 1];
            y->first_line[b - 1] = u;
            mgi_response *r = y->responses[b];
            y->responses[b] = y->responses[b - 1];
            y->responses[b - 1] = r;
        }
}

static void load_responses(loader *L)
{
    mgi_dataset *ds = L->ds;
    response_reader rr = {.L = L};
    char *path = join(L, L->dir, "responses.csv");
    if (!path)
        return;
    rr.years = calloc(ds->ncommunes ? ds->ncommunes : 1, sizeof *rr.years);
    if (!rr.years) {
        set_err(L, MGI_ERR_NOMEM);
        goto cleanup;
    }
    mgi_error opened = mgi_textfile_open(path, L->diag, &ds->texts);
    if (opened != MGI_OK) {
        set_err(L, opened);
        goto cleanup;
    }
    static const mgi_csv_handler handler = {responses_header, responses_row};
    mgi_error read = mgi_csv_stream(mgi_textfile_fd(ds->texts), path, &handler, &rr, L->diag);
    set_err(L, read);
    /* A file that is not valid CSV was read only in part: its rows are
     * checked, but no answers are missing for want of the rest. */
    if (read != MGI_OK || !L->communes_ok || !L->indicators_ok || L->err == MGI_ERR_NOMEM)
        goto cleanup;

    /* Rounds, by year. */
    for (size_t i = 0; i < ds->ncommunes; i++) {
        year_list *y = &rr.years[i];
        sort_years(y);
        mgi_commune *cm = &ds->communes[i];
        cm->nrounds = y->n;
        cm->rounds = mgi_arena_array(ds->arena, y->n ? y->n : 1, sizeof(mgi_round));
        if (!cm->rounds) {
            set_err(L, MGI_ERR_NOMEM);
            goto cleanup;
        }
        for (size_t k = 0; k < y->n; k++) {
            cm->rounds[k].year = y->years[k];
            cm->rounds[k].responses = y->responses[k];
        }
    }
    L->responses_ok = true;

    /* Missing answers count as na, with one warning per commune and year. */
    for (size_t i = 0; i < ds->ncommunes; i++) {
        mgi_commune *cm = &ds->communes[i];
        for (size_t k = 0; k < cm->nrounds; k++) {
            mgi_round *rd = &cm->rounds[k];
            size_t missing = 0;
            char list[160] = "";
            for (size_t j = 0; j < ds->nindicators; j++) {
                if (rd->responses[j].line)
                    continue;
                if (missing++ < 5)
                    snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
                             missing > 1 ? ", " : "", ds->indicators[j].id);
            }
            if (missing)
                mgi_diag_add(L->diag, MGI_WARNING, path, rr.years[i].first_line[k], 1,
                             "commune %s, year %d: %zu indicator%s without an answer (%s%s); "
                             "counted as na",
                             cm->code, rd->year, missing, missing == 1 ? "" : "s", list,
                             missing > 5 ? ", …" : "");
        }
    }
    for (size_t i = 0; i < ds->ncommunes; i++)
        if (ds->communes[i].nrounds == 0)
            mgi_diag_add(L->diag, MGI_WARNING, path, 0, 0, "commune %s (%s) has no answers",
                         ds->communes[i].code, ds->communes[i].name);

cleanup:
    if (rr.years)
        for (size_t i = 0; i < ds->ncommunes; i++) {
            free(rr.years[i].years);
            free(rr.years[i].first_line);
            free(rr.years[i].responses);
        }
    free(rr.years);
}

void mgi_dataset_focus(const mgi_dataset *ds, size_t commune)
{
    mgi_textfile *tf = ds->texts;
    const mgi_commune *cm = &ds->communes[commune];
    size_t lo = SIZE_MAX, hi = 0;
    for (size_t k = 0; k < cm->nrounds; k++)
        for (size_t i = 0; i < ds->nindicators; i++)
            for (int t = 0; t < MGI_NTEXTS; t++) {
                const mgi_response *r = &cm->rounds[k].responses[i];
                if (r->text_len[t]) {
                    lo = r->text_off[t] < lo ? r->text_off[t] : lo;
                    hi =
                        r->text_off[t] + r->text_len[t] > hi ? r->text_off[t] + r->text_len[t] : hi;
                }
            }
    if (tf && lo < hi)
        mgi_textfile_focus(tf, lo, hi);
}

const char *mgi_response_text(const mgi_dataset *ds, const mgi_response *r, int text, mgi_arena *a)
{
    if (!r->text_len[text] || !ds->texts)
        return "";
    return mgi_textfile_read(ds->texts, r->text_off[text], r->text_len[text], a);
}

const char *mgi_response_finding(const mgi_dataset *ds, const mgi_response *r, int lang,
                                 mgi_arena *a)
{
    const char *s = mgi_response_text(ds, r, lang, a);
    return *s ? s : mgi_response_text(ds, r, lang == MGI_LANG_EN ? MGI_LANG_ES : MGI_LANG_EN, a);
}

mgi_error mgi_dataset_check(const mgi_dataset *ds, mgi_diag *diag)
{
    return mgi_textfile_check(ds->texts, diag);
}

/* --------------------------------------------------------------- changelog */

/* A cell checked with the others of its row (load_changelog: which round
 * and indicator a change is of); no value of its own. */
static bool with_the_row(const mgi_cell *c, void *value)
{
    (void)c;
    (void)value;
    return true;
}

/* changelog.csv's columns are feedback.h's, in its order (the names are
 * mgi_changelog_columns, as mgi_feedback_apply writes them); each change is
 * an mgi_logentry of its round. */
#define LOGENTRY(f) offsetof(mgi_logentry, f)
static const column changelog_columns[MGI_LOG_NCOLS] = {
    [MGI_LOG_WHEN] = {NULL, NULL, COL_REQUIRED, NULL, LOGENTRY(when)},
    [MGI_LOG_REVIEWER] = {NULL, NULL, 0, NULL, LOGENTRY(reviewer)},
    [MGI_LOG_COMMUNE] = {NULL, NULL, COL_REQUIRED, with_the_row, 0},
    [MGI_LOG_YEAR] = {NULL, NULL, COL_REQUIRED, with_the_row, 0},
    [MGI_LOG_INDICATOR] = {NULL, NULL, COL_REQUIRED, with_the_row, 0},
    [MGI_LOG_FIELD] = {NULL, NULL, COL_REQUIRED, NULL, LOGENTRY(field)},
    [MGI_LOG_OLD] = {NULL, NULL, 0, NULL, LOGENTRY(before)},
    [MGI_LOG_NEW] = {NULL, NULL, 0, NULL, LOGENTRY(after)},
    [MGI_LOG_COMMENT] = {NULL, NULL, 0, NULL, LOGENTRY(comment)},
};

/* The changes of changelog.csv, each in its round: a row whose commune,
 * year, indicator and field name no answer that can change is one error at
 * its commune; the rows are counted per round first, then read. */
static void load_changelog(loader *L)
{
    mgi_dataset *ds = L->ds;
    char *path = join(L, L->dir, "changelog.csv");
    struct stat st;
    if (!path || stat(path, &st) != 0)
        return; /* optional */
    mgi_csv *csv = open_csv(L, "changelog.csv");
    if (!csv)
        return;
    column cols[MGI_LOG_NCOLS];
    for (int k = 0; k < MGI_LOG_NCOLS; k++) {
        cols[k] = changelog_columns[k];
        cols[k].name = mgi_changelog_columns[k];
    }
    const table t = {"changelog.csv", cols, MGI_LOG_NCOLS, sizeof(mgi_logentry), -1, NULL, NULL};
    int c[MGI_LOG_NCOLS];
    size_t n = mgi_csv_nrows(csv);
    if (!bind(L, csv, cols, MGI_LOG_NCOLS, c) || !L->communes_ok || !L->indicators_ok)
        goto cleanup;
    reading w = {.L = L, .csv = csv, .index = c};
    for (int pass = 0; pass < 2; pass++) {
        for (size_t r = 0; r < n; r++) {
            /* A short row would change an answer to what it lacks: an error. */
            if (mgi_csv_row_fields(csv, r) < mgi_csv_ncols(csv)) {
                if (pass == 0)
                    at(L, csv, r, 0, MGI_ERROR,
                       "row has %zu field%s but the header has %zu: a change needs every "
                       "column, empty where there is nothing",
                       mgi_csv_row_fields(csv, r), mgi_csv_row_fields(csv, r) == 1 ? "" : "s",
                       mgi_csv_ncols(csv));
                continue;
            }
            /* trimmed, as every cell (read_row below trims the others) */
            const char *code = text(L, csv, r, c[MGI_LOG_COMMUNE], "commune", false);
            const char *year = text(L, csv, r, c[MGI_LOG_YEAR], "year", false);
            const char *id = text(L, csv, r, c[MGI_LOG_INDICATOR], "indicator", false);
            const char *field = text(L, csv, r, c[MGI_LOG_FIELD], "field", false);
            size_t ci, ii;
            mgi_round *rd = NULL;
            if (mgi_strmap_get(ds->commune_map, code, &ci) && mgi_cell_digits(year, 4, 4))
                rd = find_round(&ds->communes[ci], atoi(year));
            bool ok = rd && mgi_strmap_get(ds->indicator_map, id, &ii) &&
                      (strcmp(field, "answer") == 0 || strcmp(field, "finding_en") == 0 ||
                       strcmp(field, "finding_es") == 0);
            if (!ok) {
                if (pass == 0)
                    at(L, csv, r, c[MGI_LOG_COMMUNE], MGI_ERROR,
                       "change for an unknown commune, year, indicator or field (%s, %s, %s, %s)",
                       code, year, id, field);
                continue;
            }
            if (pass == 0) {
                rd->nchanges++;
                continue;
            }
            mgi_logentry *e = w.record = &rd->changes[rd->nchanges++];
            w.r = r;
            read_row(&w, &t);
            e->indicator = ii;
        }
        if (pass == 0)
            for (size_t i = 0; i < ds->ncommunes; i++)
                for (size_t k = 0; k < ds->communes[i].nrounds; k++) {
                    mgi_round *rd = &ds->communes[i].rounds[k];
                    rd->changes =
                        mgi_arena_array(ds->arena, rd->nchanges + 1, sizeof(mgi_logentry));
                    if (!rd->changes) {
                        set_err(L, MGI_ERR_NOMEM);
                        goto cleanup;
                    }
                    rd->nchanges = 0;
                }
    }
cleanup:
    keep(L, csv);
}

/* -------------------------------------------------------------- narratives */

/* Reads a Markdown file into the arena; NULL after reporting. */
static const char *read_text(loader *L, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        mgi_diag_add(L->diag, MGI_ERROR, path, 0, 0, "%s", strerror(errno));
        set_err(L, MGI_ERR_IO);
        return NULL;
    }
    char *buf = NULL;
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > MAX_NARRATIVE) {
        mgi_diag_add(L->diag, MGI_ERROR, path, 0, 0, "not a regular file of at most %d KiB",
                     MAX_NARRATIVE / 1024);
        set_err(L, MGI_ERR_DATA);
        goto cleanup;
    }
    size_t size = (size_t)st.st_size;
    buf = mgi_arena_alloc(L->ds->arena, size + 1);
    if (!buf) {
        set_err(L, MGI_ERR_NOMEM);
        goto cleanup;
    }
    if (fread(buf, 1, size, f) != size) {
        mgi_diag_add(L->diag, MGI_ERROR, path, 0, 0, "read error");
        set_err(L, MGI_ERR_IO);
        buf = NULL;
        goto cleanup;
    }
    buf[size] = '\0';
    size_t bad;
    mgi_utf8_problem problem = mgi_utf8_check(buf, size, &bad);
    if (problem != MGI_UTF8_OK) {
        unsigned line, col;
        mgi_utf8_position(buf, size, bad, &line, &col);
        mgi_diag_add(L->diag, MGI_ERROR, path, line, col, "%s; re-save the file as UTF-8",
                     problem == MGI_UTF8_NUL ? "NUL byte" : "not UTF-8");
        set_err(L, MGI_ERR_DATA);
        buf = NULL;
        goto cleanup;
    }
    unsigned long long h = 14695981039346656037ull;
    for (size_t i = 0; i < size; i++)
        h = (h ^ (unsigned char)buf[i]) * 1099511628211ull;
    mix(L->ds, h);
    if (size >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        buf += 3;
cleanup:
    fclose(f);
    return buf;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in dir that do not begin with '.' and end in suffix, sorted, in
 * *names[0 … *n) (malloc'd: free_names). Returns false when dir cannot be
 * opened (errno says why); sets *nomem when memory ran out (the names read
 * until then are given). */
static bool list_dir(const char *dir, const char *suffix, char ***names, size_t *n, bool *nomem)
{
    DIR *d = opendir(dir);
    size_t cap = 0, sl = strlen(suffix);
    struct dirent *e;
    *names = NULL;
    *n = 0;
    if (!d)
        return false;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (e->d_name[0] == '.' || l < sl || strcmp(e->d_name + l - sl, suffix) != 0)
            continue;
        if (*n == cap) {
            char **nn = realloc(*names, (cap = cap ? cap * 2 : 16) * sizeof *nn);
            if (!nn)
                break;
            *names = nn;
        }
        if (!((*names)[*n] = strdup(e->d_name)))
            break;
        ++*n;
    }
    *nomem = e != NULL;
    closedir(d);
    if (*n)
        qsort(*names, *n, sizeof **names, cmp_str);
    return true;
}

static void free_names(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* The entries of dir (list_dir), or false after reporting that it cannot
 * be read (a missing directory is not reported when it may be absent). */
static bool entries(loader *L, const char *dir, bool may_be_absent, char ***names, size_t *n)
{
    bool nomem = false;
    if (!list_dir(dir, "", names, n, &nomem)) {
        if (!may_be_absent || errno != ENOENT) {
            mgi_diag_add(L->diag, MGI_ERROR, dir, 0, 0, "%s", strerror(errno));
            set_err(L, MGI_ERR_IO);
        }
        return false;
    }
    if (nomem)
        set_err(L, MGI_ERR_NOMEM);
    return true;
}

static void load_round_narratives(loader *L, const char *rdir, mgi_round *rd)
{
    char **names;
    size_t n;
    if (!entries(L, rdir, false, &names, &n))
        return;
    for (size_t i = 0; i < n; i++) {
        const char **slot = NULL;
        for (int lang = 0; lang < MGI_NLANGS && !slot; lang++) {
            static const char *const kinds[] = {"context", "covid", "sources"};
            for (int k = 0; k < 3 && !slot; k++) {
                char want[32];
                snprintf(want, sizeof want, "%s.%s.md", kinds[k], mgi_lang_code(lang));
                if (strcmp(names[i], want) == 0)
                    slot = k == 0   ? &rd->context[lang]
                           : k == 1 ? &rd->covid[lang]
                                    : &rd->sources[lang];
            }
        }
        char *path = join(L, rdir, names[i]);
        if (!path)
            break;
        if (!slot) {
            mgi_diag_add(L->diag, MGI_WARNING, path, 0, 0,
                         "unknown file (expected context, covid or sources .en.md or .es.md); "
                         "ignored");
            continue;
        }
        *slot = read_text(L, path);
        if (*slot)
            check_links(L, path, *slot, 1, 1);
    }
    free_names(names, n);
}

static void load_narratives(loader *L)
{
    mgi_dataset *ds = L->ds;
    char *pdir = join(L, L->dir, "profiles");
    if (!pdir)
        return;
    char **names;
    size_t n;
    if (!entries(L, pdir, true, &names, &n))
        return;
    for (size_t i = 0; i < n; i++) {
        char *rdir = join(L, pdir, names[i]);
        if (!rdir)
            break;
        struct stat st;
        if (stat(rdir, &st) != 0 || !S_ISDIR(st.st_mode)) {
            mgi_diag_add(L->diag, MGI_WARNING, rdir, 0, 0,
                         "not a directory named <commune code>-<year>; ignored");
            continue;
        }
        char *dash = strrchr(names[i], '-');
        mgi_round *rd = NULL;
        if (dash && mgi_cell_digits(dash + 1, 4, 4)) {
            *dash = '\0';
            size_t ci;
            if (L->communes_ok && mgi_strmap_get(ds->commune_map, names[i], &ci))
                rd = find_round(&ds->communes[ci], atoi(dash + 1));
            *dash = '-';
        }
        if (!rd) {
            if (L->responses_ok)
                mgi_diag_add(L->diag, MGI_WARNING, rdir, 0, 0,
                             "no commune and year with answers match this directory (expected "
                             "<commune code>-<year>); ignored");
            continue;
        }
        load_round_narratives(L, rdir, rd);
    }
    free_names(names, n);
}

/* ------------------------------------------------------------------ public */

mgi_error mgi_dataset_load(const char *dir, mgi_diag *diag, mgi_dataset **out)
{
    *out = NULL;
    loader L = {.dir = dir, .diag = diag};
    mgi_dataset *ds = calloc(1, sizeof *ds);
    if (!ds || !(ds->arena = mgi_arena_new())) {
        free(ds);
        return MGI_ERR_NOMEM;
    }
    L.ds = ds;
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        mgi_diag_add(diag, MGI_ERROR, dir, 0, 0, "%s",
                     errno == ENOENT || stat(dir, &st) != 0 ? "no such data directory"
                                                            : "not a directory");
        mgi_dataset_free(ds);
        return MGI_ERR_NOINPUT;
    }
    ds->dir = mgi_arena_strdup(ds->arena, dir);
    load_domains(&L);
    load_indicators(&L);
    load_communes(&L);
    load_responses(&L);
    load_changelog(&L);
    load_narratives(&L);
    if (mgi_diag_nomem(diag))
        set_err(&L, MGI_ERR_NOMEM);
    if (L.err == MGI_OK && mgi_diag_count(diag, MGI_ERROR) > 0)
        L.err = MGI_ERR_DATA;
    if (L.err != MGI_OK) {
        mgi_dataset_free(ds);
        return L.err;
    }
    *out = ds;
    return MGI_OK;
}

void mgi_dataset_free(mgi_dataset *ds)
{
    if (!ds)
        return;
    mgi_strmap_free(ds->domain_map);
    mgi_strmap_free(ds->indicator_map);
    mgi_strmap_free(ds->commune_map);
    for (size_t i = 0; i < ds->ntables; i++)
        mgi_csv_free(ds->tables[i]);
    mgi_textfile_close(ds->texts);
    mgi_arena_free(ds->arena);
    free(ds);
}

static long lookup(const struct mgi_strmap *map, const char *key)
{
    size_t v;
    return map && mgi_strmap_get(map, key, &v) ? (long)v : -1;
}

long mgi_dataset_domain(const mgi_dataset *ds, const char *key)
{
    return lookup(ds->domain_map, key);
}

long mgi_dataset_indicator(const mgi_dataset *ds, const char *id)
{
    return lookup(ds->indicator_map, id);
}

long mgi_dataset_commune(const mgi_dataset *ds, const char *code)
{
    return lookup(ds->commune_map, code);
}

const char *mgi_indicator_label(const mgi_indicator *ind, int lang)
{
    return ind->label[lang] && *ind->label[lang] ? ind->label[lang] : ind->question[lang];
}

/* ------------------------------------------------------------ finding a text */

/* Is needle in the file at path? Its line and column (in characters) then. */
static bool find_in(const char *path, const char *needle, unsigned *line, unsigned *col)
{
    FILE *f = fopen(path, "rb");
    char buf[1 << 16];
    size_t len = strlen(needle), keep = 0, got;
    unsigned ln = 1, cl = 1;
    bool found = false;
    if (!f)
        return false;
    /* In blocks, keeping the last len - 1 bytes for a needle across two. */
    while (!found && (got = fread(buf + keep, 1, sizeof buf - keep, f)) > 0) {
        size_t n = keep + got, i = 0;
        for (; i + len <= n; i++) {
            if (memcmp(buf + i, needle, len) == 0) {
                found = true;
                break;
            }
            if (buf[i] == '\n')
                ln++, cl = 1;
            else if (((unsigned char)buf[i] & 0xC0) != 0x80)
                cl++;
        }
        keep = found ? 0 : n - i;
        memmove(buf, buf + i, keep);
    }
    fclose(f);
    if (found) {
        *line = ln;
        *col = cl;
    }
    return found;
}

bool mgi_dataset_find(const mgi_dataset *ds, const char *needle, char **path, unsigned *line,
                      unsigned *col)
{
    char **files, **rounds = NULL, dir[4096];
    size_t nfiles, nrounds = 0;
    bool found = false, nomem; /* a search for a message: what can be read is searched */
    list_dir(ds->dir, ".csv", &files, &nfiles, &nomem);
    for (size_t i = 0; i < nfiles && !found; i++) {
        snprintf(dir, sizeof dir, "%s/%.512s", ds->dir, files[i]);
        found = find_in(dir, needle, line, col);
    }
    snprintf(dir, sizeof dir, "%s/profiles", ds->dir);
    if (!found)
        list_dir(dir, "", &rounds, &nrounds, &nomem);
    for (size_t r = 0; r < nrounds && !found; r++) {
        char rdir[2048], **mds;
        size_t nmd;
        snprintf(rdir, sizeof rdir, "%s/profiles/%.512s", ds->dir, rounds[r]);
        list_dir(rdir, ".md", &mds, &nmd, &nomem);
        for (size_t i = 0; i < nmd && !found; i++) {
            snprintf(dir, sizeof dir, "%s/%.512s", rdir, mds[i]);
            found = find_in(dir, needle, line, col);
        }
        free_names(mds, nmd);
    }
    free_names(files, nfiles);
    free_names(rounds, nrounds);
    if (found && !(*path = strdup(dir)))
        found = false;
    return found;
}
