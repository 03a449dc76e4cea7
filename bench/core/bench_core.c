// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * How much does CO-RE cost when 50 programs relocate against vmlinux in one
 * process?  Each "program" does what the object loader does: get the
 * kernel target, apply every CO-RE record of core_bench.bpf.o, put the
 * target.  Shared: the target cache keeps vmlinux parsed and indexed, so
 * the counters must show one parse and one index build.  Cold: the cache
 * is flushed before each program, which is what a loader without sharing
 * would pay.
 *
 *	build/bench/core/bench_core [programs]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <bpf/btf.h>

#include "btf/btf_ext.h"
#include "core/core.h"
#include "core/objfile.h"

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* One program's worth of relocation; returns relocations applied or -1. */
static int relocate_all(const struct core_obj *o)
{
	const struct btf_ext_info_sec *secs;
	struct core_target *t;
	__u32 cnt, i, j;
	int n = 0;

	if (btf_ext_sections(o->ext, BTF_EXT_CORE_RELO, &secs, &cnt))
		return -1;
	t = core_target_get(NULL, NULL);
	if (!t)
		return -1;
	for (i = 0; i < cnt; i++) {
		const char *name = btf__name_by_offset(o->btf, secs[i].sec_name_off);
		const struct core_obj_sec *s = name ? core_obj_find_sec(o, name) : NULL;
		struct bpf_insn *insns;

		if (!s)
			continue;
		insns = malloc(s->insn_cnt * sizeof(*insns));
		if (!insns)
			break;
		memcpy(insns, s->insns, s->insn_cnt * sizeof(*insns));
		for (j = 0; j < secs[i].num_info; j++) {
			const struct bpf_core_relo *r = (const void *)
				((const char *)secs[i].data + (size_t)j * secs[i].rec_size);
			struct core_failure why;

			if (core_apply_relo(t, o->btf, r, insns, s->insn_cnt,
					    r->insn_off / 8, &why) == 0 && !why.poisoned)
				n++;
			else
				fprintf(stderr, "relo failed: %s: %s\n",
					why.access_spec, why.reason);
		}
		free(insns);
	}
	core_target_put(t);
	return n;
}

static int run(const struct core_obj *o, int progs, bool cold, const char *label)
{
	struct core_stats a, b;
	double t0, t1, first = 0;
	int i, n = 0;

	core_target_cache_flush();
	core_stats_get(&a);
	t0 = now_ms();
	for (i = 0; i < progs; i++) {
		if (cold)
			core_target_cache_flush();
		n = relocate_all(o);
		if (n < 0) {
			fprintf(stderr, "relocation failed (no /sys/kernel/btf/vmlinux?)\n");
			return 1;
		}
		if (i == 0)
			first = now_ms() - t0;
	}
	t1 = now_ms();
	core_stats_get(&b);
	printf("%-7s %d programs x %d relocations: %8.2f ms total, first %7.2f ms, "
	       "then %6.3f ms/program; vmlinux parses %lu, index builds %lu, "
	       "candidate lookups %lu\n",
	       label, progs, n, t1 - t0, first,
	       progs > 1 ? (t1 - t0 - first) / (progs - 1) : 0.0,
	       b.btf_parses - a.btf_parses, b.index_builds - a.index_builds,
	       b.cand_lookups - a.cand_lookups);
	return 0;
}

int main(int argc, char **argv)
{
	int progs = argc > 1 ? atoi(argv[1]) : 50;
	struct core_obj *o;
	int err;

	if (core_obj_open(BENCH_CORE_OBJ, &o)) {
		fprintf(stderr, "cannot open %s\n", BENCH_CORE_OBJ);
		return 1;
	}
	err = run(o, progs, false, "shared");
	if (!err)
		err = run(o, progs, true, "cold");
	core_obj_close(o);
	core_target_cache_flush();
	return err;
}
