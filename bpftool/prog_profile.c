// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * prog profile PROG [duration D] METRICs: hardware counters around every
 * run of PROG, read by an embedded fentry/fexit pair (prog_profiler.bpf.c)
 * from per-CPU perf events.  Kernels that refuse trampoline programs make
 * the load fail; the error says so.
 */
#include <errno.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/perf_event.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "common.h"
#include "prog.h"

extern const unsigned char prog_profiler_obj[];
extern const unsigned int prog_profiler_obj_len;

#define CACHE_CFG(cache, result)					\
	((cache) | (PERF_COUNT_HW_CACHE_OP_READ << 8) | ((result) << 16))

static struct profile_metric {
	const char *name;
	__u32 type;
	__u64 config;
	int ratio_of;		/* index + 1 of the denominator, 0: none */
	const char *ratio_desc;
	double ratio_mul;
	bool selected;
	struct bpf_perf_event_value val;
} metrics[] = {
	{ "cycles", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES },
	{ "instructions", PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS,
	  1, "insns per cycle", 1.0 },
	{ "l1d_loads", PERF_TYPE_HW_CACHE,
	  CACHE_CFG(PERF_COUNT_HW_CACHE_L1D, PERF_COUNT_HW_CACHE_RESULT_ACCESS) },
	{ "llc_misses", PERF_TYPE_HW_CACHE,
	  CACHE_CFG(PERF_COUNT_HW_CACHE_LL, PERF_COUNT_HW_CACHE_RESULT_MISS),
	  2, "LLC misses per million insns", 1e6 },
	{ "itlb_misses", PERF_TYPE_HW_CACHE,
	  CACHE_CFG(PERF_COUNT_HW_CACHE_ITLB, PERF_COUNT_HW_CACHE_RESULT_MISS),
	  2, "itlb misses per million insns", 1e6 },
	{ "dtlb_misses", PERF_TYPE_HW_CACHE,
	  CACHE_CFG(PERF_COUNT_HW_CACHE_DTLB, PERF_COUNT_HW_CACHE_RESULT_MISS),
	  2, "dtlb misses per million insns", 1e6 },
};
#define NR_METRICS (int)(sizeof(metrics) / sizeof(metrics[0]))

struct profile_cfg {
	__u32 nr_cpus;
	__u32 nr_metrics;
};

static volatile sig_atomic_t stop_profile;

static void on_signal(int sig)
{
	(void)sig;
	stop_profile = 1;
}

static int parse_metrics(int argc, char **argv, int *nr)
{
	int i, m;

	*nr = 0;
	if (!argc) {
		p_err("expected at least one metric");
		return -1;
	}
	for (i = 0; i < argc; i++) {
		for (m = 0; m < NR_METRICS; m++)
			if (!strcmp(argv[i], metrics[m].name))
				break;
		if (m == NR_METRICS) {
			p_err("unknown metric '%s'", argv[i]);
			return -1;
		}
		if (metrics[m].selected) {
			p_err("duplicated metric: %s", argv[i]);
			return -1;
		}
		metrics[m].selected = true;
		(*nr)++;
	}
	return 0;
}

/* The BTF name of the target's main function: the fentry attach point. */
static char *target_func_name(int fd)
{
	struct bpf_prog_info info = {};
	struct bpf_func_info finfo = {};
	__u32 len = sizeof(info);
	const struct btf_type *t;
	struct btf *btf;
	char *name = NULL;

	if (bpf_prog_get_info_by_fd(fd, &info, &len)) {
		p_err("can't get prog info: %s", strerror(errno));
		return NULL;
	}
	if (!info.btf_id || !info.nr_func_info) {
		p_err("prog id %u has no BTF function info: it cannot be profiled",
		      info.id);
		return NULL;
	}
	len = sizeof(info);
	memset(&info, 0, sizeof(info));
	info.nr_func_info = 1;
	info.func_info_rec_size = sizeof(finfo);
	info.func_info = (unsigned long)&finfo;
	if (bpf_prog_get_info_by_fd(fd, &info, &len)) {
		p_err("can't get prog info: %s", strerror(errno));
		return NULL;
	}
	btf = btf__load_from_kernel_by_id(info.btf_id);
	if (!btf) {
		p_err("failed to get btf of prog id %u", info.id);
		return NULL;
	}
	t = btf__type_by_id(btf, finfo.type_id);
	if (t && btf_is_func(t))
		name = strdup(btf__name_by_offset(btf, t->name_off));
	if (!name)
		p_err("can't find the function name of prog id %u", info.id);
	btf__free(btf);
	return name;
}

