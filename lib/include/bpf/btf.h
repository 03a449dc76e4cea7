/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * bpfkit: the BTF API of libbpf 1.8 -- reading, querying and writing BTF
 * type information, .BTF.ext records, and printing types as C (btf_dump).
 *
 * Error convention: functions returning a pointer give NULL and set errno;
 * functions returning an int give a negative errno and set errno too.
 */
#ifndef __LIBBPF_BTF_H
#define __LIBBPF_BTF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <linux/btf.h>
#include <linux/types.h>

#include "libbpf_common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ELF section names BTF data lives in. */
#define BTF_ELF_SEC ".BTF"
#define BTF_EXT_ELF_SEC ".BTF.ext"
#define BTF_BASE_ELF_SEC ".BTF.base"
#define MAPS_ELF_SEC ".maps"

struct btf;
struct btf_ext;
struct btf_type;
struct bpf_object;

enum btf_endianness {
	BTF_LITTLE_ENDIAN = 0,
	BTF_BIG_ENDIAN = 1,
};

/* ---- creating, parsing and freeing ---------------------------------- */

LIBBPF_API void btf__free(struct btf *btf);

/* Parse a raw BTF image (header, types, strings); the bytes are copied. */
LIBBPF_API struct btf *btf__new(const void *data, __u32 size);
/* Same, with the types continuing the ids of base_btf (NULL: plain). */
LIBBPF_API struct btf *btf__new_split(const void *data, __u32 size,
				      struct btf *base_btf);
/* An empty BTF to fill with btf__add_*(). */
LIBBPF_API struct btf *btf__new_empty(void);
LIBBPF_API struct btf *btf__new_empty_split(struct btf *base_btf);

struct btf_new_opts {
	size_t sz;
	struct btf *base_btf;	/* types extend this one (optional) */
	bool add_layout;	/* describe the kinds' layout in the image */
	size_t :0;
};
#define btf_new_opts__last_field add_layout

LIBBPF_API struct btf *btf__new_empty_opts(struct btf_new_opts *opts);

/*
 * Split base_btf's split BTF src_btf into a minimal base (only what the
 * split part needs to be relocated later) and a new split BTF on top of it.
 */
LIBBPF_API int btf__distill_base(const struct btf *src_btf,
				 struct btf **new_base_btf,
				 struct btf **new_split_btf);

/* From a file: an ELF object (.BTF and optionally .BTF.ext) or raw BTF. */
LIBBPF_API struct btf *btf__parse(const char *path, struct btf_ext **btf_ext);
LIBBPF_API struct btf *btf__parse_split(const char *path, struct btf *base_btf);
LIBBPF_API struct btf *btf__parse_elf(const char *path, struct btf_ext **btf_ext);
LIBBPF_API struct btf *btf__parse_elf_split(const char *path,
					    struct btf *base_btf);
LIBBPF_API struct btf *btf__parse_raw(const char *path);
LIBBPF_API struct btf *btf__parse_raw_split(const char *path,
					    struct btf *base_btf);

/* The running kernel's BTF (/sys/kernel/btf/vmlinux or a fallback path). */
LIBBPF_API struct btf *btf__load_vmlinux_btf(void);
/* A module's split BTF on top of vmlinux_btf. */
LIBBPF_API struct btf *btf__load_module_btf(const char *module_name,
					    struct btf *vmlinux_btf);
/* Older name of btf__load_vmlinux_btf(). */
LIBBPF_API struct btf *libbpf_find_kernel_btf(void);

/* BTF objects already in the kernel, by BTF object id. */
LIBBPF_API struct btf *btf__load_from_kernel_by_id(__u32 id);
LIBBPF_API struct btf *btf__load_from_kernel_by_id_split(__u32 id,
							  struct btf *base_btf);

/* BPF_BTF_LOAD; the fd is then available through btf__fd(). */
LIBBPF_API int btf__load_into_kernel(struct btf *btf);

/* ---- queries --------------------------------------------------------- */

