/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Records from uprobes.bpf.c: which probe fired, and its values. */
#ifndef UPROBES_H
#define UPROBES_H

enum uprobe_site {
	SITE_ADD_ENTRY = 1,	/* traced_add(a, b) called */
	SITE_ADD_RETURN,	/* traced_add returned ret */
	SITE_MALLOC_ENTRY,	/* malloc(size) called */
	SITE_MALLOC_RETURN,	/* malloc returned ret */
};

struct uprobe_event {
	int site;
	int pid;
	long long a;
	long long b;
	unsigned long long ret;
};

#endif
