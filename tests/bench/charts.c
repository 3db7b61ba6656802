/* charts.c — times the charts of one commune: drawing and encoding, PNG and SVG. */
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mgi/charts.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_charts RESOURCES DATA [ROUNDS] [PNG_WIDTH]\n");
        return 64;
    }
    int rounds = argc > 3 ? atoi(argv[3]) : 50;
    double png_width = argc > 4 ? atof(argv[4]) : 1200;
    char path[4096];
    mgi_diag *diag = mgi_diag_new();
    mgi_dataset *ds = NULL;
    mgi_fonts *fonts = NULL;
    mgi_strings *strings = NULL;
    mgi_assessment *a = NULL;
    mgi_method method;
    snprintf(path, sizeof path, "%s/method.ini", argv[2]);
    snprintf(path + 2048, 2048, "%s/layouts/strings.ini", argv[1]);
    if (mgi_dataset_load(argv[2], diag, &ds) || mgi_method_load(path, diag, &method) ||
        mgi_fonts_load(argv[1], NULL, diag, &fonts) ||
        mgi_strings_load(path + 2048, diag, &strings) || mgi_assess_dataset(ds, &method, &a)) {
        fprintf(stderr, "bench_charts: cannot load %s or %s\n", argv[1], argv[2]);
        return 1;
    }
    /* A commune with two years, so that there is a trend. */
    const mgi_result *r = NULL;
    for (size_t i = 0; i < a->nresults && !r; i++)
        if (a->results[i].previous)
            r = &a->results[i];
    if (!r) {
        fprintf(stderr, "bench_charts: no commune with two years in %s\n", argv[2]);
        return 1;
    }
    mgi_chart_kind kinds[3] = {MGI_CHART_WHEEL, MGI_CHART_DOMAINS, MGI_CHART_TREND};
    double t_draw_png = 0, t_encode = 0, t_svg = 0;
    size_t png_bytes = 0, svg_bytes = 0;
    for (int k = 0; k < rounds; k++) {
        for (int i = 0; i < 3; i++) {
            mgi_chart ch = {
                .kind = kinds[i], .a = a, .strings = strings, .result = r, .title = true};
            double w, h;
            mgi_chart_size(&ch, &w, &h);
            char *buf = NULL;
            size_t len = 0;
            double t0 = now();
            mgi_canvas *c;
            mgi_canvas_image(fonts, w, h, png_width / w, &c);
            mgi_chart_draw(&ch, c);
            double t1 = now();
            FILE *f = open_memstream(&buf, &len);
            mgi_canvas_write_png(c, f);
            fclose(f);
            double t2 = now();
            mgi_canvas_free(c);
            png_bytes += len;
            free(buf);
            buf = NULL;
            double t3 = now();
            mgi_canvas_svg(fonts, w, h, "", &c);
            mgi_chart_draw(&ch, c);
            f = open_memstream(&buf, &len);
            mgi_canvas_write_svg(c, f);
            fclose(f);
            mgi_canvas_free(c);
            double t4 = now();
            svg_bytes += len;
            free(buf);
            t_draw_png += t1 - t0;
            t_encode += t2 - t1;
            t_svg += t4 - t3;
        }
    }
    printf("wheel + domains + trend, one commune (%g px PNG), mean of %d:\n", png_width, rounds);
    printf("  draw PNG %.2f ms, encode PNG %.2f ms, SVG %.2f ms: total %.2f ms"
           "  (%zu KB PNG, %zu KB SVG)\n",
           t_draw_png * 1e3 / rounds, t_encode * 1e3 / rounds, t_svg * 1e3 / rounds,
           (t_draw_png + t_encode + t_svg) * 1e3 / rounds, png_bytes / rounds / 1024,
           svg_bytes / rounds / 1024);
    mgi_assess_free(a);
    mgi_strings_free(strings);
    mgi_fonts_free(fonts);
    mgi_dataset_free(ds);
    mgi_diag_free(diag);
    return 0;
}
