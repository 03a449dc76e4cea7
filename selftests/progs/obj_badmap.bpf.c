// SPDX-License-Identifier: GPL-2.0
/* A map definition with an attribute the loader does not know. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
	__uint(color, 3);
} odd_map SEC(".maps");

SEC("syscall")
int uses_odd(void *ctx)
{
	__u32 k = 0;

	return bpf_map_lookup_elem(&odd_map, &k) ? 1 : 0;
}

char LICENSE[] SEC("license") = "GPL";
