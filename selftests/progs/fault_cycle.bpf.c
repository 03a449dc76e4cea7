// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The object of the robustness tests (fault injection, fd hygiene, threads):
 * every kind of thing the library creates for an object in one file: a
 * hash map, a ring buffer, a perf event array, .bss/.data/.rodata maps, a
 * subprogram, a tracepoint program to attach (getpid(), filtered on the
 * thread named in target_tid), a task iterator (cheap to attach) and a
 * socket filter left unattached.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct fault_event {
	__u32 tid;
	__u32 cpu;
	__u64 seq;
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} rb SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} pb SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

const volatile __u32 target_tid = 0;
__u64 hits;
__u64 seq = 1;

static __attribute__((noinline)) int count_tid(__u32 tid)
{
	__u64 one = 1, *v;

	v = bpf_map_lookup_elem(&counts, &tid);
	if (v) {
		__sync_fetch_and_add(v, 1);
		return 0;
	}
	return bpf_map_update_elem(&counts, &tid, &one, BPF_NOEXIST);
}

SEC("tracepoint/syscalls/sys_enter_getpid")
int on_getpid(void *ctx)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct fault_event *e, ev = {};

	if (target_tid && tid != target_tid)
		return 0;
	__sync_fetch_and_add(&hits, 1);
	ev.tid = tid;
	ev.cpu = bpf_get_smp_processor_id();
	ev.seq = __sync_fetch_and_add(&seq, 1);
	e = bpf_ringbuf_reserve(&rb, sizeof(*e), 0);
	if (e) {
		*e = ev;
		bpf_ringbuf_submit(e, 0);
	}
	bpf_perf_event_output(ctx, &pb, BPF_F_CURRENT_CPU, &ev, sizeof(ev));
	count_tid(tid);
	return 0;
}

SEC("socket")
int sock_count(struct __sk_buff *skb)
{
	count_tid(0);
	return 0;
}

struct seq_file;
struct task_struct;
struct bpf_iter_meta {
	struct seq_file *seq;
	__u64 session_id;
	__u64 seq_num;
};
struct bpf_iter__task {
	struct bpf_iter_meta *meta;
	struct task_struct *task;
};

/* An iterator: its link is cheap to make and destroy (no tracepoint
 * (un)registration), which is what the 1,000-cycle hygiene test attaches. */
SEC("iter/task")
int dump_task(struct bpf_iter__task *ctx)
{
	if (ctx->task)
		__sync_fetch_and_add(&hits, 1);
	return 0;
}
