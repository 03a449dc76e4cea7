// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Programs: one per function symbol of an executable section.  Functions of
 * .text are subprograms, loaded only as part of the programs calling them.
 * Relocation records are sorted out here by what they refer to; they are
 * resolved to fds and offsets later (relo.c, subprogs.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "object/object.h"
#include "object/sections.h"
#include "util/alloc.h"
#include "util/log.h"

void obj_prog_free(struct bpf_program *prog)
{
	if (prog->fd >= 0)
		close(prog->fd);
	prog->fd = -1;
	free(prog->name);
	free(prog->sec_name);
	free(prog->insns);
	free(prog->orig_insns);
	free(prog->relos);
	free(prog->subs);
	free(prog->core_fails);
	free(prog->attach_func_name);
	free(prog->func_info);
	free(prog->line_info);
	free(prog->pin_path);
}

void obj_prog_init_sec_def(struct bpf_program *prog)
{
	const struct sec_def *def;

	if (prog->is_subprog)
		return;
	def = sec_def_find(prog->sec_name);
	prog->sec_def = def;
	if (!def) {
		pr_debug("prog '%s': no SEC() definition matches '%s'\n",
			 prog->name, prog->sec_name);
		return;
	}
	prog->type = def->prog_type;
	prog->expected_attach_type = def->expected_attach_type;
}

static int obj_add_prog(struct bpf_object *obj, const struct elf_sec *sec,
			const char *name, size_t off, size_t size, bool global)
{
	struct bpf_program *prog;
	void *p;

	p = util_realloc_array(obj->progs, obj->nr_progs + 1, sizeof(*prog));
	if (!p)
		return -ENOMEM;
	obj->progs = p;
	prog = &obj->progs[obj->nr_progs];
	memset(prog, 0, sizeof(*prog));
	prog->fd = -1;
	prog->attach_prog_fd = -1;
	prog->attach_btf_obj_fd = -1;
	obj->nr_progs++;

	prog->obj = obj;
	prog->sec_idx = sec->idx;
	prog->sec_insn_off = off / OBJ_INSN_SZ;
	prog->sec_insn_cnt = size / OBJ_INSN_SZ;
	prog->is_subprog = sec->idx == obj->text_shndx;
	prog->sym_global = global;
	prog->autoload = !prog->is_subprog;
	prog->autoattach = true;
	prog->name = strdup(name);
	/* SEC("?xdp"): an xdp program that is only loaded when asked for */
	if (sec->name[0] == '?') {
		prog->autoload = false;
		prog->sec_name = strdup(sec->name + 1);
	} else {
		prog->sec_name = strdup(sec->name);
	}
	prog->insns_cnt = prog->sec_insn_cnt;
	prog->insns = util_realloc_array(NULL, size ? prog->insns_cnt : 1,
					 OBJ_INSN_SZ);
	prog->orig_insns = util_realloc_array(NULL, size ? prog->insns_cnt : 1,
					      OBJ_INSN_SZ);
	if (!prog->name || !prog->sec_name || !prog->insns || !prog->orig_insns)
		return -ENOMEM;
	memcpy(prog->insns, (const char *)sec->data + off, size);
	memcpy(prog->orig_insns, prog->insns, size);
	return 0;
}

static int obj_progs_of_sec(struct bpf_object *obj, const struct elf_sec *sec)
{
	struct elf_file *ef = obj->ef;
	GElf_Sym sym;
	size_t i;
	int err;

	if (sec->size % OBJ_INSN_SZ) {
		pr_warn("sec '%s': size %zu is not a multiple of the instruction size\n",
			sec->name, sec->size);
		return -LIBBPF_ERRNO__FORMAT;
	}
	for (i = 1; i < ef->nsyms; i++) {
		const char *name;
		bool global;

		err = elf_sym(ef, i, &sym);
		if (err)
			return err;
		if (sym.st_shndx != sec->idx || GELF_ST_TYPE(sym.st_info) != STT_FUNC)
			continue;
		name = elf_sym_name(ef, &sym);
		if (!name || !*name) {
			pr_warn("sec '%s': function symbol %zu has no name\n",
				sec->name, i);
			return -LIBBPF_ERRNO__FORMAT;
		}
		if (sym.st_value % OBJ_INSN_SZ || sym.st_size % OBJ_INSN_SZ ||
		    sym.st_value > sec->size ||
		    sym.st_size > sec->size - sym.st_value || !sym.st_size) {
			pr_warn("sec '%s': program '%s' at %zu (size %zu) does not fit the section\n",
				sec->name, name, (size_t)sym.st_value,
				(size_t)sym.st_size);
			return -LIBBPF_ERRNO__FORMAT;
		}
		global = GELF_ST_BIND(sym.st_info) != STB_LOCAL;
		if (sec->idx != obj->text_shndx && !global) {
			pr_warn("sec '%s': program '%s' is static and not supported\n",
				sec->name, name);
			return -ENOTSUP;
		}
		err = obj_add_prog(obj, sec, name, sym.st_value, sym.st_size,
				   global);
		if (err)
			return err;
		obj->progs[obj->nr_progs - 1].mark_btf_static =
			global && GELF_ST_VISIBILITY(sym.st_other) == STV_HIDDEN;
	}
	return 0;
}

static int obj_prog_cmp(const void *a, const void *b)
{
	const struct bpf_program *pa = a, *pb = b;

	if (pa->sec_idx != pb->sec_idx)
		return pa->sec_idx < pb->sec_idx ? -1 : 1;
	if (pa->sec_insn_off != pb->sec_insn_off)
		return pa->sec_insn_off < pb->sec_insn_off ? -1 : 1;
	return 0;
}

int obj_collect_progs(struct bpf_object *obj)
{
	struct elf_file *ef = obj->ef;
	size_t i;
	int err;

	for (i = 1; i < ef->nsecs; i++) {
		if (!elf_sec_is_exec(&ef->secs[i]) || !ef->secs[i].size)
			continue;
		err = obj_progs_of_sec(obj, &ef->secs[i]);
		if (err)
			return err;
	}
	if (obj->nr_progs)
		qsort(obj->progs, obj->nr_progs, sizeof(*obj->progs), obj_prog_cmp);
	for (i = 0; i < obj->nr_progs; i++) {
		if (i && obj->progs[i].sec_idx == obj->progs[i - 1].sec_idx &&
		    obj->progs[i].sec_insn_off < obj->progs[i - 1].sec_insn_off +
						 obj->progs[i - 1].sec_insn_cnt) {
			pr_warn("prog '%s': overlaps prog '%s'\n",
				obj->progs[i].name, obj->progs[i - 1].name);
			return -LIBBPF_ERRNO__FORMAT;
		}
		obj_prog_init_sec_def(&obj->progs[i]);
	}
	return 0;
}

struct bpf_program *obj_prog_by_sec_insn(struct bpf_object *obj,
					 size_t sec_idx, size_t insn_idx)
{
	size_t lo = 0, hi = obj->nr_progs;

	/* progs are sorted by (section, offset) */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		struct bpf_program *p = &obj->progs[mid];

		if (p->sec_idx < sec_idx ||
		    (p->sec_idx == sec_idx &&
		     p->sec_insn_off + p->sec_insn_cnt <= insn_idx))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < obj->nr_progs) {
		struct bpf_program *p = &obj->progs[lo];

		if (p->sec_idx == sec_idx && p->sec_insn_off <= insn_idx &&
		    insn_idx < p->sec_insn_off + p->sec_insn_cnt)
			return p;
	}
	return NULL;
}

