/* profile.c — the profile PDF of one commune and year: its chapters, in the layout's order. */
#include "mgi/profile.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mgi/collate.h"
#include "mgi/document.h"
#include "mgi/gcmdoc.h"
#include "mgi/robust.h"
#include "mgi/seal.h"
#include "mgi/utf8.h"

/* ------------------------------------------------------------ the sections */

static void section_title(mgi_doc *b, mgi_section s, const char *key)
{
    char buf[512];
    mgi_flow_page_break(b->flow);
    mgi_flow_anchor(b->flow, (int)s);
    mgi_doc_fmt(b, key, buf, sizeof buf);
    mgi_doc_upper(b, buf, sizeof buf);
    mgi_flow_paragraph(b->flow, &b->h1);
    mgi_flow_text(b->flow, buf, strlen(buf), -1, NULL);
}

static void chart_figure(mgi_doc *b, mgi_chart_kind kind, size_t domain)
{
    mgi_chart ch = {.kind = kind,
                    .a = b->p->a,
                    .strings = b->p->strings,
                    .lang = b->p->lang,
                    .result = b->p->result,
                    .domain = domain};
    double w, h;
    mgi_chart_size(&ch, &w, &h);
    mgi_doc_chart(b, &ch, h * mgi_doc_fig_scale(b, w));
    if (b->p->layout->describe_figures) {
        char alt[2048];
        mgi_chart_alt(&ch, alt, sizeof alt);
        mgi_flow_paragraph(b->flow, &b->peer);
        mgi_flow_text(b->flow, alt, strlen(alt), -1, NULL);
    }
}

/* ------------------------------------------------------------ the sections */

static void objectives(mgi_doc *b)
{
    section_title(b, MGI_SECTION_OBJECTIVES, "section.objectives");
    char buf[2048];
    for (int i = 1; i <= 3; i++) {
        char key[32];
        snprintf(key, sizeof key, "objectives.%d", i);
        mgi_doc_bullet(b, mgi_doc_fmt(b, key, buf, sizeof buf));
    }
    mgi_style quote = b->body;
    quote.font = MGI_FONT_ITALIC;
    quote.space_before = 18;
    quote.indent = 24;
    mgi_doc_para_key(b, &quote, "objectives.note");
    if (b->p->draft) {
        mgi_style note = b->lead;
        note.font = MGI_FONT_ITALIC;
        note.space_before = 24;
        note.numbered = false;
        mgi_doc_para_key(b, &note, "draft.note");
    }
}

/* A second-level heading and the paragraphs under it, from strings.ini's
 * keys (the list ends with NULL). */
static void heading_paras(mgi_doc *b, const char *heading, const char *const *keys)
{
    char buf[2048];
    mgi_doc_heading(b, &b->h2, mgi_doc_fmt(b, heading, buf, sizeof buf));
    for (; *keys; keys++)
        mgi_doc_para_key(b, &b->body, *keys);
}

static void introduction(mgi_doc *b)
{
    char buf[2048];
    section_title(b, MGI_SECTION_INTRODUCTION, "section.introduction");
    heading_paras(b, "intro.mgi.heading",
                  (const char *const[]){"intro.mgi.1", "intro.mgi.2", "intro.attributes", NULL});
    for (int i = 1; i <= 3; i++) {
        char key[32], marker[8];
        snprintf(key, sizeof key, "intro.attr.%d", i);
        snprintf(marker, sizeof marker, "%d.", i);
        mgi_flow_paragraph(b->flow, &b->item);
        mgi_flow_marker(b->flow, marker);
        mgi_doc_inline(b, mgi_doc_fmt(b, key, buf, sizeof buf));
    }
    mgi_doc_heading(b, &b->h2, mgi_doc_fmt(b, "intro.local.heading", buf, sizeof buf));
    for (int i = 1; i <= 3; i++) {
        char key[32];
        snprintf(key, sizeof key, "intro.local.%d", i);
        mgi_doc_para_key(b, &b->body, key);
    }
    mgi_doc_heading(b, &b->h2, mgi_doc_fmt(b, "intro.commune.heading", buf, sizeof buf));
    mgi_doc_para_key(b, &b->body, "intro.commune.1");
    mgi_doc_para_key(b, &b->body, "intro.commune.2");
}

