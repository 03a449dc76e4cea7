// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* XDP programs on network devices through rtnetlink (IFLA_XDP). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/if_link.h>

#include <bpf/libbpf.h>

#include "nl.h"
#include "xdp_features.h"
#include "util/err.h"
#include "util/log.h"
#include "util/opts.h"

#define XDP_ALL_FLAGS (XDP_FLAGS_UPDATE_IF_NOEXIST | XDP_FLAGS_SKB_MODE | \
		       XDP_FLAGS_DRV_MODE | XDP_FLAGS_HW_MODE | XDP_FLAGS_REPLACE)

static int xdp_set(int ifindex, int fd, int old_fd, __u32 flags)
{
	struct nl_req req;
	struct nlattr *nest;
	char what[48];
	int err;

	nl_req_init(&req, RTM_SETLINK, 0, sizeof(struct ifinfomsg));
	req.ifi.ifi_family = AF_UNSPEC;
	req.ifi.ifi_index = ifindex;
	nest = nl_nest_begin(&req, IFLA_XDP);
	if (!nest)
		return -EMSGSIZE;
	err = nl_attr_put(&req, IFLA_XDP_FD, &fd, sizeof(fd));
	if (!err && flags)
		err = nl_attr_put(&req, IFLA_XDP_FLAGS, &flags, sizeof(flags));
	if (!err && (flags & XDP_FLAGS_REPLACE))
		err = nl_attr_put(&req, IFLA_XDP_EXPECTED_FD, &old_fd, sizeof(old_fd));
	if (err)
		return err;
	nl_nest_end(&req, nest);
	snprintf(what, sizeof(what), "xdp: ifindex %d", ifindex);
	return nl_talk(&req, NULL, NULL, what);
}

LIBBPF_API int bpf_xdp_attach(int ifindex, int prog_fd, __u32 flags,
			      const struct bpf_xdp_attach_opts *opts)
{
	int old_fd, err;

	if (!OPTS_OK(opts, bpf_xdp_attach_opts))
		return util_err(-EINVAL);
	if (ifindex <= 0 || (flags & ~XDP_ALL_FLAGS)) {
		pr_warn("xdp: invalid ifindex %d or flags 0x%x\n", ifindex, flags);
		return util_err(-EINVAL);
	}
	old_fd = OPTS_GET(opts, old_prog_fd, 0);
	if (old_fd)
		flags |= XDP_FLAGS_REPLACE;
	else
		old_fd = -1;
	err = xdp_set(ifindex, prog_fd, old_fd, flags);
	if (err)
		pr_warn("xdp: %s prog fd %d on ifindex %d failed: %s\n",
			prog_fd < 0 ? "detaching" : "attaching", prog_fd,
			ifindex, util_errstr(err));
	return util_err(err);
}

LIBBPF_API int bpf_xdp_detach(int ifindex, __u32 flags,
			      const struct bpf_xdp_attach_opts *opts)
{
	return bpf_xdp_attach(ifindex, -1, flags, opts);
}

struct xdp_query_ctx {
	int ifindex;
	bool found;
	__u8 mode;
	__u32 prog_id, drv_id, skb_id, hw_id;
};

static __u32 nla_u32(const struct nlattr *a)
{
	__u32 v;

	memcpy(&v, (const char *)a + NLA_HDRLEN, sizeof(v));
	return v;
}

