// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* bpf.h program and BTF commands against the running kernel. */
#include <stdlib.h>
#include <bpf/bpf.h>

#include "test.h"
#include "test_sys.h"
#include "sys/sys.h"

TEST(prog_load_socket_filter)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);
	int fd = sys_test_load(BPF_PROG_TYPE_SOCKET_FILTER, 0, "sys_sockf", NULL);

	ASSERT_FD(fd);
	ASSERT_GT(fd, 2);
	ASSERT_OK(bpf_prog_get_info_by_fd(fd, &info, &len));
	close(fd);
	ASSERT_EQ(info.type, BPF_PROG_TYPE_SOCKET_FILTER);
	ASSERT_STREQ(info.name, "sys_sockf");
	ASSERT_GT(info.id, 0);
}

TEST(prog_load_verifier_log)
{
	/* "exit" with r0 never written: the verifier refuses. */
	const struct bpf_insn bad[] = { INSN_EXIT() };
	char log[4096] = "";
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .log_buf = log,
		    .log_size = sizeof(log), .log_level = 1);
	int fd = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, "bad", "GPL", bad, 1, &opts);

	ASSERT_ERR(fd, -EACCES);
	ASSERT_TRUE_MSG(strstr(log, "R0 !read_ok") != NULL, "log: %s", log);
	ASSERT_GT(opts.log_true_size, 0);
	ASSERT_EQ(opts.log_true_size, strlen(log) + 1);
}

TEST(prog_load_log_only_on_failure)
{
	const struct bpf_insn bad[] = { INSN_EXIT() };
	char log[4096] = "stale";
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .log_buf = log, .log_size = sizeof(log));
	int fd;

	/* Success with log_level 0: the buffer is not touched by a log. */
	fd = sys_test_load(BPF_PROG_TYPE_SOCKET_FILTER, 0, NULL, &opts);
	ASSERT_FD(fd);
	close(fd);
	ASSERT_STREQ(log, "stale");
	/* Failure: the load is redone with level 1 to explain it. */
	fd = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, NULL, "GPL", bad, 1, &opts);
	ASSERT_ERR(fd, -EACCES);
	ASSERT_TRUE_MSG(strstr(log, "R0 !read_ok") != NULL, "log: %s", log);
}

TEST(prog_load_log_truncated)
{
	const struct bpf_insn bad[] = { INSN_EXIT() };
	char log[8];
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .log_buf = log,
		    .log_size = sizeof(log), .log_level = 1);
	int fd = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, NULL, "GPL", bad, 1, &opts);

	/* Verification fails; the log did not fit, its true size is reported. */
	ASSERT_LT(fd, 0);
	ASSERT_GT(opts.log_true_size, sizeof(log));
}

TEST(prog_load_bad_log_args)
{
	char log[64];
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .log_buf = log);

	ASSERT_ERR(sys_test_load(BPF_PROG_TYPE_SOCKET_FILTER, 0, NULL, &opts), -EINVAL);
	ASSERT_LOG("log_buf and log_size");
	LIBBPF_OPTS_RESET(opts, .log_level = 1);
	ASSERT_ERR(sys_test_load(BPF_PROG_TYPE_SOCKET_FILTER, 0, NULL, &opts), -EINVAL);
	LIBBPF_OPTS_RESET(opts, .log_buf = log, .log_size = sizeof(log), .log_level = 8);
	ASSERT_ERR(sys_test_load(BPF_PROG_TYPE_SOCKET_FILTER, 0, NULL, &opts), -EINVAL);
	LIBBPF_OPTS_RESET(opts, .attempts = -1);
	ASSERT_ERR(sys_test_load(BPF_PROG_TYPE_SOCKET_FILTER, 0, NULL, &opts), -EINVAL);
}

TEST(prog_load_bad_input)
{
	const struct bpf_insn insns[] = { INSN_MOV64_IMM(BPF_REG_0, 0), INSN_EXIT() };
	struct bpf_prog_load_opts small = { .sz = 3 };
	struct {
		struct bpf_prog_load_opts opts;
		__u32 future[4];
	} big;

	ASSERT_ERR(bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, NULL, "GPL", NULL, 2, NULL), -EINVAL);
	ASSERT_ERR(bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, NULL, "GPL", insns, 0, NULL), -EINVAL);
	ASSERT_ERR(bpf_prog_load((enum bpf_prog_type)9999, NULL, "GPL", insns, 2, NULL), -EINVAL);
	ASSERT_ERR(bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, NULL, "GPL", insns, 2, &small), -EINVAL);
	memset(&big, 0, sizeof(big));
	big.opts.sz = sizeof(big);
	big.future[2] = 9;
	ASSERT_ERR(bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, NULL, "GPL", insns, 2, &big.opts), -EINVAL);
	ASSERT_LOG("bpf_prog_load_opts");
}

