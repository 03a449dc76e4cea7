// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * bpf_map__*(): the map model, its getters and its setters.  Setters only
 * work while the map is not created yet (-EBUSY after).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "object/object.h"
#include "util/alloc.h"
#include "util/err.h"
#include "util/log.h"

struct bpf_map *obj_add_map(struct bpf_object *obj)
{
	struct bpf_map *map;

	if (util_ensure_cap((void **)&obj->maps, &obj->maps_cap,
			    sizeof(*obj->maps), obj->nr_maps + 1))
		return NULL;
	map = &obj->maps[obj->nr_maps++];
	memset(map, 0, sizeof(*map));
	map->obj = obj;
	map->fd = -1;
	map->inner_map_fd = -1;
	map->sec_idx = -1;
	map->autocreate = true;
	map->autoattach = true;
	return map;
}

void obj_map_free(struct bpf_map *map)
{
	if (!map)
		return;
	if (map->inner_map) {
		obj_map_free(map->inner_map);
		free(map->inner_map);
		map->inner_map = NULL;
	}
	if (map->mmaped && map->mmap_sz)
		munmap(map->mmaped, map->mmap_sz);
	map->mmaped = NULL;
	if (map->fd >= 0)
		close(map->fd);
	map->fd = -1;
	obj_st_ops_free(map);
	free(map->init_slots);
	free(map->name);
	free(map->real_name);
	free(map->pin_path);
}

static bool obj_map_created(const struct bpf_map *map)
{
	return map->obj->prepared || map->reused;
}

bool obj_map_is_data(const struct bpf_map *map)
{
	return map->libbpf_type == OBJ_MAP_DATA ||
	       map->libbpf_type == OBJ_MAP_BSS ||
	       map->libbpf_type == OBJ_MAP_RODATA ||
	       map->libbpf_type == OBJ_MAP_KCONFIG;
}

/* .data.foo and .rodata.foo are known by their section name. */
static bool obj_map_uses_real_name(const struct bpf_map *map)
{
	if (map->libbpf_type == OBJ_MAP_DATA && strcmp(map->real_name, ".data"))
		return true;
	if (map->libbpf_type == OBJ_MAP_RODATA && strcmp(map->real_name, ".rodata"))
		return true;
	return false;
}

const char *bpf_map__name(const struct bpf_map *map)
{
	if (!map)
		return NULL;
	return obj_map_uses_real_name(map) ? map->real_name : map->name;
}

struct bpf_map *bpf_object__find_map_by_name(const struct bpf_object *obj,
					     const char *name)
{
	size_t i;

	if (!obj || !name)
		return util_err_ptr(-EINVAL);
	for (i = 0; i < obj->nr_maps; i++) {
		struct bpf_map *m = &obj->maps[i];

		if (name[0] == '.' || obj_map_uses_real_name(m)) {
			if (m->real_name && !strcmp(m->real_name, name))
				return m;
			continue;
		}
		if (!strcmp(m->name, name))
			return m;
	}
	return util_err_ptr(-ENOENT);
}

int bpf_object__find_map_fd_by_name(const struct bpf_object *obj,
				    const char *name)
{
	struct bpf_map *map = bpf_object__find_map_by_name(obj, name);

	return map ? map->fd : util_err(-ENOENT);
}

struct bpf_map *bpf_object__next_map(const struct bpf_object *obj,
				     const struct bpf_map *map)
{
	size_t idx;

	if (!obj)
		return NULL;
	if (!map)
		return obj->nr_maps ? &obj->maps[0] : NULL;
	if (map < obj->maps || map >= obj->maps + obj->nr_maps)
		return util_err_ptr(-EINVAL);
	idx = map - obj->maps + 1;
	return idx < obj->nr_maps ? &obj->maps[idx] : NULL;
}

struct bpf_map *bpf_object__prev_map(const struct bpf_object *obj,
				     const struct bpf_map *map)
{
	if (!obj)
		return NULL;
	if (!map)
		return obj->nr_maps ? &obj->maps[obj->nr_maps - 1] : NULL;
	if (map < obj->maps || map >= obj->maps + obj->nr_maps)
		return util_err_ptr(-EINVAL);
	return map == obj->maps ? NULL : (struct bpf_map *)map - 1;
}

#define MAP_SETTER_GUARD(map)						\
	do {								\
		if (!(map))						\
			return util_err(-EINVAL);			\
		if (obj_map_created(map))				\
			return util_err(-EBUSY);			\
	} while (0)

int bpf_map__set_autocreate(struct bpf_map *map, bool autocreate)
{
	MAP_SETTER_GUARD(map);
	map->autocreate = autocreate;
	return 0;
}

