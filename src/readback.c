/* readback.c — responses.csv kept open: findings and sources read back from it when a document
 * prints them. */
#include "mgi/readback.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mgi/csv.h"

struct window {
    char *buf;
    size_t off, len, cap; /* holds [off, off + len) of the file */
};

struct mgi_textfile {
    int fd;
    char *path;
    struct stat st;           /* when opened: a file that changes since is an error */
    struct window home, away; /* the focused commune's texts; the last text from elsewhere */
    mgi_error err;            /* the first failure, for mgi_textfile_check */
    const char *why;
};

mgi_error mgi_textfile_open(const char *path, mgi_diag *diag, mgi_textfile **out)
{
    mgi_textfile *tf = calloc(1, sizeof *tf);
    *out = NULL;
    if (!tf || !(tf->path = strdup(path))) {
        free(tf);
        return MGI_ERR_NOMEM;
    }
    tf->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (tf->fd < 0) {
        bool missing = errno == ENOENT || errno == ENOTDIR;
        mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "%s", missing ? "no such file" : strerror(errno));
        free(tf->path);
        free(tf);
        return missing ? MGI_ERR_NOINPUT : MGI_ERR_IO;
    }
    if (fstat(tf->fd, &tf->st) != 0) {
        mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "%s", strerror(errno));
        mgi_textfile_close(tf);
        return MGI_ERR_IO;
    }
    *out = tf;
    return MGI_OK;
}

void mgi_textfile_close(mgi_textfile *tf)
{
    if (!tf)
        return;
    close(tf->fd);
    free(tf->home.buf);
    free(tf->away.buf);
    free(tf->path);
    free(tf);
}

int mgi_textfile_fd(const mgi_textfile *tf)
{
    return tf->fd;
}

/* Remembers the first failure to read texts back, for mgi_textfile_check. */
static bool text_failed(mgi_textfile *tf, mgi_error err, const char *why)
{
    if (tf->err == MGI_OK) {
        tf->err = err;
        tf->why = why;
    }
    return false;
}

/* Reads [off, off + want) of the file into w (less at the end of the file;
 * at least len bytes or it fails), after making sure the file is still the
 * one that was opened. */
static bool fill(mgi_textfile *tf, struct window *w, size_t off, size_t len, size_t want)
{
    static const char changed[] = "changed since mgi read it: run again";
    struct stat st;
    w->len = 0;
    if (fstat(tf->fd, &st) != 0 || st.st_size != tf->st.st_size || st.st_ino != tf->st.st_ino ||
        st.st_mtim.tv_sec != tf->st.st_mtim.tv_sec ||
        st.st_mtim.tv_nsec != tf->st.st_mtim.tv_nsec || off > (size_t)st.st_size ||
        len > (size_t)st.st_size - off)
        return text_failed(tf, MGI_ERR_IO, changed);
    if ((size_t)st.st_size - off < want)
        want = (size_t)st.st_size - off;
    if (want > w->cap) {
        char *b = realloc(w->buf, want);
        if (!b)
            return text_failed(tf, MGI_ERR_NOMEM, "out of memory");
        w->buf = b;
        w->cap = want;
    }
    for (size_t got = 0; got < want;) {
        ssize_t n = pread(tf->fd, w->buf + got, want - got, (off_t)(off + got));
        if (n <= 0)
            return text_failed(tf, MGI_ERR_IO, n < 0 ? strerror(errno) : changed);
        got += (size_t)n;
    }
    w->off = off;
    w->len = want;
    return true;
}

static bool holds(const struct window *w, size_t off, size_t len)
{
    return off >= w->off && off + len <= w->off + w->len;
}

void mgi_textfile_focus(mgi_textfile *tf, size_t lo, size_t hi)
{
    if (tf->err != MGI_OK || lo >= hi || holds(&tf->home, lo, hi - lo))
        return;
    /* A commune whose rows are scattered over a big file is read text by text. */
    if (hi - lo <= (4u << 20))
        fill(tf, &tf->home, lo, hi - lo, hi - lo);
    else
        tf->home.len = 0;
}

const char *mgi_textfile_read(mgi_textfile *tf, size_t off, size_t len, mgi_arena *a)
{
    if (len == 0 || tf->err != MGI_OK)
        return "";
    /* Elsewhere: the text and what follows it, which is often the next one
     * wanted (the row's other texts, the next row). */
    const struct window *w = holds(&tf->home, off, len) ? &tf->home : &tf->away;
    if (w == &tf->away && !holds(w, off, len) && !fill(tf, &tf->away, off, len, len + (2u << 10)))
        return "";
    char *out = mgi_arena_alloc(a, len + 1);
    if (!out) {
        text_failed(tf, MGI_ERR_NOMEM, "out of memory");
        return "";
    }
    size_t n = mgi_csv_unquote(w->buf + (off - w->off), len, out), i = 0;
    while (n && isspace((unsigned char)out[n - 1]))
        n--;
    while (i < n && isspace((unsigned char)out[i]))
        i++;
    memmove(out, out + i, n - i);
    out[n - i] = '\0';
    return out;
}

mgi_error mgi_textfile_check(const mgi_textfile *tf, mgi_diag *diag)
{
    if (!tf || tf->err == MGI_OK)
        return MGI_OK;
    mgi_diag_add(diag, MGI_ERROR, tf->path, 0, 0, "%s", tf->why);
    return tf->err;
}
