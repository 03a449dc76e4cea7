// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * tc: attaches a classifier to the ingress of a network device, with a
 * tcx link (Linux 6.6+) or, with -L, as a classic tc filter on a clsact
 * qdisc, and prints what it counted every second.
 *
 *   tc [-m MARK] [-L] [-t SECONDS] [-v] IFNAME
 */
#include <errno.h>
#include <net/if.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/libbpf.h>
#include "tcmark.h"
#include "tcmark.skel.h"

static volatile sig_atomic_t stop;
static int verbose;

static void on_signal(int sig)
{
	stop = 1;
}

static int print_libbpf(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level == LIBBPF_DEBUG && !verbose)
		return 0;
	return vfprintf(stderr, fmt, ap);
}

static void usage(FILE *f, const char *prog)
{
	fprintf(f, "usage: %s [-m MARK] [-L] [-t SECONDS] [-v] IFNAME\n"
		"  -m MARK     set skb->mark to MARK on IPv4/IPv6 packets\n"
		"  -L          classic tc (clsact qdisc + filter) instead of a tcx link\n"
		"  -t SECONDS  stop after SECONDS (default: run until Ctrl-C)\n"
		"  -v          libbpf debug output\n", prog);
}

static int parse_u32(const char *prog, const char *what, const char *s, unsigned long *out)
{
	char *end;

	errno = 0;
	*out = strtoul(s, &end, 0);
	if (errno || end == s || *end || *s == '-' || *out > 0xffffffffUL) {
		fprintf(stderr, "%s: invalid %s '%s'\n", prog, what, s);
		return -1;
	}
	return 0;
}

static void print_counts(const struct tcmark_counts *c)
{
	printf("packets=%llu bytes=%llu ipv4=%llu ipv6=%llu marked=%llu\n",
	       c->packets, c->bytes, c->ipv4, c->ipv6, c->marked);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	DECLARE_LIBBPF_OPTS(bpf_tc_hook, hook, .attach_point = BPF_TC_INGRESS);
	DECLARE_LIBBPF_OPTS(bpf_tc_opts, filter, .handle = 1, .priority = 1);
	unsigned long mark = 0, seconds = 0;
	int legacy = 0, timed = 0, opt, err;
	bool hook_created = false, filter_attached = false;
	struct tcmark_bpf *skel;
	unsigned int ifindex;
	unsigned long i;

	while ((opt = getopt(argc, argv, "m:Lt:vh")) != -1) {
		switch (opt) {
		case 'm':
			if (parse_u32(argv[0], "mark", optarg, &mark))
				return 2;
			break;
		case 'L':
			legacy = 1;
			break;
		case 't':
			if (parse_u32(argv[0], "number of seconds", optarg, &seconds))
				return 2;
			timed = 1;
			break;
		case 'v':
			verbose = 1;
			break;
		case 'h':
			usage(stdout, argv[0]);
			return 0;
		default:
			usage(stderr, argv[0]);
			return 2;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, "%s: %s\n", argv[0],
			optind == argc ? "no network device given" : "too many arguments");
		usage(stderr, argv[0]);
		return 2;
	}
	ifindex = if_nametoindex(argv[optind]);
	if (!ifindex) {
		fprintf(stderr, "%s: no network device '%s': %s\n", argv[0], argv[optind],
			strerror(errno));
		return 1;
	}
	libbpf_set_print(print_libbpf);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);

	skel = tcmark_bpf__open();
	if (!skel) {
		fprintf(stderr, "tc: cannot open the BPF object: %s\n", strerror(errno));
		return 1;
	}
	skel->rodata->mark = mark;
	err = tcmark_bpf__load(skel);
	if (err) {
		fprintf(stderr, "tc: cannot load the BPF object: %s\n", strerror(-err));
		goto out;
	}
	if (legacy) {
		hook.ifindex = ifindex;
		/* An existing clsact qdisc is fine; only remove one made here. */
		err = bpf_tc_hook_create(&hook);
		if (err && err != -EEXIST) {
			fprintf(stderr, "tc: cannot create the clsact qdisc on '%s': %s\n",
				argv[optind], strerror(-err));
			goto out;
		}
		hook_created = !err;
		filter.prog_fd = bpf_program__fd(skel->progs.tc_ingress);
		err = bpf_tc_attach(&hook, &filter);
		if (err) {
			fprintf(stderr, "tc: cannot attach the filter to '%s': %s\n",
				argv[optind], strerror(-err));
			goto out;
		}
		filter_attached = true;
	} else {
		skel->links.tc_ingress = bpf_program__attach_tcx(skel->progs.tc_ingress, ifindex, NULL);
		if (!skel->links.tc_ingress) {
			err = -errno;
			fprintf(stderr, "tc: cannot attach tcx ingress on '%s': %s\n", argv[optind],
				strerror(errno));
			goto out;
		}
	}
	printf("tc: counting ingress packets on %s (%s)", argv[optind],
	       legacy ? "clsact filter" : "tcx link");
	if (mark)
		printf(", marking them 0x%lx", mark);
	printf("\n");
	fflush(stdout);

	for (i = 0; !stop && (!timed || i < seconds); i++) {
		sleep(1);
		print_counts(&skel->bss->counts);
	}
	if (!stop && timed && !seconds)
		print_counts(&skel->bss->counts);
out:
	if (filter_attached) {
		filter.prog_fd = 0;
		filter.prog_id = 0;
		filter.flags = 0;
		bpf_tc_detach(&hook, &filter);
	}
	if (hook_created) {
		hook.attach_point = BPF_TC_INGRESS | BPF_TC_EGRESS;
		bpf_tc_hook_destroy(&hook);
	}
	tcmark_bpf__destroy(skel);
	return err ? 1 : 0;
}
