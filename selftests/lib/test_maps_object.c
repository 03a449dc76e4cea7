// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* BTF-defined maps: definitions, creation, initial slots, element access, pins. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <linux/bpf.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "test.h"

static struct bpf_object *open_maps(void)
{
	return bpf_object__open_file(test_prog_path("obj_maps.bpf.o"), NULL);
}

TEST(maps_definitions_parsed)
{
	struct bpf_object *obj = open_maps();
	struct bpf_map *m;

	ASSERT_PTR(obj);
	m = bpf_object__find_map_by_name(obj, "hash_map");
	ASSERT_PTR(m);
	ASSERT_EQ(bpf_map__type(m), BPF_MAP_TYPE_HASH);
	ASSERT_EQ(bpf_map__key_size(m), 4);
	ASSERT_EQ(bpf_map__value_size(m), 8);
	ASSERT_EQ(bpf_map__max_entries(m), 16);
	ASSERT_GT(bpf_map__btf_key_type_id(m), 0);
	ASSERT_GT(bpf_map__btf_value_type_id(m), 0);
	ASSERT_FALSE(bpf_map__is_internal(m));
	ASSERT_ERR(bpf_map__fd(m), -ENOENT);

	m = bpf_object__find_map_by_name(obj, "lru_map");
	ASSERT_EQ(bpf_map__type(m), BPF_MAP_TYPE_LRU_HASH);
	ASSERT_EQ(bpf_map__value_size(m), 8);
	ASSERT_EQ(bpf_map__btf_key_type_id(m), 0);

	m = bpf_object__find_map_by_name(obj, "lpm_map");
	ASSERT_EQ(bpf_map__map_flags(m), BPF_F_NO_PREALLOC);
	ASSERT_EQ(bpf_map__key_size(m), 8);

	m = bpf_object__find_map_by_name(obj, "outer_arr");
	ASSERT_EQ(bpf_map__type(m), BPF_MAP_TYPE_ARRAY_OF_MAPS);
	ASSERT_EQ(bpf_map__value_size(m), 4);
	ASSERT_PTR(bpf_map__inner_map(m));
	ASSERT_EQ(bpf_map__max_entries(bpf_map__inner_map(m)), 1);

	m = bpf_object__find_map_by_name(obj, "jmp_table");
	ASSERT_EQ(bpf_map__type(m), BPF_MAP_TYPE_PROG_ARRAY);
	ASSERT_NULL_ERR(bpf_map__inner_map(m), -ENOENT);
	ASSERT_NULL_ERR(bpf_object__find_map_by_name(obj, "missing"), -ENOENT);

	/* setters work before load */
	m = bpf_object__find_map_by_name(obj, "hash_map");
	ASSERT_OK(bpf_map__set_max_entries(m, 32));
	ASSERT_EQ(bpf_map__max_entries(m), 32);
	bpf_object__close(obj);
}

