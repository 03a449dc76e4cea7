// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Second input of the static linker tests: uses linker_a's results map
 * through an extern declaration, defines the global function and variable
 * linker_a declares extern, and the strong linker_weak().
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "linker_common.h"

char LICENSE[] SEC("license") = "GPL";

extern LINKER_RESULTS_MAP results SEC(".maps");

int b_data = 7;
int b_counter = 40;
int b_bss;
int linker_wvar = 5;
const volatile int b_ro = 20;

/* data_end is at 0 here and at 4 in the kernel: only a relocation applied
 * to the right instruction of the linked object reads 4 */
struct xdp_md___linker {
	__u32 data_end;
} __attribute__((preserve_access_index));

__noinline int linker_b_add(int x)
{
	return x + b_data;
}

/* hidden: visible to the other inputs, a static function after linking */
__hidden __noinline int linker_b_hidden(int x)
{
	return x * 2;
}

__noinline int linker_weak(void)
{
	return 2;
}

SEC("xdp")
int linker_b_prog(struct xdp_md *ctx)
{
	__u32 k = R_B_ADD;
	__u64 *v = bpf_map_lookup_elem(&results, &k);

	if (v)
		linker_set(results, R_B_MAP, *v + b_ro);
	linker_set(results, R_B_CORE,
		   bpf_core_field_offset(struct xdp_md___linker, data_end));
	b_bss += 1;
	linker_set(results, R_B_BSS, b_bss);
	return XDP_PASS;
}
