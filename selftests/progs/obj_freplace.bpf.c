// SPDX-License-Identifier: GPL-2.0
/* Replaces mul_global() of obj_subprogs.bpf.o (freplace). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("freplace/mul_global")
int new_mul(int a, int b)
{
	return a - b;
}

char LICENSE[] SEC("license") = "GPL";
