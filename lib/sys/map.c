// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Map commands: create, element access, batches, freeze. */
#include <errno.h>
#include <string.h>

#include <bpf/bpf.h>

#include "sys.h"
#include "attr.h"
#include "util/err.h"
#include "util/log.h"
#include "util/opts.h"

/* Copies name into a kernel object name field, cut to fit with its NUL. */
void sys_copy_obj_name(char *dst, const char *name)
{
	size_t len;

	if (!name)
		return;
	len = strnlen(name, SYS_OBJ_NAME_LEN - 1);
	memcpy(dst, name, len);
	dst[len] = '\0';
}

LIBBPF_API int bpf_map_create(enum bpf_map_type map_type, const char *map_name,
			      __u32 key_size, __u32 value_size,
			      __u32 max_entries,
			      const struct bpf_map_create_opts *opts)
{
	struct sys_attr_map_create attr;
	struct bpf_log_opts *log_opts;
	int fd;

	if (!OPTS_OK(opts, bpf_map_create_opts))
		return util_err(-EINVAL);
	log_opts = OPTS_GET(opts, log_opts, NULL);
	if (log_opts && !OPTS_OK(log_opts, bpf_log_opts))
		return util_err(-EINVAL);

	memset(&attr, 0, sizeof(attr));
	attr.map_type = map_type;
	attr.key_size = key_size;
	attr.value_size = value_size;
	attr.max_entries = max_entries;
	sys_copy_obj_name(attr.map_name, map_name);
	attr.btf_fd = OPTS_GET(opts, btf_fd, 0);
	attr.btf_key_type_id = OPTS_GET(opts, btf_key_type_id, 0);
	attr.btf_value_type_id = OPTS_GET(opts, btf_value_type_id, 0);
	attr.btf_vmlinux_value_type_id = OPTS_GET(opts, btf_vmlinux_value_type_id, 0);
	attr.value_type_btf_obj_fd = OPTS_GET(opts, value_type_btf_obj_fd, 0);
	attr.inner_map_fd = OPTS_GET(opts, inner_map_fd, 0);
	attr.map_flags = OPTS_GET(opts, map_flags, 0);
	attr.map_extra = OPTS_GET(opts, map_extra, 0);
	attr.numa_node = OPTS_GET(opts, numa_node, 0);
	attr.map_ifindex = OPTS_GET(opts, map_ifindex, 0);
	attr.map_token_fd = OPTS_GET(opts, token_fd, 0);
	attr.excl_prog_hash = sys_ptr(OPTS_GET(opts, excl_prog_hash, NULL));
	attr.excl_prog_hash_size = OPTS_GET(opts, excl_prog_hash_size, 0);

	fd = SYS_BPF_FD(BPF_MAP_CREATE, &attr);
	/*
	 * Map creation logs need the syscall's common attributes, which this
	 * library does not send yet: report an empty log.
	 */
	if (log_opts)
		OPTS_SET(log_opts, true_size, 0);
	return util_err(fd);
}

static int map_elem_cmd(enum bpf_cmd cmd, int fd, const void *key,
			const void *value, __u64 flags)
{
	struct sys_attr_map_elem attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_fd = fd;
	attr.key = sys_ptr(key);
	attr.value = sys_ptr(value);
	attr.flags = flags;
	return util_err(SYS_BPF(cmd, &attr));
}

LIBBPF_API int bpf_map_update_elem(int fd, const void *key, const void *value,
				   __u64 flags)
{
	return map_elem_cmd(BPF_MAP_UPDATE_ELEM, fd, key, value, flags);
}

LIBBPF_API int bpf_map_lookup_elem(int fd, const void *key, void *value)
{
	return map_elem_cmd(BPF_MAP_LOOKUP_ELEM, fd, key, value, 0);
}

LIBBPF_API int bpf_map_lookup_elem_flags(int fd, const void *key, void *value,
					 __u64 flags)
{
	return map_elem_cmd(BPF_MAP_LOOKUP_ELEM, fd, key, value, flags);
}

