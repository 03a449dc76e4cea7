// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * kfuncs and .ksyms externs, resolved when the loader runs, in the kernel
 * it runs on.  Each extern is looked up once (bpf_btf_find_by_name_kind()
 * for kfuncs and typed ksyms, bpf_kallsyms_lookup_name() for typeless
 * ones) into an 8-byte blob slot; then every instruction that refers to it
 * is patched in the blob's copy of the program before the program load.
 *
 * The recorded code leaves them as the object loader leaves a weak extern
 * it could not resolve (relo.c: a poisoned call, a zero ld_imm64), so a
 * weak extern missing at run time needs no patching at all.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "gen/gen.h"
#include "gen/gen_internal.h"
#include "gen/insn.h"
#include "object/object.h"
#include "util/log.h"

/* blob slot of each .ksyms extern, fd_array index of each kfunc */
void gen_layout_externs(struct gen_loader *gen, struct bpf_object *obj)
{
	__u32 next_slot = gen->nr_maps;
	int i;

	gen->nr_externs = obj->nr_externs;
	if (!obj->nr_externs)
		return;
	gen->ext_res = calloc((size_t)obj->nr_externs, sizeof(*gen->ext_res));
	gen->ext_slot = calloc((size_t)obj->nr_externs, sizeof(*gen->ext_slot));
	if (!gen->ext_res || !gen->ext_slot) {
		gen->err = -ENOMEM;
		return;
	}
	for (i = 0; i < obj->nr_externs; i++) {
		const struct obj_extern *ext = &obj->externs[i];

		if (ext->kind != OBJ_EXT_KSYM)
			continue;
		gen->ext_res[i] = gen_add_data(gen, NULL, 8);
		if (ext->is_func)
			gen->ext_slot[i] = next_slot++;
	}
	gen->fd_array_cnt = next_slot;
}

static void gen_lookup_extern(struct gen_loader *gen, const struct obj_extern *ext,
			      int idx)
{
	__u32 res = gen->ext_res[idx];
	__u32 name_off = gen_add_data(gen, ext->name, strlen(ext->name) + 1);
	__s32 name_sz = (__s32)strlen(ext->name) + 1;

	gen_ld_blob(gen, BPF_REG_1, name_off);
	gen_emit(gen, GEN_MOV_IMM(BPF_REG_2, name_sz));
	if (ext->typeless) {
		/* *(u64 *)(blob + res) = address, 0 when missing */
		gen_emit(gen, GEN_MOV_IMM(BPF_REG_3, 0));
		gen_ld_blob(gen, BPF_REG_4, res);
		gen_emit(gen, GEN_CALL(BPF_FUNC_kallsyms_lookup_name));
		if (!ext->weak)
			gen_check_r0(gen);
		return;
	}
	gen_emit(gen, GEN_MOV_IMM(BPF_REG_3, ext->is_func ? BTF_KIND_FUNC : BTF_KIND_VAR));
	gen_emit(gen, GEN_MOV_IMM(BPF_REG_4, 0));
	gen_emit(gen, GEN_CALL(BPF_FUNC_btf_find_by_name_kind));
	/* a missing weak extern keeps its slot at 0 */
	if (ext->weak)
		gen_emit(gen, GEN_JMP_IMM(BPF_JSLT, BPF_REG_0, 0, ext->is_func ? 3 + 6 : 3));
	else
		gen_check_r0(gen);
	/* low half: BTF id; high half: the module BTF's fd (0: vmlinux) */
	gen_ld_blob(gen, BPF_REG_1, res);
	gen_emit(gen, GEN_STX(BPF_DW, BPF_REG_1, BPF_REG_0, 0));
	/* kfunc calls name their BTF by fd_array index */
	if (ext->is_func)
		gen_copy32(gen, gen->fd_array_off + 4 * gen->ext_slot[idx], res + 4);
}

