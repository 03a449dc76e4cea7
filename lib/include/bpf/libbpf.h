/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * bpfkit: the high-level libbpf API (1.8): BPF objects, programs, maps,
 * links and the attach functions, ring/perf buffers, netlink helpers for
 * XDP and TC, feature probes, the static linker and skeleton support.
 *
 * Option structs start with "size_t sz" and are declared with LIBBPF_OPTS().
 * Fields are only ever appended, so their order and types are ABI: never
 * reorder them.  The "<type>__last_field" macros name the newest field.
 */
#ifndef __LIBBPF_LIBBPF_H
#define __LIBBPF_LIBBPF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <linux/bpf.h>

#include "libbpf_common.h"
#include "libbpf_legacy.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- library version and error strings -------------------------------- */

LIBBPF_API __u32 libbpf_major_version(void);
LIBBPF_API __u32 libbpf_minor_version(void);
LIBBPF_API const char *libbpf_version_string(void);

/* libbpf's own error numbers, above the errno range. */
enum libbpf_errno {
	__LIBBPF_ERRNO__START = 4000,

	LIBBPF_ERRNO__LIBELF = __LIBBPF_ERRNO__START,	/* libelf failure */
	LIBBPF_ERRNO__FORMAT,		/* malformed object file */
	LIBBPF_ERRNO__KVERSION,		/* bad or missing "version" section */
	LIBBPF_ERRNO__ENDIAN,		/* object of the other endianness */
	LIBBPF_ERRNO__INTERNAL,		/* library bug */
	LIBBPF_ERRNO__RELOC,		/* relocation failed */
	LIBBPF_ERRNO__LOAD,		/* load failed, reason unknown */
	LIBBPF_ERRNO__VERIFY,		/* rejected by the verifier */
	LIBBPF_ERRNO__PROG2BIG,		/* too many instructions */
	LIBBPF_ERRNO__KVER,		/* kernel version mismatch */
	LIBBPF_ERRNO__PROGTYPE,		/* program type not supported */
	LIBBPF_ERRNO__WRNGPID,		/* netlink reply for another pid */
	LIBBPF_ERRNO__INVSEQ,		/* netlink sequence mismatch */
	LIBBPF_ERRNO__NLPARSE,		/* netlink message unparsable */
	__LIBBPF_ERRNO__END,
};

/* Text for an errno or a libbpf_errno value (sign ignored) into buf. */
LIBBPF_API int libbpf_strerror(int err, char *buf, size_t size);

/* Names of enum values ("xdp", "hash", ...); NULL for unknown values. */
LIBBPF_API const char *libbpf_bpf_attach_type_str(enum bpf_attach_type t);
LIBBPF_API const char *libbpf_bpf_link_type_str(enum bpf_link_type t);
LIBBPF_API const char *libbpf_bpf_map_type_str(enum bpf_map_type t);
LIBBPF_API const char *libbpf_bpf_prog_type_str(enum bpf_prog_type t);

/* ---- logging ------------------------------------------------------------ */

enum libbpf_print_level {
	LIBBPF_WARN,
	LIBBPF_INFO,
	LIBBPF_DEBUG,
};

typedef int (*libbpf_print_fn_t)(enum libbpf_print_level level,
				 const char *, va_list ap);

/* Installs fn (NULL silences the library); returns the previous one. */
LIBBPF_API libbpf_print_fn_t libbpf_set_print(libbpf_print_fn_t fn);

/* ---- bpf_object --------------------------------------------------------- */

struct bpf_object;

struct bpf_object_open_opts {
	size_t sz;
	/* replaces the name taken from the file name or "<addr>-<size>" */
	const char *object_name;
	/* tolerate unknown attributes in map definitions */
	bool relaxed_maps;
	/* directory for maps with LIBBPF_PIN_BY_NAME (default /sys/fs/bpf) */
	const char *pin_root_path;
	__u32 :32;			/* was attach_prog_fd; keep the slot */
	/* extra CONFIG_xxx=value lines for Kconfig externs */
	const char *kconfig;
	/* BTF file used instead of vmlinux BTF for CO-RE relocations */
	const char *btf_custom_path;
	/* caller's buffer for verifier / BTF load logs */
	char *kernel_log_buf;
	size_t kernel_log_size;
	/* >0: always ask for a log at this level, not only on failure */
	__u32 kernel_log_level;
	/* bpffs mount to derive a BPF token from ("" disables tokens) */
	const char *bpf_token_path;
	size_t :0;
};
#define bpf_object_open_opts__last_field bpf_token_path

LIBBPF_API struct bpf_object *bpf_object__open(const char *path);
LIBBPF_API struct bpf_object *
bpf_object__open_file(const char *path, const struct bpf_object_open_opts *opts);
LIBBPF_API struct bpf_object *
bpf_object__open_mem(const void *obj_buf, size_t obj_buf_sz,
		     const struct bpf_object_open_opts *opts);

/* Everything up to program loading: relocations, maps created (and pinned). */
LIBBPF_API int bpf_object__prepare(struct bpf_object *obj);
LIBBPF_API int bpf_object__load(struct bpf_object *obj);
LIBBPF_API void bpf_object__close(struct bpf_object *obj);

/* With path NULL, each map's own pin_path is used; maps without one are skipped. */
LIBBPF_API int bpf_object__pin_maps(struct bpf_object *obj, const char *path);
LIBBPF_API int bpf_object__unpin_maps(struct bpf_object *obj, const char *path);
LIBBPF_API int bpf_object__pin_programs(struct bpf_object *obj, const char *path);
LIBBPF_API int bpf_object__unpin_programs(struct bpf_object *obj,
					  const char *path);
