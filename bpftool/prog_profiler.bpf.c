// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * BPF side of "bpftool prog profile": fentry reads the selected perf
 * counters when the profiled program starts, fexit reads them again and
 * adds the difference to per-CPU totals.  Built into bpftool (embedded
 * object); the target program and the counter layout are set at load time.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define PROFILE_MAX_METRICS 8

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(int));
	__uint(value_size, sizeof(int));
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(struct bpf_perf_event_value) * PROFILE_MAX_METRICS);
	__uint(max_entries, 1);
} start_readings SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(struct bpf_perf_event_value));
	__uint(max_entries, PROFILE_MAX_METRICS);
} totals SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u64));
	__uint(max_entries, 1);
} runs SEC(".maps");

/* written by bpftool after load: CPUs and selected counters */
struct profile_cfg {
	__u32 nr_cpus;
	__u32 nr_metrics;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, struct profile_cfg);
	__uint(max_entries, 1);
} cfg SEC(".maps");

SEC("fentry/placeholder")
int profile_enter(void *ctx)
{
	struct bpf_perf_event_value *start;
	__u32 zero = 0, cpu = bpf_get_smp_processor_id(), i;
	struct profile_cfg *c;

	start = bpf_map_lookup_elem(&start_readings, &zero);
	c = bpf_map_lookup_elem(&cfg, &zero);
	if (!start || !c)
		return 0;
	for (i = 0; i < PROFILE_MAX_METRICS && i < c->nr_metrics; i++)
		bpf_perf_event_read_value(&events, cpu + i * c->nr_cpus, &start[i],
					  sizeof(start[i]));
	return 0;
}

SEC("fexit/placeholder")
int profile_exit(void *ctx)
{
	struct bpf_perf_event_value *start, *total, now;
	__u32 zero = 0, cpu = bpf_get_smp_processor_id(), i;
	struct profile_cfg *c;
	__u64 *cnt;

	start = bpf_map_lookup_elem(&start_readings, &zero);
	cnt = bpf_map_lookup_elem(&runs, &zero);
	c = bpf_map_lookup_elem(&cfg, &zero);
	if (!start || !cnt || !c)
		return 0;
	*cnt += 1;
	for (i = 0; i < PROFILE_MAX_METRICS && i < c->nr_metrics; i++) {
		__u32 key = i;

		if (bpf_perf_event_read_value(&events, cpu + i * c->nr_cpus, &now,
					      sizeof(now)))
			continue;
		total = bpf_map_lookup_elem(&totals, &key);
		if (!total)
			continue;
		total->counter += now.counter - start[i].counter;
		total->enabled += now.enabled - start[i].enabled;
		total->running += now.running - start[i].running;
	}
	return 0;
}

char _license[] SEC("license") = "GPL";
