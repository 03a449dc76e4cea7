// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * prog dump xlated: plain listing and JSON array.  Function headers come
 * from func_info, "; source" comments from line_info; calls and 64-bit
 * immediates are named the way the kernel lets us (kallsyms, map ids).
 */
#include <ctype.h>
#include <stdio.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "common.h"
#include "prog.h"
#include "disasm/disasm.h"


static const char *xl_call(void *priv, const struct bpf_insn *insn)
{
	struct prog_dump_names *n = priv;
	struct prog_dump_ctx *c = n->ctx;
	unsigned long long addr = ksym_table_call_base(c->ksyms) + insn->imm;
	const char *sym;

	if (insn->src_reg == BPF_PSEUDO_CALL && c->jited_ksyms &&
	    (__u32)insn->imm < c->nr_jited_ksyms)
		addr = c->jited_ksyms[insn->imm];
	sym = ksym_table_find(c->ksyms, addr);
	if (insn->src_reg == BPF_PSEUDO_CALL) {
		/* the kernel keeps the pc-relative offset in off, the subprog index in imm */
		if (!c->nr_jited_ksyms)
			snprintf(n->buf, sizeof(n->buf), "%+d", insn->off);
		else if (sym)
			snprintf(n->buf, sizeof(n->buf), "%+d#%s", insn->off, sym);
		else
			snprintf(n->buf, sizeof(n->buf), "%+d#0x%llx", insn->off, addr);
	} else if (sym) {
		snprintf(n->buf, sizeof(n->buf), "%s", sym);
	} else if (addr) {
		snprintf(n->buf, sizeof(n->buf), "%#llx", addr);
	} else {
		snprintf(n->buf, sizeof(n->buf), "unknown");
	}
	return n->buf;
}


static const char *ltrim(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	return s;
}

void prog_dump_linfo_plain(const struct btf *btf, const struct bpf_line_info *l,
			   const char *prefix, bool linum)
{
	const char *line = btf__name_by_offset(btf, l->line_off);
	const char *file;

	if (!line)
		return;
	line = ltrim(line);
	if (!prefix)
		prefix = "";
	if (!linum) {
		printf("%s%s\n", prefix, line);
		return;
	}
	file = btf__name_by_offset(btf, l->file_name_off);
	printf("%s%s [file:%s line_num:%u line_col:%u]\n", prefix, line,
	       file ? file : "", BPF_LINE_INFO_LINE_NUM(l->line_col),
	       BPF_LINE_INFO_LINE_COL(l->line_col));
}

void prog_dump_linfo_json(const struct btf *btf, const struct bpf_line_info *l,
			  bool linum)
{
	const char *line = btf__name_by_offset(btf, l->line_off);
	const char *file;

	if (line)
		jsonw_string_field(json_wtr, "src", ltrim(line));
	if (!linum)
		return;
	file = btf__name_by_offset(btf, l->file_name_off);
	if (file)
		jsonw_string_field(json_wtr, "file", file);
	if (BPF_LINE_INFO_LINE_NUM(l->line_col))
		jsonw_int_field(json_wtr, "line_num", BPF_LINE_INFO_LINE_NUM(l->line_col));
	if (BPF_LINE_INFO_LINE_COL(l->line_col))
		jsonw_int_field(json_wtr, "line_col", BPF_LINE_INFO_LINE_COL(l->line_col));
}

/*
 * The line record to print before instruction idx: the last one at or
 * before idx, searching from the first not yet printed.  A record that
 * covers several instructions is thus repeated once per record consumed,
 * as the reference does.
 */
static const struct bpf_line_info *line_at(const struct prog_dump_ctx *c,
					   __u32 idx, __u32 skip)
{
	const struct bpf_prog_info *info = c->info;
	const char *raw = (const char *)(unsigned long)info->line_info;
	__u32 rec = info->line_info_rec_size, i;
	const struct bpf_line_info *l;

	if (!c->linfo || !c->btf || skip >= info->nr_line_info)
		return NULL;
	l = (const void *)(raw + skip * rec);
	if (idx < l->insn_off)
		return NULL;
	for (i = skip + 1; i < info->nr_line_info; i++) {
		const struct bpf_line_info *n = (const void *)(raw + i * rec);

		if (idx < n->insn_off)
			break;
		l = n;
	}
	return l;
}

