// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * minimal: loads a tracepoint program through its skeleton, writes a line
 * every second, and prints how many write() calls the program has counted
 * (a global variable in .bss, read straight from the mmaped map).
 *
 *   minimal [-t SECONDS] [-a] [-v]
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/libbpf.h>
#include "minimal.skel.h"

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
	fprintf(f, "usage: %s [-t SECONDS] [-a] [-v]\n"
		"  -t SECONDS  stop after SECONDS (default: run until Ctrl-C)\n"
		"  -a          count the writes of every process, not only ours\n"
		"  -v          libbpf debug output\n", prog);
}

int main(int argc, char **argv)
{
	struct minimal_bpf *skel;
	long seconds = -1, i;
	int all = 0, opt, err;
	char *end;

	while ((opt = getopt(argc, argv, "t:avh")) != -1) {
		switch (opt) {
		case 't':
			errno = 0;
			seconds = strtol(optarg, &end, 10);
			if (errno || *end || seconds < 0) {
				fprintf(stderr, "%s: invalid number of seconds '%s'\n", argv[0], optarg);
				return 2;
			}
			break;
		case 'a':
			all = 1;
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
	if (optind != argc) {
		fprintf(stderr, "%s: unexpected argument '%s'\n", argv[0], argv[optind]);
		usage(stderr, argv[0]);
		return 2;
	}
	libbpf_set_print(print_libbpf);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);

	skel = minimal_bpf__open();
	if (!skel) {
		fprintf(stderr, "minimal: cannot open the BPF object: %s\n", strerror(errno));
		return 1;
	}
	skel->rodata->target_pid = all ? 0 : getpid();
	err = minimal_bpf__load(skel);
	if (err) {
		fprintf(stderr, "minimal: cannot load the BPF object: %s\n", strerror(-err));
		goto out;
	}
	err = minimal_bpf__attach(skel);
	if (err) {
		fprintf(stderr, "minimal: cannot attach: %s\n", strerror(-err));
		goto out;
	}
	printf("minimal: counting write() calls of %s; see the messages with\n"
	       "  cat /sys/kernel/tracing/trace_pipe\n", all ? "every process" : "this process");
	fflush(stdout);

	for (i = 0; !stop && (seconds < 0 || i < seconds); i++) {
		/* The write this loop makes is what the program counts. */
		printf("writes counted: %llu\n", (unsigned long long)skel->bss->writes);
		fflush(stdout);
		sleep(1);
	}
	printf("writes counted: %llu\n", (unsigned long long)skel->bss->writes);
out:
	minimal_bpf__destroy(skel);
	return err ? 1 : 0;
}
