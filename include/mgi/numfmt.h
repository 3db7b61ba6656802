/* numfmt.h — numbers as the documents write them: decimal digits made without printf. */
#ifndef MGI_NUMFMT_H
#define MGI_NUMFMT_H

#include <stddef.h>

/*
 * The PDF writer and the SVG charts write numbers by the hundred thousand; printf,
 * with its locale and its formats parsed on every call, was a large part of both.
 * These write into a buffer the caller provides and add no terminating NUL.
 */

/* v in decimal: at most 20 characters. Returns how many were written. */
size_t mgi_numfmt_uint(char *out, unsigned long long v);

/* The value k / 10^decimals (decimals at most 18), with a '-' when k is negative,
 * its integer part, and as many decimals as it needs, none when it is whole:
 * (12500, 3) is "12.5", (-7, 2) "-0.07", (300, 2) "3". At most 40 characters.
 * Returns how many were written. */
size_t mgi_numfmt_fixed(char *out, long long k, unsigned decimals);

#endif
