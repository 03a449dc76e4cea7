/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * skelgen: writes the .skel.h headers of "bpftool gen skeleton" and
 * "bpftool gen subskeleton".  Pure: the object's bytes come in, C text goes
 * out; nothing is loaded into the kernel.
 *
 * The object is inspected through the public libbpf API (opened, never
 * loaded), so map and program names in the header are exactly the ones the
 * skeleton runtime will look up.  Variable types are printed from BTF with
 * btf_dump.
 *
 * Errors are reported through the library log (pr_warn, "skel: ..."), the
 * functions return a negative errno, and nothing is written to out then.
 */
#ifndef BPFKIT_SKELGEN_H
#define BPFKIT_SKELGEN_H

#include <stddef.h>
#include <stdio.h>

/*
 * The skeleton of an object: struct obj_name with maps, progs, links and
 * data section views, obj_name__open/load/attach/... and the embedded ELF.
 * obj_name must be a C identifier (see skelgen_name_from_path()).
 */
int skelgen_skeleton(const void *obj, size_t sz, const char *obj_name, FILE *out);

/*
 * The subskeleton of a BPF library object: a view onto the library's maps,
 * programs and global variables inside whichever final object it was
 * linked into (obj_name__open(const struct bpf_object *)).
 */
int skelgen_subskeleton(const void *obj, size_t sz, const char *obj_name, FILE *out);

/*
 * bpftool's default skeleton name for an object file: the base name
 * without a trailing ".o", other characters than [A-Za-z0-9_] turned into
 * '_' ("dir/prog.bpf.o" -> "prog_bpf").  -ENAMETOOLONG if buf is too small,
 * -EINVAL if nothing usable is left.
 */
int skelgen_name_from_path(const char *path, char *buf, size_t size);

#endif
