// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * bpf_object__open*(): everything that can be learnt from the file without
 * the kernel.  Order matters: BTF first (map definitions and data sections
 * are described by it), then programs, externs, maps, and last the
 * relocation records, which refer to all of those.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "gen/gen.h"
#include "object/object.h"
#include "object/sections.h"
#include "util/err.h"
#include "util/log.h"
#include "util/opts.h"

static __u32 obj_uname_version(void)
{
	unsigned int a = 0, b = 0, c = 0;
	struct utsname u;

	if (uname(&u) || sscanf(u.release, "%u.%u.%u", &a, &b, &c) < 2)
		return 0;
	return (a << 16) | (b << 8) | (c > 255 ? 255 : c);
}

static int obj_read_license(struct bpf_object *obj, const struct elf_sec *sec)
{
	size_t n = sec->size < sizeof(obj->license) - 1 ? sec->size :
		   sizeof(obj->license) - 1;

	if (!sec->data)
		return 0;
	memcpy(obj->license, sec->data, n);
	obj->license[n] = '\0';
	pr_debug("elf: '%s': license '%s'\n", obj->path, obj->license);
	return 0;
}

static int obj_read_version(struct bpf_object *obj, const struct elf_sec *sec)
{
	if (!sec->data || sec->size != sizeof(__u32)) {
		pr_warn("elf: '%s': bad 'version' section size %zu\n",
			obj->path, sec->size);
		return -LIBBPF_ERRNO__FORMAT;
	}
	memcpy(&obj->kern_version, sec->data, sizeof(__u32));
	return 0;
}

static int obj_read_btf(struct bpf_object *obj, const struct elf_sec *btf_sec,
			const struct elf_sec *ext_sec)
{
	int err;

	if (!btf_sec)
		return 0;
	if (!btf_sec->data || !btf_sec->size) {
		pr_warn("elf: '%s': empty .BTF section\n", obj->path);
		return -EINVAL;
	}
	obj->btf = btf__new(btf_sec->data, btf_sec->size);
	if (!obj->btf) {
		err = -errno;
		pr_warn("elf: '%s': cannot parse .BTF: %s\n", obj->path,
			util_errstr(err));
		return err;
	}
	if (!ext_sec || !ext_sec->data)
		return 0;
	obj->btf_ext = btf_ext__new(ext_sec->data, ext_sec->size);
	if (!obj->btf_ext) {
		/* Like libbpf: without usable .BTF.ext the programs still load,
		 * only without line info and CO-RE. */
		err = -errno;
		pr_warn("elf: '%s': ignoring bad .BTF.ext: %s\n", obj->path,
			util_errstr(err));
	}
	return 0;
}

int obj_open_elf(struct bpf_object *obj)
{
	const struct elf_sec *btf_sec = NULL, *ext_sec = NULL;
	struct elf_file *ef = obj->ef;
	size_t i;
	int err;

	if (!ef->symtab_idx) {
		pr_warn("elf: '%s': no symbol table\n", obj->path);
		return -LIBBPF_ERRNO__FORMAT;
	}
	for (i = 1; i < ef->nsecs; i++) {
		const struct elf_sec *sec = &ef->secs[i];

		if (!strcmp(sec->name, "license")) {
			err = obj_read_license(obj, sec);
		} else if (!strcmp(sec->name, "version")) {
			err = obj_read_version(obj, sec);
		} else if (!strcmp(sec->name, "maps")) {
			pr_warn("elf: '%s': legacy map definitions in SEC(\"maps\") are not supported, use BTF-defined maps in SEC(\".maps\")\n",
				obj->path);
			err = -ENOTSUP;
		} else if (!strcmp(sec->name, ".maps")) {
			obj->btf_maps_shndx = i;
			err = 0;
		} else if (!strcmp(sec->name, ".BTF")) {
			btf_sec = sec;
			err = 0;
		} else if (!strcmp(sec->name, ".BTF.ext")) {
			ext_sec = sec;
			err = 0;
		} else if (!strcmp(sec->name, ".text")) {
			obj->text_shndx = i;
			err = 0;
		} else if (!strcmp(sec->name, ".struct_ops") ||
			   !strcmp(sec->name, ".struct_ops.link")) {
			obj->st_ops_shndx = i;
			err = 0;
		} else {
			err = 0;
		}
		if (err)
			return err;
	}
	return obj_read_btf(obj, btf_sec, ext_sec);
}

static void obj_set_name(struct bpf_object *obj, const char *path,
			 const void *buf, size_t sz, const char *name)
{
	const char *base, *dot;
	size_t n;

	if (name) {
		snprintf(obj->name, sizeof(obj->name), "%s", name);
		return;
	}
	if (!path) {
		snprintf(obj->name, sizeof(obj->name), "%lx-%zx",
			 (unsigned long)buf, sz);
		return;
	}
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	dot = strchr(base, '.');
	n = dot ? (size_t)(dot - base) : strlen(base);
	if (n >= sizeof(obj->name))
		n = sizeof(obj->name) - 1;
	memcpy(obj->name, base, n);
	obj->name[n] = '\0';
}

static int obj_dup_opt(char **dst, const char *src)
{
	if (!src)
		return 0;
	*dst = strdup(src);
	return *dst ? 0 : -ENOMEM;
}

