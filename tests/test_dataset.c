/* test_dataset.c — runs the dataset loader over the plain-text cases in tests/dataset/cases.txt. */
#define _XOPEN_SOURCE 700
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mgi/arena.h"
#include "mgi/dataset.h"
#include "mgi/gcm.h"

/* Case file format:
 *
 *   === base                 files every case starts from
 *   --- domains.csv          a file: its lines follow, up to the next "---" or "==="
 *   ...
 *   === name of the case
 *   --- responses.csv        replaces the base's file for this case
 *   --- -communes.csv        (a leading '-' removes the file)
 *   --- expect               the diagnostics, "FILE:LINE:COL: severity: message"
 *                            (paths relative to the data directory), then
 *                            "result: <mgi_strerror of the result>"
 *
 * File lines may use \r, \t, \xHH and \\ escapes; a line ending in '\' has
 * no newline. */

enum { MAXFILES = 16 };

typedef struct file {
    char name[64];
    char *text;
    size_t len;
    int removed;
} file;

typedef struct fileset {
    file f[MAXFILES];
    int n;
} fileset;

static file *slot(fileset *s, const char *name)
{
    for (int i = 0; i < s->n; i++)
        if (strcmp(s->f[i].name, name) == 0)
            return &s->f[i];
    file *f = &s->f[s->n++];
    memset(f, 0, sizeof *f);
    snprintf(f->name, sizeof f->name, "%s", name);
    return f;
}

static void add_line(file *f, const char *line)
{
    size_t n = strlen(line);
    f->text = realloc(f->text, f->len + n + 2);
    char *d = f->text + f->len;
    int newline = 1;
    for (const char *s = line; *s && *s != '\n'; s++) {
        if (*s != '\\') {
            *d++ = *s;
            continue;
        }
        s++;
        if (*s == 'r')
            *d++ = '\r';
        else if (*s == 't')
            *d++ = '\t';
        else if (*s == 'x') {
            unsigned v;
            sscanf(s + 1, "%2x", &v);
            *d++ = (char)v;
            s += 2;
        } else if (*s == '\n' || *s == '\0') {
            newline = 0;
            break;
        } else
            *d++ = *s;
    }
    if (newline)
        *d++ = '\n';
    f->len = (size_t)(d - f->text);
}

static void write_file(const char *dir, const file *f)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, f->name);
    char *slash = strrchr(path, '/');
    for (char *p = path + strlen(dir) + 1; p < slash; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(path, 0777);
            *p = '/';
        }
    *slash = '\0';
    mkdir(path, 0777);
    *slash = '/';
    FILE *out = fopen(path, "wb");
    if (out) {
        fwrite(f->text ? f->text : "", 1, f->len, out);
        fclose(out);
    }
}

static void put(char **got, size_t *len, size_t *cap, const char *s)
{
    size_t n = strlen(s);
    if (*len + n + 1 > *cap)
        *got = realloc(*got, *cap = (*len + n + 1) * 2);
    memcpy(*got + *len, s, n + 1);
    *len += n;
}

/* The texts of every response that has any, as mgi_response_text reads them
 * back from responses.csv: "text: CODE YEAR ID en=[…] es=[…] source=[…]".
 * The first commune's come from one read (mgi_dataset_focus), the others'
 * one by one. */
static void dump_texts(const mgi_dataset *ds, char **got, size_t *len, size_t *cap)
{
    mgi_arena *a = mgi_arena_new();
    static const char *const names[MGI_NTEXTS] = {"en", "es", "source"};
    if (ds->ncommunes)
        mgi_dataset_focus(ds, 0);
    for (size_t c = 0; c < ds->ncommunes; c++)
        for (size_t k = 0; k < ds->communes[c].nrounds; k++)
            for (size_t i = 0; i < ds->nindicators; i++) {
                const mgi_response *r = &ds->communes[c].rounds[k].responses[i];
                const char *t[MGI_NTEXTS];
                bool any = false;
                for (int f = 0; f < MGI_NTEXTS; f++)
                    any |= *(t[f] = mgi_response_text(ds, r, f, a)) != '\0';
                if (!any)
                    continue;
                char line[1024];
                snprintf(line, sizeof line, "text: %s %d %s", ds->communes[c].code,
                         ds->communes[c].rounds[k].year, ds->indicators[i].id);
                put(got, len, cap, line);
                for (int f = 0; f < MGI_NTEXTS; f++) {
                    put(got, len, cap, " ");
                    put(got, len, cap, names[f]);
                    put(got, len, cap, "=[");
                    for (const char *p = t[f]; *p; p++)
                        put(got, len, cap,
                            *p == '\n'   ? "\\n"
                            : *p == '\r' ? "\\r"
                                         : (char[2]){*p, 0});
                    put(got, len, cap, "]");
                }
                put(got, len, cap, "\n");
            }
    mgi_diag *diag = mgi_diag_new();
    if (mgi_dataset_check(ds, diag) != MGI_OK)
        put(got, len, cap, "texts: not read back\n");
    mgi_diag_free(diag);
    mgi_arena_free(a);
}

