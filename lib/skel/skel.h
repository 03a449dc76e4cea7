/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Shared helpers of the skeleton runtime.  Skeleton headers are compiled
 * into applications with whatever bpftool generated them, so the record
 * arrays are walked with the record sizes the header declared
 * (map_skel_sz, prog_skel_sz, var_skel_sz), never with our sizeof().
 */
#ifndef BPFKIT_SKEL_SKEL_H
#define BPFKIT_SKEL_SKEL_H

#include <stddef.h>
#include <bpf/libbpf.h>

/* Smallest record layouts any generator ever produced (libbpf 0.x). */
#define SKEL_MAP_MIN_SZ		offsetof(struct bpf_map_skeleton, link)
#define SKEL_PROG_MIN_SZ	sizeof(struct bpf_prog_skeleton)
#define SKEL_VAR_MIN_SZ		sizeof(struct bpf_var_skeleton)

/* Does a record of rec_sz bytes contain the field ending at end? */
#define SKEL_HAS(rec_sz, type, field)					\
	((size_t)(rec_sz) >= offsetof(struct type, field) + sizeof(((struct type *)0)->field))

static inline struct bpf_map_skeleton *
skel_map_at(struct bpf_map_skeleton *maps, int map_skel_sz, int i)
{
	return (struct bpf_map_skeleton *)((char *)maps + (size_t)i * map_skel_sz);
}

static inline struct bpf_prog_skeleton *
skel_prog_at(struct bpf_prog_skeleton *progs, int prog_skel_sz, int i)
{
	return (struct bpf_prog_skeleton *)((char *)progs + (size_t)i * prog_skel_sz);
}

static inline struct bpf_var_skeleton *
skel_var_at(struct bpf_var_skeleton *vars, int var_skel_sz, int i)
{
	return (struct bpf_var_skeleton *)((char *)vars + (size_t)i * var_skel_sz);
}

/*
 * Checks the map and program arrays of a (sub)skeleton: counts, record
 * sizes and the pointers every record must carry.  what names the
 * skeleton in messages.
 */
int skel_check_arrays(const char *what, int map_cnt, int map_skel_sz,
		      struct bpf_map_skeleton *maps, int prog_cnt,
		      int prog_skel_sz, struct bpf_prog_skeleton *progs);

/* Fills *map / *prog of every record by name; -ESRCH names the missing one. */
int skel_find_maps(const char *what, const struct bpf_object *obj, int map_cnt,
		   int map_skel_sz, struct bpf_map_skeleton *maps);
int skel_find_progs(const char *what, const struct bpf_object *obj,
		    int prog_cnt, int prog_skel_sz,
		    struct bpf_prog_skeleton *progs);

#endif
