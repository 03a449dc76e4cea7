// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * profile: samples what every CPU runs, FREQ times a second, with a BPF
 * program on the cpu-clock software perf event, then prints the processes
 * seen most often and, with -s, their hottest kernel and user stacks.
 *
 *   profile [-F FREQ] [-p PID] [-s] [-n TOP] [-t SECONDS] [-v]
 */
#include <errno.h>
#include <linux/perf_event.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "ksyms.h"
#include "profile.h"
#include "profile.skel.h"

static volatile sig_atomic_t stop;
static int verbose;

struct sample {
	struct profile_key key;
	unsigned long long count;
};

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
	fprintf(f, "usage: %s [-F FREQ] [-p PID] [-s] [-n TOP] [-t SECONDS] [-v]\n"
		"  -F FREQ     samples per second and CPU (1-10000, default 49)\n"
		"  -p PID      only this process\n"
		"  -s          also print the hottest stacks\n"
		"  -n TOP      how many processes/stacks to print (default 10)\n"
		"  -t SECONDS  stop after SECONDS (default: run until Ctrl-C)\n"
		"  -v          libbpf debug output\n", prog);
}

static int parse_num(const char *prog, const char *what, const char *s, long min, long max,
		     long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 10);
	if (errno || end == s || *end || *out < min || *out > max) {
		fprintf(stderr, "%s: invalid %s '%s' (%ld to %ld)\n", prog, what, s, min, max);
		return -1;
	}
	return 0;
}

static int by_count(const void *a, const void *b)
{
	const struct sample *x = a, *y = b;

	return x->count < y->count ? 1 : x->count > y->count ? -1 : 0;
}

/* Every (pid, comm, stacks) -> count entry of the samples map. */
static struct sample *read_samples(int fd, size_t *n)
{
	struct profile_key key, next, *prev = NULL;
	struct sample *all = NULL, *grown;
	size_t cap = 0;

	*n = 0;
	while (bpf_map_get_next_key(fd, prev, &next) == 0) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			grown = realloc(all, cap * sizeof(*all));
			if (!grown)
				break;
			all = grown;
		}
		if (bpf_map_lookup_elem(fd, &next, &all[*n].count) == 0) {
			all[*n].key = next;
			(*n)++;
		}
		key = next;
		prev = &key;
	}
	return all;
}

static void print_processes(const struct sample *s, size_t n, long top)
{
	struct sample *procs = calloc(n ? n : 1, sizeof(*procs));
	unsigned long long total = 0;
	size_t np = 0, i, j;

	if (!procs)
		return;
	/* Fold the stacks away: one row per pid and name. */
	for (i = 0; i < n; i++) {
		total += s[i].count;
		for (j = 0; j < np; j++)
			if (procs[j].key.pid == s[i].key.pid &&
			    !strcmp(procs[j].key.comm, s[i].key.comm))
				break;
		if (j == np)
			procs[np++].key = s[i].key;
		procs[j].count += s[i].count;
	}
	qsort(procs, np, sizeof(*procs), by_count);
	printf("%llu samples\n%-8s %-16s %8s %6s\n", total, "PID", "COMM", "SAMPLES", "%");
	for (i = 0; i < np && (long)i < top; i++)
		printf("%-8u %-16s %8llu %5.1f%%\n", procs[i].key.pid, procs[i].key.comm,
		       procs[i].count, 100.0 * procs[i].count / (total ? total : 1));
	free(procs);
}

static void print_stack(int fd, int id, const struct ksyms *ks, const char *what)
{
	__u64 ips[PROFILE_MAX_DEPTH] = {};
	unsigned long long off;
	const char *name;
	int i;

	if (id < 0) {
		printf("    [%s stack not available]\n", what);
		return;
	}
	if (bpf_map_lookup_elem(fd, &id, ips)) {
		printf("    [%s stack lost]\n", what);
		return;
	}
	for (i = 0; i < PROFILE_MAX_DEPTH && ips[i]; i++) {
		name = ks ? ksyms_find(ks, ips[i], &off) : NULL;
		if (name)
			printf("    %#llx %s+%#llx\n", (unsigned long long)ips[i], name, off);
		else
			printf("    %#llx\n", (unsigned long long)ips[i]);
	}
}

