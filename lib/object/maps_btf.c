// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * BTF-defined maps: each variable of SEC(".maps") is a struct whose members
 * encode the map's attributes in their types (__uint(name, N) is a pointer
 * to an array of N elements, __type(name, T) a pointer to T, __array(values,
 * T) a flexible array of pointers).  Initial contents of map-in-map and
 * program-array slots come from the relocations of .rel.maps.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "object/object.h"
#include "util/log.h"

static const struct btf_type *obj_skip_mods(const struct btf *btf, __u32 id,
					    __u32 *res_id)
{
	const struct btf_type *t = btf__type_by_id(btf, id);
	int depth = 0;

	while (t && (btf_is_mod(t) || btf_is_typedef(t)) && depth++ < 32) {
		id = t->type;
		t = btf__type_by_id(btf, id);
	}
	if (res_id)
		*res_id = id;
	return t;
}

/* __ulong(name, N): an enum whose only value is N. */
static int obj_map_field_long(const struct btf *btf, const char *map_name,
			      const struct btf_member *m, const char *fname,
			      __u64 *res)
{
	const struct btf_type *t = obj_skip_mods(btf, m->type, NULL);

	if (t && btf_is_enum(t) && btf_vlen(t) == 1) {
		*res = (__u32)btf_enum(t)->val;
		return 0;
	}
	if (t && btf_is_enum64(t) && btf_vlen(t) == 1) {
		*res = btf_enum64_value(btf_enum64(t));
		return 0;
	}
	pr_warn("map '%s': attribute '%s' is neither __uint() nor __ulong()\n",
		map_name, fname);
	return -EINVAL;
}

/* __uint(name, N): pointer to an array of N elements. */
static int obj_map_field_int(const struct btf *btf, const char *map_name,
			     const struct btf_member *m, const char *fname,
			     __u32 *res)
{
	const struct btf_type *t = obj_skip_mods(btf, m->type, NULL);
	const struct btf_type *arr;

	if (!t || !btf_is_ptr(t)) {
		pr_warn("map '%s': attribute '%s' is not a pointer (use __uint())\n",
			map_name, fname);
		return -EINVAL;
	}
	arr = btf__type_by_id(btf, t->type);
	if (!arr || !btf_is_array(arr)) {
		pr_warn("map '%s': attribute '%s' does not point to an array (use __uint())\n",
			map_name, fname);
		return -EINVAL;
	}
	*res = btf_array(arr)->nelems;
	return 0;
}

static int obj_set_size(const char *map_name, const char *what, __u32 *cur,
			__u32 val)
{
	if (*cur && *cur != val) {
		pr_warn("map '%s': conflicting %s size %u and %u\n", map_name,
			what, *cur, val);
		return -EINVAL;
	}
	*cur = val;
	return 0;
}

static int obj_parse_map_def(struct bpf_object *obj, struct bpf_map *map,
			     const char *map_name, __u32 def_id, bool is_inner,
			     const struct btf_type **values_type,
			     __u32 *values_off);

