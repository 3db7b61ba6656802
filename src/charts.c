/* charts.c — the charts, drawn on the canvas so that PNG, SVG and PDF agree. */
#include "mgi/charts.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mgi/output.h"
#include "mgi/robust.h"
#include "mgi/view.h"

#define INK    0x222222u
#define MUTED  0x666666u
#define GRID   0xBBBBBBu
#define WHITE  0xFFFFFFu
#define NODATA 0xDDDDDDu

static const unsigned palette[MGI_NDOMAINS] = {0x0072B2, 0xE69F00, 0x009E73,
                                               0xCC79A7, 0xD55E00, 0x332288};

enum { TITLE_H = 30 };
static const double W = 480, MARGIN = 12;

unsigned mgi_domain_colour(const mgi_dataset *ds, size_t d)
{
    const mgi_domain *dom = &ds->domains[d];
    return dom->has_colour ? dom->colour : palette[d % MGI_NDOMAINS];
}

unsigned mgi_score_colour(double score)
{
    static const unsigned stops[] = {0x440154, 0x3B528B, 0x21908C, 0x5DC863, 0xFDE725};
    if (isnan(score))
        return NODATA;
    double t = score < 0 ? 0 : score > 1 ? 1 : score;
    double pos = t * 4;
    int i = (int)pos;
    if (i >= 4)
        return stops[4];
    return mgi_rgb_mix(stops[i + 1], stops[i], pos - i);
}

/* Black or white, whichever reads better on rgb. */
static unsigned ink_on(unsigned rgb)
{
    double l = 0.2126 * ((rgb >> 16) & 0xFF) + 0.7152 * ((rgb >> 8) & 0xFF) + 0.0722 * (rgb & 0xFF);
    return l > 140 ? INK : WHITE;
}

static const char *S(const mgi_chart *ch, const char *key)
{
    return mgi_strings_get(ch->strings, ch->lang, key);
}

static const char *num(const mgi_chart *ch, double x, char buf[32])
{
    return mgi_strings_number(ch->strings, ch->lang, x, buf);
}

static const mgi_commune *commune_of(const mgi_chart *ch)
{
    return &ch->a->ds->communes[ch->result->commune];
}

char *mgi_chart_title(const mgi_chart *ch, char *buf, size_t size)
{
    const mgi_dataset *ds = ch->a->ds;
    char year[32];
    static const char *const keys[] = {
        "chart.wheel_title",   "chart.domains_title", "chart.area_title", "chart.trend_title",
        "chart.heatmap_title", "chart.wheel_title",   "unc.chart_title",  "unc.drivers"};
    /* The charts of a year rather than of a commune. */
    bool of_year = ch->kind == MGI_CHART_HEATMAP || ch->kind == MGI_CHART_CATERPILLAR ||
                   ch->kind == MGI_CHART_DRIVERS;
    if (ch->kind == MGI_CHART_HEATMAP && ch->view) /* "2022", or "2021–2023" */
        mgi_view_years(ch->view, year, sizeof year);
    else
        snprintf(year, sizeof year, "%d", of_year ? ch->year : ch->result->round->year);
    const char *vars[] = {
        "commune", of_year ? "" : commune_of(ch)->name,
        "year",    year,
        "domain",  ch->kind == MGI_CHART_AREAS ? ds->domains[ch->domain].name[ch->lang] : "",
        NULL};
    const char *key = keys[ch->kind];
    if (ch->kind == MGI_CHART_HEATMAP && ch->view && !ch->view->year)
        key = "chart.heatmap_title_latest"; /* each commune's latest assessment */
    return mgi_strings_format(ch->strings, ch->lang, key, buf, size, vars);
}

/* "0,75 (Meets)" or "insufficient data": a score as the alternative text says it. */
static void alt_score(const mgi_chart *ch, double score, bool insufficient, mgi_level level,
                      char *out, size_t size)
{
    char num[32], key[16];
    if (insufficient || isnan(score)) {
        snprintf(out, size, "%s", mgi_strings_get(ch->strings, ch->lang, "alt.insufficient"));
        return;
    }
    mgi_strings_number(ch->strings, ch->lang, score, num);
    snprintf(key, sizeof key, "level.%d", (int)level);
    if (level != MGI_LEVEL_NONE)
        snprintf(out, size, "%s (%s)", num, mgi_strings_get(ch->strings, ch->lang, key));
    else
        snprintf(out, size, "%s", num);
}

/* Appends ": " (before the first item) or "; " and text to buf. */
static void alt_add(char *buf, size_t size, const char *text, int *items)
{
    size_t n = strlen(buf);
    if (n + 3 < size)
        snprintf(buf + n, size - n, "%s%s", (*items)++ ? "; " : ": ", text);
}

