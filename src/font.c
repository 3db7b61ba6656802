/* font.c — OpenType fonts through HarfBuzz: advance widths and glyphs for measuring, subsets for
 * PDF. */
#include "mgi/font.h"

#include <errno.h>
#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mgi/arena.h"
#include "mgi/strmap.h"

/*
 * The font file is read by HarfBuzz (its face and font objects: cmap, hmtx,
 * metrics, names) and subset by hb-subset; what a PDF font descriptor needs
 * and HarfBuzz has no call for (the head table's bounding box, post's fixed
 * pitch flag) is read from the table bytes HarfBuzz hands over. Measuring is
 * then a table look-up: per BMP code point, its glyph and advance.
 */
typedef mgi_shaped width_entry; /* a shaped text, cached */

struct mgi_font {
    char *path;
    hb_face_t *face;
    hb_font_t *hb;         /* at the em's scale, for shaping */
    hb_buffer_t *buf;      /* reused by every shaping */
    mgi_strmap *cache;     /* text → index in entries */
    width_entry **entries; /* in arena, as are the texts */
    size_t nentries, entries_cap;
    mgi_arena *arena;
    double upem, ascent, descent;
    uint16_t bmp[65536];   /* advance in font units per BMP code point */
    uint16_t glyph[65536]; /* glyph per BMP code point, 0 = missing */
    uint16_t missing;      /* advance of glyph 0 */
    uint32_t lacks;        /* the first character asked for that has no glyph */
    uint16_t *advance;     /* per glyph, font units */
    size_t nglyphs;
    mgi_font_info info;
    char psname[64];
};

/* Big-endian integers at off in table tag of the face; 0 past its end. */
static uint32_t table_u(hb_face_t *face, hb_tag_t tag, unsigned off, unsigned bytes)
{
    hb_blob_t *b = hb_face_reference_table(face, tag);
    unsigned n;
    const unsigned char *d = (const unsigned char *)hb_blob_get_data(b, &n);
    uint32_t v = 0;
    if (d && off + bytes <= n)
        for (unsigned i = 0; i < bytes; i++)
            v = v << 8 | d[off + i];
    hb_blob_destroy(b);
    return v;
}

static bool has_table(hb_face_t *face, hb_tag_t tag)
{
    hb_blob_t *b = hb_face_reference_table(face, tag);
    bool has = hb_blob_get_length(b) > 0;
    hb_blob_destroy(b);
    return has;
}

/* The descriptor data: bounding box, italic angle, cap height, fixed pitch,
 * PostScript name. */
static void describe(mgi_font *font, hb_font_t *hb)
{
    mgi_font_info *in = &font->info;
    hb_face_t *face = font->face;
    for (unsigned i = 0; i < 4; i++) /* head: xMin, yMin, xMax, yMax */
        in->bbox[i] =
            (int16_t)table_u(face, HB_TAG('h', 'e', 'a', 'd'), 36 + 2 * i, 2) / font->upem;
    in->ascent = font->ascent;
    in->descent = font->descent;
    hb_position_t cap;
    in->cap_height = hb_ot_metrics_get_position(hb, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap) && cap
                         ? cap / font->upem
                         : font->ascent * 0.7;
    in->italic_angle = hb_style_get_value(hb, HB_STYLE_TAG_SLANT_ANGLE);
    in->fixed_pitch = table_u(face, HB_TAG('p', 'o', 's', 't'), 12, 4) != 0;
    unsigned len = sizeof font->psname;
    if (!hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &len,
                             font->psname))
        font->psname[0] = '\0';
    /* a PDF name: printable ASCII, no delimiters */
    for (char *c = font->psname; *c; c++)
        if (*c <= ' ' || *c > '~' || strchr("()<>[]{}/%#", *c))
            *c = '-';
    if (!font->psname[0])
        snprintf(font->psname, sizeof font->psname, "Font%zu", font->nglyphs);
    in->psname = font->psname;
}

/* Glyphs and advances of the face, through an hb_font at the em's scale.
 * Errors: MGI_ERR_DATA (no Unicode character map), MGI_ERR_NOMEM. */
