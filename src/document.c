/* document.c — what the profile and the comparison share: the builder, the pages around the flow,
 * render. */
#include "mgi/document.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mgi/collate.h"
#include "mgi/output.h"
#include "mgi/pdf.h"
#include "mgi/utf8.h"

/* The output intent's colour profile (Debian's icc-profiles-free). */
#define MGI_DOC_ICC "/usr/share/color/icc/sRGB.icc"

/* ------------------------------------------------------------ the builder */

const char *mgi_doc_str(const mgi_doc *b, const char *key)
{
    return mgi_strings_get(b->p->strings, b->p->lang, key);
}

/* The value of key with the commune's placeholders filled in. */
const char *mgi_doc_fmt(mgi_doc *b, const char *key, char *buf, size_t size)
{
    return mgi_strings_format(b->p->strings, b->p->lang, key, buf, size, b->vars);
}

void mgi_doc_inline(mgi_doc *b, const char *md)
{
    if (mgi_markdown_inline(b->flow, md, &b->notes) != MGI_OK)
        b->err = MGI_ERR_NOMEM;
}

void mgi_doc_para(mgi_doc *b, const mgi_style *st, const char *md)
{
    mgi_flow_paragraph(b->flow, st);
    mgi_doc_inline(b, md);
}

void mgi_doc_para_key(mgi_doc *b, const mgi_style *st, const char *key)
{
    char buf[4096];
    mgi_doc_para(b, st, mgi_doc_fmt(b, key, buf, sizeof buf));
}

void mgi_doc_upper(mgi_doc *b, char *s, size_t size)
{
    mgi_error err = mgi_collate_upper(s, strlen(s), mgi_lang_code(b->p->lang), s, size);
    if (err != MGI_OK && b->err == MGI_OK)
        b->err = err;
}

void mgi_doc_heading(mgi_doc *b, const mgi_style *st, const char *text)
{
    mgi_flow_paragraph(b->flow, st);
    mgi_flow_text(b->flow, text, strlen(text), -1, NULL);
}

void mgi_doc_bullet(mgi_doc *b, const char *md)
{
    mgi_flow_paragraph(b->flow, &b->item);
    mgi_flow_marker(b->flow, "•");
    mgi_doc_inline(b, md);
}
/* The notes cited since the last call, into the flow, which sets each at the
 * foot of the page that cites it. */
void mgi_doc_flush_notes(mgi_doc *b)
{
    for (size_t i = 0; i < b->notes.n; i++) {
        char num[16];
        snprintf(num, sizeof num, "%d", b->notes.number[i]);
        mgi_flow_footnote(b->flow, &b->note, b->notes.number[i], num);
        mgi_doc_inline(b, b->notes.text[i]);
    }
    mgi_md_notes_clear(&b->notes);
}
/* "15 March 2025, overdue" and the like: a due date with what it means on
 * as_of; in words for running text, ISO (2025-03-15) for tables. */
void mgi_doc_seal_due(const mgi_doc *b, const mgi_seal *s, bool words, char *buf, size_t size)
{
    char date[64];
    if (words)
        mgi_doc_date_words(b, s->due, date, sizeof date);
    else
        mgi_date_format(s->due, date, sizeof date);
    const char *vars[] = {"date", date, NULL};
    if (s->overdue || s->due_soon)
        mgi_strings_format(b->p->strings, b->p->lang, s->overdue ? "seal.overdue" : "seal.soon",
                           buf, size, vars);
    else
        snprintf(buf, size, "%s", s->due == MGI_NODATE ? "–" : date);
}

double mgi_doc_frame_width(const mgi_layout *l)
{
    return l->page_width - l->margin_left - l->margin_right;
}

double mgi_doc_frame_height(const mgi_layout *l)
{
    return l->page_height - l->margin_top - l->margin_bottom;
}

/* Charts are drawn at their natural size, scaled down to the text width. */
double mgi_doc_fig_scale(const mgi_doc *b, double natural_width)
{
    double s = mgi_doc_frame_width(b->p->layout) / natural_width;
    return s < 1 ? s : 1;
}

static void draw_figure(void *ctx, mgi_canvas *c)
{
    const mgi_doc_fig *fc = ctx;
    if (fc->draw)
        fc->draw(fc, c);
    else
        mgi_chart_draw(&fc->chart, c);
}

/* Figures are referred to by pointer until the pages are drawn: each is
 * allocated on its own, from the document's arena. */
mgi_doc_fig *mgi_doc_figure(mgi_doc *b, mgi_doc_draw *draw, double height, double before,
                            double after)
{
    mgi_doc_fig *fc = mgi_arena_alloc(b->arena, sizeof *fc);
    if (!fc) {
        b->err = MGI_ERR_NOMEM;
        return NULL;
    }
    memset(fc, 0, sizeof *fc);
    fc->b = b;
    fc->draw = draw;
    mgi_flow_figure(b->flow, height, before, after, draw_figure, fc);
    return fc;
}

mgi_doc_fig *mgi_doc_chart(mgi_doc *b, const mgi_chart *chart, double height)
{
    mgi_doc_fig *fc = mgi_doc_figure(b, NULL, height, 8, 10);
    if (fc)
        fc->chart = *chart;
    return fc;
}

/* ------------------------------------------------------------ the PDF */

typedef struct pdf {
    mgi_pdf *doc;
    mgi_pdf_page **pages;
} pdf;

static void text_at(mgi_pdf_page *page, double x, double y, const char *s, size_t n, int font,
                    double size, unsigned rgb)
{
    mgi_pdf_fill_rgb(page, rgb);
    mgi_pdf_text(page, font, size, x, y, s, n);
}

static mgi_canvas *page_canvas(const mgi_doc *b, mgi_pdf_page *page)
{
    const mgi_layout *l = b->p->layout;
    mgi_canvas *c = NULL;
    mgi_canvas_pdf(b->p->fonts, page, 0, l->page_height, l->page_width, l->page_height, &c);
    return c;
}

/* A new structure element under parent, and what page shows next belongs to it. */
static int tag_new(mgi_doc *b, mgi_pdf_page *page, int parent, const char *type)
{
    int e = mgi_pdf_elem(b->pdf, parent, type);
    mgi_pdf_tag(page, e);
    return e;
}

