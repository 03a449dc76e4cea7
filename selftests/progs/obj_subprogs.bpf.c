// SPDX-License-Identifier: GPL-2.0
/*
 * BPF-to-BPF calls: static and global subprograms, one subprogram shared by
 * two programs, and a callback passed to bpf_loop().
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

int result;
int loop_sum;

static __noinline int add_static(int a, int b)
{
	return a + b;
}

__noinline int mul_global(int a, int b)
{
	return add_static(a, 0) * b;
}

/* global but hidden: treated like a static function */
__hidden __noinline int hidden_helper(int a)
{
	return a + 1;
}

static int loop_cb(__u32 idx, void *ctx)
{
	loop_sum += idx;
	return 0;
}

SEC("xdp")
int calls_xdp(struct xdp_md *ctx)
{
	result = mul_global(add_static(2, 3), 4);	/* 20 */
	bpf_loop(5, loop_cb, NULL, 0);			/* 0+1+2+3+4 */
	return XDP_PASS;
}

SEC("tc")
int calls_tc(struct __sk_buff *skb)
{
	result = add_static(40, 1);
	result = hidden_helper(result);
	return 0;
}

SEC("socket")
int calls_socket(struct __sk_buff *skb)
{
	return mul_global(3, 3);
}

char LICENSE[] SEC("license") = "GPL";
