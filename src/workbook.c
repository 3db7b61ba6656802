/* workbook.c — one sheet of an .xlsx or .ods as a table of text: libzip for the zip, expat for the
 * XML. */
#include "mgi/workbook.h"

#include <ctype.h>
#include <errno.h>
#include <expat.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#include "mgi/arena.h"

/* ------------------------------------------------------------------ zip */

struct mgi_zip {
    zip_t *z;
    size_t n;
};

static void say(char *why, size_t whylen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void say(char *why, size_t whylen, const char *fmt, ...)
{
    if (!why || !whylen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, whylen, fmt, ap);
    va_end(ap);
}

/* A member name that stays inside the folder it would be unpacked in. */
static bool safe_name(const char *name)
{
    if (!*name || name[0] == '/' || name[0] == '\\' || strchr(name, ':'))
        return false;
    for (const char *s = name; *s;) {
        size_t n = strcspn(s, "/\\");
        if (n == 2 && s[0] == '.' && s[1] == '.')
            return false;
        s += n;
        if (*s)
            s++;
    }
    return true;
}

mgi_error mgi_zip_open(const char *path, const void *buf, size_t len, mgi_zip **out, char *why,
                       size_t whylen)
{
    *out = NULL;
    int zerr = 0;
    zip_t *z = NULL;
    if (path) {
        z = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
    } else {
        zip_error_t ze;
        zip_error_init(&ze);
        zip_source_t *src = zip_source_buffer_create(buf, len, 0, &ze);
        if (src && !(z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze))) {
            zip_source_free(src);
        }
        zerr = zip_error_code_zip(&ze);
        zip_error_fini(&ze);
    }
    if (!z) {
        switch (zerr) {
        case ZIP_ER_NOENT: say(why, whylen, "no such file"); return MGI_ERR_NOINPUT;
        case ZIP_ER_OPEN:
        case ZIP_ER_READ:
        case ZIP_ER_SEEK:
            say(why, whylen, "cannot read: %s", strerror(errno ? errno : EIO));
            return MGI_ERR_IO;
        case ZIP_ER_MEMORY: return MGI_ERR_NOMEM;
        default:
            say(why, whylen, "not a whole zip file (cut short or damaged)");
            return MGI_ERR_DATA;
        }
    }
    zip_int64_t n = zip_get_num_entries(z, 0);
    for (zip_int64_t i = 0; i < n; i++) {
        const char *name = zip_get_name(z, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
        if (!name || !safe_name(name)) {
            say(why, whylen, "a member's name leaves its folder (\"%s\")", name ? name : "");
            zip_discard(z);
            return MGI_ERR_DATA;
        }
    }
    mgi_zip *zp = malloc(sizeof *zp);
    if (!zp) {
        zip_discard(z);
        return MGI_ERR_NOMEM;
    }
    zp->z = z;
    zp->n = n < 0 ? 0 : (size_t)n;
    *out = zp;
    return MGI_OK;
}

void mgi_zip_close(mgi_zip *zip)
{
    if (!zip)
        return;
    zip_discard(zip->z);
    free(zip);
}

size_t mgi_zip_count(const mgi_zip *zip)
{
    return zip->n;
}

const char *mgi_zip_name(const mgi_zip *zip, size_t i)
{
    return zip_get_name(zip->z, i, ZIP_FL_ENC_RAW);
}

bool mgi_zip_has(const mgi_zip *zip, const char *name)
{
    return zip_name_locate(zip->z, name, ZIP_FL_ENC_RAW) >= 0;
}

mgi_error mgi_zip_read(mgi_zip *zip, const char *name, size_t max,
                       bool (*fn)(const char *piece, size_t n, void *ctx), void *ctx, char *why,
                       size_t whylen)
{
    zip_int64_t idx = zip_name_locate(zip->z, name, ZIP_FL_ENC_RAW);
    zip_stat_t st;
    if (idx < 0 || zip_stat_index(zip->z, (zip_uint64_t)idx, 0, &st) != 0) {
        say(why, whylen, "%s is missing", name);
        return MGI_ERR_DATA;
    }
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
        say(why, whylen, "%s is encrypted: save the workbook without a password", name);
        return MGI_ERR_DATA;
    }
    if ((st.valid & ZIP_STAT_SIZE) && st.size > max) {
        say(why, whylen, "%s inflates to %llu MB, more than the %zu MB a workbook part may have",
            name, (unsigned long long)(st.size >> 20), max >> 20);
        return MGI_ERR_DATA;
    }
    zip_file_t *f = zip_fopen_index(zip->z, (zip_uint64_t)idx, 0);
    if (!f) {
        zip_error_t *ze = zip_get_error(zip->z);
        say(why, whylen, "%s cannot be read: %s", name, zip_error_strerror(ze));
        return zip_error_code_zip(ze) == ZIP_ER_MEMORY ? MGI_ERR_NOMEM : MGI_ERR_DATA;
    }
    enum { PIECE = 65536 };
    char *piece = malloc(PIECE);
    size_t total = 0;
    mgi_error err = piece ? MGI_OK : MGI_ERR_NOMEM;
    while (piece) {
        zip_int64_t got = zip_fread(f, piece, PIECE);
        if (got < 0) {
            say(why, whylen, "%s is damaged: %s", name, zip_file_strerror(f));
            err = MGI_ERR_DATA;
            break;
        }
        if (got == 0)
            break;
        total += (size_t)got;
        if (total > max) {
            say(why, whylen, "%s inflates past the %zu MB a workbook part may have", name,
                max >> 20);
            err = MGI_ERR_DATA;
            break;
        }
        if (!fn(piece, (size_t)got, ctx))
            break;
    }
    free(piece);
    zip_fclose(f);
    return err;
}

/* ------------------------------------------------------------ the reader */

typedef struct gcell {
    uint32_t row; /* 0-based */
    uint32_t col;
    uint32_t seq; /* order of reading: the last of two cells at one place wins */
    const char *text;
} gcell;

typedef struct sheetref {
    const char *name, *rid;
} sheetref;

