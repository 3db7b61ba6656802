/* robust.c — the caterpillar chart of rank intervals and the table of what moves the ranks. */
#include "mgi/robust.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mgi/collate.h"

#define INK   0x222222u
#define MUTED 0x666666u
#define GRID  0xE3E3E3u
#define BAND  0x9ECAE1u
#define DOT   0x08519Cu

/* As charts.c: 480 wide, labels of 8.5 points, so that at the text's measure none
 * is under 7 points. */
static const double W = 480, MARGIN = 12, LABEL_W = 120;
enum { TITLE_H = 30, CAT_HEAD = 36, CAT_ROW_H = 16, CAT_FOOT = 34, DRV_HEAD = 28, DRV_ROW_H = 30 };

static const char *S(const mgi_chart *ch, const char *key)
{
    return mgi_strings_get(ch->strings, ch->lang, key);
}

static double draw_title(const mgi_chart *ch, mgi_canvas *c)
{
    if (!ch->title)
        return 0;
    char t[512];
    mgi_chart_title(ch, t, sizeof t);
    mgi_canvas_text_box(c, MARGIN, 20, W - 2 * MARGIN, t, MGI_FONT_BOLD, 12, INK, MGI_ALIGN_LEFT,
                        1);
    return TITLE_H;
}

/* ------------------------------------------------------------ caterpillar */

typedef struct cat_row {
    const mgi_result *r;
    const mgi_rank_band *band;
    const char *name;
} cat_row;

static bool has_band(const mgi_rank_band *b)
{
    return b && !b->rarely && b->median;
}

static int by_median(const void *x, const void *y)
{
    const cat_row *a = x, *b = y;
    bool ia = has_band(a->band), ib = has_band(b->band);
    if (ia != ib)
        return ia ? -1 : 1;
    if (ia && a->band->median != b->band->median)
        return a->band->median < b->band->median ? -1 : 1;
    unsigned na = a->band->nominal ? a->band->nominal : ~0u;
    unsigned nb = b->band->nominal ? b->band->nominal : ~0u;
    if (na != nb)
        return na < nb ? -1 : 1;
    return mgi_collate(a->name, b->name);
}

/* The year's communes in the chart's order (ties by name, collate.h); *n of
 * them; NULL when out of memory or when the collator cannot be opened. */
static cat_row *cat_rows(const mgi_chart *ch, size_t *n)
{
    const mgi_assessment *a = ch->a;
    cat_row *rows = malloc((a->nresults + 1) * sizeof *rows);
    *n = 0;
    if (!rows || mgi_collate_open() != MGI_OK) {
        free(rows);
        return NULL;
    }
    for (size_t i = 0; i < a->nresults; i++)
        if (a->results[i].round->year == ch->year)
            rows[(*n)++] = (cat_row){
                &a->results[i], mgi_uncertainty_band(a->uncertainty, &a->results[i], MGI_NDOMAINS),
                a->ds->communes[a->results[i].commune].name};
    qsort(rows, *n, sizeof *rows, by_median);
    return rows;
}

/* The rows shown: ch->first to first + count (count 0: to the end). */
static void shown(const mgi_chart *ch, size_t n, size_t *from, size_t *to)
{
    *from = ch->first < n ? ch->first : n;
    *to = ch->count && *from + ch->count < n ? *from + ch->count : n;
}

static size_t cat_nrows(const mgi_chart *ch)
{
    size_t n = 0, from, to;
    for (size_t i = 0; i < ch->a->nresults; i++)
        n += ch->a->results[i].round->year == ch->year;
    shown(ch, n, &from, &to);
    return to - from;
}

