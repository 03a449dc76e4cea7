// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * All BPF-side headers on top of a vmlinux.h dumped from kernel BTF, the
 * way CO-RE programs are usually written (no uapi includes).  Built only
 * by the headers/vmlinux_h_compile test, which generates the vmlinux.h;
 * headers/vmlinux_h_run then runs "vm_sys_enter" (kernel register names,
 * _CORE accessors relocated against the running kernel).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
#include <bpf/usdt.bpf.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 128);
	__type(key, pid_t);
	__type(value, u64);
	__uint(pinning, LIBBPF_PIN_NONE);
} starts SEC(".maps");

struct event {
	pid_t pid, ppid;
	char comm[TASK_COMM_LEN];
	u16 port;
};

extern unsigned int CONFIG_HZ __kconfig __weak;
extern const int bpf_prog_active __ksym __weak;

SEC("kprobe/do_unlinkat")
int BPF_KPROBE(vm_unlinkat, int dfd, struct filename *name)
{
	struct task_struct *t = (void *)bpf_get_current_task();
	struct event *e;
	const char *fname = BPF_CORE_READ(name, name);

	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = BPF_CORE_READ(t, tgid);
	e->ppid = BPF_CORE_READ(t, real_parent, tgid);
	BPF_CORE_READ_STR_INTO(&e->comm, t, comm);
	e->port = bpf_ntohs(bpf_htons(dfd));
	bpf_printk("unlink %s by %d (HZ %u)", fname, e->pid, CONFIG_HZ);
	bpf_ringbuf_submit(e, 0);
	return 0;
}

SEC("kretprobe/do_unlinkat")
int BPF_KRETPROBE(vm_unlinkat_exit, long ret)
{
	return ret != 0;
}

SEC("ksyscall/openat")
int BPF_KSYSCALL(vm_openat, int dfd, const char *path, int flags, umode_t mode)
{
	char buf[32];

	bpf_probe_read_user_str(buf, sizeof(buf), path);
	bpf_printk("openat %s %x %o %d", buf, flags, mode, dfd);
	return 0;
}

SEC("tp_btf/sched_process_exec")
int BPF_PROG(vm_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	u64 now = bpf_ktime_get_ns();
	pid_t pid = p->pid;
	int i, sum = 0;

	bpf_map_update_elem(&starts, &pid, &now, BPF_ANY);
	if (bpf_core_field_exists(p->loginuid) &&
	    bpf_core_type_exists(struct linux_binprm) &&
	    bpf_core_enum_value_exists(enum bpf_map_type, BPF_MAP_TYPE_RINGBUF))
		sum = bpf_core_field_size(p->comm) + bpf_core_field_offset(p->pid) +
		      bpf_core_enum_value(enum bpf_map_type, BPF_MAP_TYPE_RINGBUF);
	bpf_for(i, 0, 4)
		sum += i;
	if (bpf_ksym_exists(&bpf_prog_active))
		sum++;
	sum += BPF_CORE_READ_BITFIELD(p, in_execve);
	return sum + bpf_core_cast(bprm, struct linux_binprm)->argc;
}

SEC("fentry/tcp_connect")
int BPF_PROG2(vm_tcp_connect, struct sock *, sk)
{
	return BPF_CORE_READ(sk, __sk_common.skc_dport) == bpf_htons(443);
}

SEC("kprobe/tcp_v4_connect")
int BPF_KPROBE(vm_regs, struct sock *sk)
{
	struct pt_regs *regs = ctx;

	return PT_REGS_PARM1(regs) == (long)sk && PT_REGS_IP_CORE(regs) &&
	       PT_REGS_RC(regs) >= 0 && PT_REGS_SYSCALL_REGS(regs) != 0;
}

SEC("usdt")
int BPF_USDT(vm_usdt, int a, const char *s)
{
	return a + bpf_usdt_arg_cnt(ctx) + (s != 0);
}

SEC("iter/task")
int vm_iter(struct bpf_iter__task *ctx)
{
	struct task_struct *task = ctx->task;

	if (task)
		BPF_SEQ_PRINTF(ctx->meta->seq, "%d %s\n", task->pid, task->comm);
	return 0;
}

int target_tgid;
long watch_id;
int vm_hits;
long vm_id, vm_arg0_core, vm_arg1_core, vm_arg0, vm_arg2, vm_parm1_core;
int vm_ppid, vm_tgid;

SEC("tp_btf/sys_enter")
int BPF_PROG(vm_sys_enter, struct pt_regs *regs, long id)
{
	struct task_struct *t = (void *)bpf_get_current_task();

	if ((bpf_get_current_pid_tgid() >> 32) != target_tgid || id != watch_id)
		return 0;
	vm_hits++;
	vm_id = id;
	vm_arg0_core = PT_REGS_PARM1_CORE_SYSCALL(regs);
	vm_arg1_core = PT_REGS_PARM2_CORE_SYSCALL(regs);
	vm_arg0 = PT_REGS_PARM1_SYSCALL(regs);
	vm_arg2 = PT_REGS_PARM3_SYSCALL(regs);
	vm_parm1_core = PT_REGS_PARM1_CORE(regs);
	vm_tgid = BPF_CORE_READ(t, tgid);
	vm_ppid = BPF_CORE_READ(t, real_parent, tgid);
	return 0;
}
