// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Programs for test_attach.c: one per attach kind this kernel runs.  Each
 * counts its hits in a slot of the counters map (indexes in the C_*
 * enum, mirrored by the test); the tgid to filter on is config[0].
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/ptrace.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

char LICENSE[] SEC("license") = "GPL";

enum {
	C_TP, C_RAW_TP, C_TP_BTF, C_UPROBE, C_URETPROBE, C_LIBC, C_PERF,
	C_CGROUP, C_UPROBE_ARG, C_URET_VAL, C_COOKIE, C_UMULTI, C_UMULTI_AUTO,
	C_UMULTI_COOKIE, C_MAX = 16,
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, C_MAX);
	__type(key, __u32);
	__type(value, __u64);
} counters SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} config SEC(".maps");

static __always_inline void bump(__u32 slot)
{
	__u64 *v = bpf_map_lookup_elem(&counters, &slot);

	if (v)
		__sync_fetch_and_add(v, 1);
}

static __always_inline void store(__u32 slot, __u64 val)
{
	__u64 *v = bpf_map_lookup_elem(&counters, &slot);

	if (v)
		*v = val;
}

static __always_inline int is_target(void)
{
	__u32 zero = 0;
	__u64 *tgid = bpf_map_lookup_elem(&config, &zero);

	return tgid && *tgid == (bpf_get_current_pid_tgid() >> 32);
}

SEC("tracepoint/syscalls/sys_enter_openat")
int tp_openat(void *ctx)
{
	if (is_target()) {
		bump(C_TP);
		store(C_COOKIE, bpf_get_attach_cookie(ctx));
	}
	return 0;
}

SEC("raw_tp/sched_switch")
int raw_tp_switch(void *ctx)
{
	bump(C_RAW_TP);
	return 0;
}

SEC("tp_btf/sched_switch")
int tp_btf_switch(__u64 *ctx)
{
	bump(C_TP_BTF);
	return 0;
}

SEC("uprobe")
int uprobe_fn(struct pt_regs *ctx)
{
	if (is_target()) {
		bump(C_UPROBE);
		store(C_UPROBE_ARG, PT_REGS_PARM1(ctx));
	}
	return 0;
}

SEC("uretprobe")
int uretprobe_fn(struct pt_regs *ctx)
{
	if (is_target()) {
		bump(C_URETPROBE);
		store(C_URET_VAL, PT_REGS_RC(ctx));
	}
	return 0;
}

SEC("uprobe")
int uprobe_libc(struct pt_regs *ctx)
{
	if (is_target())
		bump(C_LIBC);
	return 0;
}

SEC("uprobe.multi")
int umulti(struct pt_regs *ctx)
{
	if (is_target()) {
		bump(C_UMULTI);
		store(C_UMULTI_COOKIE, bpf_get_attach_cookie(ctx));
	}
	return 0;
}

SEC("uprobe.multi//proc/self/exe:bpfkit_multi_*")
int umulti_auto(struct pt_regs *ctx)
{
	if (is_target())
		bump(C_UMULTI_AUTO);
	return 0;
}

SEC("perf_event")
int perf_clock(void *ctx)
{
	bump(C_PERF);
	return 0;
}

SEC("cgroup_skb/egress")
int cgroup_egress(struct __sk_buff *skb)
{
	bump(C_CGROUP);
	return 1;
}

SEC("xdp")
int xdp_count(struct xdp_md *ctx)
{
	return XDP_PASS;
}

SEC("tcx/ingress")
int tcx_count(struct __sk_buff *skb)
{
	return 0;	/* TCX_NEXT */
}

struct task_struct {
	int pid;
	int tgid;
} __attribute__((preserve_access_index));

struct seq_file;
struct bpf_iter_meta {
	struct seq_file *seq;
	__u64 session_id;
	__u64 seq_num;
};
struct bpf_iter__task {
	struct bpf_iter_meta *meta;
	struct task_struct *task;
};

/* One line per thread: "tgid pid". */
SEC("iter/task")
int iter_tasks(struct bpf_iter__task *ctx)
{
	struct task_struct *task = ctx->task;

	if (!task)
		return 0;
	BPF_SEQ_PRINTF(ctx->meta->seq, "%d %d\n", task->tgid, task->pid);
	return 0;
}

/* Sections the kernel refuses here (kprobes, trampolines). */
SEC("kprobe/do_nanosleep")
int kprobe_sleep(struct pt_regs *ctx)
{
	return 0;
}

SEC("ksyscall/nanosleep")
int ksyscall_sleep(struct pt_regs *ctx)
{
	return 0;
}

SEC("kprobe.multi/do_nanosl*")
int kmulti_sleep(struct pt_regs *ctx)
{
	return 0;
}
