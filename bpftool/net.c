// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * The net family: which programs sit on the network devices of the current
 * network namespace (XDP, tc filters on clsact/ingress qdiscs, tcx), its
 * flow dissector and netfilter links; attaching and detaching XDP and tcx
 * programs.
 */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <unistd.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/pkt_cls.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "common.h"

/* ---------------------------------------------------------------- */
/* A small rtnetlink dump client                                     */
/* ---------------------------------------------------------------- */

typedef int (*nl_msg_fn)(struct nlmsghdr *nh, void *ctx);

/*
 * Sends one dump request (header + payload) and calls fn for every reply
 * message until NLMSG_DONE.  0 or -errno.
 */
static int nl_dump(__u16 type, const void *payload, size_t len, nl_msg_fn fn,
		   void *ctx)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct {
		struct nlmsghdr nh;
		char payload[64];
	} req = { 0 };
	static __u32 seq_base;
	char *buf;
	__u32 seq;
	int fd, err = 0;
	bool done = false;

	if (len > sizeof(req.payload))
		return -EINVAL;
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		return -errno;
	seq = ++seq_base + (__u32)getpid() * 1000;
	req.nh.nlmsg_len = NLMSG_LENGTH(len);
	req.nh.nlmsg_type = type;
	req.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	req.nh.nlmsg_seq = seq;
	memcpy(req.payload, payload, len);
	if (sendto(fd, &req, req.nh.nlmsg_len, 0, (struct sockaddr *)&sa,
		   sizeof(sa)) < 0) {
		err = -errno;
		close(fd);
		return err;
	}
	buf = malloc(65536);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	while (!done && !err) {
		struct nlmsghdr *nh;
		ssize_t n = recv(fd, buf, 65536, 0);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			break;
		}
		for (nh = (struct nlmsghdr *)buf; NLMSG_OK(nh, (size_t)n);
		     nh = NLMSG_NEXT(nh, n)) {
			if (nh->nlmsg_seq != seq)
				continue;
			if (nh->nlmsg_type == NLMSG_DONE) {
				done = true;
				break;
			}
			if (nh->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(nh);

				err = e->error;
				break;
			}
			err = fn(nh, ctx);
			if (err)
				break;
		}
	}
	free(buf);
	close(fd);
	return err;
}

/* Attributes after a fixed header of hdr_len bytes, indexed by type. */
static void nl_parse_attrs(struct rtattr **tb, int max, struct rtattr *rta,
			   int len)
{
	memset(tb, 0, sizeof(*tb) * (max + 1));
	for (; RTA_OK(rta, len); rta = RTA_NEXT(rta, len)) {
		int t = rta->rta_type & ~NLA_F_NESTED;

		if (t <= max && !tb[t])
			tb[t] = rta;
	}
}

/* ---------------------------------------------------------------- */
/* Devices                                                           */
/* ---------------------------------------------------------------- */

struct dev {
	int ifindex;
	char name[IF_NAMESIZE];
};

struct dev_list {
	struct dev *devs;
	size_t cnt;
	int only;	/* ifindex filter, 0: all */
};

static int link_msg(struct nlmsghdr *nh, void *ctx)
{
	struct dev_list *l = ctx;
	struct ifinfomsg *ifi = NLMSG_DATA(nh);
	struct rtattr *tb[IFLA_MAX + 1];
	struct dev *d;

	if (nh->nlmsg_type != RTM_NEWLINK)
		return 0;
	if (l->only && ifi->ifi_index != l->only)
		return 0;
	nl_parse_attrs(tb, IFLA_MAX, IFLA_RTA(ifi),
		       nh->nlmsg_len - NLMSG_LENGTH(sizeof(*ifi)));
	d = realloc(l->devs, (l->cnt + 1) * sizeof(*d));
	if (!d)
		return -ENOMEM;
	l->devs = d;
	d += l->cnt++;
	d->ifindex = ifi->ifi_index;
	d->name[0] = '\0';
	if (tb[IFLA_IFNAME])
		snprintf(d->name, sizeof(d->name), "%s", (char *)RTA_DATA(tb[IFLA_IFNAME]));
	return 0;
}

