// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * rtnetlink request/reply plumbing for bpf_xdp_*() and bpf_tc_*(): one
 * socket per request, extended acks turned into log messages.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>

#include "nl.h"
#include "util/err.h"
#include "util/log.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

#define NL_ALIGN4(len) (((len) + 3) & ~3U)

void nl_req_init(struct nl_req *req, int type, int flags, size_t hdr_len)
{
	memset(req, 0, sizeof(*req));
	req->nh.nlmsg_len = NLMSG_LENGTH(hdr_len);
	req->nh.nlmsg_type = type;
	req->nh.nlmsg_flags = NLM_F_REQUEST | flags;
}

int nl_attr_put(struct nl_req *req, int type, const void *data, size_t len)
{
	size_t off = NLMSG_ALIGN(req->nh.nlmsg_len);
	struct nlattr *a = (struct nlattr *)((char *)req + off);

	if (off + NL_ALIGN4(NLA_HDRLEN + len) > sizeof(*req))
		return -EMSGSIZE;
	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	if (len)
		memcpy((char *)a + NLA_HDRLEN, data, len);
	req->nh.nlmsg_len = off + NL_ALIGN4(a->nla_len);
	return 0;
}

struct nlattr *nl_nest_begin(struct nl_req *req, int type)
{
	struct nlattr *a = (struct nlattr *)((char *)req + NLMSG_ALIGN(req->nh.nlmsg_len));

	if (nl_attr_put(req, type | NLA_F_NESTED, NULL, 0))
		return NULL;
	return a;
}

void nl_nest_end(struct nl_req *req, struct nlattr *nest)
{
	nest->nla_len = (char *)req + req->nh.nlmsg_len - (char *)nest;
}

int nl_parse(struct nlattr **tb, int max, void *attrs, int len)
{
	struct nlattr *a = attrs;

	memset(tb, 0, sizeof(*tb) * (max + 1));
	while (len >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= len) {
		int type = a->nla_type & NLA_TYPE_MASK;

		if (type <= max)
			tb[type] = a;
		len -= NL_ALIGN4(a->nla_len);
		a = (struct nlattr *)((char *)a + NL_ALIGN4(a->nla_len));
	}
	return 0;
}

static void nl_log_ext_ack(struct nlmsghdr *nh, const char *what)
{
	struct nlmsgerr *e = NLMSG_DATA(nh);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	size_t hlen = sizeof(*e);
	int alen;

	if (!(nh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	/* Without NLM_F_CAPPED the whole request is echoed back first. */
	if (!(nh->nlmsg_flags & NLM_F_CAPPED))
		hlen += e->msg.nlmsg_len - sizeof(struct nlmsghdr);
	alen = nh->nlmsg_len - NLMSG_HDRLEN - hlen;
	if (alen <= 0)
		return;
	nl_parse(tb, NLMSGERR_ATTR_MAX, (char *)e + hlen, alen);
	if (tb[NLMSGERR_ATTR_MSG])
		pr_warn("%s: kernel says: %s\n", what,
			(char *)tb[NLMSGERR_ATTR_MSG] + NLA_HDRLEN);
}

static int nl_open(int proto)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int one = 1, fd;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, proto);
	if (fd < 0)
		return -errno;
	/* Best effort: older kernels lack these. */
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_GET_STRICT_CHK, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

int nl_talk(struct nl_req *req, nl_reply_fn fn, void *ctx, const char *what)
{
	return nl_talk_proto(NETLINK_ROUTE, req, fn, ctx, what);
}

int nl_talk_proto(int proto, struct nl_req *req, nl_reply_fn fn, void *ctx,
		  const char *what)
{
	static unsigned int seq_counter;
	size_t buf_len = 32768;
	char *buf;
	/* NLM_F_CREATE|NLM_F_EXCL share bits with NLM_F_DUMP: only GETs dump. */
	bool dump = proto == NETLINK_ROUTE && (req->nh.nlmsg_type & 3) == 2 &&
		    (req->nh.nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP;
	__u32 seq;
	int fd, err = 0, done = 0;

	fd = nl_open(proto);
	if (fd < 0) {
		pr_warn("%s: netlink socket: %s\n", what, util_errstr(fd));
		return fd;
	}
	buf = malloc(buf_len);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	seq = __atomic_add_fetch(&seq_counter, 1, __ATOMIC_RELAXED) + (__u32)time(NULL);
	req->nh.nlmsg_seq = seq;
	req->nh.nlmsg_flags |= NLM_F_ACK;
	if (send(fd, req, req->nh.nlmsg_len, 0) < 0) {
		err = -errno;
		goto out;
	}
	while (!done) {
		struct nlmsghdr *nh;
		ssize_t len = recv(fd, buf, buf_len, 0);

		if (len < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			goto out;
		}
		if (len == 0)
			break;
		for (nh = (struct nlmsghdr *)buf; NLMSG_OK(nh, (unsigned int)len);
		     nh = NLMSG_NEXT(nh, len)) {
			if (nh->nlmsg_seq != seq)
				continue;
			if (nh->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(nh);

				err = e->error;
				if (err)
					nl_log_ext_ack(nh, what);
				/* For dumps the ack follows NLMSG_DONE. */
				if (err || !dump)
					done = 1;
				if (err)
					break;
				continue;
			}
			if (nh->nlmsg_type == NLMSG_DONE) {
				if (dump)
					done = 1;
				continue;
			}
			if (fn) {
				err = fn(nh, ctx);
				if (err)
					goto out;
			}
		}
	}
out:
	free(buf);
	close(fd);
	return err;
}
