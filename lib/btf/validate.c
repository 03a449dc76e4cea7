// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Full validation of parsed types, so that every accessor afterwards may
 * trust the data: each type id points at an existing type, each string
 * offset at a NUL-terminated string (the section ends in NUL, so being in
 * range is enough), FUNC names a FUNC_PROTO, and no chain of
 * pointers/typedefs/qualifiers/arrays/vars comes back to where it started
 * (that would make size resolution spin forever).
 *
 * This runs on every load of the kernel's 126,000 types, so the clean path
 * is a tight loop; messages are only formatted on failure.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "btf/btf_internal.h"
#include "util/alloc.h"
#include "util/log.h"

struct vctx {
	const struct btf *btf;
	__u32 type_cnt;		/* ids must be below this */
	__u32 str_end;		/* string offsets must be below this */
};

static int bad_id(__u32 id, const struct btf_type *t, const char *field,
		  int idx, __u32 ref)
{
	char what[48];

	if (idx >= 0)
		snprintf(what, sizeof(what), "%s %d", field, idx);
	else
		snprintf(what, sizeof(what), "%s", field);
	pr_warn("btf: type [%u] %s: %s type id %u out of range\n",
		id, btf_kind_name(btf_kind(t)), what, ref);
	return -EINVAL;
}

static int bad_str(__u32 id, const struct btf_type *t, const char *field,
		   int idx, __u32 off)
{
	char what[48];

	if (idx >= 0)
		snprintf(what, sizeof(what), "%s %d name", field, idx);
	else
		snprintf(what, sizeof(what), "%s", field);
	pr_warn("btf: type [%u] %s: %s offset %u out of range\n",
		id, btf_kind_name(btf_kind(t)), what, off);
	return -EINVAL;
}

static int check_type(const struct vctx *c, __u32 id, const struct btf_type *t)
{
	__u32 cnt = c->type_cnt, send = c->str_end;
	int i, n = btf_vlen(t);

	if (t->name_off >= send)
		return bad_str(id, t, "name", -1, t->name_off);

	switch (btf_kind(t)) {
	case BTF_KIND_PTR:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:
	case BTF_KIND_VAR:
		if (t->type >= cnt)
			return bad_id(id, t, "referenced", -1, t->type);
		return 0;
	case BTF_KIND_DECL_TAG:
		if (t->type >= cnt)
			return bad_id(id, t, "referenced", -1, t->type);
		if (btf_decl_tag(t)->component_idx < -1) {
			pr_warn("btf: type [%u] DECL_TAG: component index %d is invalid\n",
				id, btf_decl_tag(t)->component_idx);
			return -EINVAL;
		}
		return 0;
	case BTF_KIND_FUNC: {
		const struct btf_type *proto;

		if (t->type >= cnt || !t->type)
			return bad_id(id, t, "prototype", -1, t->type);
		proto = btf_type_by_id_raw(c->btf, t->type);
		if (!btf_is_func_proto(proto)) {
			pr_warn("btf: type [%u] FUNC: type [%u] is a %s, not a FUNC_PROTO\n",
				id, t->type, btf_kind_name(btf_kind(proto)));
			return -EINVAL;
		}
		return 0;
	}
	case BTF_KIND_ARRAY: {
		const struct btf_array *a = btf_array(t);

		if (a->type >= cnt)
			return bad_id(id, t, "element", -1, a->type);
		if (a->index_type >= cnt)
			return bad_id(id, t, "index", -1, a->index_type);
		return 0;
	}
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION: {
		const struct btf_member *m = btf_members(t);

		for (i = 0; i < n; i++) {
			if (m[i].name_off >= send)
				return bad_str(id, t, "member", i, m[i].name_off);
			if (m[i].type >= cnt)
				return bad_id(id, t, "member", i, m[i].type);
		}
		return 0;
	}
	case BTF_KIND_ENUM: {
		const struct btf_enum *e = btf_enum(t);

		for (i = 0; i < n; i++)
			if (e[i].name_off >= send)
				return bad_str(id, t, "value", i, e[i].name_off);
		return 0;
	}
	case BTF_KIND_ENUM64: {
		const __u32 *w = (const __u32 *)(t + 1);

		for (i = 0; i < n; i++)
			if (w[3 * i] >= send)
				return bad_str(id, t, "value", i, w[3 * i]);
		return 0;
	}
	case BTF_KIND_FUNC_PROTO: {
		const struct btf_param *p = btf_params(t);

		if (t->type >= cnt)
			return bad_id(id, t, "return", -1, t->type);
		for (i = 0; i < n; i++) {
			if (p[i].name_off >= send)
				return bad_str(id, t, "param", i, p[i].name_off);
			if (p[i].type >= cnt)
				return bad_id(id, t, "param", i, p[i].type);
		}
		return 0;
	}
	case BTF_KIND_DATASEC: {
		const struct btf_var_secinfo *v = btf_var_secinfos(t);

		for (i = 0; i < n; i++)
			if (v[i].type >= cnt || !v[i].type)
				return bad_id(id, t, "variable", i, v[i].type);
		return 0;
	}
	default:	/* INT, FWD, FLOAT: nothing referenced */
		return 0;
	}
}

