/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Counters shared by tcmark.bpf.c and tc.c (a .bss struct). */
#ifndef TCMARK_H
#define TCMARK_H

struct tcmark_counts {
	unsigned long long packets;
	unsigned long long bytes;
	unsigned long long ipv4;
	unsigned long long ipv6;
	unsigned long long marked;
};

#endif
