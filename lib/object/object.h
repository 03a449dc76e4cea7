/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The inside of bpf_object, bpf_program and bpf_map, shared by the files of
 * lib/object/.  Life of an object:
 *   open    ELF read; programs (one per function symbol of an executable
 *           section) and maps (.maps, global data sections, .kconfig) are
 *           collected with their relocation records; nothing touches the
 *           kernel.
 *   prepare object BTF loaded, maps created, CO-RE applied, subprograms
 *           appended, map/data/extern relocations resolved to fds.
 *   load    programs loaded.
 */
#ifndef BPFKIT_OBJECT_OBJECT_H
#define BPFKIT_OBJECT_OBJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/bpf.h>
#include <bpf/libbpf.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>

#include "elf/elf.h"

struct sec_def;
struct core_failure;

#define OBJ_INSN_SZ ((int)sizeof(struct bpf_insn))

enum obj_relo_kind {
	OBJ_RELO_MAP,		/* ld_imm64 of a map (BPF_PSEUDO_MAP_FD) */
	OBJ_RELO_DATA,		/* ld_imm64 of global data (BPF_PSEUDO_MAP_VALUE) */
	OBJ_RELO_CALL,		/* call of a subprogram */
	OBJ_RELO_SUBPROG_ADDR,	/* ld_imm64 of a subprogram (BPF_PSEUDO_FUNC) */
	OBJ_RELO_EXTERN_LD64,	/* ld_imm64 of a .kconfig/.ksyms variable */
	OBJ_RELO_EXTERN_CALL,	/* call of a kfunc */
};

struct obj_relo {
	enum obj_relo_kind kind;
	int insn_idx;		/* in the program's own instructions */
	int map_idx;
	int sym_off;		/* symbol value (data offset / section offset) */
	int ext_idx;
};

enum obj_extern_kind { OBJ_EXT_KCFG, OBJ_EXT_KSYM };

enum obj_kcfg_type {
	OBJ_KCFG_UNKNOWN, OBJ_KCFG_CHAR, OBJ_KCFG_BOOL, OBJ_KCFG_INT,
	OBJ_KCFG_TRISTATE, OBJ_KCFG_CHAR_ARR,
};

struct obj_extern {
	enum obj_extern_kind kind;
	char *name;
	int sym_idx;
	__u32 btf_id;		/* the VAR or FUNC in the object BTF */
	int sec_btf_id;		/* the DATASEC holding it */
	bool weak;
	bool resolved;
	/* .kconfig */
	enum obj_kcfg_type kcfg_type;
	int kcfg_sz, kcfg_align, kcfg_off;
	bool kcfg_signed;
	/* .ksyms */
	bool is_func;
	bool typeless;
	__u64 addr;
	__s32 kernel_btf_id;
	__s32 kernel_btf_obj_fd;
	__u32 type_id;		/* resolved local type id (typed ksyms) */
};

struct bpf_program {
	struct bpf_object *obj;
	char *name;
	char *sec_name;
	size_t sec_idx;
	const struct sec_def *sec_def;
	/* position in the ELF section, in instructions */
	size_t sec_insn_off;
	size_t sec_insn_cnt;
	/* where this subprogram sits in the main program being relocated */
	size_t sub_insn_off;
	bool is_subprog;	/* lives in .text: only called, never loaded */
	bool sym_global;
	bool mark_btf_static;

	struct bpf_insn *insns;	/* current code (grows with subprograms) */
	size_t insns_cnt;
	struct bpf_insn *orig_insns;	/* as in the file, for re-prepare */

	struct obj_relo *relos;
	int nr_relos;

	/* subprograms appended to this (main) program, and where */
	struct obj_sub_copy {
		struct bpf_program *sub;
		size_t off;
	} *subs;
	int nr_subs;

	/* CO-RE failures kept for the verifier-rejection explanation */
	struct core_failure *core_fails;
	int nr_core_fails;

	enum bpf_prog_type type;
	enum bpf_attach_type expected_attach_type;
	__u32 prog_flags;
	__u32 prog_ifindex;
	bool autoload;
	bool autoattach;
	bool exception_cb;

	__u32 attach_btf_id;
	int attach_btf_obj_fd;
	int attach_prog_fd;
	char *attach_func_name;

	char *log_buf;
	size_t log_size;
	__u32 log_level;

	void *func_info;	/* struct bpf_func_info[], insn_off in insns */
	__u32 func_info_cnt;
	__u32 func_info_rec_size;
	void *line_info;
	__u32 line_info_cnt;
	__u32 line_info_rec_size;

