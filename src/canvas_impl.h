/* canvas_impl.h — what the canvas backends share (private to src/canvas*.c). */
#ifndef MGI_CANVAS_IMPL_H
#define MGI_CANVAS_IMPL_H

#include "mgi/canvas.h"

struct mgi_fonts {
    mgi_font *metrics[MGI_NFONTS];
    char *file[MGI_NFONTS];
    void *ft_library;             /* FT_Library, for the cairo backend */
    void *ft_face[MGI_NFONTS];    /* FT_Face */
    void *cairo_face[MGI_NFONTS]; /* cairo_font_face_t * */
    mgi_pdf_cache *pdf_cache;     /* their subsets, across the PDFs written */
};

enum canvas_kind { CANVAS_IMAGE, CANVAS_SVG, CANVAS_PDF };

typedef struct canvas_ops {
    void (*move_to)(mgi_canvas *c, double x, double y);
    void (*line_to)(mgi_canvas *c, double x, double y);
    void (*arc)(mgi_canvas *c, double cx, double cy, double r, double a0, double a1);
    void (*close)(mgi_canvas *c);
    void (*fill)(mgi_canvas *c, uint32_t rgb);
    void (*stroke)(mgi_canvas *c, uint32_t rgb, double width, double dash);
    /* left: where the text starts by the fonts' metrics; anchor and align:
     * what was asked, for backends that place text themselves (SVG). */
    void (*text)(mgi_canvas *c, double left, double anchor, double y, const char *s, int font,
                 double size, uint32_t rgb, mgi_align align);
    void (*group_begin)(mgi_canvas *c, const char *cls, const char *key);
    void (*group_end)(mgi_canvas *c);
    void (*destroy)(mgi_canvas *c);
} canvas_ops;

struct mgi_canvas {
    const canvas_ops *ops;
    const mgi_fonts *fonts;
    enum canvas_kind kind;
    double width, height;
    void *impl;
};

/* canvas_cairo.c: FreeType faces for the fonts, and their release. */
mgi_error canvas_cairo_fonts_init(mgi_fonts *fonts, mgi_diag *diag);
void canvas_cairo_fonts_free(mgi_fonts *fonts);

#endif
