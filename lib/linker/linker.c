// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Merging one input object: its sections go to the end of output sections
 * of the same name, its symbols join the output table (globals resolved by
 * name), its relocations are rebased on the new offsets and symbols.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/bpf.h>

#include "elf/elf.h"
#include "linker/linker.h"
#include "util/alloc.h"
#include "util/hashmap.h"
#include "util/log.h"

#ifndef R_BPF_64_64
#define R_BPF_64_64	1
#endif
#define LINKER_R_ABS64	2
#define LINKER_R_ABS32	3
#define LINKER_R_32	10

struct linker_ctx {
	struct bpf_linker *l;
	struct elf_file *ef;
	const char *file;		/* stable copy of ef->name */
	struct linker_in_sec *in;	/* per input section */
	size_t *sym_map;		/* input symbol -> output symbol */
	int btf_first, btf_last;	/* this input's ids in the combined BTF */
};

struct linker_sec *linker_sec_by_name(struct bpf_linker *l, const char *name)
{
	size_t i;

	for (i = 0; i < l->nsecs; i++)
		if (!strcmp(l->secs[i].name, name))
			return &l->secs[i];
	return NULL;
}

/* Whether a symbol other than the section's own is defined in section idx. */
static bool linker_sec_has_syms(struct elf_file *ef, size_t idx)
{
	GElf_Sym sym;
	size_t i;

	for (i = 1; i < ef->nsyms; i++) {
		if (elf_sym(ef, i, &sym))
			return true;	/* let the symbol pass report it */
		if (sym.st_shndx == idx &&
		    GELF_ST_TYPE(sym.st_info) != STT_SECTION)
			return true;
	}
	return false;
}

static bool linker_sec_ignored(struct elf_file *ef, const struct elf_sec *s)
{
	if (s->shdr.sh_type != SHT_PROGBITS && s->shdr.sh_type != SHT_NOBITS)
		return true;
	if (!strcmp(s->name, ".BTF") || !strcmp(s->name, ".BTF.ext"))
		return true;
	/* DWARF and LLVM's own notes do not survive into the output */
	if (!strncmp(s->name, ".debug", 6) || !strncmp(s->name, ".llvm", 5))
		return true;
	/* empty sections only matter when a symbol is defined in them */
	return s->shdr.sh_size == 0 && !linker_sec_has_syms(ef, s->idx);
}

static bool linker_sec_single(const char *name)
{
	return !strcmp(name, "license") || !strcmp(name, "version");
}

static long linker_sym_new(struct bpf_linker *l, const char *name)
{
	struct linker_sym *s;

	if (util_ensure_cap((void **)&l->syms, &l->syms_cap, sizeof(*l->syms),
			    l->nsyms + 1))
		return -ENOMEM;
	s = &l->syms[l->nsyms];
	memset(s, 0, sizeof(*s));
	s->name = strdup(name ? name : "");
	if (!s->name)
		return -ENOMEM;
	return l->nsyms++;
}

static int linker_sec_new(struct bpf_linker *l, const struct elf_sec *in)
{
	struct linker_sec *sec;
	long sym;

	if (util_ensure_cap((void **)&l->secs, &l->secs_cap, sizeof(*l->secs),
			    l->nsecs + 1))
		return -ENOMEM;
	sec = &l->secs[l->nsecs];
	memset(sec, 0, sizeof(*sec));
	sec->name = strdup(in->name);
	if (!sec->name)
		return -ENOMEM;
	sec->type = in->shdr.sh_type;
	sec->flags = in->shdr.sh_flags;
	sec->entsize = in->shdr.sh_entsize;
	sec->align = 1;
	sec->single = linker_sec_single(in->name);
	l->nsecs++;
	sym = linker_sym_new(l, "");
	if (sym < 0)
		return sym;
	l->syms[sym].info = GELF_ST_INFO(STB_LOCAL, STT_SECTION);
	l->syms[sym].sec = l->nsecs;
	sec->sym = sym;
	return 0;
}

/* BPF objects are small: anything beyond these is a corrupt header. */
#define LINKER_MAX_ALIGN	4096
#define LINKER_MAX_SEC_SIZE	(1ULL << 30)

