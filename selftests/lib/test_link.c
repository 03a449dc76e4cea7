// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * struct bpf_link itself: pinning, re-opening from bpffs, program
 * replacement, detach and disconnect, on cgroup, XDP, tcx and netns links
 * (attach_link.bpf.o).  Network links live on a veth in a namespace made
 * for the test.
 */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <linux/if_link.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "test.h"

static struct bpf_object *obj;

static struct bpf_program *prog(const char *name)
{
	return bpf_object__find_program_by_name(obj, name);
}

/* Reads a __u64 global of .bss through the map's value. */
static __u64 bss_u64(const char *name)
{
	struct bpf_map *bss = bpf_object__find_map_by_name(obj, ".bss");
	const struct btf *btf = bpf_object__btf(obj);
	size_t size;
	char *data;
	int id, i, vlen;
	const struct btf_type *t;
	const struct btf_var_secinfo *vs;

	if (!bss || !btf)
		return ~0ULL;
	data = bpf_map__initial_value(bss, &size);
	id = btf__find_by_name_kind(btf, ".bss", BTF_KIND_DATASEC);
	if (!data || id < 0)
		return ~0ULL;
	t = btf__type_by_id(btf, id);
	vlen = btf_vlen(t);
	vs = btf_var_secinfos(t);
	for (i = 0; i < vlen; i++, vs++) {
		const struct btf_type *v = btf__type_by_id(btf, vs->type);

		if (!strcmp(btf__name_by_offset(btf, v->name_off), name))
			return *(__u64 *)(data + vs->offset);
	}
	return ~0ULL;
}

static int setup(void)
{
	obj = bpf_object__open_file(test_prog_path("attach_link.bpf.o"), NULL);
	if (!obj)
		return -errno;
	if (bpf_object__load(obj)) {
		int err = -errno;

		bpf_object__close(obj);
		obj = NULL;
		return err;
	}
	return 0;
}

#define LINK_TEST(name)							\
	static void body_##name(void);					\
	TEST(name)							\
	{								\
		int err = setup(), left;				\
									\
		if (err)						\
			ASSERT_TRUE_MSG(false, "attach_link.bpf.o: %s", strerror(-err)); \
		body_##name();						\
		left = test_count_obj_links(obj);					\
		bpf_object__close(obj);					\
		obj = NULL;						\
		ASSERT_EQ(left, 0);					\
	}								\
	static void body_##name(void)

static void send_udp_local(int n)
{
	struct sockaddr_in dst = { .sin_family = AF_INET, .sin_port = htons(9),
				   .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), i;

	for (i = 0; i < n; i++)
		sendto(s, "x", 1, 0, (struct sockaddr *)&dst, sizeof(dst));
	close(s);
}

static char cg_root[64], cg_dir[128], pin[128];

static int write_pid(const char *dir)
{
	char path[192], pid[32];
	int fd, n;

	snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = snprintf(pid, sizeof(pid), "%d", getpid());
	n = write(fd, pid, n) == n ? 0 : -errno;
	close(fd);
	return n;
}

