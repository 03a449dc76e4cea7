// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Feature probes and type names. */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "test.h"

TEST(probe_prog_types_present)
{
	static const enum bpf_prog_type types[] = {
		BPF_PROG_TYPE_SOCKET_FILTER, BPF_PROG_TYPE_XDP, BPF_PROG_TYPE_SCHED_CLS,
		BPF_PROG_TYPE_CGROUP_SKB, BPF_PROG_TYPE_RAW_TRACEPOINT,
		BPF_PROG_TYPE_TRACEPOINT, BPF_PROG_TYPE_PERF_EVENT,
		BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_PROG_TYPE_SK_LOOKUP,
		BPF_PROG_TYPE_SYSCALL,
	};
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		ASSERT_TRUE_MSG(libbpf_probe_bpf_prog_type(types[i], NULL) == 1,
				"prog type %s not found (errno %d)",
				libbpf_bpf_prog_type_str(types[i]), errno);
}

TEST(probe_prog_types_refused_here)
{
	/* fentry/lsm loads are refused with EPERM on our kernels. */
	ASSERT_EQ(libbpf_probe_bpf_prog_type(BPF_PROG_TYPE_TRACING, NULL), 0);
	ASSERT_EQ(libbpf_probe_bpf_prog_type(BPF_PROG_TYPE_LSM, NULL), 0);
}

TEST(probe_prog_type_bad_input)
{
	int dummy = 0;

	ASSERT_ERR(libbpf_probe_bpf_prog_type(BPF_PROG_TYPE_UNSPEC, NULL), -EOPNOTSUPP);
	ASSERT_ERR(libbpf_probe_bpf_prog_type((enum bpf_prog_type)999, NULL), -EOPNOTSUPP);
	ASSERT_ERR(libbpf_probe_bpf_prog_type(BPF_PROG_TYPE_XDP, &dummy), -EINVAL);
}

TEST(probe_map_types_present)
{
	static const enum bpf_map_type types[] = {
		BPF_MAP_TYPE_HASH, BPF_MAP_TYPE_ARRAY, BPF_MAP_TYPE_PERCPU_ARRAY,
		BPF_MAP_TYPE_RINGBUF, BPF_MAP_TYPE_LPM_TRIE, BPF_MAP_TYPE_QUEUE,
		BPF_MAP_TYPE_STACK, BPF_MAP_TYPE_ARRAY_OF_MAPS, BPF_MAP_TYPE_HASH_OF_MAPS,
		BPF_MAP_TYPE_TASK_STORAGE, BPF_MAP_TYPE_SK_STORAGE,
		BPF_MAP_TYPE_BLOOM_FILTER, BPF_MAP_TYPE_STACK_TRACE,
		BPF_MAP_TYPE_PERF_EVENT_ARRAY, BPF_MAP_TYPE_USER_RINGBUF,
		BPF_MAP_TYPE_CGROUP_STORAGE, BPF_MAP_TYPE_STRUCT_OPS,
	};
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		ASSERT_TRUE_MSG(libbpf_probe_bpf_map_type(types[i], NULL) == 1,
				"map type %s not found (errno %d)",
				libbpf_bpf_map_type_str(types[i]), errno);
}

TEST(probe_map_type_bad_input)
{
	int dummy = 0;

	ASSERT_ERR(libbpf_probe_bpf_map_type(BPF_MAP_TYPE_UNSPEC, NULL), -EOPNOTSUPP);
	ASSERT_ERR(libbpf_probe_bpf_map_type((enum bpf_map_type)999, NULL), -EOPNOTSUPP);
	ASSERT_ERR(libbpf_probe_bpf_map_type(BPF_MAP_TYPE_HASH, &dummy), -EINVAL);
}

