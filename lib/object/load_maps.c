// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Creating the maps of an object: pinned maps are reused when compatible,
 * global data maps get their initial contents (then .rodata is frozen and
 * all are mmaped), map-in-map slots get their inner maps.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gen/gen.h"
#include "object/object.h"
#include "util/log.h"

/* Types whose key/value the kernel refuses to describe with BTF. */
bool obj_map_no_btf(__u32 type)
{
	switch (type) {
	case BPF_MAP_TYPE_PROG_ARRAY:
	case BPF_MAP_TYPE_PERF_EVENT_ARRAY:
	case BPF_MAP_TYPE_CGROUP_ARRAY:
	case BPF_MAP_TYPE_STACK_TRACE:
	case BPF_MAP_TYPE_ARRAY_OF_MAPS:
	case BPF_MAP_TYPE_HASH_OF_MAPS:
	case BPF_MAP_TYPE_DEVMAP:
	case BPF_MAP_TYPE_DEVMAP_HASH:
	case BPF_MAP_TYPE_CPUMAP:
	case BPF_MAP_TYPE_XSKMAP:
	case BPF_MAP_TYPE_SOCKMAP:
	case BPF_MAP_TYPE_SOCKHASH:
	case BPF_MAP_TYPE_QUEUE:
	case BPF_MAP_TYPE_STACK:
	case BPF_MAP_TYPE_RINGBUF:
	case BPF_MAP_TYPE_USER_RINGBUF:
		return true;
	default:
		return false;
	}
}

static int obj_map_create_one(struct bpf_object *obj, struct bpf_map *map)
{
	LIBBPF_OPTS(bpf_map_create_opts, opts);
	struct bpf_map_def def = map->def;
	int fd, err;

	err = obj_arena_check_create(obj, map);
	if (err)
		return err;
	opts.map_flags = def.map_flags;
	opts.numa_node = map->numa_node;
	opts.map_extra = map->map_extra;
	opts.map_ifindex = map->map_ifindex;
	if (map->numa_node)
		opts.map_flags |= BPF_F_NUMA_NODE;
	if (obj->token_fd >= 0) {
		opts.token_fd = obj->token_fd;
		opts.map_flags |= BPF_F_TOKEN_FD;
	}
	if (map->excl_prog) {
		opts.excl_prog_hash = map->excl_hash;
		opts.excl_prog_hash_size = sizeof(map->excl_hash);
	}
	if (map->inner_map) {
		err = obj_map_create_one(obj, map->inner_map);
		if (err)
			return err;
		opts.inner_map_fd = map->inner_map->fd;
	} else if (map->inner_map_fd >= 0) {
		opts.inner_map_fd = map->inner_map_fd;
	}
	if (def.type == BPF_MAP_TYPE_RINGBUF || def.type == BPF_MAP_TYPE_USER_RINGBUF)
		def.max_entries = obj_ringbuf_size(def.max_entries);
	if (def.type == BPF_MAP_TYPE_PERF_EVENT_ARRAY && !def.max_entries) {
		int cpus = libbpf_num_possible_cpus();

		def.max_entries = cpus > 0 ? cpus : 1;
	}
	if (map->libbpf_type == OBJ_MAP_STRUCT_OPS) {
		err = obj_st_ops_init_value(obj, map, false);
		if (err)
			return err;
		opts.btf_vmlinux_value_type_id = map->btf_vmlinux_value_type_id;
		/* the kernel takes the object's BTF along with the vmlinux type */
		if (obj->btf && btf__fd(obj->btf) >= 0)
			opts.btf_fd = btf__fd(obj->btf);
	}
	if (obj_map_no_btf(def.type)) {
		map->btf_key_type_id = 0;
		map->btf_value_type_id = 0;
	}
	if (obj->btf && btf__fd(obj->btf) >= 0 &&
	    def.type != BPF_MAP_TYPE_STRUCT_OPS &&
	    (map->btf_key_type_id || map->btf_value_type_id)) {
		opts.btf_fd = btf__fd(obj->btf);
		opts.btf_key_type_id = map->btf_key_type_id;
		opts.btf_value_type_id = map->btf_value_type_id;
	}
	fd = bpf_map_create(def.type, map->name, def.key_size, def.value_size,
			    def.max_entries, &opts);
	if (fd < 0 && opts.btf_fd && def.type != BPF_MAP_TYPE_STRUCT_OPS) {
		err = -errno;
		pr_warn("map '%s': creation with BTF failed (%s), retrying without\n",
			map->name, util_errstr(err));
		opts.btf_fd = 0;
		opts.btf_key_type_id = opts.btf_value_type_id = 0;
		map->btf_key_type_id = map->btf_value_type_id = 0;
		fd = bpf_map_create(def.type, map->name, def.key_size,
				    def.value_size, def.max_entries, &opts);
	}
	if (map->inner_map && map->inner_map->fd >= 0) {
		/* The outer map holds what it needs of the inner template. */
		close(map->inner_map->fd);
		map->inner_map->fd = -1;
	}
	if (fd < 0) {
		err = -errno;
		pr_warn("map '%s': failed to create: %s\n", map->name,
			util_errstr(err));
		obj_arena_explain(map, def.max_entries, err);
		return err;
	}
	map->fd = fd;
	map->def.max_entries = def.max_entries;
	return 0;
}

