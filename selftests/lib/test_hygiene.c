// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Resource hygiene of the library (docs/robustness.md):
 *  - every fd it makes is O_CLOEXEC: with an object loaded and attached and
 *    a ring buffer and a perf buffer open, each new fd has FD_CLOEXEC, and a
 *    fork+exec'd child (this executable again, see child_list_fds()) sees
 *    only 0, 1 and 2 (and whatever fds without O_CLOEXEC the test itself
 *    inherited, e.g. from ctest or a CI shell);
 *  - open/load/attach/destroy cycles leave the fd count, the bytes in use
 *    by malloc and the RSS flat.  BPFKIT_HYGIENE_CYCLES sets the number of
 *    cycles (1000; 200 under ASan, whose quarantine makes RSS meaningless,
 *    so there only the fd count and malloc's figures are checked and LSan
 *    does the rest).
 */
#include <dirent.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"
#include "../fault/cycle.h"

#if defined(__SANITIZE_ADDRESS__)
#define HYGIENE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HYGIENE_ASAN 1
#endif
#endif
#ifndef HYGIENE_ASAN
#define HYGIENE_ASAN 0
#endif

#define CHILD_ENV "BPFKIT_HYGIENE_LIST_FDS"

/*
 * The exec'd child: print its open fds (but the directory's own) and leave
 * before the test runner starts.
 */
__attribute__((constructor)) static void child_list_fds(void)
{
	struct dirent *de;
	DIR *d;

	if (!getenv(CHILD_ENV))
		return;
	d = opendir("/proc/self/fd");
	if (!d)
		_exit(2);
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' || atoi(de->d_name) == dirfd(d))
			continue;
		printf("%s ", de->d_name);
	}
	closedir(d);
	printf("\n");
	fflush(stdout);
	_exit(0);
}

static int quiet_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	return 0;
}

/*
 * fds >= 3 of this process without FD_CLOEXEC, named in buf, except those
 * marked in skip[] (inherited from whoever started the test).
 */
#define MAX_FD_SEEN 4096
static int fds_without_cloexec(char *buf, size_t sz, const bool *skip)
{
	struct dirent *de;
	size_t len = 0;
	int n = 0;
	DIR *d;

	buf[0] = '\0';
	d = opendir("/proc/self/fd");
	if (!d)
		return -1;
	while ((de = readdir(d))) {
		int fd = atoi(de->d_name), flags;
		char link[64], target[256];
		ssize_t tl;

		if (de->d_name[0] == '.' || fd < 3 || fd == dirfd(d))
			continue;
		if (skip && fd < MAX_FD_SEEN && skip[fd])
			continue;
		flags = fcntl(fd, F_GETFD);
		if (flags < 0 || (flags & FD_CLOEXEC))
			continue;
		snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
		tl = readlink(link, target, sizeof(target) - 1);
		target[tl > 0 ? tl : 0] = '\0';
		if (len < sz)
			len += snprintf(buf + len, sz - len, " %d (%s)", fd, target);
		n++;
	}
	closedir(d);
	return n;
}

/* Runs this executable with CHILD_ENV set; its fd list goes to out. */
static int exec_child_fds(char *out, size_t sz)
{
	int pipefd[2], status;
	ssize_t n, len = 0;
	pid_t pid;

	if (pipe2(pipefd, O_CLOEXEC))
		return -errno;
	pid = fork();
	if (pid < 0)
		return -errno;
	if (!pid) {
		char *argv[] = { "test_hygiene", NULL };

		/* dup2 clears FD_CLOEXEC on the new stdout only. */
		dup2(pipefd[1], 1);
		setenv(CHILD_ENV, "1", 1);
		execv("/proc/self/exe", argv);
		_exit(127);
	}
	close(pipefd[1]);
	while (len < (ssize_t)sz - 1 &&
	       (n = read(pipefd[0], out + len, sz - 1 - len)) > 0)
		len += n;
	out[len] = '\0';
	close(pipefd[0]);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		return -ECHILD;
	return 0;
}

/* Marks the fds open now without FD_CLOEXEC; "0 1 2 ..." of them in want. */
static void inherited_fds(bool *mark, char *want, size_t sz)
{
	struct dirent *de;
	int fd, len = 0;
	DIR *d;

	memset(mark, 0, MAX_FD_SEEN);
	d = opendir("/proc/self/fd");
	while (d && (de = readdir(d))) {
		fd = atoi(de->d_name);
		if (de->d_name[0] == '.' || fd == dirfd(d) || fd >= MAX_FD_SEEN)
			continue;
		if (fd < 3 || !(fcntl(fd, F_GETFD) & FD_CLOEXEC))
			mark[fd] = true;
	}
	if (d)
		closedir(d);
	mark[0] = mark[1] = mark[2] = true;
	for (fd = 0; fd < MAX_FD_SEEN; fd++)
		if (mark[fd] && len < (int)sz)
			len += snprintf(want + len, sz - len, "%d ", fd);
	if (len < (int)sz)
		snprintf(want + len, sz - len, "\n");
}

