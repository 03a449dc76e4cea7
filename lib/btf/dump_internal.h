/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * btf_dump: printing BTF types as C declarations (dump_order.c decides what
 * to print and in which order, dump_decl.c prints definitions and
 * declarators) and printing memory as C initialisers (dump_data.c).
 *
 * Output is collected in a buffer and handed to the user's printf callback
 * in chunks of at most DUMP_CHUNK bytes (one "%.*s" call each), and always
 * before a public function returns: the callback sees the same text as with
 * one call per token, at a fraction of the cost.
 */
#ifndef BPFKIT_BTF_DUMP_INTERNAL_H
#define BPFKIT_BTF_DUMP_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <linux/btf.h>
#include <bpf/btf.h>

#include "btf/btf_internal.h"

struct util_hashmap;
struct dump_arena;

#define DUMP_CHUNK 4096

enum dump_order_state { DUMP_UNORDERED, DUMP_ORDERING, DUMP_ORDERED };
enum dump_emit_state { DUMP_UNEMITTED, DUMP_EMITTING, DUMP_EMITTED };

struct dump_tstate {
	unsigned char order : 2;
	unsigned char emit : 2;
	unsigned char fwd_emitted : 1;	/* "struct x;" (or typedef) printed */
	unsigned char referenced : 1;	/* some other type points at it */
	unsigned char name_done : 1;	/* its C name is decided */
	unsigned char renamed : 1;	/* ... and is in renamed */
};

/* dump_names.c: counters of names given out */
struct dump_name_ent {
	__u32 hash;
	__u32 item;		/* 1 + index in items, 0: free slot */
};

struct dump_name_item {
	const char *key;
	size_t count;
};

struct dump_names {
	struct dump_name_ent *ents;	/* 8-byte slots: the table stays small */
	__u32 mask, used;
	struct dump_name_item *items;	/* in order of first use */
	size_t items_cap;
	struct dump_arena *arena;
};

struct btf_dump;
size_t dump_names_use(struct btf_dump *d, struct dump_names *n,
		      const char *name);
void dump_names_free(struct dump_names *n);

struct btf_dump {
	const struct btf *btf;
	btf_dump_printf_fn_t printf_fn;
	void *ctx;
	int ptr_sz;

	/* per type id, for ids below nr_types */
	__u32 nr_types;
	struct dump_tstate *st;
	struct util_hashmap *renamed;	/* id -> "name___N" */
	signed char *aligns;	/* cached alignment, 0: unknown */

	/* ids whose definitions one dump_type call prints, in order */
	__u32 *queue;
	size_t queue_cnt, queue_cap;

	/* how often each name was given out: structs/unions/enums, and
	 * typedefs/enumerators (two C name spaces) */
	struct dump_names type_names;
	struct dump_names ident_names;

	bool strip_mods;
	bool skip_anon_defs;	/* "struct" rather than an inline definition */

	/*
	 * Padding printed as bitfield lines (dump_defs.c), in bits: by the
	 * struct/union definition being printed (with the anonymous ones
	 * inside it; struct_depth > 0 while one is) and by this btf_dump in
	 * all.  Past a budget, holes of corrupt BTF become byte arrays.
	 */
	long long pad_def_bits, pad_total_bits;
	int struct_depth;
	/*
	 * Anonymous types and prototypes printed inline inside another
	 * definition or declaration, counted as 1 + members each, for the
	 * current outermost definition and in all: such a type can be used
	 * many times over (dedup merges equal ones; corrupt BTF makes them
	 * contain each other through pointers, each use printing all of it),
	 * which nests into exponential text.
	 */
	long long inline_def_cost, inline_total_cost;
	bool inline_cut_warned;
	long long walks;	/* dump_order.c: re-walkable types walked */
	int err;		/* first allocation failure */

	/* output buffer */
	char *out;
	size_t out_len, out_cap;

	/* dump_type_data state */
	struct {
		char indent_str[32];	/* longer ones are cut, as libbpf */
		int indent_lvl;
		bool compact, skip_names, emit_zeroes, emit_strings;
		bool is_array_member, is_array_terminated, is_array_char;
		int depth;
		const void *data_end;
	} data;
};