LIBBPF_API __s32 btf__find_by_name(const struct btf *btf,
				   const char *type_name);
LIBBPF_API __s32 btf__find_by_name_kind(const struct btf *btf,
					const char *type_name, __u32 kind);
/* Number of type ids, void (0) and the base's types included. */
LIBBPF_API __u32 btf__type_cnt(const struct btf *btf);
LIBBPF_API const struct btf *btf__base_btf(const struct btf *btf);
LIBBPF_API const struct btf_type *btf__type_by_id(const struct btf *btf,
						  __u32 id);
LIBBPF_API size_t btf__pointer_size(const struct btf *btf);
LIBBPF_API int btf__set_pointer_size(struct btf *btf, size_t ptr_sz);
LIBBPF_API enum btf_endianness btf__endianness(const struct btf *btf);
LIBBPF_API int btf__set_endianness(struct btf *btf,
				   enum btf_endianness endian);
LIBBPF_API __s64 btf__resolve_size(const struct btf *btf, __u32 type_id);
LIBBPF_API int btf__resolve_type(const struct btf *btf, __u32 type_id);
LIBBPF_API int btf__align_of(const struct btf *btf, __u32 id);
LIBBPF_API int btf__fd(const struct btf *btf);
LIBBPF_API void btf__set_fd(struct btf *btf, int fd);
/* The BTF image in the endianness chosen by btf__set_endianness(). */
LIBBPF_API const void *btf__raw_data(const struct btf *btf, __u32 *size);
/* Older name of btf__raw_data(). */
LIBBPF_API const void *btf__get_raw_data(const struct btf *btf, __u32 *size);
LIBBPF_API const char *btf__name_by_offset(const struct btf *btf,
					   __u32 offset);
LIBBPF_API const char *btf__str_by_offset(const struct btf *btf, __u32 offset);

/* ---- .BTF.ext --------------------------------------------------------- */

LIBBPF_API struct btf_ext *btf_ext__new(const __u8 *data, __u32 size);
LIBBPF_API void btf_ext__free(struct btf_ext *btf_ext);
LIBBPF_API const void *btf_ext__raw_data(const struct btf_ext *btf_ext,
					 __u32 *size);
/* Older name of btf_ext__raw_data(). */
LIBBPF_API const void *btf_ext__get_raw_data(const struct btf_ext *btf_ext,
					     __u32 *size);
LIBBPF_API enum btf_endianness btf_ext__endianness(const struct btf_ext *btf_ext);
LIBBPF_API int btf_ext__set_endianness(struct btf_ext *btf_ext,
				       enum btf_endianness endian);

/* ---- writing ------------------------------------------------------------ */

/* Offset of s in the string section, -ENOENT if absent. */
LIBBPF_API int btf__find_str(struct btf *btf, const char *s);
/* Offset of s, added if absent. */
LIBBPF_API int btf__add_str(struct btf *btf, const char *s);
/* Copy one type of src_btf (its strings too); returns the new id. */
LIBBPF_API int btf__add_type(struct btf *btf, const struct btf *src_btf,
			     const struct btf_type *src_type);
/*
 * Append every type of src_btf (which must not be split: -ENOTSUP), with
 * ids shifted and the strings they use copied.  All or nothing.  Returns
 * the id the first appended type got.
 */
LIBBPF_API int btf__add_btf(struct btf *btf, const struct btf *src_btf);

LIBBPF_API int btf__add_int(struct btf *btf, const char *name, size_t byte_sz,
			    int encoding);
LIBBPF_API int btf__add_float(struct btf *btf, const char *name,
			      size_t byte_sz);
LIBBPF_API int btf__add_ptr(struct btf *btf, int ref_type_id);
LIBBPF_API int btf__add_array(struct btf *btf, int index_type_id,
			      int elem_type_id, __u32 nr_elems);

/* A struct/union, then its members with btf__add_field(). */
LIBBPF_API int btf__add_struct(struct btf *btf, const char *name, __u32 sz);
LIBBPF_API int btf__add_union(struct btf *btf, const char *name, __u32 sz);
LIBBPF_API int btf__add_field(struct btf *btf, const char *name,
			      int field_type_id, __u32 bit_offset,
			      __u32 bit_size);

