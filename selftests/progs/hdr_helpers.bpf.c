// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * bpf_helpers.h and bpf_endian.h: every macro family, built with -Wall.
 * The "tp/syscalls/sys_enter_getpid" program records results in .bss for
 * test_bpf_headers.c to check once the object loader can run it; the
 * other programs are compile coverage.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

/* ---- BTF map definitions with every key macro ---- */

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} hdr_array SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u64));
	__uint(pinning, LIBBPF_PIN_NONE);
} hdr_hash SEC(".maps");

int hdr_tail_target(void *ctx);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, int (void *));
} hdr_jmp SEC(".maps") = {
	.values = { [1] = (void *)&hdr_tail_target },
};

struct hdr_inner {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, int);
	__type(value, int);
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 1);
	__type(key, int);
	__array(values, struct hdr_inner);
} hdr_outer SEC(".maps");

/* A map value holding a kernel pointer (kptr) field. */
struct task_struct;
struct hdr_kptr_val {
	struct task_struct __kptr *task;
	struct task_struct __kptr_untrusted *raw;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, int);
	__type(value, struct hdr_kptr_val);
} hdr_kptrs SEC(".maps");

/* ---- externs ---- */

extern int LINUX_KERNEL_VERSION __kconfig;
extern enum libbpf_tristate CONFIG_BPF_SYSCALL __kconfig __weak;
extern _Bool CONFIG_HDR_NOT_A_REAL_OPTION __kconfig __weak;
/* typeless: an address from kallsyms (text symbols only on this kernel) */
extern const void _stext __ksym __weak;
/*
 * typed: a per-CPU variable from vmlinux BTF (compile coverage only: the
 * kernel resolves its address through kallsyms, which lists no data
 * symbols on our test machines)
 */
extern const int bpf_prog_active __ksym __weak;
extern void bpf_rcu_read_lock(void) __ksym __weak;
extern void hdr_no_such_kfunc(void) __ksym __weak;

/* ---- results read by the test (.bss) ---- */

int target_tgid;
int hits;
__u64 for_sum;		/* bpf_for(i, 0, 10) */
__u64 for_each_sum;	/* bpf_for_each(num, ...) over [3, 7) */
__u64 repeat_cnt;	/* bpf_repeat(5) */
__u64 can_loop_cnt;	/* can_loop until 20 */
__u64 cond_break_cnt;	/* cond_break until 30 */
__u16 be16;		/* bpf_htons(0x1234), not constant-folded */
__u32 be32;		/* bpf_htonl(0x12345678) */
__u64 be64;		/* bpf_cpu_to_be64(0x0102030405060708) */
__u16 ne16;		/* bpf_ntohs() back */
__u32 ne32;
__u64 ne64;
int kver_nonzero;
int bpf_syscall_tri;
int fake_opt;
int have_rcu_lock;
int have_fake_kfunc;
int have_stext;
char snprintf_buf[32];
long snprintf_ret;
long printk_ret[6];

/* Constant forms must be usable where C needs constants. */
_Static_assert(bpf_htons(0x1234) == 0x3412, "bpf_htons constant");
_Static_assert(bpf_htonl(0x12345678) == 0x78563412, "bpf_htonl constant");
_Static_assert(bpf_cpu_to_be64(0x0102030405060708ULL) == 0x0807060504030201ULL,
	       "bpf_cpu_to_be64 constant");
_Static_assert(__bpf_constant_ntohs(0xabcd) == 0xcdab, "ntohs constant");
_Static_assert(__bpf_constant_ntohl(0xa1b2c3d4) == 0xd4c3b2a1, "ntohl constant");
_Static_assert(__bpf_constant_be64_to_cpu(0x1122334455667788ULL) == 0x8877665544332211ULL,
	       "be64_to_cpu constant");
_Static_assert(LIBBPF_PIN_NONE == 0 && LIBBPF_PIN_BY_NAME == 1, "pinning values");
_Static_assert(TRI_NO == 0 && TRI_YES == 1 && TRI_MODULE == 2, "tristate values");
_Static_assert(KERNEL_VERSION(6, 18, 300) == ((6 << 16) + (18 << 8) + 255),
	       "KERNEL_VERSION clamps the patch level");

struct hdr_outer_s {
	int a;
	long member;
};

static __noinline int hdr_static_sub(int x)
{
	return x * 2;
}

__hidden int hdr_hidden_sub(int x)
{
	return x + 1;
}

__weak int hdr_weak_sub(int x)
{
	return x - 1;
}

__noinline int hdr_global_ctx(void *ctx __arg_ctx, int *p __arg_nullable)
{
	return p ? *p : 0;
}

