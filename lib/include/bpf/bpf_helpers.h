/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * bpfkit: the basic vocabulary of BPF C programs: section placement, map
 * definition keys, extern kinds (kconfig, ksym), BTF tags understood by the
 * verifier, printing, open-coded loops and the helper call table.
 *
 * Include <linux/types.h> (or "vmlinux.h") first: the helper prototypes use
 * __u32/__u64 and friends.
 */
#ifndef __BPF_HELPERS__
#define __BPF_HELPERS__

/*
 * Helpers the verifier inlines without clobbering r1-r5; clang 19+ then
 * keeps caller registers live across the call.  Needed before the helper
 * table because one helper is declared with it.
 */
#ifndef __bpf_fastcall
#if __has_attribute(bpf_fastcall)
#define __bpf_fastcall __attribute__((bpf_fastcall))
#else
#define __bpf_fastcall
#endif
#endif

/*
 * Installed, the generated table sits next to this file; in the build tree
 * it is under <generated include dir>/bpf/.
 */
#if __has_include("bpf_helper_defs.h")
#include "bpf_helper_defs.h"
#else
#include <bpf/bpf_helper_defs.h>
#endif

/* ---- argument counting and token pasting, shared by all bpf headers ---- */

#ifndef ___bpf_concat
#define ___bpf_concat(a, b) a ## b
#endif
#ifndef ___bpf_apply
#define ___bpf_apply(fn, n) ___bpf_concat(fn, n)
#endif
/* Picks its 14th argument: counts 0..12 arguments given after a dummy. */
#ifndef ___bpf_nth
#define ___bpf_nth(_, _1, _2, _3, _4, _5, _6, _7, _8, _9, _a, _b, _c, N, ...) N
#endif
#ifndef ___bpf_narg
#define ___bpf_narg(...)						\
	___bpf_nth(_, ##__VA_ARGS__, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#endif

/* ---- BTF-defined map keys: struct { __uint(type, ...); ... } m SEC(".maps"); ---- */

/* An integer is encoded as the length of an array a pointer points to. */
#define __uint(name, val) int (*name)[val]
/* A type is encoded as the pointee of a pointer member. */
#define __type(name, val) typeof(val) *name
/* Inner map / program slots: a flexible array of pointers. */
#define __array(name, val) typeof(val) *name[]
/*
 * A 64-bit value (e.g. map_extra) as an enumerator of an anonymous enum.
 * The enumerator needs a unique name; ___bpf_apply (not ___bpf_concat)
 * so that __COUNTER__ is expanded before pasting.
 */
#define __ulong(name, val) enum { ___bpf_apply(__unique_value, __COUNTER__) = val } name

#ifndef likely
#define likely(x)	(__builtin_expect(!!(x), 1))
#endif
#ifndef unlikely
#define unlikely(x)	(__builtin_expect(!!(x), 0))
#endif

/*
 * SEC("kprobe/do_unlinkat") puts a program, map, license or extern into the
 * ELF section the loader interprets.  "used" keeps otherwise unreferenced
 * objects; clang warns when it is applied to an extern (e.g. extern .maps),
 * which is legitimate here, so the warning is silenced around it.  GCC does
 * not accept _Pragma inside attribute lists, hence the plain variant.
 */
#if defined(__GNUC__) && !defined(__clang__)
#define SEC(name) __attribute__((section(name), used))
#else
#define SEC(name)							\
	_Pragma("GCC diagnostic push")					\
	_Pragma("GCC diagnostic ignored \"-Wignored-attributes\"")	\
	__attribute__((section(name), used))				\
	_Pragma("GCC diagnostic pop")
#endif

/* linux/stddef.h defines __always_inline differently; ours must win. */
#undef __always_inline
#define __always_inline inline __attribute__((always_inline))
#ifndef __noinline
#define __noinline __attribute__((noinline))
#endif
#ifndef __weak
#define __weak __attribute__((weak))
#endif
/*
 * A global function with hidden visibility is verified like a static one:
 * in the context of each caller, which lets it accept more argument types.
 */
#ifndef __hidden
#define __hidden __attribute__((visibility("hidden")))
#endif

/* Programs built on vmlinux.h cannot include libc headers for these. */
#ifndef NULL
#define NULL ((void *)0)
#endif
#ifndef KERNEL_VERSION
#define KERNEL_VERSION(a, b, c) (((a) << 16) + ((b) << 8) + ((c) > 255 ? 255 : (c)))
#endif

/*
 * offsetof() through __builtin_offsetof() loses the CO-RE field relocation,
 * so both are redefined with the explicit member-address form, which clang
 * records as a relocatable access.
 */
#undef offsetof
#define offsetof(type, member) ((unsigned long)&((type *)0)->member)
#undef container_of
#define container_of(ptr, type, member)					\
	({								\
		void *__cptr = (void *)(ptr);				\
		((type *)(__cptr - offsetof(type, member)));		\
	})

/* Compiler barrier: no memory access moves across it. */
#ifndef barrier
#define barrier() asm volatile("" ::: "memory")
#endif
/*
 * Makes the compiler forget what it knows about one variable (its range,
 * whether it was already widened), which keeps some code shapes verifiable.
 */
#ifndef barrier_var
#define barrier_var(var) asm volatile("" : "+r"(var))
#endif

/*
 * The BPF backend cannot lower __builtin_trap(), so a reachable
 * __bpf_unreachable() fails the build: use it where the optimiser must
 * prove that a path is dead (e.g. the default of an exhaustive switch).
 */
#ifndef __bpf_unreachable
#define __bpf_unreachable() __builtin_trap()
#endif

/*
 * Tail call with a compile-time constant slot.  Setting r1-r3 in one asm
 * block guarantees a single call site with a known (map, index) pair,
 * which lets the x86 JIT patch it into a direct jump.  All caller-saved
 * registers are clobbered as by any helper call (12 = bpf_tail_call).
 */
#if __clang_major__ >= 8 && defined(__bpf__)
static __always_inline void
bpf_tail_call_static(void *ctx, const void *map, const __u32 slot)
{
	if (!__builtin_constant_p(slot))
		__bpf_unreachable();

	asm volatile("r1 = %[ctx]\n\t"
		     "r2 = %[map]\n\t"
		     "r3 = %[slot]\n\t"
		     "call 12"
		     :: [ctx]"r"(ctx), [map]"r"(map), [slot]"i"(slot)
		     : "r0", "r1", "r2", "r3", "r4", "r5");
}
#endif

/* Values of the "pinning" map key. */
enum libbpf_pin_type {
	LIBBPF_PIN_NONE,
	LIBBPF_PIN_BY_NAME,	/* at <pin_root_path>/<map name> */
};

/* Values the loader gives to tristate __kconfig externs. */
enum libbpf_tristate {
	TRI_NO = 0,
	TRI_YES = 1,
	TRI_MODULE = 2,
};

/* ---- extern kinds and BTF tags ---- */

/* extern <type> CONFIG_X __kconfig; filled from the kernel config. */
#define __kconfig __attribute__((section(".kconfig")))
/* extern kernel variable or kfunc, resolved against kernel BTF. */
#define __ksym __attribute__((section(".ksyms")))
/* Map value fields holding kernel pointers. */
#define __kptr_untrusted __attribute__((btf_type_tag("kptr_untrusted")))
#define __kptr __attribute__((btf_type_tag("kptr")))
#define __percpu_kptr __attribute__((btf_type_tag("percpu_kptr")))
/* Map value field holding a pinned user-space pointer (task storage). */
#define __uptr __attribute__((btf_type_tag("uptr")))

/* Graph roots (list/rbtree heads) name the type and node field they hold. */
#ifndef __contains
#define __contains(name, node) __attribute__((btf_decl_tag("contains:" #name ":" #node)))
#endif

/*
 * True when a __weak __ksym was found in the running kernel.  The static
 * assertion catches non-weak symbols, whose address is never NULL.
 */
#define bpf_ksym_exists(sym) ({						\
	_Static_assert(!__builtin_constant_p(!!sym),			\
		       #sym " should be marked as __weak");		\
	!!sym;								\
})

