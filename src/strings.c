/* strings.c — layouts/strings.ini: the words of every output, checked when loaded. */
#include "mgi/strings.h"

#include <errno.h>
#include <ini.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mgi/arena.h"
#include "mgi/dataset.h"
#include "mgi/strmap.h"

/* The keys mgi prints. Adding a printed word means adding its key here. */
static const char *const required[] = {
    "title", "profile", "level.1", "level.2", "level.3", "level.4", "insufficient",
    "answer.yes", "answer.partial", "answer.no", "answer.na", "change.improved",
    "change.unchanged", "change.regressed", "change.new", "overall", "decimal",
    "chart.median", "chart.levels", "chart.score", "chart.insufficient_note",
    "chart.trend_title", "chart.heatmap_title", "chart.wheel_title", "chart.domains_title",
    "chart.area_title",
};
enum { NREQUIRED = sizeof required / sizeof required[0] };

struct mgi_strings {
    mgi_arena *arena;
    mgi_strmap *map[MGI_NLANGS]; /* key → index into value[lang] */
    const char **value[MGI_NLANGS];
    size_t n[MGI_NLANGS], cap[MGI_NLANGS];
};

typedef struct state {
    mgi_strings *s;
    FILE *f;
    const char *path;
    mgi_diag *diag;
    unsigned line;
    int errors, nomem;
} state;

static char *read_line(char *str, int num, void *stream)
{
    state *st = stream;
    char *r = fgets(str, num, st->f);
    if (r)
        st->line++;
    return r;
}

static int on_value(void *user, const char *section, const char *name, const char *value)
{
    state *st = user;
    mgi_strings *s = st->s;
    int lang = strcmp(section, "en") == 0 ? MGI_LANG_EN : strcmp(section, "es") == 0 ? MGI_LANG_ES : -1;
    if (lang < 0) {
        mgi_diag_add(st->diag, MGI_ERROR, st->path, st->line, 1,
                     "section [%s] is not a language: use [en] or [es]", section);
        st->errors++;
        return 1;
    }
    char *key = mgi_arena_strdup(s->arena, name);
    char *val = mgi_arena_strdup(s->arena, value);
    if (!key || !val) {
        st->nomem = 1;
        return 0;
    }
    size_t i;
    if (mgi_strmap_get(s->map[lang], key, &i)) {
        s->value[lang][i] = val; /* the last one wins, like in every ini reader */
        return 1;
    }
    if (s->n[lang] == s->cap[lang]) {
        size_t cap = s->cap[lang] ? 2 * s->cap[lang] : 64;
        const char **v = realloc(s->value[lang], cap * sizeof *v);
        if (!v) {
            st->nomem = 1;
            return 0;
        }
        s->value[lang] = v;
        s->cap[lang] = cap;
    }
    if (mgi_strmap_put(s->map[lang], key, s->n[lang], NULL) < 0) {
        st->nomem = 1;
        return 0;
    }
    s->value[lang][s->n[lang]++] = val;
    bool known = false;
    for (size_t k = 0; k < NREQUIRED && !known; k++)
        known = strcmp(required[k], key) == 0;
    if (!known)
        mgi_diag_add(st->diag, MGI_WARNING, st->path, st->line, 1,
                     "\"%s\" is not a word mgi prints (ignored)", key);
    return 1;
}

mgi_error mgi_strings_load(const char *path, mgi_diag *diag, mgi_strings **out)
{
    *out = NULL;
    mgi_error err = MGI_OK;
    mgi_strings *s = calloc(1, sizeof *s);
    if (!s || !(s->arena = mgi_arena_new()) || !(s->map[0] = mgi_strmap_new(64)) ||
        !(s->map[1] = mgi_strmap_new(64))) {
        mgi_strings_free(s);
        return MGI_ERR_NOMEM;
    }
    state st = {.s = s, .path = path, .diag = diag};
    st.f = fopen(path, "r");
    if (!st.f) {
        mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "%s", strerror(errno));
        err = errno == ENOENT ? MGI_ERR_NOINPUT : MGI_ERR_IO;
        goto cleanup;
    }
    int bad = ini_parse_stream(read_line, &st, on_value, &st);
    fclose(st.f);
    if (st.nomem) {
        err = MGI_ERR_NOMEM;
        goto cleanup;
    }
    if (bad > 0) {
        mgi_diag_add(diag, MGI_ERROR, path, (unsigned)bad, 1,
                     "not a [section] or a key = value line");
        st.errors++;
    }
    for (int lang = 0; lang < MGI_NLANGS; lang++)
        for (size_t k = 0; k < NREQUIRED; k++)
            if (!mgi_strmap_get(s->map[lang], required[k], NULL)) {
                mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "missing \"%s\" in [%s]", required[k],
                             mgi_lang_code(lang));
                st.errors++;
            }
    if (st.errors)
        err = MGI_ERR_DATA;
cleanup:
    if (err != MGI_OK) {
        mgi_strings_free(s);
        return err;
    }
    *out = s;
    return MGI_OK;
}

void mgi_strings_free(mgi_strings *s)
{
    if (!s)
        return;
    for (int lang = 0; lang < MGI_NLANGS; lang++) {
        mgi_strmap_free(s->map[lang]);
        free(s->value[lang]);
    }
    mgi_arena_free(s->arena);
    free(s);
}

const char *mgi_strings_get(const mgi_strings *s, int lang, const char *key)
{
    size_t i;
    if (lang < 0 || lang >= MGI_NLANGS || !mgi_strmap_get(s->map[lang], key, &i))
        return key;
    return s->value[lang][i];
}

char *mgi_strings_format(const mgi_strings *s, int lang, const char *key, char *buf, size_t size,
                         const char *const *vars)
{
    const char *t = mgi_strings_get(s, lang, key);
    size_t o = 0;
    while (*t && o + 1 < size) {
        if (*t == '{') {
            const char *end = strchr(t, '}');
            const char *val = NULL;
            for (size_t i = 0; end && vars && vars[i]; i += 2)
                if (strlen(vars[i]) == (size_t)(end - t - 1) &&
                    strncmp(vars[i], t + 1, (size_t)(end - t - 1)) == 0)
                    val = vars[i + 1];
            if (val) {
                while (*val && o + 1 < size)
                    buf[o++] = *val++;
                t = end + 1;
                continue;
            }
        }
        buf[o++] = *t++;
    }
    buf[o] = '\0';
    return buf;
}

char *mgi_strings_number(const mgi_strings *s, int lang, double x, char buf[32])
{
    if (isnan(x)) {
        snprintf(buf, 32, "–");
        return buf;
    }
    snprintf(buf, 32, "%.2f", x);
    const char *sep = mgi_strings_get(s, lang, "decimal");
    char *dot = strchr(buf, '.');
    if (dot && strcmp(sep, ".") != 0 && strlen(sep) == 1)
        *dot = sep[0];
    return buf;
}
