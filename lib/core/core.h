/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * CO-RE: resolving the .BTF.ext relocation records of an object against a
 * target BTF and patching the instructions they point at.
 *
 * A pure layer: it reads BTF (files or already parsed) and rewrites
 * instructions in memory, it never calls bpf().
 *
 * How the object loader uses it, per object:
 *
 *	struct core_target *t = core_target_get(opts->btf_custom_path, NULL);
 *	if (!t) -> fail the load with -errno (message already logged)
 *	for each CO-RE record of each program (btf_ext_sections(...CORE_RELO)):
 *		struct core_failure why;
 *		err = core_apply_relo(t, obj_btf, rec, prog->insns,
 *				      prog->insn_cnt, insn_idx, &why);
 *		if (err < 0) {        hard error: record is bad, candidates
 *				      disagree, instruction does not match
 *			core_explain(&why, prog_name, src_line, buf, sizeof(buf));
 *			pr_warn("%s", buf); fail the load with err;
 *		}
 *		if (why.poisoned)     keep why for insn_idx: the instruction
 *				      was turned into "call 0xbad2310"
 *	core_target_put(t);
 *
 * When the verifier then rejects a program with "invalid func
 * unknown#195896080" (CORE_POISON_IMM) at instruction N, the loader looks up
 * the failure it kept for N and prints core_explain() of it; a poisoned
 * instruction the verifier proves dead is simply removed and the program
 * loads (code guarded by bpf_core_field_exists() and friends).
 */
#ifndef BPFKIT_CORE_H
#define BPFKIT_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <linux/bpf.h>
#include <linux/types.h>

struct btf;
struct btf_ext;

/* imm of the "call" a poisoned instruction becomes (0xbad2310). */
#define CORE_POISON_IMM 195896080

/* ------------------------------------------------------------------ */
/* Targets: a BTF to relocate against, with its candidate index.       */
/* ------------------------------------------------------------------ */

struct core_target;

/*
 * A reference to the target described by (btf_path, custom):
 *  - custom != NULL: that BTF (not owned; must outlive the target);
 *    btf_path is ignored.  Not cached: each call builds its own index.
 *  - btf_path != NULL: a raw BTF or ELF file (btf__parse()), e.g.
 *    bpf_object_open_opts.btf_custom_path.
 *  - both NULL: the running kernel, /sys/kernel/btf/vmlinux, plus the
 *    module BTFs of /sys/kernel/btf/ (read lazily, only when a type is not
 *    found in vmlinux).
 * Path targets are shared by the whole process and reference counted: the
 * file is parsed once and the name index built once (lazily, at the first
 * candidate lookup), however many objects and programs relocate against
 * it.  An idle path target (count back to 0) stays cached until the file
 * changes (inode, size, mtime) or core_target_cache_flush().
 * NULL with errno (ENOENT: no such file, EINVAL: not BTF) and a pr_warn on
 * failure.  Thread-safe.
 */
struct core_target *core_target_get(const char *btf_path,
				    const struct btf *custom);
void core_target_put(struct core_target *t);
/* Drop the idle cached targets (those nobody holds a reference to). */
void core_target_cache_flush(void);

/* The main BTF of the target (vmlinux for the kernel target). */
const struct btf *core_target_btf(const struct core_target *t);
/* "/sys/kernel/btf/vmlinux", the custom path, or "custom BTF". */
const char *core_target_name(const struct core_target *t);

/* A candidate: a type of some BTF of the target. */
struct core_cand {
	const struct btf *btf;	/* vmlinux, a module BTF, or the custom one */
	__u32 id;
	const char *mod_name;	/* NULL for the main BTF */
};

/*
 * The types of the target whose essential name (the part before the last
 * "___", see core_essential_name_len()) equals that of local type
 * local_id of local_btf and whose kind is CO-RE compatible (same kind; enum
 * and enum64 count as one).  Main BTF first; modules only when the main BTF
 * has none.  *cands is malloc'ed (free() it), *cnt may be 0.  0 or -errno.
 */
int core_find_cands(struct core_target *t, const struct btf *local_btf,
		    __u32 local_id, struct core_cand **cands, size_t *cnt);

/* Length of name without its "___flavor" suffix (the last "___" on). */
size_t core_essential_name_len(const char *name);

/* Work counters, for benchmarks and tests (process-wide, monotonic). */
struct core_stats {
	unsigned long btf_parses;	/* target BTF files parsed */
	unsigned long index_builds;	/* candidate indexes built */
	unsigned long cand_lookups;	/* core_find_cands() calls */
	unsigned long relos;		/* relocations computed */
};
void core_stats_get(struct core_stats *st);

