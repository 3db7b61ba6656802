/* comparison.h — the comparison PDF: the communes compared side by side. */
#ifndef MGI_COMPARISON_H
#define MGI_COMPARISON_H

#include <time.h>

#include "mgi/assess.h"
#include "mgi/date.h"
#include "mgi/flow.h"
#include "mgi/layout.h"
#include "mgi/strings.h"

/* The comparison of the communes compared (view.h), in the same typeset
 * form: cover, contents, the heatmap of domain scores (split over pages), the
 * ranking (each domain's score and rank, overall score, coverage, level; the
 * table's header repeated on each page), medians and quartiles, the
 * communes' wheels as small multiples, changes since earlier assessments,
 * and the method with the parameters in force. */
typedef struct mgi_comparison {
    const mgi_assessment *a;
    int year;
    const mgi_strings *strings;
    const mgi_layout *layout;
    const mgi_fonts *fonts;
    const mgi_hyphenator *hyph;
    int lang;
    time_t date;
    mgi_date as_of; /* the Migrant Seal's calendar is read on this day */
    /* The communes compared, their order, ranks and statistics (view.h): each
     * commune's latest assessment, or one year's; NULL: those assessed in year. */
    const struct mgi_view *view;
} mgi_comparison;

/* Writes the comparison to path atomically. Errors: MGI_ERR_CANTCREAT,
 * MGI_ERR_IO, MGI_ERR_NOMEM, MGI_ERR_DATA (a font that cannot be subset),
 * reported in diag. When pages is not NULL it receives the number of pages. */
mgi_error mgi_comparison_write(const mgi_comparison *c, const char *path, mgi_diag *diag,
                               int *pages);

#endif
