/* resources.c — finding the default layouts/ and fonts/. */
#include "mgi/resources.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

static bool holds_resources(const char *dir)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/layouts/strings.ini", dir) >= (int)sizeof path)
        return false;
    return access(path, R_OK) == 0;
}

static mgi_error found(const char *dir, char **out)
{
    *out = strdup(dir);
    return *out ? MGI_OK : MGI_ERR_NOMEM;
}

mgi_error mgi_resources_find(const char *override, mgi_diag *diag, char **out)
{
    *out = NULL;
    const char *env = getenv("MGI_RESOURCES");
    const char *given = override ? override : (env && *env ? env : NULL);
    if (given) {
        if (holds_resources(given))
            return found(given, out);
        mgi_diag_add(diag, MGI_ERROR, given, 0, 0, "no layouts/strings.ini here (%s)",
                     override ? "--resources" : "MGI_RESOURCES");
        return MGI_ERR_NOINPUT;
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            char dir[PATH_MAX];
            if (snprintf(dir, sizeof dir, "%s/../share/mgi", exe) < (int)sizeof dir &&
                holds_resources(dir)) {
                char real[PATH_MAX];
                return found(realpath(dir, real) ? real : dir, out);
            }
        }
    }
    if (holds_resources(MGI_INSTALL_DATADIR))
        return found(MGI_INSTALL_DATADIR, out);
    if (holds_resources(MGI_SOURCE_DIR))
        return found(MGI_SOURCE_DIR, out);
    mgi_diag_add(diag, MGI_ERROR, MGI_INSTALL_DATADIR, 0, 0,
                 "layouts and fonts not found; set MGI_RESOURCES to the directory holding "
                 "layouts/ and fonts/");
    return MGI_ERR_NOINPUT;
}
