// SPDX-License-Identifier: GPL-2.0
/* An arena map without globals, and one without BPF_F_MMAPABLE. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARENA);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 1);
} arena_plain SEC(".maps");

SEC("syscall")
int arena_nothing(void *ctx)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
