/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * USDT probe sites and argument specs.  The spec layout is the ABI shared
 * with <bpf/usdt.bpf.h> (docs/bpf-headers.md); the attach code writes it
 * into the program's __bpf_usdt_specs map.
 */
#ifndef BPFKIT_LINK_USDT_H
#define BPFKIT_LINK_USDT_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

#define USDT_MAX_ARGS 12

enum usdt_arg_type {
	USDT_ARG_CONST,
	USDT_ARG_REG,
	USDT_ARG_REG_DEREF,
	USDT_ARG_SIB,
};

struct usdt_arg_spec {
	__u64 val_off;
	enum usdt_arg_type arg_type: 8;
	__u16 idx_reg_off: 12;
	__u16 scale_bitshift: 4;
	__u8 reserved: 8;
	short reg_off;
	bool arg_signed;
	char arg_bitshift;
};

struct usdt_spec {
	struct usdt_arg_spec args[USDT_MAX_ARGS];
	__u64 usdt_cookie;
	short arg_cnt;
};

/* One probe site of a binary, from its .note.stapsdt entry. */
struct usdt_site {
	unsigned long file_off;		/* where the uprobe goes */
	unsigned long sema_off;		/* file offset of the semaphore, or 0 */
	char *args;			/* "-4@%eax 8@-8(%rbp)" */
};

/*
 * Sites of provider:name in the ELF file at path.  0 and an array the caller
 * frees with usdt_sites_free(), or -ENOENT / -errno with a message.
 */
int usdt_find_sites(const char *path, const char *provider, const char *name,
		    struct usdt_site **sites, size_t *cnt);
void usdt_sites_free(struct usdt_site *sites, size_t cnt);

/* Parses an argument string into spec for this machine; -EINVAL on junk. */
int usdt_parse_args(const char *args, struct usdt_spec *spec);

/* The same for a given architecture's operand syntax (tests, tools). */
enum usdt_arch {
	USDT_ARCH_X86_64,
	USDT_ARCH_ARM64,
};
int usdt_parse_args_arch(const char *args, enum usdt_arch arch,
			 struct usdt_spec *spec);

#endif
