/* output.c — atomic output files. */
#define _GNU_SOURCE /* fopencookie */
#include "mgi/output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

/*
 * The FILE handed to writers sits on a small sink of our own (fopencookie)
 * rather than on the descriptor directly: stdio keeps only an error flag, and
 * by the time a writer or mgi_output_commit looks at it errno may say
 * anything (a later call, or a retried flush that succeeded once another
 * process freed space). The sink keeps the errno of the first write or close
 * that failed, which is what the user is told.
 */
struct mgi_output_sink {
    int fd;
    int err; /* first errno of a failed write or close; 0 when none */
};

/* Writes buf[0..n) to fd through interruptions. On failure keeps the errno
 * in *err unless one is there already (EIO for a write of nothing) and
 * returns what was written: short, so stdio sets the stream's error flag.
 * Never negative (fopencookie(3)). */
static ssize_t write_all(int fd, const char *buf, size_t n, int *err)
{
    size_t done = 0;
    while (done < n) {
        ssize_t w = write(fd, buf + done, n - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            if (!*err)
                *err = w < 0 ? errno : EIO;
            break;
        }
        done += (size_t)w;
    }
    return (ssize_t)done;
}

static ssize_t sink_write(void *cookie, const char *buf, size_t n)
{
    struct mgi_output_sink *s = cookie;
    return write_all(s->fd, buf, n, &s->err);
}

static int sink_close(void *cookie)
{
    struct mgi_output_sink *s = cookie;
    int r = close(s->fd);
    if (r != 0 && !s->err)
        s->err = errno;
    s->fd = -1;
    return r;
}

/* Errors of the disk rather than of the name or permissions: exit 74, not 73. */
static bool disk_error(int e)
{
    return e == ENOSPC || e == EDQUOT || e == EIO || e == EFBIG;
}

mgi_error mgi_output_open(mgi_output *out, const char *path, mgi_diag *diag)
{
    memset(out, 0, sizeof *out);
    size_t n = strlen(path) + 16;
    out->path = strdup(path);
    out->tmp = malloc(n);
    out->sink = malloc(sizeof *out->sink);
    if (!out->path || !out->tmp || !out->sink) {
        free(out->sink);
        out->sink = NULL;
        mgi_output_abort(out);
        return MGI_ERR_NOMEM;
    }
    snprintf(out->tmp, n, "%s.tmp-XXXXXX", path);
    int fd = mkstemp(out->tmp);
    if (fd < 0) {
        int e = errno;
        mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "cannot create: %s", strerror(e));
        free(out->tmp);
        out->tmp = NULL;
        free(out->sink);
        out->sink = NULL;
        mgi_output_abort(out);
        return disk_error(e) ? MGI_ERR_IO : MGI_ERR_CANTCREAT;
    }
    /* mkstemp makes 0600 files; outputs are documents to share. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0644 & ~mask);
    *out->sink = (struct mgi_output_sink){fd, 0};
    cookie_io_functions_t io = {.write = sink_write, .close = sink_close};
    out->f = fopencookie(out->sink, "wb", io);
    if (!out->f) {
        int e = errno;
        close(fd);
        out->sink->fd = -1;
        mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "cannot create: %s", strerror(e));
        mgi_output_abort(out);
        return e == ENOMEM ? MGI_ERR_NOMEM : MGI_ERR_CANTCREAT;
    }
    return MGI_OK;
}

mgi_error mgi_output_open_name(mgi_output *out, const char *path, mgi_diag *diag)
{
    mgi_error err = mgi_output_open(out, path, diag);
    if (err == MGI_OK) {
        fclose(out->f); /* an empty file: nothing to fail */
        out->f = NULL;
    }
    return err;
}

/* Closes out->f; the errno of its first failure (a write or the close), or 0. */
static int close_stream(mgi_output *out)
{
    if (!out->f)
        return 0;
    int failed = fflush(out->f) != 0 || ferror(out->f);
    failed |= fclose(out->f) != 0;
    out->f = NULL;
    if (out->sink && out->sink->err)
        return out->sink->err;
    return failed ? EIO : 0;
}

