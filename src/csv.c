/* csv.c — the CSV reader: libcsv for the grammar, this file for positions and checks. */
#include "mgi/csv.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mgi/utf8.h"

typedef struct cell {
    uint32_t text, len; /* offset into csv->text, length in bytes */
    uint32_t line, col;
    uint32_t raw, raw_len; /* the field's bytes in the file, quotes and all */
} cell;

/* raw_len of a cell a short row lacks (pad_row) */
#define MISSING UINT32_MAX

struct mgi_csv {
    char *path;
    char delim;
    unsigned long long hash;
    size_t ncols, nrows; /* nrows excludes the header, stored as row 0 */
    cell *cells;
    size_t ncells, cells_cap;
    char *text;
    size_t text_len, text_cap;
    size_t header_text; /* text_len after the header: a streamed row starts there */
};

/* State shared with libcsv's callbacks. libcsv reports no positions, so the
 * buffer is fed in pieces that end at every delimiter or line-end byte: a
 * callback can then only fire at the last byte of the current piece, which
 * tells where the next field starts. */
typedef struct parser {
    mgi_csv *csv;
    mgi_diag *diag;
    const char *buf;
    size_t len;
    mgi_utf8_cursor cursor;
    size_t piece_end;   /* offset of the last byte of the piece being fed */
    size_t field_start; /* offset where the current field starts */
    size_t row_fields;  /* fields seen in the current row */
    size_t row_first;   /* index in csv->cells of the current row's first cell */
    size_t row_text;    /* csv->text_len where the current row's text starts */
    unsigned row_line, row_col;
    bool between_rows; /* no field begun since the last row ended */
    size_t rows_ended;
    bool stop;
    mgi_error err;
    bool mapped;                    /* buf is a read-only mapping of the file */
    size_t released;                /* bytes of buf given back to the page cache */
    const mgi_csv_handler *handler; /* streaming: rows go to it, not into the table */
    void *ctx;
    bool deliver; /* rows still go to the handler */
} parser;

/*
 * When buf maps the file, the pages before upto go back to the kernel
 * (MADV_DONTNEED: they stay in the page cache, out of this process's memory,
 * and come back by themselves if read again, e.g. to place an error). Reading
 * a file into a buffer held the whole file beside its parsed cells: twice
 * the file at the peak of loading.
 */
static void release(parser *p, size_t upto)
{
    /* Called after every piece (every field): cheap unless 4 MiB are due. */
    if (!p->mapped || upto < p->released + (4u << 20))
        return;
    size_t page = (size_t)sysconf(_SC_PAGESIZE), end = upto - upto % page;
    if (end > p->released) {
        madvise((void *)(uintptr_t)(p->buf + p->released), end - p->released, MADV_DONTNEED);
        p->released = end;
    }
}

/* All of buf back to the kernel, before parsing reads it again from the start. */
static void release_all(parser *p)
{
    if (p->mapped && p->len)
        madvise((void *)(uintptr_t)p->buf, p->len, MADV_DONTNEED);
    p->released = 0;
}