/* A section left out for want of its narrative, which the contents page names. */
static void missing(mgi_doc *b, const char *key)
{
    if (b->nmissing < sizeof b->missing / sizeof b->missing[0])
        b->missing[b->nmissing++] = key;
}

static double figures_table(mgi_doc *b, const mgi_doc_fig *fig, mgi_canvas *c);
static void draw_figures(const mgi_doc_fig *fig, mgi_canvas *c);

/* The context: the commune's figures and the narrative. Without either, the
 * section is left out (the contents page says so). */
static void context(mgi_doc *b)
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
        mgi_doc_heading(b, &b->h2, mgi_doc_fmt(b, "context.figures", buf, sizeof buf));
        mgi_doc_figure(b, draw_figures, figures_table(b, NULL, NULL), 8, 10);
    }
    if (md && *md && mgi_markdown_blocks(b->flow, md, &b->md, &b->notes) != MGI_OK)
        b->err = MGI_ERR_NOMEM;
    mgi_doc_flush_notes(b);
}

static void score_line(mgi_doc *b, size_t d)
{
    const mgi_score *s = &b->p->result->domain[d];
    const mgi_dataset *ds = b->ds;
    char buf[1024], num[32], line[4096];
    size_t o = 0;
    /* One Markdown string: cmark would drop the spaces that start a piece. */
    if (s->insufficient) {
        mgi_style first = b->lead;
        first.space_after = 2;
        mgi_doc_para(b, &first, mgi_doc_fmt(b, "findings.insufficient", buf, sizeof buf));
    } else {
        char lvl[16];
        snprintf(lvl, sizeof lvl, "level.%d", (int)s->level);
        o += (size_t)snprintf(line + o, sizeof line - o, "**%s %s** · **%s:** %s",
                              mgi_doc_str(b, "findings.score"),
                              mgi_strings_number(b->p->strings, b->p->lang, s->score, num),
                              mgi_doc_str(b, "findings.level"), mgi_doc_str(b, lvl));
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
                              mgi_doc_str(b, "findings.coverage"), cov);
    if (b->p->a->hide_ranks && o < sizeof line) {
        /* [report] ranks = no: quartiles instead of a rank (robust.h). */
        mgi_robust_peer_line(b->p->strings, b->p->lang, b->p->a, b->p->result, d, buf, sizeof buf);
        if (*buf)
            snprintf(line + o, sizeof line - o, " · %s", buf);
    } else if (s->rank && s->of > 1 && o < sizeof line) {
        /* With its interval under other methods when there is one (robust.h). */
        mgi_robust_rank_line(b->p->strings, b->p->lang, b->p->a, b->p->result, d, buf, sizeof buf);
        snprintf(line + o, sizeof line - o, " · %s", buf);
    }
    mgi_doc_para(b, &b->lead, line);
}

/* Under a gap: the communes that already have the practice (practice.h), one
 * short paragraph each, those whose excerpts are the same sentence named
 * together ("Estación Central (…), Quilicura (…) and Antofagasta (…): …").
 * Their names, regions and findings are data, so they are set as plain text,
 * never read as Markdown. Each note but the last keeps with the next: the
 * group is not split from its label. */
static void practice_notes(mgi_doc *b, size_t indicator, const mgi_peer *peers, size_t n)
{
    const mgi_dataset *ds = b->ds;
    char excerpt[MGI_PEERS_MAX][512];
    bool done[MGI_PEERS_MAX] = {false};
    if (n > MGI_PEERS_MAX)
        n = MGI_PEERS_MAX;
    for (size_t k = 0; k < n; k++) {
        const mgi_response *resp = &peers[k].round->responses[indicator];
        const char *finding = mgi_response_finding(ds, resp, b->p->lang, b->arena);
        if (*finding)
            mgi_practice_excerpt(finding, 140, excerpt[k], sizeof excerpt[k]);
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
            char and_[32]; /* " and " before the last name */
            snprintf(and_, sizeof and_, " %s ", mgi_doc_str(b, "practice.and"));
            const char *sep = i == 0 ? "" : i + 1 == same ? and_ : ", ";
            if (o < sizeof names)
                o += (size_t)snprintf(names + o, sizeof names - o, "%s%s (%s, %d)", sep, cm->name,
                                      *cm->region ? cm->region : cm->country, peers[j].round->year);
            i++;
        }
        const char *text = *excerpt[k] ? excerpt[k]
                                       : mgi_doc_str(b, same > 1 ? "practice.no_finding_many"
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
            const char *label = mgi_doc_str(b, "practice.label");
            mgi_flow_text(b->flow, label, strlen(label), MGI_FONT_BOLD, NULL);
            mgi_flow_text(b->flow, " ", 1, MGI_FONT_REGULAR, NULL);
        }
        mgi_flow_text(b->flow, line, strlen(line), MGI_FONT_REGULAR, NULL);
    }
}

