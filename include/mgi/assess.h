/* assess.h — the assessment: domain scores, coverage, levels, findings, peers, trends. */
#ifndef MGI_ASSESS_H
#define MGI_ASSESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "mgi/dataset.h"
#include "mgi/diag.h"
#include "mgi/error.h"

/*
 * The method (README.md, "The method"):
 *
 *  - An indicator scores value[yes] = 1, value[partial] = 0.5 or value[no] = 0;
 *    na (and a missing answer) is left out. COVID-19 questions are never scored.
 *  - A domain's score is Σ weight·score / Σ weight over its answered
 *    indicators, in [0, 1]; its coverage is answered weight / total weight.
 *    Sums run in catalogue order. A domain with no answered indicator has no
 *    score (NAN) and coverage 0.
 *  - A domain is "insufficient" when its coverage is below the threshold
 *    (coverage exactly at the threshold is sufficient).
 *  - Its level comes from the score and the three cut points: below cut[0]
 *    requires further progress, below cut[1] partially meets, below cut[2]
 *    meets, else fully meets; a score equal to a cut point belongs to the
 *    higher level. Scores are compared to cut points after rounding to 12
 *    decimals, so that 0.6 computed as 1.8/3 is not a hair below 0.6.
 *  - The overall figure is the plain mean of the scores of the domains with
 *    sufficient data (not a mean over indicators); its coverage is the share
 *    of the domains that have sufficient data, and it is insufficient under
 *    the same threshold.
 *  - Among the communes assessed in the same year, each domain and the overall
 *    figure are ranked by score, highest first; ties (scores within 1e-12)
 *    share a rank and the next rank is skipped (1, 2, 2, 4). Insufficient
 *    scores are not ranked and not part of the year's statistics.
 *  - Year statistics: minimum, quartiles, median and maximum, with linear
 *    interpolation between order statistics (Excel's QUARTILE.INC, R's type 7).
 *  - Change: against the commune's previous assessment year, score now minus
 *    score then, when both are sufficient; per indicator, improved, unchanged
 *    or regressed by score, "new" when answered now but not then.
 *  - Sub-areas: the same weighted score per area within each domain.
 */

#define MGI_NDOMAINS 6

typedef struct mgi_method {
    double value[3];  /* score of yes, partial, no: 1, 0.5, 0 */
    double threshold; /* coverage threshold: 0.6 */
    double cut[3];    /* level cut points: 0.40, 0.60, 0.80 */
} mgi_method;

/* The defaults README.md gives ("The method"). */
void mgi_method_default(mgi_method *method);

/* Reads method.ini into method, starting from the defaults. A missing file
 * leaves the defaults and is not an error. Format:
 *
 *   [scores]    yes = 1, partial = 0.5, no = 0     (0 ≤ no ≤ partial ≤ yes ≤ 1)
 *   [coverage]  threshold = 0.6                    (0 ≤ threshold ≤ 1)
 *   [levels]    partially_meets = 0.40, meets = 0.60, fully_meets = 0.80
 *                                                   (0 < cuts < 1, increasing)
 *
 * [uncertainty] and [report] belong to mgi_uncertainty_load (uncertainty.h)
 * and are skipped here.
 * Unknown sections or keys, malformed numbers and values out of range are
 * reported at their line and column; returns MGI_ERR_DATA then (method is
 * left at the defaults), MGI_ERR_IO when the file cannot be read. */
mgi_error mgi_method_load(const char *path, mgi_diag *diag, mgi_method *method);

typedef enum mgi_level {
    MGI_LEVEL_NONE = 0, /* no score */
    MGI_LEVEL_FURTHER,  /* requires further progress */
    MGI_LEVEL_PARTIAL,  /* partially meets */
    MGI_LEVEL_MEETS,    /* meets */
    MGI_LEVEL_FULLY,    /* fully meets */
} mgi_level;

/* "requires further progress", "partially meets", "meets", "fully meets", or
 * "" for MGI_LEVEL_NONE: the keys of the level words in strings.ini too. */
const char *mgi_level_name(mgi_level level);

typedef enum mgi_change {
    MGI_CHANGE_NONE = 0, /* nothing to compare (no earlier year, or no score now) */
    MGI_CHANGE_NEW,      /* a score now but none then */
    MGI_CHANGE_IMPROVED,
    MGI_CHANGE_UNCHANGED,
    MGI_CHANGE_REGRESSED,
} mgi_change;

/* "", "new", "improved", "unchanged", "regressed". */
const char *mgi_change_name(mgi_change change);

/* One domain (or the overall figure) of one commune in one year. */
typedef struct mgi_score {
    double score;      /* in [0, 1]; NAN when nothing was answered */
    double coverage;   /* in [0, 1] */
    bool insufficient; /* coverage below the threshold (or no score) */
    mgi_level level;   /* from the score; MGI_LEVEL_NONE when there is none */
    unsigned rank, of; /* among the year's communes; rank 0 when not ranked */
    double change;     /* score minus the previous year's; NAN when none */
    mgi_change trend;
} mgi_score;

/* One sub-area of a domain. */
typedef struct mgi_area_score {
    size_t domain;                /* index into ds->domains */
    const char *name[MGI_NLANGS]; /* the indicators' area and area_es */
    double score, coverage;       /* as for domains; score NAN when none answered */
    size_t nindicators;
} mgi_area_score;

