// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* bpf_program__*() and the object-level program lookups. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gen/gen.h"
#include "object/object.h"
#include "object/sections.h"
#include "util/err.h"
#include "util/log.h"
#include "util/opts.h"

struct bpf_program *bpf_object__find_program_by_name(const struct bpf_object *obj,
						     const char *name)
{
	size_t i;

	if (!obj || !name)
		return util_err_ptr(-EINVAL);
	for (i = 0; i < obj->nr_progs; i++) {
		struct bpf_program *p = &obj->progs[i];

		if (!p->is_subprog && !strcmp(p->name, name))
			return p;
	}
	return util_err_ptr(-ENOENT);
}

static struct bpf_program *obj_prog_step(const struct bpf_object *obj,
					 const struct bpf_program *prog,
					 int dir)
{
	long idx;

	if (!obj)
		return NULL;
	if (!prog) {
		idx = dir > 0 ? 0 : (long)obj->nr_progs - 1;
	} else {
		if (prog < obj->progs || prog >= obj->progs + obj->nr_progs)
			return util_err_ptr(-EINVAL);
		idx = (prog - obj->progs) + dir;
	}
	for (; idx >= 0 && idx < (long)obj->nr_progs; idx += dir)
		if (!obj->progs[idx].is_subprog)
			return &obj->progs[idx];
	return NULL;
}

struct bpf_program *bpf_object__next_program(const struct bpf_object *obj,
					     struct bpf_program *prog)
{
	return obj_prog_step(obj, prog, 1);
}

struct bpf_program *bpf_object__prev_program(const struct bpf_object *obj,
					     struct bpf_program *prog)
{
	return obj_prog_step(obj, prog, -1);
}

void bpf_program__set_ifindex(struct bpf_program *prog, __u32 ifindex)
{
	prog->prog_ifindex = ifindex;
}

const char *bpf_program__name(const struct bpf_program *prog)
{
	return prog->name;
}

const char *bpf_program__section_name(const struct bpf_program *prog)
{
	return prog->sec_name;
}

bool bpf_program__autoload(const struct bpf_program *prog)
{
	return prog->autoload;
}

int bpf_program__set_autoload(struct bpf_program *prog, bool autoload)
{
	if (prog->obj->prepared || prog->obj->loaded)
		return util_err(-EINVAL);
	prog->autoload = autoload;
	return 0;
}

bool bpf_program__autoattach(const struct bpf_program *prog)
{
	return prog->autoattach;
}

void bpf_program__set_autoattach(struct bpf_program *prog, bool autoattach)
{
	prog->autoattach = autoattach;
}

const struct bpf_insn *bpf_program__insns(const struct bpf_program *prog)
{
	return prog->insns;
}

size_t bpf_program__insn_cnt(const struct bpf_program *prog)
{
	return prog->insns_cnt;
}

int bpf_program__set_insns(struct bpf_program *prog, struct bpf_insn *new_insns,
			   size_t new_insn_cnt)
{
	struct bpf_insn *p;

	if (prog->obj->loaded)
		return util_err(-EBUSY);
	if (!new_insns || !new_insn_cnt)
		return util_err(-EINVAL);
	p = realloc(prog->insns, new_insn_cnt * sizeof(*p));
	if (!p) {
		pr_warn("prog '%s': cannot store %zu new instructions\n",
			prog->name, new_insn_cnt);
		return util_err(-ENOMEM);
	}
	memcpy(p, new_insns, new_insn_cnt * sizeof(*p));
	prog->insns = p;
	prog->insns_cnt = new_insn_cnt;
	return 0;
}

int bpf_program__fd(const struct bpf_program *prog)
{
	if (!prog)
		return util_err(-EINVAL);
	if (prog->fd < 0)
		return util_err(-ENOENT);
	return prog->fd;
}

void bpf_program__unload(struct bpf_program *prog)
{
	if (!prog)
		return;
	if (prog->fd >= 0)
		close(prog->fd);
	prog->fd = -1;
}

