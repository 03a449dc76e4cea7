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
 * The load-time pass.  One sweep over the records (scan_fast(), with
 * scan_careful() for rare kinds and anything odd) finds where each starts,
 * checks that it fits, and notes its kind, which records have vlen
 * entries, the prototype id of each FUNC and the ids with a forward chain
 * edge.  String offsets and referenced ids in record headers are folded
 * into two running maxima.  Once the type count is known, three short
 * passes over what was noted check the vlen entries (check_entries()),
 * the FUNC prototypes (check_protos()) and reference loops; any failure
 * sends every type through check_type() to name the culprit, so nothing
 * is accepted that btf_validate() would refuse.
 *
 * The sweep is bound by the chain of dependent loads from one record to
 * the next, so everything else is kept short, off that chain and free of
 * unpredictable branches: the size comes from bit constants rather than a
 * table load, what is noted is written unconditionally and kept by
 * advancing a pointer or not, and variable-length work (the entries)
 * is left to a pass where it does not hold up the walk.
 */
struct kind_desc {
	__u32 ref_mask;		/* ~0 when word 2 is a type id */
	__u32 chain_mask;	/* ~0 when word 2 is the chain successor */
	__u8 base;		/* record bytes before the vlen entries; 0: unknown */
	__u8 elem;		/* bytes per vlen entry */
	__u8 chain;		/* word index of the chain successor, or 0 */
	__u8 flags;
};

#define KD_ETYPE	0x01	/* word 1 of an entry is a type id */

#define KD(b, e, ch, ref, fl)	{ (ref) ? ~0U : 0, (ch) == 2 ? ~0U : 0, b, e, ch, fl }

static const struct kind_desc kinds[32] = {
	[BTF_KIND_INT] = KD(16, 0, 0, 0, 0),
	[BTF_KIND_PTR] = KD(12, 0, 2, 1, 0),
	[BTF_KIND_ARRAY] = KD(24, 0, 3, 0, 0),
	[BTF_KIND_STRUCT] = KD(12, 12, 0, 0, KD_ETYPE),
	[BTF_KIND_UNION] = KD(12, 12, 0, 0, KD_ETYPE),
	[BTF_KIND_ENUM] = KD(12, 8, 0, 0, 0),
	[BTF_KIND_FWD] = KD(12, 0, 0, 0, 0),
	[BTF_KIND_TYPEDEF] = KD(12, 0, 2, 1, 0),
	[BTF_KIND_VOLATILE] = KD(12, 0, 2, 1, 0),
	[BTF_KIND_CONST] = KD(12, 0, 2, 1, 0),
	[BTF_KIND_RESTRICT] = KD(12, 0, 2, 1, 0),
	[BTF_KIND_FUNC] = KD(12, 0, 2, 1, 0),
	[BTF_KIND_FUNC_PROTO] = KD(12, 8, 0, 1, KD_ETYPE),
	[BTF_KIND_VAR] = KD(16, 0, 2, 1, 0),
	[BTF_KIND_DATASEC] = KD(12, 12, 0, 0, 0),
	[BTF_KIND_FLOAT] = KD(12, 0, 0, 0, 0),
	[BTF_KIND_DECL_TAG] = KD(16, 0, 2, 0, 0),
	[BTF_KIND_TYPE_TAG] = KD(12, 0, 2, 1, 0),
	[BTF_KIND_ENUM64] = KD(12, 12, 0, 0, 0),
};

static inline __u32 max_u32(__u32 a, __u32 b)
{
	return a > b ? a : b;
}

/* All ones when b, else 0. */
static inline __u32 mask_if(bool b)
{
	return -(__u32)b;
}

/*
 * The record size of the fast kinds, without a load on the walk's chain
 * of dependent loads: two bits per kind of (base - 12) / 4 and of
 * elem / 4.  FAST_SLOW has a bit for each kind left to scan_careful().
 */
#define KBITS(kind, v)	((__u64)(v) << (2 * (kind)))
#define FAST_BASE	(KBITS(BTF_KIND_INT, 1) | KBITS(BTF_KIND_VAR, 1))
#define FAST_ELEM	(KBITS(BTF_KIND_STRUCT, 3) | KBITS(BTF_KIND_UNION, 3) | \
			 KBITS(BTF_KIND_ENUM, 2) | KBITS(BTF_KIND_FUNC_PROTO, 2) | \
			 KBITS(BTF_KIND_ENUM64, 3))
#define FAST_SLOW	((1U << BTF_KIND_UNKN) | (1U << BTF_KIND_ARRAY) | \
			 (1U << BTF_KIND_DATASEC) | (1U << BTF_KIND_DECL_TAG) | \
			 ~((2U << BTF_KIND_ENUM64) - 1))

