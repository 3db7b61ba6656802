/* canvas.h — one drawing interface for every chart, three backends: PNG, SVG and PDF. */
#ifndef MGI_CANVAS_H
#define MGI_CANVAS_H

#include <stdint.h>
#include <stdio.h>

#include "mgi/diag.h"
#include "mgi/error.h"
#include "mgi/font.h"

/*
 * Charts draw once, on a canvas, in points with the origin at the top left
 * and y growing downwards; the backend turns that into a cairo image (PNG),
 * an SVG document written by mgi (text stays <text>: searchable, accessible,
 * small) or vector graphics in a box on a page of mgi's PDF writer (pdf.h).
 * Chart code never calls cairo or the PDF writer.
 *
 * Colours are opaque 0xRRGGBB (mix with white for tints: mgi_rgb_mix), so
 * every backend renders the same picture without transparency groups.
 * Text is measured with the fonts' own advance widths (font.h), so a chart
 * lays out identically in the three outputs.
 */

enum { MGI_FONT_REGULAR, MGI_FONT_BOLD, MGI_FONT_ITALIC, MGI_NFONTS };

/* The fonts charts and pages use: metrics for layout, plus what the cairo
 * backend needs to render them, loaded once per process. */
typedef struct mgi_fonts mgi_fonts;
typedef struct mgi_pdf_cache mgi_pdf_cache; /* pdf.h */

/* Loads the regular, bold and italic fonts: files[i] from dir/fonts/, or
 * NotoSans-Regular-Latin.ttf, NotoSans-Bold-Latin.ttf, NotoSans-Italic-Latin.ttf when files
 * is NULL. Errors as mgi_font_load, reported in diag. */
mgi_error mgi_fonts_load(const char *dir, const char *const *files, mgi_diag *diag,
                         mgi_fonts **out);

/* The path of font which (MGI_FONT_*). */
const char *mgi_fonts_file(const mgi_fonts *fonts, int which);
void mgi_fonts_free(mgi_fonts *fonts);
const mgi_font *mgi_fonts_get(const mgi_fonts *fonts, int which);
/* The cache of the fonts' subsets for the PDFs set in them (pdf.h), made
 * with the fonts and freed with them: give it to mgi_pdf_write through
 * mgi_pdf_info. Writing to it is the only change a const mgi_fonts sees. */
mgi_pdf_cache *mgi_fonts_pdf_cache(const mgi_fonts *fonts);

typedef enum mgi_align { MGI_ALIGN_LEFT, MGI_ALIGN_CENTER, MGI_ALIGN_RIGHT } mgi_align;

typedef struct mgi_canvas mgi_canvas;

/* A raster canvas of width × height points rendered at scale pixels per
 * point (cairo image surface), on a white background. */
mgi_error mgi_canvas_image(const mgi_fonts *fonts, double width, double height, double scale,
                           mgi_canvas **out);

/* An SVG canvas of width × height points (the SVG's viewBox), white background;
 * title becomes the SVG's <title> (escaped). */
mgi_error mgi_canvas_svg(const mgi_fonts *fonts, double width, double height, const char *title,
                         mgi_canvas **out);

/* A canvas over the box of width × height points whose top-left corner is
 * at (x, top) in PDF coordinates (y upwards) on page, whose document was
 * made with the fonts of fonts in MGI_FONT_* order. */
typedef struct mgi_pdf_page mgi_pdf_page;
mgi_error mgi_canvas_pdf(const mgi_fonts *fonts, mgi_pdf_page *page, double x, double top,
                         double width, double height, mgi_canvas **out);

/* A canvas drawing on parent, moved by (dx, dy): for charts laid side by
 * side. Free it before the parent; NULL when out of memory. */
mgi_canvas *mgi_canvas_offset(mgi_canvas *parent, double dx, double dy);

/* Frees the canvas (the PDF page stays its owner's). Accepts NULL. */
void mgi_canvas_free(mgi_canvas *c);

double mgi_canvas_width(const mgi_canvas *c);
double mgi_canvas_height(const mgi_canvas *c);

/* Paths: a path is built with move/line/arc/close, then filled or stroked,
 * which ends it. Angles are in radians, 0 pointing right, growing clockwise
 * on screen; an arc runs from a0 to a1 (counter-clockwise when a1 < a0) and
 * is joined by a line to the current point, if any. */
void mgi_canvas_move_to(mgi_canvas *c, double x, double y);
void mgi_canvas_line_to(mgi_canvas *c, double x, double y);
void mgi_canvas_arc(mgi_canvas *c, double cx, double cy, double r, double a0, double a1);
void mgi_canvas_close(mgi_canvas *c);
void mgi_canvas_fill(mgi_canvas *c, uint32_t rgb);
/* dash: 0 for a solid line, else the length of dashes and gaps. */
void mgi_canvas_stroke(mgi_canvas *c, uint32_t rgb, double line_width, double dash);

/* Shorthands. */
void mgi_canvas_rect(mgi_canvas *c, double x, double y, double w, double h, uint32_t rgb);
void mgi_canvas_line(mgi_canvas *c, double x0, double y0, double x1, double y1, uint32_t rgb,
                     double line_width, double dash);

/* Text: one line of UTF-8 whose baseline starts (LEFT), is centred (CENTER)
 * or ends (RIGHT) at (x, y). */
void mgi_canvas_text(mgi_canvas *c, double x, double y, const char *s, int font, double size,
                     uint32_t rgb, mgi_align align);

/* Width of the first n bytes of s in font at size. */
double mgi_canvas_text_width(const mgi_canvas *c, const char *s, size_t n, int font, double size);

/* Breaks s into at most max_lines lines no wider than width, at spaces (a
 * word wider than the line is cut); the last line ends with "…" when text is
 * left over. Writes the byte offset and length of each line to start[] and
 * len[]; returns the number of lines. */
int mgi_canvas_wrap(const mgi_canvas *c, const char *s, int font, double size, double width,
                    int max_lines, size_t *start, size_t *len, int *ellipsis);

/* Draws text wrapped into lines of at most width, line height 1.2 × size,
 * the first baseline at y, each line placed on x as mgi_canvas_text does (x
 * is the left edge, the centre or the right edge); returns the number of
 * lines drawn. */
int mgi_canvas_text_box(mgi_canvas *c, double x, double y, double width, const char *s, int font,
                        double size, uint32_t rgb, mgi_align align, int max_lines);

/* Semantic groups (SVG <g class="cls" data-key="key">; nothing elsewhere), so
 * that a chart's parts can be found in the SVG. Must nest properly. */
void mgi_canvas_group_begin(mgi_canvas *c, const char *cls, const char *key);
void mgi_canvas_group_end(mgi_canvas *c);

/* Writes the image canvas as PNG (libpng, fast compression) or the SVG canvas
 * as SVG to f. Errors: MGI_ERR_IO; MGI_ERR_INTERNAL for the wrong kind. */
mgi_error mgi_canvas_write_png(mgi_canvas *c, FILE *f);
mgi_error mgi_canvas_write_svg(mgi_canvas *c, FILE *f);

/* The colour of pixel (x, y) of an image canvas, in pixels (for tests). */
uint32_t mgi_canvas_pixel(const mgi_canvas *c, int x, int y);

/* t·a + (1 − t)·b per channel. */
uint32_t mgi_rgb_mix(uint32_t a, uint32_t b, double t);

#endif
