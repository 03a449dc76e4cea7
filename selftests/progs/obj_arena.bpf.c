// SPDX-License-Identifier: GPL-2.0
/*
 * An arena map and globals in its address space.  clang 14 has no
 * address_space(1) casts, so the globals are put in .addr_space.1 by name
 * and the program only takes their addresses (the verifier treats an
 * ld_imm64 of an arena as a plain number): it reports them through .bss.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define __arena_global __attribute__((section(".addr_space.1")))

struct {
	__uint(type, BPF_MAP_TYPE_ARENA);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 4);		/* pages */
} arena SEC(".maps");

int arena_var __arena_global = 0x12345678;
long arena_arr[4] __arena_global = { 11, 22, 33, 44 };
char arena_str[8] __arena_global = "arena";

unsigned long var_addr;
unsigned long arr2_addr;
unsigned long str_addr;

SEC("syscall")
int arena_addrs(void *ctx)
{
	var_addr = (unsigned long)&arena_var;
	arr2_addr = (unsigned long)&arena_arr[2];
	str_addr = (unsigned long)arena_str;
	return 7;
}

char LICENSE[] SEC("license") = "GPL";
