// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* The SEC() table: program and attach types by section name (pure). */
#include <errno.h>
#include <linux/bpf.h>
#include <bpf/libbpf.h>

#include "object/sections.h"
#include "test.h"

struct want {
	const char *sec;
	int prog_type;
	int attach_type;
	int kind;
	long flags;
};

static const struct want table[] = {
	{ "socket", BPF_PROG_TYPE_SOCKET_FILTER, 0, SEC_ATTACH_NONE, 0 },
	{ "kprobe/do_sys_open", BPF_PROG_TYPE_KPROBE, 0, SEC_ATTACH_KPROBE, 0 },
	{ "kprobe", BPF_PROG_TYPE_KPROBE, 0, SEC_ATTACH_KPROBE, 0 },
	{ "kretprobe/x", BPF_PROG_TYPE_KPROBE, 0, SEC_ATTACH_KPROBE, 0 },
	{ "ksyscall/openat", BPF_PROG_TYPE_KPROBE, 0, SEC_ATTACH_KSYSCALL, 0 },
	{ "kretsyscall/openat", BPF_PROG_TYPE_KPROBE, 0, SEC_ATTACH_KSYSCALL, 0 },
	{ "uprobe//bin/bash:readline", BPF_PROG_TYPE_KPROBE, 0, SEC_ATTACH_UPROBE, 0 },
	{ "uprobe.s//bin/bash:readline", BPF_PROG_TYPE_KPROBE, 0, SEC_ATTACH_UPROBE, SEC_SLEEPABLE },
	{ "uretprobe/libc.so.6:malloc", BPF_PROG_TYPE_KPROBE, 0, SEC_ATTACH_UPROBE, 0 },
	{ "usdt/libc:probe", BPF_PROG_TYPE_KPROBE, 0, SEC_ATTACH_USDT, SEC_USDT },
	{ "usdt.s/x:y:z", BPF_PROG_TYPE_KPROBE, 0, SEC_ATTACH_USDT, SEC_USDT | SEC_SLEEPABLE },
	{ "kprobe.multi/tcp_*", BPF_PROG_TYPE_KPROBE, BPF_TRACE_KPROBE_MULTI, SEC_ATTACH_KPROBE_MULTI, 0 },
	{ "kretprobe.multi/x", BPF_PROG_TYPE_KPROBE, BPF_TRACE_KPROBE_MULTI, SEC_ATTACH_KPROBE_MULTI, 0 },
	{ "kprobe.session/x", BPF_PROG_TYPE_KPROBE, 56, SEC_ATTACH_KPROBE_SESSION, 0 },
	{ "uprobe.multi/x:y", BPF_PROG_TYPE_KPROBE, 48, SEC_ATTACH_UPROBE_MULTI, 0 },
	{ "uprobe.session/x:y", BPF_PROG_TYPE_KPROBE, 57, SEC_ATTACH_UPROBE_MULTI, 0 },
	{ "tracepoint/syscalls/sys_enter_openat", BPF_PROG_TYPE_TRACEPOINT, 0, SEC_ATTACH_TP, 0 },
	{ "tp/sched/sched_switch", BPF_PROG_TYPE_TRACEPOINT, 0, SEC_ATTACH_TP, 0 },
	{ "raw_tracepoint/sys_enter", BPF_PROG_TYPE_RAW_TRACEPOINT, 0, SEC_ATTACH_RAW_TP, 0 },
	{ "raw_tp/sys_enter", BPF_PROG_TYPE_RAW_TRACEPOINT, 0, SEC_ATTACH_RAW_TP, 0 },
	{ "raw_tp.w/x", BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE, 0, SEC_ATTACH_RAW_TP, 0 },
	{ "tp_btf/sched_switch", BPF_PROG_TYPE_TRACING, BPF_TRACE_RAW_TP, SEC_ATTACH_TRACE, SEC_ATTACH_BTF },
	{ "fentry/do_exit", BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, SEC_ATTACH_TRACE, SEC_ATTACH_BTF },
	{ "fexit/do_exit", BPF_PROG_TYPE_TRACING, BPF_TRACE_FEXIT, SEC_ATTACH_TRACE, SEC_ATTACH_BTF },
	{ "fmod_ret/x", BPF_PROG_TYPE_TRACING, BPF_MODIFY_RETURN, SEC_ATTACH_TRACE, SEC_ATTACH_BTF },
	{ "fentry.s/x", BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, SEC_ATTACH_TRACE, SEC_ATTACH_BTF | SEC_SLEEPABLE },
	{ "freplace/x", BPF_PROG_TYPE_EXT, 0, SEC_ATTACH_TRACE, SEC_ATTACH_BTF },
	{ "lsm/file_open", BPF_PROG_TYPE_LSM, BPF_LSM_MAC, SEC_ATTACH_LSM, SEC_ATTACH_BTF },
	{ "lsm.s/file_open", BPF_PROG_TYPE_LSM, BPF_LSM_MAC, SEC_ATTACH_LSM, SEC_ATTACH_BTF | SEC_SLEEPABLE },
	{ "lsm_cgroup/x", BPF_PROG_TYPE_LSM, BPF_LSM_CGROUP, SEC_ATTACH_NONE, SEC_ATTACH_BTF },
	{ "iter/task", BPF_PROG_TYPE_TRACING, BPF_TRACE_ITER, SEC_ATTACH_ITER, SEC_ATTACH_BTF },
	{ "iter.s/task", BPF_PROG_TYPE_TRACING, BPF_TRACE_ITER, SEC_ATTACH_ITER, SEC_ATTACH_BTF | SEC_SLEEPABLE },
	{ "syscall", BPF_PROG_TYPE_SYSCALL, 0, SEC_ATTACH_NONE, SEC_SLEEPABLE },
	{ "xdp", BPF_PROG_TYPE_XDP, BPF_XDP, SEC_ATTACH_NONE, SEC_ATTACHABLE_OPT },
	{ "xdp.frags", BPF_PROG_TYPE_XDP, BPF_XDP, SEC_ATTACH_NONE, SEC_XDP_FRAGS },
	{ "xdp/devmap", BPF_PROG_TYPE_XDP, BPF_XDP_DEVMAP, SEC_ATTACH_NONE, SEC_ATTACHABLE },
	{ "xdp.frags/devmap", BPF_PROG_TYPE_XDP, BPF_XDP_DEVMAP, SEC_ATTACH_NONE, SEC_XDP_FRAGS },
	{ "xdp/cpumap", BPF_PROG_TYPE_XDP, BPF_XDP_CPUMAP, SEC_ATTACH_NONE, SEC_ATTACHABLE },
	{ "tc", BPF_PROG_TYPE_SCHED_CLS, 0, SEC_ATTACH_NONE, 0 },
	{ "tc/ingress", BPF_PROG_TYPE_SCHED_CLS, BPF_TCX_INGRESS, SEC_ATTACH_NONE, 0 },
	{ "tcx/egress", BPF_PROG_TYPE_SCHED_CLS, BPF_TCX_EGRESS, SEC_ATTACH_NONE, 0 },
	{ "classifier", BPF_PROG_TYPE_SCHED_CLS, 0, SEC_ATTACH_NONE, 0 },
	{ "action", BPF_PROG_TYPE_SCHED_ACT, 0, SEC_ATTACH_NONE, 0 },
	{ "netkit/primary", BPF_PROG_TYPE_SCHED_CLS, 54, SEC_ATTACH_NONE, 0 },
	{ "netkit/peer", BPF_PROG_TYPE_SCHED_CLS, 55, SEC_ATTACH_NONE, 0 },
	{ "perf_event", BPF_PROG_TYPE_PERF_EVENT, 0, SEC_ATTACH_NONE, 0 },
	{ "lwt_xmit", BPF_PROG_TYPE_LWT_XMIT, 0, SEC_ATTACH_NONE, 0 },
	{ "sockops", BPF_PROG_TYPE_SOCK_OPS, BPF_CGROUP_SOCK_OPS, SEC_ATTACH_NONE, SEC_ATTACHABLE_OPT },
	{ "sk_skb/stream_parser", BPF_PROG_TYPE_SK_SKB, BPF_SK_SKB_STREAM_PARSER, SEC_ATTACH_NONE, SEC_ATTACHABLE_OPT },
	{ "sk_skb/verdict", BPF_PROG_TYPE_SK_SKB, BPF_SK_SKB_VERDICT, SEC_ATTACH_NONE, SEC_ATTACHABLE_OPT },
	{ "sk_skb", BPF_PROG_TYPE_SK_SKB, 0, SEC_ATTACH_NONE, 0 },
	{ "sk_msg", BPF_PROG_TYPE_SK_MSG, BPF_SK_MSG_VERDICT, SEC_ATTACH_NONE, SEC_ATTACHABLE_OPT },
	{ "sk_lookup", BPF_PROG_TYPE_SK_LOOKUP, BPF_SK_LOOKUP, SEC_ATTACH_NONE, SEC_ATTACHABLE },
	{ "sk_reuseport/migrate", BPF_PROG_TYPE_SK_REUSEPORT, BPF_SK_REUSEPORT_SELECT_OR_MIGRATE, SEC_ATTACH_NONE, SEC_ATTACHABLE },
	{ "lirc_mode2", BPF_PROG_TYPE_LIRC_MODE2, BPF_LIRC_MODE2, SEC_ATTACH_NONE, SEC_ATTACHABLE_OPT },
	{ "flow_dissector", BPF_PROG_TYPE_FLOW_DISSECTOR, BPF_FLOW_DISSECTOR, SEC_ATTACH_NONE, SEC_ATTACHABLE_OPT },
	{ "cgroup_skb/egress", BPF_PROG_TYPE_CGROUP_SKB, BPF_CGROUP_INET_EGRESS, SEC_ATTACH_NONE, SEC_ATTACHABLE_OPT },
	{ "cgroup/skb", BPF_PROG_TYPE_CGROUP_SKB, 0, SEC_ATTACH_NONE, 0 },
	{ "cgroup/sock", BPF_PROG_TYPE_CGROUP_SOCK, BPF_CGROUP_INET_SOCK_CREATE, SEC_ATTACH_NONE, SEC_ATTACHABLE_OPT },
	{ "cgroup/sock_release", BPF_PROG_TYPE_CGROUP_SOCK, BPF_CGROUP_INET_SOCK_RELEASE, SEC_ATTACH_NONE, SEC_ATTACHABLE },
	{ "cgroup/post_bind6", BPF_PROG_TYPE_CGROUP_SOCK, BPF_CGROUP_INET6_POST_BIND, SEC_ATTACH_NONE, SEC_ATTACHABLE },
	{ "cgroup/connect4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET4_CONNECT, SEC_ATTACH_NONE, SEC_ATTACHABLE },
	{ "cgroup/connect_unix", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, 49, SEC_ATTACH_NONE, SEC_ATTACHABLE },
	{ "cgroup/sendmsg6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_UDP6_SENDMSG, SEC_ATTACH_NONE, SEC_ATTACHABLE },
	{ "cgroup/recvmsg_unix", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, 51, SEC_ATTACH_NONE, SEC_ATTACHABLE },
	{ "cgroup/getsockname_unix", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, 53, SEC_ATTACH_NONE, SEC_ATTACHABLE },
	{ "cgroup/sysctl", BPF_PROG_TYPE_CGROUP_SYSCTL, BPF_CGROUP_SYSCTL, SEC_ATTACH_NONE, SEC_ATTACHABLE },
	{ "cgroup/getsockopt", BPF_PROG_TYPE_CGROUP_SOCKOPT, BPF_CGROUP_GETSOCKOPT, SEC_ATTACH_NONE, SEC_ATTACHABLE },
	{ "cgroup/dev", BPF_PROG_TYPE_CGROUP_DEVICE, BPF_CGROUP_DEVICE, SEC_ATTACH_NONE, SEC_ATTACHABLE_OPT },
	{ "struct_ops/test", BPF_PROG_TYPE_STRUCT_OPS, 0, SEC_ATTACH_STRUCT_OPS, 0 },
	{ "struct_ops.s/test", BPF_PROG_TYPE_STRUCT_OPS, 0, SEC_ATTACH_STRUCT_OPS, SEC_SLEEPABLE },
	{ "netfilter", 32, 45, SEC_ATTACH_NONE, 0 },
};

TEST(sections_table)
{
	size_t i;

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		const struct sec_def *def = sec_def_find(table[i].sec);
		enum bpf_prog_type pt;
		enum bpf_attach_type at;

		ASSERT_TRUE_MSG(def != NULL, "no definition for '%s'", table[i].sec);
		ASSERT_TRUE_MSG(def->prog_type == (enum bpf_prog_type)table[i].prog_type &&
				def->expected_attach_type == (enum bpf_attach_type)table[i].attach_type &&
				def->attach_kind == (enum sec_attach_kind)table[i].kind &&
				def->cookie == table[i].flags,
				"'%s': got type %d attach %d kind %d flags %ld",
				table[i].sec, def->prog_type,
				def->expected_attach_type, def->attach_kind,
				def->cookie);
		ASSERT_OK(libbpf_prog_type_by_name(table[i].sec, &pt, &at));
		ASSERT_EQ(pt, table[i].prog_type);
		ASSERT_EQ(at, table[i].attach_type);
	}
}

TEST(sections_matching_rules)
{
	enum bpf_prog_type pt;
	enum bpf_attach_type at;

	/* '+' needs the bare name or a '/' after it */
	ASSERT_ERR(libbpf_prog_type_by_name("kprobex", &pt, &at), -ESRCH);
	ASSERT_ERR(libbpf_prog_type_by_name("xdpfoo", &pt, &at), -ESRCH);
	/* exact names take no suffix */
	ASSERT_ERR(libbpf_prog_type_by_name("socket/foo", &pt, &at), -ESRCH);
	ASSERT_ERR(libbpf_prog_type_by_name("", &pt, &at), -ESRCH);
	ASSERT_ERR(libbpf_prog_type_by_name(NULL, &pt, &at), -EINVAL);
	ASSERT_ERR(libbpf_prog_type_by_name("xdp", NULL, &at), -EINVAL);
}

TEST(sections_attach_type_by_name)
{
	enum bpf_attach_type at;

	ASSERT_OK(libbpf_attach_type_by_name("cgroup/connect4", &at));
	ASSERT_EQ(at, BPF_CGROUP_INET4_CONNECT);
	ASSERT_OK(libbpf_attach_type_by_name("xdp", &at));
	ASSERT_EQ(at, BPF_XDP);
	ASSERT_OK(libbpf_attach_type_by_name("sk_lookup", &at));
	ASSERT_EQ(at, BPF_SK_LOOKUP);
	/* known but not attachable by type */
	ASSERT_ERR(libbpf_attach_type_by_name("kprobe/x", &at), -EINVAL);
	ASSERT_ERR(libbpf_attach_type_by_name("tc", &at), -EINVAL);
	ASSERT_ERR(libbpf_attach_type_by_name("nonsense", &at), -EINVAL);
	ASSERT_ERR(libbpf_attach_type_by_name(NULL, &at), -EINVAL);
}

TEST(sections_prog_sec_arg)
{
	struct bpf_object *obj;
	struct bpf_program *prog;

	obj = bpf_object__open_file(test_prog_path("obj_sections.bpf.o"), NULL);
	ASSERT_PTR(obj);
	prog = bpf_object__find_program_by_name(obj, "s_tracepoint");
	ASSERT_STREQ(obj_prog_sec_arg(prog), "syscalls/sys_enter_openat");
	ASSERT_EQ(obj_prog_sec_def(prog)->attach_kind, SEC_ATTACH_TP);
	prog = bpf_object__find_program_by_name(obj, "s_xdp");
	ASSERT_STREQ(obj_prog_sec_arg(prog), "");
	bpf_object__close(obj);
}

TEST(sections_unknown_section_fails_load)
{
	enum bpf_prog_type pt;
	enum bpf_attach_type at;

	ASSERT_ERR(libbpf_prog_type_by_name("not_a_section", &pt, &at), -ESRCH);
	ASSERT_LOG("failed to guess program type from ELF section 'not_a_section'");
}

TEST(sections_find_vmlinux_btf_id)
{
	int id;

	id = libbpf_find_vmlinux_btf_id("sched_switch", BPF_TRACE_RAW_TP);
	if (id == -ENOENT)
		TEST_SKIP("no vmlinux BTF");
	ASSERT_GT(id, 0);
	ASSERT_GT(libbpf_find_vmlinux_btf_id("task", BPF_TRACE_ITER), 0);
	ASSERT_LT(libbpf_find_vmlinux_btf_id("no_such_function_xyz", BPF_TRACE_FENTRY), 0);
	ASSERT_LOG("no_such_function_xyz is not found in vmlinux BTF");
}
