/* date.c — calendar dates: ISO 8601 parsing and printing, adding months and years. */
#include "mgi/date.h"

#include <stdio.h>
#include <string.h>

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : days[m - 1];
}

/* Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil). */
static mgi_date from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void mgi_date_split(mgi_date z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

bool mgi_date_parse(const char *s, mgi_date *out)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > month_days(y, m))
        return false;
    *out = from_civil(y, m, d);
    return true;
}

char *mgi_date_format(mgi_date d, char *buf, size_t size)
{
    if (d == MGI_NODATE) {
        buf[0] = '\0';
        return buf;
    }
    int y, m, day;
    mgi_date_split(d, &y, &m, &day);
    snprintf(buf, size, "%04d-%02d-%02d", y, m, day);
    return buf;
}

mgi_date mgi_date_add_months(mgi_date d, int n)
{
    int y, m, day;
    mgi_date_split(d, &y, &m, &day);
    long months = (long)y * 12 + (m - 1) + n;
    y = (int)(months >= 0 ? months / 12 : (months - 11) / 12);
    m = (int)(months - (long)y * 12) + 1;
    if (day > month_days(y, m))
        day = month_days(y, m);
    return from_civil(y, m, day);
}

mgi_date mgi_date_from_time(time_t t)
{
    long long s = (long long)t;
    return (mgi_date)(s >= 0 ? s / 86400 : (s - 86399) / 86400);
}
