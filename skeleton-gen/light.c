// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * "bpftool gen skeleton -L": the light skeleton.  Instead of the ELF file
 * and the library, the header carries a loader program and its data blob
 * (from bpf_object__gen_loader()) and needs only <bpf/skel_internal.h>.
 *
 * The loader writes map and program fds into the skeleton, so the struct
 * must start with exactly the layout the loader was generated for:
 * struct bpf_loader_ctx, one bpf_map_desc per map and one bpf_prog_desc
 * per program, both in the object's iteration order.  The member names and
 * the NAME__* functions are those of bpftool's light skeletons, since user
 * code is written against them.
 *
 * Deliberate differences from bpftool 7.1's text, all invisible to code
 * using the header: results of skel_alloc()/skel_*_map_data() are cast
 * (data views through __typeof__, as their struct types are nested) and
 * the ctx size is computed on char pointers, so the header is also valid
 * C++; NAME__destroy() is "static inline" (no unused-function warning);
 * NAME__detach() clears the link fds it closes, so that detach followed by
 * destroy does not close them twice.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emit.h"
#include "skelgen.h"
#include "util/log.h"

/*
 * The loader carries every initial value in its data blob, which is one
 * array map value of at most 4 MiB (lib/gen/emit.c): a larger value would
 * only fail later, after being copied here.
 */
#define LIGHT_INIT_MAX	(4u << 20)

/* What the header needs of a map beyond the common model. */
struct light_map {
	const struct skelgen_map *sm;
	void *init;		/* copy of the initial value, mapped maps only */
	size_t init_sz;
	size_t mmap_sz;
	bool rdonly;
};

enum light_attach {
	LIGHT_ATTACH_NONE,	/* loaded, but attached by the user */
	LIGHT_ATTACH_RAW_TP,	/* skel_raw_tracepoint_open(name, fd) */
	LIGHT_ATTACH_BTF,	/* skel_raw_tracepoint_open(NULL, fd) */
	LIGHT_ATTACH_ITER,	/* skel_link_create(fd, 0, BPF_TRACE_ITER) */
};

struct light_prog {
	const char *name;
	enum light_attach attach;
	char *tp_name;		/* LIGHT_ATTACH_RAW_TP */
};

struct light {
	struct skelgen_model m;
	struct light_map *maps;
	struct light_prog *progs;
	struct gen_loader_opts gen;
};

static size_t mmap_size(const struct bpf_map *map)
{
	long page = sysconf(_SC_PAGE_SIZE);
	size_t sz;

	if (page <= 0)
		page = 4096;
	/* what the kernel maps for a BPF_F_MMAPABLE array */
	sz = (size_t)((bpf_map__value_size(map) + 7) & ~7U) *
	     bpf_map__max_entries(map);
	return (sz + page - 1) / page * page;
}

static int light_collect_maps(struct light *l)
{
	struct skelgen_model *m = &l->m;
	const struct bpf_map *map;
	const void *init;
	int i = 0, n = 0;
	size_t sz;

	bpf_object__for_each_map(map, m->obj)
		n++;
	/*
	 * The loader fills one bpf_map_desc per map of the object: a map the
	 * model leaves out (an internal map with no data section name) would
	 * shift every later descriptor.
	 */
	if (n != m->map_cnt) {
		pr_warn("skel: '%s': %d of the object's maps have no member name; a light skeleton needs all of them\n",
			m->name, n - m->map_cnt);
		return -EINVAL;
	}
	l->maps = calloc(n + 1, sizeof(*l->maps));
	if (!l->maps)
		return -ENOMEM;
	bpf_object__for_each_map(map, m->obj) {
		struct light_map *lm = &l->maps[i];

		lm->sm = &m->maps[i++];
		if (strcmp(lm->sm->name, bpf_map__name(map)))
			return -EINVAL;	/* cannot happen: same walk */
		if (lm->sm->struct_ops) {
			pr_warn("skel: '%s': struct_ops map '%s' cannot be registered by a light skeleton\n",
				m->name, lm->sm->name);
			return -EOPNOTSUPP;
		}
		if (!lm->sm->data_ident)
			continue;
		if (!bpf_map__is_internal(map)) {
			pr_warn("skel: '%s': map '%s': only global data can be memory-mapped by a light skeleton\n",
				m->name, lm->sm->name);
			return -EOPNOTSUPP;
		}
		init = bpf_map__initial_value(map, &sz);
		if (!init) {
			pr_warn("skel: '%s': map '%s' has no initial value\n",
				m->name, lm->sm->name);
			return -EINVAL;
		}
		if (sz > LIGHT_INIT_MAX) {
			pr_warn("skel: '%s': map '%s': initial value of %zu bytes does not fit the loader's data (at most %u bytes)\n",
				m->name, lm->sm->name, sz, LIGHT_INIT_MAX);
			return -E2BIG;
		}
		/* copied now: load may replace the object's buffer */
		lm->init = malloc(sz ? sz : 1);
		if (!lm->init)
			return -ENOMEM;
		memcpy(lm->init, init, sz);
		lm->init_sz = sz;
		lm->mmap_sz = mmap_size(map);
		lm->rdonly = bpf_map__map_flags(map) & BPF_F_RDONLY_PROG;
	}
	return 0;
}

