// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Error strings, versions, CPU count, memlock, program line info. */
#include <stdlib.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "test.h"
#include "test_sys.h"
#include "sys/sys.h"

TEST(strerror_errno_and_libbpf_codes)
{
	char buf[128];

	ASSERT_OK(libbpf_strerror(ENOENT, buf, sizeof(buf)));
	ASSERT_STREQ(buf, "No such file or directory");
	ASSERT_OK(libbpf_strerror(-ENOENT, buf, sizeof(buf)));
	ASSERT_STREQ(buf, "No such file or directory");
	ASSERT_OK(libbpf_strerror(LIBBPF_ERRNO__FORMAT, buf, sizeof(buf)));
	ASSERT_STREQ(buf, "BPF object format invalid");
	ASSERT_OK(libbpf_strerror(-LIBBPF_ERRNO__VERIFY, buf, sizeof(buf)));
	ASSERT_STREQ(buf, "Kernel verifier blocks program loading");
	ASSERT_OK(libbpf_strerror(LIBBPF_ERRNO__NLPARSE, buf, sizeof(buf)));
	ASSERT_STREQ(buf, "Incorrect netlink message parsing");
	ASSERT_ERR(libbpf_strerror(4999, buf, sizeof(buf)), -ENOENT);
	ASSERT_STREQ(buf, "Unknown libbpf error 4999");
}

TEST(strerror_bad_input)
{
	char buf[4];

	ASSERT_ERR(libbpf_strerror(ENOENT, NULL, 10), -EINVAL);
	ASSERT_ERR(libbpf_strerror(ENOENT, buf, 0), -EINVAL);
	ASSERT_ERR(libbpf_strerror(ENOENT, buf, sizeof(buf)), -ERANGE);
	ASSERT_STREQ(buf, "No ");
	ASSERT_ERR(libbpf_strerror(LIBBPF_ERRNO__RELOC, buf, sizeof(buf)), -ERANGE);
	ASSERT_STREQ(buf, "Rel");
}

TEST(get_error)
{
	int x = 0;

	ASSERT_EQ(libbpf_get_error(&x), 0);
	ASSERT_EQ(libbpf_get_error((void *)(long)-EINVAL), -EINVAL);
	ASSERT_EQ(errno, EINVAL);
	errno = ENOENT;
	ASSERT_EQ(libbpf_get_error(NULL), -ENOENT);
	ASSERT_OK(libbpf_set_strict_mode(LIBBPF_STRICT_ALL));
}

TEST(versions)
{
	ASSERT_EQ(libbpf_major_version(), 1);
	ASSERT_EQ(libbpf_minor_version(), 8);
	ASSERT_STREQ(libbpf_version_string(), "v1.8");
}

TEST(num_possible_cpus)
{
	int n = libbpf_num_possible_cpus();
	int conf = (int)sysconf(_SC_NPROCESSORS_CONF);

	ASSERT_GT(n, 0);
	ASSERT_GE(n, conf);
	ASSERT_EQ(libbpf_num_possible_cpus(), n);
}

TEST(memlock_rlim)
{
	/* Before any object load the limit may still be chosen. */
	ASSERT_OK(libbpf_set_memlock_rlim(64 * 1024 * 1024));
}

/* BTF: [1] int, [2] int (void) proto, [3] func main; strings for lines. */
static int load_with_line_info(int *btf_fd)
{
	static const char strs[] = "\0int\0main\0file.c\0r0 = 0;";
	const __u32 types[] = {
		1, 1u << 24, 4, (1u << 24) | 32,
		0, 13u << 24, 1,
		5, (12u << 24) | 1, 2,
	};
	struct {
		__u16 magic;
		__u8 version, flags;
		__u32 hdr_len, type_off, type_len, str_off, str_len;
	} hdr = { 0xeB9F, 1, 0, 24, 0, sizeof(types), sizeof(types), sizeof(strs) };
	char raw[sizeof(hdr) + sizeof(types) + sizeof(strs)];
	const struct bpf_insn insns[] = { INSN_MOV64_IMM(BPF_REG_0, 0), INSN_EXIT() };
	const struct bpf_func_info finfo[] = { { .insn_off = 0, .type_id = 3 } };
	const struct bpf_line_info linfo[] = {
		{ .insn_off = 0, .file_name_off = 10, .line_off = 17, .line_col = (7 << 10) | 2 },
		{ .insn_off = 1, .file_name_off = 10, .line_off = 17, .line_col = (8 << 10) | 2 },
	};
	char log[4096];
	LIBBPF_OPTS(bpf_prog_load_opts, opts,
		    .func_info = finfo, .func_info_cnt = 1,
		    .func_info_rec_size = sizeof(finfo[0]),
		    .line_info = linfo, .line_info_cnt = 2,
		    .line_info_rec_size = sizeof(linfo[0]),
		    .log_buf = log, .log_size = sizeof(log));
	int fd;

	memcpy(raw, &hdr, sizeof(hdr));
	memcpy(raw + sizeof(hdr), types, sizeof(types));
	memcpy(raw + sizeof(hdr) + sizeof(types), strs, sizeof(strs));
	*btf_fd = bpf_btf_load(raw, sizeof(raw), NULL);
	if (*btf_fd < 0)
		return *btf_fd;
	opts.prog_btf_fd = *btf_fd;
	fd = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, "main", "GPL", insns, 2, &opts);
	if (fd < 0)
		fprintf(stderr, "  verifier: %s\n", log);
	return fd;
}

