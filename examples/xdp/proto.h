/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* The packet classes both sides count, indexes of the counters array. */
#ifndef XDP_PROTO_H
#define XDP_PROTO_H

enum pkt_class {
	PKT_ICMP,	/* ICMP over IPv4 */
	PKT_TCP,
	PKT_UDP,
	PKT_ICMPV6,
	PKT_ARP,
	PKT_OTHER_IP,	/* any other IPv4/IPv6 protocol */
	PKT_OTHER,	/* not IP, not ARP */
	PKT_CLASSES,
};

#endif