/* Argument tags for global functions (subprograms). */
#define __arg_ctx __attribute__((btf_decl_tag("arg:ctx")))
#define __arg_nonnull __attribute((btf_decl_tag("arg:nonnull")))
#define __arg_nullable __attribute((btf_decl_tag("arg:nullable")))
#define __arg_trusted __attribute((btf_decl_tag("arg:trusted")))
#define __arg_untrusted __attribute((btf_decl_tag("arg:untrusted")))
#define __arg_arena __attribute((btf_decl_tag("arg:arena")))

/* ---- printing ---- */

/*
 * ___bpf_fill(arr, a, b, c) expands to "arr[0] = a; arr[1] = b; arr[2] = c"
 * for up to 12 values: the argument array of the bpf_*printf helpers.
 */
#define ___bpf_fill0(arr, p, x) do {} while (0)
#define ___bpf_fill1(arr, p, x) arr[p] = x
#define ___bpf_fill2(arr, p, x, args...) arr[p] = x; ___bpf_fill1(arr, p + 1, args)
#define ___bpf_fill3(arr, p, x, args...) arr[p] = x; ___bpf_fill2(arr, p + 1, args)
#define ___bpf_fill4(arr, p, x, args...) arr[p] = x; ___bpf_fill3(arr, p + 1, args)
#define ___bpf_fill5(arr, p, x, args...) arr[p] = x; ___bpf_fill4(arr, p + 1, args)
#define ___bpf_fill6(arr, p, x, args...) arr[p] = x; ___bpf_fill5(arr, p + 1, args)
#define ___bpf_fill7(arr, p, x, args...) arr[p] = x; ___bpf_fill6(arr, p + 1, args)
#define ___bpf_fill8(arr, p, x, args...) arr[p] = x; ___bpf_fill7(arr, p + 1, args)
#define ___bpf_fill9(arr, p, x, args...) arr[p] = x; ___bpf_fill8(arr, p + 1, args)
#define ___bpf_fill10(arr, p, x, args...) arr[p] = x; ___bpf_fill9(arr, p + 1, args)
#define ___bpf_fill11(arr, p, x, args...) arr[p] = x; ___bpf_fill10(arr, p + 1, args)
#define ___bpf_fill12(arr, p, x, args...) arr[p] = x; ___bpf_fill11(arr, p + 1, args)
#define ___bpf_fill(arr, args...)					\
	___bpf_apply(___bpf_fill, ___bpf_narg(args))(arr, 0, args)

