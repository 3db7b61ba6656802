/* profile.c — the profile PDF: content into the flow, then pages, outline and links. */
#include "mgi/profile.h"
#include "mgi/robust.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mgi/arena.h"
#include "mgi/charts.h"
#include "mgi/markdown.h"
#include "mgi/output.h"
#include "mgi/pdf.h"
#include "mgi/practice.h"
#include "mgi/seal.h"
#include "mgi/utf8.h"

enum { ANCHOR_DOMAIN = 100 }; /* anchors: sections by mgi_section, domains from 100 */
enum { FIRST_FLOW_PAGE = 4 }; /* after the cover, the imprint and the contents */

/* ------------------------------------------------------------ the builder */

enum {
    CMP_HEATMAP = 200,
    CMP_RANKS,
    CMP_ROBUST,
    CMP_STATS,
    CMP_WHEELS,
    CMP_CHANGES,
    CMP_GAPS,
    CMP_SEAL,
    CMP_METHOD,
    CMP_END
};
enum { FIG_CHART, FIG_FIGURES, FIG_RULE, FIG_WHEELS, FIG_TABLE };
enum { TABLE_RANKS, TABLE_STATS, TABLE_CHANGES, TABLE_GAPS, TABLE_SEAL };
enum { NGAPS = 10 }; /* the comparison's "most common gaps" */

typedef struct figure_ctx {
    struct builder *b;
    mgi_chart chart;
    int kind;            /* FIG_* */
    int table;           /* FIG_TABLE: TABLE_* */
    size_t first, count; /* FIG_WHEELS, FIG_TABLE: the rows shown */
} figure_ctx;

typedef struct builder {
    const mgi_profile *p;
    const mgi_dataset *ds;
    const mgi_commune *cm;
    mgi_flow *flow;
    mgi_style body, lead, h1, h2, h3, item, note, label, peer;
    mgi_md_styles md, md_ragged; /* md_ragged: lists and paragraphs set ragged right */
    mgi_style item_ragged;
    mgi_md_notes notes;
    figure_ctx *figs;
    size_t nfigs, figs_cap;
    char year[16], previous[16], threshold[32];
    int line_number; /* the last line number printed (drafts) */
    bool comparison; /* the comparison report rather than a profile */
    int cmp_year;
    const mgi_result **sorted; /* comparison: the year's results by overall score */
    size_t nsorted;
    mgi_gap *gaps; /* comparison: the year's most common gaps (practice.h) */
    size_t ngaps;
    const char *vars[20];
    mgi_arena *texts; /* findings and sources read back for this document */
    const char *missing[4]; /* keys of the sections whose narrative is missing */
    size_t nmissing;
    mgi_error err;
} builder;

static const char *S(const builder *b, const char *key)
{
    return mgi_strings_get(b->p->strings, b->p->lang, key);
}

/* The value of key with the commune's placeholders filled in. */
static const char *F(builder *b, const char *key, char *buf, size_t size)
{
    return mgi_strings_format(b->p->strings, b->p->lang, key, buf, size, b->vars);
}

static void inline_md(builder *b, const char *md)
{
    if (mgi_markdown_inline(b->flow, md, &b->notes) != MGI_OK)
        b->err = MGI_ERR_NOMEM;
}

static void para_text(builder *b, const mgi_style *st, const char *md)
{
    mgi_flow_paragraph(b->flow, st);
    inline_md(b, md);
}

static void para_key(builder *b, const mgi_style *st, const char *key)
{
    char buf[4096];
    para_text(b, st, F(b, key, buf, sizeof buf));
}

/* Upper case for titles: ASCII and Latin-1 letters (é → É, ñ → Ñ). */
static void upper(char *s)
{
    for (unsigned char *u = (unsigned char *)s; *u; u++) {
        if (*u >= 'a' && *u <= 'z')
            *u = (unsigned char)(*u - 32);
        else if (*u == 0xC3 && u[1] >= 0xA0 && u[1] <= 0xBE && u[1] != 0xB7) {
            u[1] = (unsigned char)(u[1] - 0x20);
            u++;
        }
    }
}

static void section_title(builder *b, mgi_section s, const char *key)
{
    char buf[512];
    mgi_flow_page_break(b->flow);
    mgi_flow_anchor(b->flow, (int)s);
    F(b, key, buf, sizeof buf);
    upper(buf);
    mgi_flow_paragraph(b->flow, &b->h1);
    mgi_flow_text(b->flow, buf, strlen(buf), -1, NULL);
}

static void heading(builder *b, const mgi_style *st, const char *text)
{
    mgi_flow_paragraph(b->flow, st);
    mgi_flow_text(b->flow, text, strlen(text), -1, NULL);
}

static void bullet(builder *b, const char *md)
{
    mgi_flow_paragraph(b->flow, &b->item);
    mgi_flow_marker(b->flow, "•");
    inline_md(b, md);
}

static void figure(builder *b, int kind, const mgi_chart *chart, double height);
static const char *date_words(const builder *b, mgi_date date, char *buf, size_t size);

/* The notes cited since the last call, into the flow, which sets each at the
 * foot of the page that cites it. */
static void flush_notes(builder *b)
{
    for (size_t i = 0; i < b->notes.n; i++) {
        char num[16];
        snprintf(num, sizeof num, "%d", b->notes.number[i]);
        mgi_flow_footnote(b->flow, &b->note, b->notes.number[i], num);
        inline_md(b, b->notes.text[i]);
    }
    mgi_md_notes_clear(&b->notes);
}

static void draw_figure(void *ctx, mgi_canvas *c);
static double figures_table(builder *b, mgi_canvas *c);
static void wheel_row(const figure_ctx *fc, mgi_canvas *c);
static void table_chunk(const figure_ctx *fc, mgi_canvas *c);

static double frame_width(const mgi_layout *l)
{
    return l->page_width - l->margin_left - l->margin_right;
}

static double frame_height(const mgi_layout *l)
{
    return l->page_height - l->margin_top - l->margin_bottom;
}

/* Charts are drawn at their natural size, scaled down to the text width. */
static double fig_scale(const builder *b, double natural_width)
{
    double s = frame_width(b->p->layout) / natural_width;
    return s < 1 ? s : 1;
}

static figure_ctx *figure_ex(builder *b, int kind, double height)
{
    if (b->nfigs == b->figs_cap) {
        size_t cap = b->figs_cap * 2;
        /* Figures are referred to by pointer until the pages are drawn, so the
         * array cannot move: it is sized before the content is built. */
        (void)cap;
        b->err = MGI_ERR_INTERNAL;
        return NULL;
    }
    figure_ctx *fc = &b->figs[b->nfigs++];
    memset(fc, 0, sizeof *fc);
    fc->b = b;
    fc->kind = kind;
    mgi_flow_figure(b->flow, height, 6, 6, draw_figure, fc);
    return fc;
}

static void figure(builder *b, int kind, const mgi_chart *chart, double height)
{
    if (b->nfigs == b->figs_cap) {
        /* Figures are referred to by pointer until the pages are drawn:
         * allocate them once, large enough (see build()). */
        b->err = MGI_ERR_INTERNAL;
        return;
    }
    figure_ctx *fc = &b->figs[b->nfigs++];
    fc->b = b;
    fc->kind = kind;
    if (chart)
        fc->chart = *chart;
    mgi_flow_figure(b->flow, height, kind == 2 ? 6 : 8, kind == 2 ? 0 : 10, draw_figure, fc);
}

static void chart_figure(builder *b, mgi_chart_kind kind, size_t domain)
{
    mgi_chart ch = {.kind = kind, .a = b->p->a, .strings = b->p->strings, .lang = b->p->lang,
                    .result = b->p->result, .domain = domain};
    double w, h;
    mgi_chart_size(&ch, &w, &h);
    figure(b, 0, &ch, h * fig_scale(b, w));
}

/* ------------------------------------------------------------ the sections */

static void objectives(builder *b)
{
    section_title(b, MGI_SECTION_OBJECTIVES, "section.objectives");
    char buf[2048];
    for (int i = 1; i <= 3; i++) {
        char key[32];
        snprintf(key, sizeof key, "objectives.%d", i);
        bullet(b, F(b, key, buf, sizeof buf));
    }
    mgi_style quote = b->body;
    quote.font = MGI_FONT_ITALIC;
    quote.space_before = 18;
    quote.indent = 24;
    para_key(b, &quote, "objectives.note");
    if (b->p->draft) {
        mgi_style note = b->lead;
        note.font = MGI_FONT_ITALIC;
        note.space_before = 24;
        note.numbered = false;
        para_key(b, &note, "draft.note");
    }
}

static void introduction(builder *b)
{
    char buf[2048];
    section_title(b, MGI_SECTION_INTRODUCTION, "section.introduction");
    heading(b, &b->h2, F(b, "intro.mgi.heading", buf, sizeof buf));
    para_key(b, &b->body, "intro.mgi.1");
    para_key(b, &b->body, "intro.mgi.2");
    para_key(b, &b->body, "intro.attributes");
    for (int i = 1; i <= 3; i++) {
        char key[32], marker[8];
        snprintf(key, sizeof key, "intro.attr.%d", i);
        snprintf(marker, sizeof marker, "%d.", i);
        mgi_flow_paragraph(b->flow, &b->item);
        mgi_flow_marker(b->flow, marker);
        inline_md(b, F(b, key, buf, sizeof buf));
    }
    heading(b, &b->h2, F(b, "intro.local.heading", buf, sizeof buf));
    for (int i = 1; i <= 3; i++) {
        char key[32];
        snprintf(key, sizeof key, "intro.local.%d", i);
        para_key(b, &b->body, key);
    }
    heading(b, &b->h2, F(b, "intro.commune.heading", buf, sizeof buf));
    para_key(b, &b->body, "intro.commune.1");
    para_key(b, &b->body, "intro.commune.2");
}

/* A section left out for want of its narrative, which the contents page names. */
static void missing(builder *b, const char *key)
{
    if (b->nmissing < sizeof b->missing / sizeof b->missing[0])
        b->missing[b->nmissing++] = key;
}

/* The context: the commune's figures and the narrative. Without either, the
 * section is left out (the contents page says so). */
static void context(builder *b)
{
    char buf[2048];
    const char *md = b->p->result->round->context[b->p->lang];
    bool figures = b->cm->population >= 0 || b->cm->foreign_residents >= 0;
    if (!md || !*md) {
        missing(b, "section.context");
        if (!figures)
            return;
    }
    section_title(b, MGI_SECTION_CONTEXT, "section.context");
    if (figures) {
        heading(b, &b->h2, F(b, "context.figures", buf, sizeof buf));
        figure(b, 1, NULL, figures_table(b, NULL));
    }
    if (md && *md && mgi_markdown_blocks(b->flow, md, &b->md, &b->notes) != MGI_OK)
        b->err = MGI_ERR_NOMEM;
    flush_notes(b);
}

static void score_line(builder *b, size_t d)
{
    const mgi_score *s = &b->p->result->domain[d];
    const mgi_dataset *ds = b->ds;
    char buf[1024], num[32], line[4096];
    size_t o = 0;
    /* One Markdown string: cmark would drop the spaces that start a piece. */
    if (s->insufficient) {
        mgi_style first = b->lead;
        first.space_after = 2;
        para_text(b, &first, F(b, "findings.insufficient", buf, sizeof buf));
    } else {
        char lvl[16];
        snprintf(lvl, sizeof lvl, "level.%d", (int)s->level);
        o += (size_t)snprintf(line + o, sizeof line - o, "**%s %s** · **%s:** %s",
                              S(b, "findings.score"),
                              mgi_strings_number(b->p->strings, b->p->lang, s->score, num),
                              S(b, "findings.level"), S(b, lvl));
    }
    /* Coverage in indicators (weights aside, as a reader counts them). */
    size_t total = 0, answered = 0;
    for (size_t i = 0; i < ds->nindicators; i++) {
        if (ds->indicators[i].domain != d || ds->indicators[i].covid)
            continue;
        total++;
        mgi_answer ans = b->p->result->round->responses[i].answer;
        answered += ans == MGI_ANSWER_YES || ans == MGI_ANSWER_PARTIAL || ans == MGI_ANSWER_NO;
    }
    char t[24], an[24], pct[32];
    snprintf(t, sizeof t, "%zu", total);
    snprintf(an, sizeof an, "%zu", answered);
    mgi_strings_percent(b->p->strings, b->p->lang, s->coverage * 100, 0, pct);
    const char *vars[] = {"total", t, "answered", an, "pct", pct, NULL};
    char cov[512];
    mgi_strings_format(b->p->strings, b->p->lang, "findings.coverage_value", cov, sizeof cov, vars);
    if (o < sizeof line)
        o += (size_t)snprintf(line + o, sizeof line - o, "%s**%s:** %s", o ? " · " : "",
                              S(b, "findings.coverage"), cov);
    if (b->p->a->hide_ranks && o < sizeof line) {
        /* [report] ranks = no: quartiles instead of a rank (robust.h). */
        mgi_robust_peer_line(b->p->strings, b->p->lang, b->p->a, b->p->result, d, buf,
                             sizeof buf);
        if (*buf)
            snprintf(line + o, sizeof line - o, " · %s", buf);
    } else if (s->rank && s->of > 1 && o < sizeof line) {
        /* With its interval under other methods when there is one (robust.h). */
        mgi_robust_rank_line(b->p->strings, b->p->lang, b->p->a, b->p->result, d, buf,
                             sizeof buf);
        snprintf(line + o, sizeof line - o, " · %s", buf);
    }
    para_text(b, &b->lead, line);
}

