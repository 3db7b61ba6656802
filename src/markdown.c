/* markdown.c — cmark's tree into flow paragraphs and runs, with GitHub-style footnotes. */
#include "mgi/markdown.h"

#include <cmark.h>
#include <stdalign.h>
#include <stdbool.h>
#include <stddef.h>
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mgi/arena.h"
#include "mgi/strings.h" /* MGI_LANG_* */

/* A footnote reference [^id] is replaced before parsing by these private-use
 * characters around the id, which cmark leaves inside one text node. */
#define REF_OPEN  "\xEE\x80\x80" /* U+E000 */
#define REF_CLOSE "\xEE\x80\x81" /* U+E001 */

typedef struct defs {
    char *id[MGI_MD_MAX_NOTES];
    char *text[MGI_MD_MAX_NOTES]; /* moved to the notes when first cited */
    int number[MGI_MD_MAX_NOTES]; /* 0 until cited */
    size_t n;
} defs;

bool mgi_md_link_ok(const char *url)
{
    if (!url)
        return false;
    static const char *const ok[] = {"http://", "https://", "mailto:"};
    bool scheme = false;
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        scheme |= strncasecmp(url, ok[i], strlen(ok[i])) == 0 && url[strlen(ok[i])];
    for (const unsigned char *p = (const unsigned char *)url; scheme && *p; p++)
        if (*p <= ' ' || *p == 0x7F)
            return false; /* no control character or space */
    return scheme;
}

void mgi_md_notes_clear(mgi_md_notes *notes)
{
    for (size_t i = 0; i < notes->n; i++)
        free(notes->text[i]);
    notes->n = 0;
}

static void defs_free(defs *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->id[i]);
        free(d->text[i]);
    }
}

/* Pandoc's bracketed span for words in another language, [Sello
 * Migrante]{lang=es}, as the HTML span that cmark passes on,
 * <span lang="es">Sello Migrante</span>: at p (n bytes left on the line), the
 * opening bracket of a span (*end is then set to its closing bracket) or, at
 * *end, the span's close. Writes the HTML to out and returns its length; 0
 * when p is neither. */
static size_t span(const char *p, size_t n, const char **end, char *out)
{
    if (*end && p == *end) {
        *end = NULL;
        memcpy(out, "</span>", 7);
        return 7;
    }
    const char *b = !*end && p[0] == '[' && p[1] != '^' ? memchr(p, ']', n) : NULL;
    if (!b || (size_t)(p + n - b) < 10 || strncmp(b, "]{lang=", 7) != 0 ||
        !isalpha((unsigned char)b[7]) || !isalpha((unsigned char)b[8]) || b[9] != '}')
        return 0;
    *end = b;
    return (size_t)sprintf(out, "<span lang=\"%c%c\">", tolower((unsigned char)b[7]),
                           tolower((unsigned char)b[8]));
}

char *mgi_md_spans(const char *md)
{
    size_t n = strlen(md);
    char *out = malloc(n * 2 + 1), *o = out;
    if (!out)
        return NULL;
    const char *end = NULL;
    /* the end of p's line, found once a line */
    const char *eol = memchr(md, '\n', n), *stop = md + n;
    for (const char *p = md; *p; p++) {
        if (eol && eol < p)
            eol = memchr(p, '\n', (size_t)(stop - p));
        size_t k = span(p, (size_t)((eol ? eol : stop) - p), &end, o);
        if (k) {
            o += k;
            if (!end && k == 7)
                p += 9; /* past "]{lang=xx}" */
        } else {
            if (*p == '\n')
                end = NULL; /* a span does not cross lines */
            *o++ = *p;
        }
    }
    *o = '\0';
    return out;
}

/* Takes the footnote definitions out of md and marks the references;
 * returns the text for cmark (malloc'd) or NULL when out of memory. */