static void fail(parser *p, mgi_error err, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void fail(parser *p, mgi_error err, size_t off, const char *fmt, ...)
{
    unsigned line, col;
    mgi_utf8_position(p->buf, p->len, off, &line, &col);
    va_list ap;
    va_start(ap, fmt);
    mgi_diag_vadd(p->diag, MGI_ERROR, p->csv->path, line, col, fmt, ap);
    va_end(ap);
    if (p->err == MGI_OK || err == MGI_ERR_NOMEM)
        p->err = err;
}

static bool reserve_text(mgi_csv *csv, size_t n)
{
    if (csv->text_cap - csv->text_len >= n)
        return true;
    size_t cap = csv->text_cap ? csv->text_cap : 4096;
    while (cap - csv->text_len < n)
        cap *= 2;
    if (cap > UINT32_MAX)
        return false;
    char *t = realloc(csv->text, cap);
    if (!t)
        return false;
    csv->text = t;
    csv->text_cap = cap;
    return true;
}

static bool push_cell(parser *p, const char *s, size_t len, size_t raw, size_t raw_end)
{
    mgi_csv *csv = p->csv;
    if (csv->ncells == csv->cells_cap) {
        size_t cap = csv->cells_cap ? csv->cells_cap * 2 : 256;
        cell *c = realloc(csv->cells, cap * sizeof *c);
        if (!c)
            return false;
        csv->cells = c;
        csv->cells_cap = cap;
    }
    if (!reserve_text(csv, len + 1))
        return false;
    cell *c = &csv->cells[csv->ncells++];
    c->text = (uint32_t)csv->text_len;
    char *d = csv->text + csv->text_len;
    if (!memchr(s, '\r', len)) { /* no CRLF to make LF: the bytes as they are */
        memcpy(d, s, len);
        d += len;
    } else {
        for (size_t i = 0; i < len; i++)
            if (!(s[i] == '\r' && i + 1 < len && s[i + 1] == '\n'))
                *d++ = s[i];
    }
    *d = '\0';
    c->len = (uint32_t)(d - (csv->text + csv->text_len));
    csv->text_len += c->len + 1;
    c->line = p->cursor.line;
    c->col = p->cursor.col;
    c->raw = (uint32_t)raw;
    c->raw_len = (uint32_t)(raw_end - raw);
    return true;
}

static void on_field(void *s, size_t len, void *data)
{
    parser *p = data;
    if (p->stop)
        return;
    /* The field's place: its first character, past trimmed white space. */
    size_t start = p->field_start;
    while (start < p->piece_end && (p->buf[start] == ' ' || p->buf[start] == '\t'))
        start++;
    if (start == p->piece_end)
        start = p->field_start; /* a field of white space only */
    if (len > MGI_CSV_MAX_FIELD) {
        fail(p, MGI_ERR_DATA, start, "field longer than %d bytes", MGI_CSV_MAX_FIELD);
        p->stop = true;
        return;
    }
    mgi_utf8_advance(&p->cursor, p->buf, p->len, start);
    if (p->row_fields == 0) {
        p->row_line = p->cursor.line;
        p->row_col = p->cursor.col;
    }
    bool header = p->csv->ncols == 0;
    if (header && p->row_fields >= MGI_CSV_MAX_COLUMNS) {
        fail(p, MGI_ERR_DATA, start, "more than %d columns", MGI_CSV_MAX_COLUMNS);
        p->stop = true;
        return;
    }
    /* Fields beyond the header's count are counted, not stored. */
    if (header || p->row_fields < p->csv->ncols) {
        if (!push_cell(p, s ? s : "", len, p->field_start, p->piece_end)) {
            fail(p, MGI_ERR_NOMEM, start, "out of memory");
            p->stop = true;
            return;
        }
    }
    p->row_fields++;
    p->field_start = p->piece_end + 1;
    p->between_rows = false;
}

static bool check_header(parser *p);

/* A row short of trailing cells gets them, empty and marked missing (as
 * spreadsheet tools and pandas read such a row): whether a missing cell is an
 * error is for the reader, who knows which columns are optional. */
static bool pad_row(parser *p)
{
    while (p->row_fields < p->csv->ncols) {
        if (!push_cell(p, "", 0, p->piece_end, p->piece_end))
            return false;
        cell *c = &p->csv->cells[p->csv->ncells - 1];
        c->line = p->row_line;
        c->col = p->row_col;
        c->raw_len = MISSING;
        p->row_fields++;
    }
    return true;
}

static void on_row(int c, void *data)
{
    (void)c;
    parser *p = data;
    if (p->stop)
        return;
    mgi_csv *csv = p->csv;
    p->rows_ended++;
    if (csv->ncols == 0) {
        csv->ncols = p->row_fields;
        csv->header_text = csv->text_len;
        const mgi_csv_handler *h = p->handler;
        bool ok = check_header(p);
        p->deliver = h && ok && (!h->header || h->header(csv, p->ctx));
    } else if (p->row_fields < csv->ncols && !pad_row(p)) {
        fail(p, MGI_ERR_NOMEM, p->piece_end, "out of memory");
    } else if (p->row_fields != csv->ncols) {
        mgi_diag_add(p->diag, MGI_ERROR, csv->path, p->row_line, p->row_col,
                     "row has %zu field%s but the header has %zu", p->row_fields,
                     p->row_fields == 1 ? "" : "s", csv->ncols);
        p->err = MGI_ERR_DATA;
        csv->ncells = p->row_first;
        csv->text_len = p->row_text;
    } else {
        csv->nrows++;
        if (p->handler) {
            /* The row is the table's only one while the handler looks at it. */
            if (p->deliver)
                p->deliver = p->handler->row(csv, p->ctx);
            csv->nrows = 0;
            csv->ncells = csv->ncols;
            csv->text_len = csv->header_text;
        }
    }
    p->row_first = csv->ncells;
    p->row_text = csv->text_len;
    p->row_fields = 0;
    p->field_start = p->piece_end + 1;
    p->between_rows = true;
}

/* The delimiter of the header line, or 0 after reporting a mixed header. */
static char detect_delimiter(parser *p, size_t pos)
{
    size_t commas = 0, semis = 0, first_comma = 0, first_semi = 0;
    bool quoted = false;
    for (size_t i = pos; i < p->len; i++) {
        char c = p->buf[i];
        if (c == '"')
            quoted = !quoted;
        else if (quoted)
            continue;
        else if (c == '\n' || c == '\r') {
            if (commas + semis > 0)
                break; /* blank lines before the header do not count */
        } else if (c == ',') {
            if (!commas++)
                first_comma = i;
        } else if (c == ';') {
            if (!semis++)
                first_semi = i;
        }
    }
    if (commas && semis) {
        fail(p, MGI_ERR_DATA, commas >= semis ? first_semi : first_comma,
             "the header line mixes ',' and ';' as delimiters");
        return 0;
    }
    return semis ? ';' : ',';
}

/* Reports empty and duplicate column names; false when there are any. */
static bool check_header(parser *p)
{
    bool ok = true;
    mgi_csv *csv = p->csv;
    for (size_t i = 0; i < csv->ncols; i++) {
        const cell *c = &csv->cells[i];
        const char *name = csv->text + c->text;
        if (c->len == 0) {
            mgi_diag_add(p->diag, MGI_ERROR, csv->path, c->line, c->col, "empty column name");
            p->err = MGI_ERR_DATA;
            ok = false;
            continue;
        }
        for (size_t j = 0; j < i; j++) {
            if (strcasecmp(name, csv->text + csv->cells[j].text) == 0) {
                mgi_diag_add(p->diag, MGI_ERROR, csv->path, c->line, c->col,
                             "duplicate column \"%s\" (first at column %u)", name,
                             csv->cells[j].col);
                p->err = MGI_ERR_DATA;
                ok = false;
                break;
            }
        }
    }
    return ok;
}

static void report_encoding(parser *p, mgi_utf8_problem problem, size_t bad)
{
    unsigned char b = (unsigned char)p->buf[bad];
    switch (problem) {
    case MGI_UTF8_UTF16:
        fail(p, MGI_ERR_DATA, bad, "file is UTF-16, not UTF-8; re-save it as \"CSV UTF-8\"");
        break;
    case MGI_UTF8_NUL:
        fail(p, MGI_ERR_DATA, bad,
             "NUL byte (is this a binary or UTF-16 file?); re-save it as \"CSV UTF-8\"");
        break;
    case MGI_UTF8_BOM:
        fail(p, MGI_ERR_DATA, bad, "byte-order mark after the start of the file");
        break;
    default:
        fail(p, MGI_ERR_DATA, bad,
             "invalid UTF-8 byte 0x%02X (Latin-1 or Windows-1252?); re-save the file as "
             "\"CSV UTF-8\"",
             b);
        break;
    }
}

/* Parses buf into a table (*out), or, with a handler, hands it the rows and
 * frees the table at the end (out NULL). */
/* Text after the quote that closed a field. When the field spans lines, the
 * mistake is where it opened (a stray quote), so that place is named too. */
static void after_quote(parser *p, size_t at)
{
    size_t q = p->field_start;
    while (q < at && (p->buf[q] == ' ' || p->buf[q] == '\t'))
        q++;
    unsigned line, col, qline, qcol;
    mgi_utf8_position(p->buf, p->len, at, &line, &col);
    mgi_utf8_position(p->buf, p->len, q, &qline, &qcol);
    if (qline != line)
        fail(p, MGI_ERR_DATA, at,
             "unexpected text after a closing quote; the quoted field began at %u:%u (a quote "
             "inside a quoted field must be doubled)",
             qline, qcol);
    else
        fail(p, MGI_ERR_DATA, at,
             "unexpected text after a closing quote (a quote inside a quoted field must be "
             "doubled)");
}

static mgi_error parse(const char *name, const char *buf, size_t len, bool mapped,
                       const mgi_csv_handler *handler, void *ctx, mgi_diag *diag, mgi_csv **out)
{
    if (out)
        *out = NULL;
    struct csv_parser lib;
    bool lib_ready = false;
    parser p = {.diag = diag,
                .buf = buf,
                .len = len,
                .between_rows = true,
                .mapped = mapped,
                .handler = handler,
                .ctx = ctx};
    mgi_csv *csv = calloc(1, sizeof *csv);
    if (!csv || !(csv->path = strdup(name))) {
        free(csv);
        return MGI_ERR_NOMEM;
    }
    p.csv = csv;
    if (len > MGI_CSV_MAX_FILE) {
        mgi_diag_add(diag, MGI_ERROR, name, 0, 0, "file larger than %u MiB",
                     MGI_CSV_MAX_FILE >> 20);
        p.err = MGI_ERR_DATA;
        goto cleanup;
    }
    /* Hashed and checked 4 MiB at a time, each piece given back when done
     * (a whole mapped file read at once would be in memory all at once). */
    csv->hash = 14695981039346656037ull;
    for (size_t at = 0, end; at < len; at = end) {
        end = len - at > (4u << 20) ? at + (4u << 20) : len;
        while (end < len && end > at + 4 && ((unsigned char)buf[end] & 0xC0) == 0x80)
            end--; /* a piece ends before a character, not inside one */
        for (size_t i = at; i < end; i++)
            csv->hash = (csv->hash ^ (unsigned char)buf[i]) * 1099511628211ull;
        size_t bad;
        mgi_utf8_problem problem = mgi_utf8_check_from(buf, end, at, &bad);
        if (problem != MGI_UTF8_OK) {
            report_encoding(&p, problem, bad);
            goto cleanup;
        }
        release(&p, end);
    }
    size_t pos = (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
    char delim = detect_delimiter(&p, pos);
    if (!delim)
        goto cleanup;
    csv->delim = delim;
    release_all(&p); /* hashed and checked: read again piece by piece below */

    if (csv_init(&lib, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        p.err = MGI_ERR_NOMEM;
        goto cleanup;
    }
    lib_ready = true;
    csv_set_delim(&lib, (unsigned char)delim);
    /* libcsv grows its field buffer by blk_size bytes at a time (128 by
     * default): large fields would be copied quadratically often. */
    csv_set_blk_size(&lib, 16 * 1024);

    p.field_start = pos;
    while (pos < len && !p.stop) {
        size_t e = mgi_utf8_find3(buf, pos, len, delim, '\n', '\r'); /* the piece's end */
        if (e == len)
            e = len - 1;
        if (e + 1 - p.field_start > 2 * (size_t)MGI_CSV_MAX_FIELD + 2) {
            fail(&p, MGI_ERR_DATA, p.field_start, "field longer than %d bytes", MGI_CSV_MAX_FIELD);
            break;
        }
        /* A blank line (white space at most) between rows: libcsv skips it. */
        bool blank = p.between_rows && (buf[e] == '\n' || buf[e] == '\r') &&
                     strspn(buf + pos, " \t") >= e - pos;
        p.piece_end = e;
        size_t rows_before = p.rows_ended;
        size_t n = csv_parse(&lib, buf + pos, e - pos + 1, on_field, on_row, &p);
        if (p.stop)
            break;
        if (n != e - pos + 1) {
            if (csv_error(&lib) == CSV_ENOMEM || csv_error(&lib) == CSV_ETOOBIG) {
                fail(&p, MGI_ERR_NOMEM, pos + n, "out of memory");
            } else {
                /* libcsv stops at the offending byte. */
                size_t at = pos + n;
                if (buf[at] == '"')
                    fail(&p, MGI_ERR_DATA, at,
                         "quote inside an unquoted field (quote the whole field and double "
                         "the quotes inside it)");
                else
                    after_quote(&p, at);
            }
            break;
        }
        if (blank)
            p.field_start = e + 1;
        else if (p.rows_ended == rows_before)
            p.between_rows = false; /* a field has begun */
        pos = e + 1;
        release(&p, p.field_start < p.cursor.off ? p.field_start : p.cursor.off);
    }
    if (pos >= len && !p.stop && p.err != MGI_ERR_NOMEM) {
        p.piece_end = len;
        if (csv_fini(&lib, on_field, on_row, &p) != 0 && !p.stop) {
            size_t q = p.field_start;
            while (q < len && (buf[q] == ' ' || buf[q] == '\t'))
                q++;
            fail(&p, MGI_ERR_DATA, q, "quote opened here is never closed");
        }
    }
    if (p.err == MGI_OK && csv->ncols == 0 && csv->ncells == 0) {
        mgi_diag_add(diag, MGI_ERROR, name, 1, 1, "empty file: expected a header line");
        p.err = MGI_ERR_DATA;
    }

cleanup:
    if (lib_ready)
        csv_free(&lib);
    if (p.err != MGI_OK || !out) {
        mgi_csv_free(csv);
        return p.err;
    }
    *out = csv;
    return MGI_OK;
}

mgi_error mgi_csv_parse(const char *name, const char *buf, size_t len, mgi_diag *diag,
                        mgi_csv **out)
{
    return parse(name, buf, len, false, NULL, NULL, diag, out);
}

/* Reads the open file fd (from its start) as mgi_csv_read or mgi_csv_stream. */
static mgi_error read_fd(int fd, const char *path, const mgi_csv_handler *handler, void *ctx,
                         mgi_diag *diag, mgi_csv **out)
{
    mgi_error err = MGI_OK;
    char *buf = NULL;
    void *map = MAP_FAILED;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "not a regular file");
        return MGI_ERR_NOINPUT;
    }
    if ((unsigned long long)st.st_size > MGI_CSV_MAX_FILE) {
        mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "file larger than %u MiB",
                     MGI_CSV_MAX_FILE >> 20);
        return MGI_ERR_DATA;
    }
    size_t size = (size_t)st.st_size;
    /* Mapped, so that parsing can give the pages it is done with back
     * (release()); read into memory where mapping fails. */
    if (size > 0)
        map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (map != MAP_FAILED) {
        err = parse(path, map, size, true, handler, ctx, diag, out);
        munmap(map, size);
        return err;
    }
    if (!(buf = malloc(size ? size : 1)))
        return MGI_ERR_NOMEM;
    for (size_t got = 0; got < size;) {
        ssize_t n = pread(fd, buf + got, size - got, (off_t)got);
        if (n <= 0) {
            mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "read error: %s",
                         n < 0 ? strerror(errno) : "file shrank while being read");
            free(buf);
            return MGI_ERR_IO;
        }
        got += (size_t)n;
    }
    err = parse(path, buf, size, false, handler, ctx, diag, out);
    free(buf);
    return err;
}

