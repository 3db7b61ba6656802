/* comparison.c — the comparison PDF: the communes compared side by side, in tables and charts. */
#include "mgi/comparison.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mgi/document.h"
#include "mgi/gcmdoc.h"
#include "mgi/robust.h"
#include "mgi/seal.h"
#include "mgi/view.h"

enum { TABLE_RANKS, TABLE_STATS, TABLE_CHANGES, TABLE_GAPS, TABLE_SEAL };
enum { NGAPS = 10 }; /* the comparison's "most common gaps" */
enum { TABLE_ROW_H = 15, TABLE_HEAD_H = 22, CMP_MARGIN = 64 };
enum { GAP_FONT = 7 }; /* the gaps table's labels, in points, */
#define GAP_COL 0.57   /* in a column this share of the frame */

/* A cell of a table (a TD of the tagged PDF). */
static void cell_text(const mgi_doc_fig *fc, mgi_canvas *c, double x, double w, double y,
                      const char *t, int font, double size, unsigned rgb, mgi_align al)
{
    mgi_doc_cell(fc, NULL);
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

/* Rank intervals are printed when there are any and the communes compared
 * were all assessed in one year: they are computed within a year (view.h). */
static bool intervals(const mgi_doc *b)
{
    return b->p->a->uncertainty && !b->p->a->hide_ranks && mgi_view_one_year(b->view);
}

static void table_columns(const mgi_doc *b, int kind, table_spec *t)
{
    const mgi_dataset *ds = b->ds;
    int lang = b->p->lang;
    memset(t, 0, sizeof *t);
    int k = 0;
#define COL(text, w, al)                                                                           \
    (snprintf(t->head[k], sizeof t->head[k], "%s", text), t->width[k] = w, t->align[k++] = al)
    if (kind == TABLE_SEAL) {
        /* "Última revisión" and "2026-12-10, due within six months" whole. */
        COL(mgi_doc_str(b, "cmp.col.commune"), 0.18, MGI_ALIGN_LEFT);
        COL(mgi_doc_str(b, "seal.col.status"), 0.15, MGI_ALIGN_LEFT);
        COL(mgi_doc_str(b, "seal.last_review"), 0.12, MGI_ALIGN_LEFT);
        COL(mgi_doc_str(b, "seal.col.due"), 0.30, MGI_ALIGN_LEFT);
        for (int d = 0; d < MGI_SEAL_NDIMS; d++) {
            char h[8];
            snprintf(h, sizeof h, "%d", d + 1);
            COL(h, 0.05, MGI_ALIGN_RIGHT);
        }
    } else if (kind == TABLE_GAPS) {
        COL(mgi_doc_str(b, "cmp.col.rank"), 0.05, MGI_ALIGN_RIGHT);
        COL(mgi_doc_str(b, "gaps.col.indicator"), GAP_COL, MGI_ALIGN_LEFT);
        COL(mgi_doc_str(b, "gaps.col.no"), 0.08, MGI_ALIGN_RIGHT);
        COL(mgi_doc_str(b, "gaps.col.partial"), 0.09, MGI_ALIGN_RIGHT);
        COL(mgi_doc_str(b, "gaps.col.answered"), 0.1, MGI_ALIGN_RIGHT);
        COL(mgi_doc_str(b, "gaps.col.improved"), 0.11, MGI_ALIGN_RIGHT);
    } else if (kind == TABLE_STATS) {
        COL(mgi_doc_str(b, "cmp.col.domain"), 0.34, MGI_ALIGN_LEFT);
        const char *keys[] = {"cmp.col.n",      "cmp.col.min", "cmp.col.q1",
                              "cmp.col.median", "cmp.col.q3",  "cmp.col.max"};
        for (int i = 0; i < 6; i++)
            COL(mgi_doc_str(b, keys[i]), 0.11, MGI_ALIGN_RIGHT);
    } else {
        /* Ranking widths (A4 frame, 467 points): a score with a three-digit
         * rank, "Coverage" and "Requires further progress" whole, and a
         * commune name as long as "Pedro Aguirre Cerda". */
        /* With intervals, "123 (110–150)": the rank column takes the room
         * of the domains' ranks, which are printed only with their own
         * ranges (in the profiles and the workbook). */
        bool ranges = kind == TABLE_RANKS && intervals(b);
        /* Communes of several years: their years in a column, the domains'
         * scores without their ranks (in the workbook and the dashboard). */
        bool years = kind == TABLE_RANKS && !mgi_view_one_year(b->view);
        /* [report] ranks = no: the commune column takes the rank's room. */
        bool hide = kind == TABLE_RANKS && b->p->a->hide_ranks;
        if (kind == TABLE_RANKS && !hide)
            COL(mgi_doc_str(b, "cmp.col.rank"), ranges ? 0.13 : 0.045, MGI_ALIGN_RIGHT);
        COL(mgi_doc_str(b, "cmp.col.commune"),
            hide                  ? 0.219
            : ranges || years     ? 0.19
            : kind == TABLE_RANKS ? 0.174
                                  : 0.22,
            MGI_ALIGN_LEFT);
        if (years) /* the year of each commune's assessment compared */
            COL(mgi_doc_str(b, "view.year_col"), 0.055, MGI_ALIGN_RIGHT);
        if (kind == TABLE_CHANGES)
            COL(mgi_doc_str(b, "cmp.col.previous"), 0.09, MGI_ALIGN_RIGHT);
        /* Domains by number: the key is printed above the table. */
        (void)lang;
        for (size_t d = 0; d < ds->ndomains; d++) {
            char h[16];
            snprintf(h, sizeof h, "%d", ds->domains[d].number);
            COL(h, ranges || years ? 0.06 : kind == TABLE_RANKS ? 0.077 : 0.086, MGI_ALIGN_RIGHT);
        }
        COL(mgi_doc_str(b, "overall"), kind == TABLE_RANKS ? 0.064 : 0.086, MGI_ALIGN_RIGHT);
        if (kind == TABLE_RANKS) {
            COL(mgi_doc_str(b, "cmp.col.coverage"), 0.08, MGI_ALIGN_RIGHT);
            COL(mgi_doc_str(b, "cmp.col.level"), 0.175, MGI_ALIGN_LEFT);
        }
    }
#undef COL
    t->ncols = k;
}

/* The communes of the changes table: those with an earlier assessment. */
static size_t changed(const mgi_doc *b, const mgi_result **out)
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

/* Rows of the gaps table are two lines high when an indicator's label (its
 * question, when the catalogue gives none) needs them, else one (GAP_COL of
 * the frame, at 7 points, as gap_row sets it). */
static double row_height(const mgi_doc *b, int kind)
{
    if (kind != TABLE_GAPS)
        return TABLE_ROW_H;
    const mgi_font *f = mgi_fonts_get(b->p->fonts, MGI_FONT_REGULAR);
    double room = GAP_COL * mgi_doc_frame_width(b->p->layout) - 6;
    char buf[1024];
    for (size_t i = 0; i < b->ngaps; i++) {
        const mgi_indicator *ind = &b->ds->indicators[b->gaps[i].indicator];
        int n = snprintf(buf, sizeof buf, "%s %s", ind->id, mgi_indicator_label(ind, b->p->lang));
        if (mgi_font_width(f, buf, n < 0 ? 0 : (size_t)n, GAP_FONT) > room)
            return 25;
    }
    return 17;
}

/* One row of the most common gaps: rank, id and short label, counts, improvement. */
static void gap_row(const mgi_doc_fig *fc, mgi_canvas *c, const mgi_gap *g, size_t i,
                    const double *xs, double top)
{
    const mgi_doc *b = fc->b;
    const mgi_layout *l = b->p->layout;
    const mgi_indicator *ind = &b->ds->indicators[g->indicator];
    char buf[1024], n1[16], n2[16];
    snprintf(buf, sizeof buf, "%zu", i + 1);
    cell_text(fc, c, xs[0], xs[1] - xs[0], top + 10.5, buf, MGI_FONT_BOLD, 7.5, l->text,
              MGI_ALIGN_RIGHT);
    snprintf(buf, sizeof buf, "%s %s", ind->id, mgi_indicator_label(ind, b->p->lang));
    mgi_doc_cell(fc, NULL);
    mgi_canvas_text_box(c, xs[1] + 3, top + 10.5, xs[2] - xs[1] - 6, buf, MGI_FONT_REGULAR,
                        GAP_FONT, l->text, MGI_ALIGN_LEFT, 2);
    unsigned v[3] = {g->no, g->partial, g->answered};
    for (int k = 0; k < 3; k++) {
        snprintf(buf, sizeof buf, "%u", v[k]);
        cell_text(fc, c, xs[2 + k], xs[3 + k] - xs[2 + k], top + 10.5, buf,
                  k == 0 ? MGI_FONT_BOLD : MGI_FONT_REGULAR, 7.5, l->text, MGI_ALIGN_RIGHT);
    }
    if (g->had_gap) {
        snprintf(n1, sizeof n1, "%u", g->improved);
        snprintf(n2, sizeof n2, "%u", g->had_gap);
        const char *vars[] = {"improved", n1, "had", n2, NULL};
        mgi_strings_format(b->p->strings, b->p->lang, "gaps.improved_value", buf, sizeof buf, vars);
    } else {
        snprintf(buf, sizeof buf, "–");
    }
    cell_text(fc, c, xs[5], xs[6] - xs[5], top + 10.5, buf, MGI_FONT_REGULAR, 7.5, l->text,
              MGI_ALIGN_RIGHT);
}

/* One commune's seal: status, last review, due date (red when overdue, amber
 * when due within six months), and a candidate's readiness per dimension. */
static void seal_row(const mgi_doc_fig *fc, mgi_canvas *c, const mgi_result *r, const double *xs,
                     double y)
{
    const mgi_doc *b = fc->b;
    const mgi_layout *l = b->p->layout;
    const mgi_commune *cm = &b->ds->communes[r->commune];
    mgi_seal s;
    mgi_seal_assess(b->p->a, r, b->p->as_of, &s);
    char buf[160], key[48], num[32];
    cell_text(fc, c, xs[0], xs[1] - xs[0], y, cm->name, MGI_FONT_REGULAR, 7.5, l->text,
              MGI_ALIGN_LEFT);
    snprintf(key, sizeof key, "seal.status.%s",
             s.status == MGI_SEAL_UNKNOWN ? "unknown" : mgi_seal_status_key(s.status));
    cell_text(fc, c, xs[1], xs[2] - xs[1], y, mgi_doc_str(b, key), MGI_FONT_REGULAR, 7, l->text,
              MGI_ALIGN_LEFT);
    cell_text(fc, c, xs[2], xs[3] - xs[2], y, mgi_date_format(s.last_review, buf, sizeof buf),
              MGI_FONT_REGULAR, 7, l->text, MGI_ALIGN_LEFT);
    mgi_doc_seal_due(b, &s, false, buf, sizeof buf);
    cell_text(fc, c, xs[3], xs[4] - xs[3], y, buf,
              s.overdue || s.due_soon ? MGI_FONT_BOLD : MGI_FONT_REGULAR, 7,
              s.overdue    ? 0xB3261E
              : s.due_soon ? 0x9A5B00
                           : l->text,
              MGI_ALIGN_LEFT);
    if (s.status != MGI_SEAL_CANDIDATE)
        return;
    for (int d = 0; d < MGI_SEAL_NDIMS; d++) {
        const mgi_score *sc = &s.dim[d];
        cell_text(fc, c, xs[4 + d], xs[5 + d] - xs[4 + d], y,
                  sc->insufficient ? "–"
                                   : mgi_strings_number(b->p->strings, b->p->lang, sc->score, num),
                  MGI_FONT_REGULAR, 7, l->text, MGI_ALIGN_RIGHT);
    }
}

/* Row i of the statistics: a domain (or the overall score) and its spread. */
static void stats_row(const mgi_doc_fig *fc, mgi_canvas *c, size_t i, const double *xs, double y)
{
    const mgi_doc *b = fc->b;
    const mgi_dataset *ds = b->ds;
    const mgi_layout *l = b->p->layout;
    char buf[64], num[32];
    const mgi_stats *st = mgi_view_stats(b->view, i < ds->ndomains ? i : MGI_NDOMAINS);
    cell_text(fc, c, xs[0], xs[1] - xs[0], y,
              i < ds->ndomains ? ds->domains[i].name[b->p->lang] : mgi_doc_str(b, "overall"),
              i < ds->ndomains ? MGI_FONT_REGULAR : MGI_FONT_BOLD, 7.5, l->text, MGI_ALIGN_LEFT);
    snprintf(buf, sizeof buf, "%zu", st->n);
    cell_text(fc, c, xs[1], xs[2] - xs[1], y, buf, MGI_FONT_REGULAR, 7.5, l->text, MGI_ALIGN_RIGHT);
    double v[5] = {st->min, st->q1, st->median, st->q3, st->max};
    for (int j = 0; j < 5; j++)
        cell_text(fc, c, xs[2 + j], xs[3 + j] - xs[2 + j], y,
                  mgi_strings_number(b->p->strings, b->p->lang, v[j], num),
                  j == 2 ? MGI_FONT_BOLD : MGI_FONT_REGULAR, 7.5, l->text, MGI_ALIGN_RIGHT);
}

/* The rank cell of r, in the ranking's row i; returns the next column. */
static int rank_cell(const mgi_doc_fig *fc, mgi_canvas *c, const mgi_result *r, size_t i,
                     const double *xs, double y)
{
    const mgi_doc *b = fc->b;
    const unsigned *vrank = b->view->rank[i];
    char buf[64];
    if (intervals(b)) /* one year's communes: the year's ranks, with their ranges */
        mgi_robust_rank_text(b->p->strings, b->p->lang, b->p->a, r, MGI_NDOMAINS, buf, sizeof buf);
    else if (vrank[MGI_NDOMAINS])
        snprintf(buf, sizeof buf, "%u", vrank[MGI_NDOMAINS]);
    else
        snprintf(buf, sizeof buf, "–");
    cell_text(fc, c, xs[0], xs[1] - xs[0], y, buf, MGI_FONT_BOLD, intervals(b) ? 6.5 : 7.5,
              b->p->layout->text, MGI_ALIGN_RIGHT);
    return 1;
}

/* A commune's row i of the ranking or of the changes. */
static void commune_row(const mgi_doc_fig *fc, mgi_canvas *c, const mgi_result *r, size_t i,
                        const double *xs, double y)
{
    const mgi_doc *b = fc->b;
    const mgi_dataset *ds = b->ds;
    const mgi_layout *l = b->p->layout;
    const mgi_commune *cm = &ds->communes[r->commune];
    char buf[64], num[32];
    /* The ranks among the communes compared (view.h), in the ranking's row i. */
    const unsigned *vrank = fc->table == TABLE_RANKS ? b->view->rank[i] : NULL;
    int k = 0;
    if (fc->table == TABLE_RANKS && !b->p->a->hide_ranks)
        k += rank_cell(fc, c, r, i, xs, y);
    cell_text(fc, c, xs[k], xs[k + 1] - xs[k], y, cm->name, MGI_FONT_REGULAR, 7.5, l->text,
              MGI_ALIGN_LEFT);
    k++;
    bool years = !mgi_view_one_year(b->view);
    if ((fc->table == TABLE_RANKS && years) || fc->table == TABLE_CHANGES) {
        snprintf(buf, sizeof buf, "%d",
                 fc->table == TABLE_CHANGES ? r->previous->year : r->round->year);
        cell_text(fc, c, xs[k], xs[k + 1] - xs[k], y, buf, MGI_FONT_REGULAR, 7.5, l->text,
                  MGI_ALIGN_RIGHT);
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
        } else if (d < ds->ndomains && vrank && vrank[d] && !b->p->a->hide_ranks && !intervals(b) &&
                   !years) {
            snprintf(buf, sizeof buf, "%s (%u)",
                     mgi_strings_number(b->p->strings, b->p->lang, s->score, num), vrank[d]);
        } else {
            snprintf(buf, sizeof buf, "%s",
                     mgi_strings_number(b->p->strings, b->p->lang, s->score, num));
        }
        cell_text(
            fc, c, xs[k], xs[k + 1] - xs[k], y, buf,
            d == ds->ndomains ? MGI_FONT_BOLD : MGI_FONT_REGULAR, d == ds->ndomains ? 7.5 : 6.5,
            s->insufficient && fc->table != TABLE_CHANGES ? 0x9AA0A6 : l->text, MGI_ALIGN_RIGHT);
    }
    if (fc->table == TABLE_RANKS) {
        mgi_strings_percent(b->p->strings, b->p->lang, r->overall.coverage * 100, 0, buf);
        cell_text(fc, c, xs[k], xs[k + 1] - xs[k], y, buf, MGI_FONT_REGULAR, 7.5, l->text,
                  MGI_ALIGN_RIGHT);
        k++;
        char key[16];
        snprintf(key, sizeof key, "level.%d", (int)r->overall.level);
        cell_text(fc, c, xs[k], xs[k + 1] - xs[k], y,
                  r->overall.insufficient ? mgi_doc_str(b, "insufficient") : mgi_doc_str(b, key),
                  MGI_FONT_REGULAR, 6.2, l->text, MGI_ALIGN_LEFT);
    }
}

