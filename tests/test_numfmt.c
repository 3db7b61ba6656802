/* test_numfmt.c — numbers as the documents write them, against a table and against printf. */
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "mgi/numfmt.h"

static int failures;

static void check(long long k, unsigned decimals, const char *want)
{
    char got[64];
    size_t n = mgi_numfmt_fixed(got, k, decimals);
    got[n] = '\0';
    if (strcmp(got, want) != 0) {
        printf("FAIL: %lld / 10^%u: \"%s\", expected \"%s\"\n", k, decimals, got, want);
        failures++;
    }
}

/* What printf makes of k / 10^decimals, trailing zeros and point dropped. */
static void by_printf(long long k, unsigned decimals, char *out, size_t size)
{
    unsigned long long scale = 1, m = k < 0 ? 0 - (unsigned long long)k : (unsigned long long)k;
    for (unsigned d = 0; d < decimals; d++)
        scale *= 10;
    int n =
        snprintf(out, size, "%s%llu.%0*llu", k < 0 ? "-" : "", m / scale, (int)decimals, m % scale);
    while (n > 0 && out[n - 1] == '0' && strchr(out, '.'))
        out[--n] = '\0';
    if (n > 0 && out[n - 1] == '.')
        out[--n] = '\0';
}

int main(void)
{
    static const struct {
        long long k;
        unsigned decimals;
        const char *want;
    } table[] = {
        /* k            decimals  written */
        {0, 3, "0"},
        {12500, 3, "12.5"},
        {-7, 2, "-0.07"},
        {300, 2, "3"},
        {1, 3, "0.001"},
        {-1000, 3, "-1"},
        {595276, 3, "595.276"},
        {841890, 3, "841.89"},
        {42, 0, "42"},
        {LLONG_MAX, 3, "9223372036854775.807"},
        {LLONG_MIN, 3, "-9223372036854775.808"},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        check(table[i].k, table[i].decimals, table[i].want);

    char want[64];
    uint64_t x = 88172645463325252u; /* xorshift: the same numbers on every run */
    for (int i = 0; i < 1000000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        long long k = (long long)(x >> (1 + x % 50)); /* at most LLONG_MAX */
        if (x & 1)
            k = -k;
        unsigned decimals = (unsigned)(x >> 59) % 7;
        by_printf(k, decimals, want, sizeof want);
        check(k, decimals, want);
        if (failures > 10)
            break;
    }

    char u[32];
    u[mgi_numfmt_uint(u, 18446744073709551615u)] = '\0';
    if (strcmp(u, "18446744073709551615") != 0) {
        printf("FAIL: largest unsigned: \"%s\"\n", u);
        failures++;
    }
    printf("numfmt: %d failures\n", failures);
    return failures != 0;
}
