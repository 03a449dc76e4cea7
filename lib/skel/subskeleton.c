// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Subskeletons: the view a BPF library's generated header gives onto an
 * object the library was linked into.  The object is opened (and owned)
 * by someone else; we only look up its maps, programs and variables.
 * Internal maps are named by section (".bss", ".data.foo") in subskeletons,
 * which bpf_object__find_map_by_name() resolves independently of the
 * final object's name.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>

#include "skel/skel.h"
#include "util/err.h"
#include "util/log.h"

#define SUBSKEL_MIN_SZ							\
	(offsetof(struct bpf_object_subskeleton, vars) +		\
	 sizeof(((struct bpf_object_subskeleton *)0)->vars))

/* Points *var->addr at the variable inside its map's data. */
static int subskel_find_var(const struct btf *btf, struct bpf_var_skeleton *var)
{
	const struct btf_var_secinfo *vsi;
	const struct btf_type *sec, *t;
	const struct bpf_map *map;
	char *data;
	size_t sz;
	int i, n;

	map = *var->map;
	if (!map) {
		pr_warn("skel: subskeleton: variable '%s' refers to a map the subskeleton does not list\n",
			var->name);
		return -EINVAL;
	}
	sec = btf__type_by_id(btf, bpf_map__btf_value_type_id(map));
	if (!sec || !btf_is_datasec(sec)) {
		pr_warn("skel: subskeleton: map '%s' of variable '%s' has no DATASEC type\n",
			bpf_map__name(map), var->name);
		return -EINVAL;
	}
	data = bpf_map__initial_value(map, &sz);
	if (!data) {
		pr_warn("skel: subskeleton: map '%s' of variable '%s' has no memory to point into\n",
			bpf_map__name(map), var->name);
		return -EINVAL;
	}

	vsi = btf_var_secinfos(sec);
	n = btf_vlen(sec);
	for (i = 0; i < n; i++, vsi++) {
		t = btf__type_by_id(btf, vsi->type);
		if (!t || strcmp(btf__name_by_offset(btf, t->name_off), var->name))
			continue;
		if ((size_t)vsi->offset + vsi->size > sz) {
			pr_warn("skel: subskeleton: variable '%s' lies outside map '%s'\n",
				var->name, bpf_map__name(map));
			return -EINVAL;
		}
		*var->addr = data + vsi->offset;
		return 0;
	}
	pr_warn("skel: subskeleton: variable '%s' not found in map '%s'\n",
		var->name, bpf_map__name(map));
	return -ESRCH;
}

int bpf_object__open_subskeleton(struct bpf_object_subskeleton *s)
{
	const struct btf *btf = NULL;
	int i, err;

	if (!s || s->sz < SUBSKEL_MIN_SZ || !s->obj) {
		pr_warn("skel: subskeleton: NULL, too small (need %zu bytes) or without object\n",
			SUBSKEL_MIN_SZ);
		return util_err(-EINVAL);
	}
	err = skel_check_arrays("subskeleton", s->map_cnt, s->map_skel_sz, s->maps,
				s->prog_cnt, s->prog_skel_sz, s->progs);
	if (err)
		return util_err(err);
	if (s->var_cnt < 0 ||
	    (s->var_cnt && (!s->vars || s->var_skel_sz < (int)SKEL_VAR_MIN_SZ))) {
		pr_warn("skel: subskeleton: bad variable records (count %d, record size %d)\n",
			s->var_cnt, s->var_skel_sz);
		return util_err(-EINVAL);
	}

	err = skel_find_maps("subskeleton", s->obj, s->map_cnt, s->map_skel_sz,
			     s->maps);
	if (!err)
		err = skel_find_progs("subskeleton", s->obj, s->prog_cnt,
				      s->prog_skel_sz, s->progs);
	if (err)
		return util_err(err);

	if (s->var_cnt) {
		btf = bpf_object__btf(s->obj);
		if (!btf) {
			pr_warn("skel: subskeleton: object '%s' has no BTF to find variables in\n",
				bpf_object__name(s->obj));
			return util_err(-EINVAL);
		}
	}
	for (i = 0; i < s->var_cnt; i++) {
		struct bpf_var_skeleton *v = skel_var_at(s->vars, s->var_skel_sz, i);

		if (!v->name || !v->map || !v->addr) {
			pr_warn("skel: subskeleton: variable record #%d is incomplete\n", i);
			return util_err(-EINVAL);
		}
		err = subskel_find_var(btf, v);
		if (err)
			return util_err(err);
	}
	return 0;
}

void bpf_object__destroy_subskeleton(struct bpf_object_subskeleton *s)
{
	if (!s)
		return;
	free(s->maps);
	free(s->progs);
	free(s->vars);
	free(s);
}