char *mgi_chart_alt(const mgi_chart *ch, char *buf, size_t size)
{
    const mgi_dataset *ds = ch->a->ds;
    const mgi_result *r = ch->result;
    char item[512], score[128];
    int items = 0;
    if (ch->kind == MGI_CHART_MINIWHEEL)
        snprintf(buf, size, "%s", commune_of(ch)->name);
    else
        mgi_chart_title(ch, buf, size);
    switch (ch->kind) {
    case MGI_CHART_WHEEL:
    case MGI_CHART_DOMAINS:
    case MGI_CHART_MINIWHEEL:
        for (size_t d = 0; d < ds->ndomains; d++) {
            const mgi_score *s = &r->domain[d];
            alt_score(ch, s->score, s->insufficient, s->level, score, sizeof score);
            snprintf(item, sizeof item, "%d. %s %s", ds->domains[d].number,
                     ds->domains[d].name[ch->lang], score);
            alt_add(buf, size, item, &items);
        }
        alt_score(ch, r->overall.score, r->overall.insufficient, r->overall.level, score,
                  sizeof score);
        snprintf(item, sizeof item, "%s %s", mgi_strings_get(ch->strings, ch->lang, "overall"),
                 score);
        alt_add(buf, size, item, &items);
        break;
    case MGI_CHART_AREAS:
        for (size_t k = 0; k < r->nareas; k++)
            if (r->areas[k].domain == ch->domain) {
                alt_score(ch, r->areas[k].score, false, MGI_LEVEL_NONE, score, sizeof score);
                snprintf(item, sizeof item, "%s %s", r->areas[k].name[ch->lang], score);
                alt_add(buf, size, item, &items);
            }
        break;
    case MGI_CHART_TREND: {
        const mgi_commune *cm = commune_of(ch);
        for (size_t y = 0; y < cm->nrounds; y++) {
            const mgi_result *ry = mgi_assess_find(ch->a, cm->code, cm->rounds[y].year);
            if (!ry || cm->rounds[y].year > r->round->year)
                continue;
            alt_score(ch, ry->overall.score, ry->overall.insufficient, ry->overall.level, score,
                      sizeof score);
            snprintf(item, sizeof item, "%d %s", cm->rounds[y].year, score);
            alt_add(buf, size, item, &items);
        }
        break;
    }
    default: /* the year's charts: their values are the ranking's, in the table that follows */
        alt_add(buf, size, mgi_strings_get(ch->strings, ch->lang, "alt.see_table"), &items);
        break;
    }
    size_t n = strlen(buf);
    if (n + 1 < size && n && buf[n - 1] != '.')
        snprintf(buf + n, size - n, ".");
    return buf;
}

const char *mgi_chart_name(const mgi_chart *ch, char *buf, size_t size)
{
    static const char *const names[] = {"wheel",   "domains", "area",        "trend",
                                        "heatmap", "mini",    "caterpillar", "drivers"};
    if (ch->kind == MGI_CHART_AREAS)
        snprintf(buf, size, "area-%s", ch->a->ds->domains[ch->domain].key);
    else
        snprintf(buf, size, "%s", names[ch->kind]);
    return buf;
}

static double draw_title(const mgi_chart *ch, mgi_canvas *c)
{
    if (!ch->title)
        return 0;
    char t[512];
    mgi_chart_title(ch, t, sizeof t);
    mgi_canvas_text_box(c, MARGIN, 20, mgi_canvas_width(c) - 2 * MARGIN, t, MGI_FONT_BOLD, 12, INK,
                        MGI_ALIGN_LEFT, 1);
    return TITLE_H;
}

/* Concentric stripes: the wheel's sign of "insufficient data". */
static void stripes(mgi_canvas *c, double cx, double cy, double r0, double r1, double a0, double a1)
{
    for (double r = r0 + 3; r < r1; r += 6) {
        mgi_canvas_arc(c, cx, cy, r, a0, a1);
        mgi_canvas_stroke(c, 0xC8C8C8, 1.2, 0);
    }
}

static void ring_sector(mgi_canvas *c, double cx, double cy, double r0, double r1, double a0,
                        double a1, unsigned rgb)
{
    mgi_canvas_arc(c, cx, cy, r1, a0, a1);
    mgi_canvas_arc(c, cx, cy, r0, a1, a0);
    mgi_canvas_close(c);
    mgi_canvas_fill(c, rgb);
}

/* The domains' sectors of a wheel about (cx, cy), from r0 to R, the first at
 * the top: each filled to its score over a pale ground, or striped grey when
 * its data are insufficient. Returns whether any was. */
static bool sectors(const mgi_dataset *ds, const mgi_result *r, mgi_canvas *c, double cx, double cy,
                    double r0, double R)
{
    size_t n = ds->ndomains;
    double step = 2 * M_PI / (double)n, start = -M_PI / 2;
    bool any_insufficient = false;
    for (size_t d = 0; d < n; d++) {
        const mgi_score *s = &r->domain[d];
        double a0 = start + step * (double)d, a1 = a0 + step;
        unsigned col = mgi_domain_colour(ds, d);
        mgi_canvas_group_begin(c, "sector", ds->domains[d].key);
        if (s->insufficient) {
            any_insufficient = true;
            ring_sector(c, cx, cy, r0, R, a0, a1, 0xF2F2F2);
            stripes(c, cx, cy, r0, R, a0, a1);
        } else {
            ring_sector(c, cx, cy, r0, R, a0, a1, mgi_rgb_mix(col, WHITE, 0.16));
            if (s->score > 0)
                ring_sector(c, cx, cy, r0, r0 + (R - r0) * s->score, a0, a1, col);
        }
        mgi_canvas_group_end(c);
    }
    return any_insufficient;
}