/* A date in words in the document's language: "4 December 2026", "4 de diciembre de 2026". */
const char *mgi_doc_date_words(const mgi_doc *b, mgi_date date, char *buf, size_t size)
{
    int y, m, d;
    mgi_date_split(date, &y, &m, &d);
    char day[8], month[16], year[8];
    snprintf(day, sizeof day, "%d", d);
    snprintf(month, sizeof month, "month.%d", m);
    snprintf(year, sizeof year, "%d", y);
    const char *vars[] = {"day", day, "month", mgi_doc_str(b, month), "year", year, NULL};
    return mgi_strings_format(b->p->strings, b->p->lang, "date.words", buf, size, vars);
}

/* Who publishes the document: [publication] publisher in its language, else a
 * profile's municipality; "" for a comparison without one. */
static const char *publisher(mgi_doc *b, char *buf, size_t size)
{
    const mgi_publication *pb = &b->p->layout->publication;
    const char *name = pb->publisher[b->p->lang == MGI_LANG_ES && *pb->publisher[1] ? 1 : 0];
    if (*name)
        snprintf(buf, size, "%s", name);
    else if (!b->comparison)
        mgi_doc_fmt(b, "imprint.municipality", buf, size);
    else
        buf[0] = '\0';
    return buf;
}

/* The required citation: publisher (year). Title. Place. */
static void citation(mgi_doc *b, char *buf, size_t size)
{
    const mgi_publication *pb = &b->p->layout->publication;
    char who[256], title[512], sub[256], year[16];
    struct tm tm;
    gmtime_r(&b->p->date, &tm);
    snprintf(year, sizeof year, "%d", tm.tm_year + 1900);
    publisher(b, who, sizeof who);
    mgi_doc_fmt(b, b->comparison ? "cmp.title" : "cover.commune", sub, sizeof sub);
    if (b->comparison)
        snprintf(title, sizeof title, "%s: %s, %s", mgi_doc_str(b, "title"), sub, b->year);
    else
        snprintf(title, sizeof title, "%s: %s. %s", mgi_doc_str(b, "title"),
                 mgi_doc_fmt(b, "profile", (char[128]){0}, 128), sub);
    /* author-date: "Publisher (2026). Title."; without a publisher, the title
     * takes the author's place: "Title (2026)." */
    size_t o = *who ? (size_t)snprintf(buf, size, "%s (%s). %s.", who, year, title)
                    : (size_t)snprintf(buf, size, "%s (%s).", title, year);
    if (*pb->place && o < size)
        o += (size_t)snprintf(buf + o, size - o, " %s.", pb->place);
    if (*pb->url && o < size)
        snprintf(buf + o, size - o, " %s", pb->url);
}

/* Page 2, the imprint: publisher, disclaimer, required citation, rights or
 * licence, ISBN and date, set low on the page as printed reports do. */
static void imprint(mgi_doc *b, mgi_pdf_page *page)
{
    const mgi_layout *l = b->p->layout;
    const mgi_publication *pb = &l->publication;
    mgi_canvas *c = page_canvas(b, page);
    if (!c)
        return;
    char buf[2048], who[256], date[64], year[16];
    struct tm tm;
    gmtime_r(&b->p->date, &tm);
    snprintf(year, sizeof year, "%d", tm.tm_year + 1900);
    publisher(b, who, sizeof who);
    mgi_doc_date_words(b, mgi_date_from_time(b->p->date), date, sizeof date);
    double x = l->margin_left, w = l->page_width - l->margin_left - l->margin_right;
    double y = l->page_height * 0.40, size = l->small + 0.5, lead = size * 1.2;
    struct part {
        const char *label, *text;
    } parts[7];
    int n = 0;
    char para[6][1024];
    if (*who) {
        snprintf(para[0], sizeof para[0], "%s%s%s%s%s", who, *pb->place ? "\n" : "", pb->place,
                 *pb->url ? "\n" : "", pb->url);
        parts[n++] = (struct part){mgi_doc_str(b, "imprint.publisher"), para[0]};
    }
    parts[n++] = (struct part){NULL, mgi_doc_str(b, "imprint.disclaimer")};
    citation(b, para[1], sizeof para[1]);
    parts[n++] = (struct part){mgi_doc_str(b, "imprint.citation"), para[1]};
    const char *vars[] = {"publisher", *who ? who : mgi_doc_str(b, "imprint.authors"),
                          "year",      year,
                          "licence",   pb->licence,
                          "url",       pb->licence_url,
                          NULL};
    mgi_strings_format(b->p->strings, b->p->lang,
                       *pb->licence ? "imprint.licence" : "imprint.rights", para[2], sizeof para[2],
                       vars);
    parts[n++] = (struct part){NULL, para[2]};
    if (*pb->isbn) {
        snprintf(para[3], sizeof para[3], "ISBN %s", pb->isbn);
        parts[n++] = (struct part){NULL, para[3]};
    }
    const char *dv[] = {"date", date, NULL};
    mgi_strings_format(b->p->strings, b->p->lang, "imprint.date", para[4], sizeof para[4], dv);
    parts[n++] = (struct part){NULL, para[4]};
    /* Twice: to measure, then to set the block so that it ends at the foot of
     * the frame, where a printed imprint sits. */
    int sect = mgi_pdf_elem(b->pdf, 0, "Sect");
    for (int pass = 0; pass < 2; pass++) {
        double y0 = y;
        for (int i = 0; i < n; i++) {
            if (parts[i].label) {
                if (pass) {
                    tag_new(b, page, sect, "H2");
                    mgi_canvas_text(c, x, y, parts[i].label, MGI_FONT_BOLD, size, l->text,
                                    MGI_ALIGN_LEFT);
                }
                y += lead;
            }
            if (pass)
                tag_new(b, page, sect, "P");
            /* line by line: a publisher's block has its own line breaks */
            snprintf(buf, sizeof buf, "%s", parts[i].text);
            for (char *ln = strtok(buf, "\n"); ln; ln = strtok(NULL, "\n")) {
                size_t st[16], len[16];
                int ell;
                y += lead *
                     (pass ? mgi_canvas_text_box(c, x, y, w, ln, MGI_FONT_REGULAR, size, l->text,
                                                 MGI_ALIGN_LEFT, 12)
                           : mgi_canvas_wrap(c, ln, MGI_FONT_REGULAR, size, w, 12, st, len, &ell));
            }
            y += lead * 0.9;
        }
        y = l->page_height - l->margin_bottom - (y - y0) + lead;
    }
    mgi_pdf_untag(page);
    mgi_canvas_free(c);
}

