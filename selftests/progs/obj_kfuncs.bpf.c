// SPDX-License-Identifier: GPL-2.0
/* kfunc calls, a weak kfunc that exists and one that does not. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct task_struct;

extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;
extern struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym __weak;
extern void bpfkit_no_such_kfunc(void) __ksym __weak;

int has_acquire = -1;
int has_missing = -1;

SEC("syscall")
int use_kfuncs(void *ctx)
{
	bpf_rcu_read_lock();
	bpf_rcu_read_unlock();
	has_acquire = bpf_ksym_exists(bpf_task_acquire);
	has_missing = bpf_ksym_exists(bpfkit_no_such_kfunc);
	if (bpf_ksym_exists(bpfkit_no_such_kfunc))
		bpfkit_no_such_kfunc();
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
