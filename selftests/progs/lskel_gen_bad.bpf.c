// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * For the loader generator's failure path (selftests/lib/test_gen_loader.c):
 * a good program and map first, then a program the verifier refuses (it
 * reads past the packet without a bounds check), so that the loader has
 * fds to clean up when the last load fails.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

__u64 runs;

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} slots SEC(".maps");

SEC("xdp")
int lskel_good(struct xdp_md *ctx)
{
	runs++;
	return XDP_PASS;
}

SEC("xdp")
int lskel_refused(struct xdp_md *ctx)
{
	unsigned char *data = (void *)(long)ctx->data;

	return data[100];	/* no check against data_end */
}

char LICENSE[] SEC("license") = "GPL";
