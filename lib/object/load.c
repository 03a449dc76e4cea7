// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Talking to the kernel: the object's BTF, then (prepare) maps and
 * relocations, then (load) each program, with the verifier log grown on
 * demand and reported on failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "btf/btf_internal.h"
#include "core/core.h"
#include "gen/gen.h"
#include "object/object.h"
#include "object/sections.h"
#include "util/err.h"
#include "util/log.h"

#define OBJ_LOG_BUF_MIN (64 * 1024)
#define OBJ_LOG_BUF_MAX (UINT32_MAX >> 8)

/*
 * Global functions with hidden visibility cannot be called from other
 * objects: describe them as static, so that the verifier checks them in
 * their callers' context like static ones.
 */
static int obj_mark_btf_static(struct bpf_object *obj)
{
	size_t i;

	for (i = 0; i < obj->nr_progs; i++) {
		struct bpf_program *prog = &obj->progs[i];
		struct btf_type *t;
		int id;

		if (!prog->mark_btf_static)
			continue;
		id = btf__find_by_name_kind(obj->btf, prog->name, BTF_KIND_FUNC);
		if (id <= 0)
			continue;
		t = btf_type_by_id_mut(obj->btf, id);
		if (!t)
			return -errno;
		t->info = (BTF_KIND_FUNC << 24) | BTF_FUNC_STATIC;
	}
	return 0;
}

/*
 * A BPF token from a bpffs mounted with delegation: from the open option
 * bpf_token_path or LIBBPF_BPF_TOKEN_PATH (an error when it fails), else
 * from /sys/fs/bpf when that happens to allow it (silently optional).
 */
int obj_prepare_token(struct bpf_object *obj)
{
	const char *path = obj->token_path ? obj->token_path : "/sys/fs/bpf";
	int mnt_fd, fd, err;

	if (obj->token_path && !obj->token_path[0])
		return 0;	/* "" disables tokens */
	mnt_fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (mnt_fd < 0) {
		err = -errno;
		if (!obj->token_path)
			return 0;
		pr_warn("object '%s': cannot open BPF token path '%s': %s\n",
			obj->name, path, util_errstr(err));
		return err;
	}
	fd = bpf_token_create(mnt_fd, NULL);
	err = fd < 0 ? -errno : 0;
	close(mnt_fd);
	if (fd < 0) {
		if (!obj->token_path) {
			pr_debug("object '%s': no BPF token from '%s' (%s), going on without\n",
				 obj->name, path, util_errstr(err));
			return 0;
		}
		pr_warn("object '%s': cannot create a BPF token from '%s': %s\n",
			obj->name, path, util_errstr(err));
		return err;
	}
	obj->token_fd = fd;
	return 0;
}

/* BTF load carrying the token: btf__load_into_kernel() has no place for it. */
static int obj_load_btf_token(struct bpf_object *obj)
{
	LIBBPF_OPTS(bpf_btf_load_opts, opts, .token_fd = obj->token_fd,
		    .btf_flags = BPF_F_TOKEN_FD);
	const void *raw;
	__u32 size;
	int fd;

	raw = btf__raw_data(obj->btf, &size);
	if (!raw)
		return -errno;
	fd = bpf_btf_load(raw, size, &opts);
	if (fd < 0)
		return -errno;
	btf__set_fd(obj->btf, fd);
	return 0;
}

int obj_load_btf(struct bpf_object *obj)
{
	int err;

	if (!obj->btf || btf__fd(obj->btf) >= 0)
		return 0;
	err = obj_mark_btf_static(obj);
	if (err)
		return err;
	if (obj->gen)
		return gen_record_btf(obj);
	err = obj->token_fd >= 0 ? obj_load_btf_token(obj) :
				   btf__load_into_kernel(obj->btf);
	if (err) {
		/* Programs load without BTF, only less well described. */
		pr_warn("object '%s': loading BTF into the kernel failed (%s), continuing without it\n",
			obj->name, util_errstr(err));
		btf__set_fd(obj->btf, -1);
	}
	return 0;
}

