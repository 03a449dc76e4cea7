// SPDX-License-Identifier: GPL-2.0
/* Bad: arena globals but no arena map to hold them. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

int lost_var __attribute__((section(".addr_space.1"))) = 1;

unsigned long lost_addr;

SEC("syscall")
int arena_lost(void *ctx)
{
	lost_addr = (unsigned long)&lost_var;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