TEST(maps_create_and_run)
{
	struct bpf_object *obj = open_maps();
	unsigned char pkt[64] = { 0 };
	LIBBPF_OPTS(bpf_test_run_opts, topts, .data_in = pkt,
		    .data_size_in = sizeof(pkt), .repeat = 1);
	struct bpf_map *m;
	struct { __u32 prefixlen, addr; } lk = { 24, 0x0000000a };
	__u32 k = 1, u32v = 77, inner_id_fd;
	__u64 v = 0;
	int inner_fd, outer_fd, fd;

	ASSERT_PTR(obj);
	/* an inner map for outer_hash, given from outside */
	ASSERT_OK(bpf_map__set_max_entries(bpf_object__find_map_by_name(obj, "hash_map"), 32));
	ASSERT_OK(bpf_object__load(obj));
	/* every map created with (or knowingly without) BTF at once */
	ASSERT_FALSE(test_log_contains("retrying without"));

	m = bpf_object__find_map_by_name(obj, "ring");
	ASSERT_EQ(bpf_map__max_entries(m), 8192);
	ASSERT_EQ(bpf_map__max_entries(bpf_object__find_map_by_name(obj, "hash_map")), 32);

	m = bpf_object__find_map_by_name(obj, "lpm_map");
	ASSERT_OK(bpf_map__update_elem(m, &lk, sizeof(lk), &u32v, sizeof(u32v), 0));

	inner_fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "extra_inner", 4, 4, 1, NULL);
	ASSERT_FD(inner_fd);
	outer_fd = bpf_object__find_map_fd_by_name(obj, "outer_hash");
	ASSERT_FD(outer_fd);
	inner_id_fd = inner_fd;
	ASSERT_OK(bpf_map_update_elem(outer_fd, &k, &inner_id_fd, 0));

	fd = bpf_program__fd(bpf_object__find_program_by_name(obj, "use_maps"));
	ASSERT_OK(bpf_prog_test_run_opts(fd, &topts));
	ASSERT_EQ(topts.retval, XDP_TX);	/* tail call reached tail_target */

	m = bpf_object__find_map_by_name(obj, "hash_map");
	ASSERT_OK(bpf_map__lookup_elem(m, &k, sizeof(k), &v, sizeof(v), 0));
	ASSERT_EQ(v, 77);		/* from the LPM match */
	m = bpf_object__find_map_by_name(obj, "array_map");
	ASSERT_OK(bpf_map__lookup_elem(m, &k, sizeof(k), &v, sizeof(v), 0));
	ASSERT_EQ(v, 7);
	k = 3;
	ASSERT_OK(bpf_map__lookup_elem(m, &k, sizeof(k), &v, sizeof(v), 0));
	ASSERT_EQ(v, 0x7a11);
	k = 0;
	ASSERT_OK(bpf_map_lookup_elem(inner_fd, &k, &u32v));
	ASSERT_EQ(u32v, 5);
	close(inner_fd);

	/* slot 2 of outer_arr holds inner_b, which the program wrote */
	m = bpf_object__find_map_by_name(obj, "inner_b");
	ASSERT_OK(bpf_map__lookup_elem(m, &k, sizeof(k), &u32v, sizeof(u32v), 0));
	ASSERT_EQ(u32v, 99);

	/* size checks */
	m = bpf_object__find_map_by_name(obj, "array_map");
	ASSERT_ERR(bpf_map__lookup_elem(m, &k, 8, &v, sizeof(v), 0), -EINVAL);
	ASSERT_ERR(bpf_map__lookup_elem(m, &k, sizeof(k), &v, 4, 0), -EINVAL);
	ASSERT_ERR(bpf_map__update_elem(m, &k, 2, &v, sizeof(v), 0), -EINVAL);
	ASSERT_ERR(bpf_map__get_next_key(m, NULL, &k, 3), -EINVAL);
	ASSERT_OK(bpf_map__get_next_key(m, NULL, &k, sizeof(k)));
	ASSERT_EQ(k, 0);
	m = bpf_object__find_map_by_name(obj, "hash_map");
	k = 1;
	ASSERT_OK(bpf_map__delete_elem(m, &k, sizeof(k), 0));
	ASSERT_ERR(bpf_map__delete_elem(m, &k, sizeof(k), 0), -ENOENT);

	m = bpf_object__find_map_by_name(obj, "percpu_map");
	{
		int cpus = libbpf_num_possible_cpus();
		__u64 *vals = calloc(cpus, 8);
		__u32 sum = 0;

		ASSERT_GT(cpus, 0);
		ASSERT_OK(bpf_map__lookup_elem(m, &k, sizeof(k), vals, 8 * cpus, 0));
		for (int i = 0; i < cpus; i++)
			sum += (__u32)vals[i];
		ASSERT_ERR(bpf_map__lookup_elem(m, &k, sizeof(k), vals, 4, 0), -EINVAL);
		free(vals);
		ASSERT_EQ(sum, 1);
	}
	bpf_object__close(obj);
}

