/* profile.h — the printed Local MGI profile of one commune and year (PDF). */
#ifndef MGI_PROFILE_H
#define MGI_PROFILE_H

#include <stdbool.h>

#include "mgi/date.h"
#include <time.h>

#include "mgi/assess.h"
#include "mgi/canvas.h"
#include "mgi/flow.h"
#include "mgi/layout.h"
#include "mgi/strings.h"

/*
 * The profile follows the structure of the published Local MGI profiles: a
 * cover; the contents with the page of every section, each a link; then, in
 * the layout's section order, objectives, introduction, context (the
 * commune's figures and its context narrative), key findings (the domain
 * wheel, then a section per domain titled with its MiGOF objective: score,
 * level, coverage, rank, the area chart, "N.1 Examples of well-developed
 * areas" and "N.2 Areas with potential for further development"), the change
 * since the previous assessment (when there is one), the COVID-19 analysis,
 * the key sources and the annexes. Pages after the contents carry a running
 * header (title, section) and footer (commune, page number). The PDF has an
 * outline, document information and language, fonts embedded as subsets;
 * charts are vector graphics.
 *
 * The same inputs and date give a byte-identical file.
 */

typedef struct mgi_profile {
    const mgi_assessment *a;
    const mgi_result *result; /* the commune and year */
    const mgi_strings *strings;
    const mgi_layout *layout;
    const mgi_fonts *fonts;     /* the layout's fonts, for measuring and charts */
    const mgi_hyphenator *hyph; /* may be NULL */
    int lang;
    time_t date;         /* creation date written into the PDF */
    bool draft;          /* a draft for consultation: watermark, version and
                            date in the footer, line numbers, indicator ids */
    const char *version; /* the draft's version label */
    bool peers;          /* under each gap, the communes that already have
                            the practice (practice.h) */
    mgi_date as_of;      /* the Migrant Seal's calendar is read on this day */
} mgi_profile;

/* Writes the profile to path atomically. Errors: MGI_ERR_CANTCREAT, MGI_ERR_IO,
 * MGI_ERR_NOMEM, MGI_ERR_DATA (a font that cannot be subset), reported
 * in diag. When pages is not NULL it receives the number of pages. */
mgi_error mgi_profile_write(const mgi_profile *p, const char *path, mgi_diag *diag, int *pages);

#endif
