/* assess.c — scores, coverage, levels, findings split, ranks, statistics and trends. */
#include "mgi/assess.h"
#include "mgi/csv.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mgi/arena.h"
#include "mgi/inipos.h"

#define TIE 1e-12

/* ------------------------------------------------------------------ method */

void mgi_method_default(mgi_method *m)
{
    *m = (mgi_method){.value = {1.0, 0.5, 0.0}, .threshold = 0.6, .cut = {0.40, 0.60, 0.80}};
}

typedef struct ini_state {
    mgi_ini_pos pos; /* the line inih is working on */
    const char *path;
    mgi_diag *diag;
    mgi_method m;
    int errors;
} ini_state;

static int on_ini(void *user, const char *section, const char *name, const char *value)
{
    ini_state *s = user;
    /* [uncertainty] and [report] are mgi_uncertainty_load's (uncertainty.h). */
    if (strcmp(section, "uncertainty") == 0 || strcmp(section, "report") == 0)
        return 1;
    static const struct {
        const char *section, *name;
    } keys[] = {{"scores", "yes"},         {"scores", "partial"},         {"scores", "no"},
                {"coverage", "threshold"}, {"levels", "partially_meets"}, {"levels", "meets"},
                {"levels", "fully_meets"}};
    int k = -1;
    for (int i = 0; i < 7; i++)
        if (strcmp(section, keys[i].section) == 0 && strcmp(name, keys[i].name) == 0)
            k = i;
    if (k < 0) {
        mgi_diag_add(s->diag, MGI_ERROR, s->path, s->pos.line, mgi_ini_column(&s->pos, name, false),
                     "unknown setting \"%s\" in section [%s]", name, section);
        s->errors++;
        return 1;
    }
    char *end;
    errno = 0;
    double v = strtod(value, &end);
    while (isspace((unsigned char)*end))
        end++;
    if (end == value || *end || errno || !isfinite(v) || v < 0 || v > 1) {
        mgi_diag_add(s->diag, MGI_ERROR, s->path, s->pos.line, mgi_ini_column(&s->pos, value, true),
                     "%s must be a number from 0 to 1, not \"%s\"", name, value);
        s->errors++;
        return 1;
    }
    if (k < 3)
        s->m.value[k] = v;
    else if (k == 3)
        s->m.threshold = v;
    else
        s->m.cut[k - 4] = v;
    return 1;
}

mgi_error mgi_method_load(const char *path, mgi_diag *diag, mgi_method *method)
{
    mgi_method_default(method);
    ini_state s = {.path = path, .diag = diag};
    mgi_method_default(&s.m);
    s.pos.f = fopen(path, "r");
    if (!s.pos.f) {
        if (errno == ENOENT)
            return MGI_OK;
        mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "%s", strerror(errno));
        return MGI_ERR_IO;
    }
    int bad_line = ini_parse_stream(mgi_ini_read_line, &s.pos, on_ini, &s);
    fclose(s.pos.f);
    if (bad_line > 0) {
        mgi_diag_add(diag, MGI_ERROR, path, (unsigned)bad_line, 1,
                     "not a [section] or a name = value line");
        s.errors++;
    } else if (bad_line < 0) {
        mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "cannot read");
        return MGI_ERR_IO;
    }
    if (!s.errors) {
        const mgi_method *m = &s.m;
        if (!(m->value[2] <= m->value[1] && m->value[1] <= m->value[0])) {
            mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "[scores] must satisfy no ≤ partial ≤ yes");
            s.errors++;
        }
        if (!(0 < m->cut[0] && m->cut[0] < m->cut[1] && m->cut[1] < m->cut[2] && m->cut[2] < 1)) {
            mgi_diag_add(diag, MGI_ERROR, path, 0, 0,
                         "[levels] cut points must increase strictly between 0 and 1 "
                         "(partially_meets < meets < fully_meets)");
            s.errors++;
        }
    }
    if (s.errors)
        return MGI_ERR_DATA;
    *method = s.m;
    return MGI_OK;
}

/* ------------------------------------------------------------------- names */

