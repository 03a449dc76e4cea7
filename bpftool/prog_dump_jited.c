// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * prog dump jited: the native image through LLVM's C disassembler, one
 * block per function (jited_func_lens) headed by its BTF prototype and its
 * kernel symbol, with "; source" lines from the jited line info.  Only
 * built when LLVM is found (prog_dump.c reports its absence otherwise).
 * libLLVM is opened on first use: linking it would add tens of
 * milliseconds of relocation to every bpftool command.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include <llvm-c/Core.h>
#include <llvm-c/Disassembler.h>
#include <llvm-c/Target.h>
#include <llvm-c/TargetMachine.h>

#include <bpf/libbpf.h>

#include "common.h"
#include "prog.h"
#include "disasm/disasm.h"

static int jit_oper_count;

#if defined(__x86_64__) || defined(__i386__)
#define LLVM_ARCH_INIT(what) "LLVMInitializeX86" what
#elif defined(__aarch64__)
#define LLVM_ARCH_INIT(what) "LLVMInitializeAArch64" what
#elif defined(__riscv)
#define LLVM_ARCH_INIT(what) "LLVMInitializeRISCV" what
#elif defined(__s390x__)
#define LLVM_ARCH_INIT(what) "LLVMInitializeSystemZ" what
#elif defined(__powerpc64__)
#define LLVM_ARCH_INIT(what) "LLVMInitializePowerPC" what
#else
#define LLVM_ARCH_INIT(what) NULL
#endif

static struct {
	__typeof__(&LLVMCreateDisasm) create;
	__typeof__(&LLVMSetDisasmOptions) set_options;
	__typeof__(&LLVMDisasmInstruction) insn;
	__typeof__(&LLVMDisasmDispose) dispose;
	__typeof__(&LLVMGetDefaultTargetTriple) triple;
	__typeof__(&LLVMDisposeMessage) dispose_msg;
} llvm;

static int llvm_load(void)
{
	static const char *const inits[] = {
		LLVM_ARCH_INIT("TargetInfo"), LLVM_ARCH_INIT("TargetMC"),
		LLVM_ARCH_INIT("Disassembler"),
	};
	void *h;
	size_t i;

	if (llvm.create)
		return 0;
	h = dlopen(BPFTOOL_LLVM_SO, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		p_err("No JIT disassembly support: %s", dlerror());
		return -1;
	}
	llvm.create = (__typeof__(llvm.create))dlsym(h, "LLVMCreateDisasm");
	llvm.set_options = (__typeof__(llvm.set_options))dlsym(h, "LLVMSetDisasmOptions");
	llvm.insn = (__typeof__(llvm.insn))dlsym(h, "LLVMDisasmInstruction");
	llvm.dispose = (__typeof__(llvm.dispose))dlsym(h, "LLVMDisasmDispose");
	llvm.triple = (__typeof__(llvm.triple))dlsym(h, "LLVMGetDefaultTargetTriple");
	llvm.dispose_msg = (__typeof__(llvm.dispose_msg))dlsym(h, "LLVMDisposeMessage");
	for (i = 0; i < sizeof(inits) / sizeof(inits[0]); i++) {
		void (*init)(void) = inits[i] ? (void (*)(void))dlsym(h, inits[i]) : NULL;

		if (!init) {
			llvm.create = NULL;
			break;
		}
		init();
	}
	if (!llvm.create || !llvm.set_options || !llvm.insn || !llvm.dispose ||
	    !llvm.triple || !llvm.dispose_msg) {
		p_err("No JIT disassembly support: %s lacks the disassembler for this architecture",
		      BPFTOOL_LLVM_SO);
		memset(&llvm, 0, sizeof(llvm));
		dlclose(h);
		return -1;
	}
	return 0;	/* kept open: bpftool exits soon after */
}

/* JSON: the mnemonic, then the operands split on blanks, commas, parens. */
static void insn_json(char *text)
{
	char *save = NULL, *s;

	s = strtok_r(text, " \t", &save);
	jsonw_string_field(json_wtr, "operation", s ? s : "");
	jsonw_name(json_wtr, "operands");
	jsonw_start_array(json_wtr);
	jit_oper_count = 1;
	while ((s = strtok_r(NULL, " \t,()", &save))) {
		jsonw_string(json_wtr, s);
		jit_oper_count++;
	}
}