/* ---------------------------------------------------------------- */
/* net show                                                          */
/* ---------------------------------------------------------------- */

static void dev_head(const struct dev *d)
{
	if (json_output) {
		jsonw_start_object(json_wtr);
		jsonw_string_field(json_wtr, "devname", d->name);
		jsonw_uint_field(json_wtr, "ifindex", d->ifindex);
	} else {
		printf("%s(%d)", d->name, d->ifindex);
	}
}

static void xdp_entry(const struct dev *d, const char *mode, __u32 id)
{
	dev_head(d);
	if (json_output) {
		jsonw_string_field(json_wtr, "mode", mode);
		jsonw_uint_field(json_wtr, "id", id);
		jsonw_end_object(json_wtr);
	} else {
		printf(" %s id %u\n", mode, id);
	}
}

static int show_xdp(const struct dev *d)
{
	LIBBPF_OPTS(bpf_xdp_query_opts, q);
	int err;

	err = bpf_xdp_query(d->ifindex, 0, &q);
	if (err)
		return err;
	switch (q.attach_mode) {
	case XDP_ATTACHED_NONE:
		break;
	case XDP_ATTACHED_MULTI:
		if (q.skb_prog_id)
			xdp_entry(d, "generic", q.skb_prog_id);
		if (q.drv_prog_id)
			xdp_entry(d, "driver", q.drv_prog_id);
		if (q.hw_prog_id)
			xdp_entry(d, "offload", q.hw_prog_id);
		break;
	case XDP_ATTACHED_DRV:
		xdp_entry(d, "driver", q.prog_id);
		break;
	case XDP_ATTACHED_SKB:
		xdp_entry(d, "generic", q.prog_id);
		break;
	case XDP_ATTACHED_HW:
		xdp_entry(d, "offload", q.prog_id);
		break;
	default:
		xdp_entry(d, "unknown", q.prog_id);
		break;
	}
	return 0;
}

/* The bpf filters of one qdisc parent of one device. */
struct filter_ctx {
	const struct dev *dev;
	const char *kind;
};

static int filter_msg(struct nlmsghdr *nh, void *ctx)
{
	struct filter_ctx *f = ctx;
	struct tcmsg *tc = NLMSG_DATA(nh);
	struct rtattr *tb[TCA_MAX + 1], *opt[TCA_BPF_MAX + 1];

	if (nh->nlmsg_type != RTM_NEWTFILTER || tc->tcm_ifindex != f->dev->ifindex)
		return 0;
	nl_parse_attrs(tb, TCA_MAX, TCA_RTA(tc),
		       nh->nlmsg_len - NLMSG_LENGTH(sizeof(*tc)));
	if (!tb[TCA_KIND] || strcmp(RTA_DATA(tb[TCA_KIND]), "bpf") || !tb[TCA_OPTIONS])
		return 0;
	nl_parse_attrs(opt, TCA_BPF_MAX, RTA_DATA(tb[TCA_OPTIONS]),
		       RTA_PAYLOAD(tb[TCA_OPTIONS]));
	/* The filter's chain header has no program yet. */
	if (!opt[TCA_BPF_ID])
		return 0;
	dev_head(f->dev);
	if (json_output) {
		jsonw_string_field(json_wtr, "kind", f->kind);
		if (opt[TCA_BPF_NAME])
			jsonw_string_field(json_wtr, "name", RTA_DATA(opt[TCA_BPF_NAME]));
		jsonw_uint_field(json_wtr, "id", *(__u32 *)RTA_DATA(opt[TCA_BPF_ID]));
		jsonw_end_object(json_wtr);
	} else {
		printf(" %s", f->kind);
		if (opt[TCA_BPF_NAME])
			printf(" %s", (char *)RTA_DATA(opt[TCA_BPF_NAME]));
		printf(" id %u\n", *(__u32 *)RTA_DATA(opt[TCA_BPF_ID]));
	}
	return 0;
}

