// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * /proc/kallsyms as a sorted table.  The kernel reports rewritten helper
 * calls as offsets from __bpf_call_base and subprogram calls through
 * jited_ksyms, so both are named by exact address lookups.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "disasm.h"

struct ksym {
	unsigned long long addr;
	char *name;
};

struct ksym_table {
	struct ksym *syms;
	size_t nr;
	unsigned long long call_base;
};

static int ksym_cmp(const void *a, const void *b)
{
	const struct ksym *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

struct ksym_table *ksym_table_load(void)
{
	struct ksym_table *t = calloc(1, sizeof(*t));
	size_t cap = 0;
	char line[512], name[256];
	FILE *f;

	if (!t)
		return NULL;
	f = fopen("/proc/kallsyms", "re");
	if (!f)
		return t;	/* no names: calls print as addresses */
	while (fgets(line, sizeof(line), f)) {
		unsigned long long addr;
		struct ksym *s;

		if (sscanf(line, "%llx %*c %255s", &addr, name) != 2 || !addr)
			continue;
		if (t->nr == cap) {
			cap = cap ? cap * 2 : 4096;
			s = realloc(t->syms, cap * sizeof(*s));
			if (!s)
				break;
			t->syms = s;
		}
		s = &t->syms[t->nr];
		s->addr = addr;
		s->name = strdup(name);
		if (!s->name)
			break;
		t->nr++;
		if (!t->call_base && !strcmp(name, "__bpf_call_base"))
			t->call_base = addr;
	}
	fclose(f);
	if (t->nr)
		qsort(t->syms, t->nr, sizeof(*t->syms), ksym_cmp);
	return t;
}

void ksym_table_free(struct ksym_table *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->nr; i++)
		free(t->syms[i].name);
	free(t->syms);
	free(t);
}

const char *ksym_table_find(const struct ksym_table *t, unsigned long long addr)
{
	struct ksym key = { .addr = addr }, *s;

	if (!t || !t->nr)
		return NULL;
	s = bsearch(&key, t->syms, t->nr, sizeof(key), ksym_cmp);
	return s ? s->name : NULL;
}

unsigned long long ksym_table_call_base(const struct ksym_table *t)
{
	return t ? t->call_base : 0;
}
