/* view.h — the communes compared: one year view, built once for every comparison output. */
#ifndef MGI_VIEW_H
#define MGI_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "mgi/assess.h"
#include "mgi/error.h"
#include "mgi/practice.h"
#include "mgi/uncertainty.h"

/*
 * What the comparison PDF, comparison.xlsx, the heatmap and the dashboard
 * compare, computed once (build.c) and passed to all four:
 *
 *  - the communes compared: by default each commune's latest assessment,
 *    whatever its year (year 0), so that no commune is left out of the
 *    comparison because it was last assessed before the newest year; or the
 *    communes assessed in one year (--year Y);
 *  - their order: by overall rank among the communes compared (not ranked
 *    last), then by position in communes.csv; with [report] ranks = no, by
 *    name (mgi_robust_order_by_name);
 *  - ranks and statistics over the communes compared, by the assessment's
 *    rules (assess.h: ties within 1e-12 share a rank, insufficient scores are
 *    neither ranked nor counted). When every commune compared was assessed in
 *    the same year they equal that year's (mgi_result and mgi_year_stats);
 *  - the most common gaps among them (practice.h), and how many have an
 *    earlier assessment to compare with.
 *
 * The documents say what they compare: "the latest assessment of each
 * commune, 2021–2023" or "the communes assessed in 2022" (view.first, last).
 */

typedef struct mgi_view {
    const mgi_assessment *a; /* not owned */
    int year;                /* the year asked for; 0: each commune's latest */
    int first, last;         /* the years of the assessments compared (0 when none) */
    size_t n;
    const mgi_result **rows; /* [n], in order */
    /* [n][MGI_NDOMAINS + 1]: each row's rank per domain and overall (the
     * last) among the communes compared; 0 when not ranked. */
    unsigned (*rank)[MGI_NDOMAINS + 1];
    mgi_stats domain[MGI_NDOMAINS], overall; /* over the communes compared */
    mgi_gap *gaps;                           /* most common first (mgi_practice_gaps) */
    size_t ngaps;
    size_t nchanged; /* rows with an earlier assessment (r->previous) */
} mgi_view;

/* Builds the view of a for year (0: each commune's latest assessment). On
 * success *out is the view (free with mgi_view_free; it refers to a, which
 * must outlive it); a year with no assessment gives an empty view (n 0).
 * Errors: MGI_ERR_NOMEM. Time n log n per domain, plus the answers once. */
mgi_error mgi_view_build(const mgi_assessment *a, int year, mgi_view **out);

/* Frees the view. Accepts NULL. */
void mgi_view_free(mgi_view *v);

/* True when every commune compared was assessed in the same year: the ranks
 * are that year's, and so are the rank intervals (uncertainty.h). */
bool mgi_view_one_year(const mgi_view *v);

/* The statistics of domain d (MGI_NDOMAINS: overall). */
const mgi_stats *mgi_view_stats(const mgi_view *v, size_t d);

/* The rank interval of row i's domain d (MGI_NDOMAINS: overall), or NULL when
 * there is none: no rank analysis, or communes of several years compared
 * (the intervals are computed within a year). */
const mgi_rank_band *mgi_view_band(const mgi_view *v, size_t i, size_t d);

/* Into buf: the years compared, "2022" or "2021–2023" (an en dash), "" for an
 * empty view. Returns buf. */
char *mgi_view_years(const mgi_view *v, char *buf, size_t size);

/* The key of the sentence that says what is compared (strings.ini):
 * "view.latest" (each commune's latest assessment, over {years}) or
 * "view.year" (the communes assessed in {year}). */
const char *mgi_view_sentence_key(const mgi_view *v);

#endif