static int xdp_query_reply(struct nlmsghdr *nh, void *ctx)
{
	struct xdp_query_ctx *q = ctx;
	struct ifinfomsg *ifi = NLMSG_DATA(nh);
	struct nlattr *tb[IFLA_MAX + 1], *xtb[IFLA_XDP_MAX + 1];
	int len = nh->nlmsg_len - NLMSG_LENGTH(sizeof(*ifi));

	if (nh->nlmsg_type != RTM_NEWLINK || len < 0 || ifi->ifi_index != q->ifindex)
		return 0;
	q->found = true;
	nl_parse(tb, IFLA_MAX, (char *)ifi + NLMSG_ALIGN(sizeof(*ifi)), len);
	if (!tb[IFLA_XDP])
		return 0;
	nl_parse(xtb, IFLA_XDP_MAX, (char *)tb[IFLA_XDP] + NLA_HDRLEN,
		 tb[IFLA_XDP]->nla_len - NLA_HDRLEN);
	if (xtb[IFLA_XDP_ATTACHED])
		q->mode = *((__u8 *)xtb[IFLA_XDP_ATTACHED] + NLA_HDRLEN);
	if (xtb[IFLA_XDP_PROG_ID])
		q->prog_id = nla_u32(xtb[IFLA_XDP_PROG_ID]);
	if (xtb[IFLA_XDP_DRV_PROG_ID])
		q->drv_id = nla_u32(xtb[IFLA_XDP_DRV_PROG_ID]);
	if (xtb[IFLA_XDP_SKB_PROG_ID])
		q->skb_id = nla_u32(xtb[IFLA_XDP_SKB_PROG_ID]);
	if (xtb[IFLA_XDP_HW_PROG_ID])
		q->hw_id = nla_u32(xtb[IFLA_XDP_HW_PROG_ID]);
	/* With a single program only IFLA_XDP_PROG_ID is reported. */
	if (q->mode == XDP_ATTACHED_DRV && !q->drv_id)
		q->drv_id = q->prog_id;
	else if (q->mode == XDP_ATTACHED_SKB && !q->skb_id)
		q->skb_id = q->prog_id;
	else if (q->mode == XDP_ATTACHED_HW && !q->hw_id)
		q->hw_id = q->prog_id;
	return 0;
}

LIBBPF_API int bpf_xdp_query(int ifindex, int xdp_flags,
			     struct bpf_xdp_query_opts *opts)
{
	struct xdp_query_ctx q = { .ifindex = ifindex };
	struct nl_req req;
	int err;

	if (!OPTS_OK(opts, bpf_xdp_query_opts))
		return util_err(-EINVAL);
	if (ifindex <= 0 || ((__u32)xdp_flags & ~XDP_ALL_FLAGS))
		return util_err(-EINVAL);
	nl_req_init(&req, RTM_GETLINK, 0, sizeof(struct ifinfomsg));
	req.ifi.ifi_family = AF_PACKET;
	req.ifi.ifi_index = ifindex;
	err = nl_talk(&req, xdp_query_reply, &q, "xdp query");
	if (err)
		return util_err(err);
	if (!q.found)
		return util_err(-ENODEV);
	OPTS_SET(opts, prog_id, q.mode == XDP_ATTACHED_MULTI ? 0 : q.prog_id);
	OPTS_SET(opts, drv_prog_id, q.drv_id);
	OPTS_SET(opts, hw_prog_id, q.hw_id);
	OPTS_SET(opts, skb_prog_id, q.skb_id);
	OPTS_SET(opts, attach_mode, q.mode);
	/* Device features come from the netdev genl family, when asked for. */
	if (OPTS_HAS(opts, feature_flags)) {
		__u64 features;
		__u32 zc;

		err = xdp_query_features(ifindex, &features, &zc);
		if (err)
			return util_err(err);
		OPTS_SET(opts, feature_flags, features);
		OPTS_SET(opts, xdp_zc_max_segs, zc);
	}
	return 0;
}

LIBBPF_API int bpf_xdp_query_id(int ifindex, int flags, __u32 *prog_id)
{
	LIBBPF_OPTS(bpf_xdp_query_opts, opts);
	int err;

	err = bpf_xdp_query(ifindex, flags, &opts);
	if (err)
		return err;
	if (flags & XDP_FLAGS_DRV_MODE)
		*prog_id = opts.drv_prog_id;
	else if (flags & XDP_FLAGS_HW_MODE)
		*prog_id = opts.hw_prog_id;
	else if (flags & XDP_FLAGS_SKB_MODE)
		*prog_id = opts.skb_prog_id;
	else
		*prog_id = opts.prog_id;
	return 0;
}
