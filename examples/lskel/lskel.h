/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Shared by lskel.bpf.c and lskel.c: the per-process value of "procs". */
#ifndef LSKEL_H
#define LSKEL_H

#define LSKEL_MAX_PROCS	8192
#define LSKEL_COMM_LEN	16

struct lskel_proc {
	__u64 calls;
	char comm[LSKEL_COMM_LEN];
};

#endif
