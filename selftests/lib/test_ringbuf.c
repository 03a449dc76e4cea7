// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Ring buffer and user ring buffer against the real kernel.  The producers
 * are raw tracepoint programs written as instructions and driven with
 * BPF_PROG_TEST_RUN, so event counts and contents are exact; one test also
 * attaches a producer to sys_enter for real.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <linux/bpf.h>
#include <linux/btf.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "test.h"

#define INSN(c, d, s, o, i) ((struct bpf_insn){ .code = (c), .dst_reg = (d), \
			      .src_reg = (s), .off = (o), .imm = (i) })
#define MOV64_REG(d, s)	INSN(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
#define MOV64_IMM(d, i)	INSN(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, i)
#define ADD64_IMM(d, i)	INSN(BPF_ALU64 | BPF_ADD | BPF_K, d, 0, 0, i)
#define AND64_IMM(d, i)	INSN(BPF_ALU64 | BPF_AND | BPF_K, d, 0, 0, i)
#define LDX64(d, s, o)	INSN(BPF_LDX | BPF_MEM | BPF_DW, d, s, o, 0)
#define STX64(d, s, o)	INSN(BPF_STX | BPF_MEM | BPF_DW, d, s, o, 0)
#define LD_MAP(d, fd)	INSN(BPF_LD | BPF_DW | BPF_IMM, d, BPF_PSEUDO_MAP_FD, 0, fd), \
			INSN(0, 0, 0, 0, 0)
#define LD_FUNC(d, rel)	INSN(BPF_LD | BPF_DW | BPF_IMM, d, BPF_PSEUDO_FUNC, 0, rel), \
			INSN(0, 0, 0, 0, 0)
#define JEQ_IMM(d, i, o) INSN(BPF_JMP | BPF_JEQ | BPF_K, d, 0, o, i)
#define JNE_IMM(d, i, o) INSN(BPF_JMP | BPF_JNE | BPF_K, d, 0, o, i)
#define CALL(f)		INSN(BPF_JMP | BPF_CALL, 0, 0, 0, f)
#define EXIT()		INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

static int load_raw_tp(const struct bpf_insn *insns, size_t cnt)
{
	char log[4096] = "";
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .log_buf = log,
		    .log_size = sizeof(log), .log_level = 0);
	int fd = bpf_prog_load(BPF_PROG_TYPE_RAW_TRACEPOINT, "rb_test", "GPL",
			       insns, cnt, &opts);

	if (fd < 0) {
		opts.log_level = 1;
		fd = bpf_prog_load(BPF_PROG_TYPE_RAW_TRACEPOINT, "rb_test", "GPL",
				   insns, cnt, &opts);
		fprintf(stderr, "verifier log:\n%s\n", log);
	}
	return fd;
}

/* Outputs args[0] (8 bytes) into the ring; returns the helper's result. */
static int load_output_prog(int map_fd)
{
	struct bpf_insn insns[] = {
		LDX64(BPF_REG_1, BPF_REG_1, 0),
		STX64(BPF_REG_10, BPF_REG_1, -8),
		LD_MAP(BPF_REG_1, map_fd),
		MOV64_REG(BPF_REG_2, BPF_REG_10),
		ADD64_IMM(BPF_REG_2, -8),
		MOV64_IMM(BPF_REG_3, 8),
		MOV64_IMM(BPF_REG_4, 0),
		CALL(BPF_FUNC_ringbuf_output),
		EXIT(),
	};

	return load_raw_tp(insns, sizeof(insns) / sizeof(insns[0]));
}