/* Does any gap of the profile have a commune with the practice? */
static bool any_practice(const mgi_doc *b)
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
static void finding_list(mgi_doc *b, const size_t *idx, size_t n, const char *none_key, bool peers)
{
    char buf[1024];
    if (n == 0) {
        mgi_doc_para_key(b, &b->body, none_key);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const mgi_response *r = &b->p->result->round->responses[idx[i]];
        const char *text = mgi_response_finding(b->ds, r, b->p->lang, b->arena);
        mgi_peer peer[MGI_PEERS_MAX];
        size_t npeers = peers ? mgi_practice_peers(b->ds, b->p->result->commune, idx[i], peer) : 0;
        mgi_style st = b->body;
        if (npeers) {
            st.space_after = 2;       /* the notes belong to this finding: */
            st.keep_with_next = true; /* not on the page before them */
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
            /* a finding given only in the other language is tagged as such */
            bool other = r->text_len[b->p->lang] == 0;
            if (other)
                mgi_flow_lang(b->flow, b->p->lang == MGI_LANG_ES ? MGI_LANG_EN : MGI_LANG_ES);
            mgi_doc_inline(b, text);
            mgi_flow_lang(b->flow, -1);
        } else {
            const char *q = b->ds->indicators[idx[i]].question[b->p->lang];
            snprintf(buf, sizeof buf, "*%s* ", q);
            mgi_doc_inline(b, buf);
            mgi_doc_inline(b, mgi_doc_str(b, "findings.no_finding"));
        }
        practice_notes(b, idx[i], peer, npeers);
    }
}

static void findings(mgi_doc *b)
{
    const mgi_dataset *ds = b->ds;
    const mgi_result *r = b->p->result;
    char buf[2048];
    section_title(b, MGI_SECTION_FINDINGS, "section.findings");
    mgi_doc_para_key(b, &b->body, "findings.intro");
    if (any_practice(b))
        mgi_doc_para_key(b, &b->body, "practice.intro");
    chart_figure(b, MGI_CHART_WHEEL, 0);
    mgi_doc_heading(b, &b->h2, mgi_doc_fmt(b, "findings.overview", buf, sizeof buf));
    for (size_t d = 0; d < ds->ndomains; d++) {
        mgi_flow_paragraph(b->flow, &b->body);
        snprintf(buf, sizeof buf, "**%s.** %s", ds->domains[d].name[b->p->lang],
                 ds->domains[d].description[b->p->lang]);
        mgi_doc_inline(b, buf);
    }
    for (size_t d = 0; d < ds->ndomains; d++) {
        mgi_flow_page_break(b->flow);
        mgi_flow_anchor(b->flow, MGI_DOC_DOMAIN + (int)d);
        snprintf(buf, sizeof buf, "%s", ds->domains[d].objective[b->p->lang]);
        mgi_doc_upper(b, buf, sizeof buf);
        mgi_style h = b->h1;
        h.colour = mgi_rgb_mix(mgi_domain_colour(ds, d), 0x000000, 0.8);
        mgi_doc_heading(b, &h, buf);
        score_line(b, d);
        chart_figure(b, MGI_CHART_AREAS, d);
        int n = ds->domains[d].number;
        snprintf(buf, sizeof buf, "%d.1. %s", n, mgi_doc_str(b, "findings.well"));
        mgi_doc_heading(b, &b->h2, buf);
        finding_list(b, r->well[d], r->nwell[d], "findings.none_well", false);
        snprintf(buf, sizeof buf, "%d.2. %s", n, mgi_doc_str(b, "findings.gaps"));
        mgi_doc_heading(b, &b->h2, buf);
        finding_list(b, r->gaps[d], r->ngaps[d], "findings.none_gaps", b->p->peers);
    }
}

