/* layout.h — the look of the profile, from layouts/profile.ini. */
#ifndef MGI_LAYOUT_H
#define MGI_LAYOUT_H

#include <stdbool.h>

#include "mgi/canvas.h"
#include "mgi/diag.h"
#include "mgi/error.h"

typedef enum mgi_section {
    MGI_SECTION_OBJECTIVES,
    MGI_SECTION_INTRODUCTION,
    MGI_SECTION_CONTEXT,
    MGI_SECTION_FINDINGS,
    MGI_SECTION_CHANGE,
    MGI_SECTION_SEAL,
    MGI_SECTION_COVID,
    MGI_SECTION_SOURCES,
    MGI_SECTION_CONSULTATION,
    MGI_SECTION_ANNEXES,
    MGI_NSECTIONS
} mgi_section;

/* "objectives", "introduction", …: the names used in [sections] order. */
const char *mgi_section_name(mgi_section s);

/* Who publishes the documents, for the cover, the imprint page, the required
 * citation and the back cover ([publication] in profile.ini). Empty fields are
 * left out; an empty publisher means the commune's municipality (profiles) or
 * none (the comparison). */
typedef struct mgi_publication {
    char publisher[2][256]; /* in English and in Spanish (publisher, publisher_es) */
    char place[128];        /* city, country */
    char url[256];
    char licence[128]; /* e.g. "CC BY-NC-ND 3.0 IGO"; empty: all rights reserved */
    char licence_url[256];
    char isbn[64];
} mgi_publication;

typedef struct mgi_layout {
    double page_width, page_height;
    double margin_top, margin_bottom, margin_left, margin_right;
    char font[MGI_NFONTS][256]; /* file names in fonts/ */
    double size, leading, paragraph_space, heading[3], small;
    bool hyphenate;
    bool describe_figures; /* print each chart's text alternative under it */
    char hyphen[2][512];   /* dictionaries for English and Spanish */
    unsigned text, accent, muted, rule;
    mgi_section order[MGI_NSECTIONS];
    int nsections;
    mgi_publication publication;
} mgi_layout;

/* The built-in defaults (the same as the shipped profile.ini). */
void mgi_layout_default(mgi_layout *layout);

/* Reads path over the defaults. Unknown sections or keys, bad numbers,
 * colours, page sizes and section names are reported at their line and
 * column. Errors: MGI_ERR_NOINPUT (no file), MGI_ERR_IO, MGI_ERR_DATA. */
mgi_error mgi_layout_load(const char *path, mgi_diag *diag, mgi_layout *layout);

#endif
