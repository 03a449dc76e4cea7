/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The one logging path of the library: everything goes through the user's
 * print callback (libbpf_set_print).  Messages name what they are about:
 *   pr_warn("prog '%s': failed to load: %s\n", name, errstr(err));
 *   pr_warn("map '%s': ...", ...)   pr_warn("elf: '%s': ...", path, ...)
 */
#ifndef BPFKIT_UTIL_LOG_H
#define BPFKIT_UTIL_LOG_H

#include <bpf/libbpf.h>

__attribute__((format(printf, 2, 3)))
void util_print(enum libbpf_print_level level, const char *fmt, ...);

/* The "libbpf: " prefix is kept: scripts and users grep for it. */
#define pr_warn(fmt, ...)  util_print(LIBBPF_WARN, "libbpf: " fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...)  util_print(LIBBPF_INFO, "libbpf: " fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...) util_print(LIBBPF_DEBUG, "libbpf: " fmt, ##__VA_ARGS__)

/*
 * strerror() for a negative or positive errno, using a per-thread buffer so
 * that it can appear in a pr_*() argument list.  "-ENOENT (No such file...)".
 */
const char *util_errstr(int err);

#endif
