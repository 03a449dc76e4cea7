// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * XDP and TC through rtnetlink, on a veth pair in a network namespace made
 * for the test (bpfkit-<pid>).  Programs count packets in an array map;
 * traffic is a few pings across the pair.
 */
#include <errno.h>
#include <fcntl.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <linux/bpf.h>
#include <linux/if_link.h>
#include <linux/pkt_cls.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "test.h"

#define INSN(c, d, s, o, i) ((struct bpf_insn){ .code = (c), .dst_reg = (d), \
			      .src_reg = (s), .off = (o), .imm = (i) })

static char ns_name[64], peer_name[80];
static int orig_ns = -1;
static int fds[4] = { -1, -1, -1, -1 };

static int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int sh(const char *fmt, ...)
{
	char cmd[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	return system(cmd);
}

/*
 * Two namespaces joined by a veth pair: vetha (10.77.0.1) in the peer
 * namespace, vethb (10.77.0.2) in ours, which the test enters.
 */
static int netns_enter(void)
{
	char path[128];
	int fd, err;

	snprintf(ns_name, sizeof(ns_name), "bpfkit-%d", getpid());
	snprintf(peer_name, sizeof(peer_name), "bpfkit-%d-peer", getpid());
	if (sh("ip netns add %s 2>/dev/null && ip netns add %s 2>/dev/null",
	       ns_name, peer_name))
		goto fail;
	err = sh("ip -n %s link add name vethb type veth peer name vetha netns %s && "
		 "ip -n %s addr add 10.77.0.1/24 dev vetha && "
		 "ip -n %s addr add 10.77.0.2/24 dev vethb && "
		 "ip -n %s link set vetha up && ip -n %s link set vethb up",
		 ns_name, peer_name, peer_name, ns_name, peer_name, ns_name);
	if (err)
		goto fail;
	orig_ns = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	snprintf(path, sizeof(path), "/var/run/netns/%s", ns_name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (orig_ns < 0 || fd < 0 || setns(fd, CLONE_NEWNET)) {
		if (fd >= 0)
			close(fd);
		goto fail;
	}
	close(fd);
	return 0;
fail:
	if (orig_ns >= 0)
		close(orig_ns);
	orig_ns = -1;
	sh("ip netns del %s 2>/dev/null; ip netns del %s 2>/dev/null",
	   ns_name, peer_name);
	return -1;
}

/* Leaves and deletes both namespaces and closes the test's fds. */
static void netns_leave(void)
{
	size_t i;

	for (i = 0; i < sizeof(fds) / sizeof(fds[0]); i++) {
		if (fds[i] >= 0)
			close(fds[i]);
		fds[i] = -1;
	}
	if (orig_ns >= 0) {
		setns(orig_ns, CLONE_NEWNET);
		close(orig_ns);
		orig_ns = -1;
	}
	sh("ip netns del %s 2>/dev/null; ip netns del %s 2>/dev/null",
	   ns_name, peer_name);
}

/*
 * Sends n UDP datagrams from the peer namespace to vethb (no ping binary
 * needed): the socket is made in the peer namespace and used from ours.
 */
static int ping_b(int n)
{
	struct sockaddr_in dst = { .sin_family = AF_INET, .sin_port = htons(9) };
	char path[128], payload[32] = "bpfkit";
	int peer, here, sock, i, err = 0;

	snprintf(path, sizeof(path), "/var/run/netns/%s", peer_name);
	peer = open(path, O_RDONLY | O_CLOEXEC);
	here = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (peer < 0 || here < 0 || setns(peer, CLONE_NEWNET)) {
		err = -1;
		goto out;
	}
	sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	setns(here, CLONE_NEWNET);
	if (sock < 0) {
		err = -1;
		goto out;
	}
	inet_pton(AF_INET, "10.77.0.2", &dst.sin_addr);
	for (i = 0; i < n; i++) {
		if (sendto(sock, payload, sizeof(payload), 0,
			   (struct sockaddr *)&dst, sizeof(dst)) < 0)
			err = -1;
		usleep(2000);
	}
	usleep(100000);
	close(sock);
out:
	if (peer >= 0)
		close(peer);
	if (here >= 0)
		close(here);
	return err;
}

/* Counts invocations in slot 0 of map_fd and returns ret. */
static int load_counter(enum bpf_prog_type type, int map_fd, int ret)
{
	struct bpf_insn insns[] = {
		INSN(BPF_ST | BPF_MEM | BPF_W, BPF_REG_10, 0, -4, 0),
		INSN(BPF_LD | BPF_DW | BPF_IMM, BPF_REG_1, BPF_PSEUDO_MAP_FD, 0, map_fd),
		INSN(0, 0, 0, 0, 0),
		INSN(BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_2, BPF_REG_10, 0, 0),
		INSN(BPF_ALU64 | BPF_ADD | BPF_K, BPF_REG_2, 0, 0, -4),
		INSN(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_map_lookup_elem),
		INSN(BPF_JMP | BPF_JEQ | BPF_K, BPF_REG_0, 0, 2, 0),
		INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_1, 0, 0, 1),
		INSN(BPF_STX | BPF_ATOMIC | BPF_DW, BPF_REG_0, BPF_REG_1, 0, BPF_ADD),
		INSN(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, ret),
		INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
	};

	return bpf_prog_load(type, "nl_count", "GPL", insns,
			     sizeof(insns) / sizeof(insns[0]), NULL);
}

static __u64 count_of(int map_fd)
{
	__u32 key = 0;
	__u64 v = 0;

	bpf_map_lookup_elem(map_fd, &key, &v);
	return v;
}

/* The count once it reaches min, or what it is after a second. */
static __u64 wait_count(int map_fd, __u64 min)
{
	int i;

	for (i = 0; i < 100 && count_of(map_fd) < min; i++)
		usleep(10000);
	return count_of(map_fd);
}

static __u32 prog_id(int fd)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);

	return bpf_prog_get_info_by_fd(fd, &info, &len) ? 0 : info.id;
}

