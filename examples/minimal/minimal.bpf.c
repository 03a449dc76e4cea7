// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Counts the write() calls of one process and says so in the trace log. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

/* Set by user space before load (.rodata); 0 counts every process. */
const volatile int target_pid = 0;

/* Read by user space through the skeleton's mmap of .bss. */
__u64 writes = 0;

SEC("tracepoint/syscalls/sys_enter_write")
int count_write(void *ctx)
{
	int pid = bpf_get_current_pid_tgid() >> 32;
	__u64 n;

	if (target_pid && pid != target_pid)
		return 0;
	n = __sync_fetch_and_add(&writes, 1) + 1;
	bpf_printk("minimal: write() number %llu from pid %d", n, pid);
	return 0;
}
