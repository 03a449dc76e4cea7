/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
#ifndef BPFKIT_UTIL_ALLOC_H
#define BPFKIT_UTIL_ALLOC_H

#include <stddef.h>

/* realloc(ptr, nmemb * size) that fails with NULL/ENOMEM on overflow. */
void *util_realloc_array(void *ptr, size_t nmemb, size_t size);

/*
 * Make room for at least need elements of elem_sz in *data, whose capacity
 * (in elements) is *cap.  Grows geometrically; new memory is zeroed.
 * Returns 0 or -ENOMEM (leaving *data and *cap untouched).
 */
int util_ensure_cap(void **data, size_t *cap, size_t elem_sz, size_t need);

/* Fail allocations of an array of n elements of sz past this many bytes. */
#define UTIL_MAX_ALLOC ((size_t)1 << 34)

#endif