/* The back cover: the domain colours, a word on the Local MGI, the publisher. */
static void back_cover(mgi_doc *b, mgi_pdf_page *page)
{
    const mgi_layout *l = b->p->layout;
    const mgi_dataset *ds = b->ds;
    mgi_canvas *c = page_canvas(b, page);
    if (!c)
        return;
    double W = l->page_width, H = l->page_height, x = l->margin_left, w = W - 2 * x;
    char buf[1024];
    mgi_canvas_rect(c, 0, H * 0.58, W, H * 0.42, l->accent);
    for (size_t i = 0; i < ds->ndomains; i++)
        mgi_canvas_rect(c, W * (double)i / (double)ds->ndomains, H - 18,
                        W / (double)ds->ndomains + 0.5, 18, mgi_domain_colour(ds, i));
    double y = H * 0.58 + 60;
    int sect = mgi_pdf_elem(b->pdf, 0, "Sect");
    snprintf(buf, sizeof buf, "%s", mgi_doc_str(b, "title"));
    tag_new(b, page, sect, "H2");
    y += 15 * 1.25 *
         mgi_canvas_text_box(c, x, y, w, buf, MGI_FONT_BOLD, 15, 0xFFFFFF, MGI_ALIGN_LEFT, 2);
    y += 8;
    tag_new(b, page, sect, "P");
    mgi_doc_fmt(b, "back.text", buf, sizeof buf);
    y += 10 * 1.2 *
         mgi_canvas_text_box(c, x, y, w, buf, MGI_FONT_REGULAR, 10, 0xFFFFFF, MGI_ALIGN_LEFT, 10);
    publisher(b, buf, sizeof buf);
    const mgi_publication *pb = &l->publication;
    if (*pb->url)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", *buf ? " · " : "", pb->url);
    if (*buf) {
        tag_new(b, page, sect, "P");
        mgi_canvas_text_box(c, x, H - 50, w, buf, MGI_FONT_BOLD, 9, 0xFFFFFF, MGI_ALIGN_LEFT, 2);
    }
    mgi_pdf_untag(page);
    mgi_canvas_free(c);
}

static void cover(mgi_doc *b, pdf *d)
{
    const mgi_layout *l = b->p->layout;
    const mgi_dataset *ds = b->ds;
    mgi_canvas *c = page_canvas(b, d->pages[0]);
    if (!c)
        return;
    double W = l->page_width, H = l->page_height, x = l->margin_left;
    char buf[1024];
    /* The six domain colours as a band across the top. */
    for (size_t i = 0; i < ds->ndomains; i++)
        mgi_canvas_rect(c, W * (double)i / (double)ds->ndomains, 0, W / (double)ds->ndomains + 0.5,
                        18, mgi_domain_colour(ds, i));
    mgi_canvas_rect(c, 0, 18, W, H * 0.42, l->accent);
    mgi_pdf_page *page = d->pages[0];
    int sect = mgi_pdf_elem(b->pdf, 0, "Sect");
    tag_new(b, page, sect, "P");
    snprintf(buf, sizeof buf, "%s", mgi_doc_str(b, "cover.kicker"));
    mgi_doc_upper(b, buf, sizeof buf);
    mgi_canvas_text_box(c, x, 150, W - 2 * x, buf, MGI_FONT_BOLD, 15, 0xFFFFFF, MGI_ALIGN_LEFT, 2);
    tag_new(b, page, sect, "P");
    snprintf(buf, sizeof buf, "%s", mgi_doc_str(b, "cover.local"));
    mgi_doc_upper(b, buf, sizeof buf);
    mgi_canvas_text(c, x, 222, buf, MGI_FONT_BOLD, 58, 0xFFFFFF, MGI_ALIGN_LEFT);
    mgi_pdf_artifact(page, "/Type /Layout");
    mgi_canvas_rect(c, x, 250, 72, 4, 0xFFFFFF);
    /* Title and subtitle wrap (a long commune name, the Spanish subtitle) and
     * push what follows down. */
    tag_new(b, page, sect, "H1");
    mgi_doc_fmt(b, b->comparison ? "cmp.title" : "cover.commune", buf, sizeof buf);
    double y = H * 0.42 + 70;
    y +=
        22 * 1.2 *
        mgi_canvas_text_box(c, x, y, W - 2 * x, buf, MGI_FONT_BOLD, 22, l->text, MGI_ALIGN_LEFT, 3);
    tag_new(b, page, sect, "P");
    mgi_doc_fmt(b, b->comparison ? "cmp.subtitle" : "profile", buf, sizeof buf);
    mgi_doc_upper(b, buf, sizeof buf);
    y += 24;
    y += 16 * 1.2 *
         mgi_canvas_text_box(c, x, y, W - 2 * x, buf, MGI_FONT_BOLD, 16, l->accent, MGI_ALIGN_LEFT,
                             2);
    /* The domains, each with its colour (decoration: the name says it). */
    y += 30;
    int list = mgi_pdf_elem(b->pdf, sect, "L");
    for (size_t i = 0; i < ds->ndomains; i++) {
        mgi_pdf_artifact(page, "/Type /Layout");
        mgi_canvas_rect(c, x, y + 16.0 * (double)i - 8, 8, 8, mgi_domain_colour(ds, i));
        tag_new(b, page, mgi_pdf_elem(b->pdf, list, "LI"), "LBody");
        mgi_canvas_text(c, x + 16, y + 16.0 * (double)i, ds->domains[i].name[b->p->lang],
                        MGI_FONT_REGULAR, 9.5, l->text, MGI_ALIGN_LEFT);
    }
    /* The publisher at the foot, as on a printed report's cover. */
    publisher(b, buf, sizeof buf);
    if (*buf) {
        tag_new(b, page, sect, "P");
        mgi_canvas_text_box(c, x, H - 60, W - 2 * x, buf, MGI_FONT_BOLD, 9, l->muted,
                            MGI_ALIGN_LEFT, 2);
    }
    mgi_pdf_untag(page);
    mgi_canvas_free(c);
}

/* The title of section s as printed (upper case like the headings). */
static void section_name(mgi_doc *b, int id, char *buf, size_t size)
{
    static const char *const keys[MGI_NSECTIONS] = {
        "section.objectives",   "section.introduction", "section.context", "section.findings",
        "section.change",       "seal.title",           "section.covid",   "section.sources",
        "section.consultation", "section.annexes"};
    static const char *const cmp_keys[] = {"cmp.heatmap", "cmp.ranks",   "unc.title",  "cmp.stats",
                                           "cmp.wheels",  "cmp.changes", "gaps.title", "seal.title",
                                           "gcm.title",   "cmp.method"};
    if (id == MGI_CMP_RANKS && b->p->a->hide_ranks)
        mgi_doc_fmt(b, "unc.levels", buf, size);
    else if (id >= MGI_CMP_HEATMAP)
        mgi_doc_fmt(b, cmp_keys[id - MGI_CMP_HEATMAP], buf, size);
    else if (id >= MGI_DOC_DOMAIN)
        snprintf(buf, size, "%d. %s", b->ds->domains[id - MGI_DOC_DOMAIN].number,
                 b->ds->domains[id - MGI_DOC_DOMAIN].name[b->p->lang]);
    else
        mgi_doc_fmt(b, keys[id], buf, size);
}

