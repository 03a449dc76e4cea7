// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * USDT: a probe defined in this binary with a hand-written .note.stapsdt
 * entry (no <sys/sdt.h>), attached with attach_usdt.bpf.o; the BPF side
 * reads the arguments back through the specs the attach code wrote.
 */
#include <errno.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "test.h"
#include "link/usdt.h"

enum { R_HITS, R_ARGC, R_A, R_B, R_C, R_COOKIE, R_AUTO_HITS, R_MAX = 8 };

/*
 * A SystemTap v3 note: probe address, the .stapsdt.base anchor, no
 * semaphore, provider, name and the operand string "size@operand ...".
 */
#define BPFKIT_USDT3(prov, name, a1, a2, a3)				\
	__asm__ __volatile__(						\
		"990: nop\n"						\
		".pushsection .note.stapsdt,\"?\",\"note\"\n"		\
		".balign 4\n"						\
		".4byte 992f-991f, 994f-993f, 3\n"			\
		"991: .asciz \"stapsdt\"\n"				\
		"992: .balign 4\n"					\
		"993: .8byte 990b\n"					\
		".8byte _.stapsdt.base\n"				\
		".8byte 0\n"						\
		".asciz \"" #prov "\"\n"				\
		".asciz \"" #name "\"\n"				\
		".asciz \"-4@%[x1] 8@%[x2] 8@%[x3]\"\n"			\
		"994: .balign 4\n"					\
		".popsection\n"						\
		".ifndef _.stapsdt.base\n"				\
		".pushsection .stapsdt.base,\"aG\",\"progbits\",.stapsdt.base,comdat\n" \
		".weak _.stapsdt.base\n"				\
		".hidden _.stapsdt.base\n"				\
		"_.stapsdt.base: .space 1\n"				\
		".size _.stapsdt.base, 1\n"				\
		".popsection\n"						\
		".endif\n"						\
		:: [x1] "r"(a1), [x2] "m"(a2), [x3] "i"(a3))

/* A probe guarded by a semaphore, which the kernel counts up while attached. */
unsigned short bpfkit_sema_semaphore __attribute__((section(".probes"), used));

#define BPFKIT_USDT_SEMA1(prov, name, sema, a1)				\
	__asm__ __volatile__(						\
		"990: nop\n"						\
		".pushsection .note.stapsdt,\"?\",\"note\"\n"		\
		".balign 4\n"						\
		".4byte 992f-991f, 994f-993f, 3\n"			\
		"991: .asciz \"stapsdt\"\n"				\
		"992: .balign 4\n"					\
		"993: .8byte 990b\n"					\
		".8byte _.stapsdt.base\n"				\
		".8byte " #sema "\n"					\
		".asciz \"" #prov "\"\n"				\
		".asciz \"" #name "\"\n"				\
		".asciz \"-4@%[x1]\"\n"					\
		"994: .balign 4\n"					\
		".popsection\n"						\
		:: [x1] "r"(a1))

__attribute__((noinline)) void bpfkit_fire_sema(int a)
{
	if (bpfkit_sema_semaphore)
		BPFKIT_USDT_SEMA1(bpfkit, sema1, bpfkit_sema_semaphore, a);
}

__attribute__((noinline)) void bpfkit_fire_probe(int a)
{
	volatile long b = 1L << 40;

	BPFKIT_USDT3(bpfkit, probe3, a, b, 7);
}

static struct bpf_object *obj;

static int open_usdt_obj(void)
{
	__u32 zero = 0;
	__u64 tgid = getpid();

	obj = bpf_object__open_file(test_prog_path("attach_usdt.bpf.o"), NULL);
	if (!obj)
		return -errno;
	if (bpf_object__load(obj)) {
		int err = -errno;

		bpf_object__close(obj);
		obj = NULL;
		return err;
	}
	return bpf_map_update_elem(bpf_map__fd(bpf_object__find_map_by_name(obj, "config")),
				   &zero, &tgid, 0);
}

static long long result(__u32 slot)
{
	long long v = 0;

	bpf_map_lookup_elem(bpf_map__fd(bpf_object__find_map_by_name(obj, "results")),
			    &slot, &v);
	return v;
}

