/* uncertainty.c — ranks reassessed under alternative methods: intervals and Sobol' indices. */
#include "mgi/uncertainty.h"
#include "mgi/inipos.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TIE       1e-12
#define PENDING   64 /* draws of run A's ranks held before the histograms */
#define GEO_FLOOR 0.01

/* ------------------------------------------------------------------ config */

const char *mgi_input_name(mgi_input input)
{
    static const char *const names[] = {"weights", "partial", "threshold",
                                        "cuts",    "na",      "aggregation"};
    return (unsigned)input < MGI_NINPUTS ? names[input] : "";
}

void mgi_uncertainty_default(mgi_uncertainty_config *c)
{
    *c = (mgi_uncertainty_config){
        .draws = 1000,
        .seed = 1,
        .on = {true, true, true, true, true, true},
        .lo = {0.5, 0.25, 0.5, 0.05, 0.5, 0.5},
        .hi = {1.5, 0.75, 0.7, 0.05, 0.5, 0.5},
        .ranks = true,
    };
}

typedef struct ini_state {
    mgi_ini_pos pos; /* the line inih is working on */
    const char *path;
    mgi_diag *diag;
    mgi_uncertainty_config c;
    int errors;
} ini_state;

static void bad(ini_state *s, const char *needle, bool value, const char *fmt, const char *name,
                const char *v)
{
    mgi_diag_add(s->diag, MGI_ERROR, s->path, s->pos.line, mgi_ini_column(&s->pos, needle, value),
                 fmt, name, v);
    s->errors++;
}

/* One number of a value; *p moves past it and a following comma. */
static bool number(const char **p, double *v)
{
    char *end;
    errno = 0;
    *v = strtod(*p, &end);
    if (end == *p || errno || !isfinite(*v))
        return false;
    while (isspace((unsigned char)*end))
        end++;
    if (*end == ',')
        end++;
    *p = end;
    return true;
}

/* "lo, hi", "x" (one number: lo = hi) or "off". Returns the count of
 * numbers read (0 for off), -1 when malformed. */
static int parse_range(const char *value, double *lo, double *hi)
{
    if (strcmp(value, "off") == 0)
        return 0;
    const char *p = value;
    if (!number(&p, lo))
        return -1;
    if (!*p) {
        *hi = *lo;
        return 1;
    }
    if (!number(&p, hi) || *p)
        return -1;
    return 2;
}

static void set_input(ini_state *s, int k, const char *name, const char *value)
{
    /* weights, partial, threshold: ranges; cuts, na, aggregation: one number */
    static const double min[] = {0, 0, 0, 0, 0, 0}, max[] = {2, 1, 1, 0.2, 1, 1};
    double lo = 0, hi = 0;
    int n = parse_range(value, &lo, &hi);
    bool range = k <= MGI_INPUT_THRESHOLD;
    if (n < 0 || (!range && n == 2)) {
        bad(s, value, true,
            range ? "%s must be two numbers \"LO, HI\" or off, not \"%s\""
                  : "%s must be one number or off, not \"%s\"",
            name, value);
        return;
    }
    if (n == 0) {
        s->c.on[k] = false;
        return;
    }
    if (range && n == 1) {
        bad(s, value, true, "%s must be a range \"LO, HI\" or off, not \"%s\"", name, value);
        return;
    }
    if (lo < min[k] || hi > max[k] || (k == MGI_INPUT_WEIGHTS && lo <= 0)) {
        char what[64];
        snprintf(what, sizeof what, "%s %g", name, lo < min[k] || lo <= 0 ? lo : hi);
        mgi_diag_add(s->diag, MGI_ERROR, s->path, s->pos.line, mgi_ini_column(&s->pos, value, true),
                     "%s is outside %s", what,
                     k == MGI_INPUT_WEIGHTS ? "(0, 2]"
                     : k == MGI_INPUT_CUTS  ? "[0, 0.2]"
                                            : "[0, 1]");
        s->errors++;
        return;
    }
    if (lo > hi) {
        bad(s, value, true, "%s range is inverted: \"%s\" (write the lower bound first)", name,
            value);
        return;
    }
    s->c.lo[k] = lo;
    s->c.hi[k] = hi;
    s->c.on[k] = hi > lo || (!range && hi > 0);
}

