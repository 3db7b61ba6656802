/* pool.c — numbered units of work shared out among forked worker processes. */
#include "mgi/pool.h"

#include <errno.h>
#include <stdbool.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

/* What the workers share: the next unit to take, and whether one of them
 * failed (then the others take no more). */
typedef struct shared {
    atomic_size_t next;
    atomic_int stop;
} shared;

static mgi_error serial(const mgi_pool_task *t, mgi_diag *diag, size_t *count)
{
    mgi_error err = MGI_OK;
    for (size_t u = 0; u < t->units && err == MGI_OK; u++) {
        size_t n = 0;
        err = t->run(t->ctx, u, diag, &n);
        *count += n;
        if (t->progress && n)
            t->progress(t->ctx, *count);
    }
    return err;
}

static bool say(int fd, const char *line, int len)
{
    return len > 0 && write(fd, line, (size_t)len) == len;
}

/* A worker: takes units until none is left or one fails, then reports and
 * exits (1 when it stopped on an error, 2 when it could not report). */
static _Noreturn void worker(const mgi_pool_task *t, shared *s, int fd, mgi_diag *diag)
{
    size_t before = mgi_diag_size(diag);
    mgi_error err = MGI_OK;
    char line[32];
    while (err == MGI_OK && !atomic_load(&s->stop)) {
        size_t u = atomic_fetch_add(&s->next, 1), n = 0;
        if (u >= t->units)
            break;
        err = t->run(t->ctx, u, diag, &n);
        if (!say(fd, line, snprintf(line, sizeof line, "P%zu\n", n)) && err == MGI_OK)
            err = MGI_ERR_IO;
    }
    if (err != MGI_OK)
        atomic_store(&s->stop, 1);
    if (!mgi_diag_send(diag, before, fd) ||
        (err != MGI_OK && !say(fd, line, snprintf(line, sizeof line, "X%d\n", (int)err))))
        _exit(2);
    _exit(err == MGI_OK ? 0 : 1);
}

/* The workers' lines until every write end is closed. */
static mgi_error hear(const mgi_pool_task *t, int fd, mgi_diag *diag, size_t *count)
{
    mgi_error err = MGI_OK;
    FILE *f = fdopen(fd, "r");
    if (!f) {
        close(fd);
        return MGI_ERR_NOMEM;
    }
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) > 0) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == 'P') {
            size_t n = strtoul(line + 1, NULL, 10);
            *count += n;
            if (t->progress && n)
                t->progress(t->ctx, *count);
        } else if (line[0] == 'X') {
            if (err == MGI_OK)
                err = (mgi_error)atoi(line + 1);
        } else {
            mgi_diag_receive(diag, line);
        }
    }
    free(line);
    fclose(f);
    return err;
}

mgi_error mgi_pool_run(const mgi_pool_task *t, mgi_diag *diag, size_t *count)
{
    size_t jobs = t->jobs > 1 ? (size_t)t->jobs : 1;
    if (jobs > t->units)
        jobs = t->units;
    if (jobs <= 1)
        return serial(t, diag, count);
    int fds[2];
    pid_t *pids = calloc(jobs, sizeof *pids);
    shared *s = mmap(NULL, sizeof *s, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (!pids || s == MAP_FAILED) {
        free(pids);
        if (s != MAP_FAILED)
            munmap(s, sizeof *s);
        return MGI_ERR_NOMEM;
    }
    atomic_init(&s->next, 0);
    atomic_init(&s->stop, 0);
    mgi_error err = MGI_OK;
    size_t started = 0;
    if (pipe(fds) != 0) {
        mgi_diag_add(diag, MGI_ERROR, t->where, 0, 0, "cannot start workers: %s", strerror(errno));
        err = MGI_ERR_IO;
        goto cleanup;
    }
    fflush(NULL);
    for (; started < jobs; started++) {
        pid_t pid = fork();
        if (pid < 0) {
            mgi_diag_add(diag, MGI_ERROR, t->where, 0, 0, "cannot start workers: %s",
                         strerror(errno));
            err = MGI_ERR_IO;
            atomic_store(&s->stop, 1);
            break;
        }
        if (pid == 0) {
            close(fds[0]);
            worker(t, s, fds[1], diag);
        }
        pids[started] = pid;
    }
    close(fds[1]);
    mgi_error heard = hear(t, fds[0], diag, count);
    if (err == MGI_OK)
        err = heard;
    for (size_t k = 0; k < started; k++) {
        int status = 0;
        while (waitpid(pids[k], &status, 0) < 0 && errno == EINTR)
            ;
        if ((!WIFEXITED(status) || WEXITSTATUS(status) > 1) && err == MGI_OK) {
            mgi_diag_add(diag, MGI_ERROR, t->where, 0, 0, "a worker process failed");
            err = MGI_ERR_INTERNAL;
        }
    }
cleanup:
    free(pids);
    munmap(s, sizeof *s);
    return err;
}