/* Under a gap: the communes that already have the practice (practice.h), one
 * short paragraph each, those whose excerpts are the same sentence named
 * together ("Estación Central (…), Quilicura (…) and Antofagasta (…): …").
 * Their names, regions and findings are data, so they are set as plain text,
 * never read as Markdown. Each note but the last keeps with the next: the
 * group is not split from its label. */
static void practice_notes(builder *b, size_t indicator, const mgi_peer *peers, size_t n)
{
    const mgi_dataset *ds = b->ds;
    char excerpt[MGI_PEERS_MAX][512];
    bool done[MGI_PEERS_MAX] = {false};
    if (n > MGI_PEERS_MAX)
        n = MGI_PEERS_MAX;
    for (size_t k = 0; k < n; k++) {
        const mgi_response *resp = &peers[k].round->responses[indicator];
        const char *finding = mgi_response_finding(ds, resp, b->p->lang, b->texts);
        if (*finding)
            mgi_practice_excerpt(finding, 110, excerpt[k], sizeof excerpt[k]);
        else
            excerpt[k][0] = '\0';
    }
    size_t groups = 0; /* distinct excerpts */
    for (size_t k = 0; k < n; k++) {
        size_t j = 0;
        while (j < k && strcmp(excerpt[j], excerpt[k]) != 0)
            j++;
        groups += j == k;
    }
    for (size_t k = 0, g = 0; k < n; k++) {
        if (done[k])
            continue;
        char names[1024] = "", line[1536];
        size_t same = 0, o = 0;
        for (size_t j = k; j < n; j++) {
            if (done[j] || strcmp(excerpt[j], excerpt[k]) != 0)
                continue;
            done[j] = true;
            same++;
        }
        for (size_t j = k, i = 0; j < n && i < same; j++) {
            if (strcmp(excerpt[j], excerpt[k]) != 0)
                continue;
            const mgi_commune *cm = &ds->communes[peers[j].commune];
            char sep[32];
            snprintf(sep, sizeof sep, i == 0 ? "" : i + 1 == same ? " %s " : ", ",
                     S(b, "practice.and"));
            if (o < sizeof names)
                o += (size_t)snprintf(names + o, sizeof names - o, "%s%s (%s, %d)", sep, cm->name,
                                      *cm->region ? cm->region : cm->country, peers[j].round->year);
            i++;
        }
        const char *text = *excerpt[k] ? excerpt[k]
                                       : S(b, same > 1 ? "practice.no_finding_many"
                                                       : "practice.no_finding");
        const char *vars[] = {"names", names, "excerpt", text, NULL};
        mgi_strings_format(b->p->strings, b->p->lang, "practice.peer", line, sizeof line, vars);
        mgi_style st = b->peer;
        bool last = ++g == groups;
        if (!last) {
            st.space_after = 1;
            st.keep_with_next = true;
        }
        mgi_flow_paragraph(b->flow, &st);
        if (g == 1) {
            const char *label = S(b, "practice.label");
            mgi_flow_text(b->flow, label, strlen(label), MGI_FONT_BOLD, NULL);
            mgi_flow_text(b->flow, " ", 1, MGI_FONT_REGULAR, NULL);
        }
        mgi_flow_text(b->flow, line, strlen(line), MGI_FONT_REGULAR, NULL);
    }
}

/* Does any gap of the profile have a commune with the practice? */
static bool any_practice(const builder *b)
{
    const mgi_result *r = b->p->result;
    mgi_peer peers[MGI_PEERS_MAX];
    for (size_t d = 0; b->p->peers && d < b->ds->ndomains; d++)
        for (size_t i = 0; i < r->ngaps[d]; i++)
            if (mgi_practice_peers(b->ds, r->commune, r->gaps[d][i], peers))
                return true;
    return false;
}

/* The findings of indicators idx[0..n): one paragraph each. */
static void finding_list(builder *b, const size_t *idx, size_t n, const char *none_key,
                         bool peers)
{
    char buf[1024];
    if (n == 0) {
        para_key(b, &b->body, none_key);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const mgi_response *r = &b->p->result->round->responses[idx[i]];
        const char *text = mgi_response_finding(b->ds, r, b->p->lang, b->texts);
        mgi_peer peer[MGI_PEERS_MAX];
        size_t npeers = peers ? mgi_practice_peers(b->ds, b->p->result->commune, idx[i], peer) : 0;
        mgi_style st = b->body;
        if (npeers) {
            st.space_after = 2;        /* the notes belong to this finding: */
            st.keep_with_next = true;  /* not on the page before them */
        }
        mgi_flow_paragraph(b->flow, &st);
        if (b->p->draft) {
            /* reviewers cite findings by id: "MR-04, line 12" */
            const char *id = b->ds->indicators[idx[i]].id;
            mgi_flow_text(b->flow, "[", 1, MGI_FONT_BOLD, NULL);
            mgi_flow_text(b->flow, id, strlen(id), MGI_FONT_BOLD, NULL);
            mgi_flow_text(b->flow, "] ", 2, MGI_FONT_BOLD, NULL);
        }
        if (*text) {
            inline_md(b, text);
        } else {
            const char *q = b->ds->indicators[idx[i]].question[b->p->lang];
            snprintf(buf, sizeof buf, "*%s* ", q);
            inline_md(b, buf);
            inline_md(b, S(b, "findings.no_finding"));
        }
        practice_notes(b, idx[i], peer, npeers);
    }
}

static void findings(builder *b)
{
    const mgi_dataset *ds = b->ds;
    const mgi_result *r = b->p->result;
    char buf[2048];
    section_title(b, MGI_SECTION_FINDINGS, "section.findings");
    para_key(b, &b->body, "findings.intro");
    if (any_practice(b))
        para_key(b, &b->body, "practice.intro");
    chart_figure(b, MGI_CHART_WHEEL, 0);
    heading(b, &b->h2, F(b, "findings.overview", buf, sizeof buf));
    for (size_t d = 0; d < ds->ndomains; d++) {
        mgi_flow_paragraph(b->flow, &b->body);
        snprintf(buf, sizeof buf, "**%s.** %s", ds->domains[d].name[b->p->lang],
                 ds->domains[d].description[b->p->lang]);
        inline_md(b, buf);
    }
    for (size_t d = 0; d < ds->ndomains; d++) {
        mgi_flow_page_break(b->flow);
        mgi_flow_anchor(b->flow, ANCHOR_DOMAIN + (int)d);
        snprintf(buf, sizeof buf, "%s", ds->domains[d].objective[b->p->lang]);
        upper(buf);
        mgi_style h = b->h1;
        h.colour = mgi_rgb_mix(mgi_domain_colour(ds, d), 0x000000, 0.8);
        heading(b, &h, buf);
        score_line(b, d);
        chart_figure(b, MGI_CHART_AREAS, d);
        int n = ds->domains[d].number;
        snprintf(buf, sizeof buf, "%d.1. %s", n, S(b, "findings.well"));
        heading(b, &b->h2, buf);
        finding_list(b, r->well[d], r->nwell[d], "findings.none_well", false);
        snprintf(buf, sizeof buf, "%d.2. %s", n, S(b, "findings.gaps"));
        heading(b, &b->h2, buf);
        finding_list(b, r->gaps[d], r->ngaps[d], "findings.none_gaps", b->p->peers);
    }
}

/* "15 March 2025, overdue" and the like: a due date with what it means on
 * as_of; in words for running text, ISO (2025-03-15) for tables. */
static void seal_due_text(const builder *b, const mgi_seal *s, bool words, char *buf, size_t size)
{
    char date[64];
    if (words)
        date_words(b, s->due, date, sizeof date);
    else
        mgi_date_format(s->due, date, sizeof date);
    const char *vars[] = {"date", date, NULL};
    if (s->overdue || s->due_soon)
        mgi_strings_format(b->p->strings, b->p->lang, s->overdue ? "seal.overdue" : "seal.soon",
                           buf, size, vars);
    else
        snprintf(buf, size, "%s", s->due == MGI_NODATE ? "–" : date);
}

/* The Migrant Seal page: status and calendar, then readiness by dimension with
 * the indicators that support or block each one. Only when there is something
 * to say (mgi_seal_relevant). */
static void seal(builder *b)
{
    const mgi_dataset *ds = b->ds;
    const mgi_result *r = b->p->result;
    if (!mgi_seal_relevant(ds, b->cm))
        return;
    mgi_seal s;
    mgi_seal_assess(b->p->a, r, b->p->as_of, &s);
    char buf[4096], key[48], d1[64], d2[64], due[128], asof[64];
    section_title(b, MGI_SECTION_SEAL, "seal.title");
    para_key(b, &b->body, "seal.intro");
    snprintf(key, sizeof key, "seal.status.%s",
             s.status == MGI_SEAL_UNKNOWN ? "unknown" : mgi_seal_status_key(s.status));
    size_t o = (size_t)snprintf(buf, sizeof buf, "**%s:** %s", S(b, "seal.status"), S(b, key));
    if (s.since != MGI_NODATE && o < sizeof buf)
        o += (size_t)snprintf(buf + o, sizeof buf - o, " · **%s:** %s", S(b, "seal.since"),
                              date_words(b, s.since, d1, sizeof d1));
    if (s.last_review != MGI_NODATE && o < sizeof buf)
        o += (size_t)snprintf(buf + o, sizeof buf - o, " · **%s:** %s", S(b, "seal.last_review"),
                              date_words(b, s.last_review, d2, sizeof d2));
    if (s.due != MGI_NODATE && o < sizeof buf) {
        seal_due_text(b, &s, true, due, sizeof due);
        snprintf(buf + o, sizeof buf - o, " · **%s:** %s", S(b, "seal.due"), due);
    }
    para_text(b, &b->lead, buf);
    const char *vars[] = {"date", date_words(b, b->p->as_of, asof, sizeof asof), NULL};
    mgi_strings_format(b->p->strings, b->p->lang, "seal.as_of", buf, sizeof buf, vars);
    para_text(b, &b->note, buf);
    heading(b, &b->h2, S(b, "seal.readiness"));
    para_key(b, &b->body, "seal.readiness_note");
    for (int d = 0; d < MGI_SEAL_NDIMS; d++) {
        snprintf(key, sizeof key, "seal.dim.%s", mgi_seal_dimension_key(d));
        const mgi_score *sc = &s.dim[d];
        char num[32], lvl[16];
        snprintf(lvl, sizeof lvl, "level.%d", (int)sc->level);
        if (s.nmapped[d] == 0)
            snprintf(buf, sizeof buf, "%d. %s", d + 1, S(b, key));
        else if (sc->insufficient)
            snprintf(buf, sizeof buf, "%d. %s: %s", d + 1, S(b, key), S(b, "insufficient"));
        else
            snprintf(buf, sizeof buf, "%d. %s: %s (%s)", d + 1, S(b, key),
                     mgi_strings_number(b->p->strings, b->p->lang, sc->score, num), S(b, lvl));
        heading(b, &b->h3, buf);
        if (s.nmapped[d] == 0) {
            para_key(b, &b->note, "seal.none_mapped");
            continue;
        }
        /* In place, then still to do: the ids with their short labels. */
        for (int pass = 0; pass < 2; pass++) {
            mgi_style st = b->note;
            mgi_flow_paragraph(b->flow, &st);
            const char *label = S(b, pass == 0 ? "seal.supports" : "seal.blocks");
            mgi_flow_text(b->flow, label, strlen(label), MGI_FONT_BOLD, NULL);
            mgi_flow_text(b->flow, ": ", 2, MGI_FONT_BOLD, NULL);
            size_t n = 0;
            for (size_t i = 0; i < ds->nindicators; i++) {
                const mgi_indicator *ind = &ds->indicators[i];
                if (ind->seal_dimension != d || ind->covid)
                    continue;
                mgi_answer ans = r->round->responses[i].answer;
                bool in = pass == 0 ? ans == MGI_ANSWER_YES
                                    : ans == MGI_ANSWER_PARTIAL || ans == MGI_ANSWER_NO;
                if (!in)
                    continue;
                snprintf(buf, sizeof buf, "%s%s %s", n ? "; " : "", ind->id,
                         mgi_indicator_label(ind, b->p->lang));
                mgi_flow_text(b->flow, buf, strlen(buf), MGI_FONT_REGULAR, NULL);
                n++;
            }
            if (!n)
                mgi_flow_text(b->flow, "–", strlen("–"), MGI_FONT_REGULAR, NULL);
        }
    }
}