typedef struct reader {
    const char *path; /* for messages */
    mgi_zip *zip;
    XML_Parser xp;
    const char *part;
    mgi_error err;
    char why[600];
    mgi_arena *arena;
    /* the text of the element being read */
    char *buf;
    size_t blen, bcap;
    int collect; /* > 0: character data goes to buf */
    /* shared strings and styles (xlsx) */
    const char **sst;
    size_t nsst, sst_cap, text_total;
    unsigned char fmt_date[4096]; /* number formats that show a date */
    unsigned char *xf_date;
    size_t nxf, xf_cap;
    bool in_cellxfs, date1904;
    /* the workbook's sheets and relationships */
    sheetref *sheets;
    size_t nsheets, sheets_cap;
    const char *want_rid, *want_target, *sst_target, *styles_target, *office_target;
    /* the sheet being read */
    const char *const *names;
    long row, col;     /* current (0-based); col is the next cell's when unnamed */
    int ctype, cstyle; /* xlsx cell type and style */
    bool in_v, in_is, in_t, in_rph, in_si;
    /* ods */
    int table_depth; /* > 0 inside the wanted table */
    bool found;      /* the wanted sheet was seen */
    bool done;       /* the parser was stopped because all that is wanted is read */
    const char *title;
    long rep_rows, rep_cols;
    int annotation; /* depth inside office:annotation */
    int paras;      /* paragraphs seen in the current cell */
    const char *ods_value;
    bool in_cell;
    gcell *rowcells; /* the current ODS row's cells, to repeat */
    size_t nrowcells, rowcells_cap;
    /* the grid */
    gcell *cells;
    size_t ncells, cells_cap;
    uint32_t seq;
} reader;

enum { T_NUMBER, T_SHARED, T_INLINE, T_STR, T_BOOL, T_ERROR, T_DATE };
enum { MAX_CELLS = 500000 }; /* 12 MB of cells; an entry sheet has about 1,000 */

static void fail(reader *r, mgi_error err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void fail(reader *r, mgi_error err, const char *fmt, ...)
{
    if (r->err == MGI_OK) {
        r->err = err;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(r->why, sizeof r->why, fmt, ap);
        va_end(ap);
    }
    if (r->xp)
        XML_StopParser(r->xp, XML_FALSE);
}

/* Makes room in *arr (n elements used, *cap allocated; first: the capacity of
 * a first allocation) for one more element of size bytes; false, with the
 * reader failed, when out of memory. */
static bool room(reader *r, void **arr, size_t n, size_t *cap, size_t first, size_t size)
{
    if (n < *cap)
        return true;
    size_t c = *cap ? *cap * 2 : first;
    void *p = realloc(*arr, c * size);
    if (!p) {
        fail(r, MGI_ERR_NOMEM, "out of memory");
        return false;
    }
    *arr = p;
    *cap = c;
    return true;
}
#define ROOM(r, arr, n, cap, first) room((r), (void **)&(arr), (n), &(cap), (first), sizeof *(arr))

static const char *local(const char *name)
{
    const char *bar = strrchr(name, '|');
    return bar ? bar + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(local(atts[i]), name) == 0)
            return atts[i + 1];
    return NULL;
}

static void on_text(void *ud, const XML_Char *s, int len)
{
    reader *r = ud;
    if (r->collect <= 0 || r->err)
        return;
    size_t n = (size_t)len;
    if (r->blen + n > MGI_WORKBOOK_MAX_CELL) {
        fail(r, MGI_ERR_DATA, "%s: a cell holds more than %d KiB of text", r->part,
             MGI_WORKBOOK_MAX_CELL / 1024);
        return;
    }
    if (r->blen + n + 1 > r->bcap) {
        size_t cap = r->bcap ? r->bcap : 256;
        while (cap < r->blen + n + 1)
            cap *= 2;
        char *b = realloc(r->buf, cap);
        if (!b) {
            fail(r, MGI_ERR_NOMEM, "out of memory");
            return;
        }
        r->buf = b;
        r->bcap = cap;
    }
    memcpy(r->buf + r->blen, s, n);
    r->blen += n;
    r->buf[r->blen] = '\0';
}

static void add_text(reader *r, const char *s, size_t n)
{
    int keep = r->collect;
    r->collect = 1;
    on_text(r, s, (int)n);
    r->collect = keep;
}

/* The collected text, kept in the arena (counted against the limit, with
 * what keeping it costs besides its bytes: a million empty shared strings
 * must not take 100 MB). */
static const char *keep_text(reader *r, const char *s, size_t n)
{
    r->text_total += n + 16;
    if (r->text_total > MGI_WORKBOOK_MAX_TEXT) {
        fail(r, MGI_ERR_DATA, "%s: more than %u MB of text", r->part, MGI_WORKBOOK_MAX_TEXT >> 20);
        return NULL;
    }
    const char *t = mgi_arena_strndup(r->arena, s, n);
    if (!t)
        fail(r, MGI_ERR_NOMEM, "out of memory");
    return t;
}

/* No workbook part declares a document type: refusing one refuses every
 * entity (billion laughs) and every external entity before it is declared. */
static void on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
                       int internal)
{
    (void)name, (void)sysid, (void)pubid, (void)internal;
    reader *r = ud;
    fail(r, MGI_ERR_DATA, "%s declares a document type (entities are not allowed in a workbook)",
         r->part);
}

static bool feed(const char *piece, size_t n, void *ctx)
{
    reader *r = ctx;
    if (r->done)
        return false;
    if (XML_Parse(r->xp, piece, (int)n, XML_FALSE) == XML_STATUS_ERROR) {
        if (r->done)
            return false;
        if (r->err == MGI_OK)
            fail(r, MGI_ERR_DATA, "%s is not well-formed XML (line %lu: %s)", r->part,
                 (unsigned long)XML_GetCurrentLineNumber(r->xp),
                 XML_ErrorString(XML_GetErrorCode(r->xp)));
        return false;
    }
    return r->err == MGI_OK && XML_GetErrorCode(r->xp) == XML_ERROR_NONE;
}

