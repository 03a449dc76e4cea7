// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * First input of the static linker tests: defines the results map, a weak
 * function that linker_b overrides, and calls into linker_b through
 * extern declarations (a function and a variable).
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "linker_common.h"

char LICENSE[] SEC("license") = "GPL";

LINKER_RESULTS_MAP results SEC(".maps");

int a_data = 10;
int a_bss;
const volatile int a_ro = 5;
__weak int linker_wvar = 1;

extern int b_counter;
extern int linker_b_add(int x);
extern int linker_b_hidden(int x);

__weak __noinline int linker_weak(void)
{
	return 1;
}

SEC("xdp")
int linker_main(struct xdp_md *ctx)
{
	linker_set(results, R_B_ADD, linker_b_add(3));
	linker_set(results, R_WEAK, linker_weak());
	linker_set(results, R_A_RO_DATA, a_ro + a_data);
	b_counter += 1;
	linker_set(results, R_B_COUNTER, b_counter);
	a_bss += 1;
	linker_set(results, R_A_BSS, a_bss);
	linker_set(results, R_WEAK_VAR, linker_wvar);
	linker_set(results, R_HIDDEN, linker_b_hidden(21));
	return XDP_PASS;
}
