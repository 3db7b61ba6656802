/* flow.c — line breaking with hyphenation and justification, then pagination. */
#include "mgi/flow.h"

#include <ctype.h>
#include <hyphen.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mgi/dataset.h"

#define NONE SIZE_MAX
#define EPS 1e-6

/* ------------------------------------------------------------- hyphenation */

struct mgi_hyphenator {
    HyphenDict *dict[MGI_NLANGS];
};

mgi_error mgi_hyphenator_load(const char *const *paths, mgi_diag *diag, mgi_hyphenator **out)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return MGI_ERR_NOMEM;
    for (int l = 0; l < MGI_NLANGS; l++) {
        if (!paths || !paths[l] || !*paths[l])
            continue;
        if (!((*out)->dict[l] = hnj_hyphen_load(paths[l]))) {
            mgi_diag_add(diag, MGI_ERROR, paths[l], 0, 0,
                         "no hyphenation dictionary here (apt-get install hyphen-en-us hyphen-es, "
                         "or set hyphenate = no in profile.ini)");
            mgi_hyphenator_free(*out);
            *out = NULL;
            return MGI_ERR_NOINPUT;
        }
    }
    return MGI_OK;
}

void mgi_hyphenator_free(mgi_hyphenator *h)
{
    if (!h)
        return;
    for (int l = 0; l < MGI_NLANGS; l++)
        if (h->dict[l])
            hnj_hyphen_free(h->dict[l]);
    free(h);
}

size_t mgi_hyphenate(const mgi_hyphenator *h, int lang, const char *word, size_t n,
                     size_t *breaks, size_t max)
{
    if (!h || lang < 0 || lang >= MGI_NLANGS || !h->dict[lang] || n < 4 || n > 100)
        return 0;
    /* The dictionaries hold lower-case UTF-8: fold ASCII and Latin-1 capitals. */
    char low[104], hy[110];
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)word[i];
        if (c == 0xC3 && i + 1 < n && (unsigned char)word[i + 1] >= 0x80 &&
            (unsigned char)word[i + 1] <= 0x9E && (unsigned char)word[i + 1] != 0x97) {
            low[i] = (char)c;
            low[i + 1] = (char)((unsigned char)word[i + 1] + 0x20);
            i++;
            continue;
        }
        low[i] = (char)tolower(c);
    }
    /* libhyphen takes the length but still reads the word as a C string (strstr
     * for the dictionary's NOHYPHEN patterns): without the NUL it read the stack
     * beyond the word, and a stray match could change where words break. */
    low[n] = '\0';
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    if (hnj_hyphen_hyphenate2(h->dict[lang], low, (int)n, hy, NULL, &rep, &pos, &cut) != 0)
        return 0;
    /* With a UTF-8 dictionary, libhyphen 2.8 indexes the vector by character,
     * not by byte ("peñalolén" gives 9 digits for 11 bytes): turn each odd
     * digit into the byte offset after its character. */
    size_t k = 0, byte = 0;
    for (size_t ch = 0; byte < n && k < max; ch++) {
        do
            byte++;
        while (byte < n && ((unsigned char)word[byte] & 0xC0) == 0x80);
        if (byte < n && (hy[ch] & 1) && !(rep && rep[ch]))
            breaks[k++] = byte;
    }
    if (rep) {
        for (size_t i = 0; i < n; i++)
            free(rep[i]);
        free(rep);
    }
    free(pos);
    free(cut);
    return k;
}

/* -------------------------------------------------------------------- data */

typedef struct atom { /* a word, or the part of one in a single font */
    size_t text, n;   /* in flow->buf */
    int font;
    bool sup, space_before;
    size_t link; /* offset in buf, or NONE */
} atom;

typedef struct para {
    mgi_style style;
    size_t marker; /* offset in buf, or NONE */
    size_t first, n;
} para;

typedef struct figure {
    double height, space_before, space_after;
    mgi_flow_draw draw;
    void *ctx;
} figure;

