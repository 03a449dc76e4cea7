/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * bpfkit: AF_XDP socket interface as of Linux 6.18.  Structures come from
 * the kernel's BTF via gen_bpf_h.py; the constants are written by hand.
 */
#ifndef _UAPI_LINUX_IF_XDP_H
#define _UAPI_LINUX_IF_XDP_H

#include <linux/types.h>

/* sockaddr_xdp.sxdp_flags */
#define XDP_SHARED_UMEM		(1 << 0)
#define XDP_COPY		(1 << 1)	/* copy mode only */
#define XDP_ZEROCOPY		(1 << 2)	/* zero-copy mode only */
#define XDP_USE_NEED_WAKEUP	(1 << 3)	/* driver may sleep, see ring flags */
#define XDP_USE_SG		(1 << 4)	/* multi-buffer packets accepted */

/* xdp_umem_reg.flags */
#define XDP_UMEM_UNALIGNED_CHUNK_FLAG	(1 << 0)
#define XDP_UMEM_TX_SW_CSUM		(1 << 1)	/* checksum in software */
#define XDP_UMEM_TX_METADATA_LEN	(1 << 2)	/* tx_metadata_len is valid */

struct sockaddr_xdp {
	__u16 sxdp_family;
	__u16 sxdp_flags;
	__u32 sxdp_ifindex;
	__u32 sxdp_queue_id;
	__u32 sxdp_shared_umem_fd;
};

/* flags word of a ring */
#define XDP_RING_NEED_WAKEUP	(1 << 0)

struct xdp_ring_offset {
	__u64 producer;
	__u64 consumer;
	__u64 desc;
	__u64 flags;
};

struct xdp_mmap_offsets {
	struct xdp_ring_offset rx;
	struct xdp_ring_offset tx;
	struct xdp_ring_offset fr;
	struct xdp_ring_offset cr;
};

/* SOL_XDP socket options */
#define XDP_MMAP_OFFSETS		1
#define XDP_RX_RING			2
#define XDP_TX_RING			3
#define XDP_UMEM_REG			4
#define XDP_UMEM_FILL_RING		5
#define XDP_UMEM_COMPLETION_RING	6
#define XDP_STATISTICS			7
#define XDP_OPTIONS			8
#define XDP_MAX_TX_SKB_BUDGET		9

struct xdp_umem_reg {
	__u64 addr;
	__u64 len;
	__u32 chunk_size;
	__u32 headroom;
	__u32 flags;
	__u32 tx_metadata_len;
};

struct xdp_statistics {
	__u64 rx_dropped;
	__u64 rx_invalid_descs;
	__u64 tx_invalid_descs;
	__u64 rx_ring_full;
	__u64 rx_fill_ring_empty_descs;
	__u64 tx_ring_empty_descs;
};

struct xdp_options {
	__u32 flags;
};

/* xdp_options.flags */
#define XDP_OPTIONS_ZEROCOPY	(1 << 0)

/* mmap() page offsets selecting the ring to map */
#define XDP_PGOFF_RX_RING		0
#define XDP_PGOFF_TX_RING		0x80000000
#define XDP_UMEM_PGOFF_FILL_RING	0x100000000ULL
#define XDP_UMEM_PGOFF_COMPLETION_RING	0x180000000ULL

/* unaligned chunk mode: the offset lives in the top 16 bits of addr */
#define XSK_UNALIGNED_BUF_OFFSET_SHIFT	48
#define XSK_UNALIGNED_BUF_ADDR_MASK	((1ULL << XSK_UNALIGNED_BUF_OFFSET_SHIFT) - 1)

/* xsk_tx_metadata.flags: offloads requested for one Tx frame */
#define XDP_TXMD_FLAGS_TIMESTAMP	(1 << 0)
#define XDP_TXMD_FLAGS_CHECKSUM		(1 << 1)
#define XDP_TXMD_FLAGS_LAUNCH_TIME	(1 << 2)

struct xsk_tx_metadata {
	__u64 flags;
	union {
		struct {
			__u16 csum_start;
			__u16 csum_offset;
			__u64 launch_time;
		} request;
		struct {
			__u64 tx_timestamp;
		} completion;
	};
};

struct xdp_desc {
	__u64 addr;
	__u32 len;
	__u32 options;
};

/* xdp_desc.options */
#define XDP_PKT_CONTD		(1 << 0)	/* packet goes on in the next desc */
#define XDP_TX_METADATA		(1 << 1)	/* Tx frame carries xsk_tx_metadata */

#endif /* _UAPI_LINUX_IF_XDP_H */
