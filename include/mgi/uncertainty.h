/* uncertainty.h — how much each rank depends on the method's choices (uncertainty and sensitivity).
 */
#ifndef MGI_UNCERTAINTY_H
#define MGI_UNCERTAINTY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "mgi/assess.h"
#include "mgi/diag.h"
#include "mgi/error.h"

/*
 * A rank of the comparison depends on choices the method makes but could
 * reasonably have made otherwise (OECD/JRC Handbook on Constructing Composite
 * Indicators, 2008, steps 7 and 8; COINr's get_sensitivity()). This stage
 * reassesses every commune under `draws` alternative methods and says how far
 * each rank moves, and which choice moves it.
 *
 * The uncertain inputs, each drawn independently:
 *
 *   weights      every indicator's weight times its own factor, uniform in
 *                [lo, hi] (default [0.5, 1.5])
 *   partial      the score of "partial", uniform in [lo, hi] ([0.25, 0.75])
 *   threshold    the coverage threshold, uniform in [lo, hi] ([0.5, 0.7])
 *   cuts         each level cut point shifted by up to ± shift (0.05), kept
 *                in order. Levels come from the cut points but ranks come
 *                from scores, so this input cannot move a rank: its indices
 *                are 0 without being computed. It is listed so that a reader
 *                sees it was considered.
 *   na           na counted as "no" instead of left out, with probability p (0.5)
 *   aggregation  the overall figure as the geometric instead of the arithmetic
 *                mean of the sufficient domains, with probability p (0.5). A
 *                domain score of 0 counts as 0.01 in the geometric mean, so one
 *                empty domain does not wipe out the other five.
 *
 * Everything else follows the assessment's rules (assess.h) in every draw: a
 * domain below the draw's coverage threshold is insufficient and not ranked;
 * the overall figure needs the draw's threshold share of sufficient domains;
 * ties (within 1e-12) share a rank. An input switched off keeps the method's
 * own value (weight factor 1, partial and threshold of method.ini, na left
 * out, arithmetic mean).
 *
 * Sampling, deterministic from `seed` (the same seed gives the same numbers
 * on every machine): the four one-number inputs (partial, threshold, na,
 * aggregation) of A and B come from one 8-dimensional Sobol' sequence, as
 * Saltelli (2010) recommends; the weight factors, one per indicator (too
 * many dimensions for the direction numbers we carry), from two Latin
 * hypercube designs. The rank distribution (median, 5th–95th percentile interval,
 * chance of the top and bottom quarter) is read over the draws of A. The
 * Sobol' indices use A, B and, for each input i, the mixed design AB_i (A
 * with input i taken from B): first order with Saltelli's (2010) estimator
 * V_i = mean(f(B)·(f(AB_i) − f(A))), total effect with Jansen's (1999)
 * VT_i = mean((f(A) − f(AB_i))²)/2, both over V, the variance of f over A
 * and B together, as COINr does. A draw in which the commune is not ranked
 * counts as the last rank of its year for the indices: being left out of a
 * ranking is as far down as a reader sees it go.
 *
 * Cost: draws × (2 + active inputs) rankings per year; the indicator sums are
 * computed only for A and B (the weights are the only input they depend on),
 * every other run reuses them.
 */

typedef enum mgi_input {
    MGI_INPUT_WEIGHTS = 0,
    MGI_INPUT_PARTIAL,
    MGI_INPUT_THRESHOLD,
    MGI_INPUT_CUTS,
    MGI_INPUT_NA,
    MGI_INPUT_AGGREGATION,
    MGI_NINPUTS
} mgi_input;

/* "weights", "partial", "threshold", "cuts", "na", "aggregation": the
 * method.ini keys, and the keys of the inputs' words in strings.ini
 * (unc.input.KEY). */
const char *mgi_input_name(mgi_input input);

#define MGI_UNCERTAINTY_MAX_DRAWS 100000

