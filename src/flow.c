/* flow.c — line breaking with hyphenation and justification, then pagination. */
#include "mgi/flow.h"

#include <ctype.h>
#include <hyphen.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mgi/arena.h"
#include "mgi/dataset.h"
#include "mgi/strmap.h"
#include "mgi/utf8.h"

#define NONE SIZE_MAX
#define EPS  1e-6

/* ------------------------------------------------------------- hyphenation */

typedef struct hy_entry { /* a word's hyphenation points, cached */
    unsigned char nb;     /* breaks */
    unsigned char at[24]; /* byte offsets */
} hy_entry;

struct mgi_hyphenator {
    HyphenDict *dict[MGI_NLANGS];
    /* total fit asks for every word's points: "lang byte + word" → index in
     * entries (keys and entries in arena) */
    mgi_strmap *cache;
    hy_entry **entries;
    size_t nentries, entries_cap;
    mgi_arena *arena;
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
    mgi_strmap_free(h->cache);
    free(h->entries);
    mgi_arena_free(h->arena);
    free(h);
}

/* Keeps the points of key (lang byte + word); false when the cache is full or
 * memory runs out. */
static bool hy_keep(mgi_hyphenator *h, const char *key, const size_t *all, size_t k)
{
    if (h->nentries >= (size_t)1 << 16)
        return false;
    if (!h->cache && (!(h->cache = mgi_strmap_new(4096)) || !(h->arena = mgi_arena_new())))
        return false;
    if (h->nentries == h->entries_cap) {
        size_t cap = h->entries_cap ? h->entries_cap * 2 : 4096;
        hy_entry **p = realloc(h->entries, cap * sizeof *p);
        if (!p)
            return false;
        h->entries = p;
        h->entries_cap = cap;
    }
    hy_entry *e = mgi_arena_alloc(h->arena, sizeof *e);
    char *copy = mgi_arena_strdup(h->arena, key);
    if (!e || !copy || mgi_strmap_put(h->cache, copy, h->nentries, NULL) != 1)
        return false;
    e->nb = (unsigned char)k;
    for (size_t i = 0; i < k; i++)
        e->at[i] = (unsigned char)all[i];
    h->entries[h->nentries++] = e;
    return true;
}

static size_t hyphenate(const mgi_hyphenator *h, int lang, const char *word, size_t n,
                        size_t *breaks, size_t max);

size_t mgi_hyphenate(const mgi_hyphenator *h, int lang, const char *word, size_t n, size_t *breaks,
                     size_t max)
{
    if (!h || lang < 0 || lang >= MGI_NLANGS || !h->dict[lang] || n < 4 || n > 100)
        return 0;
    /* The same words come back thousands of times in a build: their points are
     * kept (the cache is not the hyphenator's state, hence the cast). */
    char key[104];
    key[0] = (char)('0' + lang);
    memcpy(key + 1, word, n);
    key[n + 1] = '\0';
    size_t at, all[24], k;
    if (h->cache && !memchr(word, '\0', n) && mgi_strmap_get(h->cache, key, &at)) {
        const hy_entry *e = h->entries[at];
        k = e->nb;
        for (size_t i = 0; i < k; i++)
            all[i] = e->at[i];
    } else {
        k = hyphenate(h, lang, word, n, all, 24);
        if (!memchr(word, '\0', n))
            hy_keep((mgi_hyphenator *)h, key, all, k);
    }
    k = k < max ? k : max;
    for (size_t i = 0; i < k; i++)
        breaks[i] = all[i];
    return k;
}

static size_t hyphenate(const mgi_hyphenator *h, int lang, const char *word, size_t n,
                        size_t *breaks, size_t max)
{
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
    int note;    /* a note reference: the note's key, or -1 */
    int lang;    /* MGI_LANG_* of a word in another language (mgi_flow_lang), or -1 */
} atom;

typedef struct para {
    mgi_style style;
    size_t marker; /* offset in buf, or NONE */
    size_t first, n;
    size_t note; /* a footnote's text: its index in flow->notes, or NONE */
} para;

/* A footnote: its text is a paragraph set at the foot of the page that cites it. */
typedef struct fnote {
    int key;
    size_t para;
    bool cited;    /* some line refers to it */
    size_t placed; /* lines already set at a page's foot (pagination state) */
    bool queued;   /* its first lines are on a page, or wait to be (pagination state) */
} fnote;

typedef struct figure {
    double height, space_before, space_after;
    mgi_flow_draw draw;
    void *ctx;
} figure;

enum block_kind { B_PARA, B_FIGURE, B_BREAK, B_ANCHOR, B_NOTE };
typedef struct block {
    enum block_kind kind;
    size_t index; /* para, figure, or anchor id */
} block;

typedef struct frag { /* a placed piece of a line */
    size_t text, n;
    int font;
    double size, rise, x, width;
    size_t link;
    int note;    /* the key of the note it refers to, or -1 */
    int lang;    /* as its atom's */
    bool hyphen; /* it ends with a hyphen the flow added */
} frag;

typedef struct line {
    size_t first, n; /* frags */
    double x, avail, natural;
    int gaps;
    bool last;
    bool hyphen; /* it ends with a hyphen the flow added */
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
    double used; /* height the body filled */
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
    size_t pages_kept; /* pages[0 … pages_kept - 1] own their items, pages past npages too */
    atom *work;        /* scratch of the greedy breaker: a paragraph's atoms, */
    double *work_w;    /* and their widths */
    size_t work_cap;
    fnote *notes;
    size_t nnotes, notes_cap;
    frag *frags;
    size_t nfrags, frags_cap;
    line *lines;
    size_t nlines, lines_cap;
    bool open;          /* a paragraph is being filled */
    int lang;           /* the language of the words being added, or -1 (mgi_flow_lang) */
    bool pending_space; /* the last text ended with white space */
    int nomem;
};

#define GROW(f, arr, n, cap)                                                                       \
    ((n) < (cap) || grow((void **)&(arr), &(cap), sizeof *(arr), &(f)->nomem))

static bool grow(void **arr, size_t *cap, size_t size, int *nomem)
{
    size_t c = *cap ? *cap * 2 : 128;
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
    f->lang = -1;
    return f;
}

void mgi_flow_free(mgi_flow *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->pages_kept; i++)
        free(f->pages[i].items);
    free(f->pages);
    free(f->work);
    free(f->work_w);
    free(f->buf);
    free(f->atoms);
    free(f->paras);
    free(f->figs);
    free(f->blocks);
    free(f->anchors);
    free(f->notes);
    free(f->frags);
    free(f->lines);
    free(f);
}

void mgi_flow_reset(mgi_flow *f)
{
    f->len = f->natoms = f->nparas = f->nfigs = f->nblocks = f->nanchors = 0;
    f->npages = f->nnotes = f->nfrags = f->nlines = 0;
    f->open = f->pending_space = false;
    f->lang = -1;
    f->nomem = 0;
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
    f->paras[f->nparas] = (para){*style, NONE, f->natoms, 0, NONE};
    add_block(f, B_PARA, f->nparas++);
    f->open = true;
    f->lang = -1;
    f->pending_space = false;
}

void mgi_flow_marker(mgi_flow *f, const char *marker)
{
    if (f->open)
        f->paras[f->nparas - 1].marker = store(f, marker, strlen(marker));
}

