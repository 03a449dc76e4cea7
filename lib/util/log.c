// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "log.h"
#include "errno_names.h"

static enum libbpf_print_level default_max_level(void)
{
	const char *env = getenv("LIBBPF_LOG_LEVEL");

	if (!env)
		return LIBBPF_INFO;
	if (!strcasecmp(env, "warn"))
		return LIBBPF_WARN;
	if (!strcasecmp(env, "debug"))
		return LIBBPF_DEBUG;
	return LIBBPF_INFO;
}

static int default_print(enum libbpf_print_level level, const char *fmt,
			 va_list args)
{
	static int max_level = -1;

	if (max_level < 0)
		max_level = default_max_level();
	if ((int)level > max_level)
		return 0;
	return vfprintf(stderr, fmt, args);
}

static libbpf_print_fn_t print_fn = default_print;

LIBBPF_API libbpf_print_fn_t libbpf_set_print(libbpf_print_fn_t fn)
{
	libbpf_print_fn_t old = __atomic_exchange_n(&print_fn, fn, __ATOMIC_SEQ_CST);

	return old;
}

void util_print(enum libbpf_print_level level, const char *fmt, ...)
{
	libbpf_print_fn_t fn = __atomic_load_n(&print_fn, __ATOMIC_SEQ_CST);
	int saved_errno = errno;
	va_list args;

	if (!fn)
		return;
	va_start(args, fmt);
	fn(level, fmt, args);
	va_end(args);
	/* Callers log between a failing call and returning its errno. */
	errno = saved_errno;
}

const char *util_errstr(int err)
{
	static __thread char buf[96];
	const char *name;

	if (err < 0)
		err = -err;
	name = util_errno_name(err);
	if (name)
		snprintf(buf, sizeof(buf), "-%s (%s)", name, strerror(err));
	else
		snprintf(buf, sizeof(buf), "%d (%s)", -err, strerror(err));
	return buf;
}