const struct btf *obj_vmlinux_btf(struct bpf_object *obj)
{
	if (!obj->btf_vmlinux_tried) {
		obj->btf_vmlinux_tried = true;
		obj->vmlinux_target = core_target_get(NULL, NULL);
		if (!obj->vmlinux_target)
			pr_warn("object '%s': cannot load vmlinux BTF: %s\n",
				obj->name, util_errstr(-errno));
	}
	return obj->vmlinux_target ? core_target_btf(obj->vmlinux_target) : NULL;
}

void obj_vmlinux_release(struct bpf_object *obj)
{
	core_target_put(obj->vmlinux_target);
	obj->vmlinux_target = NULL;
	obj->btf_vmlinux_tried = false;	/* clone may need it again */
}

/* The BTF name a target of this attach type has in vmlinux. */
int obj_attach_btf_name(const char *name, enum bpf_attach_type type,
			char *buf, size_t sz, int *kind)
{
	const char *pfx = "";

	*kind = BTF_KIND_FUNC;
	if (type == BPF_TRACE_RAW_TP) {
		pfx = "btf_trace_";
		*kind = BTF_KIND_TYPEDEF;
	} else if (type == BPF_LSM_MAC || type == BPF_LSM_CGROUP) {
		pfx = "bpf_lsm_";
	} else if (type == BPF_TRACE_ITER) {
		pfx = "bpf_iter_";
	}
	if (snprintf(buf, sz, "%s%s", pfx, name) >= (int)sz)
		return -ENAMETOOLONG;
	return 0;
}

static int obj_find_attach_id(const struct btf *btf, const char *name,
			      enum bpf_attach_type type)
{
	char full[256];
	int kind, err;

	err = obj_attach_btf_name(name, type, full, sizeof(full), &kind);
	if (err)
		return err;
	err = btf__find_by_name_kind(btf, full, kind);
	return err > 0 ? err : -ESRCH;
}

int libbpf_find_vmlinux_btf_id(const char *name, enum bpf_attach_type attach_type)
{
	struct btf *btf;
	int id;

	if (!name)
		return util_err(-EINVAL);
	btf = btf__load_vmlinux_btf();
	if (!btf) {
		id = -errno;
		pr_warn("vmlinux BTF is not available: %s\n", util_errstr(id));
		return util_err(id);
	}
	id = obj_find_attach_id(btf, name, attach_type);
	if (id < 0)
		pr_warn("%s is not found in vmlinux BTF\n", name);
	btf__free(btf);
	return util_err(id);
}

/* freplace and friends: the target is a function of a loaded program. */
static int obj_resolve_prog_target(struct bpf_program *prog, const char *name,
				   struct bpf_prog_load_opts *opts)
{
	struct bpf_prog_info info;
	__u32 len = sizeof(info);
	struct btf *btf;
	int id, err;

	memset(&info, 0, sizeof(info));
	err = bpf_prog_get_info_by_fd(prog->attach_prog_fd, &info, &len);
	if (err) {
		err = -errno;
		pr_warn("prog '%s': cannot inspect target program fd %d: %s\n",
			prog->name, prog->attach_prog_fd, util_errstr(err));
		return err;
	}
	if (!info.btf_id) {
		pr_warn("prog '%s': target program has no BTF, cannot find '%s'\n",
			prog->name, name);
		return -EINVAL;
	}
	btf = btf__load_from_kernel_by_id(info.btf_id);
	if (!btf) {
		err = -errno;
		pr_warn("prog '%s': cannot load the target program's BTF: %s\n",
			prog->name, util_errstr(err));
		return err;
	}
	id = btf__find_by_name_kind(btf, name, BTF_KIND_FUNC);
	btf__free(btf);
	if (id <= 0) {
		pr_warn("prog '%s': target program has no function '%s'\n",
			prog->name, name);
		return -ESRCH;
	}
	opts->attach_btf_id = id;
	opts->attach_prog_fd = prog->attach_prog_fd;
	return 0;
}

