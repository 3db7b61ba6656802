/* test_collate.c — the reader's order of names and capitals in titles (collate.h), case by case. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mgi/collate.h"

static int failures;

static void fail(const char *what, const char *got, const char *want)
{
    printf("FAIL: %s: \"%s\", expected \"%s\"\n", what, got, want);
    failures++;
}

static int by_name(const void *x, const void *y)
{
    return mgi_collate(*(const char *const *)x, *(const char *const *)y);
}

/* Names in shuffled order, sorted, against the order a Spanish reader expects. Fails
 * with byte order (Ñ after Z, Á after Z), with a fold of Ñ to N (Ñiquén before Nogales),
 * with a collation that puts case before accents (Maipú before maipu), and with the
 * traditional Spanish order (ch after c: Concón before Chillán). */
static void order(void)
{
    static const char *const want[] = {"Ángol",  "Antofagasta", "Chillán", "Concón",
                                       "maipu",  "Maipú",       "Nogales", "Nueva Imperial",
                                       "Ñiquén", "Ñuñoa",       "Ocoa",    "Zapallar"};
    enum { N = sizeof want / sizeof *want };
    static const size_t shuffle[N] = {9, 3, 11, 0, 7, 5, 1, 10, 2, 8, 4, 6};
    const char *got[N];
    for (size_t i = 0; i < N; i++)
        got[i] = want[shuffle[i]];
    qsort(got, N, sizeof *got, by_name);
    for (size_t i = 0; i < N; i++)
        if (strcmp(got[i], want[i]) != 0) {
            fail("sorted names", got[i], want[i]);
            break;
        }
    if (mgi_collate("Maipú", "Maipú") != 0 || mgi_collate("a", "b") >= 0 ||
        mgi_collate("b", "a") <= 0)
        fail("mgi_collate's sign", "?", "like strcmp");
}

/* s upper-cased for locale into a buffer of size bytes: want, and the error expected. */
static void upper(const char *s, const char *locale, size_t size, const char *want, mgi_error err)
{
    char *out = malloc(size);
    if (!out)
        exit(1);
    mgi_error got = mgi_collate_upper(s, strlen(s), locale, out, size);
    if (got != err)
        fail(s, mgi_strerror(got), mgi_strerror(err));
    else if (strcmp(out, want) != 0)
        fail(s, out, want);
    free(out);
}

int main(void)
{
    if (mgi_collate_open() != MGI_OK || mgi_collate_open() != MGI_OK) {
        printf("FAIL: ICU's Spanish collator does not open\n");
        return 1;
    }
    order();
    upper("Derechos de los migrantes", "es", 64, "DERECHOS DE LOS MIGRANTES", MGI_OK);
    upper("Ñuñoa, Maipú, Concón, Pingüino", "es", 64, "ÑUÑOA, MAIPÚ, CONCÓN, PINGÜINO", MGI_OK);
    upper("Łódź, Straße, œuvre, ÿ", "en", 64, "ŁÓDŹ, STRASSE, ŒUVRE, Ÿ", MGI_OK);
    upper("istanbul", "tr", 64, "İSTANBUL", MGI_OK); /* the locale's rules, not one table */
    /* In place, as mgi_doc_upper calls it. */
    char buf[32] = "ñandú";
    if (mgi_collate_upper(buf, strlen(buf), "es", buf, sizeof buf) != MGI_OK ||
        strcmp(buf, "ÑANDÚ") != 0)
        fail("in place", buf, "ÑANDÚ");
    /* Longer than the buffer: cut at a character boundary (ß grows to SS; Ñ is 2 bytes). */
    upper("ñañaña", "es", 6, "ÑAÑ", MGI_OK);
    upper("straße", "es", 7, "STRASS", MGI_OK);
    /* A last character cut short (snprintf's cut of a long title) is left out. */
    upper("añ\xC3", "es", 16, "AÑ", MGI_OK);
    /* Not UTF-8 inside: an error, and out empty. */
    upper("a\xFF"
          "b",
          "es", 16, "", MGI_ERR_INTERNAL);
    printf("collate: %d failures\n", failures);
    return failures != 0;
}
