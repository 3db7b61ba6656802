/* flow.h — the text flow: styled paragraphs into justified, hyphenated lines, lines into pages. */
#ifndef MGI_FLOW_H
#define MGI_FLOW_H

#include <stdbool.h>
#include <stddef.h>

#include "mgi/canvas.h"
#include "mgi/diag.h"
#include "mgi/error.h"

/*
 * The profile is typeset here: text is measured with the embedded fonts' own advance
 * widths (font.h); justified paragraphs are broken into lines by total fit
 * (Knuth and Plass, with hyphenation by libhyphen and after explicit hyphens),
 * other text greedily; spaces of justified lines stretch or shrink. Lines are
 * laid on pages with headings (and chains of keep-with-next) kept with what
 * follows, no orphans or widows (at least two lines of a split paragraph on
 * each page), no page ending in a hyphen, figures kept whole, footnotes at the
 * foot of the page that cites them, a chapter's last page never left with a
 * lone item or a few lines, and anchors that tell where a section landed (for
 * the contents and the outline). The result is a list of positioned words,
 * rules and figures per page; drawing them is the PDF writer's job (pdf.h).
 *
 * Positions are in points inside the text frame: x from its left edge, y
 * from its top edge downwards, text at its baseline.
 */

enum { MGI_FLOW_LEFT, MGI_FLOW_CENTER, MGI_FLOW_RIGHT, MGI_FLOW_JUSTIFY };

/* What a paragraph is, for a tagged PDF's structure: a paragraph, a heading,
 * a list item (its marker the label), a footnote. */
enum { MGI_ROLE_P, MGI_ROLE_H1, MGI_ROLE_H2, MGI_ROLE_H3, MGI_ROLE_LI, MGI_ROLE_NOTE };

typedef struct mgi_style {
    int font; /* MGI_FONT_* of plain runs */
    double size, leading;
    unsigned colour;
    double space_before, space_after; /* space_before is dropped at the top of a page */
    double indent;                    /* left indent of every line */
    double first_indent;              /* added to the first line (negative: hanging) */
    int align;           /* MGI_FLOW_* (the last line of a justified paragraph is left) */
    bool keep_with_next; /* a heading: not the last thing on a page */
    bool hyphenate;
    int lang;      /* MGI_LANG_*, for hyphenation */
    bool numbered; /* its lines get numbers in a draft (findings, narrative) */
    int role;      /* MGI_ROLE_* */
} mgi_style;

/* Hyphenation dictionaries, one per language. */
typedef struct mgi_hyphenator mgi_hyphenator;

/* Loads the libhyphen dictionaries at paths[MGI_LANG_EN] and [MGI_LANG_ES];
 * a NULL path leaves that language without hyphenation. Errors:
 * MGI_ERR_NOINPUT (a dictionary is missing: install hyphen-en-us or
 * hyphen-es), MGI_ERR_NOMEM. */
mgi_error mgi_hyphenator_load(const char *const *paths, mgi_diag *diag, mgi_hyphenator **out);
void mgi_hyphenator_free(mgi_hyphenator *h);

/* The places where the word (UTF-8, n bytes, letters only) may be broken with
 * a hyphen, as byte offsets of the first byte after the break, ascending;
 * returns how many (at most max). */
size_t mgi_hyphenate(const mgi_hyphenator *h, int lang, const char *word, size_t n, size_t *breaks,
                     size_t max);

typedef struct mgi_flow mgi_flow;

/* A flow into text frames of width × height points. h may be NULL. */
mgi_flow *mgi_flow_new(const mgi_fonts *fonts, const mgi_hyphenator *h, double width,
                       double height);
void mgi_flow_free(mgi_flow *flow);

/* Empties the flow for a new document of the same frame, keeping the memory
 * it has grown, so that a batch of small documents does not grow it again
 * for each. */
void mgi_flow_reset(mgi_flow *flow);

/* U+00A0, the no-break space, in UTF-8: "Pending:" MGI_FLOW_NBSP "–" is not
 * broken before the dash, nor "·" MGI_FLOW_NBSP "17" MGI_FLOW_NBSP "Eliminate"
 * inside a list's item. */
