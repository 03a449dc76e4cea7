// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Misuses the headers must reject at build time; built once per CASE_*
 * by the headers/must_fail_* tests, which expect the compiler's error.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} jmp SEC(".maps");

extern void hdr_strong_kfunc(void) __ksym;

int slot;

SEC("raw_tp/sys_enter")
int must_fail(void *ctx)
{
#if defined(CASE_KSYM_NOT_WEAK)
	/* bpf_ksym_exists() only makes sense for __weak externs */
	return bpf_ksym_exists(hdr_strong_kfunc);
#elif defined(CASE_TAIL_CALL_VAR_SLOT)
	/* bpf_tail_call_static() needs a constant slot */
	bpf_tail_call_static(ctx, &jmp, slot);
	return 0;
#elif defined(CASE_UNREACHABLE)
	/* a reachable __bpf_unreachable() cannot be compiled */
	if (slot)
		__bpf_unreachable();
	return 0;
#else
	return 0;
#endif
}
