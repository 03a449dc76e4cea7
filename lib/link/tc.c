// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * TC BPF classifiers through rtnetlink: the clsact (or a custom) qdisc as
 * the hook, and "bpf" filters in direct-action mode on it.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <linux/if_ether.h>
#include <linux/pkt_cls.h>
#include <linux/pkt_sched.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "nl.h"
#include "util/err.h"
#include "util/log.h"
#include "util/opts.h"

static bool tc_hook_ok(const struct bpf_tc_hook *hook)
{
	if (!hook || !OPTS_OK(hook, bpf_tc_hook) || OPTS_GET(hook, ifindex, 0) <= 0) {
		pr_warn("tc: hook needs a positive ifindex\n");
		return false;
	}
	return true;
}

/* The parent handle filters of this hook hang off. */
static int tc_parent(const struct bpf_tc_hook *hook, __u32 *parent)
{
	switch (OPTS_GET(hook, attach_point, 0)) {
	case BPF_TC_INGRESS:
		if (OPTS_GET(hook, parent, 0))
			return -EINVAL;
		*parent = TC_H_MAKE(TC_H_CLSACT, TC_H_MIN_INGRESS);
		return 0;
	case BPF_TC_EGRESS:
		if (OPTS_GET(hook, parent, 0))
			return -EINVAL;
		*parent = TC_H_MAKE(TC_H_CLSACT, TC_H_MIN_EGRESS);
		return 0;
	case BPF_TC_CUSTOM:
		*parent = OPTS_GET(hook, parent, 0);
		return *parent ? 0 : -EINVAL;
	default:
		return -EINVAL;
	}
}

static int tc_qdisc(const struct bpf_tc_hook *hook, int cmd, int flags)
{
	const char *kind = "clsact";
	struct nl_req req;
	char what[48];
	int err;

	nl_req_init(&req, cmd, flags, sizeof(struct tcmsg));
	req.tc.tcm_family = AF_UNSPEC;
	req.tc.tcm_ifindex = OPTS_GET(hook, ifindex, 0);
	if (OPTS_GET(hook, attach_point, 0) & BPF_TC_QDISC) {
		kind = OPTS_GET(hook, qdisc, NULL);
		req.tc.tcm_handle = OPTS_GET(hook, handle, 0);
		req.tc.tcm_parent = OPTS_GET(hook, parent, 0);
		if (!kind)
			return -EINVAL;
	} else {
		req.tc.tcm_handle = TC_H_MAKE(TC_H_CLSACT, 0);
		req.tc.tcm_parent = TC_H_CLSACT;
	}
	err = nl_attr_put(&req, TCA_KIND, kind, strlen(kind) + 1);
	if (err)
		return err;
	snprintf(what, sizeof(what), "tc: ifindex %d", req.tc.tcm_ifindex);
	return nl_talk(&req, NULL, NULL, what);
}

LIBBPF_API int bpf_tc_hook_create(struct bpf_tc_hook *hook)
{
	int ap, err;

	if (!tc_hook_ok(hook))
		return util_err(-EINVAL);
	ap = OPTS_GET(hook, attach_point, 0);
	if (ap & BPF_TC_CUSTOM || !ap)
		return util_err(-EINVAL);
	err = tc_qdisc(hook, RTM_NEWQDISC, NLM_F_CREATE | NLM_F_EXCL);
	if (err && err != -EEXIST)
		pr_warn("tc: creating the %s qdisc on ifindex %d failed: %s\n",
			ap & BPF_TC_QDISC ? "custom" : "clsact", hook->ifindex,
			util_errstr(err));
	return util_err(err);
}

static int tc_filter_del(const struct bpf_tc_hook *hook, __u32 handle,
			 __u32 priority, bool flush)
{
	struct nl_req req;
	__u32 parent;
	char what[48];
	int err;

	err = tc_parent(hook, &parent);
	if (err)
		return err;
	nl_req_init(&req, RTM_DELTFILTER, 0, sizeof(struct tcmsg));
	req.tc.tcm_family = AF_UNSPEC;
	req.tc.tcm_ifindex = hook->ifindex;
	req.tc.tcm_parent = parent;
	if (!flush) {
		req.tc.tcm_handle = handle;
		req.tc.tcm_info = TC_H_MAKE(priority << 16, htons(ETH_P_ALL));
		err = nl_attr_put(&req, TCA_KIND, "bpf", 4);
		if (err)
			return err;
	}
	snprintf(what, sizeof(what), "tc: ifindex %d", hook->ifindex);
	return nl_talk(&req, NULL, NULL, what);
}

