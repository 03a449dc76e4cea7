// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Life of a recording: created by bpf_object__gen_loader(), it lays out
 * the fixed part of the blob and the prologue; the object loader then
 * records its steps (record_*.c); gen_finish() closes the program and
 * hands both blobs to the caller's gen_loader_opts.  The blobs stay owned
 * by the recording, which the object frees at bpf_object__close().
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen/gen.h"
#include "gen/gen_internal.h"
#include "gen/insn.h"
#include "object/object.h"
#include "util/log.h"

static __u32 gen_count_progs(const struct bpf_object *obj)
{
	__u32 n = 0;
	size_t i;

	for (i = 0; i < obj->nr_progs; i++)
		if (!obj->progs[i].is_subprog)
			n++;
	return n;
}

/*
 * Prologue: keep the context in r6, refuse a context smaller than the
 * layout this loader was made for (the kernel refuses it too, but this
 * says -EINVAL before anything exists) and the kernel-skeleton flag (only
 * user-space light skeletons are supported), and clear every fd
 * descriptor so that the cleanup never closes an fd the caller left there.
 */
static void gen_prologue(struct gen_loader *gen)
{
	__u32 i;

	gen_emit(gen, GEN_MOV_REG(BPF_REG_6, BPF_REG_1));
	gen_emit(gen, GEN_MOV_IMM(BPF_REG_7, 0));
	gen_emit(gen, GEN_LDX(BPF_W, BPF_REG_0, BPF_REG_6, 0));
	gen_emit(gen, GEN_JMP_IMM(BPF_JGE, BPF_REG_0, (__s32)gen->ctx_sz, 2));
	gen_emit(gen, GEN_MOV_IMM(BPF_REG_0, -EINVAL));
	gen_emit(gen, GEN_EXIT());
	gen_emit(gen, GEN_LDX(BPF_W, BPF_REG_0, BPF_REG_6, 4));	/* flags */
	gen_emit(gen, GEN_AND_IMM(BPF_REG_0, 1));		/* BPF_SKEL_KERNEL */
	gen_emit(gen, GEN_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 2));
	gen_emit(gen, GEN_MOV_IMM(BPF_REG_0, -EOPNOTSUPP));
	gen_emit(gen, GEN_EXIT());
	/* stores into the context from a register: older verifiers refuse
	 * BPF_ST (immediate) into ctx */
	gen_emit(gen, GEN_MOV_IMM(BPF_REG_0, 0));
	for (i = 0; i < gen->nr_maps; i++)
		gen_emit(gen, GEN_STX(BPF_W, BPF_REG_6, BPF_REG_0,
				      (__s16)gen_ctx_map(i)));
	for (i = 0; i < gen->nr_progs; i++)
		gen_emit(gen, GEN_STX(BPF_W, BPF_REG_6, BPF_REG_0,
				      (__s16)gen_ctx_prog(gen, i)));
}

struct gen_loader *gen_new(struct bpf_object *obj, struct gen_loader_opts *opts)
{
	struct gen_loader *gen = calloc(1, sizeof(*gen));
	size_t ctx_sz;

	if (!gen)
		return NULL;
	snprintf(gen->obj_name, sizeof(gen->obj_name), "%s", obj->name);
	gen->opts = opts;
	gen->nr_maps = (__u32)obj->nr_maps;
	gen->nr_progs = gen_count_progs(obj);
	ctx_sz = GEN_CTX_HDR_SZ + (size_t)gen->nr_maps * GEN_MAP_DESC_SZ +
		 (size_t)gen->nr_progs * GEN_PROG_DESC_SZ;
	if (ctx_sz > 32767) {
		/* ctx offsets are 16-bit instruction offsets */
		pr_warn("object '%s': light skeleton: too many maps and programs (%u, %u)\n",
			obj->name, gen->nr_maps, gen->nr_progs);
		free(gen);
		errno = E2BIG;
		return NULL;
	}
	gen->ctx_sz = (__u32)ctx_sz;
	gen->zero_off = gen_add_data(gen, NULL, 8);
	gen->btf_fd_off = gen_add_data(gen, NULL, 4);
	gen->fd_array_cnt = gen->nr_maps;
	gen_layout_externs(gen, obj);
	gen->fd_array_off = gen_add_data(gen, NULL,
					 4 * (gen->fd_array_cnt ? gen->fd_array_cnt : 1));
	gen_prologue(gen);
	if (gen->err) {
		errno = -gen->err;
		gen_free(gen);
		return NULL;
	}
	return gen;
}

