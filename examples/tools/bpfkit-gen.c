// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * bpfkit-gen: a stand-in for two bpftool commands, used by the CMake helper
 * (cmake/BpfkitConfig.cmake) inside this source tree only while our bpftool
 * does not implement them yet:
 *
 *   bpfkit-gen skeleton OBJ [name NAME]   like "bpftool gen skeleton"
 *   bpfkit-gen vmlinux [BTF_FILE]         like "bpftool btf dump file
 *                                         BTF_FILE format c"
 *
 * Both write the header to stdout.  The generation itself is the
 * library's (skeleton-gen/ and btf_dump); this file only drives it.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "skelgen.h"

static void usage(void)
{
	fprintf(stderr,
		"usage: bpfkit-gen skeleton OBJ [name NAME]\n"
		"       bpfkit-gen vmlinux [BTF_FILE]\n");
}

static void *slurp(const char *path, size_t *sz)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET)) {
		errno = EINVAL;
		goto out;
	}
	buf = malloc(n);
	if (buf && fread(buf, 1, n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
		errno = EIO;
	}
	*sz = n;
out:
	fclose(f);
	return buf;
}

static int gen_skeleton(int argc, char **argv)
{
	char def_name[256];
	const char *name;
	size_t sz = 0;
	void *obj;
	int err;

	if (argc != 1 && !(argc == 3 && !strcmp(argv[1], "name"))) {
		usage();
		return 2;
	}
	if (argc == 3) {
		name = argv[2];
	} else {
		if (skelgen_name_from_path(argv[0], def_name, sizeof(def_name))) {
			fprintf(stderr, "bpfkit-gen: no skeleton name for '%s'\n", argv[0]);
			return 1;
		}
		name = def_name;
	}
	obj = slurp(argv[0], &sz);
	if (!obj) {
		fprintf(stderr, "bpfkit-gen: cannot read '%s': %s\n", argv[0], strerror(errno));
		return 1;
	}
	err = skelgen_skeleton(obj, sz, name, stdout);
	free(obj);
	if (err) {
		fprintf(stderr, "bpfkit-gen: skeleton of '%s' failed: %s\n", argv[0], strerror(-err));
		return 1;
	}
	return fflush(stdout) ? 1 : 0;
}

static void print_to(void *ctx, const char *fmt, va_list args)
{
	vfprintf(ctx, fmt, args);
}

static int gen_vmlinux(int argc, char **argv)
{
	const char *path = argc > 0 ? argv[0] : "/sys/kernel/btf/vmlinux";
	struct btf_dump *d;
	struct btf *btf;
	__u32 id, n;
	int err = 0;

	if (argc > 1) {
		usage();
		return 2;
	}
	btf = btf__parse(path, NULL);
	if (!btf) {
		fprintf(stderr, "bpfkit-gen: cannot load BTF from '%s': %s\n", path, strerror(errno));
		return 1;
	}
	d = btf_dump__new(btf, print_to, stdout, NULL);
	if (!d) {
		fprintf(stderr, "bpfkit-gen: btf_dump: %s\n", strerror(errno));
		btf__free(btf);
		return 1;
	}
	/* The same wrapper as bpftool's: CO-RE access on every record. */
	printf("#ifndef __VMLINUX_H__\n#define __VMLINUX_H__\n\n"
	       "#ifndef BPF_NO_PRESERVE_ACCESS_INDEX\n"
	       "#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)\n"
	       "#endif\n\n");
	n = btf__type_cnt(btf);
	for (id = 1; id < n && !err; id++)
		err = btf_dump__dump_type(d, id);
	printf("\n#ifndef BPF_NO_PRESERVE_ACCESS_INDEX\n"
	       "#pragma clang attribute pop\n#endif\n\n#endif /* __VMLINUX_H__ */\n");
	btf_dump__free(d);
	btf__free(btf);
	if (err) {
		fprintf(stderr, "bpfkit-gen: dumping type %u failed: %s\n", id - 1, strerror(-err));
		return 1;
	}
	return fflush(stdout) ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage();
		return 2;
	}
	if (!strcmp(argv[1], "skeleton") && argc > 2)
		return gen_skeleton(argc - 2, argv + 2);
	if (!strcmp(argv[1], "vmlinux"))
		return gen_vmlinux(argc - 2, argv + 2);
	usage();
	return 2;
}
