// SPDX-License-Identifier: GPL-2.0
/* An exclusive map: only the program named at load may use it. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} excl_map SEC(".maps");

int counter;

static __noinline int bump(__u64 *v)
{
	*v += 1;
	return 0;
}

SEC("syscall")
int owner(void *ctx)
{
	__u32 k = 0;
	__u64 *v = bpf_map_lookup_elem(&excl_map, &k);

	counter++;
	if (v)
		bump(v);
	return 0;
}

SEC("syscall")
int intruder(void *ctx)
{
	__u32 k = 0;
	__u64 *v = bpf_map_lookup_elem(&excl_map, &k);

	return v ? 1 : 0;
}

char LICENSE[] SEC("license") = "GPL";
