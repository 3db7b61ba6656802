/* pool.h — numbered units of work shared out among forked worker processes. */
#ifndef MGI_POOL_H
#define MGI_POOL_H

#include <stddef.h>

#include "mgi/diag.h"
#include "mgi/error.h"

/*
 * mgi build and mgi practice --all make many independent documents. A pool
 * runs their units 0 … units-1 in `jobs` processes, each taking the next
 * unit as it finishes one (a counter in shared memory), so that no process
 * idles while another has a long queue; lower numbers start first, so put
 * the longest unit first. Processes rather than threads: libxlsxwriter and
 * cairo then need no thought about shared state, and as each unit writes
 * files of its own, the outputs are the same bytes as with one job.
 *
 * Workers report to the parent through one pipe, in lines shorter than
 * PIPE_BUF so that writes never interleave: "P<count>" after each unit,
 * the diagnostics they added (mgi_diag_send), and "X<mgi_error>" when they
 * stop on an error.
 */

/* Runs unit u: adds what it reports to diag and what it made to *count. */
typedef mgi_error (*mgi_pool_unit)(void *ctx, size_t u, mgi_diag *diag, size_t *count);

/* Told in the parent after each unit that counted something: the sum of the
 * counts so far. */
typedef void (*mgi_pool_progress)(void *ctx, size_t count);

typedef struct mgi_pool_task {
    size_t units;
    int jobs;                   /* at most this many processes; 1 or less: in this one */
    mgi_pool_unit run;          /* called in the workers */
    void *ctx;                  /* for run and progress */
    mgi_pool_progress progress; /* or NULL */
    const char *where;          /* what "cannot start workers" is reported at */
} mgi_pool_task;

/*
 * Runs every unit of t, in min(jobs, units) worker processes, or in this
 * process when that is 1. After the first unit that fails, the workers take
 * no more units. The workers' diagnostics end up in diag, and *count is the
 * sum of the units' counts. Returns the first error a unit returned, or
 * MGI_ERR_IO (workers could not be started, reported at t->where),
 * MGI_ERR_INTERNAL (a worker died, reported), MGI_ERR_NOMEM.
 */
mgi_error mgi_pool_run(const mgi_pool_task *t, mgi_diag *diag, size_t *count);

#endif
