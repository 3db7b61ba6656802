/* test_csv.c — runs the CSV reader over the plain-text cases in tests/csv/cases.txt. */
#define _XOPEN_SOURCE 700 /* fileno */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mgi/csv.h"

/* Case file format (one case after another):
 *
 *   === name of the case
 *   in: <the file's bytes, with C escapes: \n \r \t \" \\ \xHH>
 *   <expected output, up to the next "===" or the end>
 *
 * Expected output for a file that parses: "delim: ," then one line per row
 * (header first) of cells "LINE:COL=text" joined by " | ", with newlines in
 * the text shown as \n. For a file that does not: one line per diagnostic,
 * "LINE:COL: error: message". Lines starting with '#' are comments. */

static char *unescape(const char *s, size_t *len)
{
    char *out = malloc(strlen(s) + 1), *d = out;
    for (; *s; s++) {
        if (*s != '\\') {
            *d++ = *s;
            continue;
        }
        switch (*++s) {
        case 'n': *d++ = '\n'; break;
        case 'r': *d++ = '\r'; break;
        case 't': *d++ = '\t'; break;
        case '0': *d++ = '\0'; break;
        case 'x': {
            unsigned v;
            sscanf(s + 1, "%2x", &v);
            *d++ = (char)v;
            s += 2;
            break;
        }
        default: *d++ = *s; break;
        }
    }
    *len = (size_t)(d - out);
    return out;
}

static void append(char **buf, size_t *len, size_t *cap, const char *s)
{
    size_t n = strlen(s);
    if (*len + n + 1 > *cap) {
        *cap = (*len + n + 1) * 2;
        *buf = realloc(*buf, *cap);
    }
    memcpy(*buf + *len, s, n + 1);
    *len += n;
}

typedef struct sink {
    char *buf;
    size_t len, cap;
} sink;

/* One row as "LINE:COL=text | …" (the header when row is MGI_CSV_HEADER). */
static void render_row(sink *o, const mgi_csv *csv, size_t row)
{
    char line[64];
    for (size_t c = 0; c < mgi_csv_ncols(csv); c++) {
        unsigned l, k;
        mgi_csv_where(csv, row, c, &l, &k);
        const char *t = row == MGI_CSV_HEADER ? mgi_csv_name(csv, c) : mgi_csv_cell(csv, row, c);
        snprintf(line, sizeof line, "%s%u:%u=", c ? " | " : "", l, k);
        append(&o->buf, &o->len, &o->cap, line);
        for (; *t; t++) {
            char ch[3] = {*t, 0, 0};
            if (*t == '\n')
                ch[0] = '\\', ch[1] = 'n';
            else if (*t == '\r')
                ch[0] = '\\', ch[1] = 'r';
            append(&o->buf, &o->len, &o->cap, ch);
        }
    }
    append(&o->buf, &o->len, &o->cap, "\n");
}

/* Every cell's text must be what mgi_csv_unquote makes of its span. */
static void check_spans(sink *o, const mgi_csv *csv, size_t row, const char *input)
{
    char out[256];
    for (size_t c = 0; c < mgi_csv_ncols(csv); c++) {
        size_t off, len;
        mgi_csv_span(csv, row, c, &off, &len);
        char *text = malloc(len + 1);
        text[mgi_csv_unquote(input + off, len, text)] = '\0';
        const char *want = row == MGI_CSV_HEADER ? mgi_csv_name(csv, c) : mgi_csv_cell(csv, row, c);
        if (strcmp(text, want) != 0) {
            snprintf(out, sizeof out, "span of row %zu col %zu gives \"%.40s\", not \"%.40s\"\n",
                     row, c, text, want);
            append(&o->buf, &o->len, &o->cap, out);
        }
        free(text);
    }
}

static void render_diag(sink *o, const mgi_diag *diag)
{
    char line[512];
    for (size_t i = 0; i < mgi_diag_size(diag); i++) {
        const mgi_diagnostic *d = mgi_diag_get(diag, i);
        snprintf(line, sizeof line, "%u:%u: %s: %s\n", d->line, d->col,
                 d->severity == MGI_ERROR ? "error" : "warning", d->message);
        append(&o->buf, &o->len, &o->cap, line);
    }
}