mgi_error mgi_csv_read(const char *path, mgi_diag *diag, mgi_csv **out)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        bool missing = errno == ENOENT || errno == ENOTDIR;
        mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "%s", missing ? "no such file" : strerror(errno));
        return missing ? MGI_ERR_NOINPUT : MGI_ERR_IO;
    }
    mgi_error err = read_fd(fd, path, NULL, NULL, diag, out);
    close(fd);
    return err;
}

mgi_error mgi_csv_stream(int fd, const char *name, const mgi_csv_handler *handler, void *ctx,
                         mgi_diag *diag)
{
    return read_fd(fd, name, handler, ctx, diag, NULL);
}

void mgi_csv_free(mgi_csv *csv)
{
    if (!csv)
        return;
    free(csv->path);
    free(csv->cells);
    free(csv->text);
    free(csv);
}

const char *mgi_csv_path(const mgi_csv *csv)
{
    return csv->path;
}

unsigned long long mgi_csv_hash(const mgi_csv *csv)
{
    return csv->hash;
}
char mgi_csv_delimiter(const mgi_csv *csv)
{
    return csv->delim;
}
size_t mgi_csv_ncols(const mgi_csv *csv)
{
    return csv->ncols;
}
size_t mgi_csv_nrows(const mgi_csv *csv)
{
    return csv->nrows;
}

