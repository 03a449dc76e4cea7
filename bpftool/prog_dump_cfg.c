// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * prog dump xlated visual: the control-flow graph in DOT.  Functions start
 * at the program entry and at every BPF-to-BPF call target; basic blocks at
 * jump targets and after conditional jumps.  Each function is a dashed
 * cluster with ENTRY (block 0) and EXIT (block 1) diamonds; numbering,
 * edge order and escaping are those of the reference, so graphs diff
 * cleanly.
 */
#include <stdio.h>
#include <stdlib.h>

#include "common.h"
#include "prog.h"
#include "disasm/disasm.h"

#define CFG_FIRST_BB	2	/* 0 and 1 are ENTRY and EXIT */

/* Sorted set of instruction indexes (function or block starts). */
struct idx_set {
	__u32 *v;
	__u32 nr, cap;
};

static int set_add(struct idx_set *s, __u32 x)
{
	__u32 i, *tmp;

	for (i = 0; i < s->nr && s->v[i] < x; i++)
		;
	if (i < s->nr && s->v[i] == x)
		return 0;
	if (s->nr == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		tmp = realloc(s->v, s->cap * sizeof(*tmp));
		if (!tmp)
			return -1;
		s->v = tmp;
	}
	memmove(s->v + i + 1, s->v + i, (s->nr - i) * sizeof(*s->v));
	s->v[i] = x;
	s->nr++;
	return 0;
}

static bool is_jmp(__u8 code)
{
	return BPF_CLASS(code) == BPF_JMP || BPF_CLASS(code) == BPF_JMP32;
}

/* Target of a jump at idx; gotol keeps its offset in imm. */
static long jump_target(const struct bpf_insn *insn, __u32 idx)
{
	if (insn->code == (BPF_JMP32 | BPF_JA))
		return (long)idx + insn->imm + 1;
	return (long)idx + insn->off + 1;
}

static void put_insn_escaped(const char *text)
{
	const char *p;

	for (p = text; *p; p++) {
		if (*p == '<' || *p == '>' || *p == '|' || *p == '&')
			putchar('\\');
		putchar(*p);
	}
	/* left-aligned row, continued on the next source line */
	printf("\\l\\\n");
}

static const char *cfg_call(void *priv, const struct bpf_insn *insn)
{
	struct prog_dump_names *n = priv;
	unsigned long long addr;
	const char *sym;

	if (insn->src_reg == BPF_PSEUDO_CALL) {
		snprintf(n->buf, sizeof(n->buf), "%+d", insn->off);
		return n->buf;
	}
	addr = ksym_table_call_base(n->ctx->ksyms) + insn->imm;
	sym = ksym_table_find(n->ctx->ksyms, addr);
	if (sym)
		snprintf(n->buf, sizeof(n->buf), "%s", sym);
	else if (addr)
		snprintf(n->buf, sizeof(n->buf), "%#llx", addr);
	else
		snprintf(n->buf, sizeof(n->buf), "unknown");
	return n->buf;
}

static void block_label(const struct bpf_insn *insns, __u32 nr, __u32 fstart,
			__u32 head, __u32 tail, const struct disasm_cbs *cbs,
			bool opcodes)
{
	char text[512];
	bool wide = false;
	__u32 i;

	printf("{");
	for (i = head; i <= tail; i++) {
		if (wide) {
			wide = false;
			continue;
		}
		wide = insns[i].code == (BPF_LD | BPF_IMM | BPF_DW);
		printf("% 4d: ", (int)(i - fstart));
		if (wide && i + 1 >= nr)
			snprintf(text, sizeof(text), "(%02x) BUG_ld_%02x",
				 insns[i].code, insns[i].code);
		else
			disasm_insn(cbs, insns + i, text, sizeof(text));
		put_insn_escaped(text);
		if (opcodes) {
			printf("       ");
			fprint_hex(stdout, insns + i, 8, " ");
			if (wide && i + 1 < nr) {
				printf(" ");
				fprint_hex(stdout, insns + i + 1, 8, " ");
			}
			printf("\\l\\\n");
		}
		if (i != tail)
			printf(" | ");
	}
	printf("}");
}

static void edge(int f, int from, int to)
{
	printf("\tfn_%d_bb_%d:s -> fn_%d_bb_%d:n [style=\"solid,bold\", color=black, weight=10, constraint=true];\n",
	       f, from, f, to);
}

