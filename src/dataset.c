/* dataset.c — loading and checking the data directory. */
#include "mgi/dataset.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mgi/arena.h"
#include "mgi/csv.h"
#include "mgi/feedback.h"
#include "mgi/gcm.h"
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
    unsigned line, column;
    mgi_csv_where(csv, row, col < 0 ? 0 : (size_t)col, &line, &column);
    va_list ap;
    va_start(ap, fmt);
    mgi_diag_vadd(L->diag, sev, mgi_csv_path(csv), line, column, fmt, ap);
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

typedef struct colspec {
    const char *name;
    bool required;
} colspec;

/* Finds the columns of specs in csv's header (index -1 when absent). Missing
 * required columns are errors, unknown ones warnings. Returns false when a
 * required column is missing: the rows cannot be read then. */
static bool bind(loader *L, const mgi_csv *csv, const colspec *specs, size_t n, int *index)
{
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        index[i] = mgi_csv_find(csv, specs[i].name);
        if (index[i] < 0 && specs[i].required) {
            const char *hint = mgi_csv_ncols(csv) == 1
                                   ? " (the header has a single column: columns must be "
                                     "separated by ',' or ';')"
                                   : "";
            mgi_diag_add(L->diag, MGI_ERROR, mgi_csv_path(csv), 1, 1,
                         "missing required column \"%s\"%s", specs[i].name, hint);
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

static bool all_digits(const char *s, size_t min, size_t max)
{
    size_t n = strlen(s);
    if (n < min || n > max)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    return true;
}

/* A four-digit year, or 0 after reporting. */
static int year_at(loader *L, const mgi_csv *csv, size_t row, int col, const char *s)
{
    if (!all_digits(s, 4, 4)) {
        at(L, csv, row, col, MGI_ERROR, "year \"%s\" is not a 4-digit number", s);
        return 0;
    }
    return atoi(s);
}

/* A whole number ≥ 0 (an empty cell gives -1), or -2 after reporting. */
static long long count_at(loader *L, const mgi_csv *csv, size_t row, int col, const char *s,
                          const char *what)
{
    if (!*s)
        return -1;
    if (!all_digits(s, 1, 15)) {
        at(L, csv, row, col, MGI_ERROR, "%s \"%s\" is not a whole number (write digits only)", what,
           s);
        return -2;
    }
    return strtoll(s, NULL, 10);
}

static bool safe_code(const char *s)
{
    if (!*s || strlen(s) > 64)
        return false;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_')
            return false;
    return true;
}

/* Records key as seen at row; a key seen before is reported, naming the line
 * of its first occurrence. The key must live in the arena. */
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

/* ----------------------------------------------------------------- domains */

static void load_domains(loader *L)
{
    mgi_dataset *ds = L->ds;
    mgi_strmap *seen = NULL; /* key → row, for duplicates */
    mgi_csv *csv = open_csv(L, "domains.csv");
    if (!csv)
        return;
    enum { KEY, NUMBER, NAME_EN, NAME_ES, OBJ_EN, OBJ_ES, DESC_EN, DESC_ES, COLOUR, NCOLS };
    static const colspec specs[NCOLS] = {{"key", true},
                                         {"number", true},
                                         {"name_en", true},
                                         {"name_es", true},
                                         {"objective_en", true},
                                         {"objective_es", true},
                                         {"description_en", false},
                                         {"description_es", false},
                                         {"colour", false}};
    int c[NCOLS];
    size_t n = mgi_csv_nrows(csv);
    size_t errors_before = mgi_diag_count(L->diag, MGI_ERROR);
    if (!bind(L, csv, specs, NCOLS, c))
        goto cleanup;
    ds->domains = mgi_arena_array(ds->arena, n ? n : 1, sizeof(mgi_domain));
    ds->domain_map = mgi_strmap_new(n);
    seen = mgi_strmap_new(n);
    if (!ds->domains || !ds->domain_map || !seen) {
        set_err(L, MGI_ERR_NOMEM);
        goto cleanup;
    }
    size_t by_number[7] = {0}; /* row + 1 of each number */
    for (size_t r = 0; r < n; r++) {
        mgi_domain *d = &ds->domains[ds->ndomains];
        d->key = text(L, csv, r, c[KEY], "domain key", true);
        const char *num = text(L, csv, r, c[NUMBER], "domain number", true);
        d->name[MGI_LANG_EN] = text(L, csv, r, c[NAME_EN], "name_en", true);
        d->name[MGI_LANG_ES] = text(L, csv, r, c[NAME_ES], "name_es", true);
        d->objective[MGI_LANG_EN] = text(L, csv, r, c[OBJ_EN], "objective_en", true);
        d->objective[MGI_LANG_ES] = text(L, csv, r, c[OBJ_ES], "objective_es", true);
        d->description[MGI_LANG_EN] = text(L, csv, r, c[DESC_EN], "description_en", false);
        d->description[MGI_LANG_ES] = text(L, csv, r, c[DESC_ES], "description_es", false);
        const char *colour = text(L, csv, r, c[COLOUR], "colour", false);
        bool ok = *d->key != '\0';
        for (const char *k = d->key; *k; k++)
            if (!islower((unsigned char)*k) && !isdigit((unsigned char)*k) && *k != '_') {
                at(L, csv, r, c[KEY], MGI_ERROR,
                   "domain key \"%s\" must be lower-case letters, digits or '_'", d->key);
                ok = false;
                break;
            }
        if (*num) {
            if (!all_digits(num, 1, 1) || num[0] < '1' || num[0] > '6') {
                at(L, csv, r, c[NUMBER], MGI_ERROR, "domain number \"%s\" must be 1 to 6", num);
                ok = false;
            } else {
                d->number = num[0] - '0';
                if (by_number[d->number]) {
                    at(L, csv, r, c[NUMBER], MGI_ERROR,
                       "duplicate domain number %d (first at line %u)", d->number,
                       line_of(csv, by_number[d->number] - 1));
                    ok = false;
                } else {
                    by_number[d->number] = r + 1;
                }
            }
        } else {
            ok = false;
        }
        if (*colour) {
            unsigned v;
            char end;
            if (strlen(colour) != 7 || colour[0] != '#' ||
                sscanf(colour + 1, "%6x%c", &v, &end) != 1 ||
                strspn(colour + 1, "0123456789abcdefABCDEF") != 6) {
                at(L, csv, r, c[COLOUR], MGI_ERROR, "colour \"%s\" is not of the form #RRGGBB",
                   colour);
                ok = false;
            } else {
                d->colour = v;
                d->has_colour = true;
            }
        }
        if (*d->key && !first_seen(L, seen, csv, r, c[KEY], d->key, "domain"))
            ok = false;
        if (ok && mgi_strmap_put(ds->domain_map, d->key, ds->ndomains, NULL) < 0) {
            set_err(L, MGI_ERR_NOMEM);
            goto cleanup;
        }
        if (ok)
            ds->ndomains++;
    }
    if (mgi_diag_count(L->diag, MGI_ERROR) == errors_before) {
        char missing[32] = "";
        for (int k = 1; k <= 6; k++)
            if (!by_number[k])
                snprintf(missing + strlen(missing), sizeof missing - strlen(missing), "%s%d",
                         *missing ? ", " : "", k);
        if (*missing) {
            mgi_diag_add(L->diag, MGI_ERROR, mgi_csv_path(csv), 0, 0,
                         "the six MiGOF domains numbered 1 to 6 are required; missing %s", missing);
            set_err(L, MGI_ERR_DATA);
        } else {
            L->domains_ok = true;
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
            goto cleanup;
        }
        for (size_t i = 0; i < ds->ndomains; i++)
            mgi_strmap_put(ds->domain_map, ds->domains[i].key, i, NULL);
    }
cleanup:
    mgi_strmap_free(seen);
    keep(L, csv);
}

/* -------------------------------------------------------------- indicators */

static bool indicator_id_ok(const char *s)
{
    size_t letters = 0, digits = 0;
    while (isalpha((unsigned char)*s) && isupper((unsigned char)*s))
        s++, letters++;
    if (*s++ != '-')
        return false;
    while (isdigit((unsigned char)*s))
        s++, digits++;
    return *s == '\0' && letters >= 1 && letters <= 8 && digits >= 1 && digits <= 4;
}

/* The gcm and sdg cells of row r (gcm.h), each problem reported where it is
 * in the cell. Returns false when there is one. */
static bool lens(loader *L, mgi_csv *csv, size_t r, int gcm_col, int sdg_col, mgi_indicator *ind)
{
    mgi_lens_problem p[8];
    bool ok = true;
    for (int pass = 0; pass < 2; pass++) {
        int col = pass == 0 ? gcm_col : sdg_col;
        const char *cell = text(L, csv, r, col, pass == 0 ? "gcm" : "sdg", false);
        size_t np, nsdg = 0;
        if (pass == 0)
            np = mgi_gcm_parse(cell, &ind->gcm, p, 8);
        else
            np = mgi_sdg_parse(cell, ind->sdg, &nsdg, p, 8);
        ind->nsdg = (unsigned)nsdg;
        if (!np)
            continue;
        /* The cell's column, past an opening quote, plus the characters
         * before the item (text() only trims, so cell is still the cell's
         * text from its first character on). */
        const char *start = mgi_csv_cell(csv, r, (size_t)col);
        size_t off, raw;
        mgi_csv_span(csv, r, (size_t)col, &off, &raw);
        bool quoted = raw > mgi_csv_cell_len(csv, r, (size_t)col);
        unsigned line, column;
        mgi_csv_where(csv, r, (size_t)col, &line, &column);
        for (size_t k = 0; k < np && k < 8; k++) {
            size_t before = (size_t)(cell - start) + p[k].offset;
            mgi_diag_add(L->diag, MGI_ERROR, mgi_csv_path(csv), line,
                         column + (quoted ? 1u : 0u) + (unsigned)mgi_utf8_length(start, before),
                         "%s", p[k].message);
        }
        set_err(L, MGI_ERR_DATA);
        ok = false;
    }
    return ok;
}

static void load_indicators(loader *L)
{
    mgi_dataset *ds = L->ds;
    mgi_strmap *seen = NULL; /* key → row, for duplicates */
    mgi_csv *csv = open_csv(L, "indicators.csv");
    if (!csv)
        return;
    enum { ID, DOMAIN, AREA, AREA_ES, Q_EN, Q_ES, WEIGHT, COVID, SEAL, L_EN, L_ES, GCM, SDG, NCOLS };
    static const colspec specs[NCOLS] = {
        {"id", true},          {"domain", true},      {"area", true},    {"area_es", false},
        {"question_en", true}, {"question_es", true}, {"weight", false}, {"covid", false},
        {"seal_dimension", false}, {"label_en", false}, {"label_es", false},
        {"gcm", false},        {"sdg", false}};
    int c[NCOLS];
    size_t n = mgi_csv_nrows(csv);
    size_t errors_before = mgi_diag_count(L->diag, MGI_ERROR);
    if (!bind(L, csv, specs, NCOLS, c))
        goto cleanup;
    ds->indicators = mgi_arena_array(ds->arena, n ? n : 1, sizeof(mgi_indicator));
    ds->indicator_map = mgi_strmap_new(n);
    seen = mgi_strmap_new(n);
    if (!ds->indicators || !ds->indicator_map || !seen) {
        set_err(L, MGI_ERR_NOMEM);
        goto cleanup;
    }
    for (size_t r = 0; r < n; r++) {
        mgi_indicator *ind = &ds->indicators[ds->nindicators];
        bool ok = true;
        ind->id = text(L, csv, r, c[ID], "indicator id", true);
        const char *domain = text(L, csv, r, c[DOMAIN], "domain", true);
        ind->area[MGI_LANG_EN] = text(L, csv, r, c[AREA], "area", true);
        ind->area[MGI_LANG_ES] = text(L, csv, r, c[AREA_ES], "area_es", false);
        if (!*ind->area[MGI_LANG_ES])
            ind->area[MGI_LANG_ES] = ind->area[MGI_LANG_EN];
        ind->question[MGI_LANG_EN] = text(L, csv, r, c[Q_EN], "question_en", true);
        ind->question[MGI_LANG_ES] = text(L, csv, r, c[Q_ES], "question_es", true);
        for (int l = 0; l < MGI_NLANGS; l++) {
            int col = c[l == MGI_LANG_EN ? L_EN : L_ES];
            ind->label[l] = text(L, csv, r, col, l == MGI_LANG_EN ? "label_en" : "label_es", false);
            size_t chars = mgi_utf8_length(ind->label[l], strlen(ind->label[l]));
            if (chars > MGI_LABEL_MAX) {
                at(L, csv, r, col, MGI_ERROR,
                   "%s has %zu characters; a short label has at most %d (the question is "
                   "printed where there is room)",
                   l == MGI_LANG_EN ? "label_en" : "label_es", chars, MGI_LABEL_MAX);
                ok = false;
            }
        }
        const char *weight = text(L, csv, r, c[WEIGHT], "weight", false);
        const char *covid = text(L, csv, r, c[COVID], "covid", false);
        const char *seal = text(L, csv, r, c[SEAL], "seal_dimension", false);
        ind->seal_dimension = -1;
        for (int k = 0; *seal && k < MGI_SEAL_NDIMS; k++)
            if (strcmp(seal, mgi_seal_dimension_key(k)) == 0)
                ind->seal_dimension = k;
        if (*seal && ind->seal_dimension < 0) {
            at(L, csv, r, c[SEAL], MGI_ERROR,
               "unknown seal_dimension \"%s\" (use institutions, training, policies, "
               "regular_status, associativity or leave it empty)",
               seal);
            ok = false;
        }
        if (!lens(L, csv, r, c[GCM], c[SDG], ind))
            ok = false;
        if (!*ind->id || !*domain)
            ok = false;
        if (*ind->id && !indicator_id_ok(ind->id)) {
            at(L, csv, r, c[ID], MGI_ERROR,
               "indicator id \"%s\" must look like MR-01 (capital letters, '-', digits)", ind->id);
            ok = false;
        }
        if (*domain && L->domains_ok) {
            size_t d;
            if (mgi_strmap_get(ds->domain_map, domain, &d)) {
                ind->domain = d;
            } else {
                at(L, csv, r, c[DOMAIN], MGI_ERROR, "unknown domain \"%s\" (not in domains.csv)",
                   domain);
                ok = false;
            }
        }
        ind->weight = 1;
        if (*weight) {
            char buf[64], *end;
            snprintf(buf, sizeof buf, "%s", weight);
            char *comma = strchr(buf, ',');
            if (comma && !strchr(comma + 1, ','))
                *comma = '.'; /* a decimal comma, as Spanish-locale spreadsheets write */
            errno = 0;
            double w = strtod(buf, &end);
            if (end == buf || *end || errno || !isfinite(w) || w <= 0 || strlen(weight) >= 63) {
                at(L, csv, r, c[WEIGHT], MGI_ERROR, "weight \"%s\" is not a positive number",
                   weight);
                ok = false;
            } else {
                ind->weight = w;
            }
        }
        if (*covid) {
            if (strcmp(covid, "1") == 0)
                ind->covid = true;
            else if (strcmp(covid, "0") != 0) {
                at(L, csv, r, c[COVID], MGI_ERROR, "covid must be 1, 0 or empty, not \"%s\"",
                   covid);
                ok = false;
            }
        }
        if (*ind->id && !first_seen(L, seen, csv, r, c[ID], ind->id, "indicator"))
            ok = false;
        if (ok && mgi_strmap_put(ds->indicator_map, ind->id, ds->nindicators, NULL) < 0) {
            set_err(L, MGI_ERR_NOMEM);
            break;
        }
        if (ok)
            ds->nindicators++;
    }
    L->indicators_ok = mgi_diag_count(L->diag, MGI_ERROR) == errors_before;
cleanup:
    mgi_strmap_free(seen);
    keep(L, csv);
}

/* ---------------------------------------------------------------- communes */

const char *mgi_seal_status_key(mgi_seal_status st)
{
    static const char *const keys[MGI_SEAL_NSTATUS] = {"",        "none",        "candidate",
                                                       "granted", "revalidated", "lapsed"};
    return st >= 0 && st < MGI_SEAL_NSTATUS ? keys[st] : "";
}

const char *mgi_seal_dimension_key(int dim)
{
    static const char *const keys[MGI_SEAL_NDIMS] = {"institutions", "training", "policies",
                                                     "regular_status", "associativity"};
    return dim >= 0 && dim < MGI_SEAL_NDIMS ? keys[dim] : "";
}

static bool date_at(loader *L, mgi_csv *csv, size_t r, int col, const char *name, mgi_date *out)
{
    const char *s = text(L, csv, r, col, name, false);
    *out = MGI_NODATE;
    if (!*s || mgi_date_parse(s, out))
        return true;
    at(L, csv, r, col, MGI_ERROR, "%s \"%s\" is not a date (YYYY-MM-DD, a day of that month)",
       name, s);
    return false;
}

/* The Migrant Seal columns of one commune. */
static bool seal_at(loader *L, mgi_csv *csv, size_t r, int cs, int csince, int creview,
                    mgi_commune *cm)
{
    bool ok = true;
    const char *st = text(L, csv, r, cs, "seal_status", false);
    cm->seal = MGI_SEAL_UNKNOWN;
    for (int k = 1; *st && k < MGI_SEAL_NSTATUS; k++)
        if (strcmp(st, mgi_seal_status_key((mgi_seal_status)k)) == 0)
            cm->seal = (mgi_seal_status)k;
    if (*st && cm->seal == MGI_SEAL_UNKNOWN) {
        at(L, csv, r, cs, MGI_ERROR,
           "unknown seal_status \"%s\" (use none, candidate, granted, revalidated or lapsed)", st);
        ok = false;
    }
    ok &= date_at(L, csv, r, csince, "seal_since", &cm->seal_since);
    ok &= date_at(L, csv, r, creview, "seal_last_review", &cm->seal_last_review);
    if (ok && cm->seal_since != MGI_NODATE && cm->seal_last_review != MGI_NODATE &&
        cm->seal_last_review < cm->seal_since) {
        at(L, csv, r, creview, MGI_ERROR, "seal_last_review is before seal_since");
        ok = false;
    }
    if (ok && (cm->seal == MGI_SEAL_UNKNOWN || cm->seal == MGI_SEAL_NONE) &&
        (cm->seal_since != MGI_NODATE || cm->seal_last_review != MGI_NODATE))
        at(L, csv, r, cs, MGI_WARNING, "seal dates are given but seal_status is \"%s\"",
           *st ? st : "");
    if (ok && (cm->seal == MGI_SEAL_GRANTED || cm->seal == MGI_SEAL_REVALIDATED) &&
        cm->seal_since == MGI_NODATE)
        at(L, csv, r, csince, MGI_WARNING,
           "seal_status is \"%s\" but seal_since is empty: the revalidation date is unknown", st);
    return ok;
}

static void load_communes(loader *L)
{
    mgi_dataset *ds = L->ds;
    mgi_strmap *seen = NULL; /* key → row, for duplicates */
    mgi_csv *csv = open_csv(L, "communes.csv");
    if (!csv)
        return;
    enum { CODE, NAME, REGION, COUNTRY, POP, FOREIGN, YEAR, SOURCE, NOTE, SEAL, SINCE, REVIEW,
           NCOLS };
    static const colspec specs[NCOLS] = {
        {"code", true},        {"name", true},          {"region", true},
        {"country", true},     {"population", false},   {"foreign_residents", false},
        {"stats_year", false}, {"stats_source", false}, {"note", false},
        {"seal_status", false}, {"seal_since", false},  {"seal_last_review", false}};
    int c[NCOLS];
    size_t n = mgi_csv_nrows(csv);
    size_t errors_before = mgi_diag_count(L->diag, MGI_ERROR);
    if (!bind(L, csv, specs, NCOLS, c))
        goto cleanup;
    ds->communes = mgi_arena_array(ds->arena, n ? n : 1, sizeof(mgi_commune));
    ds->commune_map = mgi_strmap_new(n);
    seen = mgi_strmap_new(n);
    if (!ds->communes || !ds->commune_map || !seen) {
        set_err(L, MGI_ERR_NOMEM);
        goto cleanup;
    }
    for (size_t r = 0; r < n; r++) {
        mgi_commune *cm = &ds->communes[ds->ncommunes];
        bool ok = true;
        cm->code = text(L, csv, r, c[CODE], "commune code", true);
        cm->name = text(L, csv, r, c[NAME], "commune name", true);
        cm->region = text(L, csv, r, c[REGION], "region", true);
        cm->country = text(L, csv, r, c[COUNTRY], "country", true);
        const char *named[] = {cm->name, cm->region, cm->country};
        const int named_col[] = {c[NAME], c[REGION], c[COUNTRY]};
        for (int k = 0; k < 3; k++)
            if (mgi_csv_formula_like(named[k]))
                at(L, csv, r, named_col[k], MGI_WARNING,
                   "\"%s\" begins as a spreadsheet formula would; the CSV files mgi writes put "
                   "an apostrophe before it",
                   named[k]);
        const char *pop = text(L, csv, r, c[POP], "population", false);
        const char *foreign = text(L, csv, r, c[FOREIGN], "foreign_residents", false);
        const char *year = text(L, csv, r, c[YEAR], "stats_year", false);
        cm->stats_source = text(L, csv, r, c[SOURCE], "stats_source", false);
        cm->note = text(L, csv, r, c[NOTE], "note", false);
        if (!*cm->code || !*cm->name || !*cm->region || !*cm->country)
            ok = false;
        if (*cm->code && !safe_code(cm->code)) {
            at(L, csv, r, c[CODE], MGI_ERROR,
               "commune code \"%s\" is not safe as a file name (use only letters, digits, '-' "
               "and '_', at most 64)",
               cm->code);
            ok = false;
        }
        cm->population = count_at(L, csv, r, c[POP], pop, "population");
        cm->foreign_residents = count_at(L, csv, r, c[FOREIGN], foreign, "foreign_residents");
        if (cm->population < -1 || cm->foreign_residents < -1)
            ok = false;
        else if (cm->population >= 0 && cm->foreign_residents > cm->population)
            at(L, csv, r, c[FOREIGN], MGI_WARNING,
               "foreign_residents (%lld) exceed the population (%lld)", cm->foreign_residents,
               cm->population);
        if (*year && !(cm->stats_year = year_at(L, csv, r, c[YEAR], year)))
            ok = false;
        if (!seal_at(L, csv, r, c[SEAL], c[SINCE], c[REVIEW], cm))
            ok = false;
        if (*cm->code && !first_seen(L, seen, csv, r, c[CODE], cm->code, "commune"))
            ok = false;
        if (ok && mgi_strmap_put(ds->commune_map, cm->code, ds->ncommunes, NULL) < 0) {
            set_err(L, MGI_ERR_NOMEM);
            break;
        }
        if (ok)
            ds->ncommunes++;
    }
    L->communes_ok = mgi_diag_count(L->diag, MGI_ERROR) == errors_before;
cleanup:
    mgi_strmap_free(seen);
    keep(L, csv);
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
    y->responses[y->n] = mgi_arena_array(ds->arena, ds->nindicators ? ds->nindicators : 1,
                                         sizeof(mgi_response));
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
static void check_links(loader *L, const char *path, const char *md, unsigned line0,
                        unsigned col0)
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

/* responses.csv is read row by row (mgi_csv_stream): a data set of a
 * thousand communes has some 70 MB of findings, which are left in the file. */
typedef struct response_reader {
    loader *L;
    int c[R_NCOLS];
    year_list *years; /* [ncommunes] */
} response_reader;

static bool responses_header(const mgi_csv *csv, void *ctx)
{
    static const colspec specs[R_NCOLS] = {
        {"commune", true},     {"year", true},        {"indicator", true}, {"answer", true},
        {"finding_en", false}, {"finding_es", false}, {"source", false}};
    response_reader *rr = ctx;
    mix(rr->L->ds, mgi_csv_hash(csv));
    return bind(rr->L, csv, specs, R_NCOLS, rr->c);
}

static bool responses_row(mgi_csv *csv, void *ctx)
{
    response_reader *rr = ctx;
    loader *L = rr->L;
    mgi_dataset *ds = L->ds;
    const int *c = rr->c;
    static const char *const what[] = {"commune", "year", "indicator", "answer"};
    const char *s[R_ANSWER + 1];
    bool ok = true;
    for (int k = R_COMMUNE; k <= R_ANSWER; k++) {
        s[k] = mgi_csv_cell(csv, 0, (size_t)c[k]);
        while (isspace((unsigned char)*s[k]))
            s[k]++;
        if (!*s[k]) {
            at(L, csv, 0, c[k], MGI_ERROR, "empty %s", what[k]);
            ok = false;
        }
    }
    if (!ok)
        return true;
    int year = year_at(L, csv, 0, c[R_YEAR], s[R_YEAR]);
    mgi_answer answer = mgi_answer_parse(s[R_ANSWER]);
    if (answer == MGI_ANSWER_MISSING)
        at(L, csv, 0, c[R_ANSWER], MGI_ERROR, "unknown answer \"%s\" (use yes, partial, no or na)",
           s[R_ANSWER]);
    size_t commune = 0, indicator = 0;
    ok = year && answer != MGI_ANSWER_MISSING && L->communes_ok && L->indicators_ok;
    if (L->communes_ok) {
        const char *code = text(L, csv, 0, c[R_COMMUNE], "commune", true);
        if (!mgi_strmap_get(ds->commune_map, code, &commune)) {
            at(L, csv, 0, c[R_COMMUNE], MGI_ERROR, "unknown commune \"%s\" (not in communes.csv)",
               code);
            ok = false;
        }
    }
    if (L->indicators_ok) {
        const char *id = text(L, csv, 0, c[R_INDICATOR], "indicator", true);
        if (!mgi_strmap_get(ds->indicator_map, id, &indicator)) {
            at(L, csv, 0, c[R_INDICATOR], MGI_ERROR,
               "unknown indicator \"%s\" (not in indicators.csv)", id);
            ok = false;
        }
    }
    if (!ok)
        return true;
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
    resp->answer = answer;
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
                    hi = r->text_off[t] + r->text_len[t] > hi ? r->text_off[t] + r->text_len[t] : hi;
                }
            }
    if (tf && lo < hi)
        mgi_textfile_focus(tf, lo, hi);
}

const char *mgi_response_text(const mgi_dataset *ds, const mgi_response *r, int text,
                              mgi_arena *a)
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
    enum {
        WHEN = MGI_LOG_WHEN,
        REVIEWER = MGI_LOG_REVIEWER,
        COMMUNE = MGI_LOG_COMMUNE,
        YEAR = MGI_LOG_YEAR,
        INDICATOR = MGI_LOG_INDICATOR,
        FIELD = MGI_LOG_FIELD,
        OLD = MGI_LOG_OLD,
        NEW = MGI_LOG_NEW,
        COMMENT = MGI_LOG_COMMENT,
        NCOLS = MGI_LOG_NCOLS
    };
    /* the columns as feedback.h lists them, which mgi_feedback_apply writes */
    static const bool required[NCOLS] = {true, false, true, true, true, true};
    colspec specs[NCOLS];
    for (int k = 0; k < NCOLS; k++)
        specs[k] = (colspec){mgi_changelog_columns[k], required[k]};
    int c[NCOLS];
    size_t n = mgi_csv_nrows(csv);
    if (!bind(L, csv, specs, NCOLS, c) || !L->communes_ok || !L->indicators_ok)
        goto cleanup;
    /* Count per round first, then fill. */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t r = 0; r < n; r++) {
            const char *code = mgi_csv_cell(csv, r, (size_t)c[COMMUNE]);
            const char *year = mgi_csv_cell(csv, r, (size_t)c[YEAR]);
            const char *id = mgi_csv_cell(csv, r, (size_t)c[INDICATOR]);
            const char *field = mgi_csv_cell(csv, r, (size_t)c[FIELD]);
            size_t ci, ii;
            mgi_round *rd = NULL;
            if (mgi_strmap_get(ds->commune_map, code, &ci) && all_digits(year, 4, 4))
                rd = find_round(&ds->communes[ci], atoi(year));
            bool ok = rd && mgi_strmap_get(ds->indicator_map, id, &ii) &&
                      (strcmp(field, "answer") == 0 || strcmp(field, "finding_en") == 0 ||
                       strcmp(field, "finding_es") == 0);
            if (!ok) {
                if (pass == 0)
                    at(L, csv, r, c[COMMUNE], MGI_ERROR,
                       "change for an unknown commune, year, indicator or field (%s, %s, %s, %s)",
                       code, year, id, field);
                continue;
            }
            if (pass == 0) {
                rd->nchanges++;
                continue;
            }
            mgi_logentry *e = &rd->changes[rd->nchanges++];
            e->when = text(L, csv, r, c[WHEN], "when", true);
            e->reviewer = text(L, csv, r, c[REVIEWER], "reviewer", false);
            e->indicator = ii;
            e->field = text(L, csv, r, c[FIELD], "field", true);
            e->before = text(L, csv, r, c[OLD], "old", false);
            e->after = text(L, csv, r, c[NEW], "new", false);
            e->comment = text(L, csv, r, c[COMMENT], "comment", false);
        }
        if (pass == 0)
            for (size_t i = 0; i < ds->ncommunes; i++)
                for (size_t k = 0; k < ds->communes[i].nrounds; k++) {
                    mgi_round *rd = &ds->communes[i].rounds[k];
                    rd->changes = mgi_arena_array(ds->arena, rd->nchanges + 1, sizeof(mgi_logentry));
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

static void load_round_narratives(loader *L, const char *rdir, mgi_round *rd)
{
    DIR *d = opendir(rdir);
    if (!d) {
        mgi_diag_add(L->diag, MGI_ERROR, rdir, 0, 0, "%s", strerror(errno));
        set_err(L, MGI_ERR_IO);
        return;
    }
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn)
                break;
            names = nn;
        }
        if (!(names[n] = mgi_arena_strdup(L->ds->arena, e->d_name)))
            break;
        n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
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
    free(names);
}

