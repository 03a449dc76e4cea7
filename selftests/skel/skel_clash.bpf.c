// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* A map named 'bss' next to a .bss section: two skeleton members 'bss'. */
#include <linux/bpf.h>
#if __has_include(<bpf/bpf_helpers.h>)
#include <bpf/bpf_helpers.h>
#else
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
#endif

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} bss SEC(".maps");

int counter;

SEC("socket")
int clash_prog(void *skb)
{
	return counter;
}

char _license[] SEC("license") = "GPL";