static int on_ini(void *user, const char *section, const char *name, const char *value)
{
    ini_state *s = user;
    if (strcmp(section, "report") == 0) {
        if (strcmp(name, "ranks") != 0)
            bad(s, name, false, "unknown setting \"%s\" in section [%s]", name, section);
        else if (strcmp(value, "yes") == 0 || strcmp(value, "no") == 0)
            s->c.ranks = value[0] == 'y';
        else
            bad(s, value, true, "%s must be yes or no, not \"%s\"", name, value);
        return 1;
    }
    if (strcmp(section, "uncertainty") != 0)
        return 1; /* mgi_method_load's */
    for (int k = 0; k < MGI_NINPUTS; k++)
        if (strcmp(name, mgi_input_name((mgi_input)k)) == 0) {
            set_input(s, k, name, value);
            return 1;
        }
    bool draws = strcmp(name, "draws") == 0;
    if (!draws && strcmp(name, "seed") != 0) {
        bad(s, name, false, "unknown setting \"%s\" in section [%s]", name, section);
        return 1;
    }
    char *end;
    errno = 0;
    unsigned long long v = strtoull(value, &end, 10);
    if (!isdigit((unsigned char)value[0]) || *end || errno) {
        bad(s, value, true, "%s must be a whole number, not \"%s\"", name, value);
    } else if (draws && v > MGI_UNCERTAINTY_MAX_DRAWS) {
        bad(s, value, true, "%s must be at most 100000 (0 switches the analysis off), not %s", name,
            value);
    } else if (draws) {
        s->c.draws = (unsigned)v;
    } else {
        s->c.seed = (uint64_t)v;
    }
    return 1;
}

mgi_error mgi_uncertainty_load(const char *path, mgi_diag *diag, mgi_uncertainty_config *c)
{
    mgi_uncertainty_default(c);
    ini_state s = {.path = path, .diag = diag};
    mgi_uncertainty_default(&s.c);
    s.pos.f = fopen(path, "r");
    if (!s.pos.f) {
        if (errno == ENOENT)
            return MGI_OK;
        mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "%s", strerror(errno));
        return MGI_ERR_IO;
    }
    /* A malformed line is mgi_method_load's to report: it reads the same file. */
    int bad_line = ini_parse_stream(mgi_ini_read_line, &s.pos, on_ini, &s);
    fclose(s.pos.f);
    if (bad_line < 0)
        return MGI_ERR_IO;
    if (s.errors || bad_line > 0)
        return MGI_ERR_DATA;
    *c = s.c;
    return MGI_OK;
}

/* ----------------------------------------------------------------- designs */

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* A uniform integer in [0, n), without modulo bias. */
static size_t below(uint64_t *x, size_t n)
{
    uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t r;
    do
        r = splitmix64(x);
    while (r >= limit);
    return (size_t)(r % n);
}

mgi_error mgi_design_lhs(uint64_t seed, uint64_t stream, size_t n, size_t dims, double *out)
{
    uint64_t mix = seed;
    uint64_t x = splitmix64(&mix) ^ (stream * 0xD1B54A32D192ED03ull + 0x8CB92BA72F3D8DD7ull);
    size_t *perm = malloc((n + 1) * sizeof *perm);
    if (!perm)
        return MGI_ERR_NOMEM;
    for (size_t d = 0; d < dims; d++) {
        for (size_t i = 0; i < n; i++)
            perm[i] = i;
        for (size_t i = n; i > 1; i--) {
            size_t j = below(&x, i), t = perm[i - 1];
            perm[i - 1] = perm[j];
            perm[j] = t;
        }
        for (size_t i = 0; i < n; i++) {
            double u = (double)(splitmix64(&x) >> 11) * 0x1p-53;
            out[i * dims + d] = ((double)perm[i] + u) / (double)n;
        }
    }
    free(perm);
    return MGI_OK;
}

/* Joe and Kuo (2008), new-joe-kuo-6.21201, dimensions 2 to 16: the degree s
 * of the primitive polynomial, its coefficients a, the initial m_1..m_s.
 * Dimension 1 is van der Corput's (every m = 1). */
static const struct {
    unsigned s, a, m[6];
} joe_kuo[MGI_SOBOL_MAX_DIMS - 1] = {
    {1, 0, {1}},
    {2, 1, {1, 3}},
    {3, 1, {1, 3, 1}},
    {3, 2, {1, 1, 1}},
    {4, 1, {1, 1, 3, 3}},
    {4, 4, {1, 3, 5, 13}},
    {5, 2, {1, 1, 5, 5, 17}},
    {5, 4, {1, 1, 5, 5, 5}},
    {5, 7, {1, 1, 7, 11, 19}},
    {5, 11, {1, 1, 5, 1, 1}},
    {5, 13, {1, 1, 1, 3, 11}},
    {5, 14, {1, 3, 5, 5, 31}},
    {6, 1, {1, 3, 3, 9, 7, 49}},
    {6, 13, {1, 1, 1, 15, 21, 21}},
    {6, 16, {1, 3, 1, 13, 27, 49}},
};

