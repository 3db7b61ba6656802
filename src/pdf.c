/* pdf.c — a small PDF writer: content streams, font subsets, links, outline, structure tree, xref.
 */
#include "mgi/pdf.h"

#include "mgi/arena.h"
#include "mgi/numfmt.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <libdeflate.h>
#include <string.h>

/*
 * mgi used libharu 2.3.0 until its per-operator cost (every operator clears a
 * 512-byte buffer byte by byte, every character is looked up linearly in the
 * font's cmap), one text object per word and zlib at a level it would not let
 * us choose made the profile the slowest part of a build. This writer does
 * what the profiles use and nothing else — and what libharu cannot do at all
 * (libharu/libharu#99, #175): tagged PDF, so that the documents are
 * accessible (PDF/UA-1) and archivable (PDF/A-2a).
 */

/* Streams are compressed with libdeflate at level 1: on a profile's content
 * streams it is twice as fast as zlib's fastest level and 9 % smaller (zlib
 * level 1 took a fifth of a whole build), and 40 % larger than zlib's default
 * level 6, which takes eight times as long. */
#define DEFLATE_LEVEL 1
#define MAX_FONTS     8
#define UNKNOWN       0xFFFFFFFFu

typedef struct buf {
    char *p;
    size_t n, cap;
} buf;

typedef struct annot {
    double r[4];
    size_t target; /* page, when uri is NULL */
    char *uri;
    int elem;       /* the structure element (a Link) it belongs to, or -1 */
    char *contents; /* what it is, in words (/Contents) */
    size_t key;     /* a tagged link's key in the parent tree (set when writing) */
} annot;

/* Marked content open on a page: a tagged sequence (an MCID of elem), an
 * artifact, or an artifact begun because something was painted outside any
 * (auto); depth is the q nesting it was begun at. */
typedef struct mark {
    int elem; /* -1: an artifact */
    bool autom;
    int depth;
} mark;

enum { MAX_MARKS = 8 };

struct mgi_pdf_page {
    mgi_pdf *doc;
    double width, height;
    buf c; /* the content stream */
    annot *annots;
    size_t nannots, annots_cap;
    /* Graphics state as written, to write only changes; UNKNOWN after Q. */
    uint32_t fill, stroke;
    double line_width, dash_on, dash_off;
    int font; /* -1: none set */
    double size;
    /* Text: an open BT, an open TJ array, the line origin set by the last
     * Td, and where the last string of the array ends. */
    bool in_text, in_array;
    double line_x, line_y, end_x, end_y;
    /* Tagging: the open marked content, the q depth, and the structure
     * element of each MCID (the page's entry in the parent tree). */
    mark marks[MAX_MARKS];
    int nmarks, depth;
    int *mcid_elem;
    size_t nmcids, mcids_cap;
};

/* A kid of a structure element: an element, marked content (an MCID on a
 * page) or an annotation (OBJR). */
typedef struct kid {
    enum { KID_ELEM, KID_MCID, KID_OBJR } kind;
    size_t page;  /* MCID, OBJR */
    size_t index; /* element, MCID, or annotation on its page */
} kid;

typedef struct elem {
    char type[16];
    int parent;
    char *alt, *actual, *lang, *attr;
    kid *kids;
    size_t nkids, kids_cap;
} elem;

typedef struct outline_item {
    char *title;
    int parent, first, last, next, prev;
    size_t target;
    bool open;
} outline_item;

/* A font program: the glyphs it holds, and its bytes compressed. */
typedef struct subset {
    const mgi_font *font;
    uint64_t hash;         /* of the glyphs and the font's name; gives the subset tag */
    unsigned char *glyphs; /* per glyph of the font: embedded */
    unsigned char *z;
    size_t zlen, len; /* compressed, and whole (the font program's /Length1) */
    /* What a document whose glyphs read back as the subset's do shares:
     * per glyph, the character it reads back as (the first of a block of
     * characters that sets it, else the one it was shown for); the widths
     * and the ToUnicode map (compressed) of every glyph embedded. */
    uint32_t *unicode;
    char *widths;
    size_t widths_len;
    unsigned char *tounicode;
    size_t tounicode_len;
} subset;

/* A word as show() writes it in a TJ array: its literal string with the
 * kerning, its glyphs and the characters they read back as. */
typedef struct run {
    uint64_t stamp; /* the font use that last marked its glyphs used (font_use.stamp) */
    double em;      /* its advance */
    size_t nglyphs, len;
    const unsigned *glyphs;
    uint32_t *chars;
    char *bytes;
} run;

/* The runs of one font, by the number the font gives the word (mgi_shaped.id). */
typedef struct font_runs {
    const mgi_font *font;
    run **by_id;
    size_t cap;
} font_runs;

struct mgi_pdf_cache {
    struct libdeflate_compressor *best; /* for font programs, made once */
    struct libdeflate_compressor *fast; /* for the rest, made once */
    subset *subsets;
    size_t n, cap, bytes;
    char *icc_path; /* and its profile, compressed */
    unsigned char *icc;
    size_t icc_len;
    font_runs fonts[MAX_FONTS * 2]; /* the words shown, per font */
    size_t nfonts;
    mgi_arena *arena; /* the runs */
    uint64_t stamps;  /* handed out to font uses */
};

typedef struct font_use {
    const mgi_font *font;
    unsigned char *used; /* per glyph */
    uint32_t *unicode;   /* per glyph: the first code point shown with it */
    bool any;
    font_runs *runs; /* the font's words as shown, in the cache; or NULL */
    uint64_t stamp;  /* marks the runs whose glyphs this use has marked */
} font_use;

struct mgi_pdf {
    font_use fonts[MAX_FONTS];
    size_t nfonts;
    mgi_pdf_page **pages;
    size_t npages, pages_cap;
    outline_item *items;
    size_t nitems, items_cap;
    elem *elems; /* elems[0]: the Document */
    size_t nelems, elems_cap;
    struct libdeflate_compressor *z; /* without a cache */
    mgi_pdf_cache *cache;            /* or NULL */
    bool oom;
};

/* ------------------------------------------------------------ buffers */

static bool grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return true;
    size_t cap2 = *cap ? *cap : 16;
    while (cap2 < need)
        cap2 *= 2;
    void *q = realloc(*p, cap2 * size);
    if (!q)
        return false;
    *p = q;
    *cap = cap2;
    return true;
}

