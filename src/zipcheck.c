/* zipcheck.c — reading back a zip file a library wrote (through workbook.c's libzip reader): is
 * every member whole? */
#include "mgi/zipcheck.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mgi/workbook.h"

/* What the check keeps of a member as it inflates, in constant memory
 * however large the member: its size, its first and last bytes, and how many
 * '<' it holds (libzip checks the CRC). */
enum { HEAD = 4096, TAIL = 1024 };
typedef struct member {
    size_t size, nhead, ntail, lt;
    unsigned char head[HEAD], tail[TAIL];
} member;

static void take(member *m, const unsigned char *p, size_t n)
{
    m->size += n;
    for (const unsigned char *q = p; (q = memchr(q, '<', n - (size_t)(q - p))) != NULL; q++)
        m->lt++;
    size_t h = n < HEAD - m->nhead ? n : HEAD - m->nhead;
    memcpy(m->head + m->nhead, p, h);
    m->nhead += h;
    if (n >= TAIL) {
        memcpy(m->tail, p + n - TAIL, TAIL);
        m->ntail = TAIL;
    } else {
        size_t keep = m->ntail < TAIL - n ? m->ntail : TAIL - n;
        memmove(m->tail, m->tail + m->ntail - keep, keep);
        memcpy(m->tail + keep, p, n);
        m->ntail = keep + n;
    }
}

static bool space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* One whole XML document: its first element (after the declaration and any
 * comments, within the first HEAD bytes) is closed at the very end, or is
 * empty-element and alone. */
static bool xml_whole(const member *m)
{
    const unsigned char *p = m->head;
    size_t n = m->nhead, i = 0, lt = 0;
    for (;;) {
        while (i < n && p[i] != '<')
            i++;
        if (i + 1 >= n)
            return false;
        lt++;
        if (p[i + 1] != '?' && p[i + 1] != '!')
            break;
        i++;
    }
    size_t name = i + 1, len = 0;
    while (name + len < n && !space(p[name + len]) && p[name + len] != '/' && p[name + len] != '>')
        len++;
    if (len == 0 || name + len >= n)
        return false;
    /* The tail: t[k] is byte size - ntail + k of the document. */
    const unsigned char *t = m->tail;
    size_t nt = m->ntail;
    while (nt > 0 && space(t[nt - 1]))
        nt--;
    size_t end = m->size - m->ntail + nt;
    if (nt == 0 || end < name + len + 2 || t[nt - 1] != '>')
        return false;
    if (nt >= 2 && t[nt - 2] == '/' && m->lt == lt)
        return true; /* <root .../> */
    return end >= name + 2 * len + 3 && nt >= len + 3 && t[nt - len - 3] == '<' &&
           t[nt - len - 2] == '/' && memcmp(t + nt - len - 1, p + name, len) == 0;
}

static bool xml_member(const char *name)
{
    size_t n = strlen(name);
    return (n > 4 && strcmp(name + n - 4, ".xml") == 0) ||
           (n > 5 && strcmp(name + n - 5, ".rels") == 0);
}

static bool piece(const char *p, size_t n, void *ctx)
{
    take(ctx, (const unsigned char *)p, n);
    return true;
}

mgi_error mgi_zip_check(const char *path, char *why, size_t whylen)
{
    mgi_zip *zip = NULL;
    member *m = NULL;
    char reason[320] = "";
    mgi_error err = mgi_zip_open(path, NULL, 0, &zip, reason, sizeof reason);
    if (err != MGI_OK) {
        snprintf(why, whylen, "%s", err == MGI_ERR_NOMEM ? "out of memory" : reason);
        return err == MGI_ERR_NOMEM ? MGI_ERR_NOMEM : MGI_ERR_IO;
    }
    if (!(m = malloc(sizeof *m))) {
        err = MGI_ERR_NOMEM;
        goto cleanup;
    }
    if (mgi_zip_count(zip) == 0) {
        snprintf(why, whylen, "an empty zip file");
        err = MGI_ERR_IO;
        goto cleanup;
    }
    for (size_t k = 0; k < mgi_zip_count(zip); k++) {
        const char *name = mgi_zip_name(zip, k);
        memset(m, 0, offsetof(member, head));
        /* libzip inflates the member and checks its size and CRC. */
        err = mgi_zip_read(zip, name, SIZE_MAX, piece, m, reason, sizeof reason);
        if (err == MGI_ERR_NOMEM)
            goto cleanup;
        if (err != MGI_OK) {
            snprintf(why, whylen, "%s", reason);
            err = MGI_ERR_IO;
            goto cleanup;
        }
        if (xml_member(name) && !xml_whole(m)) {
            snprintf(why, whylen, "%s is %s", name, m->size ? "cut short" : "empty");
            err = MGI_ERR_IO;
            goto cleanup;
        }
    }
    err = MGI_OK;
cleanup:
    free(m);
    mgi_zip_close(zip);
    return err;
}