LIBBPF_API int bpf_object__pin(struct bpf_object *object, const char *path);
LIBBPF_API int bpf_object__unpin(struct bpf_object *object, const char *path);

LIBBPF_API const char *bpf_object__name(const struct bpf_object *obj);
LIBBPF_API unsigned int bpf_object__kversion(const struct bpf_object *obj);
LIBBPF_API int bpf_object__set_kversion(struct bpf_object *obj, __u32 kern_version);
/* The BPF token fd the object uses, or -1. */
LIBBPF_API int bpf_object__token_fd(const struct bpf_object *obj);

struct btf;
LIBBPF_API struct btf *bpf_object__btf(const struct bpf_object *obj);
LIBBPF_API int bpf_object__btf_fd(const struct bpf_object *obj);

struct bpf_program;
struct bpf_map;

LIBBPF_API struct bpf_program *
bpf_object__find_program_by_name(const struct bpf_object *obj, const char *name);

/* SEC() name to program/attach type, as the object loader interprets it. */
LIBBPF_API int libbpf_prog_type_by_name(const char *name,
					enum bpf_prog_type *prog_type,
					enum bpf_attach_type *expected_attach_type);
LIBBPF_API int libbpf_attach_type_by_name(const char *name,
					  enum bpf_attach_type *attach_type);
LIBBPF_API int libbpf_find_vmlinux_btf_id(const char *name,
					  enum bpf_attach_type attach_type);

/* ---- bpf_program -------------------------------------------------------- */

LIBBPF_API struct bpf_program *
bpf_object__next_program(const struct bpf_object *obj, struct bpf_program *prog);
LIBBPF_API struct bpf_program *
bpf_object__prev_program(const struct bpf_object *obj, struct bpf_program *prog);

#define bpf_object__for_each_program(pos, obj)				\
	for ((pos) = bpf_object__next_program((obj), NULL); (pos) != NULL; \
	     (pos) = bpf_object__next_program((obj), (pos)))

LIBBPF_API void bpf_program__set_ifindex(struct bpf_program *prog, __u32 ifindex);

LIBBPF_API const char *bpf_program__name(const struct bpf_program *prog);
LIBBPF_API const char *bpf_program__section_name(const struct bpf_program *prog);
LIBBPF_API bool bpf_program__autoload(const struct bpf_program *prog);
LIBBPF_API int bpf_program__set_autoload(struct bpf_program *prog, bool autoload);
LIBBPF_API bool bpf_program__autoattach(const struct bpf_program *prog);
LIBBPF_API void bpf_program__set_autoattach(struct bpf_program *prog,
					    bool autoattach);

struct bpf_insn;

/*
 * The program's current instructions.  They change as the object goes
 * through open, prepare and load (relocations, appended subprograms).
 */
LIBBPF_API const struct bpf_insn *bpf_program__insns(const struct bpf_program *prog);
LIBBPF_API size_t bpf_program__insn_cnt(const struct bpf_program *prog);
/* Replace the instructions; meant for prog_prepare_load_fn callbacks. */
LIBBPF_API int bpf_program__set_insns(struct bpf_program *prog,
				      struct bpf_insn *new_insns,
				      size_t new_insn_cnt);

LIBBPF_API int bpf_program__fd(const struct bpf_program *prog);
LIBBPF_API int bpf_program__pin(struct bpf_program *prog, const char *path);
LIBBPF_API int bpf_program__unpin(struct bpf_program *prog, const char *path);
LIBBPF_API void bpf_program__unload(struct bpf_program *prog);

LIBBPF_API enum bpf_prog_type bpf_program__type(const struct bpf_program *prog);
LIBBPF_API int bpf_program__set_type(struct bpf_program *prog,
				     enum bpf_prog_type type);
LIBBPF_API enum bpf_attach_type
bpf_program__expected_attach_type(const struct bpf_program *prog);
LIBBPF_API int
bpf_program__set_expected_attach_type(struct bpf_program *prog,
				      enum bpf_attach_type type);

LIBBPF_API __u32 bpf_program__flags(const struct bpf_program *prog);
LIBBPF_API int bpf_program__set_flags(struct bpf_program *prog, __u32 flags);

/* Per-program verifier log (overrides the object's kernel_log_* options). */
LIBBPF_API __u32 bpf_program__log_level(const struct bpf_program *prog);
LIBBPF_API int bpf_program__set_log_level(struct bpf_program *prog,
					  __u32 log_level);
LIBBPF_API const char *bpf_program__log_buf(const struct bpf_program *prog,
					    size_t *log_size);
LIBBPF_API int bpf_program__set_log_buf(struct bpf_program *prog, char *log_buf,
					size_t log_size);

struct bpf_func_info;
struct bpf_line_info;

/* BTF.ext function and line records of the program (after prepare/load). */
LIBBPF_API struct bpf_func_info *
bpf_program__func_info(const struct bpf_program *prog);
LIBBPF_API __u32 bpf_program__func_info_cnt(const struct bpf_program *prog);
LIBBPF_API struct bpf_line_info *
bpf_program__line_info(const struct bpf_program *prog);
LIBBPF_API __u32 bpf_program__line_info_cnt(const struct bpf_program *prog);

/* BTF attach target of tp_btf/fentry/fexit/fmod_ret/lsm/freplace programs. */
LIBBPF_API int bpf_program__set_attach_target(struct bpf_program *prog,
					      int attach_prog_fd,
					      const char *attach_func_name);

struct bpf_prog_assoc_struct_ops_opts;	/* in bpf.h */

/* Ties a (non-struct_ops) program to a struct_ops map. */
LIBBPF_API int
bpf_program__assoc_struct_ops(struct bpf_program *prog, struct bpf_map *map,
			      struct bpf_prog_assoc_struct_ops_opts *opts);

struct bpf_prog_load_opts;		/* in bpf.h */