TEST(maps_autocreate_off)
{
	struct bpf_object *obj = open_maps();
	struct bpf_map *m;

	ASSERT_PTR(obj);
	m = bpf_object__find_map_by_name(obj, "lru_map");
	ASSERT_OK(bpf_map__set_autocreate(m, false));
	ASSERT_FALSE(bpf_map__autocreate(m));
	/* use_maps needs it: its use is poisoned and the verifier says so */
	ASSERT_OK(bpf_program__set_autoload(bpf_object__find_program_by_name(obj, "use_maps"), false));
	ASSERT_OK(bpf_object__load(obj));
	ASSERT_ERR(bpf_map__fd(m), -ENOENT);
	ASSERT_ERR(bpf_map__lookup_elem(m, &(int){0}, 4, &(long){0}, 8, 0), -ENOENT);
	bpf_object__close(obj);
}

TEST(maps_reuse_fd)
{
	struct bpf_object *obj = open_maps();
	struct bpf_map *m;
	__u32 k = 2;
	__u64 v = 1234, out = 0;
	int fd;

	ASSERT_PTR(obj);
	fd = bpf_map_create(BPF_MAP_TYPE_HASH, "reused", 4, 8, 16, NULL);
	ASSERT_FD(fd);
	ASSERT_OK(bpf_map_update_elem(fd, &k, &v, 0));
	m = bpf_object__find_map_by_name(obj, "hash_map");
	ASSERT_OK(bpf_map__reuse_fd(m, fd));
	ASSERT_ERR(bpf_map__set_max_entries(m, 3), -EBUSY);
	ASSERT_OK(bpf_object__load(obj));
	ASSERT_OK(bpf_map__lookup_elem(m, &k, sizeof(k), &out, sizeof(out), 0));
	ASSERT_EQ(out, 1234);
	ASSERT_NE(bpf_map__fd(m), fd);
	close(fd);
	bpf_object__close(obj);
}

TEST(maps_pin_by_name_reused)
{
	char dir[128], path[192];
	LIBBPF_OPTS(bpf_object_open_opts, opts, .pin_root_path = dir);
	struct bpf_object *a, *b;
	struct bpf_map *ma, *mb;
	__u32 k = 1, v = 0;
	int fd;

	if (!test_have_bpffs())
		TEST_SKIP("no bpffs");
	snprintf(dir, sizeof(dir), "/sys/fs/bpf/bpfkit_obj_%d", getpid());
	snprintf(path, sizeof(path), "%s/pinned_map", dir);
	a = bpf_object__open_file(test_prog_path("obj_pinned.bpf.o"), &opts);
	ASSERT_PTR(a);
	ma = bpf_object__find_map_by_name(a, "pinned_map");
	ASSERT_STREQ(bpf_map__pin_path(ma), path);
	ASSERT_FALSE(bpf_map__is_pinned(ma));
	ASSERT_OK(bpf_object__load(a));
	ASSERT_TRUE(bpf_map__is_pinned(ma));
	ASSERT_EQ(access(path, F_OK), 0);
	fd = bpf_program__fd(bpf_object__find_program_by_name(a, "bump"));
	ASSERT_OK(bpf_prog_test_run_opts(fd, NULL));

	b = bpf_object__open_file(test_prog_path("obj_pinned.bpf.o"), &opts);
	ASSERT_PTR(b);
	ASSERT_OK(bpf_object__load(b));
	mb = bpf_object__find_map_by_name(b, "pinned_map");
	ASSERT_TRUE(bpf_map__is_pinned(mb));
	fd = bpf_program__fd(bpf_object__find_program_by_name(b, "bump"));
	ASSERT_OK(bpf_prog_test_run_opts(fd, NULL));
	ASSERT_OK(bpf_map__lookup_elem(ma, &k, 4, &v, 4, 0));
	ASSERT_EQ(v, 2);	/* both objects bumped the same map */

	ASSERT_OK(bpf_map__unpin(ma, NULL));
	ASSERT_FALSE(bpf_map__is_pinned(ma));
	ASSERT_NE(access(path, F_OK), 0);
	bpf_object__close(a);
	bpf_object__close(b);
	rmdir(dir);
}

