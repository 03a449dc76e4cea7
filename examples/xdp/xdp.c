// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * xdp: attaches an XDP program to a network device, counts the packets it
 * receives per protocol and, with -d, drops some protocols.  Prints the
 * counts every second and a table at the end.
 *
 *   xdp [-d PROTO]... [-t SECONDS] [-v] IFNAME
 *   PROTO: icmp tcp udp icmpv6 arp other-ip other
 */
#include <errno.h>
#include <net/if.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "proto.h"
#include "xdpcount.skel.h"

static const char *const class_names[PKT_CLASSES] = {
	[PKT_ICMP] = "icmp", [PKT_TCP] = "tcp", [PKT_UDP] = "udp",
	[PKT_ICMPV6] = "icmpv6", [PKT_ARP] = "arp",
	[PKT_OTHER_IP] = "other-ip", [PKT_OTHER] = "other",
};

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
	fprintf(f, "usage: %s [-d PROTO]... [-t SECONDS] [-v] IFNAME\n"
		"  -d PROTO    drop packets of PROTO: icmp tcp udp icmpv6 arp other-ip other\n"
		"  -t SECONDS  stop after SECONDS (default: run until Ctrl-C)\n"
		"  -v          libbpf debug output\n", prog);
}

/* Sum of one class's per-CPU counters. */
static unsigned long long sum_class(int map_fd, __u32 class)
{
	int ncpu = libbpf_num_possible_cpus();
	unsigned long long total = 0;
	__u64 *vals;
	int i;

	if (ncpu <= 0)
		return 0;
	vals = calloc(ncpu, sizeof(*vals));
	if (!vals)
		return 0;
	if (bpf_map_lookup_elem(map_fd, &class, vals) == 0)
		for (i = 0; i < ncpu; i++)
			total += vals[i];
	free(vals);
	return total;
}

static void print_line(struct xdpcount_bpf *skel)
{
	int pfd = bpf_map__fd(skel->maps.packets);
	__u32 c;

	printf("packets:");
	for (c = 0; c < PKT_CLASSES; c++)
		printf(" %s=%llu", class_names[c], sum_class(pfd, c));
	printf("\n");
	fflush(stdout);
}

static void print_table(struct xdpcount_bpf *skel)
{
	int pfd = bpf_map__fd(skel->maps.packets), dfd = bpf_map__fd(skel->maps.dropped);
	__u32 c;

	printf("%-9s %10s %10s\n", "PROTO", "PACKETS", "DROPPED");
	for (c = 0; c < PKT_CLASSES; c++)
		printf("%-9s %10llu %10llu\n", class_names[c], sum_class(pfd, c), sum_class(dfd, c));
}

int main(int argc, char **argv)
{
	struct xdpcount_bpf *skel;
	long seconds = -1, i;
	unsigned int ifindex;
	__u32 drop = 0, c;
	int opt, err;
	char *end;

	while ((opt = getopt(argc, argv, "d:t:vh")) != -1) {
		switch (opt) {
		case 'd':
			for (c = 0; c < PKT_CLASSES; c++)
				if (!strcmp(optarg, class_names[c]))
					break;
			if (c == PKT_CLASSES) {
				fprintf(stderr, "%s: unknown protocol '%s'\n", argv[0], optarg);
				usage(stderr, argv[0]);
				return 2;
			}
			drop |= 1u << c;
			break;
		case 't':
			errno = 0;
			seconds = strtol(optarg, &end, 10);
			if (errno || end == optarg || *end || seconds < 0) {
				fprintf(stderr, "%s: invalid number of seconds '%s'\n", argv[0], optarg);
				return 2;
			}
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

	skel = xdpcount_bpf__open();
	if (!skel) {
		fprintf(stderr, "xdp: cannot open the BPF object: %s\n", strerror(errno));
		return 1;
	}
	skel->rodata->drop_mask = drop;
	err = xdpcount_bpf__load(skel);
	if (err) {
		fprintf(stderr, "xdp: cannot load the BPF object: %s\n", strerror(-err));
		goto out;
	}
	/* A link: the program leaves the device when the link is destroyed,
	 * even if this process is killed. */
	skel->links.xdp_count = bpf_program__attach_xdp(skel->progs.xdp_count, ifindex);
	if (!skel->links.xdp_count) {
		err = -errno;
		fprintf(stderr, "xdp: cannot attach to '%s': %s\n", argv[optind], strerror(errno));
		goto out;
	}
	printf("xdp: counting packets on %s (ifindex %u)%s\n", argv[optind], ifindex,
	       drop ? ", dropping some" : "");
	fflush(stdout);

	for (i = 0; !stop && (seconds < 0 || i < seconds); i++) {
		sleep(1);
		print_line(skel);
	}
	print_table(skel);
out:
	xdpcount_bpf__destroy(skel);
	return err ? 1 : 0;
}