enum block_kind { B_PARA, B_FIGURE, B_BREAK, B_ANCHOR };
typedef struct block {
    enum block_kind kind;
    size_t index; /* para, figure, or anchor id */
} block;

typedef struct frag { /* a placed piece of a line */
    size_t text, n;
    int font;
    double size, rise, x, width;
    size_t link;
} frag;

typedef struct line {
    size_t first, n; /* frags */
    double x, avail, natural;
    int gaps;
    bool last;
} line;

typedef struct anchor {
    int id;
    size_t page;
    double y;
    bool placed;
} anchor;

typedef struct page {
    mgi_flow_item *items;
    size_t n, cap;
} page;

struct mgi_flow {
    const mgi_fonts *fonts;
    const mgi_hyphenator *hyph;
    double width, height;
    char *buf;
    size_t len, cap;
    atom *atoms;
    size_t natoms, atoms_cap;
    para *paras;
    size_t nparas, paras_cap;
    figure *figs;
    size_t nfigs, figs_cap;
    block *blocks;
    size_t nblocks, blocks_cap;
    anchor *anchors;
    size_t nanchors, anchors_cap;
    page *pages;
    size_t npages, pages_cap;
    frag *frags;
    size_t nfrags, frags_cap;
    line *lines;
    size_t nlines, lines_cap;
    bool open;          /* a paragraph is being filled */
    bool pending_space; /* the last text ended with white space */
    int nomem;
};

#define GROW(f, arr, n, cap)                                                                       \
    ((n) < (cap) || grow((void **)&(arr), &(cap), sizeof *(arr), &(f)->nomem))

static bool grow(void **arr, size_t *cap, size_t size, int *nomem)
{
    size_t c = *cap ? *cap * 2 : 16;
    void *p = realloc(*arr, c * size);
    if (!p) {
        *nomem = 1;
        return false;
    }
    *arr = p;
    *cap = c;
    return true;
}

static size_t store(mgi_flow *f, const char *s, size_t n)
{
    while (f->len + n + 1 > f->cap) {
        size_t c = f->cap ? f->cap * 2 : 4096;
        char *b = realloc(f->buf, c);
        if (!b) {
            f->nomem = 1;
            return NONE;
        }
        f->buf = b;
        f->cap = c;
    }
    size_t off = f->len;
    memcpy(f->buf + off, s, n);
    f->buf[off + n] = '\0';
    f->len += n + 1;
    return off;
}

mgi_flow *mgi_flow_new(const mgi_fonts *fonts, const mgi_hyphenator *h, double width, double height)
{
    mgi_flow *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->fonts = fonts;
    f->hyph = h;
    f->width = width;
    f->height = height;
    return f;
}

void mgi_flow_free(mgi_flow *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->npages; i++)
        free(f->pages[i].items);
    free(f->pages);
    free(f->buf);
    free(f->atoms);
    free(f->paras);
    free(f->figs);
    free(f->blocks);
    free(f->anchors);
    free(f->frags);
    free(f->lines);
    free(f);
}

static void add_block(mgi_flow *f, enum block_kind kind, size_t index)
{
    if (GROW(f, f->blocks, f->nblocks, f->blocks_cap))
        f->blocks[f->nblocks++] = (block){kind, index};
}

void mgi_flow_paragraph(mgi_flow *f, const mgi_style *style)
{
    if (!GROW(f, f->paras, f->nparas, f->paras_cap))
        return;
    f->paras[f->nparas] = (para){*style, NONE, f->natoms, 0};
    add_block(f, B_PARA, f->nparas++);
    f->open = true;
    f->pending_space = false;
}

void mgi_flow_marker(mgi_flow *f, const char *marker)
{
    if (f->open)
        f->paras[f->nparas - 1].marker = store(f, marker, strlen(marker));
}

static void add_atom(mgi_flow *f, const char *s, size_t n, int font, bool sup, bool space,
                     size_t link)
{
    if (!f->open || !GROW(f, f->atoms, f->natoms, f->atoms_cap))
        return;
    para *p = &f->paras[f->nparas - 1];
    size_t off = store(f, s, n);
    if (off == NONE)
        return;
    f->atoms[f->natoms++] = (atom){off, n, font < 0 ? p->style.font : font, sup,
                                   space && p->n > 0, link};
    p->n++;
}