/* The child's list, in the numeric order of want. */
static void sort_fd_list(char *list, size_t sz)
{
	static bool mark[MAX_FD_SEEN];
	char *p = list;
	int fd, len = 0;

	memset(mark, 0, sizeof(mark));
	while (*p) {
		fd = strtol(p, &p, 10);
		if (fd >= 0 && fd < MAX_FD_SEEN)
			mark[fd] = true;
		while (*p == ' ' || *p == '\n')
			p++;
	}
	for (fd = 0; fd < MAX_FD_SEEN; fd++)
		if (mark[fd] && len < (int)sz)
			len += snprintf(list + len, sz - len, "%d ", fd);
	if (len < (int)sz)
		snprintf(list + len, sz - len, "\n");
}

TEST(hygiene_cloexec)
{
	const char *path = test_prog_path("fault_cycle.bpf.o");
	static bool inherited[MAX_FD_SEEN];
	char bad[1024], fds[512], want[512];
	int before, err;
	struct cycle c;

	/* A test runner may hand down fds of its own (not ours to judge). */
	inherited_fds(inherited, want, sizeof(want));
	before = test_count_fds();
	ASSERT_OK(cycle_up(&c, path, 0));
	/* An event, so that the buffers have been used once. */
	getpid();
	ring_buffer__poll(c.rb, 0);
	perf_buffer__poll(c.pb, 0);
	/* maps (6), BTF, 2 programs, perf event + link, rb epoll, pb epoll +
	 * per-CPU perf events: many fds, all of them ours. */
	ASSERT_GT(test_count_fds(), before + 10);
	err = fds_without_cloexec(bad, sizeof(bad), inherited);
	if (err) {
		cycle_down(&c);
		ASSERT_TRUE_MSG(!err, "fds without O_CLOEXEC:%s", bad);
	}
	err = exec_child_fds(fds, sizeof(fds));
	cycle_down(&c);
	ASSERT_OK(err);
	sort_fd_list(fds, sizeof(fds));
	ASSERT_STREQ(fds, want);
}

static long statm_rss_kib(void)
{
	long size, rss = -1;
	FILE *f = fopen("/proc/self/statm", "re");

	if (!f)
		return -1;
	if (fscanf(f, "%ld %ld", &size, &rss) != 2)
		rss = -1;
	fclose(f);
	return rss < 0 ? -1 : rss * (sysconf(_SC_PAGESIZE) / 1024);
}

static int one_cycle(const char *path, unsigned long *events)
{
	struct cycle c;
	int err;

	err = cycle_up_flags(&c, path, 0, CYCLE_ITER);
	if (err)
		return err;
	/* The buffers are polled (empty: the iterator never runs). */
	ring_buffer__poll(c.rb, 0);
	perf_buffer__poll(c.pb, 0);
	*events += c.rb_events;
	cycle_down(&c);
	return 0;
}

TEST(hygiene_cycles_flat)
{
	const char *path = test_prog_path("fault_cycle.bpf.o");
	long rss0, rss1, heap0, heap1;
	unsigned long events = 0;
	int i, n, fds0, fds1, err = 0;
	libbpf_print_fn_t old;
	const char *s;

	n = HYGIENE_ASAN ? 200 : 1000;
	if ((s = getenv("BPFKIT_HYGIENE_CYCLES")) && atoi(s) > 0)
		n = atoi(s);
	/* The runner's log capture would grow with every cycle. */
	old = libbpf_set_print(quiet_print);
	/* Warm up: feature probes, caches, malloc arenas. */
	for (i = 0; i < 20 && !err; i++)
		err = one_cycle(path, &events);
	malloc_trim(0);
	fds0 = test_count_fds();
	rss0 = statm_rss_kib();
	heap0 = mallinfo2().uordblks;
	for (i = 0; i < n && !err; i++)
		err = one_cycle(path, &events);
	malloc_trim(0);
	fds1 = test_count_fds();
	rss1 = statm_rss_kib();
	heap1 = mallinfo2().uordblks;
	libbpf_set_print(old);
	ASSERT_OK(err);
	fprintf(stderr, "  %d cycles: fds %d -> %d, RSS %ld -> %ld KiB, "
		"malloc in use %ld -> %ld bytes\n",
		n, fds0, fds1, rss0, rss1, heap0, heap1);
	ASSERT_EQ(fds1, fds0);
	if (!HYGIENE_ASAN) {
		/* Under 64 bytes per cycle; the RSS within 2 MiB. */
		ASSERT_LT(heap1 - heap0, 64L * n);
		ASSERT_LT(rss1 - rss0, 2048);
	}
}