/* Parses zip member part with the handlers, the reader as user data. */
static void parse_part(reader *r, const char *part, XML_StartElementHandler start,
                       XML_EndElementHandler end)
{
    if (r->err)
        return;
    r->part = part;
    r->xp = XML_ParserCreateNS(NULL, '|');
    if (!r->xp) {
        fail(r, MGI_ERR_NOMEM, "out of memory");
        return;
    }
    XML_SetUserData(r->xp, r);
    XML_SetElementHandler(r->xp, start, end);
    XML_SetCharacterDataHandler(r->xp, on_text);
    XML_SetStartDoctypeDeclHandler(r->xp, on_doctype);
    XML_SetParamEntityParsing(r->xp, XML_PARAM_ENTITY_PARSING_NEVER);
    char why[300] = "";
    mgi_error err = mgi_zip_read(r->zip, part, MGI_WORKBOOK_MAX_PART, feed, r, why, sizeof why);
    if (err != MGI_OK)
        fail(r, err, "%s", why);
    else if (r->err == MGI_OK && !r->done && XML_GetErrorCode(r->xp) == XML_ERROR_NONE &&
             XML_Parse(r->xp, "", 0, XML_TRUE) == XML_STATUS_ERROR)
        fail(r, MGI_ERR_DATA, "%s is not well-formed XML (line %lu: %s)", part,
             (unsigned long)XML_GetCurrentLineNumber(r->xp),
             XML_ErrorString(XML_GetErrorCode(r->xp)));
    XML_ParserFree(r->xp);
    r->xp = NULL;
    r->collect = 0;
    r->blen = 0;
    r->done = false;
}

static void put_cell(reader *r, long row, long col, const char *text)
{
    if (r->err || !text || !*text || col >= MGI_WORKBOOK_MAX_COLUMNS)
        return;
    if (row >= MGI_WORKBOOK_MAX_ROWS) {
        fail(r, MGI_ERR_DATA, "the sheet has text in row %ld, past the %d rows mgi reads", row + 1,
             MGI_WORKBOOK_MAX_ROWS);
        return;
    }
    if (r->ncells >= MAX_CELLS) {
        fail(r, MGI_ERR_DATA, "the sheet has more than %d cells with text", MAX_CELLS);
        return;
    }
    if (!ROOM(r, r->cells, r->ncells, r->cells_cap, 1024))
        return;
    r->cells[r->ncells++] = (gcell){(uint32_t)row, (uint32_t)col, r->seq++, text};
}

/* --------------------------------------------------------------- values */

/* A number as a spreadsheet's General format shows it. */
static const char *number_text(reader *r, const char *v)
{
    char *end;
    while (*v == ' ')
        v++;
    double d = strtod(v, &end);
    if (end == v || *end || !isfinite(d))
        return keep_text(r, v, strlen(v));
    char out[64];
    if (d == floor(d) && fabs(d) < 1e15)
        snprintf(out, sizeof out, "%.0f", d);
    else
        snprintf(out, sizeof out, "%.15g", d);
    if (strcmp(out, "-0") == 0)
        strcpy(out, "0");
    char *e = strchr(out, 'e');
    if (e)
        *e = 'E'; /* 1E+21, as a spreadsheet shows it */
    return keep_text(r, out, strlen(out));
}

/* Days since 1970-01-01 to a civil date (H. Hinnant's algorithm). */
static void civil(long long z, int *y, int *m, int *d)
{
    z += 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* An Excel date serial as YYYY-MM-DD (the 1900 system counts a 29 February
 * 1900 that never was). */
static const char *serial_date(reader *r, const char *v)
{
    char *end;
    double d = strtod(v, &end);
    if (end == v || *end || !(d >= 1 && d < 2958466))
        return number_text(r, v);
    long long s = (long long)floor(d);
    long long days; /* since 1970-01-01 */
    if (r->date1904)
        days = s + 1462 - 25569;
    else
        days = s - (s >= 61 ? 25569 : 25568);
    int y, m, dd;
    civil(days, &y, &m, &dd);
    char out[16];
    snprintf(out, sizeof out, "%04d-%02d-%02d", y, m, dd);
    return keep_text(r, out, strlen(out));
}

/* Whether a number format code shows a date: d or y outside quotes,
 * escapes and [brackets]. */
static bool date_code(const char *code)
{
    for (const char *s = code; *s; s++) {
        if (*s == '"') {
            const char *q = strchr(s + 1, '"');
            if (!q)
                return false;
            s = q;
        } else if (*s == '\\' && s[1]) {
            s++;
        } else if (*s == '[') {
            const char *q = strchr(s, ']');
            if (!q)
                return false;
            s = q;
        } else if (*s == ';') {
            return false; /* the first section decides */
        } else if (strchr("dDyY", *s)) {
            return true;
        }
    }
    return false;
}

static bool builtin_date(long id)
{
    return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

/* ------------------------------------------------------------- xlsx parts */

static void rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    reader *r = ud;
    if (strcmp(local(name), "Relationship") != 0)
        return;
    const char *id = attr(atts, "Id"), *type = attr(atts, "Type"), *target = attr(atts, "Target");
    if (!type || !target)
        return;
    size_t tl = strlen(type);
    const char **slot = NULL;
#define ENDS(s) (tl >= sizeof(s) - 1 && strcmp(type + tl - (sizeof(s) - 1), s) == 0)
    if (ENDS("/officeDocument"))
        slot = &r->office_target;
    else if (ENDS("/sharedStrings"))
        slot = &r->sst_target;
    else if (ENDS("/styles"))
        slot = &r->styles_target;
    else if (id && r->want_rid && strcmp(id, r->want_rid) == 0)
        slot = &r->want_target;
#undef ENDS
    if (slot && !*slot)
        *slot = keep_text(r, target, strlen(target));
}

static void book_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    reader *r = ud;
    const char *n = local(name);
    if (strcmp(n, "workbookPr") == 0) {
        const char *v = attr(atts, "date1904");
        r->date1904 = v && (strcmp(v, "1") == 0 || strcasecmp(v, "true") == 0);
    } else if (strcmp(n, "sheet") == 0) {
        const char *sn = attr(atts, "name"), *id = attr(atts, "id");
        if (!sn || !id || r->nsheets >= 4096)
            return;
        if (!ROOM(r, r->sheets, r->nsheets, r->sheets_cap, 16))
            return;
        r->sheets[r->nsheets].name = keep_text(r, sn, strlen(sn));
        r->sheets[r->nsheets++].rid = keep_text(r, id, strlen(id));
    }
}