void mgi_flow_text(mgi_flow *f, const char *s, size_t n, int font, const char *link)
{
    size_t lk = link ? store(f, link, strlen(link)) : NONE;
    size_t i = 0;
    bool space = f->pending_space;
    while (i < n) {
        if (isspace((unsigned char)s[i])) {
            space = true;
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && !isspace((unsigned char)s[j]))
            j++;
        add_atom(f, s + i, j - i, font, false, space, lk);
        space = false;
        i = j;
    }
    f->pending_space = space;
}

void mgi_flow_sup(mgi_flow *f, const char *text)
{
    add_atom(f, text, strlen(text), MGI_FONT_REGULAR, true, false, NONE);
    f->pending_space = false;
}

void mgi_flow_figure(mgi_flow *f, double height, double space_before, double space_after,
                     mgi_flow_draw draw, void *ctx)
{
    f->open = false;
    if (!GROW(f, f->figs, f->nfigs, f->figs_cap))
        return;
    f->figs[f->nfigs] = (figure){height, space_before, space_after, draw, ctx};
    add_block(f, B_FIGURE, f->nfigs++);
}

void mgi_flow_page_break(mgi_flow *f)
{
    f->open = false;
    add_block(f, B_BREAK, 0);
}

void mgi_flow_anchor(mgi_flow *f, int id)
{
    f->open = false;
    if (!GROW(f, f->anchors, f->nanchors, f->anchors_cap))
        return;
    f->anchors[f->nanchors] = (anchor){id, 0, 0, false};
    add_block(f, B_ANCHOR, f->nanchors++);
}

/* --------------------------------------------------------- line breaking */

static double atom_size(const para *p, const atom *a)
{
    return a->sup ? p->style.size * 0.62 : p->style.size;
}

static double width_of(const mgi_flow *f, const para *p, const atom *a, size_t off, size_t n)
{
    return mgi_font_width(mgi_fonts_get(f->fonts, a->font), f->buf + off, n, atom_size(p, a));
}

static void push_frag(mgi_flow *f, const para *p, const atom *a, size_t off, size_t n, double x,
                      double w)
{
    if (GROW(f, f->frags, f->nfrags, f->frags_cap))
        f->frags[f->nfrags++] = (frag){off, n, a->font, atom_size(p, a),
                                       a->sup ? p->style.size * 0.36 : 0, x, w, a->link};
}

static void close_line(mgi_flow *f, line *ln, bool last)
{
    ln->n = f->nfrags - ln->first;
    ln->last = last;
    if (GROW(f, f->lines, f->nlines, f->lines_cap))
        f->lines[f->nlines++] = *ln;
}

static bool is_letter_word(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80 && !isalpha(c))
            return false;
    }
    return true;
}