TEST(probe_helpers)
{
	int dummy = 0;

	ASSERT_EQ(libbpf_probe_bpf_helper(BPF_PROG_TYPE_SOCKET_FILTER,
					  BPF_FUNC_ktime_get_ns, NULL), 1);
	ASSERT_EQ(libbpf_probe_bpf_helper(BPF_PROG_TYPE_XDP,
					  BPF_FUNC_map_lookup_elem, NULL), 1);
	/* Known to the kernel, but not for socket filters. */
	ASSERT_EQ(libbpf_probe_bpf_helper(BPF_PROG_TYPE_SOCKET_FILTER,
					  BPF_FUNC_override_return, NULL), 0);
	/* Not a helper at all. */
	ASSERT_EQ(libbpf_probe_bpf_helper(BPF_PROG_TYPE_XDP,
					  (enum bpf_func_id)100000, NULL), 0);
	ASSERT_ERR(libbpf_probe_bpf_helper(BPF_PROG_TYPE_TRACING,
					   BPF_FUNC_ktime_get_ns, NULL), -EOPNOTSUPP);
	ASSERT_ERR(libbpf_probe_bpf_helper(BPF_PROG_TYPE_UNSPEC,
					   BPF_FUNC_ktime_get_ns, NULL), -EOPNOTSUPP);
	ASSERT_ERR(libbpf_probe_bpf_helper(BPF_PROG_TYPE_XDP,
					   BPF_FUNC_ktime_get_ns, &dummy), -EINVAL);
}

TEST(type_names)
{
	ASSERT_STREQ(libbpf_bpf_prog_type_str(BPF_PROG_TYPE_SOCKET_FILTER), "socket_filter");
	ASSERT_STREQ(libbpf_bpf_prog_type_str(BPF_PROG_TYPE_XDP), "xdp");
	ASSERT_STREQ(libbpf_bpf_prog_type_str(BPF_PROG_TYPE_SCHED_CLS), "sched_cls");
	ASSERT_STREQ(libbpf_bpf_prog_type_str(BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE),
		     "raw_tracepoint_writable");
	ASSERT_STREQ(libbpf_bpf_prog_type_str(BPF_PROG_TYPE_UNSPEC), "unspec");
	ASSERT_TRUE(libbpf_bpf_prog_type_str((enum bpf_prog_type)999) == NULL);

	ASSERT_STREQ(libbpf_bpf_map_type_str(BPF_MAP_TYPE_HASH), "hash");
	ASSERT_STREQ(libbpf_bpf_map_type_str(BPF_MAP_TYPE_RINGBUF), "ringbuf");
	ASSERT_STREQ(libbpf_bpf_map_type_str(BPF_MAP_TYPE_CGROUP_STORAGE), "cgroup_storage");
	ASSERT_STREQ(libbpf_bpf_map_type_str(BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE),
		     "percpu_cgroup_storage");
	ASSERT_STREQ(libbpf_bpf_map_type_str((enum bpf_map_type)33), "arena");
	ASSERT_TRUE(libbpf_bpf_map_type_str((enum bpf_map_type)999) == NULL);

	ASSERT_STREQ(libbpf_bpf_attach_type_str(BPF_CGROUP_INET_INGRESS), "cgroup_inet_ingress");
	ASSERT_STREQ(libbpf_bpf_attach_type_str(BPF_TRACE_RAW_TP), "trace_raw_tp");
	ASSERT_STREQ(libbpf_bpf_attach_type_str(BPF_XDP), "xdp");
	ASSERT_STREQ(libbpf_bpf_attach_type_str((enum bpf_attach_type)46), "tcx_ingress");
	ASSERT_STREQ(libbpf_bpf_attach_type_str((enum bpf_attach_type)57),
		     "trace_uprobe_session");
	ASSERT_TRUE(libbpf_bpf_attach_type_str((enum bpf_attach_type)999) == NULL);

	ASSERT_STREQ(libbpf_bpf_link_type_str(BPF_LINK_TYPE_RAW_TRACEPOINT), "raw_tracepoint");
	ASSERT_STREQ(libbpf_bpf_link_type_str(BPF_LINK_TYPE_XDP), "xdp");
	ASSERT_STREQ(libbpf_bpf_link_type_str((enum bpf_link_type)11), "tcx");
	ASSERT_TRUE(libbpf_bpf_link_type_str((enum bpf_link_type)999) == NULL);
}
