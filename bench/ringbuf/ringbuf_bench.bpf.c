// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Producer for bench_ringbuf: every getppid() of the benchmark process
 * submits BURST 64-byte events with sequence numbers (one syscall alone is
 * too slow to load the consumer); a full ring counts as a drop.  Only maps (no global data) so that any libbpf can load it.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

#define BURST 64

struct event {
	__u64 seq;
	__u64 pad[7];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 22);
} events SEC(".maps");

/* 0: target tgid (set by user space), 1: next sequence, 2: drops */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 3);
	__type(key, __u32);
	__type(value, __u64);
} state SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_getppid")
int produce(void *ctx)
{
	__u32 k_tgid = 0, k_seq = 1, k_drop = 2;
	__u64 *tgid = bpf_map_lookup_elem(&state, &k_tgid);
	__u64 *seq = bpf_map_lookup_elem(&state, &k_seq);
	__u64 *drops = bpf_map_lookup_elem(&state, &k_drop);
	struct event ev = {};
	int i;

	if (!tgid || !seq || !drops || *tgid != (bpf_get_current_pid_tgid() >> 32))
		return 0;
	/* One producer thread: plain increments are enough. */
	for (i = 0; i < BURST; i++) {
		ev.seq = (*seq)++;
		if (bpf_ringbuf_output(&events, &ev, sizeof(ev), 0))
			(*drops)++;
	}
	return 0;
}
