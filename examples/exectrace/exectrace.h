/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* What exectrace.bpf.c sends to user space, one record per exec or exit. */
#ifndef EXECTRACE_H
#define EXECTRACE_H

#define EXECTRACE_COMM_LEN 16
#define EXECTRACE_PATH_LEN 127

enum exectrace_kind {
	EXECTRACE_EXEC = 1,
	EXECTRACE_EXIT = 2,
};

struct exectrace_event {
	int kind;
	int pid;
	int ppid;
	unsigned int exit_code;
	unsigned long long duration_ns;	/* exec to exit, 0 when unknown */
	char comm[EXECTRACE_COMM_LEN];
	char path[EXECTRACE_PATH_LEN + 1];	/* the executed file (exec only) */
};

#endif
