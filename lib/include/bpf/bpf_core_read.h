/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * bpfkit: CO-RE (compile once, run everywhere) reads and queries.
 *
 * clang records every field access made through __builtin_preserve_*()
 * (or on a type marked __attribute__((preserve_access_index))) as a
 * relocation in .BTF.ext; the loader rewrites the offsets, sizes and
 * constants for the running kernel's BTF.  The enums below are the
 * relocation kinds those builtins take; their values are fixed ABI between
 * clang, the object file and the loader.
 */
#ifndef __BPF_CORE_READ_H__
#define __BPF_CORE_READ_H__

#include "bpf_helpers.h"

/* Second argument of __builtin_preserve_field_info(). */
enum bpf_field_info_kind {
	BPF_FIELD_BYTE_OFFSET = 0,	/* byte offset of the field */
	BPF_FIELD_BYTE_SIZE = 1,	/* size of the field (bitfield: of its container) */
	BPF_FIELD_EXISTS = 2,		/* 1 if the field exists in the kernel */
	BPF_FIELD_SIGNED = 3,		/* 1 if the field is a signed integer */
	BPF_FIELD_LSHIFT_U64 = 4,	/* bitfield extraction: left shift */
	BPF_FIELD_RSHIFT_U64 = 5,	/* bitfield extraction: right shift */
};

/* Second argument of __builtin_btf_type_id(). */
enum bpf_type_id_kind {
	BPF_TYPE_ID_LOCAL = 0,		/* id in the program's own BTF */
	BPF_TYPE_ID_TARGET = 1,		/* id in the kernel's BTF */
};

/* Second argument of __builtin_preserve_type_info(). */
enum bpf_type_info_kind {
	BPF_TYPE_EXISTS = 0,		/* a compatible type exists in the kernel */
	BPF_TYPE_SIZE = 1,		/* its size */
	BPF_TYPE_MATCHES = 2,		/* it matches the local type (stricter) */
};

/* Second argument of __builtin_preserve_enum_value(). */
enum bpf_enum_value_kind {
	BPF_ENUMVAL_EXISTS = 0,		/* the enumerator exists in the kernel */
	BPF_ENUMVAL_VALUE = 1,		/* its value there */
};

/* One field relocation: __CORE_RELO(ptr, field, BYTE_OFFSET). */
#define __CORE_RELO(src, field, info)					\
	__builtin_preserve_field_info((src)->field, BPF_FIELD_##info)

/*
 * Bitfields.  The loader supplies the byte offset and size of a container
 * covering the field, and two shifts: loaded into the low bytes of a u64,
 * shifting left by LSHIFT drops the bits above the field, then shifting
 * right by RSHIFT (arithmetically for signed fields) drops the bits below
 * and sign- or zero-extends.
 */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define __CORE_BITFIELD_PROBE_READ(dst, src, fld)			\
	bpf_probe_read_kernel((void *)(dst),				\
			      __CORE_RELO(src, fld, BYTE_SIZE),		\
			      (const void *)(src) + __CORE_RELO(src, fld, BYTE_OFFSET))
#else
/* Big endian: the container's bytes go to the low-order end of the u64. */
#define __CORE_BITFIELD_PROBE_READ(dst, src, fld)			\
	bpf_probe_read_kernel((void *)(dst) + (8 - __CORE_RELO(src, fld, BYTE_SIZE)), \
			      __CORE_RELO(src, fld, BYTE_SIZE),		\
			      (const void *)(src) + __CORE_RELO(src, fld, BYTE_OFFSET))
#endif

#define ___bpf_bitfield_extract(v, s, field) ({				\
	(v) <<= __CORE_RELO(s, field, LSHIFT_U64);			\
	if (__CORE_RELO(s, field, SIGNED))				\
		(v) = (unsigned long long)((long long)(v) >>		\
					   __CORE_RELO(s, field, RSHIFT_U64)); \
	else								\
		(v) >>= __CORE_RELO(s, field, RSHIFT_U64);		\
})

/*
 * BPF_CORE_READ_BITFIELD_PROBED(s, field): value of a bitfield behind a
 * pointer that cannot be dereferenced directly (read with
 * bpf_probe_read_kernel()), as unsigned long long.
 */
#define BPF_CORE_READ_BITFIELD_PROBED(s, field) ({			\
	unsigned long long ___bf = 0;					\
									\
	__CORE_BITFIELD_PROBE_READ(&___bf, s, field);			\
	___bpf_bitfield_extract(___bf, s, field);			\
	___bf;								\
})

