// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* bpf.h map commands against the running kernel. */
#include <stdlib.h>
#include <bpf/bpf.h>

#include "test.h"
#include "test_sys.h"

TEST(map_create_hash)
{
	struct bpf_map_info info = {};
	__u32 len = sizeof(info);
	int fd = bpf_map_create(BPF_MAP_TYPE_HASH, "sys_hash", 4, 8, 16, NULL);

	ASSERT_FD(fd);
	ASSERT_GT(fd, 2);
	ASSERT_OK(bpf_map_get_info_by_fd(fd, &info, &len));
	close(fd);
	ASSERT_EQ(info.type, BPF_MAP_TYPE_HASH);
	ASSERT_EQ(info.key_size, 4);
	ASSERT_EQ(info.value_size, 8);
	ASSERT_EQ(info.max_entries, 16);
	ASSERT_STREQ(info.name, "sys_hash");
}

TEST(map_create_long_name_truncated)
{
	struct bpf_map_info info = {};
	__u32 len = sizeof(info);
	int fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "a_name_longer_than_fifteen", 4, 4, 1, NULL);

	ASSERT_FD(fd);
	ASSERT_OK(bpf_map_get_info_by_fd(fd, &info, &len));
	close(fd);
	ASSERT_STREQ(info.name, "a_name_longer_t");
}

TEST(map_create_opts_flags)
{
	LIBBPF_OPTS(bpf_map_create_opts, opts, .map_flags = BPF_F_NO_PREALLOC);
	struct bpf_map_info info = {};
	__u32 len = sizeof(info);
	int fd = bpf_map_create(BPF_MAP_TYPE_HASH, NULL, 4, 4, 8, &opts);

	ASSERT_FD(fd);
	ASSERT_OK(bpf_map_get_info_by_fd(fd, &info, &len));
	close(fd);
	ASSERT_EQ(info.map_flags, BPF_F_NO_PREALLOC);
}

TEST(map_create_bad_sizes)
{
	int fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 8, 4, 1, NULL);

	ASSERT_ERR(fd, -EINVAL);
	fd = bpf_map_create(BPF_MAP_TYPE_HASH, NULL, 4, 4, 0, NULL);
	ASSERT_ERR(fd, -EINVAL);
	fd = bpf_map_create((enum bpf_map_type)9999, NULL, 4, 4, 1, NULL);
	ASSERT_ERR(fd, -EINVAL);
}

TEST(map_create_opts_sz_too_small)
{
	struct bpf_map_create_opts opts = { .sz = 2 };
	int fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, &opts);

	ASSERT_ERR(fd, -EINVAL);
	ASSERT_LOG("bpf_map_create_opts");
}

TEST(map_create_opts_unknown_tail)
{
	struct {
		struct bpf_map_create_opts opts;
		char future[16];
	} big;
	int fd;

	memset(&big, 0, sizeof(big));
	big.opts.sz = sizeof(big);
	/* A zero tail is fine: the caller just knows a newer header. */
	fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, &big.opts);
	ASSERT_FD(fd);
	close(fd);
	big.future[3] = 1;
	fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, &big.opts);
	ASSERT_ERR(fd, -EINVAL);
	ASSERT_LOG("bpf_map_create_opts");
}

TEST(map_create_opts_old_size)
{
	/* A 1.1-era caller: the struct ended at map_ifindex. */
	struct bpf_map_create_opts opts;
	struct bpf_map_info info = {};
	__u32 len = sizeof(info);
	int fd;

	memset(&opts, 0xff, sizeof(opts));
	opts.sz = offsetof(struct bpf_map_create_opts, map_ifindex) + sizeof(__u32);
	opts.btf_fd = 0;
	opts.btf_key_type_id = 0;
	opts.btf_value_type_id = 0;
	opts.btf_vmlinux_value_type_id = 0;
	opts.inner_map_fd = 0;
	opts.map_flags = 0;
	opts.map_extra = 0;
	opts.numa_node = 0;
	opts.map_ifindex = 0;
	/* token_fd, excl_prog_hash ... are 0xff garbage past sz: ignored. */
	fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "old", 4, 4, 1, &opts);
	ASSERT_FD(fd);
	ASSERT_OK(bpf_map_get_info_by_fd(fd, &info, &len));
	close(fd);
	ASSERT_STREQ(info.name, "old");
}

