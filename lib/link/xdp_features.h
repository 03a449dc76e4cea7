/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
#ifndef BPFKIT_LINK_XDP_FEATURES_H
#define BPFKIT_LINK_XDP_FEATURES_H

#include <linux/types.h>

/* NETDEV_XDP_ACT_* flags and zero-copy segment limit of a device. */
int xdp_query_features(int ifindex, __u64 *flags, __u32 *zc_max_segs);

#endif
