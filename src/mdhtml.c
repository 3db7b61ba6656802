/* mdhtml.c — a finding's inline Markdown as HTML for the dashboard, through cmark as markdown.c. */
#include "mgi/mdhtml.h"

#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mgi/markdown.h"
#include "mgi/practice.h"

/* One piece of text with its marks, in reading order. */
typedef struct run {
    const char *text; /* cmark's, valid while the document lives */
    bool em, strong;
    const char *url; /* an allowed link target, or NULL */
    char lang[3];    /* words in another language: "es", "en"; "" otherwise */
} run;

typedef struct runs {
    run *v;
    size_t n, cap;
    bool nomem;
    char lang[3]; /* inside <span lang="..">, which mgi_md_spans writes */
} runs;

static void add(runs *r, const char *text, bool em, bool strong, const char *url)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 16;
        run *v = realloc(r->v, cap * sizeof *v);
        if (!v) {
            r->nomem = true;
            return;
        }
        r->v = v;
        r->cap = cap;
    }
    r->v[r->n++] = (run){text, em, strong, url, {r->lang[0], r->lang[1], '\0'}};
}

/* The inline nodes under n, as markdown.c's inlines() reads them. */
static void collect(runs *r, cmark_node *n, bool em, bool strong, const char *url)
{
    for (cmark_node *k = cmark_node_first_child(n); k; k = cmark_node_next(k)) {
        switch (cmark_node_get_type(k)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE: add(r, cmark_node_get_literal(k), em, strong, url); break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK: add(r, " ", em, strong, url); break;
        case CMARK_NODE_EMPH: collect(r, k, !strong, strong, url); break;
        case CMARK_NODE_STRONG: collect(r, k, false, true, url); break;
        case CMARK_NODE_LINK: {
            const char *target = cmark_node_get_url(k);
            collect(r, k, em, strong, mgi_md_link_ok(target) ? target : NULL);
            break;
        }
        case CMARK_NODE_HTML_INLINE: { /* only a language span (mgi_md_spans) */
            const char *h = cmark_node_get_literal(k);
            if (h && strncmp(h, "<span lang=\"", 12) == 0 && h[12] && h[13] && h[14] == '"')
                r->lang[0] = h[12], r->lang[1] = h[13];
            else if (h && strcmp(h, "</span>") == 0)
                r->lang[0] = r->lang[1] = '\0';
            break;
        }
        case CMARK_NODE_IMAGE:
            collect(r, k, em, strong, url); /* its description; never read */
            break;
        case CMARK_NODE_PARAGRAPH:
        case CMARK_NODE_HEADING:
            if (r->n)
                add(r, " ", em, strong, url);
            collect(r, k, em, strong, url);
            break;
        default: /* raw HTML and anything else: dropped */ break;
        }
    }
}

static void esc(FILE *f, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        switch (s[i]) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: putc(s[i], f);
        }
    }
}

/* The plain text of the runs, with mgi_practice_excerpt's own marks escaped so
 * that it keeps them as text. */
static char *plain(const runs *r)
{
    size_t len = 1;
    for (size_t i = 0; i < r->n; i++)
        len += 2 * strlen(r->v[i].text);
    char *s = malloc(len), *o = s;
    if (!s)
        return NULL;
    for (size_t i = 0; i < r->n; i++)
        for (const char *p = r->v[i].text; *p; p++) {
            if (strchr("\\`*_[]", *p))
                *o++ = '\\';
            *o++ = *p;
        }
    *o = '\0';
    return s;
}

static void open_marks(FILE *f, const run *x)
{
    if (x->lang[0] && (x->lang[0] >= 'a' && x->lang[0] <= 'z') &&
        (x->lang[1] >= 'a' && x->lang[1] <= 'z'))
        fprintf(f, "<span lang=\"%s\">", x->lang);
    if (x->url) {
        fputs("<a href=\"", f);
        esc(f, x->url, strlen(x->url));
        fputs("\">", f);
    }
    if (x->strong)
        fputs("<strong>", f);
    if (x->em)
        fputs("<em>", f);
}

