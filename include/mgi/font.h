/* font.h — TrueType metrics: advance widths for measuring UTF-8 text. */
#ifndef MGI_FONT_H
#define MGI_FONT_H

#include <stddef.h>
#include <stdint.h>

#include "mgi/diag.h"
#include "mgi/error.h"

/*
 * Every output measures text with the same numbers, read once from the TTF
 * files that the PDF embeds: charts and pages come out the same in PNG, SVG
 * and PDF, and measuring is a table look-up (libharu's own measuring spends
 * its time in HPDF_TTFontDef_GetGlyphid). Widths are advance widths without
 * kerning, which is also how cairo and libharu lay the glyphs out.
 */

typedef struct mgi_font mgi_font;

/* Reads the metrics of the TrueType font at path. Errors: MGI_ERR_NOINPUT
 * (no such file), MGI_ERR_IO, MGI_ERR_DATA (not a TrueType font, or a table
 * out of bounds), MGI_ERR_NOMEM; reported in diag with the path. */
mgi_error mgi_font_load(const char *path, mgi_diag *diag, mgi_font **out);

/* Frees the font. Accepts NULL. */
void mgi_font_free(mgi_font *font);

/* The path the font was loaded from. */
const char *mgi_font_path(const mgi_font *font);

/* Advance width of code point cp in em units (1.0 = the font size); code
 * points the font lacks get the width of its missing glyph. */
double mgi_font_advance(const mgi_font *font, uint32_t cp);

/* Width of the n bytes of UTF-8 at s, at size points. Invalid bytes count as
 * U+FFFD. */
double mgi_font_width(const mgi_font *font, const char *s, size_t n, double size);

/* Ascender and descender (negative) in em units. */
double mgi_font_ascent(const mgi_font *font);
double mgi_font_descent(const mgi_font *font);

/* Decodes one code point from s[0..n); returns its length in bytes (at least
 * 1; invalid bytes give U+FFFD and length 1). */
size_t mgi_utf8_decode(const char *s, size_t n, uint32_t *cp);

#endif
