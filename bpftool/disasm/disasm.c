// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * Text of one BPF instruction.  Every class of the current ISA is covered;
 * encodings the ISA does not define print as "BUG_..." so that a corrupt
 * program is visible rather than silently skipped.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "disasm.h"

/* Indexed by BPF_OP(code) >> 4. */
static const char *const alu_ops[16] = {
	"+=", "-=", "*=", "/=", "|=", "&=", "<<=", ">>=",
	"neg", "%=", "^=", "=", "s>>=", "endian", NULL, NULL,
};
static const char *const jmp_ops[16] = {
	"jmp", "==", ">", ">=", "&", "!=", "s>", "s>=",
	"call", "exit", "<", "<=", "s<", "s<=", "may_goto", NULL,
};
static const char *const atomic_ops[16] = {
	[BPF_ADD >> 4] = "add", [BPF_AND >> 4] = "and",
	[BPF_OR >> 4] = "or", [BPF_XOR >> 4] = "xor",
};
static const char *const classes[8] = {
	"ld", "ldx", "st", "stx", "alu", "jmp", "jmp32", "alu64",
};

/* Indexed by BPF_SIZE(code) >> 3. */
static const char *const mem_types[4] = { "u32", "u16", "u8", "u64" };
static const char *const memsx_types[4] = { "s32", "s16", "s8", "s64" };

struct out {
	char *buf;
	size_t len;
};

static void put(struct out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(o->buf, o->len, fmt, ap);
	va_end(ap);
}

static const char *sz(const struct bpf_insn *insn)
{
	return mem_types[BPF_SIZE(insn->code) >> 3];
}

static void alu(struct out *o, const struct bpf_insn *in)
{
	bool is64 = BPF_CLASS(in->code) == BPF_ALU64;
	char r = is64 ? 'r' : 'w';
	__u8 op = BPF_OP(in->code);
	const char *name = alu_ops[op >> 4];

	if (!name) {
		put(o, "(%02x) BUG_alu_%02x", in->code, in->code);
		return;
	}
	if (op == BPF_END) {
		if (is64)
			put(o, "(%02x) r%d = bswap%d r%d", in->code, in->dst_reg,
			    in->imm, in->dst_reg);
		else
			put(o, "(%02x) r%d = %s%d r%d", in->code, in->dst_reg,
			    BPF_SRC(in->code) == BPF_TO_BE ? "be" : "le",
			    in->imm, in->dst_reg);
		return;
	}
	if (op == BPF_NEG) {
		put(o, "(%02x) %c%d = -%c%d", in->code, r, in->dst_reg, r,
		    in->dst_reg);
		return;
	}
	if (in->code == (BPF_ALU64 | BPF_MOV | BPF_X) && in->off == 1) {
		/* arena pointer cast: imm holds the two address spaces */
		put(o, "(%02x) r%d = addr_space_cast(r%d, %u, %u)", in->code,
		    in->dst_reg, in->src_reg, ((__u32)in->imm) >> 16,
		    (__u16)in->imm);
		return;
	}
	if (in->code == (BPF_ALU64 | BPF_MOV | BPF_X) && in->off == -1) {
		put(o, "(%02x) r%d = &(void __percpu *)(r%d)", in->code,
		    in->dst_reg, in->src_reg);
		return;
	}
	if ((op == BPF_DIV || op == BPF_MOD) && in->off == 1)
		name = op == BPF_DIV ? "s/=" : "s%=";
	if (BPF_SRC(in->code) == BPF_X) {
		const char *cast = "";

		if (op == BPF_MOV && in->off) {
			switch (in->off) {
			case 8: cast = "(s8)"; break;
			case 16: cast = "(s16)"; break;
			case 32: cast = "(s32)"; break;
			default: cast = "(s?)"; break;
			}
		}
		put(o, "(%02x) %c%d %s %s%c%d", in->code, r, in->dst_reg, name,
		    cast, r, in->src_reg);
	} else {
		put(o, "(%02x) %c%d %s %d", in->code, r, in->dst_reg, name,
		    in->imm);
	}
}