LIBBPF_API int bpf_tc_hook_destroy(struct bpf_tc_hook *hook)
{
	int ap, err;

	if (!tc_hook_ok(hook))
		return util_err(-EINVAL);
	ap = OPTS_GET(hook, attach_point, 0);
	switch (ap) {
	case BPF_TC_INGRESS | BPF_TC_EGRESS:
	case BPF_TC_QDISC:
		err = tc_qdisc(hook, RTM_DELQDISC, 0);
		break;
	case BPF_TC_INGRESS:
	case BPF_TC_EGRESS:
		/* Only this direction: drop its filters, keep the qdisc. */
		err = tc_filter_del(hook, 0, 0, true);
		break;
	case BPF_TC_CUSTOM:
		return util_err(-EOPNOTSUPP);
	default:
		return util_err(-EINVAL);
	}
	return util_err(err);
}

struct tc_reply {
	__u32 handle, priority, prog_id;
	bool found;
};

static int tc_filter_reply(struct nlmsghdr *nh, void *ctx)
{
	struct tc_reply *r = ctx;
	struct tcmsg *tc = NLMSG_DATA(nh);
	struct nlattr *tb[TCA_MAX + 1], *btb[TCA_BPF_MAX + 1];
	int len = nh->nlmsg_len - NLMSG_LENGTH(sizeof(*tc));

	if (nh->nlmsg_type != RTM_NEWTFILTER || len < 0)
		return 0;
	nl_parse(tb, TCA_MAX, (char *)tc + NLMSG_ALIGN(sizeof(*tc)), len);
	if (!tb[TCA_OPTIONS] || !tb[TCA_KIND] ||
	    strcmp((char *)tb[TCA_KIND] + NLA_HDRLEN, "bpf"))
		return 0;
	nl_parse(btb, TCA_BPF_MAX, (char *)tb[TCA_OPTIONS] + NLA_HDRLEN,
		 tb[TCA_OPTIONS]->nla_len - NLA_HDRLEN);
	if (!btb[TCA_BPF_ID])
		return 0;
	memcpy(&r->prog_id, (char *)btb[TCA_BPF_ID] + NLA_HDRLEN, sizeof(__u32));
	r->handle = tc->tcm_handle;
	r->priority = TC_H_MAJ(tc->tcm_info) >> 16;
	r->found = true;
	return 0;
}

LIBBPF_API int bpf_tc_attach(const struct bpf_tc_hook *hook,
			     struct bpf_tc_opts *opts)
{
	struct bpf_prog_info info;
	__u32 info_len = sizeof(info), parent, flags, handle, priority;
	struct tc_reply r = {};
	struct nlattr *nest;
	struct nl_req req;
	char name[BPF_OBJ_NAME_LEN + 16];
	int prog_fd, err, bpf_flags = TCA_BPF_FLAG_ACT_DIRECT;

	if (!tc_hook_ok(hook) || !opts || !OPTS_OK(opts, bpf_tc_opts))
		return util_err(-EINVAL);
	prog_fd = OPTS_GET(opts, prog_fd, 0);
	flags = OPTS_GET(opts, flags, 0);
	handle = OPTS_GET(opts, handle, 0);
	priority = OPTS_GET(opts, priority, 0);
	if (prog_fd <= 0 || OPTS_GET(opts, prog_id, 0) || (flags & ~BPF_TC_F_REPLACE) ||
	    priority > 0xFFFF || ((flags & BPF_TC_F_REPLACE) && (!handle || !priority))) {
		pr_warn("tc: attach needs a prog_fd, no prog_id, and a handle and priority to replace\n");
		return util_err(-EINVAL);
	}
	err = tc_parent(hook, &parent);
	if (err)
		return util_err(err);
	memset(&info, 0, sizeof(info));
	if (bpf_prog_get_info_by_fd(prog_fd, &info, &info_len))
		return util_err(-errno);

