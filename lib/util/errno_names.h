/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
#ifndef BPFKIT_UTIL_ERRNO_NAMES_H
#define BPFKIT_UTIL_ERRNO_NAMES_H

/* "ENOENT" for 2; NULL for numbers without a symbolic name. */
const char *util_errno_name(int err);

#endif
