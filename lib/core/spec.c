// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Access strings ("0:1:0:5") resolved in a local BTF, their text form, and
 * the small type helpers the rest of lib/core/ shares.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core_internal.h"

static const struct btf_type *peel(const struct btf *btf, __u32 id,
				   __u32 *res_id, bool typedefs)
{
	const struct btf_type *t;
	int depth;

	for (depth = 0; depth <= CORE_MAX_DEPTH; depth++) {
		t = btf__type_by_id(btf, id);
		if (!t)
			return NULL;
		if (!btf_is_mod(t) && !(typedefs && btf_is_typedef(t))) {
			if (res_id)
				*res_id = id;
			return t;
		}
		id = t->type;
	}
	return NULL;
}

const struct btf_type *core_skip_mods(const struct btf *btf, __u32 id,
				      __u32 *res_id)
{
	return peel(btf, id, res_id, true);
}

const struct btf_type *core_skip_mods_only(const struct btf *btf, __u32 id,
					   __u32 *res_id)
{
	return peel(btf, id, res_id, false);
}

const char *core_type_name(const struct btf *btf, __u32 id)
{
	const struct btf_type *t = btf__type_by_id(btf, id);
	const char *s;

	if (!t)
		return "";
	s = btf__name_by_offset(btf, t->name_off);
	return s ? s : "";
}

const char *core_kind_word(const struct btf_type *t)
{
	switch (btf_kind(t)) {
	case BTF_KIND_UNKN: return "void";
	case BTF_KIND_INT: return "int";
	case BTF_KIND_PTR: return "pointer";
	case BTF_KIND_ARRAY: return "array";
	case BTF_KIND_STRUCT: return "struct";
	case BTF_KIND_UNION: return "union";
	case BTF_KIND_ENUM: return "enum";
	case BTF_KIND_FWD: return btf_kflag(t) ? "union (fwd)" : "struct (fwd)";
	case BTF_KIND_TYPEDEF: return "typedef";
	case BTF_KIND_VOLATILE: return "volatile";
	case BTF_KIND_CONST: return "const";
	case BTF_KIND_RESTRICT: return "restrict";
	case BTF_KIND_FUNC: return "func";
	case BTF_KIND_FUNC_PROTO: return "func_proto";
	case BTF_KIND_VAR: return "var";
	case BTF_KIND_DATASEC: return "datasec";
	case BTF_KIND_FLOAT: return "float";
	case BTF_KIND_DECL_TAG: return "decl_tag";
	case BTF_KIND_TYPE_TAG: return "type_tag";
	case BTF_KIND_ENUM64: return "enum64";
	default: return "unknown kind";
	}
}

/*
 * A flavor separator is exactly three underscores with something other
 * than an underscore on both sides: "foo___v2" -> "foo", but "a____b" and
 * "foo___" keep their full names.
 */
size_t core_essential_name_len(const char *name)
{
	size_t n = strlen(name), p;

	for (p = n; p-- > 1;) {
		if (p + 3 >= n)
			continue;
		if (name[p] == '_' && name[p + 1] == '_' && name[p + 2] == '_' &&
		    name[p - 1] != '_' && name[p + 3] != '_')
			return p;
	}
	return n;
}

bool core_names_match(const char *a, const char *b)
{
	size_t la = core_essential_name_len(a), lb = core_essential_name_len(b);

	return la == lb && !memcmp(a, b, la);
}

void core_why(struct core_failure *why, const char *fmt, ...)
{
	va_list ap;

	if (!why)
		return;
	va_start(ap, fmt);
	vsnprintf(why->reason, sizeof(why->reason), fmt, ap);
	va_end(ap);
}

bool core_is_flex_arr(const struct btf *btf, const struct core_access *prev,
		      const struct btf_type *arr)
{
	const struct btf_type *parent;

	if (btf_array(arr)->nelems != 0 || !prev || !prev->name)
		return false;
	parent = btf__type_by_id(btf, prev->type_id);
	return parent && btf_is_composite(parent) &&
	       prev->idx + 1 == btf_vlen(parent);
}

