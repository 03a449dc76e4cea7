// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* bpf.h pin/get, id walking, fd by id and info commands. */
#include <fcntl.h>
#include <stdlib.h>
#include <bpf/bpf.h>

#include "test.h"
#include "test_sys.h"

#ifndef BPF_F_PATH_FD
#define BPF_F_PATH_FD (1U << 14)
#endif

static __u32 map_id_of(int fd)
{
	struct bpf_map_info info = {};
	__u32 len = sizeof(info);

	if (bpf_map_get_info_by_fd(fd, &info, &len))
		return 0;
	return info.id;
}

TEST(obj_pin_and_get)
{
	int fd, fd2, err;
	char path[256];
	__u32 key = 1;
	__u64 val = 5;

	if (!test_have_bpffs())
		TEST_SKIP("no bpffs");
	snprintf(path, sizeof(path), "%s", sys_test_pin_path("map"));
	fd = sys_test_hash(2);
	ASSERT_FD(fd);
	err = bpf_obj_pin(fd, path);
	if (err) {
		close(fd);
		ASSERT_OK(err);
	}
	fd2 = bpf_obj_get(path);
	unlink(path);
	ASSERT_FD(fd2);
	ASSERT_EQ(map_id_of(fd), map_id_of(fd2));
	ASSERT_OK(bpf_map_update_elem(fd2, &key, &val, BPF_ANY));
	close(fd);
	close(fd2);
}

TEST(obj_get_read_only)
{
	LIBBPF_OPTS(bpf_obj_get_opts, opts, .file_flags = BPF_F_RDONLY);
	char path[256];
	int fd, ro;
	__u32 key = 1;
	__u64 val = 5;

	if (!test_have_bpffs())
		TEST_SKIP("no bpffs");
	snprintf(path, sizeof(path), "%s", sys_test_pin_path("ro"));
	fd = sys_test_hash(2);
	ASSERT_FD(fd);
	ASSERT_OK(bpf_obj_pin(fd, path));
	ro = bpf_obj_get_opts(path, &opts);
	unlink(path);
	close(fd);
	ASSERT_FD(ro);
	ASSERT_ERR(bpf_map_update_elem(ro, &key, &val, BPF_ANY), -EPERM);
	close(ro);
}

TEST(obj_pin_path_fd)
{
	LIBBPF_OPTS(bpf_obj_pin_opts, pin_opts, .file_flags = BPF_F_PATH_FD);
	LIBBPF_OPTS(bpf_obj_get_opts, get_opts, .file_flags = BPF_F_PATH_FD);
	char name[64];
	int dir, fd, fd2;

	if (!test_have_bpffs())
		TEST_SKIP("no bpffs");
	snprintf(name, sizeof(name), "bpfkit_sys_%d_rel", (int)getpid());
	dir = open("/sys/fs/bpf", O_DIRECTORY | O_RDONLY | O_CLOEXEC);
	ASSERT_FD(dir);
	pin_opts.path_fd = dir;
	get_opts.path_fd = dir;
	fd = sys_test_hash(2);
	ASSERT_FD(fd);
	ASSERT_OK(bpf_obj_pin_opts(fd, name, &pin_opts));
	fd2 = bpf_obj_get_opts(name, &get_opts);
	unlinkat(dir, name, 0);
	close(dir);
	ASSERT_FD(fd2);
	ASSERT_EQ(map_id_of(fd), map_id_of(fd2));
	close(fd);
	close(fd2);
}

TEST(obj_pin_get_bad_input)
{
	struct {
		struct bpf_obj_pin_opts opts;
		__u64 future;
	} big = { .opts.sz = sizeof(big), .future = 1 };
	struct bpf_obj_get_opts small = { .sz = 0 };
	int fd = sys_test_hash(1);

	ASSERT_FD(fd);
	if (!test_have_bpffs())
		TEST_SKIP("no bpffs");
	/* The kernel tries map, prog and link in turn: -1 is none of them. */
	ASSERT_ERR(bpf_obj_pin(-1, sys_test_pin_path("x")), -EINVAL);
	ASSERT_ERR(bpf_obj_pin(fd, NULL), -EFAULT);
	/* Pins live in bpffs only. */
	ASSERT_ERR(bpf_obj_pin(fd, "/tmp/bpfkit_not_bpffs"), -EPERM);
	ASSERT_ERR(bpf_obj_pin_opts(fd, sys_test_pin_path("x"), &big.opts), -EINVAL);
	ASSERT_ERR(bpf_obj_get(sys_test_pin_path("missing")), -ENOENT);
	ASSERT_ERR(bpf_obj_get(NULL), -EFAULT);
	ASSERT_ERR(bpf_obj_get_opts(sys_test_pin_path("x"), &small), -EINVAL);
	close(fd);
}

TEST(next_id_finds_new_map)
{
	int fd = sys_test_hash(1);
	__u32 id = 0, want, next;
	bool found = false;

	ASSERT_FD(fd);
	want = map_id_of(fd);
	ASSERT_GT(want, 0);
	while (!bpf_map_get_next_id(id, &next)) {
		if (next == want)
			found = true;
		id = next;
	}
	close(fd);
	ASSERT_EQ(errno, ENOENT);
	ASSERT_TRUE(found);
}

