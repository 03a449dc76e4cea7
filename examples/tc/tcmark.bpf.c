// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Ingress classifier: counts packets and bytes (IPv4 and IPv6 apart),
 * and sets skb->mark on IPv4/IPv6 packets when a mark was configured, so
 * that routing rules or netfilter can act on them later.  Every packet
 * goes on (TCX_NEXT, which is TC_ACT_UNSPEC for classic tc).
 *
 * "tcx/ingress" gives the program the expected attach type a tcx link
 * asks for; classic tc (cls_bpf) does not look at it, so the same program
 * serves both ways of attaching.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "tcmark.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

#define ETH_P_IP	0x0800
#define ETH_P_IPV6	0x86DD

const volatile __u32 mark = 0;	/* 0: count only */

struct tcmark_counts counts = {};

SEC("tcx/ingress")
int tc_ingress(struct __sk_buff *skb)
{
	__u16 proto = bpf_ntohs(skb->protocol);

	__sync_fetch_and_add(&counts.packets, 1);
	__sync_fetch_and_add(&counts.bytes, skb->len);
	if (proto == ETH_P_IP)
		__sync_fetch_and_add(&counts.ipv4, 1);
	else if (proto == ETH_P_IPV6)
		__sync_fetch_and_add(&counts.ipv6, 1);
	else
		return TCX_NEXT;
	if (mark) {
		skb->mark = mark;
		__sync_fetch_and_add(&counts.marked, 1);
	}
	return TCX_NEXT;
}