/*
 * Loads one more kernel copy of a program of a prepared object and returns
 * its fd (the caller closes it); non-zero opts fields override defaults.
 */
LIBBPF_API int bpf_program__clone(struct bpf_program *prog,
				  const struct bpf_prog_load_opts *opts);

/* ---- bpf_link and attaching --------------------------------------------- */

struct bpf_link;

LIBBPF_API struct bpf_link *bpf_link__open(const char *path);
LIBBPF_API int bpf_link__fd(const struct bpf_link *link);
LIBBPF_API const char *bpf_link__pin_path(const struct bpf_link *link);
LIBBPF_API int bpf_link__pin(struct bpf_link *link, const char *path);
LIBBPF_API int bpf_link__unpin(struct bpf_link *link);
LIBBPF_API int bpf_link__update_program(struct bpf_link *link,
					struct bpf_program *prog);
/* Destroying a disconnected link frees it but leaves the attachment. */
LIBBPF_API void bpf_link__disconnect(struct bpf_link *link);
LIBBPF_API int bpf_link__detach(struct bpf_link *link);
LIBBPF_API int bpf_link__destroy(struct bpf_link *link);

/* Attach according to the program's SEC() name. */
LIBBPF_API struct bpf_link *bpf_program__attach(const struct bpf_program *prog);

struct bpf_perf_event_opts {
	size_t sz;
	__u64 bpf_cookie;
	/* use PERF_EVENT_IOC_SET_BPF even where a BPF link would work */
	bool force_ioctl_attach;
	/* leave the perf event disabled */
	bool dont_enable;
	size_t :0;
};
#define bpf_perf_event_opts__last_field dont_enable

LIBBPF_API struct bpf_link *
bpf_program__attach_perf_event(const struct bpf_program *prog, int pfd);
LIBBPF_API struct bpf_link *
bpf_program__attach_perf_event_opts(const struct bpf_program *prog, int pfd,
				    const struct bpf_perf_event_opts *opts);

/* How a kprobe/uprobe is created; -ENOTSUP when the kernel cannot. */
enum probe_attach_mode {
	PROBE_ATTACH_MODE_DEFAULT = 0,	/* best the kernel offers */
	PROBE_ATTACH_MODE_LEGACY,	/* tracefs kprobe_events/uprobe_events */
	PROBE_ATTACH_MODE_PERF,		/* perf_event_open + ioctl */
	PROBE_ATTACH_MODE_LINK,		/* perf_event_open + BPF link */
};

struct bpf_kprobe_opts {
	size_t sz;
	__u64 bpf_cookie;
	/* offset into the function (raw address when func_name is NULL) */
	size_t offset;
	bool retprobe;
	enum probe_attach_mode attach_mode;
	size_t :0;
};
#define bpf_kprobe_opts__last_field attach_mode

LIBBPF_API struct bpf_link *
bpf_program__attach_kprobe(const struct bpf_program *prog, bool retprobe,
			   const char *func_name);
LIBBPF_API struct bpf_link *
bpf_program__attach_kprobe_opts(const struct bpf_program *prog,
				const char *func_name,
				const struct bpf_kprobe_opts *opts);

struct bpf_kprobe_multi_opts {
	size_t sz;
	/* either symbol names or addresses, cnt entries */
	const char **syms;
	const unsigned long *addrs;
	/* optional, one per entry */
	const __u64 *cookies;
	size_t cnt;
	bool retprobe;
	/* entry+return session program */
	bool session;
	/* fail when a pattern/name matches more than one symbol */
	bool unique_match;
	size_t :0;
};
#define bpf_kprobe_multi_opts__last_field unique_match

LIBBPF_API struct bpf_link *
bpf_program__attach_kprobe_multi_opts(const struct bpf_program *prog,
				      const char *pattern,
				      const struct bpf_kprobe_multi_opts *opts);

struct bpf_uprobe_multi_opts {
	size_t sz;
	/* either symbol names or file offsets, cnt entries */
	const char **syms;
	const unsigned long *offsets;
	/* optional, one per entry */
	const unsigned long *ref_ctr_offsets;
	const __u64 *cookies;
	size_t cnt;
	bool retprobe;
	bool session;
	size_t :0;
};
#define bpf_uprobe_multi_opts__last_field session

/* Either func_pattern, or the arrays in opts; pid -1 means all processes. */
LIBBPF_API struct bpf_link *
bpf_program__attach_uprobe_multi(const struct bpf_program *prog, pid_t pid,
				 const char *binary_path,
				 const char *func_pattern,
				 const struct bpf_uprobe_multi_opts *opts);

struct bpf_ksyscall_opts {
	size_t sz;
	__u64 bpf_cookie;
	bool retprobe;
	size_t :0;
};
#define bpf_ksyscall_opts__last_field retprobe

/* kprobe on the kernel's handler of a syscall ("bpf", "openat", ...). */
LIBBPF_API struct bpf_link *
bpf_program__attach_ksyscall(const struct bpf_program *prog,
			     const char *syscall_name,
			     const struct bpf_ksyscall_opts *opts);

struct bpf_tracing_multi_opts {
	size_t sz;
	/* BTF ids of the target functions, instead of a pattern */
	const __u32 *ids;
	/* optional, one per id */
	const __u64 *cookies;
	size_t cnt;
	size_t :0;
};
#define bpf_tracing_multi_opts__last_field cnt

/* One fentry/fexit program on many kernel functions (pattern or ids). */
LIBBPF_API struct bpf_link *
bpf_program__attach_tracing_multi(const struct bpf_program *prog,
				  const char *pattern,
				  const struct bpf_tracing_multi_opts *opts);