static const cell *cell_at(const mgi_csv *csv, size_t row, size_t col)
{
    size_t r = row == MGI_CSV_HEADER ? 0 : row + 1;
    return &csv->cells[r * csv->ncols + col];
}

const char *mgi_csv_name(const mgi_csv *csv, size_t col)
{
    return csv->text + csv->cells[col].text;
}

int mgi_csv_find(const mgi_csv *csv, const char *name)
{
    for (size_t i = 0; i < csv->ncols; i++)
        if (strcasecmp(mgi_csv_name(csv, i), name) == 0)
            return (int)i;
    return -1;
}

const char *mgi_csv_cell(const mgi_csv *csv, size_t row, size_t col)
{
    return csv->text + cell_at(csv, row, col)->text;
}

char *mgi_csv_cell_mut(mgi_csv *csv, size_t row, size_t col)
{
    return csv->text + cell_at(csv, row, col)->text;
}

size_t mgi_csv_cell_len(const mgi_csv *csv, size_t row, size_t col)
{
    return cell_at(csv, row, col)->len;
}

void mgi_csv_span(const mgi_csv *csv, size_t row, size_t col, size_t *off, size_t *len)
{
    const cell *c = cell_at(csv, row, col);
    *off = c->raw;
    *len = c->raw_len == MISSING ? 0 : c->raw_len;
}

