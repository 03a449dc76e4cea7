// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * BPF side of the "pids" column: a task_file iterator called for every open
 * file of every process.  A file is a BPF object when it is the anonymous
 * inode file the kernel makes for that kind of fd, known by its dentry
 * name ("bpf-prog", "bpf-map", "bpf_link", "btf": what /proc/PID/fd shows
 * after "anon_inode:").  Comparing f_op with the kernel's file_operations
 * tables would need their addresses, which kallsyms lacks on kernels
 * without CONFIG_KALLSYMS_ALL, and reading kallsyms at all costs tens of
 * milliseconds per command.  The object is then private_data, its id is
 * read with CO-RE, and one pids_iter_rec goes to the seq_file.  Embedded in
 * bpftool and loaded by pids.c.
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

struct qstr___local {
	const unsigned char *name;
} __attribute__((preserve_access_index));

struct dentry___local {
	struct qstr___local d_name;
} __attribute__((preserve_access_index));

struct path___local {
	struct dentry___local *dentry;
} __attribute__((preserve_access_index));

struct file___local {
	struct path___local f_path;
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

/* "bpf-prog", "bpf-map", "bpf_link" and "btf", with their terminating NUL */
static __always_inline __u32 kind_of(const char n[9])
{
	if (n[0] == 'b' && n[1] == 't' && n[2] == 'f' && !n[3])
		return PIDS_KIND_BTF;
	if (n[0] != 'b' || n[1] != 'p' || n[2] != 'f')
		return 0;
	if (n[3] == '-' && n[4] == 'm' && n[5] == 'a' && n[6] == 'p' && !n[7])
		return PIDS_KIND_MAP;
	if (n[3] == '-' && n[4] == 'p' && n[5] == 'r' && n[6] == 'o' &&
	    n[7] == 'g' && !n[8])
		return PIDS_KIND_PROG;
	if (n[3] == '_' && n[4] == 'l' && n[5] == 'i' && n[6] == 'n' &&
	    n[7] == 'k' && !n[8])
		return PIDS_KIND_LINK;
	return 0;
}

SEC("iter/task_file")
int pids_iter(struct bpf_iter__task_file___local *ctx)
{
	struct task_struct___local *task = ctx->task;
	struct file___local *file = ctx->file;
	struct pids_iter_rec rec = {};
	char name[9] = {};
	void *obj;

	/* the last call, past the end of the walk, has neither */
	if (!task || !file)
		return 0;
	if (bpf_probe_read_kernel_str(name, sizeof(name),
				      BPF_CORE_READ(file, f_path.dentry, d_name.name)) < 0)
		return 0;
	rec.kind = kind_of(name);
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
