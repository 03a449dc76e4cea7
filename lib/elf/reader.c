// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Opening a .bpf.o: libelf does the parsing, this file checks that what it
 * found is a 64-bit BPF relocatable object whose sections all lie inside the
 * file, and builds the section table the object layer walks.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libelf.h>

#include "elf/elf.h"
#include "util/alloc.h"
#include "util/log.h"

#ifndef EM_BPF
#define EM_BPF 247
#endif

void elf_close(struct elf_file *ef)
{
	if (!ef)
		return;
	if (ef->elf)
		elf_end(ef->elf);
	if (ef->fd >= 0)
		close(ef->fd);
	free(ef->copy);
	free(ef->secs);
	free(ef->name);
	free(ef);
}

static int elf_check_header(struct elf_file *ef)
{
	if (elf_kind(ef->elf) != ELF_K_ELF) {
		pr_warn("elf: '%s': not an ELF file\n", ef->name);
		return -EINVAL;
	}
	if (gelf_getclass(ef->elf) != ELFCLASS64) {
		pr_warn("elf: '%s': not a 64-bit ELF file (class %d)\n",
			ef->name, gelf_getclass(ef->elf));
		return -EINVAL;
	}
	if (!gelf_getehdr(ef->elf, &ef->ehdr)) {
		pr_warn("elf: '%s': bad ELF header: %s\n", ef->name,
			elf_errmsg(-1));
		return -EINVAL;
	}
	if (ef->ehdr.e_machine != EM_BPF) {
		pr_warn("elf: '%s': not a BPF object (machine %u)\n",
			ef->name, ef->ehdr.e_machine);
		return -EINVAL;
	}
	if (ef->ehdr.e_type != ET_REL) {
		pr_warn("elf: '%s': not a relocatable object (type %u)\n",
			ef->name, ef->ehdr.e_type);
		return -EINVAL;
	}
	ef->big_endian = ef->ehdr.e_ident[EI_DATA] == ELFDATA2MSB;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (ef->big_endian) {
#else
	if (!ef->big_endian) {
#endif
		pr_warn("elf: '%s': byte order differs from the host's\n",
			ef->name);
		return -ENOTSUP;
	}
	return 0;
}

static int elf_check_symtab(struct elf_file *ef, struct elf_sec *sec)
{
	if (ef->symtab_idx) {
		pr_warn("elf: '%s': more than one symbol table\n", ef->name);
		return -EINVAL;
	}
	if (sec->shdr.sh_entsize != sizeof(Elf64_Sym) ||
	    sec->size % sizeof(Elf64_Sym)) {
		pr_warn("elf: '%s': symbol table has a bad entry size\n",
			ef->name);
		return -EINVAL;
	}
	if (sec->shdr.sh_link == 0 || sec->shdr.sh_link >= ef->nsecs ||
	    ef->secs[sec->shdr.sh_link].shdr.sh_type != SHT_STRTAB) {
		pr_warn("elf: '%s': symbol table has no string table\n",
			ef->name);
		return -EINVAL;
	}
	ef->symtab_idx = sec->idx;
	ef->strtab_idx = sec->shdr.sh_link;
	ef->nsyms = sec->size / sizeof(Elf64_Sym);
	return 0;
}

static int elf_check_rel(struct elf_file *ef, struct elf_sec *sec)
{
	size_t target = sec->shdr.sh_info;

	if (sec->shdr.sh_entsize != sizeof(Elf64_Rel) ||
	    sec->size % sizeof(Elf64_Rel)) {
		pr_warn("elf: '%s': relocation section '%s' has a bad entry size\n",
			ef->name, sec->name);
		return -EINVAL;
	}
	if (target == 0 || target >= ef->nsecs) {
		pr_warn("elf: '%s': relocation section '%s' targets section %zu, out of range\n",
			ef->name, sec->name, target);
		return -EINVAL;
	}
	if (sec->shdr.sh_link != ef->symtab_idx) {
		pr_warn("elf: '%s': relocation section '%s' does not use the symbol table\n",
			ef->name, sec->name);
		return -EINVAL;
	}
	return 0;
}

static int elf_load_sections(struct elf_file *ef)
{
	size_t shstrndx, n, i;
	Elf_Scn *scn;
	int err;

	if (elf_getshdrstrndx(ef->elf, &shstrndx) || elf_getshdrnum(ef->elf, &n)) {
		pr_warn("elf: '%s': bad section header table: %s\n", ef->name,
			elf_errmsg(-1));
		return -EINVAL;
	}
	if (n == 0 || shstrndx == 0 || shstrndx >= n) {
		pr_warn("elf: '%s': no section names\n", ef->name);
		return -EINVAL;
	}
	ef->secs = calloc(n, sizeof(*ef->secs));
	if (!ef->secs)
		return -ENOMEM;
	ef->nsecs = n;

	for (i = 1; i < n; i++) {
		struct elf_sec *sec = &ef->secs[i];
		Elf_Data *data;

		sec->idx = i;
		scn = elf_getscn(ef->elf, i);
		if (!scn || !gelf_getshdr(scn, &sec->shdr)) {
			pr_warn("elf: '%s': cannot read section %zu: %s\n",
				ef->name, i, elf_errmsg(-1));
			return -EINVAL;
		}
		sec->name = elf_strptr(ef->elf, shstrndx, sec->shdr.sh_name);
		if (!sec->name) {
			pr_warn("elf: '%s': section %zu has a bad name offset\n",
				ef->name, i);
			return -EINVAL;
		}
		if (sec->shdr.sh_type == SHT_NOBITS) {
			sec->size = sec->shdr.sh_size;
			continue;
		}
		if (sec->shdr.sh_type == SHT_NULL)
			continue;
		data = elf_getdata(scn, NULL);
		if (!data) {
			pr_warn("elf: '%s': section '%s' lies outside the file: %s\n",
				ef->name, sec->name, elf_errmsg(-1));
			return -EINVAL;
		}
		if (data->d_size != sec->shdr.sh_size ||
		    (data->d_size && !data->d_buf)) {
			pr_warn("elf: '%s': section '%s' is truncated\n",
				ef->name, sec->name);
			return -EINVAL;
		}
		sec->data = data->d_buf;
		sec->size = data->d_size;
	}

	for (i = 1; i < n; i++) {
		if (ef->secs[i].shdr.sh_type == SHT_SYMTAB) {
			err = elf_check_symtab(ef, &ef->secs[i]);
			if (err)
				return err;
		}
	}
	for (i = 1; i < n; i++) {
		if (ef->secs[i].shdr.sh_type == SHT_REL) {
			err = elf_check_rel(ef, &ef->secs[i]);
			if (err)
				return err;
		}
	}
	return 0;
}

static int elf_finish_open(struct elf_file *ef, struct elf_file **out)
{
	int err;

	if (!ef->elf) {
		pr_warn("elf: '%s': cannot parse: %s\n", ef->name, elf_errmsg(-1));
		err = -EINVAL;
		goto fail;
	}
	err = elf_check_header(ef);
	if (!err)
		err = elf_load_sections(ef);
	if (err)
		goto fail;
	*out = ef;
	return 0;
fail:
	elf_close(ef);
	return err;
}

static struct elf_file *elf_alloc(const char *name)
{
	struct elf_file *ef;

	if (elf_version(EV_CURRENT) == EV_NONE) {
		pr_warn("elf: '%s': libelf is too old\n", name);
		return NULL;
	}
	ef = calloc(1, sizeof(*ef));
	if (!ef)
		return NULL;
	ef->fd = -1;
	ef->name = strdup(name);
	if (!ef->name) {
		free(ef);
		return NULL;
	}
	return ef;
}

int elf_open_file(const char *path, struct elf_file **out)
{
	struct elf_file *ef;
	int err;

	*out = NULL;
	ef = elf_alloc(path);
	if (!ef)
		return -ENOMEM;
	ef->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (ef->fd < 0) {
		err = -errno;
		pr_warn("elf: '%s': cannot open: %s\n", path, util_errstr(err));
		elf_close(ef);
		return err;
	}
	ef->elf = elf_begin(ef->fd, ELF_C_READ_MMAP, NULL);
	return elf_finish_open(ef, out);
}

int elf_open_mem(const void *buf, size_t size, const char *name,
		 struct elf_file **out)
{
	struct elf_file *ef;

	*out = NULL;
	if (!buf || !size)
		return -EINVAL;
	ef = elf_alloc(name ? name : "(memory)");
	if (!ef)
		return -ENOMEM;
	/* libelf may write into the image it is given: keep our own. */
	ef->copy = malloc(size);
	if (!ef->copy) {
		elf_close(ef);
		return -ENOMEM;
	}
	memcpy(ef->copy, buf, size);
	ef->elf = elf_memory(ef->copy, size);
	return elf_finish_open(ef, out);
}

const struct elf_sec *elf_sec_by_idx(const struct elf_file *ef, size_t idx)
{
	if (idx == 0 || idx >= ef->nsecs)
		return NULL;
	return &ef->secs[idx];
}

const struct elf_sec *elf_sec_by_name(const struct elf_file *ef,
				      const char *name)
{
	size_t i;

	for (i = 1; i < ef->nsecs; i++)
		if (!strcmp(ef->secs[i].name, name))
			return &ef->secs[i];
	return NULL;
}

bool elf_sec_is_exec(const struct elf_sec *sec)
{
	return sec->shdr.sh_type == SHT_PROGBITS &&
	       (sec->shdr.sh_flags & SHF_EXECINSTR);
}
