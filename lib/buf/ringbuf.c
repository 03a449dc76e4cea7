// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Consumer of BPF_MAP_TYPE_RINGBUF maps: each ring is mmap()ed (a writable
 * consumer page, then a read-only producer page followed by the data area
 * mapped twice so that a record never needs to be stitched together), and
 * one epoll set wakes the manager up for all of its rings.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/mman.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "buf.h"
#include "util/alloc.h"
#include "util/err.h"
#include "util/log.h"
#include "util/opts.h"

struct ring {
	ring_buffer_sample_fn sample_cb;
	void *ctx;
	unsigned long *consumer_pos;	/* start of the consumer page */
	unsigned long *producer_pos;	/* start of the producer page */
	unsigned char *data;		/* data area, mapped twice */
	size_t mmap_len;		/* of the producer mapping */
	unsigned long mask;
	int map_fd;
};

struct ring_buffer {
	struct epoll_event *events;
	struct ring **rings;
	size_t page_size;
	int epoll_fd;
	int ring_cnt;
};

int buf_map_info(int map_fd, struct bpf_map_info *info, const char *what)
{
	__u32 len = sizeof(*info);
	int err;

	memset(info, 0, sizeof(*info));
	err = bpf_map_get_info_by_fd(map_fd, info, &len);
	if (err) {
		err = -errno;
		pr_warn("%s: cannot get info of map fd %d: %s\n", what, map_fd,
			util_errstr(err));
		return err;
	}
	return 0;
}

static void ring_unmap(struct ring *r, size_t page_size)
{
	if (r->consumer_pos)
		munmap(r->consumer_pos, page_size);
	if (r->producer_pos)
		munmap(r->producer_pos, r->mmap_len);
}

LIBBPF_API int ring_buffer__add(struct ring_buffer *rb, int map_fd,
				ring_buffer_sample_fn sample_cb, void *ctx)
{
	struct epoll_event ev = { .events = EPOLLIN };
	struct bpf_map_info info;
	struct ring *r;
	void **grown;
	void *mem;
	int err;

	err = buf_map_info(map_fd, &info, "ringbuf");
	if (err)
		return util_err(err);
	if (info.type != BPF_MAP_TYPE_RINGBUF) {
		pr_warn("ringbuf: map fd %d ('%s') is not a BPF_MAP_TYPE_RINGBUF map\n",
			map_fd, info.name);
		return util_err(-EINVAL);
	}
	/* Double mapping of the data area; guard size_t on 32-bit. */
	if ((__u64)info.max_entries * 2 + rb->page_size > SIZE_MAX) {
		pr_warn("ringbuf: map '%s' of %u bytes is too large to mmap\n",
			info.name, info.max_entries);
		return util_err(-E2BIG);
	}
	grown = util_realloc_array(rb->rings, rb->ring_cnt + 1, sizeof(*rb->rings));
	if (!grown)
		return util_err(-ENOMEM);
	rb->rings = (struct ring **)grown;
	grown = util_realloc_array(rb->events, rb->ring_cnt + 1, sizeof(*rb->events));
	if (!grown)
		return util_err(-ENOMEM);
	rb->events = (struct epoll_event *)grown;

	r = calloc(1, sizeof(*r));
	if (!r)
		return util_err(-ENOMEM);
	r->sample_cb = sample_cb;
	r->ctx = ctx;
	r->map_fd = map_fd;
	r->mask = info.max_entries - 1;

	mem = mmap(NULL, rb->page_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		   map_fd, 0);
	if (mem == MAP_FAILED) {
		err = -errno;
		pr_warn("ringbuf: map '%s': mmap of the consumer page failed: %s\n",
			info.name, util_errstr(err));
		goto err_free;
	}
	r->consumer_pos = mem;
	r->mmap_len = rb->page_size + 2 * (size_t)info.max_entries;
	mem = mmap(NULL, r->mmap_len, PROT_READ, MAP_SHARED, map_fd,
		   rb->page_size);
	if (mem == MAP_FAILED) {
		err = -errno;
		pr_warn("ringbuf: map '%s': mmap of the data area failed: %s\n",
			info.name, util_errstr(err));
		goto err_free;
	}
	r->producer_pos = mem;
	r->data = (unsigned char *)mem + rb->page_size;

	ev.data.u32 = rb->ring_cnt;
	if (epoll_ctl(rb->epoll_fd, EPOLL_CTL_ADD, map_fd, &ev) < 0) {
		err = -errno;
		pr_warn("ringbuf: map '%s': adding to epoll failed: %s\n",
			info.name, util_errstr(err));
		goto err_free;
	}
	rb->rings[rb->ring_cnt++] = r;
	return 0;

err_free:
	ring_unmap(r, rb->page_size);
	free(r);
	return util_err(err);
}

LIBBPF_API void ring_buffer__free(struct ring_buffer *rb)
{
	int i;

	if (!rb)
		return;
	for (i = 0; i < rb->ring_cnt; i++) {
		ring_unmap(rb->rings[i], rb->page_size);
		free(rb->rings[i]);
	}
	if (rb->epoll_fd >= 0)
		close(rb->epoll_fd);
	free(rb->events);
	free(rb->rings);
	free(rb);
}