TEST(usdt_arguments_and_cookie)
{
	LIBBPF_OPTS(bpf_usdt_opts, opts, .usdt_cookie = 0xc00c1e);
	struct bpf_program *prog;
	struct bpf_link *link;
	int err, i;

	err = open_usdt_obj();
	ASSERT_OK(err);
	prog = bpf_object__find_program_by_name(obj, "usdt_probe3");
	link = bpf_program__attach_usdt(prog, 0, "/proc/self/exe", "bpfkit",
					"probe3", &opts);
	if (!link)
		bpf_object__close(obj);
	ASSERT_PTR(link);
	for (i = 0; i < 4; i++)
		bpfkit_fire_probe(-5 - i);
	ASSERT_OK(bpf_link__destroy(link));
	bpfkit_fire_probe(0);
	ASSERT_EQ(result(R_HITS), 4);
	ASSERT_EQ(result(R_ARGC), 3);
	ASSERT_EQ(result(R_A), -8);
	ASSERT_EQ(result(R_B), 1LL << 40);
	ASSERT_EQ(result(R_C), 7);
	ASSERT_EQ(result(R_COOKIE), 0xc00c1e);

	/* Auto-attach from "usdt//proc/self/exe:bpfkit:probe3". */
	link = bpf_program__attach(bpf_object__find_program_by_name(obj, "usdt_auto"));
	if (!link)
		bpf_object__close(obj);
	ASSERT_PTR(link);
	bpfkit_fire_probe(1);
	bpf_link__destroy(link);
	ASSERT_EQ(result(R_AUTO_HITS), 1);
	bpf_object__close(obj);
}

TEST(usdt_semaphore_counts_attachments)
{
	struct bpf_program *prog;
	struct bpf_link *link;

	ASSERT_OK(open_usdt_obj());
	prog = bpf_object__find_program_by_name(obj, "usdt_probe3");
	ASSERT_EQ(bpfkit_sema_semaphore, 0);
	bpfkit_fire_sema(5);
	link = bpf_program__attach_usdt(prog, 0, "/proc/self/exe", "bpfkit", "sema1",
					NULL);
	if (!link)
		bpf_object__close(obj);
	ASSERT_PTR(link);
	ASSERT_EQ(bpfkit_sema_semaphore, 1);
	bpfkit_fire_sema(-9);
	ASSERT_OK(bpf_link__destroy(link));
	ASSERT_EQ(bpfkit_sema_semaphore, 0);
	ASSERT_EQ(result(R_HITS), 1);
	ASSERT_EQ(result(R_ARGC), 1);
	ASSERT_EQ(result(R_A), -9);
	bpf_object__close(obj);
}

TEST(usdt_bad_input)
{
	struct bpf_program *prog;

	ASSERT_OK(open_usdt_obj());
	prog = bpf_object__find_program_by_name(obj, "usdt_probe3");
	ASSERT_NULL_ERR(bpf_program__attach_usdt(prog, -1, "/proc/self/exe", "bpfkit",
						 "no_such_probe", NULL), -ENOENT);
	ASSERT_LOG("bpfkit:no_such_probe");
	ASSERT_NULL_ERR(bpf_program__attach_usdt(prog, -1, "/no/such/file", "bpfkit",
						 "probe3", NULL), -ENOENT);
	ASSERT_LOG("/no/such/file");
	/* A binary without USDT notes. */
	ASSERT_NULL_ERR(bpf_program__attach_usdt(prog, -1, "/bin/true", "bpfkit",
						 "probe3", NULL), -ENOENT);
	ASSERT_NULL_ERR(bpf_program__attach_usdt(prog, -1, "/proc/self/exe", "",
						 "probe3", NULL), -EINVAL);
	bpf_object__close(obj);
}

