/* font.h — OpenType fonts (through HarfBuzz): advance widths for measuring UTF-8 text, glyphs and
 * subsets for PDF. */
#ifndef MGI_FONT_H
#define MGI_FONT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mgi/diag.h"
#include "mgi/error.h"

/*
 * Every output measures text with the same numbers, read (by HarfBuzz) from
 * the font files that the PDF embeds: charts and pages come out the same in
 * PNG, SVG and PDF. Widths are HarfBuzz's shaped advances, kerning included,
 * which is also how cairo (PNG) and the PDF writer lay the glyphs out; shaped
 * words are cached, so measuring the same word again is a look-up.
 */

typedef struct mgi_font mgi_font;

/* Reads the metrics of the OpenType font at path through HarfBuzz, with
 * TrueType (glyf) or CFF outlines. Errors: MGI_ERR_NOINPUT (no such file),
 * MGI_ERR_IO, MGI_ERR_DATA (not an OpenType font, no outlines, no Unicode
 * character map), MGI_ERR_NOMEM; reported in diag with the path. */
mgi_error mgi_font_load(const char *path, mgi_diag *diag, mgi_font **out);

/* Frees the font. Accepts NULL. */
void mgi_font_free(mgi_font *font);

/* The path the font was loaded from. */
const char *mgi_font_path(const mgi_font *font);

/* Advance width of code point cp in em units (1.0 = the font size); code
 * points the font lacks get the width of its missing glyph. */
double mgi_font_advance(const mgi_font *font, uint32_t cp);

/* Width of the n bytes of UTF-8 at s, at size points, as shaped by HarfBuzz
 * with the font's kerning (mgi_font_shape); cached per font, as the same words
 * recur. Invalid bytes count as U+FFFD. */
double mgi_font_width(const mgi_font *font, const char *s, size_t n, double size);

/* Shapes the n bytes of UTF-8 at s with HarfBuzz, kerning on and ligatures and
 * contextual forms off, so that every character keeps one glyph (a reader's
 * copy gives the text back through ToUnicode): writes each character's glyph
 * and its advance, kerning included, in em units, and returns how many (the
 * number of characters; at most max). Where shaping would change glyphs or
 * place them off the line, the advances are the unkerned ones. */
size_t mgi_font_shape(const mgi_font *font, const char *s, size_t n, unsigned *glyphs,
                      double *advances, size_t max);

/* A text as mgi_font_shape shapes it, kept by the font. */
typedef struct mgi_shaped {
    size_t id;              /* numbers the font's kept texts 0, 1, …: for callers' own caches */
    double em;              /* the advances' sum */
    size_t nglyphs;         /* one per character */
    const unsigned *glyphs; /* nglyphs each */
    const double *advances;
} mgi_shaped;

/* The shaping of the n bytes of UTF-8 at s, from the font's cache or shaped
 * now and kept: owned by the font, valid until mgi_font_free. NULL when it
 * is not kept: a text longer than 255 bytes or holding a NUL, a full cache
 * (32,768 texts), no memory. */
const mgi_shaped *mgi_font_shaped(const mgi_font *font, const char *s, size_t n);

/* Ascender and descender (negative) in em units. */
double mgi_font_ascent(const mgi_font *font);
double mgi_font_descent(const mgi_font *font);

/* Glyph index of code point cp; 0 (the missing glyph) when the font has none. */
unsigned mgi_font_glyph(const mgi_font *font, uint32_t cp);

/* The first character (code point, U+0020 or above) that text measured or
 * shaped with the font so far asked for and the font has no glyph for: it
 * would print as the missing-glyph box. 0 when there is none. A document
 * checks it before it puts its file in place. */
uint32_t mgi_font_lacks(const mgi_font *font);
/* Advance width of glyph g in em units. */
double mgi_font_glyph_advance(const mgi_font *font, unsigned g);

/* Number of glyphs in the font. */
size_t mgi_font_nglyphs(const mgi_font *font);

/* What a PDF font descriptor says about the font; lengths in em units. */
typedef struct mgi_font_info {
    const char *psname; /* PostScript name from the name table, or "Font<n>" */
    double bbox[4];     /* xMin, yMin, xMax, yMax of all glyphs */
    double italic_angle, ascent, descent, cap_height;
    bool fixed_pitch;
    bool cff; /* CFF outlines (OpenType/CFF): embedded as FontFile3 /OpenType, else FontFile2 */
} mgi_font_info;

/* The font's descriptor data, owned by the font. */
const mgi_font_info *mgi_font_info_of(const mgi_font *font);

/*
 * A subset of the font for embedding in a PDF, made by hb-subset: a TrueType
 * file (FontFile2) or, for CFF outlines, an OpenType one (FontFile3
 * /OpenType), with glyph numbers unchanged, holding the outlines of glyph
 * 0 and of the glyphs g with used[g] != 0 (and their composite glyphs'
 * components), without the layout tables. used has mgi_font_nglyphs() bytes;
 * glyph 0 is marked in it. On success *out (malloc'd, the caller frees it)
 * holds *len bytes. Errors: MGI_ERR_NOMEM (hb-subset failed).
 */
mgi_error mgi_font_subset(const mgi_font *font, unsigned char *used, unsigned char **out,
                          size_t *len);

/* Decodes one code point from s[0..n); returns its length in bytes (at least
 * 1; invalid bytes give U+FFFD and length 1). */
size_t mgi_utf8_decode(const char *s, size_t n, uint32_t *cp);

#endif
