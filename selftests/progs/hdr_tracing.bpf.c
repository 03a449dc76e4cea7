// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * bpf_tracing.h: the program wrappers with their maximum argument counts
 * and every PT_REGS_* accessor (compile coverage; the wrappers this
 * kernel can run are in hdr_run_tracing.bpf.c).
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/ptrace.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

char LICENSE[] SEC("license") = "GPL";

#ifndef bpf_target_defined
#error "bpf_tracing.h did not pick a target from __TARGET_ARCH_*"
#endif

long sink[16];

/* ---- compile coverage ---- */

struct file;

/* Register arguments: x86_64 6, s390/arm/sparc 5, arm64 and others 8. */
#if defined(bpf_target_x86)
SEC("kprobe/hdr_func8")
int BPF_KPROBE(hdr_kprobe8, struct file *f, int a2, long a3, void *a4, char a5,
	       short a6)
{
	unsigned long ip = 0;

	BPF_KPROBE_READ_RET_IP(ip, ctx);
	sink[0] = (long)f + a2 + a3 + (long)a4 + a5 + a6;
	sink[2] = ip;
	return 0;
}
#elif defined(bpf_target_s390) || defined(bpf_target_arm) || defined(bpf_target_sparc)
SEC("kprobe/hdr_func8")
int BPF_KPROBE(hdr_kprobe8, struct file *f, int a2, long a3, void *a4, char a5)
{
	unsigned long ip = 0;

	BPF_KPROBE_READ_RET_IP(ip, ctx);
	sink[0] = (long)f + a2 + a3 + (long)a4 + a5;
	sink[2] = ip;
	return 0;
}
#else
SEC("kprobe/hdr_func8")
int BPF_KPROBE(hdr_kprobe8, struct file *f, int a2, long a3, void *a4, char a5,
	       short a6, unsigned long a7, const char *a8)
{
	unsigned long ip = 0;

	BPF_KPROBE_READ_RET_IP(ip, ctx);
	sink[0] = (long)f + a2 + a3 + (long)a4 + a5 + a6 + a7 + (long)a8;
	sink[2] = ip;
	return 0;
}
#endif

SEC("kprobe/hdr_func0")
int BPF_KPROBE(hdr_kprobe0)
{
	sink[0] = PT_REGS_IP(ctx) + PT_REGS_SP(ctx) + PT_REGS_FP(ctx) +
		  PT_REGS_RC(ctx) + PT_REGS_RET(ctx);
	sink[1] = PT_REGS_PARM1(ctx) + PT_REGS_PARM2(ctx) + PT_REGS_PARM3(ctx) +
		  PT_REGS_PARM4(ctx) + PT_REGS_PARM5(ctx);
	sink[2] = PT_REGS_PARM1_CORE(ctx) + PT_REGS_PARM2_CORE(ctx) +
		  PT_REGS_PARM3_CORE(ctx) + PT_REGS_PARM4_CORE(ctx) +
		  PT_REGS_PARM5_CORE(ctx);
	sink[3] = PT_REGS_IP_CORE(ctx) + PT_REGS_SP_CORE(ctx) + PT_REGS_FP_CORE(ctx) +
		  PT_REGS_RC_CORE(ctx) + PT_REGS_RET_CORE(ctx);
#if defined(bpf_target_x86) || defined(bpf_target_arm64)
	sink[4] = PT_REGS_PARM6(ctx) + PT_REGS_PARM6_CORE(ctx);
#endif
	return 0;
}

SEC("kretprobe/hdr_func8")
int BPF_KRETPROBE(hdr_kretprobe, long ret)
{
	unsigned long ip = 0;

	BPF_KRETPROBE_READ_RET_IP(ip, ctx);
	sink[0] = ret + ip;
	return 0;
}

SEC("kretprobe/hdr_func0")
int BPF_KRETPROBE(hdr_kretprobe0)
{
	return 0;
}

SEC("ksyscall/pread64")
int BPF_KSYSCALL(hdr_ksyscall6, int fd, void *buf, unsigned long count, long pos,
		 long a5, long a6)
{
	struct pt_regs *regs = PT_REGS_SYSCALL_REGS(ctx);

	sink[0] = fd + (long)buf + count + pos + a5 + a6;
	sink[1] = PT_REGS_PARM1_CORE_SYSCALL(regs) + PT_REGS_PARM2_CORE_SYSCALL(regs) +
		  PT_REGS_PARM3_CORE_SYSCALL(regs) + PT_REGS_PARM4_CORE_SYSCALL(regs) +
		  PT_REGS_PARM5_CORE_SYSCALL(regs) + PT_REGS_PARM6_CORE_SYSCALL(regs);
	return 0;
}

SEC("kprobe/__x64_sys_getpid")
int BPF_KPROBE_SYSCALL(hdr_kprobe_syscall0)
{
	return 0;
}

SEC("fentry/hdr_func12")
int BPF_PROG(hdr_prog12, int a1, long a2, void *a3, char a4, short a5, int a6,
	     long a7, long a8, long a9, long a10, long a11, unsigned long a12)
{
	sink[0] = a1 + a2 + (long)a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12;
	return 0;
}

SEC("fentry/hdr_func0")
int BPF_PROG(hdr_prog0)
{
	return ctx != 0;
}

struct hdr_pair {
	long lo;
	long hi;
};

SEC("fentry/hdr_func_struct")
int BPF_PROG2(hdr_prog2, int, a, struct hdr_pair, p, char, c, long, d)
{
	sink[0] = a + p.lo + p.hi + c + d;
	return 0;
}

SEC("fentry/hdr_func_struct0")
int BPF_PROG2(hdr_prog2_0)
{
	return 0;
}
