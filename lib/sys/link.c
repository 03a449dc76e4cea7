// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Links: create, update, detach, iterators and raw tracepoints. */
#include <errno.h>
#include <string.h>

#include <bpf/bpf.h>

#include "sys.h"
#include "attr.h"
#include "uapi_compat.h"
#include "util/err.h"
#include "util/log.h"
#include "util/opts.h"

#define LINK_OPTS_END(field) \
	(offsetof(struct bpf_link_create_opts, field) + \
	 sizeof(((struct bpf_link_create_opts *)0)->field))

/* Nothing past the union member the attach type uses may be set. */
static bool only_up_to(const struct bpf_link_create_opts *opts, size_t end)
{
	if (sys_opts_zero_from(opts, end))
		return true;
	pr_warn("link: options set that this attach type does not use\n");
	return false;
}

/* tcx, netkit and cgroup links name a neighbour by fd or by id. */
static int fill_ordered(struct sys_attr_link_create *attr, __u32 rel_fd,
			__u32 rel_id, __u64 revision)
{
	if (rel_fd && rel_id) {
		pr_warn("link: relative_fd and relative_id are exclusive\n");
		return -EINVAL;
	}
	if (rel_id) {
		attr->ordered.relative = rel_id;
		attr->flags |= BPF_F_ID;
	} else {
		attr->ordered.relative = rel_fd;
	}
	attr->ordered.expected_revision = revision;
	return 0;
}