struct bpf_uprobe_opts {
	size_t sz;
	/* offset of the USDT semaphore (reference counter) */
	size_t ref_ctr_offset;
	__u64 bpf_cookie;
	bool retprobe;
	/* "func" or "func@LIB"; func_offset is then relative to it */
	const char *func_name;
	enum probe_attach_mode attach_mode;
	size_t :0;
};
#define bpf_uprobe_opts__last_field attach_mode

/* pid 0: this process, -1: every process. */
LIBBPF_API struct bpf_link *
bpf_program__attach_uprobe(const struct bpf_program *prog, bool retprobe,
			   pid_t pid, const char *binary_path,
			   size_t func_offset);
LIBBPF_API struct bpf_link *
bpf_program__attach_uprobe_opts(const struct bpf_program *prog, pid_t pid,
				const char *binary_path, size_t func_offset,
				const struct bpf_uprobe_opts *opts);

struct bpf_usdt_opts {
	size_t sz;
	/* read on the BPF side with bpf_usdt_cookie() */
	__u64 usdt_cookie;
	size_t :0;
};
#define bpf_usdt_opts__last_field usdt_cookie

LIBBPF_API struct bpf_link *
bpf_program__attach_usdt(const struct bpf_program *prog, pid_t pid,
			 const char *binary_path, const char *usdt_provider,
			 const char *usdt_name,
			 const struct bpf_usdt_opts *opts);

struct bpf_tracepoint_opts {
	size_t sz;
	__u64 bpf_cookie;
};
#define bpf_tracepoint_opts__last_field bpf_cookie

LIBBPF_API struct bpf_link *
bpf_program__attach_tracepoint(const struct bpf_program *prog,
			       const char *tp_category, const char *tp_name);
LIBBPF_API struct bpf_link *
bpf_program__attach_tracepoint_opts(const struct bpf_program *prog,
				    const char *tp_category,
				    const char *tp_name,
				    const struct bpf_tracepoint_opts *opts);

struct bpf_raw_tracepoint_opts {
	size_t sz;
	__u64 cookie;
	size_t :0;
};
#define bpf_raw_tracepoint_opts__last_field cookie

LIBBPF_API struct bpf_link *
bpf_program__attach_raw_tracepoint(const struct bpf_program *prog,
				   const char *tp_name);
LIBBPF_API struct bpf_link *
bpf_program__attach_raw_tracepoint_opts(const struct bpf_program *prog,
					const char *tp_name,
					struct bpf_raw_tracepoint_opts *opts);

struct bpf_trace_opts {
	size_t sz;
	__u64 cookie;
};
#define bpf_trace_opts__last_field cookie

LIBBPF_API struct bpf_link *bpf_program__attach_trace(const struct bpf_program *prog);
LIBBPF_API struct bpf_link *
bpf_program__attach_trace_opts(const struct bpf_program *prog,
			       const struct bpf_trace_opts *opts);

LIBBPF_API struct bpf_link *bpf_program__attach_lsm(const struct bpf_program *prog);
LIBBPF_API struct bpf_link *
bpf_program__attach_cgroup(const struct bpf_program *prog, int cgroup_fd);
LIBBPF_API struct bpf_link *
bpf_program__attach_netns(const struct bpf_program *prog, int netns_fd);
LIBBPF_API struct bpf_link *
bpf_program__attach_sockmap(const struct bpf_program *prog, int map_fd);
LIBBPF_API struct bpf_link *
bpf_program__attach_xdp(const struct bpf_program *prog, int ifindex);
LIBBPF_API struct bpf_link *
bpf_program__attach_freplace(const struct bpf_program *prog, int target_fd,
			     const char *attach_func_name);

struct bpf_netfilter_opts {
	size_t sz;
	__u32 pf;
	__u32 hooknum;
	__s32 priority;
	__u32 flags;
};
#define bpf_netfilter_opts__last_field flags

LIBBPF_API struct bpf_link *
bpf_program__attach_netfilter(const struct bpf_program *prog,
			      const struct bpf_netfilter_opts *opts);

/* tcx, netkit and cgroup links share the mprog ordering options. */
struct bpf_tcx_opts {
	size_t sz;
	__u32 flags;
	__u32 relative_fd;
	__u32 relative_id;
	__u64 expected_revision;
	size_t :0;
};
#define bpf_tcx_opts__last_field expected_revision

LIBBPF_API struct bpf_link *
bpf_program__attach_tcx(const struct bpf_program *prog, int ifindex,
			const struct bpf_tcx_opts *opts);

struct bpf_netkit_opts {
	size_t sz;
	__u32 flags;
	__u32 relative_fd;
	__u32 relative_id;
	__u64 expected_revision;
	size_t :0;
};
#define bpf_netkit_opts__last_field expected_revision

LIBBPF_API struct bpf_link *
bpf_program__attach_netkit(const struct bpf_program *prog, int ifindex,
			   const struct bpf_netkit_opts *opts);

struct bpf_cgroup_opts {
	size_t sz;
	__u32 flags;
	__u32 relative_fd;
	__u32 relative_id;
	__u64 expected_revision;
	size_t :0;
};
#define bpf_cgroup_opts__last_field expected_revision

LIBBPF_API struct bpf_link *
bpf_program__attach_cgroup_opts(const struct bpf_program *prog, int cgroup_fd,
				const struct bpf_cgroup_opts *opts);

/* Registers a struct_ops map's implementation with the kernel. */
LIBBPF_API struct bpf_link *bpf_map__attach_struct_ops(const struct bpf_map *map);
LIBBPF_API int bpf_link__update_map(struct bpf_link *link, const struct bpf_map *map);

struct bpf_iter_attach_opts {
	size_t sz;
	union bpf_iter_link_info *link_info;
	__u32 link_info_len;
};
#define bpf_iter_attach_opts__last_field link_info_len