bool mgi_csv_missing(const mgi_csv *csv, size_t row, size_t col)
{
    return cell_at(csv, row, col)->raw_len == MISSING;
}

size_t mgi_csv_row_fields(const mgi_csv *csv, size_t row)
{
    size_t n = csv->ncols;
    while (n > 0 && mgi_csv_missing(csv, row, n - 1))
        n--;
    return n;
}

/* Copies s[0..n) to out with every CR LF as LF; returns the length written. */
static size_t copy_crlf(char *out, const char *s, size_t n)
{
    size_t w = 0;
    for (const char *cr; n && (cr = memchr(s, '\r', n));) {
        size_t k = (size_t)(cr - s);
        bool crlf = k + 1 < n && cr[1] == '\n';
        memcpy(out + w, s, k + !crlf); /* the CR itself only when no LF follows */
        w += k + !crlf;
        s += k + 1;
        n -= k + 1;
    }
    memcpy(out + w, s, n);
    return w + n;
}

/* What libcsv (strict mode) and push_cell make of a field, for one field
 * that has already been read without error: a quoted field loses its quotes,
 * its doubled quotes and any spaces after the closing quote; an unquoted one
 * its surrounding spaces and tabs; CR LF becomes LF. */
size_t mgi_csv_unquote(const char *raw, size_t len, char *out)
{
    size_t i = 0, n = 0;
    while (i < len && (raw[i] == ' ' || raw[i] == '\t'))
        i++;
    if (i < len && raw[i] == '"') {
        for (i++; i < len;) {
            const char *q = memchr(raw + i, '"', len - i);
            size_t stop = q ? (size_t)(q - raw) : len;
            n += copy_crlf(out + n, raw + i, stop - i);
            if (stop + 1 >= len || raw[stop + 1] != '"')
                break;      /* the closing quote */
            out[n++] = '"'; /* a doubled quote */
            i = stop + 2;
        }
        return n;
    }
    while (len > i && (raw[len - 1] == ' ' || raw[len - 1] == '\t'))
        len--;
    return copy_crlf(out, raw + i, len - i);
}

