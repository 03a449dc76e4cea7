/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Reading a BPF ELF relocatable object (.bpf.o) with libelf.  Pure: takes a
 * file or a memory image and hands back validated sections, symbols and
 * relocation records.  Every index and offset that comes out of here has been
 * checked against the file, so callers need not re-check bounds.
 */
#ifndef BPFKIT_ELF_ELF_H
#define BPFKIT_ELF_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <gelf.h>

struct elf_sec {
	size_t idx;
	const char *name;
	GElf_Shdr shdr;
	/* Section contents; NULL for SHT_NOBITS (size then is shdr.sh_size). */
	const void *data;
	size_t size;
};

struct elf_file {
	char *name;		/* path or caller-given name, for messages */
	Elf *elf;
	int fd;			/* -1 for memory images */
	void *copy;		/* private copy of a memory image */
	GElf_Ehdr ehdr;
	size_t nsecs;
	struct elf_sec *secs;	/* indexed by section number; [0] is null */
	size_t symtab_idx;	/* 0 when there is no symbol table */
	size_t strtab_idx;
	size_t nsyms;
	bool big_endian;
};

/* Opens and validates; -EINVAL/-ENOENT/... with pr_warn("elf: '%s': ...). */
int elf_open_file(const char *path, struct elf_file **out);
int elf_open_mem(const void *buf, size_t size, const char *name,
		 struct elf_file **out);
void elf_close(struct elf_file *ef);

/* Section by index (NULL when out of range) or by name (first match). */
const struct elf_sec *elf_sec_by_idx(const struct elf_file *ef, size_t idx);
const struct elf_sec *elf_sec_by_name(const struct elf_file *ef,
				      const char *name);
bool elf_sec_is_exec(const struct elf_sec *sec);

/* Symbol idx of .symtab, -EINVAL (with a message) when out of range. */
int elf_sym(const struct elf_file *ef, size_t idx, GElf_Sym *sym);
/* Symbol's name ("" for unnamed), NULL if its name offset is bad. */
const char *elf_sym_name(const struct elf_file *ef, const GElf_Sym *sym);
/* A string of the symbol string table. */
const char *elf_strtab_str(const struct elf_file *ef, size_t off);

/*
 * Relocation records of a SHT_REL section: count and the i-th record.  The
 * record is checked: symbol index within the symbol table, offset within the
 * target section.
 */
size_t elf_rel_cnt(const struct elf_sec *relsec);
int elf_rel(const struct elf_file *ef, const struct elf_sec *relsec, size_t i,
	    GElf_Rel *rel);
/* The section a SHT_REL section applies to (NULL if invalid). */
const struct elf_sec *elf_rel_target(const struct elf_file *ef,
				     const struct elf_sec *relsec);

#endif
