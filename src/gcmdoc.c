/* gcmdoc.c — the Global Compact lens in the printed documents: the profile's annex page and the
 * comparison's table. */
#include "mgi/gcmdoc.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mgi/gcm.h"

typedef bool lens_in(const mgi_indicator *ind, unsigned key);

static bool in_objective(const mgi_indicator *ind, unsigned k)
{
    return ind->gcm & (1u << k);
}

static bool in_target(const mgi_indicator *ind, unsigned t)
{
    return mgi_indicator_has_sdg(ind, (mgi_sdg)t);
}

/* "0.77 (meets)", "insufficient data", or "–" when none is answered. */
static const char *readiness(const mgi_doc *b, const mgi_score *sc, char *buf, size_t size)
{
    char num[32], lvl[16];
    snprintf(lvl, sizeof lvl, "level.%d", (int)sc->level);
    if (isnan(sc->score))
        snprintf(buf, size, "–");
    else if (sc->insufficient)
        snprintf(buf, size, "%s", mgi_doc_str(b, "insufficient"));
    else
        snprintf(buf, size, "%s (%s)",
                 mgi_strings_number(b->p->strings, b->p->lang, sc->score, num),
                 mgi_doc_str(b, lvl));
    return buf;
}

/* The indicators that `in` selects, in place (yes) then still to do (partial,
 * no): with their short labels, a paragraph each; or by id only, both in the
 * paragraph begun. */
static void lists(mgi_doc *b, lens_in *in, unsigned key, bool labels)
{
    const mgi_dataset *ds = b->ds;
    const mgi_result *r = b->p->result;
    char buf[512];
    for (int pass = 0; pass < 2; pass++) {
        const char *head = mgi_doc_str(b, pass == 0 ? "seal.supports" : "seal.blocks");
        if (labels)
            mgi_flow_paragraph(b->flow, &b->note);
        /* the label's words kept together ("In place:", "En marcha:") */
        size_t o = 0;
        if (!labels)
            buf[o++] = ' ';
        for (const char *h = head; *h && o + 4 < sizeof buf; h++) {
            if (*h == ' ') {
                memcpy(buf + o, MGI_FLOW_NBSP, 2);
                o += 2;
            } else {
                buf[o++] = *h;
            }
        }
        buf[o++] = ':';
        buf[o] = '\0';
        mgi_flow_text(b->flow, buf, strlen(buf), MGI_FONT_BOLD, NULL);
        size_t n = 0;
        for (size_t i = 0; i < ds->nindicators; i++) {
            const mgi_indicator *ind = &ds->indicators[i];
            if (ind->covid || !in(ind, key))
                continue;
            mgi_answer ans = r->round->responses[i].answer;
            if (pass == 0 ? ans != MGI_ANSWER_YES
                          : ans != MGI_ANSWER_PARTIAL && ans != MGI_ANSWER_NO)
                continue;
            /* the first kept with the heading before it */
            const char *sep = n ? (labels ? "; " : ", ") : MGI_FLOW_NBSP;
            if (labels)
                snprintf(buf, sizeof buf, "%s%s %s", sep, ind->id,
                         mgi_indicator_label(ind, b->p->lang));
            else
                snprintf(buf, sizeof buf, "%s%s", sep, ind->id);
            mgi_flow_text(b->flow, buf, strlen(buf), MGI_FONT_REGULAR, NULL);
            n++;
        }
        if (!n)
            mgi_flow_text(b->flow, MGI_FLOW_NBSP "–", strlen(MGI_FLOW_NBSP "–"), MGI_FONT_REGULAR,
                          NULL);
        if (!labels && pass == 0)
            mgi_flow_text(b->flow, ".", 1, MGI_FONT_REGULAR, NULL);
    }
}

/* Objective by objective: its number and title with the readiness as a
 * heading, the indicators under it by short label. */
static void objectives(mgi_doc *b, mgi_gcm_set set)
{
    char buf[1024], key[32], n[8], score[128], head[256];
    mgi_doc_heading(b, &b->h3, mgi_doc_str(b, "gcm.objectives"));
    for (int k = 1; k <= MGI_GCM_NOBJECTIVES; k++) {
        if (!(set & (1u << k)))
            continue;
        mgi_score sc;
        size_t mapped;
        mgi_gcm_assess(b->p->a, b->p->result, k, &sc, &mapped);
        snprintf(n, sizeof n, "%d", k);
        snprintf(key, sizeof key, "gcm.obj.%d", k);
        const char *v[] = {"n", n, NULL};
        mgi_strings_format(b->p->strings, b->p->lang, "gcm.objective", head, sizeof head, v);
        snprintf(buf, sizeof buf, "**%s.** %s: **%s**", head, mgi_doc_str(b, key),
                 readiness(b, &sc, score, sizeof score));
        mgi_style st = b->body;
        st.align = MGI_FLOW_LEFT;
        st.keep_with_next = true;
        st.space_after = 1;
        st.space_before = 5;
        mgi_doc_para(b, &st, buf);
        lists(b, in_objective, (unsigned)k, true);
    }
}