void mgi_design_sobol(uint64_t seed, size_t n, size_t dims, double *out)
{
    enum { BITS = 32 };
    uint32_t v[MGI_SOBOL_MAX_DIMS][BITS + 1], x[MGI_SOBOL_MAX_DIMS] = {0},
                                              shift[MGI_SOBOL_MAX_DIMS];
    uint64_t mix = seed ^ 0x5DEECE66Dull;
    if (dims > MGI_SOBOL_MAX_DIMS)
        dims = MGI_SOBOL_MAX_DIMS;
    for (size_t d = 0; d < dims; d++) {
        shift[d] = (uint32_t)(splitmix64(&mix) >> 32);
        if (d == 0) {
            for (unsigned k = 1; k <= BITS; k++)
                v[d][k] = 1u << (BITS - k);
            continue;
        }
        unsigned s = joe_kuo[d - 1].s, a = joe_kuo[d - 1].a;
        for (unsigned k = 1; k <= BITS; k++) {
            if (k <= s) {
                v[d][k] = joe_kuo[d - 1].m[k - 1] << (BITS - k);
                continue;
            }
            v[d][k] = v[d][k - s] ^ (v[d][k - s] >> s);
            for (unsigned i = 1; i < s; i++)
                if ((a >> (s - 1 - i)) & 1)
                    v[d][k] ^= v[d][k - i];
        }
    }
    /* Gray-code order (Antonov and Saleev): point i differs from point i − 1
     * by the direction number of the lowest zero bit of i − 1. */
    for (size_t i = 1; i <= n; i++) {
        unsigned c = 1;
        for (size_t b = i - 1; b & 1; b >>= 1)
            c++;
        for (size_t d = 0; d < dims; d++) {
            x[d] ^= v[d][c];
            out[(i - 1) * dims + d] = ((double)(x[d] ^ shift[d]) + 0.5) * 0x1p-32;
        }
    }
}

/* ------------------------------------------------------------------ Sobol' */

void mgi_sobol_add(mgi_sobol_sums *s, double fa, double fb, const double *fab)
{
    s->n++;
    s->a += fa;
    s->aa += fa * fa;
    s->b += fb;
    s->bb += fb * fb;
    for (size_t i = 0; i < s->k; i++) {
        s->first[i] += fb * (fab[i] - fa);
        s->total[i] += (fa - fab[i]) * (fa - fab[i]);
        s->shift[i] += fab[i] - fa;
    }
}

double mgi_sobol_indices(const mgi_sobol_sums *s, double *first, double *total)
{
    double n = (double)s->n;
    double mean = (s->a + s->b) / (2 * n);
    double v = n > 0 ? (s->aa + s->bb) / (2 * n) - mean * mean : 0;
    if (v < 1e-12)
        v = 0;
    for (size_t i = 0; i < s->k; i++) {
        first[i] = v > 0 ? (s->first[i] - mean * s->shift[i]) / n / v : NAN;
        total[i] = v > 0 ? s->total[i] / (2 * n) / v : NAN;
    }
    return v;
}

/* ---------------------------------------------------------------- the model */

enum { YES, PARTIAL, NO, NA, NCATS, SKIP = NCATS };

/* The choices of one run, read from a design row. */
typedef struct params {
    double partial, threshold;
    bool na_no, geometric;
} params;

typedef struct scored {
    double score;
    uint32_t idx, key;
} scored;

/* The whole analysis's working state. */
typedef struct work {
    const mgi_assessment *a;
    const mgi_uncertainty_config *c;
    size_t nd, nt, nind, nres, dims;
    unsigned char *cat; /* [nres][nind]: the answer's category, SKIP for covid/missing */
    size_t *dom;        /* [nind] */
    double *wf[2];      /* [nind] the weights of A's and B's row */
    double tot[2][MGI_NDOMAINS];
    double *sums[2];       /* [nres][nd][NCATS] */
    double *design[2];     /* [draws][nind]: the weight factors of A and B */
    double *scalars;       /* [draws][8]: partial, threshold, na, aggregation of A, then of B */
    mgi_sobol_sums *sobol; /* [nres][nt] */
    unsigned *hist;        /* per result and target: [n_year + 1] counts, at hoff[r] */
    size_t *hoff;
    unsigned *top, *bottom, *ranked; /* [nres][nt] */
} work;

/* round(x × 1e12) / 1e12 for x ≥ 0, as the assessment compares coverage,
 * without a call into libm (it was a tenth of the analysis's time). */
static double round12(double x)
{
    return (double)(int64_t)(x * 1e12 + 0.5) / 1e12;
}

