/* inipos.c — where inih is in an INI file: the line and its text, for messages with positions. */
#include "mgi/inipos.h"

#include <string.h>

char *mgi_ini_read_line(char *str, int num, void *pos)
{
    mgi_ini_pos *p = pos;
    char *r = fgets(str, num, p->f);
    if (r) {
        p->line++;
        snprintf(p->text, sizeof p->text, "%s", r);
        size_t blank = strspn(r, " \t");
        memmove(r, r + blank, strlen(r + blank) + 1); /* see inipos.h */
    }
    return r;
}

unsigned mgi_ini_column(const mgi_ini_pos *pos, const char *needle, bool value)
{
    const char *eq = strchr(pos->text, '=');
    const char *p = value && eq ? strstr(eq, needle) : NULL;
    if (!p)
        p = strstr(pos->text, needle);
    return p ? (unsigned)(p - pos->text) + 1 : 1;
}
