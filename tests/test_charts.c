/* test_charts.c — the canvas backends and the charts: pixels, SVG structure, text in the PDF. */
#define _XOPEN_SOURCE 700
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mgi/charts.h"
#include "mgi/pdf.h"

static int failures, checks;

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        checks++;                                                                                  \
        if (!(cond)) {                                                                             \
            failures++;                                                                            \
            printf("FAIL: " __VA_ARGS__);                                                          \
            printf("\n");                                                                          \
        }                                                                                          \
    } while (0)

static char *svg_of(const mgi_chart *ch, const mgi_fonts *fonts)
{
    double w, h;
    mgi_chart_size(ch, &w, &h);
    mgi_canvas *c;
    if (mgi_canvas_svg(fonts, w, h, "t", &c) != MGI_OK)
        return NULL;
    mgi_chart_draw(ch, c);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    mgi_error err = f ? mgi_canvas_write_svg(c, f) : MGI_ERR_NOMEM;
    if (f)
        fclose(f);
    mgi_canvas_free(c);
    if (err != MGI_OK) {
        free(buf);
        return NULL;
    }
    return buf;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void test_wrap(const mgi_fonts *fonts)
{
    mgi_canvas *c;
    CHECK(mgi_canvas_svg(fonts, 100, 100, "", &c) == MGI_OK, "SVG canvas");
    if (!c)
        return;
    size_t st[4], ln[4];
    int ell;
    /* "Whole-of-government" is too wide for 60 pt at 10 pt: it breaks after a hyphen. */
    const char *s = "Whole-of-government approach";
    int n = mgi_canvas_wrap(c, s, MGI_FONT_REGULAR, 10, 60, 4, st, ln, &ell);
    CHECK(n == 3 && strncmp(s + st[0], "Whole-of-", ln[0]) == 0 && ln[0] == 9 &&
              strncmp(s + st[1], "government", ln[1]) == 0,
          "wrap at hyphens: %d lines, first \"%.*s\"", n, (int)ln[0], s + st[0]);
    for (int i = 0; i < n; i++)
        CHECK(mgi_canvas_text_width(c, s + st[i], ln[i], MGI_FONT_REGULAR, 10) <= 60,
              "line %d fits", i);
    /* A word longer than the line is cut, never overflows. */
    s = "Supercalifragilisticexpialidocious";
    n = mgi_canvas_wrap(c, s, MGI_FONT_REGULAR, 10, 40, 10, st, ln, &ell);
    CHECK(n > 1 && ell == 0, "a long word is cut into %d lines", n);
    for (int i = 0; i < n; i++)
        CHECK(mgi_canvas_text_width(c, s + st[i], ln[i], MGI_FONT_REGULAR, 10) <= 40,
              "cut line %d fits", i);
    /* Text left over is marked. */
    n = mgi_canvas_wrap(c, "one two three four five six", MGI_FONT_REGULAR, 10, 30, 2, st, ln,
                        &ell);
    CHECK(n == 2 && ell == 1, "ellipsis when text is left over");
    /* Accented text is measured by characters: "Ñuñoa" is wider than "Nunoa" only by the tildes. */
    double a = mgi_canvas_text_width(c, "Ñuñoa", strlen("Ñuñoa"), MGI_FONT_REGULAR, 10);
    double b = mgi_canvas_text_width(c, "Nunoa", 5, MGI_FONT_REGULAR, 10);
    CHECK(fabs(a - b) < 0.01, "Ñuñoa %.2f vs Nunoa %.2f", a, b);
    mgi_canvas_free(c);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: test_charts SOURCE_DIR OUT_DIR\n");
        return 2;
    }
    char path[4096];
    mgi_diag *diag = mgi_diag_new();
    mgi_dataset *ds = NULL;
    mgi_strings *strings = NULL;
    mgi_fonts *fonts = NULL;
    mgi_assessment *a = NULL;
    mgi_method method;
    mgi_method_default(&method);
    snprintf(path, sizeof path, "%s/data", argv[1]);
    if (mgi_dataset_load(path, diag, &ds) != MGI_OK ||
        mgi_fonts_load(argv[1], NULL, diag, &fonts) ||
        mgi_assess_dataset(ds, &method, &a) != MGI_OK) {
        printf("FAIL: cannot load the demo data or fonts\n");
        return 1;
    }
    snprintf(path, sizeof path, "%s/layouts/strings.ini", argv[1]);
    if (mgi_strings_load(path, diag, &strings) != MGI_OK) {
        printf("FAIL: cannot load strings.ini\n");
        return 1;
    }
    test_wrap(fonts);

    /* A Santiago with rights at 1, wga at 0 and partnerships without enough data. */
    mgi_result r = *mgi_assess_find(a, "13101", 2022);
    r.domain[0].score = 1;
    r.domain[0].insufficient = false;
    r.domain[1].score = 0;
    r.domain[1].insufficient = false;
    r.domain[2].insufficient = true;
    mgi_chart ch = {
        .kind = MGI_CHART_WHEEL, .a = a, .strings = strings, .lang = MGI_LANG_EN, .result = &r};
    double w, h, scale = 2;
    mgi_chart_size(&ch, &w, &h);
    mgi_canvas *img;
    CHECK(mgi_canvas_image(fonts, w, h, scale, &img) == MGI_OK, "image canvas");
    mgi_chart_draw(&ch, img);
    /* The wheel's geometry (charts.c): centre (240, 182), W / 2, radii 38 to 132. */
    for (int d = 0; d < 3; d++) {
        double mid = -M_PI / 2 + M_PI / 3 * (d + 0.5), rr = 38 + 0.9 * (132 - 38);
        int px = (int)((240 + rr * cos(mid)) * scale), py = (int)((182 + rr * sin(mid)) * scale);
        unsigned got = mgi_canvas_pixel(img, px, py), col = mgi_domain_colour(ds, (size_t)d);
        unsigned r8 = got >> 16, g8 = (got >> 8) & 0xFF, b8 = got & 0xFF;
        if (d == 0)
            CHECK(got == col, "a score of 1 fills its sector: %06x, expected %06x", got, col);
        else if (d == 1)
            CHECK(got == mgi_rgb_mix(col, 0xFFFFFF, 0.16),
                  "a score of 0 leaves the tint: %06x, expected %06x", got,
                  mgi_rgb_mix(col, 0xFFFFFF, 0.16));
        else
            CHECK(r8 == g8 && g8 == b8 && r8 >= 0xB0, "insufficient data is grey: %06x", got);
    }
    CHECK(mgi_canvas_pixel(img, 2, 2) == 0xFFFFFF, "white background");
    snprintf(path, sizeof path, "%s/wheel.png", argv[2]);
    FILE *f = fopen(path, "wb");
    CHECK(f && mgi_canvas_write_png(img, f) == MGI_OK, "PNG written");
    if (f)
        fclose(f);
    mgi_canvas_free(img);

    /* SVG: six sectors, labels as text, escaped, colours from domains.csv. */
    mgi_dataset *mds = (mgi_dataset *)ds;
    const char *saved = mds->domains[3].name[MGI_LANG_EN];
    mds->domains[3].name[MGI_LANG_EN] = "Well-being <b>&</b> \"quotes\"";
    char *svg = svg_of(&ch, fonts);
    CHECK(svg && count(svg, "<g class=\"sector\"") == 6, "six sectors in the SVG");
    CHECK(svg && strstr(svg, "Well-being &lt;b&gt;&amp;&lt;/b&gt;"), "labels are escaped");
    CHECK(svg && !strstr(svg, "<b>"), "no raw markup from the data");
    CHECK(svg && strstr(svg, ">Migrants’ rights</text>"),
          "domain names are <text>, with a typographic apostrophe");
    char colour[16];
    snprintf(colour, sizeof colour, "#%06x", mgi_domain_colour(ds, 0));
    CHECK(svg && strstr(svg, colour), "the first domain's colour %s is used", colour);
    char *again = svg_of(&ch, fonts);
    CHECK(svg && again && strcmp(svg, again) == 0, "the SVG is the same twice");
    free(svg);
    free(again);
    mds->domains[3].name[MGI_LANG_EN] = saved;

    /* Spanish: words and decimal commas. */
    ch.lang = MGI_LANG_ES;
    svg = svg_of(&ch, fonts);
    CHECK(svg && strstr(svg, "Bienestar de los migrantes") && strstr(svg, "0,6"),
          "the Spanish wheel has Spanish words and decimal commas");
    free(svg);

    /* PDF: the same wheel as vector graphics on a page of mgi's PDF writer. */
    const mgi_font *pf[MGI_NFONTS];
    for (int i = 0; i < MGI_NFONTS; i++)
        pf[i] = mgi_fonts_get(fonts, i);
    mgi_pdf *pdf = mgi_pdf_new(pf, MGI_NFONTS, NULL);
    mgi_pdf_page *page = pdf ? mgi_pdf_page_add(pdf, 595.276, 841.89) : NULL;
    mgi_canvas *pc = NULL;
    CHECK(page && mgi_canvas_pdf(fonts, page, 18, 800, w, h, &pc) == MGI_OK, "PDF canvas");
    if (pc) {
        mgi_chart_draw(&ch, pc);
        mgi_canvas_free(pc);
    }
    snprintf(path, sizeof path, "%s/wheel.pdf", argv[2]);
    FILE *pf_out = fopen(path, "wb");
    CHECK(pf_out && pdf &&
              mgi_pdf_write(pdf, &(mgi_pdf_info){"wheel", NULL, NULL, NULL, "es", 0}, pf_out) ==
                  MGI_OK,
          "PDF saved");
    CHECK(pf_out && fclose(pf_out) == 0, "PDF closed");
    mgi_pdf_free(pdf);

    mgi_strings_free(strings);
    mgi_assess_free(a);
    mgi_fonts_free(fonts);
    mgi_dataset_free(ds);
    mgi_diag_free(diag);
    printf("%d checks, %d failed\n", checks, failures);
    return failures != 0;
}
