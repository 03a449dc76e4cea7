// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Lookup by name: a hash index from name to the first own type id of that
 * name, with the other ids of the same name chained in id order through
 * name_next[].  Built on the first lookup and extended as types are added;
 * rebuilt when the string buffer moved (the keys point into it).  Split
 * BTF asks its base first, so the lowest matching id wins as in a scan.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "btf/btf_internal.h"
#include "util/alloc.h"
#include "util/err.h"
#include "util/hashmap.h"
#include "util/log.h"

void btf_index_free(struct btf *btf)
{
	util_hashmap_free(btf->name_index);
	btf->name_index = NULL;
	free(btf->name_next);
	btf->name_next = NULL;
	btf->name_indexed = 0;
	btf->name_index_strs = NULL;
}

static int index_update(struct btf *btf)
{
	__u32 i, *next;

	if (btf->name_index && btf->name_index_strs == btf->strs_data &&
	    btf->name_indexed == btf->nr_types)
		return 0;
	if (btf->name_index && btf->name_index_strs != btf->strs_data)
		btf_index_free(btf);
	if (!btf->name_index) {
		btf->name_index = util_hashmap_new(util_hash_str, util_equal_str, NULL);
		if (!btf->name_index)
			return -ENOMEM;
		btf->name_index_strs = btf->strs_data;
	}
	next = util_realloc_array(btf->name_next, btf->nr_types ? btf->nr_types : 1,
				  sizeof(*next));
	if (!next)
		return -ENOMEM;
	btf->name_next = next;

	for (i = btf->name_indexed; i < btf->nr_types; i++) {
		const struct btf_type *t = btf_type_by_id_raw(btf, btf->start_id + i);
		const char *name = btf_str(btf, t->name_off);
		long first;
		__u32 j;
		int err;

		next[i] = 0;
		if (!name || !*name)
			continue;
		if (!util_hashmap_find(btf->name_index, (long)name, &first)) {
			err = util_hashmap_add(btf->name_index, (long)name,
					       btf->start_id + i);
			if (err) {
				btf_index_free(btf);
				return err;
			}
			continue;
		}
		/* Same name again: append to the end of its chain. */
		for (j = first - btf->start_id; next[j]; j = next[j] - btf->start_id)
			;
		next[j] = btf->start_id + i;
	}
	btf->name_indexed = btf->nr_types;
	return 0;
}

__s32 btf_index_find(const struct btf *btf, const char *name, int kind)
{
	struct btf *b = (struct btf *)btf;
	long id;
	int err;

	if (btf->base_btf) {
		__s32 r = btf_index_find(btf->base_btf, name, kind);

		if (r != -ENOENT)
			return r;
	}
	err = index_update(b);
	if (err)
		return err;
	if (!util_hashmap_find(b->name_index, (long)name, &id))
		return -ENOENT;
	while (id) {
		const struct btf_type *t = btf_type_by_id_raw(btf, id);

		if (kind < 0 || btf_kind(t) == kind)
			return id;
		id = b->name_next[id - btf->start_id];
	}
	return -ENOENT;
}

__s32 btf__find_by_name(const struct btf *btf, const char *type_name)
{
	if (!type_name)
		return util_err(-EINVAL);
	if (!strcmp(type_name, "void"))
		return 0;
	return util_err(btf_index_find(btf, type_name, -1));
}

__s32 btf__find_by_name_kind(const struct btf *btf, const char *type_name,
			     __u32 kind)
{
	if (!type_name)
		return util_err(-EINVAL);
	if (kind == BTF_KIND_UNKN || !strcmp(type_name, "void"))
		return 0;
	return util_err(btf_index_find(btf, type_name, kind));
}