static char *prepare(const char *md, defs *d)
{
    size_t n = strlen(md);
    char *out = malloc(n * 2 + 1), *o = out;
    if (!out)
        return NULL;
    const char *s = md;
    while (*s) {
        const char *eol = strchr(s, '\n');
        size_t len = eol ? (size_t)(eol - s) : strlen(s);
        const char *close = len > 3 && strncmp(s, "[^", 2) == 0 ? memchr(s, ']', len) : NULL;
        if (close && close + 1 < s + len && close[1] == ':' && d->n < MGI_MD_MAX_NOTES) {
            const char *t = close + 2;
            while (t < s + len && (*t == ' ' || *t == '\t'))
                t++;
            d->id[d->n] = strndup(s + 2, (size_t)(close - s - 2));
            d->text[d->n] = strndup(t, (size_t)(s + len - t));
            if (!d->id[d->n] || !d->text[d->n]) {
                free(out);
                return NULL;
            }
            d->n++;
            s += len + (eol ? 1 : 0);
            continue;
        }
        const char *span_end = NULL; /* the ']' of an open [words]{lang=xx} */
        for (const char *p = s; p < s + len; p++) {
            const char *end =
                p[0] == '[' && p[1] == '^' ? memchr(p, ']', (size_t)(s + len - p)) : NULL;
            size_t k = span(p, (size_t)(s + len - p), &span_end, o);
            if (k) {
                o += k;
                if (!span_end)
                    p += 9; /* past "]{lang=xx}" */
            } else if (end && end > p + 2) {
                memcpy(o, REF_OPEN, 3);
                o += 3;
                memcpy(o, p + 2, (size_t)(end - p - 2));
                o += end - p - 2;
                memcpy(o, REF_CLOSE, 3);
                o += 3;
                p = end;
            } else {
                *o++ = *p;
            }
        }
        if (eol)
            *o++ = '\n';
        s += len + (eol ? 1 : 0);
    }
    *o = '\0';
    return out;
}

typedef struct ctx {
    mgi_flow *f;
    const mgi_md_styles *st;
    mgi_md_notes *notes;
    defs *d;
    int font;
    const char *link;
    bool started; /* a paragraph has received text (inline mode) */
} ctx;

/* The number of note id: given at its first citation; 0 for an unknown id. */
static int note_number(ctx *c, const char *id)
{
    if (!c->notes)
        return 0;
    for (size_t i = 0; i < c->d->n; i++) {
        if (strcmp(c->d->id[i], id) != 0)
            continue;
        if (c->d->number[i])
            return c->d->number[i];
        if (c->notes->n >= MGI_MD_MAX_NOTES)
            return 0;
        int num = c->notes->next++;
        c->notes->number[c->notes->n] = num;
        c->notes->text[c->notes->n++] = c->d->text[i];
        c->d->text[i] = NULL;
        c->d->number[i] = num;
        return num;
    }
    return 0;
}

/* The language of an ISO 639-1 code: MGI_LANG_EN, MGI_LANG_ES, or -1. */
static int lang_of(const char *code)
{
    return strncmp(code, "en", 2) == 0   ? MGI_LANG_EN
           : strncmp(code, "es", 2) == 0 ? MGI_LANG_ES
                                         : -1;
}

static void text(ctx *c, const char *s)
{
    while (*s) {
        const char *ref = strstr(s, REF_OPEN);
        size_t n = ref ? (size_t)(ref - s) : strlen(s);
        if (n)
            mgi_flow_text(c->f, s, n, c->font, c->link);
        c->started = true;
        if (!ref)
            break;
        const char *end = strstr(ref + 3, REF_CLOSE);
        if (!end)
            break;
        char id[64];
        snprintf(id, sizeof id, "%.*s", (int)(end - ref - 3), ref + 3);
        int num = note_number(c, id);
        if (!num) {
            /* no such note: show the reference as written */
            char buf[80];
            snprintf(buf, sizeof buf, "[^%s]", id);
            mgi_flow_text(c->f, buf, strlen(buf), c->font, NULL);
        } else {
            char buf[16];
            snprintf(buf, sizeof buf, "%d", num);
            mgi_flow_sup(c->f, buf, num);
        }
        s = end + 3;
    }
}