/*
 * BPF_CORE_READ_BITFIELD(s, field): the same for memory the program may
 * load from directly (e.g. a tp_btf argument).  The empty asm pins the
 * relocated address in a register so the offset relocation is applied once
 * rather than in each case of the switch.
 */
#define BPF_CORE_READ_BITFIELD(s, field) ({				\
	const void *___p = (const void *)(s) + __CORE_RELO(s, field, BYTE_OFFSET); \
	unsigned long long ___bf;					\
									\
	asm volatile("" : "+r"(___p));					\
	switch (__CORE_RELO(s, field, BYTE_SIZE)) {			\
	case 1: ___bf = *(const unsigned char *)___p; break;		\
	case 2: ___bf = *(const unsigned short *)___p; break;		\
	case 4: ___bf = *(const unsigned int *)___p; break;		\
	case 8: ___bf = *(const unsigned long long *)___p; break;	\
	default: ___bf = 0; break;					\
	}								\
	___bpf_bitfield_extract(___bf, s, field);			\
	___bf;								\
})

/*
 * BPF_CORE_WRITE_BITFIELD(s, field, value): read-modify-write of the
 * container.  With the value in the low bytes of a u64, the field occupies
 * bits [RSHIFT - LSHIFT, 64 - LSHIFT).
 */
#define BPF_CORE_WRITE_BITFIELD(s, field, new_val) ({			\
	void *___p = (void *)(s) + __CORE_RELO(s, field, BYTE_OFFSET);	\
	unsigned int ___sz = __CORE_RELO(s, field, BYTE_SIZE);		\
	unsigned int ___ls = __CORE_RELO(s, field, LSHIFT_U64);		\
	unsigned int ___rs = __CORE_RELO(s, field, RSHIFT_U64);		\
	unsigned long long ___nv = (new_val), ___cur = 0, ___mask;	\
									\
	asm volatile("" : "+r"(___p));					\
	switch (___sz) {						\
	case 1: ___cur = *(unsigned char *)___p; break;			\
	case 2: ___cur = *(unsigned short *)___p; break;		\
	case 4: ___cur = *(unsigned int *)___p; break;			\
	case 8: ___cur = *(unsigned long long *)___p; break;		\
	}								\
	___mask = (~0ULL << ___rs) >> ___ls;				\
	___cur = (___cur & ~___mask) | ((___nv << (___rs - ___ls)) & ___mask); \
	switch (___sz) {						\
	case 1: *(unsigned char *)___p = ___cur; break;			\
	case 2: *(unsigned short *)___p = ___cur; break;		\
	case 4: *(unsigned int *)___p = ___cur; break;			\
	case 8: *(unsigned long long *)___p = ___cur; break;		\
	}								\
})

/*
 * A typed null pointer to feed the builtins a type without an object.
 * GCC needs an extern of the type instead.
 */
#ifdef __clang__
#define ___bpf_typeof(type) ((typeof(type) *)0)
#else
#define ___bpf_typeof1(type, NR) ({					\
	extern typeof(type) *___bpf_concat(bpf_type_tmp_, NR);		\
	___bpf_concat(bpf_type_tmp_, NR);				\
})
#define ___bpf_typeof(type) ___bpf_typeof1(type, __COUNTER__)
#endif

/*
 * Field queries accept either an access expression, bpf_core_field_exists(
 * p->a.b), or a type and a field path, bpf_core_field_exists(struct s, a.b).
 */
#ifdef __clang__
#define ___bpf_field_ref1(field)	(field)
#define ___bpf_field_ref2(type, field)	(___bpf_typeof(type)->field)
#else
#define ___bpf_field_ref1(field)	(&(field))
#define ___bpf_field_ref2(type, field)	(&(___bpf_typeof(type)->field))
#endif
#define ___bpf_field_ref(args...)					\
	___bpf_apply(___bpf_field_ref, ___bpf_narg(args))(args)

/* 1 if the field exists in the kernel's type, else 0. */
#define bpf_core_field_exists(field...)					\
	__builtin_preserve_field_info(___bpf_field_ref(field), BPF_FIELD_EXISTS)
/* Size of the field in the kernel's type. */
#define bpf_core_field_size(field...)					\
	__builtin_preserve_field_info(___bpf_field_ref(field), BPF_FIELD_BYTE_SIZE)
/* Byte offset of the field in the kernel's type. */
#define bpf_core_field_offset(field...)					\
	__builtin_preserve_field_info(___bpf_field_ref(field), BPF_FIELD_BYTE_OFFSET)
