/* zipcheck.c — reading back a zip file a library wrote: is every member whole? */
#include "mgi/zipcheck.h"

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

enum {
    LOCAL_SIG = 0x04034b50,
    CENTRAL_SIG = 0x02014b50,
    END_SIG = 0x06054b50,
    LOCAL_SIZE = 30,
    CENTRAL_SIZE = 46,
    END_SIZE = 22,
};

static uint32_t u16(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t u32(const unsigned char *p)
{
    return u16(p) | u16(p + 2) << 16;
}

/* The whole file, or NULL with errno set. */
static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL;
    long size = -1;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)size + 1)) != NULL && fread(buf, 1, (size_t)size, f) != (size_t)size) {
        free(buf);
        buf = NULL;
        errno = EIO;
    }
    int e = errno;
    fclose(f);
    errno = e;
    *n = (size_t)size;
    return buf;
}

/* What the check keeps of a member as it inflates, in constant memory
 * however large the member: its CRC and size, its first and last bytes, and
 * how many '<' it holds. */
enum { HEAD = 4096, TAIL = 1024, CHUNK = 65536 };
typedef struct member {
    uLong crc;
    size_t size, nhead, ntail, lt;
    unsigned char head[HEAD], tail[TAIL];
} member;

static void take(member *m, const unsigned char *p, size_t n)
{
    m->crc = crc32(m->crc, p, (uInt)n);
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

/* Inflates a raw deflate stream of csize bytes into m, CHUNK bytes at a time
 * through buf: true when it ends after exactly usize bytes. */
static bool inflated(const unsigned char *in, size_t csize, size_t usize, member *m,
                     unsigned char *buf)
{
    z_stream s;
    memset(&s, 0, sizeof s);
    if (inflateInit2(&s, -MAX_WBITS) != Z_OK)
        return false;
    s.next_in = (unsigned char *)in;
    s.avail_in = (uInt)csize;
    int r;
    do {
        s.next_out = buf;
        s.avail_out = CHUNK;
        r = inflate(&s, Z_NO_FLUSH);
        if (r != Z_OK && r != Z_STREAM_END)
            break;
        take(m, buf, CHUNK - s.avail_out);
    } while (r != Z_STREAM_END && m->size <= usize && (s.avail_in > 0 || s.avail_out == 0));
    inflateEnd(&s);
    return r == Z_STREAM_END && m->size == usize;
}

mgi_error mgi_zip_check(const char *path, char *why, size_t whylen)
{
    size_t n = 0;
    unsigned char *z = slurp(path, &n), *buf = NULL;
    member *m = NULL;
    mgi_error err = MGI_ERR_IO;
    char name[256] = "";
    if (!z) {
        snprintf(why, whylen, "cannot read it back: %s", strerror(errno));
        return errno == ENOMEM ? MGI_ERR_NOMEM : MGI_ERR_IO;
    }
    /* The end record, followed by a comment of up to 65535 bytes. */
    size_t end = n;
    for (size_t i = n >= END_SIZE ? n - END_SIZE + 1 : 0; i-- > 0 && n - i <= END_SIZE + 65535;)
        if (u32(z + i) == END_SIG) {
            end = i;
            break;
        }
    if (end == n) {
        snprintf(why, whylen, "no zip directory at its end");
        goto cleanup;
    }
    size_t count = u16(z + end + 10), dir = u32(z + end + 16), dirsize = u32(z + end + 12);
    if (count == 0xFFFF || dir == 0xFFFFFFFF) {
        err = MGI_OK; /* zip64: not ours to check */
        goto cleanup;
    }
    if (count == 0 || dir > end || dirsize > end - dir) {
        snprintf(why, whylen, "a damaged zip directory");
        goto cleanup;
    }
    if (!(buf = malloc(CHUNK)) || !(m = malloc(sizeof *m))) {
        err = MGI_ERR_NOMEM;
        goto cleanup;
    }
    for (size_t k = 0, p = dir; k < count; k++) {
        if (p + CENTRAL_SIZE > end || u32(z + p) != CENTRAL_SIG) {
            snprintf(why, whylen, "a damaged zip directory");
            goto cleanup;
        }
        uint32_t method = u16(z + p + 10), crc = u32(z + p + 16);
        size_t csize = u32(z + p + 20), usize = u32(z + p + 24), nlen = u16(z + p + 28);
        size_t local = u32(z + p + 42);
        if (p + CENTRAL_SIZE + nlen > end) {
            snprintf(why, whylen, "a damaged zip directory");
            goto cleanup;
        }
        snprintf(name, sizeof name, "%.*s", (int)nlen, (const char *)z + p + CENTRAL_SIZE);
        p += CENTRAL_SIZE + nlen + u16(z + p + 30) + u16(z + p + 32);
        size_t data = local + LOCAL_SIZE;
        if (local > n || n - local < LOCAL_SIZE || u32(z + local) != LOCAL_SIG ||
            (data += u16(z + local + 26) + u16(z + local + 28)) > n || csize > n - data) {
            snprintf(why, whylen, "%s is cut short", name);
            goto cleanup;
        }
        if (method != 0 && method != 8)
            continue; /* no other method is written by the libraries mgi uses */
        memset(m, 0, offsetof(member, head));
        m->crc = crc32(0L, Z_NULL, 0);
        bool ok = method == 8 ? inflated(z + data, csize, usize, m, buf)
                              : csize == usize && (take(m, z + data, usize), true);
        if (!ok || m->crc != crc) {
            snprintf(why, whylen, "%s is damaged", name);
            goto cleanup;
        }
        if (xml_member(name) && !xml_whole(m)) {
            snprintf(why, whylen, "%s is %s", name, usize ? "cut short" : "empty");
            goto cleanup;
        }
    }
    err = MGI_OK;
cleanup:
    free(m);
    free(buf);
    free(z);
    return err;
}
