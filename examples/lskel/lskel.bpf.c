// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Counts system calls per process on the sys_enter tracepoint (a BTF
 * tracepoint: the arguments are typed, no pt_regs decoding by hand), and
 * the getpid() calls of one process in .bss.  Loaded through a light
 * skeleton: user space needs no libbpf.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "lskel.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

/* Set by user space before load (.rodata): whose getpid() calls to count. */
const volatile int target_pid = 0;
/* The getpid syscall number of this architecture, set like target_pid. */
const volatile long getpid_nr = -1;

/* Read by user space through the light skeleton's mmap of .bss. */
__u64 total_calls = 0;
__u64 target_getpids = 0;
__u64 dropped = 0;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, LSKEL_MAX_PROCS);
	__type(key, __u32);			/* tgid */
	__type(value, struct lskel_proc);
} procs SEC(".maps");

SEC("tp_btf/sys_enter")
int BPF_PROG(lskel_sys_enter, struct pt_regs *regs, long id)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	struct lskel_proc *p, init = {};

	__sync_fetch_and_add(&total_calls, 1);
	if (id == getpid_nr && tgid == target_pid)
		__sync_fetch_and_add(&target_getpids, 1);

	p = bpf_map_lookup_elem(&procs, &tgid);
	if (!p) {
		bpf_get_current_comm(init.comm, sizeof(init.comm));
		/* -EEXIST when another CPU added it meanwhile: use that one. */
		bpf_map_update_elem(&procs, &tgid, &init, BPF_NOEXIST);
		p = bpf_map_lookup_elem(&procs, &tgid);
		if (!p) {
			/* the map is full */
			__sync_fetch_and_add(&dropped, 1);
			return 0;
		}
	}
	__sync_fetch_and_add(&p->calls, 1);
	return 0;
}
