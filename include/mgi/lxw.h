/* lxw.h — the seam with libxlsxwriter 1.1.4 (Debian 12): what mgi works around in it, in one place.
 */
#ifndef MGI_LXW_H
#define MGI_LXW_H

#include "mgi/output.h"

/*
 * Four workarounds, each with the upstream issue or version that lets it go
 * (details in lxw.c):
 *  - the library's parts go to the book's scratch set (output.h) instead of
 *    18 temporary files an annex in /tmp: memory files, or, for books written
 *    row by row (constant_memory), files on the output's disk; until a Debian
 *    libxlsxwriter is built with USE_FMEMOPEN (1.1.5,
 *    jmcnamara/libxlsxwriter#382). The set remembers the first failed write or
 *    read, which the library does not check, and closes what the library
 *    leaves open when it fails half-way (jmcnamara/libxlsxwriter#1, #310,
 *    #183);
 *  - while the library writes, its own "[ERROR]"/"[WARNING]" lines on stderr
 *    are dropped (mgi names the output and the reason itself): no version has a
 *    switch for them.
 *  - the parts are deflated at zlib's level 3, not the default 6 that the
 *    library's packager passes to minizip in every version: no option sets it.
 * One book at a time: mgi writes workbooks in one thread of each process.
 */

/* The scratch set of the book being written, or NULL when that book is done
 * (the library then gets tmpfile()). */
void mgi_lxw_scratch(mgi_scratch *scratch);

/* stderr to a memory file while the library creates sheets and packs a
 * workbook; mgi_lxw_hush_end puts it back and passes on any line that is not
 * the library's "[ERROR]" or "[WARNING]". Where no memory file can be had,
 * nothing changes. */
typedef struct mgi_lxw_hush {
    int saved, fd; /* the real stderr, the memory file; -1 when not hushed */
} mgi_lxw_hush;
mgi_lxw_hush mgi_lxw_hush_begin(void);
void mgi_lxw_hush_end(mgi_lxw_hush h);

#endif
