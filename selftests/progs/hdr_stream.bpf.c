// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * bpf_stream_printk(): the kernel may have either the 6.17/6.18 kfunc
 * (bpf_stream_vprintk_impl) or its successor (bpf_stream_vprintk); the
 * macro calls whichever exists.  Run with BPF_PROG_TEST_RUN.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

#define HDR_STDOUT 1
#define HDR_STDERR 2

int printed_out, printed_err;

SEC("syscall")
int hdr_stream(void *ctx)
{
	printed_out = bpf_stream_printk(HDR_STDOUT, "hdr stream %d %s\n", 42, "ok");
	printed_err = bpf_stream_printk(HDR_STDERR, "hdr stderr\n");
	return 0;
}
