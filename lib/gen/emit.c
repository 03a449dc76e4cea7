// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The two buffers of a loader (instructions, data blob) and the run-time
 * steps the recorders are made of; assembling the final program with its
 * two ways out (success, cleanup).  Allocation failures are sticky in
 * gen->err so that emitters need no return value.
 */
#include <errno.h>
#include <string.h>

#include "gen/gen_internal.h"
#include "gen/insn.h"
#include "util/alloc.h"

/* the data becomes one array map value: KMALLOC_MAX_SIZE with 4K pages */
#define GEN_BLOB_MAX	(4u << 20)

void gen_emit(struct gen_loader *gen, struct bpf_insn insn)
{
	if (gen->err)
		return;
	if (util_ensure_cap((void **)&gen->insns, &gen->insn_cap,
			    sizeof(insn), gen->insn_cnt + 1)) {
		gen->err = -ENOMEM;
		return;
	}
	gen->insns[gen->insn_cnt++] = insn;
}

/* Room for sz bytes (copied from p, or zeroed), 8-byte aligned. */
__u32 gen_add_data(struct gen_loader *gen, const void *p, size_t sz)
{
	size_t off = (gen->data_sz + 7) & ~(size_t)7;
	size_t end = off + ((sz + 7) & ~(size_t)7);

	if (gen->err)
		return 0;
	if (end > GEN_BLOB_MAX) {
		gen->err = -E2BIG;
		return 0;
	}
	if (util_ensure_cap((void **)&gen->data, &gen->data_cap, 1, end)) {
		gen->err = -ENOMEM;
		return 0;
	}
	memset(gen->data + gen->data_sz, 0, end - gen->data_sz);
	if (p && sz)
		memcpy(gen->data + off, p, sz);
	gen->data_sz = end;
	return (__u32)off;
}

void *gen_data_at(struct gen_loader *gen, __u32 off)
{
	return gen->err ? NULL : gen->data + off;
}

static void gen_track(struct gen_loader *gen, __u32 **arr, size_t *nr,
		      size_t *cap, __u32 val)
{
	if (gen->err)
		return;
	if (util_ensure_cap((void **)arr, cap, sizeof(**arr), *nr + 1)) {
		gen->err = -ENOMEM;
		return;
	}
	(*arr)[(*nr)++] = val;
}

void gen_track_tmp_fd(struct gen_loader *gen, __u32 blob_off)
{
	gen_track(gen, &gen->tmp_fds, &gen->nr_tmp_fds, &gen->tmp_fds_cap,
		  blob_off);
}

void gen_track_ctx_fd(struct gen_loader *gen, __u32 ctx_off)
{
	gen_track(gen, &gen->ctx_fds, &gen->nr_ctx_fds, &gen->ctx_fds_cap,
		  ctx_off);
}

/* reg = blob + off */
void gen_ld_blob(struct gen_loader *gen, int reg, __u32 off)
{
	gen_emit(gen, GEN_LD_IMM64_LO(reg, BPF_PSEUDO_MAP_IDX_VALUE, 0));
	gen_emit(gen, GEN_LD_IMM64_HI((__s32)off));
}

/* *(u64 *)(blob + field_off) = blob + target_off */
void gen_set_ptr(struct gen_loader *gen, __u32 field_off, __u32 target_off)
{
	gen_ld_blob(gen, BPF_REG_0, target_off);
	gen_ld_blob(gen, BPF_REG_1, field_off);
	gen_emit(gen, GEN_STX(BPF_DW, BPF_REG_1, BPF_REG_0, 0));
}

/* *(u32 *)(blob + dst_off) = *(u32 *)(blob + src_off) */
void gen_copy32(struct gen_loader *gen, __u32 dst_off, __u32 src_off)
{
	gen_ld_blob(gen, BPF_REG_1, src_off);
	gen_emit(gen, GEN_LDX(BPF_W, BPF_REG_0, BPF_REG_1, 0));
	gen_ld_blob(gen, BPF_REG_1, dst_off);
	gen_emit(gen, GEN_STX(BPF_W, BPF_REG_1, BPF_REG_0, 0));
}

