/* utf8.c — UTF-8 validation and line/column positions. */
#include "mgi/utf8.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* Eight bytes at s as one word, to look at them together. */
static uint64_t word8(const unsigned char *s)
{
    uint64_t w;
    memcpy(&w, s, 8);
    return w;
}

#define ONES  0x0101010101010101u
#define HIGHS 0x8080808080808080u

/* Whether one of the eight bytes of w is 0 (the classic bit trick, exact as
 * a yes or no). */
static bool zero_byte(uint64_t w)
{
    return ((w - ONES) & ~w & HIGHS) != 0;
}

/* Whether the eight bytes at s are ASCII with no NUL, CR or LF: a run of
 * plain characters, one column each. */
static bool plain8(const unsigned char *s)
{
    uint64_t w = word8(s);
    return !(w & HIGHS) && !zero_byte(w) && !zero_byte(w ^ (ONES * '\n')) &&
           !zero_byte(w ^ (ONES * '\r'));
}

size_t mgi_utf8_find3(const char *s, size_t from, size_t len, char a, char b, char c)
{
    const uint64_t wa = ONES * (unsigned char)a, wb = ONES * (unsigned char)b,
                   wc = ONES * (unsigned char)c;
    size_t i = from;
    while (len - i >= 8) {
        uint64_t w = word8((const unsigned char *)s + i);
        if (zero_byte(w ^ wa) || zero_byte(w ^ wb) || zero_byte(w ^ wc))
            break;
        i += 8;
    }
    while (i < len && s[i] != a && s[i] != b && s[i] != c)
        i++;
    return i;
}

mgi_utf8_problem mgi_utf8_check(const char *str, size_t len, size_t *bad)
{
    return mgi_utf8_check_from(str, len, 0, bad);
}

mgi_utf8_problem mgi_utf8_check_from(const char *str, size_t len, size_t from, size_t *bad)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = from;
    if (from == 0 && len >= 2 &&
        ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
        *bad = 0;
        return MGI_UTF8_UTF16;
    }
    if (from == 0 && len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        i = 3;
    while (i < len) {
        unsigned char c = s[i];
        if (i + 8 <= len && c < 0x80 && !(word8(s + i) & HIGHS) && !zero_byte(word8(s + i))) {
            i += 8; /* eight ASCII characters, none NUL */
            continue;
        }
        if (c >= 0x01 && c < 0x80) {
            i++;
            continue;
        }
        if (c == 0) {
            *bad = i;
            return MGI_UTF8_NUL;
        }
        size_t n;
        unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
        if (c >= 0xC2 && c <= 0xDF)
            n = 2;
        else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            if (c == 0xE0)
                lo = 0xA0; /* overlong */
            else if (c == 0xED)
                hi = 0x9F; /* surrogates */
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F; /* above U+10FFFF */
        } else {
            *bad = i;
            return MGI_UTF8_INVALID;
        }
        if (i + n > len || s[i + 1] < lo || s[i + 1] > hi) {
            *bad = i;
            return MGI_UTF8_INVALID;
        }
        for (size_t k = 2; k < n; k++)
            if ((s[i + k] & 0xC0) != 0x80) {
                *bad = i;
                return MGI_UTF8_INVALID;
            }
        if (n == 3 && c == 0xEF && s[i + 1] == 0xBB && s[i + 2] == 0xBF) {
            *bad = i;
            return MGI_UTF8_BOM;
        }
        i += n;
    }
    return MGI_UTF8_OK;
}

void mgi_utf8_advance(mgi_utf8_cursor *cur, const char *str, size_t len, size_t off)
{
    const unsigned char *s = (const unsigned char *)str;
    if (cur->line == 0) {
        cur->line = 1;
        cur->col = 1;
        cur->off = 0;
        if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
            cur->off = 3;
    }
    if (off > len)
        off = len;
    size_t i = cur->off;
    unsigned line = cur->line, col = cur->col;
    while (i < off) {
        if (off - i >= 8 && plain8(s + i)) {
            i += 8;
            col += 8;
            continue;
        }
        unsigned char c = s[i++];
        if (c == '\n' || (c == '\r' && (i >= len || s[i] != '\n'))) {
            line++;
            col = 1;
        } else if (c != '\r' && (c & 0xC0) != 0x80) {
            col++;
        }
    }
    if (off > cur->off) {
        cur->off = off;
        cur->line = line;
        cur->col = col;
    }
}

void mgi_utf8_position(const char *s, size_t len, size_t off, unsigned *line, unsigned *col)
{
    mgi_utf8_cursor cur = {0, 0, 0};
    mgi_utf8_advance(&cur, s, len, off);
    *line = cur.line;
    *col = cur.col;
}

size_t mgi_utf8_length(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

size_t mgi_utf8_quotes(const char *s, size_t n, char *out, size_t size)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool opens = i == 0 || strchr(" \t\n([{", s[i - 1]) != NULL;
        const char *rep = NULL;
        if (c == '\'')
            rep = opens && i + 1 < n && isalpha((unsigned char)s[i + 1]) ? "\u2018" : "\u2019";
        else if (c == '"')
            rep = opens ? "\u201C" : "\u201D";
        size_t k = rep ? strlen(rep) : 1;
        if (o + k + 1 > size)
            return (size_t)-1;
        memcpy(out + o, rep ? rep : &c, k);
        o += k;
    }
    if (o + 1 > size)
        return (size_t)-1;
    out[o] = '\0';
    return o;
}
