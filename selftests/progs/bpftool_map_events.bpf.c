// SPDX-License-Identifier: GPL-2.0
/*
 * Writes one record to a perf event array each run, for `bpftool map
 * event_pipe`: the 6 bytes 01 02 03 04 05 06 and the first packet byte.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(int));
	__uint(value_size, sizeof(int));
} ev_pipe SEC(".maps");

SEC("xdp")
int ev_emit(struct xdp_md *ctx)
{
	unsigned char rec[7] = { 1, 2, 3, 4, 5, 6, 0 };
	unsigned char *data = (void *)(long)ctx->data;
	unsigned char *end = (void *)(long)ctx->data_end;

	if (data + 1 <= end)
		rec[6] = data[0];
	bpf_perf_event_output(ctx, &ev_pipe, BPF_F_CURRENT_CPU, rec, sizeof(rec));
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