/* Header of the function starting at idx, or NULL. */
static const char *func_at(struct prog_dump_ctx *c, __u32 idx, __u32 *next,
			   char *sig, size_t len)
{
	const struct bpf_func_info *f;

	if (!c->btf || !c->func_info || *next >= c->nr_func_info)
		return NULL;
	f = (const void *)((const char *)c->func_info +
			   *next * c->info->func_info_rec_size);
	if (f->insn_off != idx)
		return NULL;
	(*next)++;
	btf_func_sig(c->btf, f->type_id, sig, len);
	return sig[0] ? sig : NULL;
}

int prog_dump_xlated_plain(struct prog_dump_ctx *c)
{
	const struct bpf_insn *insn = c->insns;
	__u32 nr = c->len / sizeof(*insn), i, next_func = 0, skip = 0;
	struct prog_dump_names names = { .ctx = c };
	struct disasm_cbs cbs = { xl_call, prog_dump_imm64, &names };
	char text[512], sig[1024];
	bool wide = false;

	for (i = 0; i < nr; i++) {
		const struct bpf_line_info *l;
		const char *f;

		if (wide) {
			wide = false;
			continue;
		}
		wide = insn[i].code == (BPF_LD | BPF_IMM | BPF_DW);
		f = func_at(c, i, &next_func, sig, sizeof(sig));
		if (f)
			printf("%s:\n", f);
		l = line_at(c, i, skip);
		if (l) {
			prog_dump_linfo_plain(c->btf, l, "; ", c->linum);
			skip++;
		}
		if (wide && i + 1 >= nr) {
			printf("%4u: (%02x) BUG_ld_%02x\n", i, insn[i].code,
			       insn[i].code);
			break;
		}
		disasm_insn(&cbs, insn + i, text, sizeof(text));
		printf("%4u: %s\n", i, text);
		if (c->opcodes) {
			printf("       ");
			fprint_hex(stdout, insn + i, 8, " ");
			if (wide) {
				printf(" ");
				fprint_hex(stdout, insn + i + 1, 8, " ");
			}
			printf("\n");
		}
	}
	return 0;
}

int prog_dump_xlated_json(struct prog_dump_ctx *c)
{
	const struct bpf_insn *insn = c->insns;
	__u32 nr = c->len / sizeof(*insn), i, next_func = 0, skip = 0;
	struct prog_dump_names names = { .ctx = c };
	struct disasm_cbs cbs = { xl_call, prog_dump_imm64, &names };
	char text[512], sig[1024];
	bool wide = false;

	jsonw_start_array(json_wtr);
	for (i = 0; i < nr; i++) {
		const struct bpf_line_info *l;
		const char *f;

		if (wide) {
			wide = false;
			continue;
		}
		wide = insn[i].code == (BPF_LD | BPF_IMM | BPF_DW) && i + 1 < nr;
		jsonw_start_object(json_wtr);
		f = func_at(c, i, &next_func, sig, sizeof(sig));
		if (f)
			jsonw_string_field(json_wtr, "proto", f);
		l = line_at(c, i, skip);
		if (l) {
			prog_dump_linfo_json(c->btf, l, c->linum);
			skip++;
		}
		if (insn[i].code == (BPF_LD | BPF_IMM | BPF_DW) && !wide)
			snprintf(text, sizeof(text), "(%02x) BUG_ld_%02x",
				 insn[i].code, insn[i].code);
		else
			disasm_insn(&cbs, insn + i, text, sizeof(text));
		jsonw_string_field(json_wtr, "disasm", text);
		if (c->opcodes) {
			jsonw_name(json_wtr, "opcodes");
			jsonw_start_object(json_wtr);
			jsonw_name(json_wtr, "code");
			jsonw_printf(json_wtr, "\"0x%02hhx\"", insn[i].code);
			jsonw_name(json_wtr, "src_reg");
			jsonw_printf(json_wtr, "\"0x%hhx\"", insn[i].src_reg);
			jsonw_name(json_wtr, "dst_reg");
			jsonw_printf(json_wtr, "\"0x%hhx\"", insn[i].dst_reg);
			jsonw_name(json_wtr, "off");
			print_hex_data_json((const uint8_t *)&insn[i].off, 2);
			jsonw_name(json_wtr, "imm");
			print_hex_data_json((const uint8_t *)&insn[i].imm,
					    wide ? 12 : 4);
			jsonw_end_object(json_wtr);
		}
		jsonw_end_object(json_wtr);
	}
	jsonw_end_array(json_wtr);
	return 0;
}