LIBBPF_API struct bpf_link *
bpf_program__attach_iter(const struct bpf_program *prog,
			 const struct bpf_iter_attach_opts *opts);

/* ---- bpf_map ------------------------------------------------------------ */

LIBBPF_API struct bpf_map *
bpf_object__find_map_by_name(const struct bpf_object *obj, const char *name);
LIBBPF_API int
bpf_object__find_map_fd_by_name(const struct bpf_object *obj, const char *name);
LIBBPF_API struct bpf_map *
bpf_object__next_map(const struct bpf_object *obj, const struct bpf_map *map);
LIBBPF_API struct bpf_map *
bpf_object__prev_map(const struct bpf_object *obj, const struct bpf_map *map);

#define bpf_object__for_each_map(pos, obj)				\
	for ((pos) = bpf_object__next_map((obj), NULL); (pos) != NULL;	\
	     (pos) = bpf_object__next_map((obj), (pos)))
#define bpf_map__for_each bpf_object__for_each_map

/* Whether load creates the map (false: the programs must not need it). */
LIBBPF_API int bpf_map__set_autocreate(struct bpf_map *map, bool autocreate);
LIBBPF_API bool bpf_map__autocreate(const struct bpf_map *map);
/* Whether skeleton attach attaches this (struct_ops) map. */
LIBBPF_API int bpf_map__set_autoattach(struct bpf_map *map, bool autoattach);
LIBBPF_API bool bpf_map__autoattach(const struct bpf_map *map);

LIBBPF_API int bpf_map__fd(const struct bpf_map *map);
LIBBPF_API int bpf_map__reuse_fd(struct bpf_map *map, int fd);
LIBBPF_API const char *bpf_map__name(const struct bpf_map *map);

/* Definition getters; the setters only work before the object is loaded. */
LIBBPF_API enum bpf_map_type bpf_map__type(const struct bpf_map *map);
LIBBPF_API int bpf_map__set_type(struct bpf_map *map, enum bpf_map_type type);
LIBBPF_API __u32 bpf_map__max_entries(const struct bpf_map *map);
LIBBPF_API int bpf_map__set_max_entries(struct bpf_map *map, __u32 max_entries);
LIBBPF_API __u32 bpf_map__map_flags(const struct bpf_map *map);
LIBBPF_API int bpf_map__set_map_flags(struct bpf_map *map, __u32 flags);
LIBBPF_API __u32 bpf_map__numa_node(const struct bpf_map *map);
LIBBPF_API int bpf_map__set_numa_node(struct bpf_map *map, __u32 numa_node);
LIBBPF_API __u32 bpf_map__key_size(const struct bpf_map *map);
LIBBPF_API int bpf_map__set_key_size(struct bpf_map *map, __u32 size);
LIBBPF_API __u32 bpf_map__value_size(const struct bpf_map *map);
/*
 * For global data maps this also resizes the mmap()ed area (old pointers to
 * it become invalid) and, when the last variable is an array, its BTF.
 */
LIBBPF_API int bpf_map__set_value_size(struct bpf_map *map, __u32 size);
LIBBPF_API __u32 bpf_map__btf_key_type_id(const struct bpf_map *map);
LIBBPF_API __u32 bpf_map__btf_value_type_id(const struct bpf_map *map);
LIBBPF_API __u32 bpf_map__ifindex(const struct bpf_map *map);
LIBBPF_API int bpf_map__set_ifindex(struct bpf_map *map, __u32 ifindex);
LIBBPF_API __u64 bpf_map__map_extra(const struct bpf_map *map);
LIBBPF_API int bpf_map__set_map_extra(struct bpf_map *map, __u64 map_extra);

/* Contents of .data/.rodata/.bss style maps before (and, mmap()ed, after) load. */
LIBBPF_API int bpf_map__set_initial_value(struct bpf_map *map,
					  const void *data, size_t size);
LIBBPF_API void *bpf_map__initial_value(const struct bpf_map *map, size_t *psize);

/* True for maps the library made itself (global data, kconfig, ksyms). */
LIBBPF_API bool bpf_map__is_internal(const struct bpf_map *map);

LIBBPF_API int bpf_map__set_pin_path(struct bpf_map *map, const char *path);
LIBBPF_API const char *bpf_map__pin_path(const struct bpf_map *map);
LIBBPF_API bool bpf_map__is_pinned(const struct bpf_map *map);
/* path NULL: use the map's pin_path. */
LIBBPF_API int bpf_map__pin(struct bpf_map *map, const char *path);
LIBBPF_API int bpf_map__unpin(struct bpf_map *map, const char *path);

LIBBPF_API int bpf_map__set_inner_map_fd(struct bpf_map *map, int fd);
LIBBPF_API struct bpf_map *bpf_map__inner_map(struct bpf_map *map);

/*
 * Element access checked against the map's key and value sizes.  For
 * per-CPU maps value_sz is round_up(value_size, 8) * possible CPUs.
 */
LIBBPF_API int bpf_map__lookup_elem(const struct bpf_map *map,
				    const void *key, size_t key_sz,
				    void *value, size_t value_sz, __u64 flags);
LIBBPF_API int bpf_map__update_elem(const struct bpf_map *map,
				    const void *key, size_t key_sz,
				    const void *value, size_t value_sz,
				    __u64 flags);
LIBBPF_API int bpf_map__delete_elem(const struct bpf_map *map,
				    const void *key, size_t key_sz, __u64 flags);
LIBBPF_API int bpf_map__lookup_and_delete_elem(const struct bpf_map *map,
					       const void *key, size_t key_sz,
					       void *value, size_t value_sz,
					       __u64 flags);
