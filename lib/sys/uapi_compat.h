/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Enum values of the 6.x uapi that an older <linux/bpf.h> may lack.  Used
 * only when the header predates BPF_F_ID (6.6); with a current header
 * nothing here is defined and the kernel's enumerators are used.
 */
#ifndef BPFKIT_SYS_UAPI_COMPAT_H
#define BPFKIT_SYS_UAPI_COMPAT_H

#include <linux/bpf.h>

#ifndef BPF_F_ID
#define BPF_F_ID			(1U << 5)

#define BPF_STRUCT_OPS			44
#define BPF_NETFILTER			45
#define BPF_TCX_INGRESS			46
#define BPF_TCX_EGRESS			47
#define BPF_TRACE_UPROBE_MULTI		48
#define BPF_CGROUP_UNIX_CONNECT		49
#define BPF_CGROUP_UNIX_SENDMSG		50
#define BPF_CGROUP_UNIX_RECVMSG		51
#define BPF_CGROUP_UNIX_GETPEERNAME	52
#define BPF_CGROUP_UNIX_GETSOCKNAME	53
#define BPF_NETKIT_PRIMARY		54
#define BPF_NETKIT_PEER			55
#define BPF_TRACE_KPROBE_SESSION	56
#define BPF_TRACE_UPROBE_SESSION	57

#define BPF_LINK_TYPE_NETFILTER		10
#define BPF_LINK_TYPE_TCX		11
#define BPF_LINK_TYPE_UPROBE_MULTI	12
#define BPF_LINK_TYPE_NETKIT		13
#define BPF_LINK_TYPE_SOCKMAP		14

#define BPF_MAP_TYPE_CGRP_STORAGE	32
#define BPF_MAP_TYPE_ARENA		33

#define BPF_PROG_TYPE_NETFILTER		32
#endif

/* Past 6.18: not in our uapi header either. */
#define SYS_MAP_TYPE_INSN_ARRAY		34

#endif
