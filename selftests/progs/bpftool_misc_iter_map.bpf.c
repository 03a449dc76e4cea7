// SPDX-License-Identifier: GPL-2.0
/* Programs for the bpftool iter suite: a map element iterator. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct seq_file;
struct bpf_iter_meta {
	struct seq_file *seq;
	__u64 session_id;
	__u64 seq_num;
};

struct bpf_iter__bpf_map_elem {
	struct bpf_iter_meta *meta;
	void *map;
	void *key;
	void *value;
};

SEC("iter/bpf_map_elem")
int misc_iter_map(struct bpf_iter__bpf_map_elem *ctx)
{
	struct seq_file *seq = ctx->meta->seq;
	__u32 *key = ctx->key, *val = ctx->value;

	if (key && val)
		BPF_SEQ_PRINTF(seq, "%u=%u\n", *key, *val);
	return 0;
}
