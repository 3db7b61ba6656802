/* gcmdoc.h — the Global Compact lens in the printed documents: the profile's annex page and the
 * comparison's table. */
#ifndef MGI_GCMDOC_H
#define MGI_GCMDOC_H

#include "mgi/document.h"

/*
 * Readiness in a GCM objective or an SDG target is scored like a Migrant
 * Seal dimension (gcm.h). The profile's annex "Contribution to the Global
 * Compact for Migration" gives, for each objective that the catalogue maps
 * indicators to, the commune's readiness and the indicators in place (yes)
 * and still to do (partial, no) by their short labels; then the SDG targets
 * the same way, by indicator id. A catalogue that maps nothing gets no page.
 * The comparison gets a chapter with the communes' readiness per objective.
 */

/* Puts the annex into profile b's flow, after the annexes before it. */
void mgi_gcmdoc_annex(mgi_doc *b);

/* Puts the comparison's chapter into b's flow (anchor MGI_CMP_GCM): a table
 * of the year's communes (b->sorted, in its order) × the objectives the
 * catalogue maps, each cell the commune's readiness coloured as in the domain
 * heatmap (mgi_score_colour; grey when too few of the indicators are
 * answered; "–" when none is), cut into pieces that fit a
 * page, with the objectives' titles as its key. Nothing when the catalogue
 * maps no objective. */
void mgi_gcmdoc_chapter(mgi_doc *b);

#endif
