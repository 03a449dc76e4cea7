// SPDX-License-Identifier: GPL-2.0
/* For the bpftool net suite: a netfilter hook that accepts everything. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("netfilter")
int misc_nf(void *ctx)
{
	return 1;	/* NF_ACCEPT */
}
