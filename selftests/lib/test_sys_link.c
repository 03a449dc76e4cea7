// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* bpf.h links, attachment, queries, iterators, stats, tokens. */
#include <fcntl.h>
#include <net/if.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>

#include "test.h"
#include "test_sys.h"
#include "sys/sys.h"
#include "sys/uapi_compat.h"

#ifndef BPF_F_BEFORE
#define BPF_F_BEFORE (1U << 3)
#endif

static __u32 prog_id_of(int fd)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);

	return bpf_prog_get_info_by_fd(fd, &info, &len) ? 0 : info.id;
}

TEST(raw_tracepoint_open_sched_switch)
{
	int prog = sys_test_load(BPF_PROG_TYPE_RAW_TRACEPOINT, 0, "sys_rawtp", NULL);
	struct bpf_link_info info = {};
	__u32 len = sizeof(info), id = 0, next, prog_id = 0, fd_type = 0;
	__u64 off = 1, addr = 1;
	char name[64];
	bool found = false;
	int link, fd;

	ASSERT_FD(prog);
	link = bpf_raw_tracepoint_open("sched_switch", prog);
	ASSERT_FD(link);
	ASSERT_OK(bpf_link_get_info_by_fd(link, &info, &len));
	ASSERT_EQ(info.type, BPF_LINK_TYPE_RAW_TRACEPOINT);
	ASSERT_EQ(info.prog_id, prog_id_of(prog));

	while (!bpf_link_get_next_id(id, &next)) {
		found |= next == info.id;
		id = next;
	}
	ASSERT_TRUE(found);
	fd = bpf_link_get_fd_by_id(info.id);
	ASSERT_FD(fd);
	close(fd);
	fd = bpf_link_get_fd_by_id_opts(info.id, NULL);
	ASSERT_FD(fd);
	close(fd);

	len = sizeof(name);
	ASSERT_OK(bpf_task_fd_query(getpid(), link, 0, name, &len, &prog_id,
				    &fd_type, &off, &addr));
	ASSERT_STREQ(name, "sched_switch");
	ASSERT_EQ(len, strlen("sched_switch"));
	ASSERT_EQ(prog_id, prog_id_of(prog));
	ASSERT_EQ(fd_type, BPF_FD_TYPE_RAW_TRACEPOINT);

	/* Too small a buffer: ENOSPC and the size the name needs. */
	len = 4;
	ASSERT_ERR(bpf_task_fd_query(getpid(), link, 0, name, &len, &prog_id,
				     &fd_type, &off, &addr), -ENOSPC);
	ASSERT_EQ(len, strlen("sched_switch"));
	ASSERT_ERR(bpf_task_fd_query(getpid(), link, 0, name, NULL, NULL, NULL,
				     NULL, NULL), -EINVAL);
	ASSERT_ERR(bpf_task_fd_query(getpid(), 12345, 0, name, &len, NULL, NULL,
				     NULL, NULL), -EBADF);
	close(link);
	close(prog);
}

TEST(raw_tracepoint_open_opts_cookie)
{
	int prog = sys_test_load(BPF_PROG_TYPE_RAW_TRACEPOINT, 0, NULL, NULL);
	LIBBPF_OPTS(bpf_raw_tp_opts, opts, .tp_name = "sched_switch", .cookie = 42);
	int link;

	ASSERT_FD(prog);
	link = bpf_raw_tracepoint_open_opts(prog, &opts);
	ASSERT_FD(link);
	close(link);
	close(prog);
}

TEST(raw_tracepoint_open_bad_input)
{
	int prog = sys_test_load(BPF_PROG_TYPE_RAW_TRACEPOINT, 0, NULL, NULL);
	int sockf = sys_test_load(BPF_PROG_TYPE_SOCKET_FILTER, 0, NULL, NULL);
	struct {
		struct bpf_raw_tp_opts opts;
		__u64 future;
	} big = { .opts.sz = sizeof(big), .opts.tp_name = "sched_switch", .future = 1 };

	ASSERT_FD(prog);
	ASSERT_FD(sockf);
	ASSERT_ERR(bpf_raw_tracepoint_open("bpfkit_no_such_tp", prog), -ENOENT);
	ASSERT_ERR(bpf_raw_tracepoint_open("sched_switch", -1), -EBADF);
	ASSERT_ERR(bpf_raw_tracepoint_open("sched_switch", sockf), -EINVAL);
	ASSERT_ERR(bpf_raw_tracepoint_open_opts(prog, &big.opts), -EINVAL);
	close(prog);
	close(sockf);
}