/* A step between rank ticks that gives at most about ten ticks. */
static unsigned tick_step(unsigned n)
{
    static const unsigned steps[] = {1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        if (n / steps[i] <= 10)
            return steps[i];
    return 10000;
}

static void draw_caterpillar(const mgi_chart *ch, mgi_canvas *c)
{
    size_t n, from, to;
    cat_row *rows = cat_rows(ch, &n);
    if (!rows)
        return;
    shown(ch, n, &from, &to);
    double top = draw_title(ch, c);
    double x0 = MARGIN + LABEL_W + 14, x1 = W - MARGIN - 10, y0 = top + CAT_HEAD;
    double rows_h = CAT_ROW_H * (double)(to - from);
    unsigned count = (unsigned)n;
#define POS(rank)                                                                                  \
    (count > 1 ? x0 + (x1 - x0) * ((double)(rank)-1) / (double)(count - 1) : (x0 + x1) / 2)
    /* The axis: its name, and ticks at 1 and every step, as grid lines down the rows. */
    mgi_canvas_text_box(c, x0, top + 12, x1 - x0, S(ch, "unc.axis"), MGI_FONT_REGULAR, 8.5, MUTED,
                        MGI_ALIGN_LEFT, 1);
    unsigned step = tick_step(count);
    for (unsigned t = 1; t <= count; t = t == 1 && step > 1 ? step : t + step) {
        char buf[16];
        snprintf(buf, sizeof buf, "%u", t);
        mgi_canvas_text(c, POS(t), y0 - 6, buf, MGI_FONT_REGULAR, 8.5, INK, MGI_ALIGN_CENTER);
        mgi_canvas_line(c, POS(t), y0 - 2, POS(t), y0 + rows_h, GRID, 0.6, 0);
    }
    for (size_t i = from; i < to; i++) {
        const cat_row *row = &rows[i];
        double y = y0 + CAT_ROW_H * (double)(i - from), mid = y + CAT_ROW_H / 2;
        mgi_canvas_group_begin(c, "row", ch->a->ds->communes[row->r->commune].code);
        mgi_canvas_text_box(c, MARGIN + LABEL_W, mid + 3, LABEL_W, row->name, MGI_FONT_REGULAR, 8.5,
                            INK, MGI_ALIGN_RIGHT, 1);
        mgi_canvas_line(c, x0 - 4, mid, x1 + 4, mid, GRID, 0.4, 0);
        if (has_band(row->band)) {
            double bx0 = POS(row->band->lo) - 3.5, bx1 = POS(row->band->hi) + 3.5;
            mgi_canvas_rect(c, bx0, mid - 3.5, bx1 - bx0, 7, BAND);
        } else {
            mgi_canvas_text_box(c, x0, mid + 3, x1 - x0, S(ch, "unc.rarely_short"), MGI_FONT_ITALIC,
                                8.5, MUTED, MGI_ALIGN_LEFT, 1);
        }
        if (row->band && row->band->nominal) {
            mgi_canvas_arc(c, POS(row->band->nominal), mid, 3, 0, 2 * M_PI);
            mgi_canvas_fill(c, DOT);
        }
        mgi_canvas_group_end(c);
    }
    /* The legend: what the dot and the bar are. */
    double ly = y0 + rows_h + 20;
    mgi_canvas_arc(c, x0 + 4, ly - 3, 3, 0, 2 * M_PI);
    mgi_canvas_fill(c, DOT);
    const char *dot = S(ch, "unc.legend.nominal"), *bar = S(ch, "unc.legend.band");
    mgi_canvas_text(c, x0 + 12, ly, dot, MGI_FONT_REGULAR, 8.5, MUTED, MGI_ALIGN_LEFT);
    double bx = x0 + 12 + mgi_canvas_text_width(c, dot, strlen(dot), MGI_FONT_REGULAR, 8.5) + 24;
    mgi_canvas_rect(c, bx, ly - 6.5, 28, 7, BAND);
    mgi_canvas_text_box(c, bx + 34, ly, x1 - bx - 34, bar, MGI_FONT_REGULAR, 8.5, MUTED,
                        MGI_ALIGN_LEFT, 1);
#undef POS
    free(rows);
}

/* --------------------------------------------------------------- drivers */

const char *mgi_robust_reading(const mgi_uncertainty *u, const double *total, mgi_input i)
{
    if (!u->config.on[i])
        return "unc.reading.off";
    if (i == MGI_INPUT_CUTS)
        return "unc.reading.cuts";
    double t = total[i];
    if (isnan(t) || t <= 1e-9)
        return "unc.reading.none";
    if (mgi_uncertainty_dominant(total) == i)
        return "unc.reading.main";
    return t < 0.05 ? "unc.reading.small" : "unc.reading.some";
}

/* A share in the language's style ("37%", "37 %"), "< 1%" for one above 0
 * that rounds to 0; estimates a hair below 0 or above 1 are shown as 0 and 100. */
static const char *percent(const mgi_chart *ch, double x, char buf[40])
{
    char one[32];
    if (isnan(x) || x <= 1e-9)
        x = 0;
    if (x > 0 && x < 0.005) {
        snprintf(buf, 40, "< %s", mgi_strings_percent(ch->strings, ch->lang, 1, 0, one));
        return buf;
    }
    return mgi_strings_percent(ch->strings, ch->lang, (x > 1 ? 1 : x) * 100, 0, buf);
}

static void draw_drivers(const mgi_chart *ch, mgi_canvas *c)
{
    const mgi_uncertainty *u = ch->a->uncertainty;
    const mgi_year_drivers *yd = mgi_uncertainty_year(u, ch->year);
    if (!yd)
        return;
    const double *first = yd->first[MGI_NDOMAINS], *total = yd->total[MGI_NDOMAINS];
    double top = draw_title(ch, c);
    double w = W - 2 * MARGIN;
    double xs[5] = {MARGIN, MARGIN + 0.28 * w, MARGIN + 0.37 * w, MARGIN + 0.56 * w, W - MARGIN};
    const char *heads[4] = {S(ch, "unc.col.choice"), S(ch, "unc.col.alone"), S(ch, "unc.col.with"),
                            S(ch, "unc.col.reading")};
    mgi_canvas_rect(c, MARGIN, top, w, DRV_HEAD, 0xE8EEF4);
    for (int k = 0; k < 4; k++)
        mgi_canvas_text_box(c, k == 1 ? xs[2] - 4 : xs[k] + 4, top + 17, xs[k + 1] - xs[k] - 8,
                            heads[k], MGI_FONT_BOLD, 8.5, INK,
                            k == 1 ? MGI_ALIGN_RIGHT : MGI_ALIGN_LEFT, 1);
    for (int i = 0; i < MGI_NINPUTS; i++) {
        double y = top + DRV_HEAD + DRV_ROW_H * i, base = y + 13;
        char key[48], buf[40];
        snprintf(key, sizeof key, "unc.input.%s", mgi_input_name((mgi_input)i));
        mgi_canvas_group_begin(c, "input", mgi_input_name((mgi_input)i));
        mgi_canvas_text_box(c, xs[0] + 4, base, xs[1] - xs[0] - 8, S(ch, key), MGI_FONT_REGULAR,
                            8.5, INK, MGI_ALIGN_LEFT, 2);
        bool moves = u->config.on[i] && i != MGI_INPUT_CUTS;
        if (moves) {
            mgi_canvas_text(c, xs[2] - 4, base, percent(ch, first[i], buf), MGI_FONT_REGULAR, 8.5,
                            INK, MGI_ALIGN_RIGHT);
            double t = isnan(total[i]) || total[i] < 0 ? 0 : total[i] > 1 ? 1 : total[i];
            double bw = t < 0.005 ? 0 : (xs[3] - xs[2] - 52) * t; /* "< 1 %": no sliver */
            if (bw > 0)
                mgi_canvas_rect(c, xs[2] + 6, y + 6, bw, 9, DOT);
            mgi_canvas_text(c, xs[2] + 6 + bw + 4, base, percent(ch, total[i], buf), MGI_FONT_BOLD,
                            8.5, INK, MGI_ALIGN_LEFT);
        } else {
            mgi_canvas_text(c, xs[2] - 4, base, "–", MGI_FONT_REGULAR, 8.5, MUTED, MGI_ALIGN_RIGHT);
            mgi_canvas_text(c, xs[2] + 6, base, "–", MGI_FONT_REGULAR, 8.5, MUTED, MGI_ALIGN_LEFT);
        }
        mgi_canvas_text_box(c, xs[3] + 4, base, xs[4] - xs[3] - 8,
                            S(ch, mgi_robust_reading(u, total, (mgi_input)i)), MGI_FONT_REGULAR,
                            8.5, moves ? INK : MUTED, MGI_ALIGN_LEFT, 2);
        mgi_canvas_line(c, MARGIN, y + DRV_ROW_H, W - MARGIN, y + DRV_ROW_H, GRID, 0.6, 0);
        mgi_canvas_group_end(c);
    }
}

/* ---------------------------------------------------------------- public */

void mgi_robust_size(const mgi_chart *ch, double *width, double *height)
{
    *width = W;
    double title = ch->title ? TITLE_H : 0;
    if (ch->kind == MGI_CHART_CATERPILLAR)
        *height = title + CAT_HEAD + CAT_FOOT + CAT_ROW_H * (double)cat_nrows(ch);
    else
        *height = title + DRV_HEAD + DRV_ROW_H * MGI_NINPUTS + 4;
}

void mgi_robust_draw(const mgi_chart *ch, mgi_canvas *c)
{
    if (!ch->a->uncertainty)
        return;
    if (ch->kind == MGI_CHART_CATERPILLAR)
        draw_caterpillar(ch, c);
    else
        draw_drivers(ch, c);
}

char *mgi_robust_rank_text(const mgi_strings *strings, int lang, const mgi_assessment *a,
                           const mgi_result *r, size_t d, char *buf, size_t size)
{
    const mgi_score *s = d < MGI_NDOMAINS ? &r->domain[d] : &r->overall;
    const mgi_rank_band *b = mgi_uncertainty_band(a->uncertainty, r, d);
    if (!s->rank) {
        snprintf(buf, size, "–");
        return buf;
    }
    char n[16], lo[16], hi[16];
    snprintf(n, sizeof n, "%u", s->rank);
    if (!b || b->rarely || !b->median) {
        snprintf(buf, size, "%s", n);
        return buf;
    }
    snprintf(lo, sizeof lo, "%u", b->lo);
    snprintf(hi, sizeof hi, "%u", b->hi);
    const char *vars[] = {"n", n, "lo", lo, "hi", hi, NULL};
    return mgi_strings_format(strings, lang, "unc.rank_range", buf, size, vars);
}

char *mgi_robust_rank_line(const mgi_strings *strings, int lang, const mgi_assessment *a,
                           const mgi_result *r, size_t d, char *buf, size_t size)
{
    const mgi_score *s = d < MGI_NDOMAINS ? &r->domain[d] : &r->overall;
    const mgi_rank_band *b = mgi_uncertainty_band(a->uncertainty, r, d);
    buf[0] = '\0';
    if (!s->rank)
        return buf;
    char n[16], of[16], year[16], lo[16], hi[16];
    snprintf(n, sizeof n, "%u", s->rank);
    snprintf(of, sizeof of, "%u", s->of);
    snprintf(year, sizeof year, "%d", r->round->year);
    snprintf(lo, sizeof lo, "%u", b ? b->lo : 0);
    snprintf(hi, sizeof hi, "%u", b ? b->hi : 0);
    const char *vars[] = {"n", n, "total", of, "year", year, "lo", lo, "hi", hi, NULL};
    const char *key = !b               ? "findings.rank"
                      : b->rarely      ? "unc.rank_rarely"
                      : b->lo == b->hi ? "unc.rank_same"
                                       : "unc.rank_line";
    mgi_strings_format(strings, lang, key, buf, size, vars);
    if (b && !b->rarely && mgi_rank_band_wide(b)) {
        size_t o = strlen(buf);
        if (o + 1 < size) {
            buf[o++] = ' ';
            mgi_strings_format(strings, lang, "unc.rank_wide", buf + o, size - o, NULL);
        }
    }
    return buf;
}

char *mgi_robust_peer_line(const mgi_strings *strings, int lang, const mgi_assessment *a,
                           const mgi_result *r, size_t d, char *buf, size_t size)
{
    const mgi_score *s = d < MGI_NDOMAINS ? &r->domain[d] : &r->overall;
    const mgi_year_stats *ys = mgi_assess_year(a, r->round->year);
    const mgi_stats *st = !ys ? NULL : d < MGI_NDOMAINS ? &ys->domain[d] : &ys->overall;
    buf[0] = '\0';
    if (!st || st->n < 2 || s->insufficient || isnan(s->score))
        return buf;
    /* The median's level, by the method's cut points, as the profile names levels. */
    const mgi_method *m = &a->method;
    double md = round(st->median * 1e12) / 1e12;
    int level = md < m->cut[0] ? 1 : md < m->cut[1] ? 2 : md < m->cut[2] ? 3 : 4;
    char n[24], year[16], med[32], q1[32], q3[32], lkey[16];
    snprintf(n, sizeof n, "%zu", st->n);
    snprintf(year, sizeof year, "%d", r->round->year);
    snprintf(lkey, sizeof lkey, "level.%d", level);
    double x = s->score;
    const char *where = x > st->q3 + 1e-12   ? "unc.peer.above"
                        : x < st->q1 - 1e-12 ? "unc.peer.below"
                                             : "unc.peer.within";
    const char *vars[] = {"total",  n,
                          "year",   year,
                          "median", mgi_strings_number(strings, lang, st->median, med),
                          "level",  mgi_strings_get(strings, lang, lkey),
                          "q1",     mgi_strings_number(strings, lang, st->q1, q1),
                          "q3",     mgi_strings_number(strings, lang, st->q3, q3),
                          "where",  mgi_strings_get(strings, lang, where),
                          NULL};
    return mgi_strings_format(strings, lang, "unc.peer_line", buf, size, vars);
}

mgi_error mgi_robust_order_by_name(const mgi_dataset *ds, const mgi_result **rows, size_t n)
{
    mgi_error err = mgi_collate_open();
    if (err != MGI_OK)
        return err;
    /* Insertion sort: qsort has no context for the names, and a few hundred
     * communes sort in well under a millisecond. */
    for (size_t i = 1; i < n; i++) {
        const mgi_result *x = rows[i];
        const mgi_commune *cx = &ds->communes[x->commune];
        size_t j = i;
        while (j > 0) {
            const mgi_commune *cy = &ds->communes[rows[j - 1]->commune];
            int c = mgi_collate(cy->name, cx->name);
            if (c < 0 || (c == 0 && strcmp(cy->code, cx->code) <= 0))
                break;
            rows[j] = rows[j - 1];
            j--;
        }
        rows[j] = x;
    }
    return MGI_OK;
}
