/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * bpfkit: the BPF side of USDT (user-space statically defined tracing)
 * probes.
 *
 * bpf_program__attach_usdt() parses each probe site's argument notes
 * (e.g. "-4@-20(%rbp) 8@%rax") into a struct __bpf_usdt_spec, stores it in
 * the __bpf_usdt_specs array map and attaches a uprobe whose BPF cookie is
 * the spec's index.  Kernels without BPF cookies get an instruction
 * pointer -> spec index hash map (__bpf_usdt_ip_to_spec_id) instead.  The
 * functions below find the spec of the current probe and decode the
 * arguments from the saved registers and user memory.
 *
 * Map names, key/value types and the two structs are ABI shared with the
 * attach code in lib/ (see docs/bpf-headers.md for the byte layout).
 */
#ifndef __USDT_BPF_H__
#define __USDT_BPF_H__

#include <linux/errno.h>
#include "bpf_helpers.h"
#include "bpf_tracing.h"

/* Distinct probe specs one program can be attached with. */
#ifndef BPF_USDT_MAX_SPEC_CNT
#define BPF_USDT_MAX_SPEC_CNT 256
#endif
/* Probe sites tracked by the no-cookie fallback map. */
#ifndef BPF_USDT_MAX_IP_CNT
#define BPF_USDT_MAX_IP_CNT (4 * BPF_USDT_MAX_SPEC_CNT)
#endif

/* Where an argument lives. */
enum __bpf_usdt_arg_type {
	BPF_USDT_ARG_CONST,	/* a constant: val_off */
	BPF_USDT_ARG_REG,	/* a register: pt_regs + reg_off */
	BPF_USDT_ARG_REG_DEREF,	/* memory at register + val_off */
	BPF_USDT_ARG_SIB,	/* memory at base + (index << scale) + val_off */
};

/*
 * One argument.  The bitfields are laid out as the C compiler does it for
 * both the BPF program and the attach code (see docs/bpf-headers.md).
 */
struct __bpf_usdt_arg_spec {
	/* constant value, or displacement for the memory forms */
	__u64 val_off;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	enum __bpf_usdt_arg_type arg_type: 8;
	/* SIB: offset of the index register in struct pt_regs */
	__u16 idx_reg_off: 12;
	/* SIB: log2 of the scale (0..3) */
	__u16 scale_bitshift: 4;
	__u8 __reserved: 8;
#else
	__u8 __reserved: 8;
	__u16 idx_reg_off: 12;
	__u16 scale_bitshift: 4;
	enum __bpf_usdt_arg_type arg_type: 8;
#endif
	/* offset of the (base) register in struct pt_regs */
	short reg_off;
	/* sign-extend (true) or zero-extend the value to 64 bits */
	_Bool arg_signed;
	/* 64 - 8 * argument size: shift that narrows the 64-bit load */
	char arg_bitshift;
};

/* At most this many arguments per probe; the attach code uses the same. */
#define BPF_USDT_MAX_ARG_CNT 12

struct __bpf_usdt_spec {
	struct __bpf_usdt_arg_spec args[BPF_USDT_MAX_ARG_CNT];
	/* user's cookie from bpf_usdt_opts.usdt_cookie */
	__u64 usdt_cookie;
	short arg_cnt;
};

/*
 * Weak, so that several objects linked together (each including this
 * header) share one instance.
 */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, BPF_USDT_MAX_SPEC_CNT);
	__type(key, int);
	__type(value, struct __bpf_usdt_spec);
} __bpf_usdt_specs SEC(".maps") __weak;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, BPF_USDT_MAX_IP_CNT);
	__type(key, long);
	__type(value, __u32);
} __bpf_usdt_ip_to_spec_id SEC(".maps") __weak;

/* Virtual kconfig the loader sets: does the kernel have BPF cookies? */
extern const _Bool LINUX_HAS_BPF_COOKIE __kconfig;

/* Index of the current probe's spec, or -ESRCH. */
static __always_inline
int __bpf_usdt_spec_id(struct pt_regs *ctx)
{
	if (!LINUX_HAS_BPF_COOKIE) {
		long ip = PT_REGS_IP(ctx);
		int *id;

		id = bpf_map_lookup_elem(&__bpf_usdt_ip_to_spec_id, &ip);
		return id ? *id : -ESRCH;
	}
	return bpf_get_attach_cookie(ctx);
}

static __always_inline
struct __bpf_usdt_spec *___bpf_usdt_lookup_spec(struct pt_regs *ctx)
{
	int id = __bpf_usdt_spec_id(ctx);

	if (id < 0)
		return NULL;
	return bpf_map_lookup_elem(&__bpf_usdt_specs, &id);
}

/* Number of arguments of the current USDT probe, or -ESRCH. */
__weak __hidden
int bpf_usdt_arg_cnt(struct pt_regs *ctx)
{
	struct __bpf_usdt_spec *spec = ___bpf_usdt_lookup_spec(ctx);

	if (!spec)
		return -ESRCH;
	return spec->arg_cnt;
}

/* Size in bytes of argument arg_num (from 0), or -ESRCH / -ENOENT. */
__weak __hidden
int bpf_usdt_arg_size(struct pt_regs *ctx, __u64 arg_num)
{
	struct __bpf_usdt_spec *spec = ___bpf_usdt_lookup_spec(ctx);

	if (!spec)
		return -ESRCH;
	if (arg_num >= BPF_USDT_MAX_ARG_CNT)
		return -ENOENT;
	/* keep the bounded value for the array index below */
	barrier_var(arg_num);
	if (arg_num >= spec->arg_cnt)
		return -ENOENT;
	return (unsigned int)(64 - spec->args[arg_num].arg_bitshift) / 8;
}

