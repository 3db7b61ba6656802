/* output.h — writing output files atomically: a temporary file, then rename. */
#ifndef MGI_OUTPUT_H
#define MGI_OUTPUT_H

#include <stdio.h>

#include "mgi/diag.h"
#include "mgi/error.h"

/*
 * Every output is written to a temporary file in the directory of its final
 * name and renamed into place only when complete, so that a failed or
 * killed run never leaves a truncated file under the final name and never
 * replaces a good file with a broken one.
 */

typedef struct mgi_output {
    FILE *f;    /* write here */
    char *path; /* the final name */
    char *tmp;  /* the temporary file */
} mgi_output;

/* Creates a temporary file next to path (mode 0644 before umask). Errors:
 * MGI_ERR_CANTCREAT (reported in diag with the file name), MGI_ERR_NOMEM. */
mgi_error mgi_output_open(mgi_output *out, const char *path, mgi_diag *diag);

/* Like mgi_output_open, for libraries that write a file by name (libxlsxwriter):
 * out->tmp is the name to write to; out->f is NULL. */
mgi_error mgi_output_open_name(mgi_output *out, const char *path, mgi_diag *diag);

/* Flushes and closes the file and renames it to its final name.
 * A write error at any point (disk full…) is reported with the file name
 * and gives MGI_ERR_IO; the temporary file is then removed. out is empty
 * afterwards in all cases. */
mgi_error mgi_output_commit(mgi_output *out, mgi_diag *diag);

/* Closes and removes the temporary file. Accepts an empty or NULL out. */
void mgi_output_abort(mgi_output *out);

#endif
