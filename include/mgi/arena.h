/* arena.h — a bump allocator: many small allocations, one free. */
#ifndef MGI_ARENA_H
#define MGI_ARENA_H

#include <stddef.h>

typedef struct mgi_arena mgi_arena;

/* A new, empty arena, or NULL when out of memory. */
mgi_arena *mgi_arena_new(void);

/* Frees the arena and everything allocated from it. Accepts NULL. */
void mgi_arena_free(mgi_arena *arena);

/* Frees everything allocated so far but keeps one block for what comes
 * next: for an arena used over and over, a row or a commune at a time.
 * Accepts NULL. */
void mgi_arena_reset(mgi_arena *arena);

/* size bytes aligned for any object, zero-filled, owned by the arena;
 * NULL when out of memory. */
void *mgi_arena_alloc(mgi_arena *arena, size_t size);

/* An array of n elements of size bytes each (overflow-checked), zero-filled. */
void *mgi_arena_array(mgi_arena *arena, size_t n, size_t size);

/* A NUL-terminated copy of the n bytes at s; NULL when out of memory. */
char *mgi_arena_strndup(mgi_arena *arena, const char *s, size_t n);

/* A NUL-terminated copy of s. */
char *mgi_arena_strdup(mgi_arena *arena, const char *s);

#endif