static int dump_filters(const struct dev *d, __u32 parent, const char *kind)
{
	struct tcmsg tc = {
		.tcm_family = AF_UNSPEC,
		.tcm_ifindex = d->ifindex,
		.tcm_parent = parent,
	};
	struct filter_ctx f = { .dev = d, .kind = kind };

	return nl_dump(RTM_GETTFILTER, &tc, sizeof(tc), filter_msg, &f);
}

/* The qdiscs and classes of a device that filters can hang off. */
struct tc_parent {
	__u32 handle;
	char kind[32];
};

struct parent_ctx {
	int ifindex;
	bool qdisc;		/* parsing qdiscs (else classes) */
	struct tc_parent *list;
	size_t cnt;
};

static int parent_msg(struct nlmsghdr *nh, void *ctx)
{
	struct parent_ctx *p = ctx;
	struct tcmsg *tc = NLMSG_DATA(nh);
	struct rtattr *tb[TCA_MAX + 1];
	struct tc_parent *n;

	if ((nh->nlmsg_type != RTM_NEWQDISC && nh->nlmsg_type != RTM_NEWTCLASS) ||
	    tc->tcm_ifindex != p->ifindex)
		return 0;
	nl_parse_attrs(tb, TCA_MAX, TCA_RTA(tc),
		       nh->nlmsg_len - NLMSG_LENGTH(sizeof(*tc)));
	/*
	 * clsact is reached through its ingress/egress parents below; a
	 * qdisc without a handle (the default noqueue) holds no filters.
	 */
	if (p->qdisc && ((tb[TCA_KIND] && !strcmp(RTA_DATA(tb[TCA_KIND]), "clsact")) ||
			 !tc->tcm_handle))
		return 0;
	n = realloc(p->list, (p->cnt + 1) * sizeof(*n));
	if (!n)
		return -ENOMEM;
	p->list = n;
	n += p->cnt++;
	n->handle = tc->tcm_handle;
	snprintf(n->kind, sizeof(n->kind), "%s",
		 tb[TCA_KIND] ? (char *)RTA_DATA(tb[TCA_KIND]) : "unknown");
	return 0;
}

static void tcx_entries(const struct dev *d, enum bpf_attach_type type,
			const char *kind)
{
	LIBBPF_OPTS(bpf_prog_query_opts, q);
	__u32 prog_ids[64], link_ids[64], i;

	q.prog_ids = prog_ids;
	q.link_ids = link_ids;
	q.count = 64;
	if (bpf_prog_query_opts(d->ifindex, type, &q))
		return;
	for (i = 0; i < q.count; i++) {
		struct bpf_prog_info info = {};
		__u32 len = sizeof(info);
		char name[MAX_PROG_FULL_NAME] = "";
		int fd = bpf_prog_get_fd_by_id(prog_ids[i]);

		if (fd >= 0) {
			if (!bpf_prog_get_info_by_fd(fd, &info, &len))
				get_prog_full_name(&info, fd, name, sizeof(name));
			close(fd);
		}
		dev_head(d);
		if (json_output) {
			jsonw_string_field(json_wtr, "kind", kind);
			if (name[0])
				jsonw_string_field(json_wtr, "name", name);
			jsonw_uint_field(json_wtr, "prog_id", prog_ids[i]);
			if (link_ids[i])
				jsonw_uint_field(json_wtr, "link_id", link_ids[i]);
			jsonw_end_object(json_wtr);
		} else {
			printf(" %s", kind);
			if (name[0])
				printf(" %s", name);
			printf(" prog_id %u", prog_ids[i]);
			if (link_ids[i])
				printf(" link_id %u", link_ids[i]);
			printf("\n");
		}
	}
}

