// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * lskel: counts system calls per process with a BTF tracepoint loaded
 * through a light skeleton.  No libbpf: the skeleton embeds a loader
 * program that creates the maps and loads the program inside the kernel,
 * and everything else here is the bpf() syscall through the helpers of
 * <bpf/skel_internal.h>.
 *
 * Every second it makes a few getpid() calls, and prints how many system
 * calls it has seen in total and how many getpid() calls of its own (both
 * read from .bss); at the end, the processes that made the most system
 * calls (read from a hash map with BPF_MAP_GET_NEXT_KEY/LOOKUP_ELEM).
 *
 *   lskel [-d SECONDS] [-n ROWS] [-v]
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "lskel.lskel.h"
#include "lskel.h"

#define GETPIDS_PER_TICK	5
#define LOG_SIZE		(1 << 20)

struct proc_row {
	__u32 pid;
	struct lskel_proc val;
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	stop = 1;
}

static void usage(FILE *f, const char *prog)
{
	fprintf(f, "usage: %s [-d SECONDS] [-n ROWS] [-v]\n"
		"  -d SECONDS  stop after SECONDS (also -t; default: run until Ctrl-C)\n"
		"  -n ROWS     processes listed at the end (default 10, 0: all)\n"
		"  -v          print the verifier log of the load\n", prog);
}

static int parse_count(const char *prog, const char *what, const char *arg, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(arg, &end, 10);
	if (errno || end == arg || *end || *out < 0) {
		fprintf(stderr, "%s: invalid number of %s '%s'\n", prog, what, arg);
		return -1;
	}
	return 0;
}

/* The bpf() commands skel_internal.h has no helper for. */
static int map_get_next_key(int fd, const void *key, void *next_key)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_fd = fd;
	attr.key = (__u64)(unsigned long)key;
	attr.next_key = (__u64)(unsigned long)next_key;
	return skel_sys_bpf(BPF_MAP_GET_NEXT_KEY, &attr, sizeof(attr));
}

static int map_lookup_elem(int fd, const void *key, void *value)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_fd = fd;
	attr.key = (__u64)(unsigned long)key;
	attr.value = (__u64)(unsigned long)value;
	return skel_sys_bpf(BPF_MAP_LOOKUP_ELEM, &attr, sizeof(attr));
}

static int by_calls(const void *a, const void *b)
{
	const struct proc_row *x = a, *y = b;

	if (x->val.calls != y->val.calls)
		return x->val.calls < y->val.calls ? 1 : -1;
	return x->pid < y->pid ? -1 : x->pid > y->pid;
}

/* Walks the "procs" map; returns the number of rows or -errno. */
static int read_procs(int fd, struct proc_row *rows, int max)
{
	__u32 key, next;
	void *prev = NULL;
	int n = 0;

	while (n < max && !map_get_next_key(fd, prev, &next)) {
		key = next;
		prev = &key;
		/* ENOENT: the process' entry went away meanwhile */
		if (map_lookup_elem(fd, &key, &rows[n].val)) {
			if (errno == ENOENT)
				continue;
			return -errno;
		}
		rows[n++].pid = key;
	}
	if (n < max && errno != ENOENT)
		return -errno;
	return n;
}

static void print_table(struct lskel_bpf *skel, long rows, pid_t self)
{
	static struct proc_row procs[LSKEL_MAX_PROCS];
	int n, i;

	n = read_procs(skel->maps.procs.map_fd, procs, LSKEL_MAX_PROCS);
	if (n < 0) {
		fprintf(stderr, "lskel: cannot read the procs map: %s\n", strerror(-n));
		return;
	}
	qsort(procs, n, sizeof(procs[0]), by_calls);
	printf("%d processes made system calls; %s:\n", n,
	       rows && rows < n ? "the busiest" : "all of them");
	printf("%8s %-16s %12s\n", "PID", "COMM", "SYSCALLS");
	for (i = 0; i < n; i++) {
		if (rows && i >= rows && procs[i].pid != (__u32)self)
			continue;
		printf("%8u %-16.16s %12llu%s\n", procs[i].pid, procs[i].val.comm,
		       (unsigned long long)procs[i].val.calls,
		       procs[i].pid == (__u32)self ? "  <- this process" : "");
	}
}

int main(int argc, char **argv)
{
	long seconds = -1, rows = 10, tick, made = 0;
	struct lskel_bpf *skel;
	pid_t self = getpid();
	int verbose = 0, opt, err, i;
	char *log = NULL;

	while ((opt = getopt(argc, argv, "d:t:n:vh")) != -1) {
		switch (opt) {
		case 'd':
		case 't':
			if (parse_count(argv[0], "seconds", optarg, &seconds))
				return 2;
			break;
		case 'n':
			if (parse_count(argv[0], "rows", optarg, &rows))
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
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);

	skel = lskel_bpf__open();
	if (!skel) {
		fprintf(stderr, "lskel: cannot open the light skeleton: %s\n", strerror(errno));
		return 1;
	}
	/* Read-only data is set before the load, as with a full skeleton. */
	skel->rodata->target_pid = self;
	skel->rodata->getpid_nr = SYS_getpid;
	if (verbose) {
		log = calloc(1, LOG_SIZE);
		if (log) {
			skel->ctx.log_level = 1;
			skel->ctx.log_size = LOG_SIZE;
			skel->ctx.log_buf = (__u64)(unsigned long)log;
		}
	}
	err = lskel_bpf__load(skel);
	if (log && log[0])
		fprintf(stderr, "%s", log);
	if (err) {
		fprintf(stderr, "lskel: cannot load the BPF programs: %s%s\n", strerror(-err),
			verbose ? "" : " (-v shows the verifier log)");
		goto out;
	}
	err = lskel_bpf__attach(skel);
	if (err) {
		fprintf(stderr, "lskel: cannot attach to sys_enter: %s\n", strerror(-err));
		goto out;
	}
	printf("lskel: counting system calls per process (pid %d makes %d getpid() calls a second)\n",
	       (int)self, GETPIDS_PER_TICK);
	fflush(stdout);

	for (tick = 0; !stop && (seconds < 0 || tick < seconds); tick++) {
		for (i = 0; i < GETPIDS_PER_TICK; i++) {
			/* not glibc's getpid(): that one could be answered from a cache */
			syscall(SYS_getpid);
			made++;
		}
		printf("syscalls seen: %llu, getpid() of pid %d: %llu seen, %ld made\n",
		       (unsigned long long)skel->bss->total_calls, (int)self,
		       (unsigned long long)skel->bss->target_getpids, made);
		fflush(stdout);
		sleep(1);
	}
	/* No more system calls counted from here on: what follows is stable. */
	lskel_bpf__detach(skel);
	printf("total: %llu syscalls seen, getpid() of pid %d: %llu seen, %ld made",
	       (unsigned long long)skel->bss->total_calls, (int)self,
	       (unsigned long long)skel->bss->target_getpids, made);
	if (skel->bss->dropped)
		printf(", %llu calls not counted per process (map full)",
		       (unsigned long long)skel->bss->dropped);
	printf("\n");
	print_table(skel, rows, self);
out:
	lskel_bpf__destroy(skel);
	free(log);
	return err ? 1 : 0;
}