static int open_events(struct bpf_map *map, int nr_cpus, int **fds, int *nr_fds)
{
	int m, cpu, slot = 0, i = 0;

	*fds = calloc(nr_cpus * NR_METRICS, sizeof(int));
	if (!*fds) {
		p_err("mem alloc failed");
		return -1;
	}
	for (m = 0; m < NR_METRICS; m++) {
		struct perf_event_attr attr = {
			.size = sizeof(attr),
			.exclude_user = 1,
		};

		if (!metrics[m].selected)
			continue;
		attr.type = metrics[m].type;
		attr.config = metrics[m].config;
		for (cpu = 0; cpu < nr_cpus; cpu++) {
			int fd = syscall(__NR_perf_event_open, &attr, -1, cpu, -1,
					 PERF_FLAG_FD_CLOEXEC);
			__u32 key = slot * nr_cpus + cpu;

			if (fd < 0) {
				p_err("failed to create event %s on cpu %d: %s",
				      metrics[m].name, cpu, strerror(errno));
				goto err;
			}
			(*fds)[i++] = fd;
			*nr_fds = i;
			if (bpf_map_update_elem(bpf_map__fd(map), &key, &fd, BPF_ANY) ||
			    ioctl(fd, PERF_EVENT_IOC_ENABLE, 0)) {
				p_err("failed to set up event %s on cpu %d: %s",
				      metrics[m].name, cpu, strerror(errno));
				goto err;
			}
		}
		slot++;
	}
	return 0;
err:
	return -1;
}

static int read_results(struct bpf_object *obj, int nr_cpus, __u64 *runs)
{
	struct bpf_perf_event_value *vals;
	struct bpf_map *totals = bpf_object__find_map_by_name(obj, "totals");
	struct bpf_map *cnt = bpf_object__find_map_by_name(obj, "runs");
	__u64 *per_cpu;
	__u32 key = 0;
	int m, cpu, slot = 0, err = -1;

	vals = calloc(nr_cpus, sizeof(*vals));
	per_cpu = calloc(nr_cpus, sizeof(*per_cpu));
	if (!vals || !per_cpu || !totals || !cnt)
		goto out;
	*runs = 0;
	if (bpf_map_lookup_elem(bpf_map__fd(cnt), &key, per_cpu))
		goto out;
	for (cpu = 0; cpu < nr_cpus; cpu++)
		*runs += per_cpu[cpu];
	for (m = 0; m < NR_METRICS; m++) {
		if (!metrics[m].selected)
			continue;
		key = slot++;
		memset(&metrics[m].val, 0, sizeof(metrics[m].val));
		if (bpf_map_lookup_elem(bpf_map__fd(totals), &key, vals))
			goto out;
		for (cpu = 0; cpu < nr_cpus; cpu++) {
			metrics[m].val.counter += vals[cpu].counter;
			metrics[m].val.enabled += vals[cpu].enabled;
			metrics[m].val.running += vals[cpu].running;
		}
	}
	err = 0;
out:
	if (err)
		p_err("failed to read the profile counters");
	free(vals);
	free(per_cpu);
	return err;
}

static void print_results(__u64 runs)
{
	int m;

	if (json_output) {
		jsonw_start_array(json_wtr);
		for (m = 0; m < NR_METRICS; m++) {
			if (!metrics[m].selected)
				continue;
			jsonw_start_object(json_wtr);
			jsonw_string_field(json_wtr, "metric", metrics[m].name);
			jsonw_lluint_field(json_wtr, "run_cnt", runs);
			jsonw_lluint_field(json_wtr, "value", metrics[m].val.counter);
			jsonw_lluint_field(json_wtr, "enabled", metrics[m].val.enabled);
			jsonw_lluint_field(json_wtr, "running", metrics[m].val.running);
			jsonw_end_object(json_wtr);
		}
		jsonw_end_array(json_wtr);
		return;
	}
	printf("\n%18llu %-20s\n", (unsigned long long)runs, "run_cnt");
	for (m = 0; m < NR_METRICS; m++) {
		const struct bpf_perf_event_value *v = &metrics[m].val;
		int r = metrics[m].ratio_of - 1;

		if (!metrics[m].selected)
			continue;
		printf("%18llu %-20s", (unsigned long long)v->counter,
		       metrics[m].name);
		if (r >= 0 && metrics[r].selected && metrics[r].val.counter)
			printf("# %8.2f %-30s", (double)v->counter /
			       metrics[r].val.counter * metrics[m].ratio_mul,
			       metrics[m].ratio_desc);
		else
			printf("%-41s", "");
		if (v->enabled > v->running)
			printf("(%4.2f%%)", (double)v->running / v->enabled * 100);
		printf("\n");
	}
}

