// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Fuzz target "object": bpf_object__open_mem() on the input (ELF sections,
 * symbols, relocations, BTF, BTF.ext, programs, maps, externs), then the
 * CO-RE relocation of its records against a fixed target BTF, and the
 * offline check of the same bytes.  Targets: data/core_target.btf (the
 * kernel types the CO-RE test objects use, made by "bpftool gen
 * min_core_btf" from this kernel's vmlinux) or, when the input's last byte
 * is odd, data/core_target_local.btf (the .BTF of core_reloc.bpf.o, whose
 * flavoured local types then all have candidates).  No
 * kernel call is made: the open stage is pure, obj_apply_core() is the
 * loader's CO-RE pass, and the target is a file.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"
#include "core/core.h"
#include "object/object.h"

static const char *targets[2] = {
	FUZZ_DATA_DIR "/core_target.btf",
	FUZZ_DATA_DIR "/core_target_local.btf",
};
static int memfd = -1;
static char memfd_path[64];
static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *p = getenv("BPFKIT_FUZZ_CORE_TARGET");

	if (p)
		targets[0] = targets[1] = p;
	fuzz_quiet();
	return 0;
}

static int check_cb(const struct core_check_rec *rec, void *ctx)
{
	return 0;
}

/* core_check_object() takes a path: hand it the input through a memfd. */
static void fuzz_check(const uint8_t *data, size_t size, const char *target_path)
{
	if (memfd < 0) {
		memfd = memfd_create("fuzz_object", MFD_CLOEXEC);
		if (memfd < 0)
			return;
		snprintf(memfd_path, sizeof(memfd_path), "/proc/self/fd/%d", memfd);
		devnull = getenv("BPFKIT_FUZZ_VERBOSE") ? stderr :
			  fopen("/dev/null", "we");
	}
	if (ftruncate(memfd, 0) || pwrite(memfd, data, size, 0) != (ssize_t)size)
		return;
	core_check_object_cb(memfd_path, target_path, check_cb, NULL);
	if (devnull)
		core_check_object(memfd_path, target_path, devnull);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *target_path = targets[size && (data[size - 1] & 1)];
	LIBBPF_OPTS(bpf_object_open_opts, opts,
		.object_name = "fuzz",
		.btf_custom_path = target_path,
	);
	struct bpf_object *obj;
	struct bpf_program *prog;
	struct bpf_map *map;
	int err;

	obj = bpf_object__open_mem(data, size, &opts);
	if (obj) {
		/* The accessors walk what open collected. */
		bpf_object__for_each_program(prog, obj) {
			bpf_program__insn_cnt(prog);
			bpf_program__section_name(prog);
		}
		bpf_object__for_each_map(map, obj) {
			bpf_map__value_size(map);
			bpf_map__initial_value(map, NULL);
		}
		err = obj_apply_core(obj);
		if (getenv("BPFKIT_FUZZ_VERBOSE"))
			fprintf(stderr, "fuzz: obj_apply_core: %d\n", err);
		bpf_object__close(obj);
	}
	fuzz_check(data, size, target_path);
	return 0;
}
