// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * USDT probe sites: the SystemTap .note.stapsdt notes of an ELF file
 * (address, base, semaphore, provider, name, argument string), and the
 * argument strings turned into specs for <bpf/usdt.bpf.h>.
 */
#include <errno.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "link_elf.h"
#include "usdt.h"
#include "util/alloc.h"
#include "util/err.h"
#include "util/log.h"

_Static_assert(sizeof(struct usdt_arg_spec) == 24, "usdt arg spec ABI");
_Static_assert(sizeof(struct usdt_spec) == 304, "usdt spec ABI");

#define STAPSDT_NOTE_TYPE 3

void usdt_sites_free(struct usdt_site *sites, size_t cnt)
{
	size_t i;

	for (i = 0; i < cnt; i++)
		free(sites[i].args);
	free(sites);
}

/* File offset of a virtual address inside a loaded segment. */
static int vaddr_to_off(Elf *elf, __u64 addr, bool exec, unsigned long *off)
{
	size_t n, i;

	if (elf_getphdrnum(elf, &n))
		return -EINVAL;
	for (i = 0; i < n; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(elf, i, &ph) || ph.p_type != PT_LOAD)
			continue;
		if (exec && !(ph.p_flags & PF_X))
			continue;
		if (addr >= ph.p_vaddr && addr < ph.p_vaddr + ph.p_memsz) {
			*off = addr - ph.p_vaddr + ph.p_offset;
			return 0;
		}
	}
	return -ENOENT;
}

static Elf_Scn *find_section(Elf *elf, const char *want, GElf_Shdr *sh)
{
	Elf_Scn *scn = NULL;
	size_t shstrndx;

	if (elf_getshdrstrndx(elf, &shstrndx))
		return NULL;
	while ((scn = elf_nextscn(elf, scn))) {
		const char *name;

		if (!gelf_getshdr(scn, sh))
			continue;
		name = elf_strptr(elf, shstrndx, sh->sh_name);
		if (name && !strcmp(name, want))
			return scn;
	}
	return NULL;
}

int usdt_find_sites(const char *path, const char *provider, const char *name,
		    struct usdt_site **sites, size_t *cnt)
{
	struct usdt_site *out = NULL;
	size_t n = 0, cap = 0, off = 0, name_off, desc_off;
	GElf_Shdr note_sh, base_sh;
	bool have_base;
	struct link_elf le;
	Elf_Data *data;
	Elf_Scn *scn;
	GElf_Nhdr nh;
	int err;

	err = link_elf_open(path, &le);
	if (err) {
		pr_warn("usdt: '%s': cannot open: %s\n", path, util_errstr(err));
		return err;
	}
	scn = find_section(le.elf, ".note.stapsdt", &note_sh);
	if (!scn || note_sh.sh_type != SHT_NOTE) {
		pr_warn("usdt: '%s': no .note.stapsdt section (no USDT probes)\n", path);
		err = -ENOENT;
		goto out;
	}
	have_base = find_section(le.elf, ".stapsdt.base", &base_sh) != NULL;
	data = elf_getdata(scn, NULL);
	if (!data) {
		err = -EINVAL;
		goto out;
	}
	while ((off = gelf_getnote(data, off, &nh, &name_off, &desc_off)) > 0) {
		const char *desc = (const char *)data->d_buf + desc_off;
		const char *end = desc + nh.n_descsz, *prov, *pname, *args;
		__u64 pc, base, sema;
		unsigned long file_off, sema_off = 0;

		if (nh.n_type != STAPSDT_NOTE_TYPE || nh.n_namesz != 8 ||
		    memcmp((const char *)data->d_buf + name_off, "stapsdt", 8) ||
		    nh.n_descsz < 3 * 8 + 3)
			continue;
		memcpy(&pc, desc, 8);
		memcpy(&base, desc + 8, 8);
		memcpy(&sema, desc + 16, 8);
		/* Three NUL-terminated strings, all inside the descriptor. */
		prov = desc + 24;
		pname = memchr(prov, 0, end - prov);
		if (!pname || ++pname >= end)
			continue;
		args = memchr(pname, 0, end - pname);
		if (!args || ++args >= end || !memchr(args, 0, end - args))
			continue;
		if (strcmp(prov, provider) || strcmp(pname, name))
			continue;
		/* Prelinked or moved files: the note's base tells the shift. */
		if (have_base && base)
			pc += base_sh.sh_addr - base;
		if (vaddr_to_off(le.elf, pc, true, &file_off)) {
			pr_warn("usdt: '%s': %s:%s address 0x%llx is in no executable segment\n",
				path, provider, name, (unsigned long long)pc);
			err = -EINVAL;
			goto out;
		}
		if (sema && vaddr_to_off(le.elf, sema, false, &sema_off)) {
			pr_warn("usdt: '%s': %s:%s semaphore 0x%llx is in no segment\n",
				path, provider, name, (unsigned long long)sema);
			err = -EINVAL;
			goto out;
		}
		err = util_ensure_cap((void **)&out, &cap, sizeof(*out), n + 1);
		if (err)
			goto out;
		out[n].file_off = file_off;
		out[n].sema_off = sema_off;
		out[n].args = strdup(args);
		if (!out[n].args) {
			err = -ENOMEM;
			goto out;
		}
		n++;
	}
	if (!n) {
		pr_warn("usdt: '%s': no probe %s:%s\n", path, provider, name);
		err = -ENOENT;
	}
out:
	link_elf_close(&le);
	if (err) {
		usdt_sites_free(out, n);
		return err;
	}
	*sites = out;
	*cnt = n;
	return 0;
}