TEST(map_create_log_opts)
{
	char buf[64] = "untouched";
	LIBBPF_OPTS(bpf_log_opts, log, .buf = buf, .size = sizeof(buf), .true_size = 77);
	LIBBPF_OPTS(bpf_map_create_opts, opts, .log_opts = &log);
	int fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, &opts);

	ASSERT_FD(fd);
	close(fd);
	ASSERT_EQ(log.true_size, 0);
}

TEST(map_elem_ops)
{
	int fd = sys_test_hash(4);
	__u32 key = 1, next = 0;
	__u64 val = 42, out = 0;

	ASSERT_FD(fd);
	ASSERT_OK(bpf_map_update_elem(fd, &key, &val, BPF_NOEXIST));
	ASSERT_ERR(bpf_map_update_elem(fd, &key, &val, BPF_NOEXIST), -EEXIST);
	ASSERT_OK(bpf_map_lookup_elem(fd, &key, &out));
	ASSERT_EQ(out, 42);
	out = 0;
	ASSERT_OK(bpf_map_lookup_elem_flags(fd, &key, &out, 0));
	ASSERT_EQ(out, 42);
	ASSERT_OK(bpf_map_get_next_key(fd, NULL, &next));
	ASSERT_EQ(next, 1);
	ASSERT_ERR(bpf_map_get_next_key(fd, &key, &next), -ENOENT);
	ASSERT_OK(bpf_map_delete_elem(fd, &key));
	ASSERT_ERR(bpf_map_delete_elem(fd, &key), -ENOENT);
	ASSERT_ERR(bpf_map_lookup_elem(fd, &key, &out), -ENOENT);
	ASSERT_OK(bpf_map_update_elem(fd, &key, &val, BPF_ANY));
	ASSERT_OK(bpf_map_delete_elem_flags(fd, &key, 0));
	val = 7;
	ASSERT_OK(bpf_map_update_elem(fd, &key, &val, BPF_ANY));
	out = 0;
	ASSERT_OK(bpf_map_lookup_and_delete_elem(fd, &key, &out));
	ASSERT_EQ(out, 7);
	ASSERT_OK(bpf_map_update_elem(fd, &key, &val, BPF_ANY));
	ASSERT_OK(bpf_map_lookup_and_delete_elem_flags(fd, &key, &out, 0));
	ASSERT_ERR(bpf_map_lookup_and_delete_elem(fd, &key, &out), -ENOENT);
	close(fd);
}

TEST(map_elem_bad_input)
{
	int fd = sys_test_hash(4);
	__u32 key = 1;
	__u64 val = 0;

	ASSERT_FD(fd);
	ASSERT_ERR(bpf_map_update_elem(-1, &key, &val, BPF_ANY), -EBADF);
	ASSERT_ERR(bpf_map_lookup_elem(-1, &key, &val), -EBADF);
	ASSERT_ERR(bpf_map_delete_elem(-1, &key), -EBADF);
	ASSERT_ERR(bpf_map_get_next_key(-1, NULL, &key), -EBADF);
	ASSERT_ERR(bpf_map_update_elem(fd, NULL, &val, BPF_ANY), -EFAULT);
	ASSERT_ERR(bpf_map_update_elem(fd, &key, NULL, BPF_ANY), -EFAULT);
	ASSERT_ERR(bpf_map_update_elem(fd, &key, &val, 1234), -EINVAL);
	ASSERT_ERR(bpf_map_lookup_elem_flags(fd, &key, &val, 1ULL << 40), -EINVAL);
	/* A file that is not a map. */
	ASSERT_ERR(bpf_map_lookup_elem(0, &key, &val), -EINVAL);
	close(fd);
}

TEST(map_queue_pop)
{
	int fd = bpf_map_create(BPF_MAP_TYPE_QUEUE, NULL, 0, 4, 4, NULL);
	__u32 v = 5, out = 0;

	ASSERT_FD(fd);
	ASSERT_OK(bpf_map_update_elem(fd, NULL, &v, BPF_ANY));
	ASSERT_OK(bpf_map_lookup_and_delete_elem(fd, NULL, &out));
	ASSERT_EQ(out, 5);
	ASSERT_ERR(bpf_map_lookup_and_delete_elem(fd, NULL, &out), -ENOENT);
	close(fd);
}

