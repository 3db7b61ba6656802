/* canvas.c — the backend-independent part of the canvas: fonts, shorthands, text layout. */
#include <stdlib.h>
#include <string.h>

#include "canvas_impl.h"
#include "mgi/pdf.h"
#include "mgi/utf8.h"

static const char *const font_files[MGI_NFONTS] = {
    "NotoSans-Regular-Latin.ttf", "NotoSans-Bold-Latin.ttf", "NotoSans-Italic-Latin.ttf"};

mgi_error mgi_fonts_load(const char *dir, const char *const *files, mgi_diag *diag, mgi_fonts **out)
{
    *out = NULL;
    mgi_error err = MGI_OK;
    mgi_fonts *fonts = calloc(1, sizeof *fonts);
    if (!fonts)
        return MGI_ERR_NOMEM;
    for (int i = 0; i < MGI_NFONTS; i++) {
        const char *name = files && files[i] ? files[i] : font_files[i];
        size_t n = strlen(dir) + strlen(name) + 8;
        if (!(fonts->file[i] = malloc(n))) {
            err = MGI_ERR_NOMEM;
            goto cleanup;
        }
        snprintf(fonts->file[i], n, "%s/fonts/%s", dir, name);
        if ((err = mgi_font_load(fonts->file[i], diag, &fonts->metrics[i])) != MGI_OK)
            goto cleanup;
    }
    if ((err = canvas_cairo_fonts_init(fonts, diag)) != MGI_OK)
        goto cleanup;
    if (!(fonts->pdf_cache = mgi_pdf_cache_new())) {
        err = MGI_ERR_NOMEM;
        goto cleanup;
    }
    *out = fonts;
    return MGI_OK;
cleanup:
    mgi_fonts_free(fonts);
    return err;
}

void mgi_fonts_free(mgi_fonts *fonts)
{
    if (!fonts)
        return;
    mgi_pdf_cache_free(fonts->pdf_cache); /* before the fonts it knows */
    canvas_cairo_fonts_free(fonts);
    for (int i = 0; i < MGI_NFONTS; i++) {
        mgi_font_free(fonts->metrics[i]);
        free(fonts->file[i]);
    }
    free(fonts);
}

const mgi_font *mgi_fonts_get(const mgi_fonts *fonts, int which)
{
    return fonts->metrics[which >= 0 && which < MGI_NFONTS ? which : MGI_FONT_REGULAR];
}

mgi_pdf_cache *mgi_fonts_pdf_cache(const mgi_fonts *fonts)
{
    return fonts->pdf_cache;
}

const char *mgi_fonts_file(const mgi_fonts *fonts, int which)
{
    return fonts->file[which >= 0 && which < MGI_NFONTS ? which : MGI_FONT_REGULAR];
}

/* ------------------------------------------------------------- offset */

typedef struct offset {
    mgi_canvas *parent;
    double dx, dy;
} offset;

#define OFF(c) ((offset *)(c)->impl)

static void o_move_to(mgi_canvas *c, double x, double y)
{
    mgi_canvas_move_to(OFF(c)->parent, x + OFF(c)->dx, y + OFF(c)->dy);
}

static void o_line_to(mgi_canvas *c, double x, double y)
{
    mgi_canvas_line_to(OFF(c)->parent, x + OFF(c)->dx, y + OFF(c)->dy);
}

static void o_arc(mgi_canvas *c, double cx, double cy, double r, double a0, double a1)
{
    mgi_canvas_arc(OFF(c)->parent, cx + OFF(c)->dx, cy + OFF(c)->dy, r, a0, a1);
}

static void o_close(mgi_canvas *c)
{
    mgi_canvas_close(OFF(c)->parent);
}
static void o_fill(mgi_canvas *c, uint32_t rgb)
{
    mgi_canvas_fill(OFF(c)->parent, rgb);
}

static void o_stroke(mgi_canvas *c, uint32_t rgb, double width, double dash)
{
    mgi_canvas_stroke(OFF(c)->parent, rgb, width, dash);
}

static void o_text(mgi_canvas *c, double left, double anchor, double y, const char *s, int font,
                   double size, uint32_t rgb, mgi_align align)
{
    mgi_canvas *p = OFF(c)->parent;
    p->ops->text(p, left + OFF(c)->dx, anchor + OFF(c)->dx, y + OFF(c)->dy, s, font, size, rgb,
                 align);
}