static void load_narratives(loader *L)
{
    mgi_dataset *ds = L->ds;
    char *pdir = join(L, L->dir, "profiles");
    if (!pdir)
        return;
    DIR *d = opendir(pdir);
    if (!d) {
        if (errno != ENOENT) {
            mgi_diag_add(L->diag, MGI_ERROR, pdir, 0, 0, "%s", strerror(errno));
            set_err(L, MGI_ERR_IO);
        }
        return;
    }
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn) {
                set_err(L, MGI_ERR_NOMEM);
                break;
            }
            names = nn;
        }
        if (!(names[n] = mgi_arena_strdup(ds->arena, e->d_name))) {
            set_err(L, MGI_ERR_NOMEM);
            break;
        }
        n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
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
        if (dash && all_digits(dash + 1, 4, 4)) {
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
    free(names);
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

/* The names in dir ending in suffix, sorted (malloc'd, the caller frees each
 * and the array); 0 when there are none or dir cannot be read. */
static size_t names_in(const char *dir, const char *suffix, char ***out)
{
    DIR *d = opendir(dir);
    char **names = NULL;
    size_t n = 0, cap = 0, sl = strlen(suffix);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (e->d_name[0] == '.' || l < sl || strcmp(e->d_name + l - sl, suffix) != 0)
            continue;
        if (n == cap) {
            char **nn = realloc(names, (cap = cap ? cap * 2 : 16) * sizeof *nn);
            if (!nn)
                break;
            names = nn;
        }
        if (!(names[n] = strdup(e->d_name)))
            break;
        n++;
    }
    if (d)
        closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    *out = names;
    return n;
}

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
    char **files = NULL, **rounds = NULL, dir[4096];
    size_t nfiles = names_in(ds->dir, ".csv", &files), nrounds = 0;
    bool found = false;
    for (size_t i = 0; i < nfiles && !found; i++) {
        snprintf(dir, sizeof dir, "%s/%.512s", ds->dir, files[i]);
        found = find_in(dir, needle, line, col);
    }
    snprintf(dir, sizeof dir, "%s/profiles", ds->dir);
    nrounds = found ? 0 : names_in(dir, "", &rounds);
    for (size_t r = 0; r < nrounds && !found; r++) {
        char rdir[2048], **mds = NULL;
        snprintf(rdir, sizeof rdir, "%s/profiles/%.512s", ds->dir, rounds[r]);
        size_t nmd = names_in(rdir, ".md", &mds);
        for (size_t i = 0; i < nmd; i++) {
            if (!found) {
                snprintf(dir, sizeof dir, "%s/%.512s", rdir, mds[i]);
                found = find_in(dir, needle, line, col);
            }
            free(mds[i]);
        }
        free(mds);
    }
    for (size_t i = 0; i < nfiles; i++)
        free(files[i]);
    for (size_t i = 0; i < nrounds; i++)
        free(rounds[i]);
    free(files);
    free(rounds);
    if (found && !(*path = strdup(dir)))
        found = false;
    return found;
}
