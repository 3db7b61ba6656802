/* diag.c — the list of diagnostics. */
#include "mgi/diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mgi/arena.h"

struct mgi_diag {
    mgi_arena *arena; /* messages and file names */
    mgi_diagnostic *items;
    size_t len, cap;
    size_t counts[2];
    const char *last_file; /* consecutive diagnostics share one copy */
    const char *last_file_copy;
    int nomem;
};

mgi_diag *mgi_diag_new(void)
{
    mgi_diag *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->arena = mgi_arena_new();
    if (!d->arena) {
        free(d);
        return NULL;
    }
    return d;
}

void mgi_diag_free(mgi_diag *diag)
{
    if (!diag)
        return;
    mgi_arena_free(diag->arena);
    free(diag->items);
    free(diag);
}

void mgi_diag_vadd(mgi_diag *d, mgi_severity severity, const char *file, unsigned line,
                   unsigned col, const char *fmt, va_list ap)
{
    d->counts[severity == MGI_ERROR]++;
    if (d->len >= MGI_DIAG_MAX)
        return;
    if (d->len == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 32;
        mgi_diagnostic *items = realloc(d->items, cap * sizeof *items);
        if (!items) {
            d->nomem = 1;
            return;
        }
        d->items = items;
        d->cap = cap;
    }
    char buf[1024];
    vsnprintf(buf, sizeof buf, fmt, ap);
    if (!d->last_file || strcmp(d->last_file, file) != 0) {
        d->last_file_copy = mgi_arena_strdup(d->arena, file);
        d->last_file = d->last_file_copy;
    }
    const char *msg = mgi_arena_strdup(d->arena, buf);
    if (!msg || !d->last_file_copy) {
        d->nomem = 1;
        d->last_file = NULL;
        return;
    }
    d->items[d->len++] = (mgi_diagnostic){severity, d->last_file_copy, line, col, msg};
}

void mgi_diag_add(mgi_diag *diag, mgi_severity severity, const char *file, unsigned line,
                  unsigned col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mgi_diag_vadd(diag, severity, file, line, col, fmt, ap);
    va_end(ap);
}

size_t mgi_diag_size(const mgi_diag *diag)
{
    return diag->len;
}

const mgi_diagnostic *mgi_diag_get(const mgi_diag *diag, size_t i)
{
    return i < diag->len ? &diag->items[i] : NULL;
}

size_t mgi_diag_count(const mgi_diag *diag, mgi_severity severity)
{
    return diag->counts[severity == MGI_ERROR];
}

int mgi_diag_nomem(const mgi_diag *diag)
{
    return diag->nomem;
}

bool mgi_diag_send(const mgi_diag *diag, size_t from, int fd)
{
    bool ok = true;
    char line[3072];
    for (size_t i = from; i < mgi_diag_size(diag); i++) {
        const mgi_diagnostic *d = mgi_diag_get(diag, i);
        int len = snprintf(line, sizeof line - 1, "D%d\t%u\t%u\t%s\t%s", (int)d->severity, d->line,
                           d->col, d->file, d->message);
        if (len < 0 || (size_t)len >= sizeof line - 1)
            len = (int)sizeof line - 2;
        for (int k = 0; k < len; k++)
            if (line[k] == '\n')
                line[k] = ' ';
        line[len++] = '\n';
        if (write(fd, line, (size_t)len) != len)
            ok = false;
    }
    return ok;
}

bool mgi_diag_receive(mgi_diag *diag, char *line)
{
    if (line[0] != 'D')
        return false;
    char *field[5] = {line + 1};
    for (int k = 1; k < 5 && field[k - 1]; k++) {
        char *tab = strchr(field[k - 1], '\t');
        field[k] = tab ? tab + 1 : NULL;
        if (tab)
            *tab = '\0';
    }
    if (!field[4])
        return false;
    mgi_diag_add(diag, atoi(field[0]) ? MGI_ERROR : MGI_WARNING, field[3], (unsigned)atoi(field[1]),
                 (unsigned)atoi(field[2]), "%s", field[4]);
    return true;
}