/* Target by target, one paragraph each: the target and its goal, the
 * readiness, the indicators by id. */
static void targets(mgi_doc *b)
{
    mgi_sdg t[MGI_SDG_NTARGETS];
    size_t nt = mgi_sdg_mapped(b->ds, t, MGI_SDG_NTARGETS);
    char buf[1024], key[32], g[8], num[8], head[128], goal[256], score[128];
    mgi_doc_heading(b, &b->h3, mgi_doc_str(b, "gcm.targets"));
    for (size_t k = 0; k < nt; k++) {
        mgi_score sc;
        size_t mapped;
        mgi_sdg_assess(b->p->a, b->p->result, t[k], &sc, &mapped);
        snprintf(g, sizeof g, "%d", t[k] >> 8);
        snprintf(key, sizeof key, "sdg.goal.%d", t[k] >> 8);
        const char *vg[] = {"n", g, "name", mgi_doc_str(b, key), NULL};
        mgi_strings_format(b->p->strings, b->p->lang, "gcm.goal", goal, sizeof goal, vg);
        const char *vt[] = {"t", mgi_sdg_format(t[k], num), NULL};
        mgi_strings_format(b->p->strings, b->p->lang, "gcm.target", head, sizeof head, vt);
        snprintf(buf, sizeof buf, "**%s** (%s): **%s**.", head, goal,
                 readiness(b, &sc, score, sizeof score));
        mgi_doc_para(b, &b->note, buf);
        lists(b, in_target, t[k], false);
    }
}

void mgi_gcmdoc_annex(mgi_doc *b)
{
    mgi_gcm_set set = mgi_gcm_mapped(b->ds);
    mgi_sdg any;
    bool sdg = mgi_sdg_mapped(b->ds, &any, 1) > 0;
    if (!set && !sdg)
        return;
    char buf[1024];
    /* After the annex before it, as the annexes follow one another (a page
     * of its own would leave that one's last page short). */
    mgi_doc_heading(b, &b->h2, mgi_doc_fmt(b, "gcm.title", buf, sizeof buf));
    mgi_doc_para_key(b, &b->body, "gcm.intro");
    if (set)
        objectives(b, set);
    if (sdg)
        targets(b);
}

/* ------------------------------------------------------------ comparison */

enum { ROW_H = 15, HEAD_H = 22 };
#define NODATA 0xDDDDDDu /* as the heatmap's cells without enough data */

/* The mapped objectives, in order; returns how many. */
static int mapped_objectives(const mgi_dataset *ds, int *out)
{
    mgi_gcm_set set = mgi_gcm_mapped(ds);
    int n = 0;
    for (int k = 1; k <= MGI_GCM_NOBJECTIVES; k++)
        if (set & (1u << k))
            out[n++] = k;
    return n;
}

/* Dark or white text, whichever reads on the fill (as the heatmap). */
static unsigned ink_on(unsigned rgb)
{
    double l = 0.2126 * ((rgb >> 16) & 0xFF) + 0.7152 * ((rgb >> 8) & 0xFF) + 0.0722 * (rgb & 0xFF);
    return l > 140 ? 0x1F2328 : 0xFFFFFF;
}

/* Rows fc->first … of the table: a commune's name, then its readiness in each
 * objective. Tagged as a table whose header repeats as decoration. */
