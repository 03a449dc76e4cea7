/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Pieces of C text shared by the skeleton and subskeleton writers. */
#ifndef BPFKIT_SKELGEN_EMIT_H
#define BPFKIT_SKELGEN_EMIT_H

#include <stdio.h>
#include "model.h"

struct skelgen_out {
	FILE *f;
	const struct skelgen_model *m;
	struct btf_dump *dump;		/* NULL when the object has no BTF */
};

int skelgen_out_init(struct skelgen_out *o, FILE *f, const struct skelgen_model *m);
void skelgen_out_free(struct skelgen_out *o);

/* Licence, "generated" note, include guard and includes. */
void skelgen_emit_prologue(struct skelgen_out *o, bool subskel);
void skelgen_emit_epilogue(struct skelgen_out *o, bool subskel);

/*
 * The view of one data map: for a skeleton a struct of the variables at
 * their offsets (explicit char __padN[] where the C layout would differ)
 * followed by "*ident;"; for a subskeleton a struct of pointers to the
 * variables followed by "ident;".  Nothing for maps without data.
 */
int skelgen_emit_datasec(struct skelgen_out *o, const struct skelgen_map *sm,
			 bool subskel);

/* NAME__assert(): _Static_assert()s of every variable's size. */
void skelgen_emit_asserts(struct skelgen_out *o, bool subskel);

/* A C string literal spelling the bytes, as the body of NAME__elf_bytes(). */
void skelgen_emit_bytes(FILE *f, const void *data, size_t sz);

/* Number of variables the skeleton exposes in this map's data. */
int skelgen_visible_vars(const struct skelgen_model *m, const struct skelgen_map *sm);

/*
 * Runs emit(o, arg) into a memory buffer, then writes the whole header to
 * out: a failure leaves out untouched.  name is for the error message.
 */
typedef int (*skelgen_emit_fn)(struct skelgen_out *o, const void *arg);
int skelgen_write(FILE *out, const struct skelgen_model *m, const char *name,
		  skelgen_emit_fn emit, const void *arg);

#endif