/* The header row, repeated on each page the table continues on (there, as
 * decoration: the table's structure has it once). */
static void table_head(const mgi_doc_fig *fc, mgi_canvas *c, const table_spec *t, const double *xs,
                       double W)
{
    const mgi_layout *l = fc->b->p->layout;
    mgi_doc_table(fc, fc->first > 0);
    mgi_doc_decor(fc);
    mgi_canvas_rect(c, 0, 0, W, TABLE_HEAD_H, 0xEEF2F7);
    if (fc->first == 0)
        mgi_doc_row(fc);
    for (int k = 0; k < t->ncols; k++) {
        if (fc->first == 0)
            mgi_doc_cell(fc, "Column");
        mgi_canvas_text_box(c,
                            t->align[k] == MGI_ALIGN_LEFT    ? xs[k] + 3
                            : t->align[k] == MGI_ALIGN_RIGHT ? xs[k + 1] - 3
                                                             : (xs[k] + xs[k + 1]) / 2,
                            TABLE_HEAD_H - 8, xs[k + 1] - xs[k] - 4, t->head[k], MGI_FONT_BOLD, 6.5,
                            l->text, t->align[k], 1);
    }
    mgi_doc_decor(fc);
    mgi_canvas_line(c, 0, TABLE_HEAD_H, W, TABLE_HEAD_H, l->accent, 0.8, 0);
}

