// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Consumer of BPF_MAP_TYPE_PERF_EVENT_ARRAY maps: one BPF_OUTPUT software
 * perf event per CPU, its ring mmap()ed and its fd stored in the map slot
 * of that CPU, all in one epoll set.  Records that wrap around the end of
 * a ring are copied into a per-CPU scratch buffer before the callback.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <linux/perf_event.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "buf.h"
#include "util/alloc.h"
#include "util/err.h"
#include "util/log.h"
#include "util/opts.h"

struct perf_cpu_buf {
	struct perf_buffer *pb;
	void *base;		/* mmap()ed area: control page, then the ring */
	void *scratch;		/* for records that wrap around */
	size_t scratch_size;
	int fd;
	int cpu;
	int map_key;
};

struct perf_buffer {
	perf_buffer_event_fn event_cb;
	perf_buffer_sample_fn sample_cb;
	perf_buffer_lost_fn lost_cb;
	void *ctx;
	size_t page_size;
	size_t mmap_size;	/* (page_cnt + 1) pages */
	struct perf_cpu_buf **bufs;	/* NULL for offline CPUs */
	struct epoll_event *events;
	int cpu_cnt;
	int epoll_fd;
	int map_fd;
};

/* Parses a CPU list file such as "0-3,5" into a bool array of n entries. */
static int perf_cpu_mask(const char *path, bool **mask, int *n)
{
	char buf[1024], *p, *end;
	int fd, max = -1, a, b, i;
	ssize_t len;
	bool *m = NULL;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len <= 0)
		return -EINVAL;
	buf[len] = '\0';
	for (p = buf; *p && *p != '\n';) {
		a = strtol(p, &end, 10);
		if (end == p || a < 0)
			goto bad;
		b = a;
		p = end;
		if (*p == '-') {
			b = strtol(p + 1, &end, 10);
			if (end == p + 1 || b < a)
				goto bad;
			p = end;
		}
		if (b > max) {
			bool *g = realloc(m, (b + 1) * sizeof(*m));

			if (!g) {
				free(m);
				return -ENOMEM;
			}
			memset(g + max + 1, 0, (b - max) * sizeof(*m));
			m = g;
			max = b;
		}
		for (i = a; i <= b; i++)
			m[i] = true;
		if (*p == ',')
			p++;
	}
	*mask = m;
	*n = max + 1;
	return 0;
bad:
	free(m);
	pr_warn("perf buffer: cannot parse CPU list in '%s'\n", path);
	return -EINVAL;
}

static void perf_cpu_buf_free(struct perf_buffer *pb, struct perf_cpu_buf *cb)
{
	if (!cb)
		return;
	if (cb->base) {
		munmap(cb->base, pb->mmap_size);
	}
	if (cb->fd >= 0) {
		ioctl(cb->fd, PERF_EVENT_IOC_DISABLE, 0);
		close(cb->fd);
	}
	free(cb->scratch);
	free(cb);
}

LIBBPF_API void perf_buffer__free(struct perf_buffer *pb)
{
	int i;

	if (!pb)
		return;
	for (i = 0; pb->bufs && i < pb->cpu_cnt; i++) {
		struct perf_cpu_buf *cb = pb->bufs[i];

		if (!cb)
			continue;
		bpf_map_delete_elem(pb->map_fd, &cb->map_key);
		perf_cpu_buf_free(pb, cb);
	}
	if (pb->epoll_fd >= 0)
		close(pb->epoll_fd);
	free(pb->bufs);
	free(pb->events);
	free(pb);
}

