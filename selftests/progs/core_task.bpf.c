// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * End-to-end CO-RE: reads pid, parent tgid and comm of the current task
 * through BPF_CORE_READ on a locally declared task_struct, so the offsets
 * only become right once relocated against the running kernel's BTF.  The
 * field 'no_such_field' exists nowhere: its read is guarded by
 * bpf_core_field_exists() and must be removed as dead code.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

struct task_struct {
	int pid;
	int tgid;
	struct task_struct *real_parent;
	char comm[16];
} __attribute__((preserve_access_index));

struct task_struct___future {
	long no_such_field;
} __attribute__((preserve_access_index));

/* one .bss variable: user space reads and writes it at offset 0 */
struct core_task_out {
	int target_tgid;
	int pid, tgid, ppid, hits;
	long missing;
	char comm[16];
} out;

SEC("tracepoint/syscalls/sys_enter_getpgid")
int core_task(void *ctx)
{
	struct task_struct *t = (void *)bpf_get_current_task();
	struct task_struct___future *f = (void *)t;
	int tgid = BPF_CORE_READ(t, tgid);

	if (tgid != out.target_tgid)
		return 0;
	out.pid = BPF_CORE_READ(t, pid);
	out.tgid = tgid;
	out.ppid = BPF_CORE_READ(t, real_parent, tgid);
	BPF_CORE_READ_STR_INTO(&out.comm, t, comm);
	if (bpf_core_field_exists(f->no_such_field))
		out.missing = BPF_CORE_READ(f, no_such_field);
	out.hits++;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
