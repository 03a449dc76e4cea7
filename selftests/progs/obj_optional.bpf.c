// SPDX-License-Identifier: GPL-2.0
/* SEC("?...") programs are not loaded unless asked for. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} vals SEC(".maps");

SEC("?socket")
int optional_bad(struct __sk_buff *skb)
{
	__u32 k = 0, *v = bpf_map_lookup_elem(&vals, &k);

	return *v;	/* no NULL check: refused if ever loaded */
}

static __noinline int helper(int x)
{
	return x * 2;
}

SEC("?socket")
int optional_good(struct __sk_buff *skb)
{
	return helper(21);
}

SEC("socket")
int always(struct __sk_buff *skb)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
