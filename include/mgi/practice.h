/* practice.h — learning from one another: who already does it, and the most common gaps. */
#ifndef MGI_PRACTICE_H
#define MGI_PRACTICE_H

#include "mgi/assess.h"
#include "mgi/dataset.h"
#include "mgi/error.h"
#include <stddef.h>

/*
 * The Local MGI wants local authorities to learn from one another. mgi holds
 * every commune's answers and findings, so for each gap of one commune it can
 * name the communes that already have the practice in place.
 *
 * "Has the practice" means: the commune's latest assessment (its last year in
 * responses.csv, whatever year is being built) answers the indicator yes. A
 * yes in an older year that a later assessment no longer confirms does not
 * count.
 */

#define MGI_PEERS_MAX 3

typedef struct mgi_peer {
    size_t commune;         /* index into ds->communes */
    const mgi_round *round; /* its latest assessment, which answers yes */
} mgi_peer;

/* Chooses up to MGI_PEERS_MAX communes other than `commune` that have the
 * practice `indicator` in place, best first, by this rule:
 *   1. same region (a non-empty region equal to the commune's) first;
 *   2. then the nearest share of foreign residents (foreign_residents /
 *      population); communes without both figures come after those with them,
 *      and the rule is skipped when the commune itself lacks them;
 *   3. then the most recent assessment;
 *   4. then commune code, so that the choice never depends on file order.
 * Writes them to out and returns how many (0 when no other commune has it,
 * and always for a commune alone in the data set). Linear in the number of
 * communes; allocates nothing. */
size_t mgi_practice_peers(const mgi_dataset *ds, size_t commune, size_t indicator,
                          mgi_peer out[MGI_PEERS_MAX]);

/* One practice in place: an indicator that a commune's latest assessment answers yes. */
typedef struct mgi_practice {
    size_t indicator;        /* index into ds->indicators */
    size_t commune;          /* index into ds->communes */
    const mgi_round *round;  /* the commune's latest assessment */
    const char *name, *code; /* the commune's (for sorting) */
} mgi_practice;

/* Every practice in place (COVID-19 annex questions left out), in catalogue
 * order, then by commune name as readers sort it (accents and case folded:
 * "Ñuñoa" among the N's, not after "Zapallar"), then code. On success *out
 * (free with free()) holds *n rows. Errors: MGI_ERR_NOMEM. The practice
 * directory (practices.xlsx, the dashboard) lists exactly these. */
mgi_error mgi_practice_list(const mgi_dataset *ds, mgi_practice **out, size_t *n);

/* A one-line excerpt of a finding (inline Markdown): its first sentence with
 * emphasis, code marks and link targets removed; when longer than max_chars
 * characters, cut at the end of a clause (a comma, semicolon or colon) that
 * keeps at least half of them, else at a word boundary but not after an article,
 * preposition, conjunction or possessive (English, Spanish), with "…". Writes a NUL-terminated
 * UTF-8 string into buf (size > 0) and returns buf; "" for an empty finding. */
char *mgi_practice_excerpt(const char *finding, size_t max_chars, char *buf, size_t size);

/* How common one gap is among the communes assessed in one year. */
typedef struct mgi_gap {
    size_t indicator;  /* index into ds->indicators */
    unsigned no;       /* communes answering no */
    unsigned partial;  /* communes answering partial */
    unsigned answered; /* communes answering yes, partial or no */
    unsigned had_gap;  /* communes with an earlier assessment answering no or partial */
    unsigned improved; /* of those, how many answer better now */
} mgi_gap;

/* The non-COVID indicators of the communes assessed in `year`, most common
 * gap first: by `no` descending, then `partial` descending, then catalogue
 * order. Only indicators that at least one commune answers no are listed.
 * On success *out (free with free()) holds *n entries. Errors: MGI_ERR_NOMEM. */
mgi_error mgi_practice_gaps(const mgi_assessment *a, int year, mgi_gap **out, size_t *n);

/* The same over the assessments rows[0..nrows) (the communes compared, view.h). */
mgi_error mgi_practice_gaps_of(const mgi_dataset *ds, const mgi_result *const *rows, size_t nrows,
                               mgi_gap **out, size_t *n);

#endif
