// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Building BTF: empty objects and the btf__add_*() family.  Every adder
 * checks its arguments before touching anything, so a failed call leaves
 * the BTF as it was.  Adders of members/values/params/variables extend the
 * last type, which must be of the right kind.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "btf/btf_internal.h"
#include "util/alloc.h"
#include "util/err.h"
#include "util/log.h"
#include "util/opts.h"

static __u32 mk_info(unsigned int kind, unsigned int vlen, bool kflag)
{
	return (kflag ? 1U << 31 : 0) | (kind & 0x1f) << 24 | (vlen & 0xffff);
}

static void drop_raw(struct btf *btf)
{
	free(btf->raw_cache);
	btf->raw_cache = NULL;
	free(btf->raw_swapped);
	btf->raw_swapped = NULL;
}

struct btf *btf__new_empty_opts(struct btf_new_opts *opts)
{
	struct btf *base, *btf;

	if (!OPTS_OK(opts, btf_new_opts))
		return util_err_ptr(-EINVAL);
	base = OPTS_GET(opts, base_btf, NULL);
	btf = btf_alloc(base);
	if (!btf)
		return util_err_ptr(-ENOMEM);
	btf->has_layout = OPTS_GET(opts, add_layout, false);
	btf->hdr.magic = BTF_MAGIC;
	btf->hdr.version = BTF_VERSION;
	btf->hdr.hdr_len = sizeof(struct btf_header);
	btf->ptr_sz = base ? base->ptr_sz : (int)sizeof(void *);
	btf->writable = true;
	btf->types_cap = 64;
	btf->types_data = malloc(btf->types_cap);
	/* Plain BTF starts with the empty string; split BTF uses the base's. */
	btf->strs_cap = 64;
	btf->strs_data = calloc(1, btf->strs_cap);
	btf->strs_len = base ? 0 : 1;
	if (!btf->types_data || !btf->strs_data) {
		btf__free(btf);
		return util_err_ptr(-ENOMEM);
	}
	return btf;
}

struct btf *btf__new_empty_split(struct btf *base_btf)
{
	LIBBPF_OPTS(btf_new_opts, opts, .base_btf = base_btf);

	return btf__new_empty_opts(&opts);
}

struct btf *btf__new_empty(void)
{
	return btf__new_empty_split(NULL);
}

/* ---- appending ---- */

int btf_append_type(struct btf *btf, const void *rec, __u32 sz)
{
	void *types, *offs;
	int err;

	err = btf_make_writable(btf);
	if (err)
		return err;
	if (btf__type_cnt(btf) >= BTF_MAX_TYPES)
		return -E2BIG;
	if (sz > UINT_MAX - btf->types_len)
		return -E2BIG;
	types = btf->types_data;
	err = util_ensure_cap(&types, &btf->types_cap, 1, btf->types_len + sz);
	if (err)
		return err;
	btf->types_data = types;
	offs = btf->type_offs;
	err = util_ensure_cap(&offs, &btf->type_offs_cap, sizeof(__u32),
			      btf->nr_types + 1);
	if (err)
		return err;
	btf->type_offs = offs;
	memcpy((char *)btf->types_data + btf->types_len, rec, sz);
	btf->type_offs[btf->nr_types++] = btf->types_len;
	btf->types_len += sz;
	drop_raw(btf);
	return btf->start_id + btf->nr_types - 1;
}

struct btf_type *btf_type_by_id_mut(struct btf *btf, __u32 id)
{
	int err = btf_make_writable(btf);

	if (err)
		return util_err_ptr(err);
	if (id < btf->start_id)
		return util_err_ptr(-EINVAL);
	return btf_type_by_id_raw(btf, id) ?: util_err_ptr(-EINVAL);
}

static bool valid_ref(const struct btf *btf, int id)
{
	return id >= 0 && (__u32)id < btf__type_cnt(btf);
}

/* Offset for an optional name ("" and NULL give 0). */
static int name_off(struct btf *btf, const char *name)
{
	if (!name || !*name)
		return 0;
	return btf__add_str(btf, name);
}

/* A record of a btf_type plus up to 3 words of kind-specific data. */
struct rec {
	struct btf_type t;
	__u32 extra[3];
};