/* Block number of the block starting at insn idx, or -1. */
static int block_at(const struct idx_set *bbs, long idx)
{
	__u32 i;

	for (i = 0; i < bbs->nr; i++)
		if (bbs->v[i] == idx)
			return i + CFG_FIRST_BB;
	return -1;
}

static int dump_func(const struct bpf_insn *insns, __u32 nr, int f,
		     __u32 start, __u32 end, const struct disasm_cbs *cbs,
		     bool opcodes)
{
	struct idx_set bbs = {};
	__u32 i, b;

	if (set_add(&bbs, start))
		goto oom;
	for (i = start; i <= end; i++) {
		__u8 op = BPF_OP(insns[i].code);
		long to;

		if (!is_jmp(insns[i].code) || op == BPF_EXIT || op == BPF_CALL)
			continue;
		to = jump_target(&insns[i], i);
		if (to >= start && to <= end && set_add(&bbs, to))
			goto oom;
		if (op != BPF_JA && i + 1 <= end && set_add(&bbs, i + 1))
			goto oom;
	}

	printf("subgraph \"cluster_%d\" {\n\tstyle=\"dashed\";\n\tcolor=\"black\";\n\tlabel=\"func_%d ()\";\n",
	       f, f);
	printf("\tfn_%d_bb_0 [shape=Mdiamond,style=filled,label=\"ENTRY\"];\n\n", f);
	for (b = 0; b < bbs.nr; b++) {
		__u32 tail = b + 1 < bbs.nr ? bbs.v[b + 1] - 1 : end;

		printf("\tfn_%d_bb_%d [shape=record,style=filled,label=\"", f,
		       b + CFG_FIRST_BB);
		block_label(insns, nr, start, bbs.v[b], tail, cbs, opcodes);
		printf("\"];\n\n");
	}
	printf("\tfn_%d_bb_1 [shape=Mdiamond,style=filled,label=\"EXIT\"];\n\n", f);

	edge(f, 0, CFG_FIRST_BB);
	for (b = 0; b < bbs.nr; b++) {
		__u32 tail = b + 1 < bbs.nr ? bbs.v[b + 1] - 1 : end;
		const struct bpf_insn *t = &insns[tail];
		int self = b + CFG_FIRST_BB;
		int next = b + 1 < bbs.nr ? self + 1 : 1;
		int to;

		if (!is_jmp(t->code) || BPF_OP(t->code) == BPF_EXIT) {
			edge(f, self, next);
			continue;
		}
		to = block_at(&bbs, jump_target(t, tail));
		if (BPF_OP(t->code) == BPF_JA) {
			if (to >= 0)
				edge(f, self, to);
			continue;
		}
		edge(f, self, next);
		if (to >= 0)
			edge(f, self, to);
	}
	printf("\tfn_%d_bb_0:s -> fn_%d_bb_1:n [style=\"invis\", constraint=true];\n",
	       f, f);
	printf("}\n");
	free(bbs.v);
	return 0;
oom:
	free(bbs.v);
	p_err("mem alloc failed");
	return -1;
}

int prog_dump_xlated_cfg(struct prog_dump_ctx *c)
{
	const struct bpf_insn *insns = c->insns;
	__u32 nr = c->len / sizeof(*insns), i;
	struct prog_dump_names names = { .ctx = c };
	struct disasm_cbs cbs = { cfg_call, prog_dump_imm64, &names };
	struct idx_set funcs = {};
	int err = 0;

	if (!nr)
		return 0;
	if (set_add(&funcs, 0))
		goto oom;
	for (i = 0; i < nr; i++) {
		long to;

		if (insns[i].code != (BPF_JMP | BPF_CALL) ||
		    insns[i].src_reg != BPF_PSEUDO_CALL)
			continue;
		to = (long)i + insns[i].off + 1;
		if (to > 0 && to < nr && set_add(&funcs, to))
			goto oom;
	}
	printf("digraph \"DOT graph for eBPF program\" {\n");
	for (i = 0; i < funcs.nr && !err; i++) {
		__u32 end = i + 1 < funcs.nr ? funcs.v[i + 1] - 1 : nr - 1;

		err = dump_func(insns, nr, i, funcs.v[i], end, &cbs, c->opcodes);
	}
	printf("}\n");
	free(funcs.v);
	return err;
oom:
	free(funcs.v);
	p_err("mem alloc failed");
	return -1;
}
