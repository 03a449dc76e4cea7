// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* A sorted table of /proc/kallsyms' text symbols, searched by address. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ksyms.h"

struct ksym {
	unsigned long long addr;
	char *name;
};

struct ksyms {
	struct ksym *syms;
	size_t n;
};

static int by_addr(const void *a, const void *b)
{
	const struct ksym *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

struct ksyms *ksyms_load(void)
{
	struct ksyms *ks = calloc(1, sizeof(*ks));
	FILE *f = fopen("/proc/kallsyms", "r");
	unsigned long long addr;
	char type, name[256];
	size_t cap = 0;
	struct ksym *grown;

	if (!ks || !f)
		goto fail;
	while (fscanf(f, "%llx %c %255s%*[^\n]", &addr, &type, name) == 3) {
		/* Code only; all-zero addresses mean kptr_restrict hides them. */
		if (!addr || (type != 't' && type != 'T'))
			continue;
		if (ks->n == cap) {
			cap = cap ? cap * 2 : 4096;
			grown = realloc(ks->syms, cap * sizeof(*grown));
			if (!grown)
				goto fail;
			ks->syms = grown;
		}
		ks->syms[ks->n].addr = addr;
		ks->syms[ks->n].name = strdup(name);
		if (!ks->syms[ks->n].name)
			goto fail;
		ks->n++;
	}
	fclose(f);
	qsort(ks->syms, ks->n, sizeof(*ks->syms), by_addr);
	return ks;
fail:
	if (f)
		fclose(f);
	ksyms_free(ks);
	return NULL;
}

const char *ksyms_find(const struct ksyms *ks, unsigned long long addr,
		       unsigned long long *off)
{
	size_t lo = 0, hi, mid;

	if (!ks || !ks->n || addr < ks->syms[0].addr)
		return NULL;
	hi = ks->n;
	/* The last symbol starting at or below addr. */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (ks->syms[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	*off = addr - ks->syms[lo].addr;
	return ks->syms[lo].name;
}

void ksyms_free(struct ksyms *ks)
{
	size_t i;

	if (!ks)
		return;
	for (i = 0; i < ks->n; i++)
		free(ks->syms[i].name);
	free(ks->syms);
	free(ks);
}
