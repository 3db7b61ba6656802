/* init.h — a new data directory with the standard catalogue, ready to fill in. */
#ifndef MGI_INIT_H
#define MGI_INIT_H

#include "mgi/diag.h"
#include "mgi/error.h"
#include "mgi/strings.h"

/* Creates dir (and its parents) with: domains.csv and indicators.csv copied
 * from the standard catalogue in resources/data/, communes.csv and
 * responses.csv with their headers only, method.ini with the default method
 * spelled out and commented, and README.md (lang English) or LEEME.md
 * (Spanish) on what to fill in. Refuses to overwrite: when any of these
 * files exists, nothing is written. Errors: MGI_ERR_CANTCREAT (an existing
 * file, or the directory cannot be made), MGI_ERR_NOINPUT (no catalogue),
 * MGI_ERR_IO, all reported in diag. */
mgi_error mgi_init_dir(const char *dir, const char *resources, const mgi_strings *strings, int lang,
                       mgi_diag *diag);

#endif