static void put(mgi_pdf_page *pg, const char *s, size_t n)
{
    buf *b = &pg->c;
    if (b->n + n > b->cap) {
        size_t cap = b->cap;
        if (!grow((void **)&b->p, &cap, b->n + n, 1)) {
            pg->doc->oom = true;
            return;
        }
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
}

static void puts_(mgi_pdf_page *pg, const char *s)
{
    put(pg, s, strlen(s));
}

/* v in thousandths, rounded; within ±1e12, 0 when v is not a number. */
static long long milli(double v)
{
    if (!isfinite(v))
        return 0;
    if (v > 1e9)
        v = 1e9;
    if (v < -1e9)
        v = -1e9;
    /* llround(x), without the call into libm (a hundredth of a build): x
     * minus its integer part is exact below 2^52, so the halves are told
     * apart exactly and go away from zero, as llround's do. */
    double x = v * 1000;
    long long k = (long long)x;
    double f = x - (double)k;
    return k + (f >= 0.5) - (f <= -0.5);
}

/* v rounded to 3 decimals, as written. */
static double round3(double v)
{
    return (double)milli(v) / 1000;
}

/* Formats v with at most 3 decimals, no exponent, no trailing zeros. */
static size_t fmt_num(char *out, double v)
{
    return mgi_numfmt_fixed(out, milli(v), 3);
}

/* Appends the 4 hex digits of u to out. */
static char *hex4(char *out, unsigned u)
{
    static const char digits[] = "0123456789ABCDEF";
    for (int shift = 12; shift >= 0; shift -= 4)
        *out++ = digits[(u >> shift) & 0xF];
    return out;
}

/* Writes the numbers v[0..n) separated by spaces, then " op\n". */
static void op(mgi_pdf_page *pg, const double *v, int n, const char *name)
{
    char line[256];
    size_t k = 0;
    for (int i = 0; i < n; i++) {
        k += fmt_num(line + k, v[i]);
        line[k++] = ' ';
    }
    size_t len = strlen(name);
    memcpy(line + k, name, len);
    k += len;
    line[k++] = '\n';
    put(pg, line, k);
}

/* ------------------------------------------------------------ document */

/* The runs of font f in cache c, found or added; NULL without a cache or
 * when it knows too many fonts. */
static font_runs *runs_of(mgi_pdf_cache *c, const mgi_font *f)
{
    if (!c)
        return NULL;
    for (size_t i = 0; i < c->nfonts; i++)
        if (c->fonts[i].font == f)
            return &c->fonts[i];
    if (c->nfonts == sizeof c->fonts / sizeof c->fonts[0])
        return NULL;
    c->fonts[c->nfonts] = (font_runs){f, NULL, 0};
    return &c->fonts[c->nfonts++];
}

mgi_pdf *mgi_pdf_new(const mgi_font *const *fonts, size_t nfonts, mgi_pdf_cache *cache)
{
    mgi_pdf *pdf = calloc(1, sizeof *pdf);
    if (!pdf)
        return NULL;
    pdf->cache = cache;
    /* the cache's compressor, made once, or one of its own */
    struct libdeflate_compressor **z = cache ? &cache->fast : &pdf->z;
    if (!*z && !(*z = libdeflate_alloc_compressor(DEFLATE_LEVEL))) {
        free(pdf);
        return NULL;
    }
    if (mgi_pdf_elem(pdf, -1, "Document") != 0) {
        mgi_pdf_free(pdf);
        return NULL;
    }
    if (nfonts > MAX_FONTS)
        nfonts = MAX_FONTS;
    for (size_t i = 0; i < nfonts; i++) {
        font_use *u = &pdf->fonts[i];
        size_t n = mgi_font_nglyphs(fonts[i]);
        u->font = fonts[i];
        u->used = calloc(n, 1);
        u->unicode = calloc(n, sizeof *u->unicode);
        if ((u->runs = runs_of(cache, fonts[i])))
            u->stamp = ++cache->stamps;
        pdf->nfonts++;
        if (!u->used || !u->unicode) {
            mgi_pdf_free(pdf);
            return NULL;
        }
    }
    return pdf;
}

void mgi_pdf_free(mgi_pdf *pdf)
{
    if (!pdf)
        return;
    for (size_t i = 0; i < pdf->nfonts; i++) {
        free(pdf->fonts[i].used);
        free(pdf->fonts[i].unicode);
    }
    for (size_t i = 0; i < pdf->npages; i++) {
        mgi_pdf_page *pg = pdf->pages[i];
        for (size_t k = 0; k < pg->nannots; k++) {
            free(pg->annots[k].uri);
            free(pg->annots[k].contents);
        }
        free(pg->annots);
        free(pg->mcid_elem);
        free(pg->c.p);
        free(pg);
    }
    free(pdf->pages);
    for (size_t i = 0; i < pdf->nitems; i++)
        free(pdf->items[i].title);
    free(pdf->items);
    for (size_t i = 0; i < pdf->nelems; i++) {
        free(pdf->elems[i].alt);
        free(pdf->elems[i].actual);
        free(pdf->elems[i].lang);
        free(pdf->elems[i].attr);
        free(pdf->elems[i].kids);
    }
    free(pdf->elems);
    libdeflate_free_compressor(pdf->z);
    free(pdf);
}

mgi_pdf_page *mgi_pdf_page_add(mgi_pdf *pdf, double width, double height)
{
    mgi_pdf_page *pg = calloc(1, sizeof *pg);
    if (!pg || !grow((void **)&pdf->pages, &pdf->pages_cap, pdf->npages + 1, sizeof *pdf->pages)) {
        free(pg);
        pdf->oom = true;
        return NULL;
    }
    *pg = (mgi_pdf_page){.doc = pdf,
                         .width = width,
                         .height = height,
                         .fill = 0,
                         .stroke = 0,
                         .line_width = 1,
                         .font = -1};
    pdf->pages[pdf->npages++] = pg;
    return pg;
}

void mgi_pdf_page_oom(mgi_pdf_page *pg)
{
    pg->doc->oom = true;
}

/* ------------------------------------------------------------ state */

static void end_array(mgi_pdf_page *pg)
{
    if (pg->in_array) {
        puts_(pg, "]TJ\n");
        pg->in_array = false;
    }
}

static void end_text(mgi_pdf_page *pg)
{
    end_array(pg);
    if (pg->in_text) {
        puts_(pg, "ET\n");
        pg->in_text = false;
    }
}

/* ------------------------------------------------------------ structure */

static bool add_kid(mgi_pdf *pdf, int e, kid k)
{
    elem *el = &pdf->elems[e];
    if (!grow((void **)&el->kids, &el->kids_cap, el->nkids + 1, sizeof *el->kids)) {
        pdf->oom = true;
        return false;
    }
    el->kids[el->nkids++] = k;
    return true;
}

int mgi_pdf_elem(mgi_pdf *pdf, int parent, const char *type)
{
    if (parent >= (int)pdf->nelems ||
        !grow((void **)&pdf->elems, &pdf->elems_cap, pdf->nelems + 1, sizeof *pdf->elems)) {
        pdf->oom = true;
        return -1;
    }
    int e = (int)pdf->nelems;
    elem *el = &pdf->elems[pdf->nelems++];
    memset(el, 0, sizeof *el);
    size_t n = strnlen(type, sizeof el->type - 1);
    memcpy(el->type, type, n);
    el->type[n] = '\0';
    el->parent = parent < 0 && e > 0 ? 0 : parent;
    if (e > 0 && !add_kid(pdf, el->parent, (kid){KID_ELEM, 0, (size_t)e}))
        return -1;
    return e;
}

static void set_str(mgi_pdf *pdf, char **field, const char *text)
{
    free(*field);
    if (!(*field = strdup(text)))
        pdf->oom = true;
}

void mgi_pdf_elem_alt(mgi_pdf *pdf, int e, const char *alt)
{
    if (e >= 0 && e < (int)pdf->nelems)
        set_str(pdf, &pdf->elems[e].alt, alt);
}

void mgi_pdf_elem_actual(mgi_pdf *pdf, int e, const char *text)
{
    if (e >= 0 && e < (int)pdf->nelems)
        set_str(pdf, &pdf->elems[e].actual, text);
}

void mgi_pdf_elem_lang(mgi_pdf *pdf, int e, const char *lang)
{
    if (e >= 0 && e < (int)pdf->nelems)
        set_str(pdf, &pdf->elems[e].lang, lang);
}

void mgi_pdf_elem_attr(mgi_pdf *pdf, int e, const char *attr)
{
    if (e >= 0 && e < (int)pdf->nelems)
        set_str(pdf, &pdf->elems[e].attr, attr);
}

static void end_text(mgi_pdf_page *pg);

/* Ends the innermost marked content. */
static void end_mark(mgi_pdf_page *pg)
{
    if (!pg->nmarks)
        return;
    end_text(pg);
    puts_(pg, "EMC\n");
    pg->nmarks--;
}

/* Ends the marked content begun at the current q depth: marked content and
 * q/Q nest, they never overlap. */
static void end_level(mgi_pdf_page *pg)
{
    while (pg->nmarks && pg->marks[pg->nmarks - 1].depth == pg->depth)
        end_mark(pg);
}

static bool begin_mark(mgi_pdf_page *pg, mark m)
{
    end_level(pg);
    if (pg->nmarks == MAX_MARKS) {
        pg->doc->oom = true; /* cannot happen with mgi's pages: a bug, reported */
        return false;
    }
    end_text(pg);
    m.depth = pg->depth;
    pg->marks[pg->nmarks++] = m;
    return true;
}

/* Painting outside any marked content makes it an artifact: everything on a
 * tagged page is either real content or an artifact (PDF/UA-1, 7.1). */
static void ensure_marked(mgi_pdf_page *pg)
{
    if (pg->nmarks)
        return;
    if (begin_mark(pg, (mark){-1, true, 0}))
        puts_(pg, "/Artifact BMC\n");
}

void mgi_pdf_tag(mgi_pdf_page *pg, int e)
{
    mgi_pdf *pdf = pg->doc;
    if (e <= 0 || e >= (int)pdf->nelems ||
        !grow((void **)&pg->mcid_elem, &pg->mcids_cap, pg->nmcids + 1, sizeof *pg->mcid_elem)) {
        pdf->oom = true;
        return;
    }
    size_t page = 0;
    while (page < pdf->npages && pdf->pages[page] != pg)
        page++;
    if (!begin_mark(pg, (mark){e, false, 0}) || !add_kid(pdf, e, (kid){KID_MCID, page, pg->nmcids}))
        return;
    /* "/%s <</MCID %zu>> BDC\n" */
    char line[96];
    size_t k = strlen(pdf->elems[e].type);
    line[0] = '/';
    memcpy(line + 1, pdf->elems[e].type, k);
    memcpy(line + 1 + k, " <</MCID ", 9);
    k += 10;
    k += mgi_numfmt_uint(line + k, pg->nmcids);
    memcpy(line + k, ">> BDC\n", 7);
    put(pg, line, k + 7);
    pg->mcid_elem[pg->nmcids++] = e;
}

void mgi_pdf_artifact(mgi_pdf_page *pg, const char *props)
{
    if (!begin_mark(pg, (mark){-1, false, 0}))
        return;
    puts_(pg, "/Artifact <<");
    puts_(pg, props);
    puts_(pg, ">> BDC\n");
}

void mgi_pdf_untag(mgi_pdf_page *pg)
{
    end_mark(pg);
}

static void rgb_op(mgi_pdf_page *pg, uint32_t rgb, const char *name)
{
    double v[3] = {((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0, (rgb & 0xFF) / 255.0};
    end_array(pg);
    op(pg, v, 3, name);
}

void mgi_pdf_fill_rgb(mgi_pdf_page *pg, uint32_t rgb)
{
    rgb &= 0xFFFFFF;
    if (rgb != pg->fill) {
        rgb_op(pg, rgb, "rg");
        pg->fill = rgb;
    }
}

void mgi_pdf_stroke_rgb(mgi_pdf_page *pg, uint32_t rgb)
{
    rgb &= 0xFFFFFF;
    if (rgb != pg->stroke) {
        rgb_op(pg, rgb, "RG");
        pg->stroke = rgb;
    }
}

void mgi_pdf_line_width(mgi_pdf_page *pg, double width)
{
    if (width != pg->line_width) {
        end_array(pg);
        op(pg, &width, 1, "w");
        pg->line_width = width;
    }
}

void mgi_pdf_dash(mgi_pdf_page *pg, double on, double off)
{
    if (!(on > 0) || !(off > 0))
        on = off = 0;
    if (on != pg->dash_on || off != pg->dash_off) {
        end_array(pg);
        if (on > 0) {
            char line[80];
            size_t k = 0;
            line[k++] = '[';
            k += fmt_num(line + k, on);
            line[k++] = ' ';
            k += fmt_num(line + k, off);
            memcpy(line + k, "] 0 d\n", 6);
            put(pg, line, k + 6);
        } else {
            puts_(pg, "[] 0 d\n");
        }
        pg->dash_on = on;
        pg->dash_off = off;
    }
}

void mgi_pdf_save(mgi_pdf_page *pg)
{
    end_text(pg);
    if (pg->nmarks && pg->marks[pg->nmarks - 1].autom)
        end_mark(pg);
    puts_(pg, "q\n");
    pg->depth++;
}

void mgi_pdf_restore(mgi_pdf_page *pg)
{
    end_level(pg);
    end_text(pg);
    puts_(pg, "Q\n");
    if (pg->depth > 0)
        pg->depth--;
    pg->fill = pg->stroke = UNKNOWN;
    pg->line_width = pg->dash_on = pg->dash_off = -1;
    pg->font = -1;
}

void mgi_pdf_concat(mgi_pdf_page *pg, double a, double b, double c, double d, double e, double f)
{
    end_text(pg);
    double v[6] = {a, b, c, d, e, f};
    op(pg, v, 6, "cm");
}

/* ------------------------------------------------------------ paths */

void mgi_pdf_move_to(mgi_pdf_page *pg, double x, double y)
{
    end_text(pg);
    ensure_marked(pg);
    double v[2] = {x, y};
    op(pg, v, 2, "m");
}

void mgi_pdf_line_to(mgi_pdf_page *pg, double x, double y)
{
    end_text(pg);
    double v[2] = {x, y};
    op(pg, v, 2, "l");
}

void mgi_pdf_curve_to(mgi_pdf_page *pg, double x1, double y1, double x2, double y2, double x3,
                      double y3)
{
    end_text(pg);
    double v[6] = {x1, y1, x2, y2, x3, y3};
    op(pg, v, 6, "c");
}

void mgi_pdf_close(mgi_pdf_page *pg)
{
    end_text(pg);
    puts_(pg, "h\n");
}

void mgi_pdf_rect(mgi_pdf_page *pg, double x, double y, double width, double height)
{
    end_text(pg);
    ensure_marked(pg);
    double v[4] = {x, y, width, height};
    op(pg, v, 4, "re");
}

void mgi_pdf_fill(mgi_pdf_page *pg)
{
    end_text(pg);
    puts_(pg, "f\n");
}

void mgi_pdf_stroke(mgi_pdf_page *pg)
{
    end_text(pg);
    puts_(pg, "S\n");
}

/* ------------------------------------------------------------ text */

static int font_index(const mgi_pdf_page *pg, int font)
{
    return font >= 0 && (size_t)font < pg->doc->nfonts ? font : 0;
}

static void set_font(mgi_pdf_page *pg, int font, double size)
{
    if (font == pg->font && size == pg->size)
        return;
    end_array(pg);
    char line[64];
    memcpy(line, "/F", 2);
    size_t k = 2 + mgi_numfmt_uint(line + 2, (size_t)font);
    line[k++] = ' ';
    k += fmt_num(line + k, size);
    memcpy(line + k, " Tf\n", 4);
    put(pg, line, k + 4);
    pg->font = font;
    pg->size = size;
    pg->doc->fonts[font].any = true;
}

/* Appends glyph g's 2-byte code (Identity-H) to a literal string in out. */
static size_t code(char *out, size_t k, unsigned g)
{
    const unsigned char b[2] = {(unsigned char)(g >> 8), (unsigned char)g};
    for (int j = 0; j < 2; j++) {
        /* A CR in a literal string reads as LF: escape it, and the delimiters. */
        if (b[j] == '(' || b[j] == ')' || b[j] == '\\') {
            out[k++] = '\\';
            out[k++] = (char)b[j];
        } else if (b[j] == '\r') {
            out[k++] = '\\';
            out[k++] = 'r';
        } else {
            out[k++] = (char)b[j];
        }
    }
    return k;
}

/* Marks the ng glyphs gl used in u, each read back as the character in
 * chars it sets. A glyph that sets several characters (the space also sets a
 * fixed space the font lacks, font.c) reads back as the first. */
static void mark_used(font_use *u, const unsigned *gl, const uint32_t *chars, size_t ng)
{
    for (size_t j = 0; j < ng; j++) {
        unsigned g = gl[j];
        u->used[g] = 1;
        if (g && (!u->unicode[g] || chars[j] < u->unicode[g]))
            u->unicode[g] = chars[j];
    }
}

/* Writes to out the codes of the ng glyphs gl shaped from s (n bytes) with
 * advances adv, and the characters they set to chars; with kern, the kerning
 * between them (after the last too when more follows). Returns the bytes
 * written, at most ENCODED(ng); *em gets the advance added. */
#define ENCODED(ng) ((ng)*28)
static size_t encode(const mgi_font *f, const char *s, size_t n, const unsigned *gl,
                     const double *adv, size_t ng, bool kern, bool more, char *out, uint32_t *chars,
                     double *em)
{
    size_t k = 0, i = 0;
    for (size_t j = 0; j < ng; j++) {
        i += mgi_utf8_decode(s + i, n - i, &chars[j]);
        unsigned g = gl[j];
        double width = mgi_font_glyph_advance(f, g), a = kern ? adv[j] : width;
        *em += a;
        k = code(out, k, g);
        double adj = a == width ? 0 : round((width - a) * 1000 * 1000) / 1000;
        if (adj != 0 && (j + 1 < ng || more)) { /* positive moves left */
            out[k++] = ')';
            k += fmt_num(out + k, adj);
            out[k++] = '(';
        }
    }
    return k;
}

/* Word s as show() writes it with kerning: from the cache, or encoded now
 * and kept there. NULL when it cannot be kept (no cache, a word the font
 * does not keep, no memory). */
static run *cached_run(mgi_pdf *doc, font_use *u, const char *s, size_t n)
{
    font_runs *rs = u->runs;
    const mgi_shaped *sh = rs ? mgi_font_shaped(u->font, s, n) : NULL;
    if (!sh)
        return NULL;
    if (sh->id < rs->cap && rs->by_id[sh->id])
        return rs->by_id[sh->id];
    size_t had = rs->cap;
    if (!grow((void **)&rs->by_id, &rs->cap, sh->id + 1, sizeof *rs->by_id))
        return NULL;
    memset(rs->by_id + had, 0, (rs->cap - had) * sizeof *rs->by_id);
    mgi_pdf_cache *c = doc->cache;
    if (!c->arena && !(c->arena = mgi_arena_new()))
        return NULL;
    char bytes[ENCODED(256) + 2]; /* a kept word has at most 255 bytes */
    run *r = mgi_arena_alloc(c->arena, sizeof *r);
    uint32_t *chars = mgi_arena_array(c->arena, sh->nglyphs + 1, sizeof *chars);
    if (!r || !chars || sh->nglyphs > 256)
        return NULL;
    *r = (run){0, 0, sh->nglyphs, 0, sh->glyphs, chars, NULL};
    bytes[0] = '(';
    r->len = 1 + encode(u->font, s, n, sh->glyphs, sh->advances, sh->nglyphs, true, false,
                        bytes + 1, chars, &r->em);
    bytes[r->len++] = ')';
    if (!(r->bytes = mgi_arena_alloc(c->arena, r->len)))
        return NULL;
    memcpy(r->bytes, bytes, r->len);
    rs->by_id[sh->id] = r;
    return r;
}

/* Writes the glyphs of s as literal strings of 2-byte codes (Identity-H) and
 * returns its advance in em units. With kern (inside a TJ array), the kerning
 * HarfBuzz gives (mgi_font_shape) goes between the strings, in thousandths of
 * an em, as a glyph's advance differs from its width in the font's W array.
 * A word shown with kerning is encoded once for all the documents that share
 * a cache (cached_run); its glyphs are marked once per document. */
static double show(mgi_pdf_page *pg, int font, const char *s, size_t n, bool kern)
{
    font_use *u = &pg->doc->fonts[font];
    run *r = kern ? cached_run(pg->doc, u, s, n) : NULL;
    if (r) {
        if (r->stamp != u->stamp) {
            mark_used(u, r->glyphs, r->chars, r->nglyphs);
            r->stamp = u->stamp;
        }
        put(pg, r->bytes, r->len);
        return r->em;
    }
    enum { MAXG = 256 };
    unsigned gl[MAXG];
    uint32_t chars[MAXG];
    double adv[MAXG], total = 0;
    char out[ENCODED(MAXG)];
    put(pg, "(", 1);
    for (size_t from = 0; from < n;) {
        /* a piece of at most MAXG characters, shaped on its own */
        size_t to = n - from <= MAXG ? n : from, chars_n = 0; /* bytes bound characters */
        while (to < n && chars_n < MAXG) {
            uint32_t cp;
            to += mgi_utf8_decode(s + to, n - to, &cp);
            chars_n++;
        }
        size_t ng = mgi_font_shape(u->font, s + from, to - from, gl, adv, MAXG);
        put(pg, out,
            encode(u->font, s + from, n - from, gl, adv, ng, kern, to < n, out, chars, &total));
        mark_used(u, gl, chars, ng);
        from = to;
    }
    put(pg, ")", 1);
    return total;
}

void mgi_pdf_text(mgi_pdf_page *pg, int font, double size, double x, double y, const char *s,
                  size_t n)
{
    font = font_index(pg, font);
    if (pg->doc->nfonts == 0 || n == 0)
        return;
    ensure_marked(pg);
    if (!pg->in_text) {
        puts_(pg, "BT\n");
        pg->in_text = true;
        pg->line_x = pg->line_y = 0;
    }
    set_font(pg, font, size);
    x = round3(x);
    y = round3(y);
    if (pg->in_array && y == pg->end_y) {
        /* The same baseline: one TJ array, the gap as a displacement in
         * thousandths of the font size (positive moves left). */
        double adj = round3((pg->end_x - x) * 1000 / size);
        if (adj != 0) {
            char num[32];
            put(pg, num, fmt_num(num, adj));
        }
    } else {
        end_array(pg);
        double v[2] = {x - pg->line_x, y - pg->line_y};
        op(pg, v, 2, "Td");
        puts_(pg, "[");
        pg->line_x = x;
        pg->line_y = y;
        pg->in_array = true;
    }
    pg->end_x = x + show(pg, font, s, n, true) * size;
    pg->end_y = y;
}

double mgi_pdf_text_width(const mgi_pdf_page *pg, int font, double size, const char *s, size_t n)
{
    if (pg->doc->nfonts == 0)
        return 0;
    return mgi_font_width(pg->doc->fonts[font_index(pg, font)].font, s, n, size);
}

void mgi_pdf_text_rotated(mgi_pdf_page *pg, int font, double size, double x, double y, double angle,
                          const char *s, size_t n)
{
    font = font_index(pg, font);
    if (pg->doc->nfonts == 0 || n == 0)
        return;
    ensure_marked(pg);
    end_text(pg);
    puts_(pg, "BT\n");
    set_font(pg, font, size);
    double c = cos(angle), sn = sin(angle);
    double v[6] = {c, sn, -sn, c, x, y};
    op(pg, v, 6, "Tm");
    show(pg, font, s, n, false);
    puts_(pg, "Tj\nET\n");
}

/* ------------------------------------------------------------ links, outline */

static void add_annot(mgi_pdf_page *pg, double x0, double y0, double x1, double y1, size_t target,
                      const char *uri)
{
    char *u = NULL;
    if ((uri && !(u = strdup(uri))) ||
        !grow((void **)&pg->annots, &pg->annots_cap, pg->nannots + 1, sizeof *pg->annots)) {
        free(u);
        pg->doc->oom = true;
        return;
    }
    pg->annots[pg->nannots++] = (annot){{x0, y0, x1, y1}, target, u, -1, NULL, 0};
}

void mgi_pdf_link_tag(mgi_pdf_page *pg, int e, const char *contents)
{
    mgi_pdf *pdf = pg->doc;
    if (!pg->nannots || e <= 0 || e >= (int)pdf->nelems)
        return;
    annot *a = &pg->annots[pg->nannots - 1];
    size_t page = 0;
    while (page < pdf->npages && pdf->pages[page] != pg)
        page++;
    a->elem = e;
    free(a->contents);
    if (!(a->contents = strdup(contents)))
        pdf->oom = true;
    add_kid(pdf, e, (kid){KID_OBJR, page, pg->nannots - 1});
}

void mgi_pdf_link_page(mgi_pdf_page *pg, double x0, double y0, double x1, double y1, size_t target)
{
    add_annot(pg, x0, y0, x1, y1, target, NULL);
}

void mgi_pdf_link_uri(mgi_pdf_page *pg, double x0, double y0, double x1, double y1, const char *uri)
{
    add_annot(pg, x0, y0, x1, y1, 0, uri);
}

int mgi_pdf_outline_add(mgi_pdf *pdf, int parent, const char *title, size_t target, bool open)
{
    char *t = strdup(title ? title : "");
    if (!t || pdf->nitems >= INT32_MAX ||
        !grow((void **)&pdf->items, &pdf->items_cap, pdf->nitems + 1, sizeof *pdf->items)) {
        free(t);
        pdf->oom = true;
        return -1;
    }
    if (parent < -1 || parent >= (int)pdf->nitems)
        parent = -1;
    int id = (int)pdf->nitems++;
    pdf->items[id] = (outline_item){t, parent, -1, -1, -1, -1, target, open};
    if (parent >= 0) {
        outline_item *p = &pdf->items[parent];
        if (p->last >= 0) {
            pdf->items[p->last].next = id;
            pdf->items[id].prev = p->last;
        } else {
            p->first = id;
        }
        p->last = id;
    } else {
        for (int i = id - 1; i >= 0; i--)
            if (pdf->items[i].parent == -1) {
                pdf->items[i].next = id;
                pdf->items[id].prev = i;
                break;
            }
    }
    return id;
}

/* ------------------------------------------------------------ writing */

/* The file is written through a buffer of its own: a structure tree is tens
 * of thousands of small pieces, and stdio locks the stream for each. */
enum { WBUF = 1 << 15 };
typedef struct writer {
    struct libdeflate_compressor *z;
    FILE *f;
    size_t pos;
    bool err;
    size_t *offsets;      /* per object number */
    mgi_pdf_cache *cache; /* or NULL */
    size_t nout;          /* bytes waiting in out */
    char out[WBUF];
} writer;

static void w_flush(writer *w)
{
    if (w->nout && fwrite(w->out, 1, w->nout, w->f) != w->nout)
        w->err = true;
    w->nout = 0;
}

static void w_put(writer *w, const void *p, size_t n)
{
    w->pos += n;
    if (n > WBUF - w->nout) {
        w_flush(w);
        if (n >= WBUF) {
            if (fwrite(p, 1, n, w->f) != n)
                w->err = true;
            return;
        }
    }
    memcpy(w->out + w->nout, p, n);
    w->nout += n;
}

static void w_str(writer *w, const char *s)
{
    w_put(w, s, strlen(s));
}

static void w_printf(writer *w, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof line) {
        w->err = true;
        return;
    }
    w_put(w, line, (size_t)n);
}

/* v in decimal, then the string after (printf's "%zu%s", without printf). */
static void w_uint(writer *w, size_t v, const char *after)
{
    char b[24];
    w_put(w, b, mgi_numfmt_uint(b, v));
    w_str(w, after);
}

static void w_num(writer *w, double v)
{
    char num[32];
    w_put(w, num, fmt_num(num, v));
}

static void w_obj(writer *w, size_t id)
{
    w->offsets[id] = w->pos;
    w_uint(w, id, " 0 obj\n");
}

/* data compressed (malloc'd, *len bytes), or NULL when out of memory. */
static unsigned char *deflate(struct libdeflate_compressor *c, const void *data, size_t n,
                              size_t *len)
{
    size_t bound = libdeflate_zlib_compress_bound(c, n);
    unsigned char *z = malloc(bound);
    *len = z ? libdeflate_zlib_compress(c, data, n, z, bound) : 0;
    if (*len == 0) {
        free(z);
        return NULL;
    }
    return z;
}

/* A stream object of data already compressed. */
static void w_zstream(writer *w, size_t id, const unsigned char *z, size_t len, const char *extra)
{
    w_obj(w, id);
    w_printf(w, "<< /Length %zu /Filter /FlateDecode%s >>\nstream\n", len, extra ? extra : "");
    w_put(w, z, len);
    w_str(w, "\nendstream\nendobj\n");
}

/* A stream object, compressed. Returns false when out of memory. */
static bool w_stream(writer *w, size_t id, const void *data, size_t n, const char *extra)
{
    size_t len;
    unsigned char *z = deflate(w->z, data, n, &len);
    if (!z)
        return false;
    w_zstream(w, id, z, len, extra);
    free(z);
    return true;
}

/* A text string: UTF-16BE with a byte order mark, in hex. */
static void w_text(writer *w, const char *s)
{
    w_put(w, "<FEFF", 5);
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += mgi_utf8_decode(s + i, n - i, &cp);
        char hex[8], *end;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            end = hex4(hex4(hex, 0xD800 + (cp >> 10)), 0xDC00 + (cp & 0x3FF));
        } else {
            end = hex4(hex, cp);
        }
        w_put(w, hex, (size_t)(end - hex));
    }
    w_put(w, ">", 1);
}

