// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Programs that iproute2 (linked against libbpf.so.1) loads through us. */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} dropin_pkts SEC(".maps");

static __always_inline void count(void)
{
	__u32 key = 0;
	__u64 *v = bpf_map_lookup_elem(&dropin_pkts, &key);

	if (v)
		__sync_fetch_and_add(v, 1);
}

SEC("xdp")
int dropin_xdp(struct xdp_md *ctx)
{
	count();
	return XDP_PASS;
}

SEC("tc")
int dropin_tc(struct __sk_buff *skb)
{
	count();
	return TC_ACT_OK;
}

char LICENSE[] SEC("license") = "GPL";