static void table_chunk(const mgi_doc_fig *fc, mgi_canvas *c)
{
    const mgi_doc *b = fc->b;
    const mgi_layout *l = b->p->layout;
    int obj[MGI_GCM_NOBJECTIVES];
    int n = mapped_objectives(b->ds, obj);
    double W = mgi_doc_frame_width(l), name_w = W * 0.22, cw = (W - name_w) / n;
    char buf[64], num[32];
    mgi_doc_table(fc, fc->first > 0);
    mgi_doc_decor(fc);
    mgi_canvas_rect(c, 0, 0, W, HEAD_H, 0xEEF2F7);
    if (fc->first == 0)
        mgi_doc_row(fc);
    if (fc->first == 0)
        mgi_doc_cell(fc, "Column");
    mgi_canvas_text(c, 3, HEAD_H - 8, mgi_doc_str(b, "cmp.col.commune"), MGI_FONT_BOLD, 6.5,
                    l->text, MGI_ALIGN_LEFT);
    for (int k = 0; k < n; k++) {
        if (fc->first == 0)
            mgi_doc_cell(fc, "Column");
        snprintf(buf, sizeof buf, "%d", obj[k]);
        mgi_canvas_text(c, name_w + cw * (k + 0.5), HEAD_H - 8, buf, MGI_FONT_BOLD, 6.5, l->text,
                        MGI_ALIGN_CENTER);
    }
    mgi_doc_decor(fc);
    mgi_canvas_line(c, 0, HEAD_H, W, HEAD_H, l->accent, 0.8, 0);
    for (size_t i = fc->first; i < fc->first + fc->count && i < b->nsorted; i++) {
        const mgi_result *r = b->sorted[i];
        double y = HEAD_H + ROW_H * (double)(i - fc->first);
        mgi_doc_row(fc);
        mgi_doc_cell(fc, "Row");
        mgi_canvas_text_box(c, 3, y + 10.5, name_w - 6, b->ds->communes[r->commune].name,
                            MGI_FONT_REGULAR, 7.5, l->text, MGI_ALIGN_LEFT, 1);
        for (int k = 0; k < n; k++) {
            mgi_score sc;
            size_t mapped;
            mgi_gcm_assess(b->p->a, r, obj[k], &sc, &mapped);
            bool none = isnan(sc.score);
            unsigned fill = none || sc.insufficient ? NODATA : mgi_score_colour(sc.score);
            mgi_doc_decor(fc);
            mgi_canvas_rect(c, name_w + cw * k + 0.5, y + 0.5, cw - 1, ROW_H - 1, fill);
            mgi_doc_cell(fc, NULL);
            mgi_strings_number(b->p->strings, b->p->lang, sc.score, num);
            /* too few answered: the grey cell says so (no brackets, which
             * the narrow columns of 23 objectives have no room for) */
            snprintf(buf, sizeof buf, "%s", none ? "–" : num);
            mgi_canvas_text(c, name_w + cw * (k + 0.5), y + 10.5, buf, MGI_FONT_REGULAR, 6.5,
                            none || sc.insufficient ? 0x555555 : ink_on(fill), MGI_ALIGN_CENTER);
        }
    }
}

void mgi_gcmdoc_chapter(mgi_doc *b)
{
    int obj[MGI_GCM_NOBJECTIVES];
    int n = mapped_objectives(b->ds, obj);
    if (n == 0)
        return;
    char buf[4096], key[32];
    /* The chapter's heading, as the comparison's others (comparison.c). */
    mgi_flow_anchor(b->flow, MGI_CMP_GCM);
    mgi_doc_fmt(b, "gcm.title", buf, sizeof buf);
    mgi_doc_upper(b, buf, sizeof buf);
    mgi_style h = b->h1;
    h.space_before = 30;
    mgi_doc_heading(b, &h, buf);
    mgi_style keep = b->body; /* the words that introduce the table stay with it */
    keep.keep_with_next = true;
    mgi_doc_para_key(b, &keep, "gcm.cmp_intro");
    /* The key: each column's objective. */
    size_t o = 0;
    buf[0] = '\0';
    for (int k = 0; k < n && o < sizeof buf; k++) {
        snprintf(key, sizeof key, "gcm.obj.%d", obj[k]);
        o += (size_t)snprintf(buf + o, sizeof buf - o, "%s**%d**" MGI_FLOW_NBSP "%s",
                              k ? MGI_FLOW_NBSP "· " : "", obj[k], mgi_doc_str(b, key));
    }
    mgi_style st = b->body;
    st.align = MGI_FLOW_LEFT;
    st.hyphenate = false; /* a key's names whole */
    st.size = b->p->layout->small + 0.5;
    st.leading = st.size * 1.4;
    st.keep_with_next = true; /* with the table it is the key to */
    mgi_doc_para(b, &st, buf);
    /* In pieces that fit a page, fewer rows on the chapter's first: under its
     * heading, introduction and key, which grows with the objectives (about
     * two thirds of a line each), all kept together with the first piece. */
    double frame = mgi_doc_frame_height(b->p->layout), opening = 200 + 11.0 * n;
    for (size_t first = 0, count; first < b->nsorted; first += count) {
        double avail = frame - HEAD_H - 4 - 16 - (first == 0 ? opening : 0);
        count = avail > 5 * ROW_H ? (size_t)(avail / ROW_H) : 5;
        if (b->nsorted - first < count)
            count = b->nsorted - first;
        mgi_doc_fig *fc = mgi_doc_figure(b, table_chunk, HEAD_H + ROW_H * (double)count + 4, 6, 6);
        if (!fc)
            return;
        fc->first = first;
        fc->count = count;
    }
}
