// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Build-time generator for the skeleton tests (bpftool's "gen skeleton"
 * without bpftool):  skelgen_tool [-s] OBJ.bpf.o OUT.skel.h [NAME]
 * -s writes a subskeleton.  NAME defaults to bpftool's name for OBJ.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "skelgen.h"

static void *read_file(const char *path, size_t *sz)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 &&
	    fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc(n);
		if (buf && fread(buf, 1, n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		*sz = n;
	}
	fclose(f);
	return buf;
}

int main(int argc, char **argv)
{
	const char *in, *out_path, *name;
	bool sub = false;
	char def_name[256];
	size_t sz = 0;
	FILE *out;
	void *obj;
	int err;

	if (argc > 1 && !strcmp(argv[1], "-s")) {
		sub = true;
		argv++;
		argc--;
	}
	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: skelgen_tool [-s] OBJ OUT [NAME]\n");
		return 2;
	}
	in = argv[1];
	out_path = argv[2];
	if (argc == 4) {
		name = argv[3];
	} else {
		err = skelgen_name_from_path(in, def_name, sizeof(def_name));
		if (err) {
			fprintf(stderr, "skelgen_tool: no skeleton name for '%s'\n", in);
			return 1;
		}
		name = def_name;
	}
	obj = read_file(in, &sz);
	if (!obj) {
		fprintf(stderr, "skelgen_tool: cannot read '%s': %s\n", in, strerror(errno));
		return 1;
	}
	out = fopen(out_path, "w");
	if (!out) {
		fprintf(stderr, "skelgen_tool: cannot create '%s': %s\n", out_path, strerror(errno));
		free(obj);
		return 1;
	}
	err = sub ? skelgen_subskeleton(obj, sz, name, out)
		  : skelgen_skeleton(obj, sz, name, out);
	free(obj);
	if (fclose(out) && !err)
		err = -EIO;
	if (err) {
		fprintf(stderr, "skelgen_tool: '%s': %s\n", in, strerror(-err));
		remove(out_path);
		return 1;
	}
	return 0;
}