/* A URI as a literal string: 7-bit ASCII, other bytes percent-encoded. */
static void w_uri(writer *w, const char *s)
{
    w_put(w, "(", 1);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        char e[4];
        if (*p < 0x21 || *p > 0x7E) {
            snprintf(e, sizeof e, "%%%02X", *p);
            w_put(w, e, 3);
        } else {
            if (*p == '(' || *p == ')' || *p == '\\')
                w_put(w, "\\", 1);
            w_put(w, p, 1);
        }
    }
    w_put(w, ")", 1);
}

static void w_rect(writer *w, const double *r)
{
    w_put(w, "[", 1);
    for (int i = 0; i < 4; i++) {
        w_num(w, r[i]);
        w_put(w, i < 3 ? " " : "]", 1);
    }
}

/* Sum over the children of item (or of the top level, item -1) of the
 * entries shown when item is open. */
static long visible(const mgi_pdf *pdf, int item)
{
    long n = 0;
    for (size_t i = 0; i < pdf->nitems; i++)
        if (pdf->items[i].parent == item)
            n += 1 + (pdf->items[i].open ? visible(pdf, (int)i) : 0);
    return n;
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ s[i]) * 1099511628211u;
    return h;
}

/* ------------------------------------------------------------ cache */

#define FNV_BASIS   14695981039346656037u
#define CACHE_BYTES ((size_t)64 << 20)