enum bpf_prog_type bpf_program__type(const struct bpf_program *prog)
{
	return prog->type;
}

int bpf_program__set_type(struct bpf_program *prog, enum bpf_prog_type type)
{
	if (prog->obj->loaded)
		return util_err(-EBUSY);
	/* The section's definition no longer describes the program. */
	if (prog->sec_def && prog->sec_def->prog_type != type)
		prog->sec_def = NULL;
	prog->type = type;
	return 0;
}

enum bpf_attach_type bpf_program__expected_attach_type(const struct bpf_program *prog)
{
	return prog->expected_attach_type;
}

int bpf_program__set_expected_attach_type(struct bpf_program *prog,
					  enum bpf_attach_type type)
{
	if (prog->obj->loaded)
		return util_err(-EBUSY);
	prog->expected_attach_type = type;
	return 0;
}

__u32 bpf_program__flags(const struct bpf_program *prog)
{
	return prog->prog_flags;
}

int bpf_program__set_flags(struct bpf_program *prog, __u32 flags)
{
	if (prog->obj->loaded)
		return util_err(-EBUSY);
	prog->prog_flags = flags;
	return 0;
}

__u32 bpf_program__log_level(const struct bpf_program *prog)
{
	return prog->log_level;
}

int bpf_program__set_log_level(struct bpf_program *prog, __u32 log_level)
{
	if (prog->obj->loaded)
		return util_err(-EBUSY);
	prog->log_level = log_level;
	return 0;
}

const char *bpf_program__log_buf(const struct bpf_program *prog, size_t *log_size)
{
	if (log_size)
		*log_size = prog->log_size;
	return prog->log_buf;
}

int bpf_program__set_log_buf(struct bpf_program *prog, char *log_buf,
			     size_t log_size)
{
	if (log_size && !log_buf)
		return util_err(-EINVAL);
	if (log_size > UINT32_MAX)
		return util_err(-EINVAL);
	if (prog->obj->loaded)
		return util_err(-EBUSY);
	prog->log_buf = log_buf;
	prog->log_size = log_size;
	return 0;
}

struct bpf_func_info *bpf_program__func_info(const struct bpf_program *prog)
{
	if (!prog->func_info_cnt)
		return util_err_ptr(-ENOENT);
	return prog->func_info;
}

__u32 bpf_program__func_info_cnt(const struct bpf_program *prog)
{
	return prog->func_info_cnt;
}

struct bpf_line_info *bpf_program__line_info(const struct bpf_program *prog)
{
	if (!prog->line_info_cnt)
		return util_err_ptr(-ENOENT);
	return prog->line_info;
}

__u32 bpf_program__line_info_cnt(const struct bpf_program *prog)
{
	return prog->line_info_cnt;
}

int bpf_program__set_attach_target(struct bpf_program *prog, int attach_prog_fd,
				   const char *attach_func_name)
{
	char *name = NULL;

	if (!prog || attach_prog_fd < 0)
		return util_err(-EINVAL);
	if (prog->obj->loaded)
		return util_err(-EINVAL);
	if (!attach_prog_fd && !attach_func_name)
		return util_err(-EINVAL);
	if (attach_func_name) {
		name = strdup(attach_func_name);
		if (!name)
			return util_err(-ENOMEM);
	}
	free(prog->attach_func_name);
	prog->attach_func_name = name;
	prog->attach_prog_fd = attach_prog_fd ? attach_prog_fd : -1;
	prog->attach_btf_id = 0;
	return 0;
}

int bpf_program__clone(struct bpf_program *prog,
		       const struct bpf_prog_load_opts *opts)
{
	int fd, err;

	if (!prog || prog->is_subprog)
		return util_err(-EINVAL);
	if (!OPTS_OK(opts, bpf_prog_load_opts))
		return util_err(-EINVAL);
	if (!prog->obj->prepared) {
		pr_warn("prog '%s': clone needs a prepared object\n", prog->name);
		return util_err(-EINVAL);
	}
	err = obj_load_prog(prog, &fd, opts);
	if (err)
		return util_err(err);
	return fd;
}