static int linker_place_sec(struct linker_ctx *c, size_t idx)
{
	const struct elf_sec *in = &c->ef->secs[idx];
	struct linker_sec *sec = linker_sec_by_name(c->l, in->name);
	uint64_t align = in->shdr.sh_addralign ? in->shdr.sh_addralign : 1;
	uint64_t off;
	void *data;
	int err;

	/*
	 * Sizes and alignments come from the input's section headers: corrupt
	 * ones must not turn into huge allocations (NOBITS sizes are not
	 * bounded by the file, so the output size is capped too).
	 */
	if ((align & (align - 1)) || align > LINKER_MAX_ALIGN ||
	    in->shdr.sh_size > LINKER_MAX_SEC_SIZE) {
		pr_warn("linker: '%s': section '%s' has an invalid size (%llu) or alignment (%llu)\n",
			c->ef->name, in->name, (unsigned long long)in->shdr.sh_size,
			(unsigned long long)align);
		return -EINVAL;
	}

	if (!sec) {
		err = linker_sec_new(c->l, in);
		if (err)
			return err;
		sec = &c->l->secs[c->l->nsecs - 1];
	} else if (sec->type != in->shdr.sh_type ||
		   (sec->flags & SHF_EXECINSTR) !=
		   (in->shdr.sh_flags & SHF_EXECINSTR)) {
		pr_warn("linker: '%s': section '%s' has a different type or flags than in earlier inputs\n",
			c->ef->name, in->name);
		return -EINVAL;
	}
	c->in[idx].out = sec - c->l->secs;
	if (sec->single) {
		if (sec->size && (sec->size != in->size ||
				  memcmp(sec->data, in->data, in->size))) {
			pr_warn("linker: '%s': section '%s' ('%.*s') differs from earlier inputs ('%.*s')\n",
				c->ef->name, in->name, (int)in->size,
				(const char *)in->data, (int)sec->size,
				(const char *)sec->data);
			return -EINVAL;
		}
		c->in[idx].dst_off = 0;
		if (sec->size)
			return 0;
	}
	if (sec->flags & SHF_EXECINSTR && align < 8)
		align = 8;
	if (align > sec->align)
		sec->align = align;
	off = (sec->size + align - 1) / align * align;
	if (off + in->shdr.sh_size > LINKER_MAX_SEC_SIZE) {
		pr_warn("linker: '%s': section '%s' would grow past %llu bytes\n",
			c->ef->name, in->name, (unsigned long long)LINKER_MAX_SEC_SIZE);
		return -E2BIG;
	}
	c->in[idx].dst_off = off;
	if (sec->type != SHT_NOBITS) {
		data = realloc(sec->data, off + in->size);
		if (!data)
			return -ENOMEM;
		memset((char *)data + sec->size, 0, off - sec->size);
		memcpy((char *)data + off, in->data, in->size);
		sec->data = data;
	}
	sec->size = off + in->shdr.sh_size;
	return 0;
}

/*
 * A weak variable that lost keeps its storage but not its name: its BTF
 * VAR leaves the DATASEC at finalize, references go to the winner.
 */
static int linker_var_override(struct bpf_linker *l, int loser, int winner)
{
	const struct btf_type *t = btf__type_by_id(l->btf, loser);

	if (!loser || !winner || loser == winner || !t || !btf_is_var(t))
		return 0;
	if (util_ensure_cap((void **)&l->var_overrides, &l->var_overrides_cap,
			    sizeof(*l->var_overrides), l->nvar_overrides + 1))
		return -ENOMEM;
	l->var_overrides[l->nvar_overrides][0] = loser;
	l->var_overrides[l->nvar_overrides][1] = winner;
	l->nvar_overrides++;
	return 0;
}

