// SPDX-License-Identifier: GPL-2.0
/*
 * Light skeleton test object (selftests/skel/test_lskel_run.c): counts one
 * syscall of one process from a raw tracepoint and from a BTF tracepoint,
 * with every kind of global data and an ordinary map, plus an XDP program
 * that a light skeleton loads but cannot attach by itself.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

const volatile int target_pid;		/* .rodata: set before load */
const volatile long watch_nr = -1;	/* .rodata: syscall to count */
int step = 1;				/* .data */
char tag[8] = "lskel";			/* .data */
__u64 raw_hits;				/* .bss */
__u64 btf_hits;				/* .bss */
static int seen;			/* .bss, not exposed */

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} last_nr SEC(".maps");

static __always_inline int wanted(long nr)
{
	return (bpf_get_current_pid_tgid() >> 32) == (__u32)target_pid &&
	       nr == watch_nr;
}

SEC("raw_tp/sys_enter")
int lskelgen_raw(struct bpf_raw_tracepoint_args *ctx)
{
	__u32 key = 0;
	__u64 nr = ctx->args[1];

	if (!wanted(nr))
		return 0;
	raw_hits += step;
	seen++;
	bpf_map_update_elem(&last_nr, &key, &nr, BPF_ANY);
	return 0;
}

SEC("tp_btf/sys_enter")
int lskelgen_btf(__u64 *ctx)
{
	if (!wanted(ctx[1]))
		return 0;
	__sync_fetch_and_add(&btf_hits, 1);
	return 0;
}

SEC("xdp")
int lskelgen_xdp(struct xdp_md *ctx)
{
	return tag[0] ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