/* An enum, then its values. */
LIBBPF_API int btf__add_enum(struct btf *btf, const char *name,
			     __u32 bytes_sz);
LIBBPF_API int btf__add_enum_value(struct btf *btf, const char *name,
				   __s64 value);
LIBBPF_API int btf__add_enum64(struct btf *btf, const char *name,
			       __u32 bytes_sz, bool is_signed);
LIBBPF_API int btf__add_enum64_value(struct btf *btf, const char *name,
				     __u64 value);

enum btf_fwd_kind {
	BTF_FWD_STRUCT = 0,
	BTF_FWD_UNION = 1,
	BTF_FWD_ENUM = 2,
};

LIBBPF_API int btf__add_fwd(struct btf *btf, const char *name,
			    enum btf_fwd_kind fwd_kind);
LIBBPF_API int btf__add_typedef(struct btf *btf, const char *name,
				int ref_type_id);
LIBBPF_API int btf__add_volatile(struct btf *btf, int ref_type_id);
LIBBPF_API int btf__add_const(struct btf *btf, int ref_type_id);
LIBBPF_API int btf__add_restrict(struct btf *btf, int ref_type_id);
LIBBPF_API int btf__add_type_tag(struct btf *btf, const char *value,
				 int ref_type_id);
/* A TYPE_TAG with kflag set: an attribute rather than a tag. */
LIBBPF_API int btf__add_type_attr(struct btf *btf, const char *value,
				  int ref_type_id);

/* A function prototype, then its parameters; FUNC names a prototype. */
LIBBPF_API int btf__add_func(struct btf *btf, const char *name,
			     enum btf_func_linkage linkage, int proto_type_id);
LIBBPF_API int btf__add_func_proto(struct btf *btf, int ret_type_id);
LIBBPF_API int btf__add_func_param(struct btf *btf, const char *name,
				   int type_id);

/* Variables and data sections (then the section's variables). */
LIBBPF_API int btf__add_var(struct btf *btf, const char *name, int linkage,
			    int type_id);
LIBBPF_API int btf__add_datasec(struct btf *btf, const char *name,
				__u32 byte_sz);
LIBBPF_API int btf__add_datasec_var_info(struct btf *btf, int var_type_id,
					 __u32 offset, __u32 byte_sz);

/* component_idx: -1 for the type itself, else a member/parameter index. */
LIBBPF_API int btf__add_decl_tag(struct btf *btf, const char *value,
				 int ref_type_id, int component_idx);
/* A DECL_TAG with kflag set. */
LIBBPF_API int btf__add_decl_attr(struct btf *btf, const char *value,
				  int ref_type_id, int component_idx);

/* ---- whole-BTF transformations ---------------------------------------- */

struct btf_dedup_opts {
	size_t sz;
	struct btf_ext *btf_ext;	/* rewrite its type ids too (optional) */
	bool force_collisions;		/* every hash collides: for tests */
	size_t :0;
};
#define btf_dedup_opts__last_field force_collisions

LIBBPF_API int btf__dedup(struct btf *btf, const struct btf_dedup_opts *opts);

/* Re-parent split BTF btf onto base_btf, remapping its base references. */
LIBBPF_API int btf__relocate(struct btf *btf, const struct btf *base_btf);

struct btf_permute_opts {
	size_t sz;
	struct btf_ext *btf_ext;	/* rewrite its type ids too (optional) */
	size_t :0;
};
#define btf_permute_opts__last_field btf_ext

/*
 * Reorder the types in place: id_map[old] = new for plain BTF (id_map_cnt
 * is btf__type_cnt(), id_map[0] == 0), id_map[old - start] = new for split
 * BTF (id_map_cnt is the number of split types).
 */
LIBBPF_API int btf__permute(struct btf *btf, __u32 *id_map, __u32 id_map_cnt,
			    const struct btf_permute_opts *opts);

