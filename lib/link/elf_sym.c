// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * User-space probe targets: finding a binary or shared library by name,
 * and turning a function name into the file offset the uprobe PMU wants
 * (symbol value relative to its section's load address, plus the
 * section's file offset), from .symtab or .dynsym.
 */
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <gelf.h>
#include <libelf.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "link.h"
#include "link_elf.h"
#include "util/alloc.h"
#include "util/err.h"
#include "util/log.h"

static int search_dirs(const char *name, const char *dirs, char *out, size_t len)
{
	const char *p = dirs, *end;

	while (p && *p) {
		size_t dlen;

		end = strchr(p, ':');
		dlen = end ? (size_t)(end - p) : strlen(p);
		if (dlen && (size_t)snprintf(out, len, "%.*s/%s", (int)dlen, p, name) < len &&
		    access(out, F_OK) == 0)
			return 0;
		p = end ? end + 1 : NULL;
	}
	return -ENOENT;
}

int link_resolve_path(const char *name, char *out, size_t len)
{
	const char *env;

	if (strchr(name, '/')) {
		if ((size_t)snprintf(out, len, "%s", name) >= len)
			return -ENAMETOOLONG;
		return access(out, F_OK) ? -errno : 0;
	}
	if (strstr(name, ".so")) {
		env = getenv("LD_LIBRARY_PATH");
		if (env && !search_dirs(name, env, out, len))
			return 0;
		return search_dirs(name,
#if defined(__x86_64__)
				   "/lib/x86_64-linux-gnu:/usr/lib/x86_64-linux-gnu:"
#elif defined(__aarch64__)
				   "/lib/aarch64-linux-gnu:/usr/lib/aarch64-linux-gnu:"
#endif
				   "/lib64:/usr/lib64:/lib:/usr/lib", out, len);
	}
	env = getenv("PATH");
	return search_dirs(name, env ? env : "/usr/bin:/bin", out, len);
}

int link_elf_open(const char *path, struct link_elf *le)
{
	memset(le, 0, sizeof(*le));
	if (elf_version(EV_CURRENT) == EV_NONE)
		return -EINVAL;
	le->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (le->fd < 0)
		return -errno;
	le->elf = elf_begin(le->fd, ELF_C_READ_MMAP, NULL);
	if (!le->elf || elf_kind(le->elf) != ELF_K_ELF) {
		pr_warn("elf: '%s': not an ELF file\n", path);
		link_elf_close(le);
		return -EINVAL;
	}
	return 0;
}

void link_elf_close(struct link_elf *le)
{
	if (le->elf)
		elf_end(le->elf);
	if (le->fd > 0)
		close(le->fd);
	le->elf = NULL;
	le->fd = -1;
}

/* "name" matches "name" and, for versioned .dynsym entries, "name@VER". */
static bool sym_name_matches(const char *sym, const char *want)
{
	size_t n = strlen(want);

	if (strncmp(sym, want, n))
		return false;
	return sym[n] == '\0' || (sym[n] == '@' && !strchr(want, '@'));
}

/*
 * The .gnu.version table: one entry per .dynsym symbol, bit 15 set for
 * versions other than the default one ("memcpy@GLIBC_2.2.5" next to the
 * default "memcpy@@GLIBC_2.14").
 */
static Elf_Data *find_versym(Elf *elf)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	while ((scn = elf_nextscn(elf, scn)))
		if (gelf_getshdr(scn, &sh) && sh.sh_type == SHT_GNU_versym)
			return elf_getdata(scn, NULL);
	return NULL;
}

static bool versym_hidden(Elf_Data *versym, size_t i)
{
	GElf_Versym v;

	if (!versym || !gelf_getversym(versym, i, &v))
		return false;
	return v & 0x8000;
}

