// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Writing a computed relocation into the instruction the compiler marked:
 * the imm of an ALU op, the off of a load/store (and its size when that may
 * follow the field), or the 64-bit constant of an ld_imm64.  What the
 * instruction held must be what the local BTF implies, otherwise the record
 * and the code disagree and patching would be guesswork.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/core_internal.h"
#include "util/err.h"
#include "util/log.h"

static bool is_ldimm64(const struct bpf_insn *insn)
{
	return insn->code == (BPF_LD | BPF_IMM | BPF_DW);
}

static void poison(struct bpf_insn *insn)
{
	insn->code = BPF_JMP | BPF_CALL;
	insn->dst_reg = 0;
	insn->src_reg = 0;
	insn->off = 0;
	insn->imm = CORE_POISON_IMM;
}

/* v is the sign extension of its low 32 bits. */
static bool sext32(__u64 v)
{
	return v == (__u64)(__s64)(__s32)(__u32)v;
}

static int mem_bytes(__u8 code)
{
	switch (BPF_SIZE(code)) {
	case BPF_B: return 1;
	case BPF_H: return 2;
	case BPF_W: return 4;
	case BPF_DW: return 8;
	default: return -1;
	}
}

static int bytes_to_size(__u32 n)
{
	switch (n) {
	case 1: return BPF_B;
	case 2: return BPF_H;
	case 4: return BPF_W;
	case 8: return BPF_DW;
	default: return -1;
	}
}

static int bad(struct core_failure *why, int err)
{
	if (why)
		why->err = err;
	return util_err(err);
}

