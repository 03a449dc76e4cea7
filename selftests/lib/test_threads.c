// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Concurrency (docs/robustness.md): what the library promises about
 * threads, exercised at once by several threads, so that ThreadSanitizer
 * (scripts/fuzz.sh tsan, ctest threads/tsan) can see any race:
 *  - each thread opens, loads and attaches its own fault_cycle.bpf.o
 *    (all at the same moment, and while the main thread opens a fifth one,
 *    so process-wide caches such as the feature probes are filled
 *    concurrently), fires its tracepoint, consumes its own ring buffer and
 *    perf buffer, reads its own maps, and destroys it all;
 *  - all threads update, look up and delete elements of one shared hash map
 *    (made with bpf_map_create()) and of one shared object's map
 *    (bpf_map__update_elem() on a loaded bpf_object) at the same time.
 * Nothing is shared between threads but the shared maps and the library's
 * own process-wide state; the log callback is a no-op during the threads.
 */
#include <pthread.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "test.h"
#include "../fault/cycle.h"

#define NR_THREADS 4
#define EVENTS 64		/* per round; fits the 4 KiB ring buffer */
#define ROUNDS 2
#define MAP_OPS 2000

struct shared {
	const char *path;
	int map_fd;			/* bpf_map_create()'d hash map */
	struct bpf_map *obj_map;	/* 'counts' of a loaded object */
	pthread_barrier_t start;	/* the workers */
	pthread_barrier_t shared;	/* the workers and the main thread */
};

struct worker {
	struct shared *sh;
	int idx;
	int err;
	char msg[256];
	unsigned long rb_events, pb_events;
};

static int quiet_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	return 0;
}

#define WFAIL(w, ...)							\
	do {								\
		snprintf((w)->msg, sizeof((w)->msg), __VA_ARGS__);	\
		(w)->err = -1;						\
		goto out;						\
	} while (0)

static void own_object(struct worker *w)
{
	__u32 tid = (__u32)syscall(SYS_gettid);
	__u64 count = 0;
	struct cycle c;
	int i, round, err;

	err = cycle_up(&c, w->sh->path, tid);
	if (err) {
		snprintf(w->msg, sizeof(w->msg), "cycle_up: %s (%s)",
			 strerror(-err), c.failed_step);
		w->err = err;
		return;
	}
	for (round = 0; round < ROUNDS; round++) {
		for (i = 0; i < EVENTS; i++)
			getpid();
		err = ring_buffer__consume(c.rb);
		if (err < 0)
			WFAIL(w, "ring_buffer__consume: %d", err);
		err = perf_buffer__consume(c.pb);
		if (err < 0)
			WFAIL(w, "perf_buffer__consume: %d", err);
	}
	if (c.rb_events != EVENTS * ROUNDS)
		WFAIL(w, "thread %d: %lu ring buffer events, expected %d",
		      w->idx, c.rb_events, EVENTS * ROUNDS);
	if (c.pb_events != EVENTS * ROUNDS)
		WFAIL(w, "thread %d: %lu perf buffer events, expected %d",
		      w->idx, c.pb_events, EVENTS * ROUNDS);
	err = bpf_map__lookup_elem(c.counts, &tid, sizeof(tid), &count,
				   sizeof(count), 0);
	if (err || count != EVENTS * ROUNDS)
		WFAIL(w, "thread %d: counts[tid] = %llu (err %d)", w->idx,
		      (unsigned long long)count, err);
out:
	w->rb_events = c.rb_events;
	w->pb_events = c.pb_events;
	cycle_down(&c);
}

static void shared_maps(struct worker *w)
{
	__u32 own = 1000 + w->idx, common = 7;
	__u64 v, got;
	int i, err;

	for (i = 0; i < MAP_OPS && !w->err; i++) {
		v = ((__u64)w->idx << 32) | i;
		/* A key of our own: what we wrote must be what we read. */
		err = bpf_map_update_elem(w->sh->map_fd, &own, &v, BPF_ANY);
		if (err)
			WFAIL(w, "update own key: %d", err);
		err = bpf_map_lookup_elem(w->sh->map_fd, &own, &got);
		if (err || got != v)
			WFAIL(w, "lookup own key: %d, %llx vs %llx", err,
			      (unsigned long long)got, (unsigned long long)v);
		/* A key everyone writes and deletes: any answer but a crash
		 * or an unexpected error is fine. */
		err = bpf_map_update_elem(w->sh->map_fd, &common, &v, BPF_ANY);
		if (err)
			WFAIL(w, "update common key: %d", err);
		err = bpf_map_delete_elem(w->sh->map_fd, &common);
		if (err && err != -ENOENT)
			WFAIL(w, "delete common key: %d", err);
		/* The same through a shared object's bpf_map. */
		err = bpf_map__update_elem(w->sh->obj_map, &own, sizeof(own),
					   &v, sizeof(v), BPF_ANY);
		if (err)
			WFAIL(w, "bpf_map__update_elem: %d", err);
		err = bpf_map__lookup_elem(w->sh->obj_map, &own, sizeof(own),
					   &got, sizeof(got), 0);
		if (err || got != v)
			WFAIL(w, "bpf_map__lookup_elem: %d", err);
	}
out:
	return;
}

static void *worker_fn(void *arg)
{
	struct worker *w = arg;

	pthread_barrier_wait(&w->sh->start);
	own_object(w);
	/* The main thread has opened the shared object meanwhile. */
	pthread_barrier_wait(&w->sh->shared);
	if (!w->err && w->sh->obj_map)
		shared_maps(w);
	return NULL;
}

TEST(threads_objects_and_shared_maps)
{
	struct worker w[NR_THREADS] = {};
	pthread_t th[NR_THREADS];
	libbpf_print_fn_t old;
	struct shared sh = {};
	struct cycle shared_obj;
	int i, err, shared_err, started = 0;

	sh.path = test_prog_path("fault_cycle.bpf.o");
	sh.map_fd = bpf_map_create(BPF_MAP_TYPE_HASH, "threads", sizeof(__u32),
				   sizeof(__u64), 64, NULL);
	ASSERT_FD(sh.map_fd);
	pthread_barrier_init(&sh.start, NULL, NR_THREADS);
	pthread_barrier_init(&sh.shared, NULL, NR_THREADS + 1);
	old = libbpf_set_print(quiet_print);
	for (i = 0; i < NR_THREADS; i++) {
		w[i].sh = &sh;
		w[i].idx = i;
		if (pthread_create(&th[i], NULL, worker_fn, &w[i]))
			break;
		started++;
	}
	if (started < NR_THREADS) {
		/* The barriers would never open for those already waiting. */
		fprintf(stderr, "pthread_create: %s\n", strerror(errno));
		abort();
	}
	/* tid 1 (init) never calls getpid() here: no events for this one. */
	shared_err = cycle_up(&shared_obj, sh.path, 1);
	sh.obj_map = shared_err ? NULL : shared_obj.counts;
	pthread_barrier_wait(&sh.shared);
	for (i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	libbpf_set_print(old);
	pthread_barrier_destroy(&sh.start);
	pthread_barrier_destroy(&sh.shared);
	err = 0;
	for (i = 0; i < NR_THREADS; i++) {
		if (w[i].err) {
			fprintf(stderr, "  thread %d: %s\n", i, w[i].msg);
			err = w[i].err;
		}
	}
	close(sh.map_fd);
	if (!shared_err)
		cycle_down(&shared_obj);
	ASSERT_OK(shared_err);
	ASSERT_EQ(started, NR_THREADS);
	ASSERT_OK(err);
}
