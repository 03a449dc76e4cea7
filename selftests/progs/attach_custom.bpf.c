// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A program in a section only a custom handler knows (registered by
 * test_attach_custom.c before open): "bpfkit_custom/<raw tracepoint>".
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

__u64 custom_hits;

SEC("bpfkit_custom/sched_switch")
int custom_switch(void *ctx)
{
	__sync_fetch_and_add(&custom_hits, 1);
	return 0;
}

SEC("bpfkit_custom")
int custom_no_target(void *ctx)
{
	return 0;
}