/* ------------------------------------------------------------------ wheel */

enum { WHEEL_H = 420 };

static void draw_wheel(const mgi_chart *ch, mgi_canvas *c)
{
    const mgi_dataset *ds = ch->a->ds;
    const mgi_result *r = ch->result;
    const mgi_method *m = &ch->a->method;
    double top = draw_title(ch, c);
    double legend_h = 34;
    double cx = W / 2, cy = top + 182;
    double R = 132, r0 = 38;
    size_t n = ds->ndomains;
    double step = 2 * M_PI / (double)n, start = -M_PI / 2;
    char buf[64];
    bool any_insufficient = sectors(ds, r, c, cx, cy, r0, R);
    /* Level rings, the outer edge, and white spokes between the sectors. */
    for (int k = 0; k < 3; k++) {
        double rr = r0 + (R - r0) * m->cut[k];
        mgi_canvas_arc(c, cx, cy, rr, 0, 2 * M_PI);
        mgi_canvas_stroke(c, 0x555555, 0.7, 2.5);
    }
    mgi_canvas_arc(c, cx, cy, R, 0, 2 * M_PI);
    mgi_canvas_stroke(c, 0x999999, 0.8, 0);
    for (size_t d = 0; d < n; d++) {
        double a = start + step * (double)d;
        mgi_canvas_line(c, cx + r0 * cos(a), cy + r0 * sin(a), cx + (R + 1) * cos(a),
                        cy + (R + 1) * sin(a), WHITE, 2.5, 0);
    }
    /* The overall score in the middle. */
    mgi_canvas_group_begin(c, "overall", NULL);
    mgi_canvas_text(c, cx, cy + 4, num(ch, r->overall.score, buf), MGI_FONT_BOLD, 17, INK,
                    MGI_ALIGN_CENTER);
    mgi_canvas_text_box(c, cx, cy + 15, 2 * r0 - 12, S(ch, "overall"), MGI_FONT_REGULAR, 8.5, MUTED,
                        MGI_ALIGN_CENTER, 1);
    mgi_canvas_group_end(c);

    /* Labels outside the wheel: name, then score and level. */
    for (size_t d = 0; d < n; d++) {
        const mgi_score *s = &r->domain[d];
        double mid = start + step * ((double)d + 0.5);
        double ax = cx + (R + 14) * cos(mid), ay = cy + (R + 14) * sin(mid);
        mgi_align al = cos(mid) > 0.1    ? MGI_ALIGN_LEFT
                       : cos(mid) < -0.1 ? MGI_ALIGN_RIGHT
                                         : MGI_ALIGN_CENTER;
        double room = al == MGI_ALIGN_LEFT    ? W - MARGIN - ax
                      : al == MGI_ALIGN_RIGHT ? ax - MARGIN
                                              : 2 * fmin(ax - MARGIN, W - MARGIN - ax);
        const char *name = ds->domains[d].name[ch->lang];
        size_t st[3], ln[3];
        int ell;
        int lines = mgi_canvas_wrap(c, name, MGI_FONT_BOLD, 9.5, room, 3, st, ln, &ell);
        char line[160];
        if (s->insufficient)
            snprintf(line, sizeof line, "%s", S(ch, "insufficient"));
        else {
            char lvl[16];
            snprintf(lvl, sizeof lvl, "level.%d", (int)s->level);
            snprintf(line, sizeof line, "%s · %s", num(ch, s->score, buf), S(ch, lvl));
        }
        int lines2 = mgi_canvas_wrap(c, line, MGI_FONT_REGULAR, 8.5, room, 2, st, ln, &ell);
        double lh = 11.5, block = lines * lh + lines2 * 10.2;
        double y0 = sin(mid) < -0.3 ? ay - block + 9 : sin(mid) > 0.3 ? ay + 9 : ay - block / 2 + 9;
        mgi_canvas_group_begin(c, "label", ds->domains[d].key);
        mgi_canvas_text_box(c, ax, y0, room, name, MGI_FONT_BOLD, 9.5,
                            mgi_rgb_mix(mgi_domain_colour(ds, d), INK, 0.75), al, 3);
        mgi_canvas_text_box(c, ax, y0 + lines * lh + 1, room, line, MGI_FONT_REGULAR, 8.5, MUTED,
                            al, 2);
        mgi_canvas_group_end(c);
    }

    /* Legend. */
    double ly = top + WHEEL_H - legend_h + 12;
    mgi_canvas_text_box(c, W / 2, ly, W - 2 * MARGIN, S(ch, "chart.levels"), MGI_FONT_REGULAR, 8.5,
                        MUTED, MGI_ALIGN_CENTER, 1);
    if (any_insufficient) {
        char pct[32], note[256];
        mgi_strings_percent(ch->strings, ch->lang, m->threshold * 100, 0, pct);
        const char *vars[] = {"threshold", pct, NULL};
        mgi_strings_format(ch->strings, ch->lang, "chart.insufficient_note", note, sizeof note,
                           vars);
        double tw = mgi_canvas_text_width(c, note, strlen(note), MGI_FONT_REGULAR, 8.5);
        double x = (W - tw - 16) / 2;
        mgi_canvas_rect(c, x, ly + 5, 10, 10, 0xF2F2F2);
        mgi_canvas_line(c, x, ly + 8, x + 10, ly + 8, 0xAAAAAA, 1.6, 0);
        mgi_canvas_line(c, x, ly + 12, x + 10, ly + 12, 0xAAAAAA, 1.6, 0);
        mgi_canvas_text(c, x + 16, ly + 14, note, MGI_FONT_REGULAR, 8.5, MUTED, MGI_ALIGN_LEFT);
    }
}