static void change(builder *b)
{
    const mgi_result *r = b->p->result;
    const mgi_dataset *ds = b->ds;
    if (!r->previous)
        return;
    section_title(b, MGI_SECTION_CHANGE, "section.change");
    para_key(b, &b->body, "change.intro");
    chart_figure(b, MGI_CHART_TREND, 0);
    static const struct {
        mgi_change kind;
        const char *key;
    } groups[] = {{MGI_CHANGE_IMPROVED, "change.improved"},
                  {MGI_CHANGE_REGRESSED, "change.regressed"},
                  {MGI_CHANGE_NEW, "change.new"}};
    bool any = false;
    for (size_t g = 0; g < 3; g++) {
        bool head = false;
        for (size_t i = 0; i < ds->nindicators; i++) {
            if (r->indicator_change[i] != groups[g].kind)
                continue;
            if (!head) {
                char buf[256];
                heading(b, &b->h3, F(b, groups[g].key, buf, sizeof buf));
                head = any = true;
            }
            char line[2048], a[64], c[64];
            snprintf(a, sizeof a, "answer.%s", mgi_answer_name(r->previous->responses[i].answer));
            snprintf(c, sizeof c, "answer.%s", mgi_answer_name(r->round->responses[i].answer));
            char fromto[256];
            const char *v[] = {"from", S(b, a), "to", S(b, c), NULL};
            mgi_strings_format(b->p->strings, b->p->lang, "change.from_to", fromto,
                               sizeof fromto, v);
            snprintf(line, sizeof line, "**%s** %s (%s)", ds->indicators[i].id,
                     ds->indicators[i].question[b->p->lang], fromto);
            bullet(b, line);
        }
    }
    if (!any)
        para_key(b, &b->body, "change.none");
}

static void covid(builder *b)
{
    const mgi_result *r = b->p->result;
    const mgi_dataset *ds = b->ds;
    char buf[2048];
    const char *md = r->round->covid[b->p->lang];
    if (!md || !*md) {
        missing(b, "section.covid");
        if (!r->ncovid)
            return;
    }
    section_title(b, MGI_SECTION_COVID, "section.covid");
    para_key(b, &b->body, "covid.intro");
    if (md && *md && mgi_markdown_blocks(b->flow, md, &b->md, &b->notes) != MGI_OK)
        b->err = MGI_ERR_NOMEM;
    if (r->ncovid) {
        heading(b, &b->h2, F(b, "covid.questions", buf, sizeof buf));
        for (size_t k = 0; k < r->ncovid; k++) {
            size_t i = r->covid[k];
            const mgi_response *resp = &r->round->responses[i];
            char key[32];
            snprintf(key, sizeof key, "answer.%s", mgi_answer_name(resp->answer));
            mgi_style q = b->body;
            q.keep_with_next = true;
            q.space_after = 1;
            mgi_flow_paragraph(b->flow, &q);
            snprintf(buf, sizeof buf, "**%s** %s — **%s**", ds->indicators[i].id,
                     ds->indicators[i].question[b->p->lang], S(b, key));
            inline_md(b, buf);
            const char *finding = mgi_response_text(ds, resp, b->p->lang, b->texts);
            if (*finding)
                para_text(b, &b->body, finding);
        }
    }
    flush_notes(b);
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* s reduced to what identifies a reference: letters and digits, lower case
 * (ASCII folded, other UTF-8 bytes kept), at most size - 1 bytes. */
static void ref_norm(const char *s, size_t n, char *out, size_t size)
{
    size_t o = 0;
    for (size_t i = 0; i < n && s[i] && o + 1 < size; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || isalnum(c))
            out[o++] = (char)(c < 0x80 ? tolower(c) : c);
    }
    out[o] = '\0';
}

/* How a reference is recognised: its author (what comes before the year or the
 * first comma), its year ("2021b") and its title (after "(2021). "). */
typedef struct refkey {
    char author[128], year[8], title[256];
} refkey;

static void ref_key(const char *s, refkey *k)
{
    memset(k, 0, sizeof *k);
    const char *y = s;
    for (; *y; y++)
        if ((y[0] == '1' || y[0] == '2') && (y[1] == '9' || y[1] == '0') && isdigit((unsigned char)y[2]) &&
            isdigit((unsigned char)y[3]) && !isdigit((unsigned char)y[4]) &&
            (y == s || !isdigit((unsigned char)y[-1])))
            break;
    if (*y)
        snprintf(k->year, sizeof k->year, "%.4s%c", y, isalpha((unsigned char)y[4]) ? y[4] : '\0');
    size_t an = strcspn(s, ",(");
    ref_norm(s, an, k->author, sizeof k->author);
    /* the title: the first *emphasised* words, else what follows "(2021). " up
     * to the next full stop and space */
    const char *t = strchr(s, '*');
    if (t && strchr(t + 1, '*')) {
        t++;
        ref_norm(t, (size_t)(strchr(t, '*') - t), k->title, sizeof k->title);
    } else if ((t = strstr(s, "). ")) != NULL) {
        t += 3;
        const char *e = strstr(t, ". ");
        ref_norm(t, e ? (size_t)(e - t) : strlen(t), k->title, sizeof k->title);
    }
}

/* Does the finding's source name the same work as the narrative's entry? By
 * author and year, or by the entry's title found in the source. */
static bool same_ref(const char *source, const refkey *src, const refkey *entry)
{
    size_t a = strlen(src->author), b = strlen(entry->author);
    size_t m = a < b ? a : b;
    if (*src->year && strncmp(src->year, entry->year, 4) == 0 && m >= 3 &&
        strncmp(src->author, entry->author, m) == 0)
        return true;
    /* a title of 16 letters or more anywhere in the source; a shorter one ("Ley
     * No. 20.507") with the same year */
    size_t tn = strlen(entry->title);
    bool year = *src->year && strncmp(src->year, entry->year, 4) == 0;
    if (tn >= 16 || (tn >= 8 && year)) {
        char all[1024];
        ref_norm(source, strlen(source), all, sizeof all);
        return strstr(all, entry->title) != NULL;
    }
    return false;
}

/* The list items of a Markdown narrative ("- ", "* ", "1. "), keyed. */
static size_t narrative_refs(const char *md, refkey *out, size_t max)
{
    size_t n = 0;
    for (const char *l = md; l && *l && n < max; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
        while (*l == ' ')
            l++;
        const char *t = NULL;
        if ((*l == '-' || *l == '*' || *l == '+') && l[1] == ' ')
            t = l + 2;
        else if (isdigit((unsigned char)*l) && (l[strspn(l, "0123456789")] == '.') &&
                 l[strspn(l, "0123456789") + 1] == ' ')
            t = l + strspn(l, "0123456789") + 2;
        if (!t)
            continue;
        char item[1024];
        snprintf(item, sizeof item, "%.*s", (int)strcspn(t, "\n"), t);
        ref_key(item, &out[n++]);
    }
    return n;
}

/* The key sources: the narrative's list, then, under their own heading, the
 * sources the findings cite that the list does not give already — each once,
 * sorted. A bibliography is set ragged right, as bibliographies are. */
static void sources(builder *b)
{
    const mgi_result *r = b->p->result;
    const mgi_dataset *ds = b->ds;
    const char *md = r->round->sources[b->p->lang];
    if (!md || !*md)
        md = NULL;
    enum { MAXREFS = 512 };
    const char **list = malloc((ds->nindicators + 1) * sizeof *list);
    refkey *refs = malloc(MAXREFS * sizeof *refs);
    if (!list || !refs) {
        free(list);
        free(refs);
        b->err = MGI_ERR_NOMEM;
        return;
    }
    size_t nrefs = md ? narrative_refs(md, refs, MAXREFS) : 0, n = 0;
    for (size_t i = 0; i < ds->nindicators; i++) {
        const char *src = mgi_response_text(ds, &r->round->responses[i], MGI_TEXT_SOURCE, b->texts);
        if (!*src)
            continue;
        refkey k;
        ref_key(src, &k);
        bool known = false;
        for (size_t j = 0; j < nrefs && !known; j++)
            known = same_ref(src, &k, &refs[j]);
        if (!known)
            list[n++] = src;
    }
    qsort(list, n, sizeof *list, cmp_str);
    if (!md)
        missing(b, "section.sources");
    if (!md && !n) { /* nothing to list: the section is left out */
        free(list);
        free(refs);
        return;
    }
    section_title(b, MGI_SECTION_SOURCES, "section.sources");
    para_key(b, &b->body, "sources.intro");
    if (md && mgi_markdown_blocks(b->flow, md, &b->md_ragged, &b->notes) != MGI_OK)
        b->err = MGI_ERR_NOMEM;
    if (n && md) {
        char buf[256];
        heading(b, &b->h3, F(b, "sources.findings", buf, sizeof buf));
    }
    for (size_t i = 0; i < n; i++)
        if (i == 0 || strcmp(list[i], list[i - 1]) != 0) {
            mgi_flow_paragraph(b->flow, &b->item_ragged);
            mgi_flow_marker(b->flow, "•");
            inline_md(b, list[i]);
        }
    free(list);
    free(refs);
    flush_notes(b);
}

static void consultation(builder *b)
{
    const mgi_round *rd = b->p->result->round;
    const mgi_dataset *ds = b->ds;
    if (!rd->nchanges)
        return;
    section_title(b, MGI_SECTION_CONSULTATION, "section.consultation");
    para_key(b, &b->body, "consultation.intro");
    for (size_t i = 0; i < rd->nchanges; i++) {
        const mgi_logentry *e = &rd->changes[i];
        bool answer = strcmp(e->field, "answer") == 0;
        if (!answer && strcmp(e->field, b->p->lang == MGI_LANG_ES ? "finding_es" : "finding_en"))
            continue; /* a finding in the other language */
        char line[8192], by[256] = "";
        if (*e->reviewer) {
            const char *v[] = {"reviewer", e->reviewer, NULL};
            mgi_strings_format(b->p->strings, b->p->lang, "consultation.by", by, sizeof by, v);
        }
        if (answer) {
            char x[32], y[32], fromto[256];
            snprintf(x, sizeof x, "answer.%s", e->before);
            snprintf(y, sizeof y, "answer.%s", e->after);
            const char *v[] = {"from", S(b, x), "to", S(b, y), NULL};
            mgi_strings_format(b->p->strings, b->p->lang, "change.from_to", fromto, sizeof fromto, v);
            snprintf(line, sizeof line, "**%s** %s: %s%s%s%s%s", ds->indicators[e->indicator].id,
                     S(b, "consultation.answer"), fromto, *by ? " (" : "", by, *by ? ")" : "",
                     *e->comment ? "." : "");
        } else {
            snprintf(line, sizeof line, "**%s** %s%s%s%s: %s", ds->indicators[e->indicator].id,
                     S(b, "consultation.finding"), *by ? " (" : "", by, *by ? ")" : "", e->after);
        }
        bullet(b, line);
        if (*e->comment) {
            mgi_style c = b->item;
            c.font = MGI_FONT_ITALIC;
            c.space_before = 0;
            para_text(b, &c, e->comment);
        }
    }
}

