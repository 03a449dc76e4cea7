// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The type phases of btf__dedup(): hashing, equality of records, the
 * struct/union equivalence walk, forward declaration resolution and the
 * bottom-up collapse of reference types.  See dedup_internal.h.
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

static struct btf_type *dd_type(const struct dedup *d, __u32 id)
{
	return (struct btf_type *)btf__type_by_id(d->btf, id);
}

/* ---- hashing ---- */

static __u32 mix(__u32 h, __u32 v)
{
	return h * 31 + v;
}

static __u32 hash_common(const struct btf_type *t)
{
	return mix(mix(t->name_off, t->info), t->size);
}

static __u32 hash_int_tag(const struct btf_type *t)
{
	return mix(hash_common(t), *(const __u32 *)(t + 1));
}

/* Enums hash by name only: a forward "enum x;" must meet its definition. */
static __u32 hash_enum(const struct btf_type *t)
{
	return t->name_off;
}

/* Structs hash by shape: names and offsets of members, not their types. */
static __u32 hash_struct(const struct btf_type *t)
{
	const struct btf_member *m = btf_members(t);
	__u32 h = hash_common(t);
	int i, n = btf_vlen(t);

	for (i = 0; i < n; i++, m++)
		h = mix(mix(h, m->name_off), m->offset);
	return h;
}

static __u32 hash_array(const struct btf_type *t)
{
	const struct btf_array *a = btf_array(t);

	return mix(mix(mix(hash_common(t), a->type), a->index_type),
		   a->nelems);
}

