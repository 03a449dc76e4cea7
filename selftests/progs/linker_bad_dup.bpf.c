// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Bad linker input: a second strong definition of linker_b's linker_weak. */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

__noinline int linker_weak(void)
{
	return 3;
}

SEC("xdp")
int linker_dup_prog(struct xdp_md *ctx)
{
	return linker_weak() ? XDP_PASS : XDP_DROP;
}
