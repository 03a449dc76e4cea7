/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
#ifndef BPFKIT_SKELGEN_STRUCT_OPS_H
#define BPFKIT_SKELGEN_STRUCT_OPS_H

#include "emit.h"

/* The "struct { ... } struct_ops;" member, if the object has such maps. */
int skelgen_emit_struct_ops(struct skelgen_out *o);
/* Statements of NAME__open_opts() pointing the views at the maps' data. */
void skelgen_emit_struct_ops_init(struct skelgen_out *o);

#endif