static void print_stacks(struct sample *s, size_t n, long top, int stack_fd)
{
	struct ksyms *ks = ksyms_load();
	size_t i;

	qsort(s, n, sizeof(*s), by_count);
	for (i = 0; i < n && (long)i < top; i++) {
		printf("\n%s (%u): %llu samples\n", s[i].key.comm, s[i].key.pid, s[i].count);
		if (s[i].key.kstack >= 0)
			print_stack(stack_fd, s[i].key.kstack, ks, "kernel");
		print_stack(stack_fd, s[i].key.ustack, NULL, "user");
	}
	ksyms_free(ks);
}

int main(int argc, char **argv)
{
	long freq = 49, pid = 0, top = 10, seconds = -1;
	struct bpf_link **links = NULL;
	int ncpu, cpu, attached = 0, opt, err, pfd;
	struct perf_event_attr attr;
	struct profile_bpf *skel;
	struct sample *samples;
	int stacks = 0;
	time_t deadline = 0;
	size_t n;

	while ((opt = getopt(argc, argv, "F:p:sn:t:vh")) != -1) {
		switch (opt) {
		case 'F':
			if (parse_num(argv[0], "frequency", optarg, 1, 10000, &freq))
				return 2;
			break;
		case 'p':
			if (parse_num(argv[0], "pid", optarg, 1, 0x7fffffff, &pid))
				return 2;
			break;
		case 's':
			stacks = 1;
			break;
		case 'n':
			if (parse_num(argv[0], "count", optarg, 1, 100000, &top))
				return 2;
			break;
		case 't':
			if (parse_num(argv[0], "number of seconds", optarg, 0, 0x7fffffff, &seconds))
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

	ncpu = libbpf_num_possible_cpus();
	if (ncpu <= 0) {
		fprintf(stderr, "profile: cannot count the CPUs: %s\n", strerror(-ncpu));
		return 1;
	}
	links = calloc(ncpu, sizeof(*links));
	if (!links)
		return 1;
	skel = profile_bpf__open();
	if (!skel) {
		fprintf(stderr, "profile: cannot open the BPF object: %s\n", strerror(errno));
		free(links);
		return 1;
	}
	skel->rodata->target_pid = pid;
	skel->rodata->with_stacks = stacks;
	err = profile_bpf__load(skel);
	if (err) {
		fprintf(stderr, "profile: cannot load the BPF object: %s\n", strerror(-err));
		goto out;
	}

	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = PERF_TYPE_SOFTWARE;
	attr.config = PERF_COUNT_SW_CPU_CLOCK;
	attr.freq = 1;
	attr.sample_freq = freq;
	for (cpu = 0; cpu < ncpu; cpu++) {
		pfd = syscall(__NR_perf_event_open, &attr, -1, cpu, -1, PERF_FLAG_FD_CLOEXEC);
		if (pfd < 0) {
			if (errno == ENODEV)	/* possible but offline */
				continue;
			err = -errno;
			fprintf(stderr, "profile: perf_event_open on CPU %d: %s\n", cpu, strerror(errno));
			goto out;
		}
		/* The link owns the perf event fd from here on. */
		links[cpu] = bpf_program__attach_perf_event(skel->progs.on_sample, pfd);
		if (!links[cpu]) {
			err = -errno;
			fprintf(stderr, "profile: cannot attach on CPU %d: %s\n", cpu, strerror(errno));
			close(pfd);
			goto out;
		}
		attached++;
	}
	printf("profile: sampling %d CPUs at %ld Hz%s\n", attached, freq,
	       seconds < 0 ? ", Ctrl-C to stop" : "");
	fflush(stdout);

	if (seconds >= 0)
		deadline = time(NULL) + seconds;
	while (!stop && (seconds < 0 || time(NULL) < deadline))
		usleep(100000);

	/* Stop sampling before reading, so the numbers add up. */
	for (cpu = 0; cpu < ncpu; cpu++) {
		bpf_link__destroy(links[cpu]);
		links[cpu] = NULL;
	}
	samples = read_samples(bpf_map__fd(skel->maps.samples), &n);
	print_processes(samples, n, top);
	if (stacks)
		print_stacks(samples, n, top, bpf_map__fd(skel->maps.stacks));
	free(samples);
out:
	for (cpu = 0; cpu < ncpu; cpu++)
		bpf_link__destroy(links[cpu]);
	free(links);
	profile_bpf__destroy(skel);
	return err ? 1 : 0;
}
