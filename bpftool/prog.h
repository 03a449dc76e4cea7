/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
#ifndef BPFTOOL_PROG_H
#define BPFTOOL_PROG_H

#include <stdbool.h>
#include <linux/bpf.h>

/*
 * prog subcommands, one file each.  Those not written yet are weak: the
 * dispatcher reports them as unsupported instead of failing the link.
 */
int prog_do_show(int argc, char **argv);
int prog_do_pin(int argc, char **argv);
int prog_do_dump(int argc, char **argv) __attribute__((weak));	/* prog_dump.c */
int prog_do_load(int argc, char **argv) __attribute__((weak));	/* prog_load.c */
int prog_do_loadall(int argc, char **argv) __attribute__((weak));
int prog_do_attach(int argc, char **argv) __attribute__((weak));	/* prog_attach.c */
int prog_do_detach(int argc, char **argv) __attribute__((weak));
int prog_do_run(int argc, char **argv) __attribute__((weak));	/* prog_run.c */
int prog_do_profile(int argc, char **argv) __attribute__((weak));	/* prog_profile.c */
int prog_do_tracelog(int argc, char **argv) __attribute__((weak));	/* prog_tracelog.c */


/* What prog dump hands to the xlated and jited printers (prog_dump.c). */
struct bpf_prog_info;
struct btf;
struct bpf_prog_linfo;
struct ksym_table;

struct prog_dump_ctx {
	const struct bpf_prog_info *info;
	const void *insns;		/* xlated or jited image */
	__u32 len;			/* bytes */
	struct btf *btf;		/* NULL when the program has none */
	const void *func_info;		/* func_info records, info->func_info_rec_size apart */
	__u32 nr_func_info;
	struct bpf_prog_linfo *linfo;
	struct ksym_table *ksyms;
	const __u64 *jited_ksyms;	/* subprogram addresses */
	__u32 nr_jited_ksyms;
	bool opcodes;
	bool linum;
};

/* Naming callbacks' state for the disassembler (disasm_cbs.priv). */
struct prog_dump_names {
	struct prog_dump_ctx *ctx;
	char buf[256];
};
struct bpf_insn;
const char *prog_dump_imm64(void *priv, const struct bpf_insn *insn,
			    unsigned long long imm);

int prog_dump_xlated_plain(struct prog_dump_ctx *ctx);
int prog_dump_xlated_json(struct prog_dump_ctx *ctx);
int prog_dump_xlated_cfg(struct prog_dump_ctx *ctx);
/* Weak: built only when LLVM's disassembler is available. */
int prog_dump_jited(struct prog_dump_ctx *ctx) __attribute__((weak));
/* "; line" comment of a line_info record, plain or as JSON fields. */
void prog_dump_linfo_plain(const struct btf *btf, const struct bpf_line_info *l,
			   const char *prefix, bool linum);
void prog_dump_linfo_json(const struct btf *btf, const struct bpf_line_info *l,
			  bool linum);

#endif