mgi_pdf_cache *mgi_pdf_cache_new(void)
{
    return calloc(1, sizeof(mgi_pdf_cache));
}

static void subset_free(subset *s)
{
    free(s->glyphs);
    free(s->z);
    free(s->unicode);
    free(s->widths);
    free(s->tounicode);
}

void mgi_pdf_cache_free(mgi_pdf_cache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++)
        subset_free(&c->subsets[i]);
    free(c->subsets);
    free(c->icc_path);
    free(c->icc);
    libdeflate_free_compressor(c->best);
    libdeflate_free_compressor(c->fast);
    for (size_t i = 0; i < c->nfonts; i++)
        free(c->fonts[i].by_id);
    mgi_arena_free(c->arena);
    free(c);
}

/* The blocks of characters a font embeds whole once one of their characters
 * is shown (pdf.h): a handful of subsets serve a batch of documents. */
static const uint32_t blocks[][2] = {
    {0x0020, 0x007E}, /* ASCII */
    {0x00A0, 0x00BF}, /* Latin-1 signs: ¿ ¡ º ª « » ° */
    {0x00C0, 0x00DF}, /* Latin-1 capitals: Á É Í Ñ Ó Ú */
    {0x00E0, 0x00FF}, /* Latin-1 small letters: á é í ñ ó ú ü */
    {0x2010, 0x2027}, /* dashes, quotation marks, bullet, ellipsis */
};
#define NBLOCKS (sizeof blocks / sizeof blocks[0])

