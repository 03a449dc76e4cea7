// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * "bpftool gen skeleton": struct NAME with the object's maps, programs,
 * links and data section views, the NAME__* functions around the skeleton
 * runtime, and the object file itself as NAME__elf_bytes().
 *
 * Map records are written through byte offsets of s->map_skel_sz: headers
 * without struct_ops maps declare the 3-pointer record size so that they
 * also compile and run against libbpf.h versions without the link field.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "struct_ops.h"
#include "skelgen.h"
#include "util/log.h"

/* sizeof(struct bpf_map_skeleton) before the struct_ops link field. */
#define MAP_SKEL_SZ_NO_LINK 24

static bool has_struct_ops(const struct skelgen_model *m)
{
	int i;

	for (i = 0; i < m->map_cnt; i++)
		if (m->maps[i].struct_ops)
			return true;
	return false;
}

static int emit_struct(struct skelgen_out *o)
{
	const struct skelgen_model *m = o->m;
	FILE *f = o->f;
	const char *n = m->name;
	int i, err;

	fprintf(f, "struct %s {\n", n);
	fprintf(f, "\tstruct bpf_object_skeleton *skeleton;\n");
	fprintf(f, "\tstruct bpf_object *obj;\n");
	if (m->map_cnt) {
		fprintf(f, "\tstruct {\n");
		for (i = 0; i < m->map_cnt; i++)
			fprintf(f, "\t\tstruct bpf_map *%s;\n", m->maps[i].ident);
		fprintf(f, "\t} maps;\n");
	}
	err = skelgen_emit_struct_ops(o);
	if (err)
		return err;
	if (m->prog_cnt) {
		fprintf(f, "\tstruct {\n");
		for (i = 0; i < m->prog_cnt; i++)
			fprintf(f, "\t\tstruct bpf_program *%s;\n", m->progs[i].name);
		fprintf(f, "\t} progs;\n");
	}
	if (m->prog_cnt || has_struct_ops(m)) {
		fprintf(f, "\tstruct {\n");
		for (i = 0; i < m->prog_cnt; i++)
			fprintf(f, "\t\tstruct bpf_link *%s;\n", m->progs[i].name);
		for (i = 0; i < m->map_cnt; i++)
			if (m->maps[i].struct_ops)
				fprintf(f, "\t\tstruct bpf_link *%s;\n", m->maps[i].ident);
		fprintf(f, "\t} links;\n");
	}
	for (i = 0; i < m->map_cnt; i++) {
		err = skelgen_emit_datasec(o, &m->maps[i], false);
		if (err)
			return err;
	}
	fprintf(f, "\n#ifdef __cplusplus\n");
	fprintf(f, "\tstatic inline struct %s *open(const struct bpf_object_open_opts *opts = nullptr);\n", n);
	fprintf(f, "\tstatic inline struct %s *open_and_load();\n", n);
	fprintf(f, "\tstatic inline int load(struct %s *skel);\n", n);
	fprintf(f, "\tstatic inline int attach(struct %s *skel);\n", n);
	fprintf(f, "\tstatic inline void detach(struct %s *skel);\n", n);
	fprintf(f, "\tstatic inline void destroy(struct %s *skel);\n", n);
	fprintf(f, "\tstatic inline const void *elf_bytes(size_t *sz);\n");
	fprintf(f, "#endif /* __cplusplus */\n");
	fprintf(f, "};\n\n");
	return 0;
}