static struct bpf_map *obj_map_of_sec(struct bpf_object *obj, size_t shndx,
				      size_t off, bool by_off, int *idx)
{
	size_t i;

	for (i = 0; i < obj->nr_maps; i++) {
		struct bpf_map *m = &obj->maps[i];

		if ((size_t)m->sec_idx != shndx)
			continue;
		if (by_off && m->sec_offset != off)
			continue;
		*idx = i;
		return m;
	}
	return NULL;
}

static int obj_extern_by_sym(struct bpf_object *obj, size_t sym_idx)
{
	int i;

	for (i = 0; i < obj->nr_externs; i++)
		if ((size_t)obj->externs[i].sym_idx == sym_idx)
			return i;
	return -1;
}

static int obj_record_relo(struct bpf_object *obj, struct bpf_program *prog,
			   struct obj_relo *r, const GElf_Sym *sym,
			   size_t sym_idx, const char *sym_name)
{
	struct bpf_insn *insn = &prog->insns[r->insn_idx];
	size_t shndx = sym->st_shndx;
	int type = GELF_ST_TYPE(sym->st_info);
	int bind = GELF_ST_BIND(sym->st_info);

	if (shndx == SHN_UNDEF) {
		r->ext_idx = obj_extern_by_sym(obj, sym_idx);
		if (r->ext_idx < 0) {
			pr_warn("prog '%s': relo for insn #%d refers to unknown extern '%s'\n",
				prog->name, r->insn_idx, sym_name);
			return -LIBBPF_ERRNO__RELOC;
		}
		if (obj_insn_is_call(insn)) {
			r->kind = OBJ_RELO_EXTERN_CALL;
			return 0;
		}
		if (!obj_insn_is_ldimm64(insn) ||
		    (size_t)r->insn_idx + 1 >= prog->insns_cnt)
			goto bad_insn;
		r->kind = OBJ_RELO_EXTERN_LD64;
		return 0;
	}

	if (obj_insn_is_call(insn)) {
		if (insn->src_reg != BPF_PSEUDO_CALL) {
			pr_warn("prog '%s': relo for insn #%d: call is not a BPF-to-BPF call\n",
				prog->name, r->insn_idx);
			return -LIBBPF_ERRNO__RELOC;
		}
		if (!shndx || shndx != obj->text_shndx ||
		    sym->st_value % OBJ_INSN_SZ) {
			pr_warn("prog '%s': relo for insn #%d: call target '%s' is not in .text\n",
				prog->name, r->insn_idx, sym_name);
			return -LIBBPF_ERRNO__RELOC;
		}
		r->kind = OBJ_RELO_CALL;
		r->sym_off = sym->st_value;
		return 0;
	}
	if (!obj_insn_is_ldimm64(insn) ||
	    (size_t)r->insn_idx + 1 >= prog->insns_cnt)
		goto bad_insn;

	if (shndx == obj->text_shndx &&
	    ((bind == STB_LOCAL && type == STT_SECTION) ||
	     (bind == STB_GLOBAL && type == STT_FUNC))) {
		if (insn->imm % OBJ_INSN_SZ || sym->st_value % OBJ_INSN_SZ) {
			pr_warn("prog '%s': relo for insn #%d: misaligned subprogram address\n",
				prog->name, r->insn_idx);
			return -LIBBPF_ERRNO__RELOC;
		}
		r->kind = OBJ_RELO_SUBPROG_ADDR;
		r->sym_off = sym->st_value;
		/* The compiler leaves a plain constant: mark it a function. */
		insn->src_reg = BPF_PSEUDO_FUNC;
		return 0;
	}
	if (shndx == obj->btf_maps_shndx && shndx) {
		if (!obj_map_of_sec(obj, shndx, sym->st_value, true, &r->map_idx)) {
			pr_warn("prog '%s': relo for insn #%d: no map at offset %zu of .maps ('%s')\n",
				prog->name, r->insn_idx, (size_t)sym->st_value,
				sym_name);
			return -LIBBPF_ERRNO__RELOC;
		}
		r->kind = OBJ_RELO_MAP;
		return 0;
	}
	if (shndx && shndx == obj->arena_shndx)
		return obj_arena_record_relo(obj, prog, r, sym, sym_name);
	if (obj_map_of_sec(obj, shndx, 0, false, &r->map_idx) &&
	    obj->maps[r->map_idx].libbpf_type != OBJ_MAP_USER) {
		r->kind = OBJ_RELO_DATA;
		r->sym_off = sym->st_value;
		return 0;
	}
	pr_warn("prog '%s': relo for insn #%d refers to '%s' in section %zu, which holds no map or data\n",
		prog->name, r->insn_idx, sym_name, shndx);
	return -LIBBPF_ERRNO__RELOC;

bad_insn:
	pr_warn("prog '%s': relo for insn #%d (code 0x%x) is not on an ld_imm64 or call\n",
		prog->name, r->insn_idx, insn->code);
	return -LIBBPF_ERRNO__RELOC;
}

