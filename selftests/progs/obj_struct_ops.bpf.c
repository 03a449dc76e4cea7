// SPDX-License-Identifier: GPL-2.0
/* A struct_ops map (tcp_congestion_ops) and an unused struct_ops program. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct sock;

/* Only the members used; the loader matches them to the kernel by name. */
struct tcp_congestion_ops {
	__u32 (*ssthresh)(struct sock *sk);
	void (*cong_avoid)(struct sock *sk, __u32 ack, __u32 acked);
	__u32 (*undo_cwnd)(struct sock *sk);
	char name[16];
};

SEC("struct_ops/bpfkit_ssthresh")
__u32 bpfkit_ssthresh(unsigned long long *ctx)
{
	return 2;
}

SEC("struct_ops/bpfkit_cong_avoid")
void bpfkit_cong_avoid(unsigned long long *ctx)
{
}

SEC("struct_ops/bpfkit_undo_cwnd")
__u32 bpfkit_undo_cwnd(unsigned long long *ctx)
{
	return 10;
}

SEC("struct_ops/bpfkit_unused")
__u32 bpfkit_unused(unsigned long long *ctx)
{
	return 0;
}

SEC(".struct_ops.link")
struct tcp_congestion_ops bpfkit_cc = {
	.ssthresh = (void *)bpfkit_ssthresh,
	.cong_avoid = (void *)bpfkit_cong_avoid,
	.undo_cwnd = (void *)bpfkit_undo_cwnd,
	.name = "bpfkit_cc",
};

char LICENSE[] SEC("license") = "GPL";
