// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * BPF side of the "pids" column: a task_file iterator called for every open
 * file of every process.  A file is a BPF object when its release method is
 * the one the kernel installs for that kind of fd; those are functions,
 * listed in kallsyms even without CONFIG_KALLSYMS_ALL (the file_operations
 * tables themselves are data, missing from kallsyms on such kernels).  The
 * object is then private_data, its id is read with CO-RE, and one
 * pids_iter_rec goes to the seq_file, after a first PIDS_KIND_SYMS record
 * saying which release functions had an address.  Embedded in bpftool and
 * loaded by pids.c.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#include "pids.h"

/*
 * Just the fields read here, relocated against the running kernel's BTF
 * ("___local" is dropped when matching), so no vmlinux.h is needed.
 */
struct task_struct___local {
	int tgid;
	char comm[16];
} __attribute__((preserve_access_index));

struct file_operations___local {
	int (*release)(void *inode, void *file);
} __attribute__((preserve_access_index));

struct file___local {
	const struct file_operations___local *f_op;
	void *private_data;
} __attribute__((preserve_access_index));

struct bpf_map___local {
	__u32 id;
} __attribute__((preserve_access_index));

struct bpf_prog_aux___local {
	__u32 id;
} __attribute__((preserve_access_index));

struct bpf_prog___local {
	struct bpf_prog_aux___local *aux;
} __attribute__((preserve_access_index));

struct bpf_link___local {
	__u32 id;
} __attribute__((preserve_access_index));

struct btf___local {
	__u32 id;
} __attribute__((preserve_access_index));

/*
 * The iterator's context: fixed by the kernel when the iter/task_file
 * target was registered (pointers are 64-bit on the BPF target).
 */
struct bpf_iter_meta___local {
	struct seq_file *seq;
	__u64 session_id;
	__u64 seq_num;
};

struct bpf_iter__task_file___local {
	struct bpf_iter_meta___local *meta;
	struct task_struct___local *task;
	__u32 fd;
	struct file___local *file;
};

/* weak: a kernel without one of them reads as address 0, never matched */
extern const void bpf_prog_release __ksym __weak;
extern const void bpf_map_release __ksym __weak;
extern const void bpf_link_release __ksym __weak;
extern const void btf_release __ksym __weak;

static __always_inline __u32 kind_of(__u64 release)
{
	if (!release)
		return 0;
	if (release == (__u64)&bpf_prog_release)
		return PIDS_KIND_PROG;
	if (release == (__u64)&bpf_map_release)
		return PIDS_KIND_MAP;
	if (release == (__u64)&bpf_link_release)
		return PIDS_KIND_LINK;
	if (release == (__u64)&btf_release)
		return PIDS_KIND_BTF;
	return 0;
}

static __always_inline __u32 known_kinds(void)
{
	__u32 mask = 0;

	if (&bpf_prog_release)
		mask |= 1U << PIDS_KIND_PROG;
	if (&bpf_map_release)
		mask |= 1U << PIDS_KIND_MAP;
	if (&bpf_link_release)
		mask |= 1U << PIDS_KIND_LINK;
	if (&btf_release)
		mask |= 1U << PIDS_KIND_BTF;
	return mask;
}

SEC("iter/task_file")
int pids_iter(struct bpf_iter__task_file___local *ctx)
{
	struct task_struct___local *task = ctx->task;
	struct file___local *file = ctx->file;
	struct pids_iter_rec rec = {};
	void *obj;

	if (ctx->meta->seq_num == 0) {
		rec.kind = PIDS_KIND_SYMS;
		rec.id = known_kinds();
		bpf_seq_write(ctx->meta->seq, &rec, sizeof(rec));
		rec.kind = rec.id = 0;
	}
	/* the last call, past the end of the walk, has neither */
	if (!task || !file)
		return 0;
	rec.kind = kind_of((__u64)BPF_CORE_READ(file, f_op, release));
	if (!rec.kind)
		return 0;
	obj = BPF_CORE_READ(file, private_data);
	switch (rec.kind) {
	case PIDS_KIND_PROG:
		rec.id = BPF_CORE_READ((struct bpf_prog___local *)obj, aux, id);
		break;
	case PIDS_KIND_MAP:
		rec.id = BPF_CORE_READ((struct bpf_map___local *)obj, id);
		break;
	case PIDS_KIND_LINK:
		rec.id = BPF_CORE_READ((struct bpf_link___local *)obj, id);
		break;
	default:
		rec.id = BPF_CORE_READ((struct btf___local *)obj, id);
		break;
	}
	rec.pid = BPF_CORE_READ(task, tgid);
	BPF_CORE_READ_INTO(&rec.comm, task, comm);
	bpf_seq_write(ctx->meta->seq, &rec, sizeof(rec));
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
