/* font.c — TrueType fonts: advance widths and glyphs from cmap and hmtx, and subsets for PDF. */
#include "mgi/font.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mgi_font {
    char *path;
    unsigned char *data; /* the whole file */
    size_t size;
    double upem, ascent, descent;
    uint16_t bmp[65536];   /* advance in font units per BMP code point */
    uint16_t glyph[65536]; /* glyph per BMP code point, 0 = missing */
    uint16_t missing;      /* advance of glyph 0 */
    uint16_t *advance;     /* per glyph, font units */
    size_t nglyphs;
    size_t glyf, glyf_len, loca; /* table offsets in data */
    int loca_long;               /* head.indexToLocFormat */
    mgi_font_info info;
    char psname[64];
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

/* The PostScript name (name ID 6), Windows Unicode or Macintosh Roman; only
 * the characters PostScript names allow are kept. */
static void ps_name(reader *r, size_t name, char *out, size_t size)
{
    out[0] = '\0';
    size_t count = u16(r, name + 2), strings = name + u16(r, name + 4);
    for (size_t i = 0; i < count && !out[0] && !r->bad; i++) {
        size_t rec = name + 6 + 12 * i;
        uint32_t platform = u16(r, rec), id = u16(r, rec + 6), len = u16(r, rec + 8);
        size_t off = strings + u16(r, rec + 10);
        if (id != 6 || (platform != 3 && platform != 1))
            continue;
        size_t step = platform == 3 ? 2 : 1, k = 0;
        for (size_t j = 0; j + step <= len && k + 1 < size; j += step) {
            uint32_t c = step == 2 ? u16(r, off + j) : (u16(r, off + j) >> 8);
            if (c > 32 && c < 127 && !strchr("[](){}<>/%", (int)c))
                out[k++] = (char)c;
        }
        out[k] = '\0';
    }
}

/* What subsets and PDF font descriptors need: glyph count and advances,
 * glyf/loca, bounding box, italic angle, cap height, PostScript name. */
static mgi_error more_tables(mgi_font *font, reader *r, size_t hmtx, size_t nmetrics)
{
    size_t len, head = table(r, "head", &len), maxp = table(r, "maxp", &len);
    size_t loca_len, glyf = table(r, "glyf", &font->glyf_len);
    font->loca = table(r, "loca", &loca_len);
    font->glyf = glyf;
    font->nglyphs = u16(r, maxp + 4);
    font->loca_long = u16(r, head + 50) != 0;
    if (r->bad || font->nglyphs == 0 ||
        (font->nglyphs + 1) * (font->loca_long ? 4 : 2) > loca_len)
        return MGI_ERR_DATA;
    font->advance = malloc(font->nglyphs * sizeof *font->advance);
    if (!font->advance)
        return MGI_ERR_NOMEM;
    for (size_t g = 0; g < font->nglyphs; g++)
        font->advance[g] = (uint16_t)u16(r, hmtx + 4 * (g < nmetrics ? g : nmetrics - 1));
    mgi_font_info *in = &font->info;
    for (int i = 0; i < 4; i++)
        in->bbox[i] = (int16_t)u16(r, head + 36 + 2 * (size_t)i) / font->upem;
    in->ascent = font->ascent;
    in->descent = font->descent;
    in->cap_height = font->ascent * 0.7;
    size_t os2 = table(r, "OS/2", &len);
    if (!r->bad && u16(r, os2) >= 2 && len >= 90)
        in->cap_height = (int16_t)u16(r, os2 + 88) / font->upem;
    r->bad = 0; /* OS/2, post and name are optional */
    size_t post = table(r, "post", &len);
    if (!r->bad && len >= 16) {
        in->italic_angle = (int32_t)u32(r, post + 4) / 65536.0;
        in->fixed_pitch = u32(r, post + 12) != 0;
    }
    r->bad = 0;
    size_t name = table(r, "name", &len);
    if (!r->bad)
        ps_name(r, name, font->psname, sizeof font->psname);
    r->bad = 0;
    if (!font->psname[0])
        snprintf(font->psname, sizeof font->psname, "Font%zu", font->nglyphs);
    in->psname = font->psname;
    return MGI_OK;
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
            if (g) {
                font->bmp[c] = ADVANCE(g);
                font->glyph[c] = (uint16_t)g;
            }
        }
    }
#undef ADVANCE
    if (r.bad) {
        mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "damaged character map");
        err = MGI_ERR_DATA;
        goto cleanup;
    }
    if ((err = more_tables(font, &r, hmtx, nmetrics)) != MGI_OK) {
        mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "not a TrueType font with outlines (glyf)");
        goto cleanup;
    }
    font->data = buf;
    font->size = (size_t)size;
    buf = NULL;
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
    free(font->data);
    free(font->advance);
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

unsigned mgi_font_glyph(const mgi_font *font, uint32_t cp)
{
    return cp < 65536 ? font->glyph[cp] : 0;
}

double mgi_font_glyph_advance(const mgi_font *font, unsigned g)
{
    return (g < font->nglyphs ? font->advance[g] : font->missing) / font->upem;
}

size_t mgi_font_nglyphs(const mgi_font *font) { return font->nglyphs; }

const mgi_font_info *mgi_font_info_of(const mgi_font *font) { return &font->info; }

/* ------------------------------------------------------------ subsets */

/* The bytes of glyph g in the glyf table: *off and the length, or 0 when g
 * has no outline or loca points outside glyf. */