/* How NAME__PROG__attach() attaches it: the kinds bpftool's lskels know. */
static int light_classify(struct light_prog *lp, const struct bpf_program *prog)
{
	const char *sec = bpf_program__section_name(prog), *slash;

	switch (bpf_program__type(prog)) {
	case BPF_PROG_TYPE_RAW_TRACEPOINT:
		slash = sec ? strchr(sec, '/') : NULL;
		if (!slash || !slash[1])
			return 0;	/* bare SEC("raw_tp"): no target */
		/* the name goes into a C string literal */
		if (strpbrk(slash + 1, "\"\\?\n")) {
			pr_warn("skel: prog '%s': raw tracepoint name '%s' cannot be written as a C string\n",
				bpf_program__name(prog), slash + 1);
			return -EINVAL;
		}
		lp->tp_name = strdup(slash + 1);
		if (!lp->tp_name)
			return -ENOMEM;
		lp->attach = LIGHT_ATTACH_RAW_TP;
		return 0;
	case BPF_PROG_TYPE_TRACING:
	case BPF_PROG_TYPE_LSM:
		if (bpf_program__expected_attach_type(prog) == BPF_TRACE_ITER)
			lp->attach = LIGHT_ATTACH_ITER;
		else
			lp->attach = LIGHT_ATTACH_BTF;
		return 0;
	default:
		return 0;
	}
}

static int light_collect_progs(struct light *l)
{
	struct skelgen_model *m = &l->m;
	struct bpf_program *prog;
	int i = 0, err;

	l->progs = calloc(m->prog_cnt + 1, sizeof(*l->progs));
	if (!l->progs)
		return -ENOMEM;
	bpf_object__for_each_program(prog, m->obj) {
		struct light_prog *lp = &l->progs[i++];
		const char *name = bpf_program__name(prog);

		if (i > m->prog_cnt)
			return -EINVAL;	/* cannot happen: same walk */
		lp->name = name;
		/* a '.' would not be a member name of progs/links */
		if (strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") != strlen(name)) {
			pr_warn("skel: '%s': program '%s' is not a C identifier\n",
				m->name, name);
			return -EINVAL;
		}
		err = light_classify(lp, prog);
		if (err)
			return err;
	}
	return 0;
}

/* Runs the object through the loader generator: nothing enters the kernel. */
static int light_gen(struct light *l)
{
	struct skelgen_model *m = &l->m;
	int err;

	memset(&l->gen, 0, sizeof(l->gen));
	l->gen.sz = sizeof(l->gen);
	err = bpf_object__gen_loader(m->obj, &l->gen);
	if (err) {
		pr_warn("skel: '%s': cannot generate a loader program: %s\n",
			m->name, util_errstr(err));
		return err;
	}
	err = bpf_object__load(m->obj);
	if (err) {
		pr_warn("skel: '%s': cannot generate the loader program for the object: %s\n",
			m->name, util_errstr(err));
		return err;
	}
	if (!l->gen.insns || !l->gen.insns_sz || !l->gen.data) {
		pr_warn("skel: '%s': the loader generator produced no program\n",
			m->name);
		return -EINVAL;
	}
	return 0;
}

static void light_free(struct light *l)
{
	int i;

	for (i = 0; l->maps && i < l->m.map_cnt; i++)
		free(l->maps[i].init);
	for (i = 0; l->progs && i < l->m.prog_cnt; i++)
		free(l->progs[i].tp_name);
	free(l->maps);
	free(l->progs);
	skelgen_model_free(&l->m);
}

static void emit_guard(FILE *f, const char *name)
{
	fputs("__", f);
	for (; *name; name++)
		fputc(toupper((unsigned char)*name), f);
	fputs("_SKEL_H__", f);
}