TEST(map_freeze)
{
	int fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
	__u32 key = 0, val = 1;

	ASSERT_FD(fd);
	ASSERT_OK(bpf_map_update_elem(fd, &key, &val, BPF_ANY));
	ASSERT_OK(bpf_map_freeze(fd));
	ASSERT_ERR(bpf_map_update_elem(fd, &key, &val, BPF_ANY), -EPERM);
	/* Frozen maps are read-only, refreezing included. */
	ASSERT_ERR(bpf_map_freeze(fd), -EPERM);
	ASSERT_OK(bpf_map_lookup_elem(fd, &key, &val));
	close(fd);
	ASSERT_ERR(bpf_map_freeze(-1), -EBADF);
}

#define BATCH_N 16

TEST(map_batch_ops)
{
	__u32 keys[BATCH_N], out_keys[BATCH_N], count, total = 0, cursor = 0;
	__u64 vals[BATCH_N], out_vals[BATCH_N];
	LIBBPF_OPTS(bpf_map_batch_opts, opts, .elem_flags = 0, .flags = 0);
	int fd = sys_test_hash(BATCH_N), err, i;
	bool first = true;

	ASSERT_FD(fd);
	for (i = 0; i < BATCH_N; i++) {
		keys[i] = i + 100;
		vals[i] = i * 3;
	}
	count = BATCH_N;
	err = bpf_map_update_batch(fd, keys, vals, &count, &opts);
	ASSERT_OK(err);
	ASSERT_EQ(count, BATCH_N);

	/* Read back in chunks of 5 until the kernel says ENOENT. */
	for (;;) {
		__u32 next;

		count = 5;
		err = bpf_map_lookup_batch(fd, first ? NULL : &cursor, &next,
					   out_keys + total, out_vals + total,
					   &count, &opts);
		total += count;
		if (err) {
			ASSERT_ERR(err, -ENOENT);
			break;
		}
		cursor = next;
		first = false;
		ASSERT_LE(total, BATCH_N);
	}
	ASSERT_EQ(total, BATCH_N);
	for (i = 0; i < BATCH_N; i++)
		ASSERT_EQ(out_vals[i], (out_keys[i] - 100) * 3);

	count = 4;
	ASSERT_OK(bpf_map_delete_batch(fd, keys, &count, NULL));
	ASSERT_EQ(count, 4);

	count = BATCH_N;
	err = bpf_map_lookup_and_delete_batch(fd, NULL, &cursor, out_keys, out_vals,
					      &count, NULL);
	ASSERT_ERR(err, -ENOENT);
	ASSERT_EQ(count, BATCH_N - 4);
	ASSERT_ERR(bpf_map_get_next_key(fd, NULL, &cursor), -ENOENT);
	close(fd);
}

TEST(map_batch_bad_input)
{
	struct {
		struct bpf_map_batch_opts opts;
		__u64 future;
	} big = { .opts.sz = sizeof(big), .future = 1 };
	__u32 keys[2] = { 1, 2 }, count = 2;
	__u64 vals[2] = { 0 };
	int fd = sys_test_hash(4);

	ASSERT_FD(fd);
	ASSERT_ERR(bpf_map_update_batch(fd, keys, vals, NULL, NULL), -EINVAL);
	ASSERT_LOG("without a count");
	ASSERT_ERR(bpf_map_update_batch(fd, keys, vals, &count, &big.opts), -EINVAL);
	ASSERT_ERR(bpf_map_update_batch(-1, keys, vals, &count, NULL), -EBADF);
	count = 2;
	ASSERT_ERR(bpf_map_lookup_batch(fd, NULL, NULL, keys, vals, &count, NULL), -EFAULT);
	close(fd);
}

TEST(map_iterate_keys)
{
	int fd = sys_test_hash(8), i, seen = 0;
	__u32 key, next;
	__u64 val = 0;

	ASSERT_FD(fd);
	for (i = 0; i < 8; i++) {
		key = i;
		ASSERT_OK(bpf_map_update_elem(fd, &key, &val, BPF_ANY));
	}
	if (!bpf_map_get_next_key(fd, NULL, &next)) {
		do {
			seen++;
			key = next;
		} while (!bpf_map_get_next_key(fd, &key, &next));
	}
	close(fd);
	ASSERT_EQ(seen, 8);
}
