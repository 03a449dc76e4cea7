// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Name counters of btf_dump: how often a name was handed out in one C name
 * space, so that the second "struct foo" becomes "foo___2".
 *
 * vmlinux has ~70,000 names to count, which made a general string map the
 * largest item of a dump's profile; this table stores each name's hash
 * in its 8-byte slot (most probes end on the hash; a small table misses the
 * cache less), the names and counts in a side array filled in order, and
 * the name copies in an arena (the BTF may grow and move its strings between calls, so names are
 * copied; one malloc per name showed too).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "btf/dump_internal.h"
#include "util/alloc.h"

struct dump_arena {
	struct dump_arena *next;
	size_t used, cap;
	char data[];
};

#define DUMP_ARENA_CHUNK (64 * 1024)

static char *dump_arena_alloc(struct dump_names *n, size_t sz)
{
	struct dump_arena *a = n->arena;
	char *p;

	if (!a || a->cap - a->used < sz) {
		size_t cap = sz > DUMP_ARENA_CHUNK ? sz : DUMP_ARENA_CHUNK;

		a = malloc(sizeof(*a) + cap);
		if (!a)
			return NULL;
		a->next = n->arena;
		a->used = 0;
		a->cap = cap;
		n->arena = a;
	}
	p = a->data + a->used;
	a->used += sz;
	return p;
}

static int dump_names_grow(struct dump_names *n)
{
	__u32 cap = n->mask ? (n->mask + 1) * 2 : 1024, i, j;
	struct dump_name_ent *ents, *e;

	ents = calloc(cap, sizeof(*ents));
	if (!ents)
		return -ENOMEM;
	for (i = 0; n->mask && i <= n->mask; i++) {
		e = &n->ents[i];
		if (!e->item)
			continue;
		for (j = e->hash & (cap - 1); ents[j].item; j = (j + 1) & (cap - 1))
			;
		ents[j] = *e;
	}
	free(n->ents);
	n->ents = ents;
	n->mask = cap - 1;
	return 0;
}

size_t dump_names_use(struct btf_dump *d, struct dump_names *n,
		      const char *name)
{
	__u32 h = 2166136261U, len, i;
	size_t slots;
	const unsigned char *p;
	struct dump_name_ent *e;
	char *key;

	for (p = (const unsigned char *)name; *p; p++)
		h = (h ^ *p) * 16777619U;
	len = p - (const unsigned char *)name;
	/* keep the table at most three quarters full */
	slots = n->mask ? (size_t)n->mask + 1 : 0;
	if ((n->used + 1) * 4 > slots * 3 && dump_names_grow(n)) {
		d->err = -ENOMEM;
		return 1;
	}
	for (i = h & n->mask;; i = (i + 1) & n->mask) {
		e = &n->ents[i];
		if (!e->item)
			break;
		if (e->hash == h) {
			struct dump_name_item *it = &n->items[e->item - 1];

			if (!memcmp(it->key, name, len + 1))
				return ++it->count;
		}
	}
	if (util_ensure_cap((void **)&n->items, &n->items_cap,
			    sizeof(*n->items), n->used + 1)) {
		d->err = -ENOMEM;
		return 1;
	}
	key = dump_arena_alloc(n, len + 1);
	if (!key) {
		d->err = -ENOMEM;
		return 1;
	}
	memcpy(key, name, len + 1);
	n->items[n->used].key = key;
	n->items[n->used].count = 1;
	e->hash = h;
	e->item = ++n->used;
	return 1;
}

void dump_names_free(struct dump_names *n)
{
	while (n->arena) {
		struct dump_arena *next = n->arena->next;

		free(n->arena);
		n->arena = next;
	}
	free(n->ents);
	free(n->items);
	memset(n, 0, sizeof(*n));
}
