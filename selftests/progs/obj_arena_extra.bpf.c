// SPDX-License-Identifier: GPL-2.0
/* An arena at a fixed user address (map_extra), with one global. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARENA);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 2);
	/* below the ASan shadow; clang 14 keeps only 32 bits of an enum */
	__ulong(map_extra, 0x70000000);
} arena_fixed SEC(".maps");

__u64 fixed_var __attribute__((section(".addr_space.1"))) = 0xfeedULL;

unsigned long fixed_addr;

SEC("syscall")
int arena_fixed_addr(void *ctx)
{
	fixed_addr = (unsigned long)&fixed_var;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