bool bpf_map__autocreate(const struct bpf_map *map)
{
	return map && map->autocreate;
}

int bpf_map__set_autoattach(struct bpf_map *map, bool autoattach)
{
	if (!map)
		return util_err(-EINVAL);
	if (map->libbpf_type != OBJ_MAP_STRUCT_OPS)
		return util_err(-EINVAL);
	map->autoattach = autoattach;
	return 0;
}

bool bpf_map__autoattach(const struct bpf_map *map)
{
	return map && map->autoattach;
}

int bpf_map__fd(const struct bpf_map *map)
{
	if (!map)
		return util_err(-EINVAL);
	if (map->fd < 0)
		return util_err(-ENOENT);
	return map->fd;
}

enum bpf_map_type bpf_map__type(const struct bpf_map *map)
{
	return map->def.type;
}

int bpf_map__set_type(struct bpf_map *map, enum bpf_map_type type)
{
	MAP_SETTER_GUARD(map);
	map->def.type = type;
	return 0;
}

__u32 bpf_map__max_entries(const struct bpf_map *map)
{
	return map->def.max_entries;
}

/* Ring buffer sizes: a power of two number of pages. */
__u32 obj_ringbuf_size(__u32 sz)
{
	__u32 page = sysconf(_SC_PAGE_SIZE), n = page;

	if (!sz)
		return page;
	while (n < sz && n <= 0x40000000u)
		n <<= 1;
	return n >= sz ? n : sz;
}

static bool obj_map_is_ringbuf(const struct bpf_map *map)
{
	return map->def.type == BPF_MAP_TYPE_RINGBUF ||
	       map->def.type == BPF_MAP_TYPE_USER_RINGBUF;
}

int bpf_map__set_max_entries(struct bpf_map *map, __u32 max_entries)
{
	MAP_SETTER_GUARD(map);
	map->def.max_entries = max_entries;
	if (obj_map_is_ringbuf(map))
		map->def.max_entries = obj_ringbuf_size(max_entries);
	return 0;
}

__u32 bpf_map__map_flags(const struct bpf_map *map)
{
	return map->def.map_flags;
}

int bpf_map__set_map_flags(struct bpf_map *map, __u32 flags)
{
	MAP_SETTER_GUARD(map);
	map->def.map_flags = flags;
	return 0;
}

__u32 bpf_map__numa_node(const struct bpf_map *map)
{
	return map->numa_node;
}

int bpf_map__set_numa_node(struct bpf_map *map, __u32 numa_node)
{
	MAP_SETTER_GUARD(map);
	map->numa_node = numa_node;
	return 0;
}

__u32 bpf_map__key_size(const struct bpf_map *map)
{
	return map->def.key_size;
}

int bpf_map__set_key_size(struct bpf_map *map, __u32 size)
{
	MAP_SETTER_GUARD(map);
	map->def.key_size = size;
	return 0;
}

__u32 bpf_map__value_size(const struct bpf_map *map)
{
	return map->def.value_size;
}