static void o_group_begin(mgi_canvas *c, const char *cls, const char *key)
{
    mgi_canvas_group_begin(OFF(c)->parent, cls, key);
}

static void o_group_end(mgi_canvas *c)
{
    mgi_canvas_group_end(OFF(c)->parent);
}

static void o_destroy(mgi_canvas *c)
{
    free(c->impl);
    free(c);
}

static const canvas_ops offset_ops = {o_move_to, o_line_to, o_arc,         o_close,     o_fill,
                                      o_stroke,  o_text,    o_group_begin, o_group_end, o_destroy};

mgi_canvas *mgi_canvas_offset(mgi_canvas *parent, double dx, double dy)
{
    mgi_canvas *c = calloc(1, sizeof *c);
    offset *o = calloc(1, sizeof *o);
    if (!c || !o) {
        free(c);
        free(o);
        return NULL;
    }
    *o = (offset){parent, dx, dy};
    *c = (mgi_canvas){&offset_ops,        parent->fonts,       parent->kind,
                      parent->width - dx, parent->height - dy, o};
    return c;
}

void mgi_canvas_free(mgi_canvas *c)
{
    if (c)
        c->ops->destroy(c);
}

double mgi_canvas_width(const mgi_canvas *c)
{
    return c->width;
}
double mgi_canvas_height(const mgi_canvas *c)
{
    return c->height;
}

void mgi_canvas_move_to(mgi_canvas *c, double x, double y)
{
    c->ops->move_to(c, x, y);
}
void mgi_canvas_line_to(mgi_canvas *c, double x, double y)
{
    c->ops->line_to(c, x, y);
}
void mgi_canvas_close(mgi_canvas *c)
{
    c->ops->close(c);
}
void mgi_canvas_fill(mgi_canvas *c, uint32_t rgb)
{
    c->ops->fill(c, rgb);
}

void mgi_canvas_arc(mgi_canvas *c, double cx, double cy, double r, double a0, double a1)
{
    c->ops->arc(c, cx, cy, r, a0, a1);
}

void mgi_canvas_stroke(mgi_canvas *c, uint32_t rgb, double line_width, double dash)
{
    c->ops->stroke(c, rgb, line_width, dash);
}

void mgi_canvas_rect(mgi_canvas *c, double x, double y, double w, double h, uint32_t rgb)
{
    c->ops->move_to(c, x, y);
    c->ops->line_to(c, x + w, y);
    c->ops->line_to(c, x + w, y + h);
    c->ops->line_to(c, x, y + h);
    c->ops->close(c);
    c->ops->fill(c, rgb);
}

void mgi_canvas_line(mgi_canvas *c, double x0, double y0, double x1, double y1, uint32_t rgb,
                     double line_width, double dash)
{
    c->ops->move_to(c, x0, y0);
    c->ops->line_to(c, x1, y1);
    c->ops->stroke(c, rgb, line_width, dash);
}

/* s with typographic quotes in buf when it has straight ones and fits (utf8.h). */
static const char *quotes(const char *s, size_t *n, char *buf, size_t size)
{
    if (!memchr(s, '\'', *n) && !memchr(s, '"', *n))
        return s;
    size_t q = mgi_utf8_quotes(s, *n, buf, size);
    if (q == (size_t)-1)
        return s;
    *n = q;
    return buf;
}

double mgi_canvas_text_width(const mgi_canvas *c, const char *s, size_t n, int font, double size)
{
    char buf[2048];
    s = quotes(s, &n, buf, sizeof buf);
    return mgi_font_width(mgi_fonts_get(c->fonts, font), s, n, size);
}

void mgi_canvas_text(mgi_canvas *c, double x, double y, const char *s, int font, double size,
                     uint32_t rgb, mgi_align align)
{
    char buf[2048];
    size_t n = strlen(s);
    s = quotes(s, &n, buf, sizeof buf);
    if (!*s)
        return;
    double w = mgi_canvas_text_width(c, s, strlen(s), font, size);
    double left = align == MGI_ALIGN_LEFT ? x : align == MGI_ALIGN_CENTER ? x - w / 2 : x - w;
    c->ops->text(c, left, x, y, s, font, size, rgb, align);
}