const char *mgi_level_name(mgi_level level)
{
    static const char *const names[] = {"", "requires further progress", "partially meets", "meets",
                                        "fully meets"};
    return (unsigned)level <= MGI_LEVEL_FULLY ? names[level] : "";
}

const char *mgi_change_name(mgi_change change)
{
    static const char *const names[] = {"", "new", "improved", "unchanged", "regressed"};
    return (unsigned)change <= MGI_CHANGE_REGRESSED ? names[change] : "";
}

/* ----------------------------------------------------------------- scoring */

/* Comparisons with thresholds and cut points see 12 decimals, so that a
 * score meant to be 0.6 is not put below 0.6 by a rounding error. */
static double round12(double x)
{
    return round(x * 1e12) / 1e12;
}

static mgi_level level_of(const mgi_method *m, double score)
{
    if (isnan(score))
        return MGI_LEVEL_NONE;
    double s = round12(score);
    if (s < m->cut[0])
        return MGI_LEVEL_FURTHER;
    if (s < m->cut[1])
        return MGI_LEVEL_PARTIAL;
    if (s < m->cut[2])
        return MGI_LEVEL_MEETS;
    return MGI_LEVEL_FULLY;
}

double mgi_answer_value(const mgi_method *m, mgi_answer a)
{
    switch (a) {
    case MGI_ANSWER_YES: return m->value[0];
    case MGI_ANSWER_PARTIAL: return m->value[1];
    case MGI_ANSWER_NO: return m->value[2];
    default: return NAN;
    }
}

void mgi_score_finish(const mgi_method *m, mgi_score *s, double num, double answered, double total)
{
    s->score = answered > 0 ? num / answered : NAN;
    s->coverage = total > 0 ? answered / total : 0;
    s->insufficient = isnan(s->score) || round12(s->coverage) < m->threshold;
    s->level = level_of(m, s->score);
    s->change = NAN;
}

/* Per-round work that depends only on the catalogue: each indicator's area. */
typedef struct catalogue {
    size_t *area_of; /* [nindicators]: index into areas, SIZE_MAX for COVID */
    mgi_area_score *areas;
    size_t nareas;
} catalogue;

static mgi_error build_catalogue(const mgi_dataset *ds, mgi_arena *arena, catalogue *cat)
{
    cat->area_of = mgi_arena_array(arena, ds->nindicators + 1, sizeof(size_t));
    cat->areas = mgi_arena_array(arena, ds->nindicators + 1, sizeof(mgi_area_score));
    if (!cat->area_of || !cat->areas)
        return MGI_ERR_NOMEM;
    for (size_t i = 0; i < ds->nindicators; i++) {
        const mgi_indicator *ind = &ds->indicators[i];
        cat->area_of[i] = SIZE_MAX;
        if (ind->covid)
            continue;
        size_t k = 0;
        while (k < cat->nareas &&
               !(cat->areas[k].domain == ind->domain &&
                 strcmp(cat->areas[k].name[MGI_LANG_EN], ind->area[MGI_LANG_EN]) == 0))
            k++;
        if (k == cat->nareas) {
            mgi_area_score *a = &cat->areas[cat->nareas++];
            a->domain = ind->domain;
            a->name[MGI_LANG_EN] = ind->area[MGI_LANG_EN];
            a->name[MGI_LANG_ES] = ind->area[MGI_LANG_ES];
        }
        cat->areas[k].nindicators++;
        cat->area_of[i] = k;
    }
    /* Group the areas by domain, keeping catalogue order within a domain. */
    size_t *order = mgi_arena_array(arena, cat->nareas + 1, sizeof(size_t));
    mgi_area_score *sorted = mgi_arena_array(arena, cat->nareas + 1, sizeof(mgi_area_score));
    if (!order || !sorted)
        return MGI_ERR_NOMEM;
    size_t n = 0;
    for (size_t d = 0; d < ds->ndomains; d++)
        for (size_t k = 0; k < cat->nareas; k++)
            if (cat->areas[k].domain == d) {
                order[k] = n;
                sorted[n++] = cat->areas[k];
            }
    for (size_t i = 0; i < ds->nindicators; i++)
        if (cat->area_of[i] != SIZE_MAX)
            cat->area_of[i] = order[cat->area_of[i]];
    cat->areas = sorted;
    return MGI_OK;
}

