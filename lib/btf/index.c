// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Lookup by name: an open-addressing table from a name to the first own
 * type id of that name, with the name's hash in the same slot (probes
 * rarely touch the strings); the other ids of the same name are chained in
 * id order through name_next[].  Built on demand and extended as types are
 * added; rebuilt when the string buffer moved.  Split BTF asks its base
 * first, so the lowest matching id wins, as in a linear scan.
 *
 * Building it for the kernel's 126,000 types is dominated by cache misses
 * on the table, so names are hashed eight bytes at a time in a first pass
 * and each slot is prefetched a few names ahead of its insertion.  Even
 * so it costs as much as several linear scans: the first few lookups of a
 * BTF just scan, and a program that looks up one or two names never pays
 * for the index.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "btf/btf_internal.h"
#include "util/alloc.h"
#include "util/err.h"
#include "util/log.h"

/* Lookups answered by a scan before the index is built. */
#define BTF_SCANS_BEFORE_INDEX 4
/* How many names ahead a slot is prefetched. */
#define PREFETCH_AHEAD 24

void btf_index_free(struct btf *btf)
{
	free(btf->name_tab);
	free(btf->name_next);
	btf->name_tab = NULL;
	btf->name_next = NULL;
	btf->name_mask = 0;
	btf->name_cnt = 0;
	btf->name_indexed = 0;
	btf->name_index_strs = NULL;
}

static __u32 mix_final(__u64 h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return (__u32)h;
}

#define CHUNK_MUL 0x9e3779b97f4a7c15ULL

/*
 * The hash of a NUL-terminated name, eight bytes at a time: each chunk is
 * the next 8 bytes with everything from the terminating NUL on zeroed.
 * This version reads byte by byte, so it never reads past the NUL.
 */
static __u32 hash_safe(const char *s)
{
	__u64 h = 0x243f6a8885a308d3ULL, w;

	for (;;) {
		unsigned char buf[8] = {};
		int k;

		for (k = 0; k < 8 && s[k]; k++)
			buf[k] = s[k];
		memcpy(&w, buf, 8);
		h = (h ^ w) * CHUNK_MUL;
		if (k < 8)
			return mix_final(h);
		s += 8;
	}
}

/*
 * The same hash with whole 8-byte loads, for names inside a string
 * section where reading up to 7 bytes past the NUL stays before end.
 */
static __u32 hash_fast(const char *s, const char *end)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	__u64 h = 0x243f6a8885a308d3ULL, w, z;

	while (end - s >= 8) {
		memcpy(&w, s, 8);
		/* lowest zero byte, if any (exact for the lowest one) */
		z = (w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL;
		if (z) {
			int nul = __builtin_ctzll(z) / 8;

			w &= nul ? (~0ULL >> (64 - 8 * nul)) : 0;
			return mix_final((h ^ w) * CHUNK_MUL);
		}
		h = (h ^ w) * CHUNK_MUL;
		s += 8;
	}
	/* Near the end of the section: finish byte by byte. */
	{
		unsigned char buf[8] = {};
		int k;

		for (;;) {
			memset(buf, 0, sizeof(buf));
			for (k = 0; k < 8 && s[k]; k++)
				buf[k] = s[k];
			memcpy(&w, buf, 8);
			h = (h ^ w) * CHUNK_MUL;
			if (k < 8)
				return mix_final(h);
			s += 8;
		}
	}
#else
	(void)end;
	return hash_safe(s);
#endif
}

/* The name of a type, and where its string section ends. */
static const char *name_of(const struct btf *btf, __u32 id, const char **end)
{
	__u32 off = btf_type_by_id_raw(btf, id)->name_off;

	while (btf->base_btf && off < btf->start_str_off)
		btf = btf->base_btf;
	off -= btf->start_str_off;
	if (off >= btf->strs_len)
		return NULL;
	if (end)
		*end = btf->strs_data + btf->strs_len;
	return btf->strs_data + off;
}