typedef struct mgi_uncertainty_config {
    unsigned draws; /* 1000; 0 switches the analysis off */
    uint64_t seed;  /* 1 */
    bool on[MGI_NINPUTS];
    /* weights, partial, threshold: the range [lo, hi]; cuts: lo = hi = the
     * largest shift; na, aggregation: lo = hi = the probability. */
    double lo[MGI_NINPUTS], hi[MGI_NINPUTS];
    bool ranks; /* [report] ranks: print ranks in the documents (yes) */
} mgi_uncertainty_config;

/* The defaults above: 1000 draws, seed 1, every input on, ranks yes. */
void mgi_uncertainty_default(mgi_uncertainty_config *c);

/* Reads the [uncertainty] and [report] sections of method.ini into c,
 * starting from the defaults; other sections are mgi_method_load's. A missing
 * file leaves the defaults. Format:
 *
 *   [uncertainty]
 *   draws = 1000            0 to 100000; 0 switches the analysis off
 *   seed = 1                0 to 2^64 − 1
 *   weights = 0.5, 1.5      factor range, 0 < lo ≤ hi ≤ 2
 *   partial = 0.25, 0.75    range within [0, 1]
 *   threshold = 0.5, 0.7    range within [0, 1]
 *   cuts = 0.05             largest shift, in [0, 0.2]
 *   na = 0.5                probability of counting na as no, in [0, 1]
 *   aggregation = 0.5       probability of the geometric mean, in [0, 1]
 *   [report]
 *   ranks = yes             yes or no
 *
 * Any input may be "off" (equal to a zero range or probability 0). A range
 * outside its bounds, an inverted range, too many draws, an unknown key or a
 * malformed value is reported at its line and column in diag; returns
 * MGI_ERR_DATA then (c is left at the defaults), MGI_ERR_IO when the file
 * cannot be read. */
mgi_error mgi_uncertainty_load(const char *path, mgi_diag *diag, mgi_uncertainty_config *c);

/* How one rank (a domain's or the overall one) of one commune in one year
 * holds up. */
typedef struct mgi_rank_band {
    unsigned nominal, of; /* the assessment's rank (0: not ranked) and count */
    double ranked;        /* share of the draws in which it is ranked */
    bool rarely;          /* ranked in fewer than half the draws: no interval */
    /* Over the draws in which it is ranked (0 when rarely): the median and
     * the 5th and 95th percentiles of the rank (the smallest rank reached by
     * that share of draws). */
    unsigned median, lo, hi;
    double top, bottom; /* share of all draws in the top / bottom quarter of
                           that draw's ranked communes (rank ≤ n/4, > 3n/4) */
    double variance;    /* of the rank over A and B */
    /* Sobol' indices per input; 0 for an input switched off, NAN when the
     * rank does not move at all (variance 0). Estimates: they may stray a
     * little outside [0, 1]. */
    double first[MGI_NINPUTS], total[MGI_NINPUTS];
} mgi_rank_band;

/* What drives the ranks of one year, over all its communes: each index
 * weighted by the rank's variance (the share of all rank movement an input
 * explains), per domain and overall ([MGI_NDOMAINS]). NAN when no rank
 * moves. */
typedef struct mgi_year_drivers {
    int year;
    double first[MGI_NDOMAINS + 1][MGI_NINPUTS], total[MGI_NDOMAINS + 1][MGI_NINPUTS];
    double moved[MGI_NDOMAINS + 1]; /* mean of hi − lo over the ranked communes */
} mgi_year_drivers;

typedef struct mgi_uncertainty {
    const mgi_assessment *a; /* not owned */
    mgi_uncertainty_config config;
    /* [a->nresults][MGI_NDOMAINS + 1], results in a's order; the last of
     * each row is the overall rank. */
    mgi_rank_band (*band)[MGI_NDOMAINS + 1];
    mgi_year_drivers *years; /* in a->years' order */
    size_t nyears;
} mgi_uncertainty;

/* Runs the analysis of every year of a under c (c->draws > 0). On success *out
 * is the analysis (free with mgi_uncertainty_free; it refers to a, which must
 * outlive it). Deterministic: the same a and c give the same numbers.
 * Errors: MGI_ERR_NOMEM; MGI_ERR_USAGE when c->draws is 0 or too many. */