/* ---- printing types as C ----------------------------------------------- */

struct btf_dump;

struct btf_dump_opts {
	size_t sz;
};
#define btf_dump_opts__last_field sz

typedef void (*btf_dump_printf_fn_t)(void *ctx, const char *fmt, va_list args);

LIBBPF_API struct btf_dump *btf_dump__new(const struct btf *btf,
					  btf_dump_printf_fn_t printf_fn,
					  void *ctx,
					  const struct btf_dump_opts *opts);
LIBBPF_API void btf_dump__free(struct btf_dump *d);
LIBBPF_API int btf_dump__dump_type(struct btf_dump *d, __u32 id);

struct btf_dump_emit_type_decl_opts {
	size_t sz;
	/* the declarator's name: "int (*<field_name>)(void)" */
	const char *field_name;
	/* tabs added to the second and later lines of a multi-line type */
	int indent_level;
	/* leave out const, volatile and restrict */
	bool strip_mods;
	size_t :0;
};
#define btf_dump_emit_type_decl_opts__last_field strip_mods

LIBBPF_API int
btf_dump__emit_type_decl(struct btf_dump *d, __u32 id,
			 const struct btf_dump_emit_type_decl_opts *opts);

struct btf_dump_type_data_opts {
	size_t sz;
	const char *indent_str;
	int indent_level;
	bool compact;		/* one line, no indentation */
	bool skip_names;	/* no member or type names */
	bool emit_zeroes;	/* print members that are zero too */
	bool emit_strings;	/* char arrays as strings */
	size_t :0;
};
#define btf_dump_type_data_opts__last_field emit_strings

LIBBPF_API int
btf_dump__dump_type_data(struct btf_dump *d, __u32 id,
			 const void *data, size_t data_sz,
			 const struct btf_dump_type_data_opts *opts);

/* ---- inline helpers over struct btf_type --------------------------------
 *
 * Kind numbers that old system uapi headers may lack (the newer ones are
 * enumerators there, so a macro of the same value is harmless).
 */
#ifndef BTF_KIND_FUNC
#define BTF_KIND_FUNC		12
#define BTF_KIND_FUNC_PROTO	13
#endif
#ifndef BTF_KIND_VAR
#define BTF_KIND_VAR		14
#define BTF_KIND_DATASEC	15
#endif
#ifndef BTF_KIND_FLOAT
#define BTF_KIND_FLOAT		16
#endif
#ifndef BTF_KIND_DECL_TAG
#define BTF_KIND_DECL_TAG	17
#endif
#ifndef BTF_KIND_TYPE_TAG
#define BTF_KIND_TYPE_TAG	18
#endif
#ifndef BTF_KIND_ENUM64
#define BTF_KIND_ENUM64		19
#endif

static inline __u16 btf_kind(const struct btf_type *t)
{
	return BTF_INFO_KIND(t->info);
}

static inline __u16 btf_vlen(const struct btf_type *t)
{
	return BTF_INFO_VLEN(t->info);
}

static inline bool btf_kflag(const struct btf_type *t)
{
	return BTF_INFO_KFLAG(t->info);
}

static inline bool btf_is_void(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_UNKN;
}

static inline bool btf_is_int(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_INT;
}

static inline bool btf_is_ptr(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_PTR;
}

static inline bool btf_is_array(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_ARRAY;
}

static inline bool btf_is_struct(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_STRUCT;
}

static inline bool btf_is_union(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_UNION;
}

static inline bool btf_is_composite(const struct btf_type *t)
{
	return btf_is_struct(t) || btf_is_union(t);
}

static inline bool btf_is_enum(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_ENUM;
}

static inline bool btf_is_enum64(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_ENUM64;
}

static inline bool btf_is_fwd(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_FWD;
}

static inline bool btf_is_typedef(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_TYPEDEF;
}

static inline bool btf_is_volatile(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_VOLATILE;
}

static inline bool btf_is_const(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_CONST;
}

static inline bool btf_is_restrict(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_RESTRICT;
}

