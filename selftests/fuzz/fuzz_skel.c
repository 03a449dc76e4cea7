// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Fuzz target "skel": the .skel.h generators (skeleton, subskeleton and
 * light skeleton) on the input bytes, written to a memory stream.
 *
 * The light skeleton runs the object through bpf_object__load() with a
 * loader recorder (bpf_object__gen_loader()): no bpf() call, CO-RE, ksyms
 * and BTF attach targets are left to the loader at run time.  One thing of
 * the kernel is still read while recording: the values of CONFIG_* kconfig
 * externs, from /boot/config-$(uname -r) or /proc/config.gz (see
 * obj_resolve_kconfig()).  A fuzz target must neither depend on the
 * machine nor read a gzip file per execution, so inputs with such an
 * extern skip the light generator (LINUX_* kconfig externs, ksyms and
 * kfuncs are recorded as usual).  Any bpf() call during generation aborts,
 * so the fuzzer reports it as a crash.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "skelgen.h"
#include "object/object.h"
#include "sys/sys.h"

static int no_bpf_hook(enum bpf_cmd cmd, union bpf_attr *attr,
		       unsigned int size, void *ctx)
{
	fprintf(stderr, "fuzz_skel: bpf() command %d called by a skeleton generator\n",
		cmd);
	abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_quiet();
	sys_set_bpf_hook(no_bpf_hook, NULL);
	return 0;
}

static void gen(int (*fn)(const void *, size_t, const char *, FILE *),
		const uint8_t *data, size_t size)
{
	char *text = NULL;
	size_t text_sz = 0;
	FILE *out = open_memstream(&text, &text_sz);

	if (!out)
		return;
	fn(data, size, "fuzz", out);
	fclose(out);
	free(text);
}

/* Would recording the load read the kernel config (a CONFIG_* extern)? */
static bool reads_kconfig(const uint8_t *data, size_t size)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = "fuzz");
	struct bpf_object *obj;
	bool found = false;
	int i;

	obj = bpf_object__open_mem(data, size, &opts);
	if (!obj)
		return false;	/* the generator will not get further either */
	for (i = 0; i < obj->nr_externs && !found; i++) {
		const struct obj_extern *ext = &obj->externs[i];

		found = ext->kind == OBJ_EXT_KCFG && ext->name &&
			!strncmp(ext->name, "CONFIG_", 7);
	}
	bpf_object__close(obj);
	return found;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gen(skelgen_skeleton, data, size);
	gen(skelgen_subskeleton, data, size);
	if (!reads_kconfig(data, size))
		gen(skelgen_light_skeleton, data, size);
	return 0;
}