typedef struct entry {
    int id;
    size_t page; /* flow page */
    double y;    /* where on it */
} entry;

static size_t entries(mgi_doc *b, entry *out)
{
    size_t n = 0;
    const mgi_layout *l = b->p->layout;
    if (b->comparison) {
        for (int id = MGI_CMP_HEATMAP; id < MGI_CMP_END; id++) {
            size_t pg;
            double y;
            if (mgi_flow_anchor_at(b->flow, id, &pg, &y))
                out[n++] = (entry){id, pg, y};
        }
        return n;
    }
    for (int k = 0; k < l->nsections; k++) {
        size_t pg;
        double y;
        int id = (int)l->order[k];
        if (!mgi_flow_anchor_at(b->flow, id, &pg, &y))
            continue;
        out[n++] = (entry){id, pg, y};
        if (id == MGI_SECTION_FINDINGS)
            for (size_t d = 0; d < b->ds->ndomains; d++)
                if (mgi_flow_anchor_at(b->flow, MGI_DOC_DOMAIN + (int)d, &pg, &y))
                    out[n++] = (entry){MGI_DOC_DOMAIN + (int)d, pg, y};
    }
    return n;
}

static void contents(mgi_doc *b, pdf *d)
{
    const mgi_layout *l = b->p->layout;
    mgi_pdf_page *page = d->pages[2];
    mgi_canvas *c = page_canvas(b, page);
    if (!c)
        return;
    char buf[512], num[24];
    snprintf(buf, sizeof buf, "%s", mgi_doc_str(b, "toc.title"));
    mgi_doc_upper(b, buf, sizeof buf);
    double x = l->margin_left, W = l->page_width - l->margin_right, y = l->margin_top + 30;
    int sect = mgi_pdf_elem(b->pdf, 0, "Sect");
    tag_new(b, page, sect, "H1");
    mgi_canvas_text(c, x, y, buf, MGI_FONT_BOLD, l->heading[0], l->accent, MGI_ALIGN_LEFT);
    int toc = mgi_pdf_elem(b->pdf, sect, "TOC");
    y += 36;
    entry e[MGI_NSECTIONS + MGI_NDOMAINS + 8];
    size_t n = entries(b, e);
    for (size_t i = 0; i < n; i++) {
        bool sub = e[i].id >= MGI_DOC_DOMAIN && e[i].id < MGI_CMP_HEATMAP;
        section_name(b, e[i].id, buf, sizeof buf);
        if (!sub)
            mgi_doc_upper(b, buf, sizeof buf);
        snprintf(num, sizeof num, "%zu", e[i].page + MGI_DOC_FIRST_PAGE);
        double size = sub ? l->size : l->size + 1.5, indent = sub ? 18 : 0;
        int font = sub ? MGI_FONT_REGULAR : MGI_FONT_BOLD;
        if (!sub && i > 0)
            y += 8;
        double tw = mgi_canvas_text_width(c, buf, strlen(buf), font, size);
        double nw = mgi_canvas_text_width(c, num, strlen(num), MGI_FONT_BOLD, size);
        /* each entry a TOCI whose Link holds the title, the page number and
         * the link annotation; the leader between them is decoration */
        int link = tag_new(b, page, mgi_pdf_elem(b->pdf, toc, "TOCI"), "Link");
        mgi_canvas_text_box(c, x + indent, y, W - x - indent - nw - 24, buf, font, size, l->text,
                            MGI_ALIGN_LEFT, 1);
        /* A dotted leader: 1-point dots every 4 points, one dashed line. */
        double from = x + indent + fmin(tw, W - x - indent - nw - 24) + 6, to = W - nw - 6;
        if (to > from) {
            mgi_pdf_artifact(page, "/Type /Layout");
            double end = from + 4 * (ceil((to - from) / 4) - 1) + 1;
            mgi_pdf_stroke_rgb(page, l->muted);
            mgi_pdf_line_width(page, 1);
            mgi_pdf_dash(page, 1, 3);
            mgi_pdf_move_to(page, from, l->page_height - (y - 1));
            mgi_pdf_line_to(page, end, l->page_height - (y - 1));
            mgi_pdf_stroke(page);
            mgi_pdf_dash(page, 0, 0);
        }
        mgi_pdf_tag(page, link);
        mgi_canvas_text(c, W, y, num, MGI_FONT_BOLD, size, l->accent, MGI_ALIGN_RIGHT);
        /* the whole line is a link to the section */
        mgi_pdf_link_page(page, x + indent, l->page_height - y - 4, W, l->page_height - y + size,
                          MGI_DOC_FIRST_PAGE - 1 + e[i].page);
        char what[600], pg[64];
        const char *pv[] = {"page", num, NULL};
        mgi_strings_format(b->p->strings, b->p->lang, "page", pg, sizeof pg, pv);
        snprintf(what, sizeof what, "%s, %s", buf, pg);
        mgi_pdf_link_tag(page, link, what);
        y += size * 1.9;
    }
    /* Once, what this profile lacks for want of a narrative. */
    if (b->nmissing) {
        char list[512] = "", note[1024], name[128];
        for (size_t i = 0; i < b->nmissing; i++) {
            mgi_doc_fmt(b, b->missing[i], name, sizeof name);
            size_t o = strlen(list);
            if (i > 0)
                snprintf(list + o, sizeof list - o, i + 1 == b->nmissing ? " %s " : ", ",
                         mgi_doc_str(b, "toc.missing_and"));
            o = strlen(list);
            snprintf(list + o, sizeof list - o, "%s", name);
        }
        const char *vars[] = {"sections", list, NULL};
        mgi_strings_format(b->p->strings, b->p->lang, "toc.missing", note, sizeof note, vars);
        tag_new(b, page, sect, "P");
        mgi_canvas_text_box(c, x, y + 18, W - x, note, MGI_FONT_ITALIC, l->size - 0.5, l->muted,
                            MGI_ALIGN_LEFT, 4);
    }
    mgi_pdf_untag(page);
    mgi_canvas_free(c);
}