/* bpfkit extension (not in libbpf): 1 if the field is a signed integer. */
#ifndef bpf_core_field_signed
#define bpf_core_field_signed(field...)					\
	__builtin_preserve_field_info(___bpf_field_ref(field), BPF_FIELD_SIGNED)
#endif

/* BTF type id of the type in the program's BTF / in the kernel's BTF. */
#define bpf_core_type_id_local(type)					\
	__builtin_btf_type_id(*___bpf_typeof(type), BPF_TYPE_ID_LOCAL)
#define bpf_core_type_id_kernel(type)					\
	__builtin_btf_type_id(*___bpf_typeof(type), BPF_TYPE_ID_TARGET)

/* 1 if a compatible type of that name exists in the kernel. */
#define bpf_core_type_exists(type)					\
	__builtin_preserve_type_info(*___bpf_typeof(type), BPF_TYPE_EXISTS)
/* 1 if the kernel's type matches the local one member by member. */
#define bpf_core_type_matches(type)					\
	__builtin_preserve_type_info(*___bpf_typeof(type), BPF_TYPE_MATCHES)
/* Size of the type in the kernel. */
#define bpf_core_type_size(type)					\
	__builtin_preserve_type_info(*___bpf_typeof(type), BPF_TYPE_SIZE)

/*
 * bpf_core_enum_value_exists(enum type, ENUMERATOR) and
 * bpf_core_enum_value(enum type, ENUMERATOR): existence and value of an
 * enumerator in the kernel.
 */
#ifdef __clang__
#define bpf_core_enum_value_exists(enum_type, enum_value)		\
	__builtin_preserve_enum_value(*(typeof(enum_type) *)enum_value, BPF_ENUMVAL_EXISTS)
#define bpf_core_enum_value(enum_type, enum_value)			\
	__builtin_preserve_enum_value(*(typeof(enum_type) *)enum_value, BPF_ENUMVAL_VALUE)
#else
#define bpf_core_enum_value_exists(enum_type, enum_value)		\
	__builtin_preserve_enum_value(___bpf_typeof(enum_type), enum_value, BPF_ENUMVAL_EXISTS)
#define bpf_core_enum_value(enum_type, enum_value)			\
	__builtin_preserve_enum_value(___bpf_typeof(enum_type), enum_value, BPF_ENUMVAL_VALUE)
#endif

/*
 * bpf_core_read(dst, size, src_expr): bpf_probe_read_kernel() of the
 * relocated address of src_expr (typically &p->a.b).
 */
#define bpf_core_read(dst, sz, src)					\
	bpf_probe_read_kernel(dst, sz, (const void *)__builtin_preserve_access_index(src))
#define bpf_core_read_user(dst, sz, src)				\
	bpf_probe_read_user(dst, sz, (const void *)__builtin_preserve_access_index(src))
#define bpf_core_read_str(dst, sz, src)					\
	bpf_probe_read_kernel_str(dst, sz, (const void *)__builtin_preserve_access_index(src))
#define bpf_core_read_user_str(dst, sz, src)				\
	bpf_probe_read_user_str(dst, sz, (const void *)__builtin_preserve_access_index(src))

/*
 * bpf_core_cast(ptr, type): view a kernel pointer as "type *" for direct,
 * read-only loads (faults read as zero); needs the bpf_rdonly_cast kfunc.
 */
extern void *bpf_rdonly_cast(const void *obj, __u32 btf_id) __ksym __weak;

#define bpf_core_cast(ptr, type)					\
	((typeof(type) *)bpf_rdonly_cast((ptr), bpf_core_type_id_kernel(type)))

/*
 * ---- BPF_CORE_READ(src, a, b, c): src->a->b->c with one probe read per
 * pointer hop.  Implementation: split the accessor list into "all but the
 * last" and "the last", and chain reads through a temporary pointer. ----
 */

