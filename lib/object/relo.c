// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Relocations that need the kernel's answers: map fds in ld_imm64, global
 * data as (map fd, offset) pairs, externs; and CO-RE, which rewrites each
 * program's own instructions before subprograms are appended.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "btf/btf_ext.h"
#include "core/core.h"
#include "object/object.h"
#include "util/alloc.h"
#include "util/log.h"

/* imm of the call that replaces a reference to a map that was not created. */
#define OBJ_MAP_POISON_IMM 2001000000
/* imm of the call that replaces a call of a missing weak kfunc. */
#define OBJ_KFUNC_POISON_IMM 2002000000

static void obj_poison_ldimm64(struct bpf_insn *insn, int map_idx)
{
	/* Fine when the verifier proves it dead; reported otherwise. */
	insn[0].code = BPF_JMP | BPF_CALL;
	insn[0].dst_reg = 0;
	insn[0].src_reg = 0;
	insn[0].off = 0;
	insn[0].imm = OBJ_MAP_POISON_IMM + map_idx;
	insn[1].code = BPF_JMP | BPF_JA;
	insn[1].dst_reg = 0;
	insn[1].src_reg = 0;
	insn[1].off = 0;
	insn[1].imm = 0;
}

static int obj_relo_extern(struct bpf_object *obj, struct bpf_program *prog,
			   const struct obj_relo *r, struct bpf_insn *insn)
{
	const struct obj_extern *ext = &obj->externs[r->ext_idx];

	if (r->kind == OBJ_RELO_EXTERN_CALL) {
		if (!ext->resolved) {
			/* Unresolved weak kfunc: an unknown helper call, which
			 * the verifier only minds when it is reachable
			 * (bpf_ksym_exists() guards make it dead code). */
			insn->src_reg = 0;
			insn->imm = OBJ_KFUNC_POISON_IMM + r->ext_idx;
			insn->off = 0;
			return 0;
		}
		insn->src_reg = BPF_PSEUDO_KFUNC_CALL;
		insn->imm = ext->kernel_btf_id;
		insn->off = 0;
		return 0;
	}
	if (ext->kind == OBJ_EXT_KCFG) {
		if (obj->kconfig_map_idx < 0)
			return -LIBBPF_ERRNO__RELOC;
		if (obj->gen) {
			/* loader program: fd_array index = map index */
			insn[0].src_reg = BPF_PSEUDO_MAP_IDX_VALUE;
			insn[0].imm = obj->kconfig_map_idx;
		} else {
			insn[0].src_reg = BPF_PSEUDO_MAP_VALUE;
			insn[0].imm = obj->maps[obj->kconfig_map_idx].fd;
		}
		insn[1].imm = ext->kcfg_off;
		return 0;
	}
	if (!ext->resolved) {
		insn[0].src_reg = 0;
		insn[0].imm = 0;
		insn[1].imm = 0;
	} else if (ext->typeless) {
		insn[0].src_reg = 0;
		insn[0].imm = (__u32)ext->addr;
		insn[1].imm = (__u32)(ext->addr >> 32);
	} else {
		insn[0].src_reg = BPF_PSEUDO_BTF_ID;
		insn[0].imm = ext->kernel_btf_id;
		insn[1].imm = ext->kernel_btf_obj_fd > 0 ? ext->kernel_btf_obj_fd : 0;
	}
	return 0;
}

/* The relocations of one piece of code (main or a subprogram copy). */
static int obj_relocate_piece(struct bpf_object *obj, struct bpf_program *main,
			      struct bpf_program *prog, struct bpf_insn *insns,
			      size_t base, bool dry)
{
	int i, err;

	for (i = 0; i < prog->nr_relos; i++) {
		const struct obj_relo *r = &prog->relos[i];
		struct bpf_insn *insn = &insns[base + r->insn_idx];
		struct bpf_map *map;

		switch (r->kind) {
		case OBJ_RELO_MAP:
		case OBJ_RELO_DATA:
			map = &obj->maps[r->map_idx];
			if (obj->gen) {
				/* loader program: fd_array index = map index */
				if (!map->autocreate) {
					obj_poison_ldimm64(insn, r->map_idx);
					break;
				}
				if (r->kind == OBJ_RELO_MAP) {
					insn[0].src_reg = BPF_PSEUDO_MAP_IDX;
				} else {
					insn[0].src_reg = BPF_PSEUDO_MAP_IDX_VALUE;
					insn[1].imm = insn[0].imm + r->sym_off;
				}
				insn[0].imm = r->map_idx;
				break;
			}
			if (dry ? !map->autocreate : map->fd < 0) {
				if (!dry)
					pr_debug("prog '%s': map '%s' was not created, its use is poisoned\n",
						 main->name, map->name);
				obj_poison_ldimm64(insn, r->map_idx);
				break;
			}
			if (r->kind == OBJ_RELO_MAP) {
				insn[0].src_reg = BPF_PSEUDO_MAP_FD;
				insn[0].imm = dry ? 0 : map->fd;
			} else {
				insn[0].src_reg = BPF_PSEUDO_MAP_VALUE;
				insn[1].imm = insn[0].imm + r->sym_off +
					      obj_arena_relo_off(obj, r->map_idx);
				insn[0].imm = dry ? 0 : map->fd;
			}
			break;
		case OBJ_RELO_EXTERN_LD64:
		case OBJ_RELO_EXTERN_CALL:
			err = obj_relo_extern(obj, main, r, insn);
			if (err) {
				pr_warn("prog '%s': extern '%s' cannot be relocated\n",
					main->name, obj->externs[r->ext_idx].name);
				return err;
			}
			break;
		case OBJ_RELO_CALL:
		case OBJ_RELO_SUBPROG_ADDR:
			break;	/* subprogs.c */
		}
	}
	return 0;
}

