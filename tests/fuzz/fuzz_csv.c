/* fuzz_csv.c — libFuzzer harness: any bytes through the CSV reader, every cell read back. */
/* Also an oracle: each cell's span (mgi_csv_span) must unquote to the cell's text. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mgi/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mgi_diag *diag = mgi_diag_new();
    mgi_csv *csv = NULL;
    if (diag && mgi_csv_parse("fuzz.csv", (const char *)data, size, diag, &csv) == MGI_OK && csv) {
        size_t sum = 0;
        for (size_t c = 0; c < mgi_csv_ncols(csv); c++)
            sum += strlen(mgi_csv_name(csv, c));
        for (size_t r = 0; r < mgi_csv_nrows(csv); r++)
            for (size_t c = 0; c < mgi_csv_ncols(csv); c++) {
                const char *cell = mgi_csv_cell(csv, r, c);
                sum += cell ? strlen(cell) : 0;
                size_t off, len;
                mgi_csv_span(csv, r, c, &off, &len);
                if (off > size || len > size - off)
                    abort();
                char *text = malloc(len + 1);
                if (!text)
                    abort();
                size_t n = mgi_csv_unquote((const char *)data + off, len, text);
                if (n != mgi_csv_cell_len(csv, r, c) || memcmp(text, cell, n) != 0)
                    abort(); /* the span does not give the cell back */
                free(text);
            }
        (void)mgi_csv_find(csv, "answer");
        (void)sum;
    }
    for (size_t i = 0; diag && i < mgi_diag_size(diag); i++)
        (void)strlen(mgi_diag_get(diag, i)->message);
    mgi_csv_free(csv);
    mgi_diag_free(diag);
    return 0;
}