static mgi_error score_round(const mgi_dataset *ds, const mgi_method *m, const catalogue *cat,
                             mgi_arena *arena, mgi_result *r)
{
    double num[MGI_NDOMAINS] = {0}, answered[MGI_NDOMAINS] = {0}, total[MGI_NDOMAINS] = {0};
    size_t nd = ds->ndomains;
    r->areas = mgi_arena_array(arena, cat->nareas + 1, sizeof(mgi_area_score));
    double *anum = mgi_arena_array(arena, 3 * (cat->nareas + 1), sizeof(double));
    r->indicator_change = mgi_arena_array(arena, ds->nindicators + 1, sizeof(mgi_change));
    r->covid = mgi_arena_array(arena, ds->nindicators + 1, sizeof(size_t));
    if (!r->areas || !anum || !r->indicator_change || !r->covid)
        return MGI_ERR_NOMEM;
    double *aans = anum + cat->nareas + 1, *atot = aans + cat->nareas + 1;
    r->nareas = cat->nareas;
    memcpy(r->areas, cat->areas, cat->nareas * sizeof *r->areas);
    /* The well-developed and gap lists of all domains are slices of one
     * array (an indicator is in one list at most), sized by a first count:
     * a full-length list per domain was most of the memory of assessing a
     * thousand communes. */
    size_t count[2][MGI_NDOMAINS] = {{0}}, used = 0;
    for (size_t i = 0; i < ds->nindicators; i++) {
        mgi_answer a = r->round->responses[i].answer;
        if (!ds->indicators[i].covid && a != MGI_ANSWER_NA && a != MGI_ANSWER_MISSING)
            count[a != MGI_ANSWER_YES][ds->indicators[i].domain]++;
    }
    size_t *lists = mgi_arena_array(arena, ds->nindicators + 1, sizeof(size_t));
    if (!lists)
        return MGI_ERR_NOMEM;
    for (size_t d = 0; d < nd; d++) {
        r->well[d] = lists + used;
        used += count[0][d];
        r->gaps[d] = lists + used;
        used += count[1][d];
    }
    for (size_t i = 0; i < ds->nindicators; i++) {
        const mgi_indicator *ind = &ds->indicators[i];
        mgi_answer a = r->round->responses[i].answer;
        if (ind->covid) {
            r->covid[r->ncovid++] = i;
            continue;
        }
        size_t d = ind->domain, k = cat->area_of[i];
        double v = mgi_answer_value(m, a);
        total[d] += ind->weight;
        atot[k] += ind->weight;
        if (!isnan(v)) {
            num[d] += ind->weight * v;
            answered[d] += ind->weight;
            anum[k] += ind->weight * v;
            aans[k] += ind->weight;
        }
        if (a == MGI_ANSWER_YES)
            r->well[d][r->nwell[d]++] = i;
        else if (a == MGI_ANSWER_PARTIAL || a == MGI_ANSWER_NO)
            r->gaps[d][r->ngaps[d]++] = i;
    }
    double sum = 0;
    size_t sufficient = 0;
    for (size_t d = 0; d < nd; d++) {
        mgi_score_finish(m, &r->domain[d], num[d], answered[d], total[d]);
        if (!r->domain[d].insufficient) {
            sum += r->domain[d].score;
            sufficient++;
        }
    }
    mgi_score *o = &r->overall;
    o->score = sufficient ? sum / (double)sufficient : NAN;
    o->coverage = nd ? (double)sufficient / (double)nd : 0;
    o->insufficient = !sufficient || round12(o->coverage) < m->threshold;
    o->level = level_of(m, o->score);
    o->change = NAN;
    for (size_t k = 0; k < cat->nareas; k++) {
        r->areas[k].score = aans[k] > 0 ? anum[k] / aans[k] : NAN;
        r->areas[k].coverage = atot[k] > 0 ? aans[k] / atot[k] : 0;
    }
    return MGI_OK;
}

