/* arena.c — a bump allocator over a chain of blocks. */
#include "mgi/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { BLOCK_SIZE = 64 * 1024 };

typedef struct block {
    struct block *next;
    size_t used, size;
    alignas(max_align_t) unsigned char data[];
} block;

struct mgi_arena {
    block *head;
};

mgi_arena *mgi_arena_new(void)
{
    return calloc(1, sizeof(mgi_arena));
}

void mgi_arena_free(mgi_arena *arena)
{
    if (!arena)
        return;
    for (block *b = arena->head, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(arena);
}

void mgi_arena_reset(mgi_arena *arena)
{
    if (!arena || !arena->head)
        return;
    /* Keep a standard block (big requests have blocks of their own). */
    block *keep = NULL;
    for (block *b = arena->head, *next; b; b = next) {
        next = b->next;
        if (!keep && b->size == BLOCK_SIZE)
            keep = b;
        else
            free(b);
    }
    arena->head = keep;
    if (keep) {
        keep->next = NULL;
        keep->used = 0;
    }
}

void *mgi_arena_alloc(mgi_arena *arena, size_t size)
{
    const size_t align = alignof(max_align_t);
    size = (size + align - 1) & ~(align - 1);
    if (size == 0)
        size = align;
    block *b = arena->head;
    if (!b || b->size - b->used < size) {
        /* Big requests get a block of their own behind the current one, so
         * the space left in the current block is not wasted. */
        size_t cap = size > BLOCK_SIZE / 4 ? size : BLOCK_SIZE;
        if (cap > SIZE_MAX - sizeof(block))
            return NULL;
        block *nb = malloc(sizeof(block) + cap);
        if (!nb)
            return NULL;
        nb->used = 0;
        nb->size = cap;
        if (b && cap != BLOCK_SIZE) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            arena->head = nb;
        }
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

void *mgi_arena_array(mgi_arena *arena, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    return mgi_arena_alloc(arena, n * size);
}

char *mgi_arena_strndup(mgi_arena *arena, const char *s, size_t n)
{
    if (n == SIZE_MAX)
        return NULL;
    char *p = mgi_arena_alloc(arena, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

char *mgi_arena_strdup(mgi_arena *arena, const char *s)
{
    return mgi_arena_strndup(arena, s, strlen(s));
}
