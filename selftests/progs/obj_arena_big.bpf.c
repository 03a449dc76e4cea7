// SPDX-License-Identifier: GPL-2.0
/* Bad: more arena globals than the arena's one page holds. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARENA);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 1);
} arena_small SEC(".maps");

char big_buf[5000] __attribute__((section(".addr_space.1"))) = { 1 };

unsigned long big_addr;

SEC("syscall")
int arena_big(void *ctx)
{
	big_addr = (unsigned long)big_buf;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
