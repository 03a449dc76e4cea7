// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Recording one program load.  The code (maps as fd_array indexes), the
 * license, func/line info and CO-RE records go to the blob; at run time
 * the loader points the attr at them, adds the object BTF's fd, the
 * caller's verifier log settings (ctx log_level/log_size/log_buf) and,
 * for programs attached through BTF (tp_btf, fentry, ...), the target's id
 * looked up in the running kernel with bpf_btf_find_by_name_kind().
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "gen/gen.h"
#include "gen/gen_internal.h"
#include "gen/insn.h"
#include "object/object.h"
#include "object/sections.h"
#include "util/log.h"

#define GEN_PROG_ATTR_SZ \
	(offsetof(union bpf_attr, core_relo_rec_size) + sizeof(__u32))
#define GEN_FIELD(f)	offsetof(union bpf_attr, f)

static __u32 gen_prog_desc_idx(const struct bpf_object *obj,
			       const struct bpf_program *prog)
{
	__u32 n = 0;
	size_t i;

	for (i = 0; i < obj->nr_progs && &obj->progs[i] != prog; i++)
		if (!obj->progs[i].is_subprog)
			n++;
	return n;
}

/* attach_btf_id (and obj fd) of the target named in the section, at run time */
static int gen_attach_lookup(struct gen_loader *gen, struct bpf_program *prog,
			     __u32 attr_off)
{
	const char *name = obj_prog_attach_target(prog);
	char full[256];
	__u32 name_off;
	int kind, err;

	if (!name)
		return -EINVAL;
	err = obj_attach_btf_name(name, prog->expected_attach_type, full,
				  sizeof(full), &kind);
	if (err)
		return err;
	name_off = gen_add_data(gen, full, strlen(full) + 1);
	gen_ld_blob(gen, BPF_REG_1, name_off);
	gen_emit(gen, GEN_MOV_IMM(BPF_REG_2, (__s32)strlen(full) + 1));
	gen_emit(gen, GEN_MOV_IMM(BPF_REG_3, kind));
	gen_emit(gen, GEN_MOV_IMM(BPF_REG_4, 0));
	gen_emit(gen, GEN_CALL(BPF_FUNC_btf_find_by_name_kind));
	gen_check_r0(gen);
	/* low half: the type id; high half: the BTF object's fd (0: vmlinux) */
	gen_store_r0(gen, attr_off + GEN_FIELD(attach_btf_id));
	gen_emit(gen, GEN_RSH_IMM(BPF_REG_0, 32));
	gen_store_r0(gen, attr_off + GEN_FIELD(attach_btf_obj_fd));
	pr_debug("prog '%s': light skeleton: attach target '%s' looked up at load\n",
		 prog->name, full);
	return 0;
}

static void gen_prog_attr(struct bpf_object *obj, struct bpf_program *prog,
			  const struct bpf_prog_load_opts *opts,
			  union bpf_attr *attr)
{
	memset(attr, 0, sizeof(*attr));
	attr->prog_type = prog->type;
	attr->insn_cnt = (__u32)prog->insns_cnt;
	attr->kern_version = opts->kern_version;
	attr->prog_flags = opts->prog_flags;
	attr->prog_ifindex = opts->prog_ifindex;
	attr->expected_attach_type = opts->expected_attach_type;
	attr->attach_btf_id = opts->attach_btf_id;
	strncpy(attr->prog_name, prog->name, sizeof(attr->prog_name) - 1);
	if (obj->gen->has_btf) {
		if (prog->func_info_cnt) {
			attr->func_info_rec_size = prog->func_info_rec_size;
			attr->func_info_cnt = prog->func_info_cnt;
		}
		if (prog->line_info_cnt) {
			attr->line_info_rec_size = prog->line_info_rec_size;
			attr->line_info_cnt = prog->line_info_cnt;
		}
	}
}

