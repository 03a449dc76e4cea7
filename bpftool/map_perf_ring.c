// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * map event_pipe: reads the records BPF programs send through a perf event
 * array (bpf_perf_event_output) until interrupted, one per line group in
 * plain mode, one object each in a JSON array under -j.
 */
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <linux/perf_event.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "common.h"
#include "map.h"

#define EVENT_PIPE_PAGES 16

/* A PERF_RECORD_SAMPLE with PERF_SAMPLE_TIME | PERF_SAMPLE_RAW. */
struct sample_rec {
	struct perf_event_header header;
	__u64 time;
	__u32 size;
	unsigned char data[];
};

struct lost_rec {
	struct perf_event_header header;
	__u64 id;
	__u64 lost;
};

struct pipe_ctx {
	bool all_cpus;
	int cpu, idx;
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	static const char msg[] = "Stopping...\n";

	stop = 1;
	/* stdio is not async-signal-safe */
	if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0)
		return;
}

/* The hex layout of map dump: 16 bytes a line, two blanks after 8. */
static void print_hex(const unsigned char *d, __u32 n)
{
	__u32 i;

	for (i = 0; i < n; i++) {
		if (i)
			fputs(!(i % 16) ? "\n" : !(i % 8) ? "  " : " ", stdout);
		printf("%02hhx", d[i]);
	}
}

static enum bpf_perf_event_ret on_event(void *priv, int cpu,
					struct perf_event_header *ev)
{
	const struct pipe_ctx *c = priv;
	int idx = c->all_cpus ? cpu : c->idx;
	const struct sample_rec *s = (const void *)ev;
	const struct lost_rec *l = (const void *)ev;
	__u32 i;

	if (json_output) {
		jsonw_start_object(json_wtr);
		jsonw_uint_field(json_wtr, "type", ev->type);
		jsonw_uint_field(json_wtr, "cpu", cpu);
		jsonw_uint_field(json_wtr, "index", idx);
		if (ev->type == PERF_RECORD_SAMPLE) {
			jsonw_uint_field(json_wtr, "timestamp", s->time);
			jsonw_name(json_wtr, "data");
			jsonw_start_array(json_wtr);
			for (i = 0; i < s->size; i++)
				jsonw_printf(json_wtr, "%d", s->data[i]);
			jsonw_end_array(json_wtr);
		} else if (ev->type == PERF_RECORD_LOST) {
			jsonw_name(json_wtr, "lost");
			jsonw_start_object(json_wtr);
			jsonw_uint_field(json_wtr, "id", l->id);
			jsonw_uint_field(json_wtr, "count", l->lost);
			jsonw_end_object(json_wtr);
		}
		jsonw_end_object(json_wtr);
	} else if (ev->type == PERF_RECORD_SAMPLE) {
		printf("== @%llu.%09llu CPU: %d index: %d =====\n",
		       (unsigned long long)s->time / 1000000000ULL,
		       (unsigned long long)s->time % 1000000000ULL, cpu, idx);
		print_hex(s->data, s->size);
		printf("\n");
	} else if (ev->type == PERF_RECORD_LOST) {
		printf("lost %llu events\n", (unsigned long long)l->lost);
	} else {
		printf("unknown event type=%u size=%u\n", ev->type, ev->size);
	}
	fflush(stdout);
	return LIBBPF_PERF_EVENT_CONT;
}

static int parse_int_word(const char *s, int *out, const char *what)
{
	long v;
	char *end;

	errno = 0;
	v = strtol(s, &end, 0);
	if (!*s || *end || errno || v < 0 || v > INT32_MAX) {
		p_err("can't parse %s as %s", s, what);
		return -1;
	}
	*out = v;
	return 0;
}

int map_do_event_pipe(int argc, char **argv)
{
	struct perf_event_attr attr = {
		.type = PERF_TYPE_SOFTWARE,
		.config = PERF_COUNT_SW_BPF_OUTPUT,
		.sample_type = PERF_SAMPLE_RAW | PERF_SAMPLE_TIME,
		.sample_period = 1,
		.wakeup_events = 1,
	};
	LIBBPF_OPTS(perf_buffer_raw_opts, opts);
	struct pipe_ctx ctx = { .all_cpus = true, .cpu = -1, .idx = -1 };
	struct bpf_map_info info = {};
	__u32 len = sizeof(info);
	struct perf_buffer *pb;
	int fd, err = -1;

	if (argc < 2)
		usage();
	fd = map_parse_fd_and_info(&argc, &argv, &info, &len);
	if (fd < 0)
		return -1;
	if (info.type != BPF_MAP_TYPE_PERF_EVENT_ARRAY) {
		p_err("map is not a perf event array");
		goto out;
	}
	while (argc) {
		if (argc < 2) {
			BAD_ARG();
			goto out;
		}
		if (is_prefix(*argv, "cpu")) {
			if (parse_int_word(argv[1], &ctx.cpu, "CPU ID"))
				goto out;
		} else if (is_prefix(*argv, "index")) {
			if (parse_int_word(argv[1], &ctx.idx, "index"))
				goto out;
		} else {
			BAD_ARG();
			goto out;
		}
		argc -= 2;
		argv += 2;
	}
	if ((ctx.cpu < 0) != (ctx.idx < 0)) {
		p_err("cpu and index must be specified together");
		goto out;
	}
	if (ctx.cpu >= 0) {
		ctx.all_cpus = false;
		opts.cpu_cnt = 1;
		opts.cpus = &ctx.cpu;
		opts.map_keys = &ctx.idx;
	}
	pb = perf_buffer__new_raw(fd, EVENT_PIPE_PAGES, &attr, on_event, &ctx, &opts);
	if (!pb) {
		p_err("failed to create perf buffer: %s (%d)", strerror(errno), errno);
		goto out;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	if (json_output)
		jsonw_start_array(json_wtr);
	err = 0;
	while (!stop) {
		int n = perf_buffer__poll(pb, 200);

		if (n < 0 && n != -EINTR) {
			p_err("perf buffer polling failed: %s (%d)", strerror(-n), -n);
			err = -1;
			break;
		}
	}
	if (json_output)
		jsonw_end_array(json_wtr);
	perf_buffer__free(pb);
out:
	close(fd);
	return err;
}