mgi_error mgi_output_commit(mgi_output *out, mgi_diag *diag)
{
    /* No fsync: the rename protects against failed and killed runs, which is
     * the promise; a sync per file would cost more than writing a chart. */
    int err = close_stream(out);
    if (!err && rename(out->tmp, out->path) != 0)
        err = errno;
    if (err)
        return mgi_output_fail(out, err, diag);
    free(out->tmp);
    free(out->path);
    free(out->sink);
    memset(out, 0, sizeof *out);
    return MGI_OK;
}

mgi_error mgi_output_close(mgi_output *out, mgi_diag *diag)
{
    int err = close_stream(out);
    return err ? mgi_output_fail(out, err, diag) : MGI_OK;
}

mgi_error mgi_output_fail(mgi_output *out, int errnum, mgi_diag *diag)
{
    int e = close_stream(out);
    if (errnum)
        e = errnum;
    mgi_diag_add(diag, MGI_ERROR, out->path ? out->path : "", 0, 0, "cannot write: %s",
                 strerror(e ? e : EIO));
    mgi_output_abort(out);
    return MGI_ERR_IO;
}

void mgi_output_abort(mgi_output *out)
{
    if (!out)
        return;
    if (out->f)
        fclose(out->f);
    if (out->tmp)
        unlink(out->tmp);
    free(out->tmp);
    free(out->path);
    free(out->sink);
    memset(out, 0, sizeof *out);
}

bool mgi_output_is_temporary(const char *name)
{
    static const char *const exts[] = {".csv", ".pdf", ".xlsx", ".svg", ".png", ".html", ".md"};
    static const char tail[] = ".tmp-XXXXXX";
    size_t n = strlen(name), t = sizeof tail - 1;
    if (n <= t || strncmp(name + n - t, tail, 5) != 0)
        return false;
    for (size_t i = n - 6; i < n; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            return false;
    }
    size_t base = n - t; /* the final name's length */
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
        size_t e = strlen(exts[i]);
        if (base > e && strncmp(name + base - e, exts[i], e) == 0)
            return true;
    }
    return false;
}

void mgi_output_sweep(const char *dir, bool remove, size_t *found)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    int dfd = dirfd(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        struct stat st;
        if (!mgi_output_is_temporary(e->d_name) ||
            fstatat(dfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
            continue;
        ++*found;
        if (remove)
            unlinkat(dfd, e->d_name, 0);
    }
    closedir(d);
}

/* A scratch file: its descriptor, its stream, its set, and its neighbours
 * among the set's open files. */
struct mgi_scratch_file {
    int fd;
    FILE *f;
    mgi_scratch *set;
    struct mgi_scratch_file *prev, *next;
};

static void scratch_failed(struct mgi_scratch_file *s, int e)
{
    if (!s->set->err)
        s->set->err = e ? e : EIO;
}

static ssize_t scratch_write(void *cookie, const char *buf, size_t n)
{
    struct mgi_scratch_file *s = cookie;
    return write_all(s->fd, buf, n, &s->set->err);
}

static ssize_t scratch_read(void *cookie, char *buf, size_t n)
{
    struct mgi_scratch_file *s = cookie;
    ssize_t r;
    while ((r = read(s->fd, buf, n)) < 0 && errno == EINTR)
        ;
    if (r < 0)
        scratch_failed(s, errno);
    return r;
}

static int scratch_seek(void *cookie, off64_t *pos, int whence)
{
    struct mgi_scratch_file *s = cookie;
    off_t r = lseek(s->fd, (off_t)*pos, whence);
    if (r < 0)
        return -1;
    *pos = (off64_t)r;
    return 0;
}

static int scratch_close(void *cookie)
{
    struct mgi_scratch_file *s = cookie;
    int r = close(s->fd);
    if (r != 0)
        scratch_failed(s, errno);
    if (s->prev)
        s->prev->next = s->next;
    else
        s->set->open = s->next;
    if (s->next)
        s->next->prev = s->prev;
    free(s);
    return r;
}

mgi_error mgi_scratch_init(mgi_scratch *set, const char *path)
{
    memset(set, 0, sizeof *set);
    if (!path)
        return MGI_OK;
    const char *slash = strrchr(path, '/');
    size_t n = !slash ? 1 : slash == path ? 1 : (size_t)(slash - path);
    if (!(set->dir = malloc(n + 1)))
        return MGI_ERR_NOMEM;
    memcpy(set->dir, slash ? path : ".", n);
    set->dir[n] = '\0';
    return MGI_OK;
}

/* A descriptor for an unnamed file in dir, or -1 with errno set. */
static int unnamed_file(const char *dir)
{
    int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL))
        return fd;
    /* No O_TMPFILE here (an older kernel, some file systems): a name for a moment. */
    size_t n = strlen(dir) + sizeof "/scratch.xlsx.tmp-XXXXXX";
    char *name = malloc(n);
    if (!name)
        return -1;
    snprintf(name, n, "%s/scratch.xlsx.tmp-XXXXXX", dir);
    fd = mkstemp(name);
    int e = errno;
    if (fd >= 0) {
        unlink(name);
        fcntl(fd, F_SETFD, FD_CLOEXEC);
    }
    free(name);
    errno = e;
    return fd;
}