/* Byte offsets of the x86-64 registers in struct pt_regs. */
static const struct {
	const char *names[4];
	short off;
} x86_regs[] = {
	{ { "rip", "eip" }, 128 },
	{ { "rax", "eax", "ax", "al" }, 80 },
	{ { "rbx", "ebx", "bx", "bl" }, 40 },
	{ { "rcx", "ecx", "cx", "cl" }, 88 },
	{ { "rdx", "edx", "dx", "dl" }, 96 },
	{ { "rsi", "esi", "si", "sil" }, 104 },
	{ { "rdi", "edi", "di", "dil" }, 112 },
	{ { "rbp", "ebp", "bp", "bpl" }, 32 },
	{ { "rsp", "esp", "sp", "spl" }, 152 },
	{ { "r8", "r8d", "r8w", "r8b" }, 72 },
	{ { "r9", "r9d", "r9w", "r9b" }, 64 },
	{ { "r10", "r10d", "r10w", "r10b" }, 56 },
	{ { "r11", "r11d", "r11w", "r11b" }, 48 },
	{ { "r12", "r12d", "r12w", "r12b" }, 24 },
	{ { "r13", "r13d", "r13w", "r13b" }, 16 },
	{ { "r14", "r14d", "r14w", "r14b" }, 8 },
	{ { "r15", "r15d", "r15w", "r15b" }, 0 },
};

static int reg_offset(const char *name, size_t len)
{
	size_t i, j;

	for (i = 0; i < sizeof(x86_regs) / sizeof(x86_regs[0]); i++)
		for (j = 0; j < 4 && x86_regs[i].names[j]; j++)
			if (strlen(x86_regs[i].names[j]) == len &&
			    !strncmp(x86_regs[i].names[j], name, len))
				return x86_regs[i].off;
	return -ENOENT;
}

/* "%reg" at *p; advances *p past it. */
static int parse_reg(const char **p)
{
	const char *s = *p, *e;
	int off;

	if (*s != '%')
		return -EINVAL;
	s++;
	for (e = s; (*e >= 'a' && *e <= 'z') || (*e >= '0' && *e <= '9'); e++)
		;
	off = reg_offset(s, e - s);
	if (off < 0)
		return off;
	*p = e;
	return off;
}

static int parse_one(const char *arg, struct usdt_arg_spec *as)
{
	const char *p;
	char *end;
	long size, disp = 0;
	int reg, idx, scale;

	memset(as, 0, sizeof(*as));
	size = strtol(arg, &end, 10);
	if (end == arg || *end != '@')
		return -EINVAL;
	if (size < -8 || size > 8 || size == 0 || (labs(size) & (labs(size) - 1)))
		return -EINVAL;
	as->arg_signed = size < 0;
	as->arg_bitshift = 64 - 8 * labs(size);
	p = end + 1;

	if (*p == '$') {		/* constant */
		as->arg_type = USDT_ARG_CONST;
		as->val_off = strtoll(p + 1, &end, 0);
		return end != p + 1 && *end == '\0' ? 0 : -EINVAL;
	}
	if (*p == '%') {		/* register */
		reg = parse_reg(&p);
		if (reg < 0 || *p)
			return -EINVAL;
		as->arg_type = USDT_ARG_REG;
		as->reg_off = reg;
		return 0;
	}
	/* [disp](%base[,%index[,scale]]) */
	if (*p != '(') {
		disp = strtol(p, &end, 0);
		if (end == p)
			return -EINVAL;
		p = end;
	}
	if (*p++ != '(')
		return -EINVAL;
	reg = parse_reg(&p);
	if (reg < 0)
		return -EINVAL;
	as->val_off = disp;
	as->reg_off = reg;
	if (*p == ')' && p[1] == '\0') {
		as->arg_type = USDT_ARG_REG_DEREF;
		return 0;
	}
	if (*p++ != ',')
		return -EINVAL;
	idx = parse_reg(&p);
	if (idx < 0)
		return -EINVAL;
	scale = 1;
	if (*p == ',') {
		scale = strtol(p + 1, &end, 10);
		p = end;
	}
	if (*p != ')' || p[1] != '\0')
		return -EINVAL;
	switch (scale) {
	case 1: as->scale_bitshift = 0; break;
	case 2: as->scale_bitshift = 1; break;
	case 4: as->scale_bitshift = 2; break;
	case 8: as->scale_bitshift = 3; break;
	default: return -EINVAL;
	}
	as->arg_type = USDT_ARG_SIB;
	as->idx_reg_off = idx;
	return 0;
}

