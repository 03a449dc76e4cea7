// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A task iterator: called once per task (thread) on the system, it writes
 * one text line per process, or per thread when all_threads is set, into
 * the seq_file that user space read()s.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

const volatile bool all_threads = false;

SEC("iter/task")
int list_tasks(struct bpf_iter__task *ctx)
{
	struct seq_file *seq = ctx->meta->seq;
	struct task_struct *task = ctx->task;

	/* The last call has no task: the end of the walk. */
	if (!task)
		return 0;
	if (!all_threads && task->pid != task->tgid)
		return 0;
	BPF_SEQ_PRINTF(seq, "%-8d %-8d %-8d %s\n", task->tgid, task->pid,
		       task->real_parent->tgid, task->comm);
	return 0;
}
