// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * bpf_core_read.h: every read, query and bitfield macro on locally
 * declared preserve_access_index types.  "hdr_core_task" reads the
 * current task's real kernel fields through ___local flavours and stores
 * them in .bss for the test; the "hdr_core_chain" program is compile
 * coverage (its types do not exist in the kernel).
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

char LICENSE[] SEC("license") = "GPL";

#define CORE __attribute__((preserve_access_index))

/* ---- kernel types, subset, resolved against vmlinux BTF ---- */

struct task_struct___local {
	int pid;
	int tgid;
	struct task_struct___local *real_parent;
	struct task_struct___local *group_leader;
	char comm[16];
	unsigned int flags;
} CORE;

struct task_struct___missing {
	int hdr_field_that_does_not_exist;
} CORE;

struct hdr_no_such_kernel_type {
	int x;
} CORE;

enum bpf_map_type___local {
	BPF_MAP_TYPE_HASH___local = 1,
	BPF_MAP_TYPE_ARRAY___local = 2,
} ;

int target_tgid;
int hits;
int pid, tgid, ppid, leader_tgid;
char comm[16];
long comm_len;
int pid_exists, missing_exists;
int pid_size, pid_offset_ok;
int task_exists, task_size_ok, missing_type_exists;
long array_enum_value;
int array_enum_exists;
__u32 task_id_local;
__u32 task_id_kernel;

SEC("tp/syscalls/sys_enter_getpid")
int hdr_core_task(void *ctx)
{
	struct task_struct___local *t = (void *)bpf_get_current_task();
	int v = 0;

	if ((bpf_get_current_pid_tgid() >> 32) != target_tgid)
		return 0;
	hits++;

	pid = BPF_CORE_READ(t, pid);
	BPF_CORE_READ_INTO(&tgid, t, tgid);
	ppid = BPF_CORE_READ(t, real_parent, tgid);
	BPF_CORE_READ_INTO(&leader_tgid, t, group_leader, tgid);
	comm_len = BPF_CORE_READ_STR_INTO(&comm, t, comm);
	bpf_core_read(&v, sizeof(v), &t->pid);

	pid_exists = bpf_core_field_exists(t->pid);
	missing_exists = bpf_core_field_exists(struct task_struct___missing,
					       hdr_field_that_does_not_exist);
	pid_size = bpf_core_field_size(struct task_struct___local, pid);
	pid_offset_ok = bpf_core_field_offset(t->tgid) != bpf_core_field_offset(t->pid);
	task_exists = bpf_core_type_exists(struct task_struct___local);
	task_size_ok = bpf_core_type_size(struct task_struct___local) > 64;
	missing_type_exists = bpf_core_type_exists(struct hdr_no_such_kernel_type);
	task_id_local = bpf_core_type_id_local(struct task_struct___local);
	task_id_kernel = bpf_core_type_id_kernel(struct task_struct___local);
	array_enum_exists = bpf_core_enum_value_exists(enum bpf_map_type___local,
						       BPF_MAP_TYPE_ARRAY___local);
	array_enum_value = bpf_core_enum_value(enum bpf_map_type___local,
					       BPF_MAP_TYPE_ARRAY___local);
	return v == pid ? 0 : 1;
}

/* ---- compile coverage: long chains, user reads, bitfields ---- */

struct hdr_node {
	struct hdr_node *next;
	int val;
	char name[8];
	const char *label;
	unsigned int bf_u : 3;
	int bf_s : 5;
	unsigned long long bf_wide : 40;
	struct {
		struct hdr_node *inner;
	} sub;
} CORE;

struct hdr_node_ext {
	struct hdr_node base;
	int extra;
} CORE;

enum hdr_state { HDR_A = 1, HDR_B = 7 };

long sink[16];