/* Breaks paragraph p into lines (appended to f->lines); returns how many. */
static size_t break_lines(mgi_flow *f, const para *p)
{
    size_t first_line = f->nlines;
    const mgi_style *st = &p->style;
    atom *work = malloc((p->n + 1) * sizeof *work);
    if (!work) {
        f->nomem = 1;
        return 0;
    }
    memcpy(work, f->atoms + p->first, p->n * sizeof *work);
    const mgi_font *hy_font = mgi_fonts_get(f->fonts, st->font);
    line ln = {f->nfrags, 0, st->indent + st->first_indent, 0, 0, 0, false};
    ln.avail = f->width - ln.x;
    size_t i = 0;
    while (i < p->n) {
        size_t j = i + 1;
        while (j < p->n && !work[j].space_before)
            j++;
        double ww = 0;
        for (size_t k = i; k < j; k++)
            ww += width_of(f, p, &work[k], work[k].text, work[k].n);
        bool empty = f->nfrags == ln.first;
        double sp = empty ? 0
                          : mgi_font_width(mgi_fonts_get(f->fonts, work[i].font), " ", 1,
                                           st->size);
        if (ln.natural + sp + ww <= ln.avail + EPS) {
            double x = ln.natural + sp;
            for (size_t k = i; k < j; k++) {
                double w = width_of(f, p, &work[k], work[k].text, work[k].n);
                push_frag(f, p, &work[k], work[k].text, work[k].n, x, w);
                x += w;
            }
            if (!empty)
                ln.gaps++;
            ln.natural = x;
            i = j;
            continue;
        }
        /* The word does not fit: hyphenate it, or cut it when it is alone. */
        atom *a = &work[i];
        double room = ln.avail - ln.natural - sp;
        size_t cut = 0;
        bool hyphen = false;
        if (st->hyphenate && j == i + 1 && !a->sup) {
            /* Hyphenate the letters, leaving punctuation around them alone. */
            const char *w = f->buf + a->text;
            size_t lead = 0, end = a->n;
            while (lead < end && strchr("\"'(¿¡[«", w[lead]))
                lead++;
            while (end > lead && strchr(".,;:!?)\"'»]", w[end - 1]))
                end--;
            size_t breaks[64];
            size_t nb = is_letter_word(w + lead, end - lead)
                            ? mgi_hyphenate(f->hyph, st->lang, w + lead, end - lead, breaks, 64)
                            : 0;
            double hw = mgi_font_width(hy_font, "-", 1, st->size);
            for (size_t b = nb; b-- > 0;) {
                size_t at = lead + breaks[b];
                if (width_of(f, p, a, a->text, at) + hw <= room + EPS) {
                    cut = at;
                    hyphen = true;
                    break;
                }
            }
        }
        if (!cut && empty) {
            /* A word wider than the line: as many characters as fit, at least one. */
            const char *w = f->buf + a->text;
            size_t k = 0;
            while (k < a->n) {
                uint32_t cp;
                size_t l = mgi_utf8_decode(w + k, a->n - k, &cp);
                if (k > 0 && width_of(f, p, a, a->text, k + l) > room + EPS)
                    break;
                k += l;
            }
            cut = k;
        }
        if (cut && cut < a->n) {
            size_t off = a->text;
            if (hyphen) {
                char tmp[256];
                size_t m = cut < sizeof tmp - 2 ? cut : sizeof tmp - 2;
                memcpy(tmp, f->buf + a->text, m);
                tmp[m] = '-';
                off = store(f, tmp, m + 1);
                if (off == NONE)
                    break;
            }
            size_t pn = hyphen ? cut + 1 : cut;
            double w = width_of(f, p, a, off, pn);
            push_frag(f, p, a, off, pn, ln.natural + sp, w);
            if (!empty)
                ln.gaps++;
            ln.natural += sp + w;
            a->text += cut;
            a->n -= cut;
            a->space_before = false;
        } else if (cut == a->n && empty) {
            /* The whole atom fits by itself but the word goes on: take it. */
            double w = width_of(f, p, a, a->text, a->n);
            push_frag(f, p, a, a->text, a->n, ln.natural, w);
            ln.natural += w;
            i++;
            if (i < p->n)
                work[i].space_before = false;
        } else if (empty) {
            i++; /* nothing fits at all: give up on this atom rather than loop */
            continue;
        }
        close_line(f, &ln, false);
        ln = (line){f->nfrags, 0, st->indent, f->width - st->indent, 0, 0, false};
    }
    if (f->nfrags > ln.first || f->nlines == first_line)
        close_line(f, &ln, true);
    else if (f->nlines > first_line)
        f->lines[f->nlines - 1].last = true;
    free(work);
    return f->nlines - first_line;
}

/* ------------------------------------------------------------ pagination */

static page *cur_page(mgi_flow *f)
{
    if (f->npages == 0) {
        if (!GROW(f, f->pages, f->npages, f->pages_cap))
            return NULL;
        f->pages[f->npages++] = (page){NULL, 0, 0};
    }
    return &f->pages[f->npages - 1];
}

