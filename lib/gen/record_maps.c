// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Recording the object's BTF load and its maps: creation (with the BTF fd
 * and the caller's max_entries, known only at run time; map-in-maps with
 * their inner template), the initial contents of global data maps (copied
 * from the caller's memory, where the skeleton keeps them, when
 * map_desc.initial_value is set), the freeze of read-only ones, and the
 * initial slots of map-in-maps and (after the program loads) prog arrays.  The fds go to the context and to the fd_array
 * the programs are loaded with (map index = fd_array index).
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "gen/gen.h"
#include "gen/gen_internal.h"
#include "gen/insn.h"
#include "object/object.h"
#include "util/log.h"

#define GEN_ATTR_SZ(field) \
	(offsetof(union bpf_attr, field) + sizeof(((union bpf_attr *)0)->field))

int gen_record_btf(struct bpf_object *obj)
{
	struct gen_loader *gen = obj->gen;
	union bpf_attr attr;
	const void *raw;
	__u32 size, raw_off, attr_off;

	raw = btf__raw_data(obj->btf, &size);
	if (!raw)
		return -errno;
	raw_off = gen_add_data(gen, raw, size);
	memset(&attr, 0, sizeof(attr));
	attr.btf_size = size;
	attr_off = gen_add_data(gen, &attr, GEN_ATTR_SZ(btf_log_level));
	gen_set_ptr(gen, attr_off + offsetof(union bpf_attr, btf), raw_off);
	/* the caller's verifier log settings serve the BTF check too */
	gen_ctx_to_blob(gen, attr_off + offsetof(union bpf_attr, btf_log_level),
			GEN_CTX_LOG_LEVEL, 4, false);
	gen_ctx_to_blob(gen, attr_off + offsetof(union bpf_attr, btf_log_size),
			GEN_CTX_LOG_SIZE, 4, false);
	gen_ctx_to_blob(gen, attr_off + offsetof(union bpf_attr, btf_log_buf),
			GEN_CTX_LOG_BUF, 8, false);
	gen_sys_bpf(gen, BPF_BTF_LOAD, attr_off, GEN_ATTR_SZ(btf_log_level));
	gen_check_r0(gen);
	gen_store_r0(gen, gen->btf_fd_off);
	gen_track_tmp_fd(gen, gen->btf_fd_off);
	gen->has_btf = true;
	pr_debug("object '%s': light skeleton: BTF of %u bytes recorded\n",
		 obj->name, size);
	return gen->err;
}

static void gen_map_attr(struct bpf_object *obj, struct bpf_map *map,
			 union bpf_attr *attr)
{
	struct bpf_map_def def = map->def;

	if (def.type == BPF_MAP_TYPE_RINGBUF || def.type == BPF_MAP_TYPE_USER_RINGBUF)
		def.max_entries = obj_ringbuf_size(def.max_entries);
	if (def.type == BPF_MAP_TYPE_PERF_EVENT_ARRAY && !def.max_entries) {
		int cpus = libbpf_num_possible_cpus();

		def.max_entries = cpus > 0 ? cpus : 1;
	}
	memset(attr, 0, sizeof(*attr));
	attr->map_type = def.type;
	attr->key_size = def.key_size;
	attr->value_size = def.value_size;
	attr->max_entries = def.max_entries;
	attr->map_flags = def.map_flags;
	attr->numa_node = map->numa_node;
	if (map->numa_node)
		attr->map_flags |= BPF_F_NUMA_NODE;
	attr->map_ifindex = map->map_ifindex;
	attr->map_extra = map->map_extra;
	strncpy(attr->map_name, map->name, sizeof(attr->map_name) - 1);
	if (obj->gen->has_btf && !obj_map_no_btf(def.type) &&
	    (map->btf_key_type_id || map->btf_value_type_id)) {
		attr->btf_key_type_id = map->btf_key_type_id;
		attr->btf_value_type_id = map->btf_value_type_id;
	}
}