#define MGI_FLOW_NBSP "\xC2\xA0"

/* Content, in reading order. A paragraph is begun with mgi_flow_paragraph and
 * filled with runs; the next block ends it. Strings are copied. */
void mgi_flow_paragraph(mgi_flow *flow, const mgi_style *style);
/* A marker (bullet, number) drawn in the paragraph's hanging indent. */
void mgi_flow_marker(mgi_flow *flow, const char *marker);
/* Text of the current paragraph; font -1 means the paragraph's font; link, when
 * not NULL, is the URI the words point to. Spaces and newlines separate words;
 * a no-break space (MGI_FLOW_NBSP) joins two into one that a line never splits. */
void mgi_flow_text(mgi_flow *flow, const char *text, size_t n, int font, const char *link);
/* The language of the words added next (MGI_LANG_*), or -1 for the
 * paragraph's own (the default). Words in another language are hyphenated
 * with its dictionary, and say their language (mgi_flow_item.lang) for the
 * tagged PDF. Each paragraph begins in its own language. */
void mgi_flow_lang(mgi_flow *flow, int lang);
/* A superscript attached to the previous word. note ≥ 0 makes it the reference
 * to the footnote of that key (mgi_flow_footnote), which is then set at the foot
 * of the page its line lands on; -1 for a plain superscript. */
void mgi_flow_sup(mgi_flow *flow, const char *text, int note);
/* Begins the text of footnote key, with its marker (its number), in the given
 * style; runs follow with mgi_flow_text as for a paragraph, and the next block
 * ends it. It is set at the foot of the page that cites it (continuing on the
 * next page when it does not fit), or, when no line cites it, where it stands
 * in the flow as an ordinary paragraph. */
void mgi_flow_footnote(mgi_flow *flow, const mgi_style *style, int key, const char *marker);

typedef void (*mgi_flow_draw)(void *ctx, mgi_canvas *canvas);
/* A figure of the frame's width and the given height, kept whole on a page:
 * draw is called with a canvas over its box when the page is drawn. */
void mgi_flow_figure(mgi_flow *flow, double height, double space_before, double space_after,
                     mgi_flow_draw draw, void *ctx);
/* The following content starts on a new page (unless the page is empty). */
void mgi_flow_page_break(mgi_flow *flow);
/* Marks where the following content lands (id ≥ 0). */
void mgi_flow_anchor(mgi_flow *flow, int id);

/* Breaks lines and pages. Errors: MGI_ERR_NOMEM. */
mgi_error mgi_flow_layout(mgi_flow *flow);

typedef enum mgi_flow_kind {
    MGI_ITEM_TEXT,   /* a word or part of one */
    MGI_ITEM_FIGURE, /* a figure box */
    MGI_ITEM_LINE,   /* the start of a text line (for line numbers): x, y, size */
    MGI_ITEM_RULE,   /* the short rule above a page's footnotes: x, y, width */
} mgi_flow_kind;

typedef struct mgi_flow_item {
    mgi_flow_kind kind;
    double x, y; /* text: baseline start; figure: top-left corner */
    const char *text;
    size_t n; /* bytes of text */
    int font;
    double size, width; /* text: font size and advance width; figure: width */
    double height;      /* figure */
    unsigned colour;
    const char *link;   /* URI or NULL */
    mgi_flow_draw draw; /* figure */
    void *ctx;
    bool numbered; /* line: of a numbered paragraph */
    size_t para;   /* text: its paragraph, numbered in flow order */
    int role;      /* text: its paragraph's MGI_ROLE_* */
    bool marker;   /* text: the paragraph's marker (bullet, number) */
    int lang;      /* text: MGI_LANG_* of a word in another language, or -1 */
    bool hyphen;   /* text: ends with a hyphen the flow added where it broke the word */
} mgi_flow_item;

size_t mgi_flow_npages(const mgi_flow *flow);

/* The items of page p (0-based) in reading order. */
const mgi_flow_item *mgi_flow_items(const mgi_flow *flow, size_t page, size_t *n);

/* Where anchor id landed: its page and y; false when it was never placed. */
bool mgi_flow_anchor_at(const mgi_flow *flow, int id, size_t *page, double *y);

#endif
