/* readback.h — responses.csv kept open: findings and sources read back from it when a document
 * prints them. */
#ifndef MGI_READBACK_H
#define MGI_READBACK_H

#include <stddef.h>

#include "mgi/arena.h"
#include "mgi/diag.h"
#include "mgi/error.h"

/*
 * A data set of a thousand communes has some 70 MB of findings; they stay in
 * the file, and a text is read back by its place (the offset and length of its
 * CSV field) when a document prints it. Two windows of the file serve the
 * reads: the focused commune's texts, read in one go, and the last text read
 * from elsewhere with the 2 KiB that follow it (often the next text wanted).
 * A file that changed after loading (size, inode or modification time, or a
 * short read) is an error: no text is ever silently different. Not
 * thread-safe (processes are fine).
 */
typedef struct mgi_textfile mgi_textfile;

/* Opens path and remembers what it is. Errors: MGI_ERR_NOINPUT ("no such
 * file"), MGI_ERR_IO, MGI_ERR_NOMEM; reported in diag with the path. The path
 * is copied. */
mgi_error mgi_textfile_open(const char *path, mgi_diag *diag, mgi_textfile **out);
/* Closes the file and frees its windows. Accepts NULL. */
void mgi_textfile_close(mgi_textfile *tf);
/* The open file, for reading it through once (mgi_csv_stream). */
int mgi_textfile_fd(const mgi_textfile *tf);

/* Reads bytes [lo, hi) into the home window (when at most 4 MiB): the texts of
 * the commune about to be printed. A hint: a failure shows at
 * mgi_textfile_check. */
void mgi_textfile_focus(mgi_textfile *tf, size_t lo, size_t hi);
/* The text of the CSV field of len bytes at off: unquoted, trimmed,
 * NUL-terminated, in arena a. Never NULL: "" on failure, which the file
 * remembers for mgi_textfile_check. */
const char *mgi_textfile_read(mgi_textfile *tf, size_t off, size_t len, mgi_arena *a);
/* MGI_OK when every read so far succeeded (or tf is NULL); else the first
 * failure, added to diag with the path (it could not be read, or it changed). */
mgi_error mgi_textfile_check(const mgi_textfile *tf, mgi_diag *diag);

#endif