static int obj_collect_relos_of(struct bpf_object *obj,
				const struct elf_sec *relsec)
{
	struct elf_file *ef = obj->ef;
	const struct elf_sec *target = elf_rel_target(ef, relsec);
	size_t i, n = elf_rel_cnt(relsec);
	int err;

	for (i = 0; i < n; i++) {
		struct bpf_program *prog;
		struct obj_relo *r;
		const char *sym_name;
		size_t insn_idx, sym_idx;
		GElf_Rel rel;
		GElf_Sym sym;
		void *p;

		err = elf_rel(ef, relsec, i, &rel);
		if (err)
			return err;
		sym_idx = GELF_R_SYM(rel.r_info);
		err = elf_sym(ef, sym_idx, &sym);
		if (err)
			return err;
		sym_name = elf_sym_name(ef, &sym);
		if (!sym_name)
			sym_name = "?";
		if (rel.r_offset % OBJ_INSN_SZ) {
			pr_warn("sec '%s': relo #%zu at misaligned offset %zu\n",
				relsec->name, i, (size_t)rel.r_offset);
			return -LIBBPF_ERRNO__FORMAT;
		}
		insn_idx = rel.r_offset / OBJ_INSN_SZ;
		prog = obj_prog_by_sec_insn(obj, target->idx, insn_idx);
		if (!prog) {
			pr_debug("sec '%s': relo #%zu for insn #%zu outside any program, skipped\n",
				 relsec->name, i, insn_idx);
			continue;
		}
		p = util_realloc_array(prog->relos, prog->nr_relos + 1,
				       sizeof(*prog->relos));
		if (!p)
			return -ENOMEM;
		prog->relos = p;
		r = &prog->relos[prog->nr_relos];
		memset(r, 0, sizeof(*r));
		r->insn_idx = insn_idx - prog->sec_insn_off;
		r->map_idx = -1;
		r->ext_idx = -1;
		err = obj_record_relo(obj, prog, r, &sym, sym_idx, sym_name);
		if (err)
			return err;
		prog->nr_relos++;
	}
	return 0;
}

int obj_collect_relos(struct bpf_object *obj)
{
	struct elf_file *ef = obj->ef;
	size_t i;
	int err;

	for (i = 1; i < ef->nsecs; i++) {
		const struct elf_sec *sec = &ef->secs[i], *target;

		if (sec->shdr.sh_type != SHT_REL)
			continue;
		target = elf_rel_target(ef, sec);
		if (!target || !elf_sec_is_exec(target) || !target->size)
			continue;
		err = obj_collect_relos_of(obj, sec);
		if (err)
			return err;
	}
	return 0;
}