/* destroy, open_opts, open, load, open_and_load, attach, detach. */
static void emit_lifecycle(struct skelgen_out *o)
{
	FILE *f = o->f;
	const char *n = o->m->name;

	fprintf(f,
		"static inline void\n%1$s__destroy(struct %1$s *obj)\n{\n"
		"\tif (!obj)\n\t\treturn;\n"
		"\tif (obj->skeleton)\n\t\tbpf_object__destroy_skeleton(obj->skeleton);\n"
		"\tfree(obj);\n}\n\n", n);

	fprintf(f, "static inline int\n%1$s__create_skeleton(struct %1$s *obj);\n\n", n);

	fprintf(f,
		"static inline struct %1$s *\n%1$s__open_opts(const struct bpf_object_open_opts *opts)\n{\n"
		"\tstruct %1$s *obj;\n\tint err;\n\n"
		"\tobj = (struct %1$s *)calloc(1, sizeof(*obj));\n"
		"\tif (!obj) {\n\t\terrno = ENOMEM;\n\t\treturn NULL;\n\t}\n\n"
		"\terr = %1$s__create_skeleton(obj);\n"
		"\tif (err)\n\t\tgoto err_out;\n\n"
		"\terr = bpf_object__open_skeleton(obj->skeleton, opts);\n"
		"\tif (err)\n\t\tgoto err_out;\n\n", n);
	skelgen_emit_struct_ops_init(o);
	fprintf(f,
		"\treturn obj;\n"
		"err_out:\n\t%1$s__destroy(obj);\n\terrno = -err;\n\treturn NULL;\n}\n\n", n);

	fprintf(f,
		"static inline struct %1$s *\n%1$s__open(void)\n{\n"
		"\treturn %1$s__open_opts(NULL);\n}\n\n", n);

	fprintf(f,
		"static inline int\n%1$s__load(struct %1$s *obj)\n{\n"
		"\treturn bpf_object__load_skeleton(obj->skeleton);\n}\n\n", n);

	fprintf(f,
		"static inline struct %1$s *\n%1$s__open_and_load(void)\n{\n"
		"\tstruct %1$s *obj;\n\tint err;\n\n"
		"\tobj = %1$s__open();\n\tif (!obj)\n\t\treturn NULL;\n"
		"\terr = %1$s__load(obj);\n"
		"\tif (err) {\n\t\t%1$s__destroy(obj);\n\t\terrno = -err;\n\t\treturn NULL;\n\t}\n"
		"\treturn obj;\n}\n\n", n);

	fprintf(f,
		"static inline int\n%1$s__attach(struct %1$s *obj)\n{\n"
		"\treturn bpf_object__attach_skeleton(obj->skeleton);\n}\n\n", n);

	fprintf(f,
		"static inline void\n%1$s__detach(struct %1$s *obj)\n{\n"
		"\tbpf_object__detach_skeleton(obj->skeleton);\n}\n\n", n);

	fprintf(f, "static inline const void *%s__elf_bytes(size_t *sz);\n\n", n);
}

static void emit_create_skeleton(struct skelgen_out *o)
{
	const struct skelgen_model *m = o->m;
	bool links = has_struct_ops(m);
	FILE *f = o->f;
	const char *n = m->name;
	int i;

	fprintf(f,
		"static inline int\n%1$s__create_skeleton(struct %1$s *obj)\n{\n"
		"\tstruct bpf_object_skeleton *s;\n"
		"\tstruct bpf_map_skeleton *map __attribute__((unused));\n"
		"\tint err;\n\n"
		"\ts = (struct bpf_object_skeleton *)calloc(1, sizeof(*s));\n"
		"\tif (!s) {\n\t\terr = -ENOMEM;\n\t\tgoto err;\n\t}\n\n"
		"\ts->sz = sizeof(*s);\n"
		"\ts->name = \"%1$s\";\n"
		"\ts->obj = &obj->obj;\n", n);

	if (m->map_cnt) {
		fprintf(f, "\n\t/* maps */\n\ts->map_cnt = %d;\n", m->map_cnt);
		if (links)
			fprintf(f, "\ts->map_skel_sz = sizeof(*s->maps);\n");
		else
			fprintf(f, "\ts->map_skel_sz = %d;\n", MAP_SKEL_SZ_NO_LINK);
		fprintf(f,
			"\ts->maps = (struct bpf_map_skeleton *)calloc(s->map_cnt,\n"
			"\t\t\tsizeof(*s->maps) > (size_t)s->map_skel_sz ? sizeof(*s->maps) : (size_t)s->map_skel_sz);\n"
			"\tif (!s->maps) {\n\t\terr = -ENOMEM;\n\t\tgoto err;\n\t}\n");
		for (i = 0; i < m->map_cnt; i++) {
			const struct skelgen_map *sm = &m->maps[i];

			fprintf(f, "\n\tmap = (struct bpf_map_skeleton *)((char *)s->maps + %d * s->map_skel_sz);\n", i);
			fprintf(f, "\tmap->name = \"%s\";\n", sm->name);
			fprintf(f, "\tmap->map = &obj->maps.%s;\n", sm->ident);
			if (sm->data_ident)
				fprintf(f, "\tmap->mmaped = (void **)&obj->%s;\n", sm->data_ident);
			if (sm->struct_ops)
				fprintf(f, "\tmap->link = &obj->links.%s;\n", sm->ident);
		}
	}

	if (m->prog_cnt) {
		fprintf(f,
			"\n\t/* programs */\n\ts->prog_cnt = %d;\n"
			"\ts->prog_skel_sz = sizeof(*s->progs);\n"
			"\ts->progs = (struct bpf_prog_skeleton *)calloc(s->prog_cnt, s->prog_skel_sz);\n"
			"\tif (!s->progs) {\n\t\terr = -ENOMEM;\n\t\tgoto err;\n\t}\n",
			m->prog_cnt);
		for (i = 0; i < m->prog_cnt; i++) {
			const char *p = m->progs[i].name;

			fprintf(f, "\n\ts->progs[%d].name = \"%s\";\n", i, p);
			fprintf(f, "\ts->progs[%d].prog = &obj->progs.%s;\n", i, p);
			fprintf(f, "\ts->progs[%d].link = &obj->links.%s;\n", i, p);
		}
	}

	fprintf(f,
		"\n\ts->data = %1$s__elf_bytes(&s->data_sz);\n\n"
		"\tobj->skeleton = s;\n\treturn 0;\n"
		"err:\n\tbpf_object__destroy_skeleton(s);\n\treturn err;\n}\n\n", n);
}

