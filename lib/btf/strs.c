// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Writable BTF: switching a parsed BTF to owned buffers, and the string
 * set that keeps added strings unique.
 *
 * The set holds own string offsets; hashing and comparing read the string
 * at the offset.  A string being looked up is passed as a negative key
 * (minus its address: user-space addresses are positive), so a lookup
 * needs no write and works on read-only BTF too.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "btf/btf_internal.h"
#include "util/alloc.h"
#include "util/err.h"
#include "util/hashmap.h"
#include "util/log.h"

static const char *key_str(const struct btf *btf, long key)
{
	return key < 0 ? (const char *)-key : btf->strs_data + key;
}

static size_t strs_hash(long key, void *ctx)
{
	return util_hash_str((long)key_str(ctx, key), NULL);
}

static bool strs_equal(long a, long b, void *ctx)
{
	return !strcmp(key_str(ctx, a), key_str(ctx, b));
}

static int build_strs_set(struct btf *btf)
{
	__u32 off;
	int err;

	btf->strs_set = util_hashmap_new(strs_hash, strs_equal, btf);
	if (!btf->strs_set)
		return -ENOMEM;
	for (off = 0; off < btf->strs_len;) {
		size_t len = strlen(btf->strs_data + off);

		err = util_hashmap_add(btf->strs_set, off, off);
		if (err && err != -EEXIST)
			return err;
		off += len + 1;
	}
	return 0;
}

int btf_make_writable(struct btf *btf)
{
	void *types;
	char *strs;
	size_t tcap, scap;

	if (btf->writable)
		return 0;
	tcap = btf->types_len ? btf->types_len : 16;
	scap = btf->strs_len ? btf->strs_len : 16;
	types = malloc(tcap);
	strs = malloc(scap);
	if (!types || !strs) {
		free(types);
		free(strs);
		return -ENOMEM;
	}
	if (btf->types_len)
		memcpy(types, btf->types_data, btf->types_len);
	if (btf->strs_len)
		memcpy(strs, btf->strs_data, btf->strs_len);
	btf->types_data = types;
	btf->types_cap = tcap;
	btf->strs_data = strs;
	btf->strs_cap = scap;

	/*
	 * The original image stays until btf__free(): callers may still hold
	 * type pointers from before the first change (it is only read).
	 */
	btf->img_raw = NULL;
	btf->writable = true;
	btf_invalidate(btf);
	return 0;
}

void btf_invalidate(struct btf *btf)
{
	free(btf->raw_cache);
	btf->raw_cache = NULL;
	free(btf->raw_swapped);
	btf->raw_swapped = NULL;
	btf_index_free(btf);
	/* Strings may have been rewritten: rebuild the set when needed. */
	util_hashmap_free(btf->strs_set);
	btf->strs_set = NULL;
}

/* Own offset of s, adding it if add; -ENOENT when absent and !add. */
static int strs_lookup(struct btf *btf, const char *s, bool add)
{
	size_t len = strlen(s) + 1;
	void *data;
	long found;
	int err;

	if (!btf->strs_set) {
		err = build_strs_set(btf);
		if (err) {
			util_hashmap_free(btf->strs_set);
			btf->strs_set = NULL;
			return err;
		}
	}
	if (util_hashmap_find(btf->strs_set, -(long)s, &found))
		return found;
	if (!add)
		return -ENOENT;
	if (len > BTF_MAX_STR_OFF - btf->start_str_off - btf->strs_len)
		return -E2BIG;
	data = btf->strs_data;
	err = util_ensure_cap(&data, &btf->strs_cap, 1, btf->strs_len + len);
	if (err)
		return err;
	btf->strs_data = data;
	memcpy(btf->strs_data + btf->strs_len, s, len);
	err = util_hashmap_add(btf->strs_set, btf->strs_len, btf->strs_len);
	if (err)
		return err;
	found = btf->strs_len;
	btf->strs_len += len;
	free(btf->raw_cache);
	btf->raw_cache = NULL;
	free(btf->raw_swapped);
	btf->raw_swapped = NULL;
	return found;
}

int btf_strs_add(struct btf *btf, const char *s)
{
	int err, off;

	err = btf_make_writable(btf);
	if (err)
		return err;
	off = strs_lookup(btf, s, true);
	return off < 0 ? off : (int)(btf->start_str_off + off);
}

int btf__find_str(struct btf *btf, const char *s)
{
	int off;

	if (!s)
		return util_err(-EINVAL);
	if (btf->base_btf) {
		off = btf__find_str(btf->base_btf, s);
		if (off >= 0)
			return off;
	}
	off = strs_lookup(btf, s, false);
	if (off < 0)
		return util_err(off);
	return btf->start_str_off + off;
}

int btf__add_str(struct btf *btf, const char *s)
{
	int off;

	if (!s)
		return util_err(-EINVAL);
	if (btf->base_btf) {
		off = btf__find_str(btf->base_btf, s);
		if (off >= 0)
			return off;
	}
	return util_err(btf_strs_add(btf, s));
}

/* Forget own strings from offset keep on (undoing a failed add). */
void btf_strs_truncate(struct btf *btf, __u32 keep)
{
	__u32 off;

	for (off = keep; off < btf->strs_len;) {
		size_t len = strlen(btf->strs_data + off);

		if (btf->strs_set)
			util_hashmap_delete(btf->strs_set, off, NULL, NULL);
		off += len + 1;
	}
	btf->strs_len = keep;
}