static void render_result(sink *o, mgi_error err)
{
    char line[128];
    if (err != MGI_OK && err != MGI_ERR_DATA) {
        snprintf(line, sizeof line, "result: %s\n", mgi_strerror(err));
        append(&o->buf, &o->len, &o->cap, line);
    }
}

/* The table, with every cell's span checked. */
static char *render(const char *input, size_t len)
{
    sink o = {0};
    char line[64];
    append(&o.buf, &o.len, &o.cap, "");
    mgi_diag *diag = mgi_diag_new();
    mgi_csv *csv = NULL;
    mgi_error err = mgi_csv_parse("t.csv", input, len, diag, &csv);
    render_diag(&o, diag);
    if (err == MGI_OK) {
        snprintf(line, sizeof line, "delim: %c\n", mgi_csv_delimiter(csv));
        append(&o.buf, &o.len, &o.cap, line);
        for (size_t r = 0; r <= mgi_csv_nrows(csv); r++) {
            size_t row = r == 0 ? MGI_CSV_HEADER : r - 1;
            render_row(&o, csv, row);
            check_spans(&o, csv, row, input);
        }
    }
    render_result(&o, err);
    mgi_csv_free(csv);
    mgi_diag_free(diag);
    return o.buf;
}

static bool on_header(const mgi_csv *csv, void *ctx)
{
    char line[64];
    sink *o = ctx;
    snprintf(line, sizeof line, "delim: %c\n", mgi_csv_delimiter(csv));
    append(&o->buf, &o->len, &o->cap, line);
    render_row(o, csv, MGI_CSV_HEADER);
    return true;
}

static bool on_row(mgi_csv *csv, void *ctx)
{
    if (mgi_csv_nrows(csv) != 1)
        append(&((sink *)ctx)->buf, &((sink *)ctx)->len, &((sink *)ctx)->cap, "nrows != 1\n");
    render_row(ctx, csv, 0);
    return true;
}

/* The same through mgi_csv_stream over a temporary file: must match render. */
static char *render_stream(const char *input, size_t len)
{
    sink o = {0}, rows = {0};
    append(&o.buf, &o.len, &o.cap, "");
    append(&rows.buf, &rows.len, &rows.cap, "");
    FILE *f = tmpfile();
    if (!f || fwrite(input, 1, len, f) != len || fflush(f) != 0) {
        append(&o.buf, &o.len, &o.cap, "cannot write a temporary file\n");
        return o.buf;
    }
    mgi_diag *diag = mgi_diag_new();
    static const mgi_csv_handler handler = {on_header, on_row};
    mgi_error err = mgi_csv_stream(fileno(f), "t.csv", &handler, &rows, diag);
    render_diag(&o, diag);
    if (err == MGI_OK)
        append(&o.buf, &o.len, &o.cap, rows.buf);
    render_result(&o, err);
    free(rows.buf);
    mgi_diag_free(diag);
    fclose(f);
    return o.buf;
}

/* Inputs too big to write in the cases file. */
static int check(const char *what, char *input, size_t len, const char *want)
{
    char *got = render(input, len);
    int bad = strncmp(got, want, strlen(want)) != 0;
    if (bad)
        printf("FAIL: %s\n--- expected (prefix)\n%s\n--- got\n%.300s\n", what, want, got);
    free(got);
    free(input);
    return bad;
}

static char *filled(const char *head, size_t n, char fill, const char *tail, size_t *len)
{
    size_t h = strlen(head), t = strlen(tail);
    char *s = malloc(h + n + t + 1);
    memcpy(s, head, h);
    memset(s + h, fill, n);
    memcpy(s + h + n, tail, t + 1);
    *len = h + n + t;
    return s;
}