static void xdp_body(void)
{
	LIBBPF_OPTS(bpf_xdp_query_opts, q);
	LIBBPF_OPTS(bpf_xdp_attach_opts, aopts);
	int map_fd, prog_fd, prog2_fd, ifindex;
	__u32 id = 1;

	fds[0] = map_fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "cnt", 4, 8, 1, NULL);
	ASSERT_FD(map_fd);
	fds[1] = prog_fd = load_counter(BPF_PROG_TYPE_XDP, map_fd, XDP_PASS);
	ASSERT_FD(prog_fd);
	fds[2] = prog2_fd = load_counter(BPF_PROG_TYPE_XDP, map_fd, XDP_PASS);
	ASSERT_FD(prog2_fd);
	ifindex = if_nametoindex("vethb");
	ASSERT_NE(ifindex, 0);
	ASSERT_OK(bpf_xdp_query_id(ifindex, 0, &id));
	ASSERT_EQ(id, 0);
	ASSERT_OK(bpf_xdp_attach(ifindex, prog_fd, XDP_FLAGS_DRV_MODE, NULL));
	ASSERT_OK(bpf_xdp_query_id(ifindex, 0, &id));
	ASSERT_EQ(id, prog_id(prog_fd));
	ASSERT_OK(bpf_xdp_query(ifindex, 0, &q));
	ASSERT_EQ(q.attach_mode, XDP_ATTACHED_DRV);
	/* veth supports at least NETDEV_XDP_ACT_BASIC (bit 0) */
	ASSERT_EQ(q.feature_flags & 1, 1);
	ASSERT_EQ(q.drv_prog_id, prog_id(prog_fd));
	ASSERT_OK(bpf_xdp_query_id(ifindex, XDP_FLAGS_DRV_MODE, &id));
	ASSERT_EQ(id, prog_id(prog_fd));

	ASSERT_OK(ping_b(5));
	ASSERT_GE(wait_count(map_fd, 5), 5);

	/* Replace with the wrong expected program: refused, nothing changes. */
	aopts.old_prog_fd = prog2_fd;
	ASSERT_ERR(bpf_xdp_attach(ifindex, prog2_fd, XDP_FLAGS_DRV_MODE, &aopts), -EEXIST);
	ASSERT_LOG("xdp");
	aopts.old_prog_fd = prog_fd;
	ASSERT_OK(bpf_xdp_attach(ifindex, prog2_fd, XDP_FLAGS_DRV_MODE, &aopts));
	ASSERT_OK(bpf_xdp_query_id(ifindex, 0, &id));
	ASSERT_EQ(id, prog_id(prog2_fd));

	ASSERT_OK(bpf_xdp_detach(ifindex, XDP_FLAGS_DRV_MODE, NULL));
	ASSERT_OK(bpf_xdp_query_id(ifindex, 0, &id));
	ASSERT_EQ(id, 0);
}

TEST(xdp_attach_query_detach)
{
	if (netns_enter())
		TEST_SKIP("cannot create network namespaces (ip netns)");
	xdp_body();
	netns_leave();
}