static int add_simple(struct btf *btf, const char *name, bool name_required,
		      unsigned int kind, bool kflag, __u32 size_or_type,
		      const __u32 *extra, int n_extra)
{
	struct rec r = {};
	int off;

	if (name_required && (!name || !*name))
		return util_err(-EINVAL);
	off = name_off(btf, name);
	if (off < 0)
		return off;
	r.t.name_off = off;
	r.t.info = mk_info(kind, 0, kflag);
	r.t.size = size_or_type;
	if (n_extra)
		memcpy(r.extra, extra, n_extra * sizeof(__u32));
	return util_err(btf_append_type(btf, &r,
					sizeof(r.t) + n_extra * sizeof(__u32)));
}

int btf__add_int(struct btf *btf, const char *name, size_t byte_sz, int encoding)
{
	__u32 info;

	if (byte_sz != 1 && byte_sz != 2 && byte_sz != 4 && byte_sz != 8 &&
	    byte_sz != 16)
		return util_err(-EINVAL);
	if (encoding & ~(BTF_INT_SIGNED | BTF_INT_CHAR | BTF_INT_BOOL))
		return util_err(-EINVAL);
	info = (__u32)encoding << 24 | byte_sz * 8;
	return add_simple(btf, name, true, BTF_KIND_INT, false, byte_sz, &info, 1);
}

int btf__add_float(struct btf *btf, const char *name, size_t byte_sz)
{
	if (byte_sz != 2 && byte_sz != 4 && byte_sz != 8 && byte_sz != 12 &&
	    byte_sz != 16)
		return util_err(-EINVAL);
	return add_simple(btf, name, true, BTF_KIND_FLOAT, false, byte_sz, NULL, 0);
}

static int add_ref(struct btf *btf, unsigned int kind, const char *name,
		   bool name_required, bool kflag, int ref)
{
	if (!valid_ref(btf, ref))
		return util_err(-EINVAL);
	return add_simple(btf, name, name_required, kind, kflag, ref, NULL, 0);
}

int btf__add_ptr(struct btf *btf, int ref_type_id)
{
	return add_ref(btf, BTF_KIND_PTR, NULL, false, false, ref_type_id);
}

int btf__add_typedef(struct btf *btf, const char *name, int ref_type_id)
{
	return add_ref(btf, BTF_KIND_TYPEDEF, name, true, false, ref_type_id);
}

int btf__add_volatile(struct btf *btf, int ref_type_id)
{
	return add_ref(btf, BTF_KIND_VOLATILE, NULL, false, false, ref_type_id);
}

int btf__add_const(struct btf *btf, int ref_type_id)
{
	return add_ref(btf, BTF_KIND_CONST, NULL, false, false, ref_type_id);
}

int btf__add_restrict(struct btf *btf, int ref_type_id)
{
	return add_ref(btf, BTF_KIND_RESTRICT, NULL, false, false, ref_type_id);
}

int btf__add_type_tag(struct btf *btf, const char *value, int ref_type_id)
{
	return add_ref(btf, BTF_KIND_TYPE_TAG, value, true, false, ref_type_id);
}

int btf__add_type_attr(struct btf *btf, const char *value, int ref_type_id)
{
	return add_ref(btf, BTF_KIND_TYPE_TAG, value, true, true, ref_type_id);
}

int btf__add_array(struct btf *btf, int index_type_id, int elem_type_id,
		   __u32 nr_elems)
{
	__u32 a[3] = { (__u32)elem_type_id, (__u32)index_type_id, nr_elems };

	if (!valid_ref(btf, index_type_id) || !valid_ref(btf, elem_type_id))
		return util_err(-EINVAL);
	return add_simple(btf, NULL, false, BTF_KIND_ARRAY, false, 0, a, 3);
}

int btf__add_struct(struct btf *btf, const char *name, __u32 sz)
{
	return add_simple(btf, name, false, BTF_KIND_STRUCT, false, sz, NULL, 0);
}

int btf__add_union(struct btf *btf, const char *name, __u32 sz)
{
	return add_simple(btf, name, false, BTF_KIND_UNION, false, sz, NULL, 0);
}

int btf__add_fwd(struct btf *btf, const char *name, enum btf_fwd_kind fwd_kind)
{
	switch (fwd_kind) {
	case BTF_FWD_STRUCT:
	case BTF_FWD_UNION:
		return add_simple(btf, name, true, BTF_KIND_FWD,
				  fwd_kind == BTF_FWD_UNION, 0, NULL, 0);
	case BTF_FWD_ENUM:
		/* An enum forward is an enum without values. */
		return add_simple(btf, name, true, BTF_KIND_ENUM, false,
				  sizeof(int), NULL, 0);
	default:
		return util_err(-EINVAL);
	}
}