static void outline(mgi_doc *b, pdf *d)
{
    entry e[MGI_NSECTIONS + MGI_NDOMAINS + 8];
    size_t n = entries(b, e);
    int parent = -1;
    char raw[512], buf[1024];
    for (size_t i = 0; i < n; i++) {
        bool sub = e[i].id >= MGI_DOC_DOMAIN && e[i].id < MGI_CMP_HEATMAP;
        section_name(b, e[i].id, raw, sizeof raw);
        if (mgi_utf8_quotes(raw, strlen(raw), buf, sizeof buf) == (size_t)-1)
            snprintf(buf, sizeof buf, "%s", raw);
        int o =
            mgi_pdf_outline_add(d->doc, sub ? parent : -1, buf, MGI_DOC_FIRST_PAGE - 1 + e[i].page,
                                e[i].id == MGI_SECTION_FINDINGS);
        if (!sub)
            parent = o;
    }
}

/* The diagonal "draft" mark across a page, in light grey. */
static void watermark(mgi_doc *b, mgi_pdf_page *page)
{
    if (!b->p->draft)
        return;
    const mgi_layout *l = b->p->layout;
    const char *w = mgi_doc_str(b, "draft.watermark");
    double size = 40, angle = atan2(l->page_height, l->page_width);
    double tw = mgi_font_width(mgi_fonts_get(b->p->fonts, MGI_FONT_BOLD), w, strlen(w), size);
    double c = cos(angle), s = sin(angle);
    double x = l->page_width / 2 - c * tw / 2 + s * size / 3;
    double y = l->page_height / 2 - s * tw / 2 - c * size / 3;
    mgi_pdf_artifact(page, "/Type /Pagination /Subtype /Watermark");
    mgi_pdf_fill_rgb(page, 0xE3E3E3);
    mgi_pdf_text_rotated(page, MGI_FONT_BOLD, size, x, y, angle, w, strlen(w));
    mgi_pdf_untag(page);
}

static void header_footer(mgi_doc *b, mgi_pdf_page *page, size_t flow_page)
{
    const mgi_layout *l = b->p->layout;
    char left[512], right[512], footer[512];
    /* The section in force at the top of the page: the last one begun on an
     * earlier page or at the top of this one. */
    entry e[MGI_NSECTIONS + MGI_NDOMAINS + 8];
    size_t n = entries(b, e);
    int cur = -1;
    for (size_t i = 0; i < n; i++)
        if ((e[i].id < MGI_DOC_DOMAIN || e[i].id >= MGI_CMP_HEATMAP) &&
            (e[i].page < flow_page || (e[i].page == flow_page && e[i].y < 1)))
            cur = e[i].id;
    char raw[512];
    mgi_doc_fmt(b, "running.header", raw, sizeof raw);
    if (mgi_utf8_quotes(raw, strlen(raw), left, sizeof left) == (size_t)-1)
        snprintf(left, sizeof left, "%s", raw);
    raw[0] = '\0';
    if (cur >= 0)
        section_name(b, cur, raw, sizeof raw);
    /* typographic apostrophes and quotes, as the heading has them */
    if (mgi_utf8_quotes(raw, strlen(raw), right, sizeof right) == (size_t)-1)
        snprintf(right, sizeof right, "%s", raw);
    mgi_doc_upper(b, right, sizeof right);
    double x0 = l->margin_left, x1 = l->page_width - l->margin_right;
    double top = l->page_height - l->margin_top + 30, bottom = l->margin_bottom - 34;
    const mgi_font *reg = mgi_fonts_get(b->p->fonts, MGI_FONT_REGULAR);
    mgi_pdf_artifact(page, "/Type /Pagination /Subtype /Header");
    text_at(page, x0, top, left, strlen(left), MGI_FONT_REGULAR, l->small, l->muted);
    double rw =
        mgi_font_width(mgi_fonts_get(b->p->fonts, MGI_FONT_BOLD), right, strlen(right), l->small);
    text_at(page, x1 - rw, top, right, strlen(right), MGI_FONT_BOLD, l->small, l->accent);
    mgi_pdf_stroke_rgb(page, l->rule);
    mgi_pdf_line_width(page, 0.6);
    mgi_pdf_dash(page, 0, 0);
    mgi_pdf_move_to(page, x0, top - 6);
    mgi_pdf_line_to(page, x1, top - 6);
    mgi_pdf_stroke(page);
    mgi_doc_fmt(b, b->comparison ? "cmp.footer" : "running.footer", footer, sizeof footer);
    if (b->p->draft) {
        char date[32], label[256];
        struct tm tm;
        gmtime_r(&b->p->date, &tm);
        strftime(date, sizeof date, "%Y-%m-%d", &tm);
        const char *v[] = {"version", b->p->version ? b->p->version : "", "date", date, NULL};
        mgi_strings_format(b->p->strings, b->p->lang, "draft.footer", label, sizeof label, v);
        snprintf(footer + strlen(footer), sizeof footer - strlen(footer), " · %s", label);
    }
    mgi_pdf_untag(page);
    mgi_pdf_artifact(page, "/Type /Pagination /Subtype /Footer");
    text_at(page, x0, bottom, footer, strlen(footer), MGI_FONT_REGULAR, l->small, l->muted);
    char num[24], pg[64];
    snprintf(num, sizeof num, "%zu", flow_page + MGI_DOC_FIRST_PAGE);
    const char *vars[] = {"page", num, NULL};
    mgi_strings_format(b->p->strings, b->p->lang, "page", pg, sizeof pg, vars);
    double pw = mgi_font_width(reg, pg, strlen(pg), l->small);
    text_at(page, x1 - pw, bottom, pg, strlen(pg), MGI_FONT_REGULAR, l->small, l->muted);
    mgi_pdf_untag(page);
}

mgi_doc_tagger mgi_doc_tagger_new(mgi_pdf *doc, int lang)
{
    return (mgi_doc_tagger){doc, lang, -1, -1, -1, -1, -1, -1, -1, -1, (size_t)-1, NULL};
}

/* The structure element of a paragraph that begins: a chapter's heading opens
 * a Sect; list items gather in an L, each an LI of Lbl (the marker) and
 * LBody; footnotes are Notes. */
static void para_elem(mgi_doc_tagger *g, const mgi_flow_item *t)
{
    static const char *const types[] = {"P", "H1", "H2", "H3", "LI", "Note"};
    if (t->role == MGI_ROLE_H1 || g->sect <= 0)
        g->sect = mgi_pdf_elem(g->pdf, 0, "Sect");
    if (t->role != MGI_ROLE_LI)
        g->list = -1;
    else if (g->list <= 0)
        g->list = mgi_pdf_elem(g->pdf, g->sect, "L");
    int parent = t->role == MGI_ROLE_LI ? g->list : g->sect;
    int e =
        mgi_pdf_elem(g->pdf, parent, types[t->role >= 0 && t->role <= MGI_ROLE_NOTE ? t->role : 0]);
    g->lbl = -1;
    if (t->role == MGI_ROLE_LI) {
        if (t->marker)
            g->lbl = mgi_pdf_elem(g->pdf, e, "Lbl");
        e = mgi_pdf_elem(g->pdf, e, "LBody");
    }
    g->elem = e;
    g->para = t->para;
    g->link = NULL;
}

