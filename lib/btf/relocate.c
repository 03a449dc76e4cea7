// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * btf__relocate(): move split BTF from the distilled base it was made with
 * (btf__distill_base()) onto a real base, matching each distilled type by
 * name and kind (and size where the layout depends on it), then renumbering
 * the split types and re-pointing their strings.
 *
 * A named struct/union embedded by value in a split type must match in
 * size; one only pointed to may differ (the base changed around it).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "btf/btf_internal.h"
#include "util/err.h"
#include "util/hashmap.h"
#include "util/log.h"

struct reloc {
	struct btf *btf;
	const struct btf *dist;		/* the distilled base */
	const struct btf *base;		/* the new base */
	__u32 nr_dist, nr_base, nr;	/* type counts */
	__u32 *id_map;			/* distilled or split id -> new id */
	bool *embedded;			/* distilled ids used by value */
	__u32 *next;			/* base ids chained by name */
	struct util_hashmap *names;	/* name -> first base id */
};

/* Mark the distilled composite that id (a split type's member) embeds. */
static void reloc_mark_embedded(struct reloc *r, __u32 id)
{
	const struct btf_type *t;
	int depth = 0;

	while (id && depth++ < 64) {
		t = btf__type_by_id(r->btf, id);
		if (!t)
			return;
		if (id < r->nr_dist) {
			if (btf_is_composite(t))
				r->embedded[id] = true;
			return;
		}
		switch (btf_kind(t)) {
		case BTF_KIND_TYPEDEF:
		case BTF_KIND_CONST:
		case BTF_KIND_VOLATILE:
		case BTF_KIND_RESTRICT:
		case BTF_KIND_TYPE_TAG:
			id = t->type;
			break;
		case BTF_KIND_ARRAY:
			id = btf_array(t)->type;
			break;
		default:
			return;
		}
	}
}

static int reloc_index_base(struct reloc *r)
{
	const struct btf_type *t;
	const char *name;
	long first;
	__u32 id;

	r->names = util_hashmap_new(util_hash_str, util_equal_str, NULL);
	r->next = calloc(r->nr_base, sizeof(*r->next));
	if (!r->names || !r->next)
		return -ENOMEM;
	/* chain in descending order so that chains list ascending ids */
	for (id = r->nr_base - 1; id >= 1; id--) {
		t = btf__type_by_id(r->base, id);
		if (!t->name_off)
			continue;
		switch (btf_kind(t)) {
		case BTF_KIND_INT:
		case BTF_KIND_FLOAT:
		case BTF_KIND_FWD:
		case BTF_KIND_STRUCT:
		case BTF_KIND_UNION:
		case BTF_KIND_ENUM:
		case BTF_KIND_ENUM64:
			break;
		default:
			continue;
		}
		name = btf__name_by_offset(r->base, t->name_off);
		if (util_hashmap_find(r->names, (long)name, &first))
			r->next[id] = first;
		if (util_hashmap_set(r->names, (long)name, id, NULL))
			return -ENOMEM;
	}
	return 0;
}

/* 2: exact, 1: acceptable, 0: no match. */
static int reloc_match(struct reloc *r, __u32 did, const struct btf_type *d,
		       const struct btf_type *b)
{
	int dk = btf_kind(d), bk = btf_kind(b);

	switch (dk) {
	case BTF_KIND_INT:
		return bk == dk && d->size == b->size &&
		       *(const __u32 *)(d + 1) == *(const __u32 *)(b + 1) ? 2 : 0;
	case BTF_KIND_FLOAT:
		return bk == dk && d->size == b->size ? 2 : 0;
	case BTF_KIND_FWD:
		if (bk == BTF_KIND_FWD)
			return btf_kflag(d) == btf_kflag(b) ? 2 : 0;
		if (bk == BTF_KIND_STRUCT || bk == BTF_KIND_UNION)
			return (bk == BTF_KIND_UNION) == btf_kflag(d) ? 1 : 0;
		return 0;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		if (bk != dk)
			return 0;
		if (d->size == b->size)
			return 2;
		return r->embedded[did] ? 0 : 1;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return btf_is_any_enum(b) && d->size == b->size ? 2 : 0;
	default:
		return 0;
	}
}

/* What btf__distill_base() puts in a base: named, member-less. */
static bool distill_kind_ok(const struct btf_type *t)
{
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_FLOAT:
	case BTF_KIND_FWD:
		return true;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return btf_vlen(t) == 0;
	default:
		return false;
	}
}