/* cur_key NULL gives the first key; -ENOENT after the last. */
LIBBPF_API int bpf_map__get_next_key(const struct bpf_map *map,
				     const void *cur_key, void *next_key,
				     size_t key_sz);

/* Only prog (same object) may use the map; set before load. */
LIBBPF_API int bpf_map__set_exclusive_program(struct bpf_map *map,
					      struct bpf_program *prog);
LIBBPF_API struct bpf_program *bpf_map__exclusive_program(struct bpf_map *map);

/* ---- XDP and TC through netlink ----------------------------------------- */

struct bpf_xdp_set_link_opts {
	size_t sz;
	int old_fd;
	size_t :0;
};
#define bpf_xdp_set_link_opts__last_field old_fd

struct bpf_xdp_attach_opts {
	size_t sz;
	int old_prog_fd;
	size_t :0;
};
#define bpf_xdp_attach_opts__last_field old_prog_fd

/* All fields after sz are filled in by bpf_xdp_query(). */
struct bpf_xdp_query_opts {
	size_t sz;
	__u32 prog_id;
	__u32 drv_prog_id;
	__u32 hw_prog_id;
	__u32 skb_prog_id;
	__u8 attach_mode;
	__u64 feature_flags;
	__u32 xdp_zc_max_segs;
	size_t :0;
};
#define bpf_xdp_query_opts__last_field xdp_zc_max_segs

LIBBPF_API int bpf_xdp_attach(int ifindex, int prog_fd, __u32 flags,
			      const struct bpf_xdp_attach_opts *opts);
LIBBPF_API int bpf_xdp_detach(int ifindex, __u32 flags,
			      const struct bpf_xdp_attach_opts *opts);
LIBBPF_API int bpf_xdp_query(int ifindex, int flags,
			     struct bpf_xdp_query_opts *opts);
LIBBPF_API int bpf_xdp_query_id(int ifindex, int flags, __u32 *prog_id);

enum bpf_tc_attach_point {
	BPF_TC_INGRESS = 1 << 0,
	BPF_TC_EGRESS  = 1 << 1,
	BPF_TC_CUSTOM  = 1 << 2,
	BPF_TC_QDISC   = 1 << 3,
};

/* major:minor qdisc handle as one 32-bit value */
#define BPF_TC_PARENT(a, b)						\
	((((a) << 16) & 0xFFFF0000U) | ((b) & 0x0000FFFFU))

enum bpf_tc_flags {
	BPF_TC_F_REPLACE = 1 << 0,
};

struct bpf_tc_hook {
	size_t sz;
	int ifindex;
	enum bpf_tc_attach_point attach_point;
	__u32 parent;
	/* for BPF_TC_QDISC: handle and kind of the qdisc to create */
	__u32 handle;
	const char *qdisc;
	size_t :0;
};
#define bpf_tc_hook__last_field qdisc

struct bpf_tc_opts {
	size_t sz;
	int prog_fd;
	__u32 flags;
	__u32 prog_id;
	__u32 handle;
	__u32 priority;
	size_t :0;
};
#define bpf_tc_opts__last_field priority

LIBBPF_API int bpf_tc_hook_create(struct bpf_tc_hook *hook);
LIBBPF_API int bpf_tc_hook_destroy(struct bpf_tc_hook *hook);
LIBBPF_API int bpf_tc_attach(const struct bpf_tc_hook *hook,
			     struct bpf_tc_opts *opts);
LIBBPF_API int bpf_tc_detach(const struct bpf_tc_hook *hook,
			     const struct bpf_tc_opts *opts);
LIBBPF_API int bpf_tc_query(const struct bpf_tc_hook *hook,
			    struct bpf_tc_opts *opts);

/* ---- BPF ring buffer consumer ------------------------------------------- */

struct ring_buffer;
struct ring;
struct user_ring_buffer;

/* A non-zero return stops consumption and is passed up to the caller. */
typedef int (*ring_buffer_sample_fn)(void *ctx, void *data, size_t size);

struct ring_buffer_opts {
	size_t sz;
};
#define ring_buffer_opts__last_field sz

LIBBPF_API struct ring_buffer *
ring_buffer__new(int map_fd, ring_buffer_sample_fn sample_cb, void *ctx,
		 const struct ring_buffer_opts *opts);
LIBBPF_API void ring_buffer__free(struct ring_buffer *rb);
LIBBPF_API int ring_buffer__add(struct ring_buffer *rb, int map_fd,
				ring_buffer_sample_fn sample_cb, void *ctx);
LIBBPF_API int ring_buffer__poll(struct ring_buffer *rb, int timeout_ms);
LIBBPF_API int ring_buffer__consume(struct ring_buffer *rb);
LIBBPF_API int ring_buffer__consume_n(struct ring_buffer *rb, size_t n);
LIBBPF_API int ring_buffer__epoll_fd(const struct ring_buffer *rb);

/* The idx-th ring added to rb (0 = the one given to ring_buffer__new). */
LIBBPF_API struct ring *ring_buffer__ring(struct ring_buffer *rb,
					  unsigned int idx);
LIBBPF_API unsigned long ring__consumer_pos(const struct ring *r);
LIBBPF_API unsigned long ring__producer_pos(const struct ring *r);
/* Unconsumed bytes; unsynchronised, so only a snapshot. */
LIBBPF_API size_t ring__avail_data_size(const struct ring *r);
LIBBPF_API size_t ring__size(const struct ring *r);
LIBBPF_API int ring__map_fd(const struct ring *r);
LIBBPF_API int ring__consume(struct ring *r);
LIBBPF_API int ring__consume_n(struct ring *r, size_t n);

/* ---- user ring buffer producer ------------------------------------------ */

struct user_ring_buffer_opts {
	size_t sz;
};
#define user_ring_buffer_opts__last_field sz