/* Where the sweep is, and what it has noted so far. */
struct scan {
	struct btf *btf;
	const char *what;
	__u32 pos;		/* next record */
	__u32 id;		/* its id */
	__u32 smax;		/* largest string offset seen */
	__u32 maxref;		/* largest referenced id seen */
	__u32 *offs;		/* next type_offs slot */
	__u8 *kind;		/* next kind_of slot */
	__u32 *protos;		/* next FUNC prototype id slot */
	__u32 *ents;		/* next slot for a record with vlen entries */
	__u32 *fwd;		/* next slot for an id with a forward chain edge */
};

/*
 * The common records, as long as they come: no calls and few live values,
 * so that everything stays in registers.  Stops at the end, at a rare kind
 * and at anything odd, for scan_careful().
 */
static __attribute__((noinline)) void scan_fast(struct scan *sc)
{
	const char *types = sc->btf->types_data;
	__u64 len = sc->btf->types_len, pos = sc->pos;
	__u32 id = sc->id, smax = sc->smax, maxref = sc->maxref;
	__u32 *offs = sc->offs, *protos = sc->protos, *ents = sc->ents;
	__u32 *fwd = sc->fwd;
	__u8 *kind_of = sc->kind;

	while (pos + sizeof(struct btf_type) <= len) {
		const __u32 *w = (const __u32 *)(types + pos);
		const struct kind_desc *d;
		__u32 info, k2, kind, vlen, nx;
		__u64 end;

		info = w[1];
		k2 = (info >> 23) & 0x3e;
		kind = k2 >> 1;
		vlen = info & 0xffff;
		if (__builtin_expect((FAST_SLOW >> kind) & 1, 0))
			break;	/* a rare kind */
		end = pos + sizeof(struct btf_type) + 4 * ((FAST_BASE >> k2) & 3) +
		      vlen * 4 * ((FAST_ELEM >> k2) & 3);
		if (__builtin_expect(end > len, 0))
			break;	/* for the message */
		d = &kinds[kind];

		*kind_of++ = kind;
		*offs++ = pos;
		smax = max_u32(smax, w[0]);
		nx = w[2];
		maxref = max_u32(maxref, nx & d->ref_mask);
		/* Noted for every type, kept only when they apply. */
		*ents = pos;
		ents += d->elem != 0;
		*protos = nx;
		protos += kind == BTF_KIND_FUNC;
		*fwd = id;
		fwd += (nx & d->chain_mask) >= id;
		id++;
		pos = end;
	}
	sc->pos = pos;
	sc->id = id;
	sc->smax = smax;
	sc->maxref = maxref;
	sc->offs = offs;
	sc->kind = kind_of;
	sc->protos = protos;
	sc->ents = ents;
	sc->fwd = fwd;
}

/*
 * One record the careful way: any kind, any position, a message as soon
 * as something is wrong.  Returns 0 or -errno.
 */
static int scan_careful(struct scan *sc)
{
	struct btf *btf = sc->btf;
	const char *types = btf->types_data;
	const struct btf_type *t = (const void *)(types + sc->pos);
	const __u32 *w = (const __u32 *)t;
	__u32 len = btf->types_len, pos = sc->pos, id = sc->id;
	__u32 send = btf->start_str_off + btf->strs_len, vlen, sz, nx, k, kind;
	__u32 maxref = sc->maxref;
	struct vctx c = { .btf = btf, .str_end = send, .type_cnt = UINT32_MAX };
	bool bad;

	if (len - pos < sizeof(*t)) {
		pr_warn("btf: type [%u]: truncated record at offset %u of the types section\n",
			id, pos);
		return -EINVAL;
	}
	kind = btf_kind(t);
	if (!kinds[kind].base) {
		pr_warn("btf: type [%u]: unknown kind %u\n", id, kind);
		return -EINVAL;
	}
	vlen = btf_vlen(t);
	sz = kinds[kind].base + vlen * kinds[kind].elem;
	if (sz > len - pos) {
		pr_warn("btf: type [%u] %s: vlen %u runs %u bytes past the types section\n",
			id, btf_kind_name(kind), vlen, sz - (len - pos));
		return -EINVAL;
	}
	if (id >= BTF_MAX_TYPES) {
		pr_warn("btf: %s: too many types\n", sc->what);
		return -E2BIG;
	}
	bad = w[0] >= send;
	nx = kinds[kind].chain ? w[kinds[kind].chain] : 0;
	switch (kind) {
	case BTF_KIND_ARRAY:
		maxref = max_u32(maxref, max_u32(w[3], w[4]));
		break;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
	case BTF_KIND_FUNC_PROTO:
		for (k = 0; k < vlen; k++) {
			const __u32 *e = w + 3 + k * kinds[kind].elem / 4;

			bad |= e[0] >= send;
			maxref = max_u32(maxref, e[1]);
		}
		break;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		for (k = 0; k < vlen; k++)
			bad |= w[3 + k * kinds[kind].elem / 4] >= send;
		break;
	case BTF_KIND_DATASEC:
		for (k = 0; k < vlen; k++) {
			bad |= !w[3 + 3 * k];
			maxref = max_u32(maxref, w[3 + 3 * k]);
		}
		break;
	case BTF_KIND_DECL_TAG:
		bad |= (__s32)w[3] < -1;
		maxref = max_u32(maxref, w[2]);
		break;
	}
	sc->maxref = max_u32(maxref, w[2] & kinds[kind].ref_mask);
	*sc->kind++ = kind;
	*sc->offs++ = pos;
	if (kind == BTF_KIND_FUNC)
		*sc->protos++ = nx;
	if (nx >= id)
		*sc->fwd++ = id;
	if (bad) {
		btf->nr_types = id + 1 - btf->start_id;
		if (check_type(&c, id, t) == 0)
			pr_warn("btf: type [%u] %s: invalid\n", id, btf_kind_name(kind));
		return -EINVAL;
	}
	sc->pos = pos + sz;
	sc->id = id + 1;
	return 0;
}