mgi_error mgi_uncertainty_run(const mgi_assessment *a, const mgi_uncertainty_config *c,
                              mgi_uncertainty **out);

/* Frees u. Accepts NULL. */
void mgi_uncertainty_free(mgi_uncertainty *u);

/* The band of result r (a pointer into u->a->results), domain d
 * (MGI_NDOMAINS: overall); NULL when u is NULL. */
const mgi_rank_band *mgi_uncertainty_band(const mgi_uncertainty *u, const mgi_result *r, size_t d);

/* The drivers of a year, or NULL. */
const mgi_year_drivers *mgi_uncertainty_year(const mgi_uncertainty *u, int year);

/* The input with the largest total-effect index in total[] (ties: the first),
 * or MGI_NINPUTS when none explains anything (all ≤ 0.05 or NAN). */
mgi_input mgi_uncertainty_dominant(const double total[MGI_NINPUTS]);

/* A band is wide when its 90 % interval spans more than a quarter of the
 * communes compared (hi − lo + 1 > of / 4, and at least 3 ranks), or when
 * it is rarely ranked. */
bool mgi_rank_band_wide(const mgi_rank_band *b);

/* Writes assessment.csv as mgi_assess_write_csv does (same selection by
 * codes and year), with four more columns:
 *
 *   ...,change,rank_median,rank_lo,rank_hi,ranked
 *
 * the median rank and the 5th–95th percentile interval over the draws (empty
 * when not ranked nominally or ranked in fewer than half the draws), and the
 * share of draws in which the row is ranked. u NULL (analysis off): the
 * columns are empty. Returns MGI_ERR_IO when writing fails. */
mgi_error mgi_uncertainty_write_csv(const mgi_assessment *a, const mgi_uncertainty *u, FILE *f,
                                    const char *const *codes, size_t ncodes, int year);

/* ---- The building blocks, public for their tests ---------------------- */

/* A Latin hypercube design of n rows and dims columns in [0, 1), row-major in
 * out[n × dims]: each column has exactly one value in each of the n strata
 * [k/n, (k+1)/n). Deterministic from seed; different streams (0, 1, …) of
 * the same seed give independent designs. Errors: MGI_ERR_NOMEM. */
mgi_error mgi_design_lhs(uint64_t seed, uint64_t stream, size_t n, size_t dims, double *out);

#define MGI_SOBOL_MAX_DIMS 16

/* The first n points after the origin of the Sobol' sequence in dims ≤ 16
 * dimensions (Joe and Kuo's direction numbers, new-joe-kuo-6.21201), each
 * column digitally shifted (XOR) by a number drawn from seed, row-major in
 * out[n × dims], values in (0, 1). A digital shift keeps the sequence's even
 * spread, and the same seed gives the same points. For Saltelli's scheme, A
 * is the first half of the columns and B the second half. */
void mgi_design_sobol(uint64_t seed, size_t n, size_t dims, double *out);

/* The running sums of the Sobol' estimators for k inputs (k ≤ MGI_NINPUTS). */
typedef struct mgi_sobol_sums {
    size_t n, k;
    double a, aa, b, bb;
    double first[MGI_NINPUTS], total[MGI_NINPUTS];
    double shift[MGI_NINPUTS]; /* Σ f(AB_i) − f(A), to centre f(B) at the end */
} mgi_sobol_sums;

/* Adds one row: f(A), f(B) and f(AB_i) for the k inputs. */
void mgi_sobol_add(mgi_sobol_sums *s, double fa, double fb, const double *fab);

/* The variance of f over A and B, and the first-order and total indices
 * (NAN when the variance is 0). The first-order sum is taken with f(B)
 * centred on the mean of f, which leaves its expectation as it is and
 * shrinks its error when the mean is far from 0 (Ishigami's is 3.5: the
 * error of S3 at 1000 draws goes from about 0.09 to about 0.02). */
double mgi_sobol_indices(const mgi_sobol_sums *s, double *first, double *total);

#endif
