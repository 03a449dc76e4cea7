// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Perf buffer against the real kernel: a raw tracepoint program written as
 * instructions calls bpf_perf_event_output() with BPF_F_CURRENT_CPU and is
 * driven by BPF_PROG_TEST_RUN on a CPU this thread is pinned to.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/bpf.h>
#include <linux/perf_event.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "test.h"

#define INSN(c, d, s, o, i) ((struct bpf_insn){ .code = (c), .dst_reg = (d), \
			      .src_reg = (s), .off = (o), .imm = (i) })
#define MOV64_REG(d, s)	INSN(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
#define MOV64_IMM(d, i)	INSN(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, i)
#define ADD64_IMM(d, i)	INSN(BPF_ALU64 | BPF_ADD | BPF_K, d, 0, 0, i)
#define LDX64(d, s, o)	INSN(BPF_LDX | BPF_MEM | BPF_DW, d, s, o, 0)
#define STX64(d, s, o)	INSN(BPF_STX | BPF_MEM | BPF_DW, d, s, o, 0)
#define LD_MAP(d, fd)	INSN(BPF_LD | BPF_DW | BPF_IMM, d, BPF_PSEUDO_MAP_FD, 0, fd), \
			INSN(0, 0, 0, 0, 0)
#define LD_IMM64(d, v)	INSN(BPF_LD | BPF_DW | BPF_IMM, d, 0, 0, (__u32)(v)), \
			INSN(0, 0, 0, 0, (__u32)((__u64)(v) >> 32))
#define CALL(f)		INSN(BPF_JMP | BPF_CALL, 0, 0, 0, f)
#define EXIT()		INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

/* perf_event_output(ctx, map, BPF_F_CURRENT_CPU, &args[0], 8) */
static int load_output_prog(int map_fd)
{
	struct bpf_insn insns[] = {
		LDX64(BPF_REG_2, BPF_REG_1, 0),
		STX64(BPF_REG_10, BPF_REG_2, -8),
		LD_MAP(BPF_REG_2, map_fd),
		LD_IMM64(BPF_REG_3, BPF_F_CURRENT_CPU),
		MOV64_REG(BPF_REG_4, BPF_REG_10),
		ADD64_IMM(BPF_REG_4, -8),
		MOV64_IMM(BPF_REG_5, 8),
		CALL(BPF_FUNC_perf_event_output),
		EXIT(),
	};

	return bpf_prog_load(BPF_PROG_TYPE_RAW_TRACEPOINT, "pb_test", "GPL",
			     insns, sizeof(insns) / sizeof(insns[0]), NULL);
}

static long run_with(int prog_fd, __u64 value)
{
	__u64 args[2] = { value, 0 };
	LIBBPF_OPTS(bpf_test_run_opts, topts, .ctx_in = args,
		    .ctx_size_in = sizeof(args));

	if (bpf_prog_test_run_opts(prog_fd, &topts))
		return -1000 - errno;
	return (int)topts.retval;
}

struct seen {
	__u64 vals[4096];
	int cnt;
	int bad;
	int cpu;
	__u64 lost;
};

static void on_sample(void *ctx, int cpu, void *data, __u32 size)
{
	struct seen *s = ctx;

	/* Raw samples are padded to 8 bytes after the 4-byte size field. */
	if (size < 8 || s->cnt >= 4096 || cpu != s->cpu) {
		s->bad++;
		return;
	}
	/* raw data sits 4 bytes into an 8-byte aligned record */
	memcpy(&s->vals[s->cnt++], data, sizeof(__u64));
}

static void on_lost(void *ctx, int cpu, __u64 cnt)
{
	struct seen *s = ctx;

	(void)cpu;
	s->lost += cnt;
}

static int pin_cpu0(void)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	return sched_setaffinity(0, sizeof(set), &set);
}