int btf__add_enum(struct btf *btf, const char *name, __u32 bytes_sz)
{
	if (bytes_sz != 1 && bytes_sz != 2 && bytes_sz != 4 && bytes_sz != 8)
		return util_err(-EINVAL);
	return add_simple(btf, name, false, BTF_KIND_ENUM, false, bytes_sz,
			  NULL, 0);
}

int btf__add_enum64(struct btf *btf, const char *name, __u32 bytes_sz,
		    bool is_signed)
{
	if (bytes_sz != 1 && bytes_sz != 2 && bytes_sz != 4 && bytes_sz != 8)
		return util_err(-EINVAL);
	return add_simple(btf, name, false, BTF_KIND_ENUM64, is_signed, bytes_sz,
			  NULL, 0);
}

int btf__add_func(struct btf *btf, const char *name,
		  enum btf_func_linkage linkage, int proto_type_id)
{
	struct rec r = {};
	int off;

	if (!name || !*name || !valid_ref(btf, proto_type_id) || !proto_type_id)
		return util_err(-EINVAL);
	if (linkage != BTF_FUNC_STATIC && linkage != BTF_FUNC_GLOBAL &&
	    linkage != BTF_FUNC_EXTERN)
		return util_err(-EINVAL);
	off = btf__add_str(btf, name);
	if (off < 0)
		return off;
	r.t.name_off = off;
	/* A FUNC keeps its linkage where other kinds keep vlen. */
	r.t.info = mk_info(BTF_KIND_FUNC, linkage, false);
	r.t.type = proto_type_id;
	return util_err(btf_append_type(btf, &r, sizeof(r.t)));
}

int btf__add_func_proto(struct btf *btf, int ret_type_id)
{
	return add_ref(btf, BTF_KIND_FUNC_PROTO, NULL, false, false, ret_type_id);
}

int btf__add_var(struct btf *btf, const char *name, int linkage, int type_id)
{
	__u32 l = linkage;

	if (linkage != BTF_VAR_STATIC && linkage != BTF_VAR_GLOBAL_ALLOCATED &&
	    linkage != BTF_VAR_GLOBAL_EXTERN)
		return util_err(-EINVAL);
	if (!valid_ref(btf, type_id))
		return util_err(-EINVAL);
	return add_simple(btf, name, true, BTF_KIND_VAR, false, type_id, &l, 1);
}

int btf__add_datasec(struct btf *btf, const char *name, __u32 byte_sz)
{
	return add_simple(btf, name, true, BTF_KIND_DATASEC, false, byte_sz,
			  NULL, 0);
}

static int add_tag(struct btf *btf, const char *value, int ref_type_id,
		   int component_idx, bool kflag)
{
	__u32 idx = component_idx;

	if (!valid_ref(btf, ref_type_id) || component_idx < -1)
		return util_err(-EINVAL);
	return add_simple(btf, value, true, BTF_KIND_DECL_TAG, kflag,
			  ref_type_id, &idx, 1);
}

int btf__add_decl_tag(struct btf *btf, const char *value, int ref_type_id,
		      int component_idx)
{
	return add_tag(btf, value, ref_type_id, component_idx, false);
}

int btf__add_decl_attr(struct btf *btf, const char *value, int ref_type_id,
		       int component_idx)
{
	return add_tag(btf, value, ref_type_id, component_idx, true);
}

/* ---- extending the last type ---- */

/* The last type if it is own and of kind (or kind2); NULL otherwise. */
static struct btf_type *last_type(struct btf *btf, unsigned int kind,
				  unsigned int kind2)
{
	struct btf_type *t;

	if (!btf->nr_types)
		return NULL;
	t = btf_type_by_id_raw(btf, btf->start_id + btf->nr_types - 1);
	if (btf_kind(t) != kind && btf_kind(t) != kind2)
		return NULL;
	return t;
}

/*
 * Append n words to the last type and bump its vlen (and set kflag if
 * asked).  Strings have been added already, so this is all-or-nothing.
 */
