// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Feature probes: does this kernel know a program type, a map type, a helper
 * for a program type?  Each probe loads the smallest program or creates the
 * smallest map of that kind.  1 = supported, 0 = not, -errno = cannot tell
 * (unknown type, bad arguments).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "uapi_compat.h"
#include "util/err.h"
#include "util/log.h"

#define ENOTSUPP_KERNEL 524	/* the kernel-internal ENOTSUPP */

static __u32 running_kernel_version(void)
{
	struct utsname u;
	unsigned int major = 0, minor = 0, patch = 0;

	if (uname(&u) || sscanf(u.release, "%u.%u.%u", &major, &minor, &patch) < 2)
		return 0;
	if (patch > 255)
		patch = 255;
	return (major << 16) | (minor << 8) | patch;
}

/*
 * Loads insns as prog_type.  Returns 1 when the kernel took it, 0 when not,
 * -EOPNOTSUPP for a type this library cannot probe.  Some types cannot load
 * without an attach target; for those a specific refusal proves support.
 */
static int probe_load(enum bpf_prog_type prog_type, const struct bpf_insn *insns,
		      size_t cnt, char *log, size_t log_size)
{
	LIBBPF_OPTS(bpf_prog_load_opts, opts);
	const char *want_msg = NULL;
	char own_log[4096];
	int want_err = 0, fd, err;

	switch ((int)prog_type) {
	case BPF_PROG_TYPE_CGROUP_SOCK_ADDR:
		opts.expected_attach_type = BPF_CGROUP_INET4_CONNECT;
		break;
	case BPF_PROG_TYPE_CGROUP_SOCKOPT:
		opts.expected_attach_type = BPF_CGROUP_GETSOCKOPT;
		break;
	case BPF_PROG_TYPE_SK_LOOKUP:
		opts.expected_attach_type = BPF_SK_LOOKUP;
		break;
	case BPF_PROG_TYPE_KPROBE:
		opts.kern_version = running_kernel_version();
		break;
	case BPF_PROG_TYPE_LIRC_MODE2:
		opts.expected_attach_type = BPF_LIRC_MODE2;
		break;
	case BPF_PROG_TYPE_TRACING:
	case BPF_PROG_TYPE_LSM:
		opts.expected_attach_type = prog_type == BPF_PROG_TYPE_TRACING ?
					    BPF_TRACE_FENTRY : BPF_LSM_MAC;
		opts.attach_btf_id = 1;
		want_err = -EINVAL;
		want_msg = "attach_btf_id 1 is not a function";
		break;
	case BPF_PROG_TYPE_EXT:
		opts.attach_btf_id = 1;
		want_err = -EINVAL;
		want_msg = "Cannot replace kernel functions";
		break;
	case BPF_PROG_TYPE_SYSCALL:
		opts.prog_flags = BPF_F_SLEEPABLE;
		break;
	case BPF_PROG_TYPE_STRUCT_OPS:
		want_err = -ENOTSUPP_KERNEL;
		break;
	case BPF_PROG_TYPE_NETFILTER:
		opts.expected_attach_type = BPF_NETFILTER;
		break;
	case BPF_PROG_TYPE_SOCKET_FILTER:
	case BPF_PROG_TYPE_SCHED_CLS:
	case BPF_PROG_TYPE_SCHED_ACT:
	case BPF_PROG_TYPE_TRACEPOINT:
	case BPF_PROG_TYPE_XDP:
	case BPF_PROG_TYPE_PERF_EVENT:
	case BPF_PROG_TYPE_CGROUP_SKB:
	case BPF_PROG_TYPE_CGROUP_SOCK:
	case BPF_PROG_TYPE_LWT_IN:
	case BPF_PROG_TYPE_LWT_OUT:
	case BPF_PROG_TYPE_LWT_XMIT:
	case BPF_PROG_TYPE_SOCK_OPS:
	case BPF_PROG_TYPE_SK_SKB:
	case BPF_PROG_TYPE_CGROUP_DEVICE:
	case BPF_PROG_TYPE_SK_MSG:
	case BPF_PROG_TYPE_RAW_TRACEPOINT:
	case BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE:
	case BPF_PROG_TYPE_LWT_SEG6LOCAL:
	case BPF_PROG_TYPE_SK_REUSEPORT:
	case BPF_PROG_TYPE_FLOW_DISSECTOR:
	case BPF_PROG_TYPE_CGROUP_SYSCTL:
		break;
	default:
		return -EOPNOTSUPP;
	}

	if (want_msg && !log) {
		log = own_log;
		log_size = sizeof(own_log);
	}
	if (log) {
		log[0] = '\0';
		opts.log_buf = log;
		opts.log_size = (__u32)log_size;
		opts.log_level = 1;
	}
	fd = bpf_prog_load(prog_type, NULL, "GPL", insns, cnt, &opts);
	err = fd < 0 ? -errno : 0;
	if (fd >= 0)
		close(fd);

	if (want_err) {
		if (fd >= 0 || err != want_err)
			return 0;
		return !want_msg || strstr(log, want_msg) ? 1 : 0;
	}
	return fd >= 0;
}

