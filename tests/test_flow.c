/* test_flow.c — the text flow: hyphenation points, line breaks, justification, pagination. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mgi/dataset.h"
#include "mgi/flow.h"
#include "mgi/font.h"
#include "mgi/layout.h"

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

static const mgi_hyphenator *hyph;
static const mgi_fonts *fonts;

static void hyphens(int lang, const char *word, const char *want)
{
    size_t b[32], n = mgi_hyphenate(hyph, lang, word, strlen(word), b, 32);
    char got[256] = "";
    size_t from = 0;
    for (size_t i = 0; i <= n; i++) {
        size_t to = i < n ? b[i] : strlen(word);
        snprintf(got + strlen(got), sizeof got - strlen(got), "%s%.*s", i ? "-" : "",
                 (int)(to - from), word + from);
        from = to;
    }
    CHECK(strcmp(got, want) == 0, "hyphenation of %s: %s, expected %s", word, got, want);
}

static mgi_style body(int align)
{
    return (mgi_style){MGI_FONT_REGULAR, 10,    14,        0x222222, 0, 6, 0, 0, align, false, true,
                       MGI_LANG_EN,      false, MGI_ROLE_P};
}

/* Lines of a page: the y of each LINE item. */
static size_t lines_on(const mgi_flow *f, size_t page)
{
    size_t n, k = 0;
    const mgi_flow_item *it = mgi_flow_items(f, page, &n);
    for (size_t i = 0; i < n; i++)
        k += it[i].kind == MGI_ITEM_LINE;
    return k;
}

static void test_justify(void)
{
    const double W = 300;
    mgi_flow *f = mgi_flow_new(fonts, hyph, W, 700);
    mgi_style st = body(MGI_FLOW_JUSTIFY);
    mgi_flow_paragraph(f, &st);
    const char *text = "The municipality provides information on the evolving nature of crises "
                       "and emergencies and on how to access assistance services through its "
                       "website and over social networks, and a hotline refers every call to the "
                       "agency that can help.";
    mgi_flow_text(f, text, strlen(text), -1, NULL);
    CHECK(mgi_flow_layout(f) == MGI_OK, "layout");
    size_t n;
    const mgi_flow_item *it = mgi_flow_items(f, 0, &n);
    /* Every line but the last ends at the right edge; none goes beyond it. */
    int lines = 0, flush = 0;
    double last_right = 0;
    size_t chars = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || it[i].kind == MGI_ITEM_LINE) {
            if (lines > 0 && fabs(last_right - W) < 0.01)
                flush++;
            if (i < n)
                lines++;
            continue;
        }
        CHECK(it[i].x + it[i].width <= W + 0.01, "a word beyond the right edge");
        last_right = it[i].x + it[i].width;
        chars += it[i].n;
    }
    CHECK(lines >= 3 && flush == lines - 1, "justified: %d of %d lines flush right", flush, lines);
    /* No text lost: the words' bytes, less the spaces and added hyphens. */
    size_t want = 0, hy = 0;
    for (const char *p = text; *p; p++)
        want += *p != ' ';
    for (size_t i = 0; i < n; i++)
        if (it[i].kind == MGI_ITEM_TEXT && it[i].text[it[i].n - 1] == '-')
            hy++;
    CHECK(chars - hy == want, "all text placed: %zu bytes, expected %zu", chars - hy, want);
    mgi_flow_free(f);
}

static void test_long_word_and_empty(void)
{
    mgi_flow *f = mgi_flow_new(fonts, hyph, 120, 700);
    mgi_style st = body(MGI_FLOW_LEFT);
    mgi_flow_paragraph(f, &st); /* empty */
    mgi_flow_paragraph(f, &st);
    char word[301];
    memset(word, 'x', 300);
    word[300] = '\0';
    mgi_flow_text(f, word, 300, -1, NULL);
    mgi_flow_paragraph(f, &st);
    mgi_flow_text(f, "https://www.example.org/a/very/long/address/that/does/not/fit", 61, -1,
                  "https://www.example.org");
    CHECK(mgi_flow_layout(f) == MGI_OK, "layout");
    size_t n, placed = 0;
    const mgi_flow_item *it = mgi_flow_items(f, 0, &n);
    int links = 0;
    for (size_t i = 0; i < n; i++) {
        if (it[i].kind != MGI_ITEM_TEXT)
            continue;
        CHECK(it[i].x + it[i].width <= 120.01, "a cut word fits its line (%.1f)",
              it[i].x + it[i].width);
        placed += it[i].n;
        links += it[i].link != NULL;
    }
    CHECK(placed == 300 + 61, "the long words are all there: %zu", placed);
    CHECK(links >= 2, "a link split over lines keeps its target");
    mgi_flow_free(f);
}

