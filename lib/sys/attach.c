// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* fd/ifindex attachment without links: PROG_ATTACH, PROG_DETACH, PROG_QUERY. */
#include <errno.h>
#include <string.h>

#include <bpf/bpf.h>

#include "sys.h"
#include "attr.h"
#include "uapi_compat.h"
#include "util/err.h"
#include "util/log.h"
#include "util/opts.h"

/* The neighbour of an ordered attachment is named by fd or (BPF_F_ID) id. */
static int set_relative(struct sys_attr_prog_attach *attr, __u32 flags,
			int rel_fd, __u32 rel_id)
{
	if (rel_fd && rel_id) {
		pr_warn("attach: relative_fd and relative_id are exclusive\n");
		return -EINVAL;
	}
	attr->attach_flags = flags;
	if (rel_id) {
		attr->relative = rel_id;
		attr->attach_flags |= BPF_F_ID;
	} else {
		attr->relative = rel_fd;
	}
	return 0;
}

LIBBPF_API int bpf_prog_attach_opts(int prog_fd, int target,
				    enum bpf_attach_type type,
				    const struct bpf_prog_attach_opts *opts)
{
	struct sys_attr_prog_attach attr;
	int err;

	if (!OPTS_OK(opts, bpf_prog_attach_opts))
		return util_err(-EINVAL);

	memset(&attr, 0, sizeof(attr));
	err = set_relative(&attr, OPTS_GET(opts, flags, 0),
			   OPTS_GET(opts, relative_fd, 0),
			   OPTS_GET(opts, relative_id, 0));
	if (err)
		return util_err(err);
	attr.target = target;
	attr.attach_bpf_fd = prog_fd;
	attr.attach_type = type;
	attr.replace_bpf_fd = OPTS_GET(opts, replace_fd, 0);
	attr.expected_revision = OPTS_GET(opts, expected_revision, 0);
	return util_err(SYS_BPF(BPF_PROG_ATTACH, &attr));
}

LIBBPF_API int bpf_prog_attach(int prog_fd, int attachable_fd,
			       enum bpf_attach_type type, unsigned int flags)
{
	LIBBPF_OPTS(bpf_prog_attach_opts, opts, .flags = flags);

	return bpf_prog_attach_opts(prog_fd, attachable_fd, type, &opts);
}

LIBBPF_API int bpf_prog_detach_opts(int prog_fd, int target,
				    enum bpf_attach_type type,
				    const struct bpf_prog_detach_opts *opts)
{
	struct sys_attr_prog_attach attr;
	int err;

	if (!OPTS_OK(opts, bpf_prog_detach_opts))
		return util_err(-EINVAL);

	memset(&attr, 0, sizeof(attr));
	err = set_relative(&attr, OPTS_GET(opts, flags, 0),
			   OPTS_GET(opts, relative_fd, 0),
			   OPTS_GET(opts, relative_id, 0));
	if (err)
		return util_err(err);
	attr.target = target;
	attr.attach_bpf_fd = prog_fd;
	attr.attach_type = type;
	attr.expected_revision = OPTS_GET(opts, expected_revision, 0);
	return util_err(SYS_BPF(BPF_PROG_DETACH, &attr));
}

LIBBPF_API int bpf_prog_detach(int attachable_fd, enum bpf_attach_type type)
{
	return bpf_prog_detach_opts(0, attachable_fd, type, NULL);
}

LIBBPF_API int bpf_prog_detach2(int prog_fd, int attachable_fd,
				enum bpf_attach_type type)
{
	return bpf_prog_detach_opts(prog_fd, attachable_fd, type, NULL);
}

LIBBPF_API int bpf_prog_query_opts(int target, enum bpf_attach_type type,
				   struct bpf_prog_query_opts *opts)
{
	struct sys_attr_query attr;
	int err;

	if (!OPTS_OK(opts, bpf_prog_query_opts))
		return util_err(-EINVAL);

	memset(&attr, 0, sizeof(attr));
	attr.target = target;
	attr.attach_type = type;
	attr.query_flags = OPTS_GET(opts, query_flags, 0);
	attr.count = OPTS_GET(opts, count, 0);
	attr.prog_ids = sys_ptr(OPTS_GET(opts, prog_ids, NULL));
	attr.prog_attach_flags = sys_ptr(OPTS_GET(opts, prog_attach_flags, NULL));
	attr.link_ids = sys_ptr(OPTS_GET(opts, link_ids, NULL));
	attr.link_attach_flags = sys_ptr(OPTS_GET(opts, link_attach_flags, NULL));

	err = SYS_BPF(BPF_PROG_QUERY, &attr);
	/* The count is reported also on ENOSPC (arrays too small). */
	OPTS_SET(opts, attach_flags, attr.attach_flags);
	OPTS_SET(opts, revision, attr.revision);
	OPTS_SET(opts, count, attr.count);
	return util_err(err);
}

LIBBPF_API int bpf_prog_query(int target_fd, enum bpf_attach_type type,
			      __u32 query_flags, __u32 *attach_flags,
			      __u32 *prog_ids, __u32 *prog_cnt)
{
	LIBBPF_OPTS(bpf_prog_query_opts, opts);
	int ret;

	opts.query_flags = query_flags;
	opts.prog_ids = prog_ids;
	opts.prog_cnt = prog_cnt ? *prog_cnt : 0;

	ret = bpf_prog_query_opts(target_fd, type, &opts);
	if (attach_flags)
		*attach_flags = opts.attach_flags;
	if (prog_cnt)
		*prog_cnt = opts.prog_cnt;
	return util_err(ret);
}
