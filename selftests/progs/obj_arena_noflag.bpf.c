// SPDX-License-Identifier: GPL-2.0
/* Bad: an arena without BPF_F_MMAPABLE, which the kernel refuses. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARENA);
	__uint(max_entries, 2);
} arena_nf SEC(".maps");

SEC("syscall")
int arena_nothing(void *ctx)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