/* ------------------------------------------------------------------ */
/* Relocation.                                                         */
/* ------------------------------------------------------------------ */

#define CORE_SPEC_MAX_LEN 64

/* One step of an access: a member (idx in the members), an array element,
 * or an enumerator. */
struct core_access {
	__u32 type_id;		/* member: its struct/union; element: the
				 * element type; first step: the root;
				 * enumerator: the enum */
	__u32 idx;
	const char *name;	/* member/enumerator name; NULL for elements */
};

/*
 * An access string resolved in one BTF.  spec[] holds the named steps
 * (and array elements) that must exist in any candidate; raw[] holds every
 * index including anonymous members, as in the "0:1:0:5" strings.
 */
struct core_spec {
	const struct btf *btf;
	__u32 root_type_id;
	enum bpf_core_relo_kind kind;
	int len;
	struct core_access spec[CORE_SPEC_MAX_LEN];
	int raw_len;
	__u32 raw[CORE_SPEC_MAX_LEN];
	__u32 bit_offset;	/* field relos: from the start of the root */
};

/* What a relocation computes. */
struct core_result {
	__u64 orig_val;		/* value the compiler put in the insn */
	__u64 new_val;		/* value for the target */
	bool poison;		/* unsatisfiable: insn becomes a bad call */
	bool validate;		/* insn must hold orig_val before patching */
	bool fail_memsz_adjust;	/* load size cannot follow the new size */
	__u32 orig_sz, orig_type_id;	/* field loads: sizes and types of */
	__u32 new_sz, new_type_id;	/* the accessed field */
	bool found;		/* targ_spec below is valid */
	struct core_spec local_spec;
	struct core_spec targ_spec;
	struct core_cand targ;	/* the candidate that matched (if found) */
	int cands_tried;
};

/* Why a relocation failed or was poisoned; filled by the calls below. */
struct core_failure {
	enum bpf_core_relo_kind kind;
	int err;		/* -errno of a hard error, 0 if only poisoned */
	bool poisoned;		/* the instruction was poisoned */
	size_t insn_idx;	/* index passed to core_apply_relo() */
	__u32 insn_off;		/* relo->insn_off (bytes in the ELF section) */
	__u32 local_type_id;
	/* "struct task_struct.real_parent (0:57)", "enum foo::BAR (0:2)" */
	char access_spec[256];
	/* what the target lacks / what is wrong, e.g. "target BTF
	 * /sys/kernel/btf/vmlinux: struct task_struct has no field 'foo'" */
	char reason[384];
};

/*
 * Compute relocation relo (a record of local_btf's .BTF.ext) against t
 * without touching any instruction.  t may be NULL for
 * BPF_CORE_TYPE_ID_LOCAL.  Returns 0 with *res filled (res->poison when the
 * target cannot satisfy it; why, if given, then says what it lacks), or
 * -errno (bad record, ambiguous candidates) with why filled.  This is what
 * "bpftool gen min_core_btf" uses: res->targ_spec names every target type
 * and member the relocation needs.
 */
int core_calc_relo(struct core_target *t, const struct btf *local_btf,
		   const struct bpf_core_relo *relo, struct core_result *res,
		   struct core_failure *why);

/*
 * Patch insns[insn_idx] (and insns[insn_idx + 1] for ld_imm64) from res:
 * ALU/ALU64 imm, LDX/ST/STX off (and the load size when the field size
 * changes and that is safe), ld_imm64 64-bit value.  When res->validate,
 * the instruction must hold res->orig_val (-EINVAL otherwise).  A poisoned
 * result turns the instruction into "call CORE_POISON_IMM".
 * 0 or -errno with why filled (why may be NULL).
 */
int core_patch_insn(struct bpf_insn *insns, size_t insn_cnt, size_t insn_idx,
		    const struct bpf_core_relo *relo,
		    const struct core_result *res, struct core_failure *why);

/*
 * core_calc_relo() + core_patch_insn().  insn_idx is where the record's
 * instruction sits in insns (the loader's index, which may differ from
 * relo->insn_off / 8 once subprograms are appended).
 * Returns 0 when patched (why->poisoned tells a poisoned instruction; the
 * load goes on), or -errno with why filled.  why must not be NULL.
 */
int core_apply_relo(struct core_target *t, const struct btf *local_btf,
		    const struct bpf_core_relo *relo, struct bpf_insn *insns,
		    size_t insn_cnt, size_t insn_idx, struct core_failure *why);

