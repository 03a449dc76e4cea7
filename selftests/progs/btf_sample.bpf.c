// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A small program whose .BTF and .BTF.ext the BTF tests read: two
 * functions in two sections (func_info, line_info) and CO-RE field
 * accesses (core_relo), plus a bitfield struct, an enum, a global
 * variable (DATASEC) and a decl tag.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

struct btf_sample_rec {
	int a;
	unsigned int flags : 3;
	unsigned int mode : 5;
	long b;
	char name[8];
} __attribute__((preserve_access_index));

enum btf_sample_color { SAMPLE_RED = 1, SAMPLE_GREEN = 2, SAMPLE_BLUE = -1 };

int btf_sample_counter __attribute__((btf_decl_tag("sample_tag")));
enum btf_sample_color btf_sample_last;

static __attribute__((noinline)) int sample_helper(struct btf_sample_rec *r)
{
	return BPF_CORE_READ(r, a) + (int)BPF_CORE_READ(r, b);
}

SEC("socket")
int btf_sample_one(struct __sk_buff *skb)
{
	struct btf_sample_rec *r = (void *)(long)skb->data;

	btf_sample_counter++;
	btf_sample_last = SAMPLE_GREEN;
	return sample_helper(r);
}

SEC("xdp")
int btf_sample_two(struct xdp_md *ctx)
{
	struct btf_sample_rec *r = (void *)(long)ctx->data;

	if (bpf_core_field_exists(r->name))
		return XDP_PASS;
	return XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
