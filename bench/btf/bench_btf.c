// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * bench_btf [LIBBPF_SO] [RUNS]: load the kernel BTF RUNS times through the
 * given libbpf.so.1 (default: the system's) and report the median, then
 * time 1,000 btf__find_by_name_kind() lookups of random kernel type names
 * on a freshly loaded BTF (the first lookup pays for any index), median
 * of 5 rounds.  Only the public ABI is used, through dlsym().
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/btf.h>

#define LOOKUPS 1000
#define ROUNDS 5

struct api {
	void *(*load_vmlinux)(void);
	void (*free)(void *btf);
	int (*find_kind)(const void *btf, const char *name, unsigned int kind);
	unsigned int (*type_cnt)(const void *btf);
	const struct btf_type *(*type_by_id)(const void *btf, unsigned int id);
	const char *(*name_by_off)(const void *btf, unsigned int off);
};

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return v[n / 2];
}

static int bind(void *h, struct api *a)
{
#define SYM(field, name) if (!(*(void **)&a->field = dlsym(h, name))) { \
		fprintf(stderr, "bench_btf: missing %s\n", name); return -1; }
	SYM(load_vmlinux, "btf__load_vmlinux_btf");
	SYM(free, "btf__free");
	SYM(find_kind, "btf__find_by_name_kind");
	SYM(type_cnt, "btf__type_cnt");
	SYM(type_by_id, "btf__type_by_id");
	SYM(name_by_off, "btf__name_by_offset");
#undef SYM
	return 0;
}

int main(int argc, char **argv)
{
	const char *so = argc > 1 ? argv[1] : "/lib/x86_64-linux-gnu/libbpf.so.1";
	int runs = argc > 2 ? atoi(argv[2]) : 51, i, r;
	double *load = calloc(runs, sizeof(double)), look[ROUNDS];
	char *names[LOOKUPS];
	unsigned int kinds[LOOKUPS], seed = 20261122;
	struct api a;
	void *h, *btf;

	/* Lazy binding: a partly built library still has these symbols. */
	h = dlopen(so, RTLD_LAZY | RTLD_LOCAL);
	if (!h) {
		fprintf(stderr, "bench_btf: %s\n", dlerror());
		return 1;
	}
	if (bind(h, &a))
		return 1;

	for (i = 0; i < runs; i++) {
		double t0 = now_ms();

		btf = a.load_vmlinux();
		load[i] = now_ms() - t0;
		if (!btf) {
			fprintf(stderr, "bench_btf: btf__load_vmlinux_btf failed\n");
			return 1;
		}
		a.free(btf);
	}

	/* Names (and kinds) of random named types, taken from the BTF itself. */
	btf = a.load_vmlinux();
	for (i = 0; i < LOOKUPS;) {
		unsigned int cnt = a.type_cnt(btf), id;
		const struct btf_type *t;
		const char *name;

		seed = seed * 1103515245 + 12345;
		id = 1 + (seed >> 4) % (cnt - 1);
		t = a.type_by_id(btf, id);
		name = a.name_by_off(btf, t->name_off);
		if (!name || !*name)
			continue;
		names[i] = strdup(name);
		kinds[i++] = BTF_INFO_KIND(t->info);
	}
	a.free(btf);

	for (r = 0; r < ROUNDS; r++) {
		double t0;

		btf = a.load_vmlinux();
		t0 = now_ms();
		for (i = 0; i < LOOKUPS; i++) {
			if (a.find_kind(btf, names[i], kinds[i]) <= 0) {
				fprintf(stderr, "bench_btf: '%s' not found\n", names[i]);
				return 1;
			}
		}
		look[r] = now_ms() - t0;
		a.free(btf);
	}

	printf("library: %s\n", so);
	printf("load_vmlinux_ms: %.3f (median of %d)\n", median(load, runs), runs);
	printf("find_1000_ms: %.3f (median of %d)\n", median(look, ROUNDS), ROUNDS);
	for (i = 0; i < LOOKUPS; i++)
		free(names[i]);
	free(load);
	dlclose(h);
	return 0;
}
