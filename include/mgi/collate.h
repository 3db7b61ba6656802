/* collate.h — the order and the case of names as readers expect them (ICU, Spanish rules). */
#ifndef MGI_COLLATE_H
#define MGI_COLLATE_H

#include <stddef.h>

#include "mgi/error.h"

/*
 * Every list a reader sees sorted by name (the communes of the comparison PDF,
 * of comparison.xlsx and of the dashboard, the practice directory, the
 * sources of a profile) is sorted by one collator: ICU's for Spanish
 * (ucol_open("es")), in both languages, so that "Ñuñoa" comes after
 * "Nogales" and before "Ocoa", accents are secondary ("Maipú" beside
 * "Maipu") and case is tertiary. The data are Latin American place names;
 * English readers see the same order as Spanish ones.
 *
 * The collator is opened once per process, by mgi_collate_open (idempotent),
 * and kept until exit. A worker forked by mgi build --jobs N inherits it
 * when the parent opened it before the fork, or opens its own: each process
 * has its own copy, nothing is shared across processes.
 */

/* Opens the collator unless it is open. Returns MGI_OK, or MGI_ERR_INTERNAL
 * when ICU cannot open it (its data missing), MGI_ERR_NOMEM when out of
 * memory. Call it before sorting with mgi_collate (the entry points that
 * sort call it and return its error). */
mgi_error mgi_collate_open(void);

/* Compares two NUL-terminated UTF-8 names in the collator's order; ties
 * (strings the collator holds equal) broken by bytes, so that a sort is
 * total. Returns <0, 0 or >0 like strcmp. Before a successful
 * mgi_collate_open, compares bytes (strcmp). */
int mgi_collate(const char *x, const char *y);

/* s (n bytes of UTF-8) in upper case by ICU's rules for locale ("es", "en"):
 * "Política migratoria" → "POLÍTICA MIGRATORIA", "Łódź" → "ŁÓDŹ",
 * "straße" → "STRASSE". Writes a NUL-terminated result into out (size bytes;
 * out may be s: the text is read before out is written) and returns MGI_OK.
 * Titles are short; a longer one is treated as snprintf treats it: a last
 * character cut short at the end of s is left out, and a result longer than
 * size - 1 bytes is cut at a character boundary. Returns MGI_ERR_INTERNAL
 * (out empty) when s is not UTF-8 or ICU fails, MGI_ERR_NOMEM when out of
 * memory. */
mgi_error mgi_collate_upper(const char *s, size_t n, const char *locale, char *out, size_t size);

#endif
