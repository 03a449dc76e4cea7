// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Lookup by name: an open-addressing table from name to the first own type
 * id of that name (with the name's hash kept beside it, so probes rarely
 * touch the strings), the other ids of the same name chained in id order
 * through name_next[].  Built on the first lookup and extended as types
 * are added; rebuilt when the string buffer moved.  Split BTF asks its
 * base first, so the lowest matching id wins, as in a linear scan.
 *
 * Building the index over the kernel's 126,000 types costs about as much
 * as ten linear scans, so the first few lookups of a BTF just scan: a
 * program that looks up one or two names never pays for the index.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "btf/btf_internal.h"
#include "util/alloc.h"
#include "util/err.h"
#include "util/log.h"

void btf_index_free(struct btf *btf)
{
	free(btf->name_slots);
	free(btf->name_hashes);
	free(btf->name_tails);
	free(btf->name_next);
	btf->name_slots = NULL;
	btf->name_hashes = NULL;
	btf->name_tails = NULL;
	btf->name_next = NULL;
	btf->name_mask = 0;
	btf->name_cnt = 0;
	btf->name_indexed = 0;
	btf->name_index_strs = NULL;
}

/* FNV-1a; never 0 so that it can be told from nothing. */
static __u32 name_hash(const char *s)
{
	__u32 h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* Lookups answered by a scan before the index is built. */
#define BTF_SCANS_BEFORE_INDEX 4

static const char *name_of(const struct btf *btf, __u32 id)
{
	return btf_str(btf, btf_type_by_id_raw(btf, id)->name_off);
}

/* Make room for want names at most half full: rehash the heads. */
static int grow(struct btf *btf, __u32 want)
{
	__u32 cap = btf->name_mask ? btf->name_mask + 1 : 0, ncap, i, j;
	__u32 *slots, *hashes, *tails;

	if ((__u64)want * 2 <= cap)
		return 0;
	ncap = 1024;
	while (ncap < (__u64)want * 2)
		ncap *= 2;
	slots = calloc(ncap, sizeof(*slots));
	hashes = malloc(ncap * sizeof(*hashes));
	tails = malloc(ncap * sizeof(*tails));
	if (!slots || !hashes || !tails) {
		free(slots);
		free(hashes);
		free(tails);
		return -ENOMEM;
	}
	for (i = 0; i < cap; i++) {
		if (!btf->name_slots[i])
			continue;
		for (j = btf->name_hashes[i] & (ncap - 1); slots[j]; j = (j + 1) & (ncap - 1))
			;
		slots[j] = btf->name_slots[i];
		hashes[j] = btf->name_hashes[i];
		tails[j] = btf->name_tails[i];
	}
	free(btf->name_slots);
	free(btf->name_hashes);
	free(btf->name_tails);
	btf->name_slots = slots;
	btf->name_hashes = hashes;
	btf->name_tails = tails;
	btf->name_mask = ncap - 1;
	return 0;
}

static int index_update(struct btf *btf)
{
	__u32 i, *next, mask;
	int err;

	if (btf->name_slots && btf->name_index_strs == btf->strs_data &&
	    btf->name_indexed == btf->nr_types)
		return 0;
	if (btf->name_slots && btf->name_index_strs != btf->strs_data)
		btf_index_free(btf);
	/* Every new type may bring a new name. */
	err = grow(btf, btf->name_cnt + (btf->nr_types - btf->name_indexed));
	if (err)
		return err;
	next = util_realloc_array(btf->name_next, btf->nr_types ? btf->nr_types : 1,
				  sizeof(*next));
	if (!next)
		return -ENOMEM;
	btf->name_next = next;
	btf->name_index_strs = btf->strs_data;
	mask = btf->name_mask;

	for (i = btf->name_indexed; i < btf->nr_types; i++) {
		__u32 id = btf->start_id + i, h, j;
		const char *name = name_of(btf, id);

		next[i] = 0;
		if (!name || !*name)
			continue;
		h = name_hash(name);
		for (j = h & mask; btf->name_slots[j]; j = (j + 1) & mask) {
			if (btf->name_hashes[j] == h &&
			    !strcmp(name_of(btf, btf->name_slots[j]), name))
				break;
		}
		if (btf->name_slots[j]) {
			next[btf->name_tails[j] - btf->start_id] = id;
		} else {
			btf->name_slots[j] = id;
			btf->name_hashes[j] = h;
			btf->name_cnt++;
		}
		btf->name_tails[j] = id;
	}
	btf->name_indexed = btf->nr_types;
	return 0;
}

/* The lowest own id named name (of kind, if kind >= 0), by scanning. */
static __s32 scan_find(const struct btf *btf, const char *name, int kind)
{
	const char *types = btf->types_data;
	__u32 i;

	for (i = 0; i < btf->nr_types; i++) {
		const struct btf_type *t = (const void *)(types + btf->type_offs[i]);
		const char *n;

		if (kind >= 0 && btf_kind(t) != kind)
			continue;
		n = btf_str(btf, t->name_off);
		if (n && n[0] == name[0] && !strcmp(n, name))
			return btf->start_id + i;
	}
	return -ENOENT;
}

__s32 btf_index_find(const struct btf *btf, const char *name, int kind)
{
	struct btf *b = (struct btf *)btf;
	__u32 h, j, id;
	int err;

	if (btf->base_btf) {
		__s32 r = btf_index_find(btf->base_btf, name, kind);

		if (r != -ENOENT)
			return r;
	}
	if (!btf->nr_types)
		return -ENOENT;
	pthread_mutex_lock(&b->name_lock);
	if (!b->name_slots && b->name_scans < BTF_SCANS_BEFORE_INDEX) {
		b->name_scans++;
		pthread_mutex_unlock(&b->name_lock);
		return scan_find(btf, name, kind);
	}
	err = index_update(b);
	pthread_mutex_unlock(&b->name_lock);
	if (err)
		return err;
	h = name_hash(name);
	for (j = h & b->name_mask; (id = b->name_slots[j]); j = (j + 1) & b->name_mask) {
		if (b->name_hashes[j] == h && !strcmp(name_of(btf, id), name))
			break;
	}
	while (id) {
		if (kind < 0 || btf_kind(btf_type_by_id_raw(btf, id)) == kind)
			return id;
		id = b->name_next[id - btf->start_id];
	}
	return -ENOENT;
}

__s32 btf__find_by_name(const struct btf *btf, const char *type_name)
{
	if (!type_name)
		return util_err(-EINVAL);
	if (!strcmp(type_name, "void"))
		return 0;
	return util_err(btf_index_find(btf, type_name, -1));
}

__s32 btf__find_by_name_kind(const struct btf *btf, const char *type_name,
			     __u32 kind)
{
	if (!type_name)
		return util_err(-EINVAL);
	if (kind == BTF_KIND_UNKN || !strcmp(type_name, "void"))
		return 0;
	return util_err(btf_index_find(btf, type_name, kind));
}
