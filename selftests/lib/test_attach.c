// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Attach kinds against the real kernel, with attach_progs.bpf.o: what
 * this kernel runs is attached, triggered and counted; what it refuses
 * (kprobes, kprobe.multi) must fail with a message naming program and
 * target.  Every test checks that no BPF link is left behind.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <linux/perf_event.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "test.h"

enum {
	C_TP, C_RAW_TP, C_TP_BTF, C_UPROBE, C_URETPROBE, C_LIBC, C_PERF,
	C_CGROUP, C_UPROBE_ARG, C_URET_VAL, C_COOKIE, C_UMULTI, C_UMULTI_AUTO,
	C_UMULTI_COOKIE, C_MAX = 16,
};

static struct bpf_object *obj;
static int counters_fd;

static int setup(void)
{
	__u32 zero = 0;
	__u64 tgid = getpid();
	struct bpf_map *cfg;

	obj = bpf_object__open_file(test_prog_path("attach_progs.bpf.o"), NULL);
	if (!obj)
		return -errno;
	if (bpf_object__load(obj)) {
		bpf_object__close(obj);
		obj = NULL;
		return -errno;
	}
	counters_fd = bpf_map__fd(bpf_object__find_map_by_name(obj, "counters"));
	cfg = bpf_object__find_map_by_name(obj, "config");
	return bpf_map_update_elem(bpf_map__fd(cfg), &zero, &tgid, 0);
}

static void teardown(void)
{
	bpf_object__close(obj);
	obj = NULL;
}

static struct bpf_program *prog(const char *name)
{
	return bpf_object__find_program_by_name(obj, name);
}

static __u64 counter(__u32 slot)
{
	__u64 v = 0;

	bpf_map_lookup_elem(counters_fd, &slot, &v);
	return v;
}

/* Runs body between setup and teardown; no link may be left running ours. */
#define ATTACH_TEST(name)						\
	static void body_##name(void);					\
	TEST(name)							\
	{								\
		int err = setup(), left;				\
									\
		if (err)						\
			ASSERT_TRUE_MSG(false, "attach_progs.bpf.o: %s", strerror(-err)); \
		body_##name();						\
		left = test_count_obj_links(obj);					\
		teardown();						\
		ASSERT_EQ(left, 0);					\
	}								\
	static void body_##name(void)

ATTACH_TEST(tracepoint_counts_openat)
{
	LIBBPF_OPTS(bpf_tracepoint_opts, opts, .bpf_cookie = 0x1234);
	struct bpf_link *link;
	int i, fd;

	link = bpf_program__attach_tracepoint_opts(prog("tp_openat"), "syscalls",
						   "sys_enter_openat", &opts);
	ASSERT_PTR(link);
	ASSERT_FD(bpf_link__fd(link));
	ASSERT_TRUE(fcntl(bpf_link__fd(link), F_GETFD) & FD_CLOEXEC);
	for (i = 0; i < 10; i++) {
		fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
		close(fd);
	}
	ASSERT_OK(bpf_link__destroy(link));
	ASSERT_EQ(counter(C_TP), 10);
	ASSERT_EQ(counter(C_COOKIE), 0x1234);
	fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	close(fd);
	ASSERT_EQ(counter(C_TP), 10);

	/* The same through the section name. */
	link = bpf_program__attach(prog("tp_openat"));
	ASSERT_PTR(link);
	fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	close(fd);
	bpf_link__destroy(link);
	ASSERT_EQ(counter(C_TP), 11);
}

ATTACH_TEST(tracepoint_bad_input)
{
	ASSERT_NULL_ERR(bpf_program__attach_tracepoint(prog("tp_openat"), "syscalls",
						       "sys_enter_nope"), -ENOENT);
	ASSERT_LOG("prog 'tp_openat'");
	ASSERT_LOG("syscalls/sys_enter_nope");
	ASSERT_NULL_ERR(bpf_program__attach_tracepoint(prog("tp_openat"), "a/b", "c"),
			-EINVAL);
	ASSERT_NULL_ERR(bpf_program__attach_tracepoint(prog("tp_openat"), NULL, "c"),
			-EINVAL);
	/* An XDP program on a tracepoint: the kernel refuses the pairing. */
	test_log_clear();
	ASSERT_TRUE(bpf_program__attach_tracepoint(prog("xdp_count"), "syscalls",
						   "sys_enter_openat") == NULL);
	ASSERT_EQ(errno, EINVAL);
	ASSERT_LOG("prog 'xdp_count'");
}