static void cgroup_body(int cg_fd)
{
	struct bpf_link *link, *opened;
	struct bpf_link_info info;
	__u32 len = sizeof(info);
	__u64 a, b;
	int fd;

	link = bpf_program__attach_cgroup(prog("egress_a"), cg_fd);
	ASSERT_PTR(link);
	send_udp_local(5);
	a = bss_u64("hits_a");
	ASSERT_GE(a, 5);

	/* pin, then open the pin as a second handle on the same link */
	ASSERT_OK(bpf_link__pin(link, pin));
	opened = bpf_link__open(pin);
	ASSERT_PTR(opened);
	ASSERT_STREQ(bpf_link__pin_path(opened), pin);
	memset(&info, 0, sizeof(info));
	ASSERT_OK(bpf_link_get_info_by_fd(bpf_link__fd(opened), &info, &len));
	ASSERT_EQ(info.type, BPF_LINK_TYPE_CGROUP);

	/* switch the program under the link */
	ASSERT_OK(bpf_link__update_program(opened, prog("egress_b")));
	send_udp_local(5);
	ASSERT_EQ(bss_u64("hits_a"), a);
	b = bss_u64("hits_b");
	ASSERT_GE(b, 5);
	/* a program of another type cannot replace it */
	ASSERT_TRUE(bpf_link__update_program(opened, prog("xdp_a_prog")) < 0);
	ASSERT_LOG("prog 'xdp_a_prog'");

	ASSERT_OK(bpf_link__unpin(opened));
	ASSERT_OK(bpf_link__destroy(opened));
	/* detach: the link stays open but no longer runs the program */
	ASSERT_OK(bpf_link__detach(link));
	send_udp_local(5);
	ASSERT_EQ(bss_u64("hits_b"), b);
	ASSERT_OK(bpf_link__destroy(link));

	/* disconnect: destroy forgets the link, which lives on with its fd */
	link = bpf_program__attach_cgroup(prog("egress_a"), cg_fd);
	ASSERT_PTR(link);
	fd = bpf_link__fd(link);
	bpf_link__disconnect(link);
	ASSERT_OK(bpf_link__destroy(link));
	memset(&info, 0, sizeof(info));
	len = sizeof(info);
	ASSERT_OK(bpf_link_get_info_by_fd(fd, &info, &len));
	close(fd);
}

