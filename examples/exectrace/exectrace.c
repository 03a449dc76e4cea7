// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * exectrace: prints every exec and process exit on the system, read from
 * a BPF ring buffer.  -d MS reports only the exits of processes that ran
 * at least MS milliseconds (set in the program's .rodata before load).
 *
 *   exectrace [-d MS] [-t SECONDS] [-v]
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <bpf/libbpf.h>
#include "exectrace.h"
#include "exectrace.skel.h"

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
	fprintf(f, "usage: %s [-d MS] [-t SECONDS] [-v]\n"
		"  -d MS       only report exits of processes that ran at least MS ms\n"
		"              (exec events are then not reported)\n"
		"  -t SECONDS  stop after SECONDS (default: run until Ctrl-C)\n"
		"  -v          libbpf debug output\n", prog);
}

static int parse_num(const char *prog, const char *what, const char *s, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 10);
	if (errno || end == s || *end || *out < 0) {
		fprintf(stderr, "%s: invalid %s '%s'\n", prog, what, s);
		return -1;
	}
	return 0;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int on_event(void *ctx, void *data, size_t size)
{
	const struct exectrace_event *e = data;
	char stamp[16];
	time_t t = time(NULL);

	if (size < sizeof(*e))
		return 0;
	strftime(stamp, sizeof(stamp), "%H:%M:%S", localtime(&t));
	if (e->kind == EXECTRACE_EXEC) {
		printf("%-8s %-5s %-16s %-7d %-7d %s\n", stamp, "EXEC", e->comm,
		       e->pid, e->ppid, e->path);
	} else {
		printf("%-8s %-5s %-16s %-7d %-7d [%u]", stamp, "EXIT", e->comm,
		       e->pid, e->ppid, e->exit_code);
		if (e->duration_ns)
			printf(" (%llums)", e->duration_ns / 1000000ULL);
		printf("\n");
	}
	fflush(stdout);
	return 0;
}

int main(int argc, char **argv)
{
	struct ring_buffer *rb = NULL;
	struct exectrace_bpf *skel;
	long min_ms = 0, seconds = -1;
	double deadline = 0;
	int opt, err;

	while ((opt = getopt(argc, argv, "d:t:vh")) != -1) {
		switch (opt) {
		case 'd':
			if (parse_num(argv[0], "duration", optarg, &min_ms))
				return 2;
			break;
		case 't':
			if (parse_num(argv[0], "number of seconds", optarg, &seconds))
				return 2;
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

	skel = exectrace_bpf__open();
	if (!skel) {
		fprintf(stderr, "exectrace: cannot open the BPF object: %s\n", strerror(errno));
		return 1;
	}
	skel->rodata->min_duration_ns = (unsigned long long)min_ms * 1000000ULL;
	err = exectrace_bpf__load(skel);
	if (err) {
		fprintf(stderr, "exectrace: cannot load the BPF object: %s\n", strerror(-err));
		goto out;
	}
	err = exectrace_bpf__attach(skel);
	if (err) {
		fprintf(stderr, "exectrace: cannot attach: %s\n", strerror(-err));
		goto out;
	}
	rb = ring_buffer__new(bpf_map__fd(skel->maps.events), on_event, NULL, NULL);
	if (!rb) {
		err = -errno;
		fprintf(stderr, "exectrace: cannot open the ring buffer: %s\n", strerror(errno));
		goto out;
	}

	printf("%-8s %-5s %-16s %-7s %-7s %s\n", "TIME", "EVENT", "COMM", "PID", "PPID",
	       "FILENAME/EXIT CODE");
	fflush(stdout);
	if (seconds >= 0)
		deadline = now_s() + seconds;
	while (!stop && (seconds < 0 || now_s() < deadline)) {
		err = ring_buffer__poll(rb, 100);
		if (err == -EINTR) {
			err = 0;
			continue;
		}
		if (err < 0) {
			fprintf(stderr, "exectrace: polling the ring buffer: %s\n", strerror(-err));
			goto out;
		}
		err = 0;
	}
out:
	ring_buffer__free(rb);
	exectrace_bpf__destroy(skel);
	return err ? 1 : 0;
}
