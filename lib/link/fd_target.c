// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Attach kinds that are one BPF_LINK_CREATE against a target fd or index:
 * cgroup, netns, xdp, tcx, netkit, sockmap, netfilter and iterators.
 */
#include <errno.h>
#include <stdio.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "link.h"
#include "util/err.h"
#include "util/log.h"
#include "util/opts.h"

static struct bpf_link *attach_target(const struct bpf_program *prog,
				      int target, enum bpf_attach_type type,
				      const char *target_desc,
				      const struct bpf_link_create_opts *lopts)
{
	const char *name = link_prog_name(prog);
	int prog_fd, fd, err;

	prog_fd = link_prog_fd(prog);
	if (prog_fd < 0)
		return util_err_ptr(prog_fd);
	fd = bpf_link_create(prog_fd, target, type, lopts);
	if (fd < 0) {
		err = -errno;
		pr_warn("prog '%s': attaching to %s failed: %s\n", name,
			target_desc, util_errstr(err));
		return util_err_ptr(err);
	}
	return link_from_fd(fd);
}

static bool check_type(const struct bpf_program *prog, enum bpf_prog_type want,
		       const char *kind)
{
	if (!prog || bpf_program__type(prog) == want)
		return true;
	pr_warn("prog '%s': program type %s cannot be attached as %s\n",
		link_prog_name(prog),
		libbpf_bpf_prog_type_str(bpf_program__type(prog)) ?: "unknown",
		kind);
	errno = EINVAL;
	return false;
}

LIBBPF_API struct bpf_link *
bpf_program__attach_cgroup_opts(const struct bpf_program *prog, int cgroup_fd,
				const struct bpf_cgroup_opts *opts)
{
	LIBBPF_OPTS(bpf_link_create_opts, lopts);
	char desc[48];

	if (!OPTS_OK(opts, bpf_cgroup_opts))
		return util_err_ptr(-EINVAL);
	lopts.flags = OPTS_GET(opts, flags, 0);
	lopts.cgroup.relative_fd = OPTS_GET(opts, relative_fd, 0);
	lopts.cgroup.relative_id = OPTS_GET(opts, relative_id, 0);
	lopts.cgroup.expected_revision = OPTS_GET(opts, expected_revision, 0);
	snprintf(desc, sizeof(desc), "cgroup fd %d", cgroup_fd);
	return attach_target(prog, cgroup_fd,
			     prog ? bpf_program__expected_attach_type(prog) : 0,
			     desc, &lopts);
}

LIBBPF_API struct bpf_link *
bpf_program__attach_cgroup(const struct bpf_program *prog, int cgroup_fd)
{
	return bpf_program__attach_cgroup_opts(prog, cgroup_fd, NULL);
}

LIBBPF_API struct bpf_link *
bpf_program__attach_netns(const struct bpf_program *prog, int netns_fd)
{
	char desc[48];

	snprintf(desc, sizeof(desc), "netns fd %d", netns_fd);
	return attach_target(prog, netns_fd,
			     prog ? bpf_program__expected_attach_type(prog) : 0,
			     desc, NULL);
}

LIBBPF_API struct bpf_link *
bpf_program__attach_sockmap(const struct bpf_program *prog, int map_fd)
{
	char desc[48];

	snprintf(desc, sizeof(desc), "sockmap fd %d", map_fd);
	return attach_target(prog, map_fd,
			     prog ? bpf_program__expected_attach_type(prog) : 0,
			     desc, NULL);
}

LIBBPF_API struct bpf_link *
bpf_program__attach_xdp(const struct bpf_program *prog, int ifindex)
{
	char desc[48];

	if (!check_type(prog, BPF_PROG_TYPE_XDP, "xdp"))
		return NULL;
	snprintf(desc, sizeof(desc), "xdp of ifindex %d", ifindex);
	return attach_target(prog, ifindex, BPF_XDP, desc, NULL);
}

/* tcx and netkit share their option layout. */
#define MULTI_PROG_LOPTS(lopts, field, opts)				\
	do {								\
		(lopts).flags = OPTS_GET(opts, flags, 0);		\
		(lopts).field.relative_fd = OPTS_GET(opts, relative_fd, 0); \
		(lopts).field.relative_id = OPTS_GET(opts, relative_id, 0); \
		(lopts).field.expected_revision =			\
			OPTS_GET(opts, expected_revision, 0);		\
	} while (0)

LIBBPF_API struct bpf_link *
bpf_program__attach_tcx(const struct bpf_program *prog, int ifindex,
			const struct bpf_tcx_opts *opts)
{
	LIBBPF_OPTS(bpf_link_create_opts, lopts);
	char desc[48];

	if (!OPTS_OK(opts, bpf_tcx_opts))
		return util_err_ptr(-EINVAL);
	if (!ifindex) {
		pr_warn("prog '%s': tcx attach needs an ifindex\n",
			link_prog_name(prog));
		return util_err_ptr(-EINVAL);
	}
	if (!check_type(prog, BPF_PROG_TYPE_SCHED_CLS, "tcx"))
		return NULL;
	MULTI_PROG_LOPTS(lopts, tcx, opts);
	snprintf(desc, sizeof(desc), "tcx of ifindex %d", ifindex);
	return attach_target(prog, ifindex,
			     prog ? bpf_program__expected_attach_type(prog) : 0,
			     desc, &lopts);
}

LIBBPF_API struct bpf_link *
bpf_program__attach_netkit(const struct bpf_program *prog, int ifindex,
			   const struct bpf_netkit_opts *opts)
{
	LIBBPF_OPTS(bpf_link_create_opts, lopts);
	char desc[48];

	if (!OPTS_OK(opts, bpf_netkit_opts))
		return util_err_ptr(-EINVAL);
	if (!ifindex) {
		pr_warn("prog '%s': netkit attach needs an ifindex\n",
			link_prog_name(prog));
		return util_err_ptr(-EINVAL);
	}
	MULTI_PROG_LOPTS(lopts, netkit, opts);
	snprintf(desc, sizeof(desc), "netkit of ifindex %d", ifindex);
	return attach_target(prog, ifindex,
			     prog ? bpf_program__expected_attach_type(prog) : 0,
			     desc, &lopts);
}

LIBBPF_API struct bpf_link *
bpf_program__attach_netfilter(const struct bpf_program *prog,
			      const struct bpf_netfilter_opts *opts)
{
	LIBBPF_OPTS(bpf_link_create_opts, lopts);

	if (!OPTS_OK(opts, bpf_netfilter_opts))
		return util_err_ptr(-EINVAL);
	lopts.netfilter.pf = OPTS_GET(opts, pf, 0);
	lopts.netfilter.hooknum = OPTS_GET(opts, hooknum, 0);
	lopts.netfilter.priority = OPTS_GET(opts, priority, 0);
	lopts.netfilter.flags = OPTS_GET(opts, flags, 0);
	return attach_target(prog, 0, BPF_NETFILTER, "netfilter hook", &lopts);
}

LIBBPF_API struct bpf_link *
bpf_program__attach_iter(const struct bpf_program *prog,
			 const struct bpf_iter_attach_opts *opts)
{
	LIBBPF_OPTS(bpf_link_create_opts, lopts);

	if (!OPTS_OK(opts, bpf_iter_attach_opts))
		return util_err_ptr(-EINVAL);
	lopts.iter_info = OPTS_GET(opts, link_info, NULL);
	lopts.iter_info_len = OPTS_GET(opts, link_info_len, 0);
	return attach_target(prog, 0, BPF_TRACE_ITER, "iterator", &lopts);
}