TEST(link_create_bad_input)
{
	int prog = sys_test_load(BPF_PROG_TYPE_SCHED_CLS, 0, NULL, NULL);
	LIBBPF_OPTS(bpf_link_create_opts, opts);
	struct {
		struct bpf_link_create_opts opts;
		__u64 future;
	} big = { .opts.sz = sizeof(big), .future = 1 };

	ASSERT_FD(prog);
	ASSERT_ERR(bpf_link_create(prog, 1, BPF_TCX_INGRESS, &big.opts), -EINVAL);
	opts.tcx.relative_fd = prog;
	opts.tcx.relative_id = 1;
	ASSERT_ERR(bpf_link_create(prog, 1, BPF_TCX_INGRESS, &opts), -EINVAL);
	ASSERT_LOG("exclusive");
	/* A field of another attach kind than the one asked for. */
	LIBBPF_OPTS_RESET(opts, .kprobe_multi.syms = (const char **)&opts);
	ASSERT_ERR(bpf_link_create(prog, 0, BPF_PERF_EVENT, &opts), -EINVAL);
	LIBBPF_OPTS_RESET(opts, .target_btf_id = 5, .iter_info_len = 4);
	ASSERT_ERR(bpf_link_create(prog, 0, BPF_TRACE_FENTRY, &opts), -EINVAL);
	ASSERT_ERR(bpf_link_create(-1, 1, BPF_TCX_INGRESS, NULL), -EBADF);
	close(prog);
}

/* A veth pair private to this test process. */
static int veth_up(char *a, size_t len)
{
	char cmd[160];

	snprintf(a, len, "bks%da", (int)getpid());
	snprintf(cmd, sizeof(cmd),
		 "ip link add %s type veth peer name bks%db >/dev/null 2>&1 && ip link set %s up",
		 a, (int)getpid(), a);
	if (system(cmd) != 0)
		return -1;
	return (int)if_nametoindex(a);
}

static void veth_down(const char *a)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "ip link del %s >/dev/null 2>&1", a);
	if (system(cmd) != 0)
		fprintf(stderr, "  could not delete %s\n", a);
}

TEST(link_xdp_update_detach)
{
	int p1 = sys_test_load(BPF_PROG_TYPE_XDP, XDP_PASS, NULL, NULL);
	int p2 = sys_test_load(BPF_PROG_TYPE_XDP, XDP_DROP, NULL, NULL);
	LIBBPF_OPTS(bpf_link_update_opts, uopts);
	struct bpf_link_info info = {};
	__u32 len = sizeof(info);
	char dev[IFNAMSIZ];
	int ifindex, link;

	ASSERT_FD(p1);
	ASSERT_FD(p2);
	ifindex = veth_up(dev, sizeof(dev));
	if (ifindex <= 0) {
		close(p1);
		close(p2);
		TEST_SKIP("cannot create a veth pair");
	}
	link = bpf_link_create(p1, ifindex, BPF_XDP, NULL);
	if (link < 0)
		veth_down(dev);
	ASSERT_FD(link);
	ASSERT_OK(bpf_link_get_info_by_fd(link, &info, &len));
	ASSERT_EQ(info.type, BPF_LINK_TYPE_XDP);
	ASSERT_EQ(info.xdp.ifindex, ifindex);

	ASSERT_OK(bpf_link_update(link, p2, NULL));
	memset(&info, 0, sizeof(info));
	len = sizeof(info);
	ASSERT_OK(bpf_link_get_info_by_fd(link, &info, &len));
	ASSERT_EQ(info.prog_id, prog_id_of(p2));
	/* Replace only if p1 is attached: it is not any more. */
	uopts.flags = BPF_F_REPLACE;
	uopts.old_prog_fd = p1;
	ASSERT_ERR(bpf_link_update(link, p1, &uopts), -EPERM);
	uopts.old_map_fd = p1;
	ASSERT_ERR(bpf_link_update(link, p1, &uopts), -EINVAL);
	ASSERT_ERR(bpf_link_update(-1, p1, NULL), -EBADF);

	ASSERT_OK(bpf_link_detach(link));
	ASSERT_ERR(bpf_link_detach(-1), -EBADF);
	close(link);
	veth_down(dev);
	close(p1);
	close(p2);
}