/* Reserves 8 bytes, stores args[0]; submits even values, discards odd ones. */
static int load_reserve_prog(int map_fd)
{
	struct bpf_insn insns[] = {
		LDX64(BPF_REG_6, BPF_REG_1, 0),
		LD_MAP(BPF_REG_1, map_fd),
		MOV64_IMM(BPF_REG_2, 8),
		MOV64_IMM(BPF_REG_3, 0),
		CALL(BPF_FUNC_ringbuf_reserve),
		JNE_IMM(BPF_REG_0, 0, 2),
		MOV64_IMM(BPF_REG_0, -1),
		EXIT(),
		STX64(BPF_REG_0, BPF_REG_6, 0),
		MOV64_REG(BPF_REG_1, BPF_REG_0),
		MOV64_IMM(BPF_REG_2, 0),
		AND64_IMM(BPF_REG_6, 1),
		JEQ_IMM(BPF_REG_6, 0, 3),
		CALL(BPF_FUNC_ringbuf_discard),
		MOV64_IMM(BPF_REG_0, 1),
		EXIT(),
		CALL(BPF_FUNC_ringbuf_submit),
		MOV64_IMM(BPF_REG_0, 0),
		EXIT(),
	};

	return load_raw_tp(insns, sizeof(insns) / sizeof(insns[0]));
}

/* Runs prog once with args[0] = value; returns the program's return value. */
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
	__u64 vals[1024];
	int cnt;
	int stop_after;		/* return -EAGAIN from the callback after this many */
	int tag;
};

static int collect(void *ctx, void *data, size_t size)
{
	struct seen *s = ctx;

	if (size != 8 || s->cnt >= 1024)
		return -EINVAL;
	if (s->stop_after && s->cnt == s->stop_after) {
		s->stop_after = 0;
		return -EAGAIN;
	}
	s->vals[s->cnt++] = *(__u64 *)data;
	return 0;
}

static int make_ringbuf(__u32 size)
{
	return bpf_map_create(BPF_MAP_TYPE_RINGBUF, "rb_test", 0, 0, size, NULL);
}

TEST(ringbuf_order_and_positions)
{
	struct seen s = {};
	struct ring_buffer *rb;
	struct ring *r;
	int map_fd, prog_fd, i;

	map_fd = make_ringbuf(16384);
	ASSERT_FD(map_fd);
	prog_fd = load_output_prog(map_fd);
	ASSERT_FD(prog_fd);
	rb = ring_buffer__new(map_fd, collect, &s, NULL);
	ASSERT_PTR(rb);
	r = ring_buffer__ring(rb, 0);
	ASSERT_PTR(r);
	ASSERT_EQ(ring__size(r), 16384);
	ASSERT_EQ(ring__map_fd(r), map_fd);
	ASSERT_NULL_ERR(ring_buffer__ring(rb, 1), -ERANGE);
	ASSERT_FD(ring_buffer__epoll_fd(rb));
	ASSERT_TRUE(fcntl(ring_buffer__epoll_fd(rb), F_GETFD) & FD_CLOEXEC);

	for (i = 0; i < 100; i++)
		ASSERT_EQ(run_with(prog_fd, 1000 + i), 0);
	/* 8-byte header plus 8 bytes of data per record */
	ASSERT_EQ(ring__avail_data_size(r), 100 * 16);
	ASSERT_EQ(ring__producer_pos(r), 100 * 16);
	ASSERT_EQ(ring__consumer_pos(r), 0);
	ASSERT_EQ(ring_buffer__poll(rb, 100), 100);
	ASSERT_EQ(s.cnt, 100);
	for (i = 0; i < 100; i++)
		ASSERT_EQ(s.vals[i], 1000 + i);
	ASSERT_EQ(ring__avail_data_size(r), 0);
	ASSERT_EQ(ring__consumer_pos(r), ring__producer_pos(r));
	ASSERT_EQ(ring_buffer__consume(rb), 0);
	ASSERT_EQ(ring_buffer__poll(rb, 0), 0);

	ring_buffer__free(rb);
	close(prog_fd);
	close(map_fd);
}

