// SPDX-License-Identifier: GPL-2.0
/* One program per section kind this kernel can load. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

int hits;

SEC("socket")
int s_socket(struct __sk_buff *skb) { return 0; }

SEC("xdp")
int s_xdp(struct xdp_md *ctx) { return XDP_PASS; }

SEC("xdp.frags")
int s_xdp_frags(struct xdp_md *ctx) { return XDP_PASS; }

SEC("tc")
int s_tc(struct __sk_buff *skb) { return 0; }

SEC("tcx/ingress")
int s_tcx(struct __sk_buff *skb) { return 0; }

SEC("cgroup_skb/ingress")
int s_cgroup_skb(struct __sk_buff *skb) { return 1; }

SEC("raw_tp/sys_enter")
int s_raw_tp(void *ctx) { hits++; return 0; }

SEC("tracepoint/syscalls/sys_enter_openat")
int s_tracepoint(void *ctx) { hits++; return 0; }

SEC("tp_btf/sched_switch")
int s_tp_btf(void *ctx) { return 0; }

SEC("perf_event")
int s_perf_event(void *ctx) { return 0; }

SEC("iter/task")
int s_iter_task(void *ctx) { return 0; }

SEC("syscall")
int s_syscall(void *ctx) { return 0; }

SEC("cgroup/sock_create")
int s_cgroup_sock(struct bpf_sock *sk) { return 1; }

SEC("sk_msg")
int s_sk_msg(struct sk_msg_md *msg) { return SK_PASS; }

char LICENSE[] SEC("license") = "GPL";