static int fill_link_union(struct sys_attr_link_create *attr,
			   enum bpf_attach_type type,
			   const struct bpf_link_create_opts *opts)
{
	switch ((int)type) {
	case BPF_TRACE_ITER:
		attr->iter.info = sys_ptr(OPTS_GET(opts, iter_info, NULL));
		attr->iter.info_len = OPTS_GET(opts, iter_info_len, 0);
		return only_up_to(opts, LINK_OPTS_END(iter_info_len)) ? 0 : -EINVAL;
	case BPF_PERF_EVENT:
		attr->perf_event.bpf_cookie = OPTS_GET(opts, perf_event.bpf_cookie, 0);
		return only_up_to(opts, LINK_OPTS_END(perf_event)) ? 0 : -EINVAL;
	case BPF_TRACE_KPROBE_MULTI:
	case BPF_TRACE_KPROBE_SESSION:
		attr->kprobe_multi.flags = OPTS_GET(opts, kprobe_multi.flags, 0);
		attr->kprobe_multi.cnt = OPTS_GET(opts, kprobe_multi.cnt, 0);
		attr->kprobe_multi.syms = sys_ptr(OPTS_GET(opts, kprobe_multi.syms, NULL));
		attr->kprobe_multi.addrs = sys_ptr(OPTS_GET(opts, kprobe_multi.addrs, NULL));
		attr->kprobe_multi.cookies = sys_ptr(OPTS_GET(opts, kprobe_multi.cookies, NULL));
		return only_up_to(opts, LINK_OPTS_END(kprobe_multi)) ? 0 : -EINVAL;
	case BPF_TRACE_UPROBE_MULTI:
	case BPF_TRACE_UPROBE_SESSION:
		attr->uprobe_multi.flags = OPTS_GET(opts, uprobe_multi.flags, 0);
		attr->uprobe_multi.cnt = OPTS_GET(opts, uprobe_multi.cnt, 0);
		attr->uprobe_multi.path = sys_ptr(OPTS_GET(opts, uprobe_multi.path, NULL));
		attr->uprobe_multi.offsets = sys_ptr(OPTS_GET(opts, uprobe_multi.offsets, NULL));
		attr->uprobe_multi.ref_ctr_offsets =
			sys_ptr(OPTS_GET(opts, uprobe_multi.ref_ctr_offsets, NULL));
		attr->uprobe_multi.cookies = sys_ptr(OPTS_GET(opts, uprobe_multi.cookies, NULL));
		attr->uprobe_multi.pid = OPTS_GET(opts, uprobe_multi.pid, 0);
		if (OPTS_GET(opts, uprobe_multi.path_fd, 0)) {
			/* Linux 6.18 resolves the path from the cwd only. */
			pr_warn("link: uprobe_multi.path_fd is not supported\n");
			return -EOPNOTSUPP;
		}
		return only_up_to(opts, LINK_OPTS_END(uprobe_multi)) ? 0 : -EINVAL;
	case BPF_TRACE_RAW_TP:
	case BPF_TRACE_FENTRY:
	case BPF_TRACE_FEXIT:
	case BPF_MODIFY_RETURN:
	case BPF_LSM_MAC:
		attr->tracing.cookie = OPTS_GET(opts, tracing.cookie, 0);
		return only_up_to(opts, LINK_OPTS_END(tracing)) ? 0 : -EINVAL;
	case BPF_NETFILTER:
		attr->netfilter.pf = OPTS_GET(opts, netfilter.pf, 0);
		attr->netfilter.hooknum = OPTS_GET(opts, netfilter.hooknum, 0);
		attr->netfilter.priority = OPTS_GET(opts, netfilter.priority, 0);
		attr->netfilter.flags = OPTS_GET(opts, netfilter.flags, 0);
		return only_up_to(opts, LINK_OPTS_END(netfilter)) ? 0 : -EINVAL;
	case BPF_TCX_INGRESS:
	case BPF_TCX_EGRESS:
		if (!only_up_to(opts, LINK_OPTS_END(tcx)))
			return -EINVAL;
		return fill_ordered(attr, OPTS_GET(opts, tcx.relative_fd, 0),
				    OPTS_GET(opts, tcx.relative_id, 0),
				    OPTS_GET(opts, tcx.expected_revision, 0));
	case BPF_NETKIT_PRIMARY:
	case BPF_NETKIT_PEER:
		if (!only_up_to(opts, LINK_OPTS_END(netkit)))
			return -EINVAL;
		return fill_ordered(attr, OPTS_GET(opts, netkit.relative_fd, 0),
				    OPTS_GET(opts, netkit.relative_id, 0),
				    OPTS_GET(opts, netkit.expected_revision, 0));
	case BPF_CGROUP_INET_INGRESS:
	case BPF_CGROUP_INET_EGRESS:
	case BPF_CGROUP_INET_SOCK_CREATE:
	case BPF_CGROUP_INET_SOCK_RELEASE:
	case BPF_CGROUP_INET4_BIND:
	case BPF_CGROUP_INET6_BIND:
	case BPF_CGROUP_INET4_POST_BIND:
	case BPF_CGROUP_INET6_POST_BIND:
	case BPF_CGROUP_INET4_CONNECT:
	case BPF_CGROUP_INET6_CONNECT:
	case BPF_CGROUP_UNIX_CONNECT:
	case BPF_CGROUP_INET4_GETPEERNAME:
	case BPF_CGROUP_INET6_GETPEERNAME:
	case BPF_CGROUP_UNIX_GETPEERNAME:
	case BPF_CGROUP_INET4_GETSOCKNAME:
	case BPF_CGROUP_INET6_GETSOCKNAME:
	case BPF_CGROUP_UNIX_GETSOCKNAME:
	case BPF_CGROUP_UDP4_SENDMSG:
	case BPF_CGROUP_UDP6_SENDMSG:
	case BPF_CGROUP_UNIX_SENDMSG:
	case BPF_CGROUP_UDP4_RECVMSG:
	case BPF_CGROUP_UDP6_RECVMSG:
	case BPF_CGROUP_UNIX_RECVMSG:
	case BPF_CGROUP_SOCK_OPS:
	case BPF_CGROUP_DEVICE:
	case BPF_CGROUP_SYSCTL:
	case BPF_CGROUP_GETSOCKOPT:
	case BPF_CGROUP_SETSOCKOPT:
	case BPF_LSM_CGROUP:
		if (!only_up_to(opts, LINK_OPTS_END(cgroup)))
			return -EINVAL;
		return fill_ordered(attr, OPTS_GET(opts, cgroup.relative_fd, 0),
				    OPTS_GET(opts, cgroup.relative_id, 0),
				    OPTS_GET(opts, cgroup.expected_revision, 0));
	default:
		/* xdp, netns, sockmap, struct_ops ...: only flags. */
		return only_up_to(opts, LINK_OPTS_END(flags)) ? 0 : -EINVAL;
	}
}