LIBBPF_API struct ring_buffer *
ring_buffer__new(int map_fd, ring_buffer_sample_fn sample_cb, void *ctx,
		 const struct ring_buffer_opts *opts)
{
	struct ring_buffer *rb;
	int err;

	if (!OPTS_OK(opts, ring_buffer_opts))
		return util_err_ptr(-EINVAL);
	rb = calloc(1, sizeof(*rb));
	if (!rb)
		return util_err_ptr(-ENOMEM);
	rb->page_size = sysconf(_SC_PAGESIZE);
	rb->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
	if (rb->epoll_fd < 0) {
		err = -errno;
		pr_warn("ringbuf: epoll_create1 failed: %s\n", util_errstr(err));
		goto err_free;
	}
	err = ring_buffer__add(rb, map_fd, sample_cb, ctx);
	if (err)
		goto err_free;
	return rb;

err_free:
	ring_buffer__free(rb);
	return util_err_ptr(err);
}

/* Record length plus header, rounded up to the 8-byte record alignment. */
static inline unsigned long ring_record_len(__u32 hdr_len)
{
	hdr_len &= ~(BUF_RB_BUSY_BIT | BUF_RB_DISCARD_BIT);
	return ((unsigned long)hdr_len + BUF_RB_HDR_SZ + 7) & ~7UL;
}

/*
 * Hands up to n committed records to the callback, in order; stops at the
 * first record still being written.  Returns the number handed over or the
 * callback's negative return.
 */
static long ring_process(struct ring *r, size_t n)
{
	/* Locals: the callback could alias *r, which would force reloads. */
	ring_buffer_sample_fn cb = r->sample_cb;
	unsigned long *cons_pos = r->consumer_pos, *prod_pos = r->producer_pos;
	unsigned char *data = r->data;
	unsigned long mask = r->mask, cons, prod;
	void *ctx = r->ctx;
	long cnt = 0;
	bool progress;
	int err;

	cons = buf_load_acquire(cons_pos);
	do {
		progress = false;
		prod = buf_load_acquire(prod_pos);
		while (cons < prod) {
			__u32 *hdr = (__u32 *)(data + (cons & mask));
			__u32 len = buf_load_acquire(hdr);

			if (len & BUF_RB_BUSY_BIT)
				return cnt;
			progress = true;
			cons += ring_record_len(len);
			if (!(len & BUF_RB_DISCARD_BIT)) {
				err = cb ? cb(ctx, (char *)hdr + BUF_RB_HDR_SZ, len) : 0;
				if (err < 0) {
					buf_store_release(cons_pos, cons);
					return err;
				}
				cnt++;
			}
			buf_store_release(cons_pos, cons);
			if ((size_t)cnt >= n)
				return cnt;
		}
	} while (progress);
	return cnt;
}

static int ring_clamp(long cnt)
{
	return cnt > INT_MAX ? INT_MAX : (int)cnt;
}

LIBBPF_API int ring_buffer__consume_n(struct ring_buffer *rb, size_t n)
{
	long total = 0, cnt;
	int i;

	for (i = 0; i < rb->ring_cnt && (size_t)total < n; i++) {
		cnt = ring_process(rb->rings[i], n - total);
		if (cnt < 0)
			return util_err((int)cnt);
		total += cnt;
	}
	return ring_clamp(total);
}

LIBBPF_API int ring_buffer__consume(struct ring_buffer *rb)
{
	return ring_buffer__consume_n(rb, SIZE_MAX);
}

LIBBPF_API int ring_buffer__poll(struct ring_buffer *rb, int timeout_ms)
{
	long total = 0, cnt;
	int i, ready;

	ready = epoll_wait(rb->epoll_fd, rb->events, rb->ring_cnt, timeout_ms);
	if (ready < 0)
		return util_err(-errno);
	for (i = 0; i < ready; i++) {
		__u32 idx = rb->events[i].data.u32;

		cnt = ring_process(rb->rings[idx], SIZE_MAX);
		if (cnt < 0)
			return util_err((int)cnt);
		total += cnt;
	}
	return ring_clamp(total);
}

LIBBPF_API int ring_buffer__epoll_fd(const struct ring_buffer *rb)
{
	return rb->epoll_fd;
}

LIBBPF_API struct ring *ring_buffer__ring(struct ring_buffer *rb, unsigned int idx)
{
	if (idx >= (unsigned int)rb->ring_cnt)
		return util_err_ptr(-ERANGE);
	return rb->rings[idx];
}

LIBBPF_API unsigned long ring__consumer_pos(const struct ring *r)
{
	return buf_load_acquire(r->consumer_pos);
}

LIBBPF_API unsigned long ring__producer_pos(const struct ring *r)
{
	return buf_load_acquire(r->producer_pos);
}

LIBBPF_API size_t ring__avail_data_size(const struct ring *r)
{
	unsigned long cons = ring__consumer_pos(r);
	unsigned long prod = ring__producer_pos(r);

	return prod - cons;
}

LIBBPF_API size_t ring__size(const struct ring *r)
{
	return r->mask + 1;
}

LIBBPF_API int ring__map_fd(const struct ring *r)
{
	return r->map_fd;
}

LIBBPF_API int ring__consume_n(struct ring *r, size_t n)
{
	long cnt = ring_process(r, n);

	if (cnt < 0)
		return util_err((int)cnt);
	return ring_clamp(cnt);
}

LIBBPF_API int ring__consume(struct ring *r)
{
	return ring__consume_n(r, SIZE_MAX);
}
