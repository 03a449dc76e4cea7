/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Per-command views of union bpf_attr, as laid out by the kernel ABI.
 *
 * The wrappers of sys/ fill these instead of union bpf_attr so that they do
 * not depend on how recent the installed uapi header is: a command the
 * header does not describe yet (prog_stream_read, prog_assoc_struct_ops)
 * still gets the right bytes.  Each struct is exactly the prefix of the
 * union the command reads; its size is what we pass to the kernel, which
 * checks that anything beyond what it knows is zero.
 */
#ifndef BPFKIT_SYS_ATTR_H
#define BPFKIT_SYS_ATTR_H

#include <linux/types.h>
#include <stddef.h>

#include "sys.h"

#define SYS_OBJ_NAME_LEN 16

/* Command numbers newer than some uapi headers (enum bpf_cmd). */
#define SYS_CMD_TOKEN_CREATE		36
#define SYS_CMD_PROG_STREAM_READ_BY_FD	37
#define SYS_CMD_PROG_ASSOC_STRUCT_OPS	38

struct sys_attr_map_create {
	__u32 map_type;
	__u32 key_size;
	__u32 value_size;
	__u32 max_entries;
	__u32 map_flags;
	__u32 inner_map_fd;
	__u32 numa_node;
	char map_name[SYS_OBJ_NAME_LEN];
	__u32 map_ifindex;
	__u32 btf_fd;
	__u32 btf_key_type_id;
	__u32 btf_value_type_id;
	__u32 btf_vmlinux_value_type_id;
	__aligned_u64 map_extra;
	__s32 value_type_btf_obj_fd;
	__s32 map_token_fd;
	__aligned_u64 excl_prog_hash;
	__u32 excl_prog_hash_size;
};

/* MAP_LOOKUP_ELEM, UPDATE, DELETE, GET_NEXT_KEY, LOOKUP_AND_DELETE, FREEZE */
struct sys_attr_map_elem {
	__u32 map_fd;
	__u32 pad;
	__aligned_u64 key;
	__aligned_u64 value;	/* next_key for GET_NEXT_KEY */
	__aligned_u64 flags;
};

struct sys_attr_map_batch {
	__aligned_u64 in_batch;
	__aligned_u64 out_batch;
	__aligned_u64 keys;
	__aligned_u64 values;
	__u32 count;
	__u32 map_fd;
	__aligned_u64 elem_flags;
	__aligned_u64 flags;
};

struct sys_attr_prog_load {
	__u32 prog_type;
	__u32 insn_cnt;
	__aligned_u64 insns;
	__aligned_u64 license;
	__u32 log_level;
	__u32 log_size;
	__aligned_u64 log_buf;
	__u32 kern_version;
	__u32 prog_flags;
	char prog_name[SYS_OBJ_NAME_LEN];
	__u32 prog_ifindex;
	__u32 expected_attach_type;
	__u32 prog_btf_fd;
	__u32 func_info_rec_size;
	__aligned_u64 func_info;
	__u32 func_info_cnt;
	__u32 line_info_rec_size;
	__aligned_u64 line_info;
	__u32 line_info_cnt;
	__u32 attach_btf_id;
	__u32 attach_prog_fd;	/* or attach_btf_obj_fd */
	__u32 core_relo_cnt;
	__aligned_u64 fd_array;
	__aligned_u64 core_relos;
	__u32 core_relo_rec_size;
	__u32 log_true_size;
	__s32 prog_token_fd;
	__u32 fd_array_cnt;
};

struct sys_attr_obj {		/* OBJ_PIN, OBJ_GET */
	__aligned_u64 pathname;
	__u32 bpf_fd;
	__u32 file_flags;
	__s32 path_fd;
};

struct sys_attr_prog_attach {	/* PROG_ATTACH, PROG_DETACH */
	__u32 target;		/* fd or ifindex */
	__u32 attach_bpf_fd;
	__u32 attach_type;
	__u32 attach_flags;
	__u32 replace_bpf_fd;
	__u32 relative;		/* fd or id */
	__aligned_u64 expected_revision;
};

struct sys_attr_test_run {
	__u32 prog_fd;
	__u32 retval;
	__u32 data_size_in;
	__u32 data_size_out;
	__aligned_u64 data_in;
	__aligned_u64 data_out;
	__u32 repeat;
	__u32 duration;
	__u32 ctx_size_in;
	__u32 ctx_size_out;
	__aligned_u64 ctx_in;
	__aligned_u64 ctx_out;
	__u32 flags;
	__u32 cpu;
	__u32 batch_size;
};