static void close_marks(FILE *f, const run *x)
{
    if (x->em)
        fputs("</em>", f);
    if (x->strong)
        fputs("</strong>", f);
    if (x->url)
        fputs("</a>", f);
    if (x->lang[0] && (x->lang[0] >= 'a' && x->lang[0] <= 'z') &&
        (x->lang[1] >= 'a' && x->lang[1] <= 'z'))
        fputs("</span>", f);
}

static bool space(char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* Writes the runs as HTML as far as they match the excerpt ex (whitespace
 * collapsed as the excerpt collapses it), then what is left of ex (its "…"). */
static void write_html(FILE *f, const runs *r, const char *ex)
{
    const char *e = ex;
    bool stop = false;
    for (size_t i = 0; i < r->n && *e && !stop; i++) {
        const run *x = &r->v[i];
        const char *p = x->text;
        bool opened = false;
        while (*p && *e) {
            size_t len = 1;
            if (space(*p)) {
                if (*e == ' ') {
                    if (!opened)
                        open_marks(f, x), opened = true;
                    putc(' ', f);
                    e++;
                }
                p++;
                continue;
            }
            while (((unsigned char)p[len] & 0xC0) == 0x80)
                len++;
            if (strncmp(p, e, len) != 0) {
                stop = true;
                break;
            }
            if (!opened)
                open_marks(f, x), opened = true;
            esc(f, p, len);
            p += len;
            e += len;
        }
        if (opened)
            close_marks(f, x);
    }
    esc(f, e, strlen(e));
}

mgi_error mgi_markdown_html_excerpt(const char *md, size_t max_chars, char **out)
{
    *out = NULL;
    runs r = {0};
    char *text = NULL, *ex = NULL, *buf = NULL;
    size_t size = 0;
    mgi_error err = MGI_ERR_NOMEM;
    char *spans = mgi_md_spans(md);
    cmark_node *doc = spans ? cmark_parse_document(spans, strlen(spans), CMARK_OPT_SMART) : NULL;
    free(spans);
    if (!doc)
        return err;
    collect(&r, doc, false, false, NULL);
    if (r.nomem || !(text = plain(&r)) || !(ex = malloc(4 * max_chars + 8)))
        goto cleanup;
    mgi_practice_excerpt(text, max_chars, ex, 4 * max_chars + 8);
    FILE *f = open_memstream(&buf, &size);
    if (!f)
        goto cleanup;
    write_html(f, &r, ex);
    if (fclose(f) != 0) {
        free(buf);
        goto cleanup;
    }
    *out = buf;
    err = MGI_OK;
cleanup:
    cmark_node_free(doc);
    free(r.v);
    free(text);
    free(ex);
    return err;
}

mgi_error mgi_markdown_plain(const char *md, char **out)
{
    *out = NULL;
    runs r = {0};
    /* Without the smart option: a cell keeps its straight quotes and hyphens. */
    char *spans = mgi_md_spans(md);
    cmark_node *doc = spans ? cmark_parse_document(spans, strlen(spans), CMARK_OPT_DEFAULT) : NULL;
    free(spans);
    if (!doc)
        return MGI_ERR_NOMEM;
    collect(&r, doc, false, false, NULL);
    size_t len = 1;
    for (size_t i = 0; i < r.n; i++)
        len += strlen(r.v[i].text);
    char *s = r.nomem ? NULL : malloc(len);
    if (s) {
        char *o = s;
        for (size_t i = 0; i < r.n; i++) {
            size_t n = strlen(r.v[i].text);
            memcpy(o, r.v[i].text, n);
            o += n;
        }
        *o = '\0';
    }
    cmark_node_free(doc);
    free(r.v);
    *out = s;
    return s ? MGI_OK : MGI_ERR_NOMEM;
}
