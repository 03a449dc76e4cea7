// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * prog load OBJ FILE / prog loadall OBJ DIR: open and load an object,
 * optionally forcing the program type, reusing existing maps (map idx|name),
 * pinning maps and attaching programs (links pinned instead of programs).
 * On any failure nothing stays pinned, and closing the object unloads it.
 */
#include <errno.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "common.h"
#include "prog.h"

struct map_reuse {
	int idx;		/* -1 until a name is resolved */
	const char *name;
	int fd;
};

struct load_args {
	const char *obj_path;
	const char *pin_path;
	const char *pinmaps;
	const char *kernel_btf;
	bool type_set;
	enum bpf_prog_type type;
	enum bpf_attach_type attach_type;
	bool autoattach;
	struct map_reuse *reuse;
	int nr_reuse;
};

/*
 * A type word of the help ("cgroup/skb", "xdp", "socket") is a section
 * prefix for the library; some need a trailing '/' to be recognised.
 */
static int type_by_name(const char *name, enum bpf_prog_type *type,
			enum bpf_attach_type *attach)
{
	char buf[128];

	if (!libbpf_prog_type_by_name(name, type, attach))
		return 0;
	if (snprintf(buf, sizeof(buf), "%s/", name) < (int)sizeof(buf) &&
	    !libbpf_prog_type_by_name(buf, type, attach))
		return 0;
	return -1;
}

static int parse_map_reuse(int *argc, char ***argv, struct load_args *a)
{
	struct map_reuse r = { .idx = -1, .fd = -1 }, *tmp;
	char *end;

	if (*argc < 4) {
		p_err("'map' needs at least 4 arguments, %d found", *argc);
		return -1;
	}
	if (is_prefix(**argv, "idx")) {
		NEXT_ARGP();
		errno = 0;
		r.idx = strtol(**argv, &end, 0);
		if (*end || errno || r.idx < 0) {
			p_err("can't parse %s as IDX", **argv);
			return -1;
		}
	} else if (is_prefix(**argv, "name")) {
		NEXT_ARGP();
		r.name = **argv;
	} else {
		p_err("expected 'idx' or 'name', got: '%s'?", **argv);
		return -1;
	}
	NEXT_ARGP();
	r.fd = map_parse_fd(argc, argv);
	if (r.fd < 0)
		return -1;
	tmp = realloc(a->reuse, (a->nr_reuse + 1) * sizeof(*tmp));
	if (!tmp) {
		close(r.fd);
		p_err("mem alloc failed");
		return -1;
	}
	a->reuse = tmp;
	a->reuse[a->nr_reuse++] = r;
	return 0;
}

static int parse_args(int argc, char **argv, struct load_args *a)
{
	if (!REQ_ARGS(2))
		return -1;
	a->obj_path = GET_ARG();
	a->pin_path = GET_ARG();
	while (argc) {
		if (is_prefix(*argv, "type")) {
			NEXT_ARG();
			if (a->type_set) {
				p_err("program type already specified");
				return -1;
			}
			if (!REQ_ARGS(1))
				return -1;
			if (type_by_name(*argv, &a->type, &a->attach_type)) {
				p_err("unknown program type '%s'", *argv);
				return -1;
			}
			a->type_set = true;
			NEXT_ARG();
		} else if (is_prefix(*argv, "map")) {
			NEXT_ARG();
			if (parse_map_reuse(&argc, &argv, a))
				return -1;
		} else if (is_prefix(*argv, "dev") || is_prefix(*argv, "offload_dev") ||
			   is_prefix(*argv, "xdpmeta_dev")) {
			p_err("device offload is not supported");
			return -1;
		} else if (is_prefix(*argv, "pinmaps")) {
			NEXT_ARG();
			if (!REQ_ARGS(1))
				return -1;
			a->pinmaps = GET_ARG();
		} else if (is_prefix(*argv, "autoattach")) {
			a->autoattach = true;
			NEXT_ARG();
		} else if (is_prefix(*argv, "kernel_btf")) {
			NEXT_ARG();
			if (!REQ_ARGS(1))
				return -1;
			a->kernel_btf = GET_ARG();
		} else {
			p_err("expected no more arguments, 'type', 'map' or 'dev', got: '%s'?",
			      *argv);
			return -1;
		}
	}
	return 0;
}

/* Resolves names to indexes, then hands each map its replacement fd. */
static int apply_map_reuse(struct bpf_object *obj, struct load_args *a)
{
	struct bpf_map *map;
	int i, j, idx;

	for (i = 0; i < a->nr_reuse; i++) {
		if (!a->reuse[i].name)
			continue;
		idx = 0;
		bpf_object__for_each_map(map, obj) {
			if (!strcmp(bpf_map__name(map), a->reuse[i].name)) {
				a->reuse[i].idx = idx;
				break;
			}
			idx++;
		}
		if (a->reuse[i].idx < 0) {
			p_err("unable to find map '%s'", a->reuse[i].name);
			return -1;
		}
	}
	for (i = 0; i < a->nr_reuse; i++)
		for (j = i + 1; j < a->nr_reuse; j++)
			if (a->reuse[i].idx == a->reuse[j].idx) {
				p_err("replacement for map idx %d specified more than once",
				      a->reuse[i].idx);
				return -1;
			}
	for (i = 0; i < a->nr_reuse; i++) {
		bool used = false;
		int err;

		idx = 0;
		bpf_object__for_each_map(map, obj) {
			if (idx++ != a->reuse[i].idx)
				continue;
			err = bpf_map__reuse_fd(map, a->reuse[i].fd);
			if (err) {
				p_err("unable to set up map reuse: %d", err);
				return -1;
			}
			used = true;
			break;
		}
		if (!used) {
			p_err("map idx '%d' not used", a->reuse[i].idx);
			return -1;
		}
	}
	return 0;
}