static void stx(struct out *o, const struct bpf_insn *in)
{
	__u8 mode = BPF_MODE(in->code);
	const char *bits = BPF_SIZE(in->code) == BPF_DW ? "64" : "";
	int imm = in->imm;

	if (mode == BPF_MEM) {
		put(o, "(%02x) *(%s *)(r%d %+d) = r%d", in->code, sz(in),
		    in->dst_reg, in->off, in->src_reg);
		return;
	}
	if (mode != BPF_ATOMIC)
		goto bug;
	switch (imm) {
	case BPF_ADD: case BPF_AND: case BPF_OR: case BPF_XOR:
		put(o, "(%02x) lock *(%s *)(r%d %+d) %s r%d", in->code, sz(in),
		    in->dst_reg, in->off, alu_ops[imm >> 4], in->src_reg);
		return;
	case BPF_ADD | BPF_FETCH: case BPF_AND | BPF_FETCH:
	case BPF_OR | BPF_FETCH: case BPF_XOR | BPF_FETCH:
		put(o, "(%02x) r%d = atomic%s_fetch_%s((%s *)(r%d %+d), r%d)",
		    in->code, in->src_reg, bits, atomic_ops[(imm & 0xf0) >> 4],
		    sz(in), in->dst_reg, in->off, in->src_reg);
		return;
	case BPF_CMPXCHG:
		put(o, "(%02x) r0 = atomic%s_cmpxchg((%s *)(r%d %+d), r0, r%d)",
		    in->code, bits, sz(in), in->dst_reg, in->off, in->src_reg);
		return;
	case BPF_XCHG:
		put(o, "(%02x) r%d = atomic%s_xchg((%s *)(r%d %+d), r%d)",
		    in->code, in->src_reg, bits, sz(in), in->dst_reg, in->off,
		    in->src_reg);
		return;
	case BPF_LOAD_ACQ:
		put(o, "(%02x) r%d = load_acquire((%s *)(r%d %+d))", in->code,
		    in->dst_reg, sz(in), in->src_reg, in->off);
		return;
	case BPF_STORE_REL:
		put(o, "(%02x) store_release((%s *)(r%d %+d), r%d)", in->code,
		    sz(in), in->dst_reg, in->off, in->src_reg);
		return;
	}
bug:
	put(o, "BUG_%02x", in->code);
}

static void ld(struct out *o, const struct disasm_cbs *cbs,
	       const struct bpf_insn *in)
{
	__u8 mode = BPF_MODE(in->code);

	if (mode == BPF_ABS) {
		put(o, "(%02x) r0 = *(%s *)skb[%d]", in->code, sz(in), in->imm);
	} else if (mode == BPF_IND) {
		put(o, "(%02x) r0 = *(%s *)skb[r%d + %d]", in->code, sz(in),
		    in->src_reg, in->imm);
	} else if (mode == BPF_IMM && BPF_SIZE(in->code) == BPF_DW) {
		unsigned long long imm = ((unsigned long long)(__u32)in[1].imm << 32) |
					 (__u32)in->imm;
		const char *txt = cbs && cbs->imm64 ?
				  cbs->imm64(cbs->priv, in, imm) : NULL;

		if (txt)
			put(o, "(%02x) r%d = %s", in->code, in->dst_reg, txt);
		else
			put(o, "(%02x) r%d = 0x%llx", in->code, in->dst_reg, imm);
	} else {
		put(o, "BUG_ld_%02x", in->code);
	}
}

