/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Inside the generator: the two buffers being built and the emitters the
 * recorders (record_*.c) use.
 *
 * Run-time conventions of the loader program:
 *   r6  the context (struct bpf_loader_ctx + map descs + prog descs)
 *   r7  the error being returned, on the way to the cleanup label
 *   r8  scratch that survives helper calls
 *   "blob + off" is the address of byte off of the data blob, which the
 *   loader reads as the value of map 0 of its fd_array (ld_imm64 with
 *   BPF_PSEUDO_MAP_IDX_VALUE): attrs for bpf_sys_bpf() live there, and the
 *   pointers inside them are stored at run time, since the kernel reads
 *   them as kernel addresses.
 */
#ifndef BPFKIT_GEN_INTERNAL_H
#define BPFKIT_GEN_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/bpf.h>
#include <bpf/libbpf.h>

#define GEN_CTX_HDR_SZ		24	/* struct bpf_loader_ctx */
#define GEN_CTX_LOG_LEVEL	8
#define GEN_CTX_LOG_SIZE	12
#define GEN_CTX_LOG_BUF		16
#define GEN_MAP_DESC_SZ		16	/* struct bpf_map_desc */
#define GEN_PROG_DESC_SZ	4	/* struct bpf_prog_desc */

struct gen_loader {
	char obj_name[64];
	struct gen_loader_opts *opts;

	unsigned char *data;	/* the blob */
	size_t data_sz, data_cap;
	struct bpf_insn *insns;
	size_t insn_cnt, insn_cap;
	int err;		/* first allocation failure, sticky */

	__u32 nr_maps, nr_progs;
	__u32 ctx_sz;
	__u32 fd_array_off;	/* blob: one __u32 fd per map, by map index */
	__u32 btf_fd_off;	/* blob: the object BTF's fd */
	bool has_btf;
	__u32 zero_off;		/* blob: 8 zero bytes (array key 0) */

	/* ja instructions to patch to the cleanup label */
	__u32 *err_jumps;
	size_t nr_err_jumps, err_jumps_cap;
	/* fds to close on every way out (blob offsets) */
	__u32 *tmp_fds;
	size_t nr_tmp_fds, tmp_fds_cap;
	/* fds handed to the caller: closed and zeroed on failure (ctx offsets) */
	__u32 *ctx_fds;
	size_t nr_ctx_fds, ctx_fds_cap;

	/* .ksyms externs: 8-byte result slot in the blob (0: not a ksym),
	 * fd_array index for kfuncs' BTF fds (after the maps') */
	__u32 *ext_res;
	__u32 *ext_slot;
	int nr_externs;
	__u32 fd_array_cnt;
	bool externs_done;

	bool finished;
};

static inline __u32 gen_ctx_map(__u32 idx)
{
	return GEN_CTX_HDR_SZ + idx * GEN_MAP_DESC_SZ;
}

static inline __u32 gen_ctx_prog(const struct gen_loader *gen, __u32 idx)
{
	return GEN_CTX_HDR_SZ + gen->nr_maps * GEN_MAP_DESC_SZ +
	       idx * GEN_PROG_DESC_SZ;
}

/* emit.c: buffers */
void gen_emit(struct gen_loader *gen, struct bpf_insn insn);
__u32 gen_add_data(struct gen_loader *gen, const void *p, size_t sz);
void *gen_data_at(struct gen_loader *gen, __u32 off);
/* emit.c: run-time steps */
void gen_ld_blob(struct gen_loader *gen, int reg, __u32 off);
void gen_set_ptr(struct gen_loader *gen, __u32 field_off, __u32 target_off);
void gen_copy32(struct gen_loader *gen, __u32 dst_off, __u32 src_off);
void gen_ctx_to_blob(struct gen_loader *gen, __u32 dst_off, __u32 ctx_off,
		     int size, bool only_nonzero);
void gen_store_r0(struct gen_loader *gen, __u32 blob_off);
void gen_sys_bpf(struct gen_loader *gen, int cmd, __u32 attr_off, __u32 attr_sz);
void gen_check_r0(struct gen_loader *gen);
void gen_close_blob_fd(struct gen_loader *gen, __u32 blob_off);
void gen_track_tmp_fd(struct gen_loader *gen, __u32 blob_off);
void gen_track_ctx_fd(struct gen_loader *gen, __u32 ctx_off);
int gen_assemble(struct gen_loader *gen);

/* record_maps.c: prog array slots, once the programs are loaded */
struct bpf_object;
int gen_record_prog_slots(struct bpf_object *obj);

/* record_externs.c */
struct bpf_object;
struct bpf_program;
void gen_layout_externs(struct gen_loader *gen, struct bpf_object *obj);
int gen_record_externs(struct bpf_object *obj);
void gen_patch_externs(struct gen_loader *gen, struct bpf_object *obj,
		       const struct bpf_program *main, __u32 insns_off);

/* core_relos.c: main's CO-RE records (malloc'ed, insn_off in its code) */
struct bpf_object;
struct bpf_program;
int gen_core_relos(struct bpf_object *obj, struct bpf_program *main,
		   struct bpf_core_relo **out, __u32 *out_cnt);

#endif