/* Tags the word t of the flow: its paragraph's element, a Link around a
 * linked word (with the link's annotation), a list item's label, a Span
 * around words in the other language. */
static void tag_word(mgi_doc_tagger *g, mgi_pdf_page *page, const mgi_flow_item *t)
{
    if (t->para != g->para)
        para_elem(g, t);
    int e = g->elem;
    if (t->marker && g->lbl > 0) {
        e = g->lbl;
    } else if (t->link) {
        if (t->link != g->link) {
            g->link_elem = mgi_pdf_elem(g->pdf, g->elem, "Link");
            g->link = t->link;
        }
        e = g->link_elem;
    } else {
        g->link = NULL;
    }
    if (t->lang >= 0 && t->lang != g->lang && !t->marker) {
        if (g->span_parent != e || g->span <= 0) {
            g->span = mgi_pdf_elem(g->pdf, e, "Span");
            mgi_pdf_elem_lang(g->pdf, g->span, mgi_lang_code(t->lang));
            g->span_parent = e;
        }
        e = g->span;
    } else {
        g->span = g->span_parent = -1;
    }
    if (e != g->open)
        mgi_pdf_tag(page, e);
    g->open = e;
}

void mgi_doc_rule(mgi_doc_tagger *g, mgi_pdf_page *page, const mgi_flow_item *t, double left,
                  double top, uint32_t colour)
{
    mgi_pdf_artifact(page, "/Type /Layout");
    mgi_pdf_stroke_rgb(page, colour);
    mgi_pdf_line_width(page, 0.6);
    mgi_pdf_dash(page, 0, 0);
    mgi_pdf_move_to(page, left + t->x, top - t->y);
    mgi_pdf_line_to(page, left + t->x + t->width, top - t->y);
    mgi_pdf_stroke(page);
    mgi_pdf_untag(page);
    g->open = -1;
}

void mgi_doc_word(mgi_doc_tagger *g, mgi_pdf_page *page, const mgi_flow_item *it, size_t n,
                  size_t i, double left, double top, unsigned accent)
{
    const mgi_flow_item *t = &it[i], *u = NULL;
    tag_word(g, page, t);
    for (size_t k = i + 1; k < n && !u; k++)
        if (it[k].kind != MGI_ITEM_LINE)
            u = &it[k];
    bool space = !t->marker && t->n && t->text[t->n - 1] != '-' && u && u->kind == MGI_ITEM_TEXT &&
                 u->para == t->para && (u->y != t->y || u->x > t->x + t->width + 0.01);
    char word[512];
    const char *s = t->text;
    size_t len = t->n;
    if (space && len + 1 < sizeof word) {
        memcpy(word, t->text, len);
        word[len++] = ' ';
        s = word;
    }
    unsigned rgb = t->link ? mgi_rgb_mix(accent, t->colour, 0.8) : t->colour;
    if (t->hyphen && len > 1 && s[len - 1] == '-') {
        /* the hyphen that broke the word: a soft hyphen to a reader, ending
         * where the word's width ends */
        double hx = left + t->x + t->width - mgi_pdf_text_width(page, t->font, t->size, "-", 1);
        text_at(page, left + t->x, top - t->y, s, len - 1, t->font, t->size, rgb);
        int soft = mgi_pdf_elem(g->pdf, g->open, "Span");
        mgi_pdf_elem_actual(g->pdf, soft, "\u00AD");
        mgi_pdf_tag(page, soft);
        mgi_pdf_text(page, t->font, t->size, hx, top - t->y, "-", 1);
        g->open = soft; /* the next word opens its element again */
    } else {
        text_at(page, left + t->x, top - t->y, s, len, t->font, t->size, rgb);
    }
    if (t->link) {
        mgi_pdf_link_uri(page, left + t->x, top - t->y - 2, left + t->x + t->width,
                         top - t->y + t->size, t->link);
        mgi_pdf_link_tag(page, g->link_elem, t->link);
    }
}

void mgi_doc_table(const mgi_doc_fig *fig, bool continued)
{
    mgi_doc *b = fig->b;
    if (!fig->page)
        return;
    if (!continued || b->table <= 0)
        b->table = mgi_pdf_elem(b->pdf, fig->elem, "Table");
    b->row = -1;
}

void mgi_doc_row(const mgi_doc_fig *fig)
{
    if (fig->page)
        fig->b->row = mgi_pdf_elem(fig->b->pdf, fig->b->table, "TR");
}

void mgi_doc_cell(const mgi_doc_fig *fig, const char *scope)
{
    mgi_doc *b = fig->b;
    if (!fig->page)
        return;
    int e = mgi_pdf_elem(b->pdf, b->row, scope ? "TH" : "TD");
    if (scope) {
        char attr[64];
        snprintf(attr, sizeof attr, "/O /Table /Scope /%s", scope);
        mgi_pdf_elem_attr(b->pdf, e, attr);
    }
    mgi_pdf_tag(fig->page, e);
}

/* The chart's text alternative, with typographic quotes as the text has. */
static void chart_alt(const mgi_chart *chart, char *alt, size_t size)
{
    char raw[2048];
    mgi_chart_alt(chart, raw, sizeof raw);
    if (mgi_utf8_quotes(raw, strlen(raw), alt, size) == (size_t)-1)
        snprintf(alt, size, "%s", raw);
}

void mgi_doc_chart_tag(const mgi_doc_fig *fig, const mgi_chart *chart)
{
    if (!fig->page)
        return;
    char alt[2400];
    int e = mgi_pdf_elem(fig->b->pdf, fig->elem, "Figure");
    chart_alt(chart, alt, sizeof alt);
    mgi_pdf_elem_alt(fig->b->pdf, e, alt);
    mgi_pdf_tag(fig->page, e);
}

void mgi_doc_decor(const mgi_doc_fig *fig)
{
    if (fig->page)
        mgi_pdf_artifact(fig->page, "/Type /Layout");
}