/* The Migrant Seal page: status and calendar, then readiness by dimension with
 * the indicators that support or block each one. Only when there is something
 * to say (mgi_seal_relevant). */
static void seal(mgi_doc *b)
{
    const mgi_dataset *ds = b->ds;
    const mgi_result *r = b->p->result;
    if (!mgi_seal_relevant(ds, b->cm))
        return;
    mgi_seal s;
    mgi_seal_assess(b->p->a, r, b->p->as_of, &s);
    char buf[4096], key[48], d1[64], d2[64], due[128], asof[64];
    section_title(b, MGI_SECTION_SEAL, "seal.title");
    mgi_doc_para_key(b, &b->body, "seal.intro");
    snprintf(key, sizeof key, "seal.status.%s",
             s.status == MGI_SEAL_UNKNOWN ? "unknown" : mgi_seal_status_key(s.status));
    size_t o = (size_t)snprintf(buf, sizeof buf, "**%s:** %s", mgi_doc_str(b, "seal.status"),
                                mgi_doc_str(b, key));
    if (s.since != MGI_NODATE && o < sizeof buf)
        o +=
            (size_t)snprintf(buf + o, sizeof buf - o, " · **%s:** %s", mgi_doc_str(b, "seal.since"),
                             mgi_doc_date_words(b, s.since, d1, sizeof d1));
    if (s.last_review != MGI_NODATE && o < sizeof buf)
        o += (size_t)snprintf(buf + o, sizeof buf - o, " · **%s:** %s",
                              mgi_doc_str(b, "seal.last_review"),
                              mgi_doc_date_words(b, s.last_review, d2, sizeof d2));
    if (s.due != MGI_NODATE && o < sizeof buf) {
        mgi_doc_seal_due(b, &s, true, due, sizeof due);
        snprintf(buf + o, sizeof buf - o, " · **%s:** %s", mgi_doc_str(b, "seal.due"), due);
    }
    mgi_doc_para(b, &b->lead, buf);
    const char *vars[] = {"date", mgi_doc_date_words(b, b->p->as_of, asof, sizeof asof), NULL};
    mgi_strings_format(b->p->strings, b->p->lang, "seal.as_of", buf, sizeof buf, vars);
    mgi_doc_para(b, &b->note, buf);
    mgi_doc_heading(b, &b->h2, mgi_doc_str(b, "seal.readiness"));
    mgi_doc_para_key(b, &b->body, "seal.readiness_note");
    for (int d = 0; d < MGI_SEAL_NDIMS; d++) {
        snprintf(key, sizeof key, "seal.dim.%s", mgi_seal_dimension_key(d));
        const mgi_score *sc = &s.dim[d];
        char num[32], lvl[16];
        snprintf(lvl, sizeof lvl, "level.%d", (int)sc->level);
        if (s.nmapped[d] == 0)
            snprintf(buf, sizeof buf, "%d. %s", d + 1, mgi_doc_str(b, key));
        else if (sc->insufficient)
            snprintf(buf, sizeof buf, "%d. %s: %s", d + 1, mgi_doc_str(b, key),
                     mgi_doc_str(b, "insufficient"));
        else
            snprintf(buf, sizeof buf, "%d. %s: %s (%s)", d + 1, mgi_doc_str(b, key),
                     mgi_strings_number(b->p->strings, b->p->lang, sc->score, num),
                     mgi_doc_str(b, lvl));
        mgi_doc_heading(b, &b->h3, buf);
        if (s.nmapped[d] == 0) {
            mgi_doc_para_key(b, &b->note, "seal.none_mapped");
            continue;
        }
        /* In place, then still to do: the ids with their short labels. */
        for (int pass = 0; pass < 2; pass++) {
            mgi_style st = b->note;
            mgi_flow_paragraph(b->flow, &st);
            const char *label = mgi_doc_str(b, pass == 0 ? "seal.supports" : "seal.blocks");
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

static void change(mgi_doc *b)
{
    const mgi_result *r = b->p->result;
    const mgi_dataset *ds = b->ds;
    if (!r->previous)
        return;
    section_title(b, MGI_SECTION_CHANGE, "section.change");
    mgi_doc_para_key(b, &b->body, "change.intro");
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
                mgi_doc_heading(b, &b->h3, mgi_doc_fmt(b, groups[g].key, buf, sizeof buf));
                head = any = true;
            }
            char line[2048], a[64], c[64];
            snprintf(a, sizeof a, "answer.%s", mgi_answer_name(r->previous->responses[i].answer));
            snprintf(c, sizeof c, "answer.%s", mgi_answer_name(r->round->responses[i].answer));
            char fromto[256];
            const char *v[] = {"from", mgi_doc_str(b, a), "to", mgi_doc_str(b, c), NULL};
            mgi_strings_format(b->p->strings, b->p->lang, "change.from_to", fromto, sizeof fromto,
                               v);
            snprintf(line, sizeof line, "**%s** %s (%s)", ds->indicators[i].id,
                     ds->indicators[i].question[b->p->lang], fromto);
            mgi_doc_bullet(b, line);
        }
    }
    if (!any)
        mgi_doc_para_key(b, &b->body, "change.none");
}