/* The one type a chain-forming type leads to, or 0. */
static __u32 chain_next(const struct btf_type *t)
{
	switch (btf_kind(t)) {
	case BTF_KIND_PTR:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:
	case BTF_KIND_FUNC:
	case BTF_KIND_VAR:
	case BTF_KIND_DECL_TAG:
		return t->type;
	case BTF_KIND_ARRAY:
		return btf_array(t)->type;
	default:
		return 0;
	}
}

/*
 * Reference loops.  Each type has at most one chain successor
 * (chain_next()), so a loop is a cycle in a functional graph.  Ids along a
 * cycle cannot all decrease, so every cycle contains an edge to an id >=
 * its source ("forward edge"); those are rare (a few thousand of the
 * kernel's 126,000 types), so only walks starting at them are needed.
 * A walk stops at a type already seen: if seen by an earlier walk, that
 * walk ended without a cycle, so this one does too; if seen in this walk
 * (checked by walking the current path again), it is a cycle.  Every type
 * is entered by at most one walk, so all of it is linear.
 */
/* Is target among the first steps types of the chain from from? */
static bool on_path(const struct btf *btf, __u32 from, __u32 target,
		    __u32 steps)
{
	__u32 id = from;

	while (steps--) {
		if (id == target)
			return true;
		id = chain_next(btf_type_by_id_raw(btf, id));
	}
	return false;
}

static int check_loops(const struct btf *btf, const __u32 *srcs, __u32 nsrcs)
{
	__u32 start = btf->start_id, n = btf->nr_types, w, id, steps;
	unsigned long *seen;
	const int bpl = 8 * sizeof(long);

	if (!nsrcs)
		return 0;
	seen = calloc((n + bpl - 1) / bpl, sizeof(long));
	if (!seen)
		return -ENOMEM;
	for (w = 0; w < nsrcs; w++) {
		for (id = srcs[w], steps = 0; id >= start && id < start + n;) {
			__u32 i = id - start;

			if (seen[i / bpl] & (1UL << (i % bpl))) {
				if (on_path(btf, srcs[w], id, steps)) {
					const struct btf_type *t = btf_type_by_id_raw(btf, id);

					pr_warn("btf: type [%u] %s: reference loop (back to it through type [%u])\n",
						id, btf_kind_name(btf_kind(t)), srcs[w]);
					free(seen);
					return -EINVAL;
				}
				break;
			}
			seen[i / bpl] |= 1UL << (i % bpl);
			steps++;
			id = chain_next(btf_type_by_id_raw(btf, id));
		}
	}
	free(seen);
	return 0;
}

static int check_all_types(const struct btf *btf)
{
	struct vctx c = {
		.btf = btf,
		.type_cnt = btf__type_cnt(btf),
		.str_end = btf->start_str_off + btf->strs_len,
	};
	const char *types = btf->types_data;
	__u32 i;
	int err;

	for (i = 0; i < btf->nr_types; i++) {
		const struct btf_type *t = (const void *)(types + btf->type_offs[i]);

		err = check_type(&c, btf->start_id + i, t);
		if (err)
			return err;
	}
	return 0;
}