static __u32 hash_proto(const struct btf_type *t)
{
	const struct btf_param *p = btf_params(t);
	__u32 h = hash_common(t);
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
		*h = hash_int_tag(t);
		return 0;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		*h = hash_enum(t);
		return 0;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		*h = hash_struct(t);
		return 0;
	case BTF_KIND_ARRAY:
		*h = hash_array(t);
		return 0;
	case BTF_KIND_FUNC_PROTO:
		*h = hash_proto(t);
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
		*h = hash_common(t);
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

#define for_each_cand(d, h, c)						\
	for ((c) = (d)->heads[((d)->force_collisions ? 0 : (h)) & (d)->mask]; \
	     (c); (c) = (d)->next[c])					\
		if ((d)->force_collisions || (d)->hashes[c] == (h))

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

static bool eq_common(const struct btf_type *a, const struct btf_type *b)
{
	return a->name_off == b->name_off && a->info == b->info &&
	       a->size == b->size;
}

static bool eq_int_tag(const struct btf_type *a, const struct btf_type *b)
{
	return eq_common(a, b) &&
	       *(const __u32 *)(a + 1) == *(const __u32 *)(b + 1);
}

static bool eq_enum(const struct btf_type *a, const struct btf_type *b)
{
	int i, n = btf_vlen(a);

	if (!eq_common(a, b))
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
static bool compat_enum(const struct btf_type *a, const struct btf_type *b)
{
	if (!btf_is_any_enum(a) || !btf_is_any_enum(b))
		return false;
	if (btf_vlen(a) && btf_vlen(b))
		return false;
	return a->name_off == b->name_off && a->size == b->size;
}

static bool shallow_eq_struct(const struct btf_type *a,
			      const struct btf_type *b)
{
	const struct btf_member *ma = btf_members(a), *mb = btf_members(b);
	int i, n = btf_vlen(a);

	if (!eq_common(a, b))
		return false;
	for (i = 0; i < n; i++)
		if (ma[i].name_off != mb[i].name_off ||
		    ma[i].offset != mb[i].offset)
			return false;
	return true;
}

static bool compat_array(const struct btf_type *a, const struct btf_type *b)
{
	return eq_common(a, b) && btf_array(a)->nelems == btf_array(b)->nelems;
}

static bool eq_array(const struct btf_type *a, const struct btf_type *b)
{
	return compat_array(a, b) &&
	       btf_array(a)->type == btf_array(b)->type &&
	       btf_array(a)->index_type == btf_array(b)->index_type;
}

/* Same shape: the return type (in ->type) and parameter types not compared. */
static bool compat_proto(const struct btf_type *a, const struct btf_type *b)
{
	int i, n = btf_vlen(a);

	if (a->name_off != b->name_off || a->info != b->info)
		return false;
	for (i = 0; i < n; i++)
		if (btf_params(a)[i].name_off != btf_params(b)[i].name_off)
			return false;
	return true;
}

static bool eq_proto(const struct btf_type *a, const struct btf_type *b)
{
	int i, n = btf_vlen(a);

	if (!compat_proto(a, b) || a->type != b->type)
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
		h = hash_int_tag(t);
		for_each_cand(d, h, cid) {
			if (eq_int_tag(t, dd_type(d, cid))) {
				canon = cid;
				break;
			}
		}
		break;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		h = hash_enum(t);
		for_each_cand(d, h, cid) {
			c = dd_type(d, cid);
			if (eq_enum(t, c)) {
				canon = cid;
				break;
			}
			if (compat_enum(t, c)) {
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
		h = hash_common(t);
		for_each_cand(d, h, cid) {
			if (eq_common(t, dd_type(d, cid))) {
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

/* ---- phase 3: structs and unions ---- */

static void hypot_clear(struct dedup *d)
{
	size_t i;

	for (i = 0; i < d->hypot_cnt; i++)
		d->hypot[d->hypot_list[i]] = DEDUP_UNSEEN;
	d->hypot_cnt = 0;
	d->hypot_base_fwd = false;
}

static int hypot_add(struct dedup *d, __u32 canon, __u32 cand)
{
	if (util_ensure_cap((void **)&d->hypot_list, &d->hypot_cap,
			    sizeof(*d->hypot_list), d->hypot_cnt + 1))
		return -ENOMEM;
	d->hypot_list[d->hypot_cnt++] = canon;
	d->hypot[canon] = cand;
	return 0;
}

/* A forward declaration that already resolved stands for its target. */
static __u32 resolve_fwd(const struct dedup *d, __u32 id)
{
	__u32 r;

	if (!btf_is_fwd(dd_type(d, id)))
		return id;
	r = dedup_resolve(d, id);
	return btf_is_fwd(dd_type(d, r)) ? id : r;
}

/*
 * Compilers sometimes emit two identical copies of a type inside one unit
 * (arrays, mostly); the walk then meets a second candidate for a canonical
 * type already paired.  Accept it when the two are structurally the same.
 */
static bool identical(struct dedup *d, __u32 a, __u32 b, int depth)
{
	const struct btf_type *ta, *tb;
	int i, n;

	a = dedup_resolve(d, a);
	b = dedup_resolve(d, b);
	if (a == b)
		return true;
	if (depth <= 0)
		return false;
	ta = dd_type(d, a);
	tb = dd_type(d, b);
	if (!ta || !tb || ta->info != tb->info || ta->name_off != tb->name_off)
		return false;
	switch (btf_kind(ta)) {
	case BTF_KIND_INT:
		return eq_int_tag(ta, tb);
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return eq_enum(ta, tb);
	case BTF_KIND_FWD:
	case BTF_KIND_FLOAT:
		return eq_common(ta, tb);
	case BTF_KIND_PTR:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:
		return identical(d, ta->type, tb->type, depth - 1);
	case BTF_KIND_ARRAY:
		return compat_array(ta, tb) &&
		       identical(d, btf_array(ta)->index_type,
				 btf_array(tb)->index_type, depth - 1) &&
		       identical(d, btf_array(ta)->type, btf_array(tb)->type,
				 depth - 1);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		if (!shallow_eq_struct(ta, tb))
			return false;
		n = btf_vlen(ta);
		for (i = 0; i < n; i++)
			if (!identical(d, btf_members(ta)[i].type,
				       btf_members(tb)[i].type, depth - 1))
				return false;
		return true;
	case BTF_KIND_FUNC_PROTO:
		if (!compat_proto(ta, tb) ||
		    !identical(d, ta->type, tb->type, depth - 1))
			return false;
		n = btf_vlen(ta);
		for (i = 0; i < n; i++)
			if (!identical(d, btf_params(ta)[i].type,
				       btf_params(tb)[i].type, depth - 1))
				return false;
		return true;
	default:
		return false;
	}
}

/* 1: the graphs at cand and canon are equivalent, 0: not, -errno. */
static int equiv(struct dedup *d, __u32 cand, __u32 canon)
{
	const struct btf_type *ct, *kt;
	int ck, kk, i, n, eq;

	if (dedup_resolve(d, cand) == dedup_resolve(d, canon))
		return 1;
	canon = resolve_fwd(d, canon);
	if (d->hypot[canon] != DEDUP_UNSEEN) {
		if (d->hypot[canon] == cand)
			return 1;
		return identical(d, d->hypot[canon], cand, 16);
	}
	if (hypot_add(d, canon, cand))
		return -ENOMEM;

	ct = dd_type(d, cand);
	kt = dd_type(d, canon);
	ck = btf_kind(ct);
	kk = btf_kind(kt);
	if (ct->name_off != kt->name_off)
		return 0;

	/* a forward declaration against a struct/union of the same name */
	if ((ck == BTF_KIND_FWD || kk == BTF_KIND_FWD) && ck != kk) {
		int real, fwd;

		if (ck == BTF_KIND_FWD) {
			real = kk;
			fwd = btf_kflag(ct) ? BTF_KIND_UNION : BTF_KIND_STRUCT;
		} else {
			real = ck;
			fwd = btf_kflag(kt) ? BTF_KIND_UNION : BTF_KIND_STRUCT;
			if (fwd == real && canon < d->first)
				d->hypot_base_fwd = true;
		}
		return fwd == real;
	}
	if (ck != kk)
		return 0;

	switch (ck) {
	case BTF_KIND_INT:
		return eq_int_tag(ct, kt);
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return eq_enum(ct, kt) || compat_enum(ct, kt);
	case BTF_KIND_FWD:
	case BTF_KIND_FLOAT:
		return eq_common(ct, kt);
	case BTF_KIND_PTR:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_FUNC:
	case BTF_KIND_TYPE_TAG:
		if (ct->info != kt->info)
			return 0;
		return equiv(d, ct->type, kt->type);
	case BTF_KIND_ARRAY:
		if (!compat_array(ct, kt))
			return 0;
		eq = equiv(d, btf_array(ct)->index_type,
			   btf_array(kt)->index_type);
		if (eq <= 0)
			return eq;
		return equiv(d, btf_array(ct)->type, btf_array(kt)->type);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		if (!shallow_eq_struct(ct, kt))
			return 0;
		n = btf_vlen(ct);
		for (i = 0; i < n; i++) {
			eq = equiv(d, btf_members(ct)[i].type,
				   btf_members(kt)[i].type);
			if (eq <= 0)
				return eq;
		}
		return 1;
	case BTF_KIND_FUNC_PROTO:
		if (!compat_proto(ct, kt))
			return 0;
		eq = equiv(d, ct->type, kt->type);
		if (eq <= 0)
			return eq;
		n = btf_vlen(ct);
		for (i = 0; i < n; i++) {
			eq = equiv(d, btf_params(ct)[i].type,
				   btf_params(kt)[i].type);
			if (eq <= 0)
				return eq;
		}
		return 1;
	default:
		return -EINVAL;
	}
}

/* The walk succeeded: record what it proved beyond the root pair. */
static void hypot_merge(struct dedup *d)
{
	__u32 canon, cand, t_id, c_id;
	int tk, ck;
	size_t i;

	for (i = 0; i < d->hypot_cnt; i++) {
		canon = d->hypot_list[i];
		cand = d->hypot[canon];
		t_id = dedup_resolve(d, cand);
		c_id = dedup_resolve(d, canon);
		tk = btf_kind(dd_type(d, t_id));
		ck = btf_kind(dd_type(d, c_id));
		if (tk != BTF_KIND_FWD && ck == BTF_KIND_FWD) {
			/* the canonical side's declaration gets its body */
			if (c_id >= d->first)
				d->map[c_id] = t_id;
			continue;
		}
		if (tk == BTF_KIND_FWD && ck != BTF_KIND_FWD) {
			if (t_id >= d->first)
				d->map[t_id] = c_id;
			continue;
		}
		if ((tk == BTF_KIND_STRUCT || tk == BTF_KIND_UNION) &&
		    ck != BTF_KIND_FWD && dedup_mapped(d, c_id) &&
		    !dedup_mapped(d, t_id) && t_id >= d->first)
			d->map[t_id] = c_id;
	}
}

static int dedup_struct(struct dedup *d, __u32 id)
{
	struct btf_type *t = dd_type(d, id);
	__u32 h, cid, canon = id;
	int eq;

	if (!btf_is_composite(t) || dedup_mapped(d, id))
		return 0;
	h = hash_struct(t);
	for_each_cand(d, h, cid) {
		if (!shallow_eq_struct(t, dd_type(d, cid)))
			continue;
		hypot_clear(d);
		eq = equiv(d, id, cid);
		if (eq < 0)
			return eq;
		if (!eq)
			continue;
		hypot_merge(d);
		/* equal only if a base declaration were completed: keep */
		if (d->hypot_base_fwd)
			continue;
		canon = cid;
		break;
	}
	d->map[id] = canon;
	if (canon == id)
		return dedup_table_add(d, h, id);
	return 0;
}

int dedup_struct_types(struct dedup *d)
{
	__u32 id;
	int err;

	for (id = d->first; id < d->cnt; id++) {
		err = dedup_struct(d, id);
		if (err)
			return err;
	}
	return 0;
}

/* ---- phase 4: forward declarations with a single definition ---- */

int dedup_resolve_fwds(struct dedup *d)
{
	struct util_hashmap *names;
	const struct btf_type *t, *c;
	__u32 id;
	long cid;
	int err = 0;

	names = util_hashmap_new(util_hash_long, util_equal_long, NULL);
	if (!names)
		return -ENOMEM;
	for (id = 1; id < d->cnt; id++) {
		t = dd_type(d, id);
		if (!btf_is_composite(t) || !t->name_off || d->map[id] != id)
			continue;
		/* 0 marks a name with several definitions */
		if (util_hashmap_find(names, t->name_off, &cid))
			err = util_hashmap_set(names, t->name_off, 0, NULL);
		else
			err = util_hashmap_add(names, t->name_off, id);
		if (err)
			goto out;
	}
	for (id = d->first; id < d->cnt; id++) {
		t = dd_type(d, id);
		if (!btf_is_fwd(t) || d->map[id] != id)
			continue;
		if (!util_hashmap_find(names, t->name_off, &cid) || !cid)
			continue;
		c = dd_type(d, cid);
		if (btf_is_union(c) != btf_kflag(t))
			continue;
		d->map[id] = cid;
	}
out:
	util_hashmap_free(names);
	return err;
}

/* ---- phase 5: reference types ---- */

static int dedup_ref(struct dedup *d, __u32 id)
{
	struct btf_type *t, *c;
	__u32 h = 0, cid, canon;
	int r, i, n;

	if (id >= d->cnt)
		return -EINVAL;
	if (d->map[id] == DEDUP_BUSY)
		return -ELOOP;
	if (dedup_mapped(d, id))
		return dedup_resolve(d, id);
	t = dd_type(d, id);
	canon = id;
	d->map[id] = DEDUP_BUSY;

	switch (btf_kind(t)) {
	case BTF_KIND_PTR:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_FUNC:
	case BTF_KIND_TYPE_TAG:
		r = dedup_ref(d, t->type);
		if (r < 0)
			return r;
		t->type = r;
		h = hash_common(t);
		for_each_cand(d, h, cid) {
			if (eq_common(t, dd_type(d, cid))) {
				canon = cid;
				break;
			}
		}
		break;
	case BTF_KIND_DECL_TAG:
		r = dedup_ref(d, t->type);
		if (r < 0)
			return r;
		t->type = r;
		h = hash_int_tag(t);
		for_each_cand(d, h, cid) {
			if (eq_int_tag(t, dd_type(d, cid))) {
				canon = cid;
				break;
			}
		}
		break;
	case BTF_KIND_ARRAY:
		r = dedup_ref(d, btf_array(t)->type);
		if (r < 0)
			return r;
		btf_array(t)->type = r;
		r = dedup_ref(d, btf_array(t)->index_type);
		if (r < 0)
			return r;
		btf_array(t)->index_type = r;
		h = hash_array(t);
		for_each_cand(d, h, cid) {
			c = dd_type(d, cid);
			if (eq_array(t, c)) {
				canon = cid;
				break;
			}
		}
		break;
	case BTF_KIND_FUNC_PROTO:
		r = dedup_ref(d, t->type);
		if (r < 0)
			return r;
		t->type = r;
		n = btf_vlen(t);
		for (i = 0; i < n; i++) {
			r = dedup_ref(d, btf_params(t)[i].type);
			if (r < 0)
				return r;
			btf_params(t)[i].type = r;
		}
		h = hash_proto(t);
		for_each_cand(d, h, cid) {
			if (eq_proto(t, dd_type(d, cid))) {
				canon = cid;
				break;
			}
		}
		break;
	default:
		return -EINVAL;
	}
	d->map[id] = canon;
	if (canon == id)
		dedup_table_add(d, h, id);
	return canon;
}

int dedup_ref_types(struct dedup *d)
{
	__u32 id;
	int r;

	for (id = d->first; id < d->cnt; id++) {
		r = dedup_ref(d, id);
		if (r < 0) {
			pr_warn("btf: dedup: type [%u]: %s\n", id,
				r == -ELOOP ? "reference loop" : "cannot deduplicate");
			return r;
		}
	}
	return 0;
}
