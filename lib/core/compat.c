// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * When is a target type good enough for a local one?  Three rule sets:
 *  - fields:  the type of a member found by name (offset/size relos);
 *  - types:   target type id / exists / size relos (shape compatible);
 *  - match:   bpf_core_type_matches() (layout as the program declares it).
 */
#include <string.h>

#include "core/core_internal.h"

/* Both ids are void, or neither is and both resolve. */
static int resolve_pair(const struct btf *lb, __u32 *lid, const struct btf_type **lt,
			const struct btf *tb, __u32 *tid, const struct btf_type **tt)
{
	*lt = core_skip_mods(lb, *lid, lid);
	*tt = core_skip_mods(tb, *tid, tid);
	if (!*lt || !*tt)
		return -1;
	return 0;
}

static bool anon_or_same_name(const struct btf *lb, const struct btf_type *lt,
			      const struct btf *tb, const struct btf_type *tt)
{
	const char *a = btf__name_by_offset(lb, lt->name_off);
	const char *b = btf__name_by_offset(tb, tt->name_off);

	if (!a || !b || !*a || !*b)
		return true;
	return core_names_match(a, b);
}

bool core_fields_compat(const struct btf *lb, __u32 lid,
			const struct btf *tb, __u32 tid)
{
	const struct btf_type *lt, *tt;
	int depth;

	for (depth = 0; depth < CORE_MAX_DEPTH; depth++) {
		if (resolve_pair(lb, &lid, &lt, tb, &tid, &tt))
			return false;
		/* A struct may have become a union or back: members are
		 * still found by name. */
		if (btf_is_composite(lt) && btf_is_composite(tt))
			return true;
		if (!btf_kind_core_compat(lt, tt))
			return false;
		switch (btf_kind(lt)) {
		case BTF_KIND_PTR:
		case BTF_KIND_FLOAT:
			return true;
		case BTF_KIND_FWD:
		case BTF_KIND_ENUM:
		case BTF_KIND_ENUM64:
			/* same essential name, or one of them anonymous */
			return anon_or_same_name(lb, lt, tb, tt);
		case BTF_KIND_INT:
			/* any width and sign, but not the old bit-offset ints */
			return btf_int_offset(lt) == 0 && btf_int_offset(tt) == 0;
		case BTF_KIND_ARRAY:
			lid = btf_array(lt)->type;
			tid = btf_array(tt)->type;
			continue;
		default:
			return false;
		}
	}
	return false;
}

static bool types_compat(const struct btf *lb, __u32 lid,
			 const struct btf *tb, __u32 tid, int depth)
{
	const struct btf_type *lt, *tt;
	const struct btf_param *lp, *tp;
	int i;

	for (; depth < CORE_MAX_DEPTH; depth++) {
		if (resolve_pair(lb, &lid, &lt, tb, &tid, &tt))
			return false;
		if (!btf_kind_core_compat(lt, tt))
			return false;
		/* Floats are not a kind type relocations know (the
		 * reference rejects them too). */
		switch (btf_kind(lt)) {
		case BTF_KIND_UNKN:
		case BTF_KIND_STRUCT:
		case BTF_KIND_UNION:
		case BTF_KIND_ENUM:
		case BTF_KIND_ENUM64:
		case BTF_KIND_FWD:
			return true;
		case BTF_KIND_INT:
			return btf_int_offset(lt) == 0 && btf_int_offset(tt) == 0;
		case BTF_KIND_PTR:
			lid = lt->type;
			tid = tt->type;
			continue;
		case BTF_KIND_ARRAY:
			lid = btf_array(lt)->type;
			tid = btf_array(tt)->type;
			continue;
		case BTF_KIND_FUNC_PROTO:
			if (btf_vlen(lt) != btf_vlen(tt))
				return false;
			lp = btf_params(lt);
			tp = btf_params(tt);
			for (i = 0; i < btf_vlen(lt); i++)
				if (!types_compat(lb, lp[i].type, tb, tp[i].type,
						  depth + 1))
					return false;
			lid = lt->type;
			tid = tt->type;
			continue;
		default:
			return false;
		}
	}
	return false;
}

bool core_types_compat(const struct btf *lb, __u32 lid,
		       const struct btf *tb, __u32 tid)
{
	const struct btf_type *lt = btf__type_by_id(lb, lid);
	const struct btf_type *tt = btf__type_by_id(tb, tid);

	/* the roots themselves (a typedef is only a typedef's match) */
	if (!lt || !tt || !btf_kind_core_compat(lt, tt))
		return false;
	return types_compat(lb, lid, tb, tid, 0);
}

static bool types_match(const struct btf *lb, __u32 lid, const struct btf *tb,
			__u32 tid, bool behind_ptr, int depth);

/* Names agree for bpf_core_type_matches(): both anonymous, or the same
 * essential name. */