TEST(usdt_argument_parsing)
{
	struct usdt_spec spec;

	ASSERT_OK(usdt_parse_args("-4@%eax 8@-8(%rbp) 2@$-3 8@16(%rax,%rdx,4) 1@(%r12)",
				  &spec));
	ASSERT_EQ(spec.arg_cnt, 5);
	ASSERT_EQ(spec.args[0].arg_type, USDT_ARG_REG);
	ASSERT_EQ(spec.args[0].reg_off, 80);
	ASSERT_EQ(spec.args[0].arg_signed, 1);
	ASSERT_EQ(spec.args[0].arg_bitshift, 32);
	ASSERT_EQ(spec.args[1].arg_type, USDT_ARG_REG_DEREF);
	ASSERT_EQ(spec.args[1].reg_off, 32);
	ASSERT_EQ((long long)spec.args[1].val_off, -8);
	ASSERT_EQ(spec.args[2].arg_type, USDT_ARG_CONST);
	ASSERT_EQ((long long)spec.args[2].val_off, -3);
	ASSERT_EQ(spec.args[2].arg_bitshift, 48);
	ASSERT_EQ(spec.args[3].arg_type, USDT_ARG_SIB);
	ASSERT_EQ(spec.args[3].reg_off, 80);
	ASSERT_EQ(spec.args[3].idx_reg_off, 96);
	ASSERT_EQ(spec.args[3].scale_bitshift, 2);
	ASSERT_EQ(spec.args[3].val_off, 16);
	ASSERT_EQ(spec.args[4].reg_off, 24);
	ASSERT_EQ(spec.args[4].arg_bitshift, 56);
	ASSERT_OK(usdt_parse_args("", &spec));
	ASSERT_EQ(spec.arg_cnt, 0);

	ASSERT_EQ(usdt_parse_args("4@%xyz", &spec), -EINVAL);
	ASSERT_LOG("4@%xyz");
	ASSERT_EQ(usdt_parse_args("3@%eax", &spec), -EINVAL);
	ASSERT_EQ(usdt_parse_args("-99999999999999999999@%eax", &spec), -EINVAL);
	ASSERT_EQ(usdt_parse_args("4@", &spec), -EINVAL);
	ASSERT_EQ(usdt_parse_args("4@(%rax", &spec), -EINVAL);
	ASSERT_EQ(usdt_parse_args("8@sym(%rip)", &spec), -EINVAL);
	ASSERT_EQ(usdt_parse_args("8@8(%rax,%rbx,3)", &spec), -EINVAL);
	ASSERT_EQ(usdt_parse_args("1@%al 1@%al 1@%al 1@%al 1@%al 1@%al 1@%al "
				  "1@%al 1@%al 1@%al 1@%al 1@%al 1@%al", &spec), -E2BIG);
}

TEST(usdt_argument_parsing_arm64)
{
	struct usdt_spec spec;

	ASSERT_OK(usdt_parse_args_arch("-4@x0 8@[sp, 16] 8@[x29, -8] 4@[x1] 2@5 8@sp",
				       USDT_ARCH_ARM64, &spec));
	ASSERT_EQ(spec.arg_cnt, 6);
	ASSERT_EQ(spec.args[0].arg_type, USDT_ARG_REG);
	ASSERT_EQ(spec.args[0].reg_off, 0);
	ASSERT_EQ(spec.args[0].arg_signed, 1);
	ASSERT_EQ(spec.args[1].arg_type, USDT_ARG_REG_DEREF);
	ASSERT_EQ(spec.args[1].reg_off, 248);
	ASSERT_EQ(spec.args[1].val_off, 16);
	ASSERT_EQ(spec.args[2].reg_off, 29 * 8);
	ASSERT_EQ((long long)spec.args[2].val_off, -8);
	ASSERT_EQ(spec.args[3].arg_type, USDT_ARG_REG_DEREF);
	ASSERT_EQ(spec.args[3].reg_off, 8);
	ASSERT_EQ(spec.args[3].val_off, 0);
	ASSERT_EQ(spec.args[4].arg_type, USDT_ARG_CONST);
	ASSERT_EQ(spec.args[4].val_off, 5);
	ASSERT_EQ(spec.args[5].reg_off, 248);

	ASSERT_EQ(usdt_parse_args_arch("8@x31", USDT_ARCH_ARM64, &spec), -EINVAL);
	ASSERT_EQ(usdt_parse_args_arch("8@[x1, 4", USDT_ARCH_ARM64, &spec), -EINVAL);
	ASSERT_EQ(usdt_parse_args_arch("8@%rax", USDT_ARCH_ARM64, &spec), -EINVAL);
	/* x86 syntax is not arm64 syntax, and the other way round */
	ASSERT_EQ(usdt_parse_args_arch("8@x1", USDT_ARCH_X86_64, &spec), -EINVAL);
}
