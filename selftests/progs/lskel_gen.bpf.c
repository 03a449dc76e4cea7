// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Loaded through a loader program (selftests/lib/test_gen_loader.c): every
 * kind of global data, a hash map, an array and a ring buffer, a
 * subprogram call, a CO-RE read of the current task, a raw tracepoint and
 * a BTF tracepoint that count getppid() calls of one process, and an XDP
 * program run with BPF_PROG_TEST_RUN.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

struct task_struct {
	int tgid;
} __attribute__((preserve_access_index));

const volatile int target_tgid;		/* .rodata */
const volatile __u32 xdp_verdict = XDP_PASS;	/* .rodata */
int step = 3;				/* .data */
__u64 raw_hits;				/* .bss */
__u64 btf_hits;				/* .bss */
int core_tgid;				/* .bss */
__u32 xdp_runs;				/* .bss */

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u64);
} by_tgid SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

/* a real call: not inlined, so the loader's program has a subprogram */
static __attribute__((noinline)) int current_tgid(void)
{
	struct task_struct *t = (void *)bpf_get_current_task();

	return BPF_CORE_READ(t, tgid);
}

static __always_inline int count(__u64 *hits, __u32 slot)
{
	int tgid = current_tgid();
	__u64 one = 1, *v;

	if (tgid != target_tgid)
		return 0;
	core_tgid = tgid;
	*hits += step;
	v = bpf_map_lookup_elem(&counts, &slot);
	if (v)
		__sync_fetch_and_add(v, 1);
	v = bpf_map_lookup_elem(&by_tgid, (__u32 *)&tgid);
	if (v)
		__sync_fetch_and_add(v, 1);
	else
		bpf_map_update_elem(&by_tgid, (__u32 *)&tgid, &one, BPF_ANY);
	bpf_ringbuf_output(&events, &tgid, sizeof(tgid), 0);
	return 0;
}

SEC("raw_tracepoint/sys_enter")
int lskel_raw(void *ctx)
{
	return count(&raw_hits, 0);
}

SEC("tp_btf/sys_enter")
int lskel_btf(void *ctx)
{
	return count(&btf_hits, 1);
}

SEC("xdp")
int lskel_xdp(struct xdp_md *ctx)
{
	xdp_runs++;
	return xdp_verdict;
}

char LICENSE[] SEC("license") = "GPL";