static int obj_map_populate_data(struct bpf_map *map)
{
	int zero = 0, err;

	if (map->libbpf_type == OBJ_MAP_BSS && !map->mmaped)
		return 0;
	err = bpf_map_update_elem(map->fd, &zero, map->mmaped, 0);
	if (err) {
		err = -errno;
		pr_warn("map '%s': cannot set initial contents: %s\n",
			map->name, util_errstr(err));
		return err;
	}
	if (map->libbpf_type == OBJ_MAP_RODATA ||
	    map->libbpf_type == OBJ_MAP_KCONFIG) {
		err = bpf_map_freeze(map->fd);
		if (err) {
			err = -errno;
			pr_warn("map '%s': cannot freeze: %s\n", map->name,
				util_errstr(err));
			return err;
		}
	}
	return 0;
}

static bool obj_pinned_compatible(struct bpf_map *map, int fd)
{
	struct bpf_map_info info;
	__u32 len = sizeof(info);

	memset(&info, 0, sizeof(info));
	if (bpf_map_get_info_by_fd(fd, &info, &len))
		return false;
	return info.type == map->def.type &&
	       info.key_size == map->def.key_size &&
	       info.value_size == map->def.value_size &&
	       info.max_entries == map->def.max_entries &&
	       info.map_flags == map->def.map_flags &&
	       info.map_extra == map->map_extra;
}

static int obj_map_reuse_pinned(struct bpf_map *map)
{
	int fd, err;

	fd = bpf_obj_get(map->pin_path);
	if (fd < 0) {
		err = -errno;
		if (err == -ENOENT)
			return 0;
		pr_warn("map '%s': cannot open pinned map at '%s': %s\n",
			map->name, map->pin_path, util_errstr(err));
		return err;
	}
	if (!obj_pinned_compatible(map, fd)) {
		pr_warn("map '%s': pinned map at '%s' does not match the definition\n",
			map->name, map->pin_path);
		close(fd);
		return -EINVAL;
	}
	err = bpf_map__reuse_fd(map, fd);
	close(fd);
	if (err)
		return err;
	map->pinned = true;
	pr_debug("map '%s': reused pinned map at '%s'\n", map->name,
		 map->pin_path);
	return 0;
}

static int obj_fill_inner_slots(struct bpf_object *obj, struct bpf_map *map)
{
	int i, err;

	for (i = 0; i < map->init_slots_sz; i++) {
		struct bpf_map *target;
		long idx = (long)map->init_slots[i];

		if (!idx)
			continue;
		target = &obj->maps[idx - 1];
		if (target->fd < 0) {
			pr_warn("map '%s': slot %d: map '%s' was not created\n",
				map->name, i, target->name);
			return -EINVAL;
		}
		err = bpf_map_update_elem(map->fd, &i, &target->fd, 0);
		if (err) {
			err = -errno;
			pr_warn("map '%s': slot %d: cannot set map '%s': %s\n",
				map->name, i, target->name, util_errstr(err));
			return err;
		}
	}
	return 0;
}

int obj_create_maps(struct bpf_object *obj)
{
	size_t i;
	int err;

	if (obj->gen)
		return gen_record_maps(obj);
	for (i = 0; i < obj->nr_maps; i++) {
		struct bpf_map *map = &obj->maps[i];

		if (!map->autocreate) {
			pr_debug("map '%s': skipped (autocreate off)\n", map->name);
			continue;
		}
		if (map->pin_path && !map->reused) {
			err = obj_map_reuse_pinned(map);
			if (err)
				goto fail;
		}
		if (!map->reused) {
			err = obj_map_create_one(obj, map);
			if (err)
				goto fail;
			if (obj_map_is_data(map)) {
				err = obj_map_populate_data(map);
				if (err)
					goto fail;
			}
			err = obj_arena_mmap(obj, map);
			if (err)
				goto fail;
			if (map->inner_map || map->init_slots_sz) {
				if (!map->init_slots_progs) {
					err = obj_fill_inner_slots(obj, map);
					if (err)
						goto fail;
				}
			}
		}
		if (obj_map_is_data(map)) {
			err = obj_map_mmap_kernel(map);
			if (err)
				goto fail;
		}
		if (map->pin_path && !map->pinned) {
			err = bpf_map__pin(map, NULL);
			if (err) {
				err = -errno;
				goto fail;
			}
		}
	}
	return 0;
fail:
	pr_warn("map '%s': failed to prepare: %s\n", obj->maps[i].name,
		util_errstr(err));
	for (size_t j = 0; j <= i; j++) {
		obj_arena_unmap(&obj->maps[j]);
		if (obj->maps[j].fd >= 0 && !obj->maps[j].reused) {
			close(obj->maps[j].fd);
			obj->maps[j].fd = -1;
		}
	}
	return err;
}

/* Program array slots, once the programs have fds. */
int obj_map_fill_slots(struct bpf_object *obj)
{
	size_t i;
	int j, err;

	for (i = 0; i < obj->nr_maps; i++) {
		struct bpf_map *map = &obj->maps[i];

		if (map->libbpf_type == OBJ_MAP_STRUCT_OPS && map->fd >= 0) {
			/* registered later, by bpf_map__attach_struct_ops() */
			err = obj_st_ops_init_value(obj, map, true);
			if (err)
				return err;
			continue;
		}

		if (!map->init_slots_progs || map->fd < 0)
			continue;
		for (j = 0; j < map->init_slots_sz; j++) {
			struct bpf_program *prog = map->init_slots[j];

			if (!prog)
				continue;
			if (prog->fd < 0) {
				pr_warn("map '%s': slot %d: prog '%s' is not loaded\n",
					map->name, j, prog->name);
				return -EINVAL;
			}
			err = bpf_map_update_elem(map->fd, &j, &prog->fd, 0);
			if (err) {
				err = -errno;
				pr_warn("map '%s': slot %d: cannot set prog '%s': %s\n",
					map->name, j, prog->name, util_errstr(err));
				return err;
			}
		}
	}
	return 0;
}