ATTACH_TEST(raw_tp_and_tp_btf_on_sched_switch)
{
	struct bpf_link *raw, *btf;
	LIBBPF_OPTS(bpf_raw_tracepoint_opts, ropts, .cookie = 7);
	int i;

	raw = bpf_program__attach_raw_tracepoint_opts(prog("raw_tp_switch"),
						      "sched_switch", &ropts);
	ASSERT_PTR(raw);
	btf = bpf_program__attach_trace(prog("tp_btf_switch"));
	ASSERT_PTR(btf);
	for (i = 0; i < 20; i++)
		usleep(100);
	ASSERT_OK(bpf_link__destroy(raw));
	ASSERT_OK(bpf_link__destroy(btf));
	ASSERT_GE(counter(C_RAW_TP), 20);
	ASSERT_GE(counter(C_TP_BTF), 20);

	/* Auto-attach from "raw_tp/sched_switch" and "tp_btf/sched_switch". */
	raw = bpf_program__attach(prog("raw_tp_switch"));
	ASSERT_PTR(raw);
	btf = bpf_program__attach(prog("tp_btf_switch"));
	ASSERT_PTR(btf);
	bpf_link__destroy(raw);
	bpf_link__destroy(btf);

	ASSERT_NULL_ERR(bpf_program__attach_raw_tracepoint(prog("raw_tp_switch"),
							   "no_such_tracepoint"), -ENOENT);
	ASSERT_LOG("raw tracepoint 'no_such_tracepoint'");
	ASSERT_NULL_ERR(bpf_program__attach_raw_tracepoint(prog("raw_tp_switch"), ""),
			-EINVAL);
}

__attribute__((noinline)) int bpfkit_uprobe_target(int x)
{
	asm volatile("" ::: "memory");
	return x * 2;
}

ATTACH_TEST(uprobe_uretprobe_test_binary)
{
	LIBBPF_OPTS(bpf_uprobe_opts, opts, .func_name = "bpfkit_uprobe_target");
	struct bpf_link *up, *ret;
	int i, sum = 0;

	up = bpf_program__attach_uprobe_opts(prog("uprobe_fn"), 0, "/proc/self/exe",
					     0, &opts);
	ASSERT_PTR(up);
	opts.retprobe = true;
	ret = bpf_program__attach_uprobe_opts(prog("uretprobe_fn"), -1,
					      "/proc/self/exe", 0, &opts);
	ASSERT_PTR(ret);
	for (i = 0; i < 3; i++)
		sum += bpfkit_uprobe_target(21);
	ASSERT_OK(bpf_link__destroy(up));
	ASSERT_OK(bpf_link__destroy(ret));
	ASSERT_EQ(sum, 126);
	ASSERT_EQ(counter(C_UPROBE), 3);
	ASSERT_EQ(counter(C_UPROBE_ARG), 21);
	ASSERT_EQ(counter(C_URETPROBE), 3);
	ASSERT_EQ(counter(C_URET_VAL), 42);
	bpfkit_uprobe_target(1);
	ASSERT_EQ(counter(C_UPROBE), 3);
}

static bool uprobe_events_mention(const char *needle)
{
	char path[128], buf[8192];
	int fd, n;

	snprintf(path, sizeof(path), "%s/uprobe_events",
		 access("/sys/kernel/tracing/uprobe_events", F_OK) == 0 ?
		 "/sys/kernel/tracing" : "/sys/kernel/debug/tracing");
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return strstr(buf, needle) != NULL;
}

