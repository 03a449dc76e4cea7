// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Type records: their sizes, the fields that hold type ids and string
 * offsets, and the read-only queries of <bpf/btf.h>.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "btf/btf_internal.h"
#include "util/err.h"
#include "util/log.h"

/* What btf__type_by_id(btf, 0) returns. */
static const struct btf_type btf_void_type;

/* Longest chain of typedefs/qualifiers/arrays followed before giving up. */
#define BTF_MAX_RESOLVE_DEPTH 32

const char *btf_kind_name(unsigned int kind)
{
	static const char *const names[] = {
		[BTF_KIND_UNKN] = "UNKN",	[BTF_KIND_INT] = "INT",
		[BTF_KIND_PTR] = "PTR",		[BTF_KIND_ARRAY] = "ARRAY",
		[BTF_KIND_STRUCT] = "STRUCT",	[BTF_KIND_UNION] = "UNION",
		[BTF_KIND_ENUM] = "ENUM",	[BTF_KIND_FWD] = "FWD",
		[BTF_KIND_TYPEDEF] = "TYPEDEF",	[BTF_KIND_VOLATILE] = "VOLATILE",
		[BTF_KIND_CONST] = "CONST",	[BTF_KIND_RESTRICT] = "RESTRICT",
		[BTF_KIND_FUNC] = "FUNC",	[BTF_KIND_FUNC_PROTO] = "FUNC_PROTO",
		[BTF_KIND_VAR] = "VAR",		[BTF_KIND_DATASEC] = "DATASEC",
		[BTF_KIND_FLOAT] = "FLOAT",	[BTF_KIND_DECL_TAG] = "DECL_TAG",
		[BTF_KIND_TYPE_TAG] = "TYPE_TAG", [BTF_KIND_ENUM64] = "ENUM64",
	};

	if (kind >= sizeof(names) / sizeof(names[0]) || !names[kind])
		return "UNKN";
	return names[kind];
}

int btf_type_rec_size(const struct btf_type *t)
{
	int base = sizeof(struct btf_type);
	int vlen = btf_vlen(t);

	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_VAR:
	case BTF_KIND_DECL_TAG:
		return base + 4;
	case BTF_KIND_PTR:
	case BTF_KIND_FWD:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_FUNC:
	case BTF_KIND_FLOAT:
	case BTF_KIND_TYPE_TAG:
		return base;
	case BTF_KIND_ARRAY:
		return base + sizeof(struct btf_array);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return base + vlen * sizeof(struct btf_member);
	case BTF_KIND_ENUM:
		return base + vlen * sizeof(struct btf_enum);
	case BTF_KIND_ENUM64:
		return base + vlen * 12;
	case BTF_KIND_FUNC_PROTO:
		return base + vlen * sizeof(struct btf_param);
	case BTF_KIND_DATASEC:
		return base + vlen * sizeof(struct btf_var_secinfo);
	default:
		return -EINVAL;
	}
}

int btf_type_visit_type_ids(struct btf_type *t, btf_field_fn fn, void *ctx)
{
	int i, n = btf_vlen(t), err;

	switch (btf_kind(t)) {
	case BTF_KIND_PTR:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_FUNC:
	case BTF_KIND_VAR:
	case BTF_KIND_DECL_TAG:
	case BTF_KIND_TYPE_TAG:
		return fn(&t->type, ctx);
	case BTF_KIND_ARRAY: {
		struct btf_array *a = btf_array(t);

		err = fn(&a->type, ctx);
		return err ? err : fn(&a->index_type, ctx);
	}
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION: {
		struct btf_member *m = btf_members(t);

		for (i = 0; i < n; i++)
			if ((err = fn(&m[i].type, ctx)))
				return err;
		return 0;
	}
	case BTF_KIND_FUNC_PROTO: {
		struct btf_param *p = btf_params(t);

		if ((err = fn(&t->type, ctx)))
			return err;
		for (i = 0; i < n; i++)
			if ((err = fn(&p[i].type, ctx)))
				return err;
		return 0;
	}
	case BTF_KIND_DATASEC: {
		struct btf_var_secinfo *v = btf_var_secinfos(t);

		for (i = 0; i < n; i++)
			if ((err = fn(&v[i].type, ctx)))
				return err;
		return 0;
	}
	default:
		return 0;
	}
}