static void inlines(ctx *c, cmark_node *n)
{
    for (cmark_node *k = cmark_node_first_child(n); k; k = cmark_node_next(k)) {
        int saved_font = c->font;
        const char *saved_link = c->link;
        switch (cmark_node_get_type(k)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE: text(c, cmark_node_get_literal(k)); break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK: mgi_flow_text(c->f, " ", 1, c->font, NULL); break;
        case CMARK_NODE_EMPH:
            if (c->font != MGI_FONT_BOLD)
                c->font = MGI_FONT_ITALIC;
            inlines(c, k);
            break;
        case CMARK_NODE_STRONG:
            c->font = MGI_FONT_BOLD;
            inlines(c, k);
            break;
        case CMARK_NODE_LINK:
            /* only web and mail addresses become links (mgi_md_link_ok) */
            c->link = mgi_md_link_ok(cmark_node_get_url(k)) ? cmark_node_get_url(k) : NULL;
            inlines(c, k);
            break;
        case CMARK_NODE_HTML_INLINE: {
            /* <span lang="es">…</span>: words in another language */
            const char *h = cmark_node_get_literal(k);
            if (h && strncmp(h, "<span lang=\"", 12) == 0 && isalpha((unsigned char)h[12]) &&
                isalpha((unsigned char)h[13]))
                mgi_flow_lang(c->f, lang_of(h + 12));
            else if (h && strcmp(h, "</span>") == 0)
                mgi_flow_lang(c->f, -1);
            break;
        }
        case CMARK_NODE_IMAGE:
            inlines(c, k); /* its description */
            break;
        default: /* raw HTML and anything else: dropped */ break;
        }
        c->font = saved_font;
        c->link = saved_link;
    }
}

static void blocks(ctx *c, cmark_node *n, int depth);

/* A list: each item's paragraphs with the item's marker on the first one;
 * nested lists one step further in. */
static void list(ctx *c, cmark_node *l, int depth)
{
    bool ordered = cmark_node_get_list_type(l) == CMARK_ORDERED_LIST;
    int number = cmark_node_get_list_start(l);
    mgi_style st = *c->st->item;
    st.indent += 14.0 * depth;
    for (cmark_node *item = cmark_node_first_child(l); item;
         item = cmark_node_next(item), number++) {
        bool first = true;
        for (cmark_node *b = cmark_node_first_child(item); b; b = cmark_node_next(b)) {
            if (cmark_node_get_type(b) == CMARK_NODE_LIST) {
                list(c, b, depth + 1);
                continue;
            }
            mgi_flow_paragraph(c->f, &st);
            if (first) {
                char marker[16];
                if (ordered)
                    snprintf(marker, sizeof marker, "%d.", number);
                else
                    snprintf(marker, sizeof marker, "%s", depth ? "–" : "•");
                mgi_flow_marker(c->f, marker);
                first = false;
            }
            c->font = -1;
            if (cmark_node_get_type(b) == CMARK_NODE_PARAGRAPH)
                inlines(c, b);
        }
    }
}