static mgi_error metrics(mgi_font *font, mgi_diag *diag)
{
    hb_font_t *hb = font->hb = hb_font_create(font->face);
    hb_set_t *cps = hb_set_create();
    mgi_error err = MGI_OK;
    hb_font_set_scale(hb, (int)font->upem, (int)font->upem);
    font->advance = malloc(font->nglyphs * sizeof *font->advance);
    if (!font->advance || !hb_set_allocation_successful(cps)) {
        err = MGI_ERR_NOMEM;
        goto cleanup;
    }
    for (size_t g = 0; g < font->nglyphs; g++)
        font->advance[g] = (uint16_t)hb_font_get_glyph_h_advance(hb, (hb_codepoint_t)g);
    font->missing = font->advance[0];
    for (size_t i = 0; i < 65536; i++)
        font->bmp[i] = font->missing;
    hb_face_collect_unicodes(font->face, cps);
    size_t mapped = 0;
    for (hb_codepoint_t cp = HB_SET_VALUE_INVALID; hb_set_next(cps, &cp) && cp < 65536;) {
        hb_codepoint_t g;
        if (hb_font_get_nominal_glyph(hb, cp, &g) && g && g < font->nglyphs) {
            font->glyph[cp] = (uint16_t)g;
            font->bmp[cp] = font->advance[g];
            mapped++;
        }
    }
    /* Fixed spaces and non-breaking hyphens that the font lacks are set with
     * its space and hyphen, as HarfBuzz's own fallback does (hb-ot-shape's
     * space fallback) and TeX's ties: Carlito has no U+00A0. */
    static const uint16_t alias[][2] = {{0x00A0, 0x20}, {0x2007, 0x20}, {0x2009, 0x20},
                                        {0x202F, 0x20}, {0x2010, 0x2D}, {0x2011, 0x2D}};
    for (size_t i = 0; i < sizeof alias / sizeof alias[0]; i++)
        if (!font->glyph[alias[i][0]] && font->glyph[alias[i][1]]) {
            font->glyph[alias[i][0]] = font->glyph[alias[i][1]];
            font->bmp[alias[i][0]] = font->bmp[alias[i][1]];
        }
    if (!mapped) {
        mgi_diag_add(diag, MGI_ERROR, font->path, 0, 0, "no Unicode character map in the font");
        err = MGI_ERR_DATA;
        goto cleanup;
    }
    hb_font_extents_t ext;
    hb_font_get_h_extents(hb, &ext);
    font->ascent = ext.ascender / font->upem;
    font->descent = ext.descender / font->upem;
    describe(font, hb);
cleanup:
    hb_set_destroy(cps);
    return err;
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
        mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "not an OpenType font");
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
    /* The blob owns the bytes from here on. */
    hb_blob_t *blob = hb_blob_create_or_fail((const char *)buf, (unsigned)size,
                                             HB_MEMORY_MODE_READONLY, buf, free);
    buf = NULL; /* freed by HarfBuzz, even when it fails */
    if (!blob) {
        err = MGI_ERR_NOMEM;
        goto cleanup;
    }
    font->face = hb_face_create(blob, 0);
    hb_blob_destroy(blob);
    font->nglyphs = hb_face_get_glyph_count(font->face);
    font->upem = hb_face_get_upem(font->face);
    if (!font->nglyphs || !has_table(font->face, HB_TAG('h', 'e', 'a', 'd')) ||
        !has_table(font->face, HB_TAG('h', 'm', 't', 'x'))) {
        mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "not an OpenType font (tables missing)");
        err = MGI_ERR_DATA;
        goto cleanup;
    }
    /* TrueType outlines go into a PDF as FontFile2, CFF ones as FontFile3. */
    font->info.cff = has_table(font->face, HB_TAG('C', 'F', 'F', ' '));
    if (!has_table(font->face, HB_TAG('g', 'l', 'y', 'f')) && !font->info.cff) {
        mgi_diag_add(diag, MGI_ERROR, path, 0, 0,
                     "an OpenType font without outlines (neither glyf nor CFF)");
        err = MGI_ERR_DATA;
        goto cleanup;
    }
    if ((err = metrics(font, diag)) != MGI_OK)
        goto cleanup;
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
    mgi_strmap_free(font->cache);
    free(font->entries);
    mgi_arena_free(font->arena);
    hb_buffer_destroy(font->buf);
    hb_font_destroy(font->hb);
    hb_face_destroy(font->face);
    free(font->advance);
    free(font);
}