void gen_free(struct gen_loader *gen)
{
	if (!gen)
		return;
	free(gen->data);
	free(gen->insns);
	free(gen->err_jumps);
	free(gen->tmp_fds);
	free(gen->ctx_fds);
	free(gen->ext_res);
	free(gen->ext_slot);
	free(gen);
}

static int gen_unsupported(struct bpf_object *obj, const char *what,
			   const char *name)
{
	pr_warn("object '%s': light skeleton: %s%s%s%s is not supported by the loader generator\n",
		obj->name, what, name ? " '" : "", name ? name : "",
		name ? "'" : "");
	return -EOPNOTSUPP;
}

int gen_check_object(struct bpf_object *obj)
{
	size_t i;

	for (i = 0; i < obj->nr_maps; i++) {
		const struct bpf_map *map = &obj->maps[i];

		if (!map->autocreate)
			continue;
		if (map->libbpf_type == OBJ_MAP_STRUCT_OPS ||
		    map->def.type == BPF_MAP_TYPE_STRUCT_OPS)
			return gen_unsupported(obj, "struct_ops map", map->name);
		if (map->libbpf_type == OBJ_MAP_ARENA ||
		    map->def.type == BPF_MAP_TYPE_ARENA)
			return gen_unsupported(obj, "arena map", map->name);
		if (map->inner_map_fd >= 0)
			return gen_unsupported(obj, "inner map given by fd of map",
					       map->name);
		if ((map->def.type == BPF_MAP_TYPE_ARRAY_OF_MAPS ||
		     map->def.type == BPF_MAP_TYPE_HASH_OF_MAPS) && !map->inner_map)
			return gen_unsupported(obj, "map-in-map without an inner map definition",
					       map->name);
		if (map->pin_path || map->reused)
			return gen_unsupported(obj, "pinned or reused map", map->name);
		if (map->excl_prog)
			return gen_unsupported(obj, "exclusive map", map->name);
	}
	for (i = 0; i < obj->nr_progs; i++) {
		const struct bpf_program *prog = &obj->progs[i];

		if (prog->is_subprog || !prog->autoload)
			continue;
		if (prog->attach_prog_fd >= 0)
			return gen_unsupported(obj, "attach to another program (freplace) of prog",
					       prog->name);
		if (prog->attach_btf_obj_fd > 0)
			return gen_unsupported(obj, "module attach BTF of prog",
					       prog->name);
	}
	return 0;
}

int gen_finish(struct bpf_object *obj, int err)
{
	struct gen_loader *gen = obj->gen;

	if (err)
		return err;
	err = gen_record_prog_slots(obj);
	if (err)
		return err;
	err = gen_assemble(gen);
	if (err) {
		pr_warn("object '%s': light skeleton: cannot assemble the loader: %s\n",
			obj->name, util_errstr(err));
		return err;
	}
	gen->finished = true;
	gen->opts->insns = (const char *)gen->insns;
	gen->opts->insns_sz = (__u32)(gen->insn_cnt * sizeof(struct bpf_insn));
	gen->opts->data = (const char *)gen->data;
	gen->opts->data_sz = (__u32)gen->data_sz;
	pr_debug("object '%s': loader program of %zu insns, %zu bytes of data\n",
		 obj->name, gen->insn_cnt, gen->data_sz);
	return 0;
}