/* Counting 1..10 accessors (the source plus up to 9 steps). */
#define ___core_nth(_1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, N, ...) N
#define ___core_narg(...)						\
	___core_nth(_, ##__VA_ARGS__, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
/* 0 for an empty list, N otherwise. */
#define ___core_empty(...)						\
	___core_nth(_, ##__VA_ARGS__, N, N, N, N, N, N, N, N, N, N, 0)
#define ___core_apply(fn, n) ___bpf_concat(fn, n)

#define ___core_last1(x) x
#define ___core_last2(a, x) x
#define ___core_last3(a, b, x) x
#define ___core_last4(a, b, c, x) x
#define ___core_last5(a, b, c, d, x) x
#define ___core_last6(a, b, c, d, e, x) x
#define ___core_last7(a, b, c, d, e, f, x) x
#define ___core_last8(a, b, c, d, e, f, g, x) x
#define ___core_last9(a, b, c, d, e, f, g, h, x) x
#define ___core_last10(a, b, c, d, e, f, g, h, i, x) x
#define ___core_last(...)						\
	___core_apply(___core_last, ___core_narg(__VA_ARGS__))(__VA_ARGS__)

#define ___core_init2(a, _) a
#define ___core_init3(a, b, _) a, b
#define ___core_init4(a, b, c, _) a, b, c
#define ___core_init5(a, b, c, d, _) a, b, c, d
#define ___core_init6(a, b, c, d, e, _) a, b, c, d, e
#define ___core_init7(a, b, c, d, e, f, _) a, b, c, d, e, f
#define ___core_init8(a, b, c, d, e, f, g, _) a, b, c, d, e, f, g
#define ___core_init9(a, b, c, d, e, f, g, h, _) a, b, c, d, e, f, g, h
#define ___core_init10(a, b, c, d, e, f, g, h, i, _) a, b, c, d, e, f, g, h, i
#define ___core_init(...)						\
	___core_apply(___core_init, ___core_narg(__VA_ARGS__))(__VA_ARGS__)

/* src, a, b -> src->a->b (only ever used inside typeof). */
#define ___core_arrow1(a) a
#define ___core_arrow2(a, b) a->b
#define ___core_arrow3(a, b, c) a->b->c
#define ___core_arrow4(a, b, c, d) a->b->c->d
#define ___core_arrow5(a, b, c, d, e) a->b->c->d->e
#define ___core_arrow6(a, b, c, d, e, f) a->b->c->d->e->f
#define ___core_arrow7(a, b, c, d, e, f, g) a->b->c->d->e->f->g
#define ___core_arrow8(a, b, c, d, e, f, g, h) a->b->c->d->e->f->g->h
#define ___core_arrow9(a, b, c, d, e, f, g, h, i) a->b->c->d->e->f->g->h->i
#define ___core_arrow10(a, b, c, d, e, f, g, h, i, j) a->b->c->d->e->f->g->h->i->j
#define ___core_arrow(...)						\
	___core_apply(___core_arrow, ___core_narg(__VA_ARGS__))(__VA_ARGS__)

#define ___core_type(...) typeof(___core_arrow(__VA_ARGS__))

/* One read: *dst = ((src_type)src)->accessor, with read_fn. */
#define ___core_read1(read_fn, dst, src_type, src, accessor)		\
	read_fn((void *)(dst), sizeof(*(dst)), &((src_type)(src))->accessor)

/*
 * Pointer hops: after ___core_hopsN(fn, src, a1..aN), the local ___t
 * holds src->a1->...->aN.
 */
#define ___core_hop_first(fn, src, a)					\
	___core_read1(fn, &___t, ___core_type(src), src, a);
#define ___core_hop_next(fn, ...)					\
	___core_read1(fn, &___t, ___core_type(___core_init(__VA_ARGS__)), ___t, \
		      ___core_last(__VA_ARGS__));
#define ___core_hops1(fn, ...) const void *___t; ___core_hop_first(fn, __VA_ARGS__)
#define ___core_hops2(fn, ...) ___core_hops1(fn, ___core_init(__VA_ARGS__)) ___core_hop_next(fn, __VA_ARGS__)
#define ___core_hops3(fn, ...) ___core_hops2(fn, ___core_init(__VA_ARGS__)) ___core_hop_next(fn, __VA_ARGS__)
#define ___core_hops4(fn, ...) ___core_hops3(fn, ___core_init(__VA_ARGS__)) ___core_hop_next(fn, __VA_ARGS__)
#define ___core_hops5(fn, ...) ___core_hops4(fn, ___core_init(__VA_ARGS__)) ___core_hop_next(fn, __VA_ARGS__)
#define ___core_hops6(fn, ...) ___core_hops5(fn, ___core_init(__VA_ARGS__)) ___core_hop_next(fn, __VA_ARGS__)
#define ___core_hops7(fn, ...) ___core_hops6(fn, ___core_init(__VA_ARGS__)) ___core_hop_next(fn, __VA_ARGS__)
#define ___core_hops8(fn, ...) ___core_hops7(fn, ___core_init(__VA_ARGS__)) ___core_hop_next(fn, __VA_ARGS__)
#define ___core_hops9(fn, ...) ___core_hops8(fn, ___core_init(__VA_ARGS__)) ___core_hop_next(fn, __VA_ARGS__)
#define ___core_hops(fn, src, ...)					\
	___core_apply(___core_hops, ___core_narg(__VA_ARGS__))(fn, src, __VA_ARGS__)

/* A single accessor: one read straight from src. */
#define ___core_read_0(fn, fn_ptr, dst, src, a)				\
	___core_read1(fn, dst, ___core_type(src), src, a);
/* Several: pointer hops with fn_ptr, the final read with fn. */
#define ___core_read_N(fn, fn_ptr, dst, src, ...)			\
	___core_hops(fn_ptr, src, ___core_init(__VA_ARGS__))		\
	___core_read1(fn, dst, ___core_type(src, ___core_init(__VA_ARGS__)), ___t, \
		      ___core_last(__VA_ARGS__));
#define ___core_read(fn, fn_ptr, dst, src, a, ...)			\
	___core_apply(___core_read_, ___core_empty(__VA_ARGS__))(fn, fn_ptr, dst, \
								 src, a, ##__VA_ARGS__)

/*
 * BPF_CORE_READ_INTO(&dst, src, a, b, c): dst = src->a->b->c, relocated,
 * each hop read from kernel memory.  Returns the last read's result only
 * through dst; a failed read leaves zeroes.
 */
#define BPF_CORE_READ_INTO(dst, src, a, ...) ({				\
	___core_read(bpf_core_read, bpf_core_read, dst, (src), a, ##__VA_ARGS__) \
})
/* Same, all hops in user memory. */
#define BPF_CORE_READ_USER_INTO(dst, src, a, ...) ({			\
	___core_read(bpf_core_read_user, bpf_core_read_user,		\
		     dst, (src), a, ##__VA_ARGS__)			\
})
/* Without CO-RE relocation (plain probe reads). */
#define BPF_PROBE_READ_INTO(dst, src, a, ...) ({			\
	___core_read(bpf_probe_read_kernel, bpf_probe_read_kernel,	\
		     dst, (src), a, ##__VA_ARGS__)			\
})
#define BPF_PROBE_READ_USER_INTO(dst, src, a, ...) ({			\
	___core_read(bpf_probe_read_user, bpf_probe_read_user,		\
		     dst, (src), a, ##__VA_ARGS__)			\
})

