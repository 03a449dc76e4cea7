// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * struct_ops: each variable of SEC(".struct_ops") / SEC(".struct_ops.link")
 * is a struct the kernel knows (struct tcp_congestion_ops, ...), whose
 * function pointers name programs of the object.  It becomes a
 * BPF_MAP_TYPE_STRUCT_OPS map whose value is the kernel's wrapper type
 * bpf_struct_ops_<name>; each program is loaded with the kernel struct as
 * its attach BTF id and the member index as its expected attach type.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "object/object.h"
#include "object/struct_ops.h"
#include "util/alloc.h"
#include "util/log.h"

struct obj_st_ops {
	const struct btf_type *type;	/* local struct */
	__u32 type_id;
	void *data;			/* local contents from the ELF section */
	struct bpf_program **progs;	/* per local member */
	__u32 kern_type_id;		/* struct <name> in vmlinux */
	__u32 kern_vtype_id;		/* bpf_struct_ops_<name> in vmlinux */
	__u32 kern_data_off;		/* offset of its "data" member */
	void *kern_vdata;		/* the value written to the map */
	char *tname;			/* struct name */
};

bool obj_map_is_struct_ops(const struct bpf_map *map)
{
	return map && map->libbpf_type == OBJ_MAP_STRUCT_OPS;
}

static struct obj_st_ops *obj_st(const struct bpf_map *map)
{
	return obj_map_is_struct_ops(map) ? map->st_ops : NULL;
}

void obj_st_ops_free(struct bpf_map *map)
{
	struct obj_st_ops *st = obj_st(map);

	if (!st)
		return;
	free(st->data);
	free(st->progs);
	free(st->kern_vdata);
	free(st->tname);
	free(st);
	map->st_ops = NULL;
}

const void *obj_map_struct_ops_value(const struct bpf_map *map, size_t *size)
{
	struct obj_st_ops *st = obj_st(map);

	if (!st || !st->kern_vdata || !map->obj->loaded) {
		errno = EINVAL;
		return NULL;
	}
	if (size)
		*size = map->def.value_size;
	return st->kern_vdata;
}

void *obj_st_ops_data(const struct bpf_map *map)
{
	struct obj_st_ops *st = obj_st(map);

	return st ? st->data : NULL;
}

static const struct btf_type *obj_resolve(const struct btf *btf, __u32 id,
					  __u32 *res)
{
	const struct btf_type *t = btf__type_by_id(btf, id);
	int n = 0;

	while (t && (btf_is_mod(t) || btf_is_typedef(t)) && n++ < 32) {
		id = t->type;
		t = btf__type_by_id(btf, id);
	}
	if (res)
		*res = id;
	return t;
}

static int obj_st_kern_types(struct bpf_object *obj, struct bpf_map *map,
			     const char *tname)
{
	struct obj_st_ops *st = map->st_ops;
	const struct btf_type *vt;
	const struct btf_member *m;
	const struct btf *vmlinux = obj_vmlinux_btf(obj);
	char wrapper[256];
	__s32 id;
	__u32 i;

	if (!vmlinux) {
		pr_warn("struct_ops '%s': needs vmlinux BTF\n", map->name);
		return -ENOTSUP;
	}
	id = btf__find_by_name_kind(vmlinux, tname, BTF_KIND_STRUCT);
	if (id <= 0) {
		pr_warn("struct_ops '%s': struct %s is not in vmlinux BTF\n",
			map->name, tname);
		return -ENOTSUP;
	}
	st->kern_type_id = id;
	snprintf(wrapper, sizeof(wrapper), "bpf_struct_ops_%s", tname);
	id = btf__find_by_name_kind(vmlinux, wrapper, BTF_KIND_STRUCT);
	if (id <= 0) {
		pr_warn("struct_ops '%s': the kernel has no %s (struct %s cannot be implemented in BPF)\n",
			map->name, wrapper, tname);
		return -ENOTSUP;
	}
	st->kern_vtype_id = id;
	vt = btf__type_by_id(vmlinux, id);
	m = btf_members(vt);
	for (i = 0; i < btf_vlen(vt); i++, m++) {
		if (m->type == st->kern_type_id) {
			st->kern_data_off = btf_member_bit_offset(vt, i) / 8;
			break;
		}
	}
	if (i == btf_vlen(vt)) {
		pr_warn("struct_ops '%s': %s has no member of type struct %s\n",
			map->name, wrapper, tname);
		return -EINVAL;
	}
	map->def.value_size = vt->size;
	map->btf_vmlinux_value_type_id = st->kern_vtype_id;
	return 0;
}

