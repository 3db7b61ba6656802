/* pdf.h — a small PDF writer: vector graphics, text in embedded font subsets, links, outline,
 * tagged structure. */
#ifndef MGI_PDF_H
#define MGI_PDF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "mgi/error.h"
#include "mgi/font.h"

/*
 * Exactly what mgi's pages need, written fast: a document holds pages, each
 * page a content stream built by the calls below in PDF coordinates (points,
 * origin at the bottom left, y upwards). Text is UTF-8, set in one of the
 * document's fonts, which are embedded as subsets of the blocks of characters
 * used (Identity-H, with a ToUnicode map so text can be searched and copied).
 * Pages are tagged: see "structure" below.
 * Consecutive words on one baseline in one font go into one TJ array, colours
 * and fonts are written only when they change, and streams are compressed
 * (libdeflate); the output is byte-identical for identical input.
 *
 * Calls that build content do not fail one by one: running out of memory
 * marks the document, and mgi_pdf_write reports it (MGI_ERR_NOMEM).
 */

typedef struct mgi_pdf mgi_pdf;
typedef struct mgi_pdf_page mgi_pdf_page; /* owned by its document */

typedef struct mgi_pdf_cache mgi_pdf_cache; /* below */

/* A new document whose font i is fonts[i] (i < nfonts ≤ 8), sharing cache
 * (or NULL) with the documents made before and after it. The fonts and the
 * cache must outlive the document. NULL when out of memory. */
mgi_pdf *mgi_pdf_new(const mgi_font *const *fonts, size_t nfonts, mgi_pdf_cache *cache);

/* Frees the document and its pages. Accepts NULL. */
void mgi_pdf_free(mgi_pdf *pdf);

/* Appends a page of width × height points. NULL when out of memory. */
mgi_pdf_page *mgi_pdf_page_add(mgi_pdf *pdf, double width, double height);

/* For code drawing on pg that ran out of memory itself: the document is then
 * not written (mgi_pdf_write gives MGI_ERR_NOMEM) rather than incomplete. */
void mgi_pdf_page_oom(mgi_pdf_page *pg);

/* ---- graphics state; colours are 0xRRGGBB */
void mgi_pdf_fill_rgb(mgi_pdf_page *pg, uint32_t rgb);
void mgi_pdf_stroke_rgb(mgi_pdf_page *pg, uint32_t rgb);
void mgi_pdf_line_width(mgi_pdf_page *pg, double width);
/* Dashes of on points followed by gaps of off points; on = 0 is solid. */
void mgi_pdf_dash(mgi_pdf_page *pg, double on, double off);
void mgi_pdf_save(mgi_pdf_page *pg);
void mgi_pdf_restore(mgi_pdf_page *pg);
/* Concatenates [a b c d e f] to the current transformation matrix. */
void mgi_pdf_concat(mgi_pdf_page *pg, double a, double b, double c, double d, double e, double f);

/* ---- paths, painted by fill or stroke in the current colours */
void mgi_pdf_move_to(mgi_pdf_page *pg, double x, double y);
void mgi_pdf_line_to(mgi_pdf_page *pg, double x, double y);
void mgi_pdf_curve_to(mgi_pdf_page *pg, double x1, double y1, double x2, double y2, double x3,
                      double y3);
void mgi_pdf_close(mgi_pdf_page *pg);
void mgi_pdf_rect(mgi_pdf_page *pg, double x, double y, double width, double height);
void mgi_pdf_fill(mgi_pdf_page *pg);
void mgi_pdf_stroke(mgi_pdf_page *pg);

/* ---- text, in the current fill colour */

/* The n bytes of UTF-8 at s with font (an index into the document's fonts;
 * others use font 0) at size points, the baseline starting at (x, y).
 * Characters the font lacks show its missing glyph; invalid UTF-8 as U+FFFD. */
void mgi_pdf_text(mgi_pdf_page *pg, int font, double size, double x, double y, const char *s,
                  size_t n);

/* The advance of the n bytes of UTF-8 at s with font at size points, as
 * mgi_pdf_text would show them (kerning included). */
double mgi_pdf_text_width(const mgi_pdf_page *pg, int font, double size, const char *s, size_t n);

/* Like mgi_pdf_text, the baseline turned angle radians anticlockwise. */
void mgi_pdf_text_rotated(mgi_pdf_page *pg, int font, double size, double x, double y, double angle,
                          const char *s, size_t n);

/* ---- links: a rectangle (x0, y0)–(x1, y1) that goes to the top of page
 * target (0-based) or opens a URI. No border is drawn. */
void mgi_pdf_link_page(mgi_pdf_page *pg, double x0, double y0, double x1, double y1, size_t target);
void mgi_pdf_link_uri(mgi_pdf_page *pg, double x0, double y0, double x1, double y1,
                      const char *uri);

