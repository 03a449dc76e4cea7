// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Collecting the skeleton's contents from the object.  Member names
 * follow bpftool's rules, since users write code against them:
 *  - ordinary maps keep their name;
 *  - internal maps ("NAME.bss", ".data.foo", "NAME.kconfig") are named
 *    after the part from their section suffix on, without the dot:
 *    "bss", "data_foo", "kconfig"; other internal maps are left out;
 *  - a data section's view has the same name as its map, an arena's is
 *    "arena".
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "util/log.h"

static const char *const data_sfx[] = { ".data", ".rodata", ".bss", ".kconfig" };
#define ARENA_SEC ".addr_space.1"

void skelgen_sanitize(char *s)
{
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			*s = '_';
}

bool skelgen_var_visible(const struct btf *btf, const struct btf_var_secinfo *vsi)
{
	const struct btf_type *t = btf__type_by_id(btf, vsi->type);

	/* Functions' and files' static variables stay private. */
	return t && btf_is_var(t) && btf_var(t)->linkage != BTF_VAR_STATIC;
}

static char *dup_ident(const char *s)
{
	char *r = strdup(s);

	if (r)
		skelgen_sanitize(r);
	return r;
}

/* "bss" for "NAME.bss", "data_foo" for ".data.foo"; NULL if not a data map. */
static const char *internal_suffix(const char *name)
{
	const char *best = NULL, *p;
	size_t i;

	for (i = 0; i < sizeof(data_sfx) / sizeof(data_sfx[0]); i++) {
		p = strstr(name, data_sfx[i]);
		if (p && (!best || p < best))
			best = p;
	}
	return best ? best + 1 : NULL;
}

/* The member name a DATASEC gets, to pair it with its map; NULL if none. */
static char *datasec_ident(const char *sec)
{
	size_t i;

	if (!strcmp(sec, ARENA_SEC))
		return strdup("arena");
	for (i = 0; i < sizeof(data_sfx) / sizeof(data_sfx[0]); i++)
		if (!strncmp(sec, data_sfx[i], strlen(data_sfx[i])))
			return dup_ident(sec + 1);
	return NULL;
}

static __u32 find_datasec(const struct btf *btf, const char *ident)
{
	__u32 id, n = btf__type_cnt(btf);

	for (id = 1; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);
		const char *name;
		char *sec_ident;
		bool match;

		if (!t || !btf_is_datasec(t))
			continue;
		name = btf__name_by_offset(btf, t->name_off);
		sec_ident = name ? datasec_ident(name) : NULL;
		match = sec_ident && !strcmp(sec_ident, ident);
		free(sec_ident);
		if (match)
			return id;
	}
	return 0;
}

/* Fills one map record; 1 if the map is left out of the skeleton. */
static int model_add_map(struct skelgen_model *m, const struct bpf_map *map)
{
	struct skelgen_map *sm = &m->maps[m->map_cnt];
	const char *name = bpf_map__name(map);
	bool mapped = false;
	size_t sz;

	memset(sm, 0, sizeof(*sm));
	sm->name = name;
	sm->struct_ops = bpf_map__type(map) == BPF_MAP_TYPE_STRUCT_OPS;
	if (sm->struct_ops)
		sm->value_type_id = bpf_map__btf_value_type_id(map);

	if (bpf_map__is_internal(map)) {
		const char *sfx = internal_suffix(name);

		if (!sfx)
			return 1;
		/*
		 * Without BTF such maps are not memory-mapped and the header
		 * could not give their variables anyway: refuse rather than
		 * silently drop the data view.
		 */
		if (!m->btf) {
			pr_warn("skel: '%s': map '%s' holds global variables but the object has no BTF to describe them (compile with -g)\n",
				m->name, name);
			return -EINVAL;
		}
		sm->ident = dup_ident(sfx);
		if (!sm->ident)
			return -ENOMEM;
		if (bpf_map__map_flags(map) & BPF_F_MMAPABLE) {
			sm->data_ident = strdup(sm->ident);
			mapped = true;
		}
	} else {
		sm->ident = dup_ident(name);
		if (!sm->ident)
			return -ENOMEM;
		if (bpf_map__type(map) == BPF_MAP_TYPE_ARENA &&
		    bpf_map__initial_value(map, &sz)) {
			sm->data_ident = strdup("arena");
			mapped = true;
		}
	}
	if (mapped && !sm->data_ident)
		return -ENOMEM;
	if (mapped && !m->btf) {
		pr_warn("skel: '%s': map '%s' holds global variables but the object has no BTF to describe them (compile with -g)\n",
			m->name, name);
		return -EINVAL;
	}
	if (mapped)
		sm->sec_id = find_datasec(m->btf, sm->data_ident);
	m->map_cnt++;
	return 0;
}