void mgi_csv_where(const mgi_csv *csv, size_t row, size_t col, unsigned *line, unsigned *column)
{
    const cell *c = cell_at(csv, row, col);
    *line = c->line;
    *column = c->col;
}

bool mgi_csv_formula_like(const char *s)
{
    return *s && strchr("=+-@\t\r", *s);
}

/* Writes s as one field, quoted (inner quotes doubled) when it holds delim, a
 * quote, a line end, or leading or trailing spaces; after prefix, when not
 * NULL, inside the quotes. */
static void write_field(FILE *f, const char *prefix, const char *s, char delim)
{
    bool quote = strchr(s, delim) || strpbrk(s, "\"\r\n") || (!prefix && *s == ' ') ||
                 (*s && s[strlen(s) - 1] == ' ');
    if (quote)
        putc('"', f);
    if (prefix)
        fputs(prefix, f);
    for (; *s; s++) {
        if (quote && *s == '"')
            putc('"', f);
        putc(*s, f);
    }
    if (quote)
        putc('"', f);
}

void mgi_csv_write_text(FILE *f, const char *s, char delim)
{
    write_field(f, mgi_csv_formula_like(s) ? "'" : NULL, s, delim);
}

void mgi_csv_write_field(FILE *f, const char *s, char delim)
{
    write_field(f, NULL, s, delim);
}
