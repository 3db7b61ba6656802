/* view.c — the communes compared: each commune's latest assessment or one year's, ranked once. */
#include "mgi/view.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "mgi/robust.h"

/* The rows in order: by overall rank among the communes compared (not ranked
 * last), then by position in communes.csv. qsort has no context, so the
 * ranks travel with the rows. */
typedef struct keyed {
    const mgi_result *r;
    unsigned rank[MGI_NDOMAINS + 1];
} keyed;

static int by_rank(const void *x, const void *y)
{
    const keyed *a = x, *b = y;
    unsigned ra = a->rank[MGI_NDOMAINS] ? a->rank[MGI_NDOMAINS] : ~0u;
    unsigned rb = b->rank[MGI_NDOMAINS] ? b->rank[MGI_NDOMAINS] : ~0u;
    if (ra != rb)
        return ra < rb ? -1 : 1;
    return (a->r->commune > b->r->commune) - (a->r->commune < b->r->commune);
}

/* The results compared, in file order: one year's, or each commune's last. */
static size_t members(const mgi_assessment *a, int year, const mgi_result **rows)
{
    size_t n = 0;
    for (size_t i = 0; i < a->nresults; i++) {
        const mgi_result *r = &a->results[i];
        bool last = i + 1 == a->nresults || a->results[i + 1].commune != r->commune;
        if (year ? r->round->year == year : last)
            rows[n++] = r;
    }
    return n;
}

/* Ranks and statistics of every domain and the overall figure over rows. */
static mgi_error rank_all(mgi_view *v, keyed *k)
{
    const mgi_score **s = malloc((v->n + 1) * sizeof *s);
    unsigned *ranks = malloc((v->n + 1) * sizeof *ranks);
    mgi_error err = s && ranks ? MGI_OK : MGI_ERR_NOMEM;
    for (size_t d = 0; d <= MGI_NDOMAINS && err == MGI_OK; d++) {
        for (size_t i = 0; i < v->n; i++)
            s[i] = d < MGI_NDOMAINS ? &k[i].r->domain[d] : &k[i].r->overall;
        err = mgi_assess_rank(s, v->n, ranks, d < MGI_NDOMAINS ? &v->domain[d] : &v->overall);
        for (size_t i = 0; i < v->n && err == MGI_OK; i++)
            k[i].rank[d] = ranks[i];
    }
    free(s);
    free(ranks);
    return err;
}

mgi_error mgi_view_build(const mgi_assessment *a, int year, mgi_view **out)
{
    *out = NULL;
    mgi_view *v = calloc(1, sizeof *v);
    keyed *k = NULL;
    mgi_error err = MGI_ERR_NOMEM;
    if (!v)
        return err;
    v->a = a;
    v->year = year;
    v->rows = malloc((a->nresults + 1) * sizeof *v->rows);
    v->rank = malloc((a->nresults + 1) * sizeof *v->rank);
    k = malloc((a->nresults + 1) * sizeof *k);
    if (!v->rows || !v->rank || !k)
        goto cleanup;
    v->n = members(a, year, v->rows);
    for (size_t i = 0; i < v->n; i++) {
        k[i].r = v->rows[i];
        int y = v->rows[i]->round->year;
        if (!v->first || y < v->first)
            v->first = y;
        if (y > v->last)
            v->last = y;
        v->nchanged += v->rows[i]->previous != NULL;
    }
    if ((err = rank_all(v, k)) != MGI_OK)
        goto cleanup;
    qsort(k, v->n, sizeof *k, by_rank);
    for (size_t i = 0; i < v->n; i++)
        v->rows[i] = k[i].r;
    /* [report] ranks = no: no league table, alphabetical order */
    if (a->hide_ranks && (err = mgi_robust_order_by_name(a->ds, v->rows, v->n)) != MGI_OK)
        goto cleanup;
    /* The ranks follow the rows to their place (a result is in the view once). */
    for (size_t i = 0; i < v->n; i++)
        for (size_t t = 0, j = i; t < v->n; t++, j = (i + t) % v->n)
            if (k[j].r == v->rows[i]) {
                for (size_t d = 0; d <= MGI_NDOMAINS; d++)
                    v->rank[i][d] = k[j].rank[d];
                break;
            }
    err = mgi_practice_gaps_of(a->ds, v->rows, v->n, &v->gaps, &v->ngaps);
cleanup:
    free(k);
    if (err != MGI_OK) {
        mgi_view_free(v);
        return err;
    }
    *out = v;
    return MGI_OK;
}

void mgi_view_free(mgi_view *v)
{
    if (!v)
        return;
    free(v->rows);
    free(v->rank);
    free(v->gaps);
    free(v);
}

bool mgi_view_one_year(const mgi_view *v)
{
    return v->first == v->last;
}

const mgi_stats *mgi_view_stats(const mgi_view *v, size_t d)
{
    return d < MGI_NDOMAINS ? &v->domain[d] : &v->overall;
}

const mgi_rank_band *mgi_view_band(const mgi_view *v, size_t i, size_t d)
{
    if (!mgi_view_one_year(v) || v->a->hide_ranks)
        return NULL;
    return mgi_uncertainty_band(v->a->uncertainty, v->rows[i], d);
}

char *mgi_view_years(const mgi_view *v, char *buf, size_t size)
{
    if (!v->n)
        snprintf(buf, size, "%s", "");
    else if (v->first == v->last)
        snprintf(buf, size, "%d", v->first);
    else
        snprintf(buf, size, "%d\u2013%d", v->first, v->last);
    return buf;
}

const char *mgi_view_sentence_key(const mgi_view *v)
{
    return v->year ? "view.year" : "view.latest";
}