static void test_pages(void)
{
    /* A 20,000-character finding, then a heading and a short paragraph. */
    const double H = 300;
    mgi_flow *f = mgi_flow_new(fonts, hyph, 400, H);
    mgi_style st = body(MGI_FLOW_JUSTIFY);
    mgi_style head = st;
    head.font = MGI_FONT_BOLD;
    head.keep_with_next = true;
    char *big = malloc(20001);
    for (int i = 0; i < 20000; i++)
        big[i] = "migration governance indicators "[i % 32];
    big[20000] = '\0';
    mgi_flow_anchor(f, 1);
    mgi_flow_paragraph(f, &st);
    mgi_flow_text(f, big, 20000, -1, NULL);
    for (int k = 0; k < 6; k++) {
        mgi_flow_paragraph(f, &head);
        mgi_flow_text(f, "A heading", 9, -1, NULL);
        mgi_flow_paragraph(f, &st);
        mgi_flow_text(f, big, 800 + 97 * (size_t)k, -1, NULL);
    }
    mgi_flow_anchor(f, 2);
    mgi_flow_figure(f, 250, 6, 6, NULL, NULL);
    CHECK(mgi_flow_layout(f) == MGI_OK, "layout");
    size_t pages = mgi_flow_npages(f);
    CHECK(pages > 10, "a long paragraph fills %zu pages", pages);
    size_t page;
    double y;
    CHECK(mgi_flow_anchor_at(f, 1, &page, &y) && page == 0 && y == 0, "anchor at the start");
    CHECK(mgi_flow_anchor_at(f, 2, &page, &y) && page == pages - 1 && y + 250 <= H + 0.01,
          "a figure is set whole on the last page, with its anchor (page %zu of %zu, y %.1f)", page,
          pages, y);
    for (size_t p = 0; p < pages; p++) {
        size_t n;
        const mgi_flow_item *it = mgi_flow_items(f, p, &n);
        size_t lines = lines_on(f, p);
        /* No orphan or widow: a page holds no single line of a split paragraph. */
        CHECK(lines != 1 || n == 0 || it[n - 1].kind != MGI_ITEM_TEXT || p + 1 == pages,
              "page %zu has a lone line", p);
        for (size_t i = 0; i < n; i++) {
            CHECK(it[i].y <= H + 0.01, "page %zu: item below the frame (%.1f)", p, it[i].y);
            if (it[i].kind == MGI_ITEM_TEXT && it[i].font == MGI_FONT_BOLD)
                CHECK(i + 1 < n, "page %zu ends with a heading", p);
        }
    }
    free(big);
    mgi_flow_free(f);
}

/* Text whose y has passed the page's foot (a paragraph's space after it) goes to
 * the next page, not below the frame: the Spanish sources list lost its last
 * twelve entries this way. */
static void test_no_overflow(void)
{
    const double H = 200;
    mgi_flow *f = mgi_flow_new(fonts, hyph, 300, H);
    mgi_style st = body(MGI_FLOW_LEFT);
    st.space_after = 9; /* 14 × 14 + 9 > 200 */
    char word[16];
    for (int i = 0; i < 60; i++) {
        mgi_flow_paragraph(f, &st);
        snprintf(word, sizeof word, "item%d", i);
        mgi_flow_text(f, word, strlen(word), -1, NULL);
    }
    CHECK(mgi_flow_layout(f) == MGI_OK, "layout");
    int seen = 0;
    for (size_t p = 0; p < mgi_flow_npages(f); p++) {
        size_t n;
        const mgi_flow_item *it = mgi_flow_items(f, p, &n);
        for (size_t i = 0; i < n; i++) {
            CHECK(it[i].y <= H + 0.01, "page %zu: %.*s below the frame (y %.1f)", p, (int)it[i].n,
                  it[i].kind == MGI_ITEM_TEXT ? it[i].text : "", it[i].y);
            seen += it[i].kind == MGI_ITEM_TEXT;
        }
    }
    CHECK(seen == 60, "every item is set: %d of 60", seen);
    mgi_flow_free(f);
}

