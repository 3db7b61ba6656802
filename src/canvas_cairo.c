/* canvas_cairo.c — the raster backend: a cairo image surface, written as PNG with libpng. */
#include <cairo-ft.h>
#include <cairo.h>
#include <math.h>
#include <png.h>
#include <zlib.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "canvas_impl.h"

typedef struct image {
    cairo_surface_t *surface;
    cairo_t *cr;
    double scale;
} image;

mgi_error canvas_cairo_fonts_init(mgi_fonts *fonts, mgi_diag *diag)
{
    FT_Library lib;
    if (FT_Init_FreeType(&lib) != 0)
        return MGI_ERR_NOMEM;
    fonts->ft_library = lib;
    for (int i = 0; i < MGI_NFONTS; i++) {
        FT_Face face;
        if (FT_New_Face(lib, fonts->file[i], 0, &face) != 0) {
            mgi_diag_add(diag, MGI_ERROR, fonts->file[i], 0, 0, "FreeType cannot read the font");
            return MGI_ERR_DATA;
        }
        fonts->ft_face[i] = face;
        cairo_font_face_t *cf = cairo_ft_font_face_create_for_ft_face(face, 0);
        if (cairo_font_face_status(cf) != CAIRO_STATUS_SUCCESS)
            return MGI_ERR_NOMEM;
        fonts->cairo_face[i] = cf;
    }
    return MGI_OK;
}

void canvas_cairo_fonts_free(mgi_fonts *fonts)
{
    for (int i = 0; i < MGI_NFONTS; i++) {
        if (fonts->cairo_face[i])
            cairo_font_face_destroy(fonts->cairo_face[i]);
        if (fonts->ft_face[i])
            FT_Done_Face(fonts->ft_face[i]);
    }
    if (fonts->ft_library)
        FT_Done_FreeType(fonts->ft_library);
}

static cairo_t *cr_of(mgi_canvas *c)
{
    return ((image *)c->impl)->cr;
}