TEST(ringbuf_wraparound_and_full)
{
	struct seen s = {};
	struct ring_buffer *rb;
	int map_fd, prog_fd, i, round, ok = 0, full = 0;
	long ret;

	map_fd = make_ringbuf(4096);
	ASSERT_FD(map_fd);
	prog_fd = load_output_prog(map_fd);
	ASSERT_FD(prog_fd);
	rb = ring_buffer__new(map_fd, collect, &s, NULL);
	ASSERT_PTR(rb);
	/* 5 rounds of 100 records (1600 bytes): wraps the 4096-byte ring. */
	for (round = 0; round < 5; round++) {
		for (i = 0; i < 100; i++)
			ASSERT_EQ(run_with(prog_fd, round * 100 + i), 0);
		ASSERT_EQ(ring_buffer__consume(rb), 100);
	}
	ASSERT_EQ(s.cnt, 500);
	for (i = 0; i < 500; i++)
		ASSERT_EQ(s.vals[i], i);

	/* Without a consumer the ring fills; the rest is refused, not lost silently. */
	s.cnt = 0;
	for (i = 0; i < 300; i++) {
		ret = run_with(prog_fd, i);
		if (ret == 0)
			ok++;
		else if (ret == -EAGAIN)
			full++;
	}
	ASSERT_EQ(ok + full, 300);
	ASSERT_GT(full, 0);
	ASSERT_EQ(ring_buffer__consume(rb), ok);
	for (i = 0; i < ok; i++)
		ASSERT_EQ(s.vals[i], i);
	ring_buffer__free(rb);
	close(prog_fd);
	close(map_fd);
}

TEST(ringbuf_discard_and_callback_error)
{
	struct seen s = {};
	struct ring_buffer *rb;
	int map_fd, prog_fd, i;

	map_fd = make_ringbuf(8192);
	ASSERT_FD(map_fd);
	prog_fd = load_reserve_prog(map_fd);
	ASSERT_FD(prog_fd);
	rb = ring_buffer__new(map_fd, collect, &s, NULL);
	ASSERT_PTR(rb);
	for (i = 0; i < 20; i++)
		ASSERT_EQ(run_with(prog_fd, i), i & 1);
	/* The callback refuses the 4th sample: consumption stops there. */
	s.stop_after = 3;
	ASSERT_ERR(ring_buffer__consume(rb), -EAGAIN);
	ASSERT_EQ(s.cnt, 3);
	ASSERT_EQ(ring_buffer__consume_n(rb, 2), 2);
	ASSERT_EQ(s.cnt, 5);
	ASSERT_EQ(ring_buffer__consume(rb), 4);
	ASSERT_EQ(s.cnt, 9);
	/* Discarded odd values never reach the callback. */
	for (i = 0; i < 3; i++)
		ASSERT_EQ(s.vals[i], 2 * i);
	/* The refused sample (6) was consumed, not delivered again. */
	ASSERT_EQ(s.vals[3], 8);
	ring_buffer__free(rb);
	close(prog_fd);
	close(map_fd);
}

static int tag_cb(void *ctx, void *data, size_t size)
{
	struct seen *s = ctx;

	(void)size;
	s->vals[s->cnt++] = *(__u64 *)data + s->tag;
	return 0;
}

TEST(ringbuf_several_rings)
{
	struct seen a = { .tag = 0 }, b = { .tag = 1000000 };
	struct ring_buffer *rb;
	int map_a, map_b, prog_a, prog_b, i, got = 0, n;

	map_a = make_ringbuf(4096);
	map_b = make_ringbuf(8192);
	ASSERT_FD(map_a);
	ASSERT_FD(map_b);
	prog_a = load_output_prog(map_a);
	prog_b = load_output_prog(map_b);
	ASSERT_FD(prog_a);
	ASSERT_FD(prog_b);
	rb = ring_buffer__new(map_a, tag_cb, &a, NULL);
	ASSERT_PTR(rb);
	ASSERT_OK(ring_buffer__add(rb, map_b, tag_cb, &b));
	ASSERT_EQ(ring__size(ring_buffer__ring(rb, 1)), 8192);
	for (i = 0; i < 10; i++) {
		ASSERT_EQ(run_with(prog_a, i), 0);
		ASSERT_EQ(run_with(prog_b, i), 0);
	}
	ASSERT_EQ(run_with(prog_b, 10), 0);
	while (got < 21) {
		n = ring_buffer__poll(rb, 500);
		ASSERT_GT(n, 0);
		got += n;
	}
	ASSERT_EQ(got, 21);
	ASSERT_EQ(a.cnt, 10);
	ASSERT_EQ(b.cnt, 11);
	ASSERT_EQ(a.vals[9], 9);
	ASSERT_EQ(b.vals[10], 1000010);
	ASSERT_EQ(ring__consume(ring_buffer__ring(rb, 0)), 0);
	ring_buffer__free(rb);
	close(prog_a);
	close(prog_b);
	close(map_a);
	close(map_b);
}