/* The choices of a run from u: partial, threshold, na, aggregation in [0, 1). */
static params params_of(const work *w, const double *u)
{
    const mgi_uncertainty_config *c = w->c;
    params p = {w->a->method.value[1], w->a->method.threshold, false, false};
    if (c->on[MGI_INPUT_PARTIAL])
        p.partial = c->lo[1] + u[0] * (c->hi[1] - c->lo[1]);
    if (c->on[MGI_INPUT_THRESHOLD])
        p.threshold = c->lo[2] + u[1] * (c->hi[2] - c->lo[2]);
    if (c->on[MGI_INPUT_NA])
        p.na_no = u[2] < c->lo[MGI_INPUT_NA];
    if (c->on[MGI_INPUT_AGGREGATION])
        p.geometric = u[3] < c->lo[MGI_INPUT_AGGREGATION];
    return p;
}

/* The weights of a design row (weight × factor), the domain totals, and the
 * category sums of every result: the only part of a run that costs
 * indicators × communes, done for A and B only. */
static void weigh(work *w, int which, const double *row)
{
    const mgi_dataset *ds = w->a->ds;
    double *wf = w->wf[which], *tot = w->tot[which];
    const mgi_uncertainty_config *c = w->c;
    memset(tot, 0, sizeof w->tot[0]);
    for (size_t i = 0; i < w->nind; i++) {
        double f = c->on[MGI_INPUT_WEIGHTS] ? c->lo[0] + row[i] * (c->hi[0] - c->lo[0]) : 1;
        wf[i] = ds->indicators[i].covid ? 0 : ds->indicators[i].weight * f;
        tot[w->dom[i]] += wf[i];
    }
    for (size_t r = 0; r < w->nres; r++) {
        double *s = w->sums[which] + r * w->nd * NCATS;
        const unsigned char *cat = w->cat + r * w->nind;
        memset(s, 0, w->nd * NCATS * sizeof *s);
        for (size_t i = 0; i < w->nind; i++)
            if (cat[i] != SKIP)
                s[w->dom[i] * NCATS + cat[i]] += wf[i];
    }
}

/* The nt scores of result r under sums s, totals tot and choices p; NAN
 * where insufficient. */
static void score(const work *w, const double *s, const double *tot, const params *p, double *out)
{
    const double *v = w->a->method.value;
    double sum = 0, prod = 1;
    size_t k = 0;
    for (size_t d = 0; d < w->nd; d++, s += NCATS) {
        double na = p->na_no ? s[NA] : 0;
        double answered = s[YES] + s[PARTIAL] + s[NO] + na;
        double num = v[0] * s[YES] + p->partial * s[PARTIAL] + v[2] * (s[NO] + na);
        bool insufficient = !(answered > 0) || round12(answered / tot[d]) < p->threshold;
        out[d] = insufficient ? NAN : num / answered;
        if (!insufficient) {
            sum += out[d];
            prod *= out[d] > GEO_FLOOR ? out[d] : GEO_FLOOR;
            k++;
        }
    }
    bool insufficient = !k || round12((double)k / (double)w->nd) < p->threshold;
    out[w->nd] = insufficient ? NAN : p->geometric ? pow(prod, 1.0 / (double)k) : sum / (double)k;
}

/* Sorts v[0..n) by score, highest first. qsort, then a merge sort, were
 * most of the analysis's time (a mispredicted branch per comparison): an LSD
 * radix sort on the scores scaled to 32 bits, then an insertion pass on the
 * scores themselves, which puts right the few pairs closer than 2^-32 and
 * costs n when nothing is out of order. Scores are in [0, 1]. */
static void sort_desc(scored *v, scored *tmp, size_t n)
{
    uint32_t count[4][256] = {{0}};
    for (size_t i = 0; i < n; i++) {
        uint32_t key = UINT32_MAX - (uint32_t)(v[i].score * 4294967295.0);
        v[i].key = key;
        for (int p = 0; p < 4; p++)
            count[p][(key >> (8 * p)) & 255]++;
    }
    scored *from = v, *to = tmp;
    for (int p = 0; p < 4; p++) {
        if (count[p][(from[0].key >> (8 * p)) & 255] == n)
            continue; /* every key has this byte: nothing to move */
        uint32_t pos = 0;
        for (int b = 0; b < 256; b++) {
            uint32_t c = count[p][b];
            count[p][b] = pos;
            pos += c;
        }
        for (size_t i = 0; i < n; i++)
            to[count[p][(from[i].key >> (8 * p)) & 255]++] = from[i];
        scored *t = from;
        from = to;
        to = t;
    }
    if (from != v)
        memcpy(v, from, n * sizeof *v);
    for (size_t i = 1; i < n; i++) {
        if (!(v[i - 1].score < v[i].score))
            continue;
        scored x = v[i];
        size_t j = i;
        while (j > 0 && v[j - 1].score < x.score) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
}

/* Ranks the n scores x[0..n) (NAN: not ranked, rank 0) as the assessment
 * does; returns how many are ranked. */
static unsigned rank_scores(const double *x, size_t n, unsigned *rank, scored *v, scored *tmp)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        rank[i] = 0;
        if (!isnan(x[i]))
            v[m++] = (scored){x[i], (uint32_t)i, 0};
    }
    sort_desc(v, tmp, m);
    for (size_t i = 0; i < m; i++)
        rank[v[i].idx] =
            (i > 0 && v[i - 1].score - v[i].score <= TIE) ? rank[v[i - 1].idx] : (unsigned)i + 1;
    return (unsigned)m;
}