LINK_TEST(cgroup_link_pin_update_detach_disconnect)
{
	int cg_fd, moved;

	if (!test_have_bpffs())
		TEST_SKIP("no bpffs");
	snprintf(cg_root, sizeof(cg_root), "/sys/fs/cgroup/unified");
	if (access("/sys/fs/cgroup/unified/cgroup.procs", W_OK))
		snprintf(cg_root, sizeof(cg_root), "/sys/fs/cgroup");
	snprintf(cg_dir, sizeof(cg_dir), "%s/bpfkit-link-%d", cg_root, getpid());
	snprintf(pin, sizeof(pin), "/sys/fs/bpf/bpfkit_link_%d", getpid());
	ASSERT_OK(mkdir(cg_dir, 0755));
	cg_fd = open(cg_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	moved = write_pid(cg_dir);
	if (cg_fd >= 0 && !moved)
		cgroup_body(cg_fd);
	write_pid(cg_root);
	unlink(pin);
	if (cg_fd >= 0)
		close(cg_fd);
	rmdir(cg_dir);
	ASSERT_FD(cg_fd);
	ASSERT_OK(moved);
}

LINK_TEST(link_pin_and_open_bad_input)
{
	struct bpf_link *link;
	char path[128];
	int ns_fd;

	ASSERT_NULL_ERR(bpf_link__open("/sys/fs/bpf/bpfkit_no_such_link"), -ENOENT);
	ASSERT_LOG("bpfkit_no_such_link");
	ASSERT_NULL_ERR(bpf_link__open(NULL), -EINVAL);
	ns_fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	ASSERT_FD(ns_fd);
	/* The netns fd is needed only while attaching. */
	link = bpf_program__attach_netns(prog("lookup_pass"), ns_fd);
	close(ns_fd);
	ASSERT_PTR(link);
	snprintf(path, sizeof(path), "/tmp/bpfkit_link_%d", getpid());
	ASSERT_ERR(bpf_link__pin(link, path), -EINVAL);
	ASSERT_LOG("not on a BPF filesystem");
	ASSERT_ERR(bpf_link__pin(link, "/no/such/dir/x"), -ENOENT);
	/* a missing last directory level inside bpffs is made */
	snprintf(path, sizeof(path), "/sys/fs/bpf/bpfkit_dir_%d/link", getpid());
	ASSERT_OK(bpf_link__pin(link, path));
	ASSERT_OK(bpf_link__unpin(link));
	*strrchr(path, '/') = '\0';
	ASSERT_OK(rmdir(path));
	ASSERT_ERR(bpf_link__unpin(link), -EINVAL);
	ASSERT_OK(bpf_link__destroy(link));
	ASSERT_OK(bpf_link__destroy(NULL));
}

/* ---- network links on a veth in a namespace of our own ---- */

static char ns_name[64];
static int orig_ns = -1;

static int netns_enter(void)
{
	char cmd[512], path[128];
	int fd;

	snprintf(ns_name, sizeof(ns_name), "bpfkit-link-%d", getpid());
	snprintf(cmd, sizeof(cmd),
		 "ip netns add %s && ip -n %s link add name vl0 type veth peer name vl1 && "
		 "ip -n %s link set vl0 up && ip -n %s link set vl1 up",
		 ns_name, ns_name, ns_name, ns_name);
	if (system(cmd))
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
	snprintf(cmd, sizeof(cmd), "ip netns del %s 2>/dev/null", ns_name);
	system(cmd);
	return -1;
}

static void netns_leave(void)
{
	char cmd[128];

	if (orig_ns >= 0) {
		setns(orig_ns, CLONE_NEWNET);
		close(orig_ns);
		orig_ns = -1;
	}
	snprintf(cmd, sizeof(cmd), "ip netns del %s 2>/dev/null", ns_name);
	system(cmd);
}

static void net_body(void)
{
	struct bpf_link *xdp, *tcx;
	int ifindex = if_nametoindex("vl1");
	__u32 id = 0;
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);

	ASSERT_NE(ifindex, 0);
	xdp = bpf_program__attach_xdp(prog("xdp_a_prog"), ifindex);
	ASSERT_PTR(xdp);
	ASSERT_OK(bpf_xdp_query_id(ifindex, 0, &id));
	ASSERT_OK(bpf_prog_get_info_by_fd(bpf_program__fd(prog("xdp_a_prog")), &info, &len));
	ASSERT_EQ(id, info.id);
	/* netlink cannot replace what a link holds */
	ASSERT_TRUE(bpf_xdp_attach(ifindex, bpf_program__fd(prog("xdp_b_prog")), 0, NULL) < 0);
	ASSERT_OK(bpf_link__update_program(xdp, prog("xdp_b_prog")));
	memset(&info, 0, sizeof(info));
	len = sizeof(info);
	ASSERT_OK(bpf_prog_get_info_by_fd(bpf_program__fd(prog("xdp_b_prog")), &info, &len));
	ASSERT_OK(bpf_xdp_query_id(ifindex, 0, &id));
	ASSERT_EQ(id, info.id);
	ASSERT_OK(bpf_link__destroy(xdp));
	ASSERT_OK(bpf_xdp_query_id(ifindex, 0, &id));
	ASSERT_EQ(id, 0);

	tcx = bpf_program__attach_tcx(prog("tcx_in"), ifindex, NULL);
	ASSERT_PTR(tcx);
	ASSERT_OK(bpf_link__destroy(tcx));

	/* wrong program types and targets */
	ASSERT_NULL_ERR(bpf_program__attach_xdp(prog("tcx_in"), ifindex), -EINVAL);
	ASSERT_LOG("prog 'tcx_in'");
	ASSERT_NULL_ERR(bpf_program__attach_tcx(prog("xdp_a_prog"), ifindex, NULL), -EINVAL);
	ASSERT_LOG("prog 'xdp_a_prog'");
	ASSERT_NULL_ERR(bpf_program__attach_tcx(prog("tcx_in"), 0, NULL), -EINVAL);
	/* A missing device: the kernel says EINVAL for XDP links. */
	ASSERT_TRUE(bpf_program__attach_xdp(prog("xdp_a_prog"), 999999) == NULL);
	ASSERT_TRUE(errno == EINVAL || errno == ENODEV);
	ASSERT_LOG("ifindex 999999");
}

LINK_TEST(xdp_and_tcx_links_on_veth)
{
	if (netns_enter())
		TEST_SKIP("cannot create a network namespace");
	net_body();
	netns_leave();
}

