// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/btf.h>
#include "btf/btf_ext.h"
#include "core/objfile.h"
#include "util/log.h"

void core_obj_close(struct core_obj *o)
{
	size_t i;

	if (!o)
		return;
	for (i = 0; i < o->sec_cnt; i++) {
		free(o->secs[i].name);
		free(o->secs[i].insns);
	}
	for (i = 0; i < o->sym_cnt; i++)
		free(o->syms[i].name);
	free(o->secs);
	free(o->syms);
	btf_ext__free(o->ext);
	btf__free(o->btf);
	free(o);
}

/* Code sections: every SHF_EXECINSTR PROGBITS section. */
static int read_sections(struct core_obj *o, Elf *elf, size_t shstrndx,
			 size_t **map, size_t *map_cnt)
{
	Elf_Scn *scn = NULL;
	size_t n;

	if (elf_getshdrnum(elf, &n))
		return -EINVAL;
	*map = calloc(n ? n : 1, sizeof(**map));
	if (!*map)
		return -ENOMEM;
	*map_cnt = n;
	for (size_t i = 0; i < n; i++)
		(*map)[i] = (size_t)-1;

	while ((scn = elf_nextscn(elf, scn))) {
		struct core_obj_sec *tmp;
		GElf_Shdr sh;
		Elf_Data *d;
		const char *name;

		if (!gelf_getshdr(scn, &sh))
			return -EINVAL;
		if (sh.sh_type != SHT_PROGBITS || !(sh.sh_flags & SHF_EXECINSTR))
			continue;
		name = elf_strptr(elf, shstrndx, sh.sh_name);
		d = elf_getdata(scn, NULL);
		if (!name || !d || (d->d_size % sizeof(struct bpf_insn)))
			return -EINVAL;
		tmp = realloc(o->secs, (o->sec_cnt + 1) * sizeof(*tmp));
		if (!tmp)
			return -ENOMEM;
		o->secs = tmp;
		tmp += o->sec_cnt;
		memset(tmp, 0, sizeof(*tmp));
		o->sec_cnt++;
		tmp->name = strdup(name);
		tmp->insn_cnt = d->d_size / sizeof(struct bpf_insn);
		tmp->insns = malloc(d->d_size ? d->d_size : 1);
		if (!tmp->name || !tmp->insns)
			return -ENOMEM;
		if (d->d_size)
			memcpy(tmp->insns, d->d_buf, d->d_size);
		if (elf_ndxscn(scn) < n)
			(*map)[elf_ndxscn(scn)] = o->sec_cnt - 1;
	}
	return 0;
}

static int read_symbols(struct core_obj *o, Elf *elf, const size_t *map,
			size_t map_cnt)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		Elf_Data *d;
		size_t i, cnt;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB)
			continue;
		d = elf_getdata(scn, NULL);
		if (!d || !sh.sh_entsize)
			return -EINVAL;
		cnt = d->d_size / sh.sh_entsize;
		for (i = 0; i < cnt; i++) {
			struct core_obj_sym *tmp;
			GElf_Sym sym;
			const char *name;

			if (!gelf_getsym(d, (int)i, &sym))
				return -EINVAL;
			if (GELF_ST_TYPE(sym.st_info) != STT_FUNC ||
			    sym.st_shndx >= map_cnt || map[sym.st_shndx] == (size_t)-1)
				continue;
			name = elf_strptr(elf, sh.sh_link, sym.st_name);
			if (!name)
				continue;
			tmp = realloc(o->syms, (o->sym_cnt + 1) * sizeof(*tmp));
			if (!tmp)
				return -ENOMEM;
			o->syms = tmp;
			tmp[o->sym_cnt].name = strdup(name);
			tmp[o->sym_cnt].sec = map[sym.st_shndx];
			tmp[o->sym_cnt].off = sym.st_value;
			if (!tmp[o->sym_cnt].name)
				return -ENOMEM;
			o->sym_cnt++;
		}
	}
	return 0;
}