static void annexes(builder *b)
{
    char buf[2048];
    section_title(b, MGI_SECTION_ANNEXES, "section.annexes");
    heading(b, &b->h2, F(b, "annex.migof.heading", buf, sizeof buf));
    para_key(b, &b->body, "annex.migof.1");
    para_key(b, &b->body, "annex.migof.2");
    para_key(b, &b->lead, "annex.migof.principles");
    for (int i = 1; i <= 3; i++) {
        char key[32];
        snprintf(key, sizeof key, "annex.migof.p%d", i);
        bullet(b, F(b, key, buf, sizeof buf));
    }
    para_key(b, &b->lead, "annex.migof.objectives");
    for (int i = 1; i <= 3; i++) {
        char key[32];
        snprintf(key, sizeof key, "annex.migof.o%d", i);
        bullet(b, F(b, key, buf, sizeof buf));
    }
    para_key(b, &b->body, "annex.migof.3");
    heading(b, &b->h2, F(b, "annex.process.heading", buf, sizeof buf));
    for (int i = 1; i <= 4; i++) {
        char key[48], title[512], marker[8];
        snprintf(key, sizeof key, "annex.process.%d.title", i);
        F(b, key, title, sizeof title);
        snprintf(marker, sizeof marker, "%d", i);
        mgi_style st = b->item;
        st.keep_with_next = true;
        st.space_after = 1;
        mgi_flow_paragraph(b->flow, &st);
        mgi_flow_marker(b->flow, marker);
        mgi_flow_text(b->flow, title, strlen(title), MGI_FONT_BOLD, NULL);
        snprintf(key, sizeof key, "annex.process.%d", i);
        mgi_style text = b->item;
        text.space_before = 0;
        para_key(b, &text, key);
    }
}

/* --------------------------------------------------------------- figures */

/* The commune's figures: label and value per row, wrapped to two lines. */
typedef struct table {
    const char *label[4];
    char value[4][512];
} table;

static void figures_values(builder *b, table *t)
{
    const mgi_commune *cm = b->cm;
    char num[64];
    t->label[0] = S(b, "context.population");
    t->label[1] = S(b, "context.foreign");
    t->label[2] = S(b, "context.share");
    t->label[3] = S(b, "context.stats");
    /* Whole numbers with the language's thousands separator (a comma in
     * English, a point in Spanish). */
    char sep = b->p->lang == MGI_LANG_ES ? '.' : ',';
    long long counts[2] = {cm->population, cm->foreign_residents};
    for (int i = 0; i < 2; i++) {
        if (counts[i] < 0) {
            snprintf(t->value[i], sizeof t->value[i], "–");
            continue;
        }
        snprintf(num, sizeof num, "%lld", counts[i]);
        size_t n = strlen(num), o = 0;
        for (size_t k = 0; k < n; k++) {
            if (k && (n - k) % 3 == 0)
                t->value[i][o++] = sep;
            t->value[i][o++] = num[k];
        }
        t->value[i][o] = '\0';
    }
    if (cm->population > 0 && cm->foreign_residents >= 0) {
        mgi_strings_percent(b->p->strings, b->p->lang,
                            100.0 * (double)cm->foreign_residents / (double)cm->population, 1,
                            t->value[2]);
    } else {
        snprintf(t->value[2], sizeof t->value[2], "–");
    }
    if (cm->stats_year)
        snprintf(t->value[3], sizeof t->value[3], "%d%s%s", cm->stats_year,
                 *cm->stats_source ? " · " : "", cm->stats_source);
    else
        snprintf(t->value[3], sizeof t->value[3], "%s",
                 *cm->stats_source ? cm->stats_source : "–");
}

static int rows_of(const builder *b, const char *s, double width, int font, double size)
{
    const mgi_font *f = mgi_fonts_get(b->p->fonts, font);
    return mgi_font_width(f, s, strlen(s), size) <= width ? 1 : 2;
}

/* Draws the table on c, or only measures it when c is NULL; returns its height. */
static double figures_table(builder *b, mgi_canvas *c)
{
    const mgi_layout *l = b->p->layout;
    table t;
    figures_values(b, &t);
    double w = frame_width(l), y = 4, lw = w * 0.40 - 8, vw = w * 0.60;
    for (int i = 0; i < 4; i++) {
        double vsize = i == 3 ? l->small + 0.5 : l->size;
        int rows = rows_of(b, t.label[i], lw, MGI_FONT_REGULAR, l->size);
        int vrows = rows_of(b, t.value[i], vw, MGI_FONT_BOLD, vsize);
        if (vrows > rows)
            rows = vrows;
        double h = 8 + rows * l->size * 1.25;
        if (c) {
            mgi_canvas_line(c, 0, y, w, y, l->rule, 0.6, 0);
            mgi_canvas_text_box(c, 0, y + 4 + l->size, lw, t.label[i], MGI_FONT_REGULAR, l->size,
                                l->muted, MGI_ALIGN_LEFT, 2);
            mgi_canvas_text_box(c, w * 0.40, y + 4 + l->size, vw, t.value[i],
                                i == 3 ? MGI_FONT_REGULAR : MGI_FONT_BOLD, vsize, l->text,
                                MGI_ALIGN_LEFT, 2);
        }
        y += h;
    }
    if (c)
        mgi_canvas_line(c, 0, y, w, y, l->rule, 0.6, 0);
    return y + 2;
}

static void draw_figure(void *ctx, mgi_canvas *c)
{
    figure_ctx *fc = ctx;
    if (fc->kind == FIG_CHART)
        mgi_chart_draw(&fc->chart, c);
    else if (fc->kind == FIG_FIGURES)
        figures_table(fc->b, c);
    else if (fc->kind == FIG_WHEELS)
        wheel_row(fc, c);
    else if (fc->kind == FIG_TABLE)
        table_chunk(fc, c);
    else
        mgi_canvas_line(c, 0, 5, 90, 5, fc->b->p->layout->rule, 0.8, 0);
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

static mgi_canvas *page_canvas(const builder *b, mgi_pdf_page *page)
{
    const mgi_layout *l = b->p->layout;
    mgi_canvas *c = NULL;
    mgi_canvas_pdf(b->p->fonts, page, 0, l->page_height, l->page_width, l->page_height, &c);
    return c;
}

/* A date in words in the document's language: "4 December 2026", "4 de diciembre de 2026". */
static const char *date_words(const builder *b, mgi_date date, char *buf, size_t size)
{
    int y, m, d;
    mgi_date_split(date, &y, &m, &d);
    char day[8], month[16], year[8];
    snprintf(day, sizeof day, "%d", d);
    snprintf(month, sizeof month, "month.%d", m);
    snprintf(year, sizeof year, "%d", y);
    const char *vars[] = {"day", day, "month", S(b, month), "year", year, NULL};
    return mgi_strings_format(b->p->strings, b->p->lang, "date.words", buf, size, vars);
}

/* Who publishes the document: [publication] publisher in its language, else a
 * profile's municipality; "" for a comparison without one. */
static const char *publisher(builder *b, char *buf, size_t size)
{
    const mgi_publication *pb = &b->p->layout->publication;
    const char *name = pb->publisher[b->p->lang == MGI_LANG_ES && *pb->publisher[1] ? 1 : 0];
    if (*name)
        snprintf(buf, size, "%s", name);
    else if (!b->comparison)
        F(b, "imprint.municipality", buf, size);
    else
        buf[0] = '\0';
    return buf;
}

/* The required citation: publisher (year). Title. Place. */
static void citation(builder *b, char *buf, size_t size)
{
    const mgi_publication *pb = &b->p->layout->publication;
    char who[256], title[512], sub[256], year[16];
    struct tm tm;
    gmtime_r(&b->p->date, &tm);
    snprintf(year, sizeof year, "%d", tm.tm_year + 1900);
    publisher(b, who, sizeof who);
    F(b, b->comparison ? "cmp.title" : "cover.commune", sub, sizeof sub);
    if (b->comparison)
        snprintf(title, sizeof title, "%s: %s, %s", S(b, "title"), sub, b->year);
    else
        snprintf(title, sizeof title, "%s: %s. %s", S(b, "title"),
                 F(b, "profile", (char[128]){0}, 128), sub);
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
static void imprint(builder *b, mgi_pdf_page *page)
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
    date_words(b, mgi_date_from_time(b->p->date), date, sizeof date);
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
        parts[n++] = (struct part){S(b, "imprint.publisher"), para[0]};
    }
    parts[n++] = (struct part){NULL, S(b, "imprint.disclaimer")};
    citation(b, para[1], sizeof para[1]);
    parts[n++] = (struct part){S(b, "imprint.citation"), para[1]};
    const char *vars[] = {"publisher", *who ? who : S(b, "imprint.authors"), "year", year,
                          "licence", pb->licence, "url", pb->licence_url, NULL};
    mgi_strings_format(b->p->strings, b->p->lang, *pb->licence ? "imprint.licence" : "imprint.rights",
                       para[2], sizeof para[2], vars);
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
    for (int pass = 0; pass < 2; pass++) {
        double y0 = y;
        for (int i = 0; i < n; i++) {
            if (parts[i].label) {
                if (pass)
                    mgi_canvas_text(c, x, y, parts[i].label, MGI_FONT_BOLD, size, l->text,
                                    MGI_ALIGN_LEFT);
                y += lead;
            }
            /* line by line: a publisher's block has its own line breaks */
            snprintf(buf, sizeof buf, "%s", parts[i].text);
            for (char *ln = strtok(buf, "\n"); ln; ln = strtok(NULL, "\n")) {
                size_t st[16], len[16];
                int ell;
                y += lead * (pass ? mgi_canvas_text_box(c, x, y, w, ln, MGI_FONT_REGULAR, size,
                                                        l->text, MGI_ALIGN_LEFT, 12)
                                  : mgi_canvas_wrap(c, ln, MGI_FONT_REGULAR, size, w, 12, st,
                                                    len, &ell));
            }
            y += lead * 0.9;
        }
        y = l->page_height - l->margin_bottom - (y - y0) + lead;
    }
    mgi_canvas_free(c);
}

/* The back cover: the domain colours, a word on the Local MGI, the publisher. */
static void back_cover(builder *b, mgi_pdf_page *page)
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
    snprintf(buf, sizeof buf, "%s", S(b, "title"));
    y += 15 * 1.25 * mgi_canvas_text_box(c, x, y, w, buf, MGI_FONT_BOLD, 15, 0xFFFFFF,
                                         MGI_ALIGN_LEFT, 2);
    y += 8;
    F(b, "back.text", buf, sizeof buf);
    y += 10 * 1.2 * mgi_canvas_text_box(c, x, y, w, buf, MGI_FONT_REGULAR, 10, 0xFFFFFF,
                                        MGI_ALIGN_LEFT, 10);
    publisher(b, buf, sizeof buf);
    const mgi_publication *pb = &l->publication;
    if (*pb->url)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", *buf ? " · " : "", pb->url);
    mgi_canvas_text_box(c, x, H - 50, w, buf, MGI_FONT_BOLD, 9, 0xFFFFFF, MGI_ALIGN_LEFT, 2);
    mgi_canvas_free(c);
}

static void cover(builder *b, pdf *d)
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
    snprintf(buf, sizeof buf, "%s", S(b, "cover.kicker"));
    upper(buf);
    mgi_canvas_text_box(c, x, 150, W - 2 * x, buf, MGI_FONT_BOLD, 15, 0xFFFFFF, MGI_ALIGN_LEFT, 2);
    snprintf(buf, sizeof buf, "%s", S(b, "cover.local"));
    upper(buf);
    mgi_canvas_text(c, x, 222, buf, MGI_FONT_BOLD, 58, 0xFFFFFF, MGI_ALIGN_LEFT);
    mgi_canvas_rect(c, x, 250, 72, 4, 0xFFFFFF);
    /* Title and subtitle wrap (a long commune name, the Spanish subtitle) and
     * push what follows down. */
    F(b, b->comparison ? "cmp.title" : "cover.commune", buf, sizeof buf);
    double y = H * 0.42 + 70;
    y += 22 * 1.2 * mgi_canvas_text_box(c, x, y, W - 2 * x, buf, MGI_FONT_BOLD, 22, l->text,
                                        MGI_ALIGN_LEFT, 3);
    F(b, b->comparison ? "cmp.subtitle" : "profile", buf, sizeof buf);
    upper(buf);
    y += 24;
    y += 16 * 1.2 * mgi_canvas_text_box(c, x, y, W - 2 * x, buf, MGI_FONT_BOLD, 16, l->accent,
                                        MGI_ALIGN_LEFT, 2);
    /* The domains, each with its colour. */
    y += 30;
    for (size_t i = 0; i < ds->ndomains; i++) {
        mgi_canvas_rect(c, x, y + 16.0 * (double)i - 8, 8, 8, mgi_domain_colour(ds, i));
        mgi_canvas_text(c, x + 16, y + 16.0 * (double)i, ds->domains[i].name[b->p->lang],
                        MGI_FONT_REGULAR, 9.5, l->text, MGI_ALIGN_LEFT);
    }
    /* The publisher at the foot, as on a printed report's cover. */
    publisher(b, buf, sizeof buf);
    mgi_canvas_text_box(c, x, H - 60, W - 2 * x, buf, MGI_FONT_BOLD, 9, l->muted, MGI_ALIGN_LEFT,
                        2);
    mgi_canvas_free(c);
}

