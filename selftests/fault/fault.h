/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Allocation fault injection for the test executable.  fault_alloc.c
 * defines __wrap_malloc/calloc/realloc/strdup/strndup/free, and the test is
 * linked with -Wl,--wrap=<each>, so every call of the statically linked
 * library (and of the test) goes through them; libelf and libc's own
 * internal allocations do not (they are in shared libraries).  No library
 * change is needed.
 *
 * While armed, allocations are counted and the fail_at-th one (1-based)
 * returns NULL with ENOMEM; blocks allocated while armed are remembered
 * until freed, so that fault_alloc_live() tells what a failed (or
 * successful) operation left behind.  Single-threaded use only.
 */
#ifndef BPFKIT_FAULT_H
#define BPFKIT_FAULT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Start counting (and failing the fail_at-th allocation; 0: none). */
void fault_alloc_arm(unsigned long fail_at);
/* Stop; returns how many allocations were counted. */
unsigned long fault_alloc_disarm(void);
/* Whether the armed period failed an allocation. */
bool fault_alloc_injected(void);
/* Blocks allocated while armed and not freed since. */
size_t fault_alloc_live(void);
/* Prints them (size and the allocating caller) to out, at most max. */
void fault_alloc_print_live(FILE *out, size_t max);
/* Prints the call stack of the failed allocation. */
void fault_alloc_print_site(FILE *out);
/* Forget the blocks remembered so far. */
void fault_alloc_forget(void);

#endif