/*
 * Common body of the variadic wrappers: a static format string and a u64
 * array of the arguments.  Pointers stored into the array would warn under
 * -Wint-conversion; that conversion is the point, so it is silenced.
 */
#define ___bpf_pack_args(arr, args...)					\
	unsigned long long arr[___bpf_narg(args)];			\
	_Pragma("GCC diagnostic push")					\
	_Pragma("GCC diagnostic ignored \"-Wint-conversion\"")		\
	___bpf_fill(arr, args);						\
	_Pragma("GCC diagnostic pop")

/* BPF_SEQ_PRINTF(seq, "fmt", args...): bpf_seq_printf() in iterators. */
#define BPF_SEQ_PRINTF(seq, fmt, args...)				\
({									\
	static const char ___fmt[] = fmt;				\
	___bpf_pack_args(___param, args)				\
	bpf_seq_printf(seq, ___fmt, sizeof(___fmt),			\
		       ___param, sizeof(___param));			\
})

/* BPF_SNPRINTF(buf, size, "fmt", args...): bpf_snprintf() into a buffer. */
#define BPF_SNPRINTF(out, out_size, fmt, args...)			\
({									\
	static const char ___fmt[] = fmt;				\
	___bpf_pack_args(___param, args)				\
	bpf_snprintf(out, out_size, ___fmt,				\
		     ___param, sizeof(___param));			\
})

/*
 * Without global data (BPF_NO_GLOBAL_DATA, very old kernels) the format of
 * bpf_printk() lives on the stack instead of in .rodata.
 */
