/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * A minimal read-only view of a .bpf.o for the offline check and the
 * tests: its BTF and BTF.ext, the instructions of its code sections, the
 * function symbols and the line info.  Independent of lib/object/ on
 * purpose: it must work on objects the loader would refuse.
 */
#ifndef BPFKIT_CORE_OBJFILE_H
#define BPFKIT_CORE_OBJFILE_H

#include <stddef.h>
#include <linux/bpf.h>

struct btf;
struct btf_ext;

struct core_obj_sec {
	char *name;
	struct bpf_insn *insns;	/* a copy */
	size_t insn_cnt;
};

struct core_obj_sym {
	char *name;
	size_t sec;		/* index in secs[] */
	size_t off;		/* bytes from the section start */
};

struct core_obj {
	struct btf *btf;
	struct btf_ext *ext;	/* NULL when the object has no .BTF.ext */
	struct core_obj_sec *secs;
	size_t sec_cnt;
	struct core_obj_sym *syms;
	size_t sym_cnt;
};

/* 0 or -errno (ENOENT, EINVAL for a non-ELF or BTF-less file) + pr_warn. */
int core_obj_open(const char *path, struct core_obj **out);
void core_obj_close(struct core_obj *o);

const struct core_obj_sec *core_obj_find_sec(const struct core_obj *o,
					     const char *name);
/* The function symbol covering byte offset off of section name, or NULL. */
const char *core_obj_func_at(const struct core_obj *o, const char *sec,
			     size_t off);
/* "file.c:27: code" for the instruction at byte off of section sec;
 * 0 or -ENOENT when the object has no line info for it. */
int core_obj_line(const struct core_obj *o, const char *sec, __u32 off,
		  char *buf, size_t sz);

#endif
