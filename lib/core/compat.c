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
		case BTF_KIND_FWD:
		case BTF_KIND_ENUM:
		case BTF_KIND_ENUM64:
			return true;
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
		if (btf_is_void(lt) || btf_is_void(tt))
			return btf_is_void(lt) && btf_is_void(tt);
		if (!btf_kind_core_compat(lt, tt))
			return false;
		switch (btf_kind(lt)) {
		case BTF_KIND_STRUCT:
		case BTF_KIND_UNION:
		case BTF_KIND_ENUM:
		case BTF_KIND_ENUM64:
		case BTF_KIND_FWD:
		case BTF_KIND_FLOAT:
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
	return types_compat(lb, lid, tb, tid, 0);
}

static bool types_match(const struct btf *lb, __u32 lid, const struct btf *tb,
			__u32 tid, bool behind_ptr, int depth);

static const char *tname(const struct btf *btf, const struct btf_type *t)
{
	const char *s = btf__name_by_offset(btf, t->name_off);

	return s ? s : "";
}

/* Every enumerator name of the local enum exists in the target. */
static bool enums_match(const struct btf *lb, const struct btf_type *lt,
			const struct btf *tb, const struct btf_type *tt)
{
	int i, j, ln = btf_vlen(lt), tn = btf_vlen(tt);

	if (lt->size != tt->size)
		return false;
	for (i = 0; i < ln; i++) {
		const char *a = btf__name_by_offset(lb, btf_is_enum(lt) ?
				btf_enum(lt)[i].name_off : btf_enum64(lt)[i].name_off);
		bool found = false;

		for (j = 0; j < tn && !found; j++) {
			const char *b = btf__name_by_offset(tb, btf_is_enum(tt) ?
				btf_enum(tt)[j].name_off : btf_enum64(tt)[j].name_off);

			found = a && b && core_names_match(a, b);
		}
		if (!found)
			return false;
	}
	return true;
}

/* Every local member exists in the target by name, with a matching type. */
static bool composites_match(const struct btf *lb, const struct btf_type *lt,
			     const struct btf *tb, const struct btf_type *tt,
			     bool behind_ptr, int depth)
{
	const struct btf_member *lm = btf_members(lt), *tm = btf_members(tt);
	int i, j, ln = btf_vlen(lt), tn = btf_vlen(tt);

	if (behind_ptr)
		return true;	/* could be a forward declaration */
	if (ln > tn)
		return false;
	for (i = 0; i < ln; i++) {
		const char *a = btf__name_by_offset(lb, lm[i].name_off);
		bool found = false;

		for (j = 0; j < tn && !found; j++) {
			const char *b = btf__name_by_offset(tb, tm[j].name_off);

			if (!a || !b || strcmp(a, b))
				continue;
			if (!types_match(lb, lm[i].type, tb, tm[j].type, false,
					 depth + 1))
				return false;
			found = true;
		}
		if (!found)
			return false;
	}
	return true;
}

static bool types_match(const struct btf *lb, __u32 lid, const struct btf *tb,
			__u32 tid, bool behind_ptr, int depth)
{
	const struct btf_type *lt, *tt;
	const char *ln, *tn;
	int i;

	if (depth >= CORE_MAX_DEPTH)
		return false;
	if (resolve_pair(lb, &lid, &lt, tb, &tid, &tt))
		return false;
	if (btf_is_void(lt) || btf_is_void(tt))
		return btf_is_void(lt) && btf_is_void(tt);

	ln = tname(lb, lt);
	tn = tname(tb, tt);
	if (*ln && !core_names_match(ln, tn))
		return false;

	/* A forward declaration matches a struct/union of its flavor. */
	if (btf_is_fwd(lt) || btf_is_fwd(tt)) {
		bool lu = btf_is_fwd(lt) ? btf_kflag(lt) : btf_is_union(lt);
		bool tu = btf_is_fwd(tt) ? btf_kflag(tt) : btf_is_union(tt);

		if (btf_is_fwd(lt) && btf_is_fwd(tt))
			return lu == tu;
		if ((btf_is_fwd(lt) && !btf_is_composite(tt)) ||
		    (btf_is_fwd(tt) && !btf_is_composite(lt)))
			return false;
		return lu == tu;
	}
	if (!btf_kind_core_compat(lt, tt))
		return false;

	switch (btf_kind(lt)) {
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return composites_match(lb, lt, tb, tt, behind_ptr, depth);
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return enums_match(lb, lt, tb, tt);
	case BTF_KIND_INT:
		return lt->size == tt->size &&
		       (btf_int_encoding(lt) & BTF_INT_SIGNED) ==
		       (btf_int_encoding(tt) & BTF_INT_SIGNED);
	case BTF_KIND_FLOAT:
		return lt->size == tt->size;
	case BTF_KIND_PTR:
		return types_match(lb, lt->type, tb, tt->type, true, depth + 1);
	case BTF_KIND_ARRAY:
		return btf_array(lt)->nelems == btf_array(tt)->nelems &&
		       types_match(lb, btf_array(lt)->type, tb,
				   btf_array(tt)->type, behind_ptr, depth + 1);
	case BTF_KIND_FUNC_PROTO:
		if (btf_vlen(lt) != btf_vlen(tt))
			return false;
		for (i = 0; i < btf_vlen(lt); i++)
			if (!types_match(lb, btf_params(lt)[i].type, tb,
					 btf_params(tt)[i].type, behind_ptr,
					 depth + 1))
				return false;
		return types_match(lb, lt->type, tb, tt->type, behind_ptr,
				   depth + 1);
	default:
		return false;
	}
}

bool core_types_match(const struct btf *lb, __u32 lid,
		      const struct btf *tb, __u32 tid)
{
	return types_match(lb, lid, tb, tid, false, 0);
}
