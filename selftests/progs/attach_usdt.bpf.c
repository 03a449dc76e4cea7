// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * USDT programs for test_usdt.c: the probe bpfkit:probe3 of the test
 * binary has three arguments (a register int, a stack long, a constant).
 * Results land in the results map, slots in the R_* enum.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/ptrace.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/usdt.bpf.h>

char LICENSE[] SEC("license") = "GPL";

enum { R_HITS, R_ARGC, R_A, R_B, R_C, R_COOKIE, R_AUTO_HITS, R_MAX = 8 };

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, R_MAX);
	__type(key, __u32);
	__type(value, __s64);
} results SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} config SEC(".maps");

static __always_inline void put(__u32 slot, __s64 val)
{
	__s64 *v = bpf_map_lookup_elem(&results, &slot);

	if (v)
		*v = val;
}

static __always_inline void add(__u32 slot)
{
	__s64 *v = bpf_map_lookup_elem(&results, &slot);

	if (v)
		__sync_fetch_and_add(v, 1);
}

static __always_inline int is_target(void)
{
	__u32 zero = 0;
	__u64 *tgid = bpf_map_lookup_elem(&config, &zero);

	return tgid && *tgid == (bpf_get_current_pid_tgid() >> 32);
}

SEC("usdt")
int BPF_USDT(usdt_probe3, int a, long b, long c)
{
	if (!is_target())
		return 0;
	add(R_HITS);
	put(R_ARGC, bpf_usdt_arg_cnt(ctx));
	put(R_A, a);
	put(R_B, b);
	put(R_C, c);
	put(R_COOKIE, bpf_usdt_cookie(ctx));
	return 0;
}

SEC("usdt//proc/self/exe:bpfkit:probe3")
int usdt_auto(struct pt_regs *ctx)
{
	if (is_target())
		add(R_AUTO_HITS);
	return 0;
}