static const char *const kind_strs[] = {
	[BPF_CORE_FIELD_BYTE_OFFSET] = "byte_off",
	[BPF_CORE_FIELD_BYTE_SIZE] = "byte_sz",
	[BPF_CORE_FIELD_EXISTS] = "field_exists",
	[BPF_CORE_FIELD_SIGNED] = "signed",
	[BPF_CORE_FIELD_LSHIFT_U64] = "lshift_u64",
	[BPF_CORE_FIELD_RSHIFT_U64] = "rshift_u64",
	[BPF_CORE_TYPE_ID_LOCAL] = "local_type_id",
	[BPF_CORE_TYPE_ID_TARGET] = "target_type_id",
	[BPF_CORE_TYPE_EXISTS] = "type_exists",
	[BPF_CORE_TYPE_SIZE] = "type_size",
	[BPF_CORE_ENUMVAL_EXISTS] = "enumval_exists",
	[BPF_CORE_ENUMVAL_VALUE] = "enumval_value",
	[BPF_CORE_TYPE_MATCHES] = "type_matches",
};

static const char *const kind_descs[] = {
	[BPF_CORE_FIELD_BYTE_OFFSET] = "field byte offset",
	[BPF_CORE_FIELD_BYTE_SIZE] = "field byte size",
	[BPF_CORE_FIELD_EXISTS] = "field exists",
	[BPF_CORE_FIELD_SIGNED] = "field signedness",
	[BPF_CORE_FIELD_LSHIFT_U64] = "bitfield left shift",
	[BPF_CORE_FIELD_RSHIFT_U64] = "bitfield right shift",
	[BPF_CORE_TYPE_ID_LOCAL] = "local type id",
	[BPF_CORE_TYPE_ID_TARGET] = "target type id",
	[BPF_CORE_TYPE_EXISTS] = "type exists",
	[BPF_CORE_TYPE_SIZE] = "type size",
	[BPF_CORE_ENUMVAL_EXISTS] = "enumerator exists",
	[BPF_CORE_ENUMVAL_VALUE] = "enumerator value",
	[BPF_CORE_TYPE_MATCHES] = "type matches",
};

const char *core_relo_kind_str(enum bpf_core_relo_kind kind)
{
	if ((unsigned)kind >= sizeof(kind_strs) / sizeof(kind_strs[0]))
		return "unknown";
	return kind_strs[kind];
}

const char *core_relo_kind_desc(enum bpf_core_relo_kind kind)
{
	if ((unsigned)kind >= sizeof(kind_descs) / sizeof(kind_descs[0]))
		return "unknown relocation kind";
	return kind_descs[kind];
}

/* "0:1:0:5" -> raw[]; digits and colons only, each index below INT_MAX. */
static int parse_raw(const char *s, struct core_spec *spec,
		     struct core_failure *why)
{
	const char *p = s;

	if (!*p) {
		core_why(why, "empty access string");
		return -EINVAL;
	}
	while (*p) {
		unsigned long v = 0;
		int digits = 0;

		while (*p >= '0' && *p <= '9') {
			v = v * 10 + (unsigned long)(*p - '0');
			if (v > INT_MAX) {
				core_why(why, "access string '%.64s': index too big", s);
				return -EINVAL;
			}
			p++;
			digits++;
		}
		if (!digits || (*p && *p != ':') || (*p == ':' && !p[1])) {
			core_why(why, "malformed access string '%.64s'", s);
			return -EINVAL;
		}
		if (spec->raw_len >= CORE_SPEC_MAX_LEN) {
			core_why(why, "access string '%.64s' has more than %d steps",
				 s, CORE_SPEC_MAX_LEN);
			return -E2BIG;
		}
		spec->raw[spec->raw_len++] = (__u32)v;
		if (*p == ':')
			p++;
	}
	return 0;
}

static int parse_field(const struct btf *btf, struct core_spec *spec,
		       struct core_failure *why)
{
	const struct btf_type *t;
	__u32 id = spec->root_type_id;
	__s64 sz;
	int i;

	t = core_skip_mods(btf, id, &id);
	if (!t) {
		core_why(why, "local type [%u] cannot be resolved", spec->root_type_id);
		return -EINVAL;
	}
	sz = btf__resolve_size(btf, id);
	if (sz < 0) {
		core_why(why, "local type [%u] has no size", id);
		return -EINVAL;
	}
	spec->spec[0] = (struct core_access){ .type_id = id, .idx = spec->raw[0] };
	spec->len = 1;
	spec->bit_offset = (__u32)((__u64)spec->raw[0] * (__u64)sz * 8);

