/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* Which processes hold an fd to a BPF object ("pids comm(pid)"). */
#ifndef BPFTOOL_PIDS_H
#define BPFTOOL_PIDS_H

#include "common.h"

struct obj_refs_table;

struct obj_refs_table *obj_refs_build(enum bpf_obj_type type);
void obj_refs_free(struct obj_refs_table *t);
void obj_refs_print_plain(const struct obj_refs_table *t, __u32 id,
			  const char *prefix);
void obj_refs_print_json(const struct obj_refs_table *t, __u32 id);

#endif
