/* fuzz_pdf.c — libFuzzer harness: any bytes as text, link targets and outline titles of a PDF. */
#define _XOPEN_SOURCE 700
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "mgi/canvas.h"
#include "mgi/pdf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static mgi_fonts *fonts;

/*
 * The input is pieces separated by 0x1E. A piece's first byte says what the
 * rest is: text at a position and size from that byte (font = byte % 3), a
 * URI link, a page link, an outline title (nested under the previous one
 * when odd), or a new page. The document is written to /dev/null.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!fonts) {
        mgi_diag *diag = mgi_diag_new();
        if (mgi_fonts_load(MGI_SOURCE_DIR, NULL, diag, &fonts) != MGI_OK)
            __builtin_trap();
        mgi_diag_free(diag);
    }
    const mgi_font *f[MGI_NFONTS];
    for (int i = 0; i < MGI_NFONTS; i++)
        f[i] = mgi_fonts_get(fonts, i);
    /* the fonts' cache, as in mgi: its words and subsets outlive each input */
    mgi_pdf *pdf = mgi_pdf_new(f, MGI_NFONTS, mgi_fonts_pdf_cache(fonts));
    mgi_pdf_page *pg = pdf ? mgi_pdf_page_add(pdf, 595, 842) : NULL;
    int last = -1;
    for (size_t at = 0; pg && at < size;) {
        const uint8_t *end = memchr(data + at, 0x1E, size - at);
        size_t n = end ? (size_t)(end - (data + at)) : size - at;
        if (n > 0) {
            unsigned op = data[at];
            char s[4096];
            size_t len = n - 1 < sizeof s - 1 ? n - 1 : sizeof s - 1;
            memcpy(s, data + at + 1, len);
            s[len] = '\0';
            double x = (op * 7) % 600, y = (op * 13) % 842, sz = 4 + op % 40;
            switch (op % 8) {
            case 0:
            case 1:
            case 2:
                mgi_pdf_fill_rgb(pg, op * 0x010203u);
                mgi_pdf_text(pg, (int)op % 3, sz, x, y, s, len);
                break;
            case 3: mgi_pdf_text_rotated(pg, 1, sz, x, y, op / 40.0, s, len); break;
            case 4: mgi_pdf_link_uri(pg, x, y, x + 50, y + 10, s); break;
            case 5: mgi_pdf_link_page(pg, x, y, x + 50, y + 10, op); break;
            case 6: last = mgi_pdf_outline_add(pdf, op & 1 ? last : -1, s, op % 3, op & 2); break;
            default: pg = mgi_pdf_page_add(pdf, 300 + op, 400 + op); break;
            }
        }
        at += n + 1;
    }
    FILE *out = fopen("/dev/null", "wb");
    if (pdf && out)
        (void)mgi_pdf_write(pdf, &(mgi_pdf_info){"fuzz", NULL, NULL, NULL, "en", 0, NULL}, out);
    if (out)
        fclose(out);
    mgi_pdf_free(pdf);
    return 0;
}