LINK_TEST(netfilter_link)
{
	LIBBPF_OPTS(bpf_netfilter_opts, opts, .pf = 2 /* NFPROTO_IPV4 */,
		    .hooknum = 1 /* NF_INET_LOCAL_IN */, .priority = -128);
	struct bpf_link *link;

	link = bpf_program__attach_netfilter(prog("nf_accept"), &opts);
	if (!link && (errno == EOPNOTSUPP || errno == EINVAL))
		TEST_SKIP("netfilter links not available here");
	ASSERT_PTR(link);
	ASSERT_OK(bpf_link__destroy(link));
	opts.pf = 99;
	ASSERT_TRUE(bpf_program__attach_netfilter(prog("nf_accept"), &opts) == NULL);
	ASSERT_LOG("prog 'nf_accept'");
}

TEST(struct_ops_bad_input)
{
	struct bpf_map *m;

	ASSERT_OK(setup());
	m = bpf_object__find_map_by_name(obj, ".bss");
	ASSERT_NULL_ERR(bpf_map__attach_struct_ops(m), -EINVAL);
	ASSERT_LOG("struct_ops");
	ASSERT_NULL_ERR(bpf_map__attach_struct_ops(NULL), -EINVAL);
	bpf_object__close(obj);
	obj = NULL;
}

LINK_TEST(freplace_and_tracing_multi_bad_input)
{
	LIBBPF_OPTS(bpf_tracing_multi_opts, topts);
	__u32 ids[1] = { 1 };

	/* both a target fd and a function name, or neither */
	ASSERT_NULL_ERR(bpf_program__attach_freplace(prog("xdp_a_prog"), 0, "func"),
			-EINVAL);
	ASSERT_LOG("prog 'xdp_a_prog'");
	ASSERT_NULL_ERR(bpf_program__attach_freplace(prog("xdp_a_prog"),
						     bpf_program__fd(prog("xdp_b_prog")),
						     "func"), -EINVAL);
	ASSERT_LOG("BPF_PROG_TYPE_EXT");

	ASSERT_NULL_ERR(bpf_program__attach_tracing_multi(prog("xdp_a_prog"), NULL, NULL),
			-EINVAL);
	ASSERT_LOG("tracing multi");
	topts.ids = ids;
	topts.cnt = 1;
	ASSERT_NULL_ERR(bpf_program__attach_tracing_multi(prog("xdp_a_prog"), "x*",
							  &topts), -EINVAL);
	/* The kernel has no tracing_multi links: refused, with the program named. */
	test_log_clear();
	ASSERT_TRUE(bpf_program__attach_tracing_multi(prog("xdp_a_prog"), NULL,
						      &topts) == NULL);
	ASSERT_LOG("prog 'xdp_a_prog': tracing multi attach");
}

LINK_TEST(sockmap_link)
{
	struct bpf_map *socks = bpf_object__find_map_by_name(obj, "socks");
	struct bpf_link *link;
	struct bpf_link_info info = {};
	__u32 len = sizeof(info);

	link = bpf_program__attach_sockmap(prog("verdict"), bpf_map__fd(socks));
	ASSERT_PTR(link);
	ASSERT_OK(bpf_link_get_info_by_fd(bpf_link__fd(link), &info, &len));
	ASSERT_EQ(info.type, BPF_LINK_TYPE_SOCKMAP);
	/* a second verdict program on the same map: busy */
	ASSERT_TRUE(bpf_program__attach_sockmap(prog("verdict"), bpf_map__fd(socks)) == NULL);
	ASSERT_LOG("prog 'verdict'");
	ASSERT_OK(bpf_link__destroy(link));
	/* not a sockmap */
	ASSERT_TRUE(bpf_program__attach_sockmap(prog("verdict"),
						bpf_map__fd(bpf_object__find_map_by_name(obj, ".bss"))) == NULL);
	ASSERT_LOG("sockmap fd");
}
