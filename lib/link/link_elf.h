/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* ELF look-ups for user-space probes (uprobe, uprobe.multi, USDT). */
#ifndef BPFKIT_LINK_LINK_ELF_H
#define BPFKIT_LINK_LINK_ELF_H

#include <stddef.h>
#include <libelf.h>

struct link_elf {
	Elf *elf;
	int fd;
};

int link_elf_open(const char *path, struct link_elf *le);
void link_elf_close(struct link_elf *le);

/* Called per defined function symbol; non-zero stops (negative: error). */
typedef int (*link_elf_sym_cb)(void *ctx, const char *name,
			       unsigned long file_off, int bind);
int link_elf_for_each_func(struct link_elf *le, link_elf_sym_cb cb, void *ctx);

/*
 * "/abs/path" as is; "libc.so.6" through LD_LIBRARY_PATH and the usual
 * library directories; "ls" through PATH.  0 or -ENOENT.
 */
int link_resolve_path(const char *name, char *out, size_t len);

/* File offset of a function (for uprobes), or -errno with a message. */
long link_elf_func_offset(const char *path, const char *func);

/* Offsets of every function matching a glob; caller frees *offsets. */
int link_elf_glob_funcs(const char *path, const char *pattern,
			unsigned long **offsets, size_t *cnt);

#endif