static int show_tc(const struct dev *d)
{
	struct tcmsg tc = { .tcm_family = AF_UNSPEC, .tcm_ifindex = d->ifindex };
	struct parent_ctx p = { .ifindex = d->ifindex };
	size_t i;
	int err;

	tcx_entries(d, BPF_TCX_INGRESS, "tcx/ingress");
	tcx_entries(d, BPF_TCX_EGRESS, "tcx/egress");
	/* Classes, then qdiscs: the handles filters may be attached to. */
	err = nl_dump(RTM_GETTCLASS, &tc, sizeof(tc), parent_msg, &p);
	if (!err) {
		p.qdisc = true;
		err = nl_dump(RTM_GETQDISC, &tc, sizeof(tc), parent_msg, &p);
	}
	for (i = 0; !err && i < p.cnt; i++)
		err = dump_filters(d, p.list[i].handle, p.list[i].kind);
	free(p.list);
	/*
	 * Then the well-known parents, whichever qdisc answers for them
	 * (the kernel resolves them to the ingress or clsact qdisc).
	 */
	if (!err)
		err = dump_filters(d, TC_H_ROOT, "root");
	if (!err)
		err = dump_filters(d, TC_H_MAKE(TC_H_CLSACT, TC_H_MIN_INGRESS),
				   "clsact/ingress");
	if (!err)
		err = dump_filters(d, TC_H_MAKE(TC_H_CLSACT, TC_H_MIN_EGRESS),
				   "clsact/egress");
	return err;
}

static __u32 show_flow_dissector(void)
{
	__u32 ids[8], cnt = 8, flags = 0, i;
	int fd;

	fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	if (bpf_prog_query(fd, BPF_FLOW_DISSECTOR, 0, &flags, ids, &cnt))
		cnt = 0;
	close(fd);
	/* The reference prints these as fields of the array (sic). */
	for (i = 0; i < cnt; i++) {
		if (json_output)
			jsonw_uint_field(json_wtr, "id", ids[i]);
		else
			printf("id %u", ids[i]);
	}
	return cnt;
}

/*
 * Netfilter links (not tied to a device): a section of their own, only
 * when there are some, so that the usual output stays the reference's.
 * sep: the previous section did not end with a blank line.
 */
static void show_netfilter(bool sep)
{
	__u32 id = 0;
	bool any = false;

	while (!bpf_link_get_next_id(id, &id)) {
		struct bpf_link_info info = {};
		__u32 len = sizeof(info);
		int fd = bpf_link_get_fd_by_id(id);

		if (fd < 0)
			continue;
		if (bpf_link_get_info_by_fd(fd, &info, &len) ||
		    info.type != BPF_LINK_TYPE_NETFILTER) {
			close(fd);
			continue;
		}
		close(fd);
		if (!any) {
			any = true;
			if (json_output) {
				jsonw_name(json_wtr, "netfilter");
				jsonw_start_array(json_wtr);
			} else {
				printf("%snetfilter:\n", sep ? "\n" : "");
			}
		}
		if (json_output) {
			jsonw_start_object(json_wtr);
			jsonw_uint_field(json_wtr, "pf", info.netfilter.pf);
			jsonw_uint_field(json_wtr, "hook", info.netfilter.hooknum);
			jsonw_int_field(json_wtr, "prio", info.netfilter.priority);
			jsonw_uint_field(json_wtr, "flags", info.netfilter.flags);
			jsonw_uint_field(json_wtr, "prog_id", info.prog_id);
			jsonw_uint_field(json_wtr, "link_id", info.id);
			jsonw_end_object(json_wtr);
		} else {
			printf("pf %u hook %u prio %d flags 0x%x prog_id %u link_id %u\n",
			       info.netfilter.pf, info.netfilter.hooknum,
			       info.netfilter.priority, info.netfilter.flags,
			       info.prog_id, info.id);
		}
	}
	if (any && json_output)
		jsonw_end_array(json_wtr);
	else if (any)
		printf("\n");
}

static int parse_dev(int *argc, char ***argv)
{
	int ifindex;

	if (!is_prefix(**argv, "dev")) {
		p_err("expected 'dev', got: '%s'?", **argv);
		return -1;
	}
	NEXT_ARGP();
	if (*argc < 1) {
		p_err("missing device name");
		return -1;
	}
	ifindex = if_nametoindex(**argv);
	if (!ifindex) {
		p_err("invalid devname %s", **argv);
		return -1;
	}
	NEXT_ARGP();
	return ifindex;
}

