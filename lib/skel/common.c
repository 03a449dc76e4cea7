// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Checks and lookups shared by skeletons and subskeletons. */
#include <errno.h>

#include "skel/skel.h"
#include "util/log.h"

int skel_check_arrays(const char *what, int map_cnt, int map_skel_sz,
		      struct bpf_map_skeleton *maps, int prog_cnt,
		      int prog_skel_sz, struct bpf_prog_skeleton *progs)
{
	int i;

	if (map_cnt < 0 || prog_cnt < 0) {
		pr_warn("skel: '%s': negative map (%d) or program (%d) count\n",
			what, map_cnt, prog_cnt);
		return -EINVAL;
	}
	if (map_cnt && (!maps || map_skel_sz < (int)SKEL_MAP_MIN_SZ)) {
		pr_warn("skel: '%s': bad map records (array %p, record size %d, need >= %zu)\n",
			what, (void *)maps, map_skel_sz, SKEL_MAP_MIN_SZ);
		return -EINVAL;
	}
	if (prog_cnt && (!progs || prog_skel_sz < (int)SKEL_PROG_MIN_SZ)) {
		pr_warn("skel: '%s': bad program records (array %p, record size %d, need >= %zu)\n",
			what, (void *)progs, prog_skel_sz, SKEL_PROG_MIN_SZ);
		return -EINVAL;
	}
	for (i = 0; i < map_cnt; i++) {
		struct bpf_map_skeleton *m = skel_map_at(maps, map_skel_sz, i);

		if (!m->name || !m->map) {
			pr_warn("skel: '%s': map record #%d lacks its name or map pointer\n",
				what, i);
			return -EINVAL;
		}
	}
	for (i = 0; i < prog_cnt; i++) {
		struct bpf_prog_skeleton *p = skel_prog_at(progs, prog_skel_sz, i);

		if (!p->name || !p->prog) {
			pr_warn("skel: '%s': program record #%d lacks its name or program pointer\n",
				what, i);
			return -EINVAL;
		}
	}
	return 0;
}

int skel_find_maps(const char *what, const struct bpf_object *obj, int map_cnt,
		   int map_skel_sz, struct bpf_map_skeleton *maps)
{
	int i;

	for (i = 0; i < map_cnt; i++) {
		struct bpf_map_skeleton *m = skel_map_at(maps, map_skel_sz, i);

		*m->map = bpf_object__find_map_by_name(obj, m->name);
		if (!*m->map) {
			pr_warn("skel: '%s': map '%s' is not in the object (skeleton and object out of sync?)\n",
				what, m->name);
			return -ESRCH;
		}
	}
	return 0;
}

int skel_find_progs(const char *what, const struct bpf_object *obj,
		    int prog_cnt, int prog_skel_sz,
		    struct bpf_prog_skeleton *progs)
{
	int i;

	for (i = 0; i < prog_cnt; i++) {
		struct bpf_prog_skeleton *p = skel_prog_at(progs, prog_skel_sz, i);

		*p->prog = bpf_object__find_program_by_name(obj, p->name);
		if (!*p->prog) {
			pr_warn("skel: '%s': program '%s' is not in the object (skeleton and object out of sync?)\n",
				what, p->name);
			return -ESRCH;
		}
	}
	return 0;
}