static int gen_record_prog_load(struct bpf_object *obj, struct bpf_program *prog,
				const struct bpf_prog_load_opts *opts)
{
	struct gen_loader *gen = obj->gen;
	const struct sec_def *def = prog->sec_def;
	struct bpf_core_relo *relos = NULL;
	__u32 idx = gen_prog_desc_idx(obj, prog);
	__u32 relo_cnt = 0, attr_off, off;
	bool lookup = false;
	union bpf_attr attr;
	int err;

	err = gen_core_relos(obj, prog, &relos, &relo_cnt);
	if (err)
		return err;
	if (relo_cnt && !gen->has_btf) {
		pr_warn("prog '%s': light skeleton: CO-RE needs the object's BTF\n",
			prog->name);
		free(relos);
		return -EINVAL;
	}
	gen_prog_attr(obj, prog, opts, &attr);
	attr.core_relo_cnt = relo_cnt;
	attr.core_relo_rec_size = relo_cnt ? sizeof(*relos) : 0;
	attr_off = gen_add_data(gen, &attr, GEN_PROG_ATTR_SZ);

	off = gen_add_data(gen, prog->insns, prog->insns_cnt * OBJ_INSN_SZ);
	gen_set_ptr(gen, attr_off + GEN_FIELD(insns), off);
	gen_patch_externs(gen, obj, prog, off);
	off = gen_add_data(gen, obj->license, strlen(obj->license) + 1);
	gen_set_ptr(gen, attr_off + GEN_FIELD(license), off);
	gen_set_ptr(gen, attr_off + GEN_FIELD(fd_array), gen->fd_array_off);
	if (gen->has_btf) {
		gen_copy32(gen, attr_off + GEN_FIELD(prog_btf_fd), gen->btf_fd_off);
		if (attr.func_info_cnt) {
			off = gen_add_data(gen, prog->func_info,
					   (size_t)prog->func_info_cnt *
					   prog->func_info_rec_size);
			gen_set_ptr(gen, attr_off + GEN_FIELD(func_info), off);
		}
		if (attr.line_info_cnt) {
			off = gen_add_data(gen, prog->line_info,
					   (size_t)prog->line_info_cnt *
					   prog->line_info_rec_size);
			gen_set_ptr(gen, attr_off + GEN_FIELD(line_info), off);
		}
	}
	if (relo_cnt) {
		off = gen_add_data(gen, relos, (size_t)relo_cnt * sizeof(*relos));
		gen_set_ptr(gen, attr_off + GEN_FIELD(core_relos), off);
	}
	free(relos);

	gen_ctx_to_blob(gen, attr_off + GEN_FIELD(log_level), GEN_CTX_LOG_LEVEL, 4, false);
	gen_ctx_to_blob(gen, attr_off + GEN_FIELD(log_size), GEN_CTX_LOG_SIZE, 4, false);
	gen_ctx_to_blob(gen, attr_off + GEN_FIELD(log_buf), GEN_CTX_LOG_BUF, 8, false);

	if (def && !def->custom && (def->cookie & SEC_ATTACH_BTF) &&
	    !opts->attach_btf_id) {
		err = gen_attach_lookup(gen, prog, attr_off);
		if (err)
			return err;
		lookup = true;
	}

	gen_sys_bpf(gen, BPF_PROG_LOAD, attr_off, GEN_PROG_ATTR_SZ);
	if (lookup) {
		/* a module's BTF fd from the lookup is not needed any more */
		gen_emit(gen, GEN_MOV_REG(BPF_REG_8, BPF_REG_0));
		gen_close_blob_fd(gen, attr_off + GEN_FIELD(attach_btf_obj_fd));
		gen_emit(gen, GEN_MOV_REG(BPF_REG_0, BPF_REG_8));
	}
	gen_check_r0(gen);
	gen_emit(gen, GEN_STX(BPF_W, BPF_REG_6, BPF_REG_0,
			      (__s16)gen_ctx_prog(gen, idx)));
	gen_track_ctx_fd(gen, gen_ctx_prog(gen, idx));
	if (gen->err)
		return gen->err;
	pr_debug("prog '%s': light skeleton: load recorded (desc %u, %zu insns, %u CO-RE records)\n",
		 prog->name, idx, prog->insns_cnt, relo_cnt);
	return 0;
}

int gen_record_prog(struct bpf_object *obj, struct bpf_program *prog)
{
	LIBBPF_OPTS(bpf_prog_load_opts, opts);
	int err;

	if (prog->type == BPF_PROG_TYPE_UNSPEC) {
		pr_warn("prog '%s': missing BPF prog type, check ELF section name '%s'\n",
			prog->name, prog->sec_name);
		return -EINVAL;
	}
	err = gen_record_externs(obj);
	if (!err)
		err = obj_prog_load_opts(prog, &opts);
	if (!err)
		err = gen_record_prog_load(obj, prog, &opts);
	if (err)
		pr_warn("prog '%s': light skeleton: cannot record the load: %s\n",
			prog->name, util_errstr(err));
	return err;
}