/* The title of section s as printed (upper case like the headings). */
static void section_name(builder *b, int id, char *buf, size_t size)
{
    static const char *const keys[MGI_NSECTIONS] = {
        "section.objectives", "section.introduction", "section.context",
        "section.findings",   "section.change",       "seal.title",
        "section.covid",      "section.sources",      "section.consultation",
        "section.annexes"};
    static const char *const cmp_keys[] = {"cmp.heatmap", "cmp.ranks",  "unc.title", "cmp.stats",
                                           "cmp.wheels",  "cmp.changes", "gaps.title",
                                           "seal.title",  "cmp.method"};
    if (id == CMP_RANKS && b->p->a->hide_ranks)
        F(b, "unc.levels", buf, size);
    else if (id >= CMP_HEATMAP)
        F(b, cmp_keys[id - CMP_HEATMAP], buf, size);
    else if (id >= ANCHOR_DOMAIN)
        snprintf(buf, size, "%d. %s", b->ds->domains[id - ANCHOR_DOMAIN].number,
                 b->ds->domains[id - ANCHOR_DOMAIN].name[b->p->lang]);
    else
        F(b, keys[id], buf, size);
}

typedef struct entry {
    int id;
    size_t page; /* flow page */
    double y;    /* where on it */
} entry;

static size_t entries(builder *b, entry *out)
{
    size_t n = 0;
    const mgi_layout *l = b->p->layout;
    if (b->comparison) {
        for (int id = CMP_HEATMAP; id < CMP_END; id++) {
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
                if (mgi_flow_anchor_at(b->flow, ANCHOR_DOMAIN + (int)d, &pg, &y))
                    out[n++] = (entry){ANCHOR_DOMAIN + (int)d, pg, y};
    }
    return n;
}

static void contents(builder *b, pdf *d)
{
    const mgi_layout *l = b->p->layout;
    mgi_pdf_page *page = d->pages[2];
    mgi_canvas *c = page_canvas(b, page);
    if (!c)
        return;
    char buf[512], num[24];
    snprintf(buf, sizeof buf, "%s", S(b, "toc.title"));
    upper(buf);
    double x = l->margin_left, W = l->page_width - l->margin_right, y = l->margin_top + 30;
    mgi_canvas_text(c, x, y, buf, MGI_FONT_BOLD, l->heading[0], l->accent, MGI_ALIGN_LEFT);
    y += 36;
    entry e[MGI_NSECTIONS + MGI_NDOMAINS + 8];
    size_t n = entries(b, e);
    for (size_t i = 0; i < n; i++) {
        bool sub = e[i].id >= ANCHOR_DOMAIN && e[i].id < CMP_HEATMAP;
        section_name(b, e[i].id, buf, sizeof buf);
        if (!sub)
            upper(buf);
        snprintf(num, sizeof num, "%zu", e[i].page + FIRST_FLOW_PAGE);
        double size = sub ? l->size : l->size + 1.5, indent = sub ? 18 : 0;
        int font = sub ? MGI_FONT_REGULAR : MGI_FONT_BOLD;
        if (!sub && i > 0)
            y += 8;
        double tw = mgi_canvas_text_width(c, buf, strlen(buf), font, size);
        double nw = mgi_canvas_text_width(c, num, strlen(num), MGI_FONT_BOLD, size);
        mgi_canvas_text_box(c, x + indent, y, W - x - indent - nw - 24, buf, font, size, l->text,
                            MGI_ALIGN_LEFT, 1);
        /* A dotted leader: 1-point dots every 4 points, one dashed line. */
        double from = x + indent + fmin(tw, W - x - indent - nw - 24) + 6, to = W - nw - 6;
        if (to > from) {
            double end = from + 4 * (ceil((to - from) / 4) - 1) + 1;
            mgi_pdf_stroke_rgb(page, l->muted);
            mgi_pdf_line_width(page, 1);
            mgi_pdf_dash(page, 1, 3);
            mgi_pdf_move_to(page, from, l->page_height - (y - 1));
            mgi_pdf_line_to(page, end, l->page_height - (y - 1));
            mgi_pdf_stroke(page);
            mgi_pdf_dash(page, 0, 0);
        }
        mgi_canvas_text(c, W, y, num, MGI_FONT_BOLD, size, l->accent, MGI_ALIGN_RIGHT);
        /* the whole line is a link to the section */
        mgi_pdf_link_page(page, x + indent, l->page_height - y - 4, W, l->page_height - y + size,
                          FIRST_FLOW_PAGE - 1 + e[i].page);
        y += size * 1.9;
    }
    /* Once, what this profile lacks for want of a narrative. */
    if (b->nmissing) {
        char list[512] = "", note[1024], name[128];
        for (size_t i = 0; i < b->nmissing; i++) {
            F(b, b->missing[i], name, sizeof name);
            size_t o = strlen(list);
            if (i > 0)
                snprintf(list + o, sizeof list - o,
                         i + 1 == b->nmissing ? " %s " : ", ", S(b, "toc.missing_and"));
            o = strlen(list);
            snprintf(list + o, sizeof list - o, "%s", name);
        }
        const char *vars[] = {"sections", list, NULL};
        mgi_strings_format(b->p->strings, b->p->lang, "toc.missing", note, sizeof note, vars);
        mgi_canvas_text_box(c, x, y + 18, W - x, note, MGI_FONT_ITALIC, l->size - 0.5, l->muted,
                            MGI_ALIGN_LEFT, 4);
    }
    mgi_canvas_free(c);
}

static void outline(builder *b, pdf *d)
{
    entry e[MGI_NSECTIONS + MGI_NDOMAINS + 8];
    size_t n = entries(b, e);
    int parent = -1;
    char raw[512], buf[1024];
    for (size_t i = 0; i < n; i++) {
        bool sub = e[i].id >= ANCHOR_DOMAIN && e[i].id < CMP_HEATMAP;
        section_name(b, e[i].id, raw, sizeof raw);
        if (mgi_utf8_quotes(raw, strlen(raw), buf, sizeof buf) == (size_t)-1)
            snprintf(buf, sizeof buf, "%s", raw);
        int o = mgi_pdf_outline_add(d->doc, sub ? parent : -1, buf, FIRST_FLOW_PAGE - 1 + e[i].page,
                                    e[i].id == MGI_SECTION_FINDINGS);
        if (!sub)
            parent = o;
    }
}

/* The diagonal "draft" mark across a page, in light grey. */
static void watermark(builder *b, mgi_pdf_page *page)
{
    if (!b->p->draft)
        return;
    const mgi_layout *l = b->p->layout;
    const char *w = S(b, "draft.watermark");
    double size = 40, angle = atan2(l->page_height, l->page_width);
    double tw = mgi_font_width(mgi_fonts_get(b->p->fonts, MGI_FONT_BOLD), w, strlen(w), size);
    double c = cos(angle), s = sin(angle);
    double x = l->page_width / 2 - c * tw / 2 + s * size / 3;
    double y = l->page_height / 2 - s * tw / 2 - c * size / 3;
    mgi_pdf_fill_rgb(page, 0xE3E3E3);
    mgi_pdf_text_rotated(page, MGI_FONT_BOLD, size, x, y, angle, w, strlen(w));
}

static void header_footer(builder *b, mgi_pdf_page *page, size_t flow_page)
{
    const mgi_layout *l = b->p->layout;
    char left[512], right[512], footer[512];
    /* The section in force at the top of the page: the last one begun on an
     * earlier page or at the top of this one. */
    entry e[MGI_NSECTIONS + MGI_NDOMAINS + 8];
    size_t n = entries(b, e);
    int cur = -1;
    for (size_t i = 0; i < n; i++)
        if ((e[i].id < ANCHOR_DOMAIN || e[i].id >= CMP_HEATMAP) &&
            (e[i].page < flow_page || (e[i].page == flow_page && e[i].y < 1)))
            cur = e[i].id;
    F(b, "running.header", left, sizeof left);
    right[0] = '\0';
    if (cur >= 0)
        section_name(b, cur, right, sizeof right);
    upper(right);
    double x0 = l->margin_left, x1 = l->page_width - l->margin_right;
    double top = l->page_height - l->margin_top + 30, bottom = l->margin_bottom - 34;
    const mgi_font *reg = mgi_fonts_get(b->p->fonts, MGI_FONT_REGULAR);
    text_at(page, x0, top, left, strlen(left), MGI_FONT_REGULAR, l->small, l->muted);
    double rw = mgi_font_width(mgi_fonts_get(b->p->fonts, MGI_FONT_BOLD), right, strlen(right),
                               l->small);
    text_at(page, x1 - rw, top, right, strlen(right), MGI_FONT_BOLD, l->small, l->accent);
    mgi_pdf_stroke_rgb(page, l->rule);
    mgi_pdf_line_width(page, 0.6);
    mgi_pdf_dash(page, 0, 0);
    mgi_pdf_move_to(page, x0, top - 6);
    mgi_pdf_line_to(page, x1, top - 6);
    mgi_pdf_stroke(page);
    F(b, b->comparison ? "cmp.footer" : "running.footer", footer, sizeof footer);
    if (b->p->draft) {
        char date[32], label[256];
        struct tm tm;
        gmtime_r(&b->p->date, &tm);
        strftime(date, sizeof date, "%Y-%m-%d", &tm);
        const char *v[] = {"version", b->p->version ? b->p->version : "", "date", date, NULL};
        mgi_strings_format(b->p->strings, b->p->lang, "draft.footer", label, sizeof label, v);
        snprintf(footer + strlen(footer), sizeof footer - strlen(footer), " · %s", label);
    }
    text_at(page, x0, bottom, footer, strlen(footer), MGI_FONT_REGULAR, l->small, l->muted);
    char num[24], pg[64];
    snprintf(num, sizeof num, "%zu", flow_page + FIRST_FLOW_PAGE);
    const char *vars[] = {"page", num, NULL};
    mgi_strings_format(b->p->strings, b->p->lang, "page", pg, sizeof pg, vars);
    double pw = mgi_font_width(reg, pg, strlen(pg), l->small);
    text_at(page, x1 - pw, bottom, pg, strlen(pg), MGI_FONT_REGULAR, l->small, l->muted);
}

static void flow_page(builder *b, mgi_pdf_page *page, size_t fp)
{
    const mgi_layout *l = b->p->layout;
    double left = l->margin_left, top = l->page_height - l->margin_top;
    size_t n;
    const mgi_flow_item *it = mgi_flow_items(b->flow, fp, &n);
    watermark(b, page);
    header_footer(b, page, fp);
    for (size_t i = 0; i < n; i++) {
        const mgi_flow_item *t = &it[i];
        if (t->kind == MGI_ITEM_LINE && b->p->draft && t->numbered) {
            /* Line numbers run through the document, in the left margin. */
            char num[16];
            snprintf(num, sizeof num, "%d", ++b->line_number);
            double w = mgi_font_width(mgi_fonts_get(b->p->fonts, MGI_FONT_REGULAR), num,
                                      strlen(num), 6.5);
            text_at(page, left - 10 - w, top - t->y, num, strlen(num), MGI_FONT_REGULAR, 6.5,
                    l->muted);
        } else if (t->kind == MGI_ITEM_TEXT) {
            text_at(page, left + t->x, top - t->y, t->text, t->n, t->font, t->size,
                    t->link ? mgi_rgb_mix(l->accent, t->colour, 0.8) : t->colour);
            if (t->link)
                mgi_pdf_link_uri(page, left + t->x, top - t->y - 2, left + t->x + t->width,
                                 top - t->y + t->size, t->link);
        } else if (t->kind == MGI_ITEM_RULE) {
            mgi_pdf_stroke_rgb(page, l->rule);
            mgi_pdf_line_width(page, 0.6);
            mgi_pdf_dash(page, 0, 0);
            mgi_pdf_move_to(page, left + t->x, top - t->y);
            mgi_pdf_line_to(page, left + t->x + t->width, top - t->y);
            mgi_pdf_stroke(page);
        } else if (t->kind == MGI_ITEM_FIGURE) {
            figure_ctx *fc = t->ctx;
            double nat_w = t->width, nat_h = t->height, s = 1;
            if (fc->kind == 0) {
                mgi_chart_size(&fc->chart, &nat_w, &nat_h);
                s = fig_scale(b, nat_w);
            }
            double bx = left + (t->width - nat_w * s) / 2;
            mgi_pdf_save(page);
            mgi_pdf_concat(page, s, 0, 0, s, bx, top - t->y);
            mgi_canvas *c = NULL;
            if (mgi_canvas_pdf(b->p->fonts, page, 0, 0, nat_w, nat_h, &c) == MGI_OK) {
                t->draw(t->ctx, c);
                mgi_canvas_free(c);
            }
            mgi_pdf_restore(page);
        }
    }
}

static void build_content(builder *b)
{
    const mgi_layout *l = b->p->layout;
    for (int k = 0; k < l->nsections && b->err == MGI_OK; k++) {
        switch (l->order[k]) {
        case MGI_SECTION_OBJECTIVES: objectives(b); break;
        case MGI_SECTION_INTRODUCTION: introduction(b); break;
        case MGI_SECTION_CONTEXT: context(b); break;
        case MGI_SECTION_FINDINGS: findings(b); break;
        case MGI_SECTION_CHANGE: change(b); break;
        case MGI_SECTION_SEAL: seal(b); break;
        case MGI_SECTION_COVID: covid(b); break;
        case MGI_SECTION_SOURCES: sources(b); break;
        case MGI_SECTION_CONSULTATION: consultation(b); break;
        case MGI_SECTION_ANNEXES: annexes(b); break;
        default: break;
        }
    }
}

static void styles(builder *b)
{
    const mgi_layout *l = b->p->layout;
    int lang = b->p->lang;
    b->body = (mgi_style){MGI_FONT_REGULAR, l->size, l->leading, l->text, 0, l->paragraph_space,
                          0, 0, MGI_FLOW_JUSTIFY, false, l->hyphenate, lang, b->p->draft};
    b->lead = b->body;
    b->lead.align = MGI_FLOW_LEFT;
    b->lead.space_after = l->paragraph_space + 4;
    b->lead.hyphenate = false;
    b->lead.space_before = 6;
    b->h1 = (mgi_style){MGI_FONT_BOLD, l->heading[0], l->heading[0] * 1.18, l->accent, 0, 14,
                        0, 0, MGI_FLOW_LEFT, true, false, lang, false};
    b->h2 = (mgi_style){MGI_FONT_BOLD, l->heading[1], l->heading[1] * 1.3, l->accent, 14, 6,
                        0, 0, MGI_FLOW_LEFT, true, false, lang, false};
    b->h3 = (mgi_style){MGI_FONT_BOLD, l->heading[2], l->heading[2] * 1.35, l->text, 10, 4,
                        0, 0, MGI_FLOW_LEFT, true, false, lang, false};
    b->item = b->body;
    b->item.indent = 18; /* room for a hung "10." */
    b->item.space_after = 3;
    b->note = b->body;
    b->note.size = l->small;
    b->note.leading = l->small * 1.35;
    b->note.indent = 14; /* room for a hung "10" */
    b->note.space_after = 2;
    b->note.align = MGI_FLOW_LEFT;
    b->peer = b->note; /* "Practice elsewhere", close under its gap */
    b->peer.indent = 14;
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

/* ------------------------------------------------------------ comparison */

enum { TABLE_ROW_H = 15, TABLE_HEAD_H = 22, CMP_MARGIN = 64 };

static void cell_text(mgi_canvas *c, double x, double w, double y, const char *t, int font,
                      double size, unsigned rgb, mgi_align al)
{
    double ax = al == MGI_ALIGN_LEFT ? x + 3 : al == MGI_ALIGN_RIGHT ? x + w - 3 : x + w / 2;
    mgi_canvas_text_box(c, ax, y, w - 6, t, font, size, rgb, al, 1);
}

/* One table's columns: header texts, relative widths, alignment. */
typedef struct table_spec {
    int ncols;
    char head[12][160];
    double width[12];
    mgi_align align[12];
} table_spec;

static void table_columns(const builder *b, int kind, table_spec *t)
{
    const mgi_dataset *ds = b->ds;
    int lang = b->p->lang;
    memset(t, 0, sizeof *t);
    int k = 0;
#define COL(text, w, al) (snprintf(t->head[k], sizeof t->head[k], "%s", text), t->width[k] = w, t->align[k++] = al)
    if (kind == TABLE_SEAL) {
        /* "Última revisión" and "2026-12-10, due within six months" whole. */
        COL(S(b, "cmp.col.commune"), 0.18, MGI_ALIGN_LEFT);
        COL(S(b, "seal.col.status"), 0.15, MGI_ALIGN_LEFT);
        COL(S(b, "seal.last_review"), 0.12, MGI_ALIGN_RIGHT);
        COL(S(b, "seal.col.due"), 0.30, MGI_ALIGN_LEFT);
        for (int d = 0; d < MGI_SEAL_NDIMS; d++) {
            char h[8];
            snprintf(h, sizeof h, "%d", d + 1);
            COL(h, 0.05, MGI_ALIGN_RIGHT);
        }
    } else if (kind == TABLE_GAPS) {
        COL(S(b, "cmp.col.rank"), 0.05, MGI_ALIGN_RIGHT);
        COL(S(b, "gaps.col.indicator"), 0.57, MGI_ALIGN_LEFT);
        COL(S(b, "gaps.col.no"), 0.08, MGI_ALIGN_RIGHT);
        COL(S(b, "gaps.col.partial"), 0.09, MGI_ALIGN_RIGHT);
        COL(S(b, "gaps.col.answered"), 0.1, MGI_ALIGN_RIGHT);
        COL(S(b, "gaps.col.improved"), 0.11, MGI_ALIGN_RIGHT);
    } else if (kind == TABLE_STATS) {
        COL(S(b, "cmp.col.domain"), 0.34, MGI_ALIGN_LEFT);
        const char *keys[] = {"cmp.col.n", "cmp.col.min", "cmp.col.q1", "cmp.col.median",
                              "cmp.col.q3", "cmp.col.max"};
        for (int i = 0; i < 6; i++)
            COL(S(b, keys[i]), 0.11, MGI_ALIGN_RIGHT);
    } else {
        /* Ranking widths (A4 frame, 467 points): a score with a three-digit
         * rank, "Coverage" and "Requires further progress" whole, and a
         * commune name as long as "Pedro Aguirre Cerda". */
        /* With intervals, "123 (110–150)": the rank column takes the room
         * of the domains' ranks, which are printed only with their own
         * ranges (in the profiles and the workbook). */
        bool ranges = kind == TABLE_RANKS && b->p->a->uncertainty && !b->p->a->hide_ranks;
        /* [report] ranks = no: the commune column takes the rank's room. */
        bool hide = kind == TABLE_RANKS && b->p->a->hide_ranks;
        if (kind == TABLE_RANKS && !hide)
            COL(S(b, "cmp.col.rank"), ranges ? 0.13 : 0.045, MGI_ALIGN_RIGHT);
        COL(S(b, "cmp.col.commune"),
            hide ? 0.219 : ranges ? 0.19 : kind == TABLE_RANKS ? 0.174 : 0.22, MGI_ALIGN_LEFT);
        if (kind == TABLE_CHANGES)
            COL(S(b, "cmp.col.previous"), 0.09, MGI_ALIGN_RIGHT);
        /* Domains by number: the key is printed above the table. */
        (void)lang;
        for (size_t d = 0; d < ds->ndomains; d++) {
            char h[16];
            snprintf(h, sizeof h, "%d", ds->domains[d].number);
            COL(h, ranges ? 0.06 : kind == TABLE_RANKS ? 0.077 : 0.086, MGI_ALIGN_RIGHT);
        }
        COL(S(b, "overall"), kind == TABLE_RANKS ? 0.064 : 0.086, MGI_ALIGN_RIGHT);
        if (kind == TABLE_RANKS) {
            COL(S(b, "cmp.col.coverage"), 0.08, MGI_ALIGN_RIGHT);
            COL(S(b, "cmp.col.level"), 0.175, MGI_ALIGN_LEFT);
        }
    }
#undef COL
    t->ncols = k;
}

/* The communes of the changes table: those with an earlier assessment. */
static size_t changed(const builder *b, const mgi_result **out)
{
    size_t n = 0;
    for (size_t i = 0; i < b->nsorted; i++)
        if (b->sorted[i]->previous) {
            if (out)
                out[n] = b->sorted[i];
            n++;
        }
    return n;
}

/* Rows of the gaps table hold a question in two lines. */
static double row_height(int kind)
{
    return kind == TABLE_GAPS ? 25 : TABLE_ROW_H;
}

/* One row of the most common gaps: rank, id and short label, counts, improvement. */
static void gap_row(const builder *b, mgi_canvas *c, const mgi_gap *g, size_t i, const double *xs,
                    double top)
{
    const mgi_layout *l = b->p->layout;
    const mgi_indicator *ind = &b->ds->indicators[g->indicator];
    char buf[1024], n1[16], n2[16];
    snprintf(buf, sizeof buf, "%zu", i + 1);
    cell_text(c, xs[0], xs[1] - xs[0], top + 10.5, buf, MGI_FONT_BOLD, 7.5, l->text,
              MGI_ALIGN_RIGHT);
    snprintf(buf, sizeof buf, "%s %s", ind->id, mgi_indicator_label(ind, b->p->lang));
    mgi_canvas_text_box(c, xs[1] + 3, top + 9.5, xs[2] - xs[1] - 6, buf, MGI_FONT_REGULAR, 7,
                        l->text, MGI_ALIGN_LEFT, 2);
    unsigned v[3] = {g->no, g->partial, g->answered};
    for (int k = 0; k < 3; k++) {
        snprintf(buf, sizeof buf, "%u", v[k]);
        cell_text(c, xs[2 + k], xs[3 + k] - xs[2 + k], top + 10.5, buf,
                  k == 0 ? MGI_FONT_BOLD : MGI_FONT_REGULAR, 7.5, l->text, MGI_ALIGN_RIGHT);
    }
    if (g->had_gap) {
        snprintf(n1, sizeof n1, "%u", g->improved);
        snprintf(n2, sizeof n2, "%u", g->had_gap);
        const char *vars[] = {"improved", n1, "had", n2, NULL};
        mgi_strings_format(b->p->strings, b->p->lang, "gaps.improved_value", buf, sizeof buf,
                           vars);
    } else {
        snprintf(buf, sizeof buf, "–");
    }
    cell_text(c, xs[5], xs[6] - xs[5], top + 10.5, buf, MGI_FONT_REGULAR, 7.5, l->text,
              MGI_ALIGN_RIGHT);
}

/* One commune's seal: status, last review, due date (red when overdue, amber
 * when due within six months), and a candidate's readiness per dimension. */
static void seal_row(const builder *b, mgi_canvas *c, const mgi_result *r, const double *xs,
                     double y)
{
    const mgi_layout *l = b->p->layout;
    const mgi_commune *cm = &b->ds->communes[r->commune];
    mgi_seal s;
    mgi_seal_assess(b->p->a, r, b->p->as_of, &s);
    char buf[160], key[48], num[32];
    cell_text(c, xs[0], xs[1] - xs[0], y, cm->name, MGI_FONT_REGULAR, 7.5, l->text,
              MGI_ALIGN_LEFT);
    snprintf(key, sizeof key, "seal.status.%s",
             s.status == MGI_SEAL_UNKNOWN ? "unknown" : mgi_seal_status_key(s.status));
    cell_text(c, xs[1], xs[2] - xs[1], y, S(b, key), MGI_FONT_REGULAR, 7, l->text,
              MGI_ALIGN_LEFT);
    cell_text(c, xs[2], xs[3] - xs[2], y, mgi_date_format(s.last_review, buf, sizeof buf),
              MGI_FONT_REGULAR, 7, l->text, MGI_ALIGN_RIGHT);
    seal_due_text(b, &s, false, buf, sizeof buf);
    cell_text(c, xs[3], xs[4] - xs[3], y, buf, s.overdue || s.due_soon ? MGI_FONT_BOLD
                                                                        : MGI_FONT_REGULAR,
              7, s.overdue ? 0xB3261E : s.due_soon ? 0x9A5B00 : l->text, MGI_ALIGN_LEFT);
    if (s.status != MGI_SEAL_CANDIDATE)
        return;
    for (int d = 0; d < MGI_SEAL_NDIMS; d++) {
        const mgi_score *sc = &s.dim[d];
        cell_text(c, xs[4 + d], xs[5 + d] - xs[4 + d], y,
                  sc->insufficient ? "–"
                                   : mgi_strings_number(b->p->strings, b->p->lang, sc->score, num),
                  MGI_FONT_REGULAR, 7, l->text, MGI_ALIGN_RIGHT);
    }
}

static void table_chunk(const figure_ctx *fc, mgi_canvas *c)
{
    const builder *b = fc->b;
    const mgi_dataset *ds = b->ds;
    const mgi_layout *l = b->p->layout;
    table_spec t;
    table_columns(b, fc->table, &t);
    double W = frame_width(l), x = 0, xs[13];
    for (int k = 0; k < t.ncols; k++) {
        xs[k] = x;
        x += t.width[k] * W;
    }
    xs[t.ncols] = W;
    /* The header, repeated on each page the table continues on. */
    mgi_canvas_rect(c, 0, 0, W, TABLE_HEAD_H, 0xEEF2F7);
    for (int k = 0; k < t.ncols; k++)
        mgi_canvas_text_box(c,
                            t.align[k] == MGI_ALIGN_LEFT    ? xs[k] + 3
                            : t.align[k] == MGI_ALIGN_RIGHT ? xs[k + 1] - 3
                                                            : (xs[k] + xs[k + 1]) / 2,
                            TABLE_HEAD_H - 8, xs[k + 1] - xs[k] - 4, t.head[k], MGI_FONT_BOLD, 6.5,
                            l->text, t.align[k], 1);
    mgi_canvas_line(c, 0, TABLE_HEAD_H, W, TABLE_HEAD_H, l->accent, 0.8, 0);
    const mgi_result **list = malloc((b->nsorted + 1) * sizeof *list);
    if (!list)
        return;
    size_t n = b->nsorted;
    if (fc->table == TABLE_CHANGES)
        n = changed(b, list);
    else
        memcpy(list, b->sorted, b->nsorted * sizeof *list);
    char buf[64], num[32];
    double rh = row_height(fc->table);
    for (size_t i = fc->first; i < fc->first + fc->count &&
                               (fc->table == TABLE_STATS || fc->table == TABLE_GAPS ||
                                fc->table == TABLE_SEAL || i < n);
         i++) {
        double y = TABLE_HEAD_H + rh * (double)(i - fc->first) + 10.5;
        if ((i - fc->first) % 2 == 1)
            mgi_canvas_rect(c, 0, y - 10.5, W, rh, 0xF7F9FB);
        int k = 0;
        if (fc->table == TABLE_GAPS) {
            gap_row(b, c, &b->gaps[i], i, xs, y - 10.5);
            continue;
        }
        if (fc->table == TABLE_SEAL) {
            seal_row(b, c, b->sorted[i], xs, y);
            continue;
        }
        if (fc->table == TABLE_STATS) {
            const mgi_year_stats *ys = mgi_assess_year(b->p->a, b->cmp_year);
            const mgi_stats *st = i < ds->ndomains ? &ys->domain[i] : &ys->overall;
            cell_text(c, xs[0], xs[1] - xs[0], y, i < ds->ndomains ? ds->domains[i].name[b->p->lang] : S(b, "overall"),
                      i < ds->ndomains ? MGI_FONT_REGULAR : MGI_FONT_BOLD, 7.5, l->text, MGI_ALIGN_LEFT);
            snprintf(buf, sizeof buf, "%zu", st->n);
            cell_text(c, xs[1], xs[2] - xs[1], y, buf, MGI_FONT_REGULAR, 7.5, l->text, MGI_ALIGN_RIGHT);
            double v[5] = {st->min, st->q1, st->median, st->q3, st->max};
            for (int j = 0; j < 5; j++)
                cell_text(c, xs[2 + j], xs[3 + j] - xs[2 + j], y,
                          mgi_strings_number(b->p->strings, b->p->lang, v[j], num),
                          j == 2 ? MGI_FONT_BOLD : MGI_FONT_REGULAR, 7.5, l->text, MGI_ALIGN_RIGHT);
            continue;
        }
        const mgi_result *r = list[i];
        const mgi_commune *cm = &ds->communes[r->commune];
        if (fc->table == TABLE_RANKS && !b->p->a->hide_ranks) {
            mgi_robust_rank_text(b->p->strings, b->p->lang, b->p->a, r, MGI_NDOMAINS, buf,
                                 sizeof buf);
            cell_text(c, xs[k], xs[k + 1] - xs[k], y, buf, MGI_FONT_BOLD,
                      b->p->a->uncertainty ? 6.5 : 7.5, l->text, MGI_ALIGN_RIGHT);
            k++;
        }
        cell_text(c, xs[k], xs[k + 1] - xs[k], y, cm->name, MGI_FONT_REGULAR, 7.5, l->text,
                  MGI_ALIGN_LEFT);
        k++;
        if (fc->table == TABLE_CHANGES) {
            snprintf(buf, sizeof buf, "%d", r->previous->year);
            cell_text(c, xs[k], xs[k + 1] - xs[k], y, buf, MGI_FONT_REGULAR, 7.5, l->text, MGI_ALIGN_RIGHT);
            k++;
        }
        for (size_t d = 0; d <= ds->ndomains; d++, k++) {
            const mgi_score *s = d < ds->ndomains ? &r->domain[d] : &r->overall;
            if (fc->table == TABLE_CHANGES) {
                if (isnan(s->change))
                    buf[0] = '\0';
                else
                    snprintf(buf, sizeof buf, "%s%s", s->change > 0 ? "+" : "",
                             mgi_strings_number(b->p->strings, b->p->lang, s->change, num));
            } else if (d < ds->ndomains && s->rank && !b->p->a->hide_ranks &&
                       !b->p->a->uncertainty) {
                snprintf(buf, sizeof buf, "%s (%u)",
                         mgi_strings_number(b->p->strings, b->p->lang, s->score, num), s->rank);
            } else {
                snprintf(buf, sizeof buf, "%s",
                         mgi_strings_number(b->p->strings, b->p->lang, s->score, num));
            }
            cell_text(c, xs[k], xs[k + 1] - xs[k], y, buf,
                      d == ds->ndomains ? MGI_FONT_BOLD : MGI_FONT_REGULAR,
                      d == ds->ndomains ? 7.5 : 6.5,
                      s->insufficient && fc->table != TABLE_CHANGES ? 0x9AA0A6 : l->text,
                      MGI_ALIGN_RIGHT);
        }
        if (fc->table == TABLE_RANKS) {
            mgi_strings_percent(b->p->strings, b->p->lang, r->overall.coverage * 100, 0, buf);
            cell_text(c, xs[k], xs[k + 1] - xs[k], y, buf, MGI_FONT_REGULAR, 7.5, l->text, MGI_ALIGN_RIGHT);
            k++;
            char key[16];
            snprintf(key, sizeof key, "level.%d", (int)r->overall.level);
            cell_text(c, xs[k], xs[k + 1] - xs[k], y,
                      r->overall.insufficient ? S(b, "insufficient") : S(b, key),
                      MGI_FONT_REGULAR, 6.2, l->text, MGI_ALIGN_LEFT);
        }
    }
    free((void *)list);
}

/* "1 Migrants' rights · 2 Whole-of-government approach · …": the key to the
 * numbered domain columns. */
static void domain_key(builder *b, bool before)
{
    char buf[1024] = "";
    for (size_t d = 0; d < b->ds->ndomains; d++)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s**%d** %s", d ? " · " : "",
                 b->ds->domains[d].number, b->ds->domains[d].name[b->p->lang]);
    mgi_style st = b->body;
    st.align = MGI_FLOW_LEFT;
    st.size = b->p->layout->small + 0.5;
    st.leading = st.size * 1.4;
    st.keep_with_next = before; /* with the table it comes before */
    para_text(b, &st, buf);
}

/* The key to the numbered dimension columns of the seal table. */
static void seal_key(builder *b)
{
    char buf[1024] = "", key[48];
    for (int d = 0; d < MGI_SEAL_NDIMS; d++) {
        snprintf(key, sizeof key, "seal.dim.%s", mgi_seal_dimension_key(d));
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s**%d** %s", d ? " · " : "",
                 d + 1, S(b, key));
    }
    mgi_style st = b->body;
    st.align = MGI_FLOW_LEFT;
    st.size = b->p->layout->small + 0.5;
    st.leading = st.size * 1.4;
    st.keep_with_next = true; /* with the table or chart it is the key to */
    para_text(b, &st, buf);
}

