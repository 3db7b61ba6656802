/* dashboard.h — the offline HTML dashboard comparing the communes of a year. */
#ifndef MGI_DASHBOARD_H
#define MGI_DASHBOARD_H

#include <time.h>

#include "mgi/assess.h"
#include "mgi/date.h"
#include "mgi/canvas.h"
#include "mgi/strings.h"

/*
 * One self-contained page (CSS, script and charts inline; no network at all,
 * it opens from the file system): a table of the communes of one year ×
 * the domains and the overall score (each score as a number and a colour),
 * sortable by any column, filtered by region, by a domain's level and by
 * name (accent-insensitive: "nunoa" finds "Ñuñoa"); a row links to the
 * commune's profile and annex (relative paths) and, selected, shows its
 * wheel (inline SVG); two communes can be compared side by side. When the
 * data says anything about Chile's Migrant Seal, a column of each commune's
 * seal status (sortable in the order of the statuses), a filter by status,
 * and a box that keeps the communes whose revalidation is overdue or due
 * within six months of as_of (marked with a badge giving the date). English
 * and Spanish on the same page, a print stylesheet, keyboard access. Below,
 * the practice directory: the rows of practices.xlsx (every commune whose
 * latest assessment answers an indicator yes, grouped by indicator, with the
 * first sentence of its finding and links to its profile), filtered by
 * domain, region, indicator and an accent-insensitive search, with a count
 * of the rows shown. Every datum from the inputs is HTML-escaped.
 *
 * links: whether the profiles and annexes were built (so links go to them).
 * Errors: MGI_ERR_CANTCREAT, MGI_ERR_IO, MGI_ERR_NOMEM (reported in diag).
 */
mgi_error mgi_dashboard_write(const char *path, const mgi_assessment *a, int year,
                              const mgi_strings *strings, const mgi_fonts *fonts, time_t date,
                              mgi_date as_of, mgi_diag *diag);

#endif
