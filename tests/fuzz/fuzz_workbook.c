/* fuzz_workbook.c — libFuzzer harness: any bytes through the workbook reader, as .xlsx and as .ods.
 */
/*
 * Input starting with "PK" is read as a whole zip file. Otherwise the first
 * byte chooses .xlsx (even) or .ods (odd) and the rest, split at each 0x1E,
 * gives the parts of a zip put together here (stored, with right CRCs), so
 * that the fuzzer reaches the XML readers rather than stopping at libzip:
 * xlsx: [Content_Types].xml, _rels/.rels, xl/workbook.xml,
 * xl/_rels/workbook.xml.rels, xl/styles.xml, xl/sharedStrings.xml,
 * xl/worksheets/sheet1.xml; ods: mimetype, content.xml. Every cell of the
 * sheet read is read back, with its place.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "mgi/workbook.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void put16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
}

static void put32(unsigned char *p, uint32_t v)
{
    put16(p, v & 0xFFFF);
    put16(p + 2, v >> 16);
}

/* A stored zip of the parts; *len its size. The caller frees it. */
static unsigned char *zip_of(const char *const *names, const uint8_t *const *parts,
                             const size_t *sizes, size_t n, size_t *len)
{
    size_t total = 22;
    for (size_t i = 0; i < n; i++)
        total += 30 + 46 + 2 * strlen(names[i]) + sizes[i];
    unsigned char *z = calloc(1, total), *p = z;
    uint32_t *offs = calloc(n + 1, sizeof *offs), *crcs = calloc(n + 1, sizeof *crcs);
    if (!z || !offs || !crcs) {
        free(z);
        free(offs);
        free(crcs);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        size_t nl = strlen(names[i]);
        offs[i] = (uint32_t)(p - z);
        crcs[i] = (uint32_t)crc32(0L, parts[i], (uInt)sizes[i]);
        put32(p, 0x04034b50);
        put16(p + 4, 20);
        put32(p + 14, crcs[i]);
        put32(p + 18, (uint32_t)sizes[i]);
        put32(p + 22, (uint32_t)sizes[i]);
        put16(p + 26, (unsigned)nl);
        memcpy(p + 30, names[i], nl);
        if (sizes[i])
            memcpy(p + 30 + nl, parts[i], sizes[i]);
        p += 30 + nl + sizes[i];
    }
    unsigned char *dir = p;
    for (size_t i = 0; i < n; i++) {
        size_t nl = strlen(names[i]);
        put32(p, 0x02014b50);
        put16(p + 4, 20);
        put16(p + 6, 20);
        put32(p + 16, crcs[i]);
        put32(p + 20, (uint32_t)sizes[i]);
        put32(p + 24, (uint32_t)sizes[i]);
        put16(p + 28, (unsigned)nl);
        put32(p + 42, offs[i]);
        memcpy(p + 46, names[i], nl);
        p += 46 + nl;
    }
    put32(p, 0x06054b50);
    put16(p + 8, (unsigned)n);
    put16(p + 10, (unsigned)n);
    put32(p + 12, (uint32_t)(p - dir));
    put32(p + 16, (uint32_t)(dir - z));
    p += 22;
    *len = (size_t)(p - z);
    free(offs);
    free(crcs);
    return z;
}

static void read_sheet(const void *buf, size_t len)
{
    static const char *const names[] = {"Entry", "Ingreso", NULL};
    mgi_diag *diag = mgi_diag_new();
    mgi_sheet *s = NULL;
    if (diag && mgi_sheet_parse("fuzz", buf, len, names, "indicator", diag, &s) == MGI_OK) {
        char where[64];
        size_t sum = strlen(mgi_sheet_title(s));
        for (size_t c = 0; c < mgi_sheet_ncols(s); c++)
            sum += strlen(mgi_sheet_name(s, c)) + (size_t)mgi_sheet_find(s, mgi_sheet_name(s, c));
        for (size_t r = 0; r < mgi_sheet_nrows(s); r++)
            for (size_t c = 0; c < mgi_sheet_ncols(s); c++) {
                sum += strlen(mgi_sheet_cell(s, r, c));
                sum += strlen(mgi_sheet_where(s, r, c, where, sizeof where));
            }
        (void)sum;
    }
    for (size_t i = 0; diag && i < mgi_diag_size(diag); i++)
        (void)strlen(mgi_diag_get(diag, i)->message);
    mgi_sheet_free(s);
    mgi_diag_free(diag);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
        read_sheet(data, size);
        return 0;
    }
    if (size == 0)
        return 0;
    static const char *const xlsx[] = {"[Content_Types].xml",     "_rels/.rels",
                                       "xl/workbook.xml",         "xl/_rels/workbook.xml.rels",
                                       "xl/styles.xml",           "xl/sharedStrings.xml",
                                       "xl/worksheets/sheet1.xml"};
    static const char *const ods[] = {"mimetype", "content.xml"};
    bool is_ods = data[0] & 1;
    const char *const *names = is_ods ? ods : xlsx;
    size_t max = is_ods ? 2 : 7, n = 0;
    const uint8_t *parts[7];
    size_t sizes[7];
    const uint8_t *p = data + 1, *end = data + size;
    while (n < max) {
        const uint8_t *rs = memchr(p, 0x1E, (size_t)(end - p));
        parts[n] = p;
        sizes[n++] = (size_t)((rs ? rs : end) - p);
        if (!rs)
            break;
        p = rs + 1;
    }
    size_t len;
    unsigned char *z = zip_of(names, parts, sizes, n, &len);
    if (z)
        read_sheet(z, len);
    free(z);
    return 0;
}