/* The glyphs u embeds (malloc'd, a byte per glyph): .notdef, the glyphs
 * shown, and all of each block of characters shown. NULL when out of memory. */
static unsigned char *embedded(const font_use *u)
{
    size_t ng = mgi_font_nglyphs(u->font);
    unsigned char *e = malloc(ng);
    if (!e)
        return NULL;
    memcpy(e, u->used, ng);
    e[0] = 1;
    bool whole[NBLOCKS] = {false};
    for (size_t g = 1; g < ng; g++)
        for (size_t b = 0; u->used[g] && b < NBLOCKS; b++)
            whole[b] |= u->unicode[g] >= blocks[b][0] && u->unicode[g] <= blocks[b][1];
    for (size_t b = 0; b < NBLOCKS; b++)
        for (uint32_t cp = blocks[b][0]; whole[b] && cp <= blocks[b][1]; cp++)
            e[mgi_font_glyph(u->font, cp)] = 1;
    return e;
}

/* The ToUnicode map (malloc'd, *len bytes) of the glyphs in mask: each to
 * its code point in unicode (none for 0), at most 100 entries a block
 * (ISO 32000-1, 9.10.3). NULL when out of memory. */
static char *tounicode_map(size_t ng, const unsigned char *mask, const uint32_t *unicode,
                           size_t *len)
{
    const char *head = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                       "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                       "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                       "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    const char *tail = "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
    size_t count = 0;
    for (size_t g = 1; g < ng; g++)
        count += mask[g] && unicode[g];
    char *cm = malloc(strlen(head) + strlen(tail) + count * 24 + (count / 100 + 1) * 32);
    if (!cm)
        return NULL;
    size_t n = (size_t)sprintf(cm, "%s", head);
    size_t in_block = 0, left = count;
    for (size_t g = 1; g < ng; g++) {
        uint32_t cp = unicode[g];
        if (!mask[g] || !cp)
            continue;
        if (in_block == 0)
            n += (size_t)sprintf(cm + n, "%zu beginbfchar\n", left < 100 ? left : 100);
        /* "<%04zX> <%04X>\n", or the code point's surrogate pair */
        char *o = cm + n;
        *o++ = '<';
        o = hex4(o, (unsigned)g);
        memcpy(o, "> <", 3);
        o += 3;
        if (cp >= 0x10000)
            o = hex4(hex4(o, 0xD800 + ((cp - 0x10000) >> 10)), 0xDC00 + ((cp - 0x10000) & 0x3FF));
        else
            o = hex4(o, cp);
        memcpy(o, ">\n", 2);
        n = (size_t)(o + 2 - cm);
        left--;
        if (++in_block == 100 || left == 0) {
            n += (size_t)sprintf(cm + n, "endbfchar\n");
            in_block = 0;
        }
    }
    n += (size_t)sprintf(cm + n, "%s", tail);
    *len = n;
    return cm;
}

/* The W array's entries (malloc'd, *len bytes) for the glyphs of f in mask:
 * runs of neighbours as "first [w w …]", in thousandths of an em. */
static char *widths_of(const mgi_font *f, const unsigned char *mask, size_t *len)
{
    size_t ng = mgi_font_nglyphs(f), count = 0, n = 0;
    for (size_t g = 0; g < ng; g++)
        count += mask[g] != 0;
    char *o = malloc(count * 56 + 1); /* "g [" and "] " around a number of at most 21 */
    if (!o)
        return NULL;
    for (size_t g = 0; g < ng;) {
        if (!mask[g]) {
            g++;
            continue;
        }
        n += mgi_numfmt_uint(o + n, g);
        memcpy(o + n, " [", 2);
        n += 2;
        for (bool first = true; g < ng && mask[g]; g++, first = false) {
            if (!first)
                o[n++] = ' ';
            n += fmt_num(o + n, mgi_font_glyph_advance(f, (unsigned)g) * 1000);
        }
        memcpy(o + n, "] ", 2);
        n += 2;
    }
    *len = n;
    return o;
}

/* What documents in subset s share (see subset): the characters of the
 * glyphs in its blocks, and of the others the ones u showed them for; the
 * widths and ToUnicode map of them all. Errors: MGI_ERR_NOMEM. */
static mgi_error shared_part(writer *w, subset *s, const font_use *u)
{
    const mgi_font *f = s->font;
    size_t ng = mgi_font_nglyphs(f), len;
    if (!(s->unicode = calloc(ng, sizeof *s->unicode)))
        return MGI_ERR_NOMEM;
    for (size_t b = 0; b < NBLOCKS; b++)
        for (uint32_t cp = blocks[b][0]; cp <= blocks[b][1]; cp++) {
            unsigned g = mgi_font_glyph(f, cp);
            if (g && s->glyphs[g] && !s->unicode[g])
                s->unicode[g] = cp; /* the first character that sets it */
        }
    for (size_t g = 1; g < ng; g++)
        if (u->used[g] && !s->unicode[g])
            s->unicode[g] = u->unicode[g];
    char *map = tounicode_map(ng, s->glyphs, s->unicode, &len);
    s->widths = widths_of(f, s->glyphs, &s->widths_len);
    s->tounicode = map ? deflate(w->z, map, len, &s->tounicode_len) : NULL;
    free(map);
    return s->widths && s->tounicode ? MGI_OK : MGI_ERR_NOMEM;
}

/* Whether every glyph u shows reads back as subset s has it. */
static bool reads_as(const font_use *u, const subset *s)
{
    size_t ng = mgi_font_nglyphs(u->font);
    for (size_t g = 1; g < ng; g++)
        if (u->used[g] && u->unicode[g] != s->unicode[g])
            return false;
    return true;
}

/* The font program of font use u with glyphs e (hash h), taking e: from the
 * cache, or subset and compressed now into *made (with its shared part, as
 * u reads), which moves into the cache when there is room. Errors: those of
 * mgi_font_subset, MGI_ERR_NOMEM. */