static void covid(mgi_doc *b)
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
    mgi_doc_para_key(b, &b->body, "covid.intro");
    if (md && *md && mgi_markdown_blocks(b->flow, md, &b->md, &b->notes) != MGI_OK)
        b->err = MGI_ERR_NOMEM;
    if (r->ncovid) {
        mgi_doc_heading(b, &b->h2, mgi_doc_fmt(b, "covid.questions", buf, sizeof buf));
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
                     ds->indicators[i].question[b->p->lang], mgi_doc_str(b, key));
            mgi_doc_inline(b, buf);
            const char *finding = mgi_response_text(ds, resp, b->p->lang, b->arena);
            if (*finding)
                mgi_doc_para(b, &b->body, finding);
        }
    }
    mgi_doc_flush_notes(b);
}

/* The sources in the reader's order (collate.h). */
static int cmp_str(const void *x, const void *y)
{
    return mgi_collate(*(const char *const *)x, *(const char *const *)y);
}

/* s reduced to what identifies a reference: letters and digits, lower case
 * (ASCII folded, other UTF-8 bytes kept), at most size - 1 bytes. */
/* The length of a number sign at s, before the number it marks: "No. ",
 * "N.º ", "Nº", "N° ", "Nro. ", "Núm. " (a law is "Ley No. 20.507" in one
 * language's list and "Ley N.º 20.507" in the other's); 0 if none. */
static size_t number_sign(const char *s, size_t n)
{
    static const char *const signs[] = {"N.º", "Nº", "N°", "No.", "Nro.", "Núm.", "Num."};
    for (size_t k = 0; k < sizeof signs / sizeof *signs; k++) {
        size_t m = strlen(signs[k]);
        if (m > n || tolower((unsigned char)s[0]) != 'n' ||
            strncmp(s + 1, signs[k] + 1, m - 1) != 0)
            continue;
        size_t j = m;
        while (j < n && s[j] == ' ')
            j++;
        if (j < n && isdigit((unsigned char)s[j]))
            return j;
    }
    return 0;
}