const char *obj_prog_attach_target(const struct bpf_program *prog)
{
	const char *name = prog->attach_func_name;

	if (!name) {
		name = strchr(prog->sec_name, '/');
		name = name ? name + 1 : NULL;
	}
	if (!name || !*name) {
		pr_warn("prog '%s': section '%s' does not name an attach target\n",
			prog->name, prog->sec_name);
		return NULL;
	}
	return name;
}

static int obj_resolve_attach_btf(struct bpf_program *prog,
				  struct bpf_prog_load_opts *opts)
{
	const char *name = obj_prog_attach_target(prog);
	const struct btf *vmlinux;
	int id;

	if (!name)
		return -EINVAL;
	if (prog->attach_prog_fd >= 0)
		return obj_resolve_prog_target(prog, name, opts);
	vmlinux = obj_vmlinux_btf(prog->obj);
	if (!vmlinux)
		return -ESRCH;
	id = obj_find_attach_id(vmlinux, name, prog->expected_attach_type);
	if (id < 0) {
		pr_warn("prog '%s': attach target '%s' is not in vmlinux BTF\n",
			prog->name, name);
		return id;
	}
	opts->attach_btf_id = id;
	return 0;
}

int obj_prog_load_opts(struct bpf_program *prog, struct bpf_prog_load_opts *opts)
{
	struct bpf_object *obj = prog->obj;
	const struct sec_def *def = prog->sec_def;
	int err;

	opts->expected_attach_type = prog->expected_attach_type;
	opts->prog_flags = prog->prog_flags;
	if (obj->token_fd >= 0) {
		opts->token_fd = obj->token_fd;
		opts->prog_flags |= BPF_F_TOKEN_FD;
	}
	opts->prog_ifindex = prog->prog_ifindex;
	opts->kern_version = obj->kern_version;
	opts->attach_btf_id = prog->attach_btf_id;
	if (prog->attach_prog_fd >= 0)
		opts->attach_prog_fd = prog->attach_prog_fd;
	if (prog->attach_btf_obj_fd > 0)
		opts->attach_btf_obj_fd = prog->attach_btf_obj_fd;
	if (obj->btf && btf__fd(obj->btf) >= 0) {
		opts->prog_btf_fd = btf__fd(obj->btf);
		if (prog->func_info_cnt) {
			opts->func_info = prog->func_info;
			opts->func_info_cnt = prog->func_info_cnt;
			opts->func_info_rec_size = prog->func_info_rec_size;
		}
		if (prog->line_info_cnt) {
			opts->line_info = prog->line_info;
			opts->line_info_cnt = prog->line_info_cnt;
			opts->line_info_rec_size = prog->line_info_rec_size;
		}
	}
	if (!def)
		return 0;
	if (def->custom) {
		if (!def->prog_prepare_load_fn)
			return 0;
		err = def->prog_prepare_load_fn(prog, opts, def->cookie);
		if (err)
			pr_warn("prog '%s': section handler refused to prepare the load: %s\n",
				prog->name, util_errstr(err));
		return err;
	}
	if (def->cookie & SEC_SLEEPABLE)
		opts->prog_flags |= BPF_F_SLEEPABLE;
	if (prog->type == BPF_PROG_TYPE_XDP && (def->cookie & SEC_XDP_FRAGS))
		opts->prog_flags |= BPF_F_XDP_HAS_FRAGS;
	/* a loader program (obj->gen) looks the target up when it runs */
	if ((def->cookie & SEC_ATTACH_BTF) && !opts->attach_btf_id && !obj->gen) {
		err = obj_resolve_attach_btf(prog, opts);
		if (err)
			return err;
	}
	return 0;
}

