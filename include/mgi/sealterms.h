/* sealterms.h — the words of Chile's Migrant Seal: a commune's status and the five dimensions, as
 * the data names them. */
#ifndef MGI_SEALTERMS_H
#define MGI_SEALTERMS_H

/*
 * The vocabulary alone, apart from seal.h: the data set (dataset.h) holds a
 * commune's status and an indicator's dimension, and seal.h reasons with
 * them on top of the assessment (assess.h, which includes dataset.h), so
 * both include this header. The functions are defined in seal.c.
 */

/* Chile's municipal Migrant Seal (Sello Migrante): where a commune stands in
 * the certification, from communes.csv's seal_status ("" is UNKNOWN). */
typedef enum mgi_seal_status {
    MGI_SEAL_UNKNOWN, /* no seal data */
    MGI_SEAL_NONE,
    MGI_SEAL_CANDIDATE,   /* work plan, diagnosis and letter of commitment */
    MGI_SEAL_GRANTED,     /* awarded by the qualifying committee */
    MGI_SEAL_REVALIDATED, /* renewed (every two years) */
    MGI_SEAL_LAPSED,
    MGI_SEAL_NSTATUS
} mgi_seal_status;

/* The five dimensions of a municipal migrant office's work under the seal, in
 * this order; indicators.csv's seal_dimension names them by these keys:
 * institutions, training, policies, regular_status, associativity. */
enum { MGI_SEAL_NDIMS = 5 };

/* "none", "candidate", …; "" for MGI_SEAL_UNKNOWN. */
const char *mgi_seal_status_key(mgi_seal_status s);
/* "institutions", …, for 0 ≤ dim < MGI_SEAL_NDIMS. */
const char *mgi_seal_dimension_key(int dim);

/* The status whose key is s (exactly, as communes.csv writes it), or
 * MGI_SEAL_UNKNOWN when s is "" or no status's key. */
mgi_seal_status mgi_seal_status_parse(const char *s);
/* The dimension whose key is s (exactly), or -1 when s is "" or no
 * dimension's key. */
int mgi_seal_dimension_parse(const char *s);

#endif