static void ignore_end(void *ud, const XML_Char *name)
{
    (void)ud, (void)name;
}

static void styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    reader *r = ud;
    const char *n = local(name);
    if (strcmp(n, "numFmt") == 0) {
        const char *id = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
        long i = id ? strtol(id, NULL, 10) : -1;
        if (code && i >= 0 && i < (long)sizeof r->fmt_date)
            r->fmt_date[i] = date_code(code);
    } else if (strcmp(n, "cellXfs") == 0) {
        r->in_cellxfs = true;
    } else if (strcmp(n, "xf") == 0 && r->in_cellxfs) {
        const char *id = attr(atts, "numFmtId");
        long i = id ? strtol(id, NULL, 10) : 0;
        if (r->nxf >= 65536)
            return;
        if (!ROOM(r, r->xf_date, r->nxf, r->xf_cap, 64))
            return;
        r->xf_date[r->nxf++] =
            builtin_date(i) || (i >= 0 && i < (long)sizeof r->fmt_date && r->fmt_date[i]);
    }
}

static void styles_end(void *ud, const XML_Char *name)
{
    reader *r = ud;
    if (strcmp(local(name), "cellXfs") == 0)
        r->in_cellxfs = false;
}

static void sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    (void)atts;
    reader *r = ud;
    const char *n = local(name);
    if (strcmp(n, "si") == 0) {
        r->in_si = true;
        r->blen = 0;
    } else if (strcmp(n, "rPh") == 0) {
        r->in_rph = true;
    } else if (strcmp(n, "t") == 0 && r->in_si && !r->in_rph) {
        r->collect = 1;
    }
}

static void sst_end(void *ud, const XML_Char *name)
{
    reader *r = ud;
    const char *n = local(name);
    if (strcmp(n, "t") == 0) {
        r->collect = 0;
    } else if (strcmp(n, "rPh") == 0) {
        r->in_rph = false;
    } else if (strcmp(n, "si") == 0 && r->in_si) {
        r->in_si = false;
        if (!ROOM(r, r->sst, r->nsst, r->sst_cap, 256))
            return;
        const char *t = keep_text(r, r->buf ? r->buf : "", r->blen);
        if (t)
            r->sst[r->nsst++] = t;
        r->blen = 0;
    }
}

/* "D12" → column 3, row 11; false when it is not a cell reference. */
static bool cell_ref(const char *ref, long *row, long *col)
{
    long c = 0, rw = 0;
    const char *s = ref;
    for (; *s >= 'A' && *s <= 'Z' && c < 100000; s++)
        c = c * 26 + (*s - 'A' + 1);
    if (s == ref || !isdigit((unsigned char)*s))
        return false;
    for (; isdigit((unsigned char)*s) && rw < 100000000; s++)
        rw = rw * 10 + (*s - '0');
    if (*s || rw < 1)
        return false;
    *col = c - 1;
    *row = rw - 1;
    return true;
}

static void sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    reader *r = ud;
    const char *n = local(name);
    if (strcmp(n, "row") == 0) {
        const char *rn = attr(atts, "r");
        long v = rn ? strtol(rn, NULL, 10) : 0;
        r->row = v >= 1 && v <= 100000000 ? v - 1 : r->row + 1;
        r->col = 0;
    } else if (strcmp(n, "c") == 0) {
        const char *ref = attr(atts, "r"), *t = attr(atts, "t"), *s = attr(atts, "s");
        long rw, cl;
        if (ref && cell_ref(ref, &rw, &cl)) {
            r->row = rw;
            r->col = cl;
        }
        r->ctype = !t                            ? T_NUMBER
                   : strcmp(t, "s") == 0         ? T_SHARED
                   : strcmp(t, "inlineStr") == 0 ? T_INLINE
                   : strcmp(t, "str") == 0       ? T_STR
                   : strcmp(t, "b") == 0         ? T_BOOL
                   : strcmp(t, "e") == 0         ? T_ERROR
                   : strcmp(t, "d") == 0         ? T_DATE
                                                 : T_NUMBER;
        r->cstyle = s ? (int)strtol(s, NULL, 10) : 0;
        r->blen = 0;
        r->in_cell = true;
    } else if (!r->in_cell) {
        return;
    } else if (strcmp(n, "v") == 0) {
        r->in_v = true;
        r->collect = 1;
    } else if (strcmp(n, "is") == 0) {
        r->in_is = true;
    } else if (strcmp(n, "rPh") == 0) {
        r->in_rph = true;
    } else if (strcmp(n, "t") == 0 && r->in_is && !r->in_rph) {
        r->collect = 1;
    }
}

static const char *cell_value(reader *r)
{
    const char *v = r->buf ? r->buf : "";
    switch (r->ctype) {
    case T_SHARED: {
        char *end;
        unsigned long i = strtoul(v, &end, 10);
        if (end == v || *end || i >= r->nsst) {
            fail(r, MGI_ERR_DATA,
                 "%s: a cell in row %ld refers to shared string %s, but the workbook has %zu",
                 r->part, r->row + 1, v, r->nsst);
            return NULL;
        }
        return r->sst[i];
    }
    case T_BOOL:
        return strcmp(v, "1") == 0   ? "TRUE"
               : strcmp(v, "0") == 0 ? "FALSE"
                                     : keep_text(r, v, r->blen);
    case T_DATE: return keep_text(r, v, r->blen < 10 ? r->blen : 10);
    case T_NUMBER:
        if (!*v)
            return NULL;
        if (r->cstyle > 0 && (size_t)r->cstyle < r->nxf && r->xf_date[r->cstyle])
            return serial_date(r, v);
        return number_text(r, v);
    default: return keep_text(r, v, r->blen);
    }
}