static mgi_error font_program(writer *w, const font_use *u, unsigned char *e, uint64_t h,
                              subset *made, const subset **out)
{
    mgi_pdf_cache *c = w->cache;
    const mgi_font *f = u->font;
    size_t ng = mgi_font_nglyphs(f);
    for (size_t i = 0; c && i < c->n; i++) {
        const subset *s = &c->subsets[i];
        if (s->font == f && s->hash == h && !memcmp(s->glyphs, e, ng)) {
            free(e);
            *out = s;
            return MGI_OK;
        }
    }
    *made = (subset){f, h, e, NULL, 0, 0, NULL, NULL, 0, NULL, 0};
    unsigned char *raw;
    mgi_error err = mgi_font_subset(f, e, &raw, &made->len);
    if (err != MGI_OK)
        return err;
    /* Compressed the hardest: a font program is made once and written
     * many times. */
    struct libdeflate_compressor *best = c ? c->best : NULL;
    if (!best && (best = libdeflate_alloc_compressor(12)) && c)
        c->best = best;
    made->z = best ? deflate(best, raw, made->len, &made->zlen) : NULL;
    if (!c)
        libdeflate_free_compressor(best);
    free(raw);
    if (!made->z || (err = shared_part(w, made, u)) != MGI_OK)
        return made->z ? err : MGI_ERR_NOMEM;
    *out = made;
    size_t bytes =
        ng * (1 + sizeof *made->unicode) + made->zlen + made->widths_len + made->tounicode_len;
    if (c && c->bytes + bytes <= CACHE_BYTES &&
        grow((void **)&c->subsets, &c->cap, c->n + 1, sizeof *c->subsets)) {
        c->subsets[c->n] = *made;
        c->bytes += bytes;
        *made = (subset){0};
        *out = &c->subsets[c->n++];
    }
    return MGI_OK;
}

/* The font objects of font i from object number id: Type0, CIDFontType2 (or
 * CIDFontType0), FontDescriptor, FontFile2 (or FontFile3), ToUnicode. */
static mgi_error w_font(writer *w, const font_use *u, size_t id)
{
    const mgi_font *f = u->font;
    const mgi_font_info *in = mgi_font_info_of(f);
    size_t ng = mgi_font_nglyphs(f);
    unsigned char *e = embedded(u);
    if (!e)
        return MGI_ERR_NOMEM;
    uint64_t h = fnv(FNV_BASIS, e, ng);
    h = fnv(h, in->psname, strlen(in->psname));
    subset made = {0};
    const subset *prog;
    mgi_error err = font_program(w, u, e, h, &made, &prog);
    if (err != MGI_OK) {
        subset_free(&made);
        return err;
    }
    /* The subset tag: six capitals from the glyphs embedded. */
    char name[96];
    for (int i = 0; i < 6; i++, h /= 26)
        name[i] = (char)('A' + h % 26);
    snprintf(name + 6, sizeof name - 6, "+%s", in->psname);

    w_obj(w, id);
    w_printf(w,
             "<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H "
             "/DescendantFonts [%zu 0 R] /ToUnicode %zu 0 R >>\nendobj\n",
             name, id + 1, id + 4);
    w_obj(w, id + 1);
    /* TrueType outlines: CIDFontType2 with an identity CIDToGIDMap; CFF ones:
     * CIDFontType0, whose CIDs are the glyph numbers of the OpenType program
     * (ISO 32000-1, 9.7.4). */
    w_printf(w,
             "<< /Type /Font /Subtype /%s /BaseFont /%s /CIDSystemInfo << "
             "/Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %zu 0 R "
             "%s/DW ",
             in->cff ? "CIDFontType0" : "CIDFontType2", name, id + 2,
             in->cff ? "" : "/CIDToGIDMap /Identity ");
    w_num(w, mgi_font_glyph_advance(f, 0) * 1000);
    /* A document whose glyphs read back as the subset's has its widths and
     * ToUnicode map, made once; another, maps of the glyphs it shows. */
    bool shared = reads_as(u, prog);
    size_t len = 0;
    char *own = shared ? NULL : widths_of(f, u->used, &len);
    if (!shared && !own) {
        subset_free(&made);
        return MGI_ERR_NOMEM;
    }
    w_str(w, " /W [");
    w_put(w, shared ? prog->widths : own, shared ? prog->widths_len : len);
    w_str(w, "] >>\nendobj\n");
    free(own);
    w_obj(w, id + 2);
    int flags = 4 | (in->fixed_pitch ? 1 : 0) | (in->italic_angle != 0 ? 64 : 0);
    w_printf(w, "<< /Type /FontDescriptor /FontName /%s /Flags %d /FontBBox ", name, flags);
    double bbox[4];
    for (int i = 0; i < 4; i++)
        bbox[i] = round(in->bbox[i] * 1000);
    w_rect(w, bbox);
    w_str(w, " /ItalicAngle ");
    w_num(w, in->italic_angle);
    w_str(w, " /Ascent ");
    w_num(w, round(in->ascent * 1000));
    w_str(w, " /Descent ");
    w_num(w, round(in->descent * 1000));
    w_str(w, " /CapHeight ");
    w_num(w, round(in->cap_height * 1000));
    w_printf(w, " /StemV 80 /FontFile%s %zu 0 R >>\nendobj\n", in->cff ? "3" : "2", id + 3);
    char extra[48];
    if (in->cff) /* the whole OpenType subset, a PDF 1.6 font program */
        snprintf(extra, sizeof extra, " /Subtype /OpenType");
    else
        snprintf(extra, sizeof extra, " /Length1 %zu", prog->len);
    w_zstream(w, id + 3, prog->z, prog->zlen, extra);
    if (shared) {
        w_zstream(w, id + 4, prog->tounicode, prog->tounicode_len, NULL);
        subset_free(&made);
        return MGI_OK;
    }
    subset_free(&made);
    char *map = tounicode_map(ng, u->used, u->unicode, &len);
    bool ok = map && w_stream(w, id + 4, map, len, NULL);
    free(map);
    return ok ? MGI_OK : MGI_ERR_NOMEM;
}

