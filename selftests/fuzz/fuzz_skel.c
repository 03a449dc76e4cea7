// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Fuzz target "skel": the .skel.h generator (skeleton and subskeleton) on
 * the input bytes, written to a memory stream.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"
#include "skelgen.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_quiet();
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gen(skelgen_skeleton, data, size);
	gen(skelgen_subskeleton, data, size);
	return 0;
}