/* ------------------------------------------------------------------- a year */

/* The buffers of one year's runs: scores and ranks [run][target][member]. */
typedef struct year_run {
    const size_t *members;
    size_t n;
    double *x;                                    /* [nt][n] scores of the current run */
    double *xa;                                   /* [nt][n] scores of run A */
    unsigned *rank;                               /* [2 + NINPUTS][nt][n] */
    unsigned *count;                              /* [2 + NINPUTS][nt] communes ranked */
    bool same[2 + MGI_NINPUTS][MGI_NDOMAINS + 1]; /* a mixed run's ranks are A's */
    /* Run A's ranks of the last npending draws, [n][nt][PENDING], added to the
     * histograms PENDING draws at a time: one draw at a time, the histograms'
     * scattered counters were most of the analysis's time in cache misses. */
    unsigned *pending;
    size_t npending;
    scored *v, *tmp;
} year_run;

/* One run: the scores of the year's members and their ranks, into slot. */
static void run_once(const work *w, year_run *y, int sums, const params *p, size_t slot,
                     bool overall_only)
{
    double out[MGI_NDOMAINS + 1];
    for (size_t m = 0; m < y->n; m++) {
        size_t r = y->members[m];
        score(w, w->sums[sums] + r * w->nd * NCATS, w->tot[sums], p, out);
        for (size_t t = 0; t < w->nt; t++)
            y->x[t * y->n + m] = out[t];
    }
    for (size_t t = overall_only ? w->nd : 0; t < w->nt; t++) {
        const double *x = y->x + t * y->n;
        unsigned *rank = y->rank + (slot * w->nt + t) * y->n;
        /* A mixed run whose scores are A's (the input drew the same choice,
         * or moved no score) has A's ranks: no need to sort again. */
        y->same[slot][t] = slot >= 2 && memcmp(x, y->xa + t * y->n, y->n * sizeof *x) == 0;
        if (y->same[slot][t]) {
            memcpy(rank, y->rank + t * y->n, y->n * sizeof *rank);
            y->count[slot * w->nt + t] = y->count[t];
            continue;
        }
        y->count[slot * w->nt + t] = rank_scores(x, y->n, rank, y->v, y->tmp);
    }
    if (slot == 0)
        memcpy(y->xa, y->x, w->nt * y->n * sizeof *y->x);
    if (overall_only) {
        memcpy(y->rank + slot * w->nt * y->n, y->rank, w->nd * y->n * sizeof *y->rank);
        memcpy(y->count + slot * w->nt, y->count, w->nd * sizeof *y->count);
        for (size_t t = 0; t < w->nd; t++)
            y->same[slot][t] = true;
    }
}

/* The rank as the indices see it: not ranked counts as the last place. */
static double rank_value(unsigned rank, size_t n)
{
    return rank ? (double)rank : (double)n;
}

/* Adds the pending ranks of run A to the members' histograms. */
static void flush_pending(work *w, year_run *y)
{
    for (size_t m = 0; m < y->n; m++)
        for (size_t t = 0; t < w->nt; t++) {
            unsigned *h = w->hist + w->hoff[y->members[m]] + t * (y->n + 1);
            const unsigned *p = y->pending + (m * w->nt + t) * PENDING;
            for (size_t k = 0; k < y->npending; k++)
                h[p[k]]++;
        }
    y->npending = 0;
}

/* Adds the draw's runs to every member's sums. A mixed run with A's ranks
 * adds 0 to its input's sums: skipped. */
static void accumulate(work *w, year_run *y)
{
    for (size_t t = 0; t < w->nt; t++) {
        const unsigned *ra = y->rank + t * y->n, *rb = y->rank + (w->nt + t) * y->n;
        unsigned of = y->count[t];
        for (size_t m = 0; m < y->n; m++) {
            size_t r = y->members[m], rt = r * w->nt + t;
            double fa = rank_value(ra[m], y->n), fb = rank_value(rb[m], y->n);
            mgi_sobol_sums *s = &w->sobol[rt];
            s->n++;
            s->a += fa;
            s->aa += fa * fa;
            s->b += fb;
            s->bb += fb * fb;
            for (size_t i = 0; i < MGI_NINPUTS; i++) {
                if (y->same[2 + i][t])
                    continue;
                double fab = rank_value(y->rank[((2 + i) * w->nt + t) * y->n + m], y->n);
                s->first[i] += fb * (fab - fa);
                s->total[i] += (fa - fab) * (fa - fab);
                s->shift[i] += fab - fa;
            }
            unsigned rk = ra[m];
            y->pending[(m * w->nt + t) * PENDING + y->npending] = rk;
            if (rk) {
                w->ranked[rt]++;
                w->top[rt] += 4 * rk <= of;
                w->bottom[rt] += 4 * rk > 3 * of;
            }
        }
    }
}

