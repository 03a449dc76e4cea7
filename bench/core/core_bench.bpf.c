// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Field reads of kernel types, for bench_core: a typical tracing program's
 * worth of CO-RE relocations. */
#define SEC(name) __attribute__((section(name), used))
#define CORE __attribute__((preserve_access_index))

struct list_head { struct list_head *next, *prev; } CORE;
struct mm_struct { unsigned long total_vm; unsigned long start_stack; } CORE;
struct cred { unsigned int securebits; } CORE;
struct task_struct {
	int pid;
	int tgid;
	int prio;
	unsigned int flags;
	struct task_struct *real_parent;
	struct task_struct *parent;
	struct task_struct *group_leader;
	struct list_head children;
	struct list_head sibling;
	struct mm_struct *mm;
	const struct cred *cred;
	char comm[16];
	unsigned long nvcsw;
	unsigned long nivcsw;
	unsigned long long start_time;
} CORE;

SEC("tracepoint/bench") long bench(struct task_struct *t)
{
	long r = 0;

	r += t->pid + t->tgid + t->prio + t->flags;
	r += t->real_parent->pid + t->parent->tgid + t->group_leader->pid;
	r += (long)t->children.next + (long)t->sibling.prev;
	r += t->mm->total_vm + t->mm->start_stack;
	r += t->cred->securebits + t->comm[0] + t->comm[15];
	r += t->nvcsw + t->nivcsw + t->start_time;
	r += __builtin_preserve_field_info(t->prio, 2);
	r += __builtin_preserve_field_info(t->flags, 1);
	return r;
}

char LICENSE[] SEC("license") = "GPL";