static int emit_struct(struct skelgen_out *o, const struct light *l)
{
	const struct skelgen_model *m = &l->m;
	FILE *f = o->f;
	int i, err;

	fprintf(f, "struct %s {\n\tstruct bpf_loader_ctx ctx;\n", m->name);
	if (m->map_cnt) {
		fprintf(f, "\tstruct {\n");
		for (i = 0; i < m->map_cnt; i++)
			fprintf(f, "\t\tstruct bpf_map_desc %s;\n", m->maps[i].ident);
		fprintf(f, "\t} maps;\n");
	}
	if (m->prog_cnt) {
		fprintf(f, "\tstruct {\n");
		for (i = 0; i < m->prog_cnt; i++)
			fprintf(f, "\t\tstruct bpf_prog_desc %s;\n", l->progs[i].name);
		fprintf(f, "\t} progs;\n");
		fprintf(f, "\tstruct {\n");
		for (i = 0; i < m->prog_cnt; i++)
			fprintf(f, "\t\tint %s_fd;\n", l->progs[i].name);
		fprintf(f, "\t} links;\n");
	}
	for (i = 0; i < m->map_cnt; i++) {
		err = skelgen_emit_datasec(o, &m->maps[i], false);
		if (err)
			return err;
	}
	fprintf(f, "};\n\n");
	return 0;
}

static void emit_attach(FILE *f, const struct light *l)
{
	const char *n = l->m.name;
	int i;

	for (i = 0; i < l->m.prog_cnt; i++) {
		const struct light_prog *lp = &l->progs[i];

		fprintf(f, "static inline int\n%s__%s__attach(struct %s *skel)\n{\n",
			n, lp->name, n);
		fprintf(f, "\tint prog_fd = skel->progs.%s.prog_fd;\n", lp->name);
		switch (lp->attach) {
		case LIGHT_ATTACH_RAW_TP:
			/* the name is a C string literal: sections have no quotes */
			fprintf(f, "\tint fd = skel_raw_tracepoint_open(\"%s\", prog_fd);\n",
				lp->tp_name);
			break;
		case LIGHT_ATTACH_BTF:
			fprintf(f, "\tint fd = skel_raw_tracepoint_open(NULL, prog_fd);\n");
			break;
		case LIGHT_ATTACH_ITER:
			fprintf(f, "\tint fd = skel_link_create(prog_fd, 0, BPF_TRACE_ITER);\n");
			break;
		default:
			fprintf(f, "\tint fd = ((void)prog_fd, 0); /* auto-attach not supported */\n");
			break;
		}
		fprintf(f, "\n\tif (fd > 0)\n\t\tskel->links.%s_fd = fd;\n\treturn fd;\n}\n\n",
			lp->name);
	}

	fprintf(f, "static inline int\n%1$s__attach(struct %1$s *skel)\n{\n\tint ret = 0;\n\n", n);
	for (i = 0; i < l->m.prog_cnt; i++)
		fprintf(f, "\tret = ret < 0 ? ret : %s__%s__attach(skel);\n",
			n, l->progs[i].name);
	fprintf(f, "\treturn ret < 0 ? ret : 0;\n}\n\n");

	fprintf(f, "static inline void\n%1$s__detach(struct %1$s *skel)\n{\n", n);
	for (i = 0; i < l->m.prog_cnt; i++)
		fprintf(f, "\tskel_closenz(skel->links.%1$s_fd);\n\tskel->links.%1$s_fd = 0;\n",
			l->progs[i].name);
	fprintf(f, "}\n");
}

static void emit_destroy(FILE *f, const struct light *l)
{
	const char *n = l->m.name;
	int i;

	fprintf(f, "static inline void\n%1$s__destroy(struct %1$s *skel)\n{\n"
		"\tif (!skel)\n\t\treturn;\n\t%1$s__detach(skel);\n", n);
	for (i = 0; i < l->m.prog_cnt; i++)
		fprintf(f, "\tskel_closenz(skel->progs.%s.prog_fd);\n", l->progs[i].name);
	for (i = 0; i < l->m.map_cnt; i++) {
		const struct light_map *lm = &l->maps[i];
		const char *id = lm->sm->ident;

		if (lm->sm->data_ident)
			fprintf(f, "\tskel_free_map_data(skel->%s, skel->maps.%s.initial_value, %zu);\n",
				lm->sm->data_ident, id, lm->mmap_sz);
		fprintf(f, "\tskel_closenz(skel->maps.%s.map_fd);\n", id);
	}
	fprintf(f, "\tskel_free(skel);\n}\n");
}

