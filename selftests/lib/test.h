/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The self-test runner.  A test file holds TEST() functions; test_main.c runs
 * them in order (or those named on the command line), checks after each that
 * no file descriptor was left open, and ends with "N passed, N failed".
 * Exit status: 0 all passed, 1 a failure, 77 everything skipped.
 *
 *	TEST(map_create_bad_size)
 *	{
 *		int fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 0, 1, NULL);
 *
 *		ASSERT_ERR(fd, -EINVAL);
 *		ASSERT_EQ(errno, EINVAL);
 *	}
 */
#ifndef BPFKIT_SELFTEST_H
#define BPFKIT_SELFTEST_H

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

typedef void (*test_fn)(void);

void test_register(const char *name, test_fn fn, const char *file);
void test_fail_at(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void test_skip_reason(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
bool test_failed(void);

/* Full path of a BPF object built from selftests/progs/<name>. */
const char *test_prog_path(const char *name);
/* Full path of a file in the source tree (BPFKIT_SOURCE_DIR). */
const char *test_src_path(const char *rel);

/*
 * Library log capture: everything printed through libbpf_set_print() since
 * the current test started (the runner installs the callback), and a search
 * in it.  Also echoed to stderr when BPFKIT_TEST_VERBOSE is set.
 */
const char *test_log(void);
bool test_log_contains(const char *needle);
void test_log_clear(void);

/* Number of open fds of this process. */
int test_count_fds(void);
struct bpf_object;
/* BPF links in the system running one of obj's loaded programs (0 if NULL). */
int test_count_obj_links(struct bpf_object *obj);
/* Mounts bpffs/tracefs if missing; false if it could not. */
bool test_have_bpffs(void);

#define TEST(name)							\
	static void test_##name(void);					\
	__attribute__((constructor)) static void register_##name(void)	\
	{								\
		test_register(#name, test_##name, __FILE__);		\
	}								\
	static void test_##name(void)

#define TEST_SKIP(...)							\
	do {								\
		test_skip_reason(__VA_ARGS__);				\
		return;							\
	} while (0)

#define ASSERT_TRUE_MSG(cond, ...)					\
	do {								\
		if (!(cond)) {						\
			test_fail_at(__FILE__, __LINE__, __VA_ARGS__);	\
			return;						\
		}							\
	} while (0)

#define ASSERT_TRUE(cond) ASSERT_TRUE_MSG(cond, "expected true: %s", #cond)
#define ASSERT_FALSE(cond) ASSERT_TRUE_MSG(!(cond), "expected false: %s", #cond)

#define ASSERT_CMP(a, op, b)						\
	do {								\
		long long __a = (long long)(a), __b = (long long)(b);	\
		ASSERT_TRUE_MSG(__a op __b, "%s %s %s: %lld vs %lld",	\
				#a, #op, #b, __a, __b);			\
	} while (0)

#define ASSERT_EQ(a, b) ASSERT_CMP(a, ==, b)
#define ASSERT_NE(a, b) ASSERT_CMP(a, !=, b)
#define ASSERT_GT(a, b) ASSERT_CMP(a, >, b)
#define ASSERT_GE(a, b) ASSERT_CMP(a, >=, b)
#define ASSERT_LT(a, b) ASSERT_CMP(a, <, b)
#define ASSERT_LE(a, b) ASSERT_CMP(a, <=, b)

/* A 0 return; on failure shows errno too. */
#define ASSERT_OK(x)							\
	do {								\
		long long __x = (long long)(x);				\
		ASSERT_TRUE_MSG(__x == 0, "%s: expected 0, got %lld (errno %d: %s)", \
				#x, __x, errno, strerror(errno));	\
	} while (0)

/* An fd or other non-negative result. */
#define ASSERT_FD(x)							\
	do {								\
		long long __x = (long long)(x);				\
		ASSERT_TRUE_MSG(__x >= 0, "%s: expected >= 0, got %lld (errno %d: %s)", \
				#x, __x, errno, strerror(errno));	\
	} while (0)

/* A specific negative errno, e.g. ASSERT_ERR(ret, -EINVAL); errno must agree. */
#define ASSERT_ERR(x, expected)						\
	do {								\
		long long __x = (long long)(x);				\
		int __errno = errno;					\
		ASSERT_TRUE_MSG(__x == (expected),			\
				"%s: expected %s (%d), got %lld", #x, #expected, \
				(int)(expected), __x);			\
		ASSERT_TRUE_MSG(__errno == -(expected),			\
				"%s: errno %d, expected %d", #x, __errno, \
				-(int)(expected));			\
	} while (0)

#define ASSERT_PTR(p)							\
	ASSERT_TRUE_MSG((p) != NULL, "%s: unexpected NULL (errno %d: %s)", \
			#p, errno, strerror(errno))

/* NULL with errno == -expected. */
#define ASSERT_NULL_ERR(p, expected)					\
	do {								\
		const void *__p = (p);					\
		int __errno = errno;					\
		ASSERT_TRUE_MSG(__p == NULL, "%s: expected NULL", #p);	\
		ASSERT_TRUE_MSG(__errno == -(expected),			\
				"%s: errno %d, expected %d", #p, __errno, \
				-(int)(expected));			\
	} while (0)

#define ASSERT_STREQ(a, b)						\
	do {								\
		const char *__a = (a), *__b = (b);			\
		ASSERT_TRUE_MSG(__a && __b && !strcmp(__a, __b),	\
				"%s == %s: '%s' vs '%s'", #a, #b,	\
				__a ? __a : "(null)", __b ? __b : "(null)"); \
	} while (0)

#define ASSERT_LOG(needle)						\
	ASSERT_TRUE_MSG(test_log_contains(needle),			\
			"library log lacks '%s'; it was:\n%s", needle, test_log())

#endif