	int fd;
	char *pin_path;
};

struct bpf_map {
	struct bpf_object *obj;
	char *name;
	/* kernel name: truncated, may carry an object prefix for data maps */
	char *real_name;
	int fd;
	int sec_idx;
	size_t sec_offset;	/* for .maps entries: offset of the variable */
	int libbpf_type;	/* enum obj_map_kind */
	struct bpf_map_def {
		__u32 type, key_size, value_size, max_entries, map_flags;
	} def;
	__u32 numa_node;
	__u32 btf_var_idx;
	__u32 btf_key_type_id;
	__u32 btf_value_type_id;
	__u32 btf_vmlinux_value_type_id;
	__u64 map_extra;
	__u32 map_ifindex;
	int inner_map_fd;
	struct bpf_map *inner_map;
	/* initial contents of map-in-map / prog array slots (map/prog ptrs) */
	void **init_slots;
	int init_slots_sz;
	bool init_slots_progs;	/* slots hold programs, not maps */

	char *pin_path;
	bool pinned;
	bool reused;
	bool autocreate;
	bool autoattach;
	bool skipped;
	int pinning;		/* LIBBPF_PIN_NONE / LIBBPF_PIN_BY_NAME */

	/* global data */
	void *mmaped;		/* initial contents, then the kernel mapping */
	size_t mmap_sz;
	bool mmaped_is_kernel;
	struct bpf_program *excl_prog;
	__u8 excl_hash[32];	/* digest of excl_prog, given at creation */
	struct obj_st_ops *st_ops;	/* struct_ops maps only */
	size_t sec_size;	/* size of the .maps variable */
	__u32 values_off;	/* byte offset of its "values" member */
};

enum obj_map_kind {
	OBJ_MAP_USER,		/* from .maps */
	OBJ_MAP_DATA,		/* .data, .data.* */
	OBJ_MAP_BSS,		/* .bss */
	OBJ_MAP_RODATA,		/* .rodata, .rodata.* */
	OBJ_MAP_KCONFIG,	/* .kconfig */
	OBJ_MAP_STRUCT_OPS,	/* .struct_ops */
	OBJ_MAP_ARENA,
};

struct bpf_object {
	char name[BPF_OBJ_NAME_LEN];
	char *path;
	struct elf_file *ef;	/* freed after prepare */
	char license[64];
	__u32 kern_version;

	struct bpf_program *progs;
	size_t nr_progs;
	struct bpf_map *maps;
	size_t nr_maps;
	size_t maps_cap;
	struct obj_extern *externs;
	int nr_externs;
	int kconfig_map_idx;
	/* arena.c: the arena map and the .addr_space.1 globals it receives */
	int arena_map_idx;
	size_t arena_shndx;
	void *arena_data;
	size_t arena_data_sz;

	/* ELF sections of interest */
	size_t text_shndx;
	size_t maps_shndx;
	size_t btf_maps_shndx;
	size_t st_ops_shndx;
	size_t symbols_shndx;

	struct btf *btf;
	struct btf_ext *btf_ext;
	/* the process-wide kernel CO-RE target, held from first use to load's end */
	struct core_target *vmlinux_target;
	bool btf_vmlinux_tried;
	struct btf *btf_custom;

	char *kconfig;
	char *btf_custom_path;
	char *pin_root_path;
	char *kernel_log_buf;
	size_t kernel_log_size;
	__u32 kernel_log_level;
	bool relaxed_maps;

	bool prepared;
	bool loaded;
	/* set by bpf_object__gen_loader(): load records a loader program
	 * (lib/gen/) instead of creating anything in the kernel */
	struct gen_loader *gen;
	int token_fd;
	char *token_path;	/* NULL: try the default bpffs; "": no token */
};

/* open.c */
int obj_open_elf(struct bpf_object *obj);

/* programs.c */
int obj_collect_progs(struct bpf_object *obj);
int obj_collect_relos(struct bpf_object *obj);
struct bpf_program *obj_prog_by_sec_insn(struct bpf_object *obj,
					 size_t sec_idx, size_t insn_idx);
void obj_prog_free(struct bpf_program *prog);
void obj_prog_init_sec_def(struct bpf_program *prog);

/* subprogs.c: subprogram appending and call relocation */
int obj_relocate_calls(struct bpf_object *obj, struct bpf_program *prog);

/* relo.c: data/map/extern relocations after maps exist */
int obj_relocate_data(struct bpf_object *obj, struct bpf_program *main,
		      struct bpf_insn *insns, bool dry);