static void unpin_cpu(void)
{
	cpu_set_t set;
	int i;

	CPU_ZERO(&set);
	for (i = 0; i < CPU_SETSIZE; i++)
		CPU_SET(i, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

static int make_pe_array(void)
{
	return bpf_map_create(BPF_MAP_TYPE_PERF_EVENT_ARRAY, "pb_test", 4, 4,
			      sysconf(_SC_NPROCESSORS_CONF), NULL);
}

TEST(perfbuf_order_and_wraparound)
{
	static struct seen s;
	struct perf_buffer *pb;
	int map_fd, prog_fd, i, round, n;
	void *base;
	size_t sz;

	memset(&s, 0, sizeof(s));
	ASSERT_OK(pin_cpu0());
	map_fd = make_pe_array();
	ASSERT_FD(map_fd);
	prog_fd = load_output_prog(map_fd);
	ASSERT_FD(prog_fd);
	/* One page per CPU: 24-byte records wrap around it quickly. */
	pb = perf_buffer__new(map_fd, 1, on_sample, on_lost, &s, NULL);
	ASSERT_PTR(pb);
	ASSERT_GE(perf_buffer__buffer_cnt(pb), 1);
	ASSERT_FD(perf_buffer__buffer_fd(pb, 0));
	ASSERT_FD(perf_buffer__epoll_fd(pb));
	ASSERT_TRUE(fcntl(perf_buffer__buffer_fd(pb, 0), F_GETFD) & FD_CLOEXEC);
	ASSERT_TRUE(fcntl(perf_buffer__epoll_fd(pb), F_GETFD) & FD_CLOEXEC);
	ASSERT_OK(perf_buffer__buffer(pb, 0, &base, &sz));
	ASSERT_EQ(sz, 2 * (size_t)sysconf(_SC_PAGESIZE));
	for (round = 0; round < 10; round++) {
		for (i = 0; i < 100; i++)
			ASSERT_EQ(run_with(prog_fd, round * 100 + i), 0);
		n = perf_buffer__poll(pb, 500);
		ASSERT_GE(n, 1);
	}
	ASSERT_OK(perf_buffer__consume(pb));
	ASSERT_EQ(s.bad, 0);
	ASSERT_EQ(s.lost, 0);
	ASSERT_EQ(s.cnt, 1000);
	for (i = 0; i < 1000; i++)
		ASSERT_EQ(s.vals[i], i);
	perf_buffer__free(pb);
	/* The map slots are cleared when the buffer goes away. */
	ASSERT_EQ(run_with(prog_fd, 1), -ENOENT);
	unpin_cpu();
	close(prog_fd);
	close(map_fd);
}

TEST(perfbuf_lost_samples)
{
	static struct seen s;
	struct perf_buffer *pb;
	int map_fd, prog_fd, i, ok = 0;

	memset(&s, 0, sizeof(s));
	ASSERT_OK(pin_cpu0());
	map_fd = make_pe_array();
	ASSERT_FD(map_fd);
	prog_fd = load_output_prog(map_fd);
	ASSERT_FD(prog_fd);
	pb = perf_buffer__new(map_fd, 1, on_sample, on_lost, &s, NULL);
	ASSERT_PTR(pb);
	for (i = 0; i < 1000; i++)
		if (run_with(prog_fd, i) == 0)
			ok++;
	ASSERT_OK(perf_buffer__consume_buffer(pb, 0));
	/* One more sample after draining carries the lost record with it. */
	ASSERT_EQ(run_with(prog_fd, 5000), 0);
	ASSERT_OK(perf_buffer__consume(pb));
	ASSERT_LT(s.cnt, 1000);
	ASSERT_GT(s.lost, 0);
	ASSERT_EQ(s.cnt - 1 + s.lost, 1000);
	ASSERT_EQ(s.vals[s.cnt - 1], 5000);
	for (i = 1; i < s.cnt - 1; i++)
		ASSERT_EQ(s.vals[i], s.vals[i - 1] + 1);
	(void)ok;
	perf_buffer__free(pb);
	unpin_cpu();
	close(prog_fd);
	close(map_fd);
}

static enum bpf_perf_event_ret raw_count(void *ctx, int cpu,
					 struct perf_event_header *e)
{
	int *n = ctx;

	(void)cpu;
	if (e->type == PERF_RECORD_SAMPLE)
		(*n)++;
	return LIBBPF_PERF_EVENT_CONT;
}

TEST(perfbuf_raw_selected_cpu)
{
	struct perf_event_attr attr = {
		.size = sizeof(attr),
		.type = PERF_TYPE_SOFTWARE,
		.config = PERF_COUNT_SW_BPF_OUTPUT,
		.sample_type = PERF_SAMPLE_RAW,
		.sample_period = 1,
		.wakeup_events = 1,
	};
	int cpus[1] = { 0 }, keys[1] = { 0 };
	LIBBPF_OPTS(perf_buffer_raw_opts, ropts, .cpu_cnt = 1, .cpus = cpus,
		    .map_keys = keys);
	struct perf_buffer *pb;
	int map_fd, prog_fd, i, n = 0;

	ASSERT_OK(pin_cpu0());
	map_fd = make_pe_array();
	ASSERT_FD(map_fd);
	prog_fd = load_output_prog(map_fd);
	ASSERT_FD(prog_fd);
	pb = perf_buffer__new_raw(map_fd, 4, &attr, raw_count, &n, &ropts);
	ASSERT_PTR(pb);
	ASSERT_EQ(perf_buffer__buffer_cnt(pb), 1);
	for (i = 0; i < 7; i++)
		ASSERT_EQ(run_with(prog_fd, i), 0);
	ASSERT_EQ(perf_buffer__poll(pb, 500), 1);
	ASSERT_EQ(n, 7);
	ASSERT_ERR(perf_buffer__consume_buffer(pb, 1), -EINVAL);
	perf_buffer__free(pb);
	unpin_cpu();
	close(prog_fd);
	close(map_fd);
}

TEST(perfbuf_bad_input)
{
	int rb = bpf_map_create(BPF_MAP_TYPE_RINGBUF, "notpb", 0, 0, 4096, NULL);
	int map_fd = make_pe_array();

	ASSERT_FD(rb);
	ASSERT_FD(map_fd);
	ASSERT_NULL_ERR(perf_buffer__new(map_fd, 3, on_sample, NULL, NULL, NULL), -EINVAL);
	ASSERT_LOG("not a power of two");
	ASSERT_NULL_ERR(perf_buffer__new(map_fd, (size_t)1 << 62, on_sample, NULL, NULL,
					 NULL), -E2BIG);
	ASSERT_NULL_ERR(perf_buffer__new(rb, 1, on_sample, NULL, NULL, NULL), -EINVAL);
	ASSERT_LOG("not a BPF_MAP_TYPE_PERF_EVENT_ARRAY");
	ASSERT_NULL_ERR(perf_buffer__new(9999, 1, on_sample, NULL, NULL, NULL), -EBADFD);
	ASSERT_NULL_ERR(perf_buffer__new_raw(map_fd, 1, NULL, raw_count, NULL, NULL), -EINVAL);
	perf_buffer__free(NULL);
	close(rb);
	close(map_fd);
}