/* Global data: caller's copy (if any) into the blob, update, freeze. */
static void gen_map_data(struct gen_loader *gen, struct bpf_map *map, __u32 idx)
{
	__u32 value_sz = map->def.value_size;
	__u32 val_off, attr_off;
	union bpf_attr attr;

	/* .bss may have no copy: zeroes then */
	val_off = gen_add_data(gen, map->mmaped, value_sz);

	/* r3 = initial_value; if (r3) r0 = bpf_copy_from_user(blob + val_off, sz, r3) */
	gen_emit(gen, GEN_LDX(BPF_DW, BPF_REG_3, BPF_REG_6,
			      (__s16)(gen_ctx_map(idx) + 8)));
	gen_emit(gen, GEN_JMP_IMM(BPF_JEQ, BPF_REG_3, 0, 7));
	gen_ld_blob(gen, BPF_REG_1, val_off);
	gen_emit(gen, GEN_MOV_IMM(BPF_REG_2, (__s32)value_sz));
	gen_emit(gen, GEN_CALL(BPF_FUNC_copy_from_user));
	gen_check_r0(gen);

	memset(&attr, 0, sizeof(attr));
	attr_off = gen_add_data(gen, &attr, GEN_ATTR_SZ(flags));
	gen_copy32(gen, attr_off + offsetof(union bpf_attr, map_fd),
		   gen->fd_array_off + 4 * idx);
	gen_set_ptr(gen, attr_off + offsetof(union bpf_attr, key), gen->zero_off);
	gen_set_ptr(gen, attr_off + offsetof(union bpf_attr, value), val_off);
	gen_sys_bpf(gen, BPF_MAP_UPDATE_ELEM, attr_off, GEN_ATTR_SZ(flags));
	gen_check_r0(gen);

	if (map->libbpf_type != OBJ_MAP_RODATA &&
	    map->libbpf_type != OBJ_MAP_KCONFIG)
		return;
	attr_off = gen_add_data(gen, &attr, GEN_ATTR_SZ(map_fd));
	gen_copy32(gen, attr_off + offsetof(union bpf_attr, map_fd),
		   gen->fd_array_off + 4 * idx);
	gen_sys_bpf(gen, BPF_MAP_FREEZE, attr_off, GEN_ATTR_SZ(map_fd));
	gen_check_r0(gen);
}

/*
 * The inner map template of a map-in-map: created only so that the outer
 * map can be created with it (its fd is closed when the loader ends).
 * Returns the blob slot of its fd.
 */
static __u32 gen_record_inner(struct bpf_object *obj, struct bpf_map *inner)
{
	struct gen_loader *gen = obj->gen;
	__u32 attr_off, fd_off;
	union bpf_attr attr;

	gen_map_attr(obj, inner, &attr);
	attr_off = gen_add_data(gen, &attr, GEN_ATTR_SZ(map_extra));
	if (attr.btf_key_type_id || attr.btf_value_type_id)
		gen_copy32(gen, attr_off + offsetof(union bpf_attr, btf_fd),
			   gen->btf_fd_off);
	gen_sys_bpf(gen, BPF_MAP_CREATE, attr_off, GEN_ATTR_SZ(map_extra));
	gen_check_r0(gen);
	fd_off = gen_add_data(gen, NULL, 4);
	gen_store_r0(gen, fd_off);
	gen_track_tmp_fd(gen, fd_off);
	return fd_off;
}

/* map[key] = the fd at blob + val_off (a map-in-map or prog array slot) */
static void gen_slot_update(struct gen_loader *gen, __u32 map_idx, __u32 key,
			    __u32 val_off)
{
	__u32 key_off, attr_off;
	union bpf_attr attr;

	key_off = gen_add_data(gen, &key, sizeof(key));
	memset(&attr, 0, sizeof(attr));
	attr_off = gen_add_data(gen, &attr, GEN_ATTR_SZ(flags));
	gen_copy32(gen, attr_off + offsetof(union bpf_attr, map_fd),
		   gen->fd_array_off + 4 * map_idx);
	gen_set_ptr(gen, attr_off + offsetof(union bpf_attr, key), key_off);
	gen_set_ptr(gen, attr_off + offsetof(union bpf_attr, value), val_off);
	gen_sys_bpf(gen, BPF_MAP_UPDATE_ELEM, attr_off, GEN_ATTR_SZ(flags));
	gen_check_r0(gen);
}

