/* flow.c — times line breaking of one profile's text: total fit (Knuth–Plass) against greedy. */
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mgi/arena.h"
#include "mgi/dataset.h"
#include "mgi/flow.h"
#include "mgi/markdown.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The text of commune 13101's profile in 2022, in language lang: its narratives and its
 * findings, set in the profile's measure (467 points, 10 on 14.4) as justified paragraphs
 * (align MGI_FLOW_JUSTIFY: total fit) or ragged ones (greedy), then broken into lines and
 * pages. Returns the seconds it took. */
static double typeset(const mgi_dataset *ds, const mgi_fonts *fonts, const mgi_hyphenator *h,
                      int lang, int align)
{
    const mgi_commune *cm = &ds->communes[mgi_dataset_commune(ds, "13101")];
    const mgi_round *rd = mgi_commune_round(cm, 2022);
    mgi_style body = {MGI_FONT_REGULAR, 10, 14.4, 0, 0, 6, 0, 0, align, false, true, lang, false,
                      MGI_ROLE_P};
    mgi_style item = body;
    item.indent = 18;
    item.role = MGI_ROLE_LI;
    mgi_md_styles md = {&body, {&body, &body, &body}, &item};
    mgi_md_notes notes = {.next = 1};
    struct mgi_arena *arena = mgi_arena_new();
    double t0 = now();
    mgi_flow *f = mgi_flow_new(fonts, h, 467, 666);
    const char *narr[] = {rd->context[lang], rd->covid[lang], rd->sources[lang]};
    for (int k = 0; k < 3; k++)
        if (narr[k])
            mgi_markdown_blocks(f, narr[k], &md, &notes);
    for (size_t i = 0; i < ds->nindicators; i++) {
        const char *text = mgi_response_finding(ds, &rd->responses[i], lang, arena);
        if (*text) {
            mgi_flow_paragraph(f, &body);
            mgi_markdown_inline(f, text, &notes);
        }
    }
    mgi_flow_layout(f);
    double t = now() - t0;
    mgi_flow_free(f);
    mgi_md_notes_clear(&notes);
    mgi_arena_free(arena);
    return t;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_flow RESOURCES DATA [ROUNDS]\n");
        return 64;
    }
    int rounds = argc > 3 ? atoi(argv[3]) : 50;
    mgi_diag *diag = mgi_diag_new();
    mgi_dataset *ds = NULL;
    mgi_fonts *fonts = NULL;
    mgi_hyphenator *h = NULL;
    const char *dicts[MGI_NLANGS] = {"/usr/share/hyphen/hyph_en_GB.dic",
                                     "/usr/share/hyphen/hyph_es_CL.dic"};
    if (mgi_dataset_load(argv[2], diag, &ds) || mgi_fonts_load(argv[1], NULL, diag, &fonts) ||
        mgi_hyphenator_load(dicts, diag, &h) || mgi_dataset_commune(ds, "13101") < 0) {
        fprintf(stderr, "bench_flow: cannot load %s or %s\n", argv[1], argv[2]);
        return 1;
    }
    /* warm the caches of shaped words and hyphenation points, as a build's second profile */
    typeset(ds, fonts, h, MGI_LANG_EN, MGI_FLOW_JUSTIFY);
    typeset(ds, fonts, h, MGI_LANG_EN, MGI_FLOW_LEFT);
    double best[2] = {1e9, 1e9};
    for (int r = 0; r < rounds; r++)
        for (int m = 0; m < 2; m++) {
            double t = typeset(ds, fonts, h, MGI_LANG_EN, m ? MGI_FLOW_LEFT : MGI_FLOW_JUSTIFY);
            if (t < best[m])
                best[m] = t;
        }
    printf("the Santiago profile's text (English), best of %d: total fit %.2f ms, greedy %.2f ms; "
           "total fit adds %.2f ms\n",
           rounds, best[0] * 1e3, best[1] * 1e3, (best[0] - best[1]) * 1e3);
    mgi_hyphenator_free(h);
    mgi_fonts_free(fonts);
    mgi_dataset_free(ds);
    mgi_diag_free(diag);
    return 0;
}
