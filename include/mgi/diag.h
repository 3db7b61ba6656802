/* diag.h — diagnostics: every problem found in the input, with its place. */
#ifndef MGI_DIAG_H
#define MGI_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef enum mgi_severity { MGI_WARNING, MGI_ERROR } mgi_severity;

/* One problem. line and col are 1-based; 0 means "the whole file" (then
 * col is 0 too). col counts characters (UTF-8 code points), not bytes. */
typedef struct mgi_diagnostic {
    mgi_severity severity;
    const char *file; /* path as given by the user, e.g. "data/responses.csv" */
    unsigned line, col;
    const char *message; /* English, no trailing period, e.g. unknown answer "si" */
} mgi_diagnostic;

/* A list of diagnostics in the order they were found. Stages append to it
 * and return an mgi_error; only main.c prints it. */
typedef struct mgi_diag mgi_diag;

/* At most this many diagnostics are kept; later ones are only counted. */
#define MGI_DIAG_MAX 10000

/* A new, empty list; NULL when out of memory. */
mgi_diag *mgi_diag_new(void);

/* Frees the list and its strings. Accepts NULL. */
void mgi_diag_free(mgi_diag *diag);

/* Appends a diagnostic; the message is formatted printf-style and both it and
 * file are copied. Out of memory is remembered (mgi_diag_nomem) rather than
 * returned, so that callers can report and go on. */
void mgi_diag_add(mgi_diag *diag, mgi_severity severity, const char *file, unsigned line,
                  unsigned col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
void mgi_diag_vadd(mgi_diag *diag, mgi_severity severity, const char *file, unsigned line,
                   unsigned col, const char *fmt, va_list ap);

/* Diagnostics across a pipe, from worker processes to their parent, one line
 * each, shorter than PIPE_BUF so that writes never interleave:
 * "D<severity>\t<line>\t<col>\t<file>\t<message>\n" (line ends in the message
 * become spaces). mgi_diag_send writes diagnostics [from, size) to fd and
 * returns false when a write failed; mgi_diag_receive adds the diagnostic of
 * such a line (without its "\n"; it is changed in place) and returns false
 * when the line is not one. */
bool mgi_diag_send(const mgi_diag *diag, size_t from, int fd);
bool mgi_diag_receive(mgi_diag *diag, char *line);

/* Number of diagnostics kept (at most MGI_DIAG_MAX) and the i-th of them. */
size_t mgi_diag_size(const mgi_diag *diag);
const mgi_diagnostic *mgi_diag_get(const mgi_diag *diag, size_t i);

/* Number of diagnostics of a severity added, kept or not. */
size_t mgi_diag_count(const mgi_diag *diag, mgi_severity severity);

/* Non-zero when an allocation failed while adding. */
int mgi_diag_nomem(const mgi_diag *diag);

#endif
