// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Fault injection: the open/load/attach/ring buffer/perf buffer/destroy
 * cycle of fault_cycle.bpf.o (cycle.h) is run once per N with the N-th
 * allocation failing (fault_alloc.c), then once per N with the N-th bpf()
 * syscall failing (sys_set_bpf_hook()), each run in a forked child so that
 * a crash names its N and every run starts from the same warm state.
 *
 * Each run must end in either success (the library may tolerate a failure,
 * e.g. of a feature probe or an optional step) or a clean error: a negative
 * errno (errno agreeing) or NULL with errno set; no block allocated during
 * the run left behind, no fd left open, and under ASan no leak that LSan
 * finds.  Every bad N is printed with the failed allocation's stack (or the
 * bpf command) and what went wrong; the test fails if there is any.
 *
 * BPFKIT_FAULT_STEP=k tries every k-th N only (default 1);
 * BPFKIT_FAULT_MAX_REPORTS caps the detailed reports per walk (10);
 * BPFKIT_FAULT_VERBOSE=1 also shows the faults the cycle survived.
 */
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"
#include "fault.h"
#include "cycle.h"
#include "sys/sys.h"

/* LSan's recoverable check, when this is an ASan build. */
extern int __lsan_do_recoverable_leak_check(void) __attribute__((weak));

enum {
	BAD_ERROR = 1,		/* failure not reported as -errno / NULL+errno */
	BAD_FD = 2,		/* fd count changed */
	BAD_LEAK = 4,		/* a block allocated during the run survived */
	BAD_LSAN = 8,		/* LSan found a leak */
	BAD_SPURIOUS = 16,	/* failed although nothing was injected */
	BAD_MASK = 31,
	RUN_FAILED = 32,	/* not bad: the cycle failed cleanly */
	RUN_TOLERATED = 64,	/* not bad: injected, and the cycle succeeded */
};

struct bpf_fault {
	unsigned long count, fail_at;
	int err;
	bool injected;
	enum bpf_cmd cmd;
};

static struct bpf_fault bpf_fault;

static int bpf_fault_hook(enum bpf_cmd cmd, union bpf_attr *attr,
			  unsigned int size, void *ctx)
{
	struct bpf_fault *f = ctx;

	if (++f->count != f->fail_at)
		return SYS_HOOK_PASS;
	f->injected = true;
	f->cmd = cmd;
	return f->err;
}

static int quiet_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	return 0;
}

static bool lsan_usable;

/* The child's side: one run with fault n; returns the BAD_* bits. */
static int run_one(const char *path, bool alloc, int bpf_err, unsigned long n,
		   bool report)
{
	int fds0, fds1, err, bad = 0;
	struct cycle c;
	bool injected;
	size_t live;

	libbpf_set_print(quiet_print);
	fds0 = test_count_fds();
	fault_alloc_forget();
	if (alloc) {
		fault_alloc_arm(n);
	} else {
		memset(&bpf_fault, 0, sizeof(bpf_fault));
		bpf_fault.fail_at = n;
		bpf_fault.err = bpf_err;
		sys_set_bpf_hook(bpf_fault_hook, &bpf_fault);
		fault_alloc_arm(0);	/* leak tracking only */
	}
	err = cycle_up(&c, path, 0);
	if (!err)
		cycle_down(&c);
	fault_alloc_disarm();
	sys_set_bpf_hook(NULL, NULL);
	injected = alloc ? fault_alloc_injected() : bpf_fault.injected;
	live = fault_alloc_live();
	fds1 = test_count_fds();

	if (err && c.bad_error)
		bad |= BAD_ERROR;
	if (err && !injected)
		bad |= BAD_SPURIOUS;
	if (fds1 != fds0)
		bad |= BAD_FD;
	if (live)
		bad |= BAD_LEAK;
	if (lsan_usable && __lsan_do_recoverable_leak_check())
		bad |= BAD_LSAN;
	if ((bad & BAD_MASK) && report) {
		if (alloc)
			fprintf(stderr, "  alloc fault #%lu:", n);
		else
			fprintf(stderr, "  bpf() fault #%lu (cmd %d -> %d):", n,
				bpf_fault.cmd, bpf_err);
		fprintf(stderr, " cycle %s%s%s (%d %s)%s%s; fds %d -> %d; %zu block(s) left%s\n",
			err ? "failed at " : "succeeded",
			err ? c.failed_step : "", "", err, err ? strerror(-err) : "",
			bad & BAD_ERROR ? ", error not -errno/errno" : "",
			bad & BAD_SPURIOUS ? ", failure without injection" : "",
			fds0, fds1, live, bad & BAD_LSAN ? ", LSan leak" : "");
		if (alloc)
			fault_alloc_print_site(stderr);
		fault_alloc_print_live(stderr, 5);
	}
	if (!err && injected && getenv("BPFKIT_FAULT_VERBOSE")) {
		if (alloc) {
			fprintf(stderr, "  alloc fault #%lu tolerated\n", n);
			fault_alloc_print_site(stderr);
		} else {
			fprintf(stderr, "  bpf() fault #%lu (cmd %d) tolerated\n",
				n, bpf_fault.cmd);
		}
	}
	if (err)
		bad |= RUN_FAILED;
	else if (injected)
		bad |= RUN_TOLERATED;
	return bad;
}

