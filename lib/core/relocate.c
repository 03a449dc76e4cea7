// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Computing a relocation: the local access is parsed, every candidate of
 * the target is tried, the value is computed from the local side (what the
 * compiler emitted) and from each matching candidate (what the kernel
 * needs).  Candidates that match but disagree make the relocation
 * ambiguous.  A relocation no candidate satisfies is "poisoned" unless its
 * kind has an answer for absence (exists -> 0, type id -> 0).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/core_internal.h"
#include "util/err.h"
#include "util/log.h"

/* Find member name in composite targ_id, looking through anonymous
 * structs/unions; extends ts (raw, spec, bit_offset) on success. */
static int match_member(const struct btf *lb, const struct core_access *lacc,
			const struct btf *tb, __u32 targ_id,
			struct core_spec *ts, __u32 *next_id, bool compat,
			int depth)
{
	const struct btf_member *lm, *m;
	const struct btf_type *lt, *t;
	__u32 saved_off = ts->bit_offset;
	int i, ret;

	if (depth >= CORE_MAX_DEPTH)
		return 0;
	t = core_skip_mods(tb, targ_id, &targ_id);
	if (!t || !btf_is_composite(t))
		return 0;
	lt = btf__type_by_id(lb, lacc->type_id);
	lm = btf_members(lt) + lacc->idx;

	for (i = 0, m = btf_members(t); i < btf_vlen(t); i++, m++) {
		const char *name = btf__name_by_offset(tb, m->name_off);

		if (ts->raw_len >= CORE_SPEC_MAX_LEN)
			return -E2BIG;
		ts->bit_offset = saved_off + btf_member_bit_offset(t, i);
		ts->raw[ts->raw_len++] = i;
		if (!name || !*name) {
			const struct btf_type *mt = core_skip_mods(tb, m->type, NULL);

			if (mt && btf_is_composite(mt)) {
				ret = match_member(lb, lacc, tb, m->type, ts,
						   next_id, compat, depth + 1);
				if (ret)
					return ret;
			}
		} else if (!strcmp(name, lacc->name)) {
			if (compat && !core_fields_compat(lb, lm->type, tb, m->type))
				return 0;
			if (ts->len >= CORE_SPEC_MAX_LEN)
				return -E2BIG;
			ts->spec[ts->len++] = (struct core_access){
				.type_id = targ_id, .idx = (__u32)i, .name = name };
			*next_id = m->type;
			return 1;
		}
		ts->raw_len--;
	}
	ts->bit_offset = saved_off;
	return 0;
}

/*
 * Does candidate targ_id satisfy local spec ls?  1 yes (ts filled), 0 no,
 * -errno on trouble.  When not, *miss (if room) says what was missing.
 */