/* The page (0-based) and y of the first text item equal to s, or -1. */
static long find_word(const mgi_flow *f, const char *s, double *y)
{
    for (size_t p = 0; p < mgi_flow_npages(f); p++) {
        size_t n;
        const mgi_flow_item *it = mgi_flow_items(f, p, &n);
        for (size_t i = 0; i < n; i++)
            if (it[i].kind == MGI_ITEM_TEXT && it[i].n == strlen(s) &&
                memcmp(it[i].text, s, it[i].n) == 0) {
                *y = it[i].y;
                return (long)p;
            }
    }
    return -1;
}

/* A footnote is set at the foot of the page whose line cites it, below the
 * body; one too long for what is left continues on the next page. */
static void test_footnotes(void)
{
    const double H = 400;
    mgi_flow *f = mgi_flow_new(fonts, hyph, 300, H);
    mgi_style st = body(MGI_FLOW_JUSTIFY), note = body(MGI_FLOW_LEFT);
    note.size = 7.5;
    note.leading = 10;
    note.indent = 14;
    const char *filler = "the municipality works with civil society on migration governance ";
    char key[16], buf[64];
    for (int i = 1; i <= 6; i++) {
        mgi_flow_paragraph(f, &st);
        for (int k = 0; k < 4 + i; k++)
            mgi_flow_text(f, filler, strlen(filler), -1, NULL);
        snprintf(key, sizeof key, "cite%d", i);
        mgi_flow_text(f, key, strlen(key), -1, NULL);
        snprintf(buf, sizeof buf, "%d", i);
        mgi_flow_sup(f, buf, i);
    }
    for (int i = 1; i <= 6; i++) {
        snprintf(buf, sizeof buf, "%d", i);
        mgi_flow_footnote(f, &note, i, buf);
        snprintf(key, sizeof key, "note%d", i);
        mgi_flow_text(f, key, strlen(key), -1, NULL);
        for (int k = 0; k < (i == 4 ? 40 : 1); k++) /* note 4 is longer than a page's room */
            mgi_flow_text(f, filler, strlen(filler), -1, NULL);
        snprintf(key, sizeof key, "end%d", i);
        mgi_flow_text(f, key, strlen(key), -1, NULL);
    }
    CHECK(mgi_flow_layout(f) == MGI_OK, "layout");
    for (int i = 1; i <= 6; i++) {
        double yc, yn, ye;
        snprintf(key, sizeof key, "cite%d", i);
        long pc = find_word(f, key, &yc);
        snprintf(key, sizeof key, "note%d", i);
        long pn = find_word(f, key, &yn);
        snprintf(key, sizeof key, "end%d", i);
        long pe = find_word(f, key, &ye);
        CHECK(pc >= 0 && pc == pn, "note %d on page %ld, its reference on page %ld", i, pn, pc);
        CHECK(yn > yc, "note %d below its reference", i);
        CHECK(pe >= pn && pe <= pn + 1, "note %d ends on its page or the next (%ld, %ld)", i, pn,
              pe);
        if (i == 4)
            CHECK(pe == pn + 1, "the long note continues on the next page");
    }
    /* Nothing below the frame, and at the foot only notes: every note line is
     * below every body line of its page. */
    for (size_t p = 0; p < mgi_flow_npages(f); p++) {
        size_t n;
        const mgi_flow_item *it = mgi_flow_items(f, p, &n);
        double body_max = 0, note_min = H;
        for (size_t i = 0; i < n; i++) {
            CHECK(it[i].y <= H + 0.01, "page %zu: item below the frame", p);
            if (it[i].kind != MGI_ITEM_TEXT)
                continue;
            if (fabs(it[i].size - 7.5) < 0.01)
                note_min = fmin(note_min, it[i].y);
            else if (it[i].size > 9) /* not a superscript */
                body_max = fmax(body_max, it[i].y);
        }
        CHECK(body_max < note_min, "page %zu: body and notes overlap (%.1f, %.1f)", p, body_max,
              note_min);
    }
    mgi_flow_free(f);
}

