/* canvas_pdf.c — the PDF backend: vector drawing in a box on a page of mgi's PDF writer. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "canvas_impl.h"
#include "mgi/pdf.h"

/* PDF takes no colour change inside a path (between m and f), while the
 * canvas gives the colour at fill or stroke time: the path is kept here and
 * written once the colour is set. */
typedef struct seg {
    char op; /* 'M', 'L', 'C', 'Z' */
    double v[6];
} seg;

typedef struct pdf {
    mgi_pdf_page *page;
    double x, top; /* the box's top-left corner, PDF coordinates */
    int has_point;
    seg *path;
    size_t n, cap;
} pdf;

/* Canvas y grows downwards from the box's top; PDF y grows upwards. */
static double PX(const pdf *p, double x)
{
    return p->x + x;
}
static double PY(const pdf *p, double y)
{
    return p->top - y;
}

static void add(pdf *p, char op, double a, double b, double c, double d, double e, double f)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 64;
        seg *s = realloc(p->path, cap * sizeof *s);
        if (!s) {
            mgi_pdf_page_oom(p->page); /* no PDF rather than an incomplete chart */
            return;
        }
        p->path = s;
        p->cap = cap;
    }
    p->path[p->n++] = (seg){op, {a, b, c, d, e, f}};
}

static void replay(pdf *p)
{
    for (size_t i = 0; i < p->n; i++) {
        const double *v = p->path[i].v;
        switch (p->path[i].op) {
        case 'M': mgi_pdf_move_to(p->page, v[0], v[1]); break;
        case 'L': mgi_pdf_line_to(p->page, v[0], v[1]); break;
        case 'C': mgi_pdf_curve_to(p->page, v[0], v[1], v[2], v[3], v[4], v[5]); break;
        default: mgi_pdf_close(p->page); break;
        }
    }
    p->n = 0;
}

static void p_move_to(mgi_canvas *c, double x, double y)
{
    pdf *p = c->impl;
    add(p, 'M', PX(p, x), PY(p, y), 0, 0, 0, 0);
    p->has_point = 1;
}

static void p_line_to(mgi_canvas *c, double x, double y)
{
    pdf *p = c->impl;
    if (!p->has_point) {
        p_move_to(c, x, y);
        return;
    }
    add(p, 'L', PX(p, x), PY(p, y), 0, 0, 0, 0);
}

/* Arcs as cubic Béziers of at most a quarter turn each. */
static void p_arc(mgi_canvas *c, double cx, double cy, double r, double a0, double a1)
{
    pdf *p = c->impl;
    double x0 = cx + r * cos(a0), y0 = cy + r * sin(a0);
    if (p->has_point)
        add(p, 'L', PX(p, x0), PY(p, y0), 0, 0, 0, 0);
    else
        p_move_to(c, x0, y0);
    double span = a1 - a0;
    int pieces = (int)ceil(fabs(span) / (M_PI / 2) - 1e-9);
    if (pieces < 1)
        pieces = 1;
    double step = span / pieces, k = 4.0 / 3.0 * tan(step / 4);
    for (int i = 0; i < pieces; i++) {
        double s = a0 + step * i, e = s + step;
        double sx = cx + r * cos(s), sy = cy + r * sin(s);
        double ex = cx + r * cos(e), ey = cy + r * sin(e);
        double c1x = sx - k * r * sin(s), c1y = sy + k * r * cos(s);
        double c2x = ex + k * r * sin(e), c2y = ey - k * r * cos(e);
        add(p, 'C', PX(p, c1x), PY(p, c1y), PX(p, c2x), PY(p, c2y), PX(p, ex), PY(p, ey));
    }
}

static void p_close(mgi_canvas *c)
{
    pdf *p = c->impl;
    add(p, 'Z', 0, 0, 0, 0, 0, 0);
}

static void p_fill(mgi_canvas *c, uint32_t rgb)
{
    pdf *p = c->impl;
    if (!p->has_point)
        return;
    mgi_pdf_fill_rgb(p->page, rgb);
    replay(p);
    mgi_pdf_fill(p->page);
    p->has_point = 0;
}

static void p_stroke(mgi_canvas *c, uint32_t rgb, double width, double dash)
{
    pdf *p = c->impl;
    if (!p->has_point)
        return;
    mgi_pdf_stroke_rgb(p->page, rgb);
    mgi_pdf_line_width(p->page, width);
    double d = dash > 0 ? (dash < 1 ? 1 : dash) : 0;
    mgi_pdf_dash(p->page, d, d);
    replay(p);
    mgi_pdf_stroke(p->page);
    p->has_point = 0;
}

static void p_text(mgi_canvas *c, double left, double anchor, double y, const char *s, int font,
                   double size, uint32_t rgb, mgi_align align)
{
    (void)anchor;
    (void)align;
    pdf *p = c->impl;
    mgi_pdf_fill_rgb(p->page, rgb);
    mgi_pdf_text(p->page, font, size, PX(p, left), PY(p, y), s, strlen(s));
}

static void p_group_begin(mgi_canvas *c, const char *cls, const char *key)
{
    (void)c, (void)cls, (void)key;
}

static void p_group_end(mgi_canvas *c)
{
    (void)c;
}

static void p_destroy(mgi_canvas *c)
{
    pdf *p = c->impl;
    if (p)
        free(p->path);
    free(p);
    free(c);
}

static const canvas_ops pdf_ops = {p_move_to, p_line_to, p_arc,         p_close,     p_fill,
                                   p_stroke,  p_text,    p_group_begin, p_group_end, p_destroy};

mgi_error mgi_canvas_pdf(const mgi_fonts *fonts, mgi_pdf_page *page, double x, double top,
                         double width, double height, mgi_canvas **out)
{
    *out = NULL;
    mgi_canvas *c = calloc(1, sizeof *c);
    pdf *p = calloc(1, sizeof *p);
    if (!c || !p) {
        free(c);
        free(p);
        return MGI_ERR_NOMEM;
    }
    *c = (mgi_canvas){&pdf_ops, fonts, CANVAS_PDF, width, height, p};
    p->page = page;
    p->x = x;
    p->top = top;
    *out = c;
    return MGI_OK;
}
