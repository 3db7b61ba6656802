/* test_error.c — every error code has its own message and the documented exit status. */
#include <stdio.h>
#include <string.h>

#include "mgi/error.h"

int main(void)
{
    static const int status[MGI_ERR_COUNT] = {
        [MGI_OK] = 0,        [MGI_ERR_NOMEM] = 70,   [MGI_ERR_USAGE] = 64,
        [MGI_ERR_DATA] = 65, [MGI_ERR_NOINPUT] = 66, [MGI_ERR_CANTCREAT] = 73,
        [MGI_ERR_IO] = 74,   [MGI_ERR_INTERNAL] = 70};
    int failures = 0;
    for (int e = 0; e < MGI_ERR_COUNT; e++) {
        const char *m = mgi_strerror((mgi_error)e);
        if (!m || !*m || strcmp(m, "unknown error") == 0) {
            printf("FAIL: code %d has no message\n", e);
            failures++;
        }
        for (int k = 0; k < e; k++)
            if (strcmp(m, mgi_strerror((mgi_error)k)) == 0) {
                printf("FAIL: codes %d and %d share the message \"%s\"\n", k, e, m);
                failures++;
            }
        if (mgi_exit_status((mgi_error)e) != status[e]) {
            printf("FAIL: code %d exits %d, expected %d\n", e, mgi_exit_status((mgi_error)e),
                   status[e]);
            failures++;
        }
    }
    if (strcmp(mgi_strerror(MGI_ERR_COUNT), "unknown error") != 0 ||
        strcmp(mgi_strerror((mgi_error)-1), "unknown error") != 0) {
        printf("FAIL: out-of-range codes\n");
        failures++;
    }
    printf("%d codes, %d failures\n", MGI_ERR_COUNT, failures);
    return failures != 0;
}