/* *_GET_NEXT_ID, *_GET_FD_BY_ID */
struct sys_attr_id {
	__u32 id;
	__u32 next_id;
	__u32 open_flags;
	__s32 token_fd;
} __attribute__((aligned(8)));

struct sys_attr_info {
	__u32 bpf_fd;
	__u32 info_len;
	__aligned_u64 info;
};

struct sys_attr_query {
	__u32 target;		/* fd or ifindex */
	__u32 attach_type;
	__u32 query_flags;
	__u32 attach_flags;
	__aligned_u64 prog_ids;
	__u32 count;
	__u32 pad;
	__aligned_u64 prog_attach_flags;
	__aligned_u64 link_ids;
	__aligned_u64 link_attach_flags;
	__aligned_u64 revision;
};

struct sys_attr_raw_tp {
	__aligned_u64 name;
	__u32 prog_fd;
	__u32 pad;
	__aligned_u64 cookie;
};

struct sys_attr_btf_load {
	__aligned_u64 btf;
	__aligned_u64 log_buf;
	__u32 btf_size;
	__u32 log_size;
	__u32 log_level;
	__u32 log_true_size;
	__u32 btf_flags;
	__s32 token_fd;
};

struct sys_attr_task_fd_query {
	__u32 pid;
	__u32 fd;
	__u32 flags;
	__u32 buf_len;
	__aligned_u64 buf;
	__u32 prog_id;
	__u32 fd_type;
	__aligned_u64 probe_offset;
	__aligned_u64 probe_addr;
};

struct sys_attr_link_create {
	__u32 prog_fd;		/* or map_fd (struct_ops) */
	__u32 target;		/* fd or ifindex */
	__u32 attach_type;
	__u32 flags;
	union {
		__u32 target_btf_id;
		struct {
			__aligned_u64 info;
			__u32 info_len;
		} iter;
		struct {
			__aligned_u64 bpf_cookie;
		} perf_event;
		struct {
			__u32 flags;
			__u32 cnt;
			__aligned_u64 syms;
			__aligned_u64 addrs;
			__aligned_u64 cookies;
		} kprobe_multi;
		struct {
			__u32 target_btf_id;
			__aligned_u64 cookie;
		} tracing;
		struct {
			__u32 pf;
			__u32 hooknum;
			__s32 priority;
			__u32 flags;
		} netfilter;
		struct {		/* tcx, netkit, cgroup */
			__u32 relative;	/* fd or id */
			__aligned_u64 expected_revision;
		} ordered;
		struct {
			__aligned_u64 path;
			__aligned_u64 offsets;
			__aligned_u64 ref_ctr_offsets;
			__aligned_u64 cookies;
			__u32 cnt;
			__u32 flags;
			__u32 pid;
		} uprobe_multi;
	};
};

struct sys_attr_link_update {
	__u32 link_fd;
	__u32 new_fd;		/* program, or map for struct_ops links */
	__u32 flags;
	__u32 old_fd;
} __attribute__((aligned(8)));

struct sys_attr_fd_flags {	/* LINK_DETACH, ITER_CREATE, ENABLE_STATS */
	__u32 fd;		/* the stats type for ENABLE_STATS */
	__u32 flags;
} __attribute__((aligned(8)));

struct sys_attr_prog_bind_map {
	__u32 prog_fd;
	__u32 map_fd;
	__u32 flags;
} __attribute__((aligned(8)));

struct sys_attr_token_create {
	__u32 flags;
	__u32 bpffs_fd;
} __attribute__((aligned(8)));

struct sys_attr_stream_read {
	__aligned_u64 buf;
	__u32 buf_len;
	__u32 stream_id;
	__u32 prog_fd;
};

struct sys_attr_assoc_struct_ops {
	__u32 map_fd;
	__u32 prog_fd;
	__u32 flags;
} __attribute__((aligned(8)));

/* Issue cmd with one of the structs above. */
#define SYS_BPF(cmd, a)		sys_bpf((enum bpf_cmd)(cmd), (union bpf_attr *)(a), sizeof(*(a)))
#define SYS_BPF_FD(cmd, a)	sys_bpf_fd((enum bpf_cmd)(cmd), (union bpf_attr *)(a), sizeof(*(a)))

#endif