/* A growable list of ids. */
struct idlist {
	__u32 *ids;
	__u32 cnt, cap;
};

static int idlist_add(struct idlist *l, __u32 id)
{
	if (l->cnt == l->cap) {
		__u32 ncap = l->cap ? l->cap * 2 : 256;
		__u32 *n = realloc(l->ids, ncap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		l->ids = n;
		l->cap = ncap;
	}
	l->ids[l->cnt++] = id;
	return 0;
}

int btf_validate(const struct btf *btf, const char *what)
{
	struct idlist fwd = {};
	__u32 i;
	int err;

	err = check_all_types(btf);
	if (err)
		return err;
	for (i = 0; i < btf->nr_types && !err; i++) {
		__u32 id = btf->start_id + i;

		if (chain_next(btf_type_by_id_raw(btf, id)) >= id)
			err = idlist_add(&fwd, id);
	}
	if (!err)
		err = check_loops(btf, fwd.ids, fwd.cnt);
	free(fwd.ids);
	return err;
}

/*
 * The load-time pass: one sweep over the records, driven by a per-kind
 * table to keep the hot loop free of unpredictable branches.  It finds
 * where each record starts, checks that it fits, checks its string offsets
 * against the string section, notes the largest type id it references
 * (checked once the count is known) and its forward chain edges.
 * Anything odd sends that type through check_type() for the message.
 */
struct kind_desc {
	__u8 base;		/* record bytes before the vlen entries; 0: bad */
	__u8 elem;		/* bytes per vlen entry, 0: vlen is not a count */
	__u8 elem_class;	/* what an entry holds, see below */
	__u8 chain;		/* word index of the chain successor, or 0 */
	__u32 ref_mask;		/* ~0 when word 2 is a type id */
	bool special;		/* FUNC, DECL_TAG, DATASEC, ARRAY: extra checks */
};

enum { EC_NONE, EC_NAME_TYPE, EC_NAME, EC_TYPE };

static const struct kind_desc kinds[32] = {
	[BTF_KIND_INT] = { 16 },
	[BTF_KIND_PTR] = { 12, 0, 0, 2, ~0U },
	[BTF_KIND_ARRAY] = { 24, 0, 0, 3, 0, true },
	[BTF_KIND_STRUCT] = { 12, 12, EC_NAME_TYPE },
	[BTF_KIND_UNION] = { 12, 12, EC_NAME_TYPE },
	[BTF_KIND_ENUM] = { 12, 8, EC_NAME },
	[BTF_KIND_FWD] = { 12 },
	[BTF_KIND_TYPEDEF] = { 12, 0, 0, 2, ~0U },
	[BTF_KIND_VOLATILE] = { 12, 0, 0, 2, ~0U },
	[BTF_KIND_CONST] = { 12, 0, 0, 2, ~0U },
	[BTF_KIND_RESTRICT] = { 12, 0, 0, 2, ~0U },
	[BTF_KIND_FUNC] = { 12, 0, 0, 2, ~0U, true },
	[BTF_KIND_FUNC_PROTO] = { 12, 8, EC_NAME_TYPE, 0, ~0U },
	[BTF_KIND_VAR] = { 16, 0, 0, 2, ~0U },
	[BTF_KIND_DATASEC] = { 12, 12, EC_TYPE, 0, 0, true },
	[BTF_KIND_FLOAT] = { 12 },
	[BTF_KIND_DECL_TAG] = { 16, 0, 0, 2, ~0U, true },
	[BTF_KIND_TYPE_TAG] = { 12, 0, 0, 2, ~0U },
	[BTF_KIND_ENUM64] = { 12, 12, EC_NAME },
};

#define MAX_INTO(m, v) do { __u32 __v = (v); (m) = __v > (m) ? __v : (m); } while (0)

int btf_scan_types(struct btf *btf, const char *what)
{
	const char *types = btf->types_data;
	__u32 len = btf->types_len, pos = 0, n = 0, maxref = 0;
	__u32 send = btf->start_str_off + btf->strs_len;
	__u32 start = btf->start_id, *offs, i;
	size_t cap = len / sizeof(struct btf_type) + 1;
	__u8 *kind_of;
	struct vctx c = { .btf = btf, .str_end = send, .type_cnt = UINT32_MAX };
	struct idlist fwd = {}, late = {};
	int err = -EINVAL;

	offs = util_realloc_array(NULL, cap, sizeof(__u32));
	kind_of = malloc(cap);
	if (!offs || !kind_of) {
		free(offs);
		free(kind_of);
		return -ENOMEM;
	}
	btf->type_offs = offs;
	btf->type_offs_cap = cap;

	while (pos < len) {
		const struct btf_type *t = (const void *)(types + pos);
		const __u32 *w = (const __u32 *)t;
		__u32 id = start + n, vlen, sz, nx, k, kind;
		const struct kind_desc *d;
		bool bad;

		if (len - pos < sizeof(*t)) {
			pr_warn("btf: type [%u]: truncated record at offset %u of the types section\n",
				id, pos);
			goto out;
		}
		kind = btf_kind(t);
		d = &kinds[kind];
		if (!d->base) {
			pr_warn("btf: type [%u]: unknown kind %u\n", id, kind);
			goto out;
		}
		vlen = btf_vlen(t);
		sz = d->base + vlen * d->elem;
		if (sz > len - pos) {
			pr_warn("btf: type [%u] %s: vlen %u runs %u bytes past the types section\n",
				id, btf_kind_name(kind), vlen, sz - (len - pos));
			goto out;
		}
		if (id >= BTF_MAX_TYPES) {
			pr_warn("btf: %s: too many types\n", what);
			err = -E2BIG;
			goto out;
		}
		bad = w[0] >= send;
		MAX_INTO(maxref, w[2] & d->ref_mask);
		nx = d->chain ? w[d->chain] : 0;

		if (d->elem_class == EC_NAME_TYPE) {
			const __u32 *e = w + d->base / 4;
			__u32 stride = d->elem / 4;

			for (k = 0; k < vlen; k++, e += stride) {
				bad |= e[0] >= send;
				MAX_INTO(maxref, e[1]);
			}
		} else if (d->elem_class == EC_NAME) {
			const __u32 *e = w + d->base / 4;
			__u32 stride = d->elem / 4;

			for (k = 0; k < vlen; k++, e += stride)
				bad |= e[0] >= send;
		}
		if (d->special) {
			switch (kind) {
			case BTF_KIND_ARRAY:
				MAX_INTO(maxref, w[3]);
				MAX_INTO(maxref, w[4]);
				break;
			case BTF_KIND_DECL_TAG:
				bad |= (__s32)w[3] < -1;
				break;
			case BTF_KIND_DATASEC:
				for (k = 0; k < vlen; k++) {
					bad |= !w[3 + 3 * k];
					MAX_INTO(maxref, w[3 + 3 * k]);
				}
				break;
			case BTF_KIND_FUNC:
				if (!nx) {
					bad = true;
				} else if (nx >= id) {
					/* Its prototype comes later. */
					if (idlist_add(&late, id)) {
						err = -ENOMEM;
						goto out;
					}
				} else if (nx >= start) {
					/* A small array beats a cache miss. */
					bad |= kind_of[nx - start] != BTF_KIND_FUNC_PROTO;
				} else {
					bad |= !btf_is_func_proto(btf_type_by_id_raw(btf, nx));
				}
				break;
			}
		}
		kind_of[n] = kind;
		offs[n++] = pos;
		if (nx >= id && idlist_add(&fwd, id)) {
			err = -ENOMEM;
			goto out;
		}
		if (bad) {
			btf->nr_types = n;
			err = check_type(&c, id, t);
			if (err)
				goto out;
		}
		pos += sz;
	}
	btf->nr_types = n;
	c.type_cnt = start + n;
	if (maxref >= start + n) {
		/* Some id is out of range: find which, for the message. */
		err = check_all_types(btf);
		if (!err)
			err = -EINVAL;
		goto out;
	}
	for (i = 0; i < late.cnt; i++) {
		err = check_type(&c, late.ids[i], btf_type_by_id_raw(btf, late.ids[i]));
		if (err)
			goto out;
	}
	err = check_loops(btf, fwd.ids, fwd.cnt);
out:
	free(kind_of);
	free(fwd.ids);
	free(late.ids);
	return err;
}
