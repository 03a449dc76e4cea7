// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * bpf_tracing.h wrappers that this kernel can run: BPF_PROG and BPF_PROG2
 * on tp_btf/sys_enter, BPF_UPROBE/BPF_URETPROBE on a function of the test
 * binary.  Results go to .bss for test_bpf_headers.c.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/ptrace.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

int target_tgid;
long watch_id;		/* syscall number to record */

int prog_hits;
long prog_id, prog_arg0, prog_arg1;
int prog2_hits;
long prog2_id, prog2_arg0;

static __always_inline int mine(void)
{
	return (bpf_get_current_pid_tgid() >> 32) == target_tgid;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(hdr_run_sys_enter, struct pt_regs *regs, long id)
{
	if (!mine() || id != watch_id)
		return 0;
	prog_hits++;
	prog_id = id;
	prog_arg0 = PT_REGS_PARM1_SYSCALL(regs);
	prog_arg1 = PT_REGS_PARM2_SYSCALL(regs);
	return 0;
}

SEC("tp_btf/sys_enter")
int BPF_PROG2(hdr_run_sys_enter2, struct pt_regs *, regs, long, id)
{
	if (!mine() || id != watch_id)
		return 0;
	prog2_hits++;
	prog2_id = id;
	prog2_arg0 = PT_REGS_PARM1_SYSCALL(regs);
	return 0;
}

int uprobe_hits, uretprobe_hits;
long uprobe_a, uprobe_b, uprobe_c, uretprobe_rc;
__u64 uprobe_ip;

SEC("uprobe")
int BPF_UPROBE(hdr_run_uprobe, int a, long b, char c)
{
	if (!mine())
		return 0;
	uprobe_hits++;
	uprobe_a = a;
	uprobe_b = b;
	uprobe_c = c;
	uprobe_ip = PT_REGS_IP(ctx);
	return 0;
}

SEC("uretprobe")
int BPF_URETPROBE(hdr_run_uretprobe, int rc)
{
	if (!mine())
		return 0;
	uretprobe_hits++;
	uretprobe_rc = rc;
	return 0;
}