int core_patch_insn(struct bpf_insn *insns, size_t insn_cnt, size_t insn_idx,
		    const struct bpf_core_relo *relo,
		    const struct core_result *res, struct core_failure *why)
{
	struct bpf_insn *insn;
	__u64 orig = res->orig_val, val = res->new_val;
	int sz;

	if (!insns || insn_idx >= insn_cnt) {
		core_why(why, "instruction #%zu outside the program (%zu instructions)",
			 insn_idx, insn_cnt);
		return bad(why, -EINVAL);
	}
	if (why)
		why->insn_idx = insn_idx;
	insn = &insns[insn_idx];
	if (is_ldimm64(insn) && insn_idx + 1 >= insn_cnt) {
		core_why(why, "ld_imm64 #%zu is cut off at the end of the program",
			 insn_idx);
		return bad(why, -EINVAL);
	}

	if (res->poison)
		goto do_poison;

	switch (BPF_CLASS(insn->code)) {
	case BPF_ALU:
	case BPF_ALU64:
		if (BPF_SRC(insn->code) != BPF_K) {
			core_why(why, "instruction #%zu: ALU op with a register operand",
				 insn_idx);
			return bad(why, -EINVAL);
		}
		if (res->validate && (__u64)(__s64)insn->imm != orig &&
		    (__u32)insn->imm != orig) {
			core_why(why, "instruction #%zu holds imm %d, expected %llu",
				 insn_idx, insn->imm, (unsigned long long)orig);
			return bad(why, -EINVAL);
		}
		if (val > UINT_MAX &&
		    ((__s64)val >= 0 || (__s64)val < INT_MIN)) {
			core_why(why, "instruction #%zu: value %llu does not fit an imm",
				 insn_idx, (unsigned long long)val);
			return bad(why, -ERANGE);
		}
		insn->imm = (__s32)val;
		return 0;
	case BPF_LDX:
	case BPF_ST:
	case BPF_STX:
		if (res->validate && (__u64)(__s64)insn->off != orig) {
			core_why(why, "instruction #%zu holds offset %d, expected %llu",
				 insn_idx, insn->off, (unsigned long long)orig);
			return bad(why, -EINVAL);
		}
		if (val > SHRT_MAX) {
			core_why(why, "instruction #%zu: offset %llu too big for a load/store",
				 insn_idx, (unsigned long long)val);
			return bad(why, -ERANGE);
		}
		if (res->fail_memsz_adjust) {
			core_why(why, "field size changed from %u to %u bytes and a direct %s of it cannot be resized (read it with BPF_CORE_READ())",
				 res->orig_sz, res->new_sz,
				 BPF_CLASS(insn->code) == BPF_LDX ? "load" : "store");
			goto do_poison;
		}
		insn->off = (__s16)val;
		if (relo->kind == BPF_CORE_FIELD_BYTE_OFFSET && res->orig_sz &&
		    res->new_sz && res->new_sz != res->orig_sz) {
			if (mem_bytes(insn->code) != (int)res->orig_sz) {
				core_why(why, "instruction #%zu accesses %d bytes, field has %u",
					 insn_idx, mem_bytes(insn->code), res->orig_sz);
				return bad(why, -EINVAL);
			}
			sz = bytes_to_size(res->new_sz);
			if (sz < 0) {
				core_why(why, "instruction #%zu: target field size %u cannot be loaded",
					 insn_idx, res->new_sz);
				return bad(why, -EINVAL);
			}
			insn->code = (__u8)(BPF_MODE(insn->code) | sz |
					    BPF_CLASS(insn->code));
		}
		return 0;
	case BPF_LD: {
		__u64 cur;

		if (!is_ldimm64(insn) || insn[1].code || insn[1].dst_reg ||
		    insn[1].src_reg || insn[1].off) {
			core_why(why, "instruction #%zu: unexpected BPF_LD form 0x%02x",
				 insn_idx, insn->code);
			return bad(why, -EINVAL);
		}
		cur = (__u64)(__u32)insn[0].imm | ((__u64)(__u32)insn[1].imm << 32);
		if (relo->kind == BPF_CORE_ENUMVAL_VALUE && cur != orig &&
		    sext32(cur) && (__u32)cur == (__u32)orig && orig <= UINT_MAX) {
			/* a 32-bit enumerator the compiler sign-extended:
			 * keep that form for the new value */
			orig = cur;
			if (val <= UINT_MAX)
				val = (__u64)(__s64)(__s32)(__u32)val;
		}
		if (res->validate && cur != orig) {
			core_why(why, "instruction #%zu holds %llu, expected %llu",
				 insn_idx, (unsigned long long)cur,
				 (unsigned long long)orig);
			return bad(why, -EINVAL);
		}
		insn[0].imm = (__s32)(__u32)val;
		insn[1].imm = (__s32)(__u32)(val >> 32);
		return 0;
	}
	default:
		core_why(why, "instruction #%zu (code 0x%02x) cannot carry a CO-RE relocation",
			 insn_idx, insn->code);
		return bad(why, -EINVAL);
	}

do_poison:
	/* The second half too, so the verifier does not report it as an
	 * unknown opcode before reaching the poisoned call. */
	if (is_ldimm64(insn))
		poison(insn + 1);
	poison(insn);
	if (why)
		why->poisoned = true;
	return 0;
}

int core_apply_relo(struct core_target *t, const struct btf *local_btf,
		    const struct bpf_core_relo *relo, struct bpf_insn *insns,
		    size_t insn_cnt, size_t insn_idx, struct core_failure *why)
{
	struct core_result *res;
	int err;

	if (!why || !relo)
		return util_err(-EINVAL);
	res = calloc(1, sizeof(*res));
	if (!res) {
		memset(why, 0, sizeof(*why));
		return bad(why, -ENOMEM);
	}
	err = core_calc_relo(t, local_btf, relo, res, why);
	why->insn_idx = insn_idx;
	if (err)
		goto out;
	err = core_patch_insn(insns, insn_cnt, insn_idx, relo, res, why);
	if (!err && why->poisoned)
		pr_debug("core: insn #%zu: %s %s poisoned: %s\n", insn_idx,
			 core_relo_kind_str(relo->kind), why->access_spec,
			 why->reason);
	else if (!err)
		pr_debug("core: insn #%zu: %s %s: %llu -> %llu\n", insn_idx,
			 core_relo_kind_str(relo->kind), why->access_spec,
			 (unsigned long long)res->orig_val,
			 (unsigned long long)res->new_val);
out:
	free(res);
	return err;
}
