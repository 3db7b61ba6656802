/* date.h — calendar dates: ISO 8601 parsing and printing, adding months and years. */
#ifndef MGI_DATE_H
#define MGI_DATE_H

#include <stdbool.h>
#include <time.h>

/* A day of the proleptic Gregorian calendar as the number of days since
 * 1970-01-01 (negative before). MGI_NODATE means "no date". */
typedef long mgi_date;
#define MGI_NODATE (-2147483647L - 1)

/* Parses "YYYY-MM-DD" (years 1900–2999, a real day of that month: 2023-02-29
 * is refused, 2024-02-29 is not). Returns false on anything else. */
bool mgi_date_parse(const char *s, mgi_date *out);

/* Writes "YYYY-MM-DD" into buf (size ≥ 11); "" for MGI_NODATE. Returns buf. */
char *mgi_date_format(mgi_date d, char *buf, size_t size);

/* The date n months later (n may be negative), the day clamped to the length of
 * the month reached: 2024-02-29 + 24 months = 2026-02-28, 2023-08-31 + 6 months
 * = 2024-02-29. */
mgi_date mgi_date_add_months(mgi_date d, int n);

/* The day of a time_t, in UTC. */
mgi_date mgi_date_from_time(time_t t);

/* Year, month (1–12) and day of d. */
void mgi_date_split(mgi_date d, int *y, int *m, int *day);

#endif