/* arm64: "x0".."x30" (or "w0".."w30") and "sp" in struct user_pt_regs. */
static int arm64_reg_offset(const char *name, size_t len)
{
	char buf[8];
	char *end;
	long n;

	if (len == 2 && !strncmp(name, "sp", 2))
		return 31 * 8;
	if (len < 2 || len > 3 || (name[0] != 'x' && name[0] != 'w'))
		return -ENOENT;
	memcpy(buf, name + 1, len - 1);
	buf[len - 1] = '\0';
	n = strtol(buf, &end, 10);
	if (*end || n < 0 || n > 30)
		return -ENOENT;
	return n * 8;
}

static int arm64_parse_reg(const char **p)
{
	const char *s = *p, *e;
	int off;

	for (e = s; (*e >= 'a' && *e <= 'z') || (*e >= '0' && *e <= '9'); e++)
		;
	off = arm64_reg_offset(s, e - s);
	if (off >= 0)
		*p = e;
	return off;
}

/* "-4@x0", "8@[sp, 16]", "8@[x29, -8]", "4@[x1]", "4@5" */
static int parse_one_arm64(const char *arg, struct usdt_arg_spec *as)
{
	const char *p;
	char *end;
	long size;
	int reg;

	memset(as, 0, sizeof(*as));
	size = strtol(arg, &end, 10);
	if (end == arg || *end != '@' || size < -8 || size > 8 || size == 0 ||
	    (labs(size) & (labs(size) - 1)))
		return -EINVAL;
	as->arg_signed = size < 0;
	as->arg_bitshift = 64 - 8 * labs(size);
	p = end + 1;
	if (*p == '[') {
		p++;
		reg = arm64_parse_reg(&p);
		if (reg < 0)
			return -EINVAL;
		as->arg_type = USDT_ARG_REG_DEREF;
		as->reg_off = reg;
		if (*p == ',') {
			p++;
			while (*p == ' ')
				p++;
			as->val_off = strtoll(p, &end, 0);
			if (end == p)
				return -EINVAL;
			p = end;
		}
		return *p == ']' && p[1] == '\0' ? 0 : -EINVAL;
	}
	if ((*p >= '0' && *p <= '9') || *p == '-') {
		as->arg_type = USDT_ARG_CONST;
		as->val_off = strtoll(p, &end, 0);
		return *end == '\0' ? 0 : -EINVAL;
	}
	reg = arm64_parse_reg(&p);
	if (reg < 0 || *p)
		return -EINVAL;
	as->arg_type = USDT_ARG_REG;
	as->reg_off = reg;
	return 0;
}

int usdt_parse_args_arch(const char *args, enum usdt_arch arch,
			 struct usdt_spec *spec)
{
	char buf[128];
	const char *p = args;
	int n = 0, err;

	memset(spec, 0, sizeof(*spec));
	while (*p) {
		size_t len;

		while (*p == ' ')
			p++;
		if (!*p)
			break;
		len = strcspn(p, " ");
		/* arm64 memory operands hold a space: "8@[sp, 16]" */
		if (arch == USDT_ARCH_ARM64 && memchr(p, '[', len)) {
			const char *close = strchr(p, ']');

			if (!close)
				return -EINVAL;
			len = close - p + 1;
		}
		if (len >= sizeof(buf) || n >= USDT_MAX_ARGS)
			return -E2BIG;
		memcpy(buf, p, len);
		buf[len] = '\0';
		err = arch == USDT_ARCH_ARM64 ? parse_one_arm64(buf, &spec->args[n]) :
						parse_one(buf, &spec->args[n]);
		if (err) {
			pr_warn("usdt: cannot parse argument '%s'\n", buf);
			return err;
		}
		n++;
		p += len;
	}
	spec->arg_cnt = n;
	return 0;
}

int usdt_parse_args(const char *args, struct usdt_spec *spec)
{
#if defined(__aarch64__)
	return usdt_parse_args_arch(args, USDT_ARCH_ARM64, spec);
#else
	return usdt_parse_args_arch(args, USDT_ARCH_X86_64, spec);
#endif
}