TEST(next_id_all_kinds)
{
	int prog = sys_test_load(BPF_PROG_TYPE_SOCKET_FILTER, 0, NULL, NULL);
	char raw[128];
	int btf = bpf_btf_load(raw, sys_test_btf(raw, sizeof(raw)), NULL);
	__u32 next = 0;

	ASSERT_FD(prog);
	ASSERT_FD(btf);
	ASSERT_OK(bpf_prog_get_next_id(0, &next));
	ASSERT_GT(next, 0);
	ASSERT_OK(bpf_btf_get_next_id(0, &next));
	ASSERT_GT(next, 0);
	ASSERT_ERR(bpf_prog_get_next_id(INT32_MAX - 1, &next), -ENOENT);
	ASSERT_ERR(bpf_map_get_next_id(INT32_MAX - 1, &next), -ENOENT);
	ASSERT_ERR(bpf_btf_get_next_id(INT32_MAX - 1, &next), -ENOENT);
	ASSERT_ERR(bpf_link_get_next_id(INT32_MAX - 1, &next), -ENOENT);
	/* Ids stop below INT_MAX; asking past that is an error. */
	ASSERT_ERR(bpf_map_get_next_id(UINT32_MAX, &next), -EINVAL);
	ASSERT_ERR(bpf_prog_get_next_id(0, NULL), -EINVAL);
	ASSERT_ERR(bpf_link_get_next_id(0, NULL), -EINVAL);
	close(prog);
	close(btf);
}

TEST(fd_by_id)
{
	LIBBPF_OPTS(bpf_get_fd_by_id_opts, ro, .open_flags = BPF_F_RDONLY);
	int map = sys_test_hash(1), prog, btf, fd;
	struct bpf_prog_info pinfo = {};
	struct bpf_btf_info binfo = {};
	__u32 len, key = 0;
	__u64 val = 0;
	char raw[128];

	prog = sys_test_load(BPF_PROG_TYPE_SOCKET_FILTER, 0, NULL, NULL);
	btf = bpf_btf_load(raw, sys_test_btf(raw, sizeof(raw)), NULL);
	ASSERT_FD(map);
	ASSERT_FD(prog);
	ASSERT_FD(btf);

	fd = bpf_map_get_fd_by_id(map_id_of(map));
	ASSERT_FD(fd);
	ASSERT_EQ(map_id_of(fd), map_id_of(map));
	close(fd);
	fd = bpf_map_get_fd_by_id_opts(map_id_of(map), &ro);
	ASSERT_FD(fd);
	ASSERT_ERR(bpf_map_update_elem(fd, &key, &val, BPF_ANY), -EPERM);
	close(fd);

	len = sizeof(pinfo);
	ASSERT_OK(bpf_prog_get_info_by_fd(prog, &pinfo, &len));
	fd = bpf_prog_get_fd_by_id(pinfo.id);
	ASSERT_FD(fd);
	close(fd);
	fd = bpf_prog_get_fd_by_id_opts(pinfo.id, NULL);
	ASSERT_FD(fd);
	close(fd);

	len = sizeof(binfo);
	ASSERT_OK(bpf_btf_get_info_by_fd(btf, &binfo, &len));
	fd = bpf_btf_get_fd_by_id(binfo.id);
	ASSERT_FD(fd);
	close(fd);
	fd = bpf_btf_get_fd_by_id_opts(binfo.id, NULL);
	ASSERT_FD(fd);
	close(fd);

	close(map);
	close(prog);
	close(btf);
}

TEST(fd_by_id_bad_input)
{
	struct {
		struct bpf_get_fd_by_id_opts opts;
		__u64 future;
	} big = { .opts.sz = sizeof(big), .future = 1 };
	LIBBPF_OPTS(bpf_get_fd_by_id_opts, bad_flags, .open_flags = 0x12345);

	ASSERT_ERR(bpf_map_get_fd_by_id(UINT32_MAX), -ENOENT);
	ASSERT_ERR(bpf_prog_get_fd_by_id(UINT32_MAX), -ENOENT);
	ASSERT_ERR(bpf_btf_get_fd_by_id(UINT32_MAX), -ENOENT);
	ASSERT_ERR(bpf_link_get_fd_by_id(UINT32_MAX), -ENOENT);
	ASSERT_ERR(bpf_map_get_fd_by_id_opts(1, &big.opts), -EINVAL);
	ASSERT_ERR(bpf_link_get_fd_by_id_opts(1, &big.opts), -EINVAL);
	ASSERT_ERR(bpf_map_get_fd_by_id_opts(UINT32_MAX, &bad_flags), -EINVAL);
}

TEST(info_by_fd)
{
	int map = sys_test_hash(3);
	struct bpf_map_info info;
	__u32 len;

	ASSERT_FD(map);
	/* A shorter buffer gets a prefix and the length actually filled. */
	memset(&info, 0, sizeof(info));
	len = offsetof(struct bpf_map_info, key_size);
	ASSERT_OK(bpf_obj_get_info_by_fd(map, &info, &len));
	ASSERT_EQ(len, offsetof(struct bpf_map_info, key_size));
	ASSERT_EQ(info.type, BPF_MAP_TYPE_HASH);
	ASSERT_EQ(info.key_size, 0);

	len = sizeof(info);
	ASSERT_OK(bpf_map_get_info_by_fd(map, &info, &len));
	ASSERT_EQ(info.max_entries, 3);

	ASSERT_ERR(bpf_obj_get_info_by_fd(map, &info, NULL), -EINVAL);
	ASSERT_LOG("without info_len");
	ASSERT_ERR(bpf_obj_get_info_by_fd(-1, &info, &len), -EBADFD);
	/* stdin: an fd, but not a BPF object. */
	ASSERT_ERR(bpf_obj_get_info_by_fd(0, &info, &len), -EINVAL);
	close(map);
}