static void sheet_end(void *ud, const XML_Char *name)
{
    reader *r = ud;
    const char *n = local(name);
    if (strcmp(n, "c") == 0 && r->in_cell) {
        r->in_cell = false;
        r->collect = 0;
        if (r->blen || r->ctype == T_SHARED)
            put_cell(r, r->row, r->col, r->blen ? cell_value(r) : NULL);
        r->col++;
        r->blen = 0;
    } else if (strcmp(n, "v") == 0) {
        r->in_v = false;
        r->collect = 0;
    } else if (strcmp(n, "is") == 0) {
        r->in_is = false;
    } else if (strcmp(n, "rPh") == 0) {
        r->in_rph = false;
    } else if (strcmp(n, "t") == 0) {
        r->collect = 0;
    }
}

/* A relationship's target, from the folder of the part that names it. */
static const char *resolve(reader *r, const char *base, const char *target)
{
    char path[1024];
    if (target[0] == '/')
        snprintf(path, sizeof path, "%s", target + 1);
    else
        snprintf(path, sizeof path, "%s%s", base, target);
    /* Take out "./" and "dir/../" segments. */
    char out[1024];
    size_t o = 0;
    for (char *s = path; *s;) {
        size_t len = strcspn(s, "/");
        if (len == 1 && s[0] == '.') {
        } else if (len == 2 && s[0] == '.' && s[1] == '.') {
            if (o == 0)
                return NULL;
            o--;
            while (o > 0 && out[o - 1] != '/')
                o--;
        } else if (len) {
            memcpy(out + o, s, len);
            o += len;
            if (s[len] == '/')
                out[o++] = '/';
        }
        s += len;
        if (*s == '/')
            s++;
    }
    return keep_text(r, out, o);
}

static bool name_wanted(const char *const *names, const char *name)
{
    while (*name == ' ')
        name++;
    size_t n = strlen(name);
    while (n && name[n - 1] == ' ')
        n--;
    for (size_t i = 0; names[i]; i++)
        if (strlen(names[i]) == n && strncasecmp(names[i], name, n) == 0)
            return true;
    return false;
}

static void read_xlsx(reader *r)
{
    parse_part(r, "_rels/.rels", rels_start, ignore_end);
    const char *book = r->office_target ? resolve(r, "", r->office_target) : "xl/workbook.xml";
    if (r->err)
        return;
    if (!book || !mgi_zip_has(r->zip, book)) {
        fail(r, MGI_ERR_DATA, "neither an .xlsx nor an .ods workbook (no %s)",
             book ? book : "workbook part");
        return;
    }
    char base[512], rels[600];
    const char *slash = strrchr(book, '/');
    snprintf(base, sizeof base, "%.*s", slash ? (int)(slash - book + 1) : 0, book);
    snprintf(rels, sizeof rels, "%s_rels/%s.rels", base, slash ? slash + 1 : book);
    parse_part(r, book, book_start, ignore_end);
    for (size_t i = 0; i < r->nsheets && !r->want_rid; i++)
        if (name_wanted(r->names, r->sheets[i].name)) {
            r->want_rid = r->sheets[i].rid;
            r->title = r->sheets[i].name;
        }
    if (r->err || !r->want_rid)
        return;
    parse_part(r, rels, rels_start, ignore_end);
    const char *sheet = r->want_target ? resolve(r, base, r->want_target) : NULL;
    if (r->err)
        return;
    if (!sheet || !mgi_zip_has(r->zip, sheet)) {
        fail(r, MGI_ERR_DATA, "the part of sheet %s is missing", r->title);
        return;
    }
    const char *styles = r->styles_target ? resolve(r, base, r->styles_target) : NULL;
    if (styles && mgi_zip_has(r->zip, styles))
        parse_part(r, styles, styles_start, styles_end);
    const char *sst = r->sst_target ? resolve(r, base, r->sst_target) : NULL;
    if (sst && mgi_zip_has(r->zip, sst))
        parse_part(r, sst, sst_start, sst_end);
    r->found = true;
    r->row = -1;
    parse_part(r, sheet, sheet_start, sheet_end);
}

/* -------------------------------------------------------------------- ods */

static long repeat(const char **atts, const char *name)
{
    const char *v = attr(atts, name);
    long n = v ? strtol(v, NULL, 10) : 1;
    return n < 1 ? 1 : n > 100000000 ? 100000000 : n;
}

static void ods_row_push(reader *r, long col, const char *text)
{
    if (!text || !*text || col >= MGI_WORKBOOK_MAX_COLUMNS)
        return;
    if (!ROOM(r, r->rowcells, r->nrowcells, r->rowcells_cap, 64))
        return;
    r->rowcells[r->nrowcells++] = (gcell){0, (uint32_t)col, 0, text};
}

/* A sheet: its name is listed; the wanted one is read. */
static void ods_table_start(reader *r, const char **atts)
{
    const char *tn = attr(atts, "name");
    if (!tn || r->nsheets >= 4096)
        return;
    if (!ROOM(r, r->sheets, r->nsheets, r->sheets_cap, 16))
        return;
    r->sheets[r->nsheets++] = (sheetref){keep_text(r, tn, strlen(tn)), NULL};
    if (!r->found && name_wanted(r->names, tn)) {
        r->found = true;
        r->title = keep_text(r, tn, strlen(tn));
        r->table_depth = 1;
        r->row = 0;
    }
}

/* A cell: its value as the user sees it, from its type (the text of its
 * paragraphs for a string, or none). */
