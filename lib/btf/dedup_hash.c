// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * btf__dedup() building blocks: hashing and equality of type records, the
 * table of canonical types, and the primitive-type phase.  See
 * dedup_internal.h.
 *
 * Strings are deduplicated first, so two names are equal exactly when their
 * offsets are.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "btf/btf_internal.h"
#include "btf/dedup_internal.h"
#include "util/alloc.h"
#include "util/hashmap.h"
#include "util/log.h"

/* ---- hashing ---- */

static __u32 mix(__u32 h, __u32 v)
{
	return h * 31 + v;
}

__u32 dedup_hash_common(const struct btf_type *t)
{
	return mix(mix(t->name_off, t->info), t->size);
}

__u32 dedup_hash_int_tag(const struct btf_type *t)
{
	return mix(dedup_hash_common(t), *(const __u32 *)(t + 1));
}

/* Enums hash by name only: a forward "enum x;" must meet its definition. */
__u32 dedup_hash_enum(const struct btf_type *t)
{
	return t->name_off;
}

/* Structs hash by shape: names and offsets of members, not their types. */
__u32 dedup_hash_struct(const struct btf_type *t)
{
	const struct btf_member *m = btf_members(t);
	__u32 h = dedup_hash_common(t);
	int i, n = btf_vlen(t);

	for (i = 0; i < n; i++, m++)
		h = mix(mix(h, m->name_off), m->offset);
	return h;
}

__u32 dedup_hash_array(const struct btf_type *t)
{
	const struct btf_array *a = btf_array(t);

	return mix(mix(mix(dedup_hash_common(t), a->type), a->index_type),
		   a->nelems);
}

__u32 dedup_hash_proto(const struct btf_type *t)
{
	const struct btf_param *p = btf_params(t);
	__u32 h = dedup_hash_common(t);
	int i, n = btf_vlen(t);

	for (i = 0; i < n; i++, p++)
		h = mix(mix(h, p->name_off), p->type);
	return h;
}

static int hash_of(const struct btf_type *t, __u32 *h)
{
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_DECL_TAG:
		*h = dedup_hash_int_tag(t);
		return 0;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		*h = dedup_hash_enum(t);
		return 0;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		*h = dedup_hash_struct(t);
		return 0;
	case BTF_KIND_ARRAY:
		*h = dedup_hash_array(t);
		return 0;
	case BTF_KIND_FUNC_PROTO:
		*h = dedup_hash_proto(t);
		return 0;
	case BTF_KIND_FWD:
	case BTF_KIND_FLOAT:
	case BTF_KIND_PTR:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_FUNC:
	case BTF_KIND_TYPE_TAG:
		*h = dedup_hash_common(t);
		return 0;
	default:
		return -EINVAL;
	}
}

/* ---- the table of canonical types ---- */

int dedup_table_add(struct dedup *d, __u32 hash, __u32 id)
{
	__u32 b;

	if (d->force_collisions)
		hash = 0;
	b = hash & d->mask;
	d->hashes[id] = hash;
	d->next[id] = d->heads[b];
	d->heads[b] = id;
	return 0;
}

/* Base types are canonical; put them in the table for split types. */
int dedup_hash_base(struct dedup *d)
{
	const struct btf_type *t;
	__u32 id, h;

	for (id = 1; id < d->first; id++) {
		t = dd_type(d, id);
		d->map[id] = id;
		if (btf_is_var(t) || btf_is_datasec(t))
			continue;
		if (hash_of(t, &h))
			return -EINVAL;
		dedup_table_add(d, h, id);
	}
	return 0;
}

/* ---- record equality ---- */

bool dedup_eq_common(const struct btf_type *a, const struct btf_type *b)
{
	return a->name_off == b->name_off && a->info == b->info &&
	       a->size == b->size;
}

bool dedup_eq_int_tag(const struct btf_type *a, const struct btf_type *b)
{
	return dedup_eq_common(a, b) &&
	       *(const __u32 *)(a + 1) == *(const __u32 *)(b + 1);
}

