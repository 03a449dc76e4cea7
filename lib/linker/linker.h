/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Internal state of the static linker (bpf_linker__*).
 *
 * Inputs are read eagerly, one at a time: their sections are appended to
 * output sections of the same name, their symbols merged into one table and
 * their relocations rewritten at once.  BTF of every input is appended to
 * one "combined" BTF (ids shifted per input); bpf_linker__finalize() turns
 * it into the final BTF (one DATASEC per section, resolved externs dropped),
 * builds .BTF.ext, dedups, and writes the ELF file.
 */
#ifndef BPFKIT_LINKER_LINKER_H
#define BPFKIT_LINKER_LINKER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <gelf.h>
#include <bpf/libbpf.h>
#include <bpf/btf.h>

struct util_hashmap;
struct elf_file;

struct linker_rel {
	uint64_t off;
	size_t sym;		/* index into linker->syms */
	uint32_t type;
};

struct linker_sec {
	char *name;
	uint32_t type;		/* SHT_PROGBITS or SHT_NOBITS */
	uint64_t flags;
	uint64_t align;
	uint64_t entsize;
	void *data;		/* NULL for SHT_NOBITS */
	size_t size;
	size_t sym;		/* its STT_SECTION symbol */
	bool single;		/* license/version: one copy, inputs must agree */
	struct linker_rel *rels;
	size_t nrels, rels_cap;
	size_t out_idx;		/* ELF section index while writing */
};

struct linker_sym {
	char *name;
	unsigned char info;
	unsigned char other;
	size_t sec;		/* index+1 into secs; 0: SHN_UNDEF; SIZE_MAX: ABS */
	uint64_t value;
	uint64_t size;
	/* globals only */
	const char *file;	/* file of the definition (or first extern) */
	int btf_id;		/* VAR/FUNC in the combined BTF, 0 unknown */
	size_t out_idx;		/* ELF symbol index while writing */
};

/* One section of the input being added: where it went. */
struct linker_in_sec {
	long out;		/* index into secs, -1 when dropped */
	uint64_t dst_off;
};

/* BTF.ext records of one input, kept for finalize. */
struct linker_ext_in {
	struct btf *btf;	/* the input's BTF (for its strings) */
	struct btf_ext *ext;
	int id_shift;		/* input id + shift = combined id */
	char *file;
	/* section name -> output offset of that input's part */
	char **sec_names;
	uint64_t *sec_offs;
	size_t nsecs;
};

struct bpf_linker {
	char *filename;
	int fd;
	bool own_fd;
	bool broken;

	struct linker_sec *secs;
	size_t nsecs, secs_cap;
	struct linker_sym *syms;	/* [0] is the null symbol */
	size_t nsyms, syms_cap;
	struct util_hashmap *globals;	/* name -> index into syms */

	struct btf *btf;		/* combined BTF of all inputs */
	struct linker_ext_in *ins;
	size_t nins, ins_cap;
	/* VAR pairs (loser, winner) of weak/strong definitions */
	int (*var_overrides)[2];
	size_t nvar_overrides, var_overrides_cap;
	char **files;			/* input names, for messages */
	size_t nfiles, files_cap;

	/* output buffers alive until the ELF is written */
	void *out_btf;
	uint32_t out_btf_sz;
	struct btf *final_btf;
	struct btf_ext *final_ext;
};

/* linker.c */
int linker_add_elf(struct bpf_linker *l, struct elf_file *ef);
struct linker_sec *linker_sec_by_name(struct bpf_linker *l, const char *name);

/* btf.c */
int linker_btf_add(struct bpf_linker *l, struct linker_ext_in *in,
		   struct elf_file *ef, const struct linker_in_sec *in_secs,
		   const void *data, size_t size, const void *ext_data,
		   size_t ext_size);
int linker_btf_find_global(struct bpf_linker *l, int first, int last,
			   const char *name);
int linker_btf_check_compat(struct bpf_linker *l, int a, int b,
			    const char *name, const char *fa, const char *fb);
int linker_btf_finalize(struct bpf_linker *l);

/* write.c */
int linker_write(struct bpf_linker *l);

#endif
