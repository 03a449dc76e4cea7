// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Writing the linked object with libelf: the merged sections, their .rel
 * sections, .symtab (locals first, as ELF wants), .strtab, .BTF, .BTF.ext
 * and .shstrtab.  libelf lays the file out.
 */
#include <endian.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "linker/linker.h"
#include "util/alloc.h"
#include "util/log.h"

struct linker_strtab {
	char *data;
	size_t len, cap;
};

static long linker_strtab_add(struct linker_strtab *st, const char *s)
{
	size_t n = strlen(s) + 1;
	long off;

	if (!*s && st->len)
		return 0;
	if (util_ensure_cap((void **)&st->data, &st->cap, 1, st->len + n))
		return -ENOMEM;
	off = st->len;
	memcpy(st->data + off, s, n);
	st->len += n;
	return off;
}

struct linker_out {
	struct bpf_linker *l;
	Elf *elf;
	struct linker_strtab shstr, str;
	Elf64_Sym *symtab;
	void **bufs;		/* rel buffers, freed after elf_end */
	size_t nbufs;
};

static Elf_Scn *linker_new_scn(struct linker_out *o, const char *name,
			       uint32_t type, uint64_t flags, void *buf,
			       size_t size, uint64_t align, uint64_t entsize)
{
	Elf_Scn *scn = elf_newscn(o->elf);
	Elf_Data *d;
	GElf_Shdr sh;
	long off;

	if (!scn)
		return NULL;
	off = linker_strtab_add(&o->shstr, name);
	if (off < 0)
		return NULL;
	d = elf_newdata(scn);
	if (!d)
		return NULL;
	d->d_buf = buf;
	d->d_size = size;
	d->d_type = ELF_T_BYTE;
	d->d_align = align ? align : 1;
	d->d_off = 0;
	d->d_version = EV_CURRENT;
	if (!gelf_getshdr(scn, &sh))
		return NULL;
	sh.sh_name = off;
	sh.sh_type = type;
	sh.sh_flags = flags;
	sh.sh_addralign = align ? align : 1;
	sh.sh_entsize = entsize;
	sh.sh_size = size;
	if (!gelf_update_shdr(scn, &sh))
		return NULL;
	return scn;
}

static int linker_set_link(Elf_Scn *scn, size_t link, size_t info)
{
	GElf_Shdr sh;

	if (!gelf_getshdr(scn, &sh))
		return -EINVAL;
	sh.sh_link = link;
	sh.sh_info = info;
	return gelf_update_shdr(scn, &sh) ? 0 : -EINVAL;
}

static int linker_write_syms(struct linker_out *o, size_t *nlocal)
{
	struct bpf_linker *l = o->l;
	size_t i, k = 1, pass;
	struct linker_sym *s;
	Elf64_Sym *e;
	long off;

	o->symtab = calloc(l->nsyms, sizeof(*o->symtab));
	if (!o->symtab)
		return -ENOMEM;
	if (linker_strtab_add(&o->str, "") < 0)
		return -ENOMEM;
	for (pass = 0; pass < 2; pass++) {
		for (i = 1; i < l->nsyms; i++) {
			s = &l->syms[i];
			if ((GELF_ST_BIND(s->info) == STB_LOCAL) != !pass)
				continue;
			off = linker_strtab_add(&o->str, s->name);
			if (off < 0)
				return -ENOMEM;
			s->out_idx = k;
			e = &o->symtab[k++];
			e->st_name = off;
			e->st_info = s->info;
			e->st_other = s->other;
			e->st_value = s->value;
			e->st_size = s->size;
			if (s->sec == SIZE_MAX)
				e->st_shndx = SHN_ABS;
			else if (s->sec)
				e->st_shndx = l->secs[s->sec - 1].out_idx;
		}
		if (!pass)
			*nlocal = k;
	}
	return 0;
}

