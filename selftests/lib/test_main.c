// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <dirent.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "test.h"

#define MAX_TESTS 512
#define BPF_FS_MAGIC_NUMBER 0xcafe4a11

struct test_entry {
	const char *name;
	const char *file;
	test_fn fn;
};

static struct test_entry tests[MAX_TESTS];
static int test_cnt;
static bool cur_failed, cur_skipped;
static char *log_buf;
static size_t log_len, log_cap;
static bool verbose;

void test_register(const char *name, test_fn fn, const char *file)
{
	if (test_cnt == MAX_TESTS) {
		fprintf(stderr, "too many tests; raise MAX_TESTS\n");
		exit(2);
	}
	tests[test_cnt++] = (struct test_entry){ name, file, fn };
}

void test_fail_at(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "  %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	cur_failed = true;
}

void test_skip_reason(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "  skipped: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	cur_skipped = true;
}

bool test_failed(void)
{
	return cur_failed;
}

const char *test_prog_path(const char *name)
{
	static __thread char path[4096];
	const char *dir = getenv("BPFKIT_PROGS_DIR");

	snprintf(path, sizeof(path), "%s/%s", dir ? dir : "progs", name);
	return path;
}

const char *test_src_path(const char *rel)
{
	static __thread char path[4096];
	const char *dir = getenv("BPFKIT_SOURCE_DIR");

	snprintf(path, sizeof(path), "%s/%s", dir ? dir : ".", rel);
	return path;
}

static int capture_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return n;
	if (log_len + n + 1 > log_cap) {
		size_t cap = (log_len + n + 1) * 2;
		char *p = realloc(log_buf, cap);

		if (!p)
			return -1;
		log_buf = p;
		log_cap = cap;
	}
	vsnprintf(log_buf + log_len, n + 1, fmt, ap);
	if (verbose || (level == LIBBPF_WARN && getenv("BPFKIT_TEST_WARN")))
		fputs(log_buf + log_len, stderr);
	log_len += n;
	return n;
}

const char *test_log(void)
{
	return log_buf ? log_buf : "";
}

bool test_log_contains(const char *needle)
{
	return log_buf && strstr(log_buf, needle);
}

void test_log_clear(void)
{
	log_len = 0;
	if (log_buf)
		log_buf[0] = '\0';
}

/*
 * BPF links in the system that run one of this object's programs: other
 * processes attach and detach concurrently, so only ours are counted.
 */
int test_count_obj_links(struct bpf_object *obj)
{
	struct bpf_program *p;
	__u32 id = 0, ids[64];
	int n = 0, cnt = 0, i;

	if (!obj)
		return 0;
	bpf_object__for_each_program(p, obj) {
		struct bpf_prog_info info = {};
		__u32 len = sizeof(info);

		if (cnt < 64 && bpf_program__fd(p) >= 0 &&
		    !bpf_prog_get_info_by_fd(bpf_program__fd(p), &info, &len))
			ids[cnt++] = info.id;
	}
	while (!bpf_link_get_next_id(id, &id)) {
		struct bpf_link_info info = {};
		__u32 len = sizeof(info);
		int fd = bpf_link_get_fd_by_id(id);

		if (fd < 0)
			continue;
		if (!bpf_link_get_info_by_fd(fd, &info, &len))
			for (i = 0; i < cnt; i++)
				if (info.prog_id == ids[i])
					n++;
		close(fd);
	}
	return n;
}

int test_count_fds(void)
{
	DIR *dir = opendir("/proc/self/fd");
	struct dirent *de;
	int n = 0;

	if (!dir)
		return -1;
	while ((de = readdir(dir)))
		if (de->d_name[0] != '.')
			n++;
	closedir(dir);
	return n - 1; /* the directory's own fd */
}

static bool is_fs(const char *path, long magic)
{
	struct statfs st;

	return statfs(path, &st) == 0 && (long)st.f_type == magic;
}

bool test_have_bpffs(void)
{
	if (is_fs("/sys/fs/bpf", BPF_FS_MAGIC_NUMBER))
		return true;
	mkdir("/sys/fs/bpf", 0700);
	return mount("bpf", "/sys/fs/bpf", "bpf", 0, NULL) == 0;
}

static bool selected(const char *name, int argc, char **argv)
{
	int i;

	if (argc < 2)
		return true;
	for (i = 1; i < argc; i++)
		if (strstr(name, argv[i]))
			return true;
	return false;
}

int main(int argc, char **argv)
{
	int passed = 0, failed = 0, skipped = 0, i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	verbose = getenv("BPFKIT_TEST_VERBOSE") != NULL;
	libbpf_set_print(capture_print);

	for (i = 0; i < test_cnt; i++) {
		struct test_entry *t = &tests[i];
		int fds_before, fds_after;

		if (!selected(t->name, argc, argv))
			continue;
		cur_failed = cur_skipped = false;
		test_log_clear();
		fds_before = test_count_fds();
		t->fn();
		fds_after = test_count_fds();
		if (!cur_skipped && !cur_failed && fds_after != fds_before) {
			fprintf(stderr, "  %s: %d file descriptor(s) leaked\n",
				t->name, fds_after - fds_before);
			cur_failed = true;
		}
		if (cur_failed) {
			failed++;
			printf("FAIL %s\n", t->name);
			if (log_len && !verbose)
				fprintf(stderr, "  library log:\n%s", log_buf);
		} else if (cur_skipped) {
			skipped++;
			printf("SKIP %s\n", t->name);
		} else {
			passed++;
			printf("ok   %s\n", t->name);
		}
	}
	libbpf_set_print(NULL);
	free(log_buf);
	printf("%d passed, %d failed, %d skipped\n", passed, failed, skipped);
	if (failed)
		return 1;
	if (!passed && skipped)
		return 77;
	return 0;
}
