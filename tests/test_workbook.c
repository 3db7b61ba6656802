/* test_workbook.c — prints a sheet read by workbook.c as its cells: "WHERE<TAB>TEXT" per
 * non-empty cell (newlines as \n), the header first; or the error.
 * usage: test_workbook FILE SHEET KEY */
#include <stdio.h>
#include <string.h>

#include "mgi/workbook.h"

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: test_workbook FILE SHEET KEY\n");
        return 64;
    }
    const char *names[] = {argv[2], NULL};
    mgi_diag *diag = mgi_diag_new();
    mgi_sheet *s = NULL;
    mgi_error err = mgi_sheet_read(argv[1], names, argv[3], diag, &s);
    for (size_t i = 0; i < mgi_diag_size(diag); i++)
        printf("%s: error: %s\n", mgi_diag_get(diag, i)->file, mgi_diag_get(diag, i)->message);
    if (err == MGI_OK) {
        char where[64];
        for (size_t c = 0; c < mgi_sheet_ncols(s); c++)
            printf("%s\t%s\n", mgi_sheet_where(s, (size_t)-1, c, where, sizeof where),
                   mgi_sheet_name(s, c));
        for (size_t r = 0; r < mgi_sheet_nrows(s); r++)
            for (size_t c = 0; c < mgi_sheet_ncols(s); c++) {
                const char *t = mgi_sheet_cell(s, r, c);
                if (!*t)
                    continue;
                printf("%s\t", mgi_sheet_where(s, r, c, where, sizeof where));
                for (; *t; t++)
                    if (*t == '\n')
                        fputs("\\n", stdout);
                    else
                        putchar(*t);
                putchar('\n');
            }
    }
    mgi_sheet_free(s);
    mgi_diag_free(diag);
    return err == MGI_OK ? 0 : 65;
}
