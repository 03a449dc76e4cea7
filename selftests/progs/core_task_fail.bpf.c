// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A CO-RE read of a field the kernel does not have, not guarded: the
 * relocation is poisoned, the verifier reaches it, and the load must fail
 * with a message naming the program, the source line and the field.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

struct task_struct___future {
	long no_such_field;
} __attribute__((preserve_access_index));

long out;

SEC("tracepoint/syscalls/sys_enter_getpgid")
int core_unguarded(void *ctx)
{
	struct task_struct___future *f = (void *)bpf_get_current_task();

	out = BPF_CORE_READ(f, no_such_field);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
