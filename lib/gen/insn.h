/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Building single BPF instructions for the loader program.  Only what the
 * generator needs: register moves, loads/stores, a few jumps, helper calls
 * and the two-slot ld_imm64.  GEN_* names keep them apart from the BPF_*
 * constants of <linux/bpf.h> they are made of.
 */
#ifndef BPFKIT_GEN_INSN_H
#define BPFKIT_GEN_INSN_H

#include <linux/bpf.h>

#define GEN_INSN(c, d, s, o, i)						\
	((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s),	\
			    .off = (o), .imm = (i) })

/* dst = src, dst = imm (64-bit) */
#define GEN_MOV_REG(d, s)	GEN_INSN(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
#define GEN_MOV_IMM(d, i)	GEN_INSN(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, i)
/* dst &= imm (64-bit) */
#define GEN_AND_IMM(d, i)	GEN_INSN(BPF_ALU64 | BPF_AND | BPF_K, d, 0, 0, i)
/* dst >>= imm (64-bit, logical) */
#define GEN_RSH_IMM(d, i)	GEN_INSN(BPF_ALU64 | BPF_RSH | BPF_K, d, 0, 0, i)

/* dst = *(size *)(src + off); *(size *)(dst + off) = src / imm */
#define GEN_LDX(sz, d, s, o)	GEN_INSN(BPF_LDX | BPF_MEM | (sz), d, s, o, 0)
#define GEN_STX(sz, d, s, o)	GEN_INSN(BPF_STX | BPF_MEM | (sz), d, s, o, 0)
#define GEN_ST(sz, d, o, i)	GEN_INSN(BPF_ST | BPF_MEM | (sz), d, 0, o, i)

/* if (dst op imm) goto pc + 1 + off */
#define GEN_JMP_IMM(op, d, i, o) GEN_INSN(BPF_JMP | (op) | BPF_K, d, 0, o, i)
#define GEN_JA(o)		GEN_INSN(BPF_JMP | BPF_JA, 0, 0, o, 0)
#define GEN_CALL(id)		GEN_INSN(BPF_JMP | BPF_CALL, 0, 0, 0, id)
#define GEN_EXIT()		GEN_INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

/* The two halves of "dst = imm64" with a pseudo source (map index...). */
#define GEN_LD_IMM64_LO(d, s, lo) GEN_INSN(BPF_LD | BPF_DW | BPF_IMM, d, s, 0, lo)
#define GEN_LD_IMM64_HI(hi)	GEN_INSN(0, 0, 0, 0, hi)

#endif