static void blocks(ctx *c, cmark_node *n, int depth)
{
    for (cmark_node *k = cmark_node_first_child(n); k; k = cmark_node_next(k)) {
        switch (cmark_node_get_type(k)) {
        case CMARK_NODE_HEADING: {
            int level = cmark_node_get_heading_level(k);
            mgi_flow_paragraph(c->f, c->st->heading[level < 1 ? 0 : level > 3 ? 2 : level - 1]);
            c->font = -1;
            inlines(c, k);
            break;
        }
        case CMARK_NODE_PARAGRAPH: {
            /* A paragraph all in bold ("**Ministry of Education**" over a group
             * of sources) is a heading in all but name: it keeps with what
             * follows, never the last line of a page. */
            cmark_node *only = cmark_node_first_child(k);
            mgi_style st = *c->st->body;
            if (only && !cmark_node_next(only) && cmark_node_get_type(only) == CMARK_NODE_STRONG)
                st.keep_with_next = true;
            mgi_flow_paragraph(c->f, &st);
            c->font = -1;
            inlines(c, k);
            break;
        }
        case CMARK_NODE_CODE_BLOCK: {
            mgi_style st = *c->st->body;
            st.align = MGI_FLOW_LEFT;
            mgi_flow_paragraph(c->f, &st);
            const char *lit = cmark_node_get_literal(k);
            mgi_flow_text(c->f, lit, strlen(lit), MGI_FONT_REGULAR, NULL);
            break;
        }
        case CMARK_NODE_BLOCK_QUOTE: {
            mgi_style st = *c->st->body;
            st.indent += 18;
            mgi_md_styles inner = *c->st;
            inner.body = &st;
            const mgi_md_styles *saved = c->st;
            c->st = &inner;
            blocks(c, k, depth);
            c->st = saved;
            break;
        }
        case CMARK_NODE_LIST: list(c, k, depth); break;
        default: /* thematic breaks, raw HTML: nothing */ break;
        }
    }
}

/*
 * cmark allocates every node and buffer on its own: a practice sheet took
 * 600 mallocs and as many frees. A parse takes them from an arena instead,
 * freed at once when the text is done. cmark's allocator gets no context
 * pointer, hence the arena in a thread-local variable. Like cmark's own
 * allocator, these abort when memory runs out, as cmark does not check.
 */
static _Thread_local mgi_arena *md_arena;

#define MD_HEAD alignof(max_align_t) /* before each block: its size, for realloc */

static void *md_alloc(size_t size)
{
    unsigned char *p = size < SIZE_MAX - MD_HEAD ? mgi_arena_alloc(md_arena, size + MD_HEAD) : NULL;
    if (!p)
        abort();
    memcpy(p, &size, sizeof size);
    return p + MD_HEAD;
}

static void *md_calloc(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        abort();
    return md_alloc(n * size); /* zero-filled by the arena */
}

static void *md_realloc(void *old, size_t size)
{
    if (!old)
        return md_alloc(size);
    size_t had;
    memcpy(&had, (unsigned char *)old - MD_HEAD, sizeof had);
    if (size <= had)
        return old;
    void *p = md_alloc(size);
    memcpy(p, old, had);
    return p;
}

static void md_free(void *p)
{
    (void)p; /* with the arena */
}

static mgi_error run(mgi_flow *f, const char *md, const mgi_md_styles *st, mgi_md_notes *notes,
                     bool inline_only)
{
    defs d = {0};
    char *src = prepare(md, &d);
    mgi_arena *arena = src ? mgi_arena_new() : NULL;
    if (!arena) {
        free(src);
        defs_free(&d);
        return MGI_ERR_NOMEM;
    }
    cmark_mem mem = {md_calloc, md_realloc, md_free};
    md_arena = arena;
    cmark_parser *parser = cmark_parser_new_with_mem(CMARK_OPT_SMART, &mem);
    cmark_parser_feed(parser, src, strlen(src));
    cmark_node *doc = cmark_parser_finish(parser);
    cmark_parser_free(parser);
    free(src);
    ctx c = {f, st, notes, &d, -1, NULL, false};
    if (inline_only) {
        for (cmark_node *k = cmark_node_first_child(doc); k; k = cmark_node_next(k)) {
            if (c.started)
                mgi_flow_text(f, " ", 1, -1, NULL);
            c.font = -1;
            inlines(&c, k);
        }
    } else {
        blocks(&c, doc, 0);
    }
    md_arena = NULL;
    mgi_arena_free(arena); /* the tree with it */
    defs_free(&d);
    return MGI_OK;
}

mgi_error mgi_markdown_blocks(mgi_flow *f, const char *md, const mgi_md_styles *styles,
                              mgi_md_notes *notes)
{
    return run(f, md, styles, notes, false);
}

mgi_error mgi_markdown_inline(mgi_flow *f, const char *md, mgi_md_notes *notes)
{
    return run(f, md, NULL, notes, true);
}