static void table_chunk(const mgi_doc_fig *fc, mgi_canvas *c)
{
    const mgi_doc *b = fc->b;
    table_spec t;
    table_columns(b, fc->table, &t);
    double W = mgi_doc_frame_width(b->p->layout), x = 0, xs[13];
    for (int k = 0; k < t.ncols; k++) {
        xs[k] = x;
        x += t.width[k] * W;
    }
    xs[t.ncols] = W;
    table_head(fc, c, &t, xs, W);
    const mgi_result **list = malloc((b->nsorted + 1) * sizeof *list);
    if (!list)
        return;
    size_t n = b->nsorted;
    if (fc->table == TABLE_CHANGES)
        n = changed(b, list);
    else
        memcpy(list, b->sorted, b->nsorted * sizeof *list);
    double rh = row_height(b, fc->table);
    bool fixed = fc->table == TABLE_STATS || fc->table == TABLE_GAPS || fc->table == TABLE_SEAL;
    for (size_t i = fc->first; i < fc->first + fc->count && (fixed || i < n); i++) {
        double y = TABLE_HEAD_H + rh * (double)(i - fc->first) + 10.5;
        mgi_doc_decor(fc);
        if ((i - fc->first) % 2 == 1)
            mgi_canvas_rect(c, 0, y - 10.5, W, rh, 0xF7F9FB);
        mgi_doc_row(fc);
        if (fc->table == TABLE_GAPS)
            gap_row(fc, c, &b->gaps[i], i, xs, y - 10.5);
        else if (fc->table == TABLE_SEAL)
            seal_row(fc, c, b->sorted[i], xs, y);
        else if (fc->table == TABLE_STATS)
            stats_row(fc, c, i, xs, y);
        else
            commune_row(fc, c, list[i], i, xs, y);
    }
    free((void *)list);
}

