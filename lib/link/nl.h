/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* A minimal rtnetlink client for XDP and TC attachment. */
#ifndef BPFKIT_LINK_NL_H
#define BPFKIT_LINK_NL_H

#include <stddef.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/genetlink.h>

struct nl_req {
	struct nlmsghdr nh;
	union {
		struct ifinfomsg ifi;
		struct tcmsg tc;
		struct genlmsghdr genl;
	};
	char attrs[1024];
};

/* Starts a request of one message type with the given flags. */
void nl_req_init(struct nl_req *req, int type, int flags, size_t hdr_len);
int nl_attr_put(struct nl_req *req, int type, const void *data, size_t len);
/* Nested attributes: nest = nl_nest_begin(); ...; nl_nest_end(nest). */
struct nlattr *nl_nest_begin(struct nl_req *req, int type);
void nl_nest_end(struct nl_req *req, struct nlattr *nest);

/* Called for each reply message that is not an ack, error or done. */
typedef int (*nl_reply_fn)(struct nlmsghdr *nh, void *ctx);

/*
 * Sends req on a fresh NETLINK_ROUTE socket and reads until the ack (or
 * NLMSG_DONE for dumps).  Returns 0 or the kernel's -errno; the kernel's
 * extended ack message, if any, is logged prefixed with what.
 */
int nl_talk(struct nl_req *req, nl_reply_fn fn, void *ctx, const char *what);
/* The same on a socket of another netlink protocol (NETLINK_GENERIC). */
int nl_talk_proto(int proto, struct nl_req *req, nl_reply_fn fn, void *ctx,
		  const char *what);

/* Attribute table of a message payload, indexed by type up to max. */
int nl_parse(struct nlattr **tb, int max, void *attrs, int len);

#endif