static int stress(void)
{
    int failures = 0;
    size_t len;
    char *s = filled("a,b\n1,", MGI_CSV_MAX_FIELD, 'x', "\n", &len);
    failures += check("a field of exactly the limit", s, len, "delim: ,\n");
    s = filled("a,b\n1,", MGI_CSV_MAX_FIELD + 1, 'x', "\n", &len);
    failures += check("a field one byte over the limit", s, len,
                      "2:3: error: field longer than 65536 bytes\n");
    s = filled("a,b\n1,\"", 1 << 20, 'x', "\"\n", &len);
    failures +=
        check("a quoted 1 MiB field", s, len, "2:3: error: field longer than 65536 bytes\n");
    s = filled("a,b\n1,\"", 4 << 20, '\n', "", &len);
    failures += check("an unterminated quote followed by 4 MiB of newlines", s, len,
                      "2:3: error: field longer than 65536 bytes\n");
    /* 10,000 columns */
    s = malloc(20001);
    for (int i = 0; i < 10000; i++)
        s[2 * i] = 'c', s[2 * i + 1] = ',';
    s[19999] = '\n';
    failures += check("10,000 columns", s, 20000, "1:513: error: more than 256 columns\n");
    /* 200,000 rows parse, and the last one is where it should be. */
    len = 0;
    s = malloc(200000 * 12 + 16);
    len += (size_t)sprintf(s, "a,b\n");
    for (int i = 0; i < 200000; i++)
        len += (size_t)sprintf(s + len, "%d,x\n", i);
    mgi_diag *diag = mgi_diag_new();
    mgi_csv *csv = NULL;
    unsigned line = 0, col = 0;
    if (mgi_csv_parse("big.csv", s, len, diag, &csv) == MGI_OK)
        mgi_csv_where(csv, 199999, 1, &line, &col);
    if (!csv || mgi_csv_nrows(csv) != 200000 || line != 200001 || col != 8 ||
        strcmp(mgi_csv_cell(csv, 199999, 0), "199999") != 0) {
        printf("FAIL: 200,000 rows (line %u col %u)\n", line, col);
        failures++;
    }
    mgi_csv_free(csv);
    mgi_diag_free(diag);
    free(s);
    return failures;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_csv CASES\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    char line[8192], name[256] = "", *input = NULL, *expect = NULL;
    size_t ilen = 0, elen = 0, ecap = 0;
    int cases = 0, failures = 0;
    for (int more = 1; more;) {
        more = fgets(line, sizeof line, f) != NULL;
        if (!more || strncmp(line, "=== ", 4) == 0) {
            if (*name) {
                cases++;
                char *got = render(input ? input : "", ilen);
                char *streamed = render_stream(input ? input : "", ilen);
                if (strcmp(got, expect ? expect : "") != 0) {
                    failures++;
                    printf("FAIL: %s\n--- expected\n%s--- got\n%s\n", name, expect ? expect : "",
                           got);
                } else if (strcmp(streamed, got) != 0) {
                    failures++;
                    printf("FAIL: %s, streamed\n--- expected\n%s--- got\n%s\n", name, got,
                           streamed);
                }
                free(got);
                free(streamed);
            }
            if (!more)
                break;
            snprintf(name, sizeof name, "%s", line + 4);
            name[strcspn(name, "\n")] = '\0';
            free(input);
            input = NULL;
            ilen = 0;
            elen = 0;
            if (expect)
                expect[0] = '\0';
        } else if (line[0] == '#' || (line[0] == '\n' && !input)) {
            continue;
        } else if (strncmp(line, "in: ", 4) == 0) {
            line[strcspn(line, "\n")] = '\0';
            input = unescape(line + 4, &ilen);
        } else if (line[0] != '\n') {
            append(&expect, &elen, &ecap, line);
        }
    }
    fclose(f);
    free(input);
    free(expect);
    int stress_failures = stress();
    failures += stress_failures;
    printf("%d cases, %d failed; stress checks: %d failed\n", cases, failures - stress_failures,
           stress_failures);
    return failures ? 1 : 0;
}
