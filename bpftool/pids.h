/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* Which processes hold an fd to a BPF object ("pids comm(pid)"). */
#ifndef BPFTOOL_PIDS_H
#define BPFTOOL_PIDS_H

#include <linux/types.h>

/*
 * One record of the task_file iterator (pids.bpf.c), written with
 * bpf_seq_write() for every open fd that is a BPF object: this part of the
 * header is shared by both sides and must stay free of user-space types.
 */
enum pids_obj_kind {
	PIDS_KIND_PROG = 1,
	PIDS_KIND_MAP,
	PIDS_KIND_LINK,
	PIDS_KIND_BTF,
};

struct pids_iter_rec {
	__u32 kind;		/* enum pids_obj_kind */
	__u32 id;		/* the object's id */
	__u32 pid;		/* tgid of the holder */
	char comm[16];
};

#ifndef __bpf__
#include "common.h"

struct obj_refs_table;

/*
 * The holders of every object of one kind, bpftool itself left out.  Found
 * with the embedded task_file iterator; /proc/PID/fdinfo is read instead
 * when the iterator cannot be used.  BPFKIT_PIDS_SOURCE=proc forces the
 * /proc scan, BPFKIT_PIDS_SOURCE=iter forbids it (no holders on failure).
 */
struct obj_refs_table *obj_refs_build(enum bpf_obj_type type);
void obj_refs_free(struct obj_refs_table *t);
void obj_refs_print_plain(const struct obj_refs_table *t, __u32 id,
			  const char *prefix);
void obj_refs_print_json(const struct obj_refs_table *t, __u32 id);
#endif

#endif