static int spec_match(const struct core_spec *ls, const struct btf *tb,
		      __u32 targ_id, struct core_spec *ts, char *miss,
		      size_t miss_sz)
{
	const struct btf *lb = ls->btf;
	const struct btf_type *t;
	__s64 sz;
	int i, ret;

	memset(ts, 0, sizeof(*ts));
	ts->btf = tb;
	ts->root_type_id = targ_id;
	ts->kind = ls->kind;

	if (core_kind_is_type(ls->kind)) {
		ts->raw[0] = 0;
		ts->raw_len = 1;
		if (ls->kind == BPF_CORE_TYPE_MATCHES)
			ret = core_types_match(lb, ls->root_type_id, tb, targ_id);
		else
			ret = core_types_compat(lb, ls->root_type_id, tb, targ_id);
		if (!ret)
			snprintf(miss, miss_sz, "[%u] %s has an incompatible shape",
				 targ_id, core_type_name(tb, targ_id));
		return ret;
	}

	if (core_kind_is_enumval(ls->kind)) {
		__u32 id;

		t = core_skip_mods(tb, targ_id, &id);
		if (!t || !btf_is_any_enum(t))
			return 0;
		for (i = 0; i < btf_vlen(t); i++) {
			const char *n = btf__name_by_offset(tb, btf_is_enum(t) ?
					btf_enum(t)[i].name_off :
					btf_enum64(t)[i].name_off);

			if (n && core_names_match(n, ls->spec[0].name)) {
				ts->spec[0] = (struct core_access){ id, (__u32)i, n };
				ts->len = 1;
				ts->raw[0] = (__u32)i;
				ts->raw_len = 1;
				return 1;
			}
		}
		snprintf(miss, miss_sz, "enum %s [%u] has no value '%s'",
			 core_type_name(tb, id), id, ls->spec[0].name);
		return 0;
	}

	/* Field: the first step indexes the root as an array. */
	t = core_skip_mods(tb, targ_id, &targ_id);
	sz = t ? btf__resolve_size(tb, targ_id) : -EINVAL;
	if (sz < 0)
		return 0;
	ts->spec[0] = (struct core_access){ targ_id, ls->spec[0].idx, NULL };
	ts->len = 1;
	ts->raw[0] = ls->spec[0].idx;
	ts->raw_len = 1;
	ts->bit_offset = (__u32)((__u64)ls->spec[0].idx * (__u64)sz * 8);

	for (i = 1; i < ls->len; i++) {
		const struct core_access *la = &ls->spec[i];

		if (la->name) {
			__u32 next = 0;
			__u32 parent = targ_id;

			ret = match_member(lb, la, tb, targ_id, ts, &next, true, 0);
			if (ret < 0)
				return ret;
			if (!ret) {
				struct core_spec *probe = malloc(sizeof(*probe));
				const struct btf_type *pt;
				bool exists;

				/* absent, or there with another kind of type? */
				if (probe)
					*probe = *ts;
				exists = probe && match_member(lb, la, tb, targ_id, probe,
							       &next, false, 0) > 0;
				free(probe);
				if (exists)
					core_skip_mods(tb, next, &next);
				core_skip_mods(tb, parent, &parent);
				pt = btf__type_by_id(tb, parent);
				if (exists)
					snprintf(miss, miss_sz,
						 "%s %s [%u] has field '%s' with an incompatible type ([%u] %s)",
						 pt ? core_kind_word(pt) : "type",
						 core_type_name(tb, parent), parent,
						 la->name, next,
						 btf__type_by_id(tb, next) ?
						 core_kind_word(btf__type_by_id(tb, next)) : "?");
				else
					snprintf(miss, miss_sz, "%s %s [%u] has no field '%s'",
						 pt ? core_kind_word(pt) : "type",
						 core_type_name(tb, parent), parent, la->name);
				return 0;
			}
			targ_id = next;
		} else {
			const struct btf_array *a;
			__u32 elem;

			t = core_skip_mods(tb, targ_id, &targ_id);
			if (!t || !btf_is_array(t)) {
				snprintf(miss, miss_sz, "[%u] is not an array", targ_id);
				return 0;
			}
			a = btf_array(t);
			if (!core_is_flex_arr(tb, &ts->spec[ts->len - 1], t) &&
			    la->idx >= a->nelems) {
				snprintf(miss, miss_sz, "array [%u] has %u elements, not %u",
					 targ_id, a->nelems, la->idx + 1);
				return 0;
			}
			if (ts->len >= CORE_SPEC_MAX_LEN ||
			    ts->raw_len >= CORE_SPEC_MAX_LEN)
				return -E2BIG;
			t = core_skip_mods(tb, a->type, &elem);
			sz = t ? btf__resolve_size(tb, elem) : -EINVAL;
			if (sz < 0)
				return 0;
			ts->spec[ts->len++] = (struct core_access){ elem, la->idx, NULL };
			ts->raw[ts->raw_len++] = la->idx;
			ts->bit_offset += (__u32)((__u64)la->idx * (__u64)sz * 8);
			targ_id = elem;
		}
	}
	return 1;
}