ATTACH_TEST(uprobe_legacy_and_perf_modes)
{
	LIBBPF_OPTS(bpf_uprobe_opts, opts, .func_name = "bpfkit_uprobe_target",
		    .attach_mode = PROBE_ATTACH_MODE_LEGACY);
	struct bpf_link *link;
	char tag[32];

	if (!test_have_bpffs() ||
	    (access("/sys/kernel/tracing/uprobe_events", W_OK) &&
	     access("/sys/kernel/debug/tracing/uprobe_events", W_OK)))
		TEST_SKIP("no writable uprobe_events");
	/* legacy: an entry in uprobe_events, removed again on destroy */
	snprintf(tag, sizeof(tag), "bpfkit_%d_", getpid());
	link = bpf_program__attach_uprobe_opts(prog("uprobe_fn"), 0, "/proc/self/exe",
					       0, &opts);
	ASSERT_PTR(link);
	ASSERT_TRUE(uprobe_events_mention(tag));
	bpfkit_uprobe_target(3);
	ASSERT_OK(bpf_link__destroy(link));
	ASSERT_FALSE(uprobe_events_mention(tag));
	ASSERT_EQ(counter(C_UPROBE), 1);
	ASSERT_EQ(counter(C_UPROBE_ARG), 3);

	/* perf: the PMU with the ioctl, which cannot carry a cookie */
	opts.attach_mode = PROBE_ATTACH_MODE_PERF;
	link = bpf_program__attach_uprobe_opts(prog("uprobe_fn"), 0, "/proc/self/exe",
					       0, &opts);
	ASSERT_PTR(link);
	bpfkit_uprobe_target(4);
	ASSERT_OK(bpf_link__destroy(link));
	ASSERT_EQ(counter(C_UPROBE), 2);
	opts.bpf_cookie = 1;
	ASSERT_NULL_ERR(bpf_program__attach_uprobe_opts(prog("uprobe_fn"), 0,
							"/proc/self/exe", 0, &opts),
			-EOPNOTSUPP);
	ASSERT_LOG("cookie");

	/* link: a BPF perf link, which carries the cookie */
	opts.attach_mode = PROBE_ATTACH_MODE_LINK;
	link = bpf_program__attach_uprobe_opts(prog("uprobe_fn"), 0, "/proc/self/exe",
					       0, &opts);
	ASSERT_PTR(link);
	{
		struct bpf_link_info info = {};
		__u32 len = sizeof(info);

		ASSERT_OK(bpf_link_get_info_by_fd(bpf_link__fd(link), &info, &len));
		ASSERT_EQ(info.type, BPF_LINK_TYPE_PERF_EVENT);
	}
	bpfkit_uprobe_target(5);
	ASSERT_OK(bpf_link__destroy(link));
	ASSERT_EQ(counter(C_UPROBE), 3);
}

ATTACH_TEST(uprobe_libc_by_library_name)
{
	LIBBPF_OPTS(bpf_uprobe_opts, opts, .func_name = "getpid");
	struct bpf_link *link;
	int i;

	link = bpf_program__attach_uprobe_opts(prog("uprobe_libc"), -1, "libc.so.6",
					       0, &opts);
	ASSERT_PTR(link);
	for (i = 0; i < 5; i++)
		getpid();
	ASSERT_OK(bpf_link__destroy(link));
	ASSERT_GE(counter(C_LIBC), 5);

	/* Versioned symbols: the default version is the one probed. */
	opts.func_name = "realpath";
	link = bpf_program__attach_uprobe_opts(prog("uprobe_libc"), -1, "libc.so.6",
					       0, &opts);
	ASSERT_PTR(link);
	ASSERT_OK(bpf_link__destroy(link));
}