TEST(tcx_link_attach_query)
{
	int p1 = sys_test_load(BPF_PROG_TYPE_SCHED_CLS, 0, NULL, NULL);
	int p2 = sys_test_load(BPF_PROG_TYPE_SCHED_CLS, 0, NULL, NULL);
	__u32 prog_ids[4] = { 0 }, link_ids[4] = { 0 }, cnt;
	LIBBPF_OPTS(bpf_prog_query_opts, q, .prog_ids = prog_ids,
		    .link_ids = link_ids, .count = 4);
	LIBBPF_OPTS(bpf_prog_attach_opts, aopts, .flags = BPF_F_BEFORE);
	char dev[IFNAMSIZ];
	int ifindex, link;

	ASSERT_FD(p1);
	ASSERT_FD(p2);
	ifindex = veth_up(dev, sizeof(dev));
	if (ifindex <= 0) {
		close(p1);
		close(p2);
		TEST_SKIP("cannot create a veth pair");
	}
	link = bpf_link_create(p1, ifindex, BPF_TCX_INGRESS, NULL);
	if (link < 0)
		veth_down(dev);
	ASSERT_FD(link);

	/* p2 goes in front of p1, named by id. */
	aopts.relative_id = prog_id_of(p1);
	ASSERT_OK(bpf_prog_attach_opts(p2, ifindex, BPF_TCX_INGRESS, &aopts));

	ASSERT_OK(bpf_prog_query_opts(ifindex, BPF_TCX_INGRESS, &q));
	ASSERT_EQ(q.count, 2);
	ASSERT_GT(q.revision, 0);
	ASSERT_EQ(prog_ids[0], prog_id_of(p2));
	ASSERT_EQ(prog_ids[1], prog_id_of(p1));
	ASSERT_EQ(link_ids[0], 0);
	ASSERT_GT(link_ids[1], 0);

	/* The 0.x form: count in, count out. */
	cnt = 4;
	memset(prog_ids, 0, sizeof(prog_ids));
	ASSERT_OK(bpf_prog_query(ifindex, BPF_TCX_INGRESS, 0, NULL, prog_ids, &cnt));
	ASSERT_EQ(cnt, 2);
	cnt = 1;
	ASSERT_ERR(bpf_prog_query(ifindex, BPF_TCX_INGRESS, 0, NULL, prog_ids, &cnt),
		   -ENOSPC);
	ASSERT_EQ(cnt, 2);

	ASSERT_OK(bpf_prog_detach_opts(p2, ifindex, BPF_TCX_INGRESS, NULL));
	ASSERT_ERR(bpf_prog_detach_opts(p2, ifindex, BPF_TCX_INGRESS, NULL), -ENOENT);
	close(link);
	veth_down(dev);
	close(p1);
	close(p2);
}

TEST(prog_attach_query_bad_input)
{
	struct {
		struct bpf_prog_query_opts opts;
		__u64 future;
	} bigq = { .opts.sz = sizeof(bigq), .future = 1 };
	struct {
		struct bpf_prog_attach_opts opts;
		__u64 future;
	} biga = { .opts.sz = sizeof(biga), .future = 1 };
	LIBBPF_OPTS(bpf_prog_detach_opts, dopts, .relative_fd = 3, .relative_id = 4);
	int prog = sys_test_load(BPF_PROG_TYPE_SCHED_CLS, 0, NULL, NULL);

	ASSERT_FD(prog);
	ASSERT_ERR(bpf_prog_query_opts(1, BPF_TCX_INGRESS, &bigq.opts), -EINVAL);
	ASSERT_ERR(bpf_prog_attach_opts(prog, 1, BPF_TCX_INGRESS, &biga.opts), -EINVAL);
	ASSERT_ERR(bpf_prog_detach_opts(prog, 1, BPF_TCX_INGRESS, &dopts), -EINVAL);
	ASSERT_ERR(bpf_prog_attach(-1, 1, BPF_CGROUP_INET_INGRESS, 0), -EBADF);
	ASSERT_ERR(bpf_prog_detach(-1, BPF_CGROUP_INET_INGRESS), -EBADF);
	close(prog);
}