static int obj_parse_values(struct bpf_object *obj, struct bpf_map *map,
			    const char *map_name, const struct btf_member *m,
			    bool is_inner)
{
	const struct btf *btf = obj->btf;
	const struct btf_type *t, *elem;
	__u32 elem_id;
	char inner_name[128];
	int err;

	if (is_inner) {
		pr_warn("map '%s': inner maps cannot have 'values'\n", map_name);
		return -ENOTSUP;
	}
	t = obj_skip_mods(btf, m->type, NULL);
	if (!t || !btf_is_array(t) || btf_array(t)->nelems) {
		pr_warn("map '%s': 'values' must be a flexible array (use __array())\n",
			map_name);
		return -EINVAL;
	}
	elem = obj_skip_mods(btf, btf_array(t)->type, NULL);
	if (!elem || !btf_is_ptr(elem)) {
		pr_warn("map '%s': 'values' must hold pointers\n", map_name);
		return -EINVAL;
	}
	elem = obj_skip_mods(btf, elem->type, &elem_id);
	if (!elem)
		return -EINVAL;
	if (btf_is_func_proto(elem)) {
		if (map->def.type != BPF_MAP_TYPE_PROG_ARRAY) {
			pr_warn("map '%s': program 'values' need a prog array\n",
				map_name);
			return -EINVAL;
		}
		map->init_slots_progs = true;
		return obj_set_size(map_name, "value", &map->def.value_size, 4);
	}
	if (!btf_is_struct(elem)) {
		pr_warn("map '%s': 'values' must point to a map definition struct\n",
			map_name);
		return -EINVAL;
	}
	if (map->def.type != BPF_MAP_TYPE_ARRAY_OF_MAPS &&
	    map->def.type != BPF_MAP_TYPE_HASH_OF_MAPS) {
		pr_warn("map '%s': inner map 'values' need a map-in-map type\n",
			map_name);
		return -EINVAL;
	}
	if (map->inner_map) {
		pr_warn("map '%s': 'values' given twice\n", map_name);
		return -EINVAL;
	}
	map->inner_map = calloc(1, sizeof(*map->inner_map));
	if (!map->inner_map)
		return -ENOMEM;
	map->inner_map->fd = -1;
	map->inner_map->inner_map_fd = -1;
	map->inner_map->obj = obj;
	map->inner_map->sec_idx = -1;
	snprintf(inner_name, sizeof(inner_name), "%s.inner", map_name);
	map->inner_map->name = strdup(inner_name);
	if (!map->inner_map->name)
		return -ENOMEM;
	err = obj_parse_map_def(obj, map->inner_map, inner_name, elem_id, true,
				NULL, NULL);
	if (err)
		return err;
	err = obj_set_size(map_name, "value", &map->def.value_size, 4);
	return err;
}

static int obj_parse_map_def(struct bpf_object *obj, struct bpf_map *map,
			     const char *map_name, __u32 def_id, bool is_inner,
			     const struct btf_type **values_type,
			     __u32 *values_off)
{
	const struct btf *btf = obj->btf;
	const struct btf_type *def = obj_skip_mods(btf, def_id, NULL);
	const struct btf_member *m;
	__u32 i, val;
	int err;

	if (!def || !btf_is_struct(def)) {
		pr_warn("map '%s': definition is not a struct\n", map_name);
		return -EINVAL;
	}
	m = btf_members(def);
	for (i = 0; i < btf_vlen(def); i++, m++) {
		const char *fname = btf__name_by_offset(btf, m->name_off);
		const struct btf_type *pt;
		__u32 tid;
		__s64 sz;

		if (!fname || !*fname) {
			pr_warn("map '%s': unnamed attribute %u\n", map_name, i);
			return -EINVAL;
		}
		if (!strcmp(fname, "type")) {
			err = obj_map_field_int(btf, map_name, m, fname, &map->def.type);
		} else if (!strcmp(fname, "max_entries")) {
			err = obj_map_field_int(btf, map_name, m, fname,
						&map->def.max_entries);
		} else if (!strcmp(fname, "map_flags")) {
			err = obj_map_field_int(btf, map_name, m, fname,
						&map->def.map_flags);
		} else if (!strcmp(fname, "numa_node")) {
			err = obj_map_field_int(btf, map_name, m, fname,
						&map->numa_node);
		} else if (!strcmp(fname, "key_size") ||
			   !strcmp(fname, "value_size")) {
			bool key = fname[0] == 'k';

			err = obj_map_field_int(btf, map_name, m, fname, &val);
			if (!err)
				err = obj_set_size(map_name, key ? "key" : "value",
						   key ? &map->def.key_size :
							 &map->def.value_size,
						   val);
		} else if (!strcmp(fname, "key") || !strcmp(fname, "value")) {
			bool key = fname[0] == 'k';

			pt = obj_skip_mods(btf, m->type, NULL);
			if (!pt || !btf_is_ptr(pt)) {
				pr_warn("map '%s': '%s' is not a pointer (use __type())\n",
					map_name, fname);
				return -EINVAL;
			}
			tid = pt->type;
			sz = btf__resolve_size(btf, tid);
			if (sz < 0) {
				pr_warn("map '%s': cannot tell the size of '%s': %s\n",
					map_name, fname, util_errstr((int)sz));
				return (int)sz;
			}
			err = obj_set_size(map_name, key ? "key" : "value",
					   key ? &map->def.key_size :
						 &map->def.value_size,
					   (__u32)sz);
			if (key)
				map->btf_key_type_id = tid;
			else
				map->btf_value_type_id = tid;
		} else if (!strcmp(fname, "values")) {
			err = obj_parse_values(obj, map, map_name, m, is_inner);
			if (!err && values_off)
				*values_off = btf_member_bit_offset(def, i) / 8;
			if (!err && values_type)
				*values_type = def;
		} else if (!strcmp(fname, "pinning")) {
			if (is_inner) {
				pr_warn("map '%s': inner maps cannot be pinned\n",
					map_name);
				return -EINVAL;
			}
			err = obj_map_field_int(btf, map_name, m, fname, &val);
			if (!err && val != OBJ_PIN_NONE &&
			    val != OBJ_PIN_BY_NAME) {
				pr_warn("map '%s': pinning %u is not supported\n",
					map_name, val);
				err = -EINVAL;
			}
			if (!err)
				map->pinning = val;
		} else if (!strcmp(fname, "map_extra")) {
			const struct btf_type *mt = obj_skip_mods(btf, m->type, NULL);

			if (mt && btf_is_ptr(mt)) {
				err = obj_map_field_int(btf, map_name, m, fname, &val);
				map->map_extra = val;
			} else {
				err = obj_map_field_long(btf, map_name, m, fname,
							 &map->map_extra);
			}
		} else {
			if (!obj->relaxed_maps) {
				pr_warn("map '%s': unknown attribute '%s'\n",
					map_name, fname);
				return -ENOTSUP;
			}
			pr_debug("map '%s': ignoring unknown attribute '%s'\n",
				 map_name, fname);
			err = 0;
		}
		if (err)
			return err;
	}
	if (map->def.type == BPF_MAP_TYPE_UNSPEC) {
		pr_warn("map '%s': map type is not set\n", map_name);
		return -EINVAL;
	}
	return 0;
}

