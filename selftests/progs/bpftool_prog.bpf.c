// SPDX-License-Identifier: GPL-2.0
/*
 * Programs for the bpftool prog suite: map lookups, global data, a
 * subprogram, a tail call, atomics and a printk, so that dump xlated sees
 * every pseudo kind the kernel rewrites.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u32);
} jumps SEC(".maps");

__u64 packets;
__u32 last_len = 7;
const volatile __u32 limit = 1500;

static __noinline int clamp(int v)
{
	if (v > (int)limit)
		return (int)limit;
	return v < 0 ? 0 : v;
}

SEC("xdp")
int xdp_count(struct xdp_md *ctx)
{
	__u32 key = ctx->ingress_ifindex & 15;
	__u64 *v, one = 1, old;
	int len = ctx->data_end - ctx->data;

	v = bpf_map_lookup_elem(&counts, &key);
	if (v)
		__sync_fetch_and_add(v, 1);
	else
		bpf_map_update_elem(&counts, &key, &one, BPF_ANY);
	old = __sync_fetch_and_add(&packets, 1);
	__sync_val_compare_and_swap(&last_len, old, (__u32)len);
	last_len = clamp(len);
	if (len > 9000)
		bpf_tail_call(ctx, &jumps, 0);
	return len >= 14 ? XDP_PASS : XDP_DROP;
}

SEC("xdp")
int xdp_pass(struct xdp_md *ctx)
{
	return XDP_PASS;
}

SEC("socket")
int sock_printk(struct __sk_buff *skb)
{
	__s64 x = (__s32)skb->len;
	__u64 y = (__u64)x / 3;

	bpf_printk("len %d", skb->len);
	y ^= __builtin_bswap64(y);
	return (int)(y & 1) | (int)((__u64)x % 5);
}

char _license[] SEC("license") = "GPL";