static void ref_norm(const char *s, size_t n, char *out, size_t size)
{
    size_t o = 0;
    for (size_t i = 0; i < n && s[i] && o + 1 < size; i++) {
        size_t sign = i == 0 || !isalnum((unsigned char)s[i - 1]) ? number_sign(s + i, n - i) : 0;
        if (sign) {
            i += sign - 1;
            continue;
        }
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
        if ((y[0] == '1' || y[0] == '2') && (y[1] == '9' || y[1] == '0') &&
            isdigit((unsigned char)y[2]) && isdigit((unsigned char)y[3]) &&
            !isdigit((unsigned char)y[4]) && (y == s || !isdigit((unsigned char)y[-1])))
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

/* Does the finding's source (keyed, and whole as ref_norm gives it) name the
 * same work as the narrative's entry? By author and year, or by the entry's
 * title found in the source. */
static bool same_ref(const char *all, const refkey *src, const refkey *entry)
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
    return (tn >= 16 || (tn >= 8 && year)) && strstr(all, entry->title) != NULL;
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
static void sources(mgi_doc *b)
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
        const char *src = mgi_response_text(ds, &r->round->responses[i], MGI_TEXT_SOURCE, b->arena);
        if (!*src)
            continue;
        refkey k;
        ref_key(src, &k);
        char all[1024]; /* normalised once, not once for each entry */
        ref_norm(src, strlen(src), all, sizeof all);
        bool known = false;
        for (size_t j = 0; j < nrefs && !known; j++)
            known = same_ref(all, &k, &refs[j]);
        if (!known)
            list[n++] = src;
    }
    mgi_error err = mgi_collate_open();
    if (err != MGI_OK && b->err == MGI_OK)
        b->err = err;
    qsort(list, n, sizeof *list, cmp_str);
    if (!md)
        missing(b, "section.sources");
    if (!md && !n) { /* nothing to list: the section is left out */
        free(list);
        free(refs);
        return;
    }
    section_title(b, MGI_SECTION_SOURCES, "section.sources");
    mgi_doc_para_key(b, &b->body, "sources.intro");
    if (md && mgi_markdown_blocks(b->flow, md, &b->md_ragged, &b->notes) != MGI_OK)
        b->err = MGI_ERR_NOMEM;
    if (n && md) {
        char buf[256];
        mgi_doc_heading(b, &b->h3, mgi_doc_fmt(b, "sources.findings", buf, sizeof buf));
    }
    for (size_t i = 0; i < n; i++)
        if (i == 0 || strcmp(list[i], list[i - 1]) != 0) {
            mgi_flow_paragraph(b->flow, &b->item_ragged);
            mgi_flow_marker(b->flow, "•");
            mgi_doc_inline(b, list[i]);
        }
    free(list);
    free(refs);
    mgi_doc_flush_notes(b);
}

static void consultation(mgi_doc *b)
{
    const mgi_round *rd = b->p->result->round;
    const mgi_dataset *ds = b->ds;
    if (!rd->nchanges)
        return;
    section_title(b, MGI_SECTION_CONSULTATION, "section.consultation");
    mgi_doc_para_key(b, &b->body, "consultation.intro");
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
            const char *v[] = {"from", mgi_doc_str(b, x), "to", mgi_doc_str(b, y), NULL};
            mgi_strings_format(b->p->strings, b->p->lang, "change.from_to", fromto, sizeof fromto,
                               v);
            snprintf(line, sizeof line, "**%s** %s: %s%s%s%s%s", ds->indicators[e->indicator].id,
                     mgi_doc_str(b, "consultation.answer"), fromto, *by ? " (" : "", by,
                     *by ? ")" : "", *e->comment ? "." : "");
        } else {
            snprintf(line, sizeof line, "**%s** %s%s%s%s: %s", ds->indicators[e->indicator].id,
                     mgi_doc_str(b, "consultation.finding"), *by ? " (" : "", by, *by ? ")" : "",
                     e->after);
        }
        mgi_doc_bullet(b, line);
        if (*e->comment) {
            mgi_style c = b->item;
            c.font = MGI_FONT_ITALIC;
            c.space_before = 0;
            mgi_doc_para(b, &c, e->comment);
        }
    }
}

static void annexes(mgi_doc *b)
{
    char buf[2048];
    section_title(b, MGI_SECTION_ANNEXES, "section.annexes");
    heading_paras(b, "annex.migof.heading",
                  (const char *const[]){"annex.migof.1", "annex.migof.2", NULL});
    mgi_doc_para_key(b, &b->lead, "annex.migof.principles");
    for (int i = 1; i <= 3; i++) {
        char key[32];
        snprintf(key, sizeof key, "annex.migof.p%d", i);
        mgi_doc_bullet(b, mgi_doc_fmt(b, key, buf, sizeof buf));
    }
    mgi_doc_para_key(b, &b->lead, "annex.migof.objectives");
    for (int i = 1; i <= 3; i++) {
        char key[32];
        snprintf(key, sizeof key, "annex.migof.o%d", i);
        mgi_doc_bullet(b, mgi_doc_fmt(b, key, buf, sizeof buf));
    }
    mgi_doc_para_key(b, &b->body, "annex.migof.3");
    mgi_doc_heading(b, &b->h2, mgi_doc_fmt(b, "annex.process.heading", buf, sizeof buf));
    for (int i = 1; i <= 4; i++) {
        char key[48], title[512], marker[8];
        snprintf(key, sizeof key, "annex.process.%d.title", i);
        mgi_doc_fmt(b, key, title, sizeof title);
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
        mgi_doc_para_key(b, &text, key);
    }
    mgi_gcmdoc_annex(b); /* the Global Compact lens (gcmdoc.h) */
}

