/* utf8.h — UTF-8 checks and positions (line, column) in text buffers. */
#ifndef MGI_UTF8_H
#define MGI_UTF8_H

#include <stddef.h>

/* What is wrong at the first bad position of a buffer. */
typedef enum mgi_utf8_problem {
    MGI_UTF8_OK = 0,
    MGI_UTF8_INVALID, /* not UTF-8: a Latin-1 or Windows-1252 byte, a truncated sequence… */
    MGI_UTF8_NUL,     /* a NUL byte (binary or UTF-16 file) */
    MGI_UTF8_UTF16,   /* a UTF-16 byte-order mark at the start */
    MGI_UTF8_BOM,     /* a UTF-8 byte-order mark after the start */
} mgi_utf8_problem;

/* Checks that s[0..len) is UTF-8 (RFC 3629: no overlong forms, surrogates or
 * code points above U+10FFFF) without NUL bytes; a byte-order mark is allowed
 * only at offset 0. Returns MGI_UTF8_OK, or the problem with *bad set to the
 * offset of the first offending byte. */
mgi_utf8_problem mgi_utf8_check(const char *s, size_t len, size_t *bad);

/* The same for s[from..len), a piece of a longer text that starts at offset
 * from of it (from > 0: not at a byte-order mark's place), so that a big
 * file can be checked a piece at a time; *bad is an offset into s. */
mgi_utf8_problem mgi_utf8_check_from(const char *s, size_t len, size_t from, size_t *bad);

/* The 1-based line and column (in code points) of byte offset off in
 * s[0..len). Lines end at LF, at CRLF, or at a CR not followed by LF; a BOM
 * at the start does not count as a column. */
void mgi_utf8_position(const char *s, size_t len, size_t off, unsigned *line, unsigned *col);

/* Incremental form of mgi_utf8_position for increasing offsets: start with a
 * zeroed cursor, then call mgi_utf8_advance with offsets that never go back. */
typedef struct mgi_utf8_cursor {
    size_t off;
    unsigned line, col; /* of off, 0 before the first call */
} mgi_utf8_cursor;
void mgi_utf8_advance(mgi_utf8_cursor *cur, const char *s, size_t len, size_t off);

/* The offset of the first byte at or after from (of the len at s) that is
 * a, b or c, or len when there is none. Eight bytes at a time through the
 * runs that hold none of them: for the reader's scan of long fields. */
size_t mgi_utf8_find3(const char *s, size_t from, size_t len, char a, char b, char c);

/* Number of code points in the n bytes at s (valid UTF-8 assumed). */
size_t mgi_utf8_length(const char *s, size_t n);

/* s (n bytes) with typographic quotes, as a typesetter sets them (Bringhurst,
 * 5.4.5; the Chicago Manual 6.115): an apostrophe or closing single quote ’ for
 * ', except an opening ‘ after a space or an opening bracket and before a
 * letter; “ for " at the start or after a space or bracket, ” elsewhere. Writes
 * a NUL-terminated result into out and returns its length; when it does not
 * fit in size bytes, copies nothing and returns (size_t)-1. */
size_t mgi_utf8_quotes(const char *s, size_t n, char *out, size_t size);

#endif
