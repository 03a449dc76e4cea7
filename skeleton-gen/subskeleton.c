// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * "bpftool gen subskeleton": for a BPF library object, struct NAME with
 * the library's maps and programs and pointers to its global variables,
 * found at run time inside the final (linked) object by NAME__open(obj).
 * Internal maps are recorded by section name (".bss", ".data.x") since the
 * final object's name is not known here.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "skelgen.h"
#include "util/log.h"

static int emit_struct(struct skelgen_out *o)
{
	const struct skelgen_model *m = o->m;
	FILE *f = o->f;
	int i, err;

	fprintf(f, "struct %s {\n", m->name);
	fprintf(f, "\tstruct bpf_object *obj;\n");
	fprintf(f, "\tstruct bpf_object_subskeleton *subskel;\n");
	if (m->map_cnt) {
		fprintf(f, "\tstruct {\n");
		for (i = 0; i < m->map_cnt; i++)
			fprintf(f, "\t\tstruct bpf_map *%s;\n", m->maps[i].ident);
		fprintf(f, "\t} maps;\n");
	}
	if (m->prog_cnt) {
		fprintf(f, "\tstruct {\n");
		for (i = 0; i < m->prog_cnt; i++)
			fprintf(f, "\t\tstruct bpf_program *%s;\n", m->progs[i].name);
		fprintf(f, "\t} progs;\n");
	}
	for (i = 0; i < m->map_cnt; i++) {
		err = skelgen_emit_datasec(o, &m->maps[i], true);
		if (err)
			return err;
	}
	fprintf(f, "\n#ifdef __cplusplus\n");
	fprintf(f, "\tstatic inline struct %1$s *open(const struct bpf_object *src);\n", m->name);
	fprintf(f, "\tstatic inline void destroy(struct %s *skel);\n", m->name);
	fprintf(f, "#endif /* __cplusplus */\n");
	fprintf(f, "};\n\n");
	return 0;
}

static void emit_vars(struct skelgen_out *o, int var_cnt)
{
	const struct skelgen_model *m = o->m;
	FILE *f = o->f;
	int i, j, k = 0;

	fprintf(f,
		"\n\t/* vars */\n\ts->var_cnt = %d;\n"
		"\ts->vars = (struct bpf_var_skeleton *)calloc(s->var_cnt, s->var_skel_sz);\n"
		"\tif (!s->vars) {\n\t\terr = -ENOMEM;\n\t\tgoto err;\n\t}\n", var_cnt);
	for (i = 0; i < m->map_cnt; i++) {
		const struct skelgen_map *sm = &m->maps[i];
		const struct btf_var_secinfo *vsi;
		const struct btf_type *sec;

		if (!sm->data_ident || !sm->sec_id)
			continue;
		sec = btf__type_by_id(m->btf, sm->sec_id);
		vsi = btf_var_secinfos(sec);
		for (j = 0; j < btf_vlen(sec); j++, vsi++) {
			const struct btf_type *var = btf__type_by_id(m->btf, vsi->type);
			const char *name;
			char *ident;

			if (!skelgen_var_visible(m->btf, vsi))
				continue;
			name = btf__name_by_offset(m->btf, var->name_off);
			ident = strdup(name ? name : "");
			if (!ident)
				continue;	/* cannot happen for the sizes involved */
			skelgen_sanitize(ident);
			fprintf(f, "\n\ts->vars[%d].name = \"%s\";\n", k, name);
			fprintf(f, "\ts->vars[%d].map = &obj->maps.%s;\n", k, sm->ident);
			fprintf(f, "\ts->vars[%d].addr = (void **)&obj->%s.%s;\n", k,
				sm->data_ident, ident);
			free(ident);
			k++;
		}
	}
}

