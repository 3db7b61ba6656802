/* practice.c — learning from one another: who already does it, and the most common gaps. */
#include "mgi/practice.h"
#include "mgi/collate.h"

#include <ctype.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static const mgi_round *latest(const mgi_commune *c)
{
    return c->nrounds ? &c->rounds[c->nrounds - 1] : NULL;
}

/* Foreign-resident share, or -1 when the figures are missing. */
static double share(const mgi_commune *c)
{
    if (c->population <= 0 || c->foreign_residents < 0)
        return -1;
    return (double)c->foreign_residents / (double)c->population;
}

typedef struct candidate {
    size_t commune;
    const mgi_round *round;
    int region;      /* 0 same region, 1 other */
    double distance; /* |share - own share|; INFINITY when unknown */
} candidate;

/* Is x a better peer than y? */
static bool better(const mgi_dataset *ds, const candidate *x, const candidate *y)
{
    if (x->region != y->region)
        return x->region < y->region;
    if (x->distance != y->distance)
        return x->distance < y->distance;
    if (x->round->year != y->round->year)
        return x->round->year > y->round->year;
    return strcmp(ds->communes[x->commune].code, ds->communes[y->commune].code) < 0;
}

size_t mgi_practice_peers(const mgi_dataset *ds, size_t commune, size_t indicator,
                          mgi_peer out[MGI_PEERS_MAX])
{
    const mgi_commune *self = &ds->communes[commune];
    double own = share(self);
    candidate best[MGI_PEERS_MAX];
    size_t n = 0;
    for (size_t c = 0; c < ds->ncommunes; c++) {
        const mgi_commune *cm = &ds->communes[c];
        const mgi_round *r = latest(cm);
        if (c == commune || !r || r->responses[indicator].answer != MGI_ANSWER_YES)
            continue;
        double s = share(cm);
        candidate k = {c, r, !(*self->region && strcmp(self->region, cm->region) == 0),
                       own < 0 ? 0
                       : s < 0 ? INFINITY
                               : fabs(s - own)};
        /* Insert into the sorted top list. */
        size_t at = n;
        while (at > 0 && better(ds, &k, &best[at - 1]))
            at--;
        if (at >= MGI_PEERS_MAX)
            continue;
        size_t last = n < MGI_PEERS_MAX ? n : MGI_PEERS_MAX - 1;
        memmove(&best[at + 1], &best[at], (last - at) * sizeof *best);
        best[at] = k;
        if (n < MGI_PEERS_MAX)
            n++;
    }
    for (size_t i = 0; i < n; i++)
        out[i] = (mgi_peer){best[i].commune, best[i].round};
    return n;
}

static bool word(char c)
{
    return isalnum((unsigned char)c) || (unsigned char)c >= 0x80;
}

static int by_practice(const void *x, const void *y)
{
    const mgi_practice *a = x, *b = y;
    if (a->indicator != b->indicator)
        return a->indicator < b->indicator ? -1 : 1;
    int c = mgi_collate(a->name, b->name);
    return c ? c : strcmp(a->code, b->code);
}

mgi_error mgi_practice_list(const mgi_dataset *ds, mgi_practice **out, size_t *n)
{
    size_t m = 0, cap = 0;
    mgi_practice *rows = NULL;
    *out = NULL;
    *n = 0;
    mgi_error err = mgi_collate_open();
    if (err != MGI_OK)
        return err;
    for (size_t i = 0; i < ds->nindicators; i++) {
        if (ds->indicators[i].covid)
            continue; /* COVID-19 annex questions are not practices to copy */
        for (size_t c = 0; c < ds->ncommunes; c++) {
            const mgi_round *rd = latest(&ds->communes[c]);
            if (!rd || rd->responses[i].answer != MGI_ANSWER_YES)
                continue;
            if (m == cap) {
                size_t ncap = cap ? 2 * cap : 64;
                mgi_practice *t = realloc(rows, ncap * sizeof *t);
                if (!t) {
                    free(rows);
                    return MGI_ERR_NOMEM;
                }
                rows = t;
                cap = ncap;
            }
            rows[m++] = (mgi_practice){i, c, rd, ds->communes[c].name, ds->communes[c].code};
        }
    }
    if (m)
        qsort(rows, m, sizeof *rows, by_practice);
    *out = rows;
    *n = m;
    return MGI_OK;
}

/* An article, preposition, conjunction or possessive, in English or Spanish:
 * an excerpt cut between words does not end on one ("…through the
 * municipality on…"). */
static bool small_word(const char *w, size_t n)
{
    static const char *const words[] = {
        "a",     "an",     "the",   "of",      "on",      "in",     "to",      "for",
        "with",  "by",     "at",    "from",    "and",     "or",     "but",     "its",
        "their", "his",    "her",   "our",     "as",      "into",   "that",    "which",
        "who",   "than",   "el",    "la",      "los",     "las",    "un",      "una",
        "unos",  "unas",   "de",    "del",     "al",      "en",     "y",       "e",
        "o",     "u",      "con",   "por",     "para",    "sin",    "sobre",   "su",
        "sus",   "que",    "como",  "through", "between", "within", "without", "against",
        "among", "during", "under", "hacia",   "desde",   "entre",  "ante",    "mediante"};
    for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
        size_t i = 0;
        while (i < n && words[k][i] && tolower((unsigned char)w[i]) == words[k][i])
            i++;
        if (i == n && !words[k][i])
            return true;
    }
    return false;
}

/* The end of buf[0..o) without the small words that end it (never the first word). */
static size_t drop_small_words(const char *buf, size_t o)
{
    for (;;) {
        size_t e = o, b;
        while (e > 0 && buf[e - 1] == ' ')
            e--;
        for (b = e; b > 0 && buf[b - 1] != ' ';)
            b--;
        if (b == 0 || !small_word(buf + b, e - b))
            return o;
        o = b;
    }
}

