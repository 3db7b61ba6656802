/* cells.c — checks of single cells of the data directory's CSV files. */
#include "mgi/cells.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mgi/gcm.h"
#include "mgi/utf8.h"

void mgi_cell_vreport(const mgi_cell *c, mgi_severity sev, const char *fmt, va_list ap)
{
    unsigned line, column;
    mgi_csv_where(c->csv, c->row, c->col < 0 ? 0 : (size_t)c->col, &line, &column);
    mgi_diag_vadd(c->diag, sev, mgi_csv_path(c->csv), line, column, fmt, ap);
}

void mgi_cell_report(const mgi_cell *c, mgi_severity sev, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mgi_cell_vreport(c, sev, fmt, ap);
    va_end(ap);
}

bool mgi_cell_digits(const char *s, size_t min, size_t max)
{
    size_t n = strlen(s);
    if (n < min || n > max)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    return true;
}

bool mgi_cell_year(const mgi_cell *c, void *value)
{
    int *year = value;
    if (!*c->text)
        return true;
    if (!mgi_cell_digits(c->text, 4, 4)) {
        mgi_cell_report(c, MGI_ERROR, "year \"%s\" is not a 4-digit number", c->text);
        *year = 0;
        return false;
    }
    *year = atoi(c->text);
    if (*year < MGI_YEAR_MIN || *year > MGI_YEAR_MAX) {
        mgi_cell_report(c, MGI_ERROR, "year \"%s\" is outside %d to %d", c->text, MGI_YEAR_MIN,
                        MGI_YEAR_MAX);
        *year = 0;
        return false;
    }
    return true;
}

bool mgi_cell_count(const mgi_cell *c, void *value)
{
    long long *n = value;
    if (!*c->text) {
        *n = -1;
        return true;
    }
    if (!mgi_cell_digits(c->text, 1, 15)) {
        mgi_cell_report(c, MGI_ERROR, "%s \"%s\" is not a whole number (write digits only)",
                        c->name, c->text);
        *n = -2;
        return false;
    }
    *n = strtoll(c->text, NULL, 10);
    return true;
}

bool mgi_cell_weight(const mgi_cell *c, void *value)
{
    double *weight = value;
    const char *s = c->text;
    *weight = 1;
    if (!*s)
        return true;
    char buf[64], *end;
    snprintf(buf, sizeof buf, "%s", s);
    char *comma = strchr(buf, ',');
    if (comma && !strchr(comma + 1, ','))
        *comma = '.'; /* a decimal comma, as Spanish-locale spreadsheets write */
    errno = 0;
    double w = strtod(buf, &end);
    if (end == buf || *end || errno || !isfinite(w) || w <= 0 || strlen(s) >= 63) {
        mgi_cell_report(c, MGI_ERROR, "weight \"%s\" is not a positive number", s);
        return false;
    }
    *weight = w;
    return true;
}

bool mgi_cell_flag(const mgi_cell *c, void *value)
{
    bool *flag = value;
    *flag = strcmp(c->text, "1") == 0;
    if (*flag || !*c->text || strcmp(c->text, "0") == 0)
        return true;
    mgi_cell_report(c, MGI_ERROR, "%s must be 1, 0 or empty, not \"%s\"", c->name, c->text);
    return false;
}

bool mgi_cell_colour(const mgi_cell *c, void *value)
{
    const char *s = c->text;
    unsigned v;
    char end;
    if (!*s)
        return true;
    if (strlen(s) != 7 || s[0] != '#' || sscanf(s + 1, "%6x%c", &v, &end) != 1 ||
        strspn(s + 1, "0123456789abcdefABCDEF") != 6) {
        mgi_cell_report(c, MGI_ERROR, "colour \"%s\" is not of the form #RRGGBB", s);
        return false;
    }
    *(unsigned *)value = v;
    return true;
}

bool mgi_cell_domain_number(const mgi_cell *c, void *value)
{
    const char *s = c->text;
    if (!*s)
        return true;
    if (!mgi_cell_digits(s, 1, 1) || s[0] < '1' || s[0] > '6') {
        mgi_cell_report(c, MGI_ERROR, "domain number \"%s\" must be 1 to 6", s);
        return false;
    }
    *(int *)value = s[0] - '0';
    return true;
}

bool mgi_cell_domain_key(const mgi_cell *c, void *value)
{
    *(const char **)value = c->text;
    for (const char *k = c->text; *k; k++)
        if (!islower((unsigned char)*k) && !isdigit((unsigned char)*k) && *k != '_') {
            mgi_cell_report(c, MGI_ERROR,
                            "domain key \"%s\" must be lower-case letters, digits or '_'", c->text);
            return false;
        }
    return true;
}

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