TEST(prog_load_old_opts_size)
{
	/* libbpf 1.0 ended the struct at log_buf: log_true_size is not ours. */
	struct {
		struct bpf_prog_load_opts opts;
	} o;
	const struct bpf_insn bad[] = { INSN_EXIT() };
	char log[1024];
	int fd;

	memset(&o, 0xab, sizeof(o));
	memset(&o.opts, 0, offsetof(struct bpf_prog_load_opts, log_true_size));
	o.opts.sz = offsetof(struct bpf_prog_load_opts, log_true_size);
	o.opts.log_buf = log;
	o.opts.log_size = sizeof(log);
	o.opts.log_level = 1;
	fd = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, NULL, "GPL", bad, 1, &o.opts);
	ASSERT_ERR(fd, -EACCES);
	ASSERT_EQ(o.opts.log_true_size, 0xabababab);
}

static int eagain_left, prog_load_calls;

static int eagain_hook(enum bpf_cmd cmd, union bpf_attr *attr, unsigned int size,
		       void *ctx)
{
	if (cmd != BPF_PROG_LOAD)
		return SYS_HOOK_PASS;
	prog_load_calls++;
	if (eagain_left < 0 || eagain_left-- > 0)
		return -EAGAIN;
	return SYS_HOOK_PASS;
}

TEST(prog_load_retries_eagain)
{
	LIBBPF_OPTS(bpf_prog_load_opts, opts);
	int fd;

	sys_set_bpf_hook(eagain_hook, NULL);
	eagain_left = 2;
	prog_load_calls = 0;
	fd = sys_test_load(BPF_PROG_TYPE_SOCKET_FILTER, 0, NULL, NULL);
	sys_set_bpf_hook(NULL, NULL);
	ASSERT_FD(fd);
	close(fd);
	ASSERT_EQ(prog_load_calls, 3);

	sys_set_bpf_hook(eagain_hook, NULL);
	eagain_left = -1;
	prog_load_calls = 0;
	opts.attempts = 3;
	fd = sys_test_load(BPF_PROG_TYPE_SOCKET_FILTER, 0, NULL, &opts);
	sys_set_bpf_hook(NULL, NULL);
	ASSERT_ERR(fd, -EAGAIN);
	ASSERT_EQ(prog_load_calls, 3);

	sys_set_bpf_hook(eagain_hook, NULL);
	eagain_left = -1;
	prog_load_calls = 0;
	fd = sys_test_load(BPF_PROG_TYPE_SOCKET_FILTER, 0, NULL, NULL);
	sys_set_bpf_hook(NULL, NULL);
	ASSERT_ERR(fd, -EAGAIN);
	ASSERT_EQ(prog_load_calls, 5);
}

TEST(btf_load_ok)
{
	char raw[128];
	struct bpf_btf_info info = {};
	__u32 len = sizeof(info);
	size_t sz = sys_test_btf(raw, sizeof(raw));
	char log[1024];
	LIBBPF_OPTS(bpf_btf_load_opts, opts, .log_buf = log, .log_size = sizeof(log),
		    .log_level = 1);
	int fd;

	ASSERT_GT(sz, 0);
	fd = bpf_btf_load(raw, sz, NULL);
	ASSERT_FD(fd);
	ASSERT_OK(bpf_btf_get_info_by_fd(fd, &info, &len));
	close(fd);
	ASSERT_EQ(info.btf_size, sz);
	ASSERT_GT(info.id, 0);

	fd = bpf_btf_load(raw, sz, &opts);
	ASSERT_FD(fd);
	close(fd);
	ASSERT_GT(opts.log_true_size, 0);
}