LIBBPF_API struct user_ring_buffer *
user_ring_buffer__new(int map_fd, const struct user_ring_buffer_opts *opts);
/*
 * An 8-byte aligned sample to fill and then submit or discard.  Single
 * producer: callers serialise reserve calls themselves.  E2BIG when the
 * size can never fit, ENOSPC when it does not fit now.
 */
LIBBPF_API void *user_ring_buffer__reserve(struct user_ring_buffer *rb, __u32 size);
/* As above, waiting up to timeout_ms (-1: forever) for room. */
LIBBPF_API void *user_ring_buffer__reserve_blocking(struct user_ring_buffer *rb,
						    __u32 size, int timeout_ms);
LIBBPF_API void user_ring_buffer__submit(struct user_ring_buffer *rb, void *sample);
LIBBPF_API void user_ring_buffer__discard(struct user_ring_buffer *rb, void *sample);
LIBBPF_API void user_ring_buffer__free(struct user_ring_buffer *rb);

/* ---- perf event buffer -------------------------------------------------- */

struct perf_buffer;

typedef void (*perf_buffer_sample_fn)(void *ctx, int cpu, void *data, __u32 size);
typedef void (*perf_buffer_lost_fn)(void *ctx, int cpu, __u64 cnt);

struct perf_buffer_opts {
	size_t sz;
	/* wake up after this many samples (0: every sample) */
	__u32 sample_period;
	size_t :0;
};
#define perf_buffer_opts__last_field sample_period

/* page_cnt pages per CPU, a power of two. */
LIBBPF_API struct perf_buffer *
perf_buffer__new(int map_fd, size_t page_cnt, perf_buffer_sample_fn sample_cb,
		 perf_buffer_lost_fn lost_cb, void *ctx,
		 const struct perf_buffer_opts *opts);

enum bpf_perf_event_ret {
	LIBBPF_PERF_EVENT_DONE	= 0,
	LIBBPF_PERF_EVENT_ERROR	= -1,
	LIBBPF_PERF_EVENT_CONT	= -2,
};

struct perf_event_header;
struct perf_event_attr;

typedef enum bpf_perf_event_ret
(*perf_buffer_event_fn)(void *ctx, int cpu, struct perf_event_header *event);

struct perf_buffer_raw_opts {
	size_t sz;
	long :0;			/* two retired fields */
	long :0;
	/* 0: every possible CPU (bounded by the map's max_entries) */
	int cpu_cnt;
	/* with cpu_cnt > 0: the CPUs and the map slots to store their fds */
	int *cpus;
	int *map_keys;
};
#define perf_buffer_raw_opts__last_field map_keys

LIBBPF_API struct perf_buffer *
perf_buffer__new_raw(int map_fd, size_t page_cnt, struct perf_event_attr *attr,
		     perf_buffer_event_fn event_cb, void *ctx,
		     const struct perf_buffer_raw_opts *opts);
LIBBPF_API void perf_buffer__free(struct perf_buffer *pb);
LIBBPF_API int perf_buffer__epoll_fd(const struct perf_buffer *pb);
LIBBPF_API int perf_buffer__poll(struct perf_buffer *pb, int timeout_ms);
LIBBPF_API int perf_buffer__consume(struct perf_buffer *pb);
LIBBPF_API int perf_buffer__consume_buffer(struct perf_buffer *pb, size_t buf_idx);
LIBBPF_API size_t perf_buffer__buffer_cnt(const struct perf_buffer *pb);
LIBBPF_API int perf_buffer__buffer_fd(const struct perf_buffer *pb, size_t buf_idx);
/* The raw mmap()ed area (struct perf_event_mmap_page first) of one buffer. */
LIBBPF_API int perf_buffer__buffer(struct perf_buffer *pb, int buf_idx,
				   void **buf, size_t *buf_size);

/* ---- line info of loaded programs --------------------------------------- */

struct bpf_prog_linfo;
struct bpf_prog_info;

LIBBPF_API void bpf_prog_linfo__free(struct bpf_prog_linfo *prog_linfo);
LIBBPF_API struct bpf_prog_linfo *
bpf_prog_linfo__new(const struct bpf_prog_info *info);
LIBBPF_API const struct bpf_line_info *
bpf_prog_linfo__lfind_addr_func(const struct bpf_prog_linfo *prog_linfo,
				__u64 addr, __u32 func_idx, __u32 nr_skip);
LIBBPF_API const struct bpf_line_info *
bpf_prog_linfo__lfind(const struct bpf_prog_linfo *prog_linfo,
		      __u32 insn_off, __u32 nr_skip);

/* ---- feature probes ----------------------------------------------------- */

/* 1 supported, 0 not, <0 the probe itself failed.  opts must be NULL. */
LIBBPF_API int libbpf_probe_bpf_prog_type(enum bpf_prog_type prog_type,
					  const void *opts);
LIBBPF_API int libbpf_probe_bpf_map_type(enum bpf_map_type map_type,
					 const void *opts);
LIBBPF_API int libbpf_probe_bpf_helper(enum bpf_prog_type prog_type,
				       enum bpf_func_id helper_id,
				       const void *opts);

/* From /sys/devices/system/cpu/possible; cached. */
LIBBPF_API int libbpf_num_possible_cpus(void);

/* ---- skeletons ---------------------------------------------------------- */

/*
 * These records are written by generated .skel.h files: their layout is
 * ABI.  Generators store sizeof() of each record in *_skel_sz so that the
 * library can walk arrays made with older or newer record layouts.
 */
struct bpf_map_skeleton {
	const char *name;
	struct bpf_map **map;
	void **mmaped;
	struct bpf_link **link;		/* since 1.5 (struct_ops maps) */
};

struct bpf_prog_skeleton {
	const char *name;
	struct bpf_program **prog;
	struct bpf_link **link;
};