static int do_show(int argc, char **argv)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	struct dev_list l = { 0 };
	__u32 fd_cnt;
	size_t i;
	int err;

	if (argc == 2) {
		l.only = parse_dev(&argc, &argv);
		if (l.only < 0)
			return -1;
	} else if (argc) {
		usage();
	}
	err = nl_dump(RTM_GETLINK, &ifi, sizeof(ifi), link_msg, &l);
	if (err) {
		p_err("can't list network devices: %s", strerror(-err));
		free(l.devs);
		return -1;
	}
	if (json_output) {
		jsonw_start_array(json_wtr);
		jsonw_start_object(json_wtr);
		jsonw_name(json_wtr, "xdp");
		jsonw_start_array(json_wtr);
	} else {
		printf("xdp:\n");
	}
	for (i = 0; i < l.cnt; i++)
		show_xdp(&l.devs[i]);
	if (json_output) {
		jsonw_end_array(json_wtr);
		jsonw_name(json_wtr, "tc");
		jsonw_start_array(json_wtr);
	} else {
		printf("\ntc:\n");
	}
	for (i = 0; i < l.cnt; i++)
		show_tc(&l.devs[i]);
	if (json_output) {
		jsonw_end_array(json_wtr);
		jsonw_name(json_wtr, "flow_dissector");
		jsonw_start_array(json_wtr);
	} else {
		printf("\nflow_dissector:\n");
	}
	fd_cnt = show_flow_dissector();
	if (json_output)
		jsonw_end_array(json_wtr);
	else
		printf("\n");
	show_netfilter(fd_cnt > 0);
	if (json_output) {
		jsonw_end_object(json_wtr);
		jsonw_end_array(json_wtr);
	}
	free(l.devs);
	return 0;
}

/* ---------------------------------------------------------------- */
/* net attach / detach                                               */
/* ---------------------------------------------------------------- */

enum net_attach_type {
	NET_XDP,
	NET_XDP_GENERIC,
	NET_XDP_DRIVER,
	NET_XDP_OFFLOAD,
	NET_TCX_INGRESS,
	NET_TCX_EGRESS,
	NET_ATTACH_CNT,
};

static const char *const attach_names[NET_ATTACH_CNT] = {
	[NET_XDP]		= "xdp",
	[NET_XDP_GENERIC]	= "xdpgeneric",
	[NET_XDP_DRIVER]	= "xdpdrv",
	[NET_XDP_OFFLOAD]	= "xdpoffload",
	[NET_TCX_INGRESS]	= "tcx_ingress",
	[NET_TCX_EGRESS]	= "tcx_egress",
};

static int parse_attach_type(const char *s)
{
	int i;

	for (i = 0; i < NET_ATTACH_CNT; i++)
		if (!strcmp(s, attach_names[i]))
			return i;
	p_err("invalid net attach/detach type: %s", s);
	return -1;
}

static __u32 xdp_mode_flags(int type)
{
	switch (type) {
	case NET_XDP_GENERIC:
		return XDP_FLAGS_SKB_MODE;
	case NET_XDP_DRIVER:
		return XDP_FLAGS_DRV_MODE;
	case NET_XDP_OFFLOAD:
		return XDP_FLAGS_HW_MODE;
	default:
		return 0;
	}
}

static int do_attach(int argc, char **argv)
{
	bool overwrite = false;
	int type, prog_fd, ifindex, err;

	if (!REQ_ARGS(5))
		return -EINVAL;
	type = parse_attach_type(*argv);
	if (type < 0)
		return -EINVAL;
	NEXT_ARG();
	prog_fd = prog_parse_fd(&argc, &argv);
	if (prog_fd < 0)
		return -EINVAL;
	if (argc < 2) {
		close(prog_fd);
		p_err("expected 'dev NAME'");
		return -EINVAL;
	}
	ifindex = parse_dev(&argc, &argv);
	if (ifindex < 0) {
		close(prog_fd);
		return -EINVAL;
	}
	if (argc) {
		if (is_prefix(*argv, "overwrite")) {
			overwrite = true;
			NEXT_ARG();
		}
		if (argc) {
			close(prog_fd);
			p_err("expected 'overwrite', got: '%s'?", *argv);
			return -EINVAL;
		}
	}

	if (type == NET_TCX_INGRESS || type == NET_TCX_EGRESS) {
		enum bpf_attach_type at = type == NET_TCX_INGRESS ?
					  BPF_TCX_INGRESS : BPF_TCX_EGRESS;

		err = bpf_prog_attach_opts(prog_fd, ifindex, at, NULL);
		if (err)
			err = -errno;
	} else {
		__u32 flags = xdp_mode_flags(type);

		if (!overwrite)
			flags |= XDP_FLAGS_UPDATE_IF_NOEXIST;
		err = bpf_xdp_attach(ifindex, prog_fd, flags, NULL);
	}
	close(prog_fd);
	if (err) {
		p_err("interface %s attach failed: %s", attach_names[type],
		      strerror(-err));
		return err;
	}
	if (json_output)
		jsonw_null(json_wtr);
	return 0;
}