LIBBPF_API int libbpf_probe_bpf_prog_type(enum bpf_prog_type prog_type,
					  const void *opts)
{
	const struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};

	if (opts)
		return util_err(-EINVAL);
	return util_err(probe_load(prog_type, insns, 2, NULL, 0));
}

/*
 * BTF for local-storage maps, which need typed keys and values:
 * [1] int, [2] struct val { int a; int b; }.
 */
static int load_storage_btf(void)
{
	static const char strs[] = "\0int\0val\0a\0b";
	__u32 types[] = {
		/* [1] int: name, INT kind, size 4, signed 32 bits */
		1, 1u << 24, 4, (1u << 24) | 32,
		/* [2] struct val: name, STRUCT kind with 2 members, size 8 */
		5, (4u << 24) | 2, 8,
		9, 1, 0,	/* a: int at bit 0 */
		11, 1, 32,	/* b: int at bit 32 */
	};
	struct {
		__u16 magic;
		__u8 version;
		__u8 flags;
		__u32 hdr_len;
		__u32 type_off, type_len, str_off, str_len;
	} hdr = {
		.magic = 0xeB9F, .version = 1, .hdr_len = sizeof(hdr),
		.type_off = 0, .type_len = sizeof(types),
		.str_off = sizeof(types), .str_len = sizeof(strs),
	};
	char raw[sizeof(hdr) + sizeof(types) + sizeof(strs)];

	memcpy(raw, &hdr, sizeof(hdr));
	memcpy(raw + sizeof(hdr), types, sizeof(types));
	memcpy(raw + sizeof(hdr) + sizeof(types), strs, sizeof(strs));
	return bpf_btf_load(raw, sizeof(raw), NULL);
}