/* Make room for want names at most half full: rehash the heads. */
static int grow(struct btf *btf, __u32 want)
{
	__u32 cap = btf->name_tab ? btf->name_mask + 1 : 0, ncap, i, j;
	struct btf_name_slot *tab;

	if ((__u64)want * 2 <= cap)
		return 0;
	ncap = 1024;
	while (ncap < (__u64)want * 2)
		ncap *= 2;
	tab = calloc(ncap, sizeof(*tab));
	if (!tab)
		return -ENOMEM;
	for (i = 0; i < cap; i++) {
		const struct btf_name_slot *o = &btf->name_tab[i];

		if (!o->id)
			continue;
		for (j = o->hash & (ncap - 1); tab[j].id; j = (j + 1) & (ncap - 1))
			;
		tab[j] = *o;
	}
	free(btf->name_tab);
	btf->name_tab = tab;
	btf->name_mask = ncap - 1;
	return 0;
}

static int index_update(struct btf *btf)
{
	__u32 from = btf->name_indexed, n, i, *next, *hashes, mask;
	struct btf_name_slot *tab;
	int err;

	if (btf->name_tab && btf->name_index_strs == btf->strs_data &&
	    btf->name_indexed == btf->nr_types)
		return 0;
	if (btf->name_tab && btf->name_index_strs != btf->strs_data) {
		btf_index_free(btf);
		from = 0;
	}
	n = btf->nr_types - from;
	/* Every new type may bring a new name. */
	err = grow(btf, btf->name_cnt + n);
	if (err)
		return err;
	next = util_realloc_array(btf->name_next, btf->nr_types ? btf->nr_types : 1,
				  sizeof(*next));
	if (!next)
		return -ENOMEM;
	btf->name_next = next;
	hashes = malloc((n ? n : 1) * sizeof(*hashes));
	if (!hashes)
		return -ENOMEM;
	btf->name_index_strs = btf->strs_data;
	tab = btf->name_tab;
	mask = btf->name_mask;

	/* Pass 1: hashes (0 marks a type without a name). */
	for (i = 0; i < n; i++) {
		const char *end, *name = name_of(btf, btf->start_id + from + i, &end);

		hashes[i] = name && *name ? (hash_fast(name, end) | 1) : 0;
	}
	/* Pass 2: insertion, each slot fetched ahead of its use. */
	for (i = 0; i < n; i++) {
		__u32 id = btf->start_id + from + i, h = hashes[i], j, k;
		const char *name;

		if (i + PREFETCH_AHEAD < n)
			__builtin_prefetch(&tab[hashes[i + PREFETCH_AHEAD] & mask], 1);
		next[from + i] = 0;
		if (!h)
			continue;
		name = NULL;
		for (j = h & mask; tab[j].id; j = (j + 1) & mask) {
			if (tab[j].hash != h)
				continue;
			if (!name)
				name = name_of(btf, id, NULL);
			if (!strcmp(name_of(btf, tab[j].id, NULL), name))
				break;
		}
		if (!tab[j].id) {
			tab[j].id = id;
			tab[j].hash = h;
			btf->name_cnt++;
			continue;
		}
		/* The same name again: append to the end of its chain. */
		for (k = tab[j].id; next[k - btf->start_id]; k = next[k - btf->start_id])
			;
		next[k - btf->start_id] = id;
	}
	free(hashes);
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
	/* Anonymous types are not indexed; "" finds the first one, as a scan. */
	if (!*name)
		return scan_find(btf, name, kind);
	pthread_mutex_lock(&b->name_lock);
	if (!b->name_tab && b->name_scans < BTF_SCANS_BEFORE_INDEX) {
		b->name_scans++;
		pthread_mutex_unlock(&b->name_lock);
		return scan_find(btf, name, kind);
	}
	err = index_update(b);
	pthread_mutex_unlock(&b->name_lock);
	if (err)
		return err;
	h = hash_safe(name) | 1;
	for (j = h & b->name_mask; (id = b->name_tab[j].id); j = (j + 1) & b->name_mask) {
		if (b->name_tab[j].hash == h && !strcmp(name_of(btf, id, NULL), name))
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