/* ------------------------------------------------------------------- bars */

typedef struct bar_row {
    const char *label;
    const char *key;
    double score, median;
    bool insufficient;
    unsigned colour;
    bool bold;
} bar_row;

enum { BAR_ROW_H = 34, BAR_HEAD = 26, BAR_FOOT = 40 };

static double bars_height(const mgi_chart *ch, size_t rows)
{
    return (ch->title ? TITLE_H : 0) + BAR_HEAD + (double)rows * BAR_ROW_H + BAR_FOOT;
}

static void draw_bars(const mgi_chart *ch, mgi_canvas *c, const bar_row *rows, size_t n,
                      bool medians)
{
    char buf[64];
    double top = draw_title(ch, c) + BAR_HEAD;
    /* room for the band labels: "parcialmente" must fit a band of 0.2 */
    double label_w = 130, x0 = MARGIN + label_w + 10, x1 = W - 52;
    double plot_h = (double)n * BAR_ROW_H;
    const mgi_method *m = &ch->a->method;
    /* Level bands behind the bars, and their boundaries. */
    double cuts[5] = {0, m->cut[0], m->cut[1], m->cut[2], 1};
    for (int k = 0; k < 4; k++)
        if (k % 2 == 1)
            mgi_canvas_rect(c, x0 + (x1 - x0) * cuts[k], top, (x1 - x0) * (cuts[k + 1] - cuts[k]),
                            plot_h, 0xF3F3F3);
    for (int k = 0; k < 4; k++) {
        char key[16];
        snprintf(key, sizeof key, "level.%d", k + 1);
        double bw = (x1 - x0) * (cuts[k + 1] - cuts[k]) - 2;
        size_t st[2], ln[2];
        int ell, lines = mgi_canvas_wrap(c, S(ch, key), MGI_FONT_REGULAR, 8.5, bw, 2, st, ln, &ell);
        mgi_canvas_text_box(c, x0 + (x1 - x0) * (cuts[k] + cuts[k + 1]) / 2,
                            top - 6 - (lines - 1) * 8.4, bw, S(ch, key), MGI_FONT_REGULAR, 8.5,
                            MUTED, MGI_ALIGN_CENTER, 2);
    }
    for (int k = 0; k < 5; k++) {
        double x = x0 + (x1 - x0) * cuts[k];
        mgi_canvas_line(c, x, top - 2, x, top + plot_h, k == 0 ? 0x888888 : GRID, 0.6,
                        k == 0 || k == 4 ? 0 : 2);
        mgi_canvas_text(c, x, top + plot_h + 12, num(ch, cuts[k], buf), MGI_FONT_REGULAR, 8.5,
                        MUTED, MGI_ALIGN_CENTER);
    }
    for (size_t i = 0; i < n; i++) {
        const bar_row *b = &rows[i];
        double yc = top + BAR_ROW_H * ((double)i + 0.5);
        mgi_canvas_group_begin(c, "bar", b->key);
        size_t st[2], ln[2];
        int ell;
        int lines = mgi_canvas_wrap(c, b->label, b->bold ? MGI_FONT_BOLD : MGI_FONT_REGULAR, 9,
                                    label_w, 2, st, ln, &ell);
        mgi_canvas_text_box(c, MARGIN + label_w, yc + 3.2 - (lines - 1) * 5.4, label_w, b->label,
                            b->bold ? MGI_FONT_BOLD : MGI_FONT_REGULAR, 9, INK, MGI_ALIGN_RIGHT, 2);
        double bw = isnan(b->score) ? 0 : (x1 - x0) * b->score;
        if (b->insufficient) {
            mgi_canvas_rect(c, x0, yc - 7, x1 - x0, 14, 0xF2F2F2);
            for (double x = x0 + 3; x < x1; x += 6)
                mgi_canvas_line(c, x, yc - 7, x, yc + 7, 0xCCCCCC, 1.4, 0);
            const char *t = S(ch, "insufficient");
            mgi_canvas_rect(c, x0 + 2, yc - 6,
                            mgi_canvas_text_width(c, t, strlen(t), MGI_FONT_REGULAR, 8.5) + 8, 12,
                            0xF2F2F2);
            mgi_canvas_text(c, x0 + 6, yc + 3, t, MGI_FONT_REGULAR, 8.5, 0x444444, MGI_ALIGN_LEFT);
        } else if (bw > 0) {
            mgi_canvas_rect(c, x0, yc - 7, bw, 14, b->colour);
        }
        if (!b->insufficient)
            mgi_canvas_text(c, x0 + bw + 4, yc + 3.2, num(ch, b->score, buf), MGI_FONT_BOLD, 8.5,
                            INK, MGI_ALIGN_LEFT);
        if (medians && !isnan(b->median)) {
            double x = x0 + (x1 - x0) * b->median;
            mgi_canvas_group_begin(c, "median", b->key);
            mgi_canvas_line(c, x, yc - 11, x, yc + 11, INK, 1, 0);
            mgi_canvas_move_to(c, x, yc - 15);
            mgi_canvas_line_to(c, x + 4, yc - 11);
            mgi_canvas_line_to(c, x, yc - 7);
            mgi_canvas_line_to(c, x - 4, yc - 11);
            mgi_canvas_close(c);
            mgi_canvas_fill(c, INK);
            mgi_canvas_group_end(c);
        }
        mgi_canvas_group_end(c);
    }
    /* Legend: the median marker. */
    if (medians) {
        char year[16], text[256];
        snprintf(year, sizeof year, "%d", ch->result->round->year);
        const char *vars[] = {"year", year, NULL};
        mgi_strings_format(ch->strings, ch->lang, "chart.median", text, sizeof text, vars);
        double ly = top + plot_h + 30;
        double tw = mgi_canvas_text_width(c, text, strlen(text), MGI_FONT_REGULAR, 8.5);
        double x = x0 + (x1 - x0 - tw - 12) / 2;
        mgi_canvas_move_to(c, x, ly - 8);
        mgi_canvas_line_to(c, x + 4, ly - 4);
        mgi_canvas_line_to(c, x, ly);
        mgi_canvas_line_to(c, x - 4, ly - 4);
        mgi_canvas_close(c);
        mgi_canvas_fill(c, INK);
        mgi_canvas_text(c, x + 9, ly - 1, text, MGI_FONT_REGULAR, 8.5, MUTED, MGI_ALIGN_LEFT);
    }
}