static volatile int sink;

TEST(ringbuf_from_attached_raw_tracepoint)
{
	struct seen s = {};
	struct ring_buffer *rb;
	int map_fd, prog_fd, link_fd, i;

	map_fd = make_ringbuf(1 << 20);
	ASSERT_FD(map_fd);
	prog_fd = load_output_prog(map_fd);
	ASSERT_FD(prog_fd);
	rb = ring_buffer__new(map_fd, NULL, NULL, NULL);
	ASSERT_PTR(rb);
	link_fd = bpf_raw_tracepoint_open("sys_enter", prog_fd);
	ASSERT_FD(link_fd);
	for (i = 0; i < 50; i++)
		sink += syscall(__NR_getppid);
	close(link_fd);
	/* Every CPU's syscalls land here: at least our 50. */
	ASSERT_GE(ring_buffer__consume(rb), 50);
	ring_buffer__free(rb);
	(void)s;
	close(prog_fd);
	close(map_fd);
}

TEST(ringbuf_bad_input)
{
	int arr = bpf_map_create(BPF_MAP_TYPE_ARRAY, "notrb", 4, 8, 1, NULL);
	int map_fd = make_ringbuf(4096);
	struct ring_buffer *rb;
	LIBBPF_OPTS(ring_buffer_opts, bad);

	ASSERT_FD(arr);
	ASSERT_FD(map_fd);
	ASSERT_NULL_ERR(ring_buffer__new(arr, collect, NULL, NULL), -EINVAL);
	ASSERT_LOG("not a BPF_MAP_TYPE_RINGBUF");
	ASSERT_NULL_ERR(ring_buffer__new(9999, collect, NULL, NULL), -EBADFD);
	ASSERT_LOG("map fd 9999");
	/* Option structs from a newer caller with unknown bytes set. */
	{
		struct { struct ring_buffer_opts o; long extra; } big = {
			{ .sz = sizeof(big) }, 1 };

		ASSERT_NULL_ERR(ring_buffer__new(map_fd, collect, NULL, &big.o), -EINVAL);
	}
	(void)bad;
	rb = ring_buffer__new(map_fd, collect, NULL, NULL);
	ASSERT_PTR(rb);
	ASSERT_ERR(ring_buffer__add(rb, arr, collect, NULL), -EINVAL);
	ASSERT_EQ(ring_buffer__consume(rb), 0);
	ring_buffer__free(rb);
	ring_buffer__free(NULL);
	close(arr);
	close(map_fd);
}

/*
 * User ring buffer: user space produces, a BPF program drains.  The drain
 * callback is a subprogram, which the verifier accepts only with BTF
 * function info: a four-type BTF blob written out by hand.
 */
static int load_tiny_btf(void)
{
	static const char strs[] = "\0int\0main\0cb";
	struct {
		struct btf_header hdr;
		__u32 types[13];
		char strs[sizeof(strs)];
	} __attribute__((packed)) blob = {
		.hdr = { .magic = BTF_MAGIC, .version = BTF_VERSION,
			 .hdr_len = sizeof(struct btf_header),
			 .type_off = 0, .type_len = 13 * 4,
			 .str_off = 13 * 4, .str_len = sizeof(strs) },
		.types = {
			/* [1] int */
			1, BTF_KIND_INT << 24, 4, (BTF_INT_SIGNED << 24) | 32,
			/* [2] int (void) */
			0, BTF_KIND_FUNC_PROTO << 24, 1,
			/* [3] static main, [4] static cb */
			5, BTF_KIND_FUNC << 24, 2,
			10, BTF_KIND_FUNC << 24, 2,
		},
	};

	memcpy(blob.strs, strs, sizeof(strs));
	return bpf_btf_load(&blob, sizeof(blob), NULL);
}

