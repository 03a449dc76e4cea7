// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Internal utilities: hash map, option struct validation, capacity growth. */
#include <stdlib.h>

#include "test.h"
#include "util/hashmap.h"
#include "util/opts.h"
#include "util/alloc.h"
#include "util/log.h"

TEST(hashmap_add_find_delete)
{
	struct util_hashmap *m = util_hashmap_new(util_hash_long, util_equal_long, NULL);
	long v, k, sum = 0;
	size_t it = 0;
	int i;

	ASSERT_PTR(m);
	for (i = 0; i < 10000; i++)
		ASSERT_OK(util_hashmap_add(m, i, i * 2));
	ASSERT_EQ(util_hashmap_add(m, 5, 0), -EEXIST);
	ASSERT_EQ(util_hashmap_size(m), 10000);
	ASSERT_TRUE(util_hashmap_find(m, 4321, &v));
	ASSERT_EQ(v, 8642);
	for (i = 0; i < 10000; i += 2)
		ASSERT_TRUE(util_hashmap_delete(m, i, NULL, NULL));
	ASSERT_FALSE(util_hashmap_find(m, 4320, NULL));
	ASSERT_TRUE(util_hashmap_find(m, 4321, NULL));
	while (util_hashmap_next(m, &it, &k, &v)) {
		ASSERT_EQ(k % 2, 1);
		sum += v;
	}
	ASSERT_EQ(sum, 2L * 25000000);
	ASSERT_OK(util_hashmap_set(m, 7, 70, &v));
	ASSERT_EQ(v, 14);
	util_hashmap_free(m);
}

TEST(hashmap_strings)
{
	struct util_hashmap *m = util_hashmap_new(util_hash_str, util_equal_str, NULL);
	char key[] = "task_struct";
	long v;

	ASSERT_PTR(m);
	ASSERT_OK(util_hashmap_add(m, (long)"task_struct", 1));
	ASSERT_TRUE(util_hashmap_find(m, (long)key, &v));
	ASSERT_EQ(v, 1);
	ASSERT_FALSE(util_hashmap_find(m, (long)"mm_struct", NULL));
	util_hashmap_free(m);
}

struct fake_opts {
	size_t sz;
	int a;
	long b;
};

TEST(opts_validation)
{
	struct { struct fake_opts o; long extra; } bigger = { { sizeof(bigger), 1, 2 }, 0 };
	struct fake_opts small = { sizeof(size_t) + sizeof(int), 3, 99 };
	struct fake_opts tiny = { 2 };
	struct fake_opts *none = NULL, *sp = &small, *tp = &tiny;

	ASSERT_TRUE(OPTS_OK(none, fake_opts));
	ASSERT_TRUE(OPTS_OK(&bigger.o, fake_opts));
	bigger.extra = 1;
	ASSERT_FALSE(OPTS_OK(&bigger.o, fake_opts));
	ASSERT_LOG("fake_opts");
	ASSERT_FALSE(OPTS_OK(tp, fake_opts));
	ASSERT_TRUE(OPTS_OK(sp, fake_opts));
	ASSERT_EQ(OPTS_GET(sp, a, -1), 3);
	/* b lies past the caller's sz: the fallback wins over the stale value */
	ASSERT_EQ(OPTS_GET(sp, b, -1), -1);
	ASSERT_EQ(OPTS_GET(none, a, 42), 42);
}

TEST(ensure_cap_and_overflow)
{
	int *arr = NULL;
	size_t cap = 0;

	ASSERT_OK(util_ensure_cap((void **)&arr, &cap, sizeof(*arr), 100));
	ASSERT_GE(cap, 100);
	ASSERT_EQ(arr[99], 0);
	free(arr);
	ASSERT_TRUE(util_realloc_array(NULL, (size_t)-1, 16) == NULL);
	ASSERT_EQ(errno, ENOMEM);
}

TEST(errstr_names_errno)
{
	ASSERT_TRUE(strstr(util_errstr(-ENOENT), "ENOENT") != NULL);
	ASSERT_TRUE(strstr(util_errstr(524), "ENOTSUPP") != NULL);
}