static int set_types(struct bpf_object *obj, const struct load_args *a)
{
	struct bpf_program *prog;

	bpf_object__for_each_program(prog, obj) {
		enum bpf_prog_type type = a->type;
		enum bpf_attach_type attach = a->attach_type;

		if (!a->type_set) {
			const char *sec = bpf_program__section_name(prog);

			if (libbpf_prog_type_by_name(sec, &type, &attach)) {
				p_err("failed to guess program type from ELF section '%s'",
				      sec);
				return -1;
			}
		}
		if (bpf_program__type(prog) != type)
			bpf_program__set_type(prog, type);
		bpf_program__set_expected_attach_type(prog, attach);
	}
	return 0;
}

/* Attaches and pins the link; programs that cannot attach are pinned. */
static int attach_and_pin(struct bpf_program *prog, const char *path)
{
	struct bpf_link *link;
	int err;

	link = bpf_program__attach(prog);
	if (!link) {
		p_info("Program %s does not support autoattach, falling back to pinning",
		       bpf_program__name(prog));
		return bpf_obj_pin(bpf_program__fd(prog), path);
	}
	err = bpf_link__pin(link, path);
	bpf_link__destroy(link);
	return err;
}

static int pin_all(struct bpf_object *obj, const char *dir, bool autoattach)
{
	struct bpf_program *prog, *undo;
	char path[PATH_MAX];
	int err = 0;

	if (!autoattach) {
		err = bpf_object__pin_programs(obj, dir);
		if (err)
			p_err("failed to pin all programs");
		return err;
	}
	bpf_object__for_each_program(prog, obj) {
		if (snprintf(path, sizeof(path), "%s/%s", dir,
			     bpf_program__name(prog)) >= (int)sizeof(path)) {
			p_err("can't pin program: pathname too long");
			err = -1;
		} else {
			err = attach_and_pin(prog, path);
			if (err)
				p_err("failed to attach and pin program %s: %s",
				      bpf_program__name(prog), strerror(errno));
		}
		if (!err)
			continue;
		bpf_object__for_each_program(undo, obj) {
			if (undo == prog)
				break;
			snprintf(path, sizeof(path), "%s/%s", dir,
				 bpf_program__name(undo));
			unlink(path);
		}
		return -1;
	}
	return 0;
}

static void unpin_all(struct bpf_object *obj, const char *dir)
{
	struct bpf_program *prog;
	char path[PATH_MAX];

	bpf_object__for_each_program(prog, obj) {
		snprintf(path, sizeof(path), "%s/%s", dir, bpf_program__name(prog));
		unlink(path);
	}
}

static int load_common(int argc, char **argv, bool first_only)
{
	LIBBPF_OPTS(bpf_object_open_opts, open_opts, .relaxed_maps = relaxed_maps);
	struct load_args a = {};
	struct bpf_object *obj = NULL;
	struct bpf_program *prog;
	bool made_dir = false;
	int err = -1, i;

	if (parse_args(argc, argv, &a))
		goto out;
	open_opts.btf_custom_path = a.kernel_btf;
	if (verifier_logs)
		open_opts.kernel_log_level = 1 + 2 + 4;
	obj = bpf_object__open_file(a.obj_path, &open_opts);
	if (!obj) {
		p_err("failed to open object file");
		goto out;
	}
	if (set_types(obj, &a) || apply_map_reuse(obj, &a))
		goto out;
	if (bpf_object__load(obj)) {
		p_err("failed to load object file");
		goto out;
	}
	if (first_only) {
		if (mount_bpffs_for_pin(a.pin_path, false))
			goto out;
		prog = bpf_object__next_program(obj, NULL);
		if (!prog) {
			p_err("object file doesn't contain any bpf program");
			goto out;
		}
		if (a.autoattach)
			err = attach_and_pin(prog, a.pin_path);
		else
			err = bpf_obj_pin(bpf_program__fd(prog), a.pin_path);
		if (err) {
			p_err("failed to pin program %s: %s",
			      bpf_program__section_name(prog), strerror(errno));
			err = -1;
			goto out;
		}
	} else {
		if (access(a.pin_path, F_OK)) {
			if (mkdir(a.pin_path, 0700) && errno != EEXIST) {
				p_err("can't create dir '%s': %s", a.pin_path,
				      strerror(errno));
				goto out;
			}
			made_dir = true;
		}
		if (mount_bpffs_for_pin(a.pin_path, true) ||
		    pin_all(obj, a.pin_path, a.autoattach)) {
			err = -1;
			goto out_dir;
		}
	}
	if (a.pinmaps && bpf_object__pin_maps(obj, a.pinmaps)) {
		p_err("failed to pin all maps");
		err = -1;
		if (first_only)
			unlink(a.pin_path);
		else
			unpin_all(obj, a.pin_path);
		goto out_dir;
	}
	err = 0;
	if (json_output)
		jsonw_null(json_wtr);
out_dir:
	if (err && made_dir)
		rmdir(a.pin_path);
out:
	bpf_object__close(obj);
	for (i = 0; i < a.nr_reuse; i++)
		close(a.reuse[i].fd);
	free(a.reuse);
	return err;
}

int prog_do_load(int argc, char **argv)
{
	return load_common(argc, argv, true);
}

int prog_do_loadall(int argc, char **argv)
{
	return load_common(argc, argv, false);
}