ATTACH_TEST(uprobe_bad_input)
{
	LIBBPF_OPTS(bpf_uprobe_opts, opts, .func_name = "no_such_function_here");

	ASSERT_NULL_ERR(bpf_program__attach_uprobe_opts(prog("uprobe_fn"), -1,
							"/proc/self/exe", 0, &opts),
			-ENOENT);
	ASSERT_LOG("no_such_function_here");
	ASSERT_LOG("prog 'uprobe_fn'");
	ASSERT_NULL_ERR(bpf_program__attach_uprobe(prog("uprobe_fn"), false, -1,
						   "/no/such/binary", 0), -ENOENT);
	ASSERT_LOG("/no/such/binary");
	ASSERT_NULL_ERR(bpf_program__attach_uprobe(prog("uprobe_fn"), false, -1,
						   "libnosuchlib.so.9", 0), -ENOENT);
	ASSERT_NULL_ERR(bpf_program__attach_uprobe(prog("uprobe_fn"), false, -1,
						   NULL, 0), -EINVAL);
	/* SEC("uprobe") names no target: nothing to auto-attach. */
	ASSERT_NULL_ERR(bpf_program__attach(prog("uprobe_fn")), -EOPNOTSUPP);
}

__attribute__((noinline)) int bpfkit_multi_one(int x)
{
	asm volatile("" ::: "memory");
	return x + 1;
}

__attribute__((noinline)) int bpfkit_multi_two(int x)
{
	asm volatile("" ::: "memory");
	return x + 2;
}

ATTACH_TEST(uprobe_multi_pattern_and_symbols)
{
	const char *syms[] = { "bpfkit_multi_two" };
	__u64 cookies[] = { 77 };
	LIBBPF_OPTS(bpf_uprobe_multi_opts, opts, .syms = syms, .cookies = cookies,
		    .cnt = 1);
	struct bpf_link *link;

	link = bpf_program__attach_uprobe_multi(prog("umulti"), getpid(),
						"/proc/self/exe", "bpfkit_multi_*", NULL);
	ASSERT_PTR(link);
	bpfkit_multi_one(1);
	bpfkit_multi_two(1);
	bpfkit_multi_two(2);
	ASSERT_OK(bpf_link__destroy(link));
	ASSERT_EQ(counter(C_UMULTI), 3);

	link = bpf_program__attach_uprobe_multi(prog("umulti"), -1, "/proc/self/exe",
						NULL, &opts);
	ASSERT_PTR(link);
	bpfkit_multi_one(1);
	bpfkit_multi_two(1);
	ASSERT_OK(bpf_link__destroy(link));
	ASSERT_EQ(counter(C_UMULTI), 4);
	ASSERT_EQ(counter(C_UMULTI_COOKIE), 77);

	link = bpf_program__attach(prog("umulti_auto"));
	ASSERT_PTR(link);
	bpfkit_multi_one(1);
	ASSERT_OK(bpf_link__destroy(link));
	ASSERT_EQ(counter(C_UMULTI_AUTO), 1);

	ASSERT_NULL_ERR(bpf_program__attach_uprobe_multi(prog("umulti"), -1,
							 "/proc/self/exe",
							 "bpfkit_nothing_*", NULL), -ENOENT);
	ASSERT_LOG("bpfkit_nothing_*");
	/* a pattern and symbols at once */
	ASSERT_NULL_ERR(bpf_program__attach_uprobe_multi(prog("umulti"), -1,
							 "/proc/self/exe",
							 "bpfkit_multi_*", &opts), -EINVAL);
}