static void new_page(mgi_flow *f)
{
    cur_page(f);
    if (GROW(f, f->pages, f->npages, f->pages_cap))
        f->pages[f->npages++] = (page){NULL, 0, 0};
}

static void emit(mgi_flow *f, mgi_flow_item it)
{
    page *pg = cur_page(f);
    if (pg && GROW(f, pg->items, pg->n, pg->cap))
        pg->items[pg->n++] = it;
}

static void resolve_anchors(mgi_flow *f, size_t *pending, size_t *npending, double y)
{
    for (size_t i = 0; i < *npending; i++) {
        anchor *a = &f->anchors[pending[i]];
        a->page = f->npages ? f->npages - 1 : 0;
        a->y = y;
        a->placed = true;
    }
    *npending = 0;
}

static void place_line(mgi_flow *f, const para *p, const line *ln, double top, bool first)
{
    const mgi_style *st = &p->style;
    double base = top + st->leading * 0.76;
    double extra = 0, shift = 0, slack = ln->avail - ln->natural;
    if (st->align == MGI_FLOW_JUSTIFY && !ln->last && ln->gaps > 0 && slack > 0)
        extra = slack / ln->gaps;
    else if (st->align == MGI_FLOW_CENTER)
        shift = slack / 2;
    else if (st->align == MGI_FLOW_RIGHT)
        shift = slack;
    emit(f, (mgi_flow_item){MGI_ITEM_LINE, ln->x, base, NULL, 0, st->font, st->size, 0, 0,
                            st->colour, NULL, NULL, NULL, st->numbered});
    if (first && p->marker != NONE) {
        const char *m = f->buf + p->marker;
        double w = mgi_font_width(mgi_fonts_get(f->fonts, st->font), m, strlen(m), st->size);
        emit(f, (mgi_flow_item){MGI_ITEM_TEXT, st->indent - w - 5, base, (const char *)p->marker,
                                strlen(m), st->font, st->size, w, 0, st->colour, NULL, NULL, NULL,
                                false});
    }
    int gap = 0;
    for (size_t k = 0; k < ln->n; k++) {
        const frag *fr = &f->frags[ln->first + k];
        if (k > 0 && fr->x > f->frags[ln->first + k - 1].x + f->frags[ln->first + k - 1].width + EPS)
            gap++;
        /* Texts are buffer offsets until layout ends (the buffer may move). */
        emit(f, (mgi_flow_item){MGI_ITEM_TEXT, ln->x + shift + fr->x + gap * extra,
                                base - fr->rise, (const char *)fr->text, fr->n, fr->font,
                                fr->size, fr->width, 0, st->colour,
                                fr->link == NONE ? NULL : (const char *)(fr->link + 1), NULL,
                                NULL, false});
    }
}

/* Height the first lines of block b need to follow a heading on its page. */
static double follow_height(mgi_flow *f, size_t b, size_t *line_start)
{
    for (; b < f->nblocks; b++) {
        const block *bl = &f->blocks[b];
        if (bl->kind == B_ANCHOR)
            continue;
        if (bl->kind == B_FIGURE)
            return f->figs[bl->index].space_before + f->figs[bl->index].height;
        if (bl->kind == B_PARA) {
            const para *p = &f->paras[bl->index];
            size_t n = line_start[bl->index + 1] - line_start[bl->index];
            /* The lines that cannot be separated from the heading: a paragraph
             * of three lines or fewer is never split. */
            return p->style.space_before + (n < 4 ? (double)n : 2.0) * p->style.leading;
        }
        return 0;
    }
    return 0;
}

