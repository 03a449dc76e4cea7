/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Helpers shared by the files of lib/core/. */
#ifndef BPFKIT_CORE_INTERNAL_H
#define BPFKIT_CORE_INTERNAL_H

#include <stdarg.h>
#include <bpf/btf.h>
#include "core/core.h"

/* Deepest chain of modifiers/typedefs or nested types we follow. */
#define CORE_MAX_DEPTH 32

/*
 * The type behind id once const/volatile/restrict/type tags and typedefs
 * are peeled off; *res_id (if given) gets its id.  NULL if an id on the way
 * is invalid or the chain is too long.  Id 0 gives the void type.
 */
const struct btf_type *core_skip_mods(const struct btf *btf, __u32 id,
				      __u32 *res_id);
/* Same, but typedefs are kept (only modifiers peeled). */
const struct btf_type *core_skip_mods_only(const struct btf *btf, __u32 id,
					   __u32 *res_id);

/* Name of type id ("" when anonymous or invalid). */
const char *core_type_name(const struct btf *btf, __u32 id);
/* "struct", "union", "enum", "typedef", ... */
const char *core_kind_word(const struct btf_type *t);

/* Essential names of two strings equal? */
bool core_names_match(const char *a, const char *b);

/* printf into why->reason (no-op when why is NULL). */
__attribute__((format(printf, 2, 3)))
void core_why(struct core_failure *why, const char *fmt, ...);

/* Is the element access acc (an array) a flexible array member, i.e. the
 * previous step prev is the last member of its struct and nelems is 0? */
bool core_is_flex_arr(const struct btf *btf, const struct core_access *prev,
		      const struct btf_type *arr);

/* Kinds of relocations. */
static inline bool core_kind_is_field(enum bpf_core_relo_kind k)
{
	return k <= BPF_CORE_FIELD_RSHIFT_U64;
}

static inline bool core_kind_is_type(enum bpf_core_relo_kind k)
{
	return (k >= BPF_CORE_TYPE_ID_LOCAL && k <= BPF_CORE_TYPE_SIZE) ||
	       k == BPF_CORE_TYPE_MATCHES;
}

static inline bool core_kind_is_enumval(enum bpf_core_relo_kind k)
{
	return k == BPF_CORE_ENUMVAL_EXISTS || k == BPF_CORE_ENUMVAL_VALUE;
}

/*
 * A kernel-style target from a directory laid out like /sys/kernel/btf:
 * dir/vmlinux plus one split BTF per module (tests, and tools looking at
 * another machine's BTF).  core_target_get(NULL, NULL) is this for
 * /sys/kernel/btf.
 */
struct core_target *core_target_get_kernel_dir(const char *dir);

/* stats.c */
enum core_stat { CORE_STAT_PARSE, CORE_STAT_INDEX, CORE_STAT_LOOKUP,
		 CORE_STAT_RELO };
void core_stat_inc(enum core_stat which);

#endif