LIBBPF_API int libbpf_probe_bpf_map_type(enum bpf_map_type map_type,
					 const void *opts)
{
	LIBBPF_OPTS(bpf_map_create_opts, mopts);
	__u32 key_size = 4, value_size = 4, max_entries = 1;
	int fd, inner_fd = -1, btf_fd = -1, err, want_err = 0;

	if (opts)
		return util_err(-EINVAL);

	switch ((int)map_type) {
	case BPF_MAP_TYPE_STACK_TRACE:
		value_size = 8;
		break;
	case BPF_MAP_TYPE_LPM_TRIE:
		key_size = 8;
		value_size = 8;
		mopts.map_flags = BPF_F_NO_PREALLOC;
		break;
	case BPF_MAP_TYPE_CGROUP_STORAGE:
	case BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE:
		key_size = sizeof(struct bpf_cgroup_storage_key);
		value_size = 8;
		max_entries = 0;
		break;
	case BPF_MAP_TYPE_QUEUE:
	case BPF_MAP_TYPE_STACK:
		key_size = 0;
		break;
	case BPF_MAP_TYPE_SK_STORAGE:
	case BPF_MAP_TYPE_INODE_STORAGE:
	case BPF_MAP_TYPE_TASK_STORAGE:
	case BPF_MAP_TYPE_CGRP_STORAGE:
		value_size = 8;
		max_entries = 0;
		mopts.map_flags = BPF_F_NO_PREALLOC;
		mopts.btf_key_type_id = 1;
		mopts.btf_value_type_id = 2;
		btf_fd = load_storage_btf();
		if (btf_fd < 0)
			return util_err(btf_fd);
		mopts.btf_fd = btf_fd;
		break;
	case BPF_MAP_TYPE_RINGBUF:
	case BPF_MAP_TYPE_USER_RINGBUF:
		key_size = 0;
		value_size = 0;
		max_entries = (__u32)sysconf(_SC_PAGE_SIZE);
		break;
	case BPF_MAP_TYPE_STRUCT_OPS:
		/* An unknown struct_ops type id is refused with ENOTSUPP. */
		mopts.btf_vmlinux_value_type_id = 1;
		want_err = -ENOTSUPP_KERNEL;
		break;
	case BPF_MAP_TYPE_BLOOM_FILTER:
		key_size = 0;
		break;
	case BPF_MAP_TYPE_ARENA:
		key_size = 0;
		value_size = 0;
		mopts.map_flags = BPF_F_MMAPABLE;
		break;
	case BPF_MAP_TYPE_ARRAY_OF_MAPS:
	case BPF_MAP_TYPE_HASH_OF_MAPS:
		inner_fd = bpf_map_create(BPF_MAP_TYPE_HASH, NULL, 4, 4, 1, NULL);
		if (inner_fd < 0)
			return 0;
		mopts.inner_map_fd = inner_fd;
		break;
	case BPF_MAP_TYPE_HASH:
	case BPF_MAP_TYPE_ARRAY:
	case BPF_MAP_TYPE_PROG_ARRAY:
	case BPF_MAP_TYPE_PERF_EVENT_ARRAY:
	case BPF_MAP_TYPE_PERCPU_HASH:
	case BPF_MAP_TYPE_PERCPU_ARRAY:
	case BPF_MAP_TYPE_CGROUP_ARRAY:
	case BPF_MAP_TYPE_LRU_HASH:
	case BPF_MAP_TYPE_LRU_PERCPU_HASH:
	case BPF_MAP_TYPE_DEVMAP:
	case BPF_MAP_TYPE_DEVMAP_HASH:
	case BPF_MAP_TYPE_SOCKMAP:
	case BPF_MAP_TYPE_CPUMAP:
	case BPF_MAP_TYPE_XSKMAP:
	case BPF_MAP_TYPE_SOCKHASH:
	case BPF_MAP_TYPE_REUSEPORT_SOCKARRAY:
		break;
	default:
		return util_err(-EOPNOTSUPP);
	}

	fd = bpf_map_create(map_type, NULL, key_size, value_size, max_entries,
			    &mopts);
	err = fd < 0 ? -errno : 0;
	if (fd >= 0)
		close(fd);
	if (inner_fd >= 0)
		close(inner_fd);
	if (btf_fd >= 0)
		close(btf_fd);

	if (want_err)
		return fd < 0 && err == want_err;
	return fd >= 0;
}

LIBBPF_API int libbpf_probe_bpf_helper(enum bpf_prog_type prog_type,
				       enum bpf_func_id helper_id,
				       const void *opts)
{
	const struct bpf_insn insns[] = {
		{ .code = BPF_JMP | BPF_CALL, .imm = helper_id },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	char log[4096];
	int ret;

	if (opts)
		return util_err(-EINVAL);
	/* These types load only with an attach target: nothing to learn. */
	switch ((int)prog_type) {
	case BPF_PROG_TYPE_TRACING:
	case BPF_PROG_TYPE_EXT:
	case BPF_PROG_TYPE_LSM:
	case BPF_PROG_TYPE_STRUCT_OPS:
		return util_err(-EOPNOTSUPP);
	default:
		break;
	}

	ret = probe_load(prog_type, insns, 2, log, sizeof(log));
	if (ret < 0)
		return util_err(ret);
	/*
	 * A refusal naming the call means the helper is unknown, or not
	 * allowed for this type.  Any other refusal is about the tiny
	 * program's arguments: the helper itself is there.
	 */
	if (ret == 0 && (strstr(log, "invalid func ") ||
			 strstr(log, "unknown func ") ||
			 strstr(log, "program of this type cannot use helper ")))
		return 0;
	return 1;
}