mgi_error mgi_flow_layout(mgi_flow *f)
{
    /* Lines of every paragraph first: headings look ahead at what follows. */
    size_t *line_start = malloc((f->nparas + 1) * sizeof *line_start);
    size_t *pending = malloc((f->nanchors + 1) * sizeof *pending);
    size_t npending = 0;
    if (!line_start || !pending) {
        free(line_start);
        free(pending);
        return MGI_ERR_NOMEM;
    }
    for (size_t i = 0; i < f->nparas; i++) {
        line_start[i] = f->nlines;
        break_lines(f, &f->paras[i]);
    }
    line_start[f->nparas] = f->nlines;
    cur_page(f);
    double y = 0;
    const double H = f->height;
    for (size_t b = 0; b < f->nblocks && !f->nomem; b++) {
        const block *bl = &f->blocks[b];
        if (bl->kind == B_ANCHOR) {
            pending[npending++] = bl->index;
        } else if (bl->kind == B_BREAK) {
            if (y > 0 || f->pages[f->npages - 1].n > 0) {
                new_page(f);
                y = 0;
            }
        } else if (bl->kind == B_FIGURE) {
            const figure *fg = &f->figs[bl->index];
            double sb = y > 0 ? fg->space_before : 0;
            if (y > 0 && y + sb + fg->height > H + EPS) {
                new_page(f);
                y = 0;
                sb = 0;
            }
            resolve_anchors(f, pending, &npending, y + sb);
            emit(f, (mgi_flow_item){MGI_ITEM_FIGURE, 0, y + sb, NULL, 0, 0, 0, f->width,
                                    fg->height, 0, NULL, fg->draw, fg->ctx, false});
            y += sb + fg->height + fg->space_after;
        } else {
            const para *p = &f->paras[bl->index];
            const double lead = p->style.leading;
            size_t first = line_start[bl->index], n = line_start[bl->index + 1] - first;
            double sb = y > 0 ? p->style.space_before : 0;
            if (p->style.keep_with_next && y > 0 &&
                y + sb + (double)n * lead + follow_height(f, b + 1, line_start) > H + EPS) {
                new_page(f);
                y = 0;
                sb = 0;
            }
            y += sb;
            size_t k = 0;
            while (k < n) {
                size_t fit = (size_t)floor((H - y + EPS) / lead);
                size_t left = n - k, take = left;
                if (left > fit) {
                    take = fit;
                    if (k == 0 && (take < 2 || left < 4))
                        take = 0; /* an orphan: start the paragraph on the next page */
                    else if (left - take < 2)
                        take = left >= 4 ? left - 2 : 0; /* leave no widow */
                    if (take == 0 && y == 0)
                        take = fit ? fit : 1; /* a page too short for the rules */
                }
                if (take == 0) {
                    new_page(f);
                    y = 0;
                    continue;
                }
                if (k == 0)
                    resolve_anchors(f, pending, &npending, y);
                for (size_t t = 0; t < take; t++, k++) {
                    place_line(f, p, &f->lines[first + k], y, k == 0);
                    y += lead;
                }
                if (k < n) {
                    new_page(f);
                    y = 0;
                }
            }
            y += p->style.space_after;
        }
    }
    if (npending)
        resolve_anchors(f, pending, &npending, y);
    free(line_start);
    free(pending);
    if (f->nomem)
        return MGI_ERR_NOMEM;
    /* Now that the buffer no longer moves, offsets become pointers. */
    for (size_t pg = 0; pg < f->npages; pg++)
        for (size_t i = 0; i < f->pages[pg].n; i++) {
            mgi_flow_item *it = &f->pages[pg].items[i];
            if (it->kind != MGI_ITEM_TEXT)
                continue;
            it->text = f->buf + (size_t)it->text;
            if (it->link)
                it->link = f->buf + ((size_t)it->link - 1);
        }
    return MGI_OK;
}

size_t mgi_flow_npages(const mgi_flow *f) { return f->npages; }

const mgi_flow_item *mgi_flow_items(const mgi_flow *f, size_t p, size_t *n)
{
    if (p >= f->npages) {
        *n = 0;
        return NULL;
    }
    *n = f->pages[p].n;
    return f->pages[p].items;
}

bool mgi_flow_anchor_at(const mgi_flow *f, int id, size_t *page_out, double *y)
{
    for (size_t i = 0; i < f->nanchors; i++)
        if (f->anchors[i].id == id && f->anchors[i].placed) {
            *page_out = f->anchors[i].page;
            *y = f->anchors[i].y;
            return true;
        }
    return false;
}
