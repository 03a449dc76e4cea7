// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * opensnoop: prints pid, command and path of every openat() call.
 *
 *   opensnoop [-p PID] [-P] [-t SECONDS] [-v]
 *
 * -P reads the events from a perf buffer instead of the ring buffer.
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
#include "opensnoop.h"
#include "opensnoop.skel.h"

static volatile sig_atomic_t stop;
static int verbose;
static unsigned long lost;

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
	fprintf(f, "usage: %s [-p PID] [-P] [-t SECONDS] [-v]\n"
		"  -p PID      only this process\n"
		"  -P          use a perf buffer instead of the ring buffer\n"
		"  -t SECONDS  stop after SECONDS (default: run until Ctrl-C)\n"
		"  -v          libbpf debug output\n", prog);
}

static int parse_num(const char *prog, const char *what, const char *s, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 10);
	if (errno || end == s || *end || *out < 0 || *out > 0x7fffffff) {
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

static void show(const struct opensnoop_event *e)
{
	printf("%-7d %-16s %s\n", e->pid, e->comm, e->path);
	fflush(stdout);
}

static int on_ring(void *ctx, void *data, size_t size)
{
	if (size >= sizeof(struct opensnoop_event))
		show(data);
	return 0;
}

static void on_perf(void *ctx, int cpu, void *data, __u32 size)
{
	if (size >= sizeof(struct opensnoop_event))
		show(data);
}

static void on_lost(void *ctx, int cpu, __u64 n)
{
	lost += n;
}

int main(int argc, char **argv)
{
	struct perf_buffer *pb = NULL;
	struct ring_buffer *rb = NULL;
	struct opensnoop_bpf *skel;
	long pid = 0, seconds = -1;
	int use_perf = 0, opt, err;
	double deadline = 0;

	while ((opt = getopt(argc, argv, "p:Pt:vh")) != -1) {
		switch (opt) {
		case 'p':
			if (parse_num(argv[0], "pid", optarg, &pid))
				return 2;
			break;
		case 'P':
			use_perf = 1;
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

	skel = opensnoop_bpf__open();
	if (!skel) {
		fprintf(stderr, "opensnoop: cannot open the BPF object: %s\n", strerror(errno));
		return 1;
	}
	skel->rodata->target_pid = pid;
	skel->rodata->use_perfbuf = use_perf;
	err = opensnoop_bpf__load(skel);
	if (err) {
		fprintf(stderr, "opensnoop: cannot load the BPF object: %s\n", strerror(-err));
		goto out;
	}
	err = opensnoop_bpf__attach(skel);
	if (err) {
		fprintf(stderr, "opensnoop: cannot attach: %s\n", strerror(-err));
		goto out;
	}
	if (use_perf)
		pb = perf_buffer__new(bpf_map__fd(skel->maps.perf), 64, on_perf, on_lost, NULL, NULL);
	else
		rb = ring_buffer__new(bpf_map__fd(skel->maps.ring), on_ring, NULL, NULL);
	if (!pb && !rb) {
		err = -errno;
		fprintf(stderr, "opensnoop: cannot open the %s buffer: %s\n",
			use_perf ? "perf" : "ring", strerror(errno));
		goto out;
	}

	printf("%-7s %-16s %s\n", "PID", "COMM", "FILE");
	fflush(stdout);
	if (seconds >= 0)
		deadline = now_s() + seconds;
	while (!stop && (seconds < 0 || now_s() < deadline)) {
		err = pb ? perf_buffer__poll(pb, 100) : ring_buffer__poll(rb, 100);
		if (err == -EINTR) {
			err = 0;
			continue;
		}
		if (err < 0) {
			fprintf(stderr, "opensnoop: polling: %s\n", strerror(-err));
			goto out;
		}
		err = 0;
	}
	if (lost)
		fprintf(stderr, "opensnoop: %lu events lost\n", lost);
out:
	perf_buffer__free(pb);
	ring_buffer__free(rb);
	opensnoop_bpf__destroy(skel);
	return err ? 1 : 0;
}
