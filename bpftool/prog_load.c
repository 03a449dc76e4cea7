// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * prog load OBJ FILE / prog loadall OBJ DIR: open and load an object,
 * optionally forcing the program type, reusing existing maps (map idx|name),
 * pinning maps and attaching programs (links pinned instead of programs).
 * On any failure nothing stays pinned, and closing the object unloads it.
 *
 * With -L, "prog load OBJ" does what a light skeleton does instead: the
 * object becomes a loader program (bpf_object__gen_loader()), which is run
 * once and creates the maps and programs; nothing is pinned and every
 * further argument is ignored, as with bpftool 7.1.  "prog loadall" does
 * not look at -L.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "common.h"
#include "prog.h"
#include "disasm/disasm.h"

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

/*
 * The loader's context, as bpf_object__gen_loader() lays it out and
 * <bpf/skel_internal.h> declares it (struct bpf_loader_ctx, bpf_map_desc,
 * bpf_prog_desc): a header, then one map descriptor per map and one
 * program descriptor per program of the object, in iteration order.
 */
struct loader_ctx {
	__u32 sz;
	__u32 flags;
	__u32 log_level;
	__u32 log_size;
	__u64 log_buf;
};

struct loader_map_desc {
	int map_fd;
	__u32 max_entries;
	__u64 initial_value __attribute__((aligned(8)));
};

struct loader_prog_desc {
	int prog_fd;
};

#define LOADER_LOG_SIZE ((1U << 24) - 1)

static int count_open_fds(void)
{
	struct dirent *e;
	DIR *d;
	int n = 0;

	d = opendir("/proc/self/fd");
	if (!d)
		return 0;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

/*
 * Runs the loader as a light skeleton's load does: its data in a one-slot
 * array, the program (sleepable, BPF_PROG_TYPE_SYSCALL) referring to that
 * map as fd_array[0], run once with ctx.  The loader returns a negative
 * errno when a step fails; *errstr then says which part of running it did.
 */
static int loader_run(const struct gen_loader_opts *gen, struct loader_ctx *ctx,
		      const char **errstr)
{
	LIBBPF_OPTS(bpf_prog_load_opts, popts);
	LIBBPF_OPTS(bpf_test_run_opts, topts);
	int map_fd, prog_fd = -1, err;
	__u32 key = 0;

	map_fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "__loader.map", sizeof(key),
				gen->data_sz, 1, NULL);
	if (map_fd < 0) {
		err = -errno;
		*errstr = "failed to create loader map";
		return err;
	}
	if (bpf_map_update_elem(map_fd, &key, gen->data, BPF_ANY)) {
		err = -errno;
		*errstr = "failed to update loader map";
		goto out;
	}
	popts.fd_array = &map_fd;
	popts.prog_flags = BPF_F_SLEEPABLE;
	popts.log_level = ctx->log_level;
	popts.log_size = ctx->log_size;
	popts.log_buf = (char *)(unsigned long)ctx->log_buf;
	prog_fd = bpf_prog_load(BPF_PROG_TYPE_SYSCALL, "__loader.prog",
				"Dual BSD/GPL", (const struct bpf_insn *)gen->insns,
				gen->insns_sz / sizeof(struct bpf_insn), &popts);
	if (prog_fd < 0) {
		err = -errno;
		*errstr = "failed to load loader prog";
		goto out;
	}
	topts.ctx_in = ctx;
	topts.ctx_size_in = ctx->sz;
	err = bpf_prog_test_run_opts(prog_fd, &topts);
	if (err) {
		err = -errno;
		*errstr = "failed to execute loader prog";
	} else if ((int)topts.retval < 0) {
		err = (int)topts.retval;
		*errstr = "failed to execute loader prog";
	}
out:
	if (prog_fd >= 0)
		close(prog_fd);
	close(map_fd);
	return err;
}

/* With -d, the loader's instructions, as the verifier will see them. */
static void loader_dump(const struct gen_loader_opts *gen)
{
	struct bpf_prog_info info = {};
	struct prog_dump_ctx dc = {
		.info = &info,
		.insns = gen->insns,
		.len = gen->insns_sz,
	};

	dc.ksyms = ksym_table_load();
	prog_dump_xlated_plain(&dc);
	ksym_table_free(dc.ksyms);
	fflush(stdout);
}

static int load_with_loader(int argc, char **argv)
{
	LIBBPF_OPTS(bpf_object_open_opts, open_opts);
	LIBBPF_OPTS(gen_loader_opts, gen);
	struct loader_prog_desc *pd;
	struct loader_map_desc *md;
	struct bpf_object *obj = NULL;
	struct loader_ctx *ctx = NULL;
	const char *file, *errstr = NULL;
	struct bpf_program *prog;
	struct bpf_map *map;
	int nmaps = 0, nprogs = 0, fds_before, leaked, err = -1, i;
	char *log = NULL;
	size_t sz;

	if (!REQ_ARGS(1))
		return -1;
	file = GET_ARG();
	if (verifier_logs)
		open_opts.kernel_log_level = 1 + 2 + 4;
	obj = bpf_object__open_file(file, &open_opts);
	if (!obj) {
		p_err("failed to open object file");
		return -1;
	}
	if (bpf_object__gen_loader(obj, &gen)) {
		p_err("failed to prepare the loader program for %s", file);
		goto out;
	}
	if (bpf_object__load(obj)) {
		p_err("failed to load object file");
		goto out;
	}

	bpf_object__for_each_map(map, obj)
		nmaps++;
	bpf_object__for_each_program(prog, obj)
		nprogs++;
	sz = sizeof(*ctx) + nmaps * sizeof(*md) + nprogs * sizeof(*pd);
	ctx = calloc(1, sz);
	if (!ctx) {
		p_err("out of memory");
		goto out;
	}
	ctx->sz = sz;
	if (verifier_logs) {
		log = malloc(LOADER_LOG_SIZE);
		if (!log) {
			p_err("out of memory");
			goto out;
		}
		log[0] = 0;
		ctx->log_level = 1 + 2 + 4;
		ctx->log_size = LOADER_LOG_SIZE;
		ctx->log_buf = (unsigned long)log;
		loader_dump(&gen);
	}

	fds_before = count_open_fds();
	err = loader_run(&gen, ctx, &errstr);
	leaked = count_open_fds() - fds_before;
	if (err < 0 || verifier_logs) {
		const char *text = log ? log : "(null)";
		size_t len = strlen(text);

		fprintf(stderr, "err %d\n%s\n%s%s", err,
			errstr ? errstr : "(null)", text,
			len && text[len - 1] == '\n' ? "" : "\n");
		if (err < 0 && leaked)
			fprintf(stderr, "loader prog leaked %d FDs\n", leaked);
	}
	if (err < 0) {
		p_err("loader program failed: %s", strerror(-err));
		err = -1;
		goto out;
	}

	/* Nothing is pinned: what the loader made goes away with us. */
	md = (struct loader_map_desc *)(ctx + 1);
	pd = (struct loader_prog_desc *)(md + nmaps);
	for (i = 0; i < nmaps; i++)
		if (md[i].map_fd > 0)
			close(md[i].map_fd);
	for (i = 0; i < nprogs; i++)
		if (pd[i].prog_fd > 0)
			close(pd[i].prog_fd);
	err = 0;
out:
	free(log);
	free(ctx);
	bpf_object__close(obj);
	return err;
}

int prog_do_load(int argc, char **argv)
{
	if (use_loader)
		return load_with_loader(argc, argv);
	return load_common(argc, argv, true);
}

int prog_do_loadall(int argc, char **argv)
{
	return load_common(argc, argv, false);
}
