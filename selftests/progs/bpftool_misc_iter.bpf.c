// SPDX-License-Identifier: GPL-2.0
/* Programs for the bpftool iter suite: a task and a map element iterator. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct seq_file;
struct bpf_iter_meta {
	struct seq_file *seq;
	__u64 session_id;
	__u64 seq_num;
};

struct bpf_iter__task {
	struct bpf_iter_meta *meta;
	void *task;
};

struct bpf_iter__bpf_map_elem {
	struct bpf_iter_meta *meta;
	void *map;
	void *key;
	void *value;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} misc_elems SEC(".maps");

SEC("iter/task")
int misc_iter_task(struct bpf_iter__task *ctx)
{
	struct seq_file *seq = ctx->meta->seq;

	if (ctx->task && ctx->meta->seq_num == 0)
		BPF_SEQ_PRINTF(seq, "bpfkit iter task\n");
	return 0;
}

SEC("iter/bpf_map_elem")
int misc_iter_map(struct bpf_iter__bpf_map_elem *ctx)
{
	struct seq_file *seq = ctx->meta->seq;
	__u32 *key = ctx->key, *val = ctx->value;

	if (key && val)
		BPF_SEQ_PRINTF(seq, "%u=%u\n", *key, *val);
	return 0;
}
