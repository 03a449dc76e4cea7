// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Seed for the "usdt" fuzz target: a tiny static binary (no libc) with a few
 * SystemTap v3 notes, built by scripts/fuzz.sh seeds.  Never run.
 */
#define SEED_NOTE(prov, name, args)					\
	__asm__ __volatile__(						\
		"990: nop\n"						\
		".pushsection .note.stapsdt,\"?\",\"note\"\n"		\
		".balign 4\n"						\
		".4byte 992f-991f, 994f-993f, 3\n"			\
		"991: .asciz \"stapsdt\"\n"				\
		"992: .balign 4\n"					\
		"993: .8byte 990b\n"					\
		".8byte _.stapsdt.base\n"				\
		".8byte fuzz_sema\n"					\
		".asciz \"" prov "\"\n"					\
		".asciz \"" name "\"\n"					\
		".asciz \"" args "\"\n"					\
		"994: .balign 4\n"					\
		".popsection\n"						\
		".ifndef _.stapsdt.base\n"				\
		".pushsection .stapsdt.base,\"aG\",\"progbits\",.stapsdt.base,comdat\n" \
		".weak _.stapsdt.base\n"				\
		".hidden _.stapsdt.base\n"				\
		"_.stapsdt.base: .space 1\n"				\
		".size _.stapsdt.base, 1\n"				\
		".popsection\n"						\
		".endif\n")

unsigned short fuzz_sema __attribute__((section(".probes")));

void fuzz_start(void)
{
	SEED_NOTE("bpfkit", "probe", "-4@%eax 8@-8(%rbp) 8@$7");
	SEED_NOTE("test", "usdt", "4@%edi -8@(%rsi,%rcx,8) 1@16(%rax)");
	SEED_NOTE("libc", "setjmp", "8@%rdi -4@%esi 8@%rax");
	for (;;)
		;
}