static void set_rgb(cairo_t *cr, uint32_t rgb)
{
    cairo_set_source_rgb(cr, ((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0,
                         (rgb & 0xFF) / 255.0);
}

static void c_move_to(mgi_canvas *c, double x, double y)
{
    cairo_move_to(cr_of(c), x, y);
}
static void c_line_to(mgi_canvas *c, double x, double y)
{
    cairo_line_to(cr_of(c), x, y);
}
static void c_close(mgi_canvas *c)
{
    cairo_close_path(cr_of(c));
}

static void c_arc(mgi_canvas *c, double cx, double cy, double r, double a0, double a1)
{
    if (a1 >= a0)
        cairo_arc(cr_of(c), cx, cy, r, a0, a1);
    else
        cairo_arc_negative(cr_of(c), cx, cy, r, a0, a1);
}

static void c_fill(mgi_canvas *c, uint32_t rgb)
{
    set_rgb(cr_of(c), rgb);
    cairo_fill(cr_of(c));
}

static void c_stroke(mgi_canvas *c, uint32_t rgb, double width, double dash)
{
    cairo_t *cr = cr_of(c);
    set_rgb(cr, rgb);
    cairo_set_line_width(cr, width);
    cairo_set_dash(cr, &dash, dash > 0 ? 1 : 0, 0);
    cairo_stroke(cr);
}

static void c_text(mgi_canvas *c, double left, double anchor, double y, const char *s, int font,
                   double size, uint32_t rgb, mgi_align align)
{
    (void)anchor;
    (void)align;
    cairo_t *cr = cr_of(c);
    int fi = font >= 0 && font < MGI_NFONTS ? font : 0;
    cairo_set_font_face(cr, c->fonts->cairo_face[fi]);
    cairo_set_font_size(cr, size);
    set_rgb(cr, rgb);
    /* The glyphs where HarfBuzz places them (kerning included), as the PDF and
     * the measurements have them: cairo_show_text would lay them unkerned. */
    enum { MAXG = 512 };
    unsigned g[MAXG];
    double adv[MAXG];
    cairo_glyph_t glyphs[MAXG];
    size_t n = mgi_font_shape(mgi_fonts_get(c->fonts, fi), s, strlen(s), g, adv, MAXG);
    double x = left;
    for (size_t i = 0; i < n; i++) {
        glyphs[i] = (cairo_glyph_t){g[i], x, y};
        x += adv[i] * size;
    }
    cairo_show_glyphs(cr, glyphs, (int)n);
    cairo_new_path(cr);
}

static void c_group_begin(mgi_canvas *c, const char *cls, const char *key)
{
    (void)c, (void)cls, (void)key;
}

static void c_group_end(mgi_canvas *c)
{
    (void)c;
}

static void c_destroy(mgi_canvas *c)
{
    image *im = c->impl;
    if (im) {
        if (im->cr)
            cairo_destroy(im->cr);
        if (im->surface)
            cairo_surface_destroy(im->surface);
        free(im);
    }
    free(c);
}

static const canvas_ops image_ops = {c_move_to, c_line_to, c_arc,         c_close,     c_fill,
                                     c_stroke,  c_text,    c_group_begin, c_group_end, c_destroy};

mgi_error mgi_canvas_image(const mgi_fonts *fonts, double width, double height, double scale,
                           mgi_canvas **out)
{
    *out = NULL;
    int w = (int)ceil(width * scale), h = (int)ceil(height * scale);
    if (w <= 0 || h <= 0 || w > 20000 || h > 60000)
        return MGI_ERR_INTERNAL;
    mgi_canvas *c = calloc(1, sizeof *c);
    image *im = calloc(1, sizeof *im);
    if (!c || !im) {
        free(c);
        free(im);
        return MGI_ERR_NOMEM;
    }
    *c = (mgi_canvas){&image_ops, fonts, CANVAS_IMAGE, width, height, im};
    im->scale = scale;
    im->surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    im->cr = cairo_create(im->surface);
    if (cairo_status(im->cr) != CAIRO_STATUS_SUCCESS) {
        c_destroy(c);
        return MGI_ERR_NOMEM;
    }
    cairo_scale(im->cr, scale, scale);
    cairo_set_source_rgb(im->cr, 1, 1, 1);
    cairo_paint(im->cr);
    /* Hinting changes glyph advances; layout uses the fonts' unhinted
     * advances, so rendering must too. */
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_set_font_options(im->cr, fo);
    cairo_font_options_destroy(fo);
    *out = c;
    return MGI_OK;
}

uint32_t mgi_canvas_pixel(const mgi_canvas *c, int x, int y)
{
    if (c->kind != CANVAS_IMAGE)
        return 0;
    image *im = c->impl;
    cairo_surface_flush(im->surface);
    int w = cairo_image_surface_get_width(im->surface);
    int h = cairo_image_surface_get_height(im->surface);
    if (x < 0 || y < 0 || x >= w || y >= h)
        return 0;
    const unsigned char *data = cairo_image_surface_get_data(im->surface);
    int stride = cairo_image_surface_get_stride(im->surface);
    uint32_t px;
    memcpy(&px, data + (size_t)y * (size_t)stride + (size_t)x * 4, 4);
    return px & 0xFFFFFF;
}

/* libpng's default handlers print on stderr ("libpng error: Write Error"); mgi
 * reports a failed write itself, with the file name (charts.c). */
static void png_fail(png_structp png, png_const_charp message)
{
    (void)message;
    png_longjmp(png, 1);
}

static void png_quiet(png_structp png, png_const_charp message)
{
    (void)png;
    (void)message;
}

mgi_error mgi_canvas_write_png(mgi_canvas *c, FILE *f)
{
    if (c->kind != CANVAS_IMAGE)
        return MGI_ERR_INTERNAL;
    image *im = c->impl;
    cairo_surface_flush(im->surface);
    int w = cairo_image_surface_get_width(im->surface);
    int h = cairo_image_surface_get_height(im->surface);
    int stride = cairo_image_surface_get_stride(im->surface);
    unsigned char *data = cairo_image_surface_get_data(im->surface);
    volatile mgi_error err = MGI_OK;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, png_fail, png_quiet);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!png || !info) {
        err = MGI_ERR_NOMEM;
        goto cleanup;
    }
    if (setjmp(png_jmpbuf(png))) {
        err = MGI_ERR_IO;
        goto cleanup;
    }
    png_init_io(png, f);
    /* zlib at its default level spends 20–30 ms on a 1200-pixel chart. Charts
     * are flat colour: run-length matching after the Up filter compresses them
     * nearly as well, about five times faster (still ≈ 5 ms a chart, which is
     * why build writes PNGs only when asked). */
    png_set_compression_level(png, 1);
    png_set_compression_strategy(png, Z_RLE);
    png_set_filter(png, 0, PNG_FILTER_UP);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    /* cairo's RGB24 pixels are native 32-bit words 0x00RRGGBB: B, G, R, unused
     * in memory on little-endian machines. libpng reorders and drops the filler. */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    png_set_bgr(png);
    png_set_filler(png, 0, PNG_FILLER_AFTER);
#else
    png_set_filler(png, 0, PNG_FILLER_BEFORE);
#endif
    for (int y = 0; y < h; y++)
        png_write_row(png, data + (size_t)y * (size_t)stride);
    png_write_end(png, NULL);
    if (ferror(f))
        err = MGI_ERR_IO;
cleanup:
    if (png)
        png_destroy_write_struct(&png, info ? &info : NULL);
    return err;
}