/*
 * Stores argument arg_num (from 0), widened to 64 bits, in *res; returns 0
 * or a negative error, in which case *res is 0.
 */
__weak __hidden
int bpf_usdt_arg(struct pt_regs *ctx, __u64 arg_num, long *res)
{
	struct __bpf_usdt_spec *spec;
	struct __bpf_usdt_arg_spec *arg;
	unsigned long val, idx;
	int err;

	*res = 0;
	spec = ___bpf_usdt_lookup_spec(ctx);
	if (!spec)
		return -ESRCH;
	if (arg_num >= BPF_USDT_MAX_ARG_CNT)
		return -ENOENT;
	barrier_var(arg_num);
	if (arg_num >= spec->arg_cnt)
		return -ENOENT;
	arg = &spec->args[arg_num];

	switch (arg->arg_type) {
	case BPF_USDT_ARG_CONST:
		val = arg->val_off;
		break;
	case BPF_USDT_ARG_REG:
		/* pt_regs may not be loadable directly (e.g. arm64 layout) */
		err = bpf_probe_read_kernel(&val, sizeof(val), (void *)ctx + arg->reg_off);
		if (err)
			return err;
		break;
	case BPF_USDT_ARG_REG_DEREF:
		err = bpf_probe_read_kernel(&val, sizeof(val), (void *)ctx + arg->reg_off);
		if (err)
			return err;
		err = bpf_probe_read_user(&val, sizeof(val), (void *)val + arg->val_off);
		if (err)
			return err;
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
		/* the argument's bytes are the high end of the 8 read */
		val >>= arg->arg_bitshift;
#endif
		break;
	case BPF_USDT_ARG_SIB:
		err = bpf_probe_read_kernel(&val, sizeof(val), (void *)ctx + arg->reg_off);
		if (err)
			return err;
		err = bpf_probe_read_kernel(&idx, sizeof(idx), (void *)ctx + arg->idx_reg_off);
		if (err)
			return err;
		err = bpf_probe_read_user(&val, sizeof(val),
					  (void *)(val + (idx << arg->scale_bitshift) +
						   arg->val_off));
		if (err)
			return err;
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
		val >>= arg->arg_bitshift;
#endif
		break;
	default:
		return -EINVAL;
	}

	/* Keep the low (64 - arg_bitshift) bits, sign- or zero-extended. */
	val <<= arg->arg_bitshift;
	if (arg->arg_signed)
		val = ((long)val) >> arg->arg_bitshift;
	else
		val = val >> arg->arg_bitshift;
	*res = val;
	return 0;
}

/*
 * The cookie given at attach time (bpf_usdt_opts.usdt_cookie); USDT uses
 * the BPF cookie itself, so bpf_get_attach_cookie() is not available to
 * USDT programs.  0 when the spec cannot be found.
 */
__weak __hidden
long bpf_usdt_cookie(struct pt_regs *ctx)
{
	struct __bpf_usdt_spec *spec = ___bpf_usdt_lookup_spec(ctx);

	if (!spec)
		return 0;
	return spec->usdt_cookie;
}

/* Argument n of the probe for BPF_USDT (0 when it cannot be read). */
#define ___bpf_usdt_arg(n) ({ long ___v; bpf_usdt_arg(ctx, n, &___v); ___v; })

#define ___bpf_usdt_args0() ctx
#define ___bpf_usdt_args1(x) ___bpf_usdt_args0(), ___bpf_usdt_arg(0)
#define ___bpf_usdt_args2(x, args...) ___bpf_usdt_args1(args), ___bpf_usdt_arg(1)
#define ___bpf_usdt_args3(x, args...) ___bpf_usdt_args2(args), ___bpf_usdt_arg(2)
#define ___bpf_usdt_args4(x, args...) ___bpf_usdt_args3(args), ___bpf_usdt_arg(3)
#define ___bpf_usdt_args5(x, args...) ___bpf_usdt_args4(args), ___bpf_usdt_arg(4)
#define ___bpf_usdt_args6(x, args...) ___bpf_usdt_args5(args), ___bpf_usdt_arg(5)
#define ___bpf_usdt_args7(x, args...) ___bpf_usdt_args6(args), ___bpf_usdt_arg(6)
#define ___bpf_usdt_args8(x, args...) ___bpf_usdt_args7(args), ___bpf_usdt_arg(7)
#define ___bpf_usdt_args9(x, args...) ___bpf_usdt_args8(args), ___bpf_usdt_arg(8)
#define ___bpf_usdt_args10(x, args...) ___bpf_usdt_args9(args), ___bpf_usdt_arg(9)
#define ___bpf_usdt_args11(x, args...) ___bpf_usdt_args10(args), ___bpf_usdt_arg(10)
#define ___bpf_usdt_args12(x, args...) ___bpf_usdt_args11(args), ___bpf_usdt_arg(11)
#define ___bpf_usdt_args(args...)					\
	___bpf_apply(___bpf_usdt_args, ___bpf_narg(args))(args)

/*
 * SEC("usdt/<binary>:<provider>:<name>")
 * int BPF_USDT(name, int fd, const char *buf) { ... }
 * declares the program with its USDT arguments unpacked and typed.
 */
#define BPF_USDT(name, args...)						\
name(struct pt_regs *ctx);						\
static __always_inline typeof(name(0))					\
____##name(struct pt_regs *ctx, ##args);				\
typeof(name(0)) name(struct pt_regs *ctx)				\
{									\
	_Pragma("GCC diagnostic push")					\
	_Pragma("GCC diagnostic ignored \"-Wint-conversion\"")		\
	return ____##name(___bpf_usdt_args(args));			\
	_Pragma("GCC diagnostic pop")					\
}									\
static __always_inline typeof(name(0))					\
____##name(struct pt_regs *ctx, ##args)

#endif /* __USDT_BPF_H__ */