/* Value of a field relocation from spec (local or target side). */
static int calc_field(const struct core_spec *spec, enum bpf_core_relo_kind kind,
		      __u64 *val, __u32 *field_sz, __u32 *field_type,
		      bool *validate, char *why, size_t why_sz)
{
	const struct core_access *acc = &spec->spec[spec->len - 1];
	const struct btf *btf = spec->btf;
	const struct btf_type *t, *mt;
	__u32 bit_off = spec->bit_offset, bit_sz, byte_off, byte_sz, mtype;
	bool bitfield;
	__s64 sz;

	*validate = true;
	if (kind == BPF_CORE_FIELD_EXISTS) {
		*val = 1;
		return 0;
	}

	if (!acc->name) {
		/* The access ends at an array element (or the root). */
		sz = btf__resolve_size(btf, acc->type_id);
		if (sz < 0) {
			snprintf(why, why_sz, "element [%u] has no size", acc->type_id);
			return -EINVAL;
		}
		if (kind == BPF_CORE_FIELD_BYTE_OFFSET) {
			*val = bit_off / 8;
			*field_sz = (__u32)sz;
			*field_type = acc->type_id;
		} else if (kind == BPF_CORE_FIELD_BYTE_SIZE) {
			*val = (__u64)sz;
		} else {
			snprintf(why, why_sz, "%s relocation on an array element",
				 core_relo_kind_str(kind));
			return -EINVAL;
		}
		return 0;
	}

	t = btf__type_by_id(btf, acc->type_id);
	mtype = btf_members(t)[acc->idx].type;
	mt = core_skip_mods(btf, mtype, &mtype);
	if (!mt) {
		snprintf(why, why_sz, "field '%s' has a broken type", acc->name);
		return -EINVAL;
	}
	bit_sz = btf_member_bitfield_size(t, acc->idx);
	bitfield = bit_sz > 0;

	if (!bitfield) {
		sz = btf__resolve_size(btf, mtype);
		if (sz < 0) {
			snprintf(why, why_sz, "field '%s' has no size", acc->name);
			return -EINVAL;
		}
		byte_sz = (__u32)sz;
		byte_off = bit_off / 8;
		bit_sz = byte_sz * 8;
	} else {
		/* The smallest naturally aligned load holding all the bits,
		 * starting from the declared type's size. */
		if (!btf_is_int(mt) && !btf_is_any_enum(mt)) {
			snprintf(why, why_sz, "bitfield '%s' is not an integer", acc->name);
			return -EINVAL;
		}
		byte_sz = mt->size;
		if (!byte_sz || byte_sz > 8) {
			snprintf(why, why_sz, "bitfield '%s' of size %u", acc->name, byte_sz);
			return -EINVAL;
		}
		byte_off = bit_off / 8 / byte_sz * byte_sz;
		while (bit_off + bit_sz - byte_off * 8 > byte_sz * 8) {
			if (byte_sz >= 8) {
				snprintf(why, why_sz,
					 "bitfield '%s' does not fit a 64-bit load",
					 acc->name);
				return -E2BIG;
			}
			byte_sz *= 2;
			byte_off = bit_off / 8 / byte_sz * byte_sz;
		}
	}

	switch (kind) {
	case BPF_CORE_FIELD_BYTE_OFFSET:
		*val = byte_off;
		if (!bitfield) {
			*field_sz = byte_sz;
			*field_type = mtype;
		}
		*validate = !bitfield;
		break;
	case BPF_CORE_FIELD_BYTE_SIZE:
		*val = byte_sz;
		*validate = !bitfield;
		break;
	case BPF_CORE_FIELD_SIGNED:
		*val = (btf_is_any_enum(mt) && btf_kflag(mt)) ||
		       (btf_is_int(mt) && (btf_int_encoding(mt) & BTF_INT_SIGNED));
		break;
	case BPF_CORE_FIELD_LSHIFT_U64:
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		*val = 64 - (bit_off + bit_sz - byte_off * 8);
#else
		*val = (8 - byte_sz) * 8 + (bit_off - byte_off * 8);
#endif
		*validate = !bitfield;
		break;
	case BPF_CORE_FIELD_RSHIFT_U64:
		*val = 64 - bit_sz;
		break;
	default:
		snprintf(why, why_sz, "not a field relocation");
		return -EINVAL;
	}
	return 0;
}

static int calc_type(const struct core_spec *spec, __u64 *val, bool *validate)
{
	__s64 sz;

	switch (spec->kind) {
	case BPF_CORE_TYPE_ID_LOCAL:
	case BPF_CORE_TYPE_ID_TARGET:
		*val = spec->root_type_id;
		/* the linker may renumber local types: the id in the
		 * instruction is not checked */
		*validate = false;
		return 0;
	case BPF_CORE_TYPE_EXISTS:
	case BPF_CORE_TYPE_MATCHES:
		*val = 1;
		return 0;
	case BPF_CORE_TYPE_SIZE:
		sz = btf__resolve_size(spec->btf, spec->root_type_id);
		if (sz < 0)
			return -EINVAL;
		*val = (__u64)sz;
		return 0;
	default:
		return -EINVAL;
	}
}

