// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Bad linker input: linker_a's results array map declared as a hash. */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

extern struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u64);
} results SEC(".maps");

SEC("xdp")
int linker_map_prog(struct xdp_md *ctx)
{
	__u32 k = 0;

	return bpf_map_lookup_elem(&results, &k) ? XDP_PASS : XDP_DROP;
}
