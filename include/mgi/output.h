/* output.h — writing output files atomically: a temporary file, then rename. */
#ifndef MGI_OUTPUT_H
#define MGI_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "mgi/diag.h"
#include "mgi/error.h"

/*
 * Every output is written to a temporary file in the directory of its final
 * name, NAME.tmp-XXXXXX (six letters or digits, mkstemp), and renamed into
 * place only when complete, so that a failed or killed run never leaves a
 * truncated file under the final name and never replaces a good file with a
 * broken one.
 *
 * Errors, with the final file name in diag:
 *   MGI_ERR_CANTCREAT (exit 73) the temporary cannot be created: permissions,
 *                     a read-only file system, a missing directory…
 *   MGI_ERR_IO (exit 74) a write, flush, close or rename failed: the disk is
 *                     full or failing (ENOSPC, EDQUOT, EIO; EFBIG over a
 *                     file-size limit), even when that shows already at
 *                     creation; the message is "cannot write: <strerror>"
 *                     ("cannot create: …" then).
 *
 * A killed run (SIGKILL, power loss) leaves its temporaries behind. mgi build
 * removes them from the directories it owns before writing (build.h), and
 * only those: files whose names match the pattern above exactly
 * (mgi_output_is_temporary), while it holds the lock on OUT that keeps two
 * builds from writing into one directory at the same time.
 */

struct mgi_output_sink;

typedef struct mgi_output {
    FILE *f;                      /* write here */
    char *path;                   /* the final name */
    char *tmp;                    /* the temporary file */
    struct mgi_output_sink *sink; /* under f: remembers the first write error */
} mgi_output;

/* Creates a temporary file next to path (mode 0644 before umask). Errors:
 * MGI_ERR_CANTCREAT or MGI_ERR_IO (above), MGI_ERR_NOMEM. */
mgi_error mgi_output_open(mgi_output *out, const char *path, mgi_diag *diag);

/* Like mgi_output_open, for libraries that write a file by name (libxlsxwriter):
 * out->tmp is the name to write to; out->f is NULL. */
mgi_error mgi_output_open_name(mgi_output *out, const char *path, mgi_diag *diag);

/* Flushes and closes the file and renames it to its final name.
 * A write error at any point (disk full…) is reported with the file name
 * and the system's reason (the first failed write's errno, kept under f, not
 * whatever errno holds by now) and gives MGI_ERR_IO; the temporary file is
 * then removed. out is empty afterwards in all cases. */
mgi_error mgi_output_commit(mgi_output *out, mgi_diag *diag);

/* Flushes and closes the file but leaves it under its temporary name, for a
 * change made of several files: all are written before any takes its name,
 * so that a full disk changes none of them. mgi_output_commit then only
 * renames. Errors as for mgi_output_commit (out is then empty). */
mgi_error mgi_output_close(mgi_output *out, mgi_diag *diag);

/* For a writer that found its own write failing: reports "cannot write" with
 * the file name and a reason (errnum when non-zero, else the first write
 * error under out->f, else EIO), removes the temporary file and returns
 * MGI_ERR_IO. out is empty afterwards. */
mgi_error mgi_output_fail(mgi_output *out, int errnum, mgi_diag *diag);

/* Copies what remains of in (read from the file named from) to path,
 * atomically as above, and closes in. Errors: as mgi_output_open and
 * mgi_output_commit, and MGI_ERR_IO when in cannot be read (reported with
 * from). */
mgi_error mgi_output_copy(FILE *in, const char *from, const char *path, mgi_diag *diag);

/*
 * Scratch files for a library that writes its temporary files without
 * checking the writes or the reads, and leaves some open on its error paths
 * (libxlsxwriter). Either anonymous memory files (memfd_create; where the
 * system has none, unnamed files in TMPDIR or /tmp), or unnamed files next to
 * an output (O_TMPFILE; where the file system has none, mkstemp as
 * DIR/scratch.xlsx.tmp-XXXXXX, unlinked at once, a name that a killed run's
 * sweep removes); gone when closed. The set keeps the errno of the first
 * write, read or close that failed, to be read after the library has closed
 * the files, and the files still open, for mgi_scratch_free to close.
 */
typedef struct mgi_scratch {
    char *dir; /* where the files go; NULL: in memory */
    int err;   /* errno of the first failed write, read or close; 0 when none */
    struct mgi_scratch_file *open;
} mgi_scratch;

/* An anonymous memory file (memfd_create, close-on-exec) named name, open for
 * reading and writing; -1 with errno set (ENOSYS where the system has none). */
int mgi_memory_fd(const char *name);

/* An empty set for files next to path (in its directory; "." for a bare
 * name), or, with path NULL, for memory files. Errors: MGI_ERR_NOMEM. */
mgi_error mgi_scratch_init(mgi_scratch *set, const char *path);

/* A new scratch file of set, open for reading and writing, or NULL with
 * errno set. The caller (or the library it is handed to) closes it with
 * fclose. */
FILE *mgi_scratch_file(mgi_scratch *set);

/* Closes the files of set still open and frees it. Accepts NULL and a set
 * freed already. */
void mgi_scratch_free(mgi_scratch *set);

/* Closes and removes the temporary file. Accepts an empty or NULL out. */
void mgi_output_abort(mgi_output *out);

/* True when name (no directory) is one of mgi's temporaries: an output's name
 * (ending .csv, .pdf, .xlsx, .svg, .png or .html) followed by ".tmp-" and six
 * letters or digits, e.g. "profile-en.pdf.tmp-a8Xk2Q". */
bool mgi_output_is_temporary(const char *name);

/* Removes (remove true) or only counts the temporaries of interrupted runs in
 * dir: regular files, not symbolic links, whose names pass
 * mgi_output_is_temporary; subdirectories are not entered. Only for a
 * directory no other mgi process is writing into. *found is the number found
 * (removed or not); files that cannot be removed are left and counted. A
 * directory that cannot be read is not an error: it has nothing to sweep. */
void mgi_output_sweep(const char *dir, bool remove, size_t *found);

#endif
