/* xlsx.c — times the Excel annex of one commune and the comparison workbook of a year. */
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "mgi/xlsx.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: bench_xlsx RESOURCES DATA OUTDIR\n");
        return 64;
    }
    char path[4096];
    mgi_diag *diag = mgi_diag_new();
    mgi_dataset *ds = NULL;
    mgi_strings *strings = NULL;
    mgi_assessment *a = NULL;
    mgi_method method;
    mgi_method_default(&method);
    snprintf(path, sizeof path, "%s/layouts/strings.ini", argv[1]);
    if (mgi_dataset_load(argv[2], diag, &ds) || mgi_strings_load(path, diag, &strings) ||
        mgi_assess_dataset(ds, &method, &a) || a->nresults == 0) {
        fprintf(stderr, "bench_xlsx: cannot load %s\n", argv[2]);
        return 1;
    }
    int rounds = 20;
    double t0 = now();
    for (int i = 0; i < rounds; i++) {
        snprintf(path, sizeof path, "%s/annex-%d.xlsx", argv[3], i);
        if (mgi_xlsx_annex(path, a, &a->results[i % a->nresults], strings, MGI_LANG_EN, 1, diag))
            return 1;
    }
    double t1 = now();
    mgi_view *v = NULL;
    snprintf(path, sizeof path, "%s/comparison.xlsx", argv[3]);
    if (mgi_view_build(a, 0, &v) || mgi_xlsx_comparison(path, v, strings, MGI_LANG_EN, 1, 0, diag))
        return 1;
    double t2 = now();
    size_t n = v->n;
    mgi_view_free(v);
    printf("annex: %.2f ms (mean of %d); comparison workbook of %zu communes: %.0f ms\n",
           (t1 - t0) * 1e3 / rounds, rounds, n, (t2 - t1) * 1e3);
    mgi_assess_free(a);
    mgi_strings_free(strings);
    mgi_dataset_free(ds);
    mgi_diag_free(diag);
    return 0;
}