/* Resolve a global or weak input symbol against what earlier inputs had. */
static long linker_sym_global(struct linker_ctx *c, const GElf_Sym *sym,
			      const char *name)
{
	struct bpf_linker *l = c->l;
	int bind = GELF_ST_BIND(sym->st_info);
	bool defined = sym->st_shndx != SHN_UNDEF;
	size_t sec = 0;
	uint64_t value = sym->st_value;
	struct linker_sym *g;
	int btf_id = 0, err;
	long idx;

	if (defined) {
		if (sym->st_shndx == SHN_ABS) {
			sec = SIZE_MAX;
		} else if (c->in[sym->st_shndx].out < 0) {
			pr_warn("linker: '%s': symbol '%s' is in section '%s', which is not linked\n",
				c->ef->name, name, c->ef->secs[sym->st_shndx].name);
			return -EINVAL;
		} else {
			sec = c->in[sym->st_shndx].out + 1;
			value += c->in[sym->st_shndx].dst_off;
		}
	}
	if (c->btf_last >= c->btf_first)
		btf_id = linker_btf_find_global(l, c->btf_first, c->btf_last,
						name);

	if (!util_hashmap_find(l->globals, (long)name, &idx)) {
		idx = linker_sym_new(l, name);
		if (idx < 0)
			return idx;
		g = &l->syms[idx];
		g->info = sym->st_info;
		g->other = sym->st_other;
		g->sec = sec;
		g->value = value;
		g->size = sym->st_size;
		g->file = c->file;
		g->btf_id = btf_id;
		/* the key must outlive c->ef: use our copy of the name */
		err = util_hashmap_add(l->globals, (long)g->name, idx);
		if (err)
			return err;
		return idx;
	}
	g = &l->syms[idx];
	if (g->btf_id && btf_id) {
		err = linker_btf_check_compat(l, g->btf_id, btf_id, name,
					      g->file, c->ef->name);
		if (err)
			return err;
	}
	/* hidden on either side stays hidden */
	if (GELF_ST_VISIBILITY(sym->st_other) == STV_HIDDEN)
		g->other = (g->other & ~3) | STV_HIDDEN;
	if (!defined) {
		if (!g->btf_id)
			g->btf_id = btf_id;
		/* a strong reference makes an unresolved extern strong */
		if (!g->sec && bind == STB_GLOBAL)
			g->info = GELF_ST_INFO(STB_GLOBAL,
					       GELF_ST_TYPE(g->info));
		return idx;
	}
	if (g->sec) {
		if (g->sec == sec && sec != SIZE_MAX && l->secs[sec - 1].single)
			return idx;
		if (GELF_ST_BIND(g->info) != STB_WEAK && bind != STB_WEAK) {
			pr_warn("linker: symbol '%s' is defined in both '%s' and '%s'\n",
				name, g->file, c->ef->name);
			return -EINVAL;
		}
		/* the first strong definition wins; weak ones yield */
		if (bind == STB_WEAK) {
			err = linker_var_override(l, btf_id, g->btf_id);
			return err ? err : idx;
		}
		err = linker_var_override(l, g->btf_id, btf_id);
		if (err)
			return err;
	}
	g->info = GELF_ST_INFO(bind, GELF_ST_TYPE(sym->st_info));
	g->other = (sym->st_other & ~3) | GELF_ST_VISIBILITY(g->other) |
		   GELF_ST_VISIBILITY(sym->st_other);
	g->sec = sec;
	g->value = value;
	g->size = sym->st_size;
	g->file = c->file;
	if (btf_id)
		g->btf_id = btf_id;
	return idx;
}