int mgi_canvas_wrap(const mgi_canvas *c, const char *s, int font, double size, double width,
                    int max_lines, size_t *start, size_t *len, int *ellipsis)
{
    const mgi_font *f = mgi_fonts_get(c->fonts, font);
    size_t n = strlen(s), pos = 0;
    int lines = 0;
    *ellipsis = 0;
    while (pos < n && lines < max_lines) {
        while (pos < n && s[pos] == ' ')
            pos++;
        if (pos >= n)
            break;
        /* Take words while they fit; a word that does not fit alone is cut.
         * The line is measured word by word (upto: the words taken and the
         * spaces after them), so that the font's cache keeps words, as the
         * flow's does, rather than every prefix of every label. */
        size_t end = pos, best = pos;
        double upto = 0;
        while (end < n) {
            /* The next break: a space, or just after a hyphen inside a word
             * ("Whole-of-|government"). */
            size_t word = end;
            while (word < n && s[word] != ' ' && !(word > end && s[word - 1] == '-'))
                word++;
            double ww = upto + mgi_font_width(f, s + end, word - end, size);
            if (ww > width && best > pos)
                break;
            if (ww > width) { /* a single long word: cut it by characters */
                size_t k = pos;
                while (k < word) {
                    uint32_t cp;
                    size_t l = mgi_utf8_decode(s + k, word - k, &cp);
                    if (mgi_font_width(f, s + pos, k + l - pos, size) > width && k > pos)
                        break;
                    k += l;
                }
                best = k;
                break;
            }
            best = word;
            end = word;
            while (end < n && s[end] == ' ')
                end++;
            upto = ww + mgi_font_width(f, s + word, end - word, size);
        }
        start[lines] = pos;
        len[lines] = best - pos;
        lines++;
        pos = best;
    }
    while (pos < n && s[pos] == ' ')
        pos++;
    if (pos < n && lines > 0)
        *ellipsis = 1;
    return lines;
}

int mgi_canvas_text_box(mgi_canvas *c, double x, double y, double width, const char *s, int font,
                        double size, uint32_t rgb, mgi_align align, int max_lines)
{
    enum { MAXL = 16 };
    size_t start[MAXL], len[MAXL], sn = strlen(s);
    int ellipsis;
    char buf[4096];
    s = quotes(s, &sn, buf, sizeof buf);
    if (max_lines > MAXL)
        max_lines = MAXL;
    int n = mgi_canvas_wrap(c, s, font, size, width, max_lines, start, len, &ellipsis);
    for (int i = 0; i < n; i++) {
        char line[1024];
        size_t l = len[i] < sizeof line - 8 ? len[i] : sizeof line - 8;
        memcpy(line, s + start[i], l);
        line[l] = '\0';
        if (ellipsis && i == n - 1) {
            /* Make room for the ellipsis. */
            while (l > 0 && mgi_canvas_text_width(c, line, l, font, size) +
                                    mgi_canvas_text_width(c, "…", strlen("…"), font, size) >
                                width) {
                do
                    l--;
                while (l > 0 && ((unsigned char)line[l] & 0xC0) == 0x80);
            }
            while (l > 0 && line[l - 1] == ' ')
                l--;
            memcpy(line + l, "…", strlen("…") + 1);
        } else if (i + 1 < n && align == MGI_ALIGN_LEFT && l > 0 && line[l - 1] != '-') {
            /* the space the line broke at, kept (invisible at its end) so
             * that a reader of the text gets "or of", not "orof" */
            line[l++] = ' ';
            line[l] = '\0';
        }
        mgi_canvas_text(c, x, y + i * size * 1.2, line, font, size, rgb, align);
    }
    return n;
}

void mgi_canvas_group_begin(mgi_canvas *c, const char *cls, const char *key)
{
    c->ops->group_begin(c, cls, key);
}

void mgi_canvas_group_end(mgi_canvas *c)
{
    c->ops->group_end(c);
}

uint32_t mgi_rgb_mix(uint32_t a, uint32_t b, double t)
{
    uint32_t out = 0;
    for (int shift = 0; shift <= 16; shift += 8) {
        double x = (double)((a >> shift) & 0xFF), y = (double)((b >> shift) & 0xFF);
        uint32_t v = (uint32_t)(t * x + (1 - t) * y + 0.5);
        out |= (v > 255 ? 255 : v) << shift;
    }
    return out;
}
