// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * "Shadow" views of struct_ops maps in skeletons (bpftool 7.3+):
 *
 *	struct {
 *		struct NAME__MAP__TYPE {
 *			struct bpf_program *init;	<- function pointer members
 *			int flags;			<- scalar members
 *			char __padding_2[8];		<- anything else, opaque
 *		} *MAP;
 *	} struct_ops;
 *
 * The pointer is set to bpf_map__initial_value() of the map after open, so
 * that programs and scalars of the ops can be changed before load.  Only
 * scalars and function pointers are typed: other member types would need
 * definitions the header cannot provide without clashing with the user's.
 */
#include <errno.h>

#include "struct_ops.h"
#include "util/log.h"

/* Skips const/volatile/restrict/typedef; returns the type, *id its id. */
static const struct btf_type *skip_mods(const struct btf *btf, __u32 *id)
{
	const struct btf_type *t = btf__type_by_id(btf, *id);

	while (t && (btf_is_mod(t) || btf_is_typedef(t))) {
		*id = t->type;
		t = btf__type_by_id(btf, *id);
	}
	return t;
}

static bool is_func_ptr(const struct btf *btf, const struct btf_type *t)
{
	__u32 id;

	if (!btf_is_ptr(t))
		return false;
	id = t->type;
	t = skip_mods(btf, &id);
	return t && btf_is_func_proto(t);
}

static int emit_members(struct skelgen_out *o, const struct skelgen_map *sm,
			const struct btf_type *st)
{
	LIBBPF_OPTS(btf_dump_emit_type_decl_opts, opts, .indent_level = 3,
		    .strip_mods = true);
	const struct btf *btf = o->m->btf;
	const struct btf_member *mb = btf_members(st);
	__u32 next = 0, off, id;
	int i, err, size;

	for (i = 0; i < btf_vlen(st); i++, mb++) {
		const struct btf_type *t;
		const char *mname = btf__name_by_offset(btf, mb->name_off);

		if (btf_member_bitfield_size(st, i))
			continue;	/* opaque: covered by padding */
		id = mb->type;
		t = skip_mods(btf, &id);
		if (!t)
			return -EINVAL;
		off = btf_member_bit_offset(st, i) / 8;

		if (is_func_ptr(btf, t)) {
			size = sizeof(void *);
		} else if (btf_is_int(t) || btf_is_float(t) || btf_is_any_enum(t)) {
			size = btf__resolve_size(btf, id);
			if (size < 0)
				return size;
		} else {
			continue;
		}
		if (off < next) {
			pr_warn("skel: '%s': struct_ops map '%s': member '%s' overlaps the previous one\n",
				o->m->name, sm->name, mname);
			return -EINVAL;
		}
		if (off > next)
			fprintf(o->f, "\t\t\tchar __padding_%d[%u];\n", i, off - next);

		if (is_func_ptr(btf, t)) {
			fprintf(o->f, "\t\t\tstruct bpf_program *%s;\n", mname);
		} else {
			opts.field_name = mname;
			fprintf(o->f, "\t\t\t");
			err = btf_dump__emit_type_decl(o->dump, id, &opts);
			if (err)
				return err;
			fprintf(o->f, ";\n");
		}
		next = off + size;
	}
	size = btf__resolve_size(btf, sm->value_type_id);
	if (size > 0 && next < (__u32)size)
		fprintf(o->f, "\t\t\tchar __padding_end[%u];\n", size - next);
	return 0;
}

int skelgen_emit_struct_ops(struct skelgen_out *o)
{
	const struct skelgen_model *m = o->m;
	bool opened = false;
	int i, err;

	if (!m->btf)
		return 0;
	for (i = 0; i < m->map_cnt; i++) {
		const struct skelgen_map *sm = &m->maps[i];
		const struct btf_type *st;

		if (!sm->struct_ops)
			continue;
		st = sm->value_type_id ? btf__type_by_id(m->btf, sm->value_type_id) : NULL;
		if (!st || !btf_is_struct(st)) {
			pr_warn("skel: '%s': struct_ops map '%s' has no struct type in BTF\n",
				m->name, sm->name);
			return -EINVAL;
		}
		if (!opened) {
			fprintf(o->f, "\tstruct {\n");
			opened = true;
		}
		fprintf(o->f, "\t\tstruct %s__%s__%s {\n", m->name, sm->ident,
			btf__name_by_offset(m->btf, st->name_off));
		err = emit_members(o, sm, st);
		if (err) {
			pr_warn("skel: '%s': struct_ops map '%s': cannot print its members: %s\n",
				m->name, sm->name, util_errstr(err));
			return err;
		}
		fprintf(o->f, "\t\t} *%s;\n", sm->ident);
	}
	if (opened)
		fprintf(o->f, "\t} struct_ops;\n");
	return 0;
}

void skelgen_emit_struct_ops_init(struct skelgen_out *o)
{
	const struct skelgen_model *m = o->m;
	int i;

	if (!m->btf)
		return;
	for (i = 0; i < m->map_cnt; i++) {
		const char *id = m->maps[i].ident;

		if (!m->maps[i].struct_ops)
			continue;
		fprintf(o->f, "\tobj->struct_ops.%s = (__typeof__(obj->struct_ops.%s))\n"
			"\t\tbpf_map__initial_value(obj->maps.%s, NULL);\n", id, id, id);
	}
}