static size_t glyph_data(const mgi_font *font, reader *r, size_t g, size_t *off)
{
    size_t a, b;
    if (font->loca_long) {
        a = u32(r, font->loca + 4 * g);
        b = u32(r, font->loca + 4 * g + 4);
    } else {
        a = 2 * (size_t)u16(r, font->loca + 2 * g);
        b = 2 * (size_t)u16(r, font->loca + 2 * g + 2);
    }
    if (r->bad || b < a || b > font->glyf_len)
        return 0;
    *off = font->glyf + a;
    return b - a;
}

/* Marks the components of composite glyph g; returns whether one was new. */
static bool mark_components(const mgi_font *font, reader *r, size_t g, unsigned char *used)
{
    size_t off, len = glyph_data(font, r, g, &off), end = off + len;
    bool added = false;
    if (len < 10 || (int16_t)u16(r, off) >= 0)
        return false;
    for (size_t p = off + 10; p + 4 <= end;) {
        uint32_t flags = u16(r, p), comp = u16(r, p + 2);
        if (comp < font->nglyphs && !used[comp])
            used[comp] = 1, added = true;
        p += 4 + (flags & 0x0001 ? 4 : 2);
        p += flags & 0x0008 ? 2 : flags & 0x0040 ? 4 : flags & 0x0080 ? 8 : 0;
        if (!(flags & 0x0020))
            break;
    }
    return added;
}

static void put16(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 8);
    p[1] = (unsigned char)v;
}

static void put32(unsigned char *p, uint32_t v)
{
    put16(p, v >> 16);
    put16(p + 2, v & 0xFFFF);
}

static uint32_t checksum(const unsigned char *p, size_t n)
{
    uint32_t sum = 0;
    for (size_t i = 0; i < n; i += 4) {
        uint32_t w = 0;
        for (size_t k = 0; k < 4; k++)
            w = w << 8 | (i + k < n ? p[i + k] : 0);
        sum += w;
    }
    return sum;
}

mgi_error mgi_font_subset(const mgi_font *font, unsigned char *used, unsigned char **out,
                          size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    reader r = {font->data, font->size, 0};
    used[0] = 1;
    for (bool again = true; again;) { /* components of components */
        again = false;
        for (size_t g = 0; g < font->nglyphs; g++)
            if (used[g] && mark_components(font, &r, g, used))
                again = true;
    }
    /* The tables a PDF's embedded TrueType needs (ISO 32000-1, 9.9): glyf
     * keeps the outlines of the used glyphs only, numbering unchanged, and
     * loca is rewritten in the long format. */
    static const char *const tags[] = {"cvt ", "fpgm", "glyf", "head", "hhea",
                                       "hmtx", "loca", "maxp", "prep"};
    enum { NT = sizeof tags / sizeof *tags };
    size_t off[NT], len[NT], nt = 0, glyf_len = 0;
    for (size_t g = 0; g < font->nglyphs; g++) {
        size_t o, n = used[g] ? glyph_data(font, &r, g, &o) : 0;
        glyf_len += (n + 3) & ~(size_t)3;
    }
    size_t total = 12;
    for (size_t i = 0; i < NT; i++) {
        r.bad = 0;
        off[i] = table(&r, tags[i], &len[i]);
        if (r.bad) {
            len[i] = SIZE_MAX; /* absent */
            continue;
        }
        if (!strcmp(tags[i], "glyf"))
            len[i] = glyf_len;
        else if (!strcmp(tags[i], "loca"))
            len[i] = 4 * (font->nglyphs + 1);
        nt++;
        total += 16 + ((len[i] + 3) & ~(size_t)3);
    }
    r.bad = 0;
    unsigned char *buf = calloc(1, total);
    if (!buf)
        return MGI_ERR_NOMEM;
    put32(buf, 0x00010000);
    put16(buf + 4, (uint32_t)nt);
    uint32_t sr = 1, sel = 0;
    while (sr * 2 <= nt)
        sr *= 2, sel++;
    put16(buf + 6, sr * 16);
    put16(buf + 8, sel);
    put16(buf + 10, (uint32_t)(nt * 16 - sr * 16));
    size_t dir = 12, pos = 12 + 16 * nt, head_at = 0;
    for (size_t i = 0; i < NT; i++) {
        if (len[i] == SIZE_MAX)
            continue;
        unsigned char *t = buf + pos;
        if (!strcmp(tags[i], "glyf") || !strcmp(tags[i], "loca")) {
            size_t at = 0;
            bool loca = tags[i][0] == 'l';
            for (size_t g = 0; g <= font->nglyphs; g++) {
                if (loca)
                    put32(t + 4 * g, (uint32_t)at);
                if (g == font->nglyphs)
                    break;
                size_t o, n = used[g] ? glyph_data(font, &r, g, &o) : 0;
                if (n && !loca)
                    memcpy(t + at, font->data + o, n);
                at += (n + 3) & ~(size_t)3;
            }
        } else {
            memcpy(t, font->data + off[i], len[i]);
        }
        if (!strcmp(tags[i], "head")) {
            head_at = pos;
            put32(t + 8, 0);  /* checkSumAdjustment, set below */
            put16(t + 50, 1); /* indexToLocFormat: long */
        }
        memcpy(buf + dir, tags[i], 4);
        put32(buf + dir + 4, checksum(t, len[i]));
        put32(buf + dir + 8, (uint32_t)pos);
        put32(buf + dir + 12, (uint32_t)len[i]);
        dir += 16;
        pos += (len[i] + 3) & ~(size_t)3;
    }
    if (head_at)
        put32(buf + head_at + 8, 0xB1B0AFBAu - checksum(buf, total));
    *out = buf;
    *out_len = total;
    return MGI_OK;
}
