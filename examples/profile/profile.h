/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* The key of a profile sample: who ran, and where (two stack ids). */
#ifndef PROFILE_H
#define PROFILE_H

#define PROFILE_COMM_LEN 16
#define PROFILE_MAX_DEPTH 64

struct profile_key {
	unsigned int pid;
	int kstack;	/* id in the stacks map, negative: none */
	int ustack;
	char comm[PROFILE_COMM_LEN];
};

#endif
