// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Entry and return probes on user-space functions.  User space decides
 * where they go (bpf_program__attach_uprobe_opts with a function name),
 * so the sections carry no target.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "uprobes.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

/* Only this process's calls: malloc is called everywhere. */
const volatile int target_pid = 0;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 * 1024);
} events SEC(".maps");

static __always_inline int report(int site, long long a, long long b, unsigned long long ret)
{
	int pid = bpf_get_current_pid_tgid() >> 32;
	struct uprobe_event *e;

	if (target_pid && pid != target_pid)
		return 0;
	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e)
		return 0;
	e->site = site;
	e->pid = pid;
	e->a = a;
	e->b = b;
	e->ret = ret;
	bpf_ringbuf_submit(e, 0);
	return 0;
}

SEC("uprobe")
int BPF_UPROBE(add_entry, int a, int b)
{
	return report(SITE_ADD_ENTRY, a, b, 0);
}

SEC("uretprobe")
int BPF_URETPROBE(add_return, int ret)
{
	return report(SITE_ADD_RETURN, 0, 0, (unsigned int)ret);
}

SEC("uprobe")
int BPF_UPROBE(malloc_entry, size_t size)
{
	return report(SITE_MALLOC_ENTRY, size, 0, 0);
}

SEC("uretprobe")
int BPF_URETPROBE(malloc_return, void *ptr)
{
	return report(SITE_MALLOC_RETURN, 0, 0, (unsigned long long)ptr);
}
