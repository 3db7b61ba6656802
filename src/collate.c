/* collate.c — names sorted and upper-cased by ICU (the Spanish collator, the locale's case rules).
 */
#include "mgi/collate.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/ucol.h>
#include <unicode/ustring.h>

/* One per process (see collate.h), kept until exit. */
static UCollator *collator;

mgi_error mgi_collate_open(void)
{
    if (collator)
        return MGI_OK;
    UErrorCode status = U_ZERO_ERROR;
    UCollator *c = ucol_open("es", &status);
    if (U_FAILURE(status)) {
        ucol_close(c);
        return status == U_MEMORY_ALLOCATION_ERROR ? MGI_ERR_NOMEM : MGI_ERR_INTERNAL;
    }
    collator = c;
    return MGI_OK;
}

int mgi_collate(const char *x, const char *y)
{
    if (collator) {
        UErrorCode status = U_ZERO_ERROR;
        UCollationResult r = ucol_strcollUTF8(collator, x, -1, y, -1, &status);
        if (U_SUCCESS(status) && r != UCOL_EQUAL)
            return r == UCOL_LESS ? -1 : 1;
    }
    return strcmp(x, y);
}

/* n without a last character cut short (as snprintf cuts a long title). */
static size_t whole(const char *s, size_t n)
{
    size_t k = n;
    while (k > 0 && ((unsigned char)s[k - 1] & 0xC0) == 0x80 && n - k < 3)
        k--;
    if (k == 0 || (unsigned char)s[k - 1] < 0xC0)
        return n; /* ASCII at the end, or no lead byte: left to the converter */
    unsigned char lead = (unsigned char)s[k - 1];
    size_t len = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    return n - (k - 1) < len ? k - 1 : n;
}

/* s converted to UTF-16 in a buffer of *len + 1 units the caller frees. */
static UChar *to_utf16(const char *s, size_t n, int32_t *len, mgi_error *err)
{
    UErrorCode status = U_ZERO_ERROR;
    *err = MGI_ERR_INTERNAL;
    if (n > INT32_MAX / 4)
        return NULL;
    u_strFromUTF8(NULL, 0, len, s, (int32_t)n, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status))
        return NULL;
    UChar *u = malloc(((size_t)*len + 1) * sizeof *u);
    if (!u) {
        *err = MGI_ERR_NOMEM;
        return NULL;
    }
    status = U_ZERO_ERROR;
    u_strFromUTF8(u, *len + 1, NULL, s, (int32_t)n, &status);
    if (U_FAILURE(status)) {
        free(u);
        return NULL;
    }
    *err = MGI_OK;
    return u;
}

/* u (len units) in UTF-8 into out, cut at a character boundary to fit size. */
static mgi_error to_utf8(const UChar *u, int32_t len, char *out, size_t size)
{
    UErrorCode status = U_ZERO_ERROR;
    int32_t n = 0;
    u_strToUTF8(NULL, 0, &n, u, len, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status))
        return MGI_ERR_INTERNAL;
    char *t = malloc((size_t)n + 1);
    if (!t)
        return MGI_ERR_NOMEM;
    status = U_ZERO_ERROR;
    u_strToUTF8(t, n + 1, NULL, u, len, &status);
    if (U_FAILURE(status)) {
        free(t);
        return MGI_ERR_INTERNAL;
    }
    size_t k = (size_t)n;
    if (k >= size) {
        k = size - 1;
        while (k > 0 && ((unsigned char)t[k] & 0xC0) == 0x80)
            k--;
    }
    memcpy(out, t, k);
    out[k] = '\0';
    free(t);
    return MGI_OK;
}

mgi_error mgi_collate_upper(const char *s, size_t n, const char *locale, char *out, size_t size)
{
    mgi_error err;
    int32_t len = 0, ulen = 0;
    UChar *u = NULL, *up = NULL;
    UErrorCode status = U_ZERO_ERROR;
    if (size == 0)
        return MGI_ERR_INTERNAL;
    if (!(u = to_utf16(s, whole(s, n), &len, &err)))
        goto cleanup;
    /* Upper case may be longer than the text (ß → SS): measure, then map. */
    ulen = u_strToUpper(NULL, 0, u, len, locale, &status);
    err = MGI_ERR_INTERNAL;
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status))
        goto cleanup;
    err = MGI_ERR_NOMEM;
    if (!(up = malloc(((size_t)ulen + 1) * sizeof *up)))
        goto cleanup;
    status = U_ZERO_ERROR;
    u_strToUpper(up, ulen + 1, u, len, locale, &status);
    err = U_FAILURE(status) ? MGI_ERR_INTERNAL : to_utf8(up, ulen, out, size);
cleanup:
    if (err != MGI_OK)
        out[0] = '\0';
    free(u);
    free(up);
    return err;
}
