/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * One open/load/attach/destroy cycle of fault_cycle.bpf.o, as the fault
 * injection, hygiene and threads tests run it: object opened, .rodata
 * target_tid set, loaded, on_getpid attached (tracepoint: perf event +
 * link; or the task iterator with CYCLE_ITER), a ring buffer and a perf
 * buffer made on its maps.
 * cycle_up() returns 0, or a negative errno with everything made so far
 * torn down (and errno equal to it).  Header-only, so each test executable
 * includes its own copy.
 */
#ifndef BPFKIT_FAULT_CYCLE_H
#define BPFKIT_FAULT_CYCLE_H

#include <errno.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

struct cycle {
	struct bpf_object *obj;
	struct bpf_link *link;
	struct ring_buffer *rb;
	struct perf_buffer *pb;
	struct bpf_map *counts;
	unsigned long rb_events, pb_events;
	/* Which step failed, and whether its error was well formed. */
	const char *failed_step;
	int bad_error;		/* 1: NULL/-err with errno not set, or >0 */
};

static int cycle_rb_cb(void *ctx, void *data, size_t size)
{
	((struct cycle *)ctx)->rb_events++;
	return 0;
}

static void cycle_pb_cb(void *ctx, int cpu, void *data, __u32 size)
{
	((struct cycle *)ctx)->pb_events++;
}

static inline void cycle_down(struct cycle *c)
{
	perf_buffer__free(c->pb);
	ring_buffer__free(c->rb);
	bpf_link__destroy(c->link);
	bpf_object__close(c->obj);
	c->pb = NULL;
	c->rb = NULL;
	c->link = NULL;
	c->obj = NULL;
}

/* A failed step: its result must be a negative errno with errno agreeing. */
static inline int cycle_fail(struct cycle *c, const char *step, long ret,
			     int saved_errno)
{
	int err;

	c->failed_step = step;
	if (ret < 0) {
		err = (int)ret;
		if (saved_errno != -err)
			c->bad_error = 1;
	} else {
		/* NULL pointer (or a bogus non-negative error code). */
		err = saved_errno > 0 ? -saved_errno : -EPROTO;
		if (saved_errno <= 0 || ret > 0)
			c->bad_error = 1;
	}
	cycle_down(c);
	errno = -err;
	return err;
}

enum cycle_flags {
	/* Attach the task iterator instead of the tracepoint: closing a
	 * tracepoint's perf event and link waits for RCU grace periods
	 * (about 90 ms a cycle here), an iterator link does not. */
	CYCLE_ITER = 1,
};

static inline int cycle_up_flags(struct cycle *c, const char *path, __u32 tid,
				 int flags)
{
	struct bpf_program *prog;
	struct bpf_map *map;
	size_t sz;
	int err;

	memset(c, 0, sizeof(*c));
	errno = 0;
	c->obj = bpf_object__open_file(path, NULL);
	if (!c->obj)
		return cycle_fail(c, "open", 0, errno);
	bpf_object__for_each_map(map, c->obj) {
		const char *name = bpf_map__name(map);
		size_t len = strlen(name);

		if (len > 7 && !strcmp(name + len - 7, ".rodata")) {
			__u32 *v = bpf_map__initial_value(map, &sz);

			if (v && sz >= sizeof(*v))
				*v = tid;
		}
	}
	errno = 0;
	err = bpf_object__load(c->obj);
	if (err)
		return cycle_fail(c, "load", err, errno);
	prog = bpf_object__find_program_by_name(c->obj, flags & CYCLE_ITER ?
						"dump_task" : "on_getpid");
	if (!prog)
		return cycle_fail(c, "find program", 0, errno);
	errno = 0;
	c->link = bpf_program__attach(prog);
	if (!c->link)
		return cycle_fail(c, "attach", 0, errno);
	errno = 0;
	map = bpf_object__find_map_by_name(c->obj, "rb");
	c->rb = map ? ring_buffer__new(bpf_map__fd(map), cycle_rb_cb, c, NULL) : NULL;
	if (!c->rb)
		return cycle_fail(c, "ring_buffer__new", 0, errno);
	errno = 0;
	map = bpf_object__find_map_by_name(c->obj, "pb");
	c->pb = map ? perf_buffer__new(bpf_map__fd(map), 1, cycle_pb_cb, NULL, c, NULL) : NULL;
	if (!c->pb)
		return cycle_fail(c, "perf_buffer__new", 0, errno);
	c->counts = bpf_object__find_map_by_name(c->obj, "counts");
	return 0;
}

static inline int cycle_up(struct cycle *c, const char *path, __u32 tid)
{
	return cycle_up_flags(c, path, tid, 0);
}

#endif