/* Qualifiers, type tags included. */
static inline bool btf_is_mod(const struct btf_type *t)
{
	switch (btf_kind(t)) {
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:
		return true;
	default:
		return false;
	}
}

static inline bool btf_is_func(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_FUNC;
}

static inline bool btf_is_func_proto(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_FUNC_PROTO;
}

static inline bool btf_is_var(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_VAR;
}

static inline bool btf_is_datasec(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_DATASEC;
}

static inline bool btf_is_float(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_FLOAT;
}

static inline bool btf_is_decl_tag(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_DECL_TAG;
}

static inline bool btf_is_type_tag(const struct btf_type *t)
{
	return btf_kind(t) == BTF_KIND_TYPE_TAG;
}

static inline bool btf_is_any_enum(const struct btf_type *t)
{
	return btf_is_enum(t) || btf_is_enum64(t);
}

/* Same kind for CO-RE purposes: ENUM and ENUM64 count as one. */
static inline bool btf_kind_core_compat(const struct btf_type *t1,
					const struct btf_type *t2)
{
	if (btf_kind(t1) == btf_kind(t2))
		return true;
	return btf_is_any_enum(t1) && btf_is_any_enum(t2);
}

/* The u32 that follows an INT. */
static inline __u32 __btf_int_info(const struct btf_type *t)
{
	return *(const __u32 *)(t + 1);
}

static inline __u8 btf_int_encoding(const struct btf_type *t)
{
	return BTF_INT_ENCODING(__btf_int_info(t));
}

static inline __u8 btf_int_offset(const struct btf_type *t)
{
	return BTF_INT_OFFSET(__btf_int_info(t));
}

static inline __u8 btf_int_bits(const struct btf_type *t)
{
	return BTF_INT_BITS(__btf_int_info(t));
}

static inline struct btf_array *btf_array(const struct btf_type *t)
{
	return (struct btf_array *)(t + 1);
}

static inline struct btf_enum *btf_enum(const struct btf_type *t)
{
	return (struct btf_enum *)(t + 1);
}

/* Left incomplete here: old uapi headers do not define it. */
struct btf_enum64;

static inline struct btf_enum64 *btf_enum64(const struct btf_type *t)
{
	return (struct btf_enum64 *)(t + 1);
}

/* A btf_enum64 is three u32: name_off, low half, high half of the value. */
static inline __u64 btf_enum64_value(const struct btf_enum64 *e)
{
	const __u32 *w = (const __u32 *)e;

	return (__u64)w[1] | ((__u64)w[2] << 32);
}

static inline struct btf_member *btf_members(const struct btf_type *t)
{
	return (struct btf_member *)(t + 1);
}

/* Bit offset of member member_idx of a struct/union. */
static inline __u32 btf_member_bit_offset(const struct btf_type *t,
					  __u32 member_idx)
{
	__u32 off = btf_members(t)[member_idx].offset;

	return btf_kflag(t) ? BTF_MEMBER_BIT_OFFSET(off) : off;
}

/* Bitfield width of member member_idx; 0 when it is not a bitfield. */
static inline __u32 btf_member_bitfield_size(const struct btf_type *t,
					     __u32 member_idx)
{
	__u32 off = btf_members(t)[member_idx].offset;

	return btf_kflag(t) ? BTF_MEMBER_BITFIELD_SIZE(off) : 0;
}

static inline struct btf_param *btf_params(const struct btf_type *t)
{
	return (struct btf_param *)(t + 1);
}

static inline struct btf_var *btf_var(const struct btf_type *t)
{
	return (struct btf_var *)(t + 1);
}

static inline struct btf_var_secinfo *
btf_var_secinfos(const struct btf_type *t)
{
	return (struct btf_var_secinfo *)(t + 1);
}

struct btf_decl_tag;

static inline struct btf_decl_tag *btf_decl_tag(const struct btf_type *t)
{
	return (struct btf_decl_tag *)(t + 1);
}

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* __LIBBPF_BTF_H */
