/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * libbpf 1.x error convention: integer-returning API functions return a
 * negative errno and also set errno; pointer-returning ones return NULL and
 * set errno.  Every public entry point ends in one of these.
 */
#ifndef BPFKIT_UTIL_ERR_H
#define BPFKIT_UTIL_ERR_H

#include <errno.h>

static inline int util_err(int ret)
{
	if (ret < 0)
		errno = -ret;
	return ret;
}

static inline void *util_err_ptr(int err)
{
	errno = err < 0 ? -err : err;
	return NULL;
}

/* For raw syscall results: -1 becomes -errno, anything else passes. */
static inline int util_errno(int ret)
{
	return ret < 0 ? -errno : ret;
}

#endif
