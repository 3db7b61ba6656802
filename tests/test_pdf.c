/* test_pdf.c — writes PDFs with mgi's PDF writer for pdf.sh to read back with poppler and qpdf. */
#define _XOPEN_SOURCE 700
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mgi/canvas.h"
#include "mgi/pdf.h"

/*
 * usage: test_pdf SOURCE_DIR OUT_DIR
 * Writes OUT_DIR/writer.pdf and OUT_DIR/expected.txt, whose lines say what a
 * reader must find:
 *   text PAGE STRING          pdftotext of page PAGE has STRING
 *   word PAGE X Y WORD        the word WORD starts at X (points from the left)
 *                             on the baseline Y (points from the top)
 *   rotated PAGE STRING       the same for text set at an angle
 *   size PAGE W H             the page is W × H points
 */

static FILE *expect;

static void word(mgi_pdf_page *pg, const mgi_font *f, int font, double size, double x, double y,
                 double page_h, int page, const char *w)
{
    mgi_pdf_text(pg, font, size, x, y, w, strlen(w));
    (void)f;
    fprintf(expect, "word %d %.3f %.3f %s\n", page, x, page_h - y, w);
}

/* Every Latin letter whose glyph number has a byte that literal strings
 * must escape: ( ) \ and CR. */
static void escapes(mgi_pdf_page *p1, const mgi_font *f0)
{
    char tricky[512] = "";
    size_t n = 0;
    for (uint32_t cp = 0x21; cp < 0x180 && n < 200; cp++) {
        if (cp >= 0x7F && cp < 0xC0)
            continue;
        unsigned g = mgi_font_glyph(f0, cp);
        int hi = (int)(g >> 8), lo = (int)(g & 0xFF);
        if (g && (lo == '(' || lo == ')' || lo == '\\' || lo == '\r' || hi == '\r')) {
            char u[8];
            size_t k = cp < 0x80 ? 1 : 2;
            if (k == 1)
                u[0] = (char)cp;
            else {
                u[0] = (char)(0xC0 | (cp >> 6));
                u[1] = (char)(0x80 | (cp & 0x3F));
            }
            memcpy(tricky + n, u, k);
            n += k;
        }
    }
    tricky[n] = '\0';
    if (n) {
        mgi_pdf_text(p1, 0, 10, 72, 620, tricky, n);
        fprintf(expect, "text 1 %s\n", tricky);
    }
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: test_pdf SOURCE_DIR OUT_DIR\n");
        return 2;
    }
    char path[4096], dir[4096];
    snprintf(dir, sizeof dir, "%s/fonts", argv[1]);
    mgi_diag *diag = mgi_diag_new();
    mgi_fonts *fonts = NULL;
    if (mgi_fonts_load(argv[1], NULL, diag, &fonts) != MGI_OK) {
        fprintf(stderr, "cannot load the fonts from %s\n", dir);
        return 1;
    }
    const mgi_font *f[MGI_NFONTS];
    for (int i = 0; i < MGI_NFONTS; i++)
        f[i] = mgi_fonts_get(fonts, i);
    snprintf(path, sizeof path, "%s/expected.txt", argv[2]);
    expect = fopen(path, "w");
    mgi_pdf *pdf = mgi_pdf_new(f, MGI_NFONTS, NULL);
    if (!expect || !pdf)
        return 1;

    /* Page 1, A4: words placed one by one on shared baselines (one TJ array
     * per line), with a colour change and a font change in the middle. */
    double H = 841.89;
    mgi_pdf_page *p1 = mgi_pdf_page_add(pdf, 595.276, H);
    fprintf(expect, "size 1 595.276 841.89\n");
    const char *line1[] = {"Justified", "words", "land", "exactly", "where", "asked"};
    double x = 72;
    for (size_t i = 0; i < 6; i++) {
        if (i == 3)
            mgi_pdf_fill_rgb(p1, 0x0A3A7E);
        word(p1, f[0], 0, 11, x, 700, H, 1, line1[i]);
        x += mgi_font_width(f[0], line1[i], strlen(line1[i]), 11) + 3.7 + 1.3 * (double)i;
    }
    mgi_pdf_fill_rgb(p1, 0x000000);
    word(p1, f[0], 0, 11, 72, 680, H, 1, "Regular");
    word(p1, f[1], 1, 11, 130.25, 680, H, 1, "Bold");
    word(p1, f[2], 2, 11, 170.5, 680, H, 1, "Italic");
    word(p1, f[0], 0, 11, 220.125, 680, H, 1, "again");
    /* Accents and the characters PDF strings escape. */
    const char *accents = "Peñalolén, Conchalí, Ñuñoa (Región Metropolitana) \\ 100 %";
    mgi_pdf_text(p1, 0, 10, 72, 640, accents, strlen(accents));
    fprintf(expect, "text 1 %s\n", accents);
    escapes(p1, f[0]);
    /* Graphics between text, a dashed stroke, a saved and restored state. */
    mgi_pdf_stroke_rgb(p1, 0xC9D1D9);
    mgi_pdf_line_width(p1, 0.6);
    mgi_pdf_dash(p1, 2, 1);
    mgi_pdf_move_to(p1, 72, 600);
    mgi_pdf_line_to(p1, 520, 600);
    mgi_pdf_stroke(p1);
    mgi_pdf_save(p1);
    mgi_pdf_concat(p1, 0.5, 0, 0, 0.5, 72, 400);
    mgi_pdf_fill_rgb(p1, 0xE3E3E3);
    mgi_pdf_rect(p1, 0, 0, 200, 100);
    mgi_pdf_fill(p1);
    mgi_pdf_fill_rgb(p1, 0x000000);
    mgi_pdf_text(p1, 1, 20, 10, 40, "Scaled", 6);
    mgi_pdf_restore(p1);
    fprintf(expect, "text 1 Scaled\n");
    mgi_pdf_fill_rgb(p1, 0xE3E3E3);
    mgi_pdf_text_rotated(p1, 1, 30, 150, 150, atan2(H, 595.276), "DRAFT MARK", 10);
    fprintf(expect, "rotated 1 DRAFT MARK\n");
    mgi_pdf_link_uri(p1, 72, 630, 300, 650, "https://example.org/a b/(c)/ñ");
    mgi_pdf_link_page(p1, 72, 690, 300, 710, 1);

    /* Page 2, US Letter: the target of the link and of an outline entry. */
    mgi_pdf_page *p2 = mgi_pdf_page_add(pdf, 612, 792);
    fprintf(expect, "size 2 612 792\n");
    mgi_pdf_fill_rgb(p2, 0x1F2328);
    mgi_pdf_text(p2, 1, 14, 72, 720, "Second page", 11);
    fprintf(expect, "text 2 Second page\n");

    int top = mgi_pdf_outline_add(pdf, -1, "Introducción", 0, true);
    mgi_pdf_outline_add(pdf, top, "Sección 1.1", 0, false);
    int closed = mgi_pdf_outline_add(pdf, top, "Sección 1.2", 1, false);
    mgi_pdf_outline_add(pdf, closed, "Detalle", 1, false);
    mgi_pdf_outline_add(pdf, -1, "Anexos", 1, false);

    snprintf(path, sizeof path, "%s/writer.pdf", argv[2]);
    FILE *out = fopen(path, "wb");
    mgi_pdf_info info = {"Perfil — Peñalolén", "mgi", "Prueba", "test_pdf", "es", 86400, NULL};
    mgi_error err = out ? mgi_pdf_write(pdf, &info, out) : MGI_ERR_CANTCREAT;
    if (out && fclose(out) != 0)
        err = MGI_ERR_IO;
    mgi_pdf_free(pdf);
    mgi_pdf_free(NULL);
    fclose(expect);
    mgi_fonts_free(fonts);
    mgi_diag_free(diag);
    if (err != MGI_OK) {
        fprintf(stderr, "mgi_pdf_write: %s\n", mgi_strerror(err));
        return 1;
    }
    return 0;
}