static mgi_change compare(double now, double then)
{
    if (now - then > TIE)
        return MGI_CHANGE_IMPROVED;
    if (then - now > TIE)
        return MGI_CHANGE_REGRESSED;
    return MGI_CHANGE_UNCHANGED;
}

static void trend(mgi_score *now, const mgi_score *then)
{
    if (now->insufficient) {
        now->trend = MGI_CHANGE_NONE;
    } else if (then->insufficient) {
        now->trend = MGI_CHANGE_NEW;
    } else {
        now->change = now->score - then->score;
        now->trend = compare(now->score, then->score);
    }
}

static void changes(const mgi_dataset *ds, const mgi_method *m, mgi_result *r,
                    const mgi_result *prev)
{
    r->previous = prev->round;
    for (size_t d = 0; d < ds->ndomains; d++)
        trend(&r->domain[d], &prev->domain[d]);
    trend(&r->overall, &prev->overall);
    for (size_t i = 0; i < ds->nindicators; i++) {
        double now = mgi_answer_value(m, r->round->responses[i].answer);
        double then = mgi_answer_value(m, prev->round->responses[i].answer);
        r->indicator_change[i] = isnan(now)    ? MGI_CHANGE_NONE
                                 : isnan(then) ? MGI_CHANGE_NEW
                                               : compare(now, then);
    }
}

/* ------------------------------------------------------------------- peers */

typedef struct ranked {
    double score;
    mgi_score *s;
} ranked;

static int by_score_desc(const void *a, const void *b)
{
    double x = ((const ranked *)a)->score, y = ((const ranked *)b)->score;
    return (x < y) - (x > y);
}

static double quantile(const ranked *sorted_desc, size_t n, double p)
{
    /* sorted_desc is highest first: the k-th smallest is at n - 1 - k. */
    double h = (double)(n - 1) * p;
    size_t lo = (size_t)floor(h);
    double x_lo = sorted_desc[n - 1 - lo].score;
    if (lo + 1 >= n)
        return x_lo;
    double x_hi = sorted_desc[n - 2 - lo].score;
    return x_lo + (h - (double)lo) * (x_hi - x_lo);
}

/* Ranks the sufficient scores among v[0..n) and fills st. */
static void rank(ranked *v, size_t n, mgi_stats *st)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!v[i].s->insufficient)
            v[k++] = v[i];
    n = k;
    qsort(v, n, sizeof *v, by_score_desc);
    for (size_t i = 0; i < n; i++) {
        v[i].s->rank =
            (i > 0 && v[i - 1].score - v[i].score <= TIE) ? v[i - 1].s->rank : (unsigned)i + 1;
        v[i].s->of = (unsigned)n;
    }
    st->n = n;
    if (!n) {
        st->min = st->q1 = st->median = st->q3 = st->max = NAN;
        return;
    }
    st->max = v[0].score;
    st->min = v[n - 1].score;
    st->q1 = quantile(v, n, 0.25);
    st->median = quantile(v, n, 0.5);
    st->q3 = quantile(v, n, 0.75);
}