bool mgi_cell_indicator_id(const mgi_cell *c, void *value)
{
    *(const char **)value = c->text;
    if (!*c->text || indicator_id_ok(c->text))
        return true;
    mgi_cell_report(c, MGI_ERROR,
                    "indicator id \"%s\" must look like MR-01 (capital letters, '-', digits)",
                    c->text);
    return false;
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

bool mgi_cell_commune_code(const mgi_cell *c, void *value)
{
    *(const char **)value = c->text;
    if (!*c->text || safe_code(c->text))
        return true;
    mgi_cell_report(c, MGI_ERROR,
                    "commune code \"%s\" is not safe as a file name (use only letters, digits, "
                    "'-' and '_', at most 64)",
                    c->text);
    return false;
}

bool mgi_cell_name(const mgi_cell *c, void *value)
{
    *(const char **)value = c->text;
    if (mgi_csv_formula_like(c->text))
        mgi_cell_report(c, MGI_WARNING,
                        "\"%s\" begins as a spreadsheet formula would; the CSV files mgi writes "
                        "put an apostrophe before it",
                        c->text);
    return true;
}

bool mgi_cell_label(const mgi_cell *c, void *value)
{
    *(const char **)value = c->text;
    size_t chars = mgi_utf8_length(c->text, strlen(c->text));
    if (chars <= MGI_LABEL_MAX)
        return true;
    mgi_cell_report(c, MGI_ERROR,
                    "%s has %zu characters; a short label has at most %d (the question is "
                    "printed where there is room)",
                    c->name, chars, MGI_LABEL_MAX);
    return false;
}

bool mgi_cell_seal_status(const mgi_cell *c, void *value)
{
    mgi_seal_status *st = value;
    *st = mgi_seal_status_parse(c->text);
    if (!*c->text || *st != MGI_SEAL_UNKNOWN)
        return true;
    mgi_cell_report(
        c, MGI_ERROR,
        "unknown seal_status \"%s\" (use none, candidate, granted, revalidated or lapsed)",
        c->text);
    return false;
}

bool mgi_cell_seal_dimension(const mgi_cell *c, void *value)
{
    int *dim = value;
    *dim = mgi_seal_dimension_parse(c->text);
    if (!*c->text || *dim >= 0)
        return true;
    mgi_cell_report(c, MGI_ERROR,
                    "unknown seal_dimension \"%s\" (use institutions, training, policies, "
                    "regular_status, associativity or leave it empty)",
                    c->text);
    return false;
}

bool mgi_cell_date(const mgi_cell *c, void *value)
{
    mgi_date *d = value;
    *d = MGI_NODATE;
    if (!*c->text || mgi_date_parse(c->text, d))
        return true;
    mgi_cell_report(c, MGI_ERROR, "%s \"%s\" is not a date (YYYY-MM-DD, a day of that month)",
                    c->name, c->text);
    return false;
}

/* The problems of a gcm or sdg cell, each where it is: the cell's column,
 * past an opening quote, plus the characters before the item (the loader
 * only trims, so c->text is still inside the cell's text). */
static bool lens_problems(const mgi_cell *c, const mgi_lens_problem *p, size_t np, size_t max)
{
    if (!np)
        return true;
    const char *start = mgi_csv_cell(c->csv, c->row, (size_t)c->col);
    size_t off, raw;
    mgi_csv_span(c->csv, c->row, (size_t)c->col, &off, &raw);
    bool quoted = raw > mgi_csv_cell_len(c->csv, c->row, (size_t)c->col);
    unsigned line, column;
    mgi_csv_where(c->csv, c->row, (size_t)c->col, &line, &column);
    for (size_t k = 0; k < np && k < max; k++) {
        size_t before = (size_t)(c->text - start) + p[k].offset;
        mgi_diag_add(c->diag, MGI_ERROR, mgi_csv_path(c->csv), line,
                     column + (quoted ? 1u : 0u) + (unsigned)mgi_utf8_length(start, before), "%s",
                     p[k].message);
    }
    return false;
}

bool mgi_cell_gcm(const mgi_cell *c, void *value)
{
    mgi_lens_problem p[8];
    size_t np = mgi_gcm_parse(c->text, value, p, 8);
    return lens_problems(c, p, np, 8);
}

bool mgi_cell_sdg(const mgi_cell *c, void *value)
{
    mgi_indicator *ind = value;
    mgi_lens_problem p[8];
    size_t nsdg = 0;
    size_t np = mgi_sdg_parse(c->text, ind->sdg, &nsdg, p, 8);
    ind->nsdg = (unsigned)nsdg;
    return lens_problems(c, p, np, 8);
}

bool mgi_cell_answer(const mgi_cell *c, void *value)
{
    mgi_answer *answer = value;
    *answer = mgi_answer_parse(c->text);
    if (*answer != MGI_ANSWER_MISSING || !*c->text)
        return true;
    mgi_cell_report(c, MGI_ERROR, "unknown answer \"%s\" (use yes, partial, no or na)", c->text);
    return false;
}