/*
 * Map fds, data offsets and externs into insns, which holds main's code
 * (main->insns itself, or a copy for a dry run that only needs the shape
 * the kernel will hash: fds then read as 0).
 */
int obj_relocate_data(struct bpf_object *obj, struct bpf_program *main,
		      struct bpf_insn *insns, bool dry)
{
	int i, err;

	err = obj_relocate_piece(obj, main, main, insns, 0, dry);
	for (i = 0; !err && i < main->nr_subs; i++)
		err = obj_relocate_piece(obj, main, main->subs[i].sub, insns,
					 main->subs[i].off, dry);
	return err;
}

/* Digests of the programs that own exclusive maps, before maps exist. */
int obj_excl_digests(struct bpf_object *obj)
{
	size_t i;
	int err;

	for (i = 0; i < obj->nr_maps; i++) {
		struct bpf_map *map = &obj->maps[i];
		struct bpf_program *prog = map->excl_prog;
		struct bpf_insn *copy;

		if (!prog || !map->autocreate)
			continue;
		if (!prog->autoload) {
			pr_warn("map '%s': its exclusive program '%s' is not loaded\n",
				map->name, prog->name);
			return -EINVAL;
		}
		copy = malloc(prog->insns_cnt * sizeof(*copy));
		if (!copy)
			return -ENOMEM;
		memcpy(copy, prog->insns, prog->insns_cnt * sizeof(*copy));
		err = obj_relocate_data(obj, prog, copy, true);
		if (!err)
			err = obj_prog_digest(copy, prog->insns_cnt, map->excl_hash);
		free(copy);
		if (err)
			return err;
	}
	return 0;
}

static int obj_keep_core_failure(struct bpf_program *prog,
				 const struct core_failure *why)
{
	void *p = util_realloc_array(prog->core_fails, prog->nr_core_fails + 1,
				     sizeof(*why));

	if (!p)
		return -ENOMEM;
	prog->core_fails = p;
	prog->core_fails[prog->nr_core_fails++] = *why;
	return 0;
}

static int obj_core_sec(struct bpf_object *obj, struct core_target **t,
			const struct btf_ext_info_sec *sec)
{
	const char *sec_name = btf__name_by_offset(obj->btf, sec->sec_name_off);
	const struct elf_sec *esec;
	__u32 i;
	int err;

	if (!sec_name)
		return -EINVAL;
	esec = elf_sec_by_name(obj->ef, sec_name);
	if (!esec) {
		pr_warn("object: CO-RE records for unknown section '%s'\n",
			sec_name);
		return -EINVAL;
	}
	for (i = 0; i < sec->num_info; i++) {
		const struct bpf_core_relo *relo = (const void *)
			((const char *)sec->data + (size_t)i * sec->rec_size);
		struct bpf_program *prog;
		struct core_failure why;
		size_t idx;
		char buf[1024];

		prog = obj_prog_by_sec_insn(obj, esec->idx,
					    relo->insn_off / OBJ_INSN_SZ);
		if (!prog || (!prog->is_subprog && !prog->autoload))
			continue;
		if (!*t && relo->kind != BPF_CORE_TYPE_ID_LOCAL) {
			*t = core_target_get(obj->btf_custom_path, NULL);
			if (!*t)
				return -errno;
		}
		idx = relo->insn_off / OBJ_INSN_SZ - prog->sec_insn_off;
		memset(&why, 0, sizeof(why));
		err = core_apply_relo(*t, obj->btf, relo, prog->insns,
				      prog->insns_cnt, idx, &why);
		if (err < 0) {
			core_explain(&why, prog->name, obj_prog_src_line(prog, idx),
				     buf, sizeof(buf));
			pr_warn("%s\n", buf);
			return err;
		}
		if (why.poisoned) {
			err = obj_keep_core_failure(prog, &why);
			if (err)
				return err;
		}
	}
	return 0;
}

int obj_apply_core(struct bpf_object *obj)
{
	const struct btf_ext_info_sec *secs;
	struct core_target *t = NULL;
	__u32 i, cnt = 0;
	int err = 0;

	if (!obj->btf || !obj->btf_ext)
		return 0;
	if (btf_ext_sections(obj->btf_ext, BTF_EXT_CORE_RELO, &secs, &cnt) || !cnt)
		return 0;
	for (i = 0; i < cnt && !err; i++)
		err = obj_core_sec(obj, &t, &secs[i]);
	if (t)
		core_target_put(t);
	return err;
}