/* How many rows of row_h points a table or chart piece of fixed points more
 * may have to fit a page: on the chapter's first page, under its heading, its
 * introduction and its key (about OPENING points), or on a page of its own. */
static size_t chunk_rows(const builder *b, double row_h, double fixed, bool first)
{
    enum { OPENING = 190, SPACE = 16 }; /* a figure's space before and after */
    double avail = frame_height(b->p->layout) - fixed - SPACE - (first ? OPENING : 0);
    size_t n = avail > 0 && row_h > 0 ? (size_t)floor(avail / row_h) : 0;
    return n < 5 ? 5 : n;
}

/* A chart of one row per compared commune (heatmap, caterpillar) in pieces of
 * as many rows as a page holds, fewer on the chapter's first page. */
static void chart_pieces(builder *b, mgi_chart_kind kind)
{
    for (size_t first = 0, count; first < b->nsorted; first += count) {
        mgi_chart ch = {.kind = kind, .a = b->p->a, .strings = b->p->strings, .lang = b->p->lang,
                        .year = b->cmp_year, .first = first, .count = 1};
        double w, h1, h2;
        mgi_chart_size(&ch, &w, &h1);
        ch.count = 2;
        mgi_chart_size(&ch, &w, &h2);
        double s = fig_scale(b, w); /* rows add h2 - h1 each, the rest is fixed */
        count = chunk_rows(b, (h2 - h1) * s, (h1 - (h2 - h1)) * s, first == 0);
        ch.count = count;
        mgi_chart_size(&ch, &w, &h1);
        figure(b, FIG_CHART, &ch, h1 * s);
    }
}