/* The assessment of one commune in one year. */
typedef struct mgi_result {
    size_t commune; /* index into ds->communes */
    const mgi_round *round;
    const mgi_round *previous;      /* the commune's previous year, or NULL */
    mgi_score domain[MGI_NDOMAINS]; /* in the order of ds->domains */
    mgi_score overall;
    /* Findings split as in the profile, indices into ds->indicators in
     * catalogue order, COVID-19 questions excluded: */
    size_t *well[MGI_NDOMAINS]; /* answered yes: "examples of well-developed areas" */
    size_t nwell[MGI_NDOMAINS];
    size_t *gaps[MGI_NDOMAINS]; /* partial or no: "areas with potential for further development" */
    size_t ngaps[MGI_NDOMAINS];
    size_t *covid; /* the COVID-19 questions, in catalogue order */
    size_t ncovid;
    mgi_change *indicator_change; /* [ds->nindicators] against previous */
    mgi_area_score *areas;        /* sub-areas, grouped by domain, in catalogue order */
    size_t nareas;
} mgi_result;

/* Statistics of one domain (or overall) over the communes of one year. */
typedef struct mgi_stats {
    size_t n; /* communes with a sufficient score; the rest are NAN when 0 */
    double min, q1, median, q3, max;
} mgi_stats;

typedef struct mgi_year_stats {
    int year;
    mgi_stats domain[MGI_NDOMAINS];
    mgi_stats overall;
    /* Per sub-area (the index of mgi_result.areas): the median of the
     * communes' scores that year, over area_n[k] communes with a score
     * (NAN when none). */
    double *area_median;
    size_t *area_n;
    size_t nareas;
} mgi_year_stats;

typedef struct mgi_assessment {
    const mgi_dataset *ds; /* not owned */
    mgi_method method;
    mgi_result *results; /* commune by commune (file order), years ascending */
    size_t nresults;
    mgi_year_stats *years; /* ascending */
    size_t nyears;
    struct mgi_arena *arena;
    /* Set by the caller after mgi_assess_dataset, for the documents: the
     * rank intervals (uncertainty.h; NULL: the documents print none), and
     * method.ini's [report] ranks = no (documents print levels and quartiles
     * instead of ranks). mgi_assess_dataset sets neither. */
    const struct mgi_uncertainty *uncertainty;
    bool hide_ranks;
} mgi_assessment;

/* The score of an answer under method m: value[yes|partial|no], NAN for na
 * or no answer. */
double mgi_answer_value(const mgi_method *m, mgi_answer a);

/* Completes s from the sums over a set of indicators: num = Σ weight × value
 * over the answered ones, answered = Σ their weights, total = Σ all weights.
 * Sets score (NAN when nothing answered), coverage, insufficient, level; change
 * NAN. The rule of the domains, for any other grouping (seal.h). */
void mgi_score_finish(const mgi_method *m, mgi_score *s, double num, double answered, double total);

/* Assesses every round of every commune of ds with method. On success
 * *out is the assessment (free with mgi_assess_free; it refers to ds, which
 * must outlive it). Errors: MGI_ERR_NOMEM. Time is linear in the number of
 * answers, plus n log n per year for ranks. */
mgi_error mgi_assess_dataset(const mgi_dataset *ds, const mgi_method *method, mgi_assessment **out);

/* Frees the assessment. Accepts NULL. */
void mgi_assess_free(mgi_assessment *a);

/* The result for a commune code and year, or NULL. year 0: the latest. */
const mgi_result *mgi_assess_find(const mgi_assessment *a, const char *code, int year);

/* The statistics of a year, or NULL. */
const mgi_year_stats *mgi_assess_year(const mgi_assessment *a, int year);

/* Ranks the scores s[0..n) among themselves by the rules above (the
 * sufficient ones, highest first, ties sharing a rank) into ranks[i] (0: not
 * ranked), and fills st with their statistics. The scores are not changed.
 * Errors: MGI_ERR_NOMEM. */
mgi_error mgi_assess_rank(const mgi_score *const *s, size_t n, unsigned *ranks, mgi_stats *st);

/* Writes assessment.csv to f: a header, then for every result (restricted to
 * the ncodes commune codes when ncodes > 0, and to one year when year is not
 * 0) one row per domain and an "overall" row:
 *
 *   commune,name,year,domain,score,coverage,level,insufficient,rank,of,median,change
 *
 * Numbers are written in the shortest form that reads back to the same
 * double; empty cells stand for "none". Returns MGI_ERR_IO when writing fails. */
mgi_error mgi_assess_write_csv(const mgi_assessment *a, FILE *f, const char *const *codes,
                               size_t ncodes, int year);

/* Adds columns to each row of mgi_assess_write_csv: extra_header (",a,b",
 * with its leading comma) ends the header line, and extra(ctx, f, r, d) writes
 * the row's cells (each with its leading comma) for result r, domain d
 * (MGI_NDOMAINS for the overall row). */
typedef void (*mgi_assess_csv_extra)(void *ctx, FILE *f, const mgi_result *r, size_t d);
mgi_error mgi_assess_write_csv_extra(const mgi_assessment *a, FILE *f, const char *const *codes,
                                     size_t ncodes, int year, const char *extra_header,
                                     mgi_assess_csv_extra extra, void *ctx);

/* Formats x in the shortest form that strtod reads back exactly (at most 24
 * bytes); "" for NAN. Returns buf. */
char *mgi_format_double(double x, char buf[32]);

#endif