/* The Global Compact lens of every indicator that has one:
 * "lens: ID gcm=3,15 sdg=3.8,10.c" (gcm.h). */
static void dump_lens(const mgi_dataset *ds, char **got, size_t *len, size_t *cap)
{
    for (size_t i = 0; i < ds->nindicators; i++) {
        const mgi_indicator *ind = &ds->indicators[i];
        if (!ind->gcm && !ind->nsdg)
            continue;
        char line[512];
        size_t o = (size_t)snprintf(line, sizeof line, "lens: %s gcm=", ind->id);
        const char *sep = "";
        for (int k = 1; k <= MGI_GCM_NOBJECTIVES; k++)
            if (ind->gcm & (1u << k)) {
                o += (size_t)snprintf(line + o, sizeof line - o, "%s%d", sep, k);
                sep = ",";
            }
        o += (size_t)snprintf(line + o, sizeof line - o, " sdg=");
        for (unsigned k = 0; k < ind->nsdg; k++) {
            char t[8];
            o += (size_t)snprintf(line + o, sizeof line - o, "%s%s", k ? "," : "",
                                  mgi_sdg_format(ind->sdg[k], t));
        }
        snprintf(line + o, sizeof line - o, "\n");
        put(got, len, cap, line);
    }
}

static int run_case(const char *name, const fileset *base, const fileset *over, const char *expect)
{
    char dir[] = "/tmp/mgi-test-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    for (int i = 0; i < base->n; i++) {
        int overridden = 0;
        for (int j = 0; j < over->n; j++)
            overridden |= strcmp(over->f[j].name, base->f[i].name) == 0;
        if (!overridden)
            write_file(dir, &base->f[i]);
    }
    for (int j = 0; j < over->n; j++)
        if (!over->f[j].removed)
            write_file(dir, &over->f[j]);

    mgi_diag *diag = mgi_diag_new();
    mgi_dataset *ds = NULL;
    mgi_error err = mgi_dataset_load(dir, diag, &ds);
    size_t cap = 4096, len = 0;
    char *got = malloc(cap);
    got[0] = '\0';
    size_t skip = strlen(dir) + 1;
    for (size_t i = 0; i <= mgi_diag_size(diag); i++) {
        char line[1400];
        if (i == mgi_diag_size(diag)) {
            snprintf(line, sizeof line, "result: %s\n", mgi_strerror(err));
        } else {
            const mgi_diagnostic *d = mgi_diag_get(diag, i);
            const char *file = strncmp(d->file, dir, skip - 1) == 0 ? d->file + skip : d->file;
            if (d->line)
                snprintf(line, sizeof line, "%s:%u:%u: %s: %s\n", file, d->line, d->col,
                         d->severity == MGI_ERROR ? "error" : "warning", d->message);
            else
                snprintf(line, sizeof line, "%s: %s: %s\n", file,
                         d->severity == MGI_ERROR ? "error" : "warning", d->message);
        }
        if (len + strlen(line) + 1 > cap)
            got = realloc(got, cap = (len + strlen(line) + 1) * 2);
        strcpy(got + len, line);
        len += strlen(line);
    }
    if (ds) {
        dump_texts(ds, &got, &len, &cap);
        dump_lens(ds, &got, &len, &cap);
    }
    mgi_dataset_free(ds);
    mgi_diag_free(diag);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", dir);
    int bad = strcmp(got, expect) != 0;
    if (bad)
        printf("FAIL: %s\n--- expected\n%s--- got\n%s\n", name, expect, got);
    free(got);
    return bad;
}