int gen_record_externs(struct bpf_object *obj)
{
	struct gen_loader *gen = obj->gen;
	int i;

	if (gen->externs_done)
		return 0;
	gen->externs_done = true;
	for (i = 0; i < obj->nr_externs; i++) {
		const struct obj_extern *ext = &obj->externs[i];

		if (ext->kind != OBJ_EXT_KSYM)
			continue;
		gen_lookup_extern(gen, ext, i);
		if (!ext->typeless)
			gen_track_tmp_fd(gen, gen->ext_res[i] + 4);
		pr_debug("extern (%s) '%s': light skeleton: looked up at load\n",
			 ext->is_func ? "kfunc" : "ksym", ext->name);
	}
	return gen->err;
}

/* The regs byte of insn with another source register (bitfield order). */
static __s32 gen_regs_byte(const struct bpf_insn *insn, int src)
{
	struct bpf_insn tmp = *insn;
	unsigned char b[sizeof(tmp)];

	tmp.src_reg = src;
	memcpy(b, &tmp, sizeof(tmp));
	return b[1];
}

/* One instruction of the blob's program copy (at insn_off) refers to ext. */
static void gen_patch_site(struct gen_loader *gen, const struct obj_relo *r,
			   const struct obj_extern *ext, int idx,
			   const struct bpf_insn *insn, __u32 insn_off)
{
	__u32 res = gen->ext_res[idx];
	bool call = r->kind == OBJ_RELO_EXTERN_CALL;
	int n = call ? 7 : ext->typeless ? 5 : 6;

	gen_ld_blob(gen, BPF_REG_1, res);
	gen_emit(gen, GEN_LDX(BPF_DW, BPF_REG_0, BPF_REG_1, 0));
	gen_emit(gen, GEN_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, n));	/* weak, missing */
	gen_ld_blob(gen, BPF_REG_1, insn_off);
	gen_emit(gen, GEN_STX(BPF_W, BPF_REG_1, BPF_REG_0, 4));	/* imm */
	if (call) {
		gen_emit(gen, GEN_ST(BPF_B, BPF_REG_1, 1,
				     gen_regs_byte(insn, BPF_PSEUDO_KFUNC_CALL)));
		gen_emit(gen, GEN_RSH_IMM(BPF_REG_0, 32));
		gen_emit(gen, GEN_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 1));
		gen_emit(gen, GEN_ST(BPF_H, BPF_REG_1, 2, (__s32)gen->ext_slot[idx]));
		return;
	}
	if (!ext->typeless)
		gen_emit(gen, GEN_ST(BPF_B, BPF_REG_1, 1,
				     gen_regs_byte(insn, BPF_PSEUDO_BTF_ID)));
	gen_emit(gen, GEN_RSH_IMM(BPF_REG_0, 32));
	gen_emit(gen, GEN_STX(BPF_W, BPF_REG_1, BPF_REG_0, 12));	/* insn[1].imm */
}

static void gen_patch_piece(struct gen_loader *gen, struct bpf_object *obj,
			    const struct bpf_program *main,
			    const struct bpf_program *piece, size_t base,
			    __u32 insns_off)
{
	int i;

	for (i = 0; i < piece->nr_relos; i++) {
		const struct obj_relo *r = &piece->relos[i];
		const struct obj_extern *ext;
		size_t at = base + (size_t)r->insn_idx;

		if (r->kind != OBJ_RELO_EXTERN_LD64 && r->kind != OBJ_RELO_EXTERN_CALL)
			continue;
		ext = &obj->externs[r->ext_idx];
		if (ext->kind != OBJ_EXT_KSYM || at >= main->insns_cnt)
			continue;
		gen_patch_site(gen, r, ext, r->ext_idx, &main->insns[at],
			       insns_off + (__u32)(at * OBJ_INSN_SZ));
	}
}

void gen_patch_externs(struct gen_loader *gen, struct bpf_object *obj,
		       const struct bpf_program *main, __u32 insns_off)
{
	int i;

	if (!gen->ext_res)
		return;
	gen_patch_piece(gen, obj, main, main, 0, insns_off);
	for (i = 0; i < main->nr_subs; i++)
		gen_patch_piece(gen, obj, main, main->subs[i].sub,
				main->subs[i].off, insns_off);
}
