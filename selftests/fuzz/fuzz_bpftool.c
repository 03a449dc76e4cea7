// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * Fuzz target "bpftool": the batch-line splitter (split_line(), static in
 * bpftool/main.c, hence the #include below with main() renamed) and the
 * byte parser parse_bytes() of bpftool/common.c, which gets the words the
 * splitter made.  Input: byte 0 picks the expected byte count (0..32) and
 * whether errors go to JSON (p_err in -j mode); the rest is one batch line.
 * Linked with every other bpftool source file.
 */
#define main bpftool_main
#include "main.c"
#undef main

#include <stdint.h>
#include <stdlib.h>

#include "common.h"
#include "json_writer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* prog profile's embedded BPF object is built by bpftool's own rules. */
const unsigned char prog_profiler_obj[1];
const unsigned int prog_profiler_obj_len;

static FILE *sink;
/*
 * BPFKIT_FUZZ_SPLIT_SLACK=1 gives the line one spare byte after its NUL:
 * split_line() writes one byte past the terminator of a line that ends in a
 * word (regressions/bpftool/crash-db7e40...), which otherwise stops every
 * run at once.  Only for long runs until that is fixed.
 */
static size_t slack;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	sink = fopen("/dev/null", "we");
	bin_name = "bpftool";
	slack = getenv("BPFKIT_FUZZ_SPLIT_SLACK") ? 1 : 0;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line, *words[256];
	unsigned char bytes[32];
	FILE *err = stderr;
	int n;

	if (!size)
		return 0;
	if (!sink)
		LLVMFuzzerInitialize(NULL, NULL);
	line = malloc(size + slack);
	if (!line)
		return 0;
	memcpy(line, data + 1, size - 1);
	line[size - 1] = '\0';

	json_output = data[0] & 0x80;
	if (json_output)
		json_wtr = jsonw_new(sink);
	else
		stderr = sink;	/* p_err's text (glibc's stderr is a variable) */

	n = split_line(line, words, 255, 1);
	if (n >= 0) {
		words[n] = NULL;
		parse_bytes(words, "key", bytes, (data[0] & 0x7f) % 33);
	}

	if (json_output) {
		jsonw_destroy(&json_wtr);
	}
	stderr = err;
	free(line);
	return 0;
}
