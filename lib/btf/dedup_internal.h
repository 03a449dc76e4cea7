/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * btf__dedup() in phases (dedup.c drives them):
 *  1. strings: one copy of each string, own strings found in the base
 *     replaced by the base's offset (so names compare by offset after);
 *  2. primitives (int, float, enum, fwd): equal records collapse;
 *  3. structs/unions: a candidate equals a canonical type when the two
 *     type graphs hanging off them are equivalent (dedup_types.c walks both
 *     in step, remembering the pairs assumed equal so cycles terminate);
 *  4. forward declarations naming a single struct/union resolve to it;
 *  5. reference types (pointers, typedefs, arrays, prototypes ...) collapse
 *     bottom-up once what they point to is canonical;
 *  6. compaction: only canonical types stay, every type id (and those of
 *     .BTF.ext) is rewritten.
 * Base types of a split BTF are canonical by definition and never move.
 */
#ifndef BPFKIT_BTF_DEDUP_INTERNAL_H
#define BPFKIT_BTF_DEDUP_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/btf.h>
#include <bpf/btf.h>

#include "btf/btf_internal.h"

#define DEDUP_UNSEEN	0xffffffffU	/* map[]: not processed yet */
#define DEDUP_BUSY	0xfffffffeU	/* map[]: being processed (loop) */

struct dedup {
	struct btf *btf;
	struct btf_ext *ext;
	bool force_collisions;
	__u32 first;		/* first own id */
	__u32 cnt;		/* btf__type_cnt() */

	__u32 *map;		/* id -> equivalent id closer to canonical */

	/* equivalence walk: canonical id -> candidate id assumed equal */
	__u32 *hypot;
	__u32 *hypot_list;
	size_t hypot_cnt, hypot_cap;
	bool hypot_base_fwd;	/* a base FWD would have to resolve */

	/* canonical types by hash: chains through next[] */
	__u32 *heads;
	__u32 mask;
	__u32 *next;
	__u32 *hashes;
};

static inline bool dedup_mapped(const struct dedup *d, __u32 id)
{
	return d->map[id] < DEDUP_BUSY;
}

/* Follow map[] to the canonical id. */
static inline __u32 dedup_resolve(const struct dedup *d, __u32 id)
{
	while (dedup_mapped(d, id) && d->map[id] != id)
		id = d->map[id];
	return id;
}

/* Ids here are in range (validated BTF): no checks beyond the inline ones. */
static inline struct btf_type *dd_type(const struct dedup *d, __u32 id)
{
	struct btf_type *t = id ? btf_type_by_id_raw(d->btf, id) : NULL;

	return t ? t : (struct btf_type *)btf__type_by_id(d->btf, id);
}

/* Canonical types with hash h, as c; every one when hashes are forced
 * to collide. */
#define dedup_for_each_cand(d, h, c)						\
	for ((c) = (d)->heads[((d)->force_collisions ? 0 : (h)) & (d)->mask]; \
	     (c); (c) = (d)->next[c])					\
		if ((d)->force_collisions || (d)->hashes[c] == (h))

/* dedup.c: visit the string offsets (strs) or type ids of .BTF.ext */
struct btf_ext;
typedef int (*dedup_field_fn)(__u32 *field, void *ctx);
int dedup_ext_visit(struct btf_ext *ext, bool strs, dedup_field_fn fn,
		    void *ctx);

/* dedup_strs.c */
int dedup_strings(struct dedup *d);

/* dedup_hash.c */
int dedup_table_add(struct dedup *d, __u32 hash, __u32 id);
int dedup_hash_base(struct dedup *d);
int dedup_prim_types(struct dedup *d);
__u32 dedup_hash_common(const struct btf_type *t);
__u32 dedup_hash_int_tag(const struct btf_type *t);
__u32 dedup_hash_enum(const struct btf_type *t);
__u32 dedup_hash_struct(const struct btf_type *t);
__u32 dedup_hash_array(const struct btf_type *t);
__u32 dedup_hash_proto(const struct btf_type *t);
bool dedup_eq_common(const struct btf_type *a, const struct btf_type *b);
bool dedup_eq_int_tag(const struct btf_type *a, const struct btf_type *b);
bool dedup_eq_enum(const struct btf_type *a, const struct btf_type *b);
/* An enum without values ("enum x;") and a full one of that size. */
bool dedup_compat_enum(const struct btf_type *a, const struct btf_type *b);
/* Same name, size and member names/offsets; member types not compared. */
bool dedup_shallow_eq_struct(const struct btf_type *a,
			     const struct btf_type *b);
bool dedup_compat_array(const struct btf_type *a, const struct btf_type *b);
bool dedup_eq_array(const struct btf_type *a, const struct btf_type *b);
bool dedup_compat_proto(const struct btf_type *a, const struct btf_type *b);
bool dedup_eq_proto(const struct btf_type *a, const struct btf_type *b);

/* dedup_types.c */
int dedup_struct_types(struct dedup *d);
int dedup_resolve_fwds(struct dedup *d);
int dedup_ref_types(struct dedup *d);

#endif