/* Initial inner maps of map-in-maps, once every map exists. */
static int gen_record_map_slots(struct bpf_object *obj)
{
	struct gen_loader *gen = obj->gen;
	size_t i;
	int j;

	for (i = 0; i < obj->nr_maps; i++) {
		struct bpf_map *map = &obj->maps[i];

		if (!map->autocreate || map->init_slots_progs)
			continue;
		for (j = 0; j < map->init_slots_sz; j++) {
			long target = (long)map->init_slots[j];

			if (!target)
				continue;
			if (!obj->maps[target - 1].autocreate) {
				pr_warn("map '%s': slot %d: map '%s' is not created\n",
					map->name, j, obj->maps[target - 1].name);
				return -EINVAL;
			}
			gen_slot_update(gen, (__u32)i, (__u32)j,
					gen->fd_array_off + 4 * (__u32)(target - 1));
		}
	}
	return gen->err;
}

/* Program array slots: the fds the loader stored in the prog descs. */
int gen_record_prog_slots(struct bpf_object *obj)
{
	struct gen_loader *gen = obj->gen;
	size_t i, k;
	int j;

	for (i = 0; i < obj->nr_maps; i++) {
		struct bpf_map *map = &obj->maps[i];

		if (!map->autocreate || !map->init_slots_progs)
			continue;
		for (j = 0; j < map->init_slots_sz; j++) {
			struct bpf_program *prog = map->init_slots[j];
			__u32 desc = 0, val_off;

			if (!prog)
				continue;
			if (prog->is_subprog || !prog->autoload) {
				pr_warn("map '%s': slot %d: prog '%s' is not loaded\n",
					map->name, j, prog->name);
				return -EINVAL;
			}
			for (k = 0; k < obj->nr_progs && &obj->progs[k] != prog; k++)
				if (!obj->progs[k].is_subprog)
					desc++;
			val_off = gen_add_data(gen, NULL, 4);
			gen_emit(gen, GEN_LDX(BPF_W, BPF_REG_0, BPF_REG_6,
					      (__s16)gen_ctx_prog(gen, desc)));
			gen_store_r0(gen, val_off);
			gen_slot_update(gen, (__u32)i, (__u32)j, val_off);
		}
	}
	return gen->err;
}

static int gen_record_map(struct bpf_object *obj, struct bpf_map *map, __u32 idx)
{
	struct gen_loader *gen = obj->gen;
	__u32 attr_off, inner_off = 0, ctx_off = gen_ctx_map(idx);
	union bpf_attr attr;

	if (map->inner_map)
		inner_off = gen_record_inner(obj, map->inner_map);
	gen_map_attr(obj, map, &attr);
	attr_off = gen_add_data(gen, &attr, GEN_ATTR_SZ(map_extra));
	if (map->inner_map)
		gen_copy32(gen, attr_off + offsetof(union bpf_attr, inner_map_fd),
			   inner_off);
	if (attr.btf_key_type_id || attr.btf_value_type_id)
		gen_copy32(gen, attr_off + offsetof(union bpf_attr, btf_fd),
			   gen->btf_fd_off);
	/* the skeleton may ask for another size (map_desc.max_entries) */
	if (!obj_map_is_data(map))
		gen_ctx_to_blob(gen, attr_off + offsetof(union bpf_attr, max_entries),
				ctx_off + 4, 4, true);
	gen_sys_bpf(gen, BPF_MAP_CREATE, attr_off, GEN_ATTR_SZ(map_extra));
	gen_check_r0(gen);
	gen_emit(gen, GEN_STX(BPF_W, BPF_REG_6, BPF_REG_0, (__s16)ctx_off));
	gen_store_r0(gen, gen->fd_array_off + 4 * idx);
	gen_track_ctx_fd(gen, ctx_off);
	if (obj_map_is_data(map))
		gen_map_data(gen, map, idx);
	if (gen->err)
		return gen->err;
	pr_debug("map '%s': light skeleton: creation recorded (desc %u)\n",
		 map->name, idx);
	return 0;
}

int gen_record_maps(struct bpf_object *obj)
{
	size_t i;
	int err;

	for (i = 0; i < obj->nr_maps; i++) {
		struct bpf_map *map = &obj->maps[i];

		if (!map->autocreate) {
			pr_debug("map '%s': skipped (autocreate off)\n", map->name);
			continue;
		}
		err = gen_record_map(obj, map, (__u32)i);
		if (err) {
			pr_warn("map '%s': light skeleton: cannot record: %s\n",
				map->name, util_errstr(err));
			return err;
		}
	}
	err = gen_record_map_slots(obj);
	if (err)
		pr_warn("object '%s': light skeleton: cannot record map slots: %s\n",
			obj->name, util_errstr(err));
	return err;
}
