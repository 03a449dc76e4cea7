// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Copying types between BTF objects (btf__add_type, btf__add_btf) and
 * producing the raw image (btf__raw_data).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "btf/btf_internal.h"
#include "util/alloc.h"
#include "util/err.h"
#include "util/log.h"

struct copy_ctx {
	struct btf *dst;
	const struct btf *src;
	__u32 src_cnt;
	__u32 id_shift;		/* 0: keep ids as they are */
};

static int copy_str(__u32 *field, void *ctx)
{
	struct copy_ctx *c = ctx;
	const char *s;
	int off;

	if (!*field)
		return 0;
	s = btf_str(c->src, *field);
	if (!s)
		return -EINVAL;
	off = btf__add_str(c->dst, s);
	if (off < 0)
		return off;
	*field = off;
	return 0;
}

static int shift_id(__u32 *field, void *ctx)
{
	struct copy_ctx *c = ctx;

	if (*field >= c->src_cnt)
		return -EINVAL;
	if (*field)
		*field += c->id_shift;
	return 0;
}

/* A copy of src_type with its strings moved to dst; malloc()ed. */
static struct btf_type *clone_type(struct copy_ctx *c,
				   const struct btf_type *src_type, int *sz)
{
	struct btf_type *t;
	int err;

	*sz = btf_type_rec_size(src_type);
	if (*sz < 0)
		return util_err_ptr(-EINVAL);
	t = malloc(*sz);
	if (!t)
		return util_err_ptr(-ENOMEM);
	memcpy(t, src_type, *sz);
	err = btf_type_visit_str_offs(t, copy_str, c);
	if (!err && c->id_shift)
		err = btf_type_visit_type_ids(t, shift_id, c);
	if (err) {
		free(t);
		return util_err_ptr(err);
	}
	return t;
}

int btf__add_type(struct btf *btf, const struct btf *src_btf,
		  const struct btf_type *src_type)
{
	struct copy_ctx c = { .dst = btf, .src = src_btf };
	struct btf_type *t;
	int sz, id;

	if (!src_btf || !src_type)
		return util_err(-EINVAL);
	t = clone_type(&c, src_type, &sz);
	if (!t)
		return -errno;
	id = btf_append_type(btf, t, sz);
	free(t);
	return util_err(id);
}

int btf__add_btf(struct btf *btf, const struct btf *src_btf)
{
	struct copy_ctx c = { .dst = btf, .src = src_btf };
	__u32 old_nr, old_len, old_strs, first, id;
	int err;

	if (!src_btf)
		return util_err(-EINVAL);
	if (src_btf->base_btf) {
		pr_warn("btf: copying types of split BTF is not supported\n");
		return util_err(-ENOTSUP);
	}
	err = btf_make_writable(btf);
	if (err)
		return util_err(err);
	old_nr = btf->nr_types;
	old_len = btf->types_len;
	old_strs = btf->strs_len;
	first = btf__type_cnt(btf);
	c.src_cnt = btf__type_cnt(src_btf);
	c.id_shift = first - 1;

	for (id = 1; id < c.src_cnt; id++) {
		struct btf_type *t;
		int sz;

		t = clone_type(&c, btf_type_by_id_raw(src_btf, id), &sz);
		if (!t) {
			err = -errno;
			goto undo;
		}
		err = btf_append_type(btf, t, sz);
		free(t);
		if (err < 0)
			goto undo;
	}
	return first;
undo:
	/* All or nothing: forget the types and strings added so far. */
	btf->nr_types = old_nr;
	btf->types_len = old_len;
	btf_strs_truncate(btf, old_strs);
	btf_invalidate(btf);
	return util_err(err);
}

/* ---- raw image ---- */

