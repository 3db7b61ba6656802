/* document.h — what the profile and the comparison share: a builder that fills the flow, and the
 * pages around it. */
#ifndef MGI_DOCUMENT_H
#define MGI_DOCUMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "mgi/arena.h"
#include "mgi/charts.h"
#include "mgi/markdown.h"
#include "mgi/practice.h"
#include "mgi/profile.h"
#include "mgi/seal.h"

/*
 * Both printed documents are made the same way. A document's content
 * function puts its chapters into a flow (flow.h) through a builder: headings,
 * paragraphs of Markdown, figures. mgi_doc_render then lays the flow out and
 * writes the PDF around it: the cover, the imprint, the contents (each entry a
 * link), the flow's pages with running head and foot (and, for drafts, the
 * watermark and line numbers), the outline, the back cover.
 *
 * profile.c and comparison.c each hold one document's content; this file and
 * document.c hold everything they share. Nothing here is for other stages.
 */

/* Flow anchors: a profile's sections by mgi_section, its domains from
 * MGI_DOC_DOMAIN, the comparison's chapters from MGI_CMP_HEATMAP. The
 * contents, the outline and the running heads are made from them. */
enum { MGI_DOC_DOMAIN = 100 };
enum {
    MGI_CMP_HEATMAP = 200,
    MGI_CMP_RANKS,
    MGI_CMP_ROBUST,
    MGI_CMP_STATS,
    MGI_CMP_WHEELS,
    MGI_CMP_CHANGES,
    MGI_CMP_GAPS,
    MGI_CMP_SEAL,
    MGI_CMP_GCM, /* the Global Compact lens (gcmdoc.h) */
    MGI_CMP_METHOD,
    MGI_CMP_END
};
/* The flow's first page is the document's fourth: after the cover, the
 * imprint and the contents. */
enum { MGI_DOC_FIRST_PAGE = 4 };

typedef struct mgi_doc mgi_doc;

/* Tagging the words of flow pages (pdf.h's structure): the chapter's Sect
 * (a heading H1 opens one), the open list, the paragraph being tagged (its
 * number in the flow and its elements), the link and the other-language Span
 * being tagged, the element whose marked content is open. The profiles, the
 * comparison and the practice sheets tag their words with it. */
typedef struct mgi_doc_tagger {
    struct mgi_pdf *pdf;
    int lang; /* the document's: words in the other language get a Span */
    int sect, list, elem, lbl, link_elem, span, span_parent, open;
    size_t para;
    const char *link;
} mgi_doc_tagger;

/* A tagger with nothing open yet. */
mgi_doc_tagger mgi_doc_tagger_new(struct mgi_pdf *pdf, int lang);
/* Draws word it[i] of the n items of a flow page whose frame's top left is
 * (left, top) in PDF coordinates, tagged: in its paragraph's element (a P, a
 * heading, a list item's body or label, a Note), in a Link with its
 * annotation, in a Span when in the other language. A word is followed by a
 * space character where a space follows it, so that the tagged text reads as
 * words; links take the accent colour. */
void mgi_doc_word(mgi_doc_tagger *g, struct mgi_pdf_page *page, const mgi_flow_item *it, size_t n,
                  size_t i, double left, double top, unsigned accent);
/* A flow's rule (MGI_ITEM_RULE t) in colour, at the frame whose top left
 * corner is (left, top): an artifact, which closes g's open element. */
void mgi_doc_rule(mgi_doc_tagger *g, struct mgi_pdf_page *page, const mgi_flow_item *t, double left,
                  double top, uint32_t colour);
typedef struct mgi_doc_fig mgi_doc_fig;

/* Draws a figure at its natural size on c (origin at its top left). */
typedef void mgi_doc_draw(const mgi_doc_fig *fig, mgi_canvas *c);

/* A figure in the flow: a chart, or what draw paints. The fields after draw
 * are the drawing function's own (a table's kind and the rows it shows). */
struct mgi_doc_fig {
    mgi_doc *b;
    struct mgi_pdf_page *page; /* while it is drawn: the PDF page (to tag a table's cells) */
    int elem;                  /* while it is drawn: the structure element it belongs in */
    mgi_chart chart;           /* draw == NULL: the chart */
    mgi_doc_draw *draw;
    int table;
    size_t first, count;
};

/* The builder of one document. */
struct mgi_doc {
    const mgi_profile *p; /* the comparison fills in the fields it shares */
    const mgi_dataset *ds;
    const mgi_commune *cm;       /* profile: the commune */
    void (*content)(mgi_doc *b); /* puts the document's chapters into the flow */
    mgi_flow *flow;
    mgi_style body, lead, h1, h2, h3, item, note, label, peer;
    mgi_md_styles md, md_ragged; /* md_ragged: lists and paragraphs set ragged right */
    mgi_style item_ragged;
    mgi_md_notes notes;
    char year[16], previous[16], threshold[32];
    int line_number; /* the last line number printed (drafts) */
    bool comparison; /* the comparison report rather than a profile */
    int cmp_year;
    const mgi_result **sorted; /* comparison: the communes compared, in order (view.h) */
    size_t nsorted;
    mgi_gap *gaps; /* comparison: their most common gaps (practice.h) */
    size_t ngaps;
    const struct mgi_view *view; /* comparison: the communes compared, their ranks and stats */
    const char *vars[20];        /* placeholders of the document's strings */
    mgi_arena *arena;            /* figures, findings and sources read back, for this document */
    const char *missing[4];      /* keys of the sections whose narrative is missing */
    size_t nmissing;
    mgi_error err; /* the first error while building, reported by mgi_doc_render */
    /* Tagging, while the pages are drawn: the PDF, the words' tagger, the
     * table being drawn and its row. */
    struct mgi_pdf *pdf;
    mgi_doc_tagger tag;
    int table, row;
};