static struct perf_cpu_buf *perf_cpu_buf_new(struct perf_buffer *pb,
					     struct perf_event_attr *attr,
					     int cpu, int map_key)
{
	struct perf_cpu_buf *cb;
	int err;

	cb = calloc(1, sizeof(*cb));
	if (!cb)
		return util_err_ptr(-ENOMEM);
	cb->pb = pb;
	cb->cpu = cpu;
	cb->map_key = map_key;
	cb->fd = syscall(__NR_perf_event_open, attr, -1, cpu, -1,
			 PERF_FLAG_FD_CLOEXEC);
	if (cb->fd < 0) {
		err = -errno;
		pr_warn("perf buffer: perf_event_open on CPU %d failed: %s\n",
			cpu, util_errstr(err));
		goto err_free;
	}
	cb->base = mmap(NULL, pb->mmap_size, PROT_READ | PROT_WRITE, MAP_SHARED,
			cb->fd, 0);
	if (cb->base == MAP_FAILED) {
		cb->base = NULL;
		err = -errno;
		pr_warn("perf buffer: mmap of CPU %d's ring failed: %s\n", cpu,
			util_errstr(err));
		goto err_free;
	}
	if (ioctl(cb->fd, PERF_EVENT_IOC_ENABLE, 0) < 0) {
		err = -errno;
		pr_warn("perf buffer: enabling CPU %d's event failed: %s\n", cpu,
			util_errstr(err));
		goto err_free;
	}
	return cb;

err_free:
	perf_cpu_buf_free(pb, cb);
	return util_err_ptr(err);
}

static struct perf_buffer *perf_buffer_create(int map_fd, size_t page_cnt,
					      struct perf_event_attr *attr,
					      const struct perf_buffer_raw_opts *ropts)
{
	int cpu_cnt = OPTS_GET(ropts, cpu_cnt, 0);
	int *cpus = OPTS_GET(ropts, cpus, NULL);
	int *keys = OPTS_GET(ropts, map_keys, NULL);
	bool *online = NULL;
	struct bpf_map_info info;
	struct perf_buffer *pb;
	int online_n = 0, i, j, err;

	if (page_cnt == 0 || (page_cnt & (page_cnt - 1))) {
		pr_warn("perf buffer: page count %zu is not a power of two\n", page_cnt);
		return util_err_ptr(-EINVAL);
	}
	if (cpu_cnt < 0 || (cpu_cnt > 0 && (!cpus || !keys)))
		return util_err_ptr(-EINVAL);
	err = buf_map_info(map_fd, &info, "perf buffer");
	if (err)
		return util_err_ptr(err);
	if (info.type != BPF_MAP_TYPE_PERF_EVENT_ARRAY) {
		pr_warn("perf buffer: map fd %d ('%s') is not a BPF_MAP_TYPE_PERF_EVENT_ARRAY map\n",
			map_fd, info.name);
		return util_err_ptr(-EINVAL);
	}
	pb = calloc(1, sizeof(*pb));
	if (!pb)
		return util_err_ptr(-ENOMEM);
	pb->epoll_fd = -1;
	pb->map_fd = map_fd;
	pb->page_size = sysconf(_SC_PAGESIZE);
	if (page_cnt >= SIZE_MAX / pb->page_size) {
		free(pb);
		return util_err_ptr(-E2BIG);
	}
	pb->mmap_size = pb->page_size * (page_cnt + 1);

	if (cpu_cnt == 0) {
		bool *possible;
		int possible_n;

		err = perf_cpu_mask("/sys/devices/system/cpu/possible", &possible,
				    &possible_n);
		if (err)
			goto err_free;
		free(possible);
		cpu_cnt = possible_n;
		if (info.max_entries && cpu_cnt > (int)info.max_entries)
			cpu_cnt = info.max_entries;
		err = perf_cpu_mask("/sys/devices/system/cpu/online", &online,
				    &online_n);
		if (err)
			goto err_free;
	}
	pb->cpu_cnt = cpu_cnt;
	pb->bufs = calloc(cpu_cnt, sizeof(*pb->bufs));
	pb->events = calloc(cpu_cnt, sizeof(*pb->events));
	if (!pb->bufs || !pb->events) {
		err = -ENOMEM;
		goto err_free;
	}
	pb->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
	if (pb->epoll_fd < 0) {
		err = -errno;
		pr_warn("perf buffer: epoll_create1 failed: %s\n", util_errstr(err));
		goto err_free;
	}
	for (i = 0, j = 0; i < cpu_cnt; i++) {
		int cpu = cpus ? cpus[i] : i;
		int key = keys ? keys[i] : i;
		struct epoll_event ev = { .events = EPOLLIN };
		struct perf_cpu_buf *cb;

		if (!cpus && (i >= online_n || !online[i]))
			continue;
		cb = perf_cpu_buf_new(pb, attr, cpu, key);
		if (!cb) {
			err = -errno;
			goto err_free;
		}
		pb->bufs[i] = cb;
		if (bpf_map_update_elem(map_fd, &key, &cb->fd, 0)) {
			err = -errno;
			pr_warn("perf buffer: map '%s': storing CPU %d's fd at key %d failed: %s\n",
				info.name, cpu, key, util_errstr(err));
			goto err_free;
		}
		ev.data.ptr = cb;
		if (epoll_ctl(pb->epoll_fd, EPOLL_CTL_ADD, cb->fd, &ev) < 0) {
			err = -errno;
			pr_warn("perf buffer: adding CPU %d to epoll failed: %s\n",
				cpu, util_errstr(err));
			goto err_free;
		}
		j++;
	}
	free(online);
	if (!j) {
		pr_warn("perf buffer: no CPU to open a buffer on\n");
		perf_buffer__free(pb);
		return util_err_ptr(-ENODEV);
	}
	return pb;

err_free:
	free(online);
	perf_buffer__free(pb);
	return util_err_ptr(err);
}

