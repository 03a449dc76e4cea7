// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * BTF and the kernel: loading a written BTF, reading BTF objects back by
 * id (ours and the kernel's own), and the kernel's refusals.
 */
#include <unistd.h>
#include <linux/bpf.h>
#include <linux/btf.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>

#include "test.h"

static struct btf *small_btf(void)
{
	struct btf *b = btf__new_empty();

	if (!b)
		return NULL;
	btf__add_int(b, "int", 4, BTF_INT_SIGNED);	/* 1 */
	btf__add_struct(b, "bpfkit_kern_s", 8);		/* 2 */
	btf__add_field(b, "a", 1, 0, 0);
	btf__add_field(b, "b", 1, 32, 0);
	btf__add_ptr(b, 2);				/* 3 */
	btf__add_func_proto(b, 1);			/* 4 */
	btf__add_func_param(b, "p", 3);
	btf__add_func(b, "bpfkit_kern_f", BTF_FUNC_GLOBAL, 4);	/* 5 */
	return b;
}

TEST(load_into_kernel_and_back)
{
	struct bpf_btf_info info = {};
	__u32 len = sizeof(info);
	struct btf *b = small_btf(), *back;
	const struct btf_type *t;
	int fd;

	ASSERT_PTR(b);
	ASSERT_EQ(btf__fd(b), -1);
	ASSERT_OK(btf__load_into_kernel(b));
	fd = btf__fd(b);
	ASSERT_FD(fd);
	ASSERT_ERR(btf__load_into_kernel(b), -EEXIST);
	ASSERT_OK(bpf_btf_get_info_by_fd(fd, &info, &len));
	ASSERT_GT(info.id, 0);

	back = btf__load_from_kernel_by_id(info.id);
	ASSERT_PTR(back);
	ASSERT_EQ(btf__fd(back), -1);
	ASSERT_EQ(btf__type_cnt(back), 6);
	ASSERT_EQ(btf__find_by_name_kind(back, "bpfkit_kern_f", BTF_KIND_FUNC), 5);
	t = btf__type_by_id(back, 2);
	ASSERT_EQ(btf_vlen(t), 2);
	ASSERT_STREQ(btf__name_by_offset(back, btf_members(t)[1].name_off), "b");
	btf__free(back);
	btf__free(b);	/* closes the fd */
}

TEST(kernel_vmlinux_object_matches_sysfs)
{
	struct btf *sys = btf__load_vmlinux_btf(), *k = NULL;
	__u32 id = 0;

	ASSERT_PTR(sys);
	/* The kernel's own BTF object is the one named "vmlinux". */
	while (!bpf_btf_get_next_id(id, &id)) {
		struct bpf_btf_info info = {};
		__u32 len = sizeof(info);
		char name[64] = "";
		int fd = bpf_btf_get_fd_by_id(id);

		if (fd < 0)
			continue;
		info.name = (__u64)(unsigned long)name;
		info.name_len = sizeof(name);
		if (!bpf_btf_get_info_by_fd(fd, &info, &len) && info.kernel_btf &&
		    !strcmp(name, "vmlinux")) {
			close(fd);
			k = btf__load_from_kernel_by_id(id);
			break;
		}
		close(fd);
	}
	if (!k) {
		btf__free(sys);
		TEST_SKIP("no vmlinux BTF object visible through BPF_BTF_GET_NEXT_ID");
	}
	ASSERT_EQ(btf__type_cnt(k), btf__type_cnt(sys));
	ASSERT_EQ(btf__find_by_name_kind(k, "task_struct", BTF_KIND_STRUCT),
		  btf__find_by_name_kind(sys, "task_struct", BTF_KIND_STRUCT));
	btf__free(k);
	btf__free(sys);
}

/* The layout section is ours to write; the kernel gets the image without. */
TEST(load_btf_with_layout)
{
	LIBBPF_OPTS(btf_new_opts, opts, .add_layout = true);
	struct btf *b = btf__new_empty_opts(&opts);

	ASSERT_PTR(b);
	ASSERT_EQ(btf__add_int(b, "int", 4, BTF_INT_SIGNED), 1);
	ASSERT_EQ(btf__add_ptr(b, 1), 2);
	ASSERT_OK(btf__load_into_kernel(b));
	ASSERT_FD(btf__fd(b));
	btf__free(b);
}

TEST(kernel_refusals)
{
	struct btf *b = btf__new_empty();

	ASSERT_PTR(b);
	/* Fine for the parser, but the kernel wants a power-of-two size. */
	ASSERT_EQ(btf__add_struct(b, "s", 4), 1);
	ASSERT_OK(btf__add_field(b, "self", 1, 0, 0));	/* contains itself */
	test_log_clear();
	ASSERT_TRUE(btf__load_into_kernel(b) < 0);
	ASSERT_TRUE(errno != 0);
	ASSERT_LOG("btf: loading");
	ASSERT_EQ(btf__fd(b), -1);
	btf__free(b);

	test_log_clear();
	ASSERT_NULL_ERR(btf__load_from_kernel_by_id(0x7ffffff0), -ENOENT);
	ASSERT_LOG("cannot open");
}