/* "1 Migrants' rights · 2 Whole-of-government approach · …": the key to the
 * numbered domain columns. */
static void domain_key(mgi_doc *b, bool before)
{
    char buf[1024] = "";
    for (size_t d = 0; d < b->ds->ndomains; d++)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s**%d**" MGI_FLOW_NBSP "%s",
                 d ? MGI_FLOW_NBSP "· " : "", b->ds->domains[d].number,
                 b->ds->domains[d].name[b->p->lang]);
    mgi_style st = b->body;
    st.align = MGI_FLOW_LEFT;
    st.hyphenate = false; /* a key's names whole */
    st.size = b->p->layout->small + 0.5;
    st.leading = st.size * 1.4;
    st.keep_with_next = before; /* with the table it comes before */
    mgi_doc_para(b, &st, buf);
}

/* The key to the numbered dimension columns of the seal table. */
static void seal_key(mgi_doc *b)
{
    char buf[1024] = "", key[48];
    for (int d = 0; d < MGI_SEAL_NDIMS; d++) {
        snprintf(key, sizeof key, "seal.dim.%s", mgi_seal_dimension_key(d));
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s**%d**" MGI_FLOW_NBSP "%s",
                 d ? MGI_FLOW_NBSP "· " : "", d + 1, mgi_doc_str(b, key));
    }
    mgi_style st = b->body;
    st.align = MGI_FLOW_LEFT;
    st.hyphenate = false;
    st.size = b->p->layout->small + 0.5;
    st.leading = st.size * 1.4;
    st.keep_with_next = true; /* with the table or chart it is the key to */
    mgi_doc_para(b, &st, buf);
}