/* ---- dump.c: output and names ---- */
void dump_out(struct btf_dump *d, const char *s, size_t len);
void dump_puts(struct btf_dump *d, const char *s);
void dump_printf(struct btf_dump *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void dump_flush(struct btf_dump *d);
void dump_indent(struct btf_dump *d, int lvl);	/* lvl tabs */
/* Decimal numbers without printf's cost. */
void dump_u64(struct btf_dump *d, unsigned long long v);
void dump_s64(struct btf_dump *d, long long v);
/* Bring the per-type arrays up to btf__type_cnt(); 0 or -ENOMEM. */
int dump_sync(struct btf_dump *d);

/* Ids reaching here were range-checked by the public entry points. */
static inline const struct btf_type *dump_type(const struct btf_dump *d,
					       __u32 id)
{
	const struct btf_type *t = id ? btf_type_by_id_raw(d->btf, id) : NULL;

	return t ? t : btf__type_by_id(d->btf, id);
}
const char *dump_str(const struct btf_dump *d, __u32 off);
/* Name of a struct/union/enum/fwd, made unique with ___N suffixes. */
const char *dump_type_name(struct btf_dump *d, __u32 id);
/* Same for typedefs (the identifier name space). */
const char *dump_ident_name(struct btf_dump *d, __u32 id);
/* Count another use of name in map; returns the count (1 for the first). */
size_t dump_name_uses(struct btf_dump *d, struct dump_names *map,
		      const char *name);
/* Alignment of a type as the compiler lays it out (packed: 1), cached. */
int dump_align(struct btf_dump *d, __u32 id);

/* ---- dump_order.c ---- */
int dump_order(struct btf_dump *d, __u32 id, bool through_ptr);
void dump_emit(struct btf_dump *d, __u32 id, __u32 cont_id);
void dump_mark_referenced(struct btf_dump *d, __u32 from, __u32 to);

/* ---- dump_decl.c ---- */
void dump_decl(struct btf_dump *d, __u32 id, const char *fname, int lvl);

/* ---- dump_data_scalar.c (used by dump_data.c) ---- */
const struct btf_type *dump_data_skip_mods(struct btf_dump *d, __u32 id,
					   __u32 *res_id);
void dump_data_end_value(struct btf_dump *d);
int dump_data_bitfield(const struct btf_type *t, const void *data,
		       __u8 bit_off, __u8 bit_sz, __u64 *val);
int dump_data_enum_value(struct btf_dump *d, const struct btf_type *t,
			 __u32 id, const void *data, __s64 *val);
/* -ENODATA when the value is all zero (and so left out). */
int dump_data_is_zero(struct btf_dump *d, __u32 id, const void *data,
		      __u8 bit_off, __u8 bit_sz);
int dump_data_int(struct btf_dump *d, const struct btf_type *t, __u32 id,
		  const void *data);
int dump_data_float(struct btf_dump *d, const struct btf_type *t, __u32 id,
		    const void *data);
int dump_data_ptr(struct btf_dump *d, const void *data);
int dump_data_enum(struct btf_dump *d, const struct btf_type *t, __u32 id,
		   __s64 v);

/* ---- dump_defs.c ---- */
void dump_enum_fwd(struct btf_dump *d, __u32 id, const struct btf_type *t);
void dump_struct_def(struct btf_dump *d, __u32 id, const struct btf_type *t,
		     int lvl);
/* May the anonymous type or prototype id (vlen members) be printed in full
 * where it is used?  Counts it against the budgets of dump_defs.c. */
bool dump_inline_budget(struct btf_dump *d, __u32 id, __u32 vlen);
void dump_struct_fwd(struct btf_dump *d, __u32 id, const struct btf_type *t);
void dump_enum_def(struct btf_dump *d, __u32 id, const struct btf_type *t,
		   int lvl);
void dump_fwd_def(struct btf_dump *d, __u32 id, const struct btf_type *t);
void dump_typedef_def(struct btf_dump *d, __u32 id, const struct btf_type *t,
		      int lvl);
bool dump_is_builtin_typedef(struct btf_dump *d, __u32 id);

#endif