SEC("raw_tp/sys_enter")
int hdr_core_chain(void *ctx)
{
	struct hdr_node *n = (void *)bpf_get_current_task();
	struct hdr_node *user = (void *)(long)bpf_get_current_pid_tgid();
	char buf[8];
	int i = 0;

	sink[i++] = BPF_CORE_READ(n, val);
	sink[i++] = BPF_CORE_READ(n, next, val);
	sink[i++] = BPF_CORE_READ(n, next, next, next, next, next, next, next, next, val);
	sink[i++] = (long)BPF_CORE_READ(n, sub.inner, next, sub.inner);
	sink[i++] = BPF_CORE_READ_USER(user, next, val);
	sink[i++] = BPF_PROBE_READ(n, next, val);
	sink[i++] = BPF_PROBE_READ_USER(user, next, next, val);
	sink[i++] = BPF_CORE_READ_STR_INTO(&buf, n, next, name);
	sink[i++] = BPF_CORE_READ_STR_INTO(&buf, n, label);
	sink[i++] = BPF_CORE_READ_USER_STR_INTO(&buf, user, next, label);
	sink[i++] = BPF_PROBE_READ_STR_INTO(&buf, n, name);
	sink[i++] = BPF_PROBE_READ_USER_STR_INTO(&buf, user, name);
	BPF_CORE_READ_USER_INTO(&sink[i++], user, next, next, val);
	BPF_PROBE_READ_INTO(&sink[i++], n, next, next, val);
	BPF_PROBE_READ_USER_INTO(&sink[i++], user, next, val);
	bpf_core_read_str(buf, sizeof(buf), &n->name);
	bpf_core_read_user(buf, 4, &user->val);
	bpf_core_read_user_str(buf, sizeof(buf), &user->name);
	sink[0] += BPF_CORE_READ_BITFIELD_PROBED(n, bf_u);
	sink[0] += BPF_CORE_READ_BITFIELD_PROBED(n, bf_s);
	sink[0] += bpf_core_field_exists(struct hdr_node_ext, base.sub.inner);
	sink[0] += bpf_core_field_signed(n->bf_s);
#if __clang_major__ >= 15	/* clang 14 lacks the "matches" relocation */
	sink[0] += bpf_core_type_matches(struct hdr_node_ext);
#endif
	sink[0] += bpf_core_enum_value(enum hdr_state, HDR_B);
	sink[1] = (long)bpf_core_cast(n, struct hdr_node)->next;
	return 0;
}

/* Direct bitfield access needs memory the verifier lets us load. */
struct hdr_node global_node;

SEC("raw_tp/sys_enter")
int hdr_core_bitfield(void *ctx)
{
	struct hdr_node *n = &global_node;

	BPF_CORE_WRITE_BITFIELD(n, bf_u, 5);
	BPF_CORE_WRITE_BITFIELD(n, bf_s, -3);
	BPF_CORE_WRITE_BITFIELD(n, bf_wide, 0x123456789aULL);
	sink[2] = BPF_CORE_READ_BITFIELD(n, bf_u);
	sink[3] = BPF_CORE_READ_BITFIELD(n, bf_s);
	sink[4] = BPF_CORE_READ_BITFIELD(n, bf_wide);
	return 0;
}

/*
 * Bitfields relocated against a real kernel type: struct bpf_insn is
 * { u8 code; u8 dst_reg:4, src_reg:4; s16 off; s32 imm; } in the kernel;
 * the local view lists only some members, in another order, so every
 * offset and shift comes from the loader.
 */
struct bpf_insn___local {
	__s32 imm;
	__u8 src_reg:4;
	__u8 dst_reg:4;
	__s16 off;
} CORE;

unsigned char insn_raw[8];
long bf_dst, bf_src, bf_off, bf_imm, bf_src_probed, bf_off_probed;
long bf_dst_after, bf_off_after, bf_imm_after;

SEC("tp/syscalls/sys_enter_getpid")
int hdr_core_bits(void *ctx)
{
	struct bpf_insn___local *in = (void *)insn_raw;

	if ((bpf_get_current_pid_tgid() >> 32) != target_tgid)
		return 0;
	hits++;
	/* code 0x85, dst 3, src 10, off -2, imm -5 (little endian) */
	insn_raw[0] = 0x85;
	insn_raw[1] = 0xa3;
	insn_raw[2] = 0xfe;
	insn_raw[3] = 0xff;
	insn_raw[4] = 0xfb;
	insn_raw[5] = 0xff;
	insn_raw[6] = 0xff;
	insn_raw[7] = 0xff;

	bf_dst = BPF_CORE_READ_BITFIELD(in, dst_reg);
	bf_src = BPF_CORE_READ_BITFIELD(in, src_reg);
	bf_off = (long)BPF_CORE_READ_BITFIELD(in, off);
	bf_imm = (long)BPF_CORE_READ_BITFIELD(in, imm);
	bf_src_probed = BPF_CORE_READ_BITFIELD_PROBED(in, src_reg);
	bf_off_probed = (long)BPF_CORE_READ_BITFIELD_PROBED(in, off);

	BPF_CORE_WRITE_BITFIELD(in, dst_reg, 5);
	BPF_CORE_WRITE_BITFIELD(in, off, -300);
	BPF_CORE_WRITE_BITFIELD(in, imm, 0x12345678);
	bf_dst_after = BPF_CORE_READ_BITFIELD(in, dst_reg);
	bf_off_after = (long)BPF_CORE_READ_BITFIELD(in, off);
	bf_imm_after = (long)BPF_CORE_READ_BITFIELD(in, imm);
	return 0;
}