static int obj_st_ops_sec(struct bpf_object *obj, const struct elf_sec *sec)
{
	const struct btf_type *ds;
	const struct btf_var_secinfo *vi;
	bool link = !strcmp(sec->name, ".struct_ops.link");
	__s32 ds_id;
	__u32 i;

	if (!obj->btf) {
		pr_warn("elf: '%s': SEC(\"%s\") needs BTF\n", obj->path, sec->name);
		return -EINVAL;
	}
	ds_id = btf__find_by_name_kind(obj->btf, sec->name, BTF_KIND_DATASEC);
	if (ds_id <= 0) {
		pr_warn("elf: '%s': no DATASEC '%s' in BTF\n", obj->path, sec->name);
		return -EINVAL;
	}
	ds = btf__type_by_id(obj->btf, ds_id);
	vi = btf_var_secinfos(ds);
	for (i = 0; i < btf_vlen(ds); i++, vi++) {
		const struct btf_type *var = btf__type_by_id(obj->btf, vi->type);
		const struct btf_type *t;
		struct obj_st_ops *st;
		struct bpf_map *map;
		const char *vname, *tname;
		__u32 tid;

		vname = var ? btf__name_by_offset(obj->btf, var->name_off) : NULL;
		t = var ? obj_resolve(obj->btf, var->type, &tid) : NULL;
		if (!vname || !t || !btf_is_struct(t) ||
		    vi->offset > sec->size || vi->size > sec->size - vi->offset ||
		    t->size != vi->size) {
			pr_warn("elf: '%s': bad struct_ops variable %u in '%s'\n",
				obj->path, i, sec->name);
			return -EINVAL;
		}
		tname = btf__name_by_offset(obj->btf, t->name_off);
		map = obj_add_map(obj);
		if (!map)
			return -ENOMEM;
		map->libbpf_type = OBJ_MAP_STRUCT_OPS;
		map->sec_idx = sec->idx;
		map->sec_offset = vi->offset;
		map->sec_size = vi->size;
		map->name = strdup(vname);
		map->real_name = strdup(vname);
		st = calloc(1, sizeof(*st));
		if (!map->name || !map->real_name || !st) {
			free(st);
			return -ENOMEM;
		}
		map->st_ops = st;
		map->def.type = BPF_MAP_TYPE_STRUCT_OPS;
		map->def.key_size = sizeof(int);
		/* the local size until load gives the kernel wrapper's */
		map->def.value_size = t->size;
		map->btf_value_type_id = tid;	/* the local struct */
		map->def.max_entries = 1;
		map->def.map_flags = link ? BPF_F_LINK : 0;
		st->type = t;
		st->type_id = tid;
		st->data = calloc(1, t->size ? t->size : 1);
		st->progs = calloc(btf_vlen(t) ? btf_vlen(t) : 1, sizeof(*st->progs));
		if (!st->data || !st->progs)
			return -ENOMEM;
		if (sec->data)
			memcpy(st->data, (const char *)sec->data + vi->offset, t->size);
		st->tname = strdup(tname ? tname : "");
		if (!st->tname)
			return -ENOMEM;
	}
	return 0;
}