/* The string key in the document's language, and with the document's
 * placeholders ({commune}, {year}, …) filled into buf. */
const char *mgi_doc_str(const mgi_doc *b, const char *key);
const char *mgi_doc_fmt(mgi_doc *b, const char *key, char *buf, size_t size);

/* A paragraph of inline Markdown in style st; the same from a string key. */
void mgi_doc_para(mgi_doc *b, const mgi_style *st, const char *md);
void mgi_doc_para_key(mgi_doc *b, const mgi_style *st, const char *key);
/* Inline Markdown into the current paragraph; footnotes are collected. */
void mgi_doc_inline(mgi_doc *b, const char *md);
/* The footnotes cited since the last call, into the flow, which sets each at
 * the foot of the page that cites it. */
void mgi_doc_flush_notes(mgi_doc *b);
/* A heading of plain text in style st; a bulleted list item of Markdown. */
void mgi_doc_heading(mgi_doc *b, const mgi_style *st, const char *text);
void mgi_doc_bullet(mgi_doc *b, const char *md);
/* Upper case for titles, in place (s has size bytes), by ICU's rules for the
 * document's language (mgi_collate_upper: é → É, ł → Ł, ß → SS); a failure
 * (a result longer than size) leaves s empty and sets b->err. */
void mgi_doc_upper(mgi_doc *b, char *s, size_t size);
/* A date in words in the document's language: "4 December 2026". */
const char *mgi_doc_date_words(const mgi_doc *b, mgi_date date, char *buf, size_t size);

/* A Migrant Seal's due date with what it means on the document's day:
 * "15 March 2025, overdue"; the date in words or as YYYY-MM-DD. */
void mgi_doc_seal_due(const mgi_doc *b, const mgi_seal *s, bool words, char *buf, size_t size);

/* The text frame of the layout, in points. */
double mgi_doc_frame_width(const mgi_layout *l);
double mgi_doc_frame_height(const mgi_layout *l);
/* The scale at which a figure natural_width wide fits the frame (at most 1). */
double mgi_doc_fig_scale(const mgi_doc *b, double natural_width);

/* A chart in the flow, height points high as printed, with room above and
 * below. Returns the figure, or NULL (b->err set) when out of memory. */
mgi_doc_fig *mgi_doc_chart(mgi_doc *b, const mgi_chart *chart, double height);
/* A figure that draw paints, height points high, before and after points
 * apart from the text. The figure lives as long as the document. */
mgi_doc_fig *mgi_doc_figure(mgi_doc *b, mgi_doc_draw *draw, double height, double before,
                            double after);

/* Tagging a table that a figure draws (a no-op where the figure is not being
 * drawn on a PDF page): the table begins (continued: its rows go on in the
 * table of the figure before, on an earlier page), a row begins, a cell
 * begins (scope "Column" or "Row": a header, TH with that /Scope; NULL: a
 * TD); what is
 * drawn next belongs to it. mgi_doc_decor: what is drawn next is
 * decoration (backgrounds, rules, a repeated header). */
void mgi_doc_table(const mgi_doc_fig *fig, bool continued);
void mgi_doc_row(const mgi_doc_fig *fig);
void mgi_doc_cell(const mgi_doc_fig *fig, const char *scope);
/* A chart drawn inside a figure (small multiples): a Figure of its own with
 * its text alternative; what is drawn next belongs to it. */
void mgi_doc_chart_tag(const mgi_doc_fig *fig, const mgi_chart *chart);
void mgi_doc_decor(const mgi_doc_fig *fig);

/* Builds b's content (b->content), lays it out and writes the PDF to path
 * atomically. b's styles are set from the layout first. Errors:
 * MGI_ERR_NOMEM, MGI_ERR_CANTCREAT, MGI_ERR_IO, MGI_ERR_DATA (a font that
 * cannot be subset, texts changed on disk), reported in diag. npages, when not
 * NULL, receives the number of pages. */
mgi_error mgi_doc_render(mgi_doc *b, const char *path, mgi_diag *diag, int *npages);

/* The style of a heading of level 1 to 3 in layout l's type: bold, at the
 * layout's size for the level, left, kept with what follows, not hyphenated;
 * in colour, with space before and after it, in language lang. */
mgi_style mgi_doc_heading_style(const mgi_layout *l, int level, unsigned colour, double before,
                                double after, int lang);

/* A character that a document's text needs and one of fonts lacks would
 * print as the missing-glyph box: instead, an error in diag naming the
 * character, the font and where ds first has it (or, when ds does not have
 * it, the font and "which " user: "the sheet uses"), and MGI_ERR_DATA. */
mgi_error mgi_doc_glyphs_check(const mgi_fonts *fonts, const mgi_dataset *ds, const char *user,
                               mgi_diag *diag);

#endif
