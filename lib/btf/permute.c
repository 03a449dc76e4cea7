// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * btf__permute(): renumber the own types of a BTF (and the type ids of a
 * .BTF.ext) by a caller-given map, optionally dropping types (new id 0).
 *
 * All or nothing: the map and every reference are checked before anything
 * changes.  The base of a split BTF is never touched.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "btf/btf_ext.h"
#include "btf/btf_internal.h"
#include "util/err.h"
#include "util/log.h"
#include "util/opts.h"

struct permute {
	struct btf *btf;
	const __u32 *id_map;
	__u32 start;		/* first own id */
	__u32 skew;		/* id_map index of own id x: x - skew */
};

/* New id of id, or 0 if it is dropped; ids below start stay. */
static __u32 perm_new_id(const struct permute *p, __u32 id)
{
	if (id < p->start)
		return id;
	return p->id_map[id - p->skew];
}

static int perm_check_field(__u32 *field, void *ctx)
{
	const struct permute *p = ctx;

	if (*field >= p->start + p->btf->nr_types)
		return -EINVAL;
	return *field >= p->start && !perm_new_id(p, *field) ? -ENOENT : 0;
}

static int perm_set_field(__u32 *field, void *ctx)
{
	*field = perm_new_id(ctx, *field);
	return 0;
}

/* Type ids in .BTF.ext: func_info's second word, core_relo's second word. */
static int perm_ext(struct btf_ext *ext, struct permute *p, bool apply)
{
	static const enum btf_ext_kind kinds[] = {
		BTF_EXT_FUNC_INFO, BTF_EXT_CORE_RELO,
	};
	const struct btf_ext_info_sec *secs;
	__u32 k, s, r, cnt;
	int err;

	if (!ext)
		return 0;
	for (k = 0; k < 2; k++) {
		if (btf_ext_sections(ext, kinds[k], &secs, &cnt))
			continue;
		for (s = 0; s < cnt; s++) {
			char *rec = (char *)secs[s].data;

			for (r = 0; r < secs[s].num_info;
			     r++, rec += secs[s].rec_size) {
				__u32 *id = (__u32 *)rec + 1;

				err = apply ? perm_set_field(id, p)
					    : perm_check_field(id, p);
				if (err)
					return err;
			}
		}
	}
	return 0;
}

int btf__permute(struct btf *btf, __u32 *id_map, __u32 id_map_cnt,
		 const struct btf_permute_opts *opts)
{
	struct permute p = { .btf = btf, .id_map = id_map };
	__u32 *inv = NULL, *offs = NULL, n, i, kept = 0, old, want;
	struct btf_ext *ext;
	char *types = NULL, *q;
	int err, len;

	if (!btf || !id_map)
		return util_err(-EINVAL);
	if (!OPTS_OK(opts, btf_permute_opts))
		return util_err(-EINVAL);
	ext = OPTS_GET(opts, btf_ext, NULL);
	n = btf->nr_types;
	p.start = btf->start_id;
	/* plain BTF: the map includes void at index 0 */
	p.skew = btf->base_btf ? p.start : 0;
	want = btf->base_btf ? n : n + 1;
	if (id_map_cnt != want) {
		pr_warn("btf: permute: %u map entries for %u types\n",
			id_map_cnt, want);
		return util_err(-EINVAL);
	}
	if (!btf->base_btf && id_map[0] != 0) {
		pr_warn("btf: permute: void (id 0) cannot move\n");
		return util_err(-EINVAL);
	}

	inv = calloc(n ? n : 1, sizeof(*inv));
	if (!inv)
		return util_err(-ENOMEM);
	for (old = p.start; old < p.start + n; old++)
		if (perm_new_id(&p, old))
			kept++;
	/* the new ids of kept types are exactly start .. start + kept - 1 */
	for (old = p.start; old < p.start + n; old++) {
		__u32 nid = perm_new_id(&p, old);

		if (!nid)
			continue;
		if (nid < p.start || nid >= p.start + kept ||
		    inv[nid - p.start]) {
			pr_warn("btf: permute: type [%u]: new id %u is %s\n", old,
				nid, nid < p.start || nid >= p.start + kept ?
				"out of range" : "given twice");
			err = -EINVAL;
			goto out;
		}
		inv[nid - p.start] = old;
	}
	/* nothing kept may refer to something dropped */
	for (old = p.start; old < p.start + n; old++) {
		if (!perm_new_id(&p, old))
			continue;
		err = btf_type_visit_type_ids(btf_type_by_id_raw(btf, old),
					      perm_check_field, &p);
		if (err) {
			pr_warn("btf: permute: type [%u] refers to a dropped or missing type\n",
				old);
			err = -EINVAL;
			goto out;
		}
	}
	err = perm_ext(ext, &p, false);
	if (err) {
		pr_warn("btf: permute: .BTF.ext refers to a dropped or missing type\n");
		err = -EINVAL;
		goto out;
	}

	err = btf_make_writable(btf);
	if (err)
		goto out;
	types = malloc(btf->types_len ? btf->types_len : 1);
	offs = malloc((kept ? kept : 1) * sizeof(*offs));
	if (!types || !offs) {
		err = -ENOMEM;
		goto out;
	}
	for (i = 0, q = types; i < kept; i++) {
		const struct btf_type *t = btf_type_by_id_raw(btf, inv[i]);

		len = btf_type_rec_size(t);
		memcpy(q, t, len);
		offs[i] = q - types;
		q += len;
	}
	for (i = 0; i < kept; i++)
		btf_type_visit_type_ids((struct btf_type *)(types + offs[i]),
					perm_set_field, &p);
	perm_ext(ext, &p, true);

	free(btf->types_data);
	btf->types_data = types;
	btf->types_cap = btf->types_len ? btf->types_len : 1;
	btf->types_len = q - types;
	free(btf->type_offs);
	btf->type_offs = offs;
	btf->type_offs_cap = kept ? kept : 1;
	btf->nr_types = kept;
	types = NULL;
	offs = NULL;
	btf_invalidate(btf);
out:
	free(types);
	free(offs);
	free(inv);
	return util_err(err);
}
