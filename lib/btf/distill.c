// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * btf__distill_base(): from split BTF over a full base (a module over
 * vmlinux), a minimal base plus a new split BTF, so that the split part can
 * later be relocated onto a somewhat different base (btf__relocate()).
 *
 * The distilled base holds only what names the base types the split part
 * uses: named ints/floats/forward declarations as they are, named
 * structs/unions as member-less types of the same size, named enums as
 * value-less enums of the same size.  Every other base type the split part
 * needs (pointers, typedefs, arrays, qualifiers, prototypes, anonymous
 * structs/unions/enums) is copied into the new split BTF, after its own
 * types.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "btf/btf_internal.h"
#include "util/err.h"
#include "util/log.h"

struct distill {
	const struct btf *src;
	__u32 split_start;	/* first split id of src */
	__u32 *id_map;		/* src base id -> new id, 0: not needed */
	__u32 shift;		/* split ids move down by this much */
};

/* Named composites become placeholders: their members are not needed. */
static bool distill_is_placeholder(const struct btf_type *t)
{
	return btf_is_composite(t) && t->name_off;
}

static int distill_mark(struct distill *d, __u32 id);

static int distill_mark_field(__u32 *field, void *ctx)
{
	struct distill *d = ctx;
	const struct btf_type *t;
	__u32 id = *field;

	if (!id || id >= d->split_start || d->id_map[id])
		return 0;
	t = btf__type_by_id(d->src, id);
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_FLOAT:
	case BTF_KIND_FWD:
	case BTF_KIND_ARRAY:
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
	case BTF_KIND_PTR:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_FUNC_PROTO:
	case BTF_KIND_TYPE_TAG:
		break;
	default:
		pr_warn("btf: distill: split BTF refers to base type [%u] of kind %s\n",
			id, btf_kind_name(btf_kind(t)));
		return -EINVAL;
	}
	d->id_map[id] = id;	/* needed; the real new id comes later */
	if (distill_is_placeholder(t))
		return 0;
	return distill_mark(d, id);
}

static int distill_mark(struct distill *d, __u32 id)
{
	struct btf_type *t = (struct btf_type *)btf__type_by_id(d->src, id);

	return btf_type_visit_type_ids(t, distill_mark_field, d);
}

/* Which needed base types go to the distilled base (to_base) or split. */
static bool distill_goes_to_base(const struct btf_type *t)
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
		return t->name_off != 0;
	default:
		return false;
	}
}

static int distill_add(struct distill *d, struct btf *dst, bool to_base)
{
	const struct btf_type *t;
	const char *name;
	__u32 id;
	int nid;

	for (id = 1; id < d->split_start; id++) {
		if (!d->id_map[id])
			continue;
		t = btf__type_by_id(d->src, id);
		if (distill_goes_to_base(t) != to_base)
			continue;
		name = btf__name_by_offset(d->src, t->name_off);
		switch (btf_kind(t)) {
		case BTF_KIND_STRUCT:
			nid = to_base ? btf__add_struct(dst, name, t->size)
				      : btf__add_type(dst, d->src, t);
			break;
		case BTF_KIND_UNION:
			nid = to_base ? btf__add_union(dst, name, t->size)
				      : btf__add_type(dst, d->src, t);
			break;
		case BTF_KIND_ENUM:
		case BTF_KIND_ENUM64:
			nid = to_base ? btf__add_enum(dst, name, t->size)
				      : btf__add_type(dst, d->src, t);
			break;
		default:
			nid = btf__add_type(dst, d->src, t);
			break;
		}
		if (nid < 0)
			return nid;
		d->id_map[id] = nid;
	}
	return 0;
}

static int distill_fix_field(__u32 *field, void *ctx)
{
	struct distill *d = ctx;

	if (*field < d->split_start)
		*field = *field ? d->id_map[*field] : 0;
	else
		*field -= d->shift;
	return 0;
}

int btf__distill_base(const struct btf *src_btf, struct btf **new_base_btf,
		      struct btf **new_split_btf)
{
	struct btf *base = NULL, *split = NULL;
	struct distill d = { .src = src_btf };
	__u32 id, n;
	int err;

	if (!src_btf || !new_base_btf || !new_split_btf) {
		pr_warn("btf: distill: NULL argument\n");
		return util_err(-EINVAL);
	}
	if (!btf__base_btf(src_btf)) {
		pr_warn("btf: distill: BTF has no base to distill\n");
		return util_err(-EINVAL);
	}
	n = btf__type_cnt(src_btf);
	d.split_start = btf__type_cnt(btf__base_btf(src_btf));
	d.id_map = calloc(n, sizeof(*d.id_map));
	base = btf__new_empty();
	if (!d.id_map || !base) {
		err = -ENOMEM;
		goto err_out;
	}
	btf__set_endianness(base, btf__endianness(src_btf));
	for (id = d.split_start; id < n; id++) {
		err = distill_mark(&d, id);
		if (err)
			goto err_out;
	}
	err = distill_add(&d, base, true);
	if (err)
		goto err_out;
	split = btf__new_empty_split(base);
	if (!split) {
		err = -errno;
		goto err_out;
	}
	for (id = d.split_start; id < n; id++) {
		err = btf__add_type(split, src_btf, btf__type_by_id(src_btf, id));
		if (err < 0)
			goto err_out;
	}
	err = distill_add(&d, split, false);
	if (err)
		goto err_out;
	d.shift = d.split_start - btf__type_cnt(base);
	/* every id the split part holds is still a source id: renumber */
	n = btf__type_cnt(split);
	for (id = btf__type_cnt(base); id < n; id++) {
		err = btf_type_visit_type_ids(btf_type_by_id_mut(split, id),
					      distill_fix_field, &d);
		if (err)
			goto err_out;
	}
	btf_invalidate(split);
	free(d.id_map);
	*new_base_btf = base;
	*new_split_btf = split;
	return 0;
err_out:
	pr_warn("btf: distill failed: %s\n", util_errstr(err));
	free(d.id_map);
	btf__free(split);
	btf__free(base);
	return util_err(err);
}