/* How many rows of row_h points a table or chart piece of fixed points more
 * may have to fit a page: on the chapter's first page, under its heading, its
 * introduction and its key (about OPENING points), or on a page of its own. */
static size_t chunk_rows(const mgi_doc *b, double row_h, double fixed, bool first)
{
    enum { OPENING = 190, SPACE = 16 }; /* a figure's space before and after */
    double avail = mgi_doc_frame_height(b->p->layout) - fixed - SPACE - (first ? OPENING : 0);
    size_t n = avail > 0 && row_h > 0 ? (size_t)floor(avail / row_h) : 0;
    return n < 5 ? 5 : n;
}

/* A chart of one row per compared commune (heatmap, caterpillar) in pieces of
 * as many rows as a page holds, fewer on the chapter's first page. */
static void chart_pieces(mgi_doc *b, mgi_chart_kind kind)
{
    for (size_t first = 0, count; first < b->nsorted; first += count) {
        mgi_chart ch = {.kind = kind,
                        .a = b->p->a,
                        .strings = b->p->strings,
                        .lang = b->p->lang,
                        .year = b->cmp_year,
                        .view = b->view,
                        .first = first,
                        .count = 1};
        double w, h1, h2;
        mgi_chart_size(&ch, &w, &h1);
        ch.count = 2;
        mgi_chart_size(&ch, &w, &h2);
        double s = mgi_doc_fig_scale(b, w); /* rows add h2 - h1 each, the rest is fixed */
        count = chunk_rows(b, (h2 - h1) * s, (h1 - (h2 - h1)) * s, first == 0);
        ch.count = count;
        mgi_chart_size(&ch, &w, &h1);
        mgi_doc_chart(b, &ch, h1 * s);
    }
}

