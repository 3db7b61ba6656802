/* practicesheet.h — practice sheets for the UN Network on Migration's Repository of Practices
 * (Markdown and PDF). */
#ifndef MGI_PRACTICESHEET_H
#define MGI_PRACTICESHEET_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "mgi/dataset.h"
#include "mgi/diag.h"
#include "mgi/error.h"
#include "mgi/flow.h"
#include "mgi/layout.h"
#include "mgi/practice.h"
#include "mgi/strings.h"

/*
 * When a municipality's practice is worth sharing, it goes to the Repository
 * of Practices of the United Nations Network on Migration. A practice sheet
 * follows the Repository's structure and is pre-filled from the data: the
 * title (the indicator's short label and the commune), the country, region
 * and commune, the dates (in place at the assessment year), the GCM
 * objectives and SDG targets of the catalogue (gcm.h), the guiding
 * principles it exemplifies (a default from the indicator's domain, with its
 * reason, mgi_gcm_principles), the summary (the finding; when the finding is
 * in the other language only, it is given as such and said to be so), the
 * implementing organisation (from the source), and as evidence every source
 * the commune's assessments cite for the indicator, year by year. What only
 * the municipality knows (type of practice, benefit and impact, key lessons,
 * recommendations, innovation, partners, the end date) is left as a marked
 * blank, "[[to be completed by the municipality]]", that a reader finds by
 * searching for "[[".
 *
 * A practice is an indicator that the commune's latest assessment answers yes
 * (practice.h). The sheet is written as Markdown, for the municipality to
 * edit, and as a PDF typeset from that same Markdown.
 */

typedef struct mgi_practicesheet_ctx {
    const mgi_dataset *ds;
    const mgi_strings *strings;
    int lang; /* MGI_LANG_EN or MGI_LANG_ES */
    /* For the PDF only (NULL: Markdown only): */
    const mgi_layout *layout;
    const mgi_fonts *fonts;
    const mgi_hyphenator *hyph; /* may be NULL */
    time_t date;                /* written into the PDF */
} mgi_practicesheet_ctx;

/* The practice of commune `code` and indicator `id`. Errors, reported in diag
 * with what was asked and what exists, MGI_ERR_DATA: an unknown commune
 * (some known codes are named), an unknown indicator (the catalogue's range
 * is named), a COVID-19 question, a commune without an assessment, and an
 * indicator its latest assessment does not answer yes (the answer is named,
 * and the practices it has in place). */
mgi_error mgi_practicesheet_find(const mgi_dataset *ds, const char *code, const char *id,
                                 mgi_practice *out, mgi_diag *diag);

/* The sheet of practice p as Markdown: *out (free with free()) holds *len
 * bytes and a terminating NUL. Errors: MGI_ERR_NOMEM, MGI_ERR_IO (the
 * findings could not be read back, mgi_dataset_check). */
mgi_error mgi_practicesheet_markdown(const mgi_practicesheet_ctx *c, const mgi_practice *p,
                                     char **out, size_t *len);

/* Writes the sheet of p to stem.md and, when c->fonts is set (and
 * c->layout), the same Markdown typeset to stem.pdf; each file atomically
 * (output.h). Errors: MGI_ERR_CANTCREAT, MGI_ERR_IO, MGI_ERR_NOMEM, reported
 * in diag. */
mgi_error mgi_practicesheet_write(const mgi_practicesheet_ctx *c, const mgi_practice *p,
                                  const char *stem, mgi_diag *diag);

/* The file name (without folder or extension) of p's sheet in lang:
 * "<code>-<year>-<ID>.<lang>", e.g. "13101-2022-MR-01.en". Returns buf. */
char *mgi_practicesheet_name(const mgi_dataset *ds, const mgi_practice *p, int lang, char *buf,
                             size_t size);

/* Writes every practice sheet of commune `commune` (its latest assessment's
 * yes answers, COVID-19 questions left out) into dir, which must exist, in
 * each language with langs[lang] set; adds their number to *count when count
 * is not NULL. Errors as mgi_practicesheet_write. */
mgi_error mgi_practicesheet_commune(const mgi_practicesheet_ctx *c, const bool langs[MGI_NLANGS],
                                    size_t commune, const char *dir, mgi_diag *diag, size_t *count);

/* Every practice sheet of every commune into dir (created when missing), in
 * each language with langs[lang] set, by `jobs` processes (≤ 1: this one)
 * that share the communes out among them; *count gets the number of
 * practices. The files are the same bytes whatever jobs is. Errors as
 * mgi_practicesheet_write, and MGI_ERR_IO when a worker cannot be started; the
 * sheets written before an error stay (each is whole). */
mgi_error mgi_practicesheet_all(const mgi_practicesheet_ctx *c, const bool langs[MGI_NLANGS],
                                const char *dir, int jobs, mgi_diag *diag, size_t *count);

#endif