/* ---- object-level accessors ---- */

const char *bpf_object__name(const struct bpf_object *obj)
{
	return obj ? obj->name : util_err_ptr(-EINVAL);
}

unsigned int bpf_object__kversion(const struct bpf_object *obj)
{
	return obj ? obj->kern_version : 0;
}

int bpf_object__set_kversion(struct bpf_object *obj, __u32 kern_version)
{
	if (obj->loaded)
		return util_err(-EINVAL);
	obj->kern_version = kern_version;
	return 0;
}

int bpf_object__token_fd(const struct bpf_object *obj)
{
	return obj->token_fd;
}

struct btf *bpf_object__btf(const struct bpf_object *obj)
{
	return obj ? obj->btf : NULL;
}

int bpf_object__btf_fd(const struct bpf_object *obj)
{
	return obj && obj->btf ? btf__fd(obj->btf) : -1;
}

int bpf_program__assoc_struct_ops(struct bpf_program *prog, struct bpf_map *map,
				  struct bpf_prog_assoc_struct_ops_opts *opts)
{
	if (!prog || !map)
		return util_err(-EINVAL);
	if (prog->fd < 0) {
		pr_warn("prog '%s': must be loaded to be tied to a struct_ops map\n",
			prog->name);
		return util_err(-EINVAL);
	}
	if (map->fd < 0 || map->def.type != BPF_MAP_TYPE_STRUCT_OPS) {
		pr_warn("map '%s': not a created struct_ops map\n", bpf_map__name(map));
		return util_err(-EINVAL);
	}
	if (prog->type == BPF_PROG_TYPE_STRUCT_OPS) {
		pr_warn("prog '%s': struct_ops programs are tied through their map already\n",
			prog->name);
		return util_err(-EINVAL);
	}
	return bpf_prog_assoc_struct_ops(prog->fd, map->fd, opts);
}

/*
 * From now on bpf_object__load() records a loader program (lib/gen/)
 * instead of creating anything.  libbpf answers -EFAULT for NULL opts and
 * -EINVAL for opts it does not know; it does not check the object's state,
 * where we answer -EBUSY once prepare or load has started (the recording
 * would miss what was already created).
 */
int bpf_object__gen_loader(struct bpf_object *obj, struct gen_loader_opts *opts)
{
	struct gen_loader *gen;

	if (!obj)
		return util_err(-EINVAL);
	if (!opts)
		return util_err(-EFAULT);
	if (!OPTS_OK(opts, gen_loader_opts))
		return util_err(-EINVAL);
	if (obj->prepared || obj->loaded) {
		pr_warn("object '%s': light skeleton: gen_loader must come before prepare/load\n",
			obj->name);
		return util_err(-EBUSY);
	}
	if (OPTS_GET(opts, gen_hash, false)) {
		pr_warn("object '%s': light skeleton: gen_hash (signed loaders) is not supported\n",
			obj->name);
		return util_err(-EOPNOTSUPP);
	}
	gen = gen_new(obj, opts);
	if (!gen)
		return util_err(-errno);
	gen_free(obj->gen);
	obj->gen = gen;
	return 0;
}

/* Names from before libbpf 1.0, kept for binaries linked against them. */
#define OBJ_COMPAT __attribute__((visibility("default")))

OBJ_COMPAT enum bpf_prog_type bpf_program__get_type(const struct bpf_program *prog);
OBJ_COMPAT enum bpf_prog_type bpf_program__get_type(const struct bpf_program *prog)
{
	return prog->type;
}

OBJ_COMPAT enum bpf_attach_type
bpf_program__get_expected_attach_type(const struct bpf_program *prog);
OBJ_COMPAT enum bpf_attach_type
bpf_program__get_expected_attach_type(const struct bpf_program *prog)
{
	return prog->expected_attach_type;
}

OBJ_COMPAT const char *bpf_map__get_pin_path(const struct bpf_map *map);
OBJ_COMPAT const char *bpf_map__get_pin_path(const struct bpf_map *map)
{
	return map->pin_path;
}