static void table_figures(mgi_doc *b, int kind, size_t rows)
{
    if (kind == TABLE_SEAL)
        seal_key(b);
    else if (kind != TABLE_STATS && kind != TABLE_GAPS)
        domain_key(b, true);
    for (size_t first = 0, count; first < rows || (rows == 0 && first == 0); first += count) {
        count = chunk_rows(b, row_height(b, kind), TABLE_HEAD_H + 4, first == 0);
        if (rows - first < count)
            count = rows - first;
        mgi_doc_fig *fc = mgi_doc_figure(
            b, table_chunk, TABLE_HEAD_H + row_height(b, kind) * (double)count + 4, 6, 6);
        if (!fc)
            return;
        fc->table = kind;
        fc->first = first;
        fc->count = count;
        if (rows == 0)
            break;
    }
}

static void wheel_row(const mgi_doc_fig *fc, mgi_canvas *c)
{
    const mgi_doc *b = fc->b;
    double W = mgi_doc_frame_width(b->p->layout), cw = W / 4;
    for (size_t i = fc->first; i < fc->first + fc->count && i < b->nsorted; i++) {
        mgi_chart ch = {.kind = MGI_CHART_MINIWHEEL,
                        .a = b->p->a,
                        .strings = b->p->strings,
                        .lang = b->p->lang,
                        .result = b->sorted[i]};
        double w, h;
        mgi_chart_size(&ch, &w, &h);
        /* Each wheel in its third of the row: a canvas over that box. */
        mgi_canvas *sub = mgi_canvas_offset(c, cw * (double)(i - fc->first) + (cw - w) / 2, 0);
        mgi_doc_chart_tag(fc, &ch);
        if (sub) {
            mgi_chart_draw(&ch, sub);
            mgi_canvas_free(sub);
        }
    }
}

/* A chapter of the comparison: the first opens a page after the contents; the
 * others follow on the page (short ones share it), their heading kept with
 * what follows. */
static void cmp_chapter(mgi_doc *b, int anchor, const char *key)
{
    char buf[512];
    if (anchor == MGI_CMP_HEATMAP)
        mgi_flow_page_break(b->flow);
    mgi_flow_anchor(b->flow, anchor);
    mgi_doc_fmt(b, key, buf, sizeof buf);
    mgi_doc_upper(b, buf, sizeof buf);
    mgi_style h = b->h1;
    h.space_before = 30;
    mgi_doc_heading(b, &h, buf);
}

/* "How robust are the ranks?" (robust.h, uncertainty.h): the caterpillar
 * chart in pages of rows with the sentence under it, then what moves the ranks. */
