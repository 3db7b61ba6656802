/* inipos.h — where inih is in an INI file: the line and its text, for messages with positions. */
#ifndef MGI_INIPOS_H
#define MGI_INIPOS_H

#include <stdbool.h>
#include <stdio.h>

/*
 * inih reports no line numbers to its handlers (Debian builds it without
 * INI_HANDLER_LINENO). A reader that counts them instead: pass
 * mgi_ini_read_line and a mgi_ini_pos to ini_parse_stream as its reader and
 * stream, and the handler finds in the mgi_ini_pos the line it is given.
 *
 *     mgi_ini_pos pos = {.f = fopen(path, "r")};
 *     ini_parse_stream(mgi_ini_read_line, &pos, handler, user);
 */
typedef struct mgi_ini_pos {
    FILE *f;         /* read from here; the caller opens and closes it */
    unsigned line;   /* 1-based number of the line inih is working on */
    char text[1024]; /* that line, for columns (longer lines are cut) */
} mgi_ini_pos;

/* inih's reader (ini_reader): fgets from pos->f, counting the line and keeping its text.
 * inih gets the line without its leading blanks: to inih an indented line
 * continues the value above ("yes = 1" then "  partial = 0.5x" made "yes"
 * the text "partial = 0.5x"), but in mgi's INI files, which have no values of
 * several lines, an indented setting is a setting. Columns still count from
 * the start of the line as written. */
char *mgi_ini_read_line(char *str, int num, void *pos);

/* The 1-based column of needle in the current line: in the value (after the
 * first '=') when value is true and it is there, else its first place in the
 * line; 1 when it is not there at all. */
unsigned mgi_ini_column(const mgi_ini_pos *pos, const char *needle, bool value);

#endif