bool dedup_eq_enum(const struct btf_type *a, const struct btf_type *b)
{
	int i, n = btf_vlen(a);

	if (!dedup_eq_common(a, b))
		return false;
	if (btf_is_enum(a)) {
		for (i = 0; i < n; i++)
			if (btf_enum(a)[i].name_off != btf_enum(b)[i].name_off ||
			    btf_enum(a)[i].val != btf_enum(b)[i].val)
				return false;
	} else {
		for (i = 0; i < n; i++)
			if (btf_enum64(a)[i].name_off != btf_enum64(b)[i].name_off ||
			    btf_enum64(a)[i].val_lo32 != btf_enum64(b)[i].val_lo32 ||
			    btf_enum64(a)[i].val_hi32 != btf_enum64(b)[i].val_hi32)
				return false;
	}
	return true;
}

/* An enum without values ("enum x;") matches the full one of its size. */
bool dedup_compat_enum(const struct btf_type *a, const struct btf_type *b)
{
	if (!btf_is_any_enum(a) || !btf_is_any_enum(b))
		return false;
	if (btf_vlen(a) && btf_vlen(b))
		return false;
	return a->name_off == b->name_off && a->size == b->size;
}

bool dedup_shallow_eq_struct(const struct btf_type *a,
			      const struct btf_type *b)
{
	const struct btf_member *ma = btf_members(a), *mb = btf_members(b);
	int i, n = btf_vlen(a);

	if (!dedup_eq_common(a, b))
		return false;
	for (i = 0; i < n; i++)
		if (ma[i].name_off != mb[i].name_off ||
		    ma[i].offset != mb[i].offset)
			return false;
	return true;
}

bool dedup_compat_array(const struct btf_type *a, const struct btf_type *b)
{
	return dedup_eq_common(a, b) && btf_array(a)->nelems == btf_array(b)->nelems;
}

bool dedup_eq_array(const struct btf_type *a, const struct btf_type *b)
{
	return dedup_compat_array(a, b) &&
	       btf_array(a)->type == btf_array(b)->type &&
	       btf_array(a)->index_type == btf_array(b)->index_type;
}

/* Same shape: the return type (in ->type) and parameter types not compared. */
bool dedup_compat_proto(const struct btf_type *a, const struct btf_type *b)
{
	int i, n = btf_vlen(a);

	if (a->name_off != b->name_off || a->info != b->info)
		return false;
	for (i = 0; i < n; i++)
		if (btf_params(a)[i].name_off != btf_params(b)[i].name_off)
			return false;
	return true;
}

bool dedup_eq_proto(const struct btf_type *a, const struct btf_type *b)
{
	int i, n = btf_vlen(a);

	if (!dedup_compat_proto(a, b) || a->type != b->type)
		return false;
	for (i = 0; i < n; i++)
		if (btf_params(a)[i].type != btf_params(b)[i].type)
			return false;
	return true;
}

/* ---- phase 2: primitives ---- */

static int dedup_prim(struct dedup *d, __u32 id)
{
	struct btf_type *t = dd_type(d, id), *c;
	__u32 h, cid, canon = id;

	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		h = dedup_hash_int_tag(t);
		dedup_for_each_cand(d, h, cid) {
			if (dedup_eq_int_tag(t, dd_type(d, cid))) {
				canon = cid;
				break;
			}
		}
		break;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		h = dedup_hash_enum(t);
		dedup_for_each_cand(d, h, cid) {
			c = dd_type(d, cid);
			if (dedup_eq_enum(t, c)) {
				canon = cid;
				break;
			}
			if (dedup_compat_enum(t, c)) {
				if (!btf_vlen(t)) {
					/* a forward enum: take the full one */
					canon = cid;
					break;
				}
				/* the canonical one was the forward: it now
				 * stands for this definition */
				if (cid >= d->first)
					d->map[cid] = id;
			}
		}
		break;
	case BTF_KIND_FWD:
	case BTF_KIND_FLOAT:
		h = dedup_hash_common(t);
		dedup_for_each_cand(d, h, cid) {
			if (dedup_eq_common(t, dd_type(d, cid))) {
				canon = cid;
				break;
			}
		}
		break;
	default:
		return 0;
	}
	d->map[id] = canon;
	if (canon == id)
		return dedup_table_add(d, h, id);
	return 0;
}

int dedup_prim_types(struct dedup *d)
{
	__u32 id;
	int err;

	for (id = d->first; id < d->cnt; id++) {
		err = dedup_prim(d, id);
		if (err)
			return err;
	}
	return 0;
}