static int obj_st_ops_relos(struct bpf_object *obj, const struct elf_sec *rs)
{
	struct elf_file *ef = obj->ef;
	size_t j, k;
	int err;

	for (j = 0; j < elf_rel_cnt(rs); j++) {
		const struct btf_member *m;
		struct bpf_program *prog;
		struct bpf_map *map = NULL;
		struct obj_st_ops *st;
		GElf_Rel rel;
		GElf_Sym sym;
		__u32 moff, i;

		err = elf_rel(ef, rs, j, &rel);
		if (!err)
			err = elf_sym(ef, GELF_R_SYM(rel.r_info), &sym);
		if (err)
			return err;
		for (k = 0; k < obj->nr_maps; k++) {
			struct bpf_map *mm = &obj->maps[k];

			if (mm->libbpf_type == OBJ_MAP_STRUCT_OPS &&
			    (size_t)mm->sec_idx == rs->shdr.sh_info &&
			    rel.r_offset >= mm->sec_offset &&
			    rel.r_offset < mm->sec_offset + mm->sec_size)
				map = mm;
		}
		prog = GELF_ST_TYPE(sym.st_info) == STT_FUNC ?
		       obj_prog_by_sec_insn(obj, sym.st_shndx,
					    sym.st_value / OBJ_INSN_SZ) : NULL;
		if (!map || !prog || prog->is_subprog) {
			pr_warn("struct_ops: relocation #%zu of '%s' is not a program in a struct_ops variable\n",
				j, rs->name);
			return -EINVAL;
		}
		st = map->st_ops;
		moff = rel.r_offset - map->sec_offset;
		m = btf_members(st->type);
		for (i = 0; i < btf_vlen(st->type); i++, m++)
			if (btf_member_bit_offset(st->type, i) / 8 == moff)
				break;
		if (i == btf_vlen(st->type)) {
			pr_warn("struct_ops '%s': no member at offset %u\n", map->name, moff);
			return -EINVAL;
		}
		if (prog->type != BPF_PROG_TYPE_STRUCT_OPS) {
			pr_warn("struct_ops '%s': member %u names prog '%s', which is not in a struct_ops section\n",
				map->name, i, prog->name);
			return -EINVAL;
		}
		st->progs[i] = prog;
	}
	return 0;
}

static bool obj_st_prog_used(struct bpf_object *obj, struct bpf_program *prog,
			     bool created_only)
{
	size_t k;
	__u32 i;

	for (k = 0; k < obj->nr_maps; k++) {
		struct bpf_map *map = &obj->maps[k];
		struct obj_st_ops *st = obj_st(map);

		if (!st || (created_only && !map->autocreate))
			continue;
		for (i = 0; i < btf_vlen(st->type); i++)
			if (st->progs[i] == prog)
				return true;
	}
	return false;
}

/*
 * Kernel side, at prepare: the wrapper type of each map that will be
 * created, and the attach ids of its programs.  Programs used only by maps
 * that are not created are not loaded either.
 */
int obj_st_ops_prepare(struct bpf_object *obj)
{
	const struct btf *vmlinux = NULL;
	size_t k;
	int err;

	for (k = 0; k < obj->nr_progs; k++) {
		struct bpf_program *prog = &obj->progs[k];

		if (prog->type == BPF_PROG_TYPE_STRUCT_OPS && prog->autoload &&
		    obj_st_prog_used(obj, prog, false) &&
		    !obj_st_prog_used(obj, prog, true))
			prog->autoload = false;
	}
	for (k = 0; k < obj->nr_maps; k++) {
		struct bpf_map *map = &obj->maps[k];
		struct obj_st_ops *st = obj_st(map);
		const struct btf_member *m;
		const struct btf_type *kt;
		__u32 i;

		if (!st || !map->autocreate)
			continue;
		err = obj_st_kern_types(obj, map, st->tname);
		if (err)
			return err;
		vmlinux = obj_vmlinux_btf(obj);
		kt = btf__type_by_id(vmlinux, st->kern_type_id);
		m = btf_members(st->type);
		for (i = 0; i < btf_vlen(st->type); i++, m++) {
			const char *mname = btf__name_by_offset(obj->btf, m->name_off);
			const struct btf_member *km = btf_members(kt);
			__u32 ki;

			if (!st->progs[i])
				continue;
			for (ki = 0; ki < btf_vlen(kt); ki++, km++) {
				const char *kn = btf__name_by_offset(vmlinux, km->name_off);

				if (kn && mname && !strcmp(kn, mname))
					break;
			}
			if (ki == btf_vlen(kt)) {
				pr_warn("struct_ops '%s': the kernel's struct %s has no member '%s'\n",
					map->name, st->tname, mname ? mname : "?");
				return -ENOTSUP;
			}
			st->progs[i]->attach_btf_id = st->kern_type_id;
			st->progs[i]->expected_attach_type = ki;
		}
	}
	return 0;
}