/* blob field = ctx field (4 or 8 bytes); optionally only when not 0 */
void gen_ctx_to_blob(struct gen_loader *gen, __u32 dst_off, __u32 ctx_off,
		     int size, bool only_nonzero)
{
	int sz = size == 8 ? BPF_DW : BPF_W;

	gen_emit(gen, GEN_LDX(sz, BPF_REG_0, BPF_REG_6, (__s16)ctx_off));
	if (only_nonzero)
		gen_emit(gen, GEN_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 3));
	gen_ld_blob(gen, BPF_REG_1, dst_off);
	gen_emit(gen, GEN_STX(sz, BPF_REG_1, BPF_REG_0, 0));
}

/* *(u32 *)(blob + off) = r0; r0 is kept */
void gen_store_r0(struct gen_loader *gen, __u32 blob_off)
{
	gen_ld_blob(gen, BPF_REG_1, blob_off);
	gen_emit(gen, GEN_STX(BPF_W, BPF_REG_1, BPF_REG_0, 0));
}

/* r0 = bpf_sys_bpf(cmd, blob + attr_off, attr_sz) */
void gen_sys_bpf(struct gen_loader *gen, int cmd, __u32 attr_off, __u32 attr_sz)
{
	gen_emit(gen, GEN_MOV_IMM(BPF_REG_1, cmd));
	gen_ld_blob(gen, BPF_REG_2, attr_off);
	gen_emit(gen, GEN_MOV_IMM(BPF_REG_3, (__s32)attr_sz));
	gen_emit(gen, GEN_CALL(BPF_FUNC_sys_bpf));
}

/* A negative r0 ends the loader through the cleanup label. */
void gen_check_r0(struct gen_loader *gen)
{
	gen_emit(gen, GEN_JMP_IMM(BPF_JSGE, BPF_REG_0, 0, 2));
	gen_emit(gen, GEN_MOV_REG(BPF_REG_7, BPF_REG_0));
	if (!gen->err)
		gen_track(gen, &gen->err_jumps, &gen->nr_err_jumps,
			  &gen->err_jumps_cap, (__u32)gen->insn_cnt);
	gen_emit(gen, GEN_JA(0));
}

/* if (*(u32 *)(blob + off)) bpf_sys_close(it) */
void gen_close_blob_fd(struct gen_loader *gen, __u32 blob_off)
{
	gen_ld_blob(gen, BPF_REG_1, blob_off);
	gen_emit(gen, GEN_LDX(BPF_W, BPF_REG_1, BPF_REG_1, 0));
	gen_emit(gen, GEN_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 1));
	gen_emit(gen, GEN_CALL(BPF_FUNC_sys_close));
}

/*
 * The end of the program: the success path closes the intermediate fds
 * and returns 0; the cleanup label (where every failed step jumps) closes
 * them too, plus every fd already handed to the caller, zeroes those
 * descriptors (so that the skeleton's destroy does not close them again)
 * and returns the error kept in r7.
 */
int gen_assemble(struct gen_loader *gen)
{
	size_t i, label;

	for (i = 0; i < gen->nr_tmp_fds; i++)
		gen_close_blob_fd(gen, gen->tmp_fds[i]);
	gen_emit(gen, GEN_MOV_IMM(BPF_REG_0, 0));
	gen_emit(gen, GEN_EXIT());

	label = gen->insn_cnt;
	for (i = 0; i < gen->nr_tmp_fds; i++)
		gen_close_blob_fd(gen, gen->tmp_fds[i]);
	for (i = 0; i < gen->nr_ctx_fds; i++) {
		__s16 off = (__s16)gen->ctx_fds[i];

		gen_emit(gen, GEN_LDX(BPF_W, BPF_REG_1, BPF_REG_6, off));
		gen_emit(gen, GEN_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 3));
		gen_emit(gen, GEN_CALL(BPF_FUNC_sys_close));
		/* no BPF_ST into ctx: older verifiers refuse it */
		gen_emit(gen, GEN_MOV_IMM(BPF_REG_0, 0));
		gen_emit(gen, GEN_STX(BPF_W, BPF_REG_6, BPF_REG_0, off));
	}
	gen_emit(gen, GEN_MOV_REG(BPF_REG_0, BPF_REG_7));
	gen_emit(gen, GEN_EXIT());
	if (gen->err)
		return gen->err;
	for (i = 0; i < gen->nr_err_jumps; i++) {
		size_t at = gen->err_jumps[i];
		long off = (long)label - (long)at - 1;

		if (off > 32767)
			return -E2BIG;
		gen->insns[at].off = (__s16)off;
	}
	return 0;
}
