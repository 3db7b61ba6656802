/* robust.h — "How robust are the ranks?": the caterpillar chart and the table of what moves the
 * ranks. */
#ifndef MGI_ROBUST_H
#define MGI_ROBUST_H

#include <stddef.h>

#include "mgi/charts.h"
#include "mgi/uncertainty.h"

/*
 * The two figures of the comparison's chapter on the ranks' uncertainty
 * (uncertainty.h), drawn as charts (charts.h) so that the PDF, SVG and PNG
 * agree. Both read ch->a->uncertainty, which must be set, and ch->year.
 *
 *  - caterpillar: a row per commune of the year (rows ch->first to
 *    ch->first + ch->count − 1; count 0: all), sorted by median overall rank
 *    (then nominal rank, then name), with a bar over the 5–95 % interval of
 *    the overall rank and a dot at the rank published; a commune ranked in
 *    fewer than half of the draws gets a note instead of a bar. Rank 1 is on
 *    the left. A legend under the rows.
 *  - drivers: a table of the six inputs: first-order ("alone") and total
 *    ("with others") indices of the overall ranks over all communes, with a
 *    bar for the total, and a sentence in plain words (unc.reading.*): held
 *    fixed, changes levels only (cut points), does not change any rank (0),
 *    changes the ranks a little (< 5 %), changes some ranks, the main reason
 *    (the largest total index, at least 5 %).
 */

/* The natural size of a caterpillar or drivers chart. */
void mgi_robust_size(const mgi_chart *ch, double *width, double *height);

/* Draws it on c (of the natural size). */
void mgi_robust_draw(const mgi_chart *ch, mgi_canvas *c);

/* The key (strings.ini) of the plain-words reading of input i among the
 * year's indices first[] and total[] (NAN: no rank moves); see above. */
const char *mgi_robust_reading(const mgi_uncertainty *u, const double *total, mgi_input i);

/* Into buf: the overall rank of r with its interval, "2 (1–4)" (unc.rank_range),
 * or just "2" when there is no interval, "–" when not ranked. Returns buf. */
char *mgi_robust_rank_text(const mgi_strings *strings, int lang, const mgi_assessment *a,
                           const mgi_result *r, size_t d, char *buf, size_t size);

/* Into buf: the profile's rank line for result r, domain d (MGI_NDOMAINS:
 * overall), in its language: the rank among the communes compared and, with
 * an interval, the range under other reasonable methods (unc.rank_line;
 * unc.rank_same when it is that one rank),
 * then, when the interval is wide (mgi_rank_band_wide), the plain sentence
 * unc.rank_wide; a domain rarely ranked gets unc.rank_rarely. Without
 * intervals, findings.rank as before. "" when r is not ranked there.
 * Returns buf. */
char *mgi_robust_rank_line(const mgi_strings *strings, int lang, const mgi_assessment *a,
                           const mgi_result *r, size_t d, char *buf, size_t size);

/* Into buf, for method.ini's [report] ranks = no: how result r's score in
 * domain d (MGI_NDOMAINS: overall) compares with the communes of its year,
 * by quartiles rather than rank (unc.peer_line): the median and its level,
 * the middle half, and whether the score is above, within or below it. ""
 * when the score is insufficient or the year has fewer than two scores.
 * Returns buf. */
char *mgi_robust_peer_line(const mgi_strings *strings, int lang, const mgi_assessment *a,
                           const mgi_result *r, size_t d, char *buf, size_t size);

/* Orders rows[0..n) by commune name in the reader's order (mgi_collate:
 * Spanish rules, "Ñuñoa" after "Nogales"), then by code (the same on every
 * machine): the order of the documents when ranks are not printed. Returns
 * MGI_OK, or mgi_collate_open's error (rows then untouched). */
mgi_error mgi_robust_order_by_name(const mgi_dataset *ds, const mgi_result **rows, size_t n);

#endif