static int linker_do_write(struct linker_out *o)
{
	struct bpf_linker *l = o->l;
	Elf_Scn *scn, *symscn, *strscn, **relscn = NULL;
	struct linker_sec *sec;
	size_t i, j, nlocal = 0;
	GElf_Ehdr eh;
	Elf64_Rel *rels;
	const void *raw;
	__u32 raw_sz;
	int err = -EINVAL;

	o->elf = elf_begin(l->fd, ELF_C_WRITE, NULL);
	if (!o->elf || !gelf_newehdr(o->elf, ELFCLASS64))
		goto elf_err;
	memset(&eh, 0, sizeof(eh));
	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = __BYTE_ORDER == __LITTLE_ENDIAN ?
			      ELFDATA2LSB : ELFDATA2MSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_type = ET_REL;
	eh.e_machine = EM_BPF;
	eh.e_version = EV_CURRENT;
	eh.e_ehsize = sizeof(Elf64_Ehdr);
	eh.e_shentsize = sizeof(Elf64_Shdr);
	if (linker_strtab_add(&o->shstr, "") < 0)
		return -ENOMEM;
	for (i = 0; i < l->nsecs; i++) {
		sec = &l->secs[i];
		scn = linker_new_scn(o, sec->name, sec->type, sec->flags,
				     sec->data, sec->size, sec->align,
				     sec->entsize);
		if (!scn)
			goto elf_err;
		sec->out_idx = elf_ndxscn(scn);
	}
	err = linker_write_syms(o, &nlocal);
	if (err)
		return err;
	relscn = calloc(l->nsecs + 1, sizeof(*relscn));
	o->bufs = calloc(l->nsecs + 1, sizeof(*o->bufs));
	if (!relscn || !o->bufs) {
		err = -ENOMEM;
		goto out;
	}
	for (i = 0; i < l->nsecs; i++) {
		char name[256];

		sec = &l->secs[i];
		if (!sec->nrels)
			continue;
		rels = calloc(sec->nrels, sizeof(*rels));
		if (!rels) {
			err = -ENOMEM;
			goto out;
		}
		o->bufs[o->nbufs++] = rels;
		for (j = 0; j < sec->nrels; j++) {
			rels[j].r_offset = sec->rels[j].off;
			rels[j].r_info = ELF64_R_INFO(
				l->syms[sec->rels[j].sym].out_idx,
				sec->rels[j].type);
		}
		snprintf(name, sizeof(name), ".rel%s", sec->name);
		relscn[i] = linker_new_scn(o, name, SHT_REL, 0, rels,
					   sec->nrels * sizeof(*rels), 8,
					   sizeof(*rels));
		if (!relscn[i])
			goto elf_err;
	}
	symscn = linker_new_scn(o, ".symtab", SHT_SYMTAB, 0, o->symtab,
				(l->nsyms) * sizeof(Elf64_Sym), 8,
				sizeof(Elf64_Sym));
	if (!symscn)
		goto elf_err;
	for (i = 0; i < l->nsecs; i++)
		if (relscn[i] && linker_set_link(relscn[i], elf_ndxscn(symscn),
						 l->secs[i].out_idx))
			goto elf_err;
	strscn = linker_new_scn(o, ".strtab", SHT_STRTAB, 0, NULL, 0, 1, 0);
	if (!strscn || linker_set_link(symscn, elf_ndxscn(strscn), nlocal))
		goto elf_err;
	if (l->final_btf) {
		raw = btf__raw_data(l->final_btf, &raw_sz);
		if (!raw) {
			err = -errno;
			goto out;
		}
		if (!linker_new_scn(o, ".BTF", SHT_PROGBITS, 0, (void *)raw,
				    raw_sz, 4, 0))
			goto elf_err;
	}
	if (l->final_ext) {
		raw = btf_ext__raw_data(l->final_ext, &raw_sz);
		if (!raw ||
		    !linker_new_scn(o, ".BTF.ext", SHT_PROGBITS, 0,
				    (void *)raw, raw_sz, 4, 0))
			goto elf_err;
	}
	scn = linker_new_scn(o, ".shstrtab", SHT_STRTAB, 0, NULL, 0, 1, 0);
	if (!scn)
		goto elf_err;
	/* string tables are complete only now: point their data at them */
	elf_getdata(strscn, NULL)->d_buf = o->str.data;
	elf_getdata(strscn, NULL)->d_size = o->str.len;
	elf_getdata(scn, NULL)->d_buf = o->shstr.data;
	elf_getdata(scn, NULL)->d_size = o->shstr.len;
	eh.e_shstrndx = elf_ndxscn(scn);
	if (!gelf_update_ehdr(o->elf, &eh))
		goto elf_err;
	if (elf_update(o->elf, ELF_C_WRITE) < 0)
		goto elf_err;
	err = 0;
	goto out;
elf_err:
	pr_warn("linker: '%s': writing ELF failed: %s\n", l->filename,
		elf_errmsg(-1));
	err = -EINVAL;
out:
	free(relscn);
	return err;
}

int linker_write(struct bpf_linker *l)
{
	struct linker_out o = { .l = l };
	size_t i;
	int err;

	err = linker_do_write(&o);
	if (o.elf)
		elf_end(o.elf);
	for (i = 0; i < o.nbufs; i++)
		free(o.bufs[i]);
	free(o.bufs);
	free(o.symtab);
	free(o.str.data);
	free(o.shstr.data);
	return err;
}
