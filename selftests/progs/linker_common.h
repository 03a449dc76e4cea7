/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Shared by the linker_*.bpf.c inputs of test_linker.c: the result map's
 * shape (defined in linker_a, extern in linker_b) and the result slots.
 */
#ifndef LINKER_COMMON_H
#define LINKER_COMMON_H

#define LINKER_RESULTS_MAP				\
	struct {					\
		__uint(type, BPF_MAP_TYPE_ARRAY);	\
		__uint(max_entries, 16);			\
		__type(key, __u32);			\
		__type(value, __u64);			\
	}

enum {
	R_B_ADD,	/* linker_b_add(3): 3 + b_data (7) */
	R_WEAK,		/* linker_weak(): the strong one in linker_b says 2 */
	R_A_RO_DATA,	/* a_ro (5) + a_data (10) */
	R_B_COUNTER,	/* extern b_counter (40) + 1 */
	R_A_BSS,	/* a_bss + 1 */
	R_B_MAP,	/* results[R_B_ADD] read by linker_b + b_ro (20) */
	R_B_CORE,	/* CO-RE offset of xdp_md.data_end: 4 */
	R_B_BSS,	/* b_bss + 1 */
	R_C_STATIC,	/* static c_helper(static bss 1) + static data 100 + 1000 */
	R_C_CUSTOM,	/* c_custom (.data.linker, 7) + linker_b_add(0) (7) */
	R_C_KVER,	/* LINUX_KERNEL_VERSION (unresolved __kconfig) != 0 */
	R_C_STR,	/* a byte of a string in .rodata.str1.1: 'k' */
	R_WEAK_VAR,	/* linker_wvar: weak 1 in linker_a, strong 5 in linker_b */
	R_D_STATIC,	/* linker_d's own static c_helper(2) * c_static_data (3) */
	R_HIDDEN,	/* linker_b's hidden linker_b_hidden(21): 42 */
	R_MAX = 16,
};

#define linker_set(map, k, v)						\
	({								\
		__u32 __k = (k);					\
		__u64 __v = (v);					\
		bpf_map_update_elem(&(map), &__k, &__v, 0);		\
	})

#endif