static void calc_enumval(const struct core_spec *spec, __u64 *val)
{
	const struct btf_type *t = btf__type_by_id(spec->btf, spec->spec[0].type_id);
	__u32 i = spec->spec[0].idx;

	if (spec->kind == BPF_CORE_ENUMVAL_EXISTS)
		*val = 1;
	else if (btf_is_enum(t))
		/* 32-bit values are sign-extended whatever the kflag says,
		 * as the reference does (and as compilers without signed
		 * enum kflags emit them) */
		*val = (__u64)(__s64)btf_enum(t)[i].val;
	else
		*val = btf_enum64_value(btf_enum64(t) + i);
}

/* One side of a relocation: spec NULL means "no target". */
static int calc_side(const struct core_spec *spec, enum bpf_core_relo_kind kind,
		     __u64 *val, __u32 *sz, __u32 *type_id, bool *validate,
		     bool *poison, char *why, size_t why_sz)
{
	*poison = false;
	*validate = true;
	*val = 0;
	if (core_kind_is_field(kind)) {
		if (!spec) {
			if (kind == BPF_CORE_FIELD_EXISTS)
				return 0;
			*poison = true;
			return 0;
		}
		return calc_field(spec, kind, val, sz, type_id, validate, why, why_sz);
	}
	if (core_kind_is_type(kind)) {
		if (!spec)
			return 0;	/* absent type: 0 for every type kind */
		if (calc_type(spec, val, validate)) {
			snprintf(why, why_sz, "type [%u] has no size", spec->root_type_id);
			return -EINVAL;
		}
		return 0;
	}
	if (!spec) {
		if (kind == BPF_CORE_ENUMVAL_VALUE)
			*poison = true;
		return 0;
	}
	calc_enumval(spec, val);
	return 0;
}

static void why_init(struct core_failure *why, const struct bpf_core_relo *relo)
{
	if (!why)
		return;
	memset(why, 0, sizeof(*why));
	why->kind = relo->kind;
	why->insn_off = relo->insn_off;
	why->local_type_id = relo->type_id;
}

static int fail(struct core_failure *why, int err)
{
	if (why)
		why->err = err;
	return util_err(err);
}

/* Load/store sizes can follow a size change only for pointers and
 * unsigned integers (32- vs 64-bit kernels, widened counters). */
static bool memsz_adjustable(const struct btf *lb, __u32 lid,
			     const struct btf *tb, __u32 tid)
{
	const struct btf_type *lt = core_skip_mods(lb, lid, NULL);
	const struct btf_type *tt = core_skip_mods(tb, tid, NULL);

	if (!lt || !tt)
		return false;
	if (btf_is_ptr(lt) && btf_is_ptr(tt))
		return true;
	return btf_is_int(lt) && btf_is_int(tt) &&
	       !(btf_int_encoding(lt) & BTF_INT_SIGNED) &&
	       !(btf_int_encoding(tt) & BTF_INT_SIGNED);
}

int core_calc_relo(struct core_target *t, const struct btf *local_btf,
		   const struct bpf_core_relo *relo, struct core_result *res,
		   struct core_failure *why)
{
	enum bpf_core_relo_kind kind = relo->kind;
	struct core_spec *ls = &res->local_spec;
	struct core_spec cand_spec;
	struct core_cand *cands = NULL;
	char msg[256] = "", miss[256] = "";
	size_t cnt = 0, i;
	bool first = true;
	int err;

	why_init(why, relo);
	memset(res, 0, sizeof(*res));
	if (!local_btf || !relo)
		return fail(why, -EINVAL);
	core_stat_inc(CORE_STAT_RELO);

	err = core_spec_parse(local_btf, relo, ls, why);
	if (why)
		core_spec_format(ls, why->access_spec, sizeof(why->access_spec));
	if (err)
		return fail(why, -EINVAL);	/* any malformed record */