/* What each kind we know adds after struct btf_type (layout section). */
static const struct btf_layout_entry known_layout[] = {
	[BTF_KIND_UNKN] = { 0, 0 },	[BTF_KIND_INT] = { 4, 0 },
	[BTF_KIND_PTR] = { 0, 0 },	[BTF_KIND_ARRAY] = { 12, 0 },
	[BTF_KIND_STRUCT] = { 0, 12 },	[BTF_KIND_UNION] = { 0, 12 },
	[BTF_KIND_ENUM] = { 0, 8 },	[BTF_KIND_FWD] = { 0, 0 },
	[BTF_KIND_TYPEDEF] = { 0, 0 },	[BTF_KIND_VOLATILE] = { 0, 0 },
	[BTF_KIND_CONST] = { 0, 0 },	[BTF_KIND_RESTRICT] = { 0, 0 },
	[BTF_KIND_FUNC] = { 0, 0 },	[BTF_KIND_FUNC_PROTO] = { 0, 8 },
	[BTF_KIND_VAR] = { 4, 0 },	[BTF_KIND_DATASEC] = { 0, 12 },
	[BTF_KIND_FLOAT] = { 0, 0 },	[BTF_KIND_DECL_TAG] = { 4, 0 },
	[BTF_KIND_TYPE_TAG] = { 0, 0 },	[BTF_KIND_ENUM64] = { 0, 12 },
};

void *btf_build_raw(const struct btf *btf, bool layout, __u32 *size)
{
	__u32 hdr_len = layout ? BTF_HDR_LAYOUT_LEN : sizeof(struct btf_header);
	__u32 strs_end = btf->types_len + btf->strs_len;
	__u32 lay_off = (strs_end + 3) & ~3U;
	__u32 lay_len = layout ? sizeof(known_layout) : 0;
	struct btf_header h = {
		.magic = BTF_MAGIC,
		.version = BTF_VERSION,
		.flags = 0,
		.hdr_len = hdr_len,
		.type_off = 0,
		.type_len = btf->types_len,
		.str_off = btf->types_len,
		.str_len = btf->strs_len,
	};
	size_t total = hdr_len + (size_t)(layout ? lay_off + lay_len : strs_end);
	char *raw;

	if (total > UINT32_MAX)
		return util_err_ptr(-E2BIG);
	raw = calloc(1, total);
	if (!raw)
		return util_err_ptr(-ENOMEM);
	memcpy(raw, &h, sizeof(h));
	if (layout) {
		__u32 words[2] = { lay_off, lay_len };

		memcpy(raw + sizeof(h), words, sizeof(words));
		memcpy(raw + hdr_len + lay_off, known_layout, lay_len);
	}
	if (btf->types_len)
		memcpy(raw + hdr_len, btf->types_data, btf->types_len);
	if (btf->strs_len)
		memcpy(raw + hdr_len + btf->types_len, btf->strs_data, btf->strs_len);
	*size = total;
	return raw;
}

const void *btf_raw_native(const struct btf *btf_ro, __u32 *size)
{
	struct btf *btf = (struct btf *)btf_ro;

	if (!btf->writable && btf->img_raw) {
		*size = btf->img_raw_size;
		return btf->img_raw;
	}
	if (!btf->raw_cache) {
		btf->raw_cache = btf_build_raw(btf, btf->has_layout, &btf->raw_size);
		if (!btf->raw_cache)
			return NULL;
	}
	*size = btf->raw_size;
	return btf->raw_cache;
}

const void *btf__raw_data(const struct btf *btf_ro, __u32 *size)
{
	struct btf *btf = (struct btf *)btf_ro;
	const void *native;
	__u32 sz;

	native = btf_raw_native(btf, &sz);
	if (!native)
		return NULL;
	if (btf->swapped) {
		if (!btf->raw_swapped) {
			void *copy = malloc(sz);

			if (!copy)
				return util_err_ptr(-ENOMEM);
			memcpy(copy, native, sz);
			if (btf_swap_image(copy, sz, false)) {
				free(copy);
				return util_err_ptr(-EINVAL);
			}
			btf->raw_swapped = copy;
		}
		native = btf->raw_swapped;
	}
	if (size)
		*size = sz;
	return native;
}

const void *btf__get_raw_data(const struct btf *btf, __u32 *size)
{
	return btf__raw_data(btf, size);
}