__noinline int hdr_global_nonnull(int *p __arg_nonnull)
{
	return *p;
}

SEC("tp/syscalls/sys_enter_getpid")
int hdr_getpid(void *ctx)
{
	volatile __u16 v16 = 0x1234;
	volatile __u32 v32 = 0x12345678;
	volatile __u64 v64 = 0x0102030405060708ULL;
	struct hdr_outer_s s = { .a = 1, .member = 2 };
	struct hdr_outer_s *back;
	int i, n = 0, *v;
	__u64 sum = 0, limit = 20;
	__u32 key = 0;

	if ((bpf_get_current_pid_tgid() >> 32) != target_tgid)
		return 0;
	hits++;

	bpf_for(i, 0, 10)
		sum += i;
	for_sum = sum;

	sum = 0;
	bpf_for_each(num, v, 3, 7)
		sum += *v;
	for_each_sum = sum;

	bpf_repeat(5)
		n++;
	repeat_cnt = n;

	n = 0;
	while (can_loop) {
		if (++n >= limit)
			break;
	}
	can_loop_cnt = n;

	n = 0;
	for (;;) {
		cond_break;
		if (++n >= 30)
			break;
	}
	cond_break_cnt = n;

	be16 = bpf_htons(v16);
	be32 = bpf_htonl(v32);
	be64 = bpf_cpu_to_be64(v64);
	ne16 = bpf_ntohs(be16);
	ne32 = bpf_ntohl(be32);
	ne64 = bpf_be64_to_cpu(be64);

	kver_nonzero = LINUX_KERNEL_VERSION != 0;
	bpf_syscall_tri = CONFIG_BPF_SYSCALL;
	fake_opt = CONFIG_HDR_NOT_A_REAL_OPTION;
	have_rcu_lock = bpf_ksym_exists(bpf_rcu_read_lock);
	have_fake_kfunc = bpf_ksym_exists(hdr_no_such_kfunc);
	have_stext = &_stext != NULL;

	snprintf_ret = BPF_SNPRINTF(snprintf_buf, sizeof(snprintf_buf),
				    "%d-%s-%x", 42, "ab", 255);

	printk_ret[0] = bpf_printk("hdr: no args");
	printk_ret[1] = bpf_printk("hdr: %d", 1);
	printk_ret[2] = bpf_printk("hdr: %d %d", 1, 2);
	printk_ret[3] = bpf_printk("hdr: %d %d %d", 1, 2, 3);
	printk_ret[4] = bpf_printk("hdr: %d %d %d %d", 1, 2, 3, 4);
	printk_ret[5] = bpf_printk("hdr: %d %d %d %d %d", 1, 2, 3, 4, 5);

	back = container_of(&s.member, struct hdr_outer_s, member);
	n = back->a + hdr_static_sub(1) + hdr_hidden_sub(1) + hdr_weak_sub(1);
	barrier_var(n);
	barrier();
	if (likely(n > 0) && !unlikely(n < 0))
		bpf_map_update_elem(&hdr_array, &key, &sum, BPF_ANY);
	return 0;
}

SEC("tp/syscalls/sys_enter_getpid")
int hdr_tail_target(void *ctx)
{
	return 0;
}

/* Compile coverage: tail calls, stream printk, global subprogram tags. */
SEC("raw_tp/sys_enter")
int hdr_misc(void *ctx)
{
	int x = 5;

	bpf_tail_call_static(ctx, &hdr_jmp, 1);
	if (bpf_ksym_exists(&bpf_prog_active))
		x += *(const int *)bpf_this_cpu_ptr(&bpf_prog_active);
	bpf_stream_printk(1, "stream %d %s", x, "x");
	bpf_stream_printk(2, "no args");
	return hdr_global_ctx(ctx, &x) + hdr_global_nonnull(&x);
}

/* Compile coverage: BPF_SEQ_PRINTF in a task iterator. */
struct seq_file;
struct bpf_iter_meta {
	struct seq_file *seq;
	__u64 session_id;
	__u64 seq_num;
};
struct hdr_iter_task_ctx {
	struct bpf_iter_meta *meta;
	void *task;
};

SEC("iter/task")
int hdr_iter(struct hdr_iter_task_ctx *ctx)
{
	struct seq_file *seq = ctx->meta->seq;

	if (!ctx->task)
		return 0;
	if (ctx->meta->seq_num == 0)
		BPF_SEQ_PRINTF(seq, "header\n");
	BPF_SEQ_PRINTF(seq, "%llu %d %d %d %d %d %d\n", ctx->meta->seq_num,
		       1, 2, 3, 4, 5, 6);
	return 0;
}