ATTACH_TEST(perf_event_cpu_clock)
{
	struct perf_event_attr attr = {
		.size = sizeof(attr),
		.type = PERF_TYPE_SOFTWARE,
		.config = PERF_COUNT_SW_CPU_CLOCK,
		.sample_period = 100000,	/* every 0.1 ms of CPU time */
	};
	LIBBPF_OPTS(bpf_perf_event_opts, opts, .bpf_cookie = 5);
	struct bpf_link *link;
	struct timespec start, now;
	int pfd;

	pfd = syscall(__NR_perf_event_open, &attr, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
	ASSERT_FD(pfd);
	link = bpf_program__attach_perf_event_opts(prog("perf_clock"), pfd, &opts);
	if (!link)
		close(pfd);
	ASSERT_PTR(link);
	/* Spin until a few samples fired (at most 2 s: the machine may be busy). */
	clock_gettime(CLOCK_MONOTONIC, &start);
	do
		clock_gettime(CLOCK_MONOTONIC, &now);
	while (counter(C_PERF) <= 10 &&
	       (now.tv_sec - start.tv_sec) * 1000000000L +
	       (now.tv_nsec - start.tv_nsec) < 2000000000L);
	/* The link owns pfd now: destroying it closes it. */
	ASSERT_OK(bpf_link__destroy(link));
	ASSERT_GT(counter(C_PERF), 10);

	ASSERT_NULL_ERR(bpf_program__attach_perf_event(prog("perf_clock"), -1), -EINVAL);
	ASSERT_LOG("prog 'perf_clock'");
}

static int move_self(const char *cgroup_dir)
{
	char path[256], pid[32];
	int fd, n;

	snprintf(path, sizeof(path), "%s/cgroup.procs", cgroup_dir);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = snprintf(pid, sizeof(pid), "%d", getpid());
	n = write(fd, pid, n) == n ? 0 : -errno;
	close(fd);
	return n;
}

static void send_udp_local(int n)
{
	struct sockaddr_in dst = { .sin_family = AF_INET, .sin_port = htons(9),
				   .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), i;

	for (i = 0; i < n; i++)
		sendto(s, "x", 1, 0, (struct sockaddr *)&dst, sizeof(dst));
	close(s);
}

#define CGROUP_ROOT "/sys/fs/cgroup/unified"

ATTACH_TEST(cgroup_skb_egress)
{
	char dir[128], orig[128] = CGROUP_ROOT;
	struct bpf_link *link;
	int cg_fd, err;

	if (access(CGROUP_ROOT "/cgroup.procs", W_OK)) {
		snprintf(orig, sizeof(orig), "/sys/fs/cgroup");
		if (access("/sys/fs/cgroup/cgroup.procs", W_OK))
			TEST_SKIP("no writable cgroup v2 hierarchy");
	}
	snprintf(dir, sizeof(dir), "%s/bpfkit-%d", orig, getpid());
	ASSERT_OK(mkdir(dir, 0755));
	cg_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	link = cg_fd >= 0 ? bpf_program__attach_cgroup(prog("cgroup_egress"), cg_fd) : NULL;
	err = move_self(dir);
	if (!err) {
		send_udp_local(10);
		move_self(orig);
	}
	bpf_link__destroy(link);
	if (cg_fd >= 0)
		close(cg_fd);
	rmdir(dir);
	ASSERT_PTR(link);
	ASSERT_OK(err);
	ASSERT_GE(counter(C_CGROUP), 10);

	ASSERT_NULL_ERR(bpf_program__attach_cgroup(prog("cgroup_egress"), 9999), -EBADF);
	ASSERT_LOG("prog 'cgroup_egress'");
}

static int read_all(int fd, char *buf, size_t size)
{
	size_t len = 0;
	ssize_t n;

	while (len < size - 1 && (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	buf[len] = '\0';
	return n < 0 ? -errno : (int)len;
}

ATTACH_TEST(task_iterator_fd_and_pin)
{
	static char buf[1 << 20];
	char line[64], pin[128];
	struct bpf_link *link;
	int fd;

	link = bpf_program__attach_iter(prog("iter_tasks"), NULL);
	ASSERT_PTR(link);
	snprintf(line, sizeof(line), "\n%d %d\n", getpid(), getpid());

	fd = bpf_iter_create(bpf_link__fd(link));
	ASSERT_FD(fd);
	ASSERT_GT(read_all(fd, buf + 1, sizeof(buf) - 1), 0);
	close(fd);
	buf[0] = '\n';
	ASSERT_TRUE(strstr(buf, line) != NULL);

	if (!test_have_bpffs()) {
		bpf_link__destroy(link);
		TEST_SKIP("no bpffs");
	}
	snprintf(pin, sizeof(pin), "/sys/fs/bpf/bpfkit_iter_%d", getpid());
	ASSERT_OK(bpf_link__pin(link, pin));
	ASSERT_STREQ(bpf_link__pin_path(link), pin);
	ASSERT_ERR(bpf_link__pin(link, pin), -EBUSY);
	buf[1] = '\0';
	fd = open(pin, O_RDONLY | O_CLOEXEC);
	ASSERT_FD(fd);
	ASSERT_GT(read_all(fd, buf + 1, sizeof(buf) - 1), 0);
	close(fd);
	ASSERT_TRUE(strstr(buf, line) != NULL);
	ASSERT_OK(bpf_link__unpin(link));
	ASSERT_TRUE(access(pin, F_OK) != 0);
	ASSERT_ERR(bpf_link__unpin(link), -EINVAL);
	ASSERT_OK(bpf_link__destroy(link));

	/* Auto-attach of "iter/task". */
	link = bpf_program__attach(prog("iter_tasks"));
	ASSERT_PTR(link);
	bpf_link__destroy(link);
}

ATTACH_TEST(refused_kinds_fail_clearly)
{
	LIBBPF_OPTS(bpf_kprobe_multi_opts, mopts);
	const char *syms[] = { "do_nanosleep" };

	ASSERT_TRUE(bpf_program__attach_kprobe(prog("kprobe_sleep"), false,
					       "do_nanosleep") == NULL);
	ASSERT_EQ(errno, EOPNOTSUPP);
	ASSERT_LOG("prog 'kprobe_sleep'");
	ASSERT_LOG("'do_nanosleep'");
	ASSERT_LOG("kprobe");

	test_log_clear();
	ASSERT_TRUE(bpf_program__attach(prog("kprobe_sleep")) == NULL);
	ASSERT_LOG("prog 'kprobe_sleep'");

	test_log_clear();
	ASSERT_TRUE(bpf_program__attach(prog("ksyscall_sleep")) == NULL);
	ASSERT_LOG("prog 'ksyscall_sleep'");
	ASSERT_LOG("sys_nanosleep");

	test_log_clear();
	mopts.syms = syms;
	mopts.cnt = 1;
	ASSERT_TRUE(bpf_program__attach_kprobe_multi_opts(prog("kmulti_sleep"), NULL,
							  &mopts) == NULL);
	ASSERT_LOG("prog 'kmulti_sleep'");
	ASSERT_LOG("kprobe.multi");

	/* Argument errors are caught before the kernel is asked. */
	test_log_clear();
	ASSERT_NULL_ERR(bpf_program__attach_kprobe_multi_opts(prog("kmulti_sleep"),
							      "do_*", &mopts), -EINVAL);
	ASSERT_NULL_ERR(bpf_program__attach_kprobe(prog("kprobe_sleep"), false, ""),
			-EINVAL);
	ASSERT_NULL_ERR(bpf_program__attach_kprobe_multi_opts(prog("kmulti_sleep"),
							      "zz_no_such_fn_*", NULL),
			-ENOENT);
	ASSERT_LOG("zz_no_such_fn_*");
	/* A pattern that matches: resolved, then refused by the kernel. */
	test_log_clear();
	ASSERT_TRUE(bpf_program__attach_kprobe_multi_opts(prog("kmulti_sleep"),
							  "do_nanosleep", NULL) == NULL);
	ASSERT_LOG("pattern do_nanosleep (1 functions)");
}

ATTACH_TEST(auto_attach_without_target)
{
	ASSERT_NULL_ERR(bpf_program__attach(prog("xdp_count")), -EOPNOTSUPP);
	ASSERT_LOG("prog 'xdp_count'");
	ASSERT_NULL_ERR(bpf_program__attach(prog("perf_clock")), -EOPNOTSUPP);
	ASSERT_NULL_ERR(bpf_program__attach(NULL), -EINVAL);
}

TEST(attach_unloaded_program)
{
	struct bpf_object *o = bpf_object__open_file(test_prog_path("attach_progs.bpf.o"),
						     NULL);
	struct bpf_program *p;

	ASSERT_PTR(o);
	p = bpf_object__find_program_by_name(o, "raw_tp_switch");
	ASSERT_PTR(p);
	ASSERT_NULL_ERR(bpf_program__attach_raw_tracepoint(p, "sched_switch"), -EINVAL);
	ASSERT_LOG("prog 'raw_tp_switch'");
	ASSERT_LOG("not loaded");
	bpf_object__close(o);
}
