// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Bad linker input: linker_b's int b_counter declared as a long. */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

extern long b_counter;

SEC("xdp")
int linker_var_prog(struct xdp_md *ctx)
{
	return b_counter ? XDP_PASS : XDP_DROP;
}