const char *mgi_font_path(const mgi_font *font)
{
    return font->path;
}
double mgi_font_ascent(const mgi_font *font)
{
    return font->ascent;
}
double mgi_font_descent(const mgi_font *font)
{
    return font->descent;
}

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

/* The advances of s without kerning, the glyphs its characters map to. */
static size_t nominal(const mgi_font *font, const char *s, size_t n, unsigned *glyphs,
                      double *advances, size_t max)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k < max; k++) {
        uint32_t cp;
        i += mgi_utf8_decode(s + i, n - i, &cp);
        glyphs[k] = mgi_font_glyph(font, cp);
        advances[k] = mgi_font_advance(font, cp);
        if (!glyphs[k] && cp >= 0x20 && !font->lacks)
            ((mgi_font *)font)->lacks = cp; /* a record for mgi_font_lacks, not the font's state */
    }
    return k;
}

/* Kerning on; ligatures and contextual forms off, so that each glyph stays one
 * character, whose ToUnicode entry gives it back to a reader's copy. */
static const hb_feature_t features[] = {
    {HB_TAG('k', 'e', 'r', 'n'), 1, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
    {HB_TAG('l', 'i', 'g', 'a'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
    {HB_TAG('c', 'l', 'i', 'g'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
    {HB_TAG('c', 'a', 'l', 't'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
};

static size_t shape(const mgi_font *font, const char *s, size_t n, unsigned *glyphs,
                    double *advances, size_t max)
{
    size_t chars = nominal(font, s, n, glyphs, advances, max);
    mgi_font *f = (mgi_font *)font; /* the buffer is scratch, not the font's state */
    if (!f->buf)
        f->buf = hb_buffer_create();
    if (!hb_buffer_allocation_successful(f->buf) || n > (size_t)1 << 20)
        return chars;
    hb_buffer_clear_contents(f->buf);
    hb_buffer_add_utf8(f->buf, s, (int)n, 0, (int)n);
    hb_buffer_set_direction(f->buf, HB_DIRECTION_LTR);
    hb_buffer_guess_segment_properties(f->buf);
    hb_shape(f->hb, f->buf, features, sizeof features / sizeof features[0]);
    unsigned count;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(f->buf, &count);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(f->buf, &count);
    /* Kerning is taken only where shaping kept one glyph per character, the
     * same glyphs the character map gives: otherwise the advances stay. */
    if (count != chars || chars > max)
        return chars;
    for (size_t i = 0; i < chars; i++)
        if (info[i].codepoint != glyphs[i] || pos[i].x_offset || pos[i].y_offset)
            return chars;
    for (size_t i = 0; i < chars; i++)
        advances[i] = pos[i].x_advance / font->upem;
    return chars;
}

/* The cache entry of s, shaped now when it is not there yet; NULL when s is
 * too long to keep (over 255 bytes), the cache is full or memory runs out.
 * Words recur thousands of times in a build, so each font keeps what it has
 * shaped (up to 1 << 15 texts). */
static const width_entry *cached(const mgi_font *font, const char *s, size_t n)
{
    mgi_font *f = (mgi_font *)font; /* the cache is not the font's state */
    size_t at;
    if (n > 255 || memchr(s, '\0', n))
        return NULL;
    if (f->cache && mgi_strmap_getn(f->cache, s, n, &at))
        return f->entries[at];
    if (f->nentries >= (size_t)1 << 15)
        return NULL;
    if (!f->cache && (!(f->cache = mgi_strmap_new(1024)) || !(f->arena = mgi_arena_new())))
        return NULL;
    if (f->nentries == f->entries_cap) {
        size_t cap = f->entries_cap ? f->entries_cap * 2 : 1024;
        width_entry **p = realloc(f->entries, cap * sizeof *p);
        if (!p)
            return NULL;
        f->entries = p;
        f->entries_cap = cap;
    }
    width_entry *e = mgi_arena_alloc(f->arena, sizeof *e);
    char *text = mgi_arena_strndup(f->arena, s, n);
    unsigned *glyphs = mgi_arena_array(f->arena, n + 1, sizeof *glyphs);
    double *advances = mgi_arena_array(f->arena, n + 1, sizeof *advances);
    if (!e || !text || !glyphs || !advances)
        return NULL;
    *e =
        (width_entry){f->nentries, 0, shape(font, s, n, glyphs, advances, n + 1), glyphs, advances};
    for (size_t i = 0; i < e->nglyphs; i++)
        e->em += advances[i];
    if (mgi_strmap_put(f->cache, text, f->nentries, NULL) != 1)
        return NULL;
    f->entries[f->nentries++] = e;
    return e;
}

const mgi_shaped *mgi_font_shaped(const mgi_font *font, const char *s, size_t n)
{
    return cached(font, s, n);
}

size_t mgi_font_shape(const mgi_font *font, const char *s, size_t n, unsigned *glyphs,
                      double *advances, size_t max)
{
    const width_entry *e = cached(font, s, n);
    if (!e || e->nglyphs > max)
        return shape(font, s, n, glyphs, advances, max);
    memcpy(glyphs, e->glyphs, e->nglyphs * sizeof *glyphs);
    memcpy(advances, e->advances, e->nglyphs * sizeof *advances);
    return e->nglyphs;
}

static double shaped_em(const mgi_font *font, const char *s, size_t n)
{
    const width_entry *e = cached(font, s, n);
    if (e)
        return e->em;
    /* too long to keep (or no memory for it): shaped all the same */
    unsigned *gl = malloc((n + 1) * sizeof *gl);
    double *adv = malloc((n + 1) * sizeof *adv), em = 0;
    if (gl && adv) {
        size_t k = shape(font, s, n, gl, adv, n + 1);
        for (size_t i = 0; i < k; i++)
            em += adv[i];
    } else {
        for (size_t i = 0; i < n;) {
            uint32_t cp;
            i += mgi_utf8_decode(s + i, n - i, &cp);
            em += mgi_font_advance(font, cp);
        }
    }
    free(gl);
    free(adv);
    return em;
}

double mgi_font_width(const mgi_font *font, const char *s, size_t n, double size)
{
    return n ? shaped_em(font, s, n) * size : 0;
}

uint32_t mgi_font_lacks(const mgi_font *font)
{
    return font->lacks;
}

unsigned mgi_font_glyph(const mgi_font *font, uint32_t cp)
{
    return cp < 65536 ? font->glyph[cp] : 0;
}

double mgi_font_glyph_advance(const mgi_font *font, unsigned g)
{
    return (g < font->nglyphs ? font->advance[g] : font->missing) / font->upem;
}

size_t mgi_font_nglyphs(const mgi_font *font)
{
    return font->nglyphs;
}

const mgi_font_info *mgi_font_info_of(const mgi_font *font)
{
    return &font->info;
}

mgi_error mgi_font_subset(const mgi_font *font, unsigned char *used, unsigned char **out,
                          size_t *len)
{
    *out = NULL;
    *len = 0;
    used[0] = 1;
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in)
        return MGI_ERR_NOMEM;
    hb_set_t *glyphs = hb_subset_input_glyph_set(in);
    for (size_t g = 0; g < font->nglyphs; g++)
        if (used[g])
            hb_set_add(glyphs, (hb_codepoint_t)g);
    /* Glyph numbers unchanged: the content streams show them (Identity-H
     * with an identity CIDToGIDMap). Layout tables are of no use in a PDF. */
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_RETAIN_GIDS);
    hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    static const hb_tag_t layout[] = {HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'),
                                      HB_TAG('G', 'D', 'E', 'F'), HB_TAG('k', 'e', 'r', 'n')};
    for (size_t i = 0; i < sizeof layout / sizeof layout[0]; i++)
        hb_set_add(drop, layout[i]);
    hb_face_t *sub = hb_subset_or_fail(font->face, in);
    hb_subset_input_destroy(in);
    if (!sub)
        return MGI_ERR_NOMEM;
    hb_blob_t *blob = hb_face_reference_blob(sub);
    unsigned n;
    const char *data = hb_blob_get_data(blob, &n);
    mgi_error err = MGI_OK;
    if (!data || !n || !(*out = malloc(n)))
        err = MGI_ERR_NOMEM;
    else {
        memcpy(*out, data, n);
        *len = n;
    }
    hb_blob_destroy(blob);
    hb_face_destroy(sub);
    return err;
}