/*
 * The _STR_INTO variants read a NUL-terminated string (char array or
 * char pointer) at the end of the chain into a char array dst; they
 * return the string read's result (length with NUL, or -errno).
 */
#define BPF_CORE_READ_STR_INTO(dst, src, a, ...) ({			\
	___core_read(bpf_core_read_str, bpf_core_read,			\
		     dst, (src), a, ##__VA_ARGS__)			\
})
#define BPF_CORE_READ_USER_STR_INTO(dst, src, a, ...) ({		\
	___core_read(bpf_core_read_user_str, bpf_core_read_user,	\
		     dst, (src), a, ##__VA_ARGS__)			\
})
#define BPF_PROBE_READ_STR_INTO(dst, src, a, ...) ({			\
	___core_read(bpf_probe_read_kernel_str, bpf_probe_read_kernel,	\
		     dst, (src), a, ##__VA_ARGS__)			\
})
#define BPF_PROBE_READ_USER_STR_INTO(dst, src, a, ...) ({		\
	___core_read(bpf_probe_read_user_str, bpf_probe_read_user,	\
		     dst, (src), a, ##__VA_ARGS__)			\
})

/*
 * BPF_CORE_READ(src, a, b, c): the value of src->a->b->c, of the type of
 * that expression (scalars, pointers and structs; not arrays).
 */
#define BPF_CORE_READ(src, a, ...) ({					\
	___core_type((src), a, ##__VA_ARGS__) ___r;			\
	BPF_CORE_READ_INTO(&___r, (src), a, ##__VA_ARGS__);		\
	___r;								\
})
#define BPF_CORE_READ_USER(src, a, ...) ({				\
	___core_type((src), a, ##__VA_ARGS__) ___r;			\
	BPF_CORE_READ_USER_INTO(&___r, (src), a, ##__VA_ARGS__);	\
	___r;								\
})
#define BPF_PROBE_READ(src, a, ...) ({					\
	___core_type((src), a, ##__VA_ARGS__) ___r;			\
	BPF_PROBE_READ_INTO(&___r, (src), a, ##__VA_ARGS__);		\
	___r;								\
})
#define BPF_PROBE_READ_USER(src, a, ...) ({				\
	___core_type((src), a, ##__VA_ARGS__) ___r;			\
	BPF_PROBE_READ_USER_INTO(&___r, (src), a, ##__VA_ARGS__);	\
	___r;								\
})

#endif /* __BPF_CORE_READ_H__ */
