/* test_hyphens.c — every word a document breaks at a line's end breaks where its language allows.
 */
/*
 * Usage: test_hyphens en|es DICTIONARY TEXT SOURCE...
 *
 * TEXT is a document's text as pdftotext -layout gives it. Each line of running
 * text (not columns: chart labels, tables) that ends in letters and a hyphen
 * is joined to the first word of the next line; the
 * break must be one that the language's libhyphen dictionary allows (through
 * mgi_hyphenate, with the dictionary's minimums), or follow a hyphen the word
 * has in the sources (the data and strings files given as SOURCE: "well-" +
 * "managed" is a break after the hyphen of "well-managed"); a word that begins
 * with a capital (a name: "Santi-ago") only the latter. Prints each break
 * refused with its line, and a count; exits 1 when any is refused.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mgi/dataset.h"
#include "mgi/flow.h"

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
        free(s);
        s = NULL;
    }
    if (s)
        s[n] = '\0';
    fclose(f);
    return s;
}

static int letter(unsigned char c)
{
    return isalpha(c) || c >= 0x80;
}

/* The letters at the end of line [s, e) before its final hyphen, and their start. */
static const char *tail_word(const char *s, const char *e)
{
    const char *p = e - 1; /* the hyphen */
    while (p > s && letter((unsigned char)p[-1]))
        p--;
    return p;
}

int main(int argc, char **argv)
{
    if (argc < 5 || (strcmp(argv[1], "en") && strcmp(argv[1], "es"))) {
        fprintf(stderr, "usage: test_hyphens en|es DICTIONARY TEXT SOURCE...\n");
        return 2;
    }
    int lang = strcmp(argv[1], "es") == 0 ? MGI_LANG_ES : MGI_LANG_EN;
    const char *dicts[MGI_NLANGS] = {NULL, NULL};
    dicts[lang] = argv[2];
    mgi_diag *diag = mgi_diag_new();
    mgi_hyphenator *h = NULL;
    char *text = slurp(argv[3]);
    if (!diag || !text || mgi_hyphenator_load(dicts, diag, &h) != MGI_OK) {
        fprintf(stderr, "test_hyphens: cannot read %s or %s\n", argv[2], argv[3]);
        return 2;
    }
    char **src = calloc((size_t)argc, sizeof *src);
    for (int i = 4; i < argc; i++)
        if (!(src[i] = slurp(argv[i]))) {
            fprintf(stderr, "test_hyphens: cannot read %s\n", argv[i]);
            return 2;
        }
    int breaks = 0, refused = 0, lineno = 1;
    for (char *s = text; *s; lineno++) {
        char *e = strchr(s, '\n');
        if (!e)
            break;
        char *end = e;
        while (end > s && end[-1] == ' ')
            end--;
        /* a line of running text: no wide gap, which pdftotext puts between the
         * columns of a chart's labels or a table */
        int columns = 0;
        for (const char *q = s + 1; q + 6 < end && !columns; q++)
            columns = q[-1] != ' ' && memcmp(q, "      ", 6) == 0;
        if (!columns && end - s >= 3 && end[-1] == '-' && letter((unsigned char)end[-2])) {
            const char *w = tail_word(s, end);
            /* the next line's first word (skipping blank lines and indentation) */
            const char *n = e + 1;
            while (*n == '\n' || *n == ' ')
                n++;
            size_t pre = (size_t)(end - 1 - w), post = 0;
            while (letter((unsigned char)n[post]))
                post++;
            if (pre >= 1 && post >= 1 && pre + post < 100) {
                char word[128], compound[130];
                snprintf(word, sizeof word, "%.*s%.*s", (int)pre, w, (int)post, n);
                snprintf(compound, sizeof compound, "%.*s-%.*s", (int)pre, w, (int)post, n);
                size_t pts[64], np = mgi_hyphenate(h, lang, word, strlen(word), pts, 64);
                /* a name, or a sentence's first word, breaks only at a hyphen of its own */
                unsigned char c0 = (unsigned char)word[0], c1 = (unsigned char)word[1];
                int cap = isupper(c0) || (c0 == 0xC3 && c1 >= 0x80 && c1 <= 0x9E && c1 != 0x97);
                int ok = 0;
                for (size_t i = 0; i < np && !ok && !cap; i++)
                    ok = pts[i] == pre;
                for (int i = 4; i < argc && !ok; i++)
                    ok = strstr(src[i], compound) != NULL;
                breaks++;
                if (!ok) {
                    refused++;
                    printf("%s:%d: \"%.*s-\" + \"%.*s\": %s%s\n", argv[3], lineno, (int)pre, w,
                           (int)post, n, cap ? "a name is broken only at its own hyphen" : argv[2],
                           cap ? "" : " allows no break there");
                }
            }
        }
        s = e + 1;
    }
    printf("%d hyphenated line ends, %d refused by %s\n", breaks, refused, argv[2]);
    for (int i = 4; i < argc; i++)
        free(src[i]);
    free(src);
    free(text);
    mgi_hyphenator_free(h);
    mgi_diag_free(diag);
    return refused != 0 || breaks == 0;
}
