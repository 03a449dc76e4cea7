// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Counts received packets by protocol, before the kernel's network stack
 * sees them, and drops the classes user space asked for.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "proto.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

/* vmlinux.h has the structs but not the #defines of the uapi headers. */
#define ETH_P_IP	0x0800
#define ETH_P_ARP	0x0806
#define ETH_P_IPV6	0x86DD
#define IPPROTO_ICMPV6	58

/* Bit n set: drop packets of class n.  Set before load. */
const volatile __u32 drop_mask = 0;

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, PKT_CLASSES);
	__type(key, __u32);
	__type(value, __u64);
} packets SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, PKT_CLASSES);
	__type(key, __u32);
	__type(value, __u64);
} dropped SEC(".maps");

static __always_inline __u32 classify_l4(__u8 proto)
{
	switch (proto) {
	case IPPROTO_ICMP:
		return PKT_ICMP;
	case IPPROTO_TCP:
		return PKT_TCP;
	case IPPROTO_UDP:
		return PKT_UDP;
	case IPPROTO_ICMPV6:
		return PKT_ICMPV6;
	default:
		return PKT_OTHER_IP;
	}
}

static __always_inline __u32 classify(void *data, void *end)
{
	struct ethhdr *eth = data;
	struct ipv6hdr *ip6;
	struct iphdr *ip;

	if ((void *)(eth + 1) > end)
		return PKT_OTHER;
	switch (bpf_ntohs(eth->h_proto)) {
	case ETH_P_IP:
		ip = (void *)(eth + 1);
		if ((void *)(ip + 1) > end)
			return PKT_OTHER_IP;
		return classify_l4(ip->protocol);
	case ETH_P_IPV6:
		ip6 = (void *)(eth + 1);
		if ((void *)(ip6 + 1) > end)
			return PKT_OTHER_IP;
		/* The first next-header only: extension headers count as other. */
		return classify_l4(ip6->nexthdr);
	case ETH_P_ARP:
		return PKT_ARP;
	default:
		return PKT_OTHER;
	}
}

SEC("xdp")
int xdp_count(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	__u32 class = classify(data, end);
	__u64 *n;

	n = bpf_map_lookup_elem(&packets, &class);
	if (n)
		(*n)++;
	if (!(drop_mask & (1u << class)))
		return XDP_PASS;
	n = bpf_map_lookup_elem(&dropped, &class);
	if (n)
		(*n)++;
	return XDP_DROP;
}