int obj_load_prog(struct bpf_program *prog, int *fd_out,
		  const struct bpf_prog_load_opts *over)
{
	struct bpf_object *obj = prog->obj;
	LIBBPF_OPTS(bpf_prog_load_opts, opts);
	char *log_buf = NULL, *own_buf = NULL;
	size_t log_size = 0;
	__u32 log_level;
	int fd, err;

	*fd_out = -1;
	if (prog->type == BPF_PROG_TYPE_UNSPEC) {
		pr_warn("prog '%s': missing BPF prog type, check ELF section name '%s'\n",
			prog->name, prog->sec_name);
		return -EINVAL;
	}
	err = obj_prog_load_opts(prog, &opts);
	if (err)
		return err;
	if (over) {
		if (over->expected_attach_type)
			opts.expected_attach_type = over->expected_attach_type;
		if (over->prog_flags)
			opts.prog_flags = over->prog_flags;
		if (over->prog_ifindex)
			opts.prog_ifindex = over->prog_ifindex;
		if (over->attach_btf_id)
			opts.attach_btf_id = over->attach_btf_id;
		if (over->attach_prog_fd)
			opts.attach_prog_fd = over->attach_prog_fd;
		if (over->attach_btf_obj_fd)
			opts.attach_btf_obj_fd = over->attach_btf_obj_fd;
		if (over->token_fd)
			opts.token_fd = over->token_fd;
		if (over->log_buf) {
			opts.log_buf = over->log_buf;
			opts.log_size = over->log_size;
			opts.log_level = over->log_level;
		}
	}

	if (prog->log_buf) {
		log_buf = prog->log_buf;
		log_size = prog->log_size;
	} else if (obj->kernel_log_buf) {
		log_buf = obj->kernel_log_buf;
		log_size = obj->kernel_log_size;
	}
	log_level = prog->log_level ? prog->log_level : obj->kernel_log_level;

	for (;;) {
		if (!over || !over->log_buf) {
			if (log_level && !log_buf) {
				size_t sz = log_size ? log_size : OBJ_LOG_BUF_MIN;

				own_buf = malloc(sz);
				if (!own_buf)
					return -ENOMEM;
				log_buf = own_buf;
				log_size = sz;
			}
			opts.log_buf = log_level ? log_buf : NULL;
			opts.log_size = log_level ? log_size : 0;
			opts.log_level = log_level;
			if (log_buf && log_level)
				log_buf[0] = '\0';
		}
		fd = bpf_prog_load(prog->type, prog->name, obj->license,
				   prog->insns, prog->insns_cnt, &opts);
		if (fd >= 0)
			break;
		err = -errno;
		if (!log_level && (!over || !over->log_buf)) {
			/* Load again, this time asking for the log. */
			log_level = 1;
			continue;
		}
		if (err == -ENOSPC && own_buf && log_size < OBJ_LOG_BUF_MAX) {
			free(own_buf);
			own_buf = NULL;
			log_buf = NULL;
			log_size *= 4;
			continue;
		}
		obj_report_load_failure(prog, err, opts.log_buf,
					opts.log_buf ? opts.log_size : 0);
		free(own_buf);
		return err;
	}
	if (log_level && opts.log_buf && own_buf && opts.log_buf[0])
		pr_debug("prog '%s': verifier log:\n%s\n", prog->name, opts.log_buf);
	free(own_buf);
	*fd_out = fd;
	return 0;
}

static void obj_unload(struct bpf_object *obj)
{
	size_t i;

	for (i = 0; i < obj->nr_progs; i++) {
		if (obj->progs[i].fd >= 0)
			close(obj->progs[i].fd);
		obj->progs[i].fd = -1;
	}
}

