// SPDX-License-Identifier: GPL-2.0
/* Bad: two arena maps and arena globals. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct arena_def {
	__uint(type, BPF_MAP_TYPE_ARENA);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 1);
};

struct arena_def arena_a SEC(".maps");
struct arena_def arena_b SEC(".maps");

int two_var __attribute__((section(".addr_space.1"))) = 2;

unsigned long two_addr;

SEC("syscall")
int arena_two(void *ctx)
{
	two_addr = (unsigned long)&two_var;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