int core_obj_open(const char *path, struct core_obj **out)
{
	struct core_obj *o;
	size_t *map = NULL, map_cnt = 0, shstrndx;
	Elf *elf = NULL;
	int fd, err;

	*out = NULL;
	o = calloc(1, sizeof(*o));
	if (!o)
		return -ENOMEM;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		pr_warn("elf: '%s': %s\n", path, util_errstr(err));
		goto out;
	}
	elf_version(EV_CURRENT);
	elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!elf || elf_kind(elf) != ELF_K_ELF || elf_getshdrstrndx(elf, &shstrndx)) {
		pr_warn("elf: '%s': not an ELF object\n", path);
		err = -EINVAL;
		goto out;
	}
	err = read_sections(o, elf, shstrndx, &map, &map_cnt);
	if (!err)
		err = read_symbols(o, elf, map, map_cnt);
	if (err) {
		pr_warn("elf: '%s': cannot read sections: %s\n", path,
			util_errstr(err));
		goto out;
	}
	o->btf = btf__parse_elf(path, &o->ext);
	if (!o->btf) {
		err = -errno;
		/* the ELF parsed: no BTF is "invalid input" for CO-RE */
		if (err == -ENOENT)
			err = -ENODATA;
		pr_warn("elf: '%s': no usable .BTF: %s\n", path, util_errstr(err));
		goto out;
	}
out:
	free(map);
	if (elf)
		elf_end(elf);
	if (fd >= 0)
		close(fd);
	if (err) {
		core_obj_close(o);
		return err;
	}
	*out = o;
	return 0;
}

const struct core_obj_sec *core_obj_find_sec(const struct core_obj *o,
					     const char *name)
{
	size_t i;

	for (i = 0; i < o->sec_cnt; i++)
		if (!strcmp(o->secs[i].name, name))
			return &o->secs[i];
	return NULL;
}

const char *core_obj_func_at(const struct core_obj *o, const char *sec,
			     size_t off)
{
	const struct core_obj_sym *best = NULL;
	const struct core_obj_sec *s = core_obj_find_sec(o, sec);
	size_t i;

	if (!s)
		return NULL;
	for (i = 0; i < o->sym_cnt; i++) {
		const struct core_obj_sym *y = &o->syms[i];

		if (&o->secs[y->sec] != s || y->off > off)
			continue;
		if (!best || y->off > best->off)
			best = y;
	}
	return best ? best->name : NULL;
}

int core_obj_line(const struct core_obj *o, const char *sec, __u32 off,
		  char *buf, size_t sz)
{
	const struct btf_ext_info_sec *secs;
	const struct bpf_line_info *best = NULL;
	__u32 cnt, i, j;

	if (sz)
		buf[0] = 0;
	if (!o->ext || btf_ext_sections(o->ext, BTF_EXT_LINE_INFO, &secs, &cnt))
		return -ENOENT;
	for (i = 0; i < cnt; i++) {
		const char *name = btf__name_by_offset(o->btf, secs[i].sec_name_off);

		if (!name || strcmp(name, sec) ||
		    secs[i].rec_size < sizeof(struct bpf_line_info))
			continue;
		for (j = 0; j < secs[i].num_info; j++) {
			const struct bpf_line_info *li = (const void *)
				((const char *)secs[i].data + (size_t)j * secs[i].rec_size);

			if (li->insn_off <= off && (!best || li->insn_off >= best->insn_off))
				best = li;
		}
	}
	if (!best)
		return -ENOENT;
	{
		const char *file = btf__name_by_offset(o->btf, best->file_name_off);
		const char *line = btf__name_by_offset(o->btf, best->line_off);
		const char *base = file ? strrchr(file, '/') : NULL;

		while (line && (*line == ' ' || *line == '\t'))
			line++;
		snprintf(buf, sz, "%s:%u: %s", base ? base + 1 : file ? file : "?",
			 BPF_LINE_INFO_LINE_NUM(best->line_col), line ? line : "");
	}
	return 0;
}
