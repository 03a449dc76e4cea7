/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * bpfkit: definitions shared by every public header: export markers and the
 * LIBBPF_OPTS() initialiser used with the size-versioned option structs.
 */
#ifndef __LIBBPF_LIBBPF_COMMON_H
#define __LIBBPF_LIBBPF_COMMON_H

#include <string.h>
#include "libbpf_version.h"

#ifndef LIBBPF_API
#define LIBBPF_API __attribute__((visibility("default")))
#endif

#define LIBBPF_DEPRECATED(msg) __attribute__((deprecated(msg)))

/* Kept so that headers written against libbpf 0.x keep compiling. */
#ifndef LIBBPF_DEPRECATED_SINCE
#define LIBBPF_DEPRECATED_SINCE(major, minor, msg)			\
	LIBBPF_DEPRECATED("libbpf v" #major "." #minor "+: " msg)
#endif

/*
 * Option structs start with "size_t sz" so that the library can tell which
 * fields the caller knows about.  The initialiser zeroes the whole object
 * first (padding included: the library checks unknown tails are zero), then
 * applies the caller's designated initialisers.
 */
#define LIBBPF_OPTS(TYPE, NAME, ...)					\
	struct TYPE NAME = ({						\
		memset(&NAME, 0, sizeof(struct TYPE));			\
		(struct TYPE) {						\
			.sz = sizeof(struct TYPE),			\
			__VA_ARGS__					\
		};							\
	})

/* Re-initialise an existing option struct, keeping its declared size. */
#define LIBBPF_OPTS_RESET(NAME, ...)					\
	do {								\
		typeof(NAME) ___reset_tmp = {				\
			.sz = sizeof(NAME),				\
			__VA_ARGS__					\
		};							\
		memcpy(&NAME, &___reset_tmp, sizeof(NAME));		\
	} while (0)

#endif /* __LIBBPF_LIBBPF_COMMON_H */
