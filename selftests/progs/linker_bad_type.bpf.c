// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Bad linker input: declares linker_b's linker_b_add with other arguments. */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

extern int linker_b_add(int x, int y);

SEC("xdp")
int linker_type_prog(struct xdp_md *ctx)
{
	return linker_b_add(1, 2) ? XDP_PASS : XDP_DROP;
}
