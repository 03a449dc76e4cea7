// SPDX-License-Identifier: GPL-2.0
/* Programs for the bpftool cgroup suite: they let every packet through. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("cgroup_skb/egress")
int misc_cg_egress(struct __sk_buff *skb)
{
	return 1;
}

SEC("cgroup_skb/ingress")
int misc_cg_ingress(struct __sk_buff *skb)
{
	return 1;
}