int obj_excl_digests(struct bpf_object *obj);
int obj_apply_core(struct bpf_object *obj);
int obj_prog_reset_insns(struct bpf_program *prog);

/* btf_info.c */
int obj_prog_collect_ext_info(struct bpf_object *obj, struct bpf_program *prog);
int obj_prog_append_ext_info(struct bpf_program *main,
			     const struct bpf_program *sub);
const char *obj_prog_src_line(const struct bpf_program *prog, size_t insn_idx);

/* maps_btf.c */
#define OBJ_PIN_NONE 0
#define OBJ_PIN_BY_NAME 1
int obj_collect_btf_maps(struct bpf_object *obj);
int obj_collect_map_slots(struct bpf_object *obj);
/* maps.c */
struct bpf_map *obj_add_map(struct bpf_object *obj);
int obj_create_maps(struct bpf_object *obj);
void obj_map_free(struct bpf_map *map);
__u32 obj_ringbuf_size(__u32 sz);
int obj_map_fill_slots(struct bpf_object *obj);
bool obj_map_no_btf(__u32 type);
/* globals.c */
int obj_collect_data_maps(struct bpf_object *obj);
int obj_fixup_btf_datasecs(struct bpf_object *obj);
int obj_map_mmap_kernel(struct bpf_map *map);
size_t obj_data_mmap_sz(const struct bpf_map *map);
bool obj_map_is_data(const struct bpf_map *map);
/* arena.c */
int obj_collect_arena(struct bpf_object *obj);
int obj_arena_record_relo(struct bpf_object *obj, struct bpf_program *prog,
			  struct obj_relo *r, const GElf_Sym *sym,
			  const char *sym_name);
size_t obj_arena_size(const struct bpf_map *map);
size_t obj_arena_data_off(const struct bpf_object *obj);
size_t obj_arena_relo_off(const struct bpf_object *obj, int map_idx);
int obj_arena_check_create(struct bpf_object *obj, struct bpf_map *map);
void obj_arena_explain(const struct bpf_map *map, __u32 max_entries, int err);
int obj_arena_mmap(struct bpf_object *obj, struct bpf_map *map);
void obj_arena_unmap(struct bpf_map *map);
void *obj_arena_initial_value(const struct bpf_map *map, size_t *psize);
int obj_arena_set_initial_value(struct bpf_map *map, const void *data,
				size_t size);
void *obj_arena_skel_view(const struct bpf_map *map);
void obj_arena_free(struct bpf_object *obj);
/* externs.c */
int obj_collect_externs(struct bpf_object *obj);
int obj_resolve_externs(struct bpf_object *obj);
/* load.c */
int obj_load_btf(struct bpf_object *obj);
int obj_prepare_token(struct bpf_object *obj);
int obj_load_prog(struct bpf_program *prog, int *fd_out,
		  const struct bpf_prog_load_opts *over);
/* vmlinux BTF, shared with CO-RE (parsed once per process); NULL if none. */
const struct btf *obj_vmlinux_btf(struct bpf_object *obj);
void obj_vmlinux_release(struct bpf_object *obj);
int obj_prog_load_opts(struct bpf_program *prog, struct bpf_prog_load_opts *opts);
/* The attach target a program names (attach_func_name, or what follows
 * the first '/' of its section); NULL, with a message, when there is none. */
const char *obj_prog_attach_target(const struct bpf_program *prog);
int obj_attach_btf_name(const char *name, enum bpf_attach_type type,
			char *buf, size_t sz, int *kind);
/* log.c */
void obj_report_load_failure(struct bpf_program *prog, int err,
			     const char *log, size_t log_sz);
/* struct_ops.c */
struct obj_st_ops;
int obj_collect_struct_ops(struct bpf_object *obj);
int obj_st_ops_prepare(struct bpf_object *obj);
int obj_st_ops_init_value(struct bpf_object *obj, struct bpf_map *map,
			  bool with_progs);
void obj_st_ops_free(struct bpf_map *map);
void *obj_st_ops_data(const struct bpf_map *map);
/* sha256.c */
void obj_sha256(const void *data, size_t len, __u8 out[32]);
int obj_prog_digest(const struct bpf_insn *insns, size_t cnt, __u8 out[32]);
/* pin.c */
void obj_sanitize_pin_path(char *path);

static inline bool obj_insn_is_ldimm64(const struct bpf_insn *insn)
{
	return insn->code == (BPF_LD | BPF_IMM | BPF_DW);
}

static inline bool obj_insn_is_call(const struct bpf_insn *insn)
{
	return insn->code == (BPF_JMP | BPF_CALL);
}

#endif
