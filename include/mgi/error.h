/* error.h — the one error type of mgi and its messages. */
#ifndef MGI_ERROR_H
#define MGI_ERROR_H

/*
 * Every stage returns an mgi_error. Details (file, line, column, what is
 * wrong) travel separately in an mgi_diag list (diag.h); the code only says
 * what kind of failure it was, and main.c turns it into a sysexits code.
 */
typedef enum mgi_error {
    MGI_OK = 0,        /* success */
    MGI_ERR_NOMEM,     /* out of memory */
    MGI_ERR_USAGE,     /* bad command line (EX_USAGE 64) */
    MGI_ERR_DATA,      /* the input data has errors (EX_DATAERR 65) */
    MGI_ERR_NOINPUT,   /* a data directory or required file is missing (EX_NOINPUT 66) */
    MGI_ERR_CANTCREAT, /* an output file or directory cannot be created (EX_CANTCREAT 73) */
    MGI_ERR_IO,        /* reading or writing failed (EX_IOERR 74) */
    MGI_ERR_INTERNAL,  /* a bug in mgi (EX_SOFTWARE 70) */
    MGI_ERR_COUNT      /* number of codes; not an error */
} mgi_error;

/* A short English description of err, e.g. "input data has errors".
 * Never NULL; the string is static. Unknown codes give "unknown error". */
const char *mgi_strerror(mgi_error err);

/* The sysexits(3) exit status for err: 0 for MGI_OK, 64 usage, 65 data,
 * 66 missing input, 73 cannot create, 74 I/O, 70 otherwise (including NOMEM
 * and INTERNAL). */
int mgi_exit_status(mgi_error err);

#endif