static int linker_add_syms(struct linker_ctx *c)
{
	struct elf_file *ef = c->ef;
	const char *name;
	GElf_Sym sym;
	size_t i;
	long idx;
	int err;

	for (i = 1; i < ef->nsyms; i++) {
		err = elf_sym(ef, i, &sym);
		if (err)
			return err;
		name = elf_sym_name(ef, &sym);
		if (!name) {
			pr_warn("linker: '%s': symbol %zu has a bad name\n",
				ef->name, i);
			return -EINVAL;
		}
		switch (GELF_ST_TYPE(sym.st_info)) {
		case STT_FILE:
			continue;
		case STT_SECTION:
			if (sym.st_shndx && sym.st_shndx < ef->nsecs &&
			    c->in[sym.st_shndx].out >= 0)
				c->sym_map[i] =
					c->l->secs[c->in[sym.st_shndx].out].sym;
			continue;
		}
		if (sym.st_shndx >= SHN_LORESERVE && sym.st_shndx != SHN_ABS) {
			pr_warn("linker: '%s': symbol '%s' has special section index %#x, not supported\n",
				ef->name, name, sym.st_shndx);
			return -EINVAL;
		}
		if (GELF_ST_BIND(sym.st_info) != STB_LOCAL) {
			idx = linker_sym_global(c, &sym, name);
			if (idx < 0)
				return idx;
			c->sym_map[i] = idx;
			continue;
		}
		if (sym.st_shndx != SHN_UNDEF && sym.st_shndx < SHN_LORESERVE &&
		    c->in[sym.st_shndx].out < 0)
			continue;	/* a local of a dropped section */
		idx = linker_sym_new(c->l, name);
		if (idx < 0)
			return idx;
		c->l->syms[idx].info = sym.st_info;
		c->l->syms[idx].other = sym.st_other;
		c->l->syms[idx].size = sym.st_size;
		c->l->syms[idx].value = sym.st_value;
		if (sym.st_shndx == SHN_ABS) {
			c->l->syms[idx].sec = SIZE_MAX;
		} else if (sym.st_shndx != SHN_UNDEF) {
			c->l->syms[idx].sec = c->in[sym.st_shndx].out + 1;
			c->l->syms[idx].value += c->in[sym.st_shndx].dst_off;
		}
		c->sym_map[i] = idx;
	}
	return 0;
}

/*
 * BPF relocations are REL: a section symbol's offset into the section sits
 * in the instruction or data word, so it moves with the input's part.
 */
static int linker_rebase_addend(struct linker_ctx *c, struct linker_sec *sec,
				uint64_t off, uint32_t type, uint64_t shift)
{
	char *p = (char *)sec->data + off;
	struct bpf_insn insn;
	uint64_t v64;
	uint32_t v32;

	if (!shift)
		return 0;
	switch (type) {
	case R_BPF_64_64:
	case LINKER_R_32:
		if (off + sizeof(insn) > sec->size)
			break;
		memcpy(&insn, p, sizeof(insn));
		if (type == LINKER_R_32 && insn.code == (BPF_JMP | BPF_CALL))
			insn.imm += shift / 8;
		else
			insn.imm += shift;
		memcpy(p, &insn, sizeof(insn));
		return 0;
	case LINKER_R_ABS64:
		if (off + 8 > sec->size)
			break;
		memcpy(&v64, p, 8);
		v64 += shift;
		memcpy(p, &v64, 8);
		return 0;
	case LINKER_R_ABS32:
		if (off + 4 > sec->size)
			break;
		memcpy(&v32, p, 4);
		v32 += shift;
		memcpy(p, &v32, 4);
		return 0;
	}
	pr_warn("linker: '%s': relocation type %u at %s+%llu cannot be rebased\n",
		c->ef->name, type, sec->name, (unsigned long long)off);
	return -EINVAL;
}

static int linker_add_rels(struct linker_ctx *c)
{
	struct elf_file *ef = c->ef;
	const struct elf_sec *rs, *tgt;
	struct linker_sec *sec;
	struct linker_rel *r;
	GElf_Rel rel;
	GElf_Sym sym;
	size_t i, j, n, si;
	int err;

	for (i = 1; i < ef->nsecs; i++) {
		rs = &ef->secs[i];
		if (rs->shdr.sh_type != SHT_REL)
			continue;
		tgt = elf_rel_target(ef, rs);
		if (!tgt || c->in[tgt->idx].out < 0)
			continue;
		sec = &c->l->secs[c->in[tgt->idx].out];
		n = elf_rel_cnt(rs);
		if (util_ensure_cap((void **)&sec->rels, &sec->rels_cap,
				    sizeof(*sec->rels), sec->nrels + n))
			return -ENOMEM;
		for (j = 0; j < n; j++) {
			err = elf_rel(ef, rs, j, &rel);
			if (err)
				return err;
			si = GELF_R_SYM(rel.r_info);
			err = elf_sym(ef, si, &sym);
			if (err)
				return err;
			if (!c->sym_map[si]) {
				pr_warn("linker: '%s': relocation %zu of '%s' refers to symbol %zu, which is not linked\n",
					ef->name, j, rs->name, si);
				return -EINVAL;
			}
			r = &sec->rels[sec->nrels++];
			r->off = rel.r_offset + c->in[tgt->idx].dst_off;
			r->sym = c->sym_map[si];
			r->type = GELF_R_TYPE(rel.r_info);
			if (GELF_ST_TYPE(sym.st_info) == STT_SECTION &&
			    sec->type != SHT_NOBITS) {
				err = linker_rebase_addend(c, sec, r->off,
					r->type, c->in[sym.st_shndx].dst_off);
				if (err)
					return err;
			}
		}
	}
	return 0;
}