struct walk_result {
	unsigned long tried, failed_clean, tolerated, bad, crashed;
};

/* Walks n = 1..total (every step-th), one child each. */
static void walk(const char *what, const char *path, bool alloc, int bpf_err,
		 unsigned long total, struct walk_result *res)
{
	unsigned long n, step = 1, reports = 0, max_reports = 10;
	const char *s;

	if ((s = getenv("BPFKIT_FAULT_STEP")) && atol(s) > 0)
		step = atol(s);
	if ((s = getenv("BPFKIT_FAULT_MAX_REPORTS")))
		max_reports = atol(s);
	memset(res, 0, sizeof(*res));
	for (n = 1; n <= total; n += step) {
		int status;
		pid_t pid;

		fflush(stderr);
		pid = fork();
		if (pid < 0)
			break;
		if (!pid)
			_exit(run_one(path, alloc, bpf_err, n, reports < max_reports));
		if (waitpid(pid, &status, 0) != pid)
			break;
		res->tried++;
		if (WIFSIGNALED(status)) {
			res->crashed++;
			res->bad++;
			fprintf(stderr, "  %s fault #%lu: child killed by signal %d (%s)\n",
				what, n, WTERMSIG(status), strsignal(WTERMSIG(status)));
			reports++;
		} else if (WEXITSTATUS(status) & BAD_MASK) {
			res->bad++;
			reports++;
		} else if (WEXITSTATUS(status) & RUN_FAILED) {
			res->failed_clean++;
		} else if (WEXITSTATUS(status) & RUN_TOLERATED) {
			res->tolerated++;
		}
	}
	fprintf(stderr, "%s faults: %lu runs over N = 1..%lu: %lu clean errors, "
		"%lu tolerated, %lu bad (%lu crashes)\n", what, res->tried, total,
		res->failed_clean, res->tolerated, res->bad, res->crashed);
}

static const char *warm_up(void)
{
	const char *path = test_prog_path("fault_cycle.bpf.o");
	struct cycle c;

	/* Fills the process-wide caches (feature probes, ...) once. */
	if (cycle_up(&c, path, 0))
		return NULL;
	getpid();
	cycle_down(&c);
	lsan_usable = __lsan_do_recoverable_leak_check &&
		      !__lsan_do_recoverable_leak_check();
	return path;
}

TEST(fault_alloc_walk)
{
	struct walk_result res;
	unsigned long total;
	const char *path;
	struct cycle c;

	path = warm_up();
	ASSERT_TRUE_MSG(path, "fault_cycle.bpf.o does not load: %s", strerror(errno));
	fault_alloc_arm(0);
	ASSERT_OK(cycle_up(&c, path, 0));
	cycle_down(&c);
	total = fault_alloc_disarm();
	fault_alloc_forget();
	ASSERT_GT(total, 10);
	walk("alloc", path, true, 0, total, &res);
	ASSERT_EQ(res.bad, 0);
}

static void bpf_walk(int bpf_err)
{
	struct walk_result res;
	char what[64];
	const char *path;
	struct cycle c;

	path = warm_up();
	ASSERT_TRUE_MSG(path, "fault_cycle.bpf.o does not load: %s", strerror(errno));
	memset(&bpf_fault, 0, sizeof(bpf_fault));
	sys_set_bpf_hook(bpf_fault_hook, &bpf_fault);
	ASSERT_OK(cycle_up(&c, path, 0));
	cycle_down(&c);
	sys_set_bpf_hook(NULL, NULL);
	ASSERT_GT(bpf_fault.count, 3);
	snprintf(what, sizeof(what), "bpf(%s)", strerror(-bpf_err));
	walk(what, path, false, bpf_err, bpf_fault.count, &res);
	ASSERT_EQ(res.bad, 0);
}

TEST(fault_bpf_walk_enomem)
{
	bpf_walk(-ENOMEM);
}

TEST(fault_bpf_walk_eperm)
{
	bpf_walk(-EPERM);
}

TEST(fault_bpf_walk_einval)
{
	bpf_walk(-EINVAL);
}