/* A chapter's last page does not hold one list item alone: the page before
 * gives it company. */
static void test_thin_end(void)
{
    const double H = 14 * 10; /* ten lines */
    mgi_flow *f = mgi_flow_new(fonts, hyph, 300, H);
    mgi_style item = body(MGI_FLOW_LEFT);
    item.space_after = 0;
    item.indent = 18;
    char word[16];
    for (int i = 0; i < 11; i++) { /* one more than a page holds */
        mgi_flow_paragraph(f, &item);
        mgi_flow_marker(f, "•");
        snprintf(word, sizeof word, "entry%d", i);
        mgi_flow_text(f, word, strlen(word), -1, NULL);
    }
    mgi_flow_page_break(f);
    mgi_flow_paragraph(f, &item);
    mgi_flow_text(f, "next", 4, -1, NULL);
    CHECK(mgi_flow_layout(f) == MGI_OK, "layout");
    CHECK(mgi_flow_npages(f) == 3, "%zu pages, expected 3", mgi_flow_npages(f));
    CHECK(lines_on(f, 1) >= 2, "the chapter's last page holds %zu line(s)", lines_on(f, 1));
    CHECK(lines_on(f, 0) + lines_on(f, 1) == 11, "every item is set");
    mgi_flow_free(f);
}

/* Total fit (Knuth–Plass): the spaces of a justified paragraph stay close to the
 * font's own (0.26 em in Noto Sans; at most 0.45 em on every line here, where a
 * greedy breaker leaves a line at 0.66 em), no more than two hyphenated lines in a
 * row, nothing lost, nothing past the edge. */
