/* numfmt.c — numbers as the documents write them: decimal digits made without printf. */
#include "mgi/numfmt.h"

size_t mgi_numfmt_uint(char *out, unsigned long long v)
{
    char tmp[24];
    size_t i = 0, n = 0;
    do
        tmp[i++] = (char)('0' + v % 10);
    while ((v /= 10) > 0);
    while (i > 0)
        out[n++] = tmp[--i];
    return n;
}

size_t mgi_numfmt_fixed(char *out, long long k, unsigned decimals)
{
    unsigned long long scale = 1, m;
    for (unsigned d = 0; d < decimals && d < 18; d++)
        scale *= 10;
    size_t n = 0;
    if (k < 0) {
        out[n++] = '-';
        m = 0 - (unsigned long long)k;
    } else {
        m = (unsigned long long)k;
    }
    n += mgi_numfmt_uint(out + n, m / scale);
    unsigned long long fp = m % scale;
    if (fp) {
        out[n++] = '.';
        for (unsigned long long d = scale / 10; fp; d /= 10) {
            out[n++] = (char)('0' + fp / d);
            fp %= d;
        }
    }
    return n;
}