mgi_error mgi_assess_rank(const mgi_score *const *s, size_t n, unsigned *ranks, mgi_stats *st)
{
    ranked *v = malloc((n + 1) * sizeof *v);
    mgi_score *copy = malloc((n + 1) * sizeof *copy);
    if (!v || !copy) {
        free(v);
        free(copy);
        return MGI_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        copy[i] = *s[i];
        copy[i].rank = 0;
        v[i] = (ranked){copy[i].score, &copy[i]};
    }
    rank(v, n, st);
    for (size_t i = 0; i < n; i++)
        ranks[i] = copy[i].rank;
    free(v);
    free(copy);
    return MGI_OK;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

/* The median of each sub-area over the n results members[] of ys's year,
 * computed once here rather than per chart (which made charts quadratic in
 * the number of communes). */
static mgi_error area_medians(mgi_assessment *a, mgi_year_stats *ys, const size_t *members,
                              size_t n)
{
    size_t na = n ? a->results[members[0]].nareas : 0;
    ys->nareas = na;
    ys->area_median = mgi_arena_array(a->arena, na + 1, sizeof(double));
    ys->area_n = mgi_arena_array(a->arena, na + 1, sizeof(size_t));
    double *v = malloc((n + 1) * sizeof *v);
    if (!ys->area_median || !ys->area_n || !v) {
        free(v);
        return MGI_ERR_NOMEM;
    }
    for (size_t k = 0; k < na; k++) {
        size_t m = 0;
        for (size_t i = 0; i < n; i++) {
            const mgi_result *r = &a->results[members[i]];
            if (k < r->nareas && !isnan(r->areas[k].score))
                v[m++] = r->areas[k].score;
        }
        qsort(v, m, sizeof *v, cmp_double);
        ys->area_n[k] = m;
        ys->area_median[k] = m == 0 ? NAN : m % 2 ? v[m / 2] : (v[m / 2 - 1] + v[m / 2]) / 2;
    }
    free(v);
    return MGI_OK;
}

static mgi_error peers(mgi_assessment *a)
{
    const mgi_dataset *ds = a->ds;
    int *years = mgi_arena_array(a->arena, a->nresults + 1, sizeof(int));
    ranked *v = malloc((a->nresults + 1) * sizeof *v);
    size_t *members = malloc((a->nresults + 1) * sizeof *members);
    if (!years || !v || !members) {
        free(v);
        free(members);
        return MGI_ERR_NOMEM;
    }
    for (size_t i = 0; i < a->nresults; i++)
        years[i] = a->results[i].round->year;
    qsort(years, a->nresults, sizeof *years, cmp_int);
    size_t ny = 0;
    for (size_t i = 0; i < a->nresults; i++)
        if (!ny || years[ny - 1] != years[i])
            years[ny++] = years[i];
    a->years = mgi_arena_array(a->arena, ny + 1, sizeof(mgi_year_stats));
    if (!a->years) {
        free(v);
        free(members);
        return MGI_ERR_NOMEM;
    }
    a->nyears = ny;
    for (size_t y = 0; y < ny; y++) {
        mgi_year_stats *ys = &a->years[y];
        ys->year = years[y];
        size_t n = 0;
        for (size_t i = 0; i < a->nresults; i++)
            if (a->results[i].round->year == ys->year)
                members[n++] = i;
        for (size_t d = 0; d <= ds->ndomains; d++) {
            for (size_t k = 0; k < n; k++) {
                mgi_result *r = &a->results[members[k]];
                mgi_score *s = d < ds->ndomains ? &r->domain[d] : &r->overall;
                v[k] = (ranked){s->score, s};
            }
            rank(v, n, d < ds->ndomains ? &ys->domain[d] : &ys->overall);
        }
        if (area_medians(a, ys, members, n) != MGI_OK) {
            free(v);
            free(members);
            return MGI_ERR_NOMEM;
        }
    }
    free(v);
    free(members);
    return MGI_OK;
}

/* ------------------------------------------------------------------ public */

mgi_error mgi_assess_dataset(const mgi_dataset *ds, const mgi_method *method, mgi_assessment **out)
{
    *out = NULL;
    mgi_error err = MGI_ERR_NOMEM;
    if (ds->ndomains > MGI_NDOMAINS)
        return MGI_ERR_INTERNAL;
    mgi_assessment *a = calloc(1, sizeof *a);
    if (!a || !(a->arena = mgi_arena_new()))
        goto cleanup;
    a->ds = ds;
    a->method = *method;
    for (size_t c = 0; c < ds->ncommunes; c++)
        a->nresults += ds->communes[c].nrounds;
    a->results = mgi_arena_array(a->arena, a->nresults + 1, sizeof(mgi_result));
    catalogue cat = {0};
    if (!a->results || (err = build_catalogue(ds, a->arena, &cat)) != MGI_OK)
        goto cleanup;
    size_t n = 0;
    for (size_t c = 0; c < ds->ncommunes; c++) {
        const mgi_commune *cm = &ds->communes[c];
        for (size_t k = 0; k < cm->nrounds; k++) {
            mgi_result *r = &a->results[n++];
            r->commune = c;
            r->round = &cm->rounds[k];
            if ((err = score_round(ds, method, &cat, a->arena, r)) != MGI_OK)
                goto cleanup;
            if (k > 0)
                changes(ds, method, r, r - 1);
        }
    }
    if ((err = peers(a)) != MGI_OK)
        goto cleanup;
    *out = a;
    return MGI_OK;
cleanup:
    mgi_assess_free(a);
    return err;
}

void mgi_assess_free(mgi_assessment *a)
{
    if (!a)
        return;
    mgi_arena_free(a->arena);
    free(a);
}

const mgi_result *mgi_assess_find(const mgi_assessment *a, const char *code, int year)
{
    const mgi_result *found = NULL;
    for (size_t i = 0; i < a->nresults; i++) {
        const mgi_result *r = &a->results[i];
        if (strcmp(a->ds->communes[r->commune].code, code) != 0)
            continue;
        if (year ? r->round->year == year : (!found || r->round->year > found->round->year))
            found = r;
    }
    return found;
}

const mgi_year_stats *mgi_assess_year(const mgi_assessment *a, int year)
{
    for (size_t i = 0; i < a->nyears; i++)
        if (a->years[i].year == year)
            return &a->years[i];
    return NULL;
}

char *mgi_format_double(double x, char buf[32])
{
    if (isnan(x)) {
        buf[0] = '\0';
        return buf;
    }
    if (x == 0)
        x = 0; /* no "-0" */
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, 32, "%.*g", prec, x);
        if (strtod(buf, NULL) == x)
            break;
    }
    return buf;
}