/* Draw j of the year: A, B and each AB_i; then the sums of every member. */
static void year_draw(work *w, year_run *y, const double *scalars)
{
    params pa = params_of(w, scalars), pb = params_of(w, scalars + 4);
    run_once(w, y, 0, &pa, 0, false);
    run_once(w, y, 1, &pb, 1, false);
    for (int i = 0; i < MGI_NINPUTS; i++) {
        size_t slot = 2 + (size_t)i;
        params p = pa;
        int sums = 0;
        bool moves = w->c->on[i];
        switch ((mgi_input)i) {
        case MGI_INPUT_WEIGHTS: sums = 1; break;
        case MGI_INPUT_PARTIAL: p.partial = pb.partial; break;
        case MGI_INPUT_THRESHOLD: p.threshold = pb.threshold; break;
        case MGI_INPUT_CUTS: moves = false; break; /* levels only: ranks cannot move */
        case MGI_INPUT_NA: p.na_no = pb.na_no; break;
        case MGI_INPUT_AGGREGATION: p.geometric = pb.geometric; break;
        default: break;
        }
        if (!moves) {
            for (size_t t = 0; t < w->nt; t++)
                y->same[slot][t] = true;
        } else {
            run_once(w, y, sums, &p, slot, i == MGI_INPUT_AGGREGATION);
        }
    }
    accumulate(w, y);
    if (++y->npending == PENDING)
        flush_pending(w, y);
}

/* The smallest rank reached by share num/den of the ranked draws. */
static unsigned percentile(const unsigned *hist, size_t n, unsigned ranked, unsigned num,
                           unsigned den)
{
    unsigned long long cum = 0;
    for (size_t k = 1; k <= n; k++) {
        cum += hist[k];
        if (cum * den >= (unsigned long long)ranked * num)
            return (unsigned)k;
    }
    return (unsigned)n;
}

static void finish_band(const work *w, size_t r, size_t t, size_t n, mgi_rank_band *b)
{
    const mgi_result *res = &w->a->results[r];
    const mgi_score *s = t < w->nd ? &res->domain[t] : &res->overall;
    size_t rt = r * w->nt + t;
    unsigned draws = w->c->draws, ranked = w->ranked[rt];
    const unsigned *hist = w->hist + w->hoff[r] + t * (n + 1);
    b->nominal = s->rank;
    b->of = s->of;
    b->ranked = (double)ranked / draws;
    b->rarely = 2 * ranked < draws;
    if (!b->rarely) {
        b->lo = percentile(hist, n, ranked, 5, 100);
        b->median = percentile(hist, n, ranked, 1, 2);
        b->hi = percentile(hist, n, ranked, 95, 100);
    }
    b->top = (double)w->top[rt] / draws;
    b->bottom = (double)w->bottom[rt] / draws;
    b->variance = mgi_sobol_indices(&w->sobol[rt], b->first, b->total);
    for (int i = 0; i < MGI_NINPUTS; i++)
        if (!w->c->on[i] && b->variance > 0)
            b->first[i] = b->total[i] = 0;
}

static void finish_year(const work *w, mgi_uncertainty *u, const mgi_year_stats *ys,
                        const size_t *members, size_t n, mgi_year_drivers *yd)
{
    yd->year = ys->year;
    for (size_t t = 0; t < w->nt; t++) {
        size_t bt = t < w->nd ? t : MGI_NDOMAINS;
        double v = 0, first[MGI_NINPUTS] = {0}, total[MGI_NINPUTS] = {0}, width = 0;
        size_t nw = 0;
        for (size_t m = 0; m < n; m++) {
            mgi_rank_band *b = &u->band[members[m]][bt];
            finish_band(w, members[m], t, n, b);
            if (!b->rarely) {
                width += b->hi - b->lo;
                nw++;
            }
            if (b->variance > 0) {
                v += b->variance;
                for (int i = 0; i < MGI_NINPUTS; i++) {
                    first[i] += b->variance * b->first[i];
                    total[i] += b->variance * b->total[i];
                }
            }
        }
        for (int i = 0; i < MGI_NINPUTS; i++) {
            yd->first[bt][i] = v > 0 ? first[i] / v : NAN;
            yd->total[bt][i] = v > 0 ? total[i] / v : NAN;
        }
        yd->moved[bt] = nw ? width / (double)nw : NAN;
    }
}