static void test_total_fit(void)
{
    const double W = 300, size = 10;
    const char *text =
        "Municipalities are autonomous public-law bodies, with legal personality and assets of "
        "their own, whose job is to serve local needs and involve residents in the commune "
        "development. Each is led by a mayor and a municipal council. Under the Constitutional "
        "Law on Municipalities they carry out the communal development plan, adopt their budget "
        "and manage public property in the commune, and the mayor reports publicly on "
        "management every April. Policies are nonetheless designed mostly at the centre, often "
        "with uniform national standards that may not fit local needs, and migration policy has "
        "been especially centralized. Guidance on regularization is central, since a regular "
        "status opens access to health care, education, formal work and benefits. Coordination "
        "with other levels of government is ad hoc, without periodic consultations.";
    mgi_flow *f = mgi_flow_new(fonts, hyph, W, 2000);
    mgi_style st = body(MGI_FLOW_JUSTIFY);
    mgi_flow_paragraph(f, &st);
    mgi_flow_text(f, text, strlen(text), -1, NULL);
    CHECK(mgi_flow_layout(f) == MGI_OK, "layout");
    size_t n;
    const mgi_flow_item *it = mgi_flow_items(f, 0, &n);
    double space = mgi_font_width(mgi_fonts_get(fonts, MGI_FONT_REGULAR), " ", 1, size);
    double worst = 0;
    int lines = 0, run = 0, max_run = 0;
    size_t chars = 0, hy = 0;
    for (size_t i = 0; i < n;) {
        if (it[i].kind != MGI_ITEM_LINE) {
            i++;
            continue;
        }
        size_t j = i + 1, words = 0;
        double ink = 0, left = 0, right = 0;
        for (; j < n && it[j].kind == MGI_ITEM_TEXT; j++, words++) {
            if (words == 0)
                left = it[j].x;
            right = it[j].x + it[j].width;
            ink += it[j].width;
            chars += it[j].n;
            CHECK(right <= W + 0.01, "line %d goes past the edge (%.2f)", lines + 1, right);
        }
        bool last = j == n;
        bool hyphen = words && it[j - 1].text[it[j - 1].n - 1] == '-';
        hy += hyphen;
        run = hyphen ? run + 1 : 0;
        max_run = run > max_run ? run : max_run;
        if (!last && words > 1) {
            double gap = (right - left - ink) / (double)(words - 1) / size;
            worst = gap > worst ? gap : worst;
        }
        lines++;
        i = j;
    }
    size_t want = 0;
    for (const char *q = text; *q; q++)
        want += *q != ' ';
    CHECK(chars - hy == want, "total fit: all text set (%zu bytes, expected %zu)", chars - hy,
          want);
    CHECK(lines >= 12, "total fit: %d lines", lines);
    CHECK(worst <= 0.45, "total fit: the loosest line's spaces are %.2f em (font's %.2f em)", worst,
          space / size);
    CHECK(max_run <= 2, "total fit: %d hyphenated lines in a row", max_run);
    mgi_flow_free(f);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_flow SOURCE_DIR\n");
        return 2;
    }
    mgi_diag *diag = mgi_diag_new();
    mgi_fonts *fo = NULL;
    mgi_hyphenator *h = NULL;
    const char *dicts[MGI_NLANGS] = {"/usr/share/hyphen/hyph_en_US.dic",
                                     "/usr/share/hyphen/hyph_es_CL.dic"};
    if (mgi_fonts_load(argv[1], NULL, diag, &fo) != MGI_OK ||
        mgi_hyphenator_load(dicts, diag, &h) != MGI_OK) {
        printf("FAIL: fonts or hyphenation dictionaries missing\n");
        return 1;
    }
    fonts = fo;
    hyph = h;
    /* Break points are byte offsets in UTF-8. */
    hyphens(MGI_LANG_EN, "governance", "gov-er-nance");
    hyphens(MGI_LANG_EN, "Municipality", "Mu-nic-i-pal-ity");
    hyphens(MGI_LANG_ES, "migración", "mi-gra-ción");
    hyphens(MGI_LANG_ES, "Peñalolén", "Pe-ña-lo-lén");
    hyphens(MGI_LANG_ES, "Información", "In-for-ma-ción");
    /* Widths from the font's own metrics. */
    double w1 = mgi_font_width(mgi_fonts_get(fonts, MGI_FONT_REGULAR), "mmmm", 4, 10);
    double w2 = mgi_font_width(mgi_fonts_get(fonts, MGI_FONT_REGULAR), "iiii", 4, 10);
    CHECK(w1 > 2 * w2 && w1 > 20 && w1 < 40, "widths: mmmm %.2f, iiii %.2f", w1, w2);
    /* Kerning (HarfBuzz, the font's GPOS): "To" and "AV" are set tighter than
     * their letters' advances; "mm" is not. */
    const mgi_font *reg = mgi_fonts_get(fonts, MGI_FONT_REGULAR);
    const char *pairs[] = {"To", "AV", "Te"};
    for (int i = 0; i < 3; i++) {
        double placed = mgi_font_width(reg, pairs[i], 2, 100);
        double sum = 100 * (mgi_font_advance(reg, (uint32_t)pairs[i][0]) +
                            mgi_font_advance(reg, (uint32_t)pairs[i][1]));
        CHECK(placed < sum - 1, "kerning: \"%s\" placed %.1f, advances %.1f", pairs[i], placed,
              sum);
    }
    CHECK(fabs(mgi_font_width(reg, "mm", 2, 100) - 200 * mgi_font_advance(reg, 'm')) < 1e-9,
          "no kerning where the font has none (mm)");
    /* The shipped layout gives each language its own dictionary (it gave both the
     * Spanish one: English lines broke at "whi-ch", "wi-th"). */
    char path[4096];
    snprintf(path, sizeof path, "%s/layouts/profile.ini", argv[1]);
    mgi_layout lay;
    CHECK(mgi_layout_load(path, diag, &lay) == MGI_OK, "layouts/profile.ini loads");
    CHECK(strstr(lay.hyphen[MGI_LANG_EN], "hyph_en_GB.dic") != NULL, "English dictionary: %s",
          lay.hyphen[MGI_LANG_EN]);
    CHECK(strstr(lay.hyphen[MGI_LANG_ES], "hyph_es_CL.dic") != NULL, "Spanish dictionary: %s",
          lay.hyphen[MGI_LANG_ES]);
    test_justify();
    test_long_word_and_empty();
    test_pages();
    test_total_fit();
    test_no_overflow();
    test_footnotes();
    test_thin_end();
    mgi_hyphenator_free(h);
    mgi_fonts_free(fo);
    mgi_diag_free(diag);
    printf("%d checks, %d failed\n", checks, failures);
    return failures != 0;
}
