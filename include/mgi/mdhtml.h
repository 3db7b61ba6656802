/* mdhtml.h — a finding's inline Markdown as HTML (the dashboard), read by the PDF's parser. */
#ifndef MGI_MDHTML_H
#define MGI_MDHTML_H

#include <stdbool.h>
#include <stddef.h>

#include "mgi/error.h"

/*
 * The dashboard shows a finding as the PDF does (markdown.h): the Markdown is
 * parsed by cmark with the same option (CMARK_OPT_SMART: typographic quotes
 * and dashes); *emphasis* becomes <em>, **strong** <strong>, `code` plain
 * text, an image its description, raw HTML is dropped, and every character of
 * the text is escaped. A link becomes <a href> only when its target is an
 * http, https or mailto URL (mgi_md_link_ok, markdown.h); any other scheme
 * (javascript:, file:, data:…) or a local path leaves only its words. Words
 * in another language, [Sello Migrante]{lang=es}, become <span lang="es">.
 */

/* The first sentence of finding md (as mgi_practice_excerpt cuts it: at most
 * max_chars characters, "…" when cut) as HTML, into *out (malloc'd, free with
 * free()); "" for an empty finding. Errors: MGI_ERR_NOMEM. */
mgi_error mgi_markdown_html_excerpt(const char *md, size_t max_chars, char **out);

/* The words of md as the PDF shows them, without marks: emphasis, code marks,
 * link targets and raw HTML left out, paragraphs joined by a space; quotes and
 * dashes stay as typed (a workbook's cell is data: "=HYPERLINK(\"…\")" stays
 * the text it was). Into *out (malloc'd, free with
 * free()). Errors: MGI_ERR_NOMEM. */
mgi_error mgi_markdown_plain(const char *md, char **out);

#endif