static int dump_func(LLVMDisasmContextRef dc, struct prog_dump_ctx *c,
		     const unsigned char *img, __u32 len, __u64 ksym,
		     __u32 func_idx, bool use_linfo)
{
	__u32 pc = 0, skip = 0, i;
	size_t count;

	if (json_output)
		jsonw_start_array(json_wtr);
	do {
		const struct bpf_line_info *l = NULL;
		char text[256];

		if (use_linfo && c->linfo && c->btf) {
			l = bpf_prog_linfo__lfind_addr_func(c->linfo, ksym + pc,
							    func_idx, skip);
			if (l)
				skip++;
		}
		if (json_output) {
			jsonw_start_object(json_wtr);
			if (l)
				prog_dump_linfo_json(c->btf, l, c->linum);
			jsonw_name(json_wtr, "pc");
			jsonw_printf(json_wtr, "\"0x%x\"", pc);
		} else {
			if (l)
				prog_dump_linfo_plain(c->btf, l, "; ", c->linum);
			printf("%4x:", pc);
		}
		count = llvm.insn(dc, (uint8_t *)img + pc, len - pc, pc,
					      text, sizeof(text));
		if (!count)
			snprintf(text, sizeof(text), "\t(bad)");
		if (json_output) {
			insn_json(text);
			if (jit_oper_count == 1)
				jsonw_null(json_wtr);
			jsonw_end_array(json_wtr);
		} else {
			printf("%s", text);
		}
		if (c->opcodes) {
			if (json_output) {
				jsonw_name(json_wtr, "opcodes");
				jsonw_start_array(json_wtr);
				for (i = 0; i < count; i++)
					jsonw_printf(json_wtr, "\"0x%02hhx\"", img[pc + i]);
				jsonw_end_array(json_wtr);
			} else {
				printf("\n\t");
				for (i = 0; i < count; i++)
					printf("%02x ", img[pc + i]);
			}
		}
		if (json_output)
			jsonw_end_object(json_wtr);
		else
			printf("\n");
		pc += count;
	} while (count > 0 && pc < len);
	if (json_output)
		jsonw_end_array(json_wtr);
	return 0;
}

int prog_dump_jited(struct prog_dump_ctx *c)
{
	const struct bpf_prog_info *info = c->info;
	const __u32 *lens = (const __u32 *)(unsigned long)info->jited_func_lens;
	const __u64 *ksyms = (const __u64 *)(unsigned long)info->jited_ksyms;
	const unsigned char *img = c->insns;
	LLVMDisasmContextRef dc;
	char *triple, sig[1024], name[256];
	__u32 i, done = 0;
	int err = 0;

	if (llvm_load())
		return -1;
	triple = llvm.triple();
	dc = llvm.create(triple, NULL, 0, NULL, NULL);
	llvm.dispose_msg(triple);
	if (!dc) {
		p_err("failed to create the LLVM disassembler");
		return -1;
	}
	llvm.set_options(dc, LLVMDisassembler_Option_PrintImmHex);

	if (!info->nr_jited_func_lens || !lens) {
		err = dump_func(dc, c, img, c->len, 0, 0, false);
		llvm.dispose(dc);
		return err;
	}
	if (json_output)
		jsonw_start_array(json_wtr);
	for (i = 0; i < info->nr_jited_func_lens && !err; i++) {
		const char *sym = NULL;

		if (lens[i] > c->len - done) {
			p_err("jited function %u overruns the image", i);
			err = -1;
			break;
		}
		if (ksyms && i < info->nr_jited_ksyms) {
			sym = ksym_table_find(c->ksyms, ksyms[i]);
			if (sym)
				snprintf(name, sizeof(name), "%s", sym);
			else
				snprintf(name, sizeof(name), "0x%016llx",
					 (unsigned long long)ksyms[i]);
		} else {
			snprintf(name, sizeof(name), "unknown");
		}
		sig[0] = '\0';
		if (c->func_info && i < c->nr_func_info) {
			const struct bpf_func_info *f = (const void *)
				((const char *)c->func_info + i * info->func_info_rec_size);

			btf_func_sig(c->btf, f->type_id, sig, sizeof(sig));
		}
		if (json_output) {
			jsonw_start_object(json_wtr);
			if (sig[0])
				jsonw_string_field(json_wtr, "proto", sig);
			jsonw_string_field(json_wtr, "name", name);
			jsonw_name(json_wtr, "insns");
		} else {
			if (sig[0])
				printf("%s:\n", sig);
			printf("%s:\n", name);
		}
		err = dump_func(dc, c, img + done, lens[i],
				ksyms && i < info->nr_jited_ksyms ? ksyms[i] : 0, i,
				ksyms != NULL);
		done += lens[i];
		if (json_output)
			jsonw_end_object(json_wtr);
		else
			printf("\n");
	}
	if (json_output)
		jsonw_end_array(json_wtr);
	llvm.dispose(dc);
	return err;
}