	for (i = 1; i < spec->raw_len; i++) {
		__u32 idx = spec->raw[i];

		t = core_skip_mods(btf, id, &id);
		if (!t) {
			core_why(why, "local type [%u] cannot be resolved", id);
			return -EINVAL;
		}
		if (btf_is_composite(t)) {
			const struct btf_member *m;
			const char *name;

			if (idx >= btf_vlen(t)) {
				core_why(why, "access step %d: %s [%u] has %u members, not %u",
					 i, core_kind_word(t), id, btf_vlen(t), idx + 1);
				return -EINVAL;
			}
			m = btf_members(t) + idx;
			spec->bit_offset += btf_member_bit_offset(t, idx);
			name = btf__name_by_offset(btf, m->name_off);
			if (name && *name) {
				spec->spec[spec->len++] = (struct core_access){
					.type_id = id, .idx = idx, .name = name };
			}
			id = m->type;
		} else if (btf_is_array(t)) {
			const struct btf_array *a = btf_array(t);
			const struct core_access *prev = &spec->spec[spec->len - 1];
			__u32 elem;

			if (!core_is_flex_arr(btf, prev, t) && idx >= a->nelems) {
				core_why(why, "access step %d: index %u past array [%u] of %u",
					 i, idx, id, a->nelems);
				return -EINVAL;
			}
			t = core_skip_mods(btf, a->type, &elem);
			sz = t ? btf__resolve_size(btf, elem) : -EINVAL;
			if (sz < 0) {
				core_why(why, "array [%u] element type has no size", id);
				return -EINVAL;
			}
			spec->spec[spec->len++] = (struct core_access){
				.type_id = elem, .idx = idx };
			spec->bit_offset += (__u32)((__u64)idx * (__u64)sz * 8);
			id = elem;
		} else {
			core_why(why, "access step %d goes into %s [%u], which has no members",
				 i, core_kind_word(t), id);
			return -EINVAL;
		}
	}
	return 0;
}

int core_spec_parse(const struct btf *btf, const struct bpf_core_relo *relo,
		    struct core_spec *spec, struct core_failure *why)
{
	const struct btf_type *t;
	const char *acc;
	int err;

	memset(spec, 0, sizeof(*spec));
	spec->btf = btf;
	spec->root_type_id = relo->type_id;
	spec->kind = relo->kind;

	if ((unsigned)relo->kind > BPF_CORE_TYPE_MATCHES) {
		core_why(why, "unknown relocation kind %u", (unsigned)relo->kind);
		return -EINVAL;
	}
	if (relo->type_id == 0 || relo->type_id >= btf__type_cnt(btf)) {
		core_why(why, "type id %u out of range (local BTF has %u types)",
			 relo->type_id, btf__type_cnt(btf));
		return -EINVAL;
	}
	acc = btf__str_by_offset(btf, relo->access_str_off);
	if (!acc) {
		core_why(why, "access string offset %u out of range",
			 relo->access_str_off);
		return -EINVAL;
	}
	err = parse_raw(acc, spec, why);
	if (err)
		return err;

	if (core_kind_is_type(relo->kind)) {
		if (spec->raw_len != 1 || spec->raw[0] != 0) {
			core_why(why, "type relocation with access string '%.64s' (expected \"0\")",
				 acc);
			return -EINVAL;
		}
		return 0;
	}
	if (core_kind_is_enumval(relo->kind)) {
		__u32 id;
		const char *name;

		t = core_skip_mods(btf, relo->type_id, &id);
		if (!t || !btf_is_any_enum(t)) {
			core_why(why, "enumerator relocation on type [%u], which is not an enum",
				 relo->type_id);
			return -EINVAL;
		}
		if (spec->raw_len != 1 || spec->raw[0] >= btf_vlen(t)) {
			core_why(why, "enumerator access '%.64s' out of range (enum [%u] has %u values)",
				 acc, id, btf_vlen(t));
			return -EINVAL;
		}
		name = btf__name_by_offset(btf, btf_is_enum(t) ?
				btf_enum(t)[spec->raw[0]].name_off :
				btf_enum64(t)[spec->raw[0]].name_off);
		spec->spec[0] = (struct core_access){ .type_id = id,
			.idx = spec->raw[0], .name = name ? name : "" };
		spec->len = 1;
		return 0;
	}
	return parse_field(btf, spec, why);
}