/* Appends bytes to buf, keeping room for the terminator. */
static void put(char *buf, size_t size, size_t *o, const char *s, size_t len)
{
    if (*o + len >= size)
        len = *o + 1 < size ? size - 1 - *o : 0;
    memcpy(buf + *o, s, len);
    *o += len;
    buf[*o] = '\0';
}

char *mgi_practice_excerpt(const char *finding, size_t max_chars, char *buf, size_t size)
{
    /* Plain text of the first sentence. */
    size_t o = 0, chars = 0, cut = 0, cut_chars = 0, clause = 0, clause_chars = 0;
    bool cut_needed = false;
    buf[0] = '\0';
    const char *p = finding;
    while (*p == ' ')
        p++;
    while (*p) {
        bool escaped = *p == '\\' && p[1] && strchr("\\`*_[]().#!-+", p[1]);
        if (escaped) {
            p++; /* keep the escaped character as it is */
        } else if (*p == '*' || *p == '`') {
            p++;
            continue;
        } else if (*p == '_' && (p == finding || !word(p[-1]) || !word(p[1]))) {
            p++; /* emphasis, not an underscore inside a word */
            continue;
        } else if (*p == '[' || *p == ']') {
            const char *close = p[0] == ']' && p[1] == '(' ? strchr(p, ')') : NULL;
            p = close ? close + 1 : p + 1; /* a link keeps its text, not its target */
            continue;
        }
        if (*p == '.' && !escaped && (p[1] == ' ' || !p[1])) {
            put(buf, size, &o, ".", 1);
            break;
        }
        if (*p == ' ' || *p == '\n') {
            if (o && buf[o - 1] != ' ') {
                if (chars + 1 <= max_chars) { /* a break with room for the ellipsis */
                    cut = o;
                    cut_chars = chars;
                    if (strchr(",;:", buf[o - 1])) { /* the end of a clause */
                        clause = o;
                        clause_chars = chars;
                    }
                }
                put(buf, size, &o, " ", 1);
                chars++;
            }
            p++;
            continue;
        }
        size_t len = 1;
        while (((unsigned char)p[len] & 0xC0) == 0x80)
            len++;
        if (chars + 1 > max_chars) {
            cut_needed = true;
            break;
        }
        put(buf, size, &o, p, len);
        chars++;
        p += len;
    }
    if (cut_needed) {
        /* Back to the end of the last clause when that keeps half the room, else
         * to the last word boundary, leaving room for the ellipsis. */
        if (clause && clause_chars >= max_chars / 2) {
            o = clause;
            cut_chars = clause_chars;
        } else if (cut) {
            o = drop_small_words(buf, cut);
        } else {
            cut_chars = chars;
        }
        while (cut_chars + 1 > max_chars && o > 0) { /* too long even so: hard cut */
            do
                o--;
            while (o > 0 && ((unsigned char)buf[o] & 0xC0) == 0x80);
            cut_chars--;
        }
        while (o > 0 && strchr(" ,;:", buf[o - 1]))
            o--;
        buf[o] = '\0';
        put(buf, size, &o, "\xE2\x80\xA6", 3);
    }
    while (o > 0 && buf[o - 1] == ' ')
        buf[--o] = '\0';
    return buf;
}

static int by_commonness(const void *pa, const void *pb)
{
    const mgi_gap *x = pa, *y = pb;
    if (x->no != y->no)
        return x->no < y->no ? 1 : -1;
    if (x->partial != y->partial)
        return x->partial < y->partial ? 1 : -1;
    return (x->indicator > y->indicator) - (x->indicator < y->indicator);
}

static int answer_rank(mgi_answer a)
{
    return a == MGI_ANSWER_YES ? 2 : a == MGI_ANSWER_PARTIAL ? 1 : a == MGI_ANSWER_NO ? 0 : -1;
}

mgi_error mgi_practice_gaps(const mgi_assessment *a, int year, mgi_gap **out, size_t *n)
{
    const mgi_result **rows = malloc((a->nresults + 1) * sizeof *rows);
    if (!rows)
        return MGI_ERR_NOMEM;
    size_t m = 0;
    for (size_t k = 0; k < a->nresults; k++)
        if (a->results[k].round->year == year)
            rows[m++] = &a->results[k];
    mgi_error err = mgi_practice_gaps_of(a->ds, rows, m, out, n);
    free(rows);
    return err;
}

mgi_error mgi_practice_gaps_of(const mgi_dataset *ds, const mgi_result *const *rows, size_t nrows,
                               mgi_gap **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    mgi_gap *g = calloc(ds->nindicators + 1, sizeof *g);
    if (!g)
        return MGI_ERR_NOMEM;
    for (size_t i = 0; i < ds->nindicators; i++)
        g[i].indicator = i;
    for (size_t k = 0; k < nrows; k++) {
        const mgi_result *r = rows[k];
        for (size_t i = 0; i < ds->nindicators; i++) {
            int now = answer_rank(r->round->responses[i].answer);
            g[i].no += now == 0;
            g[i].partial += now == 1;
            g[i].answered += now >= 0;
            if (r->previous) {
                int then = answer_rank(r->previous->responses[i].answer);
                if (then == 0 || then == 1) {
                    g[i].had_gap++;
                    g[i].improved += now > then;
                }
            }
        }
    }
    size_t m = 0;
    for (size_t i = 0; i < ds->nindicators; i++)
        if (!ds->indicators[i].covid && g[i].no > 0)
            g[m++] = g[i];
    qsort(g, m, sizeof *g, by_commonness);
    *out = g;
    *n = m;
    return MGI_OK;
}
