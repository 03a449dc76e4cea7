// SPDX-License-Identifier: GPL-2.0
/* Programs for the bpftool net suite: one XDP and one tc classifier. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("xdp")
int misc_xdp(struct xdp_md *ctx)
{
	return XDP_PASS;
}

SEC("tc")
int misc_tc(struct __sk_buff *skb)
{
	return 0;	/* TC_ACT_OK */
}

SEC("flow_dissector")
int misc_flow(struct __sk_buff *skb)
{
	return BPF_DROP;	/* leave dissection to the kernel */
}
