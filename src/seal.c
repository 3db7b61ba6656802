/* seal.c — Chile's municipal Migrant Seal: status, revalidation calendar, readiness by dimension.
 */
#include "mgi/seal.h"

#include <math.h>
#include <string.h>

const char *mgi_seal_status_key(mgi_seal_status st)
{
    static const char *const keys[MGI_SEAL_NSTATUS] = {"",        "none",        "candidate",
                                                       "granted", "revalidated", "lapsed"};
    return st >= 0 && st < MGI_SEAL_NSTATUS ? keys[st] : "";
}

const char *mgi_seal_dimension_key(int dim)
{
    static const char *const keys[MGI_SEAL_NDIMS] = {"institutions", "training", "policies",
                                                     "regular_status", "associativity"};
    return dim >= 0 && dim < MGI_SEAL_NDIMS ? keys[dim] : "";
}

mgi_seal_status mgi_seal_status_parse(const char *s)
{
    for (int k = 1; *s && k < MGI_SEAL_NSTATUS; k++)
        if (strcmp(s, mgi_seal_status_key((mgi_seal_status)k)) == 0)
            return (mgi_seal_status)k;
    return MGI_SEAL_UNKNOWN;
}

int mgi_seal_dimension_parse(const char *s)
{
    for (int k = 0; *s && k < MGI_SEAL_NDIMS; k++)
        if (strcmp(s, mgi_seal_dimension_key(k)) == 0)
            return k;
    return -1;
}

mgi_date mgi_seal_due(const mgi_commune *cm)
{
    if (cm->seal != MGI_SEAL_GRANTED && cm->seal != MGI_SEAL_REVALIDATED)
        return MGI_NODATE;
    mgi_date base = cm->seal_last_review != MGI_NODATE ? cm->seal_last_review : cm->seal_since;
    return base == MGI_NODATE ? MGI_NODATE : mgi_date_add_months(base, MGI_SEAL_REVIEW_MONTHS);
}

void mgi_seal_calendar(const mgi_commune *cm, mgi_date as_of, mgi_date *due, bool *overdue,
                       bool *soon)
{
    *due = mgi_seal_due(cm);
    *overdue = *due != MGI_NODATE && *due < as_of;
    *soon =
        *due != MGI_NODATE && !*overdue && *due <= mgi_date_add_months(as_of, MGI_SEAL_SOON_MONTHS);
}

void mgi_seal_assess(const mgi_assessment *a, const mgi_result *r, mgi_date as_of, mgi_seal *s)
{
    const mgi_dataset *ds = a->ds;
    const mgi_commune *cm = &ds->communes[r->commune];
    s->status = cm->seal;
    s->since = cm->seal_since;
    s->last_review = cm->seal_last_review;
    mgi_seal_calendar(cm, as_of, &s->due, &s->overdue, &s->due_soon);
    double num[MGI_SEAL_NDIMS] = {0}, answered[MGI_SEAL_NDIMS] = {0}, total[MGI_SEAL_NDIMS] = {0};
    for (int d = 0; d < MGI_SEAL_NDIMS; d++)
        s->nmapped[d] = 0;
    for (size_t i = 0; i < ds->nindicators; i++) {
        const mgi_indicator *ind = &ds->indicators[i];
        int d = ind->seal_dimension;
        if (d < 0 || ind->covid)
            continue;
        s->nmapped[d]++;
        total[d] += ind->weight;
        double v = mgi_answer_value(&a->method, r->round->responses[i].answer);
        if (!isnan(v)) {
            num[d] += ind->weight * v;
            answered[d] += ind->weight;
        }
    }
    for (int d = 0; d < MGI_SEAL_NDIMS; d++) {
        s->dim[d] = (mgi_score){0};
        mgi_score_finish(&a->method, &s->dim[d], num[d], answered[d], total[d]);
    }
}

bool mgi_seal_relevant(const mgi_dataset *ds, const mgi_commune *cm)
{
    if (cm->seal != MGI_SEAL_UNKNOWN)
        return true;
    for (size_t i = 0; i < ds->nindicators; i++)
        if (ds->indicators[i].seal_dimension >= 0 && !ds->indicators[i].covid)
            return true;
    return false;
}