/* The default handler behind perf_buffer__new(): samples and lost counts. */
static enum bpf_perf_event_ret perf_default_event(void *ctx, int cpu,
						  struct perf_event_header *e)
{
	struct perf_buffer *pb = ctx;

	if (e->type == PERF_RECORD_SAMPLE) {
		struct { struct perf_event_header h; __u32 size; char data[]; } *s =
			(void *)e;

		if (pb->sample_cb)
			pb->sample_cb(pb->ctx, cpu, s->data, s->size);
	} else if (e->type == PERF_RECORD_LOST) {
		struct { struct perf_event_header h; __u64 id; __u64 lost; } *l =
			(void *)e;

		if (pb->lost_cb)
			pb->lost_cb(pb->ctx, cpu, l->lost);
	} else {
		pr_warn("perf buffer: unexpected record type %u on CPU %d\n",
			e->type, cpu);
		return LIBBPF_PERF_EVENT_ERROR;
	}
	return LIBBPF_PERF_EVENT_CONT;
}

LIBBPF_API struct perf_buffer *
perf_buffer__new(int map_fd, size_t page_cnt, perf_buffer_sample_fn sample_cb,
		 perf_buffer_lost_fn lost_cb, void *ctx,
		 const struct perf_buffer_opts *opts)
{
	struct perf_event_attr attr;
	struct perf_buffer *pb;
	__u32 period;

	if (!OPTS_OK(opts, perf_buffer_opts))
		return util_err_ptr(-EINVAL);
	period = OPTS_GET(opts, sample_period, 0);
	if (!period)
		period = 1;
	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = PERF_TYPE_SOFTWARE;
	attr.config = PERF_COUNT_SW_BPF_OUTPUT;
	attr.sample_type = PERF_SAMPLE_RAW;
	attr.sample_period = period;
	attr.wakeup_events = period;
	pb = perf_buffer_create(map_fd, page_cnt, &attr, NULL);
	if (!pb)
		return NULL;
	pb->event_cb = perf_default_event;
	pb->sample_cb = sample_cb;
	pb->lost_cb = lost_cb;
	pb->ctx = ctx;
	return pb;
}

LIBBPF_API struct perf_buffer *
perf_buffer__new_raw(int map_fd, size_t page_cnt, struct perf_event_attr *attr,
		     perf_buffer_event_fn event_cb, void *ctx,
		     const struct perf_buffer_raw_opts *opts)
{
	struct perf_buffer *pb;

	if (!OPTS_OK(opts, perf_buffer_raw_opts))
		return util_err_ptr(-EINVAL);
	if (!attr || !event_cb) {
		pr_warn("perf buffer: raw buffer needs an attr and an event callback\n");
		return util_err_ptr(-EINVAL);
	}
	pb = perf_buffer_create(map_fd, page_cnt, attr, opts);
	if (!pb)
		return NULL;
	pb->event_cb = event_cb;
	pb->ctx = ctx;
	return pb;
}

