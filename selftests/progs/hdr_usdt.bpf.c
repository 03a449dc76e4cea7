// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * usdt.bpf.h: BPF_USDT with 0..12 arguments, the argument accessors, and
 * compile-time checks of the spec layout shared with the attach code
 * (docs/bpf-headers.md).  The test also reads the layout back from this
 * object's BTF.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/ptrace.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/usdt.bpf.h>

char LICENSE[] SEC("license") = "GPL";

#define LAYOUT(type, field, off)					\
	_Static_assert(__builtin_offsetof(type, field) == (off),	\
		       #type "." #field " is not at " #off)

LAYOUT(struct __bpf_usdt_arg_spec, val_off, 0);
LAYOUT(struct __bpf_usdt_arg_spec, reg_off, 14);
LAYOUT(struct __bpf_usdt_arg_spec, arg_signed, 16);
LAYOUT(struct __bpf_usdt_arg_spec, arg_bitshift, 17);
_Static_assert(sizeof(struct __bpf_usdt_arg_spec) == 24, "arg spec size");
LAYOUT(struct __bpf_usdt_spec, args, 0);
LAYOUT(struct __bpf_usdt_spec, usdt_cookie, 288);
LAYOUT(struct __bpf_usdt_spec, arg_cnt, 296);
_Static_assert(sizeof(struct __bpf_usdt_spec) == 304, "spec size");
_Static_assert(BPF_USDT_ARG_CONST == 0 && BPF_USDT_ARG_REG == 1 &&
	       BPF_USDT_ARG_REG_DEREF == 2 && BPF_USDT_ARG_SIB == 3,
	       "arg type values");

/* Kept in BTF so that the test can check the bitfield bit offsets. */
struct __bpf_usdt_spec hdr_usdt_spec_layout;

long sink[16];
long cookie;
int cnt, size0;

SEC("usdt")
int BPF_USDT(hdr_usdt0)
{
	cnt = bpf_usdt_arg_cnt(ctx);
	cookie = bpf_usdt_cookie(ctx);
	return 0;
}

SEC("usdt")
int BPF_USDT(hdr_usdt3, int a, long b, const char *c)
{
	long raw = 0;

	size0 = bpf_usdt_arg_size(ctx, 0);
	bpf_usdt_arg(ctx, 2, &raw);
	sink[0] = a + b + (long)c + raw;
	return 0;
}

SEC("usdt")
int BPF_USDT(hdr_usdt12, long a1, long a2, long a3, long a4, long a5, long a6,
	     long a7, long a8, long a9, long a10, long a11, long a12)
{
	sink[1] = a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12;
	return 0;
}

/*
 * Run-time decoding: test_bpf_headers.c fills __bpf_usdt_specs by hand
 * (the attach code's job) and attaches this as a plain uprobe whose BPF
 * cookie is the spec id.
 */
int target_tgid;
int run_hits, run_cnt, run_size[6], run_err[7];
long run_val[6], run_cookie;

SEC("uprobe")
int hdr_usdt_run(struct pt_regs *ctx)
{
	long v;
	int i;

	if ((bpf_get_current_pid_tgid() >> 32) != target_tgid)
		return 0;
	run_hits++;
	run_cnt = bpf_usdt_arg_cnt(ctx);
	run_cookie = bpf_usdt_cookie(ctx);
	for (i = 0; i < 6; i++) {
		run_err[i] = bpf_usdt_arg(ctx, i, &v);
		run_val[i] = v;
		run_size[i] = bpf_usdt_arg_size(ctx, i);
	}
	run_err[6] = bpf_usdt_arg(ctx, 6, &v);	/* past arg_cnt: -ENOENT */
	return 0;
}
