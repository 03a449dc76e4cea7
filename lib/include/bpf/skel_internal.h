/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Run-time support of light skeletons (the *.lskel.h headers written by
 * "bpftool gen skeleton -L").  Header-only and free of any libbpf
 * dependency: everything goes through the raw bpf() system call, so that a
 * program using a light skeleton links against nothing but libc.
 *
 * A light skeleton carries two blobs made by bpf_object__gen_loader(): the
 * instructions of a BPF_PROG_TYPE_SYSCALL "loader" program and the data it
 * works on.  bpf_load_and_run() loads the loader and runs it once; the
 * loader creates the object's BTF, maps and programs from inside the kernel
 * and hands their fds back through the context (struct bpf_loader_ctx,
 * followed by one struct bpf_map_desc per map and one struct bpf_prog_desc
 * per program, in object order).
 *
 * Names, prototypes and layouts are those of libbpf's skel_internal.h.
 * Only the user-space variant is provided: the __KERNEL__ variant (used by
 * kernel code embedding a light skeleton, e.g. bpf_preload) is omitted.
 */
#ifndef __SKEL_INTERNAL_H
#define __SKEL_INTERNAL_H

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <linux/bpf.h>

#ifndef __NR_bpf
# if defined(__x86_64__)
#  define __NR_bpf 321
# elif defined(__i386__)
#  define __NR_bpf 357
# elif defined(__aarch64__) || defined(__riscv) || defined(__loongarch__)
#  define __NR_bpf 280
# elif defined(__arm__)
#  define __NR_bpf 386
# elif defined(__powerpc__)
#  define __NR_bpf 361
# elif defined(__s390__)
#  define __NR_bpf 351
# else
#  error "__NR_bpf is not known for this architecture"
# endif
#endif

#ifndef offsetofend
#define offsetofend(TYPE, FIELD) \
	(offsetof(TYPE, FIELD) + sizeof(((TYPE *)0)->FIELD))
#endif

#ifndef SHA256_DIGEST_LENGTH
#define SHA256_DIGEST_LENGTH 32
#endif

/* Per map: filled by the skeleton (input) and by the loader (map_fd). */
struct bpf_map_desc {
	int map_fd;
	__u32 max_entries;		/* 0: as in the object */
	__aligned_u64 initial_value;	/* user address of the initial data */
};

/* Per program: the loader stores the program's fd. */
struct bpf_prog_desc {
	int prog_fd;
};

enum {
	BPF_SKEL_KERNEL = (1ULL << 0),
};

/* Head of the loader program's context; sz covers the descriptors too. */
struct bpf_loader_ctx {
	__u32 sz;
	__u32 flags;
	__u32 log_level;
	__u32 log_size;
	__u64 log_buf;
};

/*
 * The BPF_MAP_CREATE and BPF_PROG_LOAD attributes as of Linux 6.18, the
 * prefixes of union bpf_attr for those commands: declared here so that the
 * header builds against an older installed <linux/bpf.h> too.
 */
struct skel_map_create_attr {
	__u32 map_type;
	__u32 key_size;
	__u32 value_size;
	__u32 max_entries;
	__u32 map_flags;
	__u32 inner_map_fd;
	__u32 numa_node;
	char map_name[16];
	__u32 map_ifindex;
	__u32 btf_fd;
	__u32 btf_key_type_id;
	__u32 btf_value_type_id;
	__u32 btf_vmlinux_value_type_id;
	__u64 map_extra;
	__s32 value_type_btf_obj_fd;
	__s32 map_token_fd;
	__aligned_u64 excl_prog_hash;
	__u32 excl_prog_hash_size;
};

struct skel_prog_load_attr {
	__u32 prog_type;
	__u32 insn_cnt;
	__aligned_u64 insns;
	__aligned_u64 license;
	__u32 log_level;
	__u32 log_size;
	__aligned_u64 log_buf;
	__u32 kern_version;
	__u32 prog_flags;
	char prog_name[16];
	__u32 prog_ifindex;
	__u32 expected_attach_type;
	__u32 prog_btf_fd;
	__u32 func_info_rec_size;
	__aligned_u64 func_info;
	__u32 func_info_cnt;
	__u32 line_info_rec_size;
	__aligned_u64 line_info;
	__u32 line_info_cnt;
	__u32 attach_btf_id;
	__u32 attach_prog_fd;
	__u32 core_relo_cnt;
	__aligned_u64 fd_array;
	__aligned_u64 core_relos;
	__u32 core_relo_rec_size;
	__u32 log_true_size;
	__s32 prog_token_fd;
	__u32 fd_array_cnt;
	__aligned_u64 signature;
	__u32 signature_size;
	__s32 keyring_id;
};