#ifdef BPF_NO_GLOBAL_DATA
#define BPF_PRINTK_FMT_MOD
#else
#define BPF_PRINTK_FMT_MOD static const
#endif

/* Up to 3 arguments: bpf_trace_printk() takes them directly. */
#define __bpf_printk(fmt, ...)						\
({									\
	BPF_PRINTK_FMT_MOD char ____fmt[] = fmt;			\
	bpf_trace_printk(____fmt, sizeof(____fmt), ##__VA_ARGS__);	\
})

/* More arguments: bpf_trace_vprintk() (5.16+) takes an array. */
#define __bpf_vprintk(fmt, args...)					\
({									\
	static const char ___fmt[] = fmt;				\
	___bpf_pack_args(___param, args)				\
	bpf_trace_vprintk(___fmt, sizeof(___fmt),			\
			  ___param, sizeof(___param));			\
})

/* Chooses the printer from the argument count (0..3 -> trace_printk). */
#define ___bpf_pick_printk(...)						\
	___bpf_nth(_, ##__VA_ARGS__, __bpf_vprintk, __bpf_vprintk,	\
		   __bpf_vprintk, __bpf_vprintk, __bpf_vprintk,		\
		   __bpf_vprintk, __bpf_vprintk, __bpf_vprintk,		\
		   __bpf_vprintk, __bpf_printk, __bpf_printk,		\
		   __bpf_printk, __bpf_printk)

/* bpf_printk("fmt", args...): a line in the kernel trace pipe. */
#define bpf_printk(fmt, args...) ___bpf_pick_printk(args)(fmt, ##args)

/*
 * BPF streams: per-program stdout/stderr, read with "bpftool prog tracelog
 * { stdout | stderr }".  The kfunc is bpf_stream_vprintk_impl() on 6.18,
 * taking the program as a last argument the verifier fills in; later
 * kernels add bpf_stream_vprintk() without it (the verifier supplies it
 * implicitly) and keep the _impl name.  The macro calls _impl when the
 * kernel has it and bpf_stream_vprintk() otherwise; the other branch is
 * dead code the verifier removes.
 */
extern int bpf_stream_vprintk(int stream_id, const char *fmt__str, const void *args,
			      __u32 len__sz) __weak __ksym;
extern int bpf_stream_vprintk_impl(int stream_id, const char *fmt__str, const void *args,
				   __u32 len__sz, void *aux__prog) __weak __ksym;

#define bpf_stream_printk(stream_id, fmt, args...)			\
({									\
	static const char ___fmt[] = fmt;				\
	___bpf_pack_args(___param, args)				\
	bpf_ksym_exists(bpf_stream_vprintk_impl) ?			\
		bpf_stream_vprintk_impl(stream_id, ___fmt, ___param,	\
					sizeof(___param), NULL) :	\
		bpf_stream_vprintk(stream_id, ___fmt, ___param,	\
				   sizeof(___param));			\
})

/* ---- open-coded iterators and bounded loops ---- */

struct bpf_iter_num;

extern int bpf_iter_num_new(struct bpf_iter_num *it, int start, int end) __weak __ksym;
extern int *bpf_iter_num_next(struct bpf_iter_num *it) __weak __ksym;
extern void bpf_iter_num_destroy(struct bpf_iter_num *it) __weak __ksym;

/*
 * The loops below declare, in the for() initialiser, an iterator whose
 * destructor runs on every exit (cleanup attribute, so break and return
 * are fine), plus a dummy pointer whose initialiser calls the constructor
 * once.  Mentioning the destructor there as well makes clang emit its BTF,
 * which it does not do for functions named only in cleanup().
 */

/*
 * bpf_for_each(type, cur, args...): iterate with the bpf_iter_<type>_new /
 * _next / _destroy kfuncs; cur receives each element (NULL ends the loop):
 *	struct task_struct *t;
 *	bpf_for_each(task, t, NULL, BPF_TASK_ITER_ALL_PROCS) { ... }
 */
#ifndef bpf_for_each
#define bpf_for_each(type, cur, args...) for (				\
	struct bpf_iter_##type ___it					\
		__attribute__((aligned(8), cleanup(bpf_iter_##type##_destroy))), \
	*___p __attribute__((unused)) = (				\
		bpf_iter_##type##_new(&___it, ##args),			\
		(void)bpf_iter_##type##_destroy, (void *)0);		\
	(((cur) = bpf_iter_##type##_next(&___it)));			\
)
#endif

/*
 * bpf_for(i, start, end): i runs over [start, end).  The explicit range
 * test on each step tells the verifier the bounds of i, so i can index an
 * array directly.  start and end are evaluated more than once.
 */
#ifndef bpf_for
#define bpf_for(i, start, end) for (					\
	struct bpf_iter_num ___it					\
		__attribute__((aligned(8), cleanup(bpf_iter_num_destroy))), \
	*___p __attribute__((unused)) = (				\
		bpf_iter_num_new(&___it, (start), (end)),		\
		(void)bpf_iter_num_destroy, (void *)0);			\
	({								\
		int *___n = bpf_iter_num_next(&___it);			\
		(___n && ((i) = *___n, (i) >= (start) && (i) < (end))); \
	});								\
)
#endif

/* bpf_repeat(n): run the body n times. */
#ifndef bpf_repeat
#define bpf_repeat(N) for (						\
	struct bpf_iter_num ___it					\
		__attribute__((aligned(8), cleanup(bpf_iter_num_destroy))), \
	*___p __attribute__((unused)) = (				\
		bpf_iter_num_new(&___it, 0, (N)),			\
		(void)bpf_iter_num_destroy, (void *)0);			\
	bpf_iter_num_next(&___it);					\
)
#endif

/*
 * may_goto (6.9+): a conditional jump the verifier takes once a per-program
 * budget of iterations is used up, so a loop guarded by it needs no proof
 * of termination.  clang 19+ knows the mnemonic; older assemblers get the
 * raw instruction: opcode 0xe5 (BPF_JMP | BPF_JCOND), registers zero, the
 * 16-bit jump offset (in instructions) and a zero immediate.  The offset is
 * emitted inside a 32-bit word because the assembler resolves label
 * differences there but not in a 16-bit field; the shift places it in
 * bytes 2-3 for either byte order.
 *	while (can_loop) { ... }	for (;;) { cond_break; ... }
 *
 * Programs that bring their own definitions (e.g. the kernel selftests'
 * bpf_experimental.h, included after this file) can define
 * BPF_NO_CAN_LOOP first to avoid macro redefinition warnings.
 */
#ifndef BPF_NO_CAN_LOOP
#ifdef __BPF_FEATURE_MAY_GOTO
#define ___bpf_may_goto(label) asm volatile goto("may_goto %l[" #label "]" :::: label)
#elif __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ___bpf_may_goto(label)						\
	asm volatile goto("1: .byte 0xe5\n\t"				\
			  ".byte 0\n\t"					\
			  ".long ((%l[" #label "] - 1b - 8) / 8) & 0xffff\n\t" \
			  ".short 0\n\t" :::: label)
#else
#define ___bpf_may_goto(label)						\
	asm volatile goto("1: .byte 0xe5\n\t"				\
			  ".byte 0\n\t"					\
			  ".long (((%l[" #label "] - 1b - 8) / 8) & 0xffff) << 16\n\t" \
			  ".short 0\n\t" :::: label)
#endif

#ifndef can_loop
#define can_loop ({							\
	__label__ ___out, ___ok;					\
	int ___more = 1;						\
	___bpf_may_goto(___out);					\
	goto ___ok;							\
___out:									\
	___more = 0;							\
___ok:									\
	___more;							\
})
#endif

#ifndef __cond_break
#define __cond_break(expr) ({						\
	__label__ ___out, ___ok;					\
	___bpf_may_goto(___out);					\
	goto ___ok;							\
___out:									\
	expr;								\
___ok:;									\
})
#endif
#ifndef cond_break
#define cond_break __cond_break(break)
#endif
#ifndef cond_break_label
#define cond_break_label(label) __cond_break(goto label)
#endif
#endif /* BPF_NO_CAN_LOOP */

#endif /* __BPF_HELPERS__ */
