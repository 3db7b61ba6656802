/* zipcheck.c — reading back a zip file a library wrote: is every member whole? */
#include "mgi/zipcheck.h"

#include <errno.h>
#include <stdbool.h>
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

static bool space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* One whole XML document: its first element (after the declaration and any
 * comments) is closed at the very end, or is empty-element and alone. */
static bool xml_whole(const unsigned char *p, size_t n)
{
    size_t i = 0;
    for (;;) {
        while (i < n && p[i] != '<')
            i++;
        if (i + 1 >= n)
            return false;
        if (p[i + 1] != '?' && p[i + 1] != '!')
            break;
        i++;
    }
    size_t name = i + 1, len = 0;
    while (name + len < n && !space(p[name + len]) && p[name + len] != '/' && p[name + len] != '>')
        len++;
    size_t end = n;
    while (end > name && space(p[end - 1]))
        end--;
    if (len == 0 || end < name + len + 2 || p[end - 1] != '>')
        return false;
    if (p[end - 2] == '/' && !memchr(p + name, '<', end - name))
        return true; /* <root .../> */
    return end >= name + 2 * len + 3 && p[end - len - 3] == '<' && p[end - len - 2] == '/' &&
           memcmp(p + end - len - 1, p + name, len) == 0;
}

static bool xml_member(const char *name)
{
    size_t n = strlen(name);
    return (n > 4 && strcmp(name + n - 4, ".xml") == 0) ||
           (n > 5 && strcmp(name + n - 5, ".rels") == 0);
}

/* Inflates a raw deflate stream of csize bytes into exactly usize bytes at out. */
static bool inflated(const unsigned char *in, size_t csize, unsigned char *out, size_t usize)
{
    z_stream s;
    memset(&s, 0, sizeof s);
    if (inflateInit2(&s, -MAX_WBITS) != Z_OK)
        return false;
    s.next_in = (unsigned char *)in;
    s.avail_in = (uInt)csize;
    s.next_out = out;
    s.avail_out = (uInt)usize + 1; /* one byte more: a longer stream shows */
    int r = inflate(&s, Z_FINISH);
    bool ok = r == Z_STREAM_END && s.total_out == usize;
    inflateEnd(&s);
    return ok;
}

mgi_error mgi_zip_check(const char *path, char *why, size_t whylen)
{
    size_t n = 0;
    unsigned char *z = slurp(path, &n), *out = NULL;
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
    size_t cap = 0;
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
        if (usize + 1 > cap) {
            unsigned char *grown = realloc(out, usize + 1);
            if (!grown) {
                err = MGI_ERR_NOMEM;
                goto cleanup;
            }
            out = grown;
            cap = usize + 1;
        }
        bool ok = method == 8 ? inflated(z + data, csize, out, usize)
                              : csize == usize && memcpy(out, z + data, usize);
        if (!ok || crc32(0L, out, (uInt)usize) != crc) {
            snprintf(why, whylen, "%s is damaged", name);
            goto cleanup;
        }
        if (xml_member(name) && !xml_whole(out, usize)) {
            snprintf(why, whylen, "%s is %s", name, usize ? "cut short" : "empty");
            goto cleanup;
        }
    }
    err = MGI_OK;
cleanup:
    free(out);
    free(z);
    return err;
}