int bpf_map__set_value_size(struct bpf_map *map, __u32 size)
{
	MAP_SETTER_GUARD(map);
	if (map->mmaped) {
		size_t old_sz = map->mmap_sz, new_sz;
		void *p;

		if (!size)
			return util_err(-EINVAL);
		map->def.value_size = size;
		new_sz = obj_data_mmap_sz(map);
		p = mmap(NULL, new_sz, PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			return util_err(-errno);
		memcpy(p, map->mmaped, old_sz < new_sz ? old_sz : new_sz);
		munmap(map->mmaped, old_sz);
		map->mmaped = p;
		map->mmap_sz = new_sz;
		/* The DATASEC no longer describes the value. */
		map->btf_value_type_id = 0;
		map->btf_key_type_id = 0;
		return 0;
	}
	map->def.value_size = size;
	return 0;
}

__u32 bpf_map__btf_key_type_id(const struct bpf_map *map)
{
	return map ? map->btf_key_type_id : 0;
}

__u32 bpf_map__btf_value_type_id(const struct bpf_map *map)
{
	return map ? map->btf_value_type_id : 0;
}

__u32 bpf_map__ifindex(const struct bpf_map *map)
{
	return map->map_ifindex;
}

int bpf_map__set_ifindex(struct bpf_map *map, __u32 ifindex)
{
	MAP_SETTER_GUARD(map);
	map->map_ifindex = ifindex;
	return 0;
}

__u64 bpf_map__map_extra(const struct bpf_map *map)
{
	return map->map_extra;
}

int bpf_map__set_map_extra(struct bpf_map *map, __u64 map_extra)
{
	MAP_SETTER_GUARD(map);
	map->map_extra = map_extra;
	return 0;
}

int bpf_map__set_initial_value(struct bpf_map *map, const void *data,
			       size_t size)
{
	MAP_SETTER_GUARD(map);
	if (map->def.type == BPF_MAP_TYPE_ARENA)
		return util_err(obj_arena_set_initial_value(map, data, size));
	if (!map->mmaped || map->libbpf_type == OBJ_MAP_KCONFIG)
		return util_err(-EINVAL);
	if (size != map->def.value_size || (size && !data))
		return util_err(-EINVAL);
	memcpy(map->mmaped, data, size);
	return 0;
}

void *bpf_map__initial_value(const struct bpf_map *map, size_t *psize)
{
	if (map && map->libbpf_type == OBJ_MAP_STRUCT_OPS) {
		if (psize)
			*psize = map->sec_size;
		return obj_st_ops_data(map);
	}
	if (map && map->def.type == BPF_MAP_TYPE_ARENA)
		return obj_arena_initial_value(map, psize);
	if (!map || !map->mmaped)
		return NULL;
	if (psize)
		*psize = map->def.value_size;
	return map->mmaped;
}

bool bpf_map__is_internal(const struct bpf_map *map)
{
	/* struct_ops maps are the user's own, like .maps ones */
	return map && map->libbpf_type != OBJ_MAP_USER &&
	       map->libbpf_type != OBJ_MAP_STRUCT_OPS &&
	       map->libbpf_type != OBJ_MAP_ARENA;
}

int bpf_map__set_inner_map_fd(struct bpf_map *map, int fd)
{
	if (!map)
		return util_err(-EINVAL);
	if (map->def.type != BPF_MAP_TYPE_ARRAY_OF_MAPS &&
	    map->def.type != BPF_MAP_TYPE_HASH_OF_MAPS) {
		pr_warn("map '%s': not a map-in-map, no inner map fd\n", map->name);
		return util_err(-EINVAL);
	}
	if (map->inner_map_fd != -1) {
		pr_warn("map '%s': inner map fd already set\n", map->name);
		return util_err(-EINVAL);
	}
	if (map->inner_map) {
		obj_map_free(map->inner_map);
		free(map->inner_map);
		map->inner_map = NULL;
	}
	map->inner_map_fd = fd;
	return 0;
}

struct bpf_map *bpf_map__inner_map(struct bpf_map *map)
{
	if (!map || !map->inner_map)
		return util_err_ptr(-ENOENT);
	return map->inner_map;
}

int bpf_map__reuse_fd(struct bpf_map *map, int fd)
{
	struct bpf_map_info info;
	__u32 len = sizeof(info);
	char *name;
	int new_fd, err;

	if (!map || fd < 0)
		return util_err(-EINVAL);
	memset(&info, 0, sizeof(info));
	err = bpf_map_get_info_by_fd(fd, &info, &len);
	if (err)
		return util_err(-errno);
	name = info.name[0] ? strdup(info.name) : strdup(map->name);
	if (!name)
		return util_err(-ENOMEM);
	new_fd = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	if (new_fd < 0) {
		err = -errno;
		free(name);
		return util_err(err);
	}
	if (map->fd >= 0)
		close(map->fd);
	map->fd = new_fd;
	/* The kernel's truncated name replaces ours for .data-style maps. */
	if (map->libbpf_type != OBJ_MAP_USER) {
		free(map->name);
		map->name = name;
	} else {
		free(name);
	}
	map->def.type = info.type;
	map->def.key_size = info.key_size;
	map->def.value_size = info.value_size;
	map->def.max_entries = info.max_entries;
	map->def.map_flags = info.map_flags;
	map->btf_key_type_id = info.btf_key_type_id;
	map->btf_value_type_id = info.btf_value_type_id;
	map->numa_node = 0;
	map->map_extra = info.map_extra;
	map->reused = true;
	return 0;
}

int bpf_map__set_exclusive_program(struct bpf_map *map, struct bpf_program *prog)
{
	MAP_SETTER_GUARD(map);
	if (prog && prog->obj != map->obj) {
		pr_warn("map '%s': exclusive program '%s' is from another object\n",
			map->name, prog->name);
		return util_err(-EINVAL);
	}
	map->excl_prog = prog;
	return 0;
}

struct bpf_program *bpf_map__exclusive_program(struct bpf_map *map)
{
	return map ? map->excl_prog : NULL;
}