static struct bpf_object *obj_open(const char *path, const void *buf, size_t sz,
				   const struct bpf_object_open_opts *opts)
{
	struct bpf_object *obj;
	const char *name;
	size_t log_size;
	char *log_buf;
	int err;

	if (!OPTS_OK(opts, bpf_object_open_opts))
		return util_err_ptr(-EINVAL);
	log_buf = OPTS_GET(opts, kernel_log_buf, NULL);
	log_size = OPTS_GET(opts, kernel_log_size, 0);
	if (log_size > UINT32_MAX || (log_size && !log_buf)) {
		pr_warn("object: kernel_log_size needs kernel_log_buf and must be below 4 GiB\n");
		return util_err_ptr(-EINVAL);
	}

	obj = calloc(1, sizeof(*obj));
	if (!obj)
		return util_err_ptr(-ENOMEM);
	obj->kconfig_map_idx = -1;
	obj->arena_map_idx = -1;
	obj->token_fd = -1;
	/* what kprobe programs of old kernels want; a "version" section wins */
	obj->kern_version = obj_uname_version();
	obj->kernel_log_buf = log_buf;
	obj->kernel_log_size = log_size;
	obj->kernel_log_level = OPTS_GET(opts, kernel_log_level, 0);
	obj->relaxed_maps = OPTS_GET(opts, relaxed_maps, false);
	name = OPTS_GET(opts, object_name, NULL);
	obj_set_name(obj, path, buf, sz, name);
	obj->path = strdup(path ? path : obj->name);
	err = obj->path ? 0 : -ENOMEM;
	if (!err)
		err = obj_dup_opt(&obj->kconfig, OPTS_GET(opts, kconfig, NULL));
	if (!err)
		err = obj_dup_opt(&obj->btf_custom_path,
				  OPTS_GET(opts, btf_custom_path, NULL));
	if (!err)
		err = obj_dup_opt(&obj->pin_root_path,
				  OPTS_GET(opts, pin_root_path, NULL));
	if (!err) {
		const char *tp = OPTS_GET(opts, bpf_token_path, NULL);

		err = obj_dup_opt(&obj->token_path,
				  tp ? tp : getenv("LIBBPF_BPF_TOKEN_PATH"));
	}
	if (err)
		goto fail;

	if (path)
		err = elf_open_file(path, &obj->ef);
	else
		err = elf_open_mem(buf, sz, obj->name, &obj->ef);
	if (err)
		goto fail;

	err = obj_open_elf(obj);
	if (!err)
		err = obj_collect_progs(obj);
	if (!err)
		err = obj_fixup_btf_datasecs(obj);
	if (!err)
		err = obj_collect_btf_maps(obj);
	if (!err)
		err = obj_collect_data_maps(obj);
	if (!err)
		err = obj_collect_arena(obj);
	if (!err)
		err = obj_collect_externs(obj);
	if (!err)
		err = obj_collect_struct_ops(obj);
	if (!err)
		err = obj_collect_relos(obj);
	if (err)
		goto fail;
	for (size_t i = 0; i < obj->nr_progs; i++) {
		struct bpf_program *prog = &obj->progs[i];
		const struct sec_def *def = prog->sec_def;

		if (prog->is_subprog || !def || !def->prog_setup_fn)
			continue;
		err = def->prog_setup_fn(prog, def->cookie);
		if (err < 0) {
			pr_warn("prog '%s': section handler setup failed: %s\n",
				prog->name, util_errstr(err));
			goto fail;
		}
	}
	return obj;
fail:
	bpf_object__close(obj);
	return util_err_ptr(err);
}

struct bpf_object *bpf_object__open_file(const char *path,
					 const struct bpf_object_open_opts *opts)
{
	if (!path)
		return util_err_ptr(-EINVAL);
	return obj_open(path, NULL, 0, opts);
}

struct bpf_object *bpf_object__open(const char *path)
{
	return bpf_object__open_file(path, NULL);
}

struct bpf_object *bpf_object__open_mem(const void *obj_buf, size_t obj_buf_sz,
					const struct bpf_object_open_opts *opts)
{
	if (!obj_buf || !obj_buf_sz)
		return util_err_ptr(-EINVAL);
	return obj_open(NULL, obj_buf, obj_buf_sz, opts);
}

void bpf_object__close(struct bpf_object *obj)
{
	size_t i;

	if (!obj)
		return;
	for (i = 0; i < obj->nr_progs; i++)
		obj_prog_free(&obj->progs[i]);
	free(obj->progs);
	for (i = 0; i < obj->nr_maps; i++)
		obj_map_free(&obj->maps[i]);
	free(obj->maps);
	obj_arena_free(obj);
	for (i = 0; i < (size_t)obj->nr_externs; i++)
		free(obj->externs[i].name);
	free(obj->externs);
	btf__free(obj->btf);
	btf_ext__free(obj->btf_ext);
	obj_vmlinux_release(obj);
	elf_close(obj->ef);
	free(obj->path);
	free(obj->kconfig);
	free(obj->btf_custom_path);
	free(obj->pin_root_path);
	free(obj->token_path);
	if (obj->token_fd >= 0)
		close(obj->token_fd);
	gen_free(obj->gen);
	free(obj);
}