LIBBPF_API int bpf_map_lookup_and_delete_elem(int fd, const void *key,
					      void *value)
{
	return map_elem_cmd(BPF_MAP_LOOKUP_AND_DELETE_ELEM, fd, key, value, 0);
}

LIBBPF_API int bpf_map_lookup_and_delete_elem_flags(int fd, const void *key,
						    void *value, __u64 flags)
{
	return map_elem_cmd(BPF_MAP_LOOKUP_AND_DELETE_ELEM, fd, key, value,
			    flags);
}

LIBBPF_API int bpf_map_delete_elem(int fd, const void *key)
{
	return map_elem_cmd(BPF_MAP_DELETE_ELEM, fd, key, NULL, 0);
}

LIBBPF_API int bpf_map_delete_elem_flags(int fd, const void *key, __u64 flags)
{
	return map_elem_cmd(BPF_MAP_DELETE_ELEM, fd, key, NULL, flags);
}

LIBBPF_API int bpf_map_get_next_key(int fd, const void *key, void *next_key)
{
	return map_elem_cmd(BPF_MAP_GET_NEXT_KEY, fd, key, next_key, 0);
}

LIBBPF_API int bpf_map_freeze(int fd)
{
	return map_elem_cmd(BPF_MAP_FREEZE, fd, NULL, NULL, 0);
}

static int map_batch_cmd(enum bpf_cmd cmd, int fd, void *in_batch,
			 void *out_batch, const void *keys, const void *values,
			 __u32 *count, const struct bpf_map_batch_opts *opts)
{
	struct sys_attr_map_batch attr;
	int ret;

	if (!OPTS_OK(opts, bpf_map_batch_opts))
		return util_err(-EINVAL);
	if (!count) {
		pr_warn("map fd %d: batch operation without a count\n", fd);
		return util_err(-EINVAL);
	}

	memset(&attr, 0, sizeof(attr));
	attr.map_fd = fd;
	attr.in_batch = sys_ptr(in_batch);
	attr.out_batch = sys_ptr(out_batch);
	attr.keys = sys_ptr(keys);
	attr.values = sys_ptr(values);
	attr.count = *count;
	attr.elem_flags = OPTS_GET(opts, elem_flags, 0);
	attr.flags = OPTS_GET(opts, flags, 0);

	ret = SYS_BPF(cmd, &attr);
	/* The kernel reports progress also when it stops with an error. */
	*count = attr.count;
	return util_err(ret);
}

LIBBPF_API int bpf_map_delete_batch(int fd, const void *keys, __u32 *count,
				    const struct bpf_map_batch_opts *opts)
{
	return map_batch_cmd(BPF_MAP_DELETE_BATCH, fd, NULL, NULL, keys, NULL,
			     count, opts);
}

LIBBPF_API int bpf_map_lookup_batch(int fd, void *in_batch, void *out_batch,
				    void *keys, void *values, __u32 *count,
				    const struct bpf_map_batch_opts *opts)
{
	return map_batch_cmd(BPF_MAP_LOOKUP_BATCH, fd, in_batch, out_batch,
			     keys, values, count, opts);
}

LIBBPF_API int bpf_map_lookup_and_delete_batch(int fd, void *in_batch,
					void *out_batch, void *keys,
					void *values, __u32 *count,
					const struct bpf_map_batch_opts *opts)
{
	return map_batch_cmd(BPF_MAP_LOOKUP_AND_DELETE_BATCH, fd, in_batch,
			     out_batch, keys, values, count, opts);
}

LIBBPF_API int bpf_map_update_batch(int fd, const void *keys, const void *values,
				    __u32 *count,
				    const struct bpf_map_batch_opts *opts)
{
	return map_batch_cmd(BPF_MAP_UPDATE_BATCH, fd, NULL, NULL, keys, values,
			     count, opts);
}
