/* zipcheck.h — reading back a zip file a library wrote: is every member whole? */
#ifndef MGI_ZIPCHECK_H
#define MGI_ZIPCHECK_H

#include <stddef.h>

#include "mgi/error.h"

/*
 * Reads the zip file at path (with libzip, through mgi_zip_open in
 * workbook.h) and checks it: the central directory is there; every member
 * lies within the file, inflates to its stated size and CRC; and
 * every XML member (.xml, .rels) is one whole document: not empty, ending with
 * the end tag of the element it starts with. For workbooks: libxlsxwriter puts
 * them together from temporary files whose writes it does not check, so a full
 * temporary folder gives a valid zip of empty or cut XML parts.
 * Returns MGI_OK; MGI_ERR_IO with the reason in why (e.g. "xl/workbook.xml is
 * cut short"); MGI_ERR_NOMEM. A zip64 file is checked like any other.
 */
mgi_error mgi_zip_check(const char *path, char *why, size_t whylen);

#endif