static void draw_domains(const mgi_chart *ch, mgi_canvas *c)
{
    const mgi_dataset *ds = ch->a->ds;
    const mgi_result *r = ch->result;
    const mgi_year_stats *ys = mgi_assess_year(ch->a, r->round->year);
    bar_row rows[MGI_NDOMAINS + 1];
    size_t n = ds->ndomains;
    for (size_t d = 0; d < n; d++)
        rows[d] = (bar_row){ds->domains[d].name[ch->lang],
                            ds->domains[d].key,
                            r->domain[d].score,
                            ys->domain[d].median,
                            r->domain[d].insufficient,
                            mgi_domain_colour(ds, d),
                            false};
    rows[n] = (bar_row){
        S(ch, "overall"), "overall", r->overall.score, ys->overall.median, r->overall.insufficient,
        0x555555,         true};
    draw_bars(ch, c, rows, n + 1, ys->overall.n >= 2);
}

/* The median over the year's communes of one area's score. */
static size_t area_rows(const mgi_chart *ch, bar_row *rows, size_t max)
{
    const mgi_result *r = ch->result;
    size_t n = 0;
    for (size_t k = 0; k < r->nareas && n < max; k++) {
        const mgi_area_score *ar = &r->areas[k];
        if (ar->domain != ch->domain)
            continue;
        const mgi_year_stats *ys = mgi_assess_year(ch->a, r->round->year);
        size_t count = ys && k < ys->nareas ? ys->area_n[k] : 0;
        double med = count ? ys->area_median[k] : NAN;
        if (rows)
            rows[n] = (bar_row){ar->name[ch->lang],
                                ar->name[MGI_LANG_EN],
                                ar->score,
                                count >= 2 ? med : NAN,
                                isnan(ar->score),
                                mgi_domain_colour(ch->a->ds, ch->domain),
                                false};
        n++;
    }
    return n;
}

static void draw_areas(const mgi_chart *ch, mgi_canvas *c)
{
    bar_row rows[64];
    size_t n = area_rows(ch, rows, 64);
    const mgi_year_stats *ys = mgi_assess_year(ch->a, ch->result->round->year);
    draw_bars(ch, c, rows, n, ys->overall.n >= 2);
}

/* ------------------------------------------------------------------ trend */

enum { TREND_PLOT = 250, TREND_H = 14 + TREND_PLOT + 28 };

