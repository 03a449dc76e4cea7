// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Reports every exec, and every process exit with its exit code and how
 * long the process ran since its exec.  With a minimum duration set, only
 * the exits of processes that ran at least that long are reported.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "exectrace.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

/* Written by user space before load (.rodata): the verifier then drops
 * the branches a value of 0 makes dead. */
const volatile __u64 min_duration_ns = 0;

/* pid -> time of its last exec */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, int);
	__type(value, __u64);
} started SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

static __always_inline int parent_tgid(void)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();

	return BPF_CORE_READ(task, real_parent, tgid);
}

SEC("tp/sched/sched_process_exec")
int on_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	int pid = bpf_get_current_pid_tgid() >> 32;
	__u64 now = bpf_ktime_get_ns();
	struct exectrace_event *e;
	unsigned int path_off;

	bpf_map_update_elem(&started, &pid, &now, BPF_ANY);
	/* With a minimum duration only exits are interesting. */
	if (min_duration_ns)
		return 0;

	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e)
		return 0;
	e->kind = EXECTRACE_EXEC;
	e->pid = pid;
	e->ppid = parent_tgid();
	e->exit_code = 0;
	e->duration_ns = 0;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	/* __data_loc: the low 16 bits are the offset of the string in the record. */
	path_off = ctx->__data_loc_filename & 0xffff;
	bpf_probe_read_kernel_str(e->path, sizeof(e->path), (void *)ctx + path_off);
	bpf_ringbuf_submit(e, 0);
	return 0;
}

SEC("tp/sched/sched_process_exit")
int on_exit(struct trace_event_raw_sched_process_template *ctx)
{
	__u64 id = bpf_get_current_pid_tgid();
	int pid = id >> 32, tid = (__u32)id;
	struct task_struct *task;
	struct exectrace_event *e;
	__u64 *start, ran = 0;

	/* A thread leaving is not the process leaving. */
	if (pid != tid)
		return 0;
	start = bpf_map_lookup_elem(&started, &pid);
	if (start) {
		ran = bpf_ktime_get_ns() - *start;
		bpf_map_delete_elem(&started, &pid);
	}
	if (min_duration_ns && (!start || ran < min_duration_ns))
		return 0;

	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e)
		return 0;
	task = (struct task_struct *)bpf_get_current_task();
	e->kind = EXECTRACE_EXIT;
	e->pid = pid;
	e->ppid = parent_tgid();
	e->exit_code = (BPF_CORE_READ(task, exit_code) >> 8) & 0xff;
	e->duration_ns = ran;
	e->path[0] = '\0';
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	bpf_ringbuf_submit(e, 0);
	return 0;
}