TEST(maps_pin_incompatible_refused)
{
	char dir[128], path[192];
	LIBBPF_OPTS(bpf_object_open_opts, opts, .pin_root_path = dir);
	struct bpf_object *obj;
	int fd;

	if (!test_have_bpffs())
		TEST_SKIP("no bpffs");
	snprintf(dir, sizeof(dir), "/sys/fs/bpf/bpfkit_objx_%d", getpid());
	snprintf(path, sizeof(path), "%s/pinned_map", dir);
	mkdir(dir, 0700);
	fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "other", 4, 4, 1, NULL);
	ASSERT_FD(fd);
	ASSERT_OK(bpf_obj_pin(fd, path));
	close(fd);
	obj = bpf_object__open_file(test_prog_path("obj_pinned.bpf.o"), &opts);
	ASSERT_PTR(obj);
	ASSERT_ERR(bpf_object__load(obj), -EINVAL);
	ASSERT_LOG("does not match the definition");
	bpf_object__close(obj);
	unlink(path);
	rmdir(dir);
}

TEST(maps_object_pin_all)
{
	char dir[128], path[256];
	struct bpf_object *obj;

	if (!test_have_bpffs())
		TEST_SKIP("no bpffs");
	snprintf(dir, sizeof(dir), "/sys/fs/bpf/bpfkit_objall_%d", getpid());
	obj = bpf_object__open_file(test_prog_path("obj_subprogs.bpf.o"), NULL);
	ASSERT_PTR(obj);
	ASSERT_ERR(bpf_object__pin(obj, dir), -ENOENT);
	ASSERT_OK(bpf_object__load(obj));
	ASSERT_OK(bpf_object__pin(obj, dir));
	snprintf(path, sizeof(path), "%s/calls_xdp", dir);
	ASSERT_EQ(access(path, F_OK), 0);
	snprintf(path, sizeof(path), "%s/obj_subprog_bss", dir);
	ASSERT_EQ(access(path, F_OK), 0);
	ASSERT_OK(bpf_object__unpin(obj, dir));
	ASSERT_NE(access(path, F_OK), 0);
	ASSERT_ERR(bpf_program__pin(bpf_object__find_program_by_name(obj, "calls_tc"),
				    "/tmp/not_bpffs_pin"), -EINVAL);
	ASSERT_LOG("is not on a BPF filesystem");
	bpf_object__close(obj);
	rmdir(dir);
}

TEST(maps_inner_map_fd_and_iteration)
{
	struct bpf_object *obj = open_maps();
	struct bpf_map *m, *outer, *prev = NULL;
	int inner_fd, n = 0;

	ASSERT_PTR(obj);
	bpf_object__for_each_map(m, obj) {
		ASSERT_TRUE(bpf_object__prev_map(obj, m) == prev);
		prev = m;
		n++;
	}
	ASSERT_EQ(n, 11 + 0);	/* 11 .maps entries, no global data */
	ASSERT_TRUE(bpf_object__prev_map(obj, NULL) == prev);

	outer = bpf_object__find_map_by_name(obj, "outer_hash");
	inner_fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "tmpl", 4, 4, 1, NULL);
	ASSERT_FD(inner_fd);
	ASSERT_OK(bpf_map__set_inner_map_fd(outer, inner_fd));
	ASSERT_NULL_ERR(bpf_map__inner_map(outer), -ENOENT);
	ASSERT_ERR(bpf_map__set_inner_map_fd(outer, inner_fd), -EINVAL);
	ASSERT_ERR(bpf_map__set_inner_map_fd(bpf_object__find_map_by_name(obj, "hash_map"),
					     inner_fd), -EINVAL);
	ASSERT_OK(bpf_map__set_map_extra(bpf_object__find_map_by_name(obj, "hash_map"), 0));
	ASSERT_OK(bpf_map__set_numa_node(bpf_object__find_map_by_name(obj, "hash_map"), 0));
	ASSERT_OK(bpf_object__load(obj));
	ASSERT_FD(bpf_map__fd(outer));
	close(inner_fd);
	bpf_object__close(obj);
}