LIBBPF_API int bpf_link_create(int prog_fd, int target_fd,
			       enum bpf_attach_type attach_type,
			       const struct bpf_link_create_opts *opts)
{
	struct sys_attr_link_create attr;
	__u32 target_btf_id, iter_info_len;
	int fd, err;

	if (!OPTS_OK(opts, bpf_link_create_opts))
		return util_err(-EINVAL);

	memset(&attr, 0, sizeof(attr));
	attr.prog_fd = prog_fd;
	attr.target = target_fd;
	attr.attach_type = attach_type;
	attr.flags = OPTS_GET(opts, flags, 0);

	iter_info_len = OPTS_GET(opts, iter_info_len, 0);
	target_btf_id = OPTS_GET(opts, target_btf_id, 0);
	if (target_btf_id) {
		/* freplace by BTF id: nothing else may come with it. */
		if (iter_info_len || !only_up_to(opts, LINK_OPTS_END(target_btf_id)))
			return util_err(-EINVAL);
		attr.target_btf_id = target_btf_id;
	} else {
		err = fill_link_union(&attr, attach_type, opts);
		if (err)
			return util_err(err);
	}

	fd = SYS_BPF_FD(BPF_LINK_CREATE, &attr);
	if (fd >= 0 || fd != -EINVAL)
		return util_err(fd);

	/*
	 * Kernels before 5.13 create tracing links only through
	 * RAW_TRACEPOINT_OPEN; fall back to it when the request holds nothing
	 * that command cannot express.
	 */
	if (target_fd || target_btf_id ||
	    !sys_opts_zero_from(opts, sizeof(size_t)))
		return util_err(fd);
	switch ((int)attach_type) {
	case BPF_TRACE_RAW_TP:
	case BPF_LSM_MAC:
	case BPF_TRACE_FENTRY:
	case BPF_TRACE_FEXIT:
	case BPF_MODIFY_RETURN:
		return bpf_raw_tracepoint_open(NULL, prog_fd);
	default:
		return util_err(fd);
	}
}

LIBBPF_API int bpf_link_detach(int link_fd)
{
	struct sys_attr_fd_flags attr;

	memset(&attr, 0, sizeof(attr));
	attr.fd = link_fd;
	return util_err(SYS_BPF(BPF_LINK_DETACH, &attr));
}

LIBBPF_API int bpf_link_update(int link_fd, int new_prog_fd,
			       const struct bpf_link_update_opts *opts)
{
	struct sys_attr_link_update attr;
	__u32 old_prog_fd, old_map_fd;

	if (!OPTS_OK(opts, bpf_link_update_opts))
		return util_err(-EINVAL);
	old_prog_fd = OPTS_GET(opts, old_prog_fd, 0);
	old_map_fd = OPTS_GET(opts, old_map_fd, 0);
	if (old_prog_fd && old_map_fd) {
		pr_warn("link fd %d: old_prog_fd and old_map_fd are exclusive\n",
			link_fd);
		return util_err(-EINVAL);
	}

	memset(&attr, 0, sizeof(attr));
	attr.link_fd = link_fd;
	attr.new_fd = new_prog_fd;
	attr.flags = OPTS_GET(opts, flags, 0);
	attr.old_fd = old_map_fd ? old_map_fd : old_prog_fd;
	return util_err(SYS_BPF(BPF_LINK_UPDATE, &attr));
}

LIBBPF_API int bpf_iter_create(int link_fd)
{
	struct sys_attr_fd_flags attr;

	memset(&attr, 0, sizeof(attr));
	attr.fd = link_fd;
	return util_err(SYS_BPF_FD(BPF_ITER_CREATE, &attr));
}

LIBBPF_API int bpf_raw_tracepoint_open_opts(int prog_fd,
					    struct bpf_raw_tp_opts *opts)
{
	struct sys_attr_raw_tp attr;

	if (!OPTS_OK(opts, bpf_raw_tp_opts))
		return util_err(-EINVAL);
	memset(&attr, 0, sizeof(attr));
	attr.prog_fd = prog_fd;
	attr.name = sys_ptr(OPTS_GET(opts, tp_name, NULL));
	attr.cookie = OPTS_GET(opts, cookie, 0);
	return util_err(SYS_BPF_FD(BPF_RAW_TRACEPOINT_OPEN, &attr));
}

LIBBPF_API int bpf_raw_tracepoint_open(const char *name, int prog_fd)
{
	LIBBPF_OPTS(bpf_raw_tp_opts, opts, .tp_name = name);

	return bpf_raw_tracepoint_open_opts(prog_fd, &opts);
}
