// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Counts openat() calls per command name.  The map is keyed by comm so that
 * `bpftool map dump` can print it through BTF as readable strings.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define COMM_LEN 16

struct comm_key {
	char comm[COMM_LEN];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, struct comm_key);
	__type(value, __u64);
} opens_by_comm SEC(".maps");

__u64 total_opens;		/* .bss, read by user space through mmap */
const volatile int only_pid;	/* .rodata, set before load; 0 = everyone */

SEC("tracepoint/syscalls/sys_enter_openat")
int count_openat(void *ctx)
{
	struct comm_key key = {};
	__u64 one = 1, *count;

	if (only_pid && (bpf_get_current_pid_tgid() >> 32) != (__u32)only_pid)
		return 0;
	bpf_get_current_comm(key.comm, sizeof(key.comm));
	count = bpf_map_lookup_elem(&opens_by_comm, &key);
	if (count)
		__sync_fetch_and_add(count, 1);
	else
		bpf_map_update_elem(&opens_by_comm, &key, &one, BPF_NOEXIST);
	__sync_fetch_and_add(&total_opens, 1);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
