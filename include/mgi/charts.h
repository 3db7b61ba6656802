/* charts.h — the charts: domain wheel, domain and area bars, trend, comparison heatmap. */
#ifndef MGI_CHARTS_H
#define MGI_CHARTS_H

#include <stdbool.h>
#include <stddef.h>

#include "mgi/assess.h"
#include "mgi/canvas.h"
#include "mgi/strings.h"

/*
 * Each chart has a natural size in points (mgi_chart_size) and draws itself
 * on any canvas of that size (mgi_chart_draw): the same code gives the PNG,
 * the SVG and the vector figure in the PDF. Words come from strings.ini in
 * the chart's language, colours from domains.csv (a colour-blind-safe
 * palette when absent); every label is wrapped or shortened to its room so
 * that nothing is clipped or overlaps.
 *
 *  - wheel: six sectors, one per domain, each filled from the centre to its
 *    score, the level cut points as rings, the overall score in the middle;
 *    a domain with insufficient data is striped grey with a note.
 *  - domains: a bar per domain and one for the overall score, with the
 *    median of the communes of the same year as a marker (when there are at
 *    least two of them).
 *  - areas: the same for the sub-areas of one domain.
 *  - trend: domain scores across the commune's assessment years (needs two).
 *  - heatmap: the communes of one year × the domains and the overall score,
 *    coloured by score (viridis), sorted by overall score, values printed.
 */

typedef enum mgi_chart_kind {
    MGI_CHART_WHEEL,
    MGI_CHART_DOMAINS,
    MGI_CHART_AREAS,
    MGI_CHART_TREND,
    MGI_CHART_HEATMAP,
    MGI_CHART_MINIWHEEL,   /* a small wheel with the commune's name, for small multiples */
    MGI_CHART_CATERPILLAR, /* overall ranks with their intervals (robust.h) */
    MGI_CHART_DRIVERS,     /* what moves the ranks (robust.h) */
} mgi_chart_kind;

typedef struct mgi_chart {
    mgi_chart_kind kind;
    const mgi_assessment *a;
    const mgi_strings *strings;
    int lang;
    const mgi_result *result;    /* the commune and year (all but heatmap) */
    size_t domain;               /* areas: the domain */
    int year;                    /* heatmap, caterpillar, drivers: the year */
    const struct mgi_view *view; /* heatmap: the communes compared (view.h); NULL: year's */
    size_t first, count;         /* heatmap, caterpillar: only these rows (count 0: all) */
    bool title;                  /* draw a title (standalone images; the PDF has captions) */
} mgi_chart;

/* The chart's natural size in points. */
void mgi_chart_size(const mgi_chart *chart, double *width, double *height);

/* Draws the chart on c, which should have the natural size. */
void mgi_chart_draw(const mgi_chart *chart, mgi_canvas *c);

/* The chart's title in its language, into buf. Returns buf. */
char *mgi_chart_title(const mgi_chart *chart, char *buf, size_t size);

/* The chart's text alternative in its language, from its data (the /Alt of
 * its figure in a tagged PDF): its title, then each domain or area with its
 * score and level, the overall score; the year's charts refer to the table
 * that gives their values. Into buf; returns buf. */
char *mgi_chart_alt(const mgi_chart *chart, char *buf, size_t size);
/* The name of the chart's files: "wheel", "domains", "area-<domain key>",
 * "trend", "heatmap". */
const char *mgi_chart_name(const mgi_chart *chart, char *buf, size_t size);

/* Writes base.svg and, when png_width > 0, base.png (png_width pixels wide),
 * each atomically.
 * Errors: MGI_ERR_CANTCREAT, MGI_ERR_IO, MGI_ERR_NOMEM, reported in diag. */
mgi_error mgi_chart_write(const mgi_chart *chart, const mgi_fonts *fonts, const char *base,
                          double png_width, mgi_diag *diag);

/* The colour of domain d (domains.csv, else the default palette). */
unsigned mgi_domain_colour(const mgi_dataset *ds, size_t d);

/* The heatmap's colour for a score in [0, 1] (viridis). */
unsigned mgi_score_colour(double score);

#endif
