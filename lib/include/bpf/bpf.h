/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * bpfkit: <bpf/bpf.h>, thin wrappers around the bpf(2) commands.
 *
 * Every function here issues one bpf() command (prog load may retry it) and
 * follows the libbpf 1.x convention: a negative errno is returned and errno
 * is set on failure; fds are returned with O_CLOEXEC semantics.
 *
 * Option structs begin with "size_t sz" (use LIBBPF_OPTS()); a caller built
 * against an older copy of this header passes a smaller sz and the fields it
 * does not know read as zero.  Their layouts are ABI: fields are only ever
 * appended.
 */
#ifndef __LIBBPF_BPF_H
#define __LIBBPF_BPF_H

#include <linux/bpf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "libbpf_common.h"

#ifdef __cplusplus
extern "C" {
#endif

LIBBPF_API int libbpf_set_memlock_rlim(size_t memlock_bytes);

/* Kernel log capture for commands other than prog/BTF load (map create). */
struct bpf_log_opts {
	size_t sz;
	char *buf;
	__u32 size;
	__u32 level;
	__u32 true_size;	/* out: log size the kernel needed */
	size_t :0;
};

/* ---- maps ---- */

struct bpf_map_create_opts {
	size_t sz;

	__u32 btf_fd;
	__u32 btf_key_type_id;
	__u32 btf_value_type_id;
	__u32 btf_vmlinux_value_type_id;

	__u32 inner_map_fd;
	__u32 map_flags;
	__u64 map_extra;

	__u32 numa_node;
	__u32 map_ifindex;
	__s32 value_type_btf_obj_fd;

	__u32 token_fd;

	const void *excl_prog_hash;
	__u32 excl_prog_hash_size;

	struct bpf_log_opts *log_opts;
	size_t :0;
};

LIBBPF_API int bpf_map_create(enum bpf_map_type map_type,
			      const char *map_name,
			      __u32 key_size,
			      __u32 value_size,
			      __u32 max_entries,
			      const struct bpf_map_create_opts *opts);

LIBBPF_API int bpf_map_update_elem(int fd, const void *key, const void *value,
				   __u64 flags);
LIBBPF_API int bpf_map_lookup_elem(int fd, const void *key, void *value);
LIBBPF_API int bpf_map_lookup_elem_flags(int fd, const void *key, void *value,
					 __u64 flags);
LIBBPF_API int bpf_map_lookup_and_delete_elem(int fd, const void *key,
					      void *value);
LIBBPF_API int bpf_map_lookup_and_delete_elem_flags(int fd, const void *key,
						    void *value, __u64 flags);
LIBBPF_API int bpf_map_delete_elem(int fd, const void *key);
LIBBPF_API int bpf_map_delete_elem_flags(int fd, const void *key, __u64 flags);
LIBBPF_API int bpf_map_get_next_key(int fd, const void *key, void *next_key);
LIBBPF_API int bpf_map_freeze(int fd);

struct bpf_map_batch_opts {
	size_t sz;
	__u64 elem_flags;
	__u64 flags;
};

/*
 * Batch operations.  *count is in/out: on entry the number of elements the
 * buffers hold, on return the number processed (also on most errors; not
 * trustworthy after -EFAULT).  in_batch NULL starts from the beginning;
 * out_batch receives the cursor for the next call.  For hash-type maps the
 * cursor needs at least 4 bytes whatever the key size.
 */
LIBBPF_API int bpf_map_delete_batch(int fd, const void *keys,
				    __u32 *count,
				    const struct bpf_map_batch_opts *opts);
LIBBPF_API int bpf_map_lookup_batch(int fd, void *in_batch, void *out_batch,
				    void *keys, void *values, __u32 *count,
				    const struct bpf_map_batch_opts *opts);
LIBBPF_API int bpf_map_lookup_and_delete_batch(int fd, void *in_batch,
					void *out_batch, void *keys,
					void *values, __u32 *count,
					const struct bpf_map_batch_opts *opts);
LIBBPF_API int bpf_map_update_batch(int fd, const void *keys, const void *values,
				    __u32 *count,
				    const struct bpf_map_batch_opts *opts);

/* ---- programs and BTF ---- */

struct bpf_prog_load_opts {
	size_t sz;

	/* How many times to try again when the kernel says EAGAIN (0: 5). */
	int attempts;

	enum bpf_attach_type expected_attach_type;
	__u32 prog_btf_fd;
	__u32 prog_flags;
	__u32 prog_ifindex;
	__u32 kern_version;

	__u32 attach_btf_id;
	__u32 attach_prog_fd;
	__u32 attach_btf_obj_fd;

	const int *fd_array;

	/* from .BTF.ext */
	const void *func_info;
	__u32 func_info_cnt;
	__u32 func_info_rec_size;

	const void *line_info;
	__u32 line_info_cnt;
	__u32 line_info_rec_size;

	/* verifier log */
	__u32 log_level;
	__u32 log_size;
	char *log_buf;
	/* out: bytes the whole log needed, terminating NUL included; left
	 * alone by kernels that do not report it */
	__u32 log_true_size;
	__u32 token_fd;

	/* number of entries of fd_array, when non-zero */
	__u32 fd_array_cnt;
	size_t :0;
};

LIBBPF_API int bpf_prog_load(enum bpf_prog_type prog_type,
			     const char *prog_name, const char *license,
			     const struct bpf_insn *insns, size_t insn_cnt,
			     struct bpf_prog_load_opts *opts);

/* Kept from libbpf 0.x for source compatibility. */
#define MAPS_RELAX_COMPAT	0x01

/* A log buffer size every kernel accepts (the limit of kernels <= 5.1). */
#define BPF_LOG_BUF_SIZE (UINT32_MAX >> 8)

struct bpf_btf_load_opts {
	size_t sz;

	char *log_buf;
	__u32 log_level;
	__u32 log_size;
	/* out: as bpf_prog_load_opts.log_true_size */
	__u32 log_true_size;

	__u32 btf_flags;
	__u32 token_fd;
	size_t :0;
};

LIBBPF_API int bpf_btf_load(const void *btf_data, size_t btf_size,
			    struct bpf_btf_load_opts *opts);

/* ---- bpffs ---- */

struct bpf_obj_pin_opts {
	size_t sz;

	__u32 file_flags;
	int path_fd;

	size_t :0;
};

LIBBPF_API int bpf_obj_pin(int fd, const char *pathname);
LIBBPF_API int bpf_obj_pin_opts(int fd, const char *pathname,
				const struct bpf_obj_pin_opts *opts);

struct bpf_obj_get_opts {
	size_t sz;

	__u32 file_flags;
	int path_fd;

	size_t :0;
};

LIBBPF_API int bpf_obj_get(const char *pathname);
LIBBPF_API int bpf_obj_get_opts(const char *pathname,
				const struct bpf_obj_get_opts *opts);

/* ---- attach (cgroup, tcx, netkit, sockmap, lirc, flow dissector ...) ---- */

LIBBPF_API int bpf_prog_attach(int prog_fd, int attachable_fd,
			       enum bpf_attach_type type, unsigned int flags);
LIBBPF_API int bpf_prog_detach(int attachable_fd, enum bpf_attach_type type);
LIBBPF_API int bpf_prog_detach2(int prog_fd, int attachable_fd,
				enum bpf_attach_type type);

struct bpf_prog_attach_opts {
	size_t sz;
	__u32 flags;
	union {
		int replace_prog_fd;
		int replace_fd;
	};
	int relative_fd;
	__u32 relative_id;
	__u64 expected_revision;
	size_t :0;
};

struct bpf_prog_detach_opts {
	size_t sz;
	__u32 flags;
	int relative_fd;
	__u32 relative_id;
	__u64 expected_revision;
	size_t :0;
};

/* target is an fd (cgroup, map ...) or an ifindex (tcx, netkit). */
LIBBPF_API int bpf_prog_attach_opts(int prog_fd, int target,
				    enum bpf_attach_type type,
				    const struct bpf_prog_attach_opts *opts);
LIBBPF_API int bpf_prog_detach_opts(int prog_fd, int target,
				    enum bpf_attach_type type,
				    const struct bpf_prog_detach_opts *opts);

/* ---- links ---- */

union bpf_iter_link_info; /* from linux/bpf.h */
struct bpf_link_create_opts {
	size_t sz;
	__u32 flags;
	union bpf_iter_link_info *iter_info;
	__u32 iter_info_len;
	__u32 target_btf_id;
	union {
		struct {
			__u64 bpf_cookie;
		} perf_event;
		struct {
			__u32 flags;
			__u32 cnt;
			const char **syms;
			const unsigned long *addrs;
			const __u64 *cookies;
		} kprobe_multi;
		struct {
			__u32 flags;
			__u32 cnt;
			const char *path;
			const unsigned long *offsets;
			const unsigned long *ref_ctr_offsets;
			const __u64 *cookies;
			__u32 pid;
			__u32 path_fd;	/* path is relative to this dir fd */
		} uprobe_multi;
		struct {
			__u64 cookie;
		} tracing;
		struct {
			__u32 pf;
			__u32 hooknum;
			__s32 priority;
			__u32 flags;
		} netfilter;
		struct {
			__u32 relative_fd;
			__u32 relative_id;
			__u64 expected_revision;
		} tcx;
		struct {
			__u32 relative_fd;
			__u32 relative_id;
			__u64 expected_revision;
		} netkit;
		struct {
			__u32 relative_fd;
			__u32 relative_id;
			__u64 expected_revision;
		} cgroup;
		struct {
			const __u32 *ids;
			const __u64 *cookies;
			__u32 cnt;
		} tracing_multi;
	};
	size_t :0;
};

LIBBPF_API int bpf_link_create(int prog_fd, int target_fd,
			       enum bpf_attach_type attach_type,
			       const struct bpf_link_create_opts *opts);

LIBBPF_API int bpf_link_detach(int link_fd);

struct bpf_link_update_opts {
	size_t sz;
	__u32 flags;
	__u32 old_prog_fd;	/* replace only if this program is attached */
	__u32 old_map_fd;	/* struct_ops links: expected current map */
};

LIBBPF_API int bpf_link_update(int link_fd, int new_prog_fd,
			       const struct bpf_link_update_opts *opts);

LIBBPF_API int bpf_iter_create(int link_fd);

/* Layout of the 0.x test-run API; only the struct survives in 1.x. */
struct bpf_prog_test_run_attr {
	int prog_fd;
	int repeat;
	const void *data_in;
	__u32 data_size_in;
	void *data_out;
	__u32 data_size_out;
	__u32 retval;
	__u32 duration;
	const void *ctx_in;
	__u32 ctx_size_in;
	void *ctx_out;
	__u32 ctx_size_out;
};

/* ---- ids, fds by id, object info ---- */

LIBBPF_API int bpf_prog_get_next_id(__u32 start_id, __u32 *next_id);
LIBBPF_API int bpf_map_get_next_id(__u32 start_id, __u32 *next_id);
LIBBPF_API int bpf_btf_get_next_id(__u32 start_id, __u32 *next_id);
LIBBPF_API int bpf_link_get_next_id(__u32 start_id, __u32 *next_id);

struct bpf_get_fd_by_id_opts {
	size_t sz;
	__u32 open_flags;	/* BPF_F_RDONLY, BPF_F_WRONLY ... */
	__u32 token_fd;
	size_t :0;
};

LIBBPF_API int bpf_prog_get_fd_by_id(__u32 id);
LIBBPF_API int bpf_prog_get_fd_by_id_opts(__u32 id,
				const struct bpf_get_fd_by_id_opts *opts);
LIBBPF_API int bpf_map_get_fd_by_id(__u32 id);
LIBBPF_API int bpf_map_get_fd_by_id_opts(__u32 id,
				const struct bpf_get_fd_by_id_opts *opts);
LIBBPF_API int bpf_btf_get_fd_by_id(__u32 id);
LIBBPF_API int bpf_btf_get_fd_by_id_opts(__u32 id,
				const struct bpf_get_fd_by_id_opts *opts);
LIBBPF_API int bpf_link_get_fd_by_id(__u32 id);
LIBBPF_API int bpf_link_get_fd_by_id_opts(__u32 id,
				const struct bpf_get_fd_by_id_opts *opts);

/*
 * Object info.  *info_len is in/out: the size of *info on entry, the bytes
 * the kernel filled on return.  Zero *info first: array pointers in it
 * (map_ids, jited_prog_insns ...) are requests the kernel acts on.
 */
LIBBPF_API int bpf_obj_get_info_by_fd(int bpf_fd, void *info, __u32 *info_len);
LIBBPF_API int bpf_prog_get_info_by_fd(int prog_fd, struct bpf_prog_info *info,
				       __u32 *info_len);
LIBBPF_API int bpf_map_get_info_by_fd(int map_fd, struct bpf_map_info *info,
				      __u32 *info_len);
LIBBPF_API int bpf_btf_get_info_by_fd(int btf_fd, struct bpf_btf_info *info,
				      __u32 *info_len);
LIBBPF_API int bpf_link_get_info_by_fd(int link_fd, struct bpf_link_info *info,
				       __u32 *info_len);

/* ---- queries ---- */

struct bpf_prog_query_opts {
	size_t sz;
	__u32 query_flags;
	__u32 attach_flags;	/* out */
	__u32 *prog_ids;
	union {
		/* in: room in prog_ids (and the other arrays); out: count */
		__u32 prog_cnt;
		__u32 count;
	};
	__u32 *prog_attach_flags;
	__u32 *link_ids;
	__u32 *link_attach_flags;
	__u64 revision;		/* out */
	size_t :0;
};

LIBBPF_API int bpf_prog_query_opts(int target, enum bpf_attach_type type,
				   struct bpf_prog_query_opts *opts);
LIBBPF_API int bpf_prog_query(int target_fd, enum bpf_attach_type type,
			      __u32 query_flags, __u32 *attach_flags,
			      __u32 *prog_ids, __u32 *prog_cnt);

struct bpf_raw_tp_opts {
	size_t sz;
	const char *tp_name;
	__u64 cookie;
	size_t :0;
};

LIBBPF_API int bpf_raw_tracepoint_open_opts(int prog_fd,
					    struct bpf_raw_tp_opts *opts);
LIBBPF_API int bpf_raw_tracepoint_open(const char *name, int prog_fd);

LIBBPF_API int bpf_task_fd_query(int pid, int fd, __u32 flags, char *buf,
				 __u32 *buf_len, __u32 *prog_id, __u32 *fd_type,
				 __u64 *probe_offset, __u64 *probe_addr);

#ifdef __cplusplus
/* C++ cannot forward-declare a C enum without its base type. */
LIBBPF_API int bpf_enable_stats(int type);
#else
enum bpf_stats_type; /* from linux/bpf.h */
LIBBPF_API int bpf_enable_stats(enum bpf_stats_type type);
#endif

struct bpf_prog_bind_opts {
	size_t sz;
	__u32 flags;
};

LIBBPF_API int bpf_prog_bind_map(int prog_fd, int map_fd,
				 const struct bpf_prog_bind_opts *opts);

/* ---- test run ---- */

struct bpf_test_run_opts {
	size_t sz;
	const void *data_in;
	void *data_out;
	__u32 data_size_in;
	__u32 data_size_out;	/* in: room in data_out; out: bytes written */
	const void *ctx_in;
	void *ctx_out;
	__u32 ctx_size_in;
	__u32 ctx_size_out;	/* in: room in ctx_out; out: bytes written */
	__u32 retval;		/* out: the program's return value */
	int repeat;
	__u32 duration;		/* out: mean ns per run */
	__u32 flags;
	__u32 cpu;
	__u32 batch_size;
};

LIBBPF_API int bpf_prog_test_run_opts(int prog_fd,
				      struct bpf_test_run_opts *opts);

/* ---- tokens, streams, struct_ops association ---- */

struct bpf_token_create_opts {
	size_t sz;
	__u32 flags;
	size_t :0;
};

/* A token derived from a bpffs instance mounted with delegation options. */
LIBBPF_API int bpf_token_create(int bpffs_fd,
				struct bpf_token_create_opts *opts);

struct bpf_prog_stream_read_opts {
	size_t sz;
	size_t :0;
};

/* Returns the number of bytes read from the program's stream stream_id. */
LIBBPF_API int bpf_prog_stream_read(int prog_fd, __u32 stream_id, void *buf,
				    __u32 buf_len,
				    struct bpf_prog_stream_read_opts *opts);

struct bpf_prog_assoc_struct_ops_opts {
	size_t sz;
	__u32 flags;
	size_t :0;
};

LIBBPF_API int bpf_prog_assoc_struct_ops(int prog_fd, int map_fd,
				struct bpf_prog_assoc_struct_ops_opts *opts);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* __LIBBPF_BPF_H */
