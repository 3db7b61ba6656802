/* build.h — the build: every output of a checked data set, written into OUT. */
#ifndef MGI_BUILD_H
#define MGI_BUILD_H

#include <stdbool.h>
#include <stddef.h>

#include "mgi/assess.h"
#include "mgi/canvas.h"
#include "mgi/date.h"
#include "mgi/diag.h"
#include "mgi/flow.h"
#include "mgi/layout.h"
#include "mgi/strings.h"
#include <time.h>

typedef struct mgi_build_options {
    const char *out;             /* output directory, created when missing */
    const char *const *communes; /* only these commune codes (all when ncommunes is 0) */
    size_t ncommunes;
    int year;              /* this assessment year (0: each commune's latest) */
    bool lang[MGI_NLANGS]; /* languages to write */
    bool png;              /* PNG charts too (slower: ≈ 5 ms a chart) */
    bool practices;        /* the practice sheets too, into OUT/practices/
                              (slower: ≈ 1.5 ms a sheet, some 30 a commune) */
    double png_width;      /* pixels */
    time_t date;           /* written into the PDFs (SOURCE_DATE_EPOCH) */
    bool draft;            /* drafts for consultation, with feedback.csv */
    const char *version;   /* the drafts' version label */
    bool no_peers;         /* no "practice elsewhere" notes in the profiles */
    mgi_date as_of;        /* the day the Migrant Seal's calendar is read on */
    int jobs;              /* processes rendering communes (≤ 1: this one) */
    /* Called after each commune's outputs, in the calling process, with how
     * many are done of how many; NULL for none. */
    void (*progress)(void *ctx, size_t done, size_t total);
    void *progress_ctx;
    /* Called once, before waiting, when another build holds opt->out (see
     * mgi_build_run); NULL to wait without a word. Gets progress_ctx. */
    void (*waiting)(void *ctx, const char *out);
} mgi_build_options;

/*
 * Writes, into opt->out:
 *   assessment.csv                         every commune and year (mgi assess)
 *   <code>-<year>/charts/NAME.svg (.png)  for each selected commune's year:
 *        wheel, domains, area-<domain>, and trend when there is an earlier year;
 *        in the first selected language, and as NAME.es.png/.svg for Spanish
 *        when both are selected
 *   <code>-<year>/profile-<lang>.pdf      the profile, in each selected language
 *   <code>-<year>/annex.xlsx              the Excel annex (annex.es.xlsx for Spanish)
 *   <code>-<year>/feedback.csv            with opt->draft: the consultation's comment sheet
 *   comparison.xlsx, comparison.pdf       the communes of the year (.es.xlsx, .es.pdf)
 *   practices.xlsx                        the practice directory: who answers yes to what
 * (.es.xlsx) practices/<code>-<year>-<ID>.<lang>.md, .pdf   the practice sheet of every practice in
 *        place of each selected commune whose latest year is built (practicesheet.h)
 *   dashboard/index.html                  the offline dashboard of the year's communes
 *   comparison/heatmap.svg (.png)         the communes of the year (the
 *        selected year, else the latest one)
 * PNGs only with opt->png. Every file is written atomically (output.h). First it
 * takes an exclusive lock on opt->out (flock: a second build into the same
 * directory waits) and removes the temporaries killed builds left there, in
 * the folders above only, with a warning in diag saying how many (output.h).
 * Stops at the first error, reported in diag: MGI_ERR_CANTCREAT, MGI_ERR_IO,
 * MGI_ERR_NOMEM.
 */
typedef struct mgi_build_inputs {
    const mgi_assessment *a;
    const mgi_strings *strings;
    const mgi_layout *layout;
    const mgi_fonts *fonts;     /* the layout's fonts */
    const mgi_hyphenator *hyph; /* NULL: no hyphenation */
    /* The rank analysis (uncertainty.h) run once OUT is locked, whose
     * intervals the documents print; NULL or 0 draws: none. */
    const struct mgi_uncertainty_config *uncertainty;
    /* Set by mgi_build_run (callers leave them NULL): the communes compared
     * (view.h), and per result whether its documents are written. */
    const struct mgi_view *view;
    const bool *built;
} mgi_build_inputs;

mgi_error mgi_build_run(const mgi_build_options *opt, const mgi_build_inputs *in, mgi_diag *diag);

/* mkdir -p path; the error is reported in diag (MGI_ERR_CANTCREAT; MGI_ERR_IO
 * when the disk is full). */
mgi_error mgi_build_mkdirs(const char *path, mgi_diag *diag);

#endif
