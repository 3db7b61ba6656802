/* resources.h — where the default layouts/ and fonts/ are. */
#ifndef MGI_RESOURCES_H
#define MGI_RESOURCES_H

#include "mgi/diag.h"
#include "mgi/error.h"

/* Finds the directory that holds layouts/strings.ini and fonts/, trying in
 * turn: override (the --resources option) when not NULL, the environment
 * variable MGI_RESOURCES when set, <directory of the executable>/../share/mgi
 * (an installed, relocatable copy), the installation directory chosen at
 * configure time, and the source tree (a build that is not installed).
 * An override or MGI_RESOURCES that does not hold layouts/strings.ini is an
 * error rather than silently skipped.
 *
 * On success *out is a malloc'd path the caller frees. Errors:
 * MGI_ERR_NOINPUT (reported in diag), MGI_ERR_NOMEM. */
mgi_error mgi_resources_find(const char *override, mgi_diag *diag, char **out);

#endif