static int load_profiler(struct bpf_object *obj, int tgt_fd, const char *func,
			 int nr_events)
{
	struct bpf_program *prog;
	int err;

	bpf_map__set_max_entries(bpf_object__find_map_by_name(obj, "events"),
				 nr_events);
	bpf_object__for_each_program(prog, obj) {
		err = bpf_program__set_attach_target(prog, tgt_fd, func);
		if (err) {
			p_err("can't target function '%s': %s", func, strerror(-err));
			return -1;
		}
	}
	err = bpf_object__load(obj);
	if (!err)
		return 0;
	if (err == -EPERM || err == -EOPNOTSUPP || err == -524 /* ENOTSUPP */)
		p_err("failed to load the profiler: this kernel refuses fentry/fexit programs (%s)",
		      strerror(-err));
	else
		p_err("failed to load the profiler: %s", strerror(-err));
	return -1;
}

int prog_do_profile(int argc, char **argv)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = "profiler");
	struct bpf_link *links[2] = {};
	struct bpf_object *obj = NULL;
	struct bpf_program *prog;
	int tgt_fd, nr_metrics, nr_cpus, *ev_fds = NULL, nr_ev = 0, i, err = -1;
	unsigned long duration = 0;
	struct profile_cfg cfg;
	char *func = NULL;
	__u64 runs = 0;
	__u32 zero = 0;

	if (!REQ_ARGS(3))
		return -1;
	tgt_fd = prog_parse_fd(&argc, &argv);
	if (tgt_fd < 0)
		return -1;
	if (argc > 1 && is_prefix(*argv, "duration")) {
		char *end;

		NEXT_ARG();
		errno = 0;
		duration = strtoul(*argv, &end, 0);
		if (*end || !**argv || errno || **argv == '-') {
			p_err("can't parse %s as duration", *argv);
			goto out;
		}
		NEXT_ARG();
	}
	if (parse_metrics(argc, argv, &nr_metrics))
		goto out;
	nr_cpus = libbpf_num_possible_cpus();
	if (nr_cpus <= 0) {
		p_err("can't get the number of CPUs");
		goto out;
	}
	func = target_func_name(tgt_fd);
	if (!func)
		goto out;
	obj = bpf_object__open_mem(prog_profiler_obj, prog_profiler_obj_len, &opts);
	if (!obj) {
		p_err("failed to open the embedded profiler object");
		goto out;
	}
	if (load_profiler(obj, tgt_fd, func, nr_cpus * nr_metrics))
		goto out;
	cfg.nr_cpus = nr_cpus;
	cfg.nr_metrics = nr_metrics;
	if (bpf_map_update_elem(bpf_map__fd(bpf_object__find_map_by_name(obj, "cfg")),
				&zero, &cfg, BPF_ANY)) {
		p_err("failed to configure the profiler: %s", strerror(errno));
		goto out;
	}
	if (open_events(bpf_object__find_map_by_name(obj, "events"), nr_cpus,
			&ev_fds, &nr_ev))
		goto out;
	i = 0;
	bpf_object__for_each_program(prog, obj) {
		links[i] = bpf_program__attach_trace(prog);
		if (!links[i]) {
			p_err("failed to attach %s: %s", bpf_program__name(prog),
			      strerror(errno));
			goto out;
		}
		i++;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	if (duration) {
		unsigned long left = duration;

		while (left && !stop_profile)
			left = sleep(left);
	} else {
		while (!stop_profile)
			pause();
	}
	if (read_results(obj, nr_cpus, &runs))
		goto out;
	print_results(runs);
	err = 0;
out:
	for (i = 0; i < 2; i++)
		bpf_link__destroy(links[i]);
	for (i = 0; i < nr_ev; i++)
		close(ev_fds[i]);
	free(ev_fds);
	bpf_object__close(obj);
	free(func);
	close(tgt_fd);
	for (i = 0; i < NR_METRICS; i++)
		metrics[i].selected = false;
	return err;
}