static void draw_item_figure(mgi_doc *b, mgi_pdf_page *page, const mgi_flow_item *t)
{
    const mgi_layout *l = b->p->layout;
    double left = l->margin_left, top = l->page_height - l->margin_top;
    mgi_doc_fig *fc = t->ctx;
    double nat_w = t->width, nat_h = t->height, s = 1;
    b->tag.list = -1;
    if (b->tag.sect <= 0)
        b->tag.sect = mgi_pdf_elem(b->pdf, 0, "Sect");
    if (!fc->draw) {
        mgi_chart_size(&fc->chart, &nat_w, &nat_h);
        s = mgi_doc_fig_scale(b, nat_w);
        char alt[2400];
        fc->elem = mgi_pdf_elem(b->pdf, b->tag.sect, "Figure");
        chart_alt(&fc->chart, alt, sizeof alt);
        mgi_pdf_elem_alt(b->pdf, fc->elem, alt);
        /* PDF/UA asks a figure for its box (/BBox), PDF/A-2a for its layout */
        char bbox[160];
        snprintf(bbox, sizeof bbox, "/O /Layout /Placement /Block /BBox [%.1f %.1f %.1f %.1f]",
                 left + (t->width - nat_w * s) / 2, top - t->y - nat_h * s,
                 left + (t->width + nat_w * s) / 2, top - t->y);
        mgi_pdf_elem_attr(b->pdf, fc->elem, bbox);
    } else {
        fc->elem = b->tag.sect; /* a table tags itself (fc->page) */
    }
    fc->page = page;
    double bx = left + (t->width - nat_w * s) / 2;
    if (!fc->draw)
        mgi_pdf_tag(page, fc->elem);
    mgi_pdf_save(page);
    mgi_pdf_concat(page, s, 0, 0, s, bx, top - t->y);
    mgi_canvas *c = NULL;
    if (mgi_canvas_pdf(b->p->fonts, page, 0, 0, nat_w, nat_h, &c) == MGI_OK) {
        t->draw(t->ctx, c);
        mgi_canvas_free(c);
    }
    mgi_pdf_restore(page);
    if (!fc->draw)
        mgi_pdf_untag(page);
    fc->page = NULL;
}

static void flow_page(mgi_doc *b, mgi_pdf_page *page, size_t fp)
{
    const mgi_layout *l = b->p->layout;
    double left = l->margin_left, top = l->page_height - l->margin_top;
    size_t n;
    const mgi_flow_item *it = mgi_flow_items(b->flow, fp, &n);
    b->tag.open = -1; /* the element whose marked content is open */
    watermark(b, page);
    header_footer(b, page, fp);
    for (size_t i = 0; i < n; i++) {
        const mgi_flow_item *t = &it[i];
        if (t->kind == MGI_ITEM_LINE && b->p->draft && t->numbered) {
            /* Line numbers run through the document, in the left margin. */
            char num[16];
            snprintf(num, sizeof num, "%d", ++b->line_number);
            double w =
                mgi_font_width(mgi_fonts_get(b->p->fonts, MGI_FONT_REGULAR), num, strlen(num), 6.5);
            mgi_pdf_artifact(page, "/Type /Layout");
            text_at(page, left - 10 - w, top - t->y, num, strlen(num), MGI_FONT_REGULAR, 6.5,
                    l->muted);
            mgi_pdf_untag(page);
            b->tag.open = -1;
        } else if (t->kind == MGI_ITEM_TEXT) {
            mgi_doc_word(&b->tag, page, it, n, i, left, top, l->accent);
        } else if (t->kind == MGI_ITEM_RULE) {
            mgi_doc_rule(&b->tag, page, t, left, top, l->rule);
        } else if (t->kind == MGI_ITEM_FIGURE) {
            if (b->tag.open > 0)
                mgi_pdf_untag(page);
            b->tag.open = -1;
            draw_item_figure(b, page, t);
            b->tag.para = (size_t)-1;
        }
    }
    if (b->tag.open > 0)
        mgi_pdf_untag(page);
}

/* ------------------------------------------------------------ styles and render */

mgi_style mgi_doc_heading_style(const mgi_layout *l, int level, unsigned colour, double before,
                                double after, int lang)
{
    static const double leading[3] = {1.18, 1.3, 1.35};
    static const int role[3] = {MGI_ROLE_H1, MGI_ROLE_H2, MGI_ROLE_H3};
    int k = level < 1 ? 0 : level > 3 ? 2 : level - 1;
    return (mgi_style){.font = MGI_FONT_BOLD,
                       .size = l->heading[k],
                       .leading = l->heading[k] * leading[k],
                       .colour = colour,
                       .space_before = before,
                       .space_after = after,
                       .align = MGI_FLOW_LEFT,
                       .keep_with_next = true,
                       .lang = lang,
                       .role = role[k]};
}