	nl_req_init(&req, RTM_NEWTFILTER, NLM_F_CREATE | NLM_F_ECHO |
		    ((flags & BPF_TC_F_REPLACE) ? NLM_F_REPLACE : NLM_F_EXCL),
		    sizeof(struct tcmsg));
	req.tc.tcm_family = AF_UNSPEC;
	req.tc.tcm_ifindex = hook->ifindex;
	req.tc.tcm_parent = parent;
	req.tc.tcm_handle = handle;
	req.tc.tcm_info = TC_H_MAKE(priority << 16, htons(ETH_P_ALL));
	snprintf(name, sizeof(name), "%s:[%u]", info.name, info.id);
	err = nl_attr_put(&req, TCA_KIND, "bpf", 4);
	nest = err ? NULL : nl_nest_begin(&req, TCA_OPTIONS);
	if (!nest)
		return util_err(-EMSGSIZE);
	err = nl_attr_put(&req, TCA_BPF_FD, &prog_fd, sizeof(prog_fd));
	if (!err)
		err = nl_attr_put(&req, TCA_BPF_NAME, name, strlen(name) + 1);
	if (!err)
		err = nl_attr_put(&req, TCA_BPF_FLAGS, &bpf_flags, sizeof(bpf_flags));
	if (err)
		return util_err(err);
	nl_nest_end(&req, nest);
	err = nl_talk(&req, tc_filter_reply, &r, "tc attach");
	if (err) {
		pr_warn("tc: attaching prog '%s' to ifindex %d failed: %s\n",
			info.name, hook->ifindex, util_errstr(err));
		return util_err(err);
	}
	if (!r.found)
		return util_err(-ENOENT);
	OPTS_SET(opts, handle, r.handle);
	OPTS_SET(opts, priority, r.priority);
	OPTS_SET(opts, prog_id, r.prog_id);
	return 0;
}

LIBBPF_API int bpf_tc_detach(const struct bpf_tc_hook *hook,
			     const struct bpf_tc_opts *opts)
{
	__u32 handle, priority;

	if (!tc_hook_ok(hook) || !opts || !OPTS_OK(opts, bpf_tc_opts))
		return util_err(-EINVAL);
	handle = OPTS_GET(opts, handle, 0);
	priority = OPTS_GET(opts, priority, 0);
	if (!handle || !priority || priority > 0xFFFF || OPTS_GET(opts, prog_fd, 0) ||
	    OPTS_GET(opts, prog_id, 0) || OPTS_GET(opts, flags, 0)) {
		pr_warn("tc: detach needs exactly a handle and a priority\n");
		return util_err(-EINVAL);
	}
	return util_err(tc_filter_del(hook, handle, priority, false));
}

LIBBPF_API int bpf_tc_query(const struct bpf_tc_hook *hook,
			    struct bpf_tc_opts *opts)
{
	struct tc_reply r = {};
	struct nl_req req;
	__u32 parent, handle, priority;
	int err;

	if (!tc_hook_ok(hook) || !opts || !OPTS_OK(opts, bpf_tc_opts))
		return util_err(-EINVAL);
	handle = OPTS_GET(opts, handle, 0);
	priority = OPTS_GET(opts, priority, 0);
	if (!handle || !priority || priority > 0xFFFF || OPTS_GET(opts, prog_fd, 0) ||
	    OPTS_GET(opts, prog_id, 0) || OPTS_GET(opts, flags, 0))
		return util_err(-EINVAL);
	err = tc_parent(hook, &parent);
	if (err)
		return util_err(err);
	nl_req_init(&req, RTM_GETTFILTER, 0, sizeof(struct tcmsg));
	req.tc.tcm_family = AF_UNSPEC;
	req.tc.tcm_ifindex = hook->ifindex;
	req.tc.tcm_parent = parent;
	req.tc.tcm_handle = handle;
	req.tc.tcm_info = TC_H_MAKE(priority << 16, htons(ETH_P_ALL));
	err = nl_attr_put(&req, TCA_KIND, "bpf", 4);
	if (err)
		return util_err(err);
	err = nl_talk(&req, tc_filter_reply, &r, "tc query");
	if (err)
		return util_err(err);
	if (!r.found)
		return util_err(-ENOENT);
	OPTS_SET(opts, prog_id, r.prog_id);
	return 0;
}