static void write_row(FILE *f, const mgi_commune *cm, int year, const char *domain,
                      const mgi_score *s, const mgi_stats *st)
{
    char score[32], coverage[32], median[32], change[32];
    mgi_csv_write_field(f, cm->code, ',');
    putc(',', f);
    mgi_csv_write_text(f, cm->name, ',');
    fprintf(f, ",%d,%s,%s,%s,%s,%d,", year, domain, mgi_format_double(s->score, score),
            mgi_format_double(s->coverage, coverage), mgi_level_name(s->level),
            s->insufficient ? 1 : 0);
    if (s->rank)
        fprintf(f, "%u,%u", s->rank, s->of);
    else
        fputc(',', f);
    fprintf(f, ",%s,%s", mgi_format_double(st ? st->median : NAN, median),
            mgi_format_double(s->change, change));
}

static bool listed(const char *code, const char *const *codes, size_t ncodes)
{
    for (size_t i = 0; i < ncodes; i++)
        if (strcmp(code, codes[i]) == 0)
            return true;
    return ncodes == 0;
}

mgi_error mgi_assess_write_csv(const mgi_assessment *a, FILE *f, const char *const *codes,
                               size_t ncodes, int year)
{
    return mgi_assess_write_csv_extra(a, f, codes, ncodes, year, "", NULL, NULL);
}

mgi_error mgi_assess_write_csv_extra(const mgi_assessment *a, FILE *f, const char *const *codes,
                                     size_t ncodes, int year, const char *extra_header,
                                     mgi_assess_csv_extra extra, void *ctx)
{
    const mgi_dataset *ds = a->ds;
    fprintf(f,
            "commune,name,year,domain,score,coverage,level,insufficient,rank,of,median,change%s\n",
            extra_header);
    for (size_t i = 0; i < a->nresults; i++) {
        const mgi_result *r = &a->results[i];
        const mgi_commune *cm = &ds->communes[r->commune];
        int y = r->round->year;
        if (!listed(cm->code, codes, ncodes) || (year && year != y))
            continue;
        const mgi_year_stats *ys = mgi_assess_year(a, y);
        for (size_t d = 0; d <= ds->ndomains; d++) {
            bool overall = d == ds->ndomains;
            write_row(f, cm, y, overall ? "overall" : ds->domains[d].key,
                      overall ? &r->overall : &r->domain[d],
                      overall ? &ys->overall : &ys->domain[d]);
            if (extra)
                extra(ctx, f, r, overall ? MGI_NDOMAINS : d);
            putc('\n', f);
        }
    }
    return ferror(f) ? MGI_ERR_IO : MGI_OK;
}