int mgi_memory_fd(const char *name)
{
#ifdef SYS_memfd_create
    return (int)syscall(SYS_memfd_create, name, 1u /* MFD_CLOEXEC */);
#else
    (void)name;
    errno = ENOSYS;
    return -1;
#endif
}

/* A memory file for a scratch set; where the system has none (memfd_create
 * came with Linux 3.17), an unnamed file in TMPDIR or /tmp. -1 with errno
 * set. */
static int memory_file(void)
{
    int fd = mgi_memory_fd("mgi-scratch");
    if (fd >= 0 || errno != ENOSYS)
        return fd;
    const char *tmp = getenv("TMPDIR");
    return unnamed_file(tmp && *tmp ? tmp : "/tmp");
}

FILE *mgi_scratch_file(mgi_scratch *set)
{
    struct mgi_scratch_file *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    if ((s->fd = set->dir ? unnamed_file(set->dir) : memory_file()) < 0) {
        free(s);
        return NULL;
    }
    s->set = set;
    cookie_io_functions_t io = {
        .read = scratch_read, .write = scratch_write, .seek = scratch_seek, .close = scratch_close};
    if (!(s->f = fopencookie(s, "w+b", io))) {
        int e = errno;
        close(s->fd);
        free(s);
        errno = e;
        return NULL;
    }
    s->next = set->open;
    if (set->open)
        set->open->prev = s;
    set->open = s;
    return s->f;
}

void mgi_scratch_free(mgi_scratch *set)
{
    if (!set)
        return;
    while (set->open)
        fclose(set->open->f); /* unlinks it */
    free(set->dir);
    set->dir = NULL;
}

mgi_error mgi_output_copy(FILE *in, const char *from, const char *path, mgi_diag *diag)
{
    mgi_output out;
    mgi_error err = mgi_output_open(&out, path, diag);
    if (err == MGI_OK) {
        char buf[65536];
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, in)) > 0)
            if (fwrite(buf, 1, n, out.f) != n)
                break; /* mgi_output_commit reports it */
        if (ferror(in)) {
            mgi_diag_add(diag, MGI_ERROR, from, 0, 0, "cannot read: %s", strerror(errno));
            mgi_output_abort(&out);
            err = MGI_ERR_IO;
        } else {
            err = mgi_output_commit(&out, diag);
        }
    }
    fclose(in);
    return err;
}
