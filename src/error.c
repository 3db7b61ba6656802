/* error.c — messages and exit statuses for mgi_error. */
#include "mgi/error.h"

static const char *const messages[MGI_ERR_COUNT] = {
    [MGI_OK] = "success",
    [MGI_ERR_NOMEM] = "out of memory",
    [MGI_ERR_USAGE] = "invalid command line",
    [MGI_ERR_DATA] = "input data has errors",
    [MGI_ERR_NOINPUT] = "input not found",
    [MGI_ERR_CANTCREAT] = "cannot create output",
    [MGI_ERR_IO] = "input/output error",
    [MGI_ERR_INTERNAL] = "internal error",
};

const char *mgi_strerror(mgi_error err)
{
    if ((unsigned)err >= MGI_ERR_COUNT)
        return "unknown error";
    return messages[err];
}

int mgi_exit_status(mgi_error err)
{
    switch (err) {
    case MGI_OK: return 0;
    case MGI_ERR_USAGE: return 64;
    case MGI_ERR_DATA: return 65;
    case MGI_ERR_NOINPUT: return 66;
    case MGI_ERR_CANTCREAT: return 73;
    case MGI_ERR_IO: return 74;
    default: return 70;
    }
}