static int extend_last(struct btf *btf, const __u32 *words, int n, bool kflag)
{
	struct btf_type *t;
	void *types;
	int err;

	/* Normally writable already: the adder of the type made it so. */
	err = btf_make_writable(btf);
	if (err)
		return util_err(err);
	types = btf->types_data;
	err = util_ensure_cap(&types, &btf->types_cap, 1,
			      btf->types_len + n * sizeof(__u32));
	if (err)
		return util_err(err);
	btf->types_data = types;
	memcpy((char *)btf->types_data + btf->types_len, words, n * sizeof(__u32));
	btf->types_len += n * sizeof(__u32);
	t = btf_type_by_id_raw(btf, btf->start_id + btf->nr_types - 1);
	t->info = mk_info(btf_kind(t), btf_vlen(t) + 1, kflag || btf_kflag(t));
	drop_raw(btf);
	return 0;
}

int btf__add_field(struct btf *btf, const char *name, int field_type_id,
		   __u32 bit_offset, __u32 bit_size)
{
	struct btf_type *t = last_type(btf, BTF_KIND_STRUCT, BTF_KIND_UNION);
	bool bitfield = bit_size || bit_offset % 8;
	__u32 m[3];
	int off;

	if (!t || !valid_ref(btf, field_type_id))
		return util_err(-EINVAL);
	if (btf_vlen(t) == BTF_MAX_VLEN)
		return util_err(-E2BIG);
	if (bitfield && (bit_size > 0xff || bit_offset > 0xffffff))
		return util_err(-EINVAL);
	if (btf_is_union(t) && bit_offset)
		return util_err(-EINVAL);
	off = name_off(btf, name);
	if (off < 0)
		return off;
	m[0] = off;
	m[1] = field_type_id;
	m[2] = bit_size << 24 | bit_offset;
	return extend_last(btf, m, 3, bitfield);
}

int btf__add_enum_value(struct btf *btf, const char *name, __s64 value)
{
	struct btf_type *t = last_type(btf, BTF_KIND_ENUM, BTF_KIND_ENUM);
	__u32 e[2];
	int off;

	if (!t || !name || !*name)
		return util_err(-EINVAL);
	if (value < INT_MIN || value > UINT_MAX)
		return util_err(-E2BIG);
	if (btf_vlen(t) == BTF_MAX_VLEN)
		return util_err(-E2BIG);
	off = btf__add_str(btf, name);
	if (off < 0)
		return off;
	e[0] = off;
	e[1] = (__u32)value;
	/* A negative value makes the enum signed. */
	return extend_last(btf, e, 2, value < 0);
}

int btf__add_enum64_value(struct btf *btf, const char *name, __u64 value)
{
	struct btf_type *t = last_type(btf, BTF_KIND_ENUM64, BTF_KIND_ENUM64);
	__u32 e[3];
	int off;

	if (!t || !name || !*name)
		return util_err(-EINVAL);
	if (btf_vlen(t) == BTF_MAX_VLEN)
		return util_err(-E2BIG);
	off = btf__add_str(btf, name);
	if (off < 0)
		return off;
	e[0] = off;
	e[1] = (__u32)value;
	e[2] = (__u32)(value >> 32);
	return extend_last(btf, e, 3, false);
}

int btf__add_func_param(struct btf *btf, const char *name, int type_id)
{
	struct btf_type *t = last_type(btf, BTF_KIND_FUNC_PROTO,
				       BTF_KIND_FUNC_PROTO);
	__u32 p[2];
	int off;

	if (!t || !valid_ref(btf, type_id))
		return util_err(-EINVAL);
	if (btf_vlen(t) == BTF_MAX_VLEN)
		return util_err(-E2BIG);
	off = name_off(btf, name);
	if (off < 0)
		return off;
	p[0] = off;
	p[1] = type_id;
	return extend_last(btf, p, 2, false);
}

int btf__add_datasec_var_info(struct btf *btf, int var_type_id, __u32 offset,
			      __u32 byte_sz)
{
	struct btf_type *t = last_type(btf, BTF_KIND_DATASEC, BTF_KIND_DATASEC);
	__u32 v[3] = { (__u32)var_type_id, offset, byte_sz };

	if (!t || !valid_ref(btf, var_type_id) || !var_type_id)
		return util_err(-EINVAL);
	if (btf_vlen(t) == BTF_MAX_VLEN)
		return util_err(-E2BIG);
	return extend_last(btf, v, 3, false);
}