static void emit_open(FILE *f, const struct light *l)
{
	const char *n = l->m.name;
	int i;

	fprintf(f, "static inline struct %1$s *\n%1$s__open(void)\n{\n"
		"\tstruct %1$s *skel;\n\n"
		"\tskel = (struct %1$s *)skel_alloc(sizeof(*skel));\n"
		"\tif (!skel)\n\t\tgoto cleanup;\n", n);
	/* the loader's context: everything before the links */
	if (l->m.prog_cnt)
		fprintf(f, "\tskel->ctx.sz = (char *)&skel->links - (char *)skel;\n");
	else if (l->m.map_cnt)
		fprintf(f, "\tskel->ctx.sz = (char *)(&skel->maps + 1) - (char *)skel;\n");
	else
		fprintf(f, "\tskel->ctx.sz = sizeof(skel->ctx);\n");
	for (i = 0; i < l->m.map_cnt; i++) {
		const struct light_map *lm = &l->maps[i];
		const char *d = lm->sm->data_ident;

		if (!d)
			continue;
		fprintf(f, "\tskel->%s = (__typeof__(skel->%s))skel_prep_map_data((void *)",
			d, d);
		skelgen_emit_bytes(f, lm->init, lm->init_sz);
		fprintf(f, ", %zu, %zu);\n", lm->mmap_sz, lm->init_sz);
		fprintf(f, "\tif (!skel->%s)\n\t\tgoto cleanup;\n", d);
		fprintf(f, "\tskel->maps.%s.initial_value = (__u64) (long) skel->%s;\n",
			lm->sm->ident, d);
	}
	fprintf(f, "\treturn skel;\ncleanup:\n\t%s__destroy(skel);\n\treturn NULL;\n}\n\n", n);
}

static void emit_load(FILE *f, const struct light *l)
{
	const char *n = l->m.name;
	int i;

	fprintf(f, "static inline int\n%1$s__load(struct %1$s *skel)\n{\n"
		"\tstruct bpf_load_and_run_opts opts = {};\n\tint err;\n\n"
		"\topts.ctx = (struct bpf_loader_ctx *)skel;\n", n);
	fprintf(f, "\topts.data_sz = %u;\n\topts.data = (void *)", l->gen.data_sz);
	skelgen_emit_bytes(f, l->gen.data, l->gen.data_sz);
	fprintf(f, ";\n\topts.insns_sz = %u;\n\topts.insns = (void *)", l->gen.insns_sz);
	skelgen_emit_bytes(f, l->gen.insns, l->gen.insns_sz);
	fprintf(f, ";\n\terr = bpf_load_and_run(&opts);\n\tif (err < 0)\n\t\treturn err;\n");
	for (i = 0; i < l->m.map_cnt; i++) {
		const struct light_map *lm = &l->maps[i];
		const char *d = lm->sm->data_ident, *id = lm->sm->ident;

		if (!d)
			continue;
		/* the program's view of .rodata is read-only, so is ours */
		fprintf(f, "\tskel->%s = (__typeof__(skel->%s))skel_finalize_map_data(&skel->maps.%s.initial_value,\n"
			"\t\t\t\t\t%zu, %s, skel->maps.%s.map_fd);\n",
			d, d, id, lm->mmap_sz,
			lm->rdonly ? "PROT_READ" : "PROT_READ | PROT_WRITE", id);
		fprintf(f, "\tif (!skel->%s)\n\t\treturn -ENOMEM;\n", d);
	}
	fprintf(f, "\treturn 0;\n}\n\n");

	fprintf(f, "static inline struct %1$s *\n%1$s__open_and_load(void)\n{\n"
		"\tstruct %1$s *skel;\n\n"
		"\tskel = %1$s__open();\n\tif (!skel)\n\t\treturn NULL;\n"
		"\tif (%1$s__load(skel)) {\n\t\t%1$s__destroy(skel);\n\t\treturn NULL;\n\t}\n"
		"\treturn skel;\n}\n\n", n);
}

static int emit_all(struct skelgen_out *o, const void *arg)
{
	const struct light *l = arg;
	FILE *f = o->f;
	int err;

	fprintf(f, "/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */\n");
	fprintf(f, "/* THIS FILE IS AUTOGENERATED BY BPFTOOL! (bpfkit light skeleton) */\n");
	fprintf(f, "#ifndef ");
	emit_guard(f, l->m.name);
	fprintf(f, "\n#define ");
	emit_guard(f, l->m.name);
	fprintf(f, "\n\n#include <bpf/skel_internal.h>\n\n");

	err = emit_struct(o, l);
	if (err)
		return err;
	emit_attach(f, l);
	emit_destroy(f, l);
	emit_open(f, l);
	emit_load(f, l);
	skelgen_emit_asserts(o, false);
	fprintf(f, "#endif /* ");
	emit_guard(f, l->m.name);
	fprintf(f, " */\n");
	return 0;
}

int skelgen_light_skeleton(const void *obj, size_t sz, const char *obj_name, FILE *out)
{
	struct light l = {};
	int err;

	if (!out)
		return -EINVAL;
	err = skelgen_model_init(&l.m, obj, sz, obj_name, false);
	if (err)
		return err;
	err = light_collect_maps(&l);
	if (!err)
		err = light_collect_progs(&l);
	if (!err)
		err = light_gen(&l);
	if (!err)
		err = skelgen_write(out, &l.m, obj_name, emit_all, &l);
	light_free(&l);
	return err;
}
