/* canvas_svg.c — the SVG backend: paths and <text>, written by hand so text stays text. */
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "canvas_impl.h"
#include "mgi/numfmt.h"

typedef struct svg {
    char *buf; /* the document so far */
    size_t len, cap;
    char *path; /* the path being built */
    size_t plen, pcap;
    bool has_point;
    double px, py; /* current point */
    int depth;     /* open groups */
    int nomem;
} svg;

static void grow(char **buf, size_t *len, size_t *cap, size_t need, int *nomem)
{
    if (*len + need + 1 <= *cap)
        return;
    size_t c = *cap ? *cap : 4096;
    while (c < *len + need + 1)
        c *= 2;
    char *b = realloc(*buf, c);
    if (!b) {
        *nomem = 1;
        return;
    }
    *buf = b;
    *cap = c;
}

/* Formats into what is left of buf, once: a second time only when it did not
 * fit (vsnprintf twice for every piece was a tenth of writing a chart). */
static void vappend(char **buf, size_t *len, size_t *cap, int *nomem, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    size_t room = *cap > *len ? *cap - *len : 0;
    int n = *nomem ? -1 : vsnprintf(room ? *buf + *len : NULL, room, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return;
    if ((size_t)n >= room) {
        grow(buf, len, cap, (size_t)n, nomem);
        if (*nomem)
            return;
        vsnprintf(*buf + *len, (size_t)n + 1, fmt, ap);
    }
    *len += (size_t)n;
}

/* Appends the n bytes at t to *buf as they are. */
static void append(char **buf, size_t *len, size_t *cap, int *nomem, const char *t, size_t n)
{
    grow(buf, len, cap, n, nomem);
    if (*nomem)
        return;
    memcpy(*buf + *len, t, n);
    *len += n;
    (*buf)[*len] = '\0';
}

static void raw(svg *s, const char *t, size_t n)
{
    append(&s->buf, &s->len, &s->cap, &s->nomem, t, n);
}

/* A string literal, as it is. */
#define LIT(s, t) raw((s), (t), sizeof(t) - 1)

static void out(svg *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void out(svg *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vappend(&s->buf, &s->len, &s->cap, &s->nomem, fmt, ap);
    va_end(ap);
}

static void pth(svg *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void pth(svg *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vappend(&s->path, &s->plen, &s->pcap, &s->nomem, fmt, ap);
    va_end(ap);
}

/* x with at most two decimals, without trailing zeros (short, and the same
 * from one run to the next), into out; returns its length. The digits are
 * those of "%.2f", made without printf (which was a quarter of writing a
 * chart) unless x × 100 lies so near a half that the rounding of the product
 * could tip it. */
static size_t num(double x, char out[32])
{
    if (fabs(x) < 0.005)
        x = 0;
    double h = fabs(x) * 100, f = h - floor(h);
    if (!(h < 1e9) || fabs(f - 0.5) < 1e-6) {
        snprintf(out, 32, "%.2f", x);
        char *p = out + strlen(out) - 1;
        while (*p == '0')
            *p-- = '\0';
        if (*p == '.')
            *p-- = '\0';
        return (size_t)(p + 1 - out);
    }
    long long k = (long long)(h + 0.5); /* hundredths */
    size_t n = mgi_numfmt_fixed(out, x < 0 ? -k : k, 2);
    out[n] = '\0';
    return n;
}

/* The path command op with the point (x, y): "M12.5 30". */
static void point(svg *s, char op, double x, double y)
{
    char b[2 + 2 * 32];
    size_t n = 0;
    b[n++] = op;
    n += num(x, b + n);
    b[n++] = ' ';
    n += num(y, b + n);
    append(&s->path, &s->plen, &s->pcap, &s->nomem, b, n);
}

/* name (with its leading space, "=" and opening quote) and v, quoted. */
static void attr(svg *s, const char *name, double v)
{
    char b[32];
    raw(s, name, strlen(name));
    raw(s, b, num(v, b));
    LIT(s, "\"");
}

/* name (as attr) and the colour rgb, "#rrggbb", quoted. */
static void colour(svg *s, const char *name, uint32_t rgb)
{
    static const char hex[] = "0123456789abcdef";
    char b[7] = {'#'};
    for (int i = 0; i < 6; i++)
        b[1 + i] = hex[(rgb >> (20 - 4 * i)) & 15];
    raw(s, name, strlen(name));
    raw(s, b, rgb <= 0xFFFFFF ? 7 : 0);
    if (rgb > 0xFFFFFF)
        out(s, "#%x", (unsigned)rgb);
    LIT(s, "\"");
}

static void escaped(svg *s, const char *t)
{
    for (;;) {
        /* the run of bytes that go as they are, then the one that does not */
        size_t n = strcspn(t, "&<>\"'\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0d\x0e\x0f"
                              "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f");
        raw(s, t, n);
        t += n;
        switch (*t) {
        case '\0': return;
        case '&': raw(s, "&amp;", 5); break;
        case '<': raw(s, "&lt;", 4); break;
        case '>': raw(s, "&gt;", 4); break;
        case '"': raw(s, "&quot;", 6); break;
        case '\'': raw(s, "&#39;", 5); break;
        default: break; /* a control character: not allowed in XML 1.0 */
        }
        t++;
    }
}

static void s_move_to(mgi_canvas *c, double x, double y)
{
    svg *s = c->impl;
    point(s, 'M', x, y);
    s->has_point = true;
    s->px = x;
    s->py = y;
}

static void s_line_to(mgi_canvas *c, double x, double y)
{
    svg *s = c->impl;
    if (!s->has_point) {
        s_move_to(c, x, y);
        return;
    }
    point(s, 'L', x, y);
    s->px = x;
    s->py = y;
}

static void s_arc(mgi_canvas *c, double cx, double cy, double r, double a0, double a1)
{
    svg *s = c->impl;
    double x0 = cx + r * cos(a0), y0 = cy + r * sin(a0);
    if (s->has_point)
        s_line_to(c, x0, y0);
    else
        s_move_to(c, x0, y0);
    /* SVG arcs cannot draw a full circle in one command: go by halves at most. */
    double span = a1 - a0;
    int pieces = (int)ceil(fabs(span) / M_PI - 1e-9);
    if (pieces < 1)
        pieces = 1;
    char rr[32], x[32], y[32];
    for (int i = 1; i <= pieces; i++) {
        double a = a0 + span * i / pieces;
        double ex = cx + r * cos(a), ey = cy + r * sin(a);
        num(r, rr);
        num(ex, x);
        num(ey, y);
        pth(s, "A%s %s 0 0 %d %s %s", rr, rr, span > 0 ? 1 : 0, x, y);
        s->px = ex;
        s->py = ey;
    }
}

static void s_close(mgi_canvas *c)
{
    svg *s = c->impl;
    append(&s->path, &s->plen, &s->pcap, &s->nomem, "Z", 1);
}

static void end_path(svg *s)
{
    s->plen = 0;
    if (s->path)
        s->path[0] = '\0';
    s->has_point = false;
}

static void s_fill(mgi_canvas *c, uint32_t rgb)
{
    svg *s = c->impl;
    if (s->plen) {
        LIT(s, "<path d=\"");
        raw(s, s->path, s->plen);
        LIT(s, "\"");
        colour(s, " fill=\"", rgb);
        LIT(s, "/>\n");
    }
    end_path(s);
}

static void s_stroke(mgi_canvas *c, uint32_t rgb, double width, double dash)
{
    svg *s = c->impl;
    if (s->plen) {
        LIT(s, "<path d=\"");
        raw(s, s->path, s->plen);
        LIT(s, "\" fill=\"none\"");
        colour(s, " stroke=\"", rgb);
        attr(s, " stroke-width=\"", width);
        if (dash > 0)
            attr(s, " stroke-dasharray=\"", dash);
        LIT(s, "/>\n");
    }
    end_path(s);
}

static void s_text(mgi_canvas *c, double left, double anchor, double y, const char *t, int font,
                   double size, uint32_t rgb, mgi_align align)
{
    (void)left;
    svg *s = c->impl;
    static const char *const anchors[] = {"start", "middle", "end"};
    attr(s, "<text x=\"", anchor);
    attr(s, " y=\"", y);
    attr(s, " font-size=\"", size);
    if (font == MGI_FONT_BOLD)
        LIT(s, " font-weight=\"bold\"");
    else if (font == MGI_FONT_ITALIC)
        LIT(s, " font-style=\"italic\"");
    if (align != MGI_ALIGN_LEFT)
        out(s, " text-anchor=\"%s\"", anchors[align]);
    if (rgb != 0)
        colour(s, " fill=\"", rgb);
    LIT(s, ">");
    escaped(s, t);
    LIT(s, "</text>\n");
}

static void s_group_begin(mgi_canvas *c, const char *cls, const char *key)
{
    svg *s = c->impl;
    LIT(s, "<g class=\"");
    escaped(s, cls);
    LIT(s, "\"");
    if (key) {
        LIT(s, " data-key=\"");
        escaped(s, key);
        LIT(s, "\"");
    }
    LIT(s, ">\n");
    s->depth++;
}

static void s_group_end(mgi_canvas *c)
{
    svg *s = c->impl;
    if (s->depth > 0) {
        LIT(s, "</g>\n");
        s->depth--;
    }
}

static void s_destroy(mgi_canvas *c)
{
    svg *s = c->impl;
    if (s) {
        free(s->buf);
        free(s->path);
        free(s);
    }
    free(c);
}

static const canvas_ops svg_ops = {s_move_to, s_line_to, s_arc,         s_close,     s_fill,
                                   s_stroke,  s_text,    s_group_begin, s_group_end, s_destroy};

mgi_error mgi_canvas_svg(const mgi_fonts *fonts, double width, double height, const char *title,
                         mgi_canvas **outp)
{
    *outp = NULL;
    mgi_canvas *c = calloc(1, sizeof *c);
    svg *s = calloc(1, sizeof *s);
    if (!c || !s) {
        free(c);
        free(s);
        return MGI_ERR_NOMEM;
    }
    *c = (mgi_canvas){&svg_ops, fonts, CANVAS_SVG, width, height, s};
    char w[32], h[32];
    num(width, w);
    num(height, h);
    out(s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %s %s\" width=\"%s\" "
        "height=\"%s\" role=\"img\" font-family=\"'Noto Sans', 'Open Sans', Arial, sans-serif\">\n",
        w, h, w, h);
    LIT(s, "<title>");
    escaped(s, title ? title : "");
    out(s, "</title>\n<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>\n");
    if (s->nomem) {
        s_destroy(c);
        return MGI_ERR_NOMEM;
    }
    *outp = c;
    return MGI_OK;
}

mgi_error mgi_canvas_write_svg(mgi_canvas *c, FILE *f)
{
    if (c->kind != CANVAS_SVG)
        return MGI_ERR_INTERNAL;
    svg *s = c->impl;
    while (s->depth > 0)
        s_group_end(c);
    if (s->nomem)
        return MGI_ERR_NOMEM;
    if (fwrite(s->buf, 1, s->len, f) != s->len || fputs("</svg>\n", f) < 0)
        return MGI_ERR_IO;
    return MGI_OK;
}