int btf_type_visit_str_offs(struct btf_type *t, btf_field_fn fn, void *ctx)
{
	int i, n = btf_vlen(t), err;
	__u32 *words = (__u32 *)(t + 1);
	int stride;

	if ((err = fn(&t->name_off, ctx)))
		return err;
	switch (btf_kind(t)) {
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
	case BTF_KIND_ENUM64:
		stride = 3;
		break;
	case BTF_KIND_ENUM:
	case BTF_KIND_FUNC_PROTO:
		stride = 2;
		break;
	default:
		return 0;
	}
	/* Each of these trailing records starts with its name offset. */
	for (i = 0; i < n; i++)
		if ((err = fn(&words[i * stride], ctx)))
			return err;
	return 0;
}

const char *btf_str(const struct btf *btf, __u32 off)
{
	while (btf->base_btf && off < btf->start_str_off)
		btf = btf->base_btf;
	off -= btf->start_str_off;
	if (off >= btf->strs_len)
		return NULL;
	return btf->strs_data + off;
}

/* ---- public queries -------------------------------------------------- */

__u32 btf__type_cnt(const struct btf *btf)
{
	return btf->start_id + btf->nr_types;
}

const struct btf *btf__base_btf(const struct btf *btf)
{
	return btf->base_btf;
}

const struct btf_type *btf__type_by_id(const struct btf *btf, __u32 id)
{
	const struct btf_type *t;

	if (id == 0)
		return &btf_void_type;
	t = btf_type_by_id_raw(btf, id);
	if (!t)
		return util_err_ptr(-EINVAL);
	return t;
}

const char *btf__str_by_offset(const struct btf *btf, __u32 offset)
{
	const char *s = btf_str(btf, offset);

	if (!s)
		return util_err_ptr(-EINVAL);
	return s;
}

const char *btf__name_by_offset(const struct btf *btf, __u32 offset)
{
	return btf__str_by_offset(btf, offset);
}

int btf__fd(const struct btf *btf)
{
	return btf->fd;
}

void btf__set_fd(struct btf *btf, int fd)
{
	btf->fd = fd;
}

static bool host_is_le(void)
{
	return __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__;
}

enum btf_endianness btf__endianness(const struct btf *btf)
{
	bool le = host_is_le() != btf->swapped;

	return le ? BTF_LITTLE_ENDIAN : BTF_BIG_ENDIAN;
}

int btf__set_endianness(struct btf *btf, enum btf_endianness endian)
{
	if (endian != BTF_LITTLE_ENDIAN && endian != BTF_BIG_ENDIAN)
		return util_err(-EINVAL);
	btf->swapped = (endian == BTF_LITTLE_ENDIAN) != host_is_le();
	free(btf->raw_swapped);
	btf->raw_swapped = NULL;
	return 0;
}

/* Pointer size guessed from the size of C's long, or -1. */
static int guess_ptr_size(const struct btf *btf)
{
	static const char *const longs[] = {
		"long", "long int", "unsigned long", "long unsigned int",
		"int long unsigned", "unsigned long int",
	};
	__u32 id, n = btf__type_cnt(btf);
	size_t i;

	for (id = 1; id < n; id++) {
		const struct btf_type *t = btf_type_by_id_raw(btf, id);
		const char *name;

		if (!btf_is_int(t) || (t->size != 4 && t->size != 8))
			continue;
		name = btf_str(btf, t->name_off);
		if (!name)
			continue;
		for (i = 0; i < sizeof(longs) / sizeof(longs[0]); i++)
			if (!strcmp(name, longs[i]))
				return t->size;
	}
	return -1;
}

size_t btf__pointer_size(const struct btf *btf)
{
	struct btf *b = (struct btf *)btf;

	if (!b->ptr_sz)
		b->ptr_sz = guess_ptr_size(btf);
	return b->ptr_sz < 0 ? 0 : (size_t)b->ptr_sz;
}

/* Pointer size to compute with: the host's when BTF does not say. */
static int ptr_size_or_host(const struct btf *btf)
{
	int sz = btf__pointer_size(btf);

	return sz ? sz : (int)sizeof(void *);
}

int btf__set_pointer_size(struct btf *btf, size_t ptr_sz)
{
	if (ptr_sz != 4 && ptr_sz != 8)
		return util_err(-EINVAL);
	btf->ptr_sz = ptr_sz;
	return 0;
}

