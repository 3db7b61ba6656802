/* strmap.h — a string-keyed hash map of indices (ids, codes, names). */
#ifndef MGI_STRMAP_H
#define MGI_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

/* Maps NUL-terminated keys to size_t values. The map does not copy keys:
 * they must outlive it (in mgi they live in the dataset's arena). */
typedef struct mgi_strmap mgi_strmap;

/* A new map sized for about n keys; NULL when out of memory. */
mgi_strmap *mgi_strmap_new(size_t n);

/* Frees the map (not the keys). Accepts NULL. */
void mgi_strmap_free(mgi_strmap *map);

/* Looks key up: true and *value set when present. */
bool mgi_strmap_get(const mgi_strmap *map, const char *key, size_t *value);

/* The same for the n bytes at key, which need no terminating NUL (and hold
 * none). */
bool mgi_strmap_getn(const mgi_strmap *map, const char *key, size_t n, size_t *value);

/* Inserts key → value unless key is present. Returns 1 when inserted, 0 when
 * the key was already there (*old set to its value when old is not NULL),
 * -1 when out of memory. */
int mgi_strmap_put(mgi_strmap *map, const char *key, size_t value, size_t *old);

#endif