/*
 * The message for a failure, e.g.
 *   prog 'handle_exec': CO-RE relocation failed at core_fail.bpf.c:27
 *   ("return BPF_CORE_READ(t, foo);"): field byte offset of
 *   struct task_struct.foo (0:123): target BTF /sys/kernel/btf/vmlinux:
 *   struct task_struct has no field 'foo'
 * src_line is the line_info text of the instruction ("file.c:27 code" or
 * just the code), may be NULL.  Returns the length snprintf() would write.
 */
int core_explain(const struct core_failure *f, const char *prog_name,
		 const char *src_line, char *buf, size_t sz);

/* "byte_off", "byte_sz", "field_exists", ... ("unknown" otherwise). */
const char *core_relo_kind_str(enum bpf_core_relo_kind kind);
/* "field byte offset", "type exists", ... for messages. */
const char *core_relo_kind_desc(enum bpf_core_relo_kind kind);

/*
 * Parse relo's access string in local_btf into spec (no target involved).
 * 0 or -EINVAL with why->reason filled (why may be NULL).
 */
int core_spec_parse(const struct btf *local_btf,
		    const struct bpf_core_relo *relo, struct core_spec *spec,
		    struct core_failure *why);
/* "struct task_struct.real_parent (0:57)" style text of spec. */
int core_spec_format(const struct core_spec *spec, char *buf, size_t sz);

/*
 * Walk the types an access goes through, for tools that must keep them
 * (bpftool gen min_core_btf): fn(btf, id, member, ctx) is called for the
 * root, for every modifier/typedef on the way, for every struct/union
 * stepped through with the member index taken (anonymous ones included),
 * for every array, and last for the accessed field's own type; member is
 * -1 except for struct/union steps and for enumerators (the enumerator
 * index).  Type relocations visit the root only.  A non-zero return of fn
 * stops the walk and is returned; -EINVAL for a broken spec.
 */
typedef int (*core_walk_fn)(const struct btf *btf, __u32 type_id, int member,
			    void *ctx);
int core_spec_walk(const struct core_spec *spec, core_walk_fn fn, void *ctx);

/* Type compatibility rules (exposed for tools and tests). */
bool core_fields_compat(const struct btf *local_btf, __u32 local_id,
			const struct btf *targ_btf, __u32 targ_id);
bool core_types_compat(const struct btf *local_btf, __u32 local_id,
		       const struct btf *targ_btf, __u32 targ_id);
bool core_types_match(const struct btf *local_btf, __u32 local_id,
		      const struct btf *targ_btf, __u32 targ_id);

/* ------------------------------------------------------------------ */
/* Offline check (check.c).                                            */
/* ------------------------------------------------------------------ */

/*
 * For each CO-RE relocation of the object file obj_path, print to out its
 * ELF section (and program, when the symbol table names one), the source
 * line (from .BTF.ext line info), the access, and what it resolves to
 * against btf_path (NULL: the running kernel's BTF) or why it does not.
 * Loads nothing.  Returns the number of relocations that do not resolve
 * (0: all fine), or -errno (unreadable object, no .BTF/.BTF.ext, bad
 * target) with a pr_warn.
 */
int core_check_object(const char *obj_path, const char *btf_path, FILE *out);

/* One relocation as the offline check sees it (for JSON or other output). */
struct core_check_rec {
	const char *target;	/* core_target_name() */
	const char *sec;	/* ELF section */
	__u32 insn_off;		/* bytes in the section */
	size_t insn_idx;
	const char *prog;	/* function symbol covering it, or NULL */
	const char *line;	/* "file.c:27: code", or NULL */
	enum bpf_core_relo_kind kind;
	const char *access;	/* local access, readable */
	const char *targ_access;	/* target access, or NULL */
	__u32 targ_id;		/* 0 when not found */
	int err;		/* -errno of a hard error, else 0 */
	bool poisoned;		/* the instruction would be poisoned */
	bool found;		/* a target candidate matched */
	__u64 orig_val, new_val;
	const char *reason;	/* why not resolved/found ("" otherwise) */
};

/*
 * The same walk with a callback per relocation instead of text; fn's
 * non-zero return stops it and is returned.  Returns the number of
 * unresolved relocations, or -errno.
 */
typedef int (*core_check_fn)(const struct core_check_rec *rec, void *ctx);
int core_check_object_cb(const char *obj_path, const char *btf_path,
			 core_check_fn fn, void *ctx);

#endif
