// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The graph phases of btf__dedup(): the struct/union equivalence walk,
 * forward declaration resolution and the bottom-up collapse of reference
 * types.  Hashing and record equality are in dedup_hash.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "btf/btf_internal.h"
#include "btf/dedup_internal.h"
#include "util/alloc.h"
#include "util/hashmap.h"
#include "util/log.h"

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
		return dedup_eq_int_tag(ta, tb);
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return dedup_eq_enum(ta, tb);
	case BTF_KIND_FWD:
	case BTF_KIND_FLOAT:
		return dedup_eq_common(ta, tb);
	case BTF_KIND_PTR:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:
		return identical(d, ta->type, tb->type, depth - 1);
	case BTF_KIND_ARRAY:
		return dedup_compat_array(ta, tb) &&
		       identical(d, btf_array(ta)->index_type,
				 btf_array(tb)->index_type, depth - 1) &&
		       identical(d, btf_array(ta)->type, btf_array(tb)->type,
				 depth - 1);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		if (!dedup_shallow_eq_struct(ta, tb))
			return false;
		n = btf_vlen(ta);
		for (i = 0; i < n; i++)
			if (!identical(d, btf_members(ta)[i].type,
				       btf_members(tb)[i].type, depth - 1))
				return false;
		return true;
	case BTF_KIND_FUNC_PROTO:
		if (!dedup_compat_proto(ta, tb) ||
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
		return dedup_eq_int_tag(ct, kt);
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return dedup_eq_enum(ct, kt) || dedup_compat_enum(ct, kt);
	case BTF_KIND_FWD:
	case BTF_KIND_FLOAT:
		return dedup_eq_common(ct, kt);
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
		if (!dedup_compat_array(ct, kt))
			return 0;
		eq = equiv(d, btf_array(ct)->index_type,
			   btf_array(kt)->index_type);
		if (eq <= 0)
			return eq;
		return equiv(d, btf_array(ct)->type, btf_array(kt)->type);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		if (!dedup_shallow_eq_struct(ct, kt))
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
		if (!dedup_compat_proto(ct, kt))
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
	h = dedup_hash_struct(t);
	dedup_for_each_cand(d, h, cid) {
		if (!dedup_shallow_eq_struct(t, dd_type(d, cid)))
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
		h = dedup_hash_common(t);
		dedup_for_each_cand(d, h, cid) {
			if (dedup_eq_common(t, dd_type(d, cid))) {
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
		h = dedup_hash_int_tag(t);
		dedup_for_each_cand(d, h, cid) {
			if (dedup_eq_int_tag(t, dd_type(d, cid))) {
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
		h = dedup_hash_array(t);
		dedup_for_each_cand(d, h, cid) {
			c = dd_type(d, cid);
			if (dedup_eq_array(t, c)) {
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
		h = dedup_hash_proto(t);
		dedup_for_each_cand(d, h, cid) {
			if (dedup_eq_proto(t, dd_type(d, cid))) {
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
