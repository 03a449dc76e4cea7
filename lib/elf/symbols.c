// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Symbols and relocation records, each checked before it is handed out. */
#include <errno.h>
#include <string.h>

#include "elf/elf.h"
#include "util/log.h"

int elf_sym(const struct elf_file *ef, size_t idx, GElf_Sym *sym)
{
	const Elf64_Sym *raw;
	const struct elf_sec *symtab = elf_sec_by_idx(ef, ef->symtab_idx);

	if (!symtab || idx >= ef->nsyms) {
		pr_warn("elf: '%s': symbol %zu out of range (%zu symbols)\n",
			ef->name, idx, ef->nsyms);
		return -EINVAL;
	}
	raw = (const Elf64_Sym *)symtab->data + idx;
	sym->st_name = raw->st_name;
	sym->st_info = raw->st_info;
	sym->st_other = raw->st_other;
	sym->st_shndx = raw->st_shndx;
	sym->st_value = raw->st_value;
	sym->st_size = raw->st_size;
	if (sym->st_shndx != SHN_UNDEF && sym->st_shndx < SHN_LORESERVE &&
	    sym->st_shndx >= ef->nsecs) {
		pr_warn("elf: '%s': symbol %zu refers to section %u, out of range\n",
			ef->name, idx, sym->st_shndx);
		return -EINVAL;
	}
	return 0;
}

const char *elf_strtab_str(const struct elf_file *ef, size_t off)
{
	const struct elf_sec *strtab = elf_sec_by_idx(ef, ef->strtab_idx);
	const char *s;

	if (!strtab || off >= strtab->size)
		return NULL;
	s = (const char *)strtab->data + off;
	/* The string must end inside the table. */
	if (!memchr(s, '\0', strtab->size - off))
		return NULL;
	return s;
}

const char *elf_sym_name(const struct elf_file *ef, const GElf_Sym *sym)
{
	const char *name;

	/* Section symbols carry the section's name, not their own. */
	if (GELF_ST_TYPE(sym->st_info) == STT_SECTION && !sym->st_name) {
		const struct elf_sec *sec = elf_sec_by_idx(ef, sym->st_shndx);

		return sec ? sec->name : "";
	}
	name = elf_strtab_str(ef, sym->st_name);
	return name;
}

size_t elf_rel_cnt(const struct elf_sec *relsec)
{
	return relsec->size / sizeof(Elf64_Rel);
}

const struct elf_sec *elf_rel_target(const struct elf_file *ef,
				     const struct elf_sec *relsec)
{
	return elf_sec_by_idx(ef, relsec->shdr.sh_info);
}

int elf_rel(const struct elf_file *ef, const struct elf_sec *relsec, size_t i,
	    GElf_Rel *rel)
{
	const struct elf_sec *target = elf_rel_target(ef, relsec);
	const Elf64_Rel *raw;

	if (i >= elf_rel_cnt(relsec) || !target)
		return -EINVAL;
	raw = (const Elf64_Rel *)relsec->data + i;
	rel->r_offset = raw->r_offset;
	rel->r_info = raw->r_info;
	if (GELF_R_SYM(rel->r_info) >= ef->nsyms) {
		pr_warn("elf: '%s': relocation %zu of '%s' uses symbol %zu, out of range\n",
			ef->name, i, relsec->name, (size_t)GELF_R_SYM(rel->r_info));
		return -EINVAL;
	}
	if (rel->r_offset >= target->size) {
		pr_warn("elf: '%s': relocation %zu of '%s' at offset %zu is past the end of '%s'\n",
			ef->name, i, relsec->name, (size_t)rel->r_offset,
			target->name);
		return -EINVAL;
	}
	return 0;
}
