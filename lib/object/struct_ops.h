/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * struct_ops maps (SEC(".struct_ops") and SEC(".struct_ops.link")
 * variables), for lib/link/'s bpf_map__attach_struct_ops().
 */
#ifndef BPFKIT_OBJECT_STRUCT_OPS_H
#define BPFKIT_OBJECT_STRUCT_OPS_H

#include <stdbool.h>
#include <stddef.h>

struct bpf_map;

/* True for a map made from a .struct_ops / .struct_ops.link variable. */
bool obj_map_is_struct_ops(const struct bpf_map *map);

/*
 * The value to write at key 0 of the map to register it: the kernel's
 * bpf_struct_ops_<name> wrapper, with the object's data and the fds of its
 * loaded programs.  NULL (errno EINVAL) before load or for other maps.
 * *size is the map's value size.
 */
const void *obj_map_struct_ops_value(const struct bpf_map *map, size_t *size);

#endif