int bpf_object__prepare(struct bpf_object *obj)
{
	size_t i;
	int err;

	if (!obj)
		return util_err(-EINVAL);
	if (obj->prepared || obj->loaded) {
		pr_warn("object '%s': prepare was already attempted\n", obj->name);
		return util_err(-EINVAL);
	}
	obj->prepared = true;
	/* a loader program (obj->gen) creates everything when it runs:
	 * no token, CO-RE left to the kernel */
	err = obj->gen ? gen_check_object(obj) : obj_prepare_token(obj);
	if (!err)
		err = obj_load_btf(obj);
	if (!err)
		err = obj_resolve_externs(obj);
	if (!err)
		err = obj_st_ops_prepare(obj);
	for (i = 0; !err && i < obj->nr_progs; i++)
		err = obj_prog_collect_ext_info(obj, &obj->progs[i]);
	if (!err && !obj->gen)
		err = obj_apply_core(obj);
	/* Code first (no fds needed), so that exclusive maps can be given
	 * the digest of their program when they are created. */
	for (i = 0; !err && i < obj->nr_progs; i++) {
		struct bpf_program *prog = &obj->progs[i];

		if (prog->is_subprog || !prog->autoload)
			continue;
		err = obj_relocate_calls(obj, prog);
		if (err)
			pr_warn("prog '%s': relocation failed: %s\n", prog->name,
				util_errstr(err));
	}
	if (!err)
		err = obj_excl_digests(obj);
	if (!err)
		err = obj_create_maps(obj);
	for (i = 0; !err && i < obj->nr_progs; i++) {
		struct bpf_program *prog = &obj->progs[i];

		if (prog->is_subprog || !prog->autoload)
			continue;
		err = obj_relocate_data(obj, prog, prog->insns, false);
		if (err)
			pr_warn("prog '%s': relocation failed: %s\n", prog->name,
				util_errstr(err));
	}
	if (err) {
		for (i = 0; i < obj->nr_maps; i++) {
			if (obj->maps[i].fd >= 0)
				close(obj->maps[i].fd);
			obj->maps[i].fd = -1;
		}
		pr_warn("object '%s': failed to prepare: %s\n", obj->name,
			util_errstr(err));
		obj->loaded = true;	/* no second attempt */
		return util_err(err);
	}
	return 0;
}

int bpf_object__load(struct bpf_object *obj)
{
	size_t i;
	int err = 0;

	if (!obj)
		return util_err(-EINVAL);
	if (obj->loaded) {
		pr_warn("object '%s': load can't be attempted twice\n", obj->name);
		return util_err(-EINVAL);
	}
	if (!obj->prepared) {
		err = bpf_object__prepare(obj);
		if (err)
			return err;
	}
	obj->loaded = true;
	for (i = 0; i < obj->nr_progs; i++) {
		struct bpf_program *prog = &obj->progs[i];

		if (prog->is_subprog || !prog->autoload) {
			pr_debug("prog '%s': skipped loading\n", prog->name);
			continue;
		}
		if (obj->gen)
			err = gen_record_prog(obj, prog);
		else
			err = obj_load_prog(prog, &prog->fd, NULL);
		if (err) {
			pr_warn("prog '%s': failed to load: %s\n", prog->name,
				util_errstr(err));
			break;
		}
	}
	if (obj->gen)
		err = gen_finish(obj, err);
	else if (!err)
		err = obj_map_fill_slots(obj);
	obj_vmlinux_release(obj);
	/* Everything needed from the file has been taken. */
	elf_close(obj->ef);
	obj->ef = NULL;
	if (err) {
		obj_unload(obj);
		for (i = 0; i < obj->nr_maps; i++) {
			struct bpf_map *map = &obj->maps[i];

			if (map->pinned && !map->reused && map->pin_path)
				unlink(map->pin_path);
			if (map->fd >= 0)
				close(map->fd);
			map->fd = -1;
		}
		pr_warn("object '%s': failed to load: %s\n", obj->name,
			util_errstr(err));
		return util_err(err);
	}
	return 0;
}