static int linker_add_btf(struct linker_ctx *c)
{
	struct bpf_linker *l = c->l;
	const struct elf_sec *btf = elf_sec_by_name(c->ef, ".BTF");
	const struct elf_sec *ext = elf_sec_by_name(c->ef, ".BTF.ext");
	struct linker_ext_in *in;
	size_t i;
	int err;

	c->btf_first = 1;
	c->btf_last = 0;
	if (!btf || !btf->data)
		return 0;
	if (util_ensure_cap((void **)&l->ins, &l->ins_cap, sizeof(*l->ins),
			    l->nins + 1))
		return -ENOMEM;
	in = &l->ins[l->nins];
	memset(in, 0, sizeof(*in));
	l->nins++;
	in->file = strdup(c->ef->name);
	in->sec_names = calloc(c->ef->nsecs, sizeof(*in->sec_names));
	in->sec_offs = calloc(c->ef->nsecs, sizeof(*in->sec_offs));
	if (!in->file || !in->sec_names || !in->sec_offs)
		return -ENOMEM;
	for (i = 1; i < c->ef->nsecs; i++) {
		if (c->in[i].out < 0)
			continue;
		in->sec_names[in->nsecs] = strdup(c->ef->secs[i].name);
		if (!in->sec_names[in->nsecs])
			return -ENOMEM;
		in->sec_offs[in->nsecs++] = c->in[i].dst_off;
	}
	c->btf_first = btf__type_cnt(l->btf);
	err = linker_btf_add(l, in, c->ef, c->in, btf->data, btf->size,
			     ext ? ext->data : NULL, ext ? ext->size : 0);
	if (err)
		return err;
	c->btf_last = btf__type_cnt(l->btf) - 1;
	return 0;
}

int linker_add_elf(struct bpf_linker *l, struct elf_file *ef)
{
	struct linker_ctx c = { .l = l, .ef = ef };
	size_t i;
	int err = -ENOMEM;

	c.in = calloc(ef->nsecs, sizeof(*c.in));
	c.sym_map = calloc(ef->nsyms ? ef->nsyms : 1, sizeof(*c.sym_map));
	if (!c.in || !c.sym_map)
		goto out;
	if (util_ensure_cap((void **)&l->files, &l->files_cap,
			    sizeof(*l->files), l->nfiles + 1))
		goto out;
	c.file = l->files[l->nfiles] = strdup(ef->name);
	if (!c.file)
		goto out;
	l->nfiles++;
	if (!ef->symtab_idx) {
		pr_warn("linker: '%s': no symbol table\n", ef->name);
		err = -EINVAL;
		goto out;
	}
	for (i = 0; i < ef->nsecs; i++)
		c.in[i].out = -1;
	for (i = 1; i < ef->nsecs; i++) {
		if (linker_sec_ignored(ef, &ef->secs[i]))
			continue;
		err = linker_place_sec(&c, i);
		if (err)
			goto out;
	}
	err = linker_add_btf(&c);
	if (err)
		goto out;
	err = linker_add_syms(&c);
	if (err)
		goto out;
	err = linker_add_rels(&c);
out:
	free(c.in);
	free(c.sym_map);
	return err;
}
