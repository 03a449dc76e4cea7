// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Bad linker input: a license that differs from the other inputs'. */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

SEC("xdp")
int linker_lic_prog(struct xdp_md *ctx)
{
	return XDP_PASS;
}