static int obj_map_pin_path_default(struct bpf_object *obj, struct bpf_map *map)
{
	const char *root = obj->pin_root_path ? obj->pin_root_path : "/sys/fs/bpf";
	char buf[PATH_MAX];
	int n;

	n = snprintf(buf, sizeof(buf), "%s/%s", root, map->name);
	if (n < 0 || n >= (int)sizeof(buf))
		return -ENAMETOOLONG;
	obj_sanitize_pin_path(buf);
	return bpf_map__set_pin_path(map, buf);
}

int obj_collect_btf_maps(struct bpf_object *obj)
{
	const struct elf_sec *sec;
	const struct btf_type *ds;
	const struct btf_var_secinfo *vi;
	__s32 ds_id;
	__u32 i;
	int err;

	if (!obj->btf_maps_shndx)
		return 0;
	sec = elf_sec_by_idx(obj->ef, obj->btf_maps_shndx);
	if (!obj->btf) {
		pr_warn("elf: '%s': SEC(\".maps\") needs BTF (compile with -g)\n",
			obj->path);
		return -EINVAL;
	}
	ds_id = btf__find_by_name_kind(obj->btf, ".maps", BTF_KIND_DATASEC);
	if (ds_id < 0) {
		pr_warn("elf: '%s': no DATASEC '.maps' in BTF\n", obj->path);
		return -EINVAL;
	}
	ds = btf__type_by_id(obj->btf, ds_id);
	vi = btf_var_secinfos(ds);
	for (i = 0; i < btf_vlen(ds); i++, vi++) {
		const struct btf_type *var = btf__type_by_id(obj->btf, vi->type);
		struct bpf_map *map;
		const char *name;

		if (!var || !btf_is_var(var)) {
			pr_warn("elf: '%s': .maps entry %u is not a variable\n",
				obj->path, i);
			return -EINVAL;
		}
		name = btf__name_by_offset(obj->btf, var->name_off);
		if (!name || !*name)
			return -EINVAL;
		if (vi->offset > sec->size || vi->size > sec->size - vi->offset) {
			pr_warn("map '%s': lies outside SEC(\".maps\")\n", name);
			return -EINVAL;
		}
		map = obj_add_map(obj);
		if (!map)
			return -ENOMEM;
		map->libbpf_type = OBJ_MAP_USER;
		map->sec_idx = obj->btf_maps_shndx;
		map->sec_offset = vi->offset;
		map->sec_size = vi->size;
		map->btf_var_idx = i;
		map->name = strdup(name);
		map->real_name = strdup(name);
		if (!map->name || !map->real_name)
			return -ENOMEM;
		err = obj_parse_map_def(obj, map, name, var->type, false, NULL,
					&map->values_off);
		if (err)
			return err;
		if (map->pinning == OBJ_PIN_BY_NAME) {
			err = obj_map_pin_path_default(obj, map);
			if (err)
				return err;
		}
		pr_debug("map '%s': type %u key %u value %u max %u flags 0x%x\n",
			 name, map->def.type, map->def.key_size,
			 map->def.value_size, map->def.max_entries,
			 map->def.map_flags);
	}
	return obj_collect_map_slots(obj);
}

