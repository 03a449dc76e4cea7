// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Fourth input of the static linker tests: a static variable and a static
 * function with the same names as linker_c's, which must stay apart.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "linker_common.h"

char LICENSE[] SEC("license") = "GPL";

extern LINKER_RESULTS_MAP results SEC(".maps");
/* kfuncs that both linker_c and linker_d declare: one .ksyms entry each */
extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;

static volatile int c_static_data = 3;

static __noinline int c_helper(int x)
{
	return x * c_static_data;
}

SEC("xdp")
int linker_d_prog(struct xdp_md *ctx)
{
	int v;

	bpf_rcu_read_lock();
	v = c_helper(2);
	bpf_rcu_read_unlock();
	linker_set(results, R_D_STATIC, v);
	return XDP_PASS;
}