/* The link added last on pg belongs to structure element e (a Link): an
 * object reference in e's content; contents says in words where it goes
 * (the annotation's /Contents, which PDF/UA asks for). */
void mgi_pdf_link_tag(mgi_pdf_page *pg, int e, const char *contents);

/* ---- structure: tagged PDF (PDF/UA-1, PDF/A-2a)
 *
 * A tree of structure elements in reading order, rooted at element 0 (the
 * Document). Marked content on a page belongs to an element (an MCID) or is
 * an artifact (running heads, page numbers, rules, decoration). Anything
 * painted outside marked content becomes an artifact by itself, so every
 * page is wholly tagged. Marked content nests with q/Q: mgi_pdf_restore ends
 * what was begun since its mgi_pdf_save; a new mark at the same level ends
 * the one before.
 */
/* A new element of standard type type ("Sect", "P", "H1", "Figure", "TD"…)
 * appended to the kids of parent (0: the Document). Returns its number, or
 * -1 when out of memory. */
int mgi_pdf_elem(mgi_pdf *pdf, int parent, const char *type);
/* Its alternate description (/Alt, for figures), the text it stands for
 * (/ActualText, UTF-8: a hyphen the layout added at a line's end stands for a
 * soft hyphen, U+00AD, ISO 32000-1 14.8.2.2.3, so that copied or spoken text
 * gives the word whole), its language (/Lang, when not the document's), its
 * attributes (/A, a PDF dictionary's body such as "/O /Table /Scope
 * /Column"). Strings are copied. */
void mgi_pdf_elem_alt(mgi_pdf *pdf, int e, const char *alt);
void mgi_pdf_elem_actual(mgi_pdf *pdf, int e, const char *text);
void mgi_pdf_elem_lang(mgi_pdf *pdf, int e, const char *lang);
void mgi_pdf_elem_attr(mgi_pdf *pdf, int e, const char *attr);
/* What is painted next on pg belongs to element e (e > 0), until
 * mgi_pdf_untag or the next mark at the same level. */
void mgi_pdf_tag(mgi_pdf_page *pg, int e);
/* What is painted next is an artifact with the given properties (the body of
 * a dictionary: "/Type /Pagination /Subtype /Header"). */
void mgi_pdf_artifact(mgi_pdf_page *pg, const char *props);
/* Ends the innermost mark. */
void mgi_pdf_untag(mgi_pdf_page *pg);

/* Adds an outline (bookmark) entry titled title (UTF-8) that goes to page
 * target, under the entry parent (a value returned earlier) or at the top
 * level when parent is -1; open shows its children. Returns the entry, or -1
 * when out of memory. */
int mgi_pdf_outline_add(mgi_pdf *pdf, int parent, const char *title, size_t target, bool open);

/*
 * What stays the same from one document to the next: the font programs with
 * their widths and ToUnicode maps, and the output intent's ICC profile, each
 * read, subset and compressed once; and the words as the content streams
 * show them, each encoded once.
 * A font embeds whole blocks of characters (ASCII, Latin-1, punctuation) as
 * soon as the text uses one character of the block, so documents in the same
 * fonts mostly embed the same subsets: a batch of practice sheets makes a
 * few dozen, not one per sheet. A document is byte-identical with or without
 * a cache. The font programs take at most 64 MiB; past that, new subsets are
 * made for each document as without one. The words are those the fonts keep
 * (mgi_font_shaped), a few hundred bytes each.
 */

/* An empty cache, or NULL when out of memory. Free it with
 * mgi_pdf_cache_free, before the fonts it has seen: entries are known by the
 * font object. */
mgi_pdf_cache *mgi_pdf_cache_new(void);
void mgi_pdf_cache_free(mgi_pdf_cache *cache);

/* The document information dictionary and catalog language. */
typedef struct mgi_pdf_info {
    const char *title, *author, *subject, *creator; /* UTF-8 or NULL */
    const char *lang;                               /* "en", "es" or NULL */
    time_t date;                                    /* creation and modification */
    const char *icc; /* the ICC profile of the output intent (sRGB), or NULL */
} mgi_pdf_info;

/* Writes the whole document to f: tagged (/MarkInfo, the structure tree,
 * /StructParents and /Tabs /S on pages), with XMP metadata that repeats the
 * information dictionary and claims PDF/A-2a and PDF/UA-1, and with info->icc
 * as the output intent. Errors: MGI_ERR_NOMEM (while building or writing),
 * MGI_ERR_DATA (a font that cannot be subset), MGI_ERR_NOINPUT (no ICC
 * profile at info->icc), MGI_ERR_IO (a write failed: the caller reports it
 * with the file name). */
mgi_error mgi_pdf_write(mgi_pdf *pdf, const mgi_pdf_info *info, FILE *f);

#endif