struct bpf_load_and_run_opts {
	struct bpf_loader_ctx *ctx;
	const void *data;
	const void *insns;
	__u32 data_sz;
	__u32 insns_sz;
	const char *errstr;
	/* signed loaders (Linux 6.18): checked by the kernel at load */
	void *signature;
	__u32 signature_sz;
	__s32 keyring_id;
	void *excl_prog_hash;
	__u32 excl_prog_hash_sz;
};

static inline int skel_sys_bpf(enum bpf_cmd cmd, union bpf_attr *attr,
			       unsigned int size)
{
	return (int)syscall(__NR_bpf, cmd, attr, size);
}

static inline void *skel_alloc(size_t size)
{
	return calloc(1, size);
}

static inline void skel_free(const void *p)
{
	free((void *)p);
}

/*
 * p: the mapping skel_finalize_map_data() returned (or NULL when it
 * failed, in which case the anonymous copy at addr is still there).
 */
static inline void skel_free_map_data(void *p, __u64 addr, size_t sz)
{
	if (p) {
		munmap(p, sz);
		return;
	}
	if (addr && addr != ~0ULL)
		munmap((void *)(long)addr, sz);
}

/* A private copy of a map's initial data, page-sized like the map. */
static inline void *skel_prep_map_data(const void *val, size_t mmap_sz,
				       size_t val_sz)
{
	void *addr;

	addr = mmap(NULL, mmap_sz, PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (addr == MAP_FAILED)
		return NULL;
	memcpy(addr, val, val_sz);
	return addr;
}

/*
 * After the load: the map itself replaces the copy, at the same address
 * (MAP_FIXED swaps the mappings in one step), so pointers into the data
 * the caller kept stay valid.
 */
static inline void *skel_finalize_map_data(__u64 *init_val, size_t mmap_sz,
					   int flags, int fd)
{
	void *addr;

	addr = mmap((void *)(long)*init_val, mmap_sz, flags,
		    MAP_SHARED | MAP_FIXED, fd, 0);
	if (addr == MAP_FAILED)
		return NULL;
	*init_val = ~0ULL;
	return addr;
}

static inline void skel_closenz(int fd)
{
	if (fd > 0)
		close(fd);
}

static inline int skel_map_create(enum bpf_map_type map_type,
				  const char *map_name,
				  __u32 key_size,
				  __u32 value_size,
				  __u32 max_entries,
				  const void *excl_prog_hash,
				  __u32 excl_prog_hash_sz)
{
	const size_t attr_sz = offsetofend(struct skel_map_create_attr,
					   excl_prog_hash_size);
	struct skel_map_create_attr attr;

	memset(&attr, 0, attr_sz);
	attr.map_type = map_type;
	attr.key_size = key_size;
	attr.value_size = value_size;
	attr.max_entries = max_entries;
	attr.excl_prog_hash = (unsigned long)excl_prog_hash;
	attr.excl_prog_hash_size = excl_prog_hash_sz;
	if (map_name)
		strncpy(attr.map_name, map_name, sizeof(attr.map_name) - 1);
	/* no excl_prog_hash: the size older kernels know (up to map_extra) */
	return skel_sys_bpf(BPF_MAP_CREATE, (union bpf_attr *)&attr,
			    excl_prog_hash ? attr_sz :
			    offsetofend(struct skel_map_create_attr, map_extra));
}

static inline int skel_map_update_elem(int fd, const void *key,
				       const void *value, __u64 flags)
{
	const size_t attr_sz = offsetofend(union bpf_attr, flags);
	union bpf_attr attr;

	memset(&attr, 0, attr_sz);
	attr.map_fd = fd;
	attr.key = (unsigned long)key;
	attr.value = (unsigned long)value;
	attr.flags = flags;
	return skel_sys_bpf(BPF_MAP_UPDATE_ELEM, &attr, attr_sz);
}

static inline int skel_map_delete_elem(int fd, const void *key)
{
	const size_t attr_sz = offsetofend(union bpf_attr, flags);
	union bpf_attr attr;

	memset(&attr, 0, attr_sz);
	attr.map_fd = fd;
	attr.key = (unsigned long)key;
	return skel_sys_bpf(BPF_MAP_DELETE_ELEM, &attr, attr_sz);
}

static inline int skel_map_get_fd_by_id(__u32 id)
{
	const size_t attr_sz = offsetofend(union bpf_attr, open_flags);
	union bpf_attr attr;

	memset(&attr, 0, attr_sz);
	attr.map_id = id;
	return skel_sys_bpf(BPF_MAP_GET_FD_BY_ID, &attr, attr_sz);
}

static inline int skel_map_freeze(int fd)
{
	const size_t attr_sz = offsetofend(union bpf_attr, map_fd);
	union bpf_attr attr;

	memset(&attr, 0, attr_sz);
	attr.map_fd = fd;
	return skel_sys_bpf(BPF_MAP_FREEZE, &attr, attr_sz);
}

static inline int skel_raw_tracepoint_open(const char *name, int prog_fd)
{
	const size_t attr_sz = offsetofend(union bpf_attr, raw_tracepoint.prog_fd);
	union bpf_attr attr;

	memset(&attr, 0, attr_sz);
	attr.raw_tracepoint.name = (unsigned long)name;
	attr.raw_tracepoint.prog_fd = prog_fd;
	return skel_sys_bpf(BPF_RAW_TRACEPOINT_OPEN, &attr, attr_sz);
}

static inline int skel_link_create(int prog_fd, int target_fd,
				   enum bpf_attach_type attach_type)
{
	const size_t attr_sz = offsetofend(union bpf_attr, link_create.iter_info_len);
	union bpf_attr attr;

	memset(&attr, 0, attr_sz);
	attr.link_create.prog_fd = prog_fd;
	attr.link_create.target_fd = target_fd;
	attr.link_create.attach_type = attach_type;
	return skel_sys_bpf(BPF_LINK_CREATE, &attr, attr_sz);
}

/*
 * Load the loader program and run it once over opts->ctx.  Returns what
 * the loader returned (0, or a negative errno of the step that failed:
 * everything it had created is closed again and the descriptors zeroed),
 * or a negative errno of its own; opts->errstr says which step failed.
 */
static inline int bpf_load_and_run(struct bpf_load_and_run_opts *opts)
{
	const size_t test_run_attr_sz = offsetofend(union bpf_attr, test);
	size_t prog_load_attr_sz;
	int map_fd = -1, prog_fd = -1, key = 0, err;
	struct skel_prog_load_attr load;
	union bpf_attr attr;

	if (!opts || !opts->ctx || !opts->data || !opts->insns ||
	    !opts->data_sz || !opts->insns_sz) {
		if (opts)
			opts->errstr = "invalid light skeleton options";
		return -EINVAL;
	}
	map_fd = skel_map_create(BPF_MAP_TYPE_ARRAY, "__loader.map", 4,
				 opts->data_sz, 1, opts->excl_prog_hash,
				 opts->excl_prog_hash_sz);
	if (map_fd < 0) {
		err = -errno;
		opts->errstr = "failed to create loader map";
		goto out;
	}
	if (skel_map_update_elem(map_fd, &key, opts->data, 0) < 0) {
		err = -errno;
		opts->errstr = "failed to update loader map";
		goto out;
	}
	if (opts->signature && skel_map_freeze(map_fd) < 0) {
		err = -errno;
		opts->errstr = "failed to freeze loader map";
		goto out;
	}

	memset(&load, 0, sizeof(load));
	load.prog_type = BPF_PROG_TYPE_SYSCALL;
	load.insns = (unsigned long)opts->insns;
	load.insn_cnt = opts->insns_sz / sizeof(struct bpf_insn);
	load.license = (unsigned long)"Dual BSD/GPL";
	memcpy(load.prog_name, "__loader.prog", sizeof("__loader.prog"));
	load.fd_array = (unsigned long)&map_fd;
	load.log_level = opts->ctx->log_level;
	load.log_size = opts->ctx->log_size;
	load.log_buf = opts->ctx->log_buf;
	load.prog_flags = BPF_F_SLEEPABLE;
	/* the size older kernels know, unless the loader is signed */
	prog_load_attr_sz = offsetofend(struct skel_prog_load_attr, fd_array);
	if (opts->signature) {
		load.signature = (unsigned long)opts->signature;
		load.signature_size = opts->signature_sz;
		load.keyring_id = opts->keyring_id;
		load.fd_array_cnt = 1;
		prog_load_attr_sz = sizeof(load);
	}
	prog_fd = skel_sys_bpf(BPF_PROG_LOAD, (union bpf_attr *)&load,
			       prog_load_attr_sz);
	if (prog_fd < 0) {
		err = -errno;
		opts->errstr = "failed to load loader prog";
		goto out;
	}

	memset(&attr, 0, test_run_attr_sz);
	attr.test.prog_fd = prog_fd;
	attr.test.ctx_in = (unsigned long)opts->ctx;
	attr.test.ctx_size_in = opts->ctx->sz;
	err = skel_sys_bpf(BPF_PROG_TEST_RUN, &attr, test_run_attr_sz);
	if (err < 0) {
		err = -errno;
		opts->errstr = "failed to execute loader prog";
		goto out;
	}
	err = (int)attr.test.retval;
	if (err < 0)
		opts->errstr = "loader prog failed (see the verifier log for program loads)";
out:
	if (map_fd >= 0)
		close(map_fd);
	if (prog_fd >= 0)
		close(prog_fd);
	if (err < 0)
		errno = -err;
	return err;
}

#endif /* __SKEL_INTERNAL_H */
