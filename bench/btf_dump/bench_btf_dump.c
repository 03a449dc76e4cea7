// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * bench_btf_dump LIBBPF_SO [OUT [BTF [REPS]]]: load BTF (default
 * /sys/kernel/btf/vmlinux) with the given libbpf.so.1, then print every
 * type through btf_dump__dump_type into OUT (default /dev/null) with a
 * buffered FILE, the way bpftool does, REPS times (default 5, a fresh
 * btf_dump each time).  Prints the parse time and the best dump time in ms
 * (the VM is shared, the minimum is the stable figure), the best CPU time
 * of a dump, and the peak RSS in KiB.  Only the public ABI is used, through dlsym.
 */
#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

struct btf;
struct btf_dump;
typedef void (*printf_fn_t)(void *ctx, const char *fmt, va_list args);

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* CPU time of this process: less disturbed by a busy machine. */
static double cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void to_file(void *ctx, const char *fmt, va_list args)
{
	vfprintf(ctx, fmt, args);
}

#define SYM(var, name)							\
	do {								\
		*(void **)&var = dlsym(lib, name);			\
		if (!var) {						\
			fprintf(stderr, "missing %s in %s\n", name, so);\
			return 1;					\
		}							\
	} while (0)

int main(int argc, char **argv)
{
	const char *so = argc > 1 ? argv[1] : "libbpf.so.1";
	const char *out = argc > 2 ? argv[2] : "/dev/null";
	const char *path = argc > 3 && argv[3][0] ? argv[3] : "/sys/kernel/btf/vmlinux";
	struct btf *(*parse)(const char *);
	unsigned int (*type_cnt)(const struct btf *);
	struct btf_dump *(*dnew)(const struct btf *, printf_fn_t, void *,
				 const void *);
	int (*dump_type)(struct btf_dump *, unsigned int);
	void (*dfree)(struct btf_dump *);
	void (*bfree)(struct btf *);
	int reps = argc > 4 ? atoi(argv[4]) : 5, r;
	double t0, t1, t2, c2, best = 1e30, best_cpu = 1e30;
	struct rusage ru;
	struct btf_dump *d;
	struct btf *btf;
	unsigned int i, n;
	void *lib;
	FILE *f;
	int err;

	lib = dlopen(so, RTLD_LAZY | RTLD_LOCAL);
	if (!lib) {
		fprintf(stderr, "dlopen %s: %s\n", so, dlerror());
		return 1;
	}
	SYM(parse, "btf__parse");
	SYM(type_cnt, "btf__type_cnt");
	SYM(dnew, "btf_dump__new");
	SYM(dump_type, "btf_dump__dump_type");
	SYM(dfree, "btf_dump__free");
	SYM(bfree, "btf__free");

	f = fopen(out, "w");
	if (!f) {
		perror(out);
		return 1;
	}
	t0 = now_ms();
	btf = parse(path);
	if (!btf) {
		fprintf(stderr, "cannot parse %s\n", path);
		return 1;
	}
	t1 = now_ms();
	n = type_cnt(btf);
	for (r = 0; r < (reps > 0 ? reps : 1); r++) {
		rewind(f);
		t2 = now_ms();
		c2 = cpu_ms();
		d = dnew(btf, to_file, f, NULL);
		if (!d) {
			fprintf(stderr, "btf_dump__new failed\n");
			return 1;
		}
		for (i = 1; i < n; i++) {
			err = dump_type(d, i);
			if (err) {
				fprintf(stderr, "dump of type %u: %d\n", i, err);
				return 1;
			}
		}
		fflush(f);
		dfree(d);
		t2 = now_ms() - t2;
		c2 = cpu_ms() - c2;
		if (t2 < best)
			best = t2;
		if (c2 < best_cpu)
			best_cpu = c2;
	}
	bfree(btf);
	fclose(f);
	getrusage(RUSAGE_SELF, &ru);
	printf("lib: %s\n", so);
	printf("types: %u\n", n);
	printf("parse_ms: %.3f\n", t1 - t0);
	printf("dump_ms: %.3f\n", best);
	printf("dump_cpu_ms: %.3f\n", best_cpu);
	printf("maxrss_kb: %ld\n", ru.ru_maxrss);
	return 0;
}
