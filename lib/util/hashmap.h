/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * A small open-addressing hash map from long to long (keys and values are
 * usually pointers or ids cast to long).  Used for string interning, BTF
 * name indexes and candidate caches.  Not thread-safe.
 */
#ifndef BPFKIT_UTIL_HASHMAP_H
#define BPFKIT_UTIL_HASHMAP_H

#include <stdbool.h>
#include <stddef.h>

typedef size_t (*util_hash_fn)(long key, void *ctx);
typedef bool (*util_equal_fn)(long a, long b, void *ctx);

struct util_hashmap;

struct util_hashmap *util_hashmap_new(util_hash_fn hash, util_equal_fn equal,
				      void *ctx);
void util_hashmap_free(struct util_hashmap *map);
size_t util_hashmap_size(const struct util_hashmap *map);

/* Adds key; -EEXIST if it is present, -ENOMEM. */
int util_hashmap_add(struct util_hashmap *map, long key, long value);
/* Adds or replaces; the previous value (if any) goes to *old. */
int util_hashmap_set(struct util_hashmap *map, long key, long value,
		     long *old_value);
bool util_hashmap_find(const struct util_hashmap *map, long key, long *value);
bool util_hashmap_delete(struct util_hashmap *map, long key, long *old_key,
			 long *old_value);

/* Iteration: size_t it = 0; while (util_hashmap_next(m, &it, &k, &v)) ... */
bool util_hashmap_next(const struct util_hashmap *map, size_t *iter,
		       long *key, long *value);

/* Ready-made hash/equal pairs. */
size_t util_hash_str(long key, void *ctx);	/* key is a const char * */
bool util_equal_str(long a, long b, void *ctx);
size_t util_hash_long(long key, void *ctx);
bool util_equal_long(long a, long b, void *ctx);

/* FNV-1a over bytes, for callers that hash their own records. */
size_t util_hash_bytes(const void *data, size_t len, size_t seed);

#endif
