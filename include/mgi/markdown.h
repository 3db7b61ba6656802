/* markdown.h — narratives and findings (Markdown, through cmark) into the text flow. */
#ifndef MGI_MARKDOWN_H
#define MGI_MARKDOWN_H

#include <stdbool.h>
#include <stddef.h>

#include "mgi/flow.h"

/*
 * Block Markdown (narratives: context, COVID-19, sources) becomes flow
 * paragraphs: headings, paragraphs, bullet and numbered lists (nested ones
 * indented), block quotes; inline Markdown (findings, and the words of
 * strings.ini) becomes runs: *emphasis* in italic, **strong** in bold,
 * [links](…) as clickable words (web and mail addresses only), `code` as
 * plain text; raw HTML is dropped, but for <span lang="es">…</span>.
 * Words in the other language — [Sello Migrante]{lang=es}, as in Pandoc, or
 * the span — are hyphenated and tagged as that language (mgi_flow_lang).
 * Quotes and dashes are made typographic (cmark's smart option).
 *
 * Footnotes are written as in GitHub Markdown — "text[^1]" and, on a line of
 * its own, "[^1]: the note" — which plain CommonMark lacks: definitions are
 * taken out before parsing and references come back as superscript numbers,
 * numbered in the order they are first cited, continuing notes->next. The
 * caller prints the collected notes (at the end of the section).
 */

typedef struct mgi_md_styles {
    const mgi_style *body;       /* paragraphs */
    const mgi_style *heading[3]; /* #, ##, ### (and deeper) */
    const mgi_style *item;       /* list items: indent is the text's, the marker hangs */
} mgi_md_styles;

enum { MGI_MD_MAX_NOTES = 99 };

typedef struct mgi_md_notes {
    int next; /* number of the next note (start at 1) */
    size_t n; /* notes collected */
    int number[MGI_MD_MAX_NOTES];
    char *text[MGI_MD_MAX_NOTES]; /* inline Markdown, malloc'd */
} mgi_md_notes;

/* Does url become a link, in the PDFs and the dashboard? Only web and mail
 * addresses do: http:, https:, mailto: (in any case), with no control
 * character or space. Any other scheme (javascript:, file:, data:…) and any
 * local path prints as its text only, and images are never read (their
 * description prints). */
bool mgi_md_link_ok(const char *url);

/* md with each [words]{lang=xx} (Pandoc's bracketed span) written as the
 * HTML span <span lang="xx">words</span>, which cmark keeps as inline HTML:
 * for a reader of Markdown other than this one (the dashboard's, the
 * workbooks' plain text). malloc'd; NULL when out of memory. */
char *mgi_md_spans(const char *md);

/* Frees the collected notes' texts and empties the list (next is kept). */
void mgi_md_notes_clear(mgi_md_notes *notes);

/* Appends the blocks of md to f. Errors: MGI_ERR_NOMEM. */
mgi_error mgi_markdown_blocks(mgi_flow *f, const char *md, const mgi_md_styles *styles,
                              mgi_md_notes *notes);

/* Appends the inline content of md to the paragraph begun in f (several
 * Markdown paragraphs are joined with a space). notes may be NULL: then
 * references stay as written. Errors: MGI_ERR_NOMEM. */
mgi_error mgi_markdown_inline(mgi_flow *f, const char *md, mgi_md_notes *notes);

#endif
