/* output.c — atomic output files. */
#include "mgi/output.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

mgi_error mgi_output_open(mgi_output *out, const char *path, mgi_diag *diag)
{
    memset(out, 0, sizeof *out);
    size_t n = strlen(path) + 16;
    out->path = strdup(path);
    out->tmp = malloc(n);
    if (!out->path || !out->tmp) {
        mgi_output_abort(out);
        return MGI_ERR_NOMEM;
    }
    snprintf(out->tmp, n, "%s.tmp-XXXXXX", path);
    int fd = mkstemp(out->tmp);
    if (fd < 0) {
        mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "cannot create: %s", strerror(errno));
        free(out->tmp);
        out->tmp = NULL;
        mgi_output_abort(out);
        return MGI_ERR_CANTCREAT;
    }
    /* mkstemp makes 0600 files; outputs are documents to share. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0644 & ~mask);
    out->f = fdopen(fd, "wb");
    if (!out->f) {
        close(fd);
        mgi_diag_add(diag, MGI_ERROR, path, 0, 0, "cannot create: %s", strerror(errno));
        mgi_output_abort(out);
        return MGI_ERR_CANTCREAT;
    }
    return MGI_OK;
}

mgi_error mgi_output_open_name(mgi_output *out, const char *path, mgi_diag *diag)
{
    mgi_error err = mgi_output_open(out, path, diag);
    if (err == MGI_OK) {
        fclose(out->f);
        out->f = NULL;
    }
    return err;
}

mgi_error mgi_output_commit(mgi_output *out, mgi_diag *diag)
{
    int err = 0;
    if (out->f && (fflush(out->f) != 0 || ferror(out->f)))
        err = errno ? errno : EIO;
    /* No fsync: the rename protects against failed and killed runs, which is
     * the promise; a sync per file would cost more than writing a chart. */
    if (out->f && fclose(out->f) != 0 && !err)
        err = errno ? errno : EIO;
    out->f = NULL;
    if (!err && rename(out->tmp, out->path) != 0)
        err = errno;
    if (err) {
        mgi_diag_add(diag, MGI_ERROR, out->path, 0, 0, "cannot write: %s", strerror(err));
        mgi_output_abort(out);
        return MGI_ERR_IO;
    }
    free(out->tmp);
    free(out->path);
    memset(out, 0, sizeof *out);
    return MGI_OK;
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
    memset(out, 0, sizeof *out);
}