static void add_atom(mgi_flow *f, const char *s, size_t n, int font, bool sup, bool space,
                     size_t link, int note)
{
    if (!f->open || !GROW(f, f->atoms, f->natoms, f->atoms_cap))
        return;
    para *p = &f->paras[f->nparas - 1];
    size_t off = store(f, s, n);
    if (off == NONE)
        return;
    f->atoms[f->natoms++] = (atom){
        off, n, font < 0 ? p->style.font : font, sup, space && p->n > 0, link, note, f->lang};
    p->n++;
}

void mgi_flow_text(mgi_flow *f, const char *s, size_t n, int font, const char *link)
{
    /* Straight quotes from data and strings become typographic ones (Markdown's
     * have been already, by cmark's smart option). */
    char quoted[4096];
    if (memchr(s, '\'', n) || memchr(s, '"', n)) {
        size_t q = mgi_utf8_quotes(s, n, quoted, sizeof quoted);
        if (q != (size_t)-1) {
            s = quoted;
            n = q;
        }
    }
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
        add_atom(f, s + i, j - i, font, false, space, lk, -1);
        space = false;
        i = j;
    }
    f->pending_space = space;
}

void mgi_flow_lang(mgi_flow *f, int lang)
{
    f->lang = lang;
}

void mgi_flow_sup(mgi_flow *f, const char *text, int note)
{
    add_atom(f, text, strlen(text), MGI_FONT_REGULAR, true, false, NONE, note < 0 ? -1 : note);
    f->pending_space = false;
}

