/* dashboard.h — the offline HTML dashboard comparing the communes (view.h). */
#ifndef MGI_DASHBOARD_H
#define MGI_DASHBOARD_H

#include <stdbool.h>

#include "mgi/assess.h"
#include "mgi/canvas.h"
#include "mgi/date.h"
#include "mgi/strings.h"
#include "mgi/view.h"

/*
 * One self-contained page (its stylesheet and script, src/dashboard/page.css
 * and page.js, are inside it; no network at all, it opens from the file
 * system). The data are carried once, as one JSON block (every commune,
 * every assessment's scores, levels and ranks in its year, the view's ranks
 * and statistics, the practice directory with each text once), which the
 * script renders in the language chosen (English or Spanish; lang of the
 * document follows the switch, each control labelled in one language):
 *
 *  - the communes compared (the view: by default each commune's latest
 *    assessment, with its year in a column, and a sentence saying so); a
 *    selector shows one year's communes instead, with that year's ranks and
 *    medians;
 *  - a table of the domains and the overall score (each score a number, a
 *    colour and, for screen readers, its level), sortable by any column from
 *    the keyboard (aria-sort), with a sticky header and commune column;
 *    filtered by region, by a domain's level and by name (accent-insensitive:
 *    "nunoa" finds "Ñuñoa"); the domain chosen also sorts the table and is
 *    highlighted;
 *  - the wheel of the commune selected (beside the table, or scrolled to and
 *    focused on narrow screens), with a text alternative and a key; two
 *    communes compared side by side, each wheel under its name;
 *  - links to each commune's profile and annex in the page's language (when
 *    built: docs), and to the comparison PDF, workbook and practice directory;
 *  - the Migrant Seal (status column, filters, revalidations due as of
 *    as_of) when the data says anything about it; the rank intervals and
 *    the caterpillar chart when the view is one year's;
 *  - the practice directory (practice.h), rendered when scrolled to or used,
 *    each finding's first sentence as the PDF shows its Markdown (mdhtml.h);
 *  - a print stylesheet: A4 landscape, the table, the selected wheel and the
 *    comparison; the practice directory only when its box is ticked.
 *
 * Every datum from the inputs is escaped (JSON with < > & as \u escapes, and
 * text nodes in the page). Errors: MGI_ERR_CANTCREAT, MGI_ERR_IO,
 * MGI_ERR_NOMEM (reported in diag).
 */

/* What the build wrote beside the page, for its links. */
typedef struct mgi_dashboard_docs {
    /* [a->nresults]: true when the result's profiles and annexes were
     * written (OUT/<code>-<year>/); NULL: none, no links to them. */
    const bool *built;
    int langs[MGI_NLANGS]; /* the languages built; the first's files have no suffix */
    int nlangs;
    bool sheets; /* the practice sheets were written (OUT/practices/): links to them */
} mgi_dashboard_docs;

/* Writes the dashboard of view v to path. docs NULL: no profiles were built,
 * both languages' comparisons were. */
mgi_error mgi_dashboard_write(const char *path, const mgi_view *v, const mgi_strings *strings,
                              const mgi_fonts *fonts, mgi_date as_of,
                              const mgi_dashboard_docs *docs, mgi_diag *diag);

#endif