static const char *call_name(const struct disasm_cbs *cbs,
			     const struct bpf_insn *in, char *tmp, size_t len)
{
	const char *name;

	if (!in->src_reg && (name = disasm_helper_name(in->imm)))
		return name;
	if (cbs && cbs->call) {
		name = cbs->call(cbs->priv, in);
		if (name && *name)
			return name;
	}
	if (in->src_reg == BPF_PSEUDO_CALL)
		snprintf(tmp, len, "%+d", in->imm);
	else if (in->src_reg == BPF_PSEUDO_KFUNC_CALL)
		snprintf(tmp, len, "kernel-function");
	return tmp;
}

static void jmp(struct out *o, const struct disasm_cbs *cbs,
		const struct bpf_insn *in)
{
	bool is32 = BPF_CLASS(in->code) == BPF_JMP32;
	char r = is32 ? 'w' : 'r';
	__u8 op = BPF_OP(in->code);
	char tmp[64] = "unknown";

	if (op == BPF_CALL) {
		if (in->src_reg == BPF_PSEUDO_CALL)
			put(o, "(%02x) call pc%s", in->code,
			    call_name(cbs, in, tmp, sizeof(tmp)));
		else
			put(o, "(%02x) call %s#%d", in->code,
			    call_name(cbs, in, tmp, sizeof(tmp)), in->imm);
	} else if (in->code == (BPF_JMP | BPF_JA)) {
		put(o, "(%02x) goto pc%+d", in->code, in->off);
	} else if (in->code == (BPF_JMP32 | BPF_JA)) {
		put(o, "(%02x) gotol pc%+d", in->code, in->imm);
	} else if (in->code == (BPF_JMP | BPF_JCOND) &&
		   in->src_reg == BPF_MAY_GOTO) {
		put(o, "(%02x) may_goto pc%+d", in->code, in->off);
	} else if (in->code == (BPF_JMP | BPF_EXIT)) {
		put(o, "(%02x) exit", in->code);
	} else if (!jmp_ops[op >> 4] || op == BPF_JCOND || op == BPF_EXIT ||
		   op == BPF_JA) {
		put(o, "(%02x) %s", in->code, classes[BPF_CLASS(in->code)]);
	} else if (BPF_SRC(in->code) == BPF_X) {
		put(o, "(%02x) if %c%d %s %c%d goto pc%+d", in->code, r,
		    in->dst_reg, jmp_ops[op >> 4], r, in->src_reg, in->off);
	} else {
		put(o, "(%02x) if %c%d %s 0x%x goto pc%+d", in->code, r,
		    in->dst_reg, jmp_ops[op >> 4], (__u32)in->imm, in->off);
	}
}

void disasm_insn(const struct disasm_cbs *cbs, const struct bpf_insn *in,
		 char *buf, size_t len)
{
	struct out o = { buf, len };
	__u8 mode = BPF_MODE(in->code);

	if (!len)
		return;
	buf[0] = '\0';
	switch (BPF_CLASS(in->code)) {
	case BPF_ALU:
	case BPF_ALU64:
		alu(&o, in);
		break;
	case BPF_STX:
		stx(&o, in);
		break;
	case BPF_ST:
		if (mode == BPF_MEM)
			put(&o, "(%02x) *(%s *)(r%d %+d) = %d", in->code,
			    sz(in), in->dst_reg, in->off, in->imm);
		else if (mode == 0xc0)	/* speculation barrier, kernel-internal */
			put(&o, "(%02x) nospec", in->code);
		else
			put(&o, "BUG_st_%02x", in->code);
		break;
	case BPF_LDX:
		if (mode != BPF_MEM && mode != BPF_MEMSX) {
			put(&o, "BUG_ldx_%02x", in->code);
			break;
		}
		put(&o, "(%02x) r%d = *(%s *)(r%d %+d)", in->code, in->dst_reg,
		    mode == BPF_MEM ? sz(in) : memsx_types[BPF_SIZE(in->code) >> 3],
		    in->src_reg, in->off);
		break;
	case BPF_LD:
		ld(&o, cbs, in);
		break;
	case BPF_JMP:
	case BPF_JMP32:
		jmp(&o, cbs, in);
		break;
	}
}