void mgi_flow_footnote(mgi_flow *f, const mgi_style *style, int key, const char *marker)
{
    if (!GROW(f, f->notes, f->nnotes, f->notes_cap) || !GROW(f, f->paras, f->nparas, f->paras_cap))
        return;
    f->notes[f->nnotes] = (fnote){key, f->nparas, false, 0, false};
    f->paras[f->nparas] = (para){*style, NONE, f->natoms, 0, f->nnotes++};
    add_block(f, B_NOTE, f->nparas++);
    f->open = true;
    f->lang = -1;
    f->pending_space = false;
    mgi_flow_marker(f, marker);
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

/* A piece of atom a on the line: its text at off, n bytes, at x, w wide; hyphen when it
 * ends with a hyphen the flow added. */
static void push_frag(mgi_flow *f, const para *p, const atom *a, size_t off, size_t n, double x,
                      double w, bool hyphen)
{
    if (GROW(f, f->frags, f->nfrags, f->frags_cap))
        f->frags[f->nfrags++] = (frag){
            off,     n,       a->font, atom_size(p, a), a->sup ? p->style.size * 0.36 : 0, x, w,
            a->link, a->note, a->lang, hyphen};
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

/* A word that begins with a capital: a name, or a sentence's first word.
 * Names are not broken ("Santi-ago", "Peña-lolén" read as misprints, and the
 * dictionaries know common words only), so neither is such a word. n ≥ 2. */
static bool capitalised(const char *s)
{
    unsigned char c = (unsigned char)s[0], d = (unsigned char)s[1];
    return (c >= 'A' && c <= 'Z') || (c == 0xC3 && d >= 0x80 && d <= 0x9E && d != 0x97);
}

/* The hyphenation points of atom a's letters (leaving punctuation around them
 * alone), as byte offsets in the atom, ascending; returns how many (≤ max). */
static size_t hyphen_points(const mgi_flow *f, const para *p, const atom *a, size_t *out,
                            size_t max)
{
    if (!p->style.hyphenate || a->sup)
        return 0;
    const char *w = f->buf + a->text;
    size_t lead = 0, end = a->n;
    while (lead < end && strchr("\"'(¿¡[«", w[lead]))
        lead++;
    while (end > lead && strchr(".,;:!?)\"'»]", w[end - 1]))
        end--;
    if (end - lead < 4 || !is_letter_word(w + lead, end - lead) || capitalised(w + lead))
        return 0;
    /* a word in another language with that language's patterns (or none) */
    size_t n = mgi_hyphenate(f->hyph, a->lang >= 0 ? a->lang : p->style.lang, w + lead, end - lead,
                             out, max);
    for (size_t i = 0; i < n; i++)
        out[i] += lead;
    return n;
}

/* Breaks paragraph p into lines greedily (appended to f->lines): a line takes
 * words while they fit, then a hyphenated part of the next; returns how many. */
static size_t break_greedy(mgi_flow *f, const para *p)
{
    size_t first_line = f->nlines;
    const mgi_style *st = &p->style;
    if (p->n + 1 > f->work_cap) {
        size_t cap = p->n + 1 > 2 * f->work_cap ? p->n + 1 : 2 * f->work_cap;
        atom *work = realloc(f->work, cap * sizeof *work);
        if (work)
            f->work = work;
        double *ws = realloc(f->work_w, cap * sizeof *ws);
        if (ws)
            f->work_w = ws;
        if (!work || !ws) {
            f->nomem = 1;
            return 0;
        }
        f->work_cap = cap;
    }
    atom *work = f->work;
    double *aw = f->work_w; /* each atom's width, measured once */
    memcpy(work, f->atoms + p->first, p->n * sizeof *work);
    for (size_t k = 0; k < p->n; k++)
        aw[k] = width_of(f, p, &work[k], work[k].text, work[k].n);
    int sp_font = -1; /* the width of a space in the last font asked for */
    double sp_w = 0;
    const mgi_font *hy_font = mgi_fonts_get(f->fonts, st->font);
    line ln = {f->nfrags, 0, st->indent + st->first_indent, 0, 0, 0, false, false};
    ln.avail = f->width - ln.x;
    size_t i = 0;
    while (i < p->n) {
        size_t j = i + 1;
        while (j < p->n && !work[j].space_before)
            j++;
        double ww = 0;
        for (size_t k = i; k < j; k++)
            ww += aw[k];
        bool empty = f->nfrags == ln.first;
        if (!empty && work[i].font != sp_font) {
            sp_font = work[i].font;
            sp_w = mgi_font_width(mgi_fonts_get(f->fonts, sp_font), " ", 1, st->size);
        }
        double sp = empty ? 0 : sp_w;
        if (ln.natural + sp + ww <= ln.avail + EPS) {
            double x = ln.natural + sp;
            for (size_t k = i; k < j; k++) {
                push_frag(f, p, &work[k], work[k].text, work[k].n, x, aw[k], false);
                x += aw[k];
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
        if (j == i + 1) {
            size_t breaks[64];
            size_t nb = hyphen_points(f, p, a, breaks, 64);
            double hw = mgi_font_width(hy_font, "-", 1, st->size);
            for (size_t b = nb; b-- > 0;) {
                size_t at = breaks[b];
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
            push_frag(f, p, a, off, pn, ln.natural + sp, w, hyphen);
            ln.hyphen = hyphen;
            if (!empty)
                ln.gaps++;
            ln.natural += sp + w;
            a->text += cut;
            a->n -= cut;
            a->space_before = false;
            aw[i] = width_of(f, p, a, a->text, a->n);
        } else if (cut == a->n && empty) {
            /* The whole atom fits by itself but the word goes on: take it. */
            push_frag(f, p, a, a->text, a->n, ln.natural, aw[i], false);
            ln.natural += aw[i];
            i++;
            if (i < p->n)
                work[i].space_before = false;
        } else if (empty) {
            i++; /* nothing fits at all: give up on this atom rather than loop */
            continue;
        }
        close_line(f, &ln, false);
        ln = (line){f->nfrags, 0, st->indent, f->width - st->indent, 0, 0, false, false};
    }
    if (f->nfrags > ln.first || f->nlines == first_line)
        close_line(f, &ln, true);
    else if (f->nlines > first_line)
        f->lines[f->nlines - 1].last = true;
    return f->nlines - first_line;
}

/* ------------------------------------------------ total-fit line breaking */

/*
 * Justified paragraphs are broken as TeX breaks them: the breaks of the whole
 * paragraph are chosen together, to make the sum of the lines' demerits least
 * (D. E. Knuth and M. F. Plass, "Breaking paragraphs into lines", Software—
 * Practice and Experience 11, 1981). Words are boxes; a space is glue that may
 * stretch by half its width and shrink by a third (TeX's fontdimens for its
 * text fonts); a hyphenation point is a flagged penalty. A line's badness is
 * 100 r³ for its adjustment ratio r; its demerits (10 + badness)², plus the
 * square of its penalty, plus 10,000 for the second of two hyphenated lines
 * (\doublehyphendemerits), 5,000 when the paragraph's second-to-last line ends
 * with a hyphen (\finalhyphendemerits) and 10,000 next to a line of a
 * fitness class more than one apart (\adjdemerits). More than two hyphenated
 * lines in a row are not allowed at all (Bringhurst, 2.4.3). A first pass
 * tries without hyphens (\pretolerance 100), a second with them (\tolerance
 * 200), a third takes any line that does not overflow; when even that finds
 * none (a word wider than the column), the greedy breaker does the work.
 */

enum {
    KP_LINE_PENALTY = 10,
    KP_HYPHEN_PENALTY = 50,
    KP_DOUBLE_HYPHEN = 10000,
    KP_FINAL_HYPHEN = 5000,
    KP_ADJ = 10000,
    KP_MAX_HYPHENS = 2
};

typedef struct kp_word {
    size_t first, end; /* atoms */
    double width, gap; /* the word's width; the space before it (0 for the first) */
    size_t hfirst, hn; /* hyphenation points in kp->hcut/hpre */
} kp_word;

typedef struct kp_break { /* where a line may end */
    size_t word;          /* a space: the next line starts at this word; else the word cut */
    size_t cut;           /* 0 for a space or the end; the byte offset of a hyphen in its atom */
    double pre;           /* the width of the word's part before the cut */
    bool flagged;         /* a hyphen */
    bool explicit;        /* after a hyphen or dash the word has ("well-|managed"): none added */
} kp_break;

typedef struct kp_node {
    size_t brk;       /* index in breaks, NONE for the paragraph's start */
    size_t line;      /* lines before the next one */
    int fit, hyphens; /* fitness class of the line ending here; hyphenated lines in a row */
    double demerits;
    size_t prev; /* index in nodes */
} kp_node;

typedef struct kp {
    kp_word *w;
    size_t nw;
    size_t *hcut;
    double *hpre;
    bool *hexp; /* an explicit hyphen or dash */
    size_t nh, hcap;
    kp_break *b;
    size_t nb;
    kp_node *nodes;
    size_t nn, ncap;
    double *cw, *gs; /* cw[k]: width of words before k; gs[k]: spaces before words 1..k */
    double hyphen_w;
    double *aw; /* each atom's width, measured once (kp_prepare) and placed (kp_set) */
} kp;

static void kp_free(kp *k)
{
    free(k->w);
    free(k->hcut);
    free(k->hpre);
    free(k->hexp);
    free(k->b);
    free(k->nodes);
    free(k->cw);
    free(k->gs);
    free(k->aw);
}

/* The places after a hyphen or an en dash between letters or digits where a
 * word that has one may break ("well-|managed", "2017–|2020"), as TeX breaks
 * after an explicit hyphen (\exhyphenpenalty); no hyphen is added there. */
static size_t dash_points(const char *w, size_t n, size_t *out, bool *exp, size_t max)
{
    size_t k = 0;
    for (size_t i = 1; i + 1 < n && k < max; i++) {
        size_t len = w[i] == '-' ? 1 : (i + 3 < n && memcmp(w + i, "\u2013", 3) == 0) ? 3 : 0;
        if (!len || i + len >= n)
            continue;
        unsigned char before = (unsigned char)w[i - 1], after = (unsigned char)w[i + len];
        if ((isalnum(before) || before >= 0x80) && (isalnum(after) || after >= 0x80) && i >= 2 &&
            n - i - len >= 2) {
            out[k] = i + len;
            exp[k++] = true;
        }
    }
    return k;
}

/* The hyphenation points of the one-atom word at[i] (or the places after its
 * own hyphens and dashes) into k, each with the width of the part before it:
 * from the word's shaped advances adv[0..nch) when it was shaped, else
 * measured. Returns how many; false in *ok when out of memory. */
static size_t kp_hyphens(const mgi_flow *f, const para *p, kp *k, const atom *a, const double *adv,
                         size_t nch, bool *ok)
{
    size_t cuts[64];
    bool exp[64] = {false};
    size_t n = hyphen_points(f, p, a, cuts, 64);
    if (!n && p->style.hyphenate)
        n = dash_points(f->buf + a->text, a->n, cuts, exp, 64);
    if (k->nh + n > k->hcap) {
        k->hcap = (k->nh + n) * 2;
        size_t *hc = realloc(k->hcut, k->hcap * sizeof *hc);
        if (hc)
            k->hcut = hc;
        double *hp = realloc(k->hpre, k->hcap * sizeof *hp);
        if (hp)
            k->hpre = hp;
        bool *he = realloc(k->hexp, k->hcap * sizeof *he);
        if (he)
            k->hexp = he;
        if (!hc || !hp || !he) {
            *ok = false;
            return 0;
        }
    }
    for (size_t h = 0; h < n; h++) {
        k->hcut[k->nh] = cuts[h];
        k->hexp[k->nh] = exp[h];
        if (nch) { /* the advances of the characters before the cut */
            double pre = 0;
            const char *t = f->buf + a->text;
            for (size_t byte = 0, c = 0; byte < cuts[h] && c < nch; c++) {
                uint32_t cp;
                byte += mgi_utf8_decode(t + byte, cuts[h] - byte, &cp);
                pre += adv[c];
            }
            k->hpre[k->nh++] = pre * atom_size(p, a);
        } else {
            k->hpre[k->nh++] = width_of(f, p, a, a->text, cuts[h]);
        }
    }
    return n;
}

/* Words, hyphenation points and breaks of paragraph p; false when out of memory. */
static bool kp_prepare(mgi_flow *f, const para *p, kp *k)
{
    const atom *at = f->atoms + p->first;
    k->w = malloc((p->n + 1) * sizeof *k->w);
    k->cw = malloc((p->n + 2) * sizeof *k->cw);
    k->gs = malloc((p->n + 2) * sizeof *k->gs);
    k->aw = malloc((p->n + 1) * sizeof *k->aw);
    double space[MGI_NFONTS] = {0}; /* the width of a space, per font, once */
    k->hcap = 64;
    k->hcut = malloc(k->hcap * sizeof *k->hcut);
    k->hpre = malloc(k->hcap * sizeof *k->hpre);
    k->hexp = malloc(k->hcap * sizeof *k->hexp);
    if (!k->w || !k->cw || !k->gs || !k->aw || !k->hcut || !k->hpre || !k->hexp)
        return false;
    k->hyphen_w = mgi_font_width(mgi_fonts_get(f->fonts, p->style.font), "-", 1, p->style.size);
    bool ok = true;
    for (size_t i = 0; i < p->n && ok;) {
        size_t j = i + 1;
        while (j < p->n && !at[j].space_before)
            j++;
        kp_word *w = &k->w[k->nw];
        *w = (kp_word){i, j, 0, 0, k->nh, 0};
        /* A word of one font is shaped once: its width, and the width of
         * each part before a hyphenation point, come from its characters'
         * advances (kerning included; the kern across the cut, a few
         * hundredths of a point, is the only difference from shaping the
         * part alone, which placing the line does). */
        enum { MAXC = 128 };
        unsigned gl[MAXC];
        double adv[MAXC];
        size_t nch = 0;
        if (j == i + 1 && !at[i].sup && at[i].n <= MAXC) {
            nch = mgi_font_shape(mgi_fonts_get(f->fonts, at[i].font), f->buf + at[i].text, at[i].n,
                                 gl, adv, MAXC);
            for (size_t c = 0; c < nch; c++)
                w->width += adv[c] * atom_size(p, &at[i]);
            k->aw[i] = w->width;
        } else {
            for (size_t a = i; a < j; a++)
                w->width += k->aw[a] = width_of(f, p, &at[a], at[a].text, at[a].n);
        }
        if (k->nw) {
            int fi = at[i].font >= 0 && at[i].font < MGI_NFONTS ? at[i].font : 0;
            if (!space[fi])
                space[fi] =
                    mgi_font_width(mgi_fonts_get(f->fonts, at[i].font), " ", 1, p->style.size);
            w->gap = space[fi];
        }
        if (j == i + 1)
            w->hn = kp_hyphens(f, p, k, &at[i], adv, nch, &ok);
        k->nw++;
        i = j;
    }
    if (!ok)
        return false;
    k->cw[0] = k->gs[0] = 0;
    for (size_t m = 0; m < k->nw; m++) {
        k->cw[m + 1] = k->cw[m] + k->w[m].width;
        k->gs[m + 1] = k->gs[m] + (m + 1 < k->nw ? k->w[m + 1].gap : 0);
    }
    /* the breaks in order: a word's hyphens, then the space after it; the end */
    k->b = malloc((k->nw + k->nh + 1) * sizeof *k->b);
    if (!k->b)
        return false;
    for (size_t m = 0; m < k->nw; m++) {
        for (size_t h = 0; h < k->w[m].hn; h++) {
            size_t hi = k->w[m].hfirst + h;
            k->b[k->nb++] = (kp_break){m, k->hcut[hi], k->hpre[hi], true, k->hexp[hi]};
        }
        k->b[k->nb++] = (kp_break){m + 1, 0, 0, false, false}; /* a space, or the end */
    }
    return true;
}

/* The natural width, stretch and shrink of the line from the start of word k0
 * (less pre0, the part of it on the line before) to break b. */
static void kp_line(const kp *k, size_t k0, double pre0, const kp_break *b, double *nat,
                    double *stretch, double *shrink)
{
    size_t last = b->cut ? b->word : b->word - 1; /* the last word on the line */
    double spaces = k->gs[last] - k->gs[k0];
    *nat = k->cw[b->cut ? b->word : b->word] - k->cw[k0] - pre0 + spaces +
           (b->cut ? b->pre + (b->explicit ? 0 : k->hyphen_w) : 0);
    *stretch = spaces / 2;
    *shrink = spaces / 2.5;
}

static bool kp_push(kp *k, kp_node n)
{
    if (k->nn == k->ncap) {
        size_t cap = k->ncap ? k->ncap * 2 : 64;
        kp_node *p = realloc(k->nodes, cap * sizeof *p);
        if (!p)
            return false;
        k->nodes = p;
        k->ncap = cap;
    }
    k->nodes[k->nn++] = n;
    return true;
}

/* One pass at the given tolerance (badness); the node ending the paragraph
 * with the least demerits, or NONE. */
static size_t kp_pass(kp *k, const para *p, double width, double tolerance, bool hyphens,
                      bool *nomem)
{
    const double first_w = width - p->style.indent - p->style.first_indent;
    const double other_w = width - p->style.indent;
    k->nn = 0;
    size_t *active = malloc((k->nb + 2) * 12 * sizeof *active), na = 0;
    if (!active || !kp_push(k, (kp_node){NONE, 0, 1, 0, 0, NONE})) {
        free(active);
        *nomem = true;
        return NONE;
    }
    active[na++] = 0;
    size_t result = NONE;
    for (size_t bi = 0; bi < k->nb && na; bi++) {
        const kp_break *b = &k->b[bi];
        bool end = bi + 1 == k->nb;
        if (b->flagged && !hyphens)
            continue;
        kp_node best[4][KP_MAX_HYPHENS + 1];
        for (int c = 0; c < 4; c++)
            for (int h = 0; h <= KP_MAX_HYPHENS; h++)
                best[c][h].demerits = INFINITY;
        for (size_t ai = 0; ai < na;) {
            const kp_node *a = &k->nodes[active[ai]];
            size_t k0 = a->brk == NONE ? 0 : k->b[a->brk].word;
            double pre0 = a->brk == NONE ? 0 : k->b[a->brk].pre;
            double nat, st, sh, avail = a->line == 0 ? first_w : other_w, r;
            kp_line(k, k0, pre0, b, &nat, &st, &sh);
            if (nat > avail + EPS)
                r = sh > 0 ? (avail - nat) / sh : -INFINITY;
            else if (end) /* the last line ends with glue that fills it (\\parfillskip) */
                r = 0;
            else
                r = nat < avail - EPS ? (st > 0 ? (avail - nat) / st : INFINITY) : 0;
            if (r < -1) { /* too long now, and longer for every later break */
                active[ai] = active[--na];
                continue;
            }
            ai++;
            double bad = 100 * fabs(r * r * r);
            if (bad > tolerance || !isfinite(bad))
                continue;
            bool a_flag = a->brk != NONE && k->b[a->brk].flagged;
            if (b->flagged && a_flag && a->hyphens >= KP_MAX_HYPHENS)
                continue;
            int fit = r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3;
            double d = (KP_LINE_PENALTY + bad) * (KP_LINE_PENALTY + bad);
            if (b->flagged)
                d += (double)KP_HYPHEN_PENALTY * KP_HYPHEN_PENALTY;
            if (b->flagged && a_flag)
                d += KP_DOUBLE_HYPHEN;
            if (end && a_flag)
                d += KP_FINAL_HYPHEN;
            if (abs(fit - a->fit) > 1)
                d += KP_ADJ;
            d += a->demerits;
            int hr = b->flagged ? (a_flag ? a->hyphens + 1 : 1) : 0;
            if (d < best[fit][hr].demerits)
                best[fit][hr] = (kp_node){bi, a->line + 1, fit, hr, d, active[ai - 1]};
        }
        for (int c = 0; c < 4; c++)
            for (int h = 0; h <= KP_MAX_HYPHENS; h++) {
                if (!isfinite(best[c][h].demerits))
                    continue;
                if (!kp_push(k, best[c][h])) {
                    *nomem = true;
                    free(active);
                    return NONE;
                }
                if (end) {
                    if (result == NONE || best[c][h].demerits < k->nodes[result].demerits)
                        result = k->nn - 1;
                } else {
                    active[na++] = k->nn - 1;
                }
            }
    }
    free(active);
    return result;
}

/* Sets the lines of the breaks that end at node `last` into f->lines. */
static void kp_set(mgi_flow *f, const para *p, kp *k, size_t last)
{
    size_t n = 0;
    for (size_t i = last; i != NONE && k->nodes[i].brk != NONE; i = k->nodes[i].prev)
        n++;
    size_t *brks = malloc((n + 1) * sizeof *brks);
    if (!brks) {
        f->nomem = 1;
        return;
    }
    for (size_t i = last, m = n; m > 0; i = k->nodes[i].prev)
        brks[--m] = k->nodes[i].brk;
    const atom *at = f->atoms + p->first;
    size_t k0 = 0, c0 = 0; /* where the line starts: word, byte offset in its atom */
    for (size_t li = 0; li < n && !f->nomem; li++) {
        const kp_break *b = &k->b[brks[li]];
        line ln = {f->nfrags,
                   0,
                   p->style.indent + (li == 0 ? p->style.first_indent : 0),
                   0,
                   0,
                   0,
                   li + 1 == n,
                   b->cut && !b->explicit};
        ln.avail = f->width - ln.x;
        size_t last_word = b->cut ? b->word : b->word - 1;
        double x = 0;
        for (size_t m = k0; m <= last_word; m++) {
            if (m > k0) {
                x += k->w[m].gap;
                ln.gaps++;
            }
            for (size_t ai = k->w[m].first; ai < k->w[m].end; ai++) {
                const atom *a = &at[ai];
                size_t from = m == k0 ? c0 : 0, to = a->n, off = a->text + from;
                bool cut = m == last_word && b->cut, hy = cut && !b->explicit;
                if (cut)
                    to = b->cut;
                if (hy) { /* the word's part before the cut, and a hyphen */
                    to = b->cut;
                    char tmp[256];
                    size_t len = to - from < sizeof tmp - 2 ? to - from : sizeof tmp - 2;
                    memcpy(tmp, f->buf + a->text + from, len);
                    tmp[len] = '-';
                    if ((off = store(f, tmp, len + 1)) == NONE)
                        break;
                }
                size_t len = hy ? to - from + 1 : to - from;
                double w = from == 0 && to == a->n && !hy ? k->aw[ai] : width_of(f, p, a, off, len);
                push_frag(f, p, a, off, len, x, w, hy);
                x += w;
            }
        }
        ln.natural = x;
        close_line(f, &ln, ln.last);
        k0 = b->word;
        c0 = b->cut;
    }
    free(brks);
}

/* Breaks justified paragraph p by total fit (above); returns how many lines,
 * or NONE when no pass finds breaks (and nothing was set). */
static size_t break_optimal(mgi_flow *f, const para *p)
{
    kp k = {0};
    size_t lines = NONE, first = f->nlines;
    bool nomem = !kp_prepare(f, p, &k);
    static const struct {
        double tolerance;
        bool hyphens;
    } passes[] = {{-1, false}, {100, true}, {10000, true}};
    for (size_t i = 0; i < 3 && !nomem && lines == NONE; i++) {
        if (passes[i].hyphens && k.nh == 0 && i == 1)
            continue; /* nothing new to try */
        size_t end = kp_pass(&k, p, f->width, passes[i].tolerance, passes[i].hyphens, &nomem);
        if (end != NONE) {
            kp_set(f, p, &k, end);
            lines = f->nlines - first;
        }
    }
    if (nomem)
        f->nomem = 1;
    kp_free(&k);
    return lines;
}

/* Breaks paragraph p into lines (appended to f->lines); returns how many.
 * Justified text by total fit, the rest (ragged, centred) greedily. */
static size_t break_lines(mgi_flow *f, const para *p)
{
    if (p->style.align == MGI_FLOW_JUSTIFY && p->n > 0) {
        size_t n = break_optimal(f, p);
        if (n != NONE)
            return n;
    }
    return break_greedy(f, p);
}

/* ------------------------------------------------------------ pagination */

/*
 * Pages are filled block by block, by the rules of the printer's craft as TeX
 * states them (The TeXbook, chapters 14, 15 and 23; Bringhurst, The Elements of
 * Typographic Style, 2.4):
 *  - nothing is set beyond the frame: a paragraph that does not fit breaks
 *    between lines (a list item by item, as each item is a paragraph), and
 *    anything else moves whole to the next page;
 *  - a split paragraph leaves at least two lines at the foot of a page (no
 *    orphan) and carries at least two to the next (no widow); one of three
 *    lines or fewer is never split;
 *  - a heading stays with the first lines of what follows it;
 *  - a footnote goes to the foot of the page whose line cites it, under a short
 *    rule. When that page cannot hold it all, two lines stay with the reference
 *    and the rest continues at the foot of the next page (TeX's split
 *    insertions, The TeXbook p. 124);
 *  - the last page of a chapter does not hold only one list item or a few
 *    lines (THIN_LINES): the page before gives up lines until it holds more.
 */

/* A chapter's last page with this many lines or fewer (and no figure) takes
 * lines from the page before: a few lines alone on a page read as a leftover. */
enum { MAX_TRIES = 8, THIN_LINES = 4 };
static const double NOTE_SEP = 10; /* the rule above a page's notes, with its space */
static const double NOTE_GAP = 2;  /* between two notes */

typedef struct footline { /* lines of a note at the foot of the current page */
    size_t note, from, count;
} footline;

typedef struct pager {
    size_t *line_start; /* lines of paragraph i: line_start[i] .. line_start[i + 1] */
    double *caps;       /* per page index: the body's height limit (0: the frame's) */
    size_t ncaps;
    double y, foot; /* body and notes set on the current page */
    footline *foot_q;
    size_t nfoot, foot_cap;
    size_t *carry; /* notes whose remaining lines go to the next page */
    size_t ncarry, carry_cap;
    size_t *pending; /* anchors waiting for the next line or figure */
    size_t npending;
    /* what the current page holds, for the rule on a chapter's last page */
    size_t lines, paras, figs, last_para;
    bool first_marker;
    double lead; /* leading of the last line set */
} pager;

/* Appends an empty page, with the items array a page there had before
 * (mgi_flow_reset, snapshot_restore) when there was one. */
static bool add_page(mgi_flow *f)
{
    if (!GROW(f, f->pages, f->npages, f->pages_cap))
        return false;
    page *p = &f->pages[f->npages];
    if (f->npages < f->pages_kept)
        *p = (page){p->items, 0, p->cap, 0};
    else
        *p = (page){NULL, 0, 0, 0};
    f->npages++;
    if (f->pages_kept < f->npages)
        f->pages_kept = f->npages;
    return true;
}

static page *cur_page(mgi_flow *f)
{
    if (f->npages == 0 && !add_page(f))
        return NULL;
    return &f->pages[f->npages - 1];
}

static double cap_of(const mgi_flow *f, const pager *pg)
{
    size_t i = f->npages ? f->npages - 1 : 0;
    return i < pg->ncaps && pg->caps[i] > 0 ? pg->caps[i] : f->height;
}

static void emit(mgi_flow *f, mgi_flow_item it)
{
    page *p = cur_page(f);
    if (p && GROW(f, p->items, p->n, p->cap))
        p->items[p->n++] = it;
}

static void resolve_anchors(mgi_flow *f, pager *pg, double y)
{
    for (size_t i = 0; i < pg->npending; i++) {
        anchor *a = &f->anchors[pg->pending[i]];
        a->page = f->npages ? f->npages - 1 : 0;
        a->y = y;
        a->placed = true;
    }
    pg->npending = 0;
}

static size_t note_index(const mgi_flow *f, int key)
{
    for (size_t i = 0; key >= 0 && i < f->nnotes; i++)
        if (f->notes[i].key == key)
            return i;
    return NONE;
}

static size_t note_lines(const mgi_flow *f, const pager *pg, size_t ni)
{
    size_t p = f->notes[ni].para;
    return pg->line_start[p + 1] - pg->line_start[p];
}

static double note_lead(const mgi_flow *f, size_t ni)
{
    return f->paras[f->notes[ni].para].style.leading;
}

static void place_line(mgi_flow *f, const para *p, const line *ln, double top, bool first)
{
    const mgi_style *st = &p->style;
    double base = top + st->leading * 0.76;
    double extra = 0, shift = 0, slack = ln->avail - ln->natural;
    /* justified lines take up their slack in the spaces: stretched, or shrunk
     * (total fit may shrink them, and the last line when it overflows) */
    if (st->align == MGI_FLOW_JUSTIFY && ln->gaps > 0 && (!ln->last ? slack != 0 : slack < 0))
        extra = slack / ln->gaps;
    else if (st->align == MGI_FLOW_CENTER)
        shift = slack / 2;
    else if (st->align == MGI_FLOW_RIGHT)
        shift = slack;
    size_t pi = (size_t)(p - f->paras);
    emit(f,
         (mgi_flow_item){MGI_ITEM_LINE, ln->x, base, NULL, 0, st->font, st->size, 0, 0, st->colour,
                         NULL, NULL, NULL, st->numbered, pi, st->role, false, -1, false});
    if (first && p->marker != NONE) {
        const char *m = f->buf + p->marker;
        double w = mgi_font_width(mgi_fonts_get(f->fonts, st->font), m, strlen(m), st->size);
        /* hung in the indent, 5 points before the text; never left of the frame */
        double x = st->indent - w - 5 > 0 ? st->indent - w - 5 : 0;
        emit(f, (mgi_flow_item){MGI_ITEM_TEXT, x, base, (const char *)p->marker, strlen(m),
                                st->font, st->size, w, 0, st->colour, NULL, NULL, NULL, false, pi,
                                st->role, true, -1, false});
    }
    int gap = 0;
    for (size_t k = 0; k < ln->n; k++) {
        const frag *fr = &f->frags[ln->first + k];
        if (k > 0 &&
            fr->x > f->frags[ln->first + k - 1].x + f->frags[ln->first + k - 1].width + EPS)
            gap++;
        /* Texts are buffer offsets until layout ends (the buffer may move). */
        emit(f, (mgi_flow_item){MGI_ITEM_TEXT, ln->x + shift + fr->x + gap * extra, base - fr->rise,
                                (const char *)fr->text, fr->n, fr->font, fr->size, fr->width, 0,
                                st->colour, fr->link == NONE ? NULL : (const char *)(fr->link + 1),
                                NULL, NULL, false, pi, st->role, false, fr->lang, fr->hyphen});
    }
}

/* Sets count more lines of note ni at the foot of the current page. */
static void foot_add(mgi_flow *f, pager *pg, size_t ni, size_t count)
{
    if (!count || !GROW(f, pg->foot_q, pg->nfoot, pg->foot_cap))
        return;
    pg->foot += (pg->nfoot ? NOTE_GAP : NOTE_SEP) + (double)count * note_lead(f, ni);
    pg->foot_q[pg->nfoot++] = (footline){ni, f->notes[ni].placed, count};
    f->notes[ni].placed += count;
    f->notes[ni].queued = true;
}

/* How many lines of note ni fit at the foot, leaving the body reserve points. */
static size_t foot_room(const mgi_flow *f, const pager *pg, size_t ni, double reserve)
{
    double room = cap_of(f, pg) - pg->y - reserve - pg->foot - (pg->nfoot ? NOTE_GAP : NOTE_SEP);
    return room > 0 ? (size_t)floor((room + EPS) / note_lead(f, ni)) : 0;
}

/* The notes line li cites that are not set yet, into out (at most max). */
static size_t new_notes(const mgi_flow *f, size_t li, size_t *out, size_t max)
{
    size_t n = 0;
    for (size_t k = 0; k < f->lines[li].n && n < max; k++) {
        size_t ni = note_index(f, f->frags[f->lines[li].first + k].note);
        if (ni != NONE && !f->notes[ni].queued)
            out[n++] = ni;
    }
    return n;
}

/* The foot height the least of the new notes of lines [from, from + n) needs:
 * two lines of each (all of a shorter one), and the rule when it is the first. */
static double notes_need(const mgi_flow *f, const pager *pg, size_t from, size_t n, bool *rule)
{
    double need = 0;
    for (size_t li = from; li < from + n; li++) {
        size_t ns[8], k = new_notes(f, li, ns, 8);
        for (size_t i = 0; i < k; i++) {
            size_t nl = note_lines(f, pg, ns[i]);
            need += (*rule ? NOTE_GAP : NOTE_SEP) + (double)(nl < 2 ? nl : 2) * note_lead(f, ns[i]);
            *rule = true;
        }
    }
    return need;
}

/* How many of the n lines of a paragraph, from line `from`, fit on the current
 * page after space sb, each with the least of the notes it cites. */
static size_t lines_fit(const mgi_flow *f, const pager *pg, size_t from, size_t n, double lead,
                        double sb)
{
    double y = pg->y + sb, foot = pg->foot, cap = cap_of(f, pg);
    bool rule = pg->nfoot > 0;
    size_t t = 0;
    for (; t < n; t++) {
        double add = notes_need(f, pg, from + t, 1, &rule);
        if (y + lead + foot + add > cap + EPS)
            break;
        y += lead;
        foot += add;
    }
    return t;
}

/* Sets the page's notes at its foot, upwards from the bottom of the frame. */
static void foot_emit(mgi_flow *f, pager *pg)
{
    if (!pg->nfoot)
        return;
    double y = f->height - pg->foot;
    emit(f, (mgi_flow_item){MGI_ITEM_RULE, 0, y + 3, NULL, 0, 0, 0, 60, 0, 0, NULL, NULL, NULL,
                            false, NONE, MGI_ROLE_P, false, -1, false});
    y += NOTE_SEP;
    for (size_t i = 0; i < pg->nfoot; i++) {
        const footline *fl = &pg->foot_q[i];
        const para *p = &f->paras[f->notes[fl->note].para];
        size_t first = pg->line_start[f->notes[fl->note].para];
        if (i)
            y += NOTE_GAP;
        for (size_t k = fl->from; k < fl->from + fl->count; k++) {
            place_line(f, p, &f->lines[first + k], y, k == 0);
            y += p->style.leading;
        }
    }
    pg->nfoot = 0;
    pg->foot = 0;
}

static void new_page(mgi_flow *f, pager *pg)
{
    cur_page(f)->used = pg->y;
    foot_emit(f, pg);
    if (!add_page(f))
        return;
    pg->y = 0;
    pg->lines = pg->paras = pg->figs = 0;
    pg->last_para = NONE;
    pg->first_marker = false;
    /* Notes continued from the page before come first at the foot; a note
     * longer than a page leaves the body a quarter of it. */
    size_t keep = 0;
    for (size_t i = 0; i < pg->ncarry; i++) {
        size_t ni = pg->carry[i], left = note_lines(f, pg, ni) - f->notes[ni].placed;
        size_t fit = foot_room(f, pg, ni, f->height / 4);
        size_t take = fit < left ? (fit ? fit : 1) : left;
        foot_add(f, pg, ni, take);
        if (take < left)
            pg->carry[keep++] = ni;
    }
    pg->ncarry = keep;
}

/* Sets line k of paragraph pi at the current y, with the notes it cites; rest
 * is how many lines of the paragraph follow it on this page. */
static void set_line(mgi_flow *f, pager *pg, size_t pi, size_t k, size_t rest)
{
    const para *p = &f->paras[pi];
    size_t li = pg->line_start[pi] + k;
    place_line(f, p, &f->lines[li], pg->y, k == 0);
    pg->y += p->style.leading;
    pg->lead = p->style.leading;
    pg->lines++;
    if (pg->last_para != pi) {
        if (pg->paras++ == 0)
            pg->first_marker = p->marker != NONE && k == 0;
        pg->last_para = pi;
    }
    size_t ns[8], nn = new_notes(f, li, ns, 8);
    for (size_t i = 0; i < nn; i++) {
        /* As much of the note as leaves room for the lines still to come here
         * and the least of their own notes. */
        bool rule = pg->nfoot > 0;
        double reserve = (double)rest * p->style.leading + notes_need(f, pg, li + 1, rest, &rule);
        size_t nl = note_lines(f, pg, ns[i]), fit = foot_room(f, pg, ns[i], reserve);
        size_t take = fit < nl ? (fit ? fit : 1) : nl;
        foot_add(f, pg, ns[i], take);
        if (take < nl && GROW(f, pg->carry, pg->ncarry, pg->carry_cap))
            pg->carry[pg->ncarry++] = ns[i];
    }
}

/* Height the first lines of block b need to follow a heading on its page. */
static double follow_height(mgi_flow *f, const pager *pg, size_t b, int depth)
{
    for (; b < f->nblocks; b++) {
        const block *bl = &f->blocks[b];
        if (bl->kind == B_ANCHOR || bl->kind == B_NOTE)
            continue;
        if (bl->kind == B_FIGURE)
            return f->figs[bl->index].space_before + f->figs[bl->index].height;
        if (bl->kind == B_PARA) {
            const para *p = &f->paras[bl->index];
            size_t n = pg->line_start[bl->index + 1] - pg->line_start[bl->index];
            /* A paragraph that keeps with the next in turn (a heading, the
             * words that introduce a table) brings all of itself and what it
             * keeps with: a chain is kept together, not only its first link. */
            if (p->style.keep_with_next && depth < 4)
                return p->style.space_before + (double)n * p->style.leading + p->style.space_after +
                       follow_height(f, pg, b + 1, depth + 1);
            /* The lines that cannot be separated from the heading: a paragraph
             * of three lines or fewer is never split. */
            return p->style.space_before + (n < 4 ? (double)n : 2.0) * p->style.leading;
        }
        return 0;
    }
    return 0;
}

static bool page_empty(const mgi_flow *f, const pager *pg)
{
    return pg->y <= 0 && pg->lines == 0 && pg->figs == 0 && f->npages &&
           f->pages[f->npages - 1].n == 0;
}

static void place_figure(mgi_flow *f, pager *pg, const figure *fg)
{
    double sb = pg->y > 0 ? fg->space_before : 0;
    if (!page_empty(f, pg) && pg->y + sb + fg->height > cap_of(f, pg) - pg->foot + EPS) {
        new_page(f, pg);
        sb = 0;
    }
    resolve_anchors(f, pg, pg->y + sb);
    emit(f, (mgi_flow_item){MGI_ITEM_FIGURE, 0, pg->y + sb, NULL, 0, 0, 0, f->width, fg->height, 0,
                            NULL, fg->draw, fg->ctx, false, NONE, MGI_ROLE_P, false, -1, false});
    pg->y += sb + fg->height + fg->space_after;
    pg->figs++;
}

/* Lays paragraph pi (block b) onto the pages from the current position. */
static void place_para(mgi_flow *f, pager *pg, size_t b, size_t pi)
{
    const para *p = &f->paras[pi];
    const double lead = p->style.leading;
    size_t first = pg->line_start[pi], n = pg->line_start[pi + 1] - first;
    double sb = pg->y > 0 ? p->style.space_before : 0;
    if (p->style.keep_with_next && !page_empty(f, pg) &&
        pg->y + sb + (double)n * lead + p->style.space_after + follow_height(f, pg, b + 1, 0) >
            cap_of(f, pg) - pg->foot + EPS) {
        new_page(f, pg);
        sb = 0;
    }
    size_t k = 0;
    while (k < n && !f->nomem) {
        size_t left = n - k, fit = lines_fit(f, pg, first + k, left, lead, k ? 0 : sb);
        size_t take = left;
        if (left > fit) {
            take = fit;
            if (k == 0 && (take < 2 || left < 4))
                take = 0; /* an orphan: start the paragraph on the next page */
            else if (left - take < 2)
                take = left >= 4 ? left - 2 : 0; /* leave no widow */
            if (take == 0 && page_empty(f, pg))
                take = fit ? fit : 1; /* a page too short for the rules */
            /* A word is not split across pages (TeX's \brokenpenalty): the page
             * ends a line earlier when the orphan rule allows. */
            if (take > 2 && f->lines[first + k + take - 1].hyphen)
                take--;
        }
        if (take == 0) {
            new_page(f, pg);
            sb = 0;
            continue;
        }
        if (k == 0) {
            pg->y += sb;
            resolve_anchors(f, pg, pg->y);
        }
        for (size_t t = 0; t < take; t++, k++)
            set_line(f, pg, pi, k, take - t - 1);
        if (k < n)
            new_page(f, pg);
    }
    pg->y += p->style.space_after;
}

/* memcpy, for arrays that may be empty (and then NULL). */
static void copy(void *dst, const void *src, size_t n)
{
    if (n)
        memcpy(dst, src, n);
}

/* The state a chapter starts from, to lay it out again. */
typedef struct snapshot {
    size_t block; /* the first block of the chapter */
    size_t npages, nitems, npending, ncarry;
    bool valid; /* it starts on a page with no notes: it can be laid out again */
    pager pg;
    fnote *notes;
    size_t *carry, *pending;
} snapshot;

static bool snapshot_take(mgi_flow *f, const pager *pg, size_t first, snapshot *s)
{
    free(s->notes);
    free(s->carry);
    free(s->pending);
    *s = (snapshot){first,        f->npages,  f->npages ? f->pages[f->npages - 1].n : 0,
                    pg->npending, pg->ncarry, pg->nfoot == 0 && pg->ncarry == 0,
                    *pg,          NULL,       NULL,
                    NULL};
    s->notes = malloc((f->nnotes + 1) * sizeof *s->notes);
    s->carry = malloc((pg->ncarry + 1) * sizeof *s->carry);
    s->pending = malloc((pg->npending + 1) * sizeof *s->pending);
    if (!s->notes || !s->carry || !s->pending)
        return false;
    copy(s->notes, f->notes, f->nnotes * sizeof *s->notes);
    copy(s->carry, pg->carry, pg->ncarry * sizeof *s->carry);
    copy(s->pending, pg->pending, pg->npending * sizeof *s->pending);
    return true;
}

static void snapshot_restore(mgi_flow *f, pager *pg, const snapshot *s)
{
    f->npages = s->npages; /* the pages past it keep their items for the next */
    if (f->npages)
        f->pages[f->npages - 1].n = s->nitems;
    copy(f->notes, s->notes, f->nnotes * sizeof *f->notes);
    pg->y = s->pg.y;
    pg->foot = s->pg.foot;
    pg->nfoot = 0;
    pg->lines = s->pg.lines;
    pg->paras = s->pg.paras;
    pg->figs = s->pg.figs;
    pg->last_para = s->pg.last_para;
    pg->first_marker = s->pg.first_marker;
    copy(pg->carry, s->carry, s->ncarry * sizeof *pg->carry);
    pg->ncarry = s->ncarry;
    copy(pg->pending, s->pending, s->npending * sizeof *pg->pending);
    pg->npending = s->npending;
}

/* Does the current page, the last of a chapter begun pages before, hold only
 * one list item, or THIN_LINES lines or fewer? */
static bool thin_end(const mgi_flow *f, const pager *pg, const snapshot *s)
{
    return s->valid && pg->ncarry == 0 && f->npages > s->npages && pg->figs == 0 && pg->lines > 0 &&
           (pg->lines <= THIN_LINES || (pg->paras == 1 && pg->first_marker));
}

static bool set_cap(mgi_flow *f, pager *pg, size_t page_index, double cap)
{
    if (page_index >= pg->ncaps) {
        size_t n = page_index + 16;
        double *c = realloc(pg->caps, n * sizeof *c);
        if (!c) {
            f->nomem = 1;
            return false;
        }
        for (size_t i = pg->ncaps; i < n; i++)
            c[i] = 0;
        pg->caps = c;
        pg->ncaps = n;
    }
    pg->caps[page_index] = cap;
    return true;
}

static void mark_cited(mgi_flow *f)
{
    for (size_t li = 0; li < f->nlines; li++)
        for (size_t k = 0; k < f->lines[li].n; k++) {
            size_t ni = note_index(f, f->frags[f->lines[li].first + k].note);
            if (ni != NONE)
                f->notes[ni].cited = true;
        }
}

/* Lays the blocks onto pages, laying a chapter out again (up to MAX_TRIES
 * times, each time with a shorter page before its last) when its last page
 * would be thin. */
static void paginate(mgi_flow *f, pager *pg)
{
    snapshot s = {0};
    int tries = 0;
    double used = 0;
    if (!snapshot_take(f, pg, 0, &s))
        f->nomem = 1;
    for (size_t b = 0; b <= f->nblocks && !f->nomem; b++) {
        const block *bl = b < f->nblocks ? &f->blocks[b] : NULL;
        if (!bl || bl->kind == B_BREAK) {
            if (thin_end(f, pg, &s) && tries < MAX_TRIES) {
                /* Shorten the page before by a line more each time. */
                size_t prev = f->npages - 2;
                if (tries == 0)
                    used = f->pages[prev].used;
                tries++;
                if (set_cap(f, pg, prev, used - pg->lead * tries)) {
                    snapshot_restore(f, pg, &s);
                    b = s.block - 1; /* the loop's b++ brings it back (unsigned: from 0 too) */
                    continue;
                }
            }
            tries = 0;
            if (!bl)
                break;
            if (!page_empty(f, pg))
                new_page(f, pg);
            if (!snapshot_take(f, pg, b + 1, &s))
                f->nomem = 1;
            continue;
        }
        if (bl->kind == B_ANCHOR) {
            pg->pending[pg->npending++] = bl->index;
        } else if (bl->kind == B_FIGURE) {
            place_figure(f, pg, &f->figs[bl->index]);
        } else if (bl->kind == B_PARA ||
                   (bl->kind == B_NOTE && !f->notes[f->paras[bl->index].note].cited)) {
            place_para(f, pg, b, bl->index); /* a note no line cites is set where it stands */
        }
    }
    free(s.notes);
    free(s.carry);
    free(s.pending);
}

mgi_error mgi_flow_layout(mgi_flow *f)
{
    pager pg = {0};
    pg.last_para = NONE;
    /* Lines of every paragraph first: headings look ahead at what follows. */
    pg.line_start = malloc((f->nparas + 1) * sizeof *pg.line_start);
    pg.pending = malloc((f->nanchors + 1) * sizeof *pg.pending);
    if (!pg.line_start || !pg.pending) {
        free(pg.line_start);
        free(pg.pending);
        return MGI_ERR_NOMEM;
    }
    for (size_t i = 0; i < f->nparas; i++) {
        pg.line_start[i] = f->nlines;
        break_lines(f, &f->paras[i]);
    }
    pg.line_start[f->nparas] = f->nlines;
    mark_cited(f);
    cur_page(f);
    paginate(f, &pg);
    /* The notes still to continue get pages of their own. */
    while (!f->nomem && (pg.nfoot || pg.ncarry)) {
        if (pg.ncarry)
            new_page(f, &pg);
        else
            foot_emit(f, &pg);
    }
    if (pg.npending)
        resolve_anchors(f, &pg, pg.y);
    free(pg.line_start);
    free(pg.pending);
    free(pg.caps);
    free(pg.foot_q);
    free(pg.carry);
    if (f->nomem)
        return MGI_ERR_NOMEM;
    /* Now that the buffer no longer moves, offsets become pointers. */
    for (size_t p = 0; p < f->npages; p++)
        for (size_t i = 0; i < f->pages[p].n; i++) {
            mgi_flow_item *it = &f->pages[p].items[i];
            if (it->kind != MGI_ITEM_TEXT)
                continue;
            it->text = f->buf + (size_t)it->text;
            if (it->link)
                it->link = f->buf + ((size_t)it->link - 1);
        }
    return MGI_OK;
}

size_t mgi_flow_npages(const mgi_flow *f)
{
    return f->npages;
}

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