TEST(prog_linfo)
{
	struct bpf_line_info lines[2];
	__u64 jited_lines[2], ksyms[1];
	__u32 func_lens[1];
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);
	const struct bpf_line_info *li;
	struct bpf_prog_linfo *pl;
	int btf, prog;
	bool jited;

	prog = load_with_line_info(&btf);
	ASSERT_FD(btf);
	ASSERT_FD(prog);
	ASSERT_OK(bpf_prog_get_info_by_fd(prog, &info, &len));
	ASSERT_EQ(info.nr_line_info, 2);
	jited = info.nr_jited_line_info == 2 && info.nr_jited_ksyms == 1;

	memset(&info, 0, sizeof(info));
	info.nr_line_info = 2;
	info.line_info_rec_size = sizeof(lines[0]);
	info.line_info = (__u64)(unsigned long)lines;
	if (jited) {
		info.nr_jited_line_info = 2;
		info.jited_line_info_rec_size = sizeof(__u64);
		info.jited_line_info = (__u64)(unsigned long)jited_lines;
		info.nr_jited_ksyms = 1;
		info.jited_ksyms = (__u64)(unsigned long)ksyms;
		info.nr_jited_func_lens = 1;
		info.jited_func_lens = (__u64)(unsigned long)func_lens;
	}
	len = sizeof(info);
	ASSERT_OK(bpf_prog_get_info_by_fd(prog, &info, &len));
	close(prog);
	close(btf);

	pl = bpf_prog_linfo__new(&info);
	ASSERT_PTR(pl);
	li = bpf_prog_linfo__lfind(pl, 0, 0);
	ASSERT_TRUE(li && li->insn_off == 0 && (li->line_col >> 10) == 7);
	li = bpf_prog_linfo__lfind(pl, 1, 0);
	ASSERT_TRUE(li && (li->line_col >> 10) == 8);
	li = bpf_prog_linfo__lfind(pl, 50, 0);
	ASSERT_TRUE(li && li->insn_off == 1);
	li = bpf_prog_linfo__lfind(pl, 0, 2);
	ASSERT_TRUE(!li && errno == ENOENT);
	if (jited) {
		li = bpf_prog_linfo__lfind_addr_func(pl, ksyms[0], 0, 0);
		ASSERT_TRUE(li && li->insn_off == 0);
		li = bpf_prog_linfo__lfind_addr_func(pl, jited_lines[1], 0, 0);
		ASSERT_TRUE(li && li->insn_off == 1);
		li = bpf_prog_linfo__lfind_addr_func(pl, ksyms[0] - 1, 0, 0);
		ASSERT_TRUE(!li && errno == ENOENT);
	}
	li = bpf_prog_linfo__lfind_addr_func(pl, 0, 5, 0);
	ASSERT_TRUE(!li && errno == ENOENT);
	bpf_prog_linfo__free(pl);
}

TEST(prog_linfo_bad_input)
{
	struct bpf_prog_info info = {};

	ASSERT_NULL_ERR(bpf_prog_linfo__new(NULL), -EINVAL);
	ASSERT_NULL_ERR(bpf_prog_linfo__new(&info), -EINVAL);
	bpf_prog_linfo__free(NULL);
}

TEST(memlock_rlim_after_bump)
{
	/* Kernels with memcg accounting leave RLIMIT_MEMLOCK alone. */
	ASSERT_OK(sys_bump_memlock_rlimit());
	ASSERT_ERR(libbpf_set_memlock_rlim(1 << 20), -EBUSY);
}