static int do_detach(int argc, char **argv)
{
	int type, ifindex, err;

	if (!REQ_ARGS(3))
		return -EINVAL;
	type = parse_attach_type(*argv);
	if (type < 0)
		return -EINVAL;
	NEXT_ARG();
	ifindex = parse_dev(&argc, &argv);
	if (ifindex < 0)
		return -EINVAL;
	if (argc) {
		p_err("expected no more arguments, got: '%s'?", *argv);
		return -EINVAL;
	}
	if (type == NET_TCX_INGRESS || type == NET_TCX_EGRESS) {
		enum bpf_attach_type at = type == NET_TCX_INGRESS ?
					  BPF_TCX_INGRESS : BPF_TCX_EGRESS;
		LIBBPF_OPTS(bpf_prog_query_opts, q);
		__u32 ids[64];
		unsigned int i;
		int fd;

		/* Detach every program attached there (not the links). */
		q.prog_ids = ids;
		q.count = 64;
		err = bpf_prog_query_opts(ifindex, at, &q) ? -errno : 0;
		for (i = 0; !err && i < q.count; i++) {
			fd = bpf_prog_get_fd_by_id(ids[i]);
			if (fd < 0) {
				err = -errno;
				break;
			}
			err = bpf_prog_detach_opts(fd, ifindex, at, NULL) ? -errno : 0;
			close(fd);
		}
		if (!err && !q.count)
			err = -ENOENT;
	} else {
		err = bpf_xdp_detach(ifindex, xdp_mode_flags(type), NULL);
	}
	if (err) {
		p_err("interface %s detach failed: %s", attach_names[type],
		      strerror(-err));
		return err;
	}
	if (json_output)
		jsonw_null(json_wtr);
	return 0;
}

static int do_help(int argc, char **argv)
{
	if (json_output) {
		jsonw_null(json_wtr);
		return 0;
	}
	fprintf(stderr,
		"Usage: %1$s %2$s { show | list } [dev <devname>]\n"
		"       %1$s %2$s attach ATTACH_TYPE PROG dev <devname> [ overwrite ]\n"
		"       %1$s %2$s detach ATTACH_TYPE dev <devname>\n"
		"       %1$s %2$s help\n"
		"\n"
		"       " HELP_SPEC_PROGRAM "\n"
		"       ATTACH_TYPE := { xdp | xdpgeneric | xdpdrv | xdpoffload | tcx_ingress\n"
		"                        | tcx_egress }\n"
		"       " HELP_SPEC_OPTIONS " }\n"
		"\n"
		"Note: Only xdp, tcx, tc, flow_dissector and netfilter attachments\n"
		"      are currently supported.\n"
		"      For progs attached to cgroups, use \"bpftool cgroup\"\n"
		"      to dump program attachments. For program types\n"
		"      sk_{filter,skb,msg,reuseport} and lwt/seg6, please\n"
		"      consult iproute2.\n",
		bin_name, "net");
	return 0;
}

static const struct cmd cmds[] = {
	{ "show",	do_show },
	{ "list",	do_show },
	{ "attach",	do_attach },
	{ "detach",	do_detach },
	{ "help",	do_help },
	{ 0 }
};

int do_net(int argc, char **argv)
{
	return cmd_select(cmds, argc, argv, do_help);
}
