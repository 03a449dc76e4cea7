// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * bench_ringbuf [LIBBPF_SO] [SECONDS]: one thread calls getppid() in a
 * tight loop, a tracepoint program turns each call into a 64-byte ring
 * buffer event, and the main thread consumes them with ring_buffer__poll()
 * of the libbpf.so.1 given (dlopen: only its public ABI is used).  Prints
 * events received and lost per second, and order violations.  A second
 * phase times the consumer alone: the ring is filled while nobody reads,
 * then drained with ring_buffer__consume() (ns per event, best of 20).
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>

struct bpf_object;
struct bpf_program;
struct bpf_map;
struct bpf_link;
struct ring_buffer;
typedef int (*sample_fn)(void *ctx, void *data, size_t size);

static struct {
	struct bpf_object *(*open_file)(const char *, const void *);
	int (*load)(struct bpf_object *);
	void (*close)(struct bpf_object *);
	struct bpf_program *(*find_prog)(const struct bpf_object *, const char *);
	struct bpf_map *(*find_map)(const struct bpf_object *, const char *);
	int (*map_fd)(const struct bpf_map *);
	struct bpf_link *(*attach)(const struct bpf_program *);
	int (*link_destroy)(struct bpf_link *);
	int (*update)(int, const void *, const void *, uint64_t);
	int (*lookup)(int, const void *, void *);
	struct ring_buffer *(*rb_new)(int, sample_fn, void *, const void *);
	int (*rb_poll)(struct ring_buffer *, int);
	int (*rb_consume)(struct ring_buffer *);
	void (*rb_free)(struct ring_buffer *);
} L;

static volatile bool stop;
static uint64_t received, expected_seq, out_of_order;

static int on_event(void *ctx, void *data, size_t size)
{
	uint64_t seq;

	(void)ctx;
	(void)size;
	memcpy(&seq, data, sizeof(seq));
	if (seq < expected_seq)
		out_of_order++;
	expected_seq = seq + 1;
	received++;
	return 0;
}

static void *producer(void *arg)
{
	(void)arg;
	while (!stop)
		syscall(__NR_getppid);
	return NULL;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * Consumer alone: the program stays attached, getppid() is called until
 * the ring reports a drop (full), then one ring_buffer__consume() drains
 * it.  Returns the best ns per event over 20 fills.
 */
static double drain_phase(int state_fd, struct ring_buffer *rb)
{
	uint32_t k_drop = 2;
	uint64_t d0, d, before;
	double best = 1e9, t, ns;
	int r;

	for (r = 0; r < 20; r++) {
		L.lookup(state_fd, &k_drop, &d0);
		do {
			syscall(__NR_getppid);
			L.lookup(state_fd, &k_drop, &d);
		} while (d == d0);
		before = received;
		t = now_s();
		L.rb_consume(rb);
		ns = (now_s() - t) * 1e9 / (double)(received - before);
		if (received > before && ns < best)
			best = ns;
	}
	return best;
}

#define SYM(field, name)						\
	do {								\
		*(void **)&L.field = dlsym(h, name);			\
		if (!L.field) {						\
			fprintf(stderr, "%s: no %s\n", so, name);	\
			return 1;					\
		}							\
	} while (0)

int main(int argc, char **argv)
{
	const char *so = argc > 1 ? argv[1] : "/lib/x86_64-linux-gnu/libbpf.so.1";
	double secs = argc > 2 ? atof(argv[2]) : 2.0, t0, t1;
	uint32_t k_tgid = 0, k_seq = 1, k_drop = 2;
	uint64_t tgid = getpid(), produced = 0, drops = 0;
	double best_ns;
	struct bpf_object *obj;
	struct bpf_link *link;
	struct ring_buffer *rb;
	pthread_t thr;
	int state_fd;
	void *h;

	h = dlopen(so, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		fprintf(stderr, "dlopen %s: %s\n", so, dlerror());
		return 1;
	}
	SYM(open_file, "bpf_object__open_file");
	SYM(load, "bpf_object__load");
	SYM(close, "bpf_object__close");
	SYM(find_prog, "bpf_object__find_program_by_name");
	SYM(find_map, "bpf_object__find_map_by_name");
	SYM(map_fd, "bpf_map__fd");
	SYM(attach, "bpf_program__attach");
	SYM(link_destroy, "bpf_link__destroy");
	SYM(update, "bpf_map_update_elem");
	SYM(lookup, "bpf_map_lookup_elem");
	SYM(rb_new, "ring_buffer__new");
	SYM(rb_poll, "ring_buffer__poll");
	SYM(rb_consume, "ring_buffer__consume");
	SYM(rb_free, "ring_buffer__free");

	obj = L.open_file(BENCH_RINGBUF_OBJ, NULL);
	if (!obj || L.load(obj)) {
		fprintf(stderr, "cannot open/load %s\n", BENCH_RINGBUF_OBJ);
		return 1;
	}
	state_fd = L.map_fd(L.find_map(obj, "state"));
	L.update(state_fd, &k_tgid, &tgid, 0);
	rb = L.rb_new(L.map_fd(L.find_map(obj, "events")), on_event, NULL, NULL);
	link = L.attach(L.find_prog(obj, "produce"));
	if (!rb || !link) {
		fprintf(stderr, "ring buffer or attach failed\n");
		return 1;
	}
	t0 = now_s();
	pthread_create(&thr, NULL, producer, NULL);
	while (now_s() - t0 < secs)
		L.rb_poll(rb, 100);
	stop = true;
	pthread_join(thr, NULL);
	L.rb_consume(rb);
	t1 = now_s();
	L.lookup(state_fd, &k_seq, &produced);
	L.lookup(state_fd, &k_drop, &drops);
	best_ns = drain_phase(state_fd, rb);
	L.link_destroy(link);
	printf("library: %s\n", so);
	printf("seconds: %.3f\n", t1 - t0);
	printf("produced: %llu\n", (unsigned long long)produced);
	printf("received: %llu\n", (unsigned long long)received);
	printf("lost: %llu\n", (unsigned long long)drops);
	printf("out_of_order: %llu\n", (unsigned long long)out_of_order);
	printf("received_per_s: %.0f\n", received / (t1 - t0));
	printf("lost_per_s: %.0f\n", drops / (t1 - t0));
	printf("consume_ns_per_event: %.2f\n", best_ns);
	L.rb_free(rb);
	L.close(obj);
	return !out_of_order ? 0 : 2;
}
