// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Producer side of BPF_MAP_TYPE_USER_RINGBUF: user space writes records,
 * a BPF program drains them with bpf_user_ringbuf_drain().  Here the
 * consumer page is the kernel's (read-only to us) and the producer page and
 * data area are ours.  Single producer: callers serialise.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/mman.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "buf.h"
#include "util/err.h"
#include "util/log.h"
#include "util/opts.h"

struct user_ring_buffer {
	struct epoll_event event;
	unsigned long *consumer_pos;
	unsigned long *producer_pos;
	unsigned char *data;
	size_t page_size;
	size_t mmap_len;
	unsigned long mask;
	int map_fd;
	int epoll_fd;
};

LIBBPF_API void user_ring_buffer__free(struct user_ring_buffer *rb)
{
	if (!rb)
		return;
	if (rb->consumer_pos)
		munmap(rb->consumer_pos, rb->page_size);
	if (rb->producer_pos)
		munmap(rb->producer_pos, rb->mmap_len);
	if (rb->epoll_fd >= 0)
		close(rb->epoll_fd);
	free(rb);
}

LIBBPF_API struct user_ring_buffer *
user_ring_buffer__new(int map_fd, const struct user_ring_buffer_opts *opts)
{
	struct user_ring_buffer *rb;
	struct bpf_map_info info;
	void *mem;
	int err;

	if (!OPTS_OK(opts, user_ring_buffer_opts))
		return util_err_ptr(-EINVAL);
	err = buf_map_info(map_fd, &info, "user ringbuf");
	if (err)
		return util_err_ptr(err);
	if (info.type != BPF_MAP_TYPE_USER_RINGBUF) {
		pr_warn("user ringbuf: map fd %d ('%s') is not a BPF_MAP_TYPE_USER_RINGBUF map\n",
			map_fd, info.name);
		return util_err_ptr(-EINVAL);
	}
	rb = calloc(1, sizeof(*rb));
	if (!rb)
		return util_err_ptr(-ENOMEM);
	rb->map_fd = map_fd;
	rb->page_size = sysconf(_SC_PAGESIZE);
	rb->mask = info.max_entries - 1;
	rb->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
	if (rb->epoll_fd < 0) {
		err = -errno;
		pr_warn("user ringbuf: epoll_create1 failed: %s\n", util_errstr(err));
		goto err_free;
	}
	if ((__u64)info.max_entries * 2 + rb->page_size > SIZE_MAX) {
		err = -E2BIG;
		goto err_free;
	}
	mem = mmap(NULL, rb->page_size, PROT_READ, MAP_SHARED, map_fd, 0);
	if (mem == MAP_FAILED) {
		err = -errno;
		pr_warn("user ringbuf: map '%s': mmap of the consumer page failed: %s\n",
			info.name, util_errstr(err));
		goto err_free;
	}
	rb->consumer_pos = mem;
	rb->mmap_len = rb->page_size + 2 * (size_t)info.max_entries;
	mem = mmap(NULL, rb->mmap_len, PROT_READ | PROT_WRITE, MAP_SHARED,
		   map_fd, rb->page_size);
	if (mem == MAP_FAILED) {
		err = -errno;
		pr_warn("user ringbuf: map '%s': mmap of the data area failed: %s\n",
			info.name, util_errstr(err));
		goto err_free;
	}
	rb->producer_pos = mem;
	rb->data = (unsigned char *)mem + rb->page_size;
	/* The kernel signals EPOLLOUT when the BPF side has drained records. */
	rb->event.events = EPOLLOUT;
	if (epoll_ctl(rb->epoll_fd, EPOLL_CTL_ADD, map_fd, &rb->event) < 0) {
		err = -errno;
		pr_warn("user ringbuf: map '%s': adding to epoll failed: %s\n",
			info.name, util_errstr(err));
		goto err_free;
	}
	return rb;

err_free:
	user_ring_buffer__free(rb);
	return util_err_ptr(err);
}

LIBBPF_API void *user_ring_buffer__reserve(struct user_ring_buffer *rb, __u32 size)
{
	unsigned long cons, prod, total, ring_size = rb->mask + 1;
	__u32 *hdr;

	total = ((unsigned long)size + BUF_RB_HDR_SZ + 7) & ~7UL;
	/* The length field has two flag bits; the ring bounds the rest. */
	if (size & (BUF_RB_BUSY_BIT | BUF_RB_DISCARD_BIT) || total > ring_size)
		return util_err_ptr(-E2BIG);
	cons = buf_load_acquire(rb->consumer_pos);
	prod = *rb->producer_pos;	/* only we write it */
	if (prod - cons + total > ring_size)
		return util_err_ptr(-ENOSPC);
	hdr = (__u32 *)(rb->data + (prod & rb->mask));
	hdr[1] = 0;
	/* Busy until submitted: the drain stops at this record. */
	buf_store_release(&hdr[0], size | BUF_RB_BUSY_BIT);
	buf_store_release(rb->producer_pos, prod + total);
	return (char *)hdr + BUF_RB_HDR_SZ;
}

static void user_ring_commit(void *sample, bool discard)
{
	__u32 *hdr = (__u32 *)((char *)sample - BUF_RB_HDR_SZ);
	__u32 len = hdr[0] & ~BUF_RB_BUSY_BIT;

	if (discard)
		len |= BUF_RB_DISCARD_BIT;
	buf_store_release(&hdr[0], len);
}

LIBBPF_API void user_ring_buffer__submit(struct user_ring_buffer *rb, void *sample)
{
	(void)rb;
	user_ring_commit(sample, false);
}

LIBBPF_API void user_ring_buffer__discard(struct user_ring_buffer *rb, void *sample)
{
	(void)rb;
	user_ring_commit(sample, true);
}

static __u64 now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (__u64)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

LIBBPF_API void *user_ring_buffer__reserve_blocking(struct user_ring_buffer *rb,
						   __u32 size, int timeout_ms)
{
	__u64 deadline = 0;
	void *sample;
	int wait_ms;

	if (timeout_ms < 0 && timeout_ms != -1)
		return util_err_ptr(-EINVAL);
	if (timeout_ms > 0)
		deadline = now_ms() + timeout_ms;
	for (;;) {
		sample = user_ring_buffer__reserve(rb, size);
		if (sample || errno != ENOSPC)
			return sample;
		if (timeout_ms == 0)
			return util_err_ptr(-ENOSPC);
		if (timeout_ms > 0) {
			__u64 now = now_ms();

			if (now >= deadline)
				return util_err_ptr(-ENOSPC);
			wait_ms = (int)(deadline - now);
		} else {
			wait_ms = -1;
		}
		if (epoll_wait(rb->epoll_fd, &rb->event, 1, wait_ms) < 0 &&
		    errno != EINTR)
			return util_err_ptr(-errno);
	}
}