static int load_drain_prog(int map_fd, int btf_fd)
{
	struct bpf_insn insns[] = {
		LD_MAP(BPF_REG_1, map_fd),
		LD_FUNC(BPF_REG_2, 5),		/* the callback below */
		MOV64_IMM(BPF_REG_3, 0),
		MOV64_IMM(BPF_REG_4, 0),
		CALL(BPF_FUNC_user_ringbuf_drain),
		EXIT(),
		/* callback(dynptr, ctx): keep going */
		MOV64_IMM(BPF_REG_0, 0),
		EXIT(),
	};
	struct bpf_func_info fi[2] = { { 0, 3 }, { 8, 4 } };
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .prog_btf_fd = btf_fd,
		    .func_info = fi, .func_info_cnt = 2,
		    .func_info_rec_size = sizeof(fi[0]));

	return bpf_prog_load(BPF_PROG_TYPE_RAW_TRACEPOINT, "urb_drain", "GPL",
			     insns, sizeof(insns) / sizeof(insns[0]), &opts);
}

TEST(user_ringbuf_drained_by_bpf)
{
	struct user_ring_buffer *urb;
	int map_fd, prog_fd, btf_fd, i;
	__u64 *sample;

	map_fd = bpf_map_create(BPF_MAP_TYPE_USER_RINGBUF, "urb_test", 0, 0,
				4096, NULL);
	ASSERT_FD(map_fd);
	btf_fd = load_tiny_btf();
	ASSERT_FD(btf_fd);
	prog_fd = load_drain_prog(map_fd, btf_fd);
	close(btf_fd);
	ASSERT_FD(prog_fd);
	urb = user_ring_buffer__new(map_fd, NULL);
	ASSERT_PTR(urb);
	for (i = 0; i < 10; i++) {
		sample = user_ring_buffer__reserve(urb, sizeof(*sample));
		ASSERT_PTR(sample);
		*sample = i;
		user_ring_buffer__submit(urb, sample);
	}
	ASSERT_EQ(run_with(prog_fd, 0), 10);
	ASSERT_EQ(run_with(prog_fd, 0), 0);

	/* Fill the ring: 16 bytes per record, 4096 bytes. */
	for (i = 0; i < 256; i++) {
		sample = user_ring_buffer__reserve(urb, 8);
		if (!sample)
			break;
		user_ring_buffer__submit(urb, sample);
	}
	ASSERT_EQ(i, 256);
	ASSERT_NULL_ERR(user_ring_buffer__reserve(urb, 8), -ENOSPC);
	ASSERT_NULL_ERR(user_ring_buffer__reserve_blocking(urb, 8, 20), -ENOSPC);
	ASSERT_NULL_ERR(user_ring_buffer__reserve(urb, 8192), -E2BIG);
	ASSERT_NULL_ERR(user_ring_buffer__reserve_blocking(urb, 8, -5), -EINVAL);
	ASSERT_EQ(run_with(prog_fd, 0), 256);
	sample = user_ring_buffer__reserve_blocking(urb, 8, 100);
	ASSERT_PTR(sample);
	user_ring_buffer__discard(urb, sample);
	user_ring_buffer__free(urb);
	close(prog_fd);
	close(map_fd);
}

TEST(user_ringbuf_bad_input)
{
	int map_fd = make_ringbuf(4096);

	ASSERT_FD(map_fd);
	ASSERT_NULL_ERR(user_ring_buffer__new(map_fd, NULL), -EINVAL);
	ASSERT_LOG("not a BPF_MAP_TYPE_USER_RINGBUF");
	ASSERT_NULL_ERR(user_ring_buffer__new(9999, NULL), -EBADFD);
	user_ring_buffer__free(NULL);
	close(map_fd);
}