TEST(xdp_bad_input)
{
	__u32 id;

	ASSERT_ERR(bpf_xdp_attach(0, 1, 0, NULL), -EINVAL);
	ASSERT_ERR(bpf_xdp_attach(1, 1, 0x1000, NULL), -EINVAL);
	ASSERT_ERR(bpf_xdp_query_id(-1, 0, &id), -EINVAL);
	ASSERT_ERR(bpf_xdp_query_id(999999, 0, &id), -ENODEV);
	/* A missing device: the kernel's refusal surfaces with its reason. */
	ASSERT_TRUE(bpf_xdp_attach(999999, 0, 0, NULL) < 0);
	ASSERT_LOG("ifindex 999999");
}

static void tc_body(void)
{
	LIBBPF_OPTS(bpf_tc_hook, hook, .attach_point = BPF_TC_INGRESS);
	LIBBPF_OPTS(bpf_tc_opts, opts);
	LIBBPF_OPTS(bpf_tc_opts, q);
	int map_fd, prog_fd, ifindex;
	__u64 before;

	fds[0] = map_fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "cnt", 4, 8, 1, NULL);
	ASSERT_FD(map_fd);
	fds[1] = prog_fd = load_counter(BPF_PROG_TYPE_SCHED_CLS, map_fd, TC_ACT_OK);
	ASSERT_FD(prog_fd);
	ifindex = if_nametoindex("vethb");
	ASSERT_NE(ifindex, 0);
	hook.ifindex = ifindex;
	ASSERT_OK(bpf_tc_hook_create(&hook));
	ASSERT_ERR(bpf_tc_hook_create(&hook), -EEXIST);

	opts.prog_fd = prog_fd;
	ASSERT_OK(bpf_tc_attach(&hook, &opts));
	ASSERT_NE(opts.handle, 0);
	ASSERT_NE(opts.priority, 0);
	ASSERT_EQ(opts.prog_id, prog_id(prog_fd));
	/* Same handle and priority again without REPLACE: refused. */
	opts.prog_id = 0;
	ASSERT_ERR(bpf_tc_attach(&hook, &opts), -EEXIST);
	opts.flags = BPF_TC_F_REPLACE;
	ASSERT_OK(bpf_tc_attach(&hook, &opts));

	q.handle = opts.handle;
	q.priority = opts.priority;
	ASSERT_OK(bpf_tc_query(&hook, &q));
	ASSERT_EQ(q.prog_id, prog_id(prog_fd));

	before = count_of(map_fd);
	ASSERT_OK(ping_b(5));
	ASSERT_GE(wait_count(map_fd, before + 5) - before, 5);

	q.prog_id = 0;
	ASSERT_OK(bpf_tc_detach(&hook, &q));
	/* The emptied chain is gone: the kernel says EINVAL, or ENOENT. */
	{
		int ret = bpf_tc_query(&hook, &q);

		ASSERT_TRUE(ret == -ENOENT || ret == -EINVAL);
	}

	hook.attach_point = BPF_TC_INGRESS | BPF_TC_EGRESS;
	ASSERT_OK(bpf_tc_hook_destroy(&hook));
}

TEST(tc_clsact_attach_query_detach)
{
	if (netns_enter())
		TEST_SKIP("cannot create network namespaces (ip netns)");
	tc_body();
	netns_leave();
}

TEST(tc_bad_input)
{
	LIBBPF_OPTS(bpf_tc_hook, hook, .attach_point = BPF_TC_INGRESS);
	LIBBPF_OPTS(bpf_tc_opts, opts);

	ASSERT_ERR(bpf_tc_hook_create(&hook), -EINVAL);
	ASSERT_LOG("ifindex");
	hook.ifindex = 1;
	ASSERT_ERR(bpf_tc_attach(&hook, NULL), -EINVAL);
	ASSERT_ERR(bpf_tc_attach(&hook, &opts), -EINVAL);
	opts.prog_fd = 1;
	opts.priority = 0x10000;
	ASSERT_ERR(bpf_tc_attach(&hook, &opts), -EINVAL);
	opts.prog_fd = 0;
	opts.priority = 1;
	ASSERT_ERR(bpf_tc_detach(&hook, &opts), -EINVAL);
	ASSERT_LOG("handle and a priority");
	hook.attach_point = BPF_TC_CUSTOM;
	ASSERT_ERR(bpf_tc_hook_destroy(&hook), -EOPNOTSUPP);
	hook.ifindex = 999999;
	hook.attach_point = BPF_TC_INGRESS;
	ASSERT_TRUE(bpf_tc_hook_create(&hook) < 0);
	ASSERT_LOG("ifindex 999999");
}
