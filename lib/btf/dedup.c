// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * btf__dedup(): the driver, string deduplication, compaction, and the
 * rewriting of type ids and string offsets in .BTF.ext.  The type phases
 * are in dedup_types.c; dedup_internal.h has the overview.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "btf/btf_ext.h"
#include "btf/btf_internal.h"
#include "btf/dedup_internal.h"
#include "util/alloc.h"
#include "util/err.h"
#include "util/log.h"
#include "util/opts.h"

/* ---- .BTF.ext fields ---- */

/*
 * Visit the string offsets (strs) or the type ids (!strs) of every .BTF.ext
 * record.  A group's section name offset sits just before its records.
 */
int dedup_ext_visit(struct btf_ext *ext, bool strs, dedup_field_fn fn,
		    void *ctx)
{
	static const enum btf_ext_kind kinds[] = {
		BTF_EXT_FUNC_INFO, BTF_EXT_LINE_INFO, BTF_EXT_CORE_RELO,
	};
	const struct btf_ext_info_sec *secs;
	__u32 k, s, r, cnt;
	int err;

	if (!ext)
		return 0;
	for (k = 0; k < 3; k++) {
		if (btf_ext_sections(ext, kinds[k], &secs, &cnt))
			continue;
		for (s = 0; s < cnt; s++) {
			char *rec = (char *)secs[s].data;

			if (strs && secs[s].num_info) {
				/* the raw header and its parsed copy */
				err = fn((__u32 *)rec - 2, ctx);
				if (!err)
					err = fn((__u32 *)&secs[s].sec_name_off, ctx);
				if (err)
					return err;
			}
			for (r = 0; r < secs[s].num_info;
			     r++, rec += secs[s].rec_size) {
				__u32 *w = (__u32 *)rec;

				switch (kinds[k]) {
				case BTF_EXT_FUNC_INFO:	/* insn_off, type_id */
					err = strs ? 0 : fn(&w[1], ctx);
					break;
				case BTF_EXT_LINE_INFO:	/* insn, file, line */
					err = strs ? fn(&w[1], ctx) : 0;
					if (!err && strs)
						err = fn(&w[2], ctx);
					break;
				default:	/* insn, type_id, access_str */
					err = strs ? fn(&w[2], ctx) : fn(&w[1], ctx);
					break;
				}
				if (err)
					return err;
			}
		}
	}
	return 0;
}

/* ---- phase 6: compaction ---- */

static int remap_id(__u32 *field, void *ctx)
{
	struct dedup *d = ctx;
	__u32 id = *field, r;

	if (id >= d->cnt)
		return -EINVAL;
	r = d->hypot[dedup_resolve(d, id)];
	if (r == DEDUP_UNSEEN)
		return -EINVAL;
	*field = r;
	return 0;
}

static int dedup_compact(struct dedup *d)
{
	struct btf *btf = d->btf;
	__u32 id, next = d->first, n = 0;
	char *types = btf->types_data, *p = types;
	int len, err;

	/* hypot[] becomes old id -> new id */
	for (id = 0; id < d->first; id++)
		d->hypot[id] = id;
	for (id = d->first; id < d->cnt; id++)
		d->hypot[id] = DEDUP_UNSEEN;
	for (id = d->first; id < d->cnt; id++) {
		struct btf_type *t;

		if (d->map[id] != id)
			continue;
		t = btf_type_by_id_raw(btf, id);
		len = btf_type_rec_size(t);
		if (len < 0)
			return len;
		memmove(p, t, len);
		btf->type_offs[n++] = p - types;
		d->hypot[id] = next++;
		p += len;
	}
	btf->nr_types = n;
	btf->types_len = p - types;

	for (id = d->first; id < next; id++) {
		err = btf_type_visit_type_ids(btf_type_by_id_raw(btf, id),
					      remap_id, d);
		if (err)
			return err;
	}
	err = dedup_ext_visit(d->ext, false, remap_id, d);
	if (err)
		return err;
	btf_invalidate(btf);
	return 0;
}

/* ---- driver ---- */

static void dedup_free(struct dedup *d)
{
	free(d->map);
	free(d->hypot);
	free(d->hypot_list);
	free(d->heads);
	free(d->next);
	free(d->hashes);
}

static int dedup_init(struct dedup *d)
{
	__u32 id, buckets = 1024;
	const struct btf_type *t;

	d->cnt = btf__type_cnt(d->btf);
	d->first = d->btf->start_id;
	while (buckets < d->cnt)
		buckets <<= 1;
	d->mask = buckets - 1;
	d->map = malloc(d->cnt * sizeof(*d->map));
	d->hypot = malloc(d->cnt * sizeof(*d->hypot));
	d->heads = calloc(buckets, sizeof(*d->heads));
	d->next = calloc(d->cnt, sizeof(*d->next));
	d->hashes = calloc(d->cnt, sizeof(*d->hashes));
	if (!d->map || !d->hypot || !d->heads || !d->next || !d->hashes)
		return -ENOMEM;
	d->map[0] = 0;
	d->hypot[0] = DEDUP_UNSEEN;
	for (id = 1; id < d->cnt; id++) {
		t = btf__type_by_id(d->btf, id);
		/* variables and sections are unique by definition */
		d->map[id] = btf_is_var(t) || btf_is_datasec(t) ? id
							       : DEDUP_UNSEEN;
		d->hypot[id] = DEDUP_UNSEEN;
	}
	return 0;
}

int btf__dedup(struct btf *btf, const struct btf_dedup_opts *opts)
{
	struct dedup d = { .btf = btf };
	const char *step = "setup";
	int err;

	if (!btf)
		return util_err(-EINVAL);
	if (!OPTS_OK(opts, btf_dedup_opts))
		return util_err(-EINVAL);
	d.ext = OPTS_GET(opts, btf_ext, NULL);
	d.force_collisions = OPTS_GET(opts, force_collisions, false);

	err = btf_make_writable(btf);
	if (err)
		goto out;
	err = dedup_init(&d);
	if (err)
		goto out;
	step = "base types";
	err = dedup_hash_base(&d);
	if (err)
		goto out;
	step = "strings";
	err = dedup_strings(&d);
	if (err)
		goto out;
	step = "primitive types";
	err = dedup_prim_types(&d);
	if (err)
		goto out;
	step = "struct/union types";
	err = dedup_struct_types(&d);
	if (err)
		goto out;
	step = "forward declarations";
	err = dedup_resolve_fwds(&d);
	if (err)
		goto out;
	step = "reference types";
	err = dedup_ref_types(&d);
	if (err)
		goto out;
	step = "compaction";
	err = dedup_compact(&d);
out:
	if (err)
		pr_warn("btf: dedup failed in %s: %s\n", step, util_errstr(err));
	dedup_free(&d);
	return util_err(err);
}
