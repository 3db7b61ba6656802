/* seal.h — Chile's municipal Migrant Seal: status, revalidation calendar, readiness by dimension.
 */
#ifndef MGI_SEAL_H
#define MGI_SEAL_H

#include <stdbool.h>

#include "mgi/assess.h"
#include "mgi/dataset.h"
#include "mgi/date.h"
#include "mgi/sealterms.h"

/*
 * The National Migration Service certifies municipalities in two stages,
 * candidate then granted, and the seal is revalidated every two years. The
 * migrant office's work is read along five dimensions (sealterms.h), to which
 * indicators.csv maps indicators (seal_dimension).
 *
 * Revalidation falls due two years after the last review, or after the
 * award when there has been no review yet, for a seal that is granted or
 * revalidated; the day is clamped to the month (a review on 2024-02-29 is due
 * on 2026-02-28). A candidate, a lapsed seal and a commune without one have
 * no due date.
 */

enum { MGI_SEAL_REVIEW_MONTHS = 24, MGI_SEAL_SOON_MONTHS = 6 };

typedef struct mgi_seal {
    mgi_seal_status status;
    mgi_date since, last_review; /* as in communes.csv; MGI_NODATE when absent */
    mgi_date due;                /* next revalidation; MGI_NODATE when none is due */
    bool overdue;                /* due before as_of */
    bool due_soon;               /* due between as_of and as_of + 6 months, inclusive */
    /* Readiness per dimension: the scoring rules of the domains (assess.h) over
     * the indicators mapped to it, COVID-19 questions excluded. */
    mgi_score dim[MGI_SEAL_NDIMS];
    size_t nmapped[MGI_SEAL_NDIMS]; /* indicators mapped to each dimension */
} mgi_seal;

/* The revalidation due date of commune cm (see above), or MGI_NODATE. */
mgi_date mgi_seal_due(const mgi_commune *cm);

/* The revalidation calendar of cm on as_of: its due date (as mgi_seal_due),
 * whether that is before as_of (overdue), and whether it falls between as_of
 * and as_of + 6 months, both included (due soon). */
void mgi_seal_calendar(const mgi_commune *cm, mgi_date as_of, mgi_date *due, bool *overdue,
                       bool *soon);

/* The seal of result r's commune as it stands on as_of, with readiness from
 * r's answers. Allocates nothing; cannot fail. */
void mgi_seal_assess(const mgi_assessment *a, const mgi_result *r, mgi_date as_of, mgi_seal *s);

/* Whether a profile of commune cm has anything to say about the seal: seal
 * data in communes.csv, or indicators mapped to a dimension. */
bool mgi_seal_relevant(const mgi_dataset *ds, const mgi_commune *cm);

#endif