int obj_collect_struct_ops(struct bpf_object *obj)
{
	struct elf_file *ef = obj->ef;
	size_t i, k;
	int err;

	for (i = 1; i < ef->nsecs; i++) {
		const struct elf_sec *sec = &ef->secs[i];

		if (strcmp(sec->name, ".struct_ops") &&
		    strcmp(sec->name, ".struct_ops.link"))
			continue;
		err = obj_st_ops_sec(obj, sec);
		if (err)
			return err;
	}
	for (i = 1; i < ef->nsecs; i++) {
		const struct elf_sec *rs = &ef->secs[i];
		const struct elf_sec *target;

		if (rs->shdr.sh_type != SHT_REL)
			continue;
		target = elf_rel_target(ef, rs);
		if (!target || (strcmp(target->name, ".struct_ops") &&
				strcmp(target->name, ".struct_ops.link")))
			continue;
		err = obj_st_ops_relos(obj, rs);
		if (err)
			return err;
	}
	/* struct_ops programs no map refers to are not loaded by default */
	for (k = 0; k < obj->nr_progs; k++) {
		struct bpf_program *prog = &obj->progs[k];

		if (prog->type == BPF_PROG_TYPE_STRUCT_OPS &&
		    !obj_st_prog_used(obj, prog, false))
			prog->autoload = false;
	}
	return 0;
}

/* The wrapper value: data members now, program fds after load. */
int obj_st_ops_init_value(struct bpf_object *obj, struct bpf_map *map,
			  bool with_progs)
{
	struct obj_st_ops *st = obj_st(map);
	const struct btf *vmlinux = obj_vmlinux_btf(obj);
	const struct btf_type *kt;
	const struct btf_member *m;
	__u32 i;

	if (!st || !vmlinux)
		return st ? -ENOTSUP : 0;
	if (!st->kern_vdata) {
		st->kern_vdata = calloc(1, map->def.value_size);
		if (!st->kern_vdata)
			return -ENOMEM;
	}
	kt = btf__type_by_id(vmlinux, st->kern_type_id);
	m = btf_members(st->type);
	for (i = 0; i < btf_vlen(st->type); i++, m++) {
		const char *mname = btf__name_by_offset(obj->btf, m->name_off);
		const struct btf_member *km = btf_members(kt);
		const struct btf_type *mt, *kmt;
		__u32 ki, off = btf_member_bit_offset(st->type, i) / 8;
		__s64 lsz, ksz;
		char *dst;

		for (ki = 0; ki < btf_vlen(kt); ki++, km++) {
			const char *kn = btf__name_by_offset(vmlinux, km->name_off);

			if (kn && mname && !strcmp(kn, mname))
				break;
		}
		if (ki == btf_vlen(kt)) {
			pr_warn("struct_ops '%s': the kernel's struct has no member '%s'\n",
				map->name, mname ? mname : "?");
			return -ENOTSUP;
		}
		dst = (char *)st->kern_vdata + st->kern_data_off +
		      btf_member_bit_offset(kt, ki) / 8;
		kmt = obj_resolve(vmlinux, km->type, NULL);
		mt = obj_resolve(obj->btf, m->type, NULL);
		if (kmt && btf_is_ptr(kmt) && mt && btf_is_ptr(mt)) {
			const struct btf_type *fp = obj_resolve(vmlinux, kmt->type, NULL);

			if (fp && btf_is_func_proto(fp)) {
				__u64 fd = 0;

				if (st->progs[i] && with_progs)
					fd = st->progs[i]->fd;
				memcpy(dst, &fd, sizeof(fd));
				continue;
			}
		}
		lsz = btf__resolve_size(obj->btf, m->type);
		ksz = btf__resolve_size(vmlinux, km->type);
		if (lsz < 0 || ksz < 0 || lsz != ksz) {
			pr_warn("struct_ops '%s': member '%s' has size %lld here and %lld in the kernel\n",
				map->name, mname, (long long)lsz, (long long)ksz);
			return -EINVAL;
		}
		memcpy(dst, (char *)st->data + off, lsz);
	}
	return 0;
}