static void ods_cell_start(reader *r, const char **atts)
{
    r->rep_cols = repeat(atts, "number-columns-repeated");
    const char *type = attr(atts, "value-type");
    r->ods_value = NULL;
    r->ctype = T_STR;
    if (type && (strcmp(type, "float") == 0 || strcmp(type, "percentage") == 0 ||
                 strcmp(type, "currency") == 0)) {
        const char *v = attr(atts, "value");
        r->ods_value = v ? number_text(r, v) : NULL;
    } else if (type && strcmp(type, "date") == 0) {
        const char *v = attr(atts, "date-value");
        r->ods_value = v ? keep_text(r, v, strlen(v) < 10 ? strlen(v) : 10) : NULL;
    } else if (type && strcmp(type, "boolean") == 0) {
        const char *v = attr(atts, "boolean-value");
        r->ods_value = v ? (strcmp(v, "true") == 0 ? "TRUE" : "FALSE") : NULL;
    }
    r->in_cell = true;
    r->paras = 0;
    r->blen = 0;
}

static void ods_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    reader *r = ud;
    const char *n = local(name);
    if (r->table_depth == 0) {
        if (strcmp(n, "table") == 0)
            ods_table_start(r, atts);
        return;
    }
    r->table_depth++;
    if (r->annotation) {
        r->annotation++;
    } else if (strcmp(n, "annotation") == 0) {
        r->annotation = 1;
    } else if (strcmp(n, "table") == 0) {
        fail(r, MGI_ERR_DATA, "content.xml: a table inside a table");
    } else if (strcmp(n, "table-row") == 0) {
        r->rep_rows = repeat(atts, "number-rows-repeated");
        r->col = 0;
        r->nrowcells = 0;
    } else if (strcmp(n, "table-cell") == 0 || strcmp(n, "covered-table-cell") == 0) {
        ods_cell_start(r, atts);
    } else if (!r->in_cell) {
        return;
    } else if (strcmp(n, "p") == 0 || strcmp(n, "h") == 0) {
        if (r->paras++)
            add_text(r, "\n", 1);
        r->collect++;
    } else if (strcmp(n, "s") == 0 && r->collect) {
        long c = repeat(atts, "c");
        for (long i = 0; i < c && i < MGI_WORKBOOK_MAX_CELL && !r->err; i++)
            add_text(r, " ", 1);
    } else if (strcmp(n, "tab") == 0 && r->collect) {
        add_text(r, "\t", 1);
    } else if (strcmp(n, "line-break") == 0 && r->collect) {
        add_text(r, "\n", 1);
    }
}

static void ods_end_row(reader *r)
{
    if (r->nrowcells == 0) {
        r->row += r->rep_rows; /* empty rows, however many, cost nothing */
        return;
    }
    for (long k = 0; k < r->rep_rows && !r->err; k++) {
        for (size_t i = 0; i < r->nrowcells && !r->err; i++)
            put_cell(r, r->row, r->rowcells[i].col, r->rowcells[i].text);
        r->row++;
    }
}

static void ods_end(void *ud, const XML_Char *name)
{
    reader *r = ud;
    if (r->table_depth == 0)
        return;
    r->table_depth--;
    const char *n = local(name);
    if (r->annotation) {
        r->annotation--;
        return;
    }
    if (r->table_depth == 0) { /* the wanted table is read */
        r->done = true;
        XML_StopParser(r->xp, XML_FALSE);
    } else if (strcmp(n, "table-row") == 0) {
        ods_end_row(r);
    } else if (strcmp(n, "table-cell") == 0 || strcmp(n, "covered-table-cell") == 0) {
        const char *v = r->ods_value ? r->ods_value
                        : r->blen    ? keep_text(r, r->buf, r->blen)
                                     : NULL;
        if (v && *v)
            for (long k = 0; k < r->rep_cols && r->col + k < MGI_WORKBOOK_MAX_COLUMNS; k++)
                ods_row_push(r, r->col + k, v);
        r->col += r->rep_cols;
        r->in_cell = false;
        r->collect = 0;
        r->blen = 0;
    } else if ((strcmp(n, "p") == 0 || strcmp(n, "h") == 0) && r->collect > 0) {
        r->collect--;
    }
}

static void read_ods(reader *r)
{
    parse_part(r, "content.xml", ods_start, ods_end);
}

/* ------------------------------------------------------------------ OLE */

typedef enum { OLE_OTHER, OLE_ENCRYPTED, OLE_XLS } ole_kind;

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static bool utf16_is(const unsigned char *e, const char *name)
{
    size_t len = (size_t)(e[0x40] | e[0x41] << 8), n = strlen(name);
    if (len != 2 * (n + 1) || len > 64)
        return false;
    for (size_t i = 0; i < n; i++)
        if (e[2 * i] != (unsigned char)name[i] || e[2 * i + 1] != 0)
            return false;
    return true;
}

/* What an OLE compound file holds, from the names in its directory: an
 * encrypted OOXML package has EncryptionInfo and EncryptedPackage, an Excel
 * 97-2003 workbook a Workbook (or Book) stream. */
static ole_kind ole_look(const unsigned char *f, size_t size)
{
    if (size < 512)
        return OLE_OTHER;
    unsigned shift = (unsigned)(f[0x1E] | f[0x1F] << 8);
    if (shift != 9 && shift != 12)
        return OLE_OTHER;
    size_t ss = (size_t)1 << shift;
    uint32_t nfat = le32(f + 0x2C), sec = le32(f + 0x30);
    ole_kind kind = OLE_OTHER;
    for (int hops = 0; hops < 4096 && sec < 0xFFFFFFFA; hops++) {
        size_t off = ((size_t)sec + 1) * ss;
        if (off + ss > size)
            break;
        for (size_t e = 0; e < ss; e += 128) {
            const unsigned char *ent = f + off + e;
            if (utf16_is(ent, "EncryptedPackage") || utf16_is(ent, "EncryptionInfo"))
                return OLE_ENCRYPTED;
            if (utf16_is(ent, "Workbook") || utf16_is(ent, "Book"))
                kind = OLE_XLS;
        }
        /* The next directory sector, from the FAT (its first 109 sectors). */
        size_t per = ss / 4, fi = sec / per;
        if (fi >= nfat || fi >= 109)
            break;
        uint32_t fsec = le32(f + 0x4C + 4 * fi);
        size_t foff = ((size_t)fsec + 1) * ss + (sec % per) * 4;
        if (fsec >= 0xFFFFFFFA || foff + 4 > size)
            break;
        sec = le32(f + foff);
    }
    return kind;
}