TEST(btf_load_bad)
{
	char raw[128];
	size_t sz = sys_test_btf(raw, sizeof(raw));
	char log[1024] = "";
	LIBBPF_OPTS(bpf_btf_load_opts, opts, .log_buf = log, .log_size = sizeof(log));
	struct bpf_btf_load_opts small = { .sz = 1 };

	raw[0] = 0;	/* break the magic */
	ASSERT_ERR(bpf_btf_load(raw, sz, NULL), -EINVAL);
	/* Level 0 with a buffer: the refusal is explained on a second try. */
	ASSERT_ERR(bpf_btf_load(raw, sz, &opts), -EINVAL);
	ASSERT_TRUE_MSG(strstr(log, "magic") != NULL, "log: %s", log);
	ASSERT_ERR(bpf_btf_load(NULL, 0, NULL), -EINVAL);
	ASSERT_ERR(bpf_btf_load(raw, sz, &small), -EINVAL);
	LIBBPF_OPTS_RESET(opts, .log_level = 1);
	ASSERT_ERR(bpf_btf_load(raw, sz, &opts), -EINVAL);
	ASSERT_LOG("log_level 1 without a log_buf");
}

TEST(test_run_xdp)
{
	char data[64], out[128];
	LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = data, .data_size_in = sizeof(data),
		    .data_out = out, .data_size_out = sizeof(out), .repeat = 10);
	int fd = sys_test_load(BPF_PROG_TYPE_XDP, XDP_PASS, "sys_xdp", NULL);

	ASSERT_FD(fd);
	memset(data, 0x5a, sizeof(data));
	ASSERT_OK(bpf_prog_test_run_opts(fd, &opts));
	close(fd);
	ASSERT_EQ(opts.retval, XDP_PASS);
	ASSERT_EQ(opts.data_size_out, sizeof(data));
	ASSERT_EQ(memcmp(out, data, sizeof(data)), 0);
}

TEST(test_run_bad_input)
{
	char data[4] = { 0 };
	struct bpf_test_run_opts small = { .sz = 4 };
	LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = data, .data_size_in = sizeof(data));
	int fd = sys_test_load(BPF_PROG_TYPE_XDP, XDP_PASS, NULL, NULL);

	ASSERT_FD(fd);
	/* XDP needs at least an Ethernet header of data. */
	ASSERT_ERR(bpf_prog_test_run_opts(fd, &opts), -EINVAL);
	ASSERT_ERR(bpf_prog_test_run_opts(fd, &small), -EINVAL);
	close(fd);
	ASSERT_ERR(bpf_prog_test_run_opts(-1, &opts), -EBADF);
}

TEST(prog_bind_map)
{
	int prog = sys_test_load(BPF_PROG_TYPE_SOCKET_FILTER, 0, NULL, NULL);
	int map = sys_test_hash(1);
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info), ids[4] = { 0 };
	struct {
		struct bpf_prog_bind_opts opts;
		__u64 future;
	} big = { .opts.sz = sizeof(big), .future = 1 };

	ASSERT_FD(prog);
	ASSERT_FD(map);
	ASSERT_OK(bpf_prog_bind_map(prog, map, NULL));
	info.nr_map_ids = 4;
	info.map_ids = (__u64)(unsigned long)ids;
	ASSERT_OK(bpf_prog_get_info_by_fd(prog, &info, &len));
	ASSERT_EQ(info.nr_map_ids, 1);
	ASSERT_ERR(bpf_prog_bind_map(prog, -1, NULL), -EBADF);
	ASSERT_ERR(bpf_prog_bind_map(prog, map, &big.opts), -EINVAL);
	close(prog);
	close(map);
}

TEST(prog_stream_read)
{
	int fd = sys_test_load(BPF_PROG_TYPE_SOCKET_FILTER, 0, NULL, NULL);
	char buf[256];
	int n;

	ASSERT_FD(fd);
	/* Stream 2 is the program's stderr; nothing was written to it. */
	n = bpf_prog_stream_read(fd, 2, buf, sizeof(buf), NULL);
	close(fd);
	ASSERT_EQ(n, 0);
	ASSERT_ERR(bpf_prog_stream_read(-1, 2, buf, sizeof(buf), NULL), -EBADF);
}

TEST(prog_assoc_struct_ops_refused)
{
	int prog = sys_test_load(BPF_PROG_TYPE_SOCKET_FILTER, 0, NULL, NULL);
	int map = sys_test_hash(1);
	struct {
		struct bpf_prog_assoc_struct_ops_opts opts;
		__u64 future;
	} big = { .opts.sz = sizeof(big), .future = 1 };
	int err;

	ASSERT_FD(prog);
	ASSERT_FD(map);
	/* Not a struct_ops map (and a 6.18 kernel lacks the command). */
	err = bpf_prog_assoc_struct_ops(prog, map, NULL);
	ASSERT_LT(err, 0);
	ASSERT_EQ(errno, -err);
	ASSERT_ERR(bpf_prog_assoc_struct_ops(prog, map, &big.opts), -EINVAL);
	close(prog);
	close(map);
}
