// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * BPF-to-BPF calls.  The kernel wants each program as one block of code, so
 * every subprogram a program reaches (calls, and function pointers passed to
 * helpers such as bpf_loop()) is copied after the program's own code, once
 * per program, and the call offsets are rewritten to point at the copy.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "object/object.h"
#include "util/alloc.h"
#include "util/log.h"

static const struct obj_relo *obj_find_relo(const struct bpf_program *prog,
					    int insn_idx)
{
	int i;

	for (i = 0; i < prog->nr_relos; i++)
		if (prog->relos[i].insn_idx == insn_idx)
			return &prog->relos[i];
	return NULL;
}

static bool obj_insn_is_pseudo_func(const struct bpf_insn *insn)
{
	return obj_insn_is_ldimm64(insn) && insn->src_reg == BPF_PSEUDO_FUNC;
}

static int obj_append_subprog(struct bpf_program *main,
			      struct bpf_program *sub)
{
	size_t new_cnt = main->insns_cnt + sub->insns_cnt;
	void *p;
	int err;

	if (new_cnt > 1000000) {
		pr_warn("prog '%s': too many instructions with subprograms\n",
			main->name);
		return -E2BIG;
	}
	p = util_realloc_array(main->insns, new_cnt, OBJ_INSN_SZ);
	if (!p)
		return -ENOMEM;
	main->insns = p;
	memcpy(main->insns + main->insns_cnt, sub->insns,
	       sub->insns_cnt * OBJ_INSN_SZ);
	sub->sub_insn_off = main->insns_cnt;
	main->insns_cnt = new_cnt;
	p = util_realloc_array(main->subs, main->nr_subs + 1, sizeof(*main->subs));
	if (!p)
		return -ENOMEM;
	main->subs = p;
	main->subs[main->nr_subs].sub = sub;
	main->subs[main->nr_subs].off = sub->sub_insn_off;
	main->nr_subs++;
	err = obj_prog_append_ext_info(main, sub);
	if (err)
		return err;
	pr_debug("prog '%s': added %zu insns from subprog '%s' at %zu\n",
		 main->name, sub->insns_cnt, sub->name, sub->sub_insn_off);
	return 0;
}

static int obj_reloc_code(struct bpf_object *obj, struct bpf_program *main,
			  struct bpf_program *prog, int depth)
{
	size_t j;
	int err;

	if (depth > 64) {
		pr_warn("prog '%s': subprogram calls nest too deep\n", main->name);
		return -ELOOP;
	}
	for (j = 0; j < prog->sec_insn_cnt; j++) {
		struct bpf_insn *insn = &main->insns[prog->sub_insn_off + j];
		const struct obj_relo *relo;
		struct bpf_program *sub;
		size_t sec_idx;
		long target;

		if (!(obj_insn_is_call(insn) && insn->src_reg == BPF_PSEUDO_CALL) &&
		    !obj_insn_is_pseudo_func(insn))
			continue;
		relo = obj_find_relo(prog, j);
		if (relo && relo->kind == OBJ_RELO_CALL) {
			sec_idx = obj->text_shndx;
			target = relo->sym_off / OBJ_INSN_SZ + (long)insn->imm + 1;
		} else if (relo && relo->kind == OBJ_RELO_SUBPROG_ADDR) {
			sec_idx = obj->text_shndx;
			target = (relo->sym_off + (long)insn->imm) / OBJ_INSN_SZ;
		} else if (relo) {
			continue;
		} else {
			/* A call within the same section needs no relocation. */
			sec_idx = prog->sec_idx;
			target = (long)(prog->sec_insn_off + j) + insn->imm + 1;
		}
		sub = target < 0 ? NULL :
		      obj_prog_by_sec_insn(obj, sec_idx, (size_t)target);
		if (!sub || !sub->is_subprog || sub->sec_insn_off != (size_t)target) {
			pr_warn("prog '%s': insn #%zu calls instruction %ld of section %zu, which starts no subprogram\n",
				prog->name, j, target, sec_idx);
			return -LIBBPF_ERRNO__RELOC;
		}
		if (!sub->sub_insn_off) {
			err = obj_append_subprog(main, sub);
			if (err)
				return err;
			err = obj_reloc_code(obj, main, sub, depth + 1);
			if (err)
				return err;
			insn = &main->insns[prog->sub_insn_off + j];
		}
		insn->imm = (int)sub->sub_insn_off - (int)(prog->sub_insn_off + j) - 1;
	}
	return 0;
}

int obj_relocate_calls(struct bpf_object *obj, struct bpf_program *main)
{
	size_t i;

	for (i = 0; i < obj->nr_progs; i++)
		obj->progs[i].sub_insn_off = 0;
	main->sub_insn_off = 0;
	main->nr_subs = 0;
	return obj_reloc_code(obj, main, main, 0);
}
