/* fuzz_dataset.c — libFuzzer harness: a whole data directory from any bytes, loaded,
 * checked, assessed, and read through the practice, seal, Global Compact and rank-analysis stages;
 * every text read back from responses.csv must be the trimmed cell of its row as the CSV table
 * reader gives it.
 *
 * The input holds the four CSV files separated by the byte 0x1E (record
 * separator), in the order domains, indicators, communes, responses; missing
 * parts are empty files. tests/fuzz/run.sh builds seeds from data/. */
#define _XOPEN_SOURCE 700
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mgi/arena.h"
#include "mgi/assess.h"
#include "mgi/csv.h"
#include "mgi/dataset.h"
#include "mgi/gcm.h"
#include "mgi/practice.h"
#include "mgi/seal.h"
#include "mgi/uncertainty.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[] = "/tmp/mgi-fuzz-XXXXXX";

static void put(const char *name, const uint8_t *p, size_t n)
{
    char path[64];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    if (n && fwrite(p, 1, n, f) != n)
        abort();
    fclose(f);
}

/* Every result's seal, Global Compact scores and peers. */
static void check_results(const mgi_assessment *a)
{
    const mgi_dataset *ds = a->ds;
    for (size_t i = 0; i < a->nresults; i++) {
        const mgi_result *r = &a->results[i];
        mgi_seal s;
        mgi_seal_assess(a, r, 20000, &s);
        /* The Global Compact lens: every objective and target a score in [0, 1] or none. */
        mgi_sdg t[MGI_SDG_NTARGETS];
        size_t nt = mgi_sdg_mapped(ds, t, MGI_SDG_NTARGETS);
        for (int k = 1; k <= MGI_GCM_NOBJECTIVES + (int)nt; k++) {
            mgi_score sc;
            size_t nm;
            if (k <= MGI_GCM_NOBJECTIVES)
                mgi_gcm_assess(a, r, k, &sc, &nm);
            else
                mgi_sdg_assess(a, r, t[k - MGI_GCM_NOBJECTIVES - 1], &sc, &nm);
            if (!(isnan(sc.score) || (sc.score >= 0 && sc.score <= 1)))
                abort();
        }
        mgi_peer peers[MGI_PEERS_MAX];
        for (size_t d = 0; d < ds->ndomains && d < MGI_NDOMAINS; d++)
            for (size_t g = 0; g < r->ngaps[d]; g++)
                (void)mgi_practice_peers(ds, r->commune, r->gaps[d][g], peers);
    }
}

static void check_ranks(const mgi_assessment *a)
{
    /* The rank analysis, at a few draws: every interval in order and within
     * the communes of its year. */
    mgi_uncertainty_config uc;
    mgi_uncertainty_default(&uc);
    uc.draws = 8;
    mgi_uncertainty *u = NULL;
    if (mgi_uncertainty_run(a, &uc, &u) == MGI_OK) {
        for (size_t i = 0; i < a->nresults; i++)
            for (size_t d = 0; d <= MGI_NDOMAINS; d++) {
                const mgi_rank_band *bd = &u->band[i][d];
                if (!bd->rarely && bd->median &&
                    !(1 <= bd->lo && bd->lo <= bd->median && bd->median <= bd->hi &&
                      bd->hi <= a->nresults))
                    abort();
            }
        mgi_uncertainty_free(u);
    }
}

static void check_texts(const mgi_dataset *ds, mgi_diag *diag)
{
    /* Every text read back from responses.csv, which has not changed, is
     * the cell the table reader gives, trimmed. */
    char path[64];
    snprintf(path, sizeof path, "%s/responses.csv", dir);
    mgi_diag *d2 = mgi_diag_new();
    mgi_csv *table = NULL;
    if (!d2 || mgi_csv_read(path, d2, &table) != MGI_OK)
        abort(); /* it loaded once */
    size_t nrows = mgi_csv_nrows(table), maxline = 0;
    unsigned line, col;
    for (size_t row = 0; row < nrows; row++) {
        mgi_csv_where(table, row, 0, &line, &col);
        maxline = line > maxline ? line : maxline;
    }
    size_t *row_of = calloc(maxline + 1, sizeof *row_of); /* line -> row + 1 */
    for (size_t row = 0; row_of && row < nrows; row++) {
        mgi_csv_where(table, row, 0, &line, &col);
        row_of[line] = row + 1;
    }
    static const char *const names[MGI_NTEXTS] = {"finding_en", "finding_es", "source"};
    int cols[MGI_NTEXTS];
    for (int t = 0; t < MGI_NTEXTS; t++)
        cols[t] = mgi_csv_find(table, names[t]);
    mgi_arena *texts = mgi_arena_new();
    for (size_t c = 0; texts && row_of && c < ds->ncommunes; c++) {
        if (c % 2 == 0)
            mgi_dataset_focus(ds, c); /* in one read; the others text by text */
        for (size_t k = 0; k < ds->communes[c].nrounds; k++)
            for (size_t i = 0; i < ds->nindicators; i++) {
                const mgi_response *r = &ds->communes[c].rounds[k].responses[i];
                for (int t = 0; t < MGI_NTEXTS; t++) {
                    const char *got = mgi_response_text(ds, r, t, texts);
                    const char *want = "";
                    size_t wn = 0;
                    if (r->line && cols[t] >= 0) {
                        if (r->line > maxline || !row_of[r->line])
                            abort(); /* an answer at a line the table has no row for */
                        want = mgi_csv_cell(table, row_of[r->line] - 1, (size_t)cols[t]);
                        wn = strlen(want);
                        while (wn && strchr(" \t\n\r\v\f", want[wn - 1]))
                            wn--;
                        while (wn && strchr(" \t\n\r\v\f", *want))
                            want++, wn--;
                    }
                    if (strlen(got) != wn || memcmp(got, want, wn) != 0)
                        abort(); /* a text read back differs from its cell */
                }
            }
    }
    if (mgi_dataset_check(ds, diag) != MGI_OK)
        abort(); /* the texts must come back */
    free(row_of);
    mgi_csv_free(table);
    mgi_diag_free(d2);
    mgi_arena_free(texts);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready && !(ready = mkdtemp(dir) != NULL))
        abort();
    static const char *const names[] = {"domains.csv", "indicators.csv", "communes.csv",
                                        "responses.csv"};
    size_t start = 0;
    for (int k = 0; k < 4; k++) {
        size_t end = start;
        while (end < size && data[end] != 0x1E)
            end++;
        put(names[k], data + start, end - start);
        start = end < size ? end + 1 : size;
    }
    mgi_diag *diag = mgi_diag_new();
    mgi_dataset *ds = NULL;
    mgi_assessment *a = NULL;
    mgi_method m;
    mgi_method_default(&m);
    if (diag && mgi_dataset_load(dir, diag, &ds) == MGI_OK &&
        mgi_assess_dataset(ds, &m, &a) == MGI_OK) {
        check_results(a);
        check_ranks(a);
        for (size_t y = 0; y < a->nyears; y++) {
            mgi_gap *gaps = NULL;
            size_t n = 0;
            if (mgi_practice_gaps(a, a->years[y].year, &gaps, &n) == MGI_OK)
                free(gaps);
        }
        mgi_practice *list = NULL;
        size_t n = 0;
        if (mgi_practice_list(ds, &list, &n) == MGI_OK)
            free(list);
        check_texts(ds, diag);
    }
    mgi_assess_free(a);
    mgi_dataset_free(ds);
    mgi_diag_free(diag);
    return 0;
}
