// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * openat() snooper: on every entry to the syscall, the caller's pid and
 * name and the path it asks for go to user space, through a ring buffer
 * or, when use_perfbuf is set, a perf event array.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "opensnoop.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

const volatile int target_pid = 0;	/* 0: every process */
const volatile bool use_perfbuf = false;

/* A busy system opens thousands of files a second: room for a few
 * thousand events between two polls. */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1024 * 1024);
} ring SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(int));
	__uint(value_size, sizeof(int));
} perf SEC(".maps");

/* A perf buffer record is copied from memory the program owns: a per-CPU
 * scratch slot, since the event is too big for the 512-byte stack. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, int);
	__type(value, struct opensnoop_event);
} scratch SEC(".maps");

static __always_inline void fill(struct opensnoop_event *e, int pid,
				 struct trace_event_raw_sys_enter *ctx)
{
	e->pid = pid;
	e->flags = (int)ctx->args[2];
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	bpf_probe_read_user_str(e->path, sizeof(e->path), (const void *)ctx->args[1]);
}

SEC("tracepoint/syscalls/sys_enter_openat")
int snoop_openat(struct trace_event_raw_sys_enter *ctx)
{
	int pid = bpf_get_current_pid_tgid() >> 32;
	struct opensnoop_event *e;
	int zero = 0;

	if (target_pid && pid != target_pid)
		return 0;
	if (use_perfbuf) {
		e = bpf_map_lookup_elem(&scratch, &zero);
		if (!e)
			return 0;
		fill(e, pid, ctx);
		bpf_perf_event_output(ctx, &perf, BPF_F_CURRENT_CPU, e, sizeof(*e));
		return 0;
	}
	e = bpf_ringbuf_reserve(&ring, sizeof(*e), 0);
	if (!e)
		return 0;
	fill(e, pid, ctx);
	bpf_ringbuf_submit(e, 0);
	return 0;
}