static void table_figures(builder *b, int kind, size_t rows)
{
    if (kind == TABLE_SEAL)
        seal_key(b);
    else if (kind != TABLE_STATS && kind != TABLE_GAPS)
        domain_key(b, true);
    for (size_t first = 0, count; first < rows || (rows == 0 && first == 0); first += count) {
        count = chunk_rows(b, row_height(kind), TABLE_HEAD_H + 4, first == 0);
        if (rows - first < count)
            count = rows - first;
        figure_ctx *fc =
            figure_ex(b, FIG_TABLE, TABLE_HEAD_H + row_height(kind) * (double)count + 4);
        if (!fc)
            return;
        fc->table = kind;
        fc->first = first;
        fc->count = count;
        if (rows == 0)
            break;
    }
}

static void wheel_row(const figure_ctx *fc, mgi_canvas *c)
{
    const builder *b = fc->b;
    double W = frame_width(b->p->layout), cw = W / 4;
    for (size_t i = fc->first; i < fc->first + fc->count && i < b->nsorted; i++) {
        mgi_chart ch = {.kind = MGI_CHART_MINIWHEEL, .a = b->p->a, .strings = b->p->strings,
                        .lang = b->p->lang, .result = b->sorted[i]};
        double w, h;
        mgi_chart_size(&ch, &w, &h);
        /* Each wheel in its third of the row: a canvas over that box. */
        mgi_canvas *sub = mgi_canvas_offset(c, cw * (double)(i - fc->first) + (cw - w) / 2, 0);
        if (sub) {
            mgi_chart_draw(&ch, sub);
            mgi_canvas_free(sub);
        }
    }
}

static int by_overall_rank(const void *x, const void *y)
{
    const mgi_result *a = *(const mgi_result *const *)x, *b = *(const mgi_result *const *)y;
    double s = a->overall.insufficient || isnan(a->overall.score) ? -1 : a->overall.score;
    double t = b->overall.insufficient || isnan(b->overall.score) ? -1 : b->overall.score;
    if (s != t)
        return s < t ? 1 : -1;
    return (a->commune > b->commune) - (a->commune < b->commune);
}

/* A chapter of the comparison: the first opens a page after the contents; the
 * others follow on the page (short ones share it), their heading kept with
 * what follows. */