static bool match_names(const struct btf *lb, __u32 loff, const struct btf *tb,
			__u32 toff)
{
	const char *a = btf__name_by_offset(lb, loff);
	const char *b = btf__name_by_offset(tb, toff);

	if (!b || !*b)
		return !a || !*a;
	return a && core_names_match(a, b);
}

static __u32 enum_name_off(const struct btf_type *t, int i)
{
	return btf_is_enum(t) ? btf_enum(t)[i].name_off : btf_enum64(t)[i].name_off;
}

/* Same size, and every local enumerator name exists in the target. */
static bool enums_match(const struct btf *lb, const struct btf_type *lt,
			const struct btf *tb, const struct btf_type *tt)
{
	int i, j, ln = btf_vlen(lt), tn = btf_vlen(tt);

	if (lt->size != tt->size || ln > tn)
		return false;
	for (i = 0; i < ln; i++) {
		for (j = 0; j < tn; j++)
			if (match_names(lb, enum_name_off(lt, i), tb,
					enum_name_off(tt, j)))
				break;
		if (j == tn)
			return false;
	}
	return true;
}

/* Every local member has a same-named target member of a matching type. */
static bool composites_match(const struct btf *lb, const struct btf_type *lt,
			     const struct btf *tb, const struct btf_type *tt,
			     bool behind_ptr, int depth)
{
	const struct btf_member *lm = btf_members(lt), *tm = btf_members(tt);
	int i, j, ln = btf_vlen(lt), tn = btf_vlen(tt);

	if (ln > tn)
		return false;
	for (i = 0; i < ln; i++) {
		for (j = 0; j < tn; j++) {
			if (!match_names(lb, lm[i].name_off, tb, tm[j].name_off))
				continue;
			if (types_match(lb, lm[i].type, tb, tm[j].type,
					behind_ptr, depth + 1))
				break;
		}
		if (j == tn)
			return false;
	}
	return true;
}

static bool types_match(const struct btf *lb, __u32 lid, const struct btf *tb,
			__u32 tid, bool behind_ptr, int depth)
{
	const struct btf_type *lt, *tt;
	int lk, tk, i;

	for (; depth < CORE_MAX_DEPTH; depth++) {
		if (resolve_pair(lb, &lid, &lt, tb, &tid, &tt))
			return false;
		if (!match_names(lb, lt->name_off, tb, tt->name_off))
			return false;
		lk = btf_kind(lt);
		tk = btf_kind(tt);

		switch (lk) {
		case BTF_KIND_UNKN:
			return tk == BTF_KIND_UNKN;
		case BTF_KIND_FWD:
			/* kflag: forward declaration of a union */
			if (tk == BTF_KIND_FWD)
				return btf_kflag(lt) == btf_kflag(tt);
			if (!behind_ptr)
				return false;
			return (tk == BTF_KIND_STRUCT && !btf_kflag(lt)) ||
			       (tk == BTF_KIND_UNION && btf_kflag(lt));
		case BTF_KIND_ENUM:
		case BTF_KIND_ENUM64:
			return btf_is_any_enum(tt) && enums_match(lb, lt, tb, tt);
		case BTF_KIND_STRUCT:
		case BTF_KIND_UNION:
			if (behind_ptr) {
				/* only the name counts: it may be opaque */
				if (lk == tk)
					return true;
				return tk == BTF_KIND_FWD &&
				       (lk == BTF_KIND_UNION) == btf_kflag(tt);
			}
			return lk == tk &&
			       composites_match(lb, lt, tb, tt, false, depth);
		case BTF_KIND_INT:
			return tk == lk && lt->size == tt->size &&
			       (btf_int_encoding(lt) & BTF_INT_SIGNED) ==
			       (btf_int_encoding(tt) & BTF_INT_SIGNED);
		case BTF_KIND_PTR:
			if (tk != lk)
				return false;
			behind_ptr = true;
			lid = lt->type;
			tid = tt->type;
			continue;
		case BTF_KIND_ARRAY:
			if (tk != lk || btf_array(lt)->nelems != btf_array(tt)->nelems)
				return false;
			lid = btf_array(lt)->type;
			tid = btf_array(tt)->type;
			continue;
		case BTF_KIND_FUNC_PROTO:
			if (tk != lk || btf_vlen(lt) != btf_vlen(tt))
				return false;
			for (i = 0; i < btf_vlen(lt); i++)
				if (!types_match(lb, btf_params(lt)[i].type, tb,
						 btf_params(tt)[i].type, behind_ptr,
						 depth + 1))
					return false;
			lid = lt->type;
			tid = tt->type;
			continue;
		default:
			return false;
		}
	}
	return false;
}

bool core_types_match(const struct btf *lb, __u32 lid,
		      const struct btf *tb, __u32 tid)
{
	return types_match(lb, lid, tb, tid, false, 0);
}
