// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Programs for test_link.c: pairs of programs of one type, so that links
 * can be switched from one to the other, and a few network hooks.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

__u64 hits_a, hits_b, xdp_a, xdp_b, tcx_hits;

SEC("cgroup_skb/egress")
int egress_a(struct __sk_buff *skb)
{
	__sync_fetch_and_add(&hits_a, 1);
	return 1;
}

SEC("cgroup_skb/egress")
int egress_b(struct __sk_buff *skb)
{
	__sync_fetch_and_add(&hits_b, 1);
	return 1;
}

SEC("xdp")
int xdp_a_prog(struct xdp_md *ctx)
{
	__sync_fetch_and_add(&xdp_a, 1);
	return XDP_PASS;
}

SEC("xdp")
int xdp_b_prog(struct xdp_md *ctx)
{
	__sync_fetch_and_add(&xdp_b, 1);
	return XDP_PASS;
}

SEC("tcx/ingress")
int tcx_in(struct __sk_buff *skb)
{
	__sync_fetch_and_add(&tcx_hits, 1);
	return -1;	/* TCX_NEXT */
}

SEC("sk_lookup")
int lookup_pass(struct bpf_sk_lookup *ctx)
{
	return SK_PASS;
}

SEC("netfilter")
int nf_accept(void *ctx)
{
	return 1;	/* NF_ACCEPT */
}

struct {
	__uint(type, BPF_MAP_TYPE_SOCKMAP);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} socks SEC(".maps");

SEC("sk_skb/stream_verdict")
int verdict(struct __sk_buff *skb)
{
	return SK_PASS;
}