	err = calc_side(ls, kind, &res->orig_val, &res->orig_sz,
			&res->orig_type_id, &res->validate, &res->poison, msg,
			sizeof(msg));
	if (err) {
		core_why(why, "local side: %s", msg);
		return fail(why, err);
	}
	if (kind == BPF_CORE_TYPE_ID_LOCAL) {
		res->new_val = res->orig_val;
		return 0;
	}
	if (!t) {
		core_why(why, "no target BTF to relocate against");
		return fail(why, -ENOENT);
	}

	{
		const char *ln = core_type_name(local_btf, relo->type_id);

		if (!*ln) {
			core_why(why, "local type [%u] is anonymous: it cannot be looked up in the target",
				 relo->type_id);
			return fail(why, -EOPNOTSUPP);
		}
	}
	err = core_find_cands(t, local_btf, relo->type_id, &cands, &cnt);
	if (err) {
		core_why(why, "candidate lookup failed: %s", util_errstr(err));
		return fail(why, err);
	}

	for (i = 0; i < cnt; i++) {
		struct core_result r = { 0 };
		__u32 sz = 0, tid = 0;

		miss[0] = 0;
		err = spec_match(ls, cands[i].btf, cands[i].id, &cand_spec, miss,
				 sizeof(miss));
		if (err < 0) {
			core_why(why, "matching candidate [%u]: %s", cands[i].id,
				 util_errstr(err));
			goto out_err;
		}
		res->cands_tried++;
		if (!err)
			continue;
		err = calc_side(&cand_spec, kind, &r.new_val, &sz, &tid,
				&r.validate, &r.poison, msg, sizeof(msg));
		if (err) {
			core_why(why, "target [%u]: %s", cands[i].id, msg);
			goto out_err;
		}
		if (first) {
			res->new_val = r.new_val;
			res->poison = r.poison;
			res->new_sz = sz;
			res->new_type_id = tid;
			res->targ_spec = cand_spec;
			res->targ = cands[i];
			res->found = true;
			first = false;
			continue;
		}
		if (cand_spec.bit_offset != res->targ_spec.bit_offset ||
		    r.poison != res->poison || r.new_val != res->new_val) {
			core_why(why, "ambiguous: candidates [%u] %s and [%u] %s disagree (%s %llu at bit %u vs %s %llu at bit %u)",
				 res->targ.id, core_type_name(res->targ.btf, res->targ.id),
				 cands[i].id, core_type_name(cands[i].btf, cands[i].id),
				 res->poison ? "poison" : "value",
				 (unsigned long long)res->new_val,
				 res->targ_spec.bit_offset,
				 r.poison ? "poison" : "value",
				 (unsigned long long)r.new_val, cand_spec.bit_offset);
			err = -EINVAL;
			goto out_err;
		}
	}

	if (!res->found) {
		char lname[128];
		size_t n = core_essential_name_len(core_type_name(local_btf, relo->type_id));
		const struct btf_type *lt = btf__type_by_id(local_btf, relo->type_id);
		bool ignored;

		snprintf(lname, sizeof(lname), "%s %.*s", core_kind_word(lt), (int)n,
			 core_type_name(local_btf, relo->type_id));
		err = calc_side(NULL, kind, &res->new_val, &res->new_sz,
				&res->new_type_id, &ignored, &res->poison,
				msg, sizeof(msg));
		if (cnt && !miss[0])
			snprintf(miss, sizeof(miss), "[%u] %s does not fit",
				 cands[cnt - 1].id,
				 core_type_name(cands[cnt - 1].btf, cands[cnt - 1].id));
		if (!cnt)
			core_why(why, "target BTF %s has no %s", core_target_name(t), lname);
		else if (cnt == 1)
			core_why(why, "target BTF %s: %s", core_target_name(t), miss);
		else
			core_why(why, "target BTF %s: none of the %zu candidates named %s fits (last: %s)",
				 core_target_name(t), cnt, lname, miss);
		if (why)
			why->poisoned = res->poison;
	} else if (kind == BPF_CORE_FIELD_BYTE_OFFSET && res->orig_sz &&
		   res->new_sz && res->orig_sz != res->new_sz &&
		   !memsz_adjustable(local_btf, res->orig_type_id,
				     res->targ.btf, res->new_type_id)) {
		res->fail_memsz_adjust = true;
	}
	free(cands);
	return 0;

out_err:
	free(cands);
	return fail(why, err);
}
