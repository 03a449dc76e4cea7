// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Third input of the static linker tests: static functions and variables
 * (reached through section-relative relocations that must follow the
 * section's new offset), a custom data section, a string literal and an
 * extern __kconfig variable that no input defines.
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
extern unsigned int LINUX_KERNEL_VERSION __kconfig;
extern int linker_b_add(int x);

static volatile int c_static_data = 100;
static volatile int c_static_bss;
static const volatile int c_static_ro = 1000;
int c_custom SEC(".data.linker") = 7;

static __noinline int c_helper(int x)
{
	return x + c_static_data + c_static_ro;
}

static __noinline __u64 c_str_byte(int i)
{
	const char *s = "linker";

	return s[i & 3];
}

SEC("xdp")
int linker_c_prog(struct xdp_md *ctx)
{
	bpf_rcu_read_lock();
	c_static_bss += 1;
	bpf_rcu_read_unlock();
	linker_set(results, R_C_STATIC, c_helper(c_static_bss));
	linker_set(results, R_C_CUSTOM, c_custom + linker_b_add(0));
	linker_set(results, R_C_KVER, LINUX_KERNEL_VERSION != 0);
	linker_set(results, R_C_STR, c_str_byte(c_static_bss + 2));
	return XDP_PASS;
}