/* ------------------------------------------------------------------ public */

static mgi_error prepare(work *w, const mgi_assessment *a)
{
    const mgi_dataset *ds = a->ds;
    w->nd = ds->ndomains;
    w->nt = w->nd + 1;
    w->nind = ds->nindicators;
    w->nres = a->nresults;
    w->dims = w->nind + 1;
    size_t nrt = w->nres * w->nt + 1;
    w->cat = malloc(w->nres * w->nind + 1);
    w->dom = malloc((w->nind + 1) * sizeof *w->dom);
    w->sobol = calloc(nrt, sizeof *w->sobol);
    w->hoff = malloc((w->nres + 1) * sizeof *w->hoff);
    w->top = calloc(3 * nrt, sizeof *w->top);
    for (int k = 0; k < 2; k++) {
        w->wf[k] = malloc((w->nind + 1) * sizeof *w->wf[k]);
        w->sums[k] = malloc((w->nres * w->nd * NCATS + 1) * sizeof *w->sums[k]);
        w->design[k] = malloc((w->c->draws * w->dims + 1) * sizeof *w->design[k]);
        if (!w->wf[k] || !w->sums[k] || !w->design[k])
            return MGI_ERR_NOMEM;
    }
    w->scalars = malloc((w->c->draws * 8 + 1) * sizeof *w->scalars);
    if (!w->scalars || !w->cat || !w->dom || !w->sobol || !w->hoff || !w->top)
        return MGI_ERR_NOMEM;
    w->bottom = w->top + nrt;
    w->ranked = w->bottom + nrt;
    for (size_t i = 0; i < w->nind; i++)
        w->dom[i] = ds->indicators[i].domain;
    size_t hsize = 0;
    for (size_t r = 0; r < w->nres; r++) {
        const mgi_result *res = &a->results[r];
        const mgi_year_stats *ys = mgi_assess_year(a, res->round->year);
        size_t n = 0;
        for (size_t k = 0; k < a->nresults; k++)
            n += a->results[k].round->year == ys->year;
        w->hoff[r] = hsize;
        hsize += w->nt * (n + 1);
        for (size_t t = 0; t < w->nt; t++)
            w->sobol[r * w->nt + t].k = MGI_NINPUTS;
        for (size_t i = 0; i < w->nind; i++) {
            mgi_answer ans = res->round->responses[i].answer;
            w->cat[r * w->nind + i] = ds->indicators[i].covid     ? SKIP
                                      : ans == MGI_ANSWER_YES     ? YES
                                      : ans == MGI_ANSWER_PARTIAL ? PARTIAL
                                      : ans == MGI_ANSWER_NO      ? NO
                                      : ans == MGI_ANSWER_NA      ? NA
                                                                  : SKIP;
        }
    }
    w->hist = calloc(hsize + 1, sizeof *w->hist);
    if (!w->hist)
        return MGI_ERR_NOMEM;
    mgi_design_sobol(w->c->seed, w->c->draws, 8, w->scalars);
    mgi_error err = mgi_design_lhs(w->c->seed, 0, w->c->draws, w->dims, w->design[0]);
    return err ? err : mgi_design_lhs(w->c->seed, 1, w->c->draws, w->dims, w->design[1]);
}

static void work_free(work *w)
{
    free(w->cat);
    free(w->dom);
    free(w->sobol);
    free(w->hoff);
    free(w->top);
    free(w->hist);
    free(w->scalars);
    for (int k = 0; k < 2; k++) {
        free(w->wf[k]);
        free(w->sums[k]);
        free(w->design[k]);
    }
}

static void year_free(year_run *y, size_t ny)
{
    for (size_t k = 0; y && k < ny; k++) {
        free((void *)y[k].members);
        free(y[k].x);
        free(y[k].xa);
        free(y[k].rank);
        free(y[k].count);
        free(y[k].v);
        free(y[k].tmp);
        free(y[k].pending);
    }
    free(y);
}

