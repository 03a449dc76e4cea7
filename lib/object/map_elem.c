// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* bpf_map__lookup_elem() and friends: size-checked element access. */
#include <errno.h>

#include "object/object.h"
#include "util/err.h"
#include "util/log.h"

static bool obj_map_is_percpu(const struct bpf_map *map)
{
	switch (map->def.type) {
	case BPF_MAP_TYPE_PERCPU_ARRAY:
	case BPF_MAP_TYPE_PERCPU_HASH:
	case BPF_MAP_TYPE_LRU_PERCPU_HASH:
	case BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE:
		return true;
	default:
		return false;
	}
}

static int obj_check_map_op(const struct bpf_map *map, size_t key_sz,
			    size_t *value_sz, bool check_value)
{
	if (!map)
		return -EINVAL;
	if (map->fd < 0) {
		pr_warn("map '%s': has no fd (was it created?)\n", map->name);
		return -ENOENT;
	}
	if (key_sz != map->def.key_size) {
		pr_warn("map '%s': key size %zu given, the map's is %u\n",
			map->name, key_sz, map->def.key_size);
		return -EINVAL;
	}
	if (!check_value)
		return 0;
	if (obj_map_is_percpu(map)) {
		int cpus = libbpf_num_possible_cpus();
		size_t want;

		if (cpus <= 0)
			return cpus < 0 ? cpus : -EINVAL;
		want = (((size_t)map->def.value_size + 7) / 8) * 8 * cpus;
		if (*value_sz != want) {
			pr_warn("map '%s': value size %zu given, a per-CPU value is %zu (%d CPUs)\n",
				map->name, *value_sz, want, cpus);
			return -EINVAL;
		}
		return 0;
	}
	if (*value_sz != map->def.value_size) {
		pr_warn("map '%s': value size %zu given, the map's is %u\n",
			map->name, *value_sz, map->def.value_size);
		return -EINVAL;
	}
	return 0;
}

int bpf_map__lookup_elem(const struct bpf_map *map, const void *key,
			 size_t key_sz, void *value, size_t value_sz,
			 __u64 flags)
{
	int err = obj_check_map_op(map, key_sz, &value_sz, true);

	if (err)
		return util_err(err);
	return bpf_map_lookup_elem_flags(map->fd, key, value, flags);
}

int bpf_map__update_elem(const struct bpf_map *map, const void *key,
			 size_t key_sz, const void *value, size_t value_sz,
			 __u64 flags)
{
	int err = obj_check_map_op(map, key_sz, &value_sz, true);

	if (err)
		return util_err(err);
	return bpf_map_update_elem(map->fd, key, value, flags);
}

int bpf_map__delete_elem(const struct bpf_map *map, const void *key,
			 size_t key_sz, __u64 flags)
{
	int err = obj_check_map_op(map, key_sz, NULL, false);

	if (err)
		return util_err(err);
	return bpf_map_delete_elem_flags(map->fd, key, flags);
}

int bpf_map__lookup_and_delete_elem(const struct bpf_map *map, const void *key,
				    size_t key_sz, void *value,
				    size_t value_sz, __u64 flags)
{
	int err = obj_check_map_op(map, key_sz, &value_sz, true);

	if (err)
		return util_err(err);
	return bpf_map_lookup_and_delete_elem_flags(map->fd, key, value, flags);
}

int bpf_map__get_next_key(const struct bpf_map *map, const void *cur_key,
			  void *next_key, size_t key_sz)
{
	int err = obj_check_map_op(map, key_sz, NULL, false);

	if (err)
		return util_err(err);
	return bpf_map_get_next_key(map->fd, cur_key, next_key);
}