static void emit_cxx(struct skelgen_out *o)
{
	FILE *f = o->f;
	const char *n = o->m->name;

	fprintf(f, "#ifdef __cplusplus\n");
	fprintf(f, "struct %1$s *%1$s::open(const struct bpf_object_open_opts *opts) { return %1$s__open_opts(opts); }\n", n);
	fprintf(f, "struct %1$s *%1$s::open_and_load() { return %1$s__open_and_load(); }\n", n);
	fprintf(f, "int %1$s::load(struct %1$s *skel) { return %1$s__load(skel); }\n", n);
	fprintf(f, "int %1$s::attach(struct %1$s *skel) { return %1$s__attach(skel); }\n", n);
	fprintf(f, "void %1$s::detach(struct %1$s *skel) { %1$s__detach(skel); }\n", n);
	fprintf(f, "void %1$s::destroy(struct %1$s *skel) { %1$s__destroy(skel); }\n", n);
	fprintf(f, "const void *%1$s::elf_bytes(size_t *sz) { return %1$s__elf_bytes(sz); }\n", n);
	fprintf(f, "#endif /* __cplusplus */\n\n");
}

static int emit_all(struct skelgen_out *o, const void *unused)
{
	const struct skelgen_model *m = o->m;
	int err;

	skelgen_emit_prologue(o, false);
	err = emit_struct(o);
	if (err)
		return err;
	emit_lifecycle(o);
	emit_create_skeleton(o);

	fprintf(o->f, "static inline const void *%s__elf_bytes(size_t *sz)\n{\n", m->name);
	fprintf(o->f, "\t*sz = %zu;\n\treturn (const void *)", m->data_sz);
	skelgen_emit_bytes(o->f, m->data, m->data_sz);
	fprintf(o->f, ";\n}\n\n");

	emit_cxx(o);
	skelgen_emit_asserts(o, false);
	skelgen_emit_epilogue(o, false);
	return 0;
}

int skelgen_skeleton(const void *obj, size_t sz, const char *obj_name, FILE *out)
{
	struct skelgen_model m;
	int err;

	if (!out)
		return -EINVAL;
	err = skelgen_model_init(&m, obj, sz, obj_name, false);
	if (err)
		return err;
	err = skelgen_write(out, &m, obj_name, emit_all, NULL);
	skelgen_model_free(&m);
	return err;
}
