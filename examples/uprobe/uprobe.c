// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * uprobe: puts an entry probe and a return probe on traced_add() of this
 * very program and on malloc() of the C library it runs with, then calls
 * both once per interval and prints what the probes saw: arguments on
 * entry, return values on return.
 *
 *   uprobe [-n COUNT] [-t SECONDS] [-v]
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
#include "uprobes.h"
#include "uprobes.skel.h"

static volatile sig_atomic_t stop;
static int verbose;

static void on_signal(int sig)
{
	stop = 1;
}

/* The traced function: kept out of line and visible in the symbol table
 * so the probe has an address to go to. */
__attribute__((noinline)) int traced_add(int a, int b)
{
	asm volatile("" ::: "memory");
	return a + b;
}

static int print_libbpf(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level == LIBBPF_DEBUG && !verbose)
		return 0;
	return vfprintf(stderr, fmt, ap);
}

static void usage(FILE *f, const char *prog)
{
	fprintf(f, "usage: %s [-n COUNT] [-t SECONDS] [-v]\n"
		"  -n COUNT    call the traced functions COUNT times, then stop\n"
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

/* The C library this process has mapped, from /proc/self/maps. */
static int find_libc(char *path, size_t size)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[512], *p;
	int found = 0;

	if (!f)
		return -errno;
	while (!found && fgets(line, sizeof(line), f)) {
		p = strchr(line, '/');
		if (!p || (!strstr(p, "/libc.so") && !strstr(p, "/libc-")))
			continue;
		p[strcspn(p, "\n")] = '\0';
		snprintf(path, size, "%s", p);
		found = 1;
	}
	fclose(f);
	return found ? 0 : -ENOENT;
}

static int on_event(void *ctx, void *data, size_t size)
{
	const struct uprobe_event *e = data;

	if (size < sizeof(*e))
		return 0;
	switch (e->site) {
	case SITE_ADD_ENTRY:
		printf("pid %d: traced_add(%lld, %lld)\n", e->pid, e->a, e->b);
		break;
	case SITE_ADD_RETURN:
		printf("pid %d: traced_add returned %llu\n", e->pid, e->ret);
		break;
	case SITE_MALLOC_ENTRY:
		printf("pid %d: malloc(%lld)\n", e->pid, e->a);
		break;
	case SITE_MALLOC_RETURN:
		printf("pid %d: malloc returned 0x%llx\n", e->pid, e->ret);
		break;
	}
	return 0;
}

static int attach(struct bpf_program *prog, struct bpf_link **link, const char *binary,
		  const char *func, bool ret)
{
	LIBBPF_OPTS(bpf_uprobe_opts, opts, .func_name = func, .retprobe = ret);

	*link = bpf_program__attach_uprobe_opts(prog, getpid(), binary, 0, &opts);
	if (!*link) {
		fprintf(stderr, "uprobe: cannot attach a %s to %s in %s: %s\n",
			ret ? "uretprobe" : "uprobe", func, binary, strerror(errno));
		return -errno;
	}
	return 0;
}

int main(int argc, char **argv)
{
	char self[4096], libc[4096];
	struct ring_buffer *rb = NULL;
	long count = -1, seconds = -1, i;
	struct uprobes_bpf *skel;
	time_t deadline = 0;
	ssize_t n;
	int opt, err;
	void *p;

	while ((opt = getopt(argc, argv, "n:t:vh")) != -1) {
		switch (opt) {
		case 'n':
			if (parse_num(argv[0], "count", optarg, &count))
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
	/* Line buffering now: stdio's own buffer is malloc()ed before the
	 * probes exist, not in the middle of the output. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	libbpf_set_print(print_libbpf);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);

	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n < 0) {
		fprintf(stderr, "uprobe: cannot find this program's file: %s\n", strerror(errno));
		return 1;
	}
	self[n] = '\0';
	err = find_libc(libc, sizeof(libc));
	if (err) {
		fprintf(stderr, "uprobe: cannot find the C library in /proc/self/maps: %s\n",
			strerror(-err));
		return 1;
	}

	skel = uprobes_bpf__open();
	if (!skel) {
		fprintf(stderr, "uprobe: cannot open the BPF object: %s\n", strerror(errno));
		return 1;
	}
	skel->rodata->target_pid = getpid();
	err = uprobes_bpf__load(skel);
	if (err) {
		fprintf(stderr, "uprobe: cannot load the BPF object: %s\n", strerror(-err));
		goto out;
	}
	err = attach(skel->progs.add_entry, &skel->links.add_entry, self, "traced_add", false);
	if (!err)
		err = attach(skel->progs.add_return, &skel->links.add_return, self, "traced_add", true);
	if (!err)
		err = attach(skel->progs.malloc_entry, &skel->links.malloc_entry, libc, "malloc", false);
	if (!err)
		err = attach(skel->progs.malloc_return, &skel->links.malloc_return, libc, "malloc", true);
	if (err)
		goto out;
	rb = ring_buffer__new(bpf_map__fd(skel->maps.events), on_event, NULL, NULL);
	if (!rb) {
		err = -errno;
		fprintf(stderr, "uprobe: cannot open the ring buffer: %s\n", strerror(errno));
		goto out;
	}
	printf("uprobe: probing traced_add in %s and malloc in %s\n", self, libc);

	if (seconds >= 0)
		deadline = time(NULL) + seconds;
	for (i = 0; !stop && (count < 0 || i < count); i++) {
		if (seconds >= 0 && time(NULL) >= deadline)
			break;
		printf("calling traced_add(%ld, %ld) = %d\n", i, 2 * i, traced_add(i, 2 * i));
		p = malloc(1000 + i);
		free(p);
		err = ring_buffer__poll(rb, 500);
		if (err < 0 && err != -EINTR) {
			fprintf(stderr, "uprobe: polling the ring buffer: %s\n", strerror(-err));
			goto out;
		}
		err = 0;
		if (!stop && (count < 0 || i + 1 < count))
			usleep(500000);
	}
	ring_buffer__consume(rb);
out:
	ring_buffer__free(rb);
	uprobes_bpf__destroy(skel);
	return err ? 1 : 0;
}
