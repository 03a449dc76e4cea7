// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Fuzz target "btf": btf__new() on raw .BTF bytes, then every type dumped
 * as C by btf_dump into a memory stream, and the raw data written back.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <bpf/btf.h>

#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_quiet();
	return 0;
}

static void dump_printf(void *ctx, const char *fmt, va_list args)
{
	vfprintf(ctx, fmt, args);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct btf_dump *d;
	struct btf *btf;
	char *text = NULL;
	size_t text_sz = 0;
	__u32 raw_sz, i, n;
	FILE *out;

	btf = btf__new(data, size);
	if (!btf)
		return 0;
	btf__raw_data(btf, &raw_sz);
	n = btf__type_cnt(btf);
	for (i = 1; i < n; i++)
		btf__name_by_offset(btf, btf__type_by_id(btf, i)->name_off);
	out = open_memstream(&text, &text_sz);
	if (out) {
		d = btf_dump__new(btf, dump_printf, out, NULL);
		if (d) {
			for (i = 1; i < n; i++)
				btf_dump__dump_type(d, i);
			btf_dump__free(d);
		}
		fclose(out);
	}
	free(text);
	btf__free(btf);
	return 0;
}
