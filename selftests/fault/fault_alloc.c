// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The allocation interposer of fault.h, through GNU ld's --wrap: with
 * ASan, __real_malloc is ASan's malloc, so LSan still sees everything.
 */
#include <errno.h>
#include <execinfo.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fault.h"

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
void __real_free(void *p);

void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);
void __wrap_free(void *p);

static bool armed, injected, in_hook;
static unsigned long count, fail_at;
static void *site[24];
static int site_depth;

/* Live blocks allocated while armed: open addressing on the pointer. */
#define LIVE_SLOTS (1u << 16)
struct live {
	void *p;
	void *caller;
	size_t size;
};
static struct live live[LIVE_SLOTS];
static size_t live_cnt;

static size_t slot_of(void *p)
{
	uintptr_t h = (uintptr_t)p;

	h ^= h >> 17;
	h *= 0x9e3779b97f4a7c15ull;
	return (h >> 20) & (LIVE_SLOTS - 1);
}

static void track_any(void *p, size_t size, void *caller)
{
	size_t i;

	if (!p || live_cnt >= LIVE_SLOTS / 2)
		return;
	for (i = slot_of(p); live[i].p; i = (i + 1) & (LIVE_SLOTS - 1))
		;
	live[i].p = p;
	live[i].size = size;
	live[i].caller = caller;
	live_cnt++;
}

static void track(void *p, size_t size, void *caller)
{
	if (armed)
		track_any(p, size, caller);
}

static bool untrack(void *p)
{
	size_t i, j;

	if (!p || !live_cnt)
		return false;
	for (i = slot_of(p); live[i].p; i = (i + 1) & (LIVE_SLOTS - 1))
		if (live[i].p == p)
			break;
	if (!live[i].p)
		return false;
	/* Backward-shift deletion keeps probe chains whole. */
	live[i].p = NULL;
	live_cnt--;
	for (j = (i + 1) & (LIVE_SLOTS - 1); live[j].p; j = (j + 1) & (LIVE_SLOTS - 1)) {
		struct live e = live[j];
		size_t k = slot_of(e.p);

		if ((j > i && (k <= i || k > j)) || (j < i && k <= i && k > j)) {
			live[i] = e;
			live[j].p = NULL;
			i = j;
		}
	}
	return true;
}

static bool should_fail(void)
{
	if (!armed || in_hook)
		return false;
	count++;
	if (count != fail_at)
		return false;
	injected = true;
	in_hook = true;
	site_depth = backtrace(site, sizeof(site) / sizeof(site[0]));
	in_hook = false;
	errno = ENOMEM;
	return true;
}

void *__wrap_malloc(size_t size)
{
	void *p;

	if (should_fail())
		return NULL;
	p = __real_malloc(size);
	track(p, size, __builtin_return_address(0));
	return p;
}

void *__wrap_calloc(size_t n, size_t size)
{
	void *p;

	if (should_fail())
		return NULL;
	p = __real_calloc(n, size);
	track(p, n * size, __builtin_return_address(0));
	return p;
}

void *__wrap_realloc(void *p, size_t size)
{
	void *q;

	if (should_fail())
		return NULL;
	q = __real_realloc(p, size);
	if (q || !size) {
		bool was = untrack(p);

		/* A block that moves keeps being watched only if it was. */
		if (q && (armed || was))
			track_any(q, size, __builtin_return_address(0));
	}
	return q;
}

char *__wrap_strdup(const char *s)
{
	char *p;

	if (should_fail())
		return NULL;
	p = __real_strdup(s);
	track(p, strlen(s) + 1, __builtin_return_address(0));
	return p;
}

char *__wrap_strndup(const char *s, size_t n)
{
	char *p;

	if (should_fail())
		return NULL;
	p = __real_strndup(s, n);
	track(p, n, __builtin_return_address(0));
	return p;
}

void __wrap_free(void *p)
{
	untrack(p);
	__real_free(p);
}

void fault_alloc_arm(unsigned long n)
{
	void *warm[2];

	backtrace(warm, 2);	/* loads libgcc_s now, not inside a hook */
	count = 0;
	fail_at = n;
	injected = false;
	site_depth = 0;
	armed = true;
}

unsigned long fault_alloc_disarm(void)
{
	armed = false;
	return count;
}

bool fault_alloc_injected(void)
{
	return injected;
}

size_t fault_alloc_live(void)
{
	return live_cnt;
}

void fault_alloc_forget(void)
{
	memset(live, 0, sizeof(live));
	live_cnt = 0;
}

void fault_alloc_print_live(FILE *out, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < LIVE_SLOTS && n < max; i++) {
		if (!live[i].p)
			continue;
		fprintf(out, "    leaked %zu bytes allocated from ", live[i].size);
		fflush(out);
		backtrace_symbols_fd(&live[i].caller, 1, fileno(out));
		n++;
	}
}

void fault_alloc_print_site(FILE *out)
{
	if (!site_depth)
		return;
	fprintf(out, "    failed allocation:\n");
	fflush(out);
	/* Frame 0 is should_fail, 1 the wrapper. */
	backtrace_symbols_fd(site + 2, site_depth > 2 ? site_depth - 2 : 0, fileno(out));
}