struct bpf_object_skeleton {
	size_t sz;			/* sizeof(struct bpf_object_skeleton) */

	const char *name;
	const void *data;		/* the embedded ELF object */
	size_t data_sz;

	struct bpf_object **obj;

	int map_cnt;
	int map_skel_sz;		/* sizeof(struct bpf_map_skeleton) */
	struct bpf_map_skeleton *maps;

	int prog_cnt;
	int prog_skel_sz;		/* sizeof(struct bpf_prog_skeleton) */
	struct bpf_prog_skeleton *progs;
};

LIBBPF_API int bpf_object__open_skeleton(struct bpf_object_skeleton *s,
					 const struct bpf_object_open_opts *opts);
LIBBPF_API int bpf_object__load_skeleton(struct bpf_object_skeleton *s);
LIBBPF_API int bpf_object__attach_skeleton(struct bpf_object_skeleton *s);
LIBBPF_API void bpf_object__detach_skeleton(struct bpf_object_skeleton *s);
LIBBPF_API void bpf_object__destroy_skeleton(struct bpf_object_skeleton *s);

struct bpf_var_skeleton {
	const char *name;
	struct bpf_map **map;
	void **addr;
};

struct bpf_object_subskeleton {
	size_t sz;			/* sizeof(struct bpf_object_subskeleton) */

	const struct bpf_object *obj;

	int map_cnt;
	int map_skel_sz;
	struct bpf_map_skeleton *maps;

	int prog_cnt;
	int prog_skel_sz;
	struct bpf_prog_skeleton *progs;

	int var_cnt;
	int var_skel_sz;		/* sizeof(struct bpf_var_skeleton) */
	struct bpf_var_skeleton *vars;
};

LIBBPF_API int bpf_object__open_subskeleton(struct bpf_object_subskeleton *s);
LIBBPF_API void bpf_object__destroy_subskeleton(struct bpf_object_subskeleton *s);

/* ---- loader program generation (bpftool gen skeleton -L) ---------------- */

struct gen_loader_opts {
	size_t sz;
	/* filled in after bpf_object__load() */
	const char *data;
	const char *insns;
	__u32 data_sz;
	__u32 insns_sz;
	/* also emit a hash of the loader data, for signed loaders */
	bool gen_hash;
};
#define gen_loader_opts__last_field gen_hash

LIBBPF_API int bpf_object__gen_loader(struct bpf_object *obj,
				      struct gen_loader_opts *opts);

/* Value of a tristate CONFIG_xxx extern. */
enum libbpf_tristate {
	TRI_NO = 0,
	TRI_YES = 1,
	TRI_MODULE = 2,
};

/* ---- static linker ------------------------------------------------------ */

struct bpf_linker_opts {
	size_t sz;
};
#define bpf_linker_opts__last_field sz

struct bpf_linker_file_opts {
	size_t sz;
};
#define bpf_linker_file_opts__last_field sz

struct bpf_linker;

LIBBPF_API struct bpf_linker *bpf_linker__new(const char *filename,
					      struct bpf_linker_opts *opts);
LIBBPF_API struct bpf_linker *bpf_linker__new_fd(int fd,
						 struct bpf_linker_opts *opts);
LIBBPF_API int bpf_linker__add_file(struct bpf_linker *linker,
				    const char *filename,
				    const struct bpf_linker_file_opts *opts);
LIBBPF_API int bpf_linker__add_fd(struct bpf_linker *linker, int fd,
				  const struct bpf_linker_file_opts *opts);
LIBBPF_API int bpf_linker__add_buf(struct bpf_linker *linker, void *buf,
				   size_t buf_sz,
				   const struct bpf_linker_file_opts *opts);
LIBBPF_API int bpf_linker__finalize(struct bpf_linker *linker);
LIBBPF_API void bpf_linker__free(struct bpf_linker *linker);

/* ---- custom SEC() handlers ---------------------------------------------- */

/* At open, for each program the handler matched. */
typedef int (*libbpf_prog_setup_fn_t)(struct bpf_program *prog, long cookie);
/* Just before BPF_PROG_LOAD; may adjust opts. */
typedef int (*libbpf_prog_prepare_load_fn_t)(struct bpf_program *prog,
					     struct bpf_prog_load_opts *opts,
					     long cookie);
/*
 * For bpf_program__attach() and skeleton attach.  Returning 0 with
 * *link == NULL means "nothing to auto-attach" (fine for skeletons).
 */
typedef int (*libbpf_prog_attach_fn_t)(const struct bpf_program *prog,
				       long cookie, struct bpf_link **link);

struct libbpf_prog_handler_opts {
	size_t sz;
	/* handed back to each callback */
	long cookie;
	/* all callbacks are optional */
	libbpf_prog_setup_fn_t prog_setup_fn;
	libbpf_prog_prepare_load_fn_t prog_prepare_load_fn;
	libbpf_prog_attach_fn_t prog_attach_fn;
};
#define libbpf_prog_handler_opts__last_field prog_attach_fn

/*
 * sec is "abc" (exactly SEC("abc")), "abc/" (SEC("abc/...")), "abc+"
 * (both) or NULL (fallback for otherwise unknown sections).  Custom
 * handlers are tried before the built-in ones.  Returns a handler id >= 0.
 * Not thread-safe.
 */
LIBBPF_API int
libbpf_register_prog_handler(const char *sec, enum bpf_prog_type prog_type,
			     enum bpf_attach_type exp_attach_type,
			     const struct libbpf_prog_handler_opts *opts);
LIBBPF_API int libbpf_unregister_prog_handler(int handler_id);

#ifdef __cplusplus
}
#endif

#endif /* __LIBBPF_LIBBPF_H */