static void robust_chapter(mgi_doc *b)
{
    const mgi_assessment *a = b->p->a;
    const mgi_strings *st = b->p->strings;
    int lang = b->p->lang;
    char buf[2048], draws[16];
    snprintf(draws, sizeof draws, "%u", a->uncertainty->config.draws);
    const char *vars[] = {"year", b->year, "draws", draws, NULL};
    mgi_style keep = b->body; /* the words that introduce the chart stay with it */
    keep.keep_with_next = true;
    cmp_chapter(b, MGI_CMP_ROBUST, "unc.title");
    mgi_doc_para(b, &keep, mgi_strings_format(st, lang, "unc.intro", buf, sizeof buf, vars));
    /* In pieces of as many rows as the page holds, as the heatmap. */
    chart_pieces(b, MGI_CHART_CATERPILLAR);
    mgi_doc_para_key(b, &b->body, "unc.chart_note");
    mgi_doc_heading(b, &b->h2, mgi_doc_fmt(b, "unc.drivers", buf, sizeof buf));
    const mgi_year_drivers *yd = mgi_uncertainty_year(a->uncertainty, b->cmp_year);
    if (yd && !isnan(yd->total[MGI_NDOMAINS][MGI_INPUT_WEIGHTS] + yd->moved[MGI_NDOMAINS])) {
        mgi_doc_para_key(b, &b->body, "unc.drivers_note");
        mgi_chart ch = {
            .kind = MGI_CHART_DRIVERS, .a = a, .strings = st, .lang = lang, .year = b->cmp_year};
        double w, h;
        mgi_chart_size(&ch, &w, &h);
        mgi_doc_chart(b, &ch, h * mgi_doc_fig_scale(b, w));
    } else {
        mgi_doc_para_key(b, &b->body, "unc.still");
    }
}