/*
 * FUNC -> FUNC_PROTO, for the FUNCs the sweep found (their prototype ids
 * in protos): 0 or -EINVAL (without a message).
 */
static int check_protos(const struct btf *btf, const __u8 *kind_of,
			const __u32 *protos, __u32 nprotos)
{
	__u32 start = btf->start_id, n = btf->nr_types, i, bad = 0;

	for (i = 0; i < nprotos; i++) {
		__u32 p = protos[i] - start;

		if (__builtin_expect(p >= n, 0)) {
			/* In the base, or out of range. */
			const struct btf_type *t = protos[i] && protos[i] < start ?
				btf_type_by_id_raw(btf, protos[i]) : NULL;

			bad |= !t || !btf_is_func_proto(t);
			continue;
		}
		bad |= kind_of[p] != BTF_KIND_FUNC_PROTO;
	}
	return bad ? -EINVAL : 0;
}

/*
 * The vlen entries of the records at ents (byte offsets of STRUCT, UNION,
 * ENUM, FUNC_PROTO and ENUM64 records): names below send, member and
 * parameter types below type_cnt.  0 or -EINVAL (without a message).
 *
 * Checked once the type count is known, so each word is just compared
 * with its bound.  With SSE2, four entries at a time: lane by lane against
 * a table of biased limits by kind and number of live entries (unsigned
 * compares are signed ones after flipping the top bit), so most records
 * are one iteration whatever their length; the words read past the last
 * entry are in the types section and compared with a limit nothing
 * exceeds.
 */
#ifdef __SSE2__
#include <emmintrin.h>

/* Entry layouts: name+type/12 bytes, name+type/8, name/8, name/12. */
enum { EL_NONE, EL_NT12, EL_NT8, EL_N8, EL_N12, EL_CNT };

static const __u8 entry_layout[32] = {
	[BTF_KIND_STRUCT] = EL_NT12, [BTF_KIND_UNION] = EL_NT12,
	[BTF_KIND_FUNC_PROTO] = EL_NT8, [BTF_KIND_ENUM] = EL_N8,
	[BTF_KIND_ENUM64] = EL_N12,
};

