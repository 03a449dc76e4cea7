/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * Printing raw bytes as the value of a BTF type, through a JSON writer:
 * map dump/lookup ("formatted" under -j, the pretty JSON-like layout in
 * plain mode).  The two modes differ only in how numbers that do not fit a
 * JSON number are written (quoted or not).
 */
#ifndef BPFTOOL_BTF_DUMPER_H
#define BPFTOOL_BTF_DUMPER_H

#include <stdbool.h>
#include <linux/types.h>

#include "json_writer.h"

struct btf;

struct btf_dumper {
	const struct btf *btf;
	json_writer_t *jw;
	bool is_plain_text;
	/*
	 * Function pointers hold program ids (struct_ops values): print them
	 * as "SIGNATURE NAME/prog_id:ID" (" 0" when empty) instead of an address.
	 */
	bool prog_id_as_func_ptr;
};

/* Writes the value at data as type type_id; negative errno on a kind it
 * cannot print (the writer then holds a marker and closed containers). */
int btf_dumper_type(const struct btf_dumper *d, __u32 type_id,
		    const void *data);

#endif