static void draw_trend(const mgi_chart *ch, mgi_canvas *c)
{
    const mgi_assessment *a = ch->a;
    const mgi_dataset *ds = a->ds;
    size_t commune = ch->result->commune;
    const mgi_result *res[64];
    size_t n = 0;
    char buf[64];
    for (size_t i = 0; i < a->nresults && n < 64; i++)
        if (a->results[i].commune == commune &&
            a->results[i].round->year <= ch->result->round->year)
            res[n++] = &a->results[i];
    double top = draw_title(ch, c) + 14;
    double x0 = MARGIN + 30, x1 = W - 180, y0 = top, y1 = top + TREND_PLOT;
    int ymin = res[0]->round->year, ymax = res[n - 1]->round->year;
    const mgi_method *m = &a->method;
    double grid[5] = {0, m->cut[0], m->cut[1], m->cut[2], 1};
    for (int k = 0; k < 5; k++) {
        double y = y1 - (y1 - y0) * grid[k];
        mgi_canvas_line(c, x0, y, x1, y, k == 0 ? 0x888888 : GRID, 0.6, k == 0 || k == 4 ? 0 : 2);
        mgi_canvas_text(c, x0 - 5, y + 3, num(ch, grid[k], buf), MGI_FONT_REGULAR, 8.5, MUTED,
                        MGI_ALIGN_RIGHT);
    }
#define XOF(year)                                                                                  \
    (ymax == ymin ? (x0 + x1) / 2                                                                  \
                  : x0 + 12 + (x1 - x0 - 24) * ((year)-ymin) / (double)(ymax - ymin))
    for (size_t i = 0; i < n; i++) {
        char y[16];
        snprintf(y, sizeof y, "%d", res[i]->round->year);
        mgi_canvas_text(c, XOF(res[i]->round->year), y1 + 14, y, MGI_FONT_REGULAR, 8.5, INK,
                        MGI_ALIGN_CENTER);
    }
    /* Lines and points, then the labels at the right, pushed apart. */
    double label_y[MGI_NDOMAINS + 1];
    size_t order[MGI_NDOMAINS + 1];
    size_t nd = ds->ndomains;
    for (size_t d = 0; d < nd; d++) {
        unsigned col = mgi_domain_colour(ds, d);
        mgi_canvas_group_begin(c, "series", ds->domains[d].key);
        bool pen = false;
        for (size_t i = 0; i < n; i++) {
            const mgi_score *s = &res[i]->domain[d];
            if (s->insufficient || isnan(s->score)) {
                pen = false;
                continue;
            }
            double x = XOF(res[i]->round->year), y = y1 - (y1 - y0) * s->score;
            if (pen)
                mgi_canvas_line_to(c, x, y);
            else
                mgi_canvas_move_to(c, x, y);
            pen = true;
        }
        mgi_canvas_stroke(c, col, 2, 0);
        for (size_t i = 0; i < n; i++) {
            const mgi_score *s = &res[i]->domain[d];
            if (s->insufficient || isnan(s->score))
                continue;
            double x = XOF(res[i]->round->year), y = y1 - (y1 - y0) * s->score;
            mgi_canvas_arc(c, x, y, 3.2, 0, 2 * M_PI);
            mgi_canvas_fill(c, col);
        }
        mgi_canvas_group_end(c);
        const mgi_score *last = &res[n - 1]->domain[d];
        label_y[d] = y1 - (y1 - y0) * (isnan(last->score) ? 0 : last->score) + 3;
        order[d] = d;
    }
#undef XOF
    for (size_t i = 1; i < nd; i++)
        for (size_t j = i; j > 0 && label_y[order[j - 1]] > label_y[order[j]]; j--) {
            size_t t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    const double gap = 11.5;
    for (size_t i = 1; i < nd; i++)
        if (label_y[order[i]] < label_y[order[i - 1]] + gap)
            label_y[order[i]] = label_y[order[i - 1]] + gap;
    double overflow = label_y[order[nd - 1]] - (y1 + 3);
    if (overflow > 0)
        for (size_t i = nd; i-- > 0;) {
            label_y[order[i]] -= overflow;
            if (i > 0 && label_y[order[i - 1]] <= label_y[order[i]] - gap)
                break;
            if (i > 0)
                label_y[order[i - 1]] = fmin(label_y[order[i - 1]], label_y[order[i]] - gap);
        }
    for (size_t d = 0; d < nd; d++) {
        char text[256];
        const mgi_score *s = &res[n - 1]->domain[d];
        snprintf(text, sizeof text, "%s %s", num(ch, s->score, buf), ds->domains[d].name[ch->lang]);
        mgi_canvas_text_box(c, x1 + 8, label_y[d], W - MARGIN - x1 - 8, text, MGI_FONT_REGULAR, 8.5,
                            mgi_rgb_mix(mgi_domain_colour(ds, d), INK, 0.8), MGI_ALIGN_LEFT, 1);
    }
}

/* ---------------------------------------------------------------- heatmap */

enum { HEAT_ROW_H = 18, HEAT_HEAD = 46, HEAT_FOOT = 46 };

typedef struct heat_row {
    const mgi_result *r;
} heat_row;

/* The rows drawn (the chart's window of them when count is set): the
 * communes compared, in their order (view.h; without one, those of ch->year,
 * ordered by the same rule); rows, when not NULL, must have room for them all. */
static size_t heat_rows(const mgi_chart *ch, heat_row *rows)
{
    mgi_view *own = NULL;
    const mgi_view *v = ch->view;
    if (!v && mgi_view_build(ch->a, ch->year, &own) != MGI_OK)
        return 0;
    if (!v)
        v = own;
    size_t first = ch->first < v->n ? ch->first : v->n;
    size_t count = ch->count && ch->count < v->n - first ? ch->count : v->n - first;
    for (size_t i = 0; rows && i < count; i++)
        rows[i].r = v->rows[first + i];
    mgi_view_free(own);
    return count;
}

static void draw_heatmap(const mgi_chart *ch, mgi_canvas *c)
{
    const mgi_dataset *ds = ch->a->ds;
    size_t n = heat_rows(ch, NULL);
    heat_row *rows = malloc((ch->a->nresults + 1) * sizeof *rows);
    if (!rows)
        return;
    heat_rows(ch, rows);
    char buf[64];
    double top = draw_title(ch, c);
    size_t ncols = ds->ndomains + 1;
    /* Communes of several years compared: room for each one's year after its name. */
    bool years = ch->view && !mgi_view_one_year(ch->view);
    double label_w = years ? 146 : 110, cw = (W - 2 * MARGIN - label_w - 8) / (double)ncols;
    double x0 = MARGIN + label_w + 8, y0 = top + HEAT_HEAD;
    for (size_t k = 0; k < ncols; k++) {
        /* The domains by number, as in the comparison's tables, whose key names
         * them: their names would not fit a column without being cut. */
        char name[64];
        if (k < ds->ndomains)
            snprintf(name, sizeof name, "%d", ds->domains[k].number);
        else
            snprintf(name, sizeof name, "%s", S(ch, "overall"));
        mgi_canvas_text_box(c, x0 + cw * ((double)k + 0.5), y0 - 6, cw - 2, name, MGI_FONT_BOLD,
                            8.5, INK, MGI_ALIGN_CENTER, 1);
    }
    for (size_t i = 0; i < n; i++) {
        const mgi_result *r = rows[i].r;
        double y = y0 + HEAT_ROW_H * (double)i;
        mgi_canvas_group_begin(c, "row", ds->communes[r->commune].code);
        /* Communes of several years compared: each name with its year, in a
         * column of its own so that a long name is not cut before it. */
        double year_w = 0;
        if (years) {
            char yr[16];
            snprintf(yr, sizeof yr, "(%d)", r->round->year);
            year_w = 34;
            mgi_canvas_text(c, MARGIN + label_w, y + 12.5, yr, MGI_FONT_REGULAR, 8.5, MUTED,
                            MGI_ALIGN_RIGHT);
        }
        mgi_canvas_text_box(c, MARGIN + label_w - year_w, y + 12.5, label_w - year_w,
                            ds->communes[r->commune].name, MGI_FONT_REGULAR, 8.5, INK,
                            MGI_ALIGN_RIGHT, 1);
        for (size_t k = 0; k < ncols; k++) {
            const mgi_score *s = k < ds->ndomains ? &r->domain[k] : &r->overall;
            unsigned fill = s->insufficient ? NODATA : mgi_score_colour(s->score);
            mgi_canvas_rect(c, x0 + cw * (double)k + 1, y + 1, cw - 2, HEAT_ROW_H - 2, fill);
            char text[40];
            if (s->insufficient && !isnan(s->score))
                snprintf(text, sizeof text, "(%s)", num(ch, s->score, buf));
            else
                snprintf(text, sizeof text, "%s", num(ch, s->score, buf));
            mgi_canvas_text(c, x0 + cw * ((double)k + 0.5), y + 12.5, text,
                            k == ds->ndomains ? MGI_FONT_BOLD : MGI_FONT_REGULAR, 8.5,
                            s->insufficient ? 0x555555 : ink_on(fill), MGI_ALIGN_CENTER);
        }
        mgi_canvas_group_end(c);
    }
    /* Legend: the colour scale, and the grey of insufficient data. */
    double ly = y0 + HEAT_ROW_H * (double)n + 16, lw = 200, lx = x0;
    for (int k = 0; k < 100; k++)
        mgi_canvas_rect(c, lx + lw * k / 100.0, ly, lw / 100.0 + 0.3, 10,
                        mgi_score_colour((k + 0.5) / 100.0));
    const mgi_method *m = &ch->a->method;
    double ticks[5] = {0, m->cut[0], m->cut[1], m->cut[2], 1};
    for (int k = 0; k < 5; k++) {
        mgi_canvas_line(c, lx + lw * ticks[k], ly + 10, lx + lw * ticks[k], ly + 13, INK, 0.6, 0);
        mgi_canvas_text(c, lx + lw * ticks[k], ly + 22, num(ch, ticks[k], buf), MGI_FONT_REGULAR,
                        8.5, MUTED, MGI_ALIGN_CENTER);
    }
    mgi_canvas_text(c, lx - 6, ly + 9, S(ch, "chart.score"), MGI_FONT_REGULAR, 8.5, MUTED,
                    MGI_ALIGN_RIGHT);
    double gx = lx + lw + 24;
    mgi_canvas_rect(c, gx, ly, 16, 10, NODATA);
    mgi_canvas_text_box(c, gx + 22, ly + 9, W - MARGIN - gx - 22, S(ch, "insufficient"),
                        MGI_FONT_REGULAR, 8.5, MUTED, MGI_ALIGN_LEFT, 1);
    free(rows);
}

/* ------------------------------------------------------------- mini wheel */

enum { MINI_W = 112, MINI_H = 136 };

static void draw_miniwheel(const mgi_chart *ch, mgi_canvas *c)
{
    const mgi_dataset *ds = ch->a->ds;
    const mgi_result *r = ch->result;
    double cx = MINI_W / 2.0, cy = 50, R = 44, r0 = 12;
    size_t n = ds->ndomains;
    double step = 2 * M_PI / (double)n, start = -M_PI / 2;
    char buf[32];
    sectors(ds, r, c, cx, cy, r0, R);
    for (size_t d = 0; d < n; d++) {
        double a = start + step * (double)d;
        mgi_canvas_line(c, cx + r0 * cos(a), cy + r0 * sin(a), cx + (R + 1) * cos(a),
                        cy + (R + 1) * sin(a), WHITE, 1.5, 0);
    }
    mgi_canvas_text(c, cx, cy + 3, num(ch, r->overall.score, buf), MGI_FONT_BOLD, 8.5, INK,
                    MGI_ALIGN_CENTER);
    mgi_canvas_text_box(c, cx, cy + R + 15, MINI_W - 6, ds->communes[r->commune].name,
                        MGI_FONT_BOLD, 8.5, INK, MGI_ALIGN_CENTER, 2);
}

/* ------------------------------------------------------------------ public */

void mgi_chart_size(const mgi_chart *ch, double *width, double *height)
{
    *width = W;
    switch (ch->kind) {
    case MGI_CHART_WHEEL: *height = WHEEL_H + (ch->title ? TITLE_H : 0); break;
    case MGI_CHART_DOMAINS: *height = bars_height(ch, ch->a->ds->ndomains + 1); break;
    case MGI_CHART_AREAS: *height = bars_height(ch, area_rows(ch, NULL, 64)); break;
    case MGI_CHART_TREND: *height = TREND_H + (ch->title ? TITLE_H : 0); break;
    case MGI_CHART_HEATMAP:
        *height = (ch->title ? TITLE_H : 0) + HEAT_HEAD + HEAT_FOOT +
                  (double)heat_rows(ch, NULL) * HEAT_ROW_H;
        break;
    case MGI_CHART_MINIWHEEL:
        *width = MINI_W;
        *height = MINI_H;
        break;
    case MGI_CHART_CATERPILLAR:
    case MGI_CHART_DRIVERS: mgi_robust_size(ch, width, height); break;
    }
}

void mgi_chart_draw(const mgi_chart *ch, mgi_canvas *c)
{
    switch (ch->kind) {
    case MGI_CHART_WHEEL: draw_wheel(ch, c); break;
    case MGI_CHART_DOMAINS: draw_domains(ch, c); break;
    case MGI_CHART_AREAS: draw_areas(ch, c); break;
    case MGI_CHART_TREND: draw_trend(ch, c); break;
    case MGI_CHART_HEATMAP: draw_heatmap(ch, c); break;
    case MGI_CHART_MINIWHEEL: draw_miniwheel(ch, c); break;
    case MGI_CHART_CATERPILLAR:
    case MGI_CHART_DRIVERS: mgi_robust_draw(ch, c); break;
    }
}

static mgi_error write_one(const char *path, mgi_canvas *c, bool png, mgi_diag *diag)
{
    mgi_output out;
    mgi_error err = mgi_output_open(&out, path, diag);
    if (err != MGI_OK)
        return err;
    err = png ? mgi_canvas_write_png(c, out.f) : mgi_canvas_write_svg(c, out.f);
    if (err == MGI_ERR_IO)
        return mgi_output_fail(&out, 0, diag); /* with the write's own reason */
    if (err != MGI_OK) {
        mgi_output_abort(&out);
        mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "cannot write: %s", mgi_strerror(err));
        return err;
    }
    return mgi_output_commit(&out, diag);
}

mgi_error mgi_chart_write(const mgi_chart *ch, const mgi_fonts *fonts, const char *base,
                          double png_width, mgi_diag *diag)
{
    double w = 0, h = 0;
    char title[512], path[4096];
    mgi_chart_size(ch, &w, &h);
    mgi_chart_title(ch, title, sizeof title);
    mgi_canvas *c = NULL;
    mgi_error err = mgi_canvas_svg(fonts, w, h, title, &c);
    if (err == MGI_OK) {
        mgi_chart_draw(ch, c);
        snprintf(path, sizeof path, "%s.svg", base);
        err = write_one(path, c, false, diag);
        mgi_canvas_free(c);
        c = NULL;
    }
    if (err == MGI_OK && png_width > 0) {
        err = mgi_canvas_image(fonts, w, h, png_width / w, &c);
        if (err == MGI_OK) {
            mgi_chart_draw(ch, c);
            snprintf(path, sizeof path, "%s.png", base);
            err = write_one(path, c, true, diag);
        }
        mgi_canvas_free(c);
    }
    return err;
}