/* Two records whose C member names collide make an uncompilable header. */
static int check_unique(const char *what, const char *skel, const char **names,
			const char **idents, int n)
{
	int i, j;

	for (i = 0; i < n; i++) {
		if (!idents[i][0] || isdigit((unsigned char)idents[i][0])) {
			pr_warn("skel: '%s': %s '%s' gives the member name '%s', which is not a C identifier\n",
				skel, what, names[i], idents[i]);
			return -EINVAL;
		}
		for (j = 0; j < i; j++) {
			if (strcmp(idents[i], idents[j]))
				continue;
			pr_warn("skel: '%s': %s '%s' and '%s' would both be member '%s'\n",
				skel, what, names[j], names[i], idents[i]);
			return -EINVAL;
		}
	}
	return 0;
}

static int model_check_names(struct skelgen_model *m)
{
	int n = m->map_cnt + m->prog_cnt, i, k, err;
	const char **names, **idents;

	names = calloc(n + 1, sizeof(*names));
	idents = calloc(n + 1, sizeof(*idents));
	if (!names || !idents) {
		err = -ENOMEM;
		goto out;
	}
	for (i = 0; i < m->map_cnt; i++) {
		names[i] = m->maps[i].name;
		idents[i] = m->maps[i].ident;
	}
	err = check_unique("maps", m->name, names, idents, m->map_cnt);
	if (err)
		goto out;

	for (i = 0, k = 0; i < m->map_cnt; i++) {
		if (!m->maps[i].data_ident)
			continue;
		names[k] = m->maps[i].name;
		idents[k++] = m->maps[i].data_ident;
	}
	err = check_unique("data sections of maps", m->name, names, idents, k);
	if (err)
		goto out;

	/* Programs and struct_ops maps share the links member. */
	for (i = 0, k = 0; i < m->prog_cnt; i++) {
		names[k] = m->progs[i].name;
		idents[k++] = m->progs[i].name;
	}
	for (i = 0; i < m->map_cnt; i++) {
		if (!m->maps[i].struct_ops)
			continue;
		names[k] = m->maps[i].name;
		idents[k++] = m->maps[i].ident;
	}
	err = check_unique("links of program/struct_ops map", m->name, names,
			   idents, k);
out:
	free(names);
	free(idents);
	return err;
}

static bool is_c_ident(const char *s)
{
	if (!s || !*s || isdigit((unsigned char)*s))
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

int skelgen_model_init(struct skelgen_model *m, const void *data, size_t sz,
		       const char *name, bool subskel)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts);
	struct bpf_program *prog;
	struct bpf_map *map;
	int n, err;

	memset(m, 0, sizeof(*m));
	if (!is_c_ident(name)) {
		pr_warn("skel: skeleton name '%s' is not a C identifier\n",
			name ? name : "(null)");
		return -EINVAL;
	}
	if (!data || !sz) {
		pr_warn("skel: '%s': no object data\n", name);
		return -EINVAL;
	}
	m->name = name;
	m->data = data;
	m->data_sz = sz;

	opts.object_name = subskel ? "" : name;
	m->obj = bpf_object__open_mem(data, sz, &opts);
	if (!m->obj) {
		err = -errno;
		pr_warn("skel: '%s': cannot open the object: %s\n", name,
			util_errstr(err));
		return err;
	}
	m->btf = bpf_object__btf(m->obj);

	n = 0;
	bpf_object__for_each_map(map, m->obj)
		n++;
	m->maps = calloc(n + 1, sizeof(*m->maps));
	n = 0;
	bpf_object__for_each_program(prog, m->obj)
		n++;
	m->progs = calloc(n + 1, sizeof(*m->progs));
	if (!m->maps || !m->progs) {
		err = -ENOMEM;
		goto err;
	}

	bpf_object__for_each_map(map, m->obj) {
		err = model_add_map(m, map);
		if (err < 0) {
			/* the record being filled is not counted yet */
			free(m->maps[m->map_cnt].ident);
			free(m->maps[m->map_cnt].data_ident);
			goto err;
		}
	}
	bpf_object__for_each_program(prog, m->obj)
		m->progs[m->prog_cnt++].name = bpf_program__name(prog);

	err = model_check_names(m);
	if (err)
		goto err;
	return 0;
err:
	skelgen_model_free(m);
	return err;
}

void skelgen_model_free(struct skelgen_model *m)
{
	int i;

	for (i = 0; m->maps && i < m->map_cnt; i++) {
		free(m->maps[i].ident);
		free(m->maps[i].data_ident);
	}
	free(m->maps);
	free(m->progs);
	bpf_object__close(m->obj);
	memset(m, 0, sizeof(*m));
}