int link_elf_for_each_func(struct link_elf *le, link_elf_sym_cb cb, void *ctx)
{
	Elf_Data *versym = find_versym(le->elf);
	Elf_Scn *scn = NULL;
	int pass, err;

	/* .symtab first: it has local functions; .dynsym covers stripped files. */
	for (pass = 0; pass < 2; pass++) {
		while ((scn = elf_nextscn(le->elf, scn))) {
			GElf_Shdr sh;
			Elf_Data *data;
			size_t i, n;

			if (!gelf_getshdr(scn, &sh))
				continue;
			if (sh.sh_type != (pass ? SHT_DYNSYM : SHT_SYMTAB))
				continue;
			data = elf_getdata(scn, NULL);
			if (!data || !sh.sh_entsize)
				continue;
			n = sh.sh_size / sh.sh_entsize;
			for (i = 0; i < n; i++) {
				GElf_Sym sym;
				GElf_Shdr tsh;
				Elf_Scn *tscn;
				const char *name;
				int type;

				if (!gelf_getsym(data, i, &sym))
					continue;
				type = GELF_ST_TYPE(sym.st_info);
				if ((type != STT_FUNC && type != STT_GNU_IFUNC) ||
				    sym.st_shndx == SHN_UNDEF || sym.st_shndx >= SHN_LORESERVE)
					continue;
				/* Old versions of a symbol: only the default one counts. */
				if (pass && versym_hidden(versym, i))
					continue;
				name = elf_strptr(le->elf, sh.sh_link, sym.st_name);
				if (!name || !*name)
					continue;
				tscn = elf_getscn(le->elf, sym.st_shndx);
				if (!tscn || !gelf_getshdr(tscn, &tsh))
					continue;
				err = cb(ctx, name, sym.st_value - tsh.sh_addr + tsh.sh_offset,
					 GELF_ST_BIND(sym.st_info));
				if (err)
					return err > 0 ? 0 : err;
			}
		}
		scn = NULL;
	}
	return 0;
}

struct find_ctx {
	const char *want;
	long offset;
	int bind;
	bool ambiguous;
};

static int find_cb(void *ctx, const char *name, unsigned long off, int bind)
{
	struct find_ctx *fc = ctx;

	if (!sym_name_matches(name, fc->want))
		return 0;
	if (fc->offset < 0) {
		fc->offset = off;
		fc->bind = bind;
		return 0;
	}
	if ((unsigned long)fc->offset == off)
		return 0;
	/* A global definition wins over a weak one; two of a kind is ambiguous. */
	if (fc->bind == STB_WEAK && bind == STB_GLOBAL) {
		fc->offset = off;
		fc->bind = bind;
	} else if (!(fc->bind == STB_GLOBAL && bind == STB_WEAK)) {
		fc->ambiguous = true;
	}
	return 0;
}

long link_elf_func_offset(const char *path, const char *func)
{
	struct find_ctx fc = { .want = func, .offset = -1 };
	struct link_elf le;
	int err;

	err = link_elf_open(path, &le);
	if (err) {
		pr_warn("elf: '%s': cannot open: %s\n", path, util_errstr(err));
		return err;
	}
	err = link_elf_for_each_func(&le, find_cb, &fc);
	link_elf_close(&le);
	if (err)
		return err;
	if (fc.offset < 0) {
		pr_warn("elf: '%s': function '%s' not found\n", path, func);
		return -ENOENT;
	}
	if (fc.ambiguous) {
		pr_warn("elf: '%s': function '%s' has several definitions\n", path, func);
		return -ENOENT;
	}
	return fc.offset;
}

struct glob_ctx {
	const char *pattern;
	unsigned long *offs;
	char **names;
	size_t cnt, cap;
	int err;
};

static int glob_cb(void *ctx, const char *name, unsigned long off, int bind)
{
	struct glob_ctx *gc = ctx;
	size_t i, cap;
	(void)bind;

	if (fnmatch(gc->pattern, name, 0))
		return 0;
	for (i = 0; i < gc->cnt; i++)
		if (gc->offs[i] == off)
			return 0;
	cap = gc->cap;
	if (util_ensure_cap((void **)&gc->offs, &cap, sizeof(*gc->offs), gc->cnt + 1))
		return -ENOMEM;
	cap = gc->cap;
	if (util_ensure_cap((void **)&gc->names, &cap, sizeof(*gc->names), gc->cnt + 1))
		return -ENOMEM;
	gc->cap = cap;
	gc->names[gc->cnt] = strdup(name);
	if (!gc->names[gc->cnt])
		return -ENOMEM;
	gc->offs[gc->cnt++] = off;
	return 0;
}

int link_elf_glob_funcs(const char *path, const char *pattern,
			unsigned long **offsets, size_t *cnt)
{
	struct glob_ctx gc = { .pattern = pattern };
	struct link_elf le;
	size_t i;
	int err;

	err = link_elf_open(path, &le);
	if (err) {
		pr_warn("elf: '%s': cannot open: %s\n", path, util_errstr(err));
		return err;
	}
	err = link_elf_for_each_func(&le, glob_cb, &gc);
	link_elf_close(&le);
	for (i = 0; i < gc.cnt; i++)
		free(gc.names[i]);
	free(gc.names);
	if (!err && !gc.cnt) {
		pr_warn("elf: '%s': no function matches '%s'\n", path, pattern);
		err = -ENOENT;
	}
	if (err) {
		free(gc.offs);
		return err;
	}
	*offsets = gc.offs;
	*cnt = gc.cnt;
	return 0;
}