static int check_entries(const struct btf *btf, const __u32 *ents, __u32 nents,
			 __u32 send, __u32 type_cnt)
{
	const char *types = btf->types_data;
	__u32 len = btf->types_len, i, k, l, words, wsz;
	/* lim[layout][live entries][word]: biased (bound - 1), or ~0 */
	__u32 lim[EL_CNT][5][12] __attribute__((aligned(16)));
	const __m128i bias = _mm_set1_epi32((int)0x80000000);
	__m128i bad = _mm_setzero_si128();

	if (!send || !type_cnt)
		return nents ? -EINVAL : 0;
	for (l = EL_NT12; l < EL_CNT; l++) {
		wsz = l == EL_NT12 || l == EL_N12 ? 3 : 2;
		for (k = 0; k <= 4; k++)
			for (words = 0; words < 12; words++) {
				__u32 v = 0x7fffffffU;	/* ~0, biased */

				if (words / wsz < k && words % wsz == 0)
					v = (send - 1) ^ 0x80000000U;
				else if (words / wsz < k && words % wsz == 1 &&
					 l != EL_N8 && l != EL_N12)
					v = (type_cnt - 1) ^ 0x80000000U;
				lim[l][k][words] = v;
			}
	}
	for (i = 0; i < nents; i++) {
		const __u32 *w = (const __u32 *)(types + ents[i]);
		const char *e = (const char *)(w + 3);
		__u32 info = w[1], vlen = info & 0xffff, j;
		__u32 lay = entry_layout[(info >> 24) & 0x1f];
		__u32 step = lay == EL_NT12 || lay == EL_N12 ? 48 : 32;

		if (lay == EL_NONE)
			return -EINVAL;
		/* The last block reads 48 bytes. */
		if (__builtin_expect((e - types) + ((vlen + 3) / 4) * step + 48 - step > len &&
				     vlen, 0)) {
			__u32 s = step / 16, m = lay == EL_NT12 || lay == EL_NT8;
			const __u32 *p = (const __u32 *)e;

			for (j = 0; j < vlen; j++, p += s)
				if (p[0] >= send || (m && p[1] >= type_cnt))
					return -EINVAL;
			continue;
		}
		for (j = 0; j < vlen; j += 4, e += step) {
			const __m128i *lv = (const __m128i *)lim[lay][vlen - j < 4 ? vlen - j : 4];
			__m128i v0 = _mm_loadu_si128((const __m128i *)e);
			__m128i v1 = _mm_loadu_si128((const __m128i *)(e + 16));
			__m128i v2 = _mm_loadu_si128((const __m128i *)(e + 32));

			v0 = _mm_cmpgt_epi32(_mm_xor_si128(v0, bias), _mm_load_si128(lv));
			v1 = _mm_cmpgt_epi32(_mm_xor_si128(v1, bias), _mm_load_si128(lv + 1));
			v2 = _mm_cmpgt_epi32(_mm_xor_si128(v2, bias), _mm_load_si128(lv + 2));
			bad = _mm_or_si128(bad, _mm_or_si128(v0, _mm_or_si128(v1, v2)));
		}
	}
	return _mm_movemask_epi8(bad) ? -EINVAL : 0;
}
#else
static int check_entries(const struct btf *btf, const __u32 *ents, __u32 nents,
			 __u32 send, __u32 type_cnt)
{
	const char *types = btf->types_data;
	__u32 i, j, bad = 0;

	for (i = 0; i < nents; i++) {
		const __u32 *w = (const __u32 *)(types + ents[i]), *e = w + 3;
		const struct kind_desc *d = &kinds[btf_kind((const struct btf_type *)w)];
		__u32 vlen = btf_vlen((const struct btf_type *)w), s = d->elem / 4;
		__u32 tm = mask_if(d->flags & KD_ETYPE);

		for (j = 0; j < vlen; j++, e += s)
			bad |= (e[0] >= send) | ((e[1] & tm) >= type_cnt);
	}
	return bad ? -EINVAL : 0;
}
#endif

int btf_scan_types(struct btf *btf, const char *what)
{
	__u32 len = btf->types_len, send = btf->start_str_off + btf->strs_len;
	__u32 start = btf->start_id, n, *offs, *protos, *ents, *fwd;
	size_t cap = len / sizeof(struct btf_type) + 1;
	struct scan sc = { .btf = btf, .what = what, .id = start };
	__u8 *kind_of;
	int err;

	if (cap >= BTF_MAX_TYPES - start) {
		pr_warn("btf: %s: too many types\n", what);
		return -E2BIG;
	}
	offs = util_realloc_array(NULL, cap, sizeof(__u32));
	/*
	 * One block for what the sweep notes: prototype ids of FUNCs,
	 * offsets of records with vlen entries, ids with a forward chain
	 * edge (the fast path writes one slot past each), kinds.
	 */
	protos = util_realloc_array(NULL, cap + 1, 3 * sizeof(__u32) + 1);
	if (!offs || !protos) {
		free(offs);
		free(protos);
		return -ENOMEM;
	}
	ents = protos + cap + 1;
	fwd = ents + cap + 1;
	kind_of = (__u8 *)(fwd + cap + 1);
	btf->type_offs = offs;
	btf->type_offs_cap = cap;
	sc.offs = offs;
	sc.kind = kind_of;
	sc.protos = protos;
	sc.ents = ents;
	sc.fwd = fwd;

	for (;;) {
		scan_fast(&sc);
		if (sc.pos >= len)
			break;
		err = scan_careful(&sc);
		if (err)
			goto out;
	}
	n = btf->nr_types = sc.offs - offs;
	err = check_entries(btf, ents, sc.ents - ents, send, start + n);
	if (sc.maxref >= start + n || sc.smax >= send || err ||
	    check_protos(btf, kind_of, protos, sc.protos - protos)) {
		/* Something is out of range: find which, for the message. */
		err = check_all_types(btf);
		if (!err) {
			pr_warn("btf: %s: invalid type data\n", what);
			err = -EINVAL;
		}
		goto out;
	}
	err = check_loops(btf, fwd, sc.fwd - fwd);
out:
	free(protos);
	return err;
}
