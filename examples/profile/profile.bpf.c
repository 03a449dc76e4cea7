// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Runs on every cpu-clock sample: counts it under the interrupted task's
 * pid, name, kernel stack and user stack.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "profile.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

const volatile int target_pid = 0;	/* 0: every task */
const volatile bool with_stacks = false;
const volatile bool skip_idle = true;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16384);
	__type(key, struct profile_key);
	__type(value, __u64);
} samples SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_STACK_TRACE);
	__uint(max_entries, 16384);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, PROFILE_MAX_DEPTH * sizeof(__u64));
} stacks SEC(".maps");

SEC("perf_event")
int on_sample(struct bpf_perf_event_data *ctx)
{
	int pid = bpf_get_current_pid_tgid() >> 32;
	struct profile_key key = {};
	__u64 one = 1, *n;

	if (skip_idle && pid == 0)
		return 0;
	if (target_pid && pid != target_pid)
		return 0;
	key.pid = pid;
	bpf_get_current_comm(key.comm, sizeof(key.comm));
	key.kstack = -1;
	key.ustack = -1;
	if (with_stacks) {
		key.kstack = bpf_get_stackid(ctx, &stacks, 0);
		key.ustack = bpf_get_stackid(ctx, &stacks, BPF_F_USER_STACK);
	}
	n = bpf_map_lookup_elem(&samples, &key);
	if (n)
		__sync_fetch_and_add(n, 1);
	else
		bpf_map_update_elem(&samples, &key, &one, BPF_NOEXIST);
	return 0;
}
