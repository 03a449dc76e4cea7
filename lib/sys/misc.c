// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Commands about the system rather than one object: stats, tokens, task fds. */
#include <errno.h>
#include <string.h>

#include <bpf/bpf.h>

#include "sys.h"
#include "attr.h"
#include "util/err.h"
#include "util/log.h"
#include "util/opts.h"

LIBBPF_API int bpf_enable_stats(enum bpf_stats_type type)
{
	struct sys_attr_fd_flags attr;

	memset(&attr, 0, sizeof(attr));
	attr.fd = type;
	return util_err(SYS_BPF_FD(BPF_ENABLE_STATS, &attr));
}

LIBBPF_API int bpf_token_create(int bpffs_fd, struct bpf_token_create_opts *opts)
{
	struct sys_attr_token_create attr;

	if (!OPTS_OK(opts, bpf_token_create_opts))
		return util_err(-EINVAL);
	memset(&attr, 0, sizeof(attr));
	attr.bpffs_fd = bpffs_fd;
	attr.flags = OPTS_GET(opts, flags, 0);
	return util_err(SYS_BPF_FD(SYS_CMD_TOKEN_CREATE, &attr));
}

LIBBPF_API int bpf_task_fd_query(int pid, int fd, __u32 flags, char *buf,
				 __u32 *buf_len, __u32 *prog_id, __u32 *fd_type,
				 __u64 *probe_offset, __u64 *probe_addr)
{
	struct sys_attr_task_fd_query attr;
	int err;

	if (!buf_len) {
		pr_warn("task fd query: pid %d fd %d without buf_len\n", pid, fd);
		return util_err(-EINVAL);
	}
	memset(&attr, 0, sizeof(attr));
	attr.pid = pid;
	attr.fd = fd;
	attr.flags = flags;
	attr.buf = sys_ptr(buf);
	attr.buf_len = *buf_len;

	err = SYS_BPF(BPF_TASK_FD_QUERY, &attr);
	/* buf_len is reported also on ENOSPC: the size the name needs. */
	*buf_len = attr.buf_len;
	if (prog_id)
		*prog_id = attr.prog_id;
	if (fd_type)
		*fd_type = attr.fd_type;
	if (probe_offset)
		*probe_offset = attr.probe_offset;
	if (probe_addr)
		*probe_addr = attr.probe_addr;
	return util_err(err);
}