/* -------------------------------------------------------------- the table */

struct mgi_sheet {
    char *path, *title;
    size_t ncols, nrows;
    const char **cells; /* (nrows + 1) × ncols, row 0 the header */
    unsigned *rownum;   /* nrows + 1 */
    unsigned *colnum;   /* ncols: the sheet's column (0-based) */
    mgi_arena *arena;
};

static int cell_order(const void *a, const void *b)
{
    const gcell *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static bool blank(const char *s)
{
    return s[strspn(s, " \t\r\n")] == '\0';
}

static bool same_name(const char *text, const char *name)
{
    while (*text == ' ' || *text == '\t')
        text++;
    size_t n = strlen(text);
    while (n && strchr(" \t\r\n", text[n - 1]))
        n--;
    return n == strlen(name) && strncasecmp(text, name, n) == 0;
}

/* The table from the grid: the header row is the first with a cell named
 * key; a later row is kept when a named column has text. */
static mgi_error build_table(reader *r, const char *key, mgi_sheet *t)
{
    if (r->ncells)
        qsort(r->cells, r->ncells, sizeof *r->cells, cell_order);
    size_t h = 0;
    for (; h < r->ncells && !same_name(r->cells[h].text, key); h++) {
    }
    if (h == r->ncells) {
        fail(r, MGI_ERR_DATA, "sheet %s has no header row with a column \"%s\"", r->title, key);
        return r->err;
    }
    uint32_t hrow = r->cells[h].row;
    while (h > 0 && r->cells[h - 1].row == hrow)
        h--;
    int map[MGI_WORKBOOK_MAX_COLUMNS];
    for (size_t c = 0; c < MGI_WORKBOOK_MAX_COLUMNS; c++)
        map[c] = -1;
    size_t i = h, ncols = 0, nrows = 0;
    unsigned colnum[MGI_WORKBOOK_MAX_COLUMNS];
    for (; i < r->ncells && r->cells[i].row == hrow; i++)
        if (!blank(r->cells[i].text) && map[r->cells[i].col] < 0) {
            colnum[ncols] = r->cells[i].col;
            map[r->cells[i].col] = (int)ncols++;
        }
    size_t first = i;
    for (size_t k = first; k < r->ncells; k++)
        if (k == first || r->cells[k].row != r->cells[k - 1].row)
            nrows++; /* an upper bound: the rows with any text */
    t->cells = mgi_arena_array(r->arena, (nrows + 1) * ncols + 1, sizeof *t->cells);
    t->rownum = mgi_arena_array(r->arena, nrows + 1, sizeof *t->rownum);
    t->colnum = mgi_arena_array(r->arena, ncols + 1, sizeof *t->colnum);
    if (!t->cells || !t->rownum || !t->colnum)
        return MGI_ERR_NOMEM;
    for (size_t c = 0; c < (nrows + 1) * ncols; c++)
        t->cells[c] = "";
    memcpy(t->colnum, colnum, ncols * sizeof *colnum);
    t->ncols = ncols;
    for (size_t k = h; k < first; k++)
        if (map[r->cells[k].col] >= 0)
            t->cells[map[r->cells[k].col]] = r->cells[k].text;
    t->rownum[0] = hrow + 1;
    size_t row = 0; /* rows filled so far */
    uint32_t last = hrow;
    for (size_t k = first; k < r->ncells; k++) {
        const gcell *g = &r->cells[k];
        if (map[g->col] < 0 || blank(g->text))
            continue;
        if (g->row != last || row == 0) {
            row++;
            last = g->row;
            t->rownum[row] = g->row + 1;
        }
        t->cells[row * ncols + (size_t)map[g->col]] = g->text;
    }
    t->nrows = row;
    return MGI_OK;
}

static void read_zip(reader *r)
{
    if (mgi_zip_has(r->zip, "xl/workbook.xml") || mgi_zip_has(r->zip, "_rels/.rels"))
        read_xlsx(r);
    else if (mgi_zip_has(r->zip, "content.xml"))
        read_ods(r);
    else
        fail(r, MGI_ERR_DATA, "a zip file, but neither an .xlsx nor an .ods workbook");
    if (r->err || r->found)
        return;
    /* The sheets there are, for the message. */
    char list[400] = "";
    size_t o = 0;
    for (size_t i = 0; i < r->nsheets && o < sizeof list - 8; i++)
        o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", i ? ", " : "", r->sheets[i].name);
    if (o >= sizeof list)
        strcpy(list + sizeof list - 5, "...");
    char want[200] = "";
    o = 0;
    for (size_t i = 0; r->names[i] && o < sizeof want; i++)
        o += (size_t)snprintf(want + o, sizeof want - o, "%s%s", i ? " or " : "", r->names[i]);
    fail(r, MGI_ERR_DATA, "no sheet named %s; the workbook has %s%s", want,
         r->nsheets ? "the sheets " : "no sheets", list);
}

static mgi_error read_any(const char *name, const char *path, const unsigned char *buf, size_t len,
                          const char *const *names, const char *key, mgi_diag *diag,
                          mgi_sheet **out)
{
    *out = NULL;
    reader r = {.path = name, .names = names};
    mgi_sheet *t = calloc(1, sizeof *t);
    r.arena = mgi_arena_new();
    if (!t || !r.arena) {
        free(t);
        mgi_arena_free(r.arena);
        return MGI_ERR_NOMEM;
    }
    static const unsigned char ole[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    if (buf && len >= 8 && memcmp(buf, ole, 8) == 0) {
        ole_kind k = ole_look(buf, len);
        fail(&r, MGI_ERR_DATA, "%s",
             k == OLE_ENCRYPTED ? "a password-protected workbook, which mgi cannot read: save it "
                                  "unprotected (Save as, without a password) and run again"
             : k == OLE_XLS     ? "an Excel 97-2003 workbook (.xls), which mgi does not read: save "
                                  "it as .xlsx (Excel Workbook) or .ods and run again"
                            : "an OLE compound file, not a workbook mgi reads: save it as .xlsx");
    } else {
        char why[300] = "";
        mgi_error err = mgi_zip_open(path, buf, len, &r.zip, why, sizeof why);
        if (err != MGI_OK)
            fail(&r, err, "%s%s", err == MGI_ERR_DATA ? "not a workbook mgi can read: " : "", why);
        else
            read_zip(&r);
    }
    if (r.err == MGI_OK)
        r.err = build_table(&r, key, t);
    if (r.err == MGI_OK) {
        t->path = strdup(name);
        t->title = strdup(r.title ? r.title : "");
        t->arena = r.arena;
        r.arena = NULL;
        if (!t->path || !t->title)
            r.err = MGI_ERR_NOMEM;
    } else if (r.err != MGI_ERR_NOMEM) {
        mgi_diag_add(diag, MGI_ERROR, name, 0, 0, "%s", r.why);
    }
    mgi_zip_close(r.zip);
    free(r.buf);
    free(r.sst);
    free(r.xf_date);
    free(r.sheets);
    free(r.cells);
    free(r.rowcells);
    mgi_arena_free(r.arena);
    if (r.err != MGI_OK) {
        mgi_sheet_free(t);
        return r.err;
    }
    *out = t;
    return MGI_OK;
}

mgi_error mgi_sheet_parse(const char *name, const void *buf, size_t len, const char *const *names,
                          const char *key, mgi_diag *diag, mgi_sheet **out)
{
    return read_any(name, NULL, buf, len, names, key, diag, out);
}

mgi_error mgi_sheet_read(const char *path, const char *const *names, const char *key,
                         mgi_diag *diag, mgi_sheet **out)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        int e = errno;
        mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "%s", strerror(e));
        return e == ENOENT ? MGI_ERR_NOINPUT : MGI_ERR_IO;
    }
    unsigned char head[8] = {0};
    size_t got = fread(head, 1, sizeof head, f);
    static const unsigned char ole[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    if (got == 8 && memcmp(head, ole, 8) == 0) {
        /* An OLE file is read whole (up to 16 MB) to look at its directory. */
        unsigned char *all = malloc(16u << 20);
        size_t n = 0;
        if (all && fseek(f, 0, SEEK_SET) == 0)
            n = fread(all, 1, 16u << 20, f);
        fclose(f);
        if (!all)
            return MGI_ERR_NOMEM;
        mgi_error err = read_any(path, NULL, all, n, names, key, diag, out);
        free(all);
        return err;
    }
    fclose(f);
    return read_any(path, path, NULL, 0, names, key, diag, out);
}

