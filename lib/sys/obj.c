// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Objects as a whole: bpffs pins, ids, fds by id, info queries. */
#include <errno.h>
#include <string.h>

#include <bpf/bpf.h>

#include "sys.h"
#include "attr.h"
#include "util/err.h"
#include "util/log.h"
#include "util/opts.h"

LIBBPF_API int bpf_obj_pin_opts(int fd, const char *pathname,
				const struct bpf_obj_pin_opts *opts)
{
	struct sys_attr_obj attr;

	if (!OPTS_OK(opts, bpf_obj_pin_opts))
		return util_err(-EINVAL);
	memset(&attr, 0, sizeof(attr));
	attr.path_fd = OPTS_GET(opts, path_fd, 0);
	attr.pathname = sys_ptr(pathname);
	attr.file_flags = OPTS_GET(opts, file_flags, 0);
	attr.bpf_fd = fd;
	return util_err(SYS_BPF(BPF_OBJ_PIN, &attr));
}

LIBBPF_API int bpf_obj_pin(int fd, const char *pathname)
{
	return bpf_obj_pin_opts(fd, pathname, NULL);
}

LIBBPF_API int bpf_obj_get_opts(const char *pathname,
				const struct bpf_obj_get_opts *opts)
{
	struct sys_attr_obj attr;

	if (!OPTS_OK(opts, bpf_obj_get_opts))
		return util_err(-EINVAL);
	memset(&attr, 0, sizeof(attr));
	attr.path_fd = OPTS_GET(opts, path_fd, 0);
	attr.pathname = sys_ptr(pathname);
	attr.file_flags = OPTS_GET(opts, file_flags, 0);
	return util_err(SYS_BPF_FD(BPF_OBJ_GET, &attr));
}

LIBBPF_API int bpf_obj_get(const char *pathname)
{
	return bpf_obj_get_opts(pathname, NULL);
}

static int get_next_id(enum bpf_cmd cmd, __u32 start_id, __u32 *next)
{
	struct sys_attr_id attr;
	int err;

	if (!next)
		return util_err(-EINVAL);
	memset(&attr, 0, sizeof(attr));
	attr.id = start_id;
	err = SYS_BPF(cmd, &attr);
	if (!err)
		*next = attr.next_id;
	return util_err(err);
}

LIBBPF_API int bpf_prog_get_next_id(__u32 start_id, __u32 *next_id)
{
	return get_next_id(BPF_PROG_GET_NEXT_ID, start_id, next_id);
}

LIBBPF_API int bpf_map_get_next_id(__u32 start_id, __u32 *next_id)
{
	return get_next_id(BPF_MAP_GET_NEXT_ID, start_id, next_id);
}

LIBBPF_API int bpf_btf_get_next_id(__u32 start_id, __u32 *next_id)
{
	return get_next_id(BPF_BTF_GET_NEXT_ID, start_id, next_id);
}

LIBBPF_API int bpf_link_get_next_id(__u32 start_id, __u32 *next_id)
{
	return get_next_id(BPF_LINK_GET_NEXT_ID, start_id, next_id);
}

static int fd_by_id(enum bpf_cmd cmd, __u32 id,
		    const struct bpf_get_fd_by_id_opts *opts)
{
	struct sys_attr_id attr;

	if (!OPTS_OK(opts, bpf_get_fd_by_id_opts))
		return util_err(-EINVAL);
	memset(&attr, 0, sizeof(attr));
	attr.id = id;
	attr.open_flags = OPTS_GET(opts, open_flags, 0);
	attr.token_fd = OPTS_GET(opts, token_fd, 0);
	return util_err(SYS_BPF_FD(cmd, &attr));
}

LIBBPF_API int bpf_prog_get_fd_by_id_opts(__u32 id,
				const struct bpf_get_fd_by_id_opts *opts)
{
	return fd_by_id(BPF_PROG_GET_FD_BY_ID, id, opts);
}

LIBBPF_API int bpf_prog_get_fd_by_id(__u32 id)
{
	return fd_by_id(BPF_PROG_GET_FD_BY_ID, id, NULL);
}

LIBBPF_API int bpf_map_get_fd_by_id_opts(__u32 id,
				const struct bpf_get_fd_by_id_opts *opts)
{
	return fd_by_id(BPF_MAP_GET_FD_BY_ID, id, opts);
}

LIBBPF_API int bpf_map_get_fd_by_id(__u32 id)
{
	return fd_by_id(BPF_MAP_GET_FD_BY_ID, id, NULL);
}

LIBBPF_API int bpf_btf_get_fd_by_id_opts(__u32 id,
				const struct bpf_get_fd_by_id_opts *opts)
{
	return fd_by_id(BPF_BTF_GET_FD_BY_ID, id, opts);
}

LIBBPF_API int bpf_btf_get_fd_by_id(__u32 id)
{
	return fd_by_id(BPF_BTF_GET_FD_BY_ID, id, NULL);
}

LIBBPF_API int bpf_link_get_fd_by_id_opts(__u32 id,
				const struct bpf_get_fd_by_id_opts *opts)
{
	return fd_by_id(BPF_LINK_GET_FD_BY_ID, id, opts);
}

LIBBPF_API int bpf_link_get_fd_by_id(__u32 id)
{
	return fd_by_id(BPF_LINK_GET_FD_BY_ID, id, NULL);
}

LIBBPF_API int bpf_obj_get_info_by_fd(int bpf_fd, void *info, __u32 *info_len)
{
	struct sys_attr_info attr;
	int err;

	if (!info_len) {
		pr_warn("fd %d: info query without info_len\n", bpf_fd);
		return util_err(-EINVAL);
	}
	memset(&attr, 0, sizeof(attr));
	attr.bpf_fd = bpf_fd;
	attr.info_len = *info_len;
	attr.info = sys_ptr(info);
	err = SYS_BPF(BPF_OBJ_GET_INFO_BY_FD, &attr);
	if (!err)
		*info_len = attr.info_len;
	return util_err(err);
}

LIBBPF_API int bpf_prog_get_info_by_fd(int prog_fd, struct bpf_prog_info *info,
				       __u32 *info_len)
{
	return bpf_obj_get_info_by_fd(prog_fd, info, info_len);
}

LIBBPF_API int bpf_map_get_info_by_fd(int map_fd, struct bpf_map_info *info,
				      __u32 *info_len)
{
	return bpf_obj_get_info_by_fd(map_fd, info, info_len);
}

LIBBPF_API int bpf_btf_get_info_by_fd(int btf_fd, struct bpf_btf_info *info,
				      __u32 *info_len)
{
	return bpf_obj_get_info_by_fd(btf_fd, info, info_len);
}

LIBBPF_API int bpf_link_get_info_by_fd(int link_fd, struct bpf_link_info *info,
				       __u32 *info_len)
{
	return bpf_obj_get_info_by_fd(link_fd, info, info_len);
}
