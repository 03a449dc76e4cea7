// SPDX-License-Identifier: GPL-2.0
/* map_extra given with __ulong() (a one-value enum), as for bloom filters. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_BLOOM_FILTER);
	__uint(max_entries, 64);
	__type(value, __u32);
	__ulong(map_extra, 3);	/* hash functions */
} bloom SEC(".maps");

SEC("xdp")
int add_value(struct xdp_md *ctx)
{
	__u32 v = 7;

	return bpf_map_push_elem(&bloom, &v, 0);
}

char LICENSE[] SEC("license") = "GPL";