static void content(mgi_doc *b)
{
    const mgi_assessment *a = b->p->a;
    const mgi_dataset *ds = b->ds;
    char buf[2048];
    mgi_style keep = b->body; /* words that introduce a table stay with it */
    keep.keep_with_next = true;
    /* Heatmap in pages of rows. */
    cmp_chapter(b, MGI_CMP_HEATMAP, "cmp.heatmap");
    /* [report] ranks = no: the words that promise no ranking. */
    mgi_doc_para_key(b, &b->body, a->hide_ranks ? "unc.cmp_intro" : "cmp.intro");
    mgi_doc_para_key(b, &b->body, mgi_view_sentence_key(b->view)); /* what is compared */
    mgi_doc_para_key(b, &keep, a->hide_ranks ? "unc.heatmap_note" : "cmp.heatmap_note");
    chart_pieces(b, MGI_CHART_HEATMAP);
    domain_key(b, false); /* the key to the heatmap's numbered columns, under it */
    cmp_chapter(b, MGI_CMP_RANKS, a->hide_ranks ? "unc.levels" : "cmp.ranks");
    mgi_doc_para_key(b, &keep,
                     a->hide_ranks                 ? "unc.levels_note"
                     : intervals(b)                ? "unc.ranks_note"
                     : !mgi_view_one_year(b->view) ? "view.ranks_note"
                                                   : "cmp.ranks_note");
    table_figures(b, TABLE_RANKS, b->nsorted);
    if (intervals(b))
        robust_chapter(b);
    else if (a->uncertainty && !a->hide_ranks) /* communes of several years */
        mgi_doc_para_key(b, &b->body, "view.no_ranges");
    cmp_chapter(b, MGI_CMP_STATS, "cmp.stats");
    mgi_doc_para_key(b, &keep, "cmp.stats_note");
    table_figures(b, TABLE_STATS, ds->ndomains + 1);
    cmp_chapter(b, MGI_CMP_WHEELS, "cmp.wheels");
    mgi_doc_para_key(b, &keep, "cmp.wheels_note"); /* how to read them, and the key */
    domain_key(b, true);
    /* Four wheels a row, five rows a page: twenty communes a page. */
    for (size_t first = 0; first < b->nsorted; first += 4) {
        mgi_doc_fig *fc = mgi_doc_figure(b, wheel_row, 136, 6, 6);
        if (!fc)
            return;
        fc->first = first;
        fc->count = 4;
    }
    cmp_chapter(b, MGI_CMP_CHANGES, "cmp.changes");
    size_t nch = changed(b, NULL);
    if (nch) {
        mgi_doc_para_key(b, &keep, "cmp.changes_note");
        table_figures(b, TABLE_CHANGES, nch);
    } else {
        mgi_doc_para_key(b, &b->body, "cmp.no_changes");
    }
    cmp_chapter(b, MGI_CMP_GAPS, "gaps.title");
    if (b->ngaps) {
        mgi_doc_para_key(b, &keep, "gaps.intro");
        table_figures(b, TABLE_GAPS, b->ngaps < NGAPS ? b->ngaps : NGAPS);
    } else {
        mgi_doc_para_key(b, &b->body, "gaps.none");
    }
    bool any_seal = false;
    for (size_t i = 0; i < b->nsorted && !any_seal; i++)
        any_seal = ds->communes[b->sorted[i]->commune].seal != MGI_SEAL_UNKNOWN;
    if (any_seal) {
        cmp_chapter(b, MGI_CMP_SEAL, "seal.title");
        char asof[64];
        const char *vars[] = {"date", mgi_doc_date_words(b, b->p->as_of, asof, sizeof asof), NULL};
        mgi_strings_format(b->p->strings, b->p->lang, "seal.cmp_intro", buf, sizeof buf, vars);
        mgi_doc_para(b, &keep, buf);
        table_figures(b, TABLE_SEAL, b->nsorted);
    }
    mgi_gcmdoc_chapter(b); /* the Global Compact lens (gcmdoc.h) */
    cmp_chapter(b, MGI_CMP_METHOD, "cmp.method");
    mgi_doc_para_key(b, &b->body, "cmp.method.1");
    mgi_doc_para_key(b, &b->body, "cmp.method.2");
    mgi_doc_para_key(b, &b->body, "cmp.method.3");
}
mgi_error mgi_comparison_write(const mgi_comparison *c, const char *path, mgi_diag *diag,
                               int *npages)
{
    /* The comparison is mostly tables of ten columns: it takes the page's width
     * (margins of at most 64 points), which the profile's measure would cut. */
    mgi_layout wide = *c->layout;
    wide.margin_left = fmin(wide.margin_left, CMP_MARGIN);
    wide.margin_right = fmin(wide.margin_right, CMP_MARGIN);
    mgi_profile p = {c->a,    NULL,    c->strings, &wide, c->fonts, c->hyph,
                     c->lang, c->date, false,      NULL,  false,    c->as_of};
    /* The communes compared (view.h): the build's, or else those of c->year. */
    mgi_view *own = NULL;
    const mgi_view *v = c->view;
    if (!v && mgi_view_build(c->a, c->year, &own) != MGI_OK)
        return MGI_ERR_NOMEM;
    if (!v)
        v = own;
    mgi_doc b = {.p = &p,
                 .ds = c->a->ds,
                 .content = content,
                 .comparison = true,
                 .cmp_year = v->first,
                 .view = v,
                 .sorted = v->rows,
                 .nsorted = v->n,
                 .gaps = v->gaps,
                 .ngaps = v->ngaps};
    const mgi_method *m = &c->a->method;
    char n[24], yes[32], partial[32], no[32], cuts[96];
    mgi_view_years(v, b.year, sizeof b.year); /* "2022", or "2021–2023" */
    snprintf(n, sizeof n, "%zu", b.nsorted);
    mgi_strings_percent(c->strings, c->lang, m->threshold * 100, 0, b.threshold);
    mgi_strings_number(c->strings, c->lang, m->value[0], yes);
    mgi_strings_number(c->strings, c->lang, m->value[1], partial);
    mgi_strings_number(c->strings, c->lang, m->value[2], no);
    char c0[32], c1[32], c2[32];
    snprintf(cuts, sizeof cuts, "%s" MGI_FLOW_NBSP "/ %s" MGI_FLOW_NBSP "/ %s",
             mgi_strings_number(c->strings, c->lang, m->cut[0], c0),
             mgi_strings_number(c->strings, c->lang, m->cut[1], c1),
             mgi_strings_number(c->strings, c->lang, m->cut[2], c2));
    const char *vars[] = {"year", b.year, "n",       n,       "threshold", b.threshold,
                          "yes",  yes,    "partial", partial, "no",        no,
                          "cuts", cuts,   "years",   b.year,  NULL};
    memcpy(b.vars, vars, sizeof vars);
    /* Figures: heatmap and table pieces (at least 5 rows each), wheel rows, a margin;
     * the caterpillar's pieces and the drivers table (robust_chapter). */
    mgi_error err = mgi_doc_render(&b, path, diag, npages);
    mgi_view_free(own);
    return err;
}