static void emit_open(struct skelgen_out *o)
{
	const struct skelgen_model *m = o->m;
	FILE *f = o->f;
	const char *n = m->name;
	int i, var_cnt = 0;

	for (i = 0; i < m->map_cnt; i++)
		var_cnt += skelgen_visible_vars(m, &m->maps[i]);

	fprintf(f,
		"static inline void\n%1$s__destroy(struct %1$s *skel)\n{\n"
		"\tif (!skel)\n\t\treturn;\n"
		"\tif (skel->subskel)\n\t\tbpf_object__destroy_subskeleton(skel->subskel);\n"
		"\tfree(skel);\n}\n\n", n);

	fprintf(f,
		"static inline struct %1$s *\n%1$s__open(const struct bpf_object *src)\n{\n"
		"\tstruct %1$s *obj;\n"
		"\tstruct bpf_object_subskeleton *s;\n"
		"\tint err;\n\n"
		"\tobj = (struct %1$s *)calloc(1, sizeof(*obj));\n"
		"\tif (!obj) {\n\t\terrno = ENOMEM;\n\t\treturn NULL;\n\t}\n"
		"\ts = (struct bpf_object_subskeleton *)calloc(1, sizeof(*s));\n"
		"\tif (!s) {\n\t\terr = -ENOMEM;\n\t\tgoto err;\n\t}\n"
		"\ts->sz = sizeof(*s);\n"
		"\ts->obj = src;\n"
		"\ts->map_skel_sz = sizeof(*s->maps);\n"
		"\ts->prog_skel_sz = sizeof(*s->progs);\n"
		"\ts->var_skel_sz = sizeof(*s->vars);\n"
		"\tobj->subskel = s;\n", n);

	if (m->map_cnt) {
		fprintf(f,
			"\n\t/* maps */\n\ts->map_cnt = %d;\n"
			"\ts->maps = (struct bpf_map_skeleton *)calloc(s->map_cnt, s->map_skel_sz);\n"
			"\tif (!s->maps) {\n\t\terr = -ENOMEM;\n\t\tgoto err;\n\t}\n", m->map_cnt);
		for (i = 0; i < m->map_cnt; i++) {
			fprintf(f, "\n\ts->maps[%d].name = \"%s\";\n", i, m->maps[i].name);
			fprintf(f, "\ts->maps[%d].map = &obj->maps.%s;\n", i, m->maps[i].ident);
		}
	}
	if (m->prog_cnt) {
		fprintf(f,
			"\n\t/* programs */\n\ts->prog_cnt = %d;\n"
			"\ts->progs = (struct bpf_prog_skeleton *)calloc(s->prog_cnt, s->prog_skel_sz);\n"
			"\tif (!s->progs) {\n\t\terr = -ENOMEM;\n\t\tgoto err;\n\t}\n", m->prog_cnt);
		for (i = 0; i < m->prog_cnt; i++) {
			fprintf(f, "\n\ts->progs[%d].name = \"%s\";\n", i, m->progs[i].name);
			fprintf(f, "\ts->progs[%d].prog = &obj->progs.%s;\n", i, m->progs[i].name);
		}
	}
	if (var_cnt)
		emit_vars(o, var_cnt);

	fprintf(f,
		"\n\terr = bpf_object__open_subskeleton(s);\n"
		"\tif (err)\n\t\tgoto err;\n\n"
		"\tobj->obj = (struct bpf_object *)src;\n"
		"\treturn obj;\n"
		"err:\n\t%1$s__destroy(obj);\n\terrno = -err;\n\treturn NULL;\n}\n\n", n);

	fprintf(f, "#ifdef __cplusplus\n");
	fprintf(f, "struct %1$s *%1$s::open(const struct bpf_object *src) { return %1$s__open(src); }\n", n);
	fprintf(f, "void %1$s::destroy(struct %1$s *skel) { %1$s__destroy(skel); }\n", n);
	fprintf(f, "#endif /* __cplusplus */\n\n");
}

static int emit_all(struct skelgen_out *o, const void *unused)
{
	int err;

	skelgen_emit_prologue(o, true);
	err = emit_struct(o);
	if (err)
		return err;
	emit_open(o);
	skelgen_emit_asserts(o, true);
	skelgen_emit_epilogue(o, true);
	return 0;
}

int skelgen_subskeleton(const void *obj, size_t sz, const char *obj_name, FILE *out)
{
	struct skelgen_model m;
	int err;

	if (!out)
		return -EINVAL;
	err = skelgen_model_init(&m, obj, sz, obj_name, true);
	if (err)
		return err;
	err = skelgen_write(out, &m, obj_name, emit_all, NULL);
	skelgen_model_free(&m);
	return err;
}

int skelgen_name_from_path(const char *path, char *buf, size_t size)
{
	const char *base;
	size_t len;

	if (!path || !buf || !size)
		return -EINVAL;
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	len = strlen(base);
	if (len > 2 && !strcmp(base + len - 2, ".o"))
		len -= 2;
	if (!len)
		return -EINVAL;
	if (len >= size)
		return -ENAMETOOLONG;
	memcpy(buf, base, len);
	buf[len] = '\0';
	skelgen_sanitize(buf);
	if (isdigit((unsigned char)buf[0]))
		return -EINVAL;
	return 0;
}
