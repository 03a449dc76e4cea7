/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Kernel addresses to names, from /proc/kallsyms. */
#ifndef KSYMS_H
#define KSYMS_H

struct ksyms;

struct ksyms *ksyms_load(void);
/* The symbol covering addr, or NULL; *off gets addr's offset into it. */
const char *ksyms_find(const struct ksyms *ks, unsigned long long addr,
		       unsigned long long *off);
void ksyms_free(struct ksyms *ks);

#endif