/* .rel.maps: map or program pointers in the 'values' of a map. */
int obj_collect_map_slots(struct bpf_object *obj)
{
	struct elf_file *ef = obj->ef;
	size_t i, j;
	int err;

	for (i = 1; i < ef->nsecs; i++) {
		const struct elf_sec *rs = &ef->secs[i];

		if (rs->shdr.sh_type != SHT_REL ||
		    rs->shdr.sh_info != obj->btf_maps_shndx)
			continue;
		for (j = 0; j < elf_rel_cnt(rs); j++) {
			struct bpf_map *map = NULL, *target_map = NULL;
			struct bpf_program *target_prog = NULL;
			const char *name;
			GElf_Rel rel;
			GElf_Sym sym;
			size_t k, slot;
			void *p;

			err = elf_rel(ef, rs, j, &rel);
			if (!err)
				err = elf_sym(ef, GELF_R_SYM(rel.r_info), &sym);
			if (err)
				return err;
			name = elf_sym_name(ef, &sym);
			for (k = 0; k < obj->nr_maps; k++) {
				struct bpf_map *m = &obj->maps[k];

				if ((size_t)m->sec_idx == obj->btf_maps_shndx &&
				    rel.r_offset >= m->sec_offset &&
				    rel.r_offset < m->sec_offset + m->sec_size) {
					map = m;
					break;
				}
			}
			if (!map || !name || (!map->inner_map && !map->init_slots_progs) ||
			    rel.r_offset < map->sec_offset + map->values_off ||
			    (rel.r_offset - map->sec_offset - map->values_off) % 8) {
				pr_warn("map '%s': bad initial value relocation #%zu\n",
					map ? map->name : "?", j);
				return -EINVAL;
			}
			slot = (rel.r_offset - map->sec_offset - map->values_off) / 8;
			if (map->init_slots_progs) {
				for (k = 0; k < obj->nr_progs; k++)
					if (!obj->progs[k].is_subprog &&
					    !strcmp(obj->progs[k].name, name))
						target_prog = &obj->progs[k];
				if (!target_prog) {
					pr_warn("map '%s': slot %zu: '%s' is not a program\n",
						map->name, slot, name);
					return -EINVAL;
				}
			} else {
				for (k = 0; k < obj->nr_maps; k++)
					if (obj->maps[k].libbpf_type == OBJ_MAP_USER &&
					    !strcmp(obj->maps[k].name, name))
						target_map = &obj->maps[k];
				if (!target_map) {
					pr_warn("map '%s': slot %zu: '%s' is not a map\n",
						map->name, slot, name);
					return -EINVAL;
				}
			}
			if (slot >= (size_t)map->init_slots_sz) {
				p = realloc(map->init_slots, (slot + 1) * sizeof(void *));
				if (!p)
					return -ENOMEM;
				memset((void **)p + map->init_slots_sz, 0,
				       (slot + 1 - map->init_slots_sz) * sizeof(void *));
				map->init_slots = p;
				map->init_slots_sz = slot + 1;
			}
			/* Maps move while the array grows: keep indexes. */
			map->init_slots[slot] = target_prog ? (void *)target_prog :
				(void *)(long)(target_map - obj->maps + 1);
		}
	}
	return 0;
}
