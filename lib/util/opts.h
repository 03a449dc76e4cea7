/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Reading the size-versioned option structs ("size_t sz" first).
 *
 * A caller built against an older header passes a smaller sz: fields past it
 * read as their fallback.  A caller built against a newer header passes a
 * larger sz: the bytes we do not know must be zero, otherwise the caller asked
 * for something we cannot do and gets -EINVAL.
 *
 *	if (!OPTS_OK(opts, bpf_map_create_opts))
 *		return util_err(-EINVAL);
 *	flags = OPTS_GET(opts, map_flags, 0);
 */
#ifndef BPFKIT_UTIL_OPTS_H
#define BPFKIT_UTIL_OPTS_H

#include <stdbool.h>
#include <stddef.h>

bool util_opts_ok(const void *opts, size_t user_sz, size_t known_sz,
		  const char *type_name);

#define OPTS_OK(opts, type)						\
	(!(opts) || util_opts_ok((opts), (opts)->sz, sizeof(struct type), #type))

#define OPTS_END(opts, field)						\
	(offsetof(__typeof__(*(opts)), field) + sizeof((opts)->field))

#define OPTS_HAS(opts, field)						\
	((opts) && (opts)->sz >= OPTS_END(opts, field))

#define OPTS_GET(opts, field, fallback)					\
	(OPTS_HAS(opts, field) ? (opts)->field : (fallback))

#define OPTS_SET(opts, field, value)					\
	do {								\
		if (OPTS_HAS(opts, field))				\
			(opts)->field = (value);			\
	} while (0)

#endif