static mgi_error year_alloc(const work *w, const mgi_assessment *a, int year, year_run *y)
{
    size_t *members = malloc((a->nresults + 1) * sizeof *members);
    y->members = members;
    if (!members)
        return MGI_ERR_NOMEM;
    for (size_t r = 0; r < a->nresults; r++)
        if (a->results[r].round->year == year)
            members[y->n++] = r;
    size_t n = y->n + 1, runs = 2 + MGI_NINPUTS;
    y->x = malloc(w->nt * n * sizeof *y->x);
    y->xa = malloc(w->nt * n * sizeof *y->xa);
    y->rank = malloc(runs * w->nt * n * sizeof *y->rank);
    y->count = malloc(runs * w->nt * sizeof *y->count);
    y->v = malloc(n * sizeof *y->v);
    y->tmp = malloc(n * sizeof *y->tmp);
    y->pending = malloc(n * w->nt * PENDING * sizeof *y->pending);
    return y->pending && y->x && y->xa && y->rank && y->count && y->v && y->tmp ? MGI_OK
                                                                                : MGI_ERR_NOMEM;
}

mgi_error mgi_uncertainty_run(const mgi_assessment *a, const mgi_uncertainty_config *c,
                              mgi_uncertainty **out)
{
    *out = NULL;
    if (c->draws == 0 || c->draws > MGI_UNCERTAINTY_MAX_DRAWS)
        return MGI_ERR_USAGE;
    if (a->ds->ndomains > MGI_NDOMAINS)
        return MGI_ERR_INTERNAL;
    mgi_error err = MGI_ERR_NOMEM;
    work w = {.a = a, .c = c};
    year_run *years = calloc(a->nyears + 1, sizeof *years);
    mgi_uncertainty *u = calloc(1, sizeof *u);
    if (!years || !u)
        goto cleanup;
    u->a = a;
    u->config = *c;
    u->nyears = a->nyears;
    u->band = calloc(a->nresults + 1, sizeof *u->band);
    u->years = calloc(a->nyears + 1, sizeof *u->years);
    if (!u->band || !u->years || (err = prepare(&w, a)) != MGI_OK)
        goto cleanup;
    for (size_t k = 0; k < a->nyears; k++)
        if ((err = year_alloc(&w, a, a->years[k].year, &years[k])) != MGI_OK)
            goto cleanup;
    for (size_t j = 0; j < c->draws; j++) {
        const double *rowa = w.design[0] + j * w.dims, *rowb = w.design[1] + j * w.dims;
        weigh(&w, 0, rowa);
        weigh(&w, 1, rowb);
        for (size_t k = 0; k < a->nyears; k++)
            year_draw(&w, &years[k], w.scalars + 8 * j);
    }
    for (size_t k = 0; k < a->nyears; k++) {
        flush_pending(&w, &years[k]);
        finish_year(&w, u, &a->years[k], years[k].members, years[k].n, &u->years[k]);
    }
    *out = u;
    u = NULL;
    err = MGI_OK;
cleanup:
    year_free(years, a->nyears);
    work_free(&w);
    mgi_uncertainty_free(u);
    return err;
}

void mgi_uncertainty_free(mgi_uncertainty *u)
{
    if (!u)
        return;
    free(u->band);
    free(u->years);
    free(u);
}

const mgi_rank_band *mgi_uncertainty_band(const mgi_uncertainty *u, const mgi_result *r, size_t d)
{
    if (!u || !r || d > MGI_NDOMAINS)
        return NULL;
    return &u->band[r - u->a->results][d];
}

const mgi_year_drivers *mgi_uncertainty_year(const mgi_uncertainty *u, int year)
{
    for (size_t k = 0; u && k < u->nyears; k++)
        if (u->years[k].year == year)
            return &u->years[k];
    return NULL;
}

mgi_input mgi_uncertainty_dominant(const double total[MGI_NINPUTS])
{
    mgi_input best = MGI_NINPUTS;
    for (int i = 0; i < MGI_NINPUTS; i++)
        if (total[i] > 0.05 && (best == MGI_NINPUTS || total[i] > total[best]))
            best = (mgi_input)i;
    return best;
}

bool mgi_rank_band_wide(const mgi_rank_band *b)
{
    if (b->rarely)
        return true;
    unsigned span = b->hi - b->lo + 1;
    return span >= 3 && 4 * span > b->of;
}

static void csv_cells(void *ctx, FILE *f, const mgi_result *r, size_t d)
{
    const mgi_rank_band *b = mgi_uncertainty_band(ctx, r, d);
    if (!b) {
        fputs(",,,,", f);
        return;
    }
    if (b->nominal && !b->rarely)
        fprintf(f, ",%u,%u,%u", b->median, b->lo, b->hi);
    else
        fputs(",,,", f);
    char buf[32];
    fprintf(f, ",%s", mgi_format_double(b->ranked, buf));
}

mgi_error mgi_uncertainty_write_csv(const mgi_assessment *a, const mgi_uncertainty *u, FILE *f,
                                    const char *const *codes, size_t ncodes, int year)
{
    return mgi_assess_write_csv_extra(a, f, codes, ncodes, year,
                                      ",rank_median,rank_lo,rank_hi,ranked", csv_cells, (void *)u);
}