__s64 btf__resolve_size(const struct btf *btf, __u32 type_id)
{
	__u64 nelems = 1, size;
	int depth;

	for (depth = 0; depth < BTF_MAX_RESOLVE_DEPTH; depth++) {
		const struct btf_type *t = btf__type_by_id(btf, type_id);

		if (!t)
			return util_err(-EINVAL);
		switch (btf_kind(t)) {
		case BTF_KIND_INT:
		case BTF_KIND_STRUCT:
		case BTF_KIND_UNION:
		case BTF_KIND_ENUM:
		case BTF_KIND_ENUM64:
		case BTF_KIND_DATASEC:
		case BTF_KIND_FLOAT:
			size = t->size;
			goto done;
		case BTF_KIND_PTR:
			size = ptr_size_or_host(btf);
			goto done;
		case BTF_KIND_TYPEDEF:
		case BTF_KIND_VOLATILE:
		case BTF_KIND_CONST:
		case BTF_KIND_RESTRICT:
		case BTF_KIND_VAR:
		case BTF_KIND_DECL_TAG:
		case BTF_KIND_TYPE_TAG:
			type_id = t->type;
			break;
		case BTF_KIND_ARRAY: {
			const struct btf_array *a = btf_array(t);

			if (a->nelems && nelems > UINT32_MAX / a->nelems)
				return util_err(-E2BIG);
			nelems *= a->nelems;
			type_id = a->type;
			break;
		}
		default:
			return util_err(-EINVAL);
		}
	}
	return util_err(-EINVAL);
done:
	if (nelems && size > UINT32_MAX / nelems)
		return util_err(-E2BIG);
	return nelems * size;
}

int btf__resolve_type(const struct btf *btf, __u32 type_id)
{
	int depth;

	/* Through typedefs, qualifiers, type tags and variables; ending at
	 * void (or going round too long) is an error, as in libbpf. */
	for (depth = 0; depth < BTF_MAX_RESOLVE_DEPTH; depth++) {
		const struct btf_type *t = btf__type_by_id(btf, type_id);

		if (!t || btf_is_void(t))
			return util_err(-EINVAL);
		switch (btf_kind(t)) {
		case BTF_KIND_TYPEDEF:
		case BTF_KIND_VOLATILE:
		case BTF_KIND_CONST:
		case BTF_KIND_RESTRICT:
		case BTF_KIND_VAR:
		case BTF_KIND_TYPE_TAG:
			type_id = t->type;
			break;
		default:
			return type_id;
		}
	}
	return util_err(-EINVAL);
}

static int align_of(const struct btf *btf, __u32 id, int depth)
{
	const struct btf_type *t;
	int ptr_sz = ptr_size_or_host(btf);

	if (depth > BTF_MAX_RESOLVE_DEPTH)
		return -EINVAL;
	t = btf__type_by_id(btf, id);
	if (!t)
		return -EINVAL;
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
	case BTF_KIND_FLOAT:
		/* Scalars wider than a register align like a register. */
		return t->size < (__u32)ptr_sz ? (int)t->size : ptr_sz;
	case BTF_KIND_PTR:
		return ptr_sz;
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:
		return align_of(btf, t->type, depth + 1);
	case BTF_KIND_ARRAY:
		return align_of(btf, btf_array(t)->type, depth + 1);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION: {
		int i, n = btf_vlen(t), best = 1;

		for (i = 0; i < n; i++) {
			__u32 bit_off = btf_member_bit_offset(t, i);
			int a = align_of(btf, btf_members(t)[i].type, depth + 1);

			if (a <= 0)
				return a;
			/* A (non-bitfield) member off its natural
			 * alignment: the struct is packed. */
			if (!btf_member_bitfield_size(t, i) && bit_off % (8 * a))
				return 1;
			if (a > best)
				best = a;
		}
		/* Padding that does not round up to the alignment: packed. */
		if (t->size % best)
			return 1;
		return best;
	}
	default:
		return -EINVAL;
	}
}

int btf__align_of(const struct btf *btf, __u32 id)
{
	int a = align_of(btf, id, 0);

	if (a < 0) {
		pr_warn("btf: type [%u]: cannot compute its alignment\n", id);
		return util_err(a);
	}
	return a;
}
