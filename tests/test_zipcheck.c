/* test_zipcheck.c — prints what mgi_zip_check says of each zip file given: "ok" or the reason. */
#include <stdio.h>

#include "mgi/zipcheck.h"

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        char why[512] = "";
        mgi_error err = mgi_zip_check(argv[i], why, sizeof why);
        printf("%s: %s\n", argv[i], err == MGI_OK ? "ok" : why[0] ? why : mgi_strerror(err));
    }
    return 0;
}