/* Walks the records between data_tail and data_head of one CPU's ring. */
static int perf_cpu_buf_read(struct perf_buffer *pb, struct perf_cpu_buf *cb)
{
	struct perf_event_mmap_page *ctl = cb->base;
	size_t ring_size = pb->mmap_size - pb->page_size;
	unsigned char *ring = (unsigned char *)cb->base + pb->page_size;
	enum bpf_perf_event_ret ret = LIBBPF_PERF_EVENT_CONT;
	__u64 head, tail;
	void *ctx = pb->event_cb == perf_default_event ? (void *)pb : pb->ctx;

	head = buf_load_acquire(&ctl->data_head);
	tail = ctl->data_tail;
	while (tail != head) {
		struct perf_event_header *e = (void *)(ring + (tail & (ring_size - 1)));
		size_t off = tail & (ring_size - 1), sz = e->size;

		if (sz < sizeof(*e) || sz > ring_size)
			break;
		if (off + sz > ring_size) {
			size_t first = ring_size - off;

			if (cb->scratch_size < sz) {
				void *g = realloc(cb->scratch, sz);

				if (!g) {
					ret = LIBBPF_PERF_EVENT_ERROR;
					break;
				}
				cb->scratch = g;
				cb->scratch_size = sz;
			}
			memcpy(cb->scratch, ring + off, first);
			memcpy((char *)cb->scratch + first, ring, sz - first);
			e = cb->scratch;
		}
		ret = pb->event_cb(ctx, cb->cpu, e);
		tail += sz;
		if (ret != LIBBPF_PERF_EVENT_CONT)
			break;
	}
	buf_store_release(&ctl->data_tail, tail);
	return ret == LIBBPF_PERF_EVENT_ERROR ? -EINVAL : 0;
}

LIBBPF_API int perf_buffer__poll(struct perf_buffer *pb, int timeout_ms)
{
	int cnt, i, err;

	cnt = epoll_wait(pb->epoll_fd, pb->events, pb->cpu_cnt, timeout_ms);
	if (cnt < 0)
		return util_err(-errno);
	for (i = 0; i < cnt; i++) {
		err = perf_cpu_buf_read(pb, pb->events[i].data.ptr);
		if (err) {
			pr_warn("perf buffer: error while reading CPU buffer: %s\n",
				util_errstr(err));
			return util_err(err);
		}
	}
	return cnt;
}

LIBBPF_API int perf_buffer__epoll_fd(const struct perf_buffer *pb)
{
	return pb->epoll_fd;
}

LIBBPF_API size_t perf_buffer__buffer_cnt(const struct perf_buffer *pb)
{
	return pb->cpu_cnt;
}

LIBBPF_API int perf_buffer__buffer_fd(const struct perf_buffer *pb, size_t buf_idx)
{
	if (buf_idx >= (size_t)pb->cpu_cnt)
		return util_err(-EINVAL);
	if (!pb->bufs[buf_idx])
		return util_err(-ENOENT);
	return pb->bufs[buf_idx]->fd;
}

LIBBPF_API int perf_buffer__buffer(struct perf_buffer *pb, int buf_idx,
				   void **buf, size_t *buf_size)
{
	if (buf_idx < 0 || buf_idx >= pb->cpu_cnt)
		return util_err(-EINVAL);
	if (!pb->bufs[buf_idx])
		return util_err(-ENOENT);
	*buf = pb->bufs[buf_idx]->base;
	*buf_size = pb->mmap_size;
	return 0;
}

LIBBPF_API int perf_buffer__consume_buffer(struct perf_buffer *pb, size_t buf_idx)
{
	int err;

	if (buf_idx >= (size_t)pb->cpu_cnt)
		return util_err(-EINVAL);
	if (!pb->bufs[buf_idx])
		return util_err(-ENOENT);
	err = perf_cpu_buf_read(pb, pb->bufs[buf_idx]);
	return util_err(err);
}

LIBBPF_API int perf_buffer__consume(struct perf_buffer *pb)
{
	int i, err;

	for (i = 0; i < pb->cpu_cnt; i++) {
		if (!pb->bufs[i])
			continue;
		err = perf_cpu_buf_read(pb, pb->bufs[i]);
		if (err) {
			pr_warn("perf buffer: error while reading CPU %d's buffer: %s\n",
				pb->bufs[i]->cpu, util_errstr(err));
			return util_err(err);
		}
	}
	return 0;
}