TEST(maps_bad_definitions)
{
	/* an unknown attribute in a map definition is refused */
	struct bpf_object *obj;
	LIBBPF_OPTS(bpf_object_open_opts, opts, .relaxed_maps = true);

	obj = bpf_object__open_file(test_prog_path("obj_badmap.bpf.o"), NULL);
	ASSERT_NULL_ERR(obj, -ENOTSUP);
	ASSERT_LOG("map 'odd_map': unknown attribute 'color'");
	obj = bpf_object__open_file(test_prog_path("obj_badmap.bpf.o"), &opts);
	ASSERT_PTR(obj);
	bpf_object__close(obj);
}

TEST(maps_exclusive_program)
{
	struct bpf_object *obj;
	struct bpf_map *m;
	struct bpf_program *owner, *intruder;
	__u32 k = 0;
	__u64 v = 0;
	int err;

	obj = bpf_object__open_file(test_prog_path("obj_excl.bpf.o"), NULL);
	ASSERT_PTR(obj);
	m = bpf_object__find_map_by_name(obj, "excl_map");
	owner = bpf_object__find_program_by_name(obj, "owner");
	intruder = bpf_object__find_program_by_name(obj, "intruder");
	ASSERT_OK(bpf_map__set_exclusive_program(m, owner));
	ASSERT_TRUE(bpf_map__exclusive_program(m) == owner);
	ASSERT_OK(bpf_program__set_autoload(intruder, false));
	err = bpf_object__load(obj);
	if (err == -EINVAL && test_log_contains("failed to create"))
		TEST_SKIP("kernel without exclusive maps");
	ASSERT_OK(err);
	ASSERT_OK(bpf_prog_test_run_opts(bpf_program__fd(owner), NULL));
	ASSERT_OK(bpf_map__lookup_elem(m, &k, 4, &v, 8, 0));
	ASSERT_EQ(v, 1);
	bpf_object__close(obj);

	/* another program using the map is refused by the verifier */
	obj = bpf_object__open_file(test_prog_path("obj_excl.bpf.o"), NULL);
	ASSERT_PTR(obj);
	ASSERT_OK(bpf_map__set_exclusive_program(bpf_object__find_map_by_name(obj, "excl_map"),
						 bpf_object__find_program_by_name(obj, "owner")));
	ASSERT_LT(bpf_object__load(obj), 0);
	ASSERT_LOG("prog 'intruder'");
	bpf_object__close(obj);
}

TEST(maps_map_extra_ulong)
{
	struct bpf_object *obj;
	struct bpf_map *m;
	__u32 v = 7;
	unsigned char pkt[64] = { 0 };
	LIBBPF_OPTS(bpf_test_run_opts, topts, .data_in = pkt,
		    .data_size_in = sizeof(pkt), .repeat = 1);

	obj = bpf_object__open_file(test_prog_path("obj_bloom.bpf.o"), NULL);
	ASSERT_PTR(obj);
	m = bpf_object__find_map_by_name(obj, "bloom");
	ASSERT_EQ(bpf_map__type(m), BPF_MAP_TYPE_BLOOM_FILTER);
	ASSERT_EQ(bpf_map__map_extra(m), 3);
	ASSERT_EQ(bpf_map__key_size(m), 0);
	ASSERT_OK(bpf_object__load(obj));
	ASSERT_OK(bpf_prog_test_run_opts(bpf_program__fd(
		bpf_object__find_program_by_name(obj, "add_value")), &topts));
	/* a bloom filter "lookup" is a peek with the value */
	ASSERT_OK(bpf_map_lookup_elem(bpf_map__fd(m), NULL, &v));
	bpf_object__close(obj);
}
