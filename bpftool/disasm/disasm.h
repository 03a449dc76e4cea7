/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * BPF instruction printer.  The text follows the kernel's verifier-log
 * notation ("(bf) r1 = r2"), which is what bpftool users grep for.
 */
#ifndef BPFTOOL_DISASM_H
#define BPFTOOL_DISASM_H

#include <stddef.h>
#include <linux/bpf.h>

struct disasm_cbs {
	/* Name of a call target; NULL falls back to the built-in text. */
	const char *(*call)(void *priv, const struct bpf_insn *insn);
	/* Text of a 64-bit immediate load (map references and the like). */
	const char *(*imm64)(void *priv, const struct bpf_insn *insn,
			     unsigned long long imm);
	void *priv;
};

/* One instruction (ld_imm64 reads insn[1] too) into buf, without newline. */
void disasm_insn(const struct disasm_cbs *cbs, const struct bpf_insn *insn,
		 char *buf, size_t len);
/* "bpf_map_lookup_elem" for a helper id, NULL when unknown. */
const char *disasm_helper_name(int id);

/* Kernel symbols from /proc/kallsyms, searchable by exact address. */
struct ksym_table;
struct ksym_table *ksym_table_load(void);
void ksym_table_free(struct ksym_table *t);
const char *ksym_table_find(const struct ksym_table *t, unsigned long long addr);
unsigned long long ksym_table_call_base(const struct ksym_table *t);

struct btf;
/* "int f(struct xdp_md * ctx)" for a BTF func/proto id; "" on failure. */
void btf_func_sig(const struct btf *btf, __u32 id, char *buf, size_t len);

#endif
