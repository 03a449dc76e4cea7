/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * What a skeleton header is made of, collected from an opened (not loaded)
 * bpf_object: the maps and programs with their C member names, and for
 * memory-mapped data maps the BTF DATASEC that describes their variables.
 */
#ifndef BPFKIT_SKELGEN_MODEL_H
#define BPFKIT_SKELGEN_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <bpf/libbpf.h>
#include <bpf/btf.h>

struct skelgen_map {
	const char *name;	/* bpf_map__name(): what the runtime looks up */
	char *ident;		/* member of .maps (and .links for struct_ops) */
	char *data_ident;	/* member for the mapped data, or NULL */
	__u32 sec_id;		/* its DATASEC type, 0 if it has none */
	__u32 value_type_id;	/* struct_ops maps: the ops struct type */
	bool struct_ops;
};

struct skelgen_prog {
	const char *name;
};

struct skelgen_model {
	const char *name;	/* skeleton name: a C identifier */
	const void *data;	/* the ELF bytes embedded in the skeleton */
	size_t data_sz;
	struct bpf_object *obj;
	const struct btf *btf;	/* NULL for objects without BTF */
	struct skelgen_map *maps;
	int map_cnt;
	struct skelgen_prog *progs;
	int prog_cnt;
};

/*
 * Opens the object and fills m.  For a subskeleton the object is opened
 * with an empty name, so that internal maps are named by section (".bss").
 */
int skelgen_model_init(struct skelgen_model *m, const void *data, size_t sz,
		       const char *name, bool subskel);
void skelgen_model_free(struct skelgen_model *m);

/* Replace every character outside [A-Za-z0-9_] by '_'. */
void skelgen_sanitize(char *s);

/* True for a variable the skeleton exposes (not a static one). */
bool skelgen_var_visible(const struct btf *btf, const struct btf_var_secinfo *vsi);

#endif