static void styles(mgi_doc *b)
{
    const mgi_layout *l = b->p->layout;
    int lang = b->p->lang;
    b->body = (mgi_style){MGI_FONT_REGULAR,   l->size, l->leading,  l->text,          0,
                          l->paragraph_space, 0,       0,           MGI_FLOW_JUSTIFY, false,
                          l->hyphenate,       lang,    b->p->draft, MGI_ROLE_P};
    b->lead = b->body;
    b->lead.align = MGI_FLOW_LEFT;
    b->lead.space_after = l->paragraph_space + 4;
    b->lead.hyphenate = false;
    b->lead.space_before = 6;
    b->h1 = mgi_doc_heading_style(l, 1, l->accent, 0, 14, lang);
    b->h2 = mgi_doc_heading_style(l, 2, l->accent, 14, 6, lang);
    b->h3 = mgi_doc_heading_style(l, 3, l->text, 10, 4, lang);
    b->item = b->body;
    b->item.indent = 18; /* room for a hung "10." */
    b->item.role = MGI_ROLE_LI;
    b->item.space_after = 3;
    b->note = b->body;
    b->note.size = l->small;
    b->note.leading = l->small * 1.35;
    b->note.indent = 14; /* room for a hung "10" */
    b->note.role = MGI_ROLE_NOTE;
    b->note.space_after = 2;
    b->note.align = MGI_FLOW_LEFT;
    b->peer = b->note; /* "Practice elsewhere", close under its gap */
    b->peer.indent = 14;
    b->peer.role = MGI_ROLE_P;
    b->peer.colour = l->muted;
    b->peer.space_before = 0;
    b->peer.space_after = l->paragraph_space;
    b->peer.numbered = b->p->draft;
    b->md = (mgi_md_styles){&b->body, {&b->h2, &b->h3, &b->h3}, &b->item};
    /* Bibliographies and notes are set ragged right: justified, their long
     * names and addresses leave gaps across the line (Bringhurst, 2.1.3). */
    b->item_ragged = b->item;
    b->item_ragged.align = MGI_FLOW_LEFT;
    b->item_ragged.hyphenate = false;
    b->md_ragged = (mgi_md_styles){&b->lead, {&b->h2, &b->h3, &b->h3}, &b->item_ragged};
}
mgi_error mgi_doc_glyphs_check(const mgi_fonts *fonts, const mgi_dataset *ds, const char *user,
                               mgi_diag *diag)
{
    for (int i = 0; i < MGI_NFONTS; i++) {
        const mgi_font *f = mgi_fonts_get(fonts, i);
        uint32_t cp = f ? mgi_font_lacks(f) : 0;
        if (!cp)
            continue;
        char ch[8] = "", *where = NULL;
        if (cp < 0x80)
            ch[0] = (char)cp;
        else if (cp < 0x800)
            snprintf(ch, sizeof ch, "%c%c", 0xC0 | cp >> 6, 0x80 | (cp & 0x3F));
        else if (cp < 0x10000)
            snprintf(ch, sizeof ch, "%c%c%c", 0xE0 | cp >> 12, 0x80 | (cp >> 6 & 0x3F),
                     0x80 | (cp & 0x3F));
        else
            snprintf(ch, sizeof ch, "%c%c%c%c", 0xF0 | cp >> 18, 0x80 | (cp >> 12 & 0x3F),
                     0x80 | (cp >> 6 & 0x3F), 0x80 | (cp & 0x3F));
        unsigned line = 0, col = 0;
        if (mgi_dataset_find(ds, ch, &where, &line, &col))
            mgi_diag_add(diag, MGI_ERROR, where, line, col,
                         "character \"%s\" (U+%04X) is not in the font %s", ch, (unsigned)cp,
                         mgi_font_path(f));
        else
            mgi_diag_add(diag, MGI_ERROR, mgi_font_path(f), 0, 0,
                         "the font has no character \"%s\" (U+%04X), which %s", ch, (unsigned)cp,
                         user);
        free(where);
        return MGI_ERR_DATA;
    }
    return MGI_OK;
}

mgi_error mgi_doc_render(mgi_doc *bp, const char *path, mgi_diag *diag, int *npages)
{
    mgi_doc b = *bp; /* the figures point at this copy */
    const mgi_profile *p = b.p;
    const mgi_layout *l = p->layout;
    pdf d = {0};
    mgi_error err = MGI_OK;
    mgi_output out = {0};
    char pages_title[256];
    b.notes.next = 1;
    styles(&b);
    b.flow = mgi_flow_new(p->fonts, p->hyph, mgi_doc_frame_width(l), mgi_doc_frame_height(l));
    b.arena = mgi_arena_new();
    if (!b.flow || !b.arena) {
        err = MGI_ERR_NOMEM;
        goto cleanup;
    }
    b.content(&b);
    mgi_doc_flush_notes(&b);
    if ((err = b.err) != MGI_OK || (err = mgi_dataset_check(b.ds, diag)) != MGI_OK ||
        (err = mgi_flow_layout(b.flow)) != MGI_OK)
        goto cleanup;

    const mgi_font *fonts[MGI_NFONTS];
    for (int i = 0; i < MGI_NFONTS; i++)
        fonts[i] = mgi_fonts_get(p->fonts, i);
    /* the cover, the imprint, the contents, the flow's pages, the back cover */
    size_t nflow = mgi_flow_npages(b.flow), total = nflow + MGI_DOC_FIRST_PAGE;
    d.doc = mgi_pdf_new(fonts, MGI_NFONTS, mgi_fonts_pdf_cache(p->fonts));
    d.pages = calloc(total, sizeof *d.pages);
    if (!d.doc || !d.pages) {
        err = MGI_ERR_NOMEM;
        goto cleanup;
    }
    for (size_t i = 0; i < total; i++)
        if (!(d.pages[i] = mgi_pdf_page_add(d.doc, l->page_width, l->page_height))) {
            err = MGI_ERR_NOMEM;
            goto cleanup;
        }
    /* in reading order, which is the order of the structure tree */
    b.pdf = d.doc;
    b.tag = mgi_doc_tagger_new(d.doc, p->lang);
    b.table = b.row = -1;
    for (size_t i = 0; i < MGI_DOC_FIRST_PAGE - 1; i++)
        watermark(&b, d.pages[i]);
    cover(&b, &d);
    imprint(&b, d.pages[1]);
    contents(&b, &d);
    for (size_t i = 0; i < nflow; i++)
        flow_page(&b, d.pages[MGI_DOC_FIRST_PAGE - 1 + i], i);
    watermark(&b, d.pages[total - 1]);
    back_cover(&b, d.pages[total - 1]);
    outline(&b, &d);

    char title[512], subject[512];
    snprintf(title, sizeof title, "%s — %s", mgi_doc_str(&b, "title"),
             b.comparison ? mgi_doc_fmt(&b, "cmp.title", pages_title, sizeof pages_title)
                          : b.cm->name);
    mgi_doc_fmt(&b, b.comparison ? "cmp.subtitle" : "running.footer", subject, sizeof subject);
    mgi_pdf_info info = {.title = title,
                         .author = "mgi",
                         .subject = subject,
                         .creator = "mgi " MGI_VERSION,
                         .lang = p->lang == MGI_LANG_ES ? "es" : "en",
                         .date = p->date,
                         .icc = MGI_DOC_ICC};
    if ((err = mgi_doc_glyphs_check(p->fonts, b.ds, "the document's strings use", diag)) !=
            MGI_OK ||
        (err = mgi_output_open(&out, path, diag)) != MGI_OK)
        goto cleanup;
    if ((err = mgi_pdf_write(d.doc, &info, out.f)) != MGI_OK) {
        if (err == MGI_ERR_NOINPUT)
            mgi_diag_add(diag, MGI_ERROR, MGI_DOC_ICC, 0, 0,
                         "no sRGB colour profile for the PDF/A output intent: "
                         "apt-get install icc-profiles-free");
        if (err == MGI_ERR_IO)
            err = mgi_output_fail(&out, 0, diag); /* names the file and the reason */
        goto cleanup;
    }
    err = mgi_output_commit(&out, diag);
    if (npages && err == MGI_OK)
        *npages = (int)total;
cleanup:
    mgi_output_abort(&out);
    mgi_pdf_free(d.doc);
    free(d.pages);
    mgi_md_notes_clear(&b.notes);
    mgi_flow_free(b.flow);
    mgi_arena_free(b.arena);
    return err;
}
