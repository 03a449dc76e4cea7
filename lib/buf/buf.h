/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Helpers shared by the ring buffer, user ring buffer and perf buffer. */
#ifndef BPFKIT_BUF_BUF_H
#define BPFKIT_BUF_BUF_H

#include <linux/types.h>

/* Ring buffer record header bits and size (kernel ABI). */
#define BUF_RB_BUSY_BIT		(1U << 31)
#define BUF_RB_DISCARD_BIT	(1U << 30)
#define BUF_RB_HDR_SZ		8

/*
 * The producer and consumer positions and record headers are shared with
 * the kernel (or with the BPF program, for user ring buffers): reads of the
 * other side's writes acquire, our own publications release.
 */
#define buf_load_acquire(p)	__atomic_load_n((p), __ATOMIC_ACQUIRE)
#define buf_store_release(p, v)	__atomic_store_n((p), (v), __ATOMIC_RELEASE)

struct bpf_map_info;
/* Map info of map_fd with a message naming what for; -errno on failure. */
int buf_map_info(int map_fd, struct bpf_map_info *info, const char *what);

#endif
