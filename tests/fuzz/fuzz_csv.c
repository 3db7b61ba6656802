/* fuzz_csv.c — libFuzzer harness: any bytes through the CSV reader, every cell read back. */
#include <stddef.h>
#include <stdint.h>
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
