/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Shared by the fuzz targets.  Each fuzz_<name>.c defines
 * LLVMFuzzerTestOneInput() (and may define LLVMFuzzerInitialize()); it is
 * linked either with libFuzzer (clang build, scripts/fuzz.sh) or with
 * replay_main.c, which feeds it files (the regression replay of ctest, in
 * the gcc and the sanitizer builds alike).
 */
#ifndef BPFKIT_FUZZ_H
#define BPFKIT_FUZZ_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <bpf/libbpf.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The library log is noise at millions of executions per run. */
static inline int fuzz_quiet_print(enum libbpf_print_level level, const char *fmt,
			    va_list ap)
{
	return 0;
}

static inline void fuzz_quiet(void)
{
	if (!getenv("BPFKIT_FUZZ_VERBOSE"))
		libbpf_set_print(fuzz_quiet_print);
}

/* Directory of fuzz data (the CO-RE target BTF); set by the build. */
#ifndef FUZZ_DATA_DIR
#define FUZZ_DATA_DIR "selftests/fuzz/data"
#endif

#endif
