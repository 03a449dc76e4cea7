// SPDX-License-Identifier: GPL-2.0
/* Programs for the bpftool iter suite: a task iterator (the map one is in
 * bpftool_misc_iter_map.bpf.c: iter pin uses an object's first program). */
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

SEC("iter/task")
int misc_iter_task(struct bpf_iter__task *ctx)
{
	struct seq_file *seq = ctx->meta->seq;

	if (ctx->task && ctx->meta->seq_num == 0)
		BPF_SEQ_PRINTF(seq, "bpfkit iter task\n");
	return 0;
}