/* Append to a bounded buffer, tracking the length snprintf would reach. */
struct sbuf {
	char *buf;
	size_t sz;
	size_t len;
};

__attribute__((format(printf, 2, 3)))
static void sb_printf(struct sbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(sb->len < sb->sz ? sb->buf + sb->len : NULL,
		      sb->len < sb->sz ? sb->sz - sb->len : 0, fmt, ap);
	va_end(ap);
	if (n > 0)
		sb->len += (size_t)n;
}

int core_spec_format(const struct core_spec *spec, char *buf, size_t sz)
{
	struct sbuf sb = { buf, sz, 0 };
	const struct btf_type *t;
	const char *name;
	__u32 id;
	int i;

	if (sz)
		buf[0] = 0;
	t = btf__type_by_id(spec->btf, spec->root_type_id);
	if (!t) {
		sb_printf(&sb, "[%u]", spec->root_type_id);
		return (int)sb.len;
	}
	/* Name the type as written: through typedefs, without modifiers. */
	t = core_skip_mods_only(spec->btf, spec->root_type_id, &id);
	if (!t)
		t = btf__type_by_id(spec->btf, id = spec->root_type_id);
	name = core_type_name(spec->btf, id);
	if (btf_is_typedef(t) || btf_is_int(t) || btf_is_float(t))
		sb_printf(&sb, "%s", *name ? name : "(anon)");
	else
		sb_printf(&sb, "%s %s", core_kind_word(t), *name ? name : "(anon)");

	if (core_kind_is_enumval(spec->kind) && spec->len > 0) {
		sb_printf(&sb, "::%s", spec->spec[0].name);
	} else if (core_kind_is_field(spec->kind)) {
		if (spec->len > 0 && spec->spec[0].idx)
			sb_printf(&sb, "[%u]", spec->spec[0].idx);
		for (i = 1; i < spec->len; i++) {
			if (spec->spec[i].name)
				sb_printf(&sb, ".%s", spec->spec[i].name);
			else
				sb_printf(&sb, "[%u]", spec->spec[i].idx);
		}
	}
	sb_printf(&sb, " (");
	for (i = 0; i < spec->raw_len; i++)
		sb_printf(&sb, "%s%u", i ? ":" : "", spec->raw[i]);
	sb_printf(&sb, ")");
	return (int)sb.len;
}

/* Visit id and every modifier/typedef below it; *res gets the type under
 * them. */
static int walk_mods(const struct btf *btf, __u32 id, __u32 *res,
		     core_walk_fn fn, void *ctx)
{
	const struct btf_type *t;
	int depth, err;

	for (depth = 0; depth <= CORE_MAX_DEPTH; depth++) {
		t = btf__type_by_id(btf, id);
		if (!t)
			return -EINVAL;
		if (!btf_is_mod(t) && !btf_is_typedef(t)) {
			*res = id;
			return 0;
		}
		err = fn(btf, id, -1, ctx);
		if (err)
			return err;
		id = t->type;
	}
	return -EINVAL;
}

int core_spec_walk(const struct core_spec *spec, core_walk_fn fn, void *ctx)
{
	const struct btf *btf = spec->btf;
	const struct btf_type *t;
	__u32 id;
	int i, err;

	err = walk_mods(btf, spec->root_type_id, &id, fn, ctx);
	if (err)
		return err;
	if (core_kind_is_type(spec->kind))
		return fn(btf, id, -1, ctx);
	if (core_kind_is_enumval(spec->kind))
		return fn(btf, id, spec->raw_len ? (int)spec->raw[0] : -1, ctx);

	for (i = 1; i < spec->raw_len; i++) {
		t = btf__type_by_id(btf, id);
		if (!t)
			return -EINVAL;
		if (btf_is_composite(t)) {
			if (spec->raw[i] >= btf_vlen(t))
				return -EINVAL;
			err = fn(btf, id, (int)spec->raw[i], ctx);
			if (!err)
				err = walk_mods(btf, btf_members(t)[spec->raw[i]].type,
						&id, fn, ctx);
		} else if (btf_is_array(t)) {
			err = fn(btf, id, -1, ctx);
			if (!err)
				err = walk_mods(btf, btf_array(t)->type, &id, fn, ctx);
		} else {
			return -EINVAL;
		}
		if (err)
			return err;
	}
	return fn(btf, id, -1, ctx);
}
