// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * XDP features of a device (NETDEV_A_DEV_XDP_FEATURES and the zero-copy
 * segment limit), read from the "netdev" generic netlink family for
 * bpf_xdp_query().  Kernels without the family report no features.
 */
#include <errno.h>
#include <string.h>
#include <linux/netdev.h>

#include "nl.h"
#include "xdp_features.h"
#include "util/log.h"

struct family_ctx {
	__u16 id;
};

static int family_reply(struct nlmsghdr *nh, void *ctx)
{
	struct family_ctx *fc = ctx;
	struct genlmsghdr *g = NLMSG_DATA(nh);
	struct nlattr *tb[CTRL_ATTR_MAX + 1];
	int len = nh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);

	if (nh->nlmsg_type != GENL_ID_CTRL || len < 0)
		return 0;
	nl_parse(tb, CTRL_ATTR_MAX, (char *)g + GENL_HDRLEN, len);
	if (tb[CTRL_ATTR_FAMILY_ID])
		memcpy(&fc->id, (char *)tb[CTRL_ATTR_FAMILY_ID] + NLA_HDRLEN,
		       sizeof(fc->id));
	return 0;
}

struct features_ctx {
	__u16 family;
	__u64 flags;
	__u32 zc_max_segs;
};

static int features_reply(struct nlmsghdr *nh, void *ctx)
{
	struct features_ctx *fc = ctx;
	struct genlmsghdr *g = NLMSG_DATA(nh);
	struct nlattr *tb[NETDEV_A_DEV_XDP_ZC_MAX_SEGS + 1];
	int len = nh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);

	if (nh->nlmsg_type != fc->family || len < 0)
		return 0;
	nl_parse(tb, NETDEV_A_DEV_XDP_ZC_MAX_SEGS, (char *)g + GENL_HDRLEN, len);
	if (tb[NETDEV_A_DEV_XDP_FEATURES])
		memcpy(&fc->flags, (char *)tb[NETDEV_A_DEV_XDP_FEATURES] + NLA_HDRLEN,
		       sizeof(fc->flags));
	if (tb[NETDEV_A_DEV_XDP_ZC_MAX_SEGS])
		memcpy(&fc->zc_max_segs,
		       (char *)tb[NETDEV_A_DEV_XDP_ZC_MAX_SEGS] + NLA_HDRLEN,
		       sizeof(fc->zc_max_segs));
	return 0;
}

int xdp_query_features(int ifindex, __u64 *flags, __u32 *zc_max_segs)
{
	struct family_ctx fam = {};
	struct features_ctx feat = {};
	struct nl_req req;
	__u32 idx = ifindex;
	int err;

	*flags = 0;
	*zc_max_segs = 0;
	nl_req_init(&req, GENL_ID_CTRL, 0, GENL_HDRLEN);
	req.genl.cmd = CTRL_CMD_GETFAMILY;
	req.genl.version = 2;
	err = nl_attr_put(&req, CTRL_ATTR_FAMILY_NAME, NETDEV_FAMILY_NAME,
			  strlen(NETDEV_FAMILY_NAME) + 1);
	if (err)
		return err;
	err = nl_talk_proto(NETLINK_GENERIC, &req, family_reply, &fam,
			    "xdp features");
	/* No netdev family (older kernels): no features to report. */
	if (err == -ENOENT || (!err && !fam.id))
		return 0;
	if (err)
		return err;

	feat.family = fam.id;
	nl_req_init(&req, fam.id, 0, GENL_HDRLEN);
	req.genl.cmd = NETDEV_CMD_DEV_GET;
	req.genl.version = 1;
	err = nl_attr_put(&req, NETDEV_A_DEV_IFINDEX, &idx, sizeof(idx));
	if (err)
		return err;
	err = nl_talk_proto(NETLINK_GENERIC, &req, features_reply, &feat,
			    "xdp features");
	if (err)
		return err;
	*flags = feat.flags;
	*zc_max_segs = feat.zc_max_segs;
	return 0;
}
