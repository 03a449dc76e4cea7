// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* fd hygiene of the syscall layer, and its fault-injection hook. */
#include <fcntl.h>
#include <stdlib.h>
#include <bpf/bpf.h>

#include "test.h"
#include "test_sys.h"
#include "sys/sys.h"

TEST(fd_no_leak_create_close)
{
	int before = test_count_fds(), i, fd;

	for (i = 0; i < 1000; i++) {
		fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, NULL);
		ASSERT_FD(fd);
		close(fd);
	}
	for (i = 0; i < 200; i++) {
		fd = sys_test_load(BPF_PROG_TYPE_SOCKET_FILTER, 0, NULL, NULL);
		ASSERT_FD(fd);
		close(fd);
	}
	ASSERT_EQ(test_count_fds(), before);
}

TEST(fd_no_leak_on_errors)
{
	int before = test_count_fds(), i;
	char log[256];
	const struct bpf_insn bad[] = { INSN_EXIT() };
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .log_buf = log, .log_size = sizeof(log));

	for (i = 0; i < 100; i++) {
		ASSERT_LT(bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 8, 4, 1, NULL), 0);
		ASSERT_LT(bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, NULL, "GPL", bad, 1, &opts), 0);
		ASSERT_LT(bpf_obj_get("/sys/fs/bpf/bpfkit_sys_none"), 0);
	}
	ASSERT_EQ(test_count_fds(), before);
}

TEST(fd_cloexec)
{
	int fd = sys_test_hash(1);
	int flags;

	ASSERT_FD(fd);
	flags = fcntl(fd, F_GETFD);
	close(fd);
	ASSERT_TRUE(flags & FD_CLOEXEC);
}

TEST(fd_moved_above_stdio)
{
	int saved = fcntl(0, F_DUPFD_CLOEXEC, 10);
	int fd, err;

	ASSERT_FD(saved);
	/* With stdin closed the kernel would hand out fd 0. */
	close(0);
	fd = sys_test_hash(1);
	err = errno;
	dup2(saved, 0);
	close(saved);
	errno = err;
	ASSERT_FD(fd);
	ASSERT_GT(fd, 2);
	ASSERT_TRUE(fcntl(fd, F_GETFD) & FD_CLOEXEC);
	close(fd);
	ASSERT_EQ(sys_fd_above_stdio(-5), -5);
	ASSERT_EQ(sys_fd_above_stdio(7), 7);
}

static int hook_calls;
static enum bpf_cmd hook_last_cmd;

static int enomem_hook(enum bpf_cmd cmd, union bpf_attr *attr, unsigned int size,
		       void *ctx)
{
	hook_calls++;
	hook_last_cmd = cmd;
	return cmd == *(enum bpf_cmd *)ctx ? -ENOMEM : SYS_HOOK_PASS;
}

TEST(fault_hook_sees_every_command)
{
	enum bpf_cmd fail = BPF_MAP_CREATE;
	__u32 key = 0;
	__u64 val = 0;
	int fd;

	sys_set_bpf_hook(enomem_hook, &fail);
	hook_calls = 0;
	fd = sys_test_hash(1);
	ASSERT_EQ(hook_calls, 1);
	sys_set_bpf_hook(NULL, NULL);
	ASSERT_ERR(fd, -ENOMEM);

	fd = sys_test_hash(1);
	ASSERT_FD(fd);
	fail = BPF_MAP_UPDATE_ELEM;
	sys_set_bpf_hook(enomem_hook, &fail);
	hook_calls = 0;
	ASSERT_ERR(bpf_map_update_elem(fd, &key, &val, BPF_ANY), -ENOMEM);
	ASSERT_EQ(bpf_map_lookup_elem(fd, &key, &val), -ENOENT);
	ASSERT_EQ(hook_calls, 2);
	ASSERT_EQ(hook_last_cmd, BPF_MAP_LOOKUP_ELEM);
	sys_set_bpf_hook(NULL, NULL);
	close(fd);
}