mgi_workbook_kind mgi_workbook_sniff(const char *path)
{
    unsigned char head[8] = {0};
    FILE *f = fopen(path, "rb");
    if (!f)
        return MGI_WORKBOOK_NONE;
    size_t got = fread(head, 1, sizeof head, f);
    fclose(f);
    static const unsigned char ole[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    if (got >= 4 && memcmp(head, "PK\3\4", 4) == 0)
        return MGI_WORKBOOK_ZIP;
    if (got >= 4 && memcmp(head, "PK\5\6", 4) == 0)
        return MGI_WORKBOOK_ZIP; /* an empty zip */
    if (got == 8 && memcmp(head, ole, 8) == 0)
        return MGI_WORKBOOK_OLE;
    const char *dot = strrchr(path, '.');
    if (dot && (strcasecmp(dot, ".xlsx") == 0 || strcasecmp(dot, ".xlsm") == 0 ||
                strcasecmp(dot, ".ods") == 0 || strcasecmp(dot, ".xls") == 0))
        return MGI_WORKBOOK_NAMED;
    return MGI_WORKBOOK_NONE;
}

void mgi_sheet_free(mgi_sheet *sheet)
{
    if (!sheet)
        return;
    free(sheet->path);
    free(sheet->title);
    mgi_arena_free(sheet->arena);
    free(sheet);
}

const char *mgi_sheet_path(const mgi_sheet *sheet)
{
    return sheet->path;
}

const char *mgi_sheet_title(const mgi_sheet *sheet)
{
    return sheet->title;
}

size_t mgi_sheet_ncols(const mgi_sheet *sheet)
{
    return sheet->ncols;
}

size_t mgi_sheet_nrows(const mgi_sheet *sheet)
{
    return sheet->nrows;
}

const char *mgi_sheet_name(const mgi_sheet *sheet, size_t col)
{
    return col < sheet->ncols ? sheet->cells[col] : "";
}

int mgi_sheet_find(const mgi_sheet *sheet, const char *name)
{
    for (size_t c = 0; c < sheet->ncols; c++)
        if (same_name(sheet->cells[c], name))
            return (int)c;
    return -1;
}

const char *mgi_sheet_cell(const mgi_sheet *sheet, size_t row, size_t col)
{
    if (row >= sheet->nrows || col >= sheet->ncols)
        return "";
    return sheet->cells[(row + 1) * sheet->ncols + col];
}

unsigned mgi_sheet_rownum(const mgi_sheet *sheet, size_t row)
{
    return row < sheet->nrows ? sheet->rownum[row + 1] : sheet->rownum[0];
}

char *mgi_sheet_where(const mgi_sheet *sheet, size_t row, size_t col, char *buf, size_t len)
{
    char letters[8];
    unsigned c = col < sheet->ncols ? sheet->colnum[col] + 1 : 1;
    size_t n = 0;
    char rev[8];
    while (c && n < sizeof rev) {
        rev[n++] = (char)('A' + (c - 1) % 26);
        c = (c - 1) / 26;
    }
    for (size_t i = 0; i < n; i++)
        letters[i] = rev[n - 1 - i];
    letters[n] = '\0';
    bool plain = *sheet->title != '\0';
    for (const char *s = sheet->title; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_' && (unsigned char)*s < 0x80)
            plain = false;
    snprintf(buf, len, "%s%s%s!%s%u", plain ? "" : "'", sheet->title, plain ? "" : "'", letters,
             mgi_sheet_rownum(sheet, row));
    return buf;
}