static int reloc_map_base(struct reloc *r)
{
	const struct btf_type *d, *b;
	__u32 did, bid, best_id;
	int best, m, ties;
	const char *name;
	long first;

	for (did = 1; did < r->nr_dist; did++) {
		d = btf__type_by_id(r->dist, did);
		name = btf__name_by_offset(r->dist, d->name_off);
		if (!d->name_off || !distill_kind_ok(d)) {
			pr_warn("btf: relocate: base type [%u] is not from a distilled base\n",
				did);
			return -EINVAL;
		}
		best = 0;
		best_id = 0;
		ties = 0;
		if (util_hashmap_find(r->names, (long)name, &first)) {
			for (bid = first; bid; bid = r->next[bid]) {
				b = btf__type_by_id(r->base, bid);
				m = reloc_match(r, did, d, b);
				if (m > best) {
					best = m;
					best_id = bid;
					ties = 0;
				} else if (m && m == best) {
					ties++;
				}
			}
		}
		if (!best) {
			pr_warn("btf: relocate: no base type matches '%s' [%u] (%s, %u bytes)\n",
				name, did, btf_kind_name(btf_kind(d)), d->size);
			return -EINVAL;
		}
		if (ties) {
			pr_warn("btf: relocate: %d base types match '%s' [%u]\n",
				ties + 1, name, did);
			return -EINVAL;
		}
		r->id_map[did] = best_id;
	}
	return 0;
}

static int reloc_fix_id(__u32 *field, void *ctx)
{
	struct reloc *r = ctx;

	if (*field >= r->nr)
		return -EINVAL;
	*field = r->id_map[*field];
	return 0;
}

struct reloc_strs {
	struct reloc *r;
	__u32 old_start, new_start;
	int err;
};

/* Only rewrites own offsets here; names of the distilled base are done by
 * reloc_fix_base_str() once the BTF has its new base. */
static int reloc_shift_str(__u32 *off, void *ctx)
{
	struct reloc_strs *s = ctx;

	if (*off >= s->old_start)
		*off = *off - s->old_start + s->new_start;
	else if (*off)
		*off |= 0x80000000U;	/* marked: still a distilled name */
	return 0;
}

static int reloc_fix_base_str(__u32 *off, void *ctx)
{
	struct reloc_strs *s = ctx;
	const char *str;
	int n;

	if (!(*off & 0x80000000U))
		return 0;
	str = btf__str_by_offset(s->r->dist, *off & ~0x80000000U);
	if (!str)
		return -EINVAL;
	n = btf__add_str(s->r->btf, str);
	if (n < 0)
		return n;
	*off = n;
	return 0;
}

int btf__relocate(struct btf *btf, const struct btf *base_btf)
{
	struct reloc r = { .btf = btf, .base = base_btf };
	struct reloc_strs s = { .r = &r };
	struct btf_type *t;
	__u32 id;
	int err;

	if (!btf || !base_btf || !btf->base_btf || btf->base_btf == base_btf) {
		pr_warn("btf: relocate: needs split BTF and a different base\n");
		return util_err(-EINVAL);
	}
	if (base_btf->base_btf) {
		pr_warn("btf: relocate: the new base must not be split BTF\n");
		return util_err(-EINVAL);
	}
	r.dist = btf->base_btf;
	r.nr_dist = btf__type_cnt(r.dist);
	r.nr_base = btf__type_cnt(base_btf);
	r.nr = btf__type_cnt(btf);
	r.id_map = calloc(r.nr, sizeof(*r.id_map));
	r.embedded = calloc(r.nr_dist, sizeof(*r.embedded));
	if (!r.id_map || !r.embedded) {
		err = -ENOMEM;
		goto out;
	}
	err = btf_make_writable(btf);
	if (err)
		goto out;
	for (id = r.nr_dist; id < r.nr; id++) {
		const struct btf_type *st = btf__type_by_id(btf, id);
		int i, n = btf_vlen(st);

		if (btf_is_composite(st))
			for (i = 0; i < n; i++)
				reloc_mark_embedded(&r, btf_members(st)[i].type);
		else if (btf_is_array(st))
			reloc_mark_embedded(&r, btf_array(st)->type);
	}
	err = reloc_index_base(&r);
	if (err)
		goto out;
	err = reloc_map_base(&r);
	if (err)
		goto out;
	for (id = r.nr_dist; id < r.nr; id++)
		r.id_map[id] = id - r.nr_dist + r.nr_base;

	/* all checks passed: rewrite */
	for (id = r.nr_dist; id < r.nr; id++) {
		t = btf_type_by_id_raw(btf, id);
		err = btf_type_visit_type_ids(t, reloc_fix_id, &r);
		if (err)
			goto out;
	}
	s.old_start = btf->start_str_off;
	s.new_start = base_btf->start_str_off + base_btf->strs_len;
	for (id = r.nr_dist; id < r.nr; id++)
		btf_type_visit_str_offs(btf_type_by_id_raw(btf, id),
					reloc_shift_str, &s);
	btf->base_btf = (struct btf *)base_btf;
	btf->start_id = r.nr_base;
	btf->start_str_off = s.new_start;
	btf_invalidate(btf);
	for (id = r.nr_base; id < btf__type_cnt(btf); id++) {
		err = btf_type_visit_str_offs(btf_type_by_id_raw(btf, id),
					      reloc_fix_base_str, &s);
		if (err)
			goto out;
	}
	btf_invalidate(btf);
out:
	util_hashmap_free(r.names);
	free(r.next);
	free(r.embedded);
	free(r.id_map);
	return util_err(err);
}
