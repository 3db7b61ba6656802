/* gcm.c — the Global Compact lens: GCM objectives and SDG targets per indicator, and readiness in
 * each. */
#include "mgi/gcm.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Targets per goal in the 2030 Agenda (A/RES/70/1): numbered ones, then
 * lettered ones (a, b, …); 169 in all. */
static const unsigned char numbered[MGI_SDG_NGOALS + 1] = {0, 5, 5, 9, 7, 6, 6, 3,  10,
                                                           5, 7, 7, 8, 3, 7, 9, 10, 19};
static const unsigned char lettered[MGI_SDG_NGOALS + 1] = {0, 2, 3, 4, 3, 3, 2, 2, 2,
                                                           3, 3, 3, 3, 2, 3, 3, 2, 0};

bool mgi_sdg_exists(int goal, int target)
{
    if (goal < 1 || goal > MGI_SDG_NGOALS)
        return false;
    if (target >= 'a')
        return target < 'a' + lettered[goal];
    return target >= 1 && target <= numbered[goal];
}

char *mgi_sdg_format(mgi_sdg t, char buf[8])
{
    int goal = t >> 8, target = t & 0xff;
    if (target >= 'a')
        snprintf(buf, 8, "%d.%c", goal, target);
    else
        snprintf(buf, 8, "%d.%d", goal, target);
    return buf;
}

