// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * iter: lists the tasks of the system with a BPF task iterator.  The
 * iterator's link gives, through bpf_iter_create(), a file whose read()
 * runs the program over every task; its text goes to stdout.
 *
 *   iter [-T] [-v]
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "taskiter.skel.h"

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
	fprintf(f, "usage: %s [-T] [-v]\n"
		"  -T  one line per thread, not per process\n"
		"  -v  libbpf debug output\n", prog);
}

int main(int argc, char **argv)
{
	struct taskiter_bpf *skel;
	int threads = 0, opt, err, fd = -1;
	char buf[4096];
	ssize_t n;

	while ((opt = getopt(argc, argv, "Tvh")) != -1) {
		switch (opt) {
		case 'T':
			threads = 1;
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

	skel = taskiter_bpf__open();
	if (!skel) {
		fprintf(stderr, "iter: cannot open the BPF object: %s\n", strerror(errno));
		return 1;
	}
	skel->rodata->all_threads = threads;
	err = taskiter_bpf__load(skel);
	if (err) {
		fprintf(stderr, "iter: cannot load the BPF object: %s\n", strerror(-err));
		goto out;
	}
	/* SEC("iter/task") attaches by itself: the link is an iterator link. */
	err = taskiter_bpf__attach(skel);
	if (err) {
		fprintf(stderr, "iter: cannot attach: %s\n", strerror(-err));
		goto out;
	}
	fd = bpf_iter_create(bpf_link__fd(skel->links.list_tasks));
	if (fd < 0) {
		err = -errno;
		fprintf(stderr, "iter: cannot create the iterator: %s\n", strerror(errno));
		goto out;
	}
	printf("%-8s %-8s %-8s %s\n", "PID", "TID", "PPID", "COMM");
	fflush(stdout);
	while (!stop && (n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			fprintf(stderr, "iter: read: %s\n", strerror(errno));
			goto out;
		}
		if (fwrite(buf, 1, n, stdout) != (size_t)n) {
			err = -EIO;
			goto out;
		}
	}
out:
	if (fd >= 0)
		close(fd);
	taskiter_bpf__destroy(skel);
	return err ? 1 : 0;
}
