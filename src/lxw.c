/* lxw.c — the seam with libxlsxwriter 1.1.4 (Debian 12): each workaround, why, and which upstream
 * version lets it go. */
#define _GNU_SOURCE /* RTLD_NEXT */
#include "mgi/lxw.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <minizip/zip.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/*
 * libxlsxwriter 1.1.4 (Debian 12) writes each part of a workbook (sheets,
 * styles, shared strings, charts…) to a temporary file in /tmp and then zips
 * them: 18 files created and deleted for every annex, which made file
 * creation (ext4 skipping the recently deleted inodes) a fifth of a 345-
 * commune build. Upstream keeps them in memory since 1.1.5, when built with
 * USE_FMEMOPEN (jmcnamara/libxlsxwriter#382). Until Debian has that, this
 * definition, which the dynamic linker finds before the library's own (the
 * library calls it through its PLT), gives it the files of the book's scratch
 * set (output.h): anonymous memory files, or, for the cross-commune books
 * written row by row (constant_memory, the library's tmpdir option set to the
 * output's directory), real, unnamed files on the output's disk, where a
 * memory file would only move the rows from the heap to shared memory.
 *
 * The library checks none of its writes to these files, nor its reads when it
 * zips them: when one fails (a full disk, no memory), it packs what it has and
 * says so in no way. The set remembers the first failure, and the book is then
 * refused (xlsx.c). That is cheaper than reading every workbook back, which
 * mgi did before (a twentieth of a build). The set also closes the files the
 * library leaves open when it fails half-way: it closes a sheet's row file
 * only once the sheet is zipped (the fix of jmcnamara/libxlsxwriter#1), and
 * returns at the first failed part (the path of jmcnamara/libxlsxwriter#310),
 * leaving the later sheets' row files open. One book at a time (scratch_now):
 * mgi writes workbooks in one thread of each process.
 */
static mgi_scratch *scratch_now;

void mgi_lxw_scratch(mgi_scratch *s)
{
    scratch_now = s;
}

FILE *lxw_tmpfile(char *tmpdir);
FILE *lxw_tmpfile(char *tmpdir)
{
    (void)tmpdir; /* the set knows where its files go */
    return scratch_now ? mgi_scratch_file(scratch_now) : tmpfile();
}

/*
 * libxlsxwriter deflates every part of a workbook at zlib's default level, 6:
 * its packager passes Z_DEFAULT_COMPRESSION to minizip's
 * zipOpenNewFileInZip4_64, in 1.1.4 and in every later version, with no
 * option to change it (none has been asked of libxlsxwriter; of its Python
 * original, in jmcnamara/XlsxWriter#853). zlib at level 6 was a tenth of a
 * 345-commune build. This definition, found before minizip's own as
 * lxw_tmpfile is above, passes level 3 instead, zlib's fastest family
 * (deflate_fast): the build's instructions fall by 5 %, and a workbook grows
 * by 9 % (level 1 would save 0.3 % more for another 7 %). Everything else is
 * passed on as it came, and the library checks the result as before.
 */
#define LXW_DEFLATE_LEVEL 3

typedef int (*zip_open_fn)(zipFile, const char *, const zip_fileinfo *, const void *, uInt,
                           const void *, uInt, const char *, int, int, int, int, int, int,
                           const char *, uLong, uLong, uLong, int);

int zipOpenNewFileInZip4_64(zipFile file, const char *filename, const zip_fileinfo *zipfi,
                            const void *extrafield_local, uInt size_extrafield_local,
                            const void *extrafield_global, uInt size_extrafield_global,
                            const char *comment, int method, int level, int raw, int windowBits,
                            int memLevel, int strategy, const char *password, uLong crcForCrypting,
                            uLong versionMadeBy, uLong flagBase, int zip64)
{
    static zip_open_fn real; /* minizip's: one thread writes books (above) */
    if (!real) {
        union {
            void *p;
            zip_open_fn f;
        } u = {dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64")};
        if (!u.p)
            return ZIP_INTERNALERROR; /* no minizip under us: cannot happen with libxlsxwriter */
        real = u.f;
    }
    if (method == Z_DEFLATED && level == Z_DEFAULT_COMPRESSION)
        level = LXW_DEFLATE_LEVEL;
    return real(file, filename, zipfi, extrafield_local, size_extrafield_local, extrafield_global,
                size_extrafield_global, comment, method, level, raw, windowBits, memLevel, strategy,
                password, crcForCrypting, versionMadeBy, flagBase, zip64);
}

/*
 * libxlsxwriter 1.1.4 also prints lines of its own on stderr when it fails
 * ("[ERROR][./src/packager.c:1541]: Error in closing member in the zipfile",
 * "[ERROR] workbook_close(): Zip ZIP_ERRNO error…"): its LXW_ERROR and
 * LXW_WARN macros are plain fprintf calls, with no switch to turn them off in
 * this version or upstream's. mgi says what failed itself, naming the output
 * and the reason (xlsx.c's close_book), and only main.c prints. So while the library
 * creates sheets and packs a workbook, stderr goes to a memory file; its
 * "[ERROR]" and "[WARNING]" lines are dropped there and anything else is
 * passed on. Where no memory file can be had, the library's lines stay.
 */
mgi_lxw_hush mgi_lxw_hush_begin(void)
{
    mgi_lxw_hush h = {-1, mgi_memory_fd("mgi-stderr")};
    fflush(stderr);
    if (h.fd >= 0 && (h.saved = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3)) >= 0 &&
        dup2(h.fd, STDERR_FILENO) >= 0)
        return h;
    if (h.saved >= 0)
        close(h.saved);
    if (h.fd >= 0)
        close(h.fd);
    return (mgi_lxw_hush){-1, -1};
}

void mgi_lxw_hush_end(mgi_lxw_hush h)
{
    if (h.saved < 0)
        return;
    fflush(stderr);
    dup2(h.saved, STDERR_FILENO);
    close(h.saved);
    char buf[8192];
    ssize_t n = pread(h.fd, buf, sizeof buf - 1, 0);
    close(h.fd);
    buf[n > 0 ? n : 0] = '\0';
    for (char *line = buf, *end; *line; line = end) {
        end = line + strcspn(line, "\n");
        end += *end == '\n';
        if (strncmp(line, "[ERROR]", 7) != 0 && strncmp(line, "[WARNING]", 9) != 0)
            fwrite(line, 1, (size_t)(end - line), stderr);
    }
}