static void clear(fileset *s)
{
    for (int i = 0; i < s->n; i++)
        free(s->f[i].text);
    s->n = 0;
}

/* responses.csv changed after loading (cut, or rewritten in place at the same
 * size): the texts cannot be trusted, and mgi_dataset_check must say so. */
static int changed_file(const fileset *base, bool same_size)
{
    char dir[] = "/tmp/mgi-test-XXXXXX", path[600];
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    for (int i = 0; i < base->n; i++)
        write_file(dir, &base->f[i]);
    mgi_diag *diag = mgi_diag_new();
    mgi_dataset *ds = NULL;
    mgi_arena *a = mgi_arena_new();
    int bad = mgi_dataset_load(dir, diag, &ds) != MGI_OK;
    const mgi_response *r = bad ? NULL : &ds->communes[0].rounds[0].responses[0];
    snprintf(path, sizeof path, "%s/responses.csv", dir);
    FILE *f = fopen(path, "r+");
    if (!bad && f && same_size) {
        fseek(f, -2, SEEK_END); /* the last answer's last byte */
        fputc('x', f);
        fclose(f);
        struct timespec t[2] = {{0, UTIME_OMIT}, {1000000000, 0}};
        utimensat(AT_FDCWD, path, t, 0); /* a clock that has not moved on */
    } else if (!bad && f) {
        fclose(f);
        bad = truncate(path, 10) != 0;
    }
    if (!bad && same_size)
        mgi_dataset_focus(ds, 0); /* one way of reading, then the other */
    const char *text = bad ? "" : mgi_response_text(ds, r, MGI_LANG_EN, a);
    mgi_error err = bad ? MGI_OK : mgi_dataset_check(ds, diag);
    const char *msg = mgi_diag_size(diag) ? mgi_diag_get(diag, 0)->message : "";
    if (bad || *text || err != MGI_ERR_IO || !strstr(msg, "changed since mgi read it")) {
        printf("FAIL: responses.csv %s after loading: text \"%s\", %s, \"%s\"\n",
               same_size ? "rewritten" : "cut", text, mgi_strerror(err), msg);
        bad = 1;
    }
    mgi_arena_free(a);
    mgi_dataset_free(ds);
    mgi_diag_free(diag);
    snprintf(path, sizeof path, "rm -rf '%s'", dir);
    if (system(path) != 0)
        fprintf(stderr, "cannot remove %s\n", dir);
    return bad;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_dataset CASES\n");
        return 2;
    }
    FILE *in = fopen(argv[1], "r");
    if (!in) {
        perror(argv[1]);
        return 2;
    }
    static fileset base, over;
    fileset *cur = &base;
    file *f = NULL;
    char line[8192], name[256] = "";
    char expect[16384] = "";
    int in_expect = 0, cases = 0, failures = 0;
    for (int more = 1; more;) {
        more = fgets(line, sizeof line, in) != NULL;
        if (!more || strncmp(line, "=== ", 4) == 0) {
            if (*name && strcmp(name, "base") != 0) {
                cases++;
                failures += run_case(name, &base, &over, expect);
            }
            if (!more)
                break;
            snprintf(name, sizeof name, "%s", line + 4);
            name[strcspn(name, "\n")] = '\0';
            clear(&over);
            cur = strcmp(name, "base") == 0 ? &base : &over;
            f = NULL;
            in_expect = 0;
            expect[0] = '\0';
        } else if (strncmp(line, "--- ", 4) == 0) {
            char fname[64];
            snprintf(fname, sizeof fname, "%s", line + 4);
            fname[strcspn(fname, "\n")] = '\0';
            in_expect = strcmp(fname, "expect") == 0;
            if (!in_expect) {
                int removed = fname[0] == '-';
                f = slot(cur, fname + removed);
                f->removed = removed;
            }
        } else if (in_expect) {
            if (line[0] != '#' && line[0] != '\n')
                strncat(expect, line, sizeof expect - strlen(expect) - 1);
        } else if (f) {
            add_line(f, line);
        }
    }
    fclose(in);
    int changed = changed_file(&base, false) + changed_file(&base, true);
    failures += changed;
    clear(&base);
    clear(&over);
    printf("%d cases, %d failed; changed-file checks: %d failed\n", cases, failures - changed,
           changed);
    return failures ? 1 : 0;
}