static int cgroup_make(char *path, size_t len)
{
	snprintf(path, len, "/sys/fs/cgroup/unified/bpfkit_sys_%d", (int)getpid());
	if (mkdir(path, 0755) && errno != EEXIST) {
		snprintf(path, len, "/sys/fs/cgroup/bpfkit_sys_%d", (int)getpid());
		if (mkdir(path, 0755) && errno != EEXIST)
			return -1;
	}
	return open(path, O_DIRECTORY | O_RDONLY | O_CLOEXEC);
}

TEST(cgroup_attach_detach_query)
{
	int prog = sys_test_load(BPF_PROG_TYPE_CGROUP_SKB, 1, NULL, NULL);
	__u32 ids[4] = { 0 }, cnt = 4, flags = 0;
	char path[128];
	int cg, link;

	ASSERT_FD(prog);
	cg = cgroup_make(path, sizeof(path));
	if (cg < 0) {
		close(prog);
		TEST_SKIP("no cgroup v2 hierarchy");
	}
	ASSERT_OK(bpf_prog_attach(prog, cg, BPF_CGROUP_INET_INGRESS, BPF_F_ALLOW_MULTI));
	ASSERT_OK(bpf_prog_query(cg, BPF_CGROUP_INET_INGRESS, 0, &flags, ids, &cnt));
	ASSERT_EQ(cnt, 1);
	ASSERT_EQ(flags, BPF_F_ALLOW_MULTI);
	ASSERT_EQ(ids[0], prog_id_of(prog));
	ASSERT_OK(bpf_prog_detach2(prog, cg, BPF_CGROUP_INET_INGRESS));
	ASSERT_ERR(bpf_prog_detach2(prog, cg, BPF_CGROUP_INET_INGRESS), -ENOENT);

	link = bpf_link_create(prog, cg, BPF_CGROUP_INET_EGRESS, NULL);
	ASSERT_FD(link);
	cnt = 4;
	ASSERT_OK(bpf_prog_query(cg, BPF_CGROUP_INET_EGRESS, 0, NULL, ids, &cnt));
	ASSERT_EQ(cnt, 1);
	close(link);
	close(cg);
	rmdir(path);
	close(prog);
}

TEST(iter_task)
{
	struct btf *vmlinux = btf__load_vmlinux_btf();
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .expected_attach_type = BPF_TRACE_ITER);
	char buf[64];
	int id, prog, link, iter;

	if (!vmlinux)
		TEST_SKIP("no vmlinux BTF reader yet (errno %d)", errno);
	id = btf__find_by_name_kind(vmlinux, "bpf_iter_task", BTF_KIND_FUNC);
	btf__free(vmlinux);
	if (id <= 0)
		TEST_SKIP("no bpf_iter_task in vmlinux BTF");
	opts.attach_btf_id = id;
	prog = sys_test_load(BPF_PROG_TYPE_TRACING, 0, "sys_iter", &opts);
	ASSERT_FD(prog);
	link = bpf_link_create(prog, 0, BPF_TRACE_ITER, NULL);
	ASSERT_FD(link);
	iter = bpf_iter_create(link);
	ASSERT_FD(iter);
	/* The program prints nothing: the iteration reads as empty. */
	ASSERT_EQ(read(iter, buf, sizeof(buf)), 0);
	close(iter);
	close(link);
	close(prog);
	ASSERT_ERR(bpf_iter_create(-1), -EBADF);
}

