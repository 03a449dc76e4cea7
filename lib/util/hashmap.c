// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hashmap.h"

enum slot_state { SLOT_EMPTY, SLOT_USED, SLOT_DELETED };

struct slot {
	long key;
	long value;
	size_t hash;
	unsigned char state;
};

struct util_hashmap {
	util_hash_fn hash;
	util_equal_fn equal;
	void *ctx;
	struct slot *slots;
	size_t cap;	/* power of two, or 0 */
	size_t used;	/* live entries */
	size_t filled;	/* live + deleted: decides when to rebuild */
};

struct util_hashmap *util_hashmap_new(util_hash_fn hash, util_equal_fn equal,
				      void *ctx)
{
	struct util_hashmap *map = calloc(1, sizeof(*map));

	if (!map)
		return NULL;
	map->hash = hash;
	map->equal = equal;
	map->ctx = ctx;
	return map;
}

void util_hashmap_free(struct util_hashmap *map)
{
	if (!map)
		return;
	free(map->slots);
	free(map);
}

size_t util_hashmap_size(const struct util_hashmap *map)
{
	return map ? map->used : 0;
}

/* Slot holding key, or NULL; *free_slot gets the first reusable slot. */
static struct slot *lookup(const struct util_hashmap *map, long key, size_t h,
			   struct slot **free_slot)
{
	size_t mask = map->cap - 1, i;

	if (free_slot)
		*free_slot = NULL;
	if (!map->cap)
		return NULL;
	for (i = h & mask;; i = (i + 1) & mask) {
		struct slot *s = &map->slots[i];

		if (s->state == SLOT_EMPTY) {
			if (free_slot && !*free_slot)
				*free_slot = s;
			return NULL;
		}
		if (s->state == SLOT_DELETED) {
			if (free_slot && !*free_slot)
				*free_slot = s;
			continue;
		}
		if (s->hash == h && map->equal(s->key, key, map->ctx))
			return s;
	}
}

static int rebuild(struct util_hashmap *map, size_t new_cap)
{
	struct slot *old = map->slots, *slots;
	size_t old_cap = map->cap, i;

	slots = calloc(new_cap, sizeof(*slots));
	if (!slots)
		return -ENOMEM;
	map->slots = slots;
	map->cap = new_cap;
	map->filled = map->used;
	for (i = 0; i < old_cap; i++) {
		size_t j;

		if (old[i].state != SLOT_USED)
			continue;
		for (j = old[i].hash & (new_cap - 1); slots[j].state == SLOT_USED;
		     j = (j + 1) & (new_cap - 1))
			;
		slots[j] = old[i];
	}
	free(old);
	return 0;
}

static int make_room(struct util_hashmap *map)
{
	size_t cap = map->cap;

	/* Keep the table at most 3/4 full, counting tombstones. */
	if (cap && (map->filled + 1) * 4 <= cap * 3)
		return 0;
	if (!cap)
		cap = 16;
	else if ((map->used + 1) * 2 > cap)
		cap *= 2;
	return rebuild(map, cap);
}

static int insert(struct util_hashmap *map, long key, long value, bool replace,
		  long *old_value)
{
	size_t h = map->hash(key, map->ctx);
	struct slot *s, *free_slot;
	int err;

	s = lookup(map, key, h, NULL);
	if (s) {
		if (!replace)
			return -EEXIST;
		if (old_value)
			*old_value = s->value;
		s->value = value;
		return 0;
	}
	err = make_room(map);
	if (err)
		return err;
	lookup(map, key, h, &free_slot);
	if (free_slot->state == SLOT_EMPTY)
		map->filled++;
	free_slot->key = key;
	free_slot->value = value;
	free_slot->hash = h;
	free_slot->state = SLOT_USED;
	map->used++;
	return 0;
}

int util_hashmap_add(struct util_hashmap *map, long key, long value)
{
	return insert(map, key, value, false, NULL);
}

int util_hashmap_set(struct util_hashmap *map, long key, long value,
		     long *old_value)
{
	return insert(map, key, value, true, old_value);
}

bool util_hashmap_find(const struct util_hashmap *map, long key, long *value)
{
	struct slot *s;

	if (!map || !map->used)
		return false;
	s = lookup(map, key, map->hash(key, map->ctx), NULL);
	if (!s)
		return false;
	if (value)
		*value = s->value;
	return true;
}

bool util_hashmap_delete(struct util_hashmap *map, long key, long *old_key,
			 long *old_value)
{
	struct slot *s;

	if (!map || !map->used)
		return false;
	s = lookup(map, key, map->hash(key, map->ctx), NULL);
	if (!s)
		return false;
	if (old_key)
		*old_key = s->key;
	if (old_value)
		*old_value = s->value;
	s->state = SLOT_DELETED;
	map->used--;
	return true;
}

bool util_hashmap_next(const struct util_hashmap *map, size_t *iter,
		       long *key, long *value)
{
	for (; map && *iter < map->cap; (*iter)++) {
		const struct slot *s = &map->slots[*iter];

		if (s->state != SLOT_USED)
			continue;
		if (key)
			*key = s->key;
		if (value)
			*value = s->value;
		(*iter)++;
		return true;
	}
	return false;
}

size_t util_hash_bytes(const void *data, size_t len, size_t seed)
{
	const unsigned char *p = data;
	uint64_t h = 14695981039346656037ULL ^ seed;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= 1099511628211ULL;
	}
	return (size_t)h;
}

size_t util_hash_str(long key, void *ctx)
{
	const char *s = (const char *)key;

	(void)ctx;
	return util_hash_bytes(s, strlen(s), 0);
}

bool util_equal_str(long a, long b, void *ctx)
{
	(void)ctx;
	return strcmp((const char *)a, (const char *)b) == 0;
}

size_t util_hash_long(long key, void *ctx)
{
	uint64_t x = (uint64_t)key;

	(void)ctx;
	/* splitmix64 finaliser: ids are dense, spread them over the table */
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return (size_t)x;
}

bool util_equal_long(long a, long b, void *ctx)
{
	(void)ctx;
	return a == b;
}
