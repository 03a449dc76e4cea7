// SPDX-License-Identifier: GPL-2.0
/* A map pinned by name, to test reuse across two objects. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} pinned_map SEC(".maps");

SEC("syscall")
int bump(void *ctx)
{
	__u32 k = 1, one = 1, *v;

	v = bpf_map_lookup_elem(&pinned_map, &k);
	if (v)
		(*v)++;
	else
		bpf_map_update_elem(&pinned_map, &k, &one, BPF_ANY);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