/* The ICC profile at path, whole (malloc'd). Errors: MGI_ERR_NOINPUT. */
static mgi_error read_icc(const char *path, unsigned char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    unsigned char *b = NULL;
    size_t n = 0, cap = 0;
    if (!f)
        return MGI_ERR_NOINPUT;
    for (;;) {
        if (!grow((void **)&b, &cap, n + 4096, 1)) {
            free(b);
            fclose(f);
            return MGI_ERR_NOMEM;
        }
        size_t got = fread(b + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    bool bad = ferror(f) || n < 128;
    fclose(f);
    if (bad) {
        free(b);
        return MGI_ERR_NOINPUT;
    }
    *out = b;
    *len = n;
    return MGI_OK;
}

/* The ICC profile at path, compressed: from the cache, or read now, and then
 * kept in the cache, or in *own for the caller to free. Errors: those of
 * read_icc. */
static mgi_error icc_profile(writer *w, const char *path, const unsigned char **z, size_t *len,
                             unsigned char **own)
{
    mgi_pdf_cache *c = w->cache;
    if (c && c->icc_path && !strcmp(c->icc_path, path)) {
        *z = c->icc;
        *len = c->icc_len;
        return MGI_OK;
    }
    unsigned char *raw;
    size_t n;
    mgi_error err = read_icc(path, &raw, &n);
    if (err != MGI_OK)
        return err;
    *own = deflate(w->z, raw, n, len);
    free(raw);
    if (!*own)
        return MGI_ERR_NOMEM;
    *z = *own;
    char *copy = c ? strdup(path) : NULL;
    if (copy) {
        free(c->icc_path);
        free(c->icc);
        c->icc_path = copy;
        c->icc = *own;
        c->icc_len = *len;
        *own = NULL;
    }
    return MGI_OK;
}

/* Text escaped for XML. */
static void xml_text(buf *b, const char *s, bool *oom)
{
    for (; s && *s; s++) {
        const char *e = *s == '<' ? "&lt;" : *s == '>' ? "&gt;" : *s == '&' ? "&amp;" : NULL;
        size_t n = e ? strlen(e) : 1;
        if (!grow((void **)&b->p, &b->cap, b->n + n + 1, 1)) {
            *oom = true;
            return;
        }
        memcpy(b->p + b->n, e ? e : s, n);
        b->n += n;
    }
}

static void xml_put(buf *b, const char *s, bool *oom)
{
    size_t n = strlen(s);
    if (!grow((void **)&b->p, &b->cap, b->n + n + 1, 1)) {
        *oom = true;
        return;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
}

/* The XMP metadata: what the information dictionary says, in the same words
 * and dates (PDF/A-2, 6.6.3), and the identification of PDF/A-2a and
 * PDF/UA-1, with the extension schema that PDF/A asks for the latter. */
static bool xmp(const mgi_pdf_info *info, const char *date, buf *b)
{
    bool oom = false;
    xml_put(b,
            "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
            "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
            " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\""
            " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\""
            " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\""
            " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\""
            " xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\""
            " xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\""
            " xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
            "<dc:format>application/pdf</dc:format>\n",
            &oom);
    if (info->title) {
        xml_put(b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">", &oom);
        xml_text(b, info->title, &oom);
        xml_put(b, "</rdf:li></rdf:Alt></dc:title>\n", &oom);
    }
    if (info->author) {
        xml_put(b, "<dc:creator><rdf:Seq><rdf:li>", &oom);
        xml_text(b, info->author, &oom);
        xml_put(b, "</rdf:li></rdf:Seq></dc:creator>\n", &oom);
    }
    if (info->subject) {
        xml_put(b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">", &oom);
        xml_text(b, info->subject, &oom);
        xml_put(b, "</rdf:li></rdf:Alt></dc:description>\n", &oom);
    }
    if (info->lang) {
        xml_put(b, "<dc:language><rdf:Bag><rdf:li>", &oom);
        xml_text(b, info->lang, &oom);
        xml_put(b, "</rdf:li></rdf:Bag></dc:language>\n", &oom);
    }
    const char *tags[] = {"xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"};
    for (int i = 0; i < 3; i++) {
        char line[128];
        snprintf(line, sizeof line, "<%s>%s</%s>\n", tags[i], date, tags[i]);
        xml_put(b, line, &oom);
    }
    if (info->creator) {
        xml_put(b, "<xmp:CreatorTool>", &oom);
        xml_text(b, info->creator, &oom);
        xml_put(b, "</xmp:CreatorTool>\n", &oom);
    }
    xml_put(b,
            "<pdf:Producer>mgi</pdf:Producer>\n"
            "<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>A</pdfaid:conformance>\n"
            "<pdfuaid:part>1</pdfuaid:part>\n"
            "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
            "<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n"
            "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
            "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
            "<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
            "<pdfaProperty:name>part</pdfaProperty:name>\n"
            "<pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
            "<pdfaProperty:category>internal</pdfaProperty:category>\n"
            "<pdfaProperty:description>Indicates, which part of ISO 14289 standard is "
            "followed</pdfaProperty:description>\n"
            "</rdf:li></rdf:Seq></pdfaSchema:property>\n"
            "</rdf:li></rdf:Bag></pdfaExtension:schemas>\n"
            "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>",
            &oom);
    return !oom;
}

/* An uncompressed stream (PDF/A: the metadata stays readable as it is). */
static void w_plain_stream(writer *w, size_t id, const void *data, size_t n, const char *extra)
{
    w_obj(w, id);
    w_printf(w, "<< /Length %zu%s >>\nstream\n", n, extra);
    w_put(w, data, n);
    w_str(w, "\nendstream\nendobj\n");
}

/* Structure element el as object self: its type, parent, page, text
 * alternative, language, attributes and kids (elements, marked content,
 * annotations) in reading order. */
static void w_elem(writer *w, const elem *el, size_t self, size_t root, size_t first_elem,
                   const size_t *page_id)
{
    w_obj(w, self);
    w_str(w, "<< /Type /StructElem /S /");
    w_str(w, el->type);
    w_str(w, " /P ");
    w_uint(w, el->parent < 0 ? root : first_elem + (size_t)el->parent, " 0 R");
    /* /Pg: the page of its first marked content; MCIDs on it are plain numbers */
    long pg = -1;
    for (size_t k = 0; k < el->nkids && pg < 0; k++)
        if (el->kids[k].kind != KID_ELEM)
            pg = (long)el->kids[k].page;
    if (pg >= 0) {
        w_str(w, " /Pg ");
        w_uint(w, page_id[pg], " 0 R");
    }
    if (el->alt) {
        w_str(w, " /Alt ");
        w_text(w, el->alt);
    }
    if (el->actual) {
        w_str(w, " /ActualText ");
        w_text(w, el->actual);
    }
    if (el->lang)
        w_printf(w, " /Lang (%s)", el->lang);
    if (el->attr)
        w_printf(w, " /A << %s >>", el->attr);
    w_str(w, " /K [");
    for (size_t k = 0; k < el->nkids; k++) {
        const kid *c = &el->kids[k];
        w_str(w, k ? " " : "");
        if (c->kind == KID_ELEM)
            w_uint(w, first_elem + c->index, " 0 R");
        else if (c->kind == KID_MCID && (long)c->page == pg)
            w_uint(w, c->index, "");
        else if (c->kind == KID_MCID)
            w_printf(w, "<< /Type /MCR /Pg %zu 0 R /MCID %zu >>", page_id[c->page], c->index);
        else
            w_printf(w, "<< /Type /OBJR /Pg %zu 0 R /Obj %zu 0 R >>", page_id[c->page],
                     page_id[c->page] + 2 + c->index);
    }
    w_str(w, "] >>\nendobj\n");
}

/* Object numbers: catalog, pages, info, outline root, resources; five per
 * font used; per page the page, its content and its links; the outline
 * entries; the structure tree (its root, the parent tree, the elements); the
 * metadata and the output intent's ICC profile. */
enum { CATALOG = 1, PAGES, INFO, OUTLINES, RESOURCES, FIRST_FONT };

typedef struct plan {
    size_t font_id[MAX_FONTS];
    size_t *page_id; /* [npages] */
    size_t first_item, struct_root, parent_tree, first_elem, metadata, icc, next;
    size_t next_key; /* the parent tree's next key: the pages', then the tagged links' */
} plan;

/* Numbers every object; gives each tagged link its key in the parent tree. */
static bool plan_objects(mgi_pdf *pdf, plan *p)
{
    memset(p, 0, sizeof *p);
    p->next = FIRST_FONT;
    for (size_t i = 0; i < pdf->nfonts; i++)
        if (pdf->fonts[i].any) {
            p->font_id[i] = p->next;
            p->next += 5;
        }
    if (!(p->page_id = malloc((pdf->npages + 1) * sizeof *p->page_id)))
        return false;
    p->next_key = pdf->npages;
    for (size_t i = 0; i < pdf->npages; i++) {
        p->page_id[i] = p->next;
        p->next += 2 + pdf->pages[i]->nannots;
        for (size_t k = 0; k < pdf->pages[i]->nannots; k++)
            if (pdf->pages[i]->annots[k].elem > 0)
                pdf->pages[i]->annots[k].key = p->next_key++;
    }
    p->first_item = p->next;
    p->next += pdf->nitems;
    p->struct_root = p->next;
    p->parent_tree = p->next + 1;
    p->first_elem = p->next + 2;
    p->next += 2 + pdf->nelems;
    p->metadata = p->next++;
    p->icc = p->next++;
    return true;
}

static void w_catalog(writer *w, const mgi_pdf *pdf, const plan *p, const mgi_pdf_info *info,
                      bool icc)
{
    w_obj(w, CATALOG);
    w_printf(w, "<< /Type /Catalog /Pages %d 0 R", PAGES);
    if (pdf->nitems)
        w_printf(w, " /Outlines %d 0 R /PageMode /UseOutlines", OUTLINES);
    if (info && info->lang)
        w_printf(w, " /Lang (%s)", info->lang);
    w_printf(w, " /MarkInfo << /Marked true >> /StructTreeRoot %zu 0 R", p->struct_root);
    if (info)
        w_printf(w, " /Metadata %zu 0 R", p->metadata);
    if (icc)
        w_printf(w,
                 " /OutputIntents [<< /Type /OutputIntent /S /GTS_PDFA1"
                 " /OutputConditionIdentifier (sRGB IEC61966-2.1) /Info (sRGB IEC61966-2.1)"
                 " /DestOutputProfile %zu 0 R >>]",
                 p->icc);
    w_str(w, " /ViewerPreferences << /DisplayDocTitle true >> >>\nendobj\n");

    w_obj(w, PAGES);
    w_printf(w, "<< /Type /Pages /Count %zu /Kids [", pdf->npages);
    for (size_t i = 0; i < pdf->npages; i++)
        w_printf(w, i ? " %zu 0 R" : "%zu 0 R", p->page_id[i]);
    w_str(w, "] >>\nendobj\n");
}

/* The information dictionary, in the same words and date as the XMP. */
static void w_info(writer *w, const mgi_pdf_info *info, const char *date)
{
    w_obj(w, INFO);
    w_str(w, "<<");
    const char *keys[] = {"Title", "Author", "Subject", "Creator"};
    const char *vals[] = {info ? info->title : NULL, info ? info->author : NULL,
                          info ? info->subject : NULL, info ? info->creator : NULL};
    for (int i = 0; i < 4; i++)
        if (vals[i]) {
            w_printf(w, " /%s ", keys[i]);
            w_text(w, vals[i]);
        }
    if (info)
        w_printf(w, " /Producer (mgi) /CreationDate (%s) /ModDate (%s)", date, date);
    w_str(w, " >>\nendobj\n");
}

static void w_dest(writer *w, const mgi_pdf *pdf, const plan *p, size_t target)
{
    size_t t = target < pdf->npages ? target : 0;
    w_printf(w, " /Dest [%zu 0 R /XYZ 0 ", p->page_id[t]);
    w_num(w, pdf->pages[t]->height);
    w_str(w, " 0]");
}

static void w_outline_root(writer *w, const mgi_pdf *pdf, const plan *p)
{
    w_obj(w, OUTLINES);
    w_str(w, "<< /Type /Outlines");
    if (pdf->nitems) {
        int last = 0;
        for (size_t i = 0; i < pdf->nitems; i++)
            if (pdf->items[i].parent == -1)
                last = (int)i;
        w_printf(w, " /First %zu 0 R /Last %zu 0 R /Count %ld", p->first_item,
                 p->first_item + (size_t)last, visible(pdf, -1));
    }
    w_str(w, " >>\nendobj\n");
}

static void w_outline_items(writer *w, const mgi_pdf *pdf, const plan *p)
{
    for (size_t i = 0; i < pdf->nitems; i++) {
        const outline_item *it = &pdf->items[i];
        w_obj(w, p->first_item + i);
        w_str(w, "<< /Title ");
        w_text(w, it->title);
        w_printf(w, " /Parent %zu 0 R",
                 it->parent >= 0 ? p->first_item + (size_t)it->parent : (size_t)OUTLINES);
        if (it->prev >= 0)
            w_printf(w, " /Prev %zu 0 R", p->first_item + (size_t)it->prev);
        if (it->next >= 0)
            w_printf(w, " /Next %zu 0 R", p->first_item + (size_t)it->next);
        if (it->first >= 0) {
            long v = visible(pdf, (int)i);
            w_printf(w, " /First %zu 0 R /Last %zu 0 R /Count %ld",
                     p->first_item + (size_t)it->first, p->first_item + (size_t)it->last,
                     it->open ? v : -v);
        }
        if (pdf->npages)
            w_dest(w, pdf, p, it->target);
        w_str(w, " >>\nendobj\n");
    }
}

/* Page i: its dictionary, its content stream and its links. */
static bool w_page(writer *w, const mgi_pdf *pdf, const plan *p, size_t i)
{
    const mgi_pdf_page *pg = pdf->pages[i];
    size_t id = p->page_id[i];
    w_obj(w, id);
    w_printf(w, "<< /Type /Page /Parent %d 0 R /MediaBox [0 0 ", PAGES);
    w_num(w, pg->width);
    w_put(w, " ", 1);
    w_num(w, pg->height);
    w_printf(w, "] /Resources %d 0 R /Contents %zu 0 R /StructParents %zu /Tabs /S", RESOURCES,
             id + 1, i);
    if (pg->nannots) {
        w_str(w, " /Annots [");
        for (size_t k = 0; k < pg->nannots; k++)
            w_printf(w, k ? " %zu 0 R" : "%zu 0 R", id + 2 + k);
        w_str(w, "]");
    }
    w_str(w, " >>\nendobj\n");
    if (!w_stream(w, id + 1, pg->c.p ? pg->c.p : "", pg->c.n, NULL))
        return false;
    for (size_t k = 0; k < pg->nannots; k++) {
        const annot *a = &pg->annots[k];
        w_obj(w, id + 2 + k);
        w_str(w, "<< /Type /Annot /Subtype /Link /F 4 /Border [0 0 0] /Rect ");
        w_rect(w, a->r);
        if (a->elem > 0)
            w_printf(w, " /StructParent %zu", a->key);
        if (a->contents) {
            w_str(w, " /Contents ");
            w_text(w, a->contents);
        }
        if (a->uri) {
            w_str(w, " /A << /S /URI /URI ");
            w_uri(w, a->uri);
            w_str(w, " >>");
        } else {
            w_dest(w, pdf, p, a->target);
        }
        w_str(w, " >>\nendobj\n");
    }
    return true;
}

/* The structure tree; the parent tree maps each page's MCIDs (key: the page's
 * StructParents) and each tagged link (key: after the pages') to their
 * elements. */
static void w_structure(writer *w, const mgi_pdf *pdf, const plan *p)
{
    w_obj(w, p->struct_root);
    w_printf(w,
             "<< /Type /StructTreeRoot /K [%zu 0 R] /ParentTree %zu 0 R /ParentTreeNextKey %zu"
             " >>\nendobj\n",
             p->first_elem, p->parent_tree, p->next_key);
    w_obj(w, p->parent_tree);
    w_str(w, "<< /Nums [");
    for (size_t i = 0; i < pdf->npages; i++) {
        const mgi_pdf_page *pg = pdf->pages[i];
        w_str(w, i ? "\n" : "");
        w_uint(w, i, " [");
        for (size_t m = 0; m < pg->nmcids; m++) {
            w_str(w, m ? " " : "");
            w_uint(w, p->first_elem + (size_t)pg->mcid_elem[m], " 0 R");
        }
        w_str(w, "]");
    }
    for (size_t i = 0; i < pdf->npages; i++)
        for (size_t k = 0; k < pdf->pages[i]->nannots; k++)
            if (pdf->pages[i]->annots[k].elem > 0)
                w_printf(w, "\n%zu %zu 0 R", pdf->pages[i]->annots[k].key,
                         p->first_elem + (size_t)pdf->pages[i]->annots[k].elem);
    w_str(w, "] >>\nendobj\n");
    for (size_t e = 0; e < pdf->nelems; e++)
        w_elem(w, &pdf->elems[e], p->first_elem + e, p->struct_root, p->first_elem, p->page_id);
}

/* Cross-reference table and trailer; the file identifier is a hash of the
 * content, so identical documents are identical files. */
static void w_trailer(writer *w, const mgi_pdf *pdf, const plan *p, const mgi_pdf_info *info)
{
    size_t xref = w->pos;
    w_printf(w, "xref\n0 %zu\n0000000000 65535 f \n", p->next);
    for (size_t i = 1; i < p->next; i++) {
        /* "%010zu 00000 n \n"; an offset needs at most 10 digits (10 GB) */
        char line[] = "0000000000 00000 n \n";
        size_t v = w->offsets[i];
        for (size_t k = 10; k-- > 0 && v; v /= 10)
            line[k] = (char)('0' + v % 10);
        if (v)
            w->err = true;
        w_put(w, line, 20);
    }
    uint64_t h1 = 14695981039346656037u, h2 = 1469598103934665603u;
    for (size_t i = 0; i < pdf->npages; i++) {
        h1 = fnv(h1, pdf->pages[i]->c.p ? pdf->pages[i]->c.p : "", pdf->pages[i]->c.n);
        h2 = fnv(h2, &h1, sizeof h1);
    }
    if (info && info->title)
        h2 = fnv(h2, info->title, strlen(info->title));
    w_printf(w,
             "trailer\n<< /Size %zu /Root %d 0 R /Info %d 0 R /ID [<%016llX%016llX> "
             "<%016llX%016llX>] >>\nstartxref\n%zu\n%%%%EOF\n",
             p->next, CATALOG, INFO, (unsigned long long)h1, (unsigned long long)h2,
             (unsigned long long)h1, (unsigned long long)h2, xref);
}

mgi_error mgi_pdf_write(mgi_pdf *pdf, const mgi_pdf_info *info, FILE *f)
{
    for (size_t i = 0; i < pdf->npages; i++) {
        end_text(pdf->pages[i]);
        while (pdf->pages[i]->nmarks)
            end_mark(pdf->pages[i]);
    }
    if (pdf->oom)
        return MGI_ERR_NOMEM;
    mgi_error err = MGI_OK;
    plan p;
    const unsigned char *icc = NULL;
    unsigned char *icc_own = NULL;
    size_t icc_len = 0;
    buf meta = {0};
    writer w; /* its buffer left unset: 32 KiB that would be cleared for nothing */
    w.z = pdf->cache ? pdf->cache->fast : pdf->z;
    w.f = f;
    w.pos = w.nout = 0;
    w.err = false;
    w.offsets = NULL;
    w.cache = pdf->cache;
    if (!plan_objects(pdf, &p) || !(w.offsets = calloc(p.next, sizeof(size_t)))) {
        err = MGI_ERR_NOMEM;
        goto cleanup;
    }
    struct tm tm;
    char date[32] = "", xdate[32] = "";
    if (info) {
        gmtime_r(&info->date, &tm);
        strftime(date, sizeof date, "D:%Y%m%d%H%M%SZ", &tm);
        strftime(xdate, sizeof xdate, "%Y-%m-%dT%H:%M:%SZ", &tm);
    }
    if (info && info->icc && (err = icc_profile(&w, info->icc, &icc, &icc_len, &icc_own)) != MGI_OK)
        goto cleanup;
    if (info && !xmp(info, xdate, &meta)) {
        err = MGI_ERR_NOMEM;
        goto cleanup;
    }

    /* PDF 1.7, the version PDF/A-2 is based on */
    w_put(&w, "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n", 15);
    w_catalog(&w, pdf, &p, info, icc != NULL);
    w_info(&w, info, date);
    w_outline_root(&w, pdf, &p);
    w_obj(&w, RESOURCES);
    w_str(&w, "<< /ProcSet [/PDF /Text] /Font <<");
    for (size_t i = 0; i < pdf->nfonts; i++)
        if (pdf->fonts[i].any)
            w_printf(&w, " /F%zu %zu 0 R", i, p.font_id[i]);
    w_str(&w, " >> >>\nendobj\n");
    for (size_t i = 0; i < pdf->nfonts; i++)
        if (pdf->fonts[i].any && (err = w_font(&w, &pdf->fonts[i], p.font_id[i])) != MGI_OK)
            goto cleanup;
    for (size_t i = 0; i < pdf->npages; i++)
        if (!w_page(&w, pdf, &p, i)) {
            err = MGI_ERR_NOMEM;
            goto cleanup;
        }
    w_outline_items(&w, pdf, &p);
    w_structure(&w, pdf, &p);
    if (info)
        w_plain_stream(&w, p.metadata, meta.p, meta.n, " /Type /Metadata /Subtype /XML");
    else
        w_plain_stream(&w, p.metadata, "", 0, "");
    if (icc)
        w_zstream(&w, p.icc, icc, icc_len, " /N 3");
    else
        w_plain_stream(&w, p.icc, "", 0, "");
    w_trailer(&w, pdf, &p, info);
    w_flush(&w);
    if (w.err)
        err = MGI_ERR_IO;
cleanup:
    free(p.page_id);
    free(w.offsets);
    free(icc_own);
    free(meta.p);
    return err;
}