/* --------------------------------------------------------------- figures */

/* The commune's figures: label and value per row, wrapped to two lines. */
typedef struct table {
    const char *label[4];
    char value[4][512];
} table;

static void figures_values(mgi_doc *b, table *t)
{
    const mgi_commune *cm = b->cm;
    char num[64];
    t->label[0] = mgi_doc_str(b, "context.population");
    t->label[1] = mgi_doc_str(b, "context.foreign");
    t->label[2] = mgi_doc_str(b, "context.share");
    t->label[3] = mgi_doc_str(b, "context.stats");
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
        snprintf(t->value[3], sizeof t->value[3], "%s", *cm->stats_source ? cm->stats_source : "–");
}

static int rows_of(const mgi_doc *b, const char *s, double width, int font, double size)
{
    const mgi_font *f = mgi_fonts_get(b->p->fonts, font);
    return mgi_font_width(f, s, strlen(s), size) <= width ? 1 : 2;
}

/* Draws the table on c (as the figure fig), or only measures it when c is
 * NULL; returns its height. */
static double figures_table(mgi_doc *b, const mgi_doc_fig *fig, mgi_canvas *c)
{
    const mgi_layout *l = b->p->layout;
    table t;
    figures_values(b, &t);
    double w = mgi_doc_frame_width(l), y = 4, lw = w * 0.40 - 8, vw = w * 0.60;
    for (int i = 0; i < 4; i++) {
        double vsize = i == 3 ? l->small + 0.5 : l->size;
        int rows = rows_of(b, t.label[i], lw, MGI_FONT_REGULAR, l->size);
        int vrows = rows_of(b, t.value[i], vw, MGI_FONT_BOLD, vsize);
        if (vrows > rows)
            rows = vrows;
        double h = 8 + rows * l->size * 1.25;
        if (c) {
            if (i == 0)
                mgi_doc_table(fig, false);
            mgi_doc_decor(fig);
            mgi_canvas_line(c, 0, y, w, y, l->rule, 0.6, 0);
            mgi_doc_row(fig);
            mgi_doc_cell(fig, "Row");
            mgi_canvas_text_box(c, 0, y + 4 + l->size, lw, t.label[i], MGI_FONT_REGULAR, l->size,
                                l->muted, MGI_ALIGN_LEFT, 2);
            mgi_doc_cell(fig, NULL);
            mgi_canvas_text_box(c, w * 0.40, y + 4 + l->size, vw, t.value[i],
                                i == 3 ? MGI_FONT_REGULAR : MGI_FONT_BOLD, vsize, l->text,
                                MGI_ALIGN_LEFT, 2);
        }
        y += h;
    }
    if (c) {
        mgi_doc_decor(fig);
        mgi_canvas_line(c, 0, y, w, y, l->rule, 0.6, 0);
    }
    return y + 2;
}
static void draw_figures(const mgi_doc_fig *fig, mgi_canvas *c)
{
    figures_table(fig->b, fig, c);
}

static void content(mgi_doc *b)
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
mgi_error mgi_profile_write(const mgi_profile *p, const char *path, mgi_diag *diag, int *npages)
{
    mgi_doc b = {
        .p = p, .ds = p->a->ds, .cm = &p->a->ds->communes[p->result->commune], .content = content};
    snprintf(b.year, sizeof b.year, "%d", p->result->round->year);
    snprintf(b.previous, sizeof b.previous, "%d",
             p->result->previous ? p->result->previous->year : 0);
    mgi_strings_percent(p->strings, p->lang, p->a->method.threshold * 100, 0, b.threshold);
    char ncovid[16];
    snprintf(ncovid, sizeof ncovid, "%zu", p->result->ncovid);
    const char *vars[] = {"commune", b.cm->name, "country",  b.cm->country, "year",
                          b.year,    "previous", b.previous, "threshold",   b.threshold,
                          "n",       ncovid,     NULL};
    memcpy(b.vars, vars, sizeof vars);
    return mgi_doc_render(&b, path, diag, npages);
}
