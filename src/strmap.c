/* strmap.c — open addressing with linear probing, FNV-1a hashes. */
#include "mgi/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *key;
    size_t value;
    uint32_t hash;
    uint32_t len; /* of key, up to UINT32_MAX */
} slot;

struct mgi_strmap {
    slot *slots;
    size_t cap, len; /* cap is a power of two */
};

/* FNV-1a of the n bytes at s. */
static uint32_t hash_of(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

mgi_strmap *mgi_strmap_new(size_t n)
{
    mgi_strmap *map = malloc(sizeof *map);
    if (!map)
        return NULL;
    map->cap = 16;
    while (map->cap < n * 2 && map->cap < (SIZE_MAX >> 2))
        map->cap <<= 1;
    map->len = 0;
    map->slots = calloc(map->cap, sizeof(slot));
    if (!map->slots) {
        free(map);
        return NULL;
    }
    return map;
}

void mgi_strmap_free(mgi_strmap *map)
{
    if (!map)
        return;
    free(map->slots);
    free(map);
}

/* The slot of the n bytes at key (hash h), or the empty slot where they
 * would go. */
static slot *find(const mgi_strmap *map, const char *key, size_t n, uint32_t h)
{
    size_t mask = map->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        slot *s = &map->slots[i];
        if (!s->key ||
            (s->hash == h && s->len == n && memcmp(s->key, key, n) == 0 && s->key[n] == '\0'))
            return s;
    }
}

bool mgi_strmap_getn(const mgi_strmap *map, const char *key, size_t n, size_t *value)
{
    const slot *s = find(map, key, n, hash_of(key, n));
    if (!s->key)
        return false;
    if (value)
        *value = s->value;
    return true;
}

bool mgi_strmap_get(const mgi_strmap *map, const char *key, size_t *value)
{
    return mgi_strmap_getn(map, key, strlen(key), value);
}

static int grow(mgi_strmap *map)
{
    size_t cap = map->cap * 2;
    slot *slots = calloc(cap, sizeof(slot));
    if (!slots)
        return -1;
    for (size_t i = 0; i < map->cap; i++) {
        slot *s = &map->slots[i];
        if (!s->key)
            continue;
        size_t j = s->hash & (cap - 1);
        while (slots[j].key)
            j = (j + 1) & (cap - 1);
        slots[j] = *s;
    }
    free(map->slots);
    map->slots = slots;
    map->cap = cap;
    return 0;
}

int mgi_strmap_put(mgi_strmap *map, const char *key, size_t value, size_t *old)
{
    size_t len = strlen(key);
    uint32_t h = hash_of(key, len);
    slot *s = find(map, key, len, h);
    if (s->key) {
        if (old)
            *old = s->value;
        return 0;
    }
    if ((map->len + 1) * 4 > map->cap * 3) {
        if (grow(map) < 0)
            return -1;
        s = find(map, key, len, h);
    }
    s->key = key;
    s->value = value;
    s->hash = h;
    s->len = len < UINT32_MAX ? (uint32_t)len : UINT32_MAX;
    map->len++;
    return 1;
}