static void problem(mgi_lens_problem *p, size_t max, size_t *n, size_t offset, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void problem(mgi_lens_problem *p, size_t max, size_t *n, size_t offset, const char *fmt, ...)
{
    if (*n < max) {
        p[*n].offset = offset;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(p[*n].message, sizeof p[*n].message, fmt, ap);
        va_end(ap);
    }
    (*n)++;
}

/* The items of a ';'-separated cell, trimmed: calls item(ctx, start, len,
 * offset) for each, and reports empty ones. A cell of spaces only has none. */
typedef void (*item_fn)(void *ctx, const char *s, size_t len, size_t offset);

static void split(const char *cell, item_fn item, void *ctx, const char *what, mgi_lens_problem *p,
                  size_t max, size_t *np)
{
    const char *s = cell;
    while (isspace((unsigned char)*s))
        s++;
    if (!*s)
        return;
    for (;;) {
        const char *end = strchr(s, ';');
        if (!end)
            end = s + strlen(s);
        const char *a = s, *b = end;
        while (a < b && isspace((unsigned char)*a))
            a++;
        while (b > a && isspace((unsigned char)b[-1]))
            b--;
        if (a == b)
            problem(p, max, np, (size_t)(a - cell),
                    "empty %s in the list (separate items with a single ';', and end without one)",
                    what);
        else
            item(ctx, a, (size_t)(b - a), (size_t)(a - cell));
        if (!*end)
            break;
        s = end + 1;
    }
}

typedef struct gcm_ctx {
    mgi_gcm_set *set;
    mgi_lens_problem *p;
    size_t max, *np;
} gcm_ctx;

static void gcm_item(void *ctx, const char *s, size_t len, size_t offset)
{
    gcm_ctx *g = ctx;
    int k = 0;
    bool digits = len <= 4;
    for (size_t i = 0; i < len && digits; i++) {
        digits = isdigit((unsigned char)s[i]);
        k = k * 10 + (s[i] - '0');
    }
    if (!digits) {
        problem(g->p, g->max, g->np, offset,
                "GCM objective \"%.*s\" is not a number (use 1 to 23, separated by ';')",
                (int)(len > 40 ? 40 : len), s);
    } else if (k < 1 || k > MGI_GCM_NOBJECTIVES) {
        problem(g->p, g->max, g->np, offset,
                "GCM objective %d does not exist (the Global Compact has objectives 1 to 23)", k);
    } else if (*g->set & (1u << k)) {
        problem(g->p, g->max, g->np, offset, "GCM objective %d is listed twice in the cell", k);
    } else {
        *g->set |= 1u << k;
    }
}

size_t mgi_gcm_parse(const char *cell, mgi_gcm_set *set, mgi_lens_problem *p, size_t max)
{
    size_t n = 0;
    *set = 0;
    gcm_ctx g = {set, p, max, &n};
    split(cell, gcm_item, &g, "GCM objective", p, max, &n);
    return n;
}

typedef struct sdg_ctx {
    mgi_sdg *targets;
    size_t *n;
    mgi_lens_problem *p;
    size_t max, *np;
} sdg_ctx;

/* Reads GOAL.TARGET: 1–2 digits, '.', then 1–2 digits or one letter. */
static bool sdg_syntax(const char *s, size_t len, int *goal, int *target)
{
    size_t i = 0;
    *goal = 0;
    while (i < len && i < 3 && isdigit((unsigned char)s[i]))
        *goal = *goal * 10 + (s[i++] - '0');
    if (i == 0 || i > 2 || i >= len || s[i] != '.')
        return false;
    size_t t = ++i;
    if (len - t == 1 && isalpha((unsigned char)s[t])) {
        *target = tolower((unsigned char)s[t]);
        return true;
    }
    *target = 0;
    while (i < len && isdigit((unsigned char)s[i]))
        *target = *target * 10 + (s[i++] - '0');
    return i == len && len - t >= 1 && len - t <= 2 && s[t] != '0';
}

static void sdg_item(void *ctx, const char *s, size_t len, size_t offset)
{
    sdg_ctx *c = ctx;
    int goal, target;
    int shown = (int)(len > 40 ? 40 : len);
    if (!sdg_syntax(s, len, &goal, &target)) {
        problem(c->p, c->max, c->np, offset,
                "SDG target \"%.*s\" is malformed (write goal.target, such as 10.7 or 10.c)", shown,
                s);
        return;
    }
    if (goal < 1 || goal > MGI_SDG_NGOALS) {
        problem(c->p, c->max, c->np, offset,
                "SDG target \"%.*s\" names goal %d; there are 17 goals", shown, s, goal);
        return;
    }
    if (!mgi_sdg_exists(goal, target)) {
        char last[40] = "";
        if (lettered[goal])
            snprintf(last, sizeof last, " and %d.a to %d.%c", goal, goal, 'a' + lettered[goal] - 1);
        problem(c->p, c->max, c->np, offset,
                "SDG target \"%.*s\" does not exist (goal %d has targets %d.1 to %d.%d%s)", shown,
                s, goal, goal, goal, numbered[goal], last);
        return;
    }
    mgi_sdg t = (mgi_sdg)(goal << 8 | target);
    char buf[8];
    for (size_t i = 0; i < *c->n; i++)
        if (c->targets[i] == t) {
            problem(c->p, c->max, c->np, offset, "SDG target %s is listed twice in the cell",
                    mgi_sdg_format(t, buf));
            return;
        }
    if (*c->n == MGI_SDG_MAX) {
        problem(c->p, c->max, c->np, offset,
                "more than %d SDG targets in one cell (keep the ones the indicator bears on most)",
                MGI_SDG_MAX);
        return;
    }
    c->targets[(*c->n)++] = t;
}

size_t mgi_sdg_parse(const char *cell, mgi_sdg targets[MGI_SDG_MAX], size_t *n, mgi_lens_problem *p,
                     size_t max)
{
    size_t np = 0;
    *n = 0;
    sdg_ctx c = {targets, n, p, max, &np};
    split(cell, sdg_item, &c, "SDG target", p, max, &np);
    return np;
}

bool mgi_indicator_has_sdg(const mgi_indicator *ind, mgi_sdg t)
{
    for (unsigned i = 0; i < ind->nsdg; i++)
        if (ind->sdg[i] == t)
            return true;
    return false;
}

mgi_gcm_set mgi_gcm_mapped(const mgi_dataset *ds)
{
    mgi_gcm_set set = 0;
    for (size_t i = 0; i < ds->nindicators; i++)
        if (!ds->indicators[i].covid)
            set |= ds->indicators[i].gcm;
    return set;
}

static int by_sdg(const void *x, const void *y)
{
    mgi_sdg a = *(const mgi_sdg *)x, b = *(const mgi_sdg *)y;
    return (a > b) - (a < b);
}

size_t mgi_sdg_mapped(const mgi_dataset *ds, mgi_sdg *out, size_t max)
{
    /* Goals 1–17 by targets below 'a' + 26: a bitmap of 18 × 128 bits. */
    static const size_t per_goal = 128;
    unsigned char seen[(MGI_SDG_NGOALS + 1) * 128 / 8] = {0};
    size_t n = 0;
    for (size_t i = 0; i < ds->nindicators; i++) {
        const mgi_indicator *ind = &ds->indicators[i];
        if (ind->covid)
            continue;
        for (unsigned k = 0; k < ind->nsdg; k++) {
            size_t bit = (size_t)(ind->sdg[k] >> 8) * per_goal + (ind->sdg[k] & 0x7f);
            if (seen[bit / 8] & (1u << (bit % 8)))
                continue;
            seen[bit / 8] |= (unsigned char)(1u << (bit % 8));
            if (n < max)
                out[n] = ind->sdg[k];
            n++;
        }
    }
    qsort(out, n < max ? n : max, sizeof *out, by_sdg);
    return n;
}

/* The domain rule over the scored indicators that `in` selects. */
static void assess_by(const mgi_assessment *a, const mgi_result *r,
                      bool (*in)(const mgi_indicator *, unsigned), unsigned key, mgi_score *s,
                      size_t *nmapped)
{
    const mgi_dataset *ds = a->ds;
    double num = 0, answered = 0, total = 0;
    *nmapped = 0;
    for (size_t i = 0; i < ds->nindicators; i++) {
        const mgi_indicator *ind = &ds->indicators[i];
        if (ind->covid || !in(ind, key))
            continue;
        (*nmapped)++;
        total += ind->weight;
        double v = mgi_answer_value(&a->method, r->round->responses[i].answer);
        if (!isnan(v)) {
            num += ind->weight * v;
            answered += ind->weight;
        }
    }
    *s = (mgi_score){0};
    mgi_score_finish(&a->method, s, num, answered, total);
}

static bool in_objective(const mgi_indicator *ind, unsigned k)
{
    return ind->gcm & (1u << k);
}

static bool in_target(const mgi_indicator *ind, unsigned t)
{
    return mgi_indicator_has_sdg(ind, (mgi_sdg)t);
}

void mgi_gcm_assess(const mgi_assessment *a, const mgi_result *r, int k, mgi_score *s,
                    size_t *nmapped)
{
    assess_by(a, r, in_objective, (unsigned)k, s, nmapped);
}

void mgi_sdg_assess(const mgi_assessment *a, const mgi_result *r, mgi_sdg t, mgi_score *s,
                    size_t *nmapped)
{
    assess_by(a, r, in_target, t, s, nmapped);
}

/* Principles, numbered as paragraph 15 of the Compact lists them. */
enum {
    P_PEOPLE = 1,
    P_INTERNATIONAL,
    P_SOVEREIGNTY,
    P_RULE_OF_LAW,
    P_SUSTAINABLE,
    P_RIGHTS,
    P_GENDER,
    P_CHILD,
    P_GOVERNMENT,
    P_SOCIETY
};
#define BIT(p) (1u << (p))

unsigned mgi_gcm_principles(const char *domain, const char **why_key)
{
    static const struct {
        const char *domain, *why;
        unsigned set;
    } table[] = {
        {"rights", "gcm.why.rights", BIT(P_RIGHTS) | BIT(P_PEOPLE)},
        {"wga", "gcm.why.wga", BIT(P_GOVERNMENT) | BIT(P_RULE_OF_LAW)},
        {"partnerships", "gcm.why.partnerships", BIT(P_SOCIETY) | BIT(P_INTERNATIONAL)},
        {"wellbeing", "gcm.why.wellbeing", BIT(P_SUSTAINABLE) | BIT(P_PEOPLE)},
        {"crises", "gcm.why.crises", BIT(P_PEOPLE) | BIT(P_GENDER) | BIT(P_CHILD)},
        {"safe", "gcm.why.safe", BIT(P_RULE_OF_LAW) | BIT(P_RIGHTS)},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(domain, table[i].domain) == 0) {
            *why_key = table[i].why;
            return table[i].set;
        }
    *why_key = "gcm.why.other";
    return BIT(P_PEOPLE);
}