TEST(enable_stats)
{
	int prog = sys_test_load(BPF_PROG_TYPE_XDP, XDP_PASS, NULL, NULL);
	char data[64] = { 0 };
	LIBBPF_OPTS(bpf_test_run_opts, run, .data_in = data,
		    .data_size_in = sizeof(data), .repeat = 5);
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);
	int fd;

	ASSERT_FD(prog);
	fd = bpf_enable_stats(BPF_STATS_RUN_TIME);
	ASSERT_FD(fd);
	ASSERT_OK(bpf_prog_test_run_opts(prog, &run));
	ASSERT_OK(bpf_prog_get_info_by_fd(prog, &info, &len));
	close(fd);
	close(prog);
	/* While the stats fd is open every run is counted. */
	ASSERT_GE(info.run_cnt, 5);
	ASSERT_ERR(bpf_enable_stats((enum bpf_stats_type)99), -EINVAL);
}

TEST(token_create_without_delegation)
{
	struct {
		struct bpf_token_create_opts opts;
		__u64 future;
	} big = { .opts.sz = sizeof(big), .future = 1 };
	int bpffs, tok;

	if (!test_have_bpffs())
		TEST_SKIP("no bpffs");
	bpffs = open("/sys/fs/bpf", O_DIRECTORY | O_RDONLY | O_CLOEXEC);
	ASSERT_FD(bpffs);
	/* Tokens come from a bpffs mounted with delegate_* options only. */
	tok = bpf_token_create(bpffs, NULL);
	if (tok >= 0)
		close(tok);
	ASSERT_ERR(tok, -EOPNOTSUPP);
	ASSERT_ERR(bpf_token_create(bpffs, &big.opts), -EINVAL);
	close(bpffs);
	ASSERT_ERR(bpf_token_create(-1, NULL), -EBADF);
}

static int link_create_calls, raw_tp_calls;

static int no_link_create_hook(enum bpf_cmd cmd, union bpf_attr *attr,
			       unsigned int size, void *ctx)
{
	if (cmd == BPF_LINK_CREATE) {
		link_create_calls++;
		return -EINVAL;	/* what kernels before 5.13 answer */
	}
	if (cmd == BPF_RAW_TRACEPOINT_OPEN)
		raw_tp_calls++;
	return SYS_HOOK_PASS;
}

TEST(link_create_tp_btf_and_fallback)
{
	struct btf *vmlinux = btf__load_vmlinux_btf();
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .expected_attach_type = BPF_TRACE_RAW_TP);
	LIBBPF_OPTS(bpf_link_create_opts, lopts, .tracing.cookie = 7);
	int id, prog, link;

	if (!vmlinux)
		TEST_SKIP("no vmlinux BTF reader yet (errno %d)", errno);
	id = btf__find_by_name_kind(vmlinux, "btf_trace_sched_switch", BTF_KIND_TYPEDEF);
	btf__free(vmlinux);
	if (id <= 0)
		TEST_SKIP("no btf_trace_sched_switch in vmlinux BTF");
	opts.attach_btf_id = id;
	prog = sys_test_load(BPF_PROG_TYPE_TRACING, 0, "sys_tp_btf", &opts);
	ASSERT_FD(prog);

	link = bpf_link_create(prog, 0, BPF_TRACE_RAW_TP, &lopts);
	ASSERT_FD(link);
	close(link);

	/* Without BPF_LINK_CREATE support, RAW_TRACEPOINT_OPEN does it. */
	link_create_calls = raw_tp_calls = 0;
	sys_set_bpf_hook(no_link_create_hook, NULL);
	link = bpf_link_create(prog, 0, BPF_TRACE_RAW_TP, NULL);
	sys_set_bpf_hook(NULL, NULL);
	ASSERT_FD(link);
	close(link);
	ASSERT_EQ(link_create_calls, 1);
	ASSERT_EQ(raw_tp_calls, 1);

	/* ... unless the request holds what that command cannot carry. */
	link_create_calls = raw_tp_calls = 0;
	sys_set_bpf_hook(no_link_create_hook, NULL);
	link = bpf_link_create(prog, 0, BPF_TRACE_RAW_TP, &lopts);
	sys_set_bpf_hook(NULL, NULL);
	close(prog);
	ASSERT_ERR(link, -EINVAL);
	ASSERT_EQ(raw_tp_calls, 0);
}
