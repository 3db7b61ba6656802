/* font.c — reading advance widths from a TrueType font's cmap and hmtx tables. */
#include "mgi/font.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mgi_font {
    char *path;
    double upem, ascent, descent;
    uint16_t bmp[65536]; /* advance in font units per BMP code point */
    uint16_t missing;    /* advance of glyph 0 */
};

typedef struct reader {
    const unsigned char *p;
    size_t n;
    int bad;
} reader;

static uint32_t u16(reader *r, size_t off)
{
    if (off + 2 > r->n) {
        r->bad = 1;
        return 0;
    }
    return (uint32_t)r->p[off] << 8 | r->p[off + 1];
}

static uint32_t u32(reader *r, size_t off)
{
    return u16(r, off) << 16 | u16(r, off + 2);
}

static size_t table(reader *r, const char *tag, size_t *len)
{
    size_t count = u16(r, 4);
    for (size_t i = 0; i < count; i++) {
        size_t rec = 12 + 16 * i;
        if (rec + 16 > r->n)
            break;
        if (memcmp(r->p + rec, tag, 4) == 0) {
            size_t off = u32(r, rec + 8);
            *len = u32(r, rec + 12);
            if (off > r->n || *len > r->n - off)
                break;
            return off;
        }
    }
    r->bad = 1;
    *len = 0;
    return 0;
}

mgi_error mgi_font_load(const char *path, mgi_diag *diag, mgi_font **out)
{
    *out = NULL;
    mgi_error err = MGI_OK;
    unsigned char *buf = NULL;
    mgi_font *font = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        bool missing = errno == ENOENT;
        mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "%s", strerror(errno));
        return missing ? MGI_ERR_NOINPUT : MGI_ERR_IO;
    }
    long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    if (size < 12 || size > 64L << 20 || fseek(f, 0, SEEK_SET) != 0) {
        mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "not a TrueType font");
        err = MGI_ERR_DATA;
        goto cleanup;
    }
    buf = malloc((size_t)size);
    font = calloc(1, sizeof *font);
    if (!buf || !font || !(font->path = strdup(path))) {
        err = MGI_ERR_NOMEM;
        goto cleanup;
    }
    if (fread(buf, 1, (size_t)size, f) != (size_t)size) {
        mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "read error");
        err = MGI_ERR_IO;
        goto cleanup;
    }
    reader r = {buf, (size_t)size, 0};
    size_t len, head = table(&r, "head", &len), hhea = table(&r, "hhea", &len);
    size_t hmtx_len, hmtx = table(&r, "hmtx", &hmtx_len);
    size_t cmap_len, cmap = table(&r, "cmap", &cmap_len);
    font->upem = u16(&r, head + 18);
    font->ascent = (int16_t)u16(&r, hhea + 4) / (font->upem ? font->upem : 1);
    font->descent = (int16_t)u16(&r, hhea + 6) / (font->upem ? font->upem : 1);
    size_t nmetrics = u16(&r, hhea + 34);
    if (r.bad || !font->upem || !nmetrics || nmetrics * 4 > hmtx_len) {
        mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "not a TrueType font (tables missing)");
        err = MGI_ERR_DATA;
        goto cleanup;
    }
#define ADVANCE(g) ((uint16_t)u16(&r, hmtx + 4 * ((g) < nmetrics ? (g) : nmetrics - 1)))
    font->missing = ADVANCE(0u);
    for (size_t i = 0; i < 65536; i++)
        font->bmp[i] = font->missing;
    /* The Unicode BMP subtable (platform 3 encoding 1, or platform 0), format 4. */
    size_t sub = 0, nsub = u16(&r, cmap + 2);
    for (size_t i = 0; i < nsub && !sub; i++) {
        size_t rec = cmap + 4 + 8 * i;
        uint32_t platform = u16(&r, rec), encoding = u16(&r, rec + 2);
        size_t off = cmap + u32(&r, rec + 4);
        if (((platform == 3 && encoding == 1) || platform == 0) && u16(&r, off) == 4)
            sub = off;
    }
    if (!sub || r.bad) {
        mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "no Unicode character map in the font");
        err = MGI_ERR_DATA;
        goto cleanup;
    }
    size_t segs = u16(&r, sub + 6) / 2;
    size_t ends = sub + 14, starts = ends + 2 * segs + 2, deltas = starts + 2 * segs,
           ranges = deltas + 2 * segs;
    for (size_t s = 0; s < segs && !r.bad; s++) {
        uint32_t end = u16(&r, ends + 2 * s), start = u16(&r, starts + 2 * s);
        uint32_t delta = u16(&r, deltas + 2 * s), range = u16(&r, ranges + 2 * s);
        for (uint32_t c = start; c <= end && c < 0xFFFF; c++) {
            uint32_t g;
            if (range == 0)
                g = (c + delta) & 0xFFFF;
            else {
                g = u16(&r, ranges + 2 * s + range + 2 * (c - start));
                if (g)
                    g = (g + delta) & 0xFFFF;
            }
            if (g)
                font->bmp[c] = ADVANCE(g);
        }
    }
#undef ADVANCE
    if (r.bad) {
        mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "damaged character map");
        err = MGI_ERR_DATA;
        goto cleanup;
    }
    *out = font;
    font = NULL;
cleanup:
    fclose(f);
    free(buf);
    mgi_font_free(font);
    return err;
}

void mgi_font_free(mgi_font *font)
{
    if (!font)
        return;
    free(font->path);
    free(font);
}

const char *mgi_font_path(const mgi_font *font) { return font->path; }
double mgi_font_ascent(const mgi_font *font) { return font->ascent; }
double mgi_font_descent(const mgi_font *font) { return font->descent; }

double mgi_font_advance(const mgi_font *font, uint32_t cp)
{
    return (cp < 65536 ? font->bmp[cp] : font->missing) / font->upem;
}

size_t mgi_utf8_decode(const char *str, size_t n, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    if (n == 0) {
        *cp = 0xFFFD;
        return 1;
    }
    unsigned char c = s[0];
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || len > n) {
        *cp = 0xFFFD;
        return 1;
    }
    uint32_t v = len == 1 ? c : c & (0x7F >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = v << 6 | (s[i] & 0x3F);
    }
    *cp = v;
    return len;
}

double mgi_font_width(const mgi_font *font, const char *s, size_t n, double size)
{
    double w = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += mgi_utf8_decode(s + i, n - i, &cp);
        w += mgi_font_advance(font, cp);
    }
    return w * size;
}
