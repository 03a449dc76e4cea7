// SPDX-License-Identifier: GPL-2.0
/*
 * For the bpftool struct_ops suite: a TCP congestion control registered
 * through its map (.struct_ops, stays registered after the loader exits)
 * and one registered through a link (.struct_ops.link).
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct sock;

/* The members used; the loader matches them to the kernel's by name. */
struct tcp_congestion_ops {
	__u32 (*ssthresh)(struct sock *sk);
	void (*cong_avoid)(struct sock *sk, __u32 ack, __u32 acked);
	__u32 (*undo_cwnd)(struct sock *sk);
	char name[16];
};

SEC("struct_ops/bk_misc_ssthresh")
__u32 bk_misc_ssthresh(unsigned long long *ctx)
{
	return 2;
}

SEC("struct_ops/bk_misc_cong_avoid")
void bk_misc_cong_avoid(unsigned long long *ctx)
{
}

SEC("struct_ops/bk_misc_undo_cwnd")
__u32 bk_misc_undo_cwnd(unsigned long long *ctx)
{
	return 10;
}

SEC(".struct_ops")
struct tcp_congestion_ops bk_misc_map = {
	.ssthresh = (void *)bk_misc_ssthresh,
	.cong_avoid = (void *)bk_misc_cong_avoid,
	.undo_cwnd = (void *)bk_misc_undo_cwnd,
	.name = "bk_misc_map",
};

SEC(".struct_ops.link")
struct tcp_congestion_ops bk_misc_link = {
	.ssthresh = (void *)bk_misc_ssthresh,
	.cong_avoid = (void *)bk_misc_cong_avoid,
	.undo_cwnd = (void *)bk_misc_undo_cwnd,
	.name = "bk_misc_link",
};

char LICENSE[] SEC("license") = "GPL";
