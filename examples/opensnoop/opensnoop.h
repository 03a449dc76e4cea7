/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* One openat() call, as opensnoop.bpf.c reports it. */
#ifndef OPENSNOOP_H
#define OPENSNOOP_H

#define OPENSNOOP_COMM_LEN 16
#define OPENSNOOP_PATH_LEN 256

struct opensnoop_event {
	int pid;
	int flags;
	char comm[OPENSNOOP_COMM_LEN];
	char path[OPENSNOOP_PATH_LEN];
};

#endif