static void cmp_chapter(builder *b, int anchor, const char *key)
{
    char buf[512];
    if (anchor == CMP_HEATMAP)
        mgi_flow_page_break(b->flow);
    mgi_flow_anchor(b->flow, anchor);
    F(b, key, buf, sizeof buf);
    upper(buf);
    mgi_style h = b->h1;
    h.space_before = 30;
    heading(b, &h, buf);
}

/* "How robust are the ranks?" (robust.h, uncertainty.h): the caterpillar
 * chart in pages of rows with the sentence under it, then what moves the ranks. */
static void robust_chapter(builder *b)
{
    const mgi_assessment *a = b->p->a;
    const mgi_strings *st = b->p->strings;
    int lang = b->p->lang;
    char buf[2048], draws[16];
    snprintf(draws, sizeof draws, "%u", a->uncertainty->config.draws);
    const char *vars[] = {"year", b->year, "draws", draws, NULL};
    mgi_style keep = b->body; /* the words that introduce the chart stay with it */
    keep.keep_with_next = true;
    cmp_chapter(b, CMP_ROBUST, "unc.title");
    para_text(b, &keep, mgi_strings_format(st, lang, "unc.intro", buf, sizeof buf, vars));
    /* In pieces of as many rows as the page holds, as the heatmap. */
    chart_pieces(b, MGI_CHART_CATERPILLAR);
    para_key(b, &b->body, "unc.chart_note");
    heading(b, &b->h2, F(b, "unc.drivers", buf, sizeof buf));
    const mgi_year_drivers *yd = mgi_uncertainty_year(a->uncertainty, b->cmp_year);
    if (yd && !isnan(yd->total[MGI_NDOMAINS][MGI_INPUT_WEIGHTS] + yd->moved[MGI_NDOMAINS])) {
        para_key(b, &b->body, "unc.drivers_note");
        mgi_chart ch = {.kind = MGI_CHART_DRIVERS, .a = a, .strings = st, .lang = lang,
                        .year = b->cmp_year};
        double w, h;
        mgi_chart_size(&ch, &w, &h);
        figure(b, FIG_CHART, &ch, h * fig_scale(b, w));
    } else {
        para_key(b, &b->body, "unc.still");
    }
}

static void comparison_content(builder *b)
{
    const mgi_assessment *a = b->p->a;
    const mgi_dataset *ds = b->ds;
    char buf[2048];
    mgi_style keep = b->body; /* words that introduce a table stay with it */
    keep.keep_with_next = true;
    /* Heatmap in pages of rows. */
    cmp_chapter(b, CMP_HEATMAP, "cmp.heatmap");
    /* [report] ranks = no: the words that promise no ranking. */
    para_key(b, &b->body, a->hide_ranks ? "unc.cmp_intro" : "cmp.intro");
    para_key(b, &keep, a->hide_ranks ? "unc.heatmap_note" : "cmp.heatmap_note");
    chart_pieces(b, MGI_CHART_HEATMAP);
    domain_key(b, false); /* the key to the heatmap's numbered columns, under it */
    cmp_chapter(b, CMP_RANKS, a->hide_ranks ? "unc.levels" : "cmp.ranks");
    para_key(b, &keep,
             a->hide_ranks     ? "unc.levels_note"
             : a->uncertainty ? "unc.ranks_note"
                              : "cmp.ranks_note");
    table_figures(b, TABLE_RANKS, b->nsorted);
    if (a->uncertainty && !a->hide_ranks)
        robust_chapter(b);
    cmp_chapter(b, CMP_STATS, "cmp.stats");
    para_key(b, &keep, "cmp.stats_note");
    table_figures(b, TABLE_STATS, ds->ndomains + 1);
    cmp_chapter(b, CMP_WHEELS, "cmp.wheels");
    /* Four wheels a row, five rows a page: twenty communes a page. */
    for (size_t first = 0; first < b->nsorted; first += 4) {
        figure_ctx *fc = figure_ex(b, FIG_WHEELS, 136);
        if (!fc)
            return;
        fc->first = first;
        fc->count = 4;
    }
    cmp_chapter(b, CMP_CHANGES, "cmp.changes");
    size_t nch = changed(b, NULL);
    if (nch) {
        para_key(b, &keep, "cmp.changes_note");
        table_figures(b, TABLE_CHANGES, nch);
    } else {
        para_key(b, &b->body, "cmp.no_changes");
    }
    cmp_chapter(b, CMP_GAPS, "gaps.title");
    if (b->ngaps) {
        para_key(b, &keep, "gaps.intro");
        table_figures(b, TABLE_GAPS, b->ngaps < NGAPS ? b->ngaps : NGAPS);
    } else {
        para_key(b, &b->body, "gaps.none");
    }
    bool any_seal = false;
    for (size_t i = 0; i < b->nsorted && !any_seal; i++)
        any_seal = ds->communes[b->sorted[i]->commune].seal != MGI_SEAL_UNKNOWN;
    if (any_seal) {
        cmp_chapter(b, CMP_SEAL, "seal.title");
        char asof[64];
        const char *vars[] = {"date", date_words(b, b->p->as_of, asof, sizeof asof), NULL};
        mgi_strings_format(b->p->strings, b->p->lang, "seal.cmp_intro", buf, sizeof buf, vars);
        para_text(b, &keep, buf);
        table_figures(b, TABLE_SEAL, b->nsorted);
    }
    cmp_chapter(b, CMP_METHOD, "cmp.method");
    para_key(b, &b->body, "cmp.method.1");
    para_key(b, &b->body, "cmp.method.2");
    para_key(b, &b->body, "cmp.method.3");
}

static mgi_error render(builder *bp, const char *path, mgi_diag *diag, int *npages);

mgi_error mgi_comparison_write(const mgi_comparison *c, const char *path, mgi_diag *diag,
                               int *npages)
{
    /* The comparison is mostly tables of ten columns: it takes the page's width
     * (margins of at most 64 points), which the profile's measure would cut. */
    mgi_layout wide = *c->layout;
    wide.margin_left = fmin(wide.margin_left, CMP_MARGIN);
    wide.margin_right = fmin(wide.margin_right, CMP_MARGIN);
    mgi_profile p = {c->a, NULL, c->strings, &wide, c->fonts, c->hyph, c->lang, c->date,
                     false, NULL, false, c->as_of};
    builder b = {.p = &p, .ds = c->a->ds, .comparison = true, .cmp_year = c->year};
    b.notes.next = 1;
    styles(&b);
    const mgi_result **sorted = malloc((c->a->nresults + 1) * sizeof *sorted);
    if (!sorted)
        return MGI_ERR_NOMEM;
    for (size_t i = 0; i < c->a->nresults; i++)
        if (c->a->results[i].round->year == c->year)
            sorted[b.nsorted++] = &c->a->results[i];
    qsort(sorted, b.nsorted, sizeof *sorted, by_overall_rank);
    if (c->a->hide_ranks)
        mgi_robust_order_by_name(c->a->ds, sorted, b.nsorted);
    b.sorted = sorted;
    if (mgi_practice_gaps(c->a, c->year, &b.gaps, &b.ngaps) != MGI_OK) {
        free(sorted);
        return MGI_ERR_NOMEM;
    }
    const mgi_method *m = &c->a->method;
    char n[24], yes[32], partial[32], no[32], cuts[96];
    snprintf(b.year, sizeof b.year, "%d", c->year);
    snprintf(n, sizeof n, "%zu", b.nsorted);
    mgi_strings_percent(c->strings, c->lang, m->threshold * 100, 0, b.threshold);
    mgi_strings_number(c->strings, c->lang, m->value[0], yes);
    mgi_strings_number(c->strings, c->lang, m->value[1], partial);
    mgi_strings_number(c->strings, c->lang, m->value[2], no);
    char c0[32], c1[32], c2[32];
    snprintf(cuts, sizeof cuts, "%s / %s / %s", mgi_strings_number(c->strings, c->lang, m->cut[0], c0),
             mgi_strings_number(c->strings, c->lang, m->cut[1], c1),
             mgi_strings_number(c->strings, c->lang, m->cut[2], c2));
    const char *vars[] = {"year", b.year, "n", n, "threshold", b.threshold, "yes", yes,
                          "partial", partial, "no", no, "cuts", cuts, NULL};
    memcpy(b.vars, vars, sizeof vars);
    /* Figures: heatmap and table pieces (at least 5 rows each), wheel rows, a margin;
     * the caterpillar's pieces and the drivers table (robust_chapter). */
    b.figs_cap = b.nsorted / 5 + 4 * (b.nsorted / 5 + 2) + b.nsorted / 4 + 17 +
                 b.nsorted / 5 + 3;
    mgi_error err = render(&b, path, diag, npages);
    free(sorted);
    free(b.gaps);
    return err;
}

static mgi_error render(builder *bp, const char *path, mgi_diag *diag, int *npages);

mgi_error mgi_profile_write(const mgi_profile *p, const char *path, mgi_diag *diag, int *npages)
{
    builder b = {.p = p, .ds = p->a->ds, .cm = &p->a->ds->communes[p->result->commune]};
    b.notes.next = 1;
    styles(&b);
    snprintf(b.year, sizeof b.year, "%d", p->result->round->year);
    snprintf(b.previous, sizeof b.previous, "%d", p->result->previous ? p->result->previous->year : 0);
    mgi_strings_percent(p->strings, p->lang, p->a->method.threshold * 100, 0, b.threshold);
    char ncovid[16];
    snprintf(ncovid, sizeof ncovid, "%zu", p->result->ncovid);
    const char *vars[] = {"commune",   b.cm->name, "country", b.cm->country, "year", b.year,
                          "previous",  b.previous, "threshold", b.threshold, "n", ncovid, NULL};
    memcpy(b.vars, vars, sizeof vars);
    b.figs_cap = 32;
    return render(&b, path, diag, npages);
}

/* Builds the content of b (a profile or the comparison), lays it out and
 * writes the PDF. */
static mgi_error render(builder *bp, const char *path, mgi_diag *diag, int *npages)
{
    builder b = *bp;
    const mgi_profile *p = b.p;
    const mgi_layout *l = p->layout;
    pdf d = {0};
    mgi_error err = MGI_OK;
    mgi_output out = {0};
    char pages_title[256];
    b.figs = calloc(b.figs_cap, sizeof *b.figs);
    b.flow = mgi_flow_new(p->fonts, p->hyph, frame_width(l), frame_height(l));
    b.texts = mgi_arena_new();
    if (!b.figs || !b.flow || !b.texts) {
        err = MGI_ERR_NOMEM;
        goto cleanup;
    }
    if (b.comparison)
        comparison_content(&b);
    else
        build_content(&b);
    flush_notes(&b);
    if ((err = b.err) != MGI_OK || (err = mgi_dataset_check(b.ds, diag)) != MGI_OK ||
        (err = mgi_flow_layout(b.flow)) != MGI_OK)
        goto cleanup;

    const mgi_font *fonts[MGI_NFONTS];
    for (int i = 0; i < MGI_NFONTS; i++)
        fonts[i] = mgi_fonts_get(p->fonts, i);
    /* the cover, the imprint, the contents, the flow's pages, the back cover */
    size_t nflow = mgi_flow_npages(b.flow), total = nflow + FIRST_FLOW_PAGE;
    d.doc = mgi_pdf_new(fonts, MGI_NFONTS);
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
    cover(&b, &d);
    imprint(&b, d.pages[1]);
    back_cover(&b, d.pages[total - 1]);
    for (size_t i = 0; i < FIRST_FLOW_PAGE - 1; i++)
        watermark(&b, d.pages[i]);
    watermark(&b, d.pages[total - 1]);
    contents(&b, &d);
    for (size_t i = 0; i < nflow; i++)
        flow_page(&b, d.pages[FIRST_FLOW_PAGE - 1 + i], i);
    outline(&b, &d);

    char title[512], subject[512];
    snprintf(title, sizeof title, "%s — %s", S(&b, "title"),
             b.comparison ? F(&b, "cmp.title", pages_title, sizeof pages_title) : b.cm->name);
    F(&b, b.comparison ? "cmp.subtitle" : "running.footer", subject, sizeof subject);
    mgi_pdf_info info = {title, "mgi", subject, "mgi " MGI_VERSION,
                         p->lang == MGI_LANG_ES ? "es" : "en", p->date};
    if ((err = mgi_output_open(&out, path, diag)) != MGI_OK)
        goto cleanup;
    if ((err = mgi_pdf_write(d.doc, &info, out.f)) != MGI_OK) {
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
    mgi_arena_free(b.texts);
    free(b.figs);
    return err;
}
