// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A skeleton written by the reference bpftool (when installed at build
 * time) driven by our runtime: the records are the ABI both sides share.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "test.h"

#ifdef HAVE_REF_SKEL
#include <bpf/libbpf.h>
#include "skel_test_types.h"
#include "ref_skel.skel.h"

static void ref_check(struct ref_skel *skel)
{
	ASSERT_EQ(skel->data->after_hidden, 9);
	ASSERT_STREQ(skel->data->greeting, "hello");
	ASSERT_EQ(skel->data_custom->custom_val, 42);
	skel->rodata->target_pid = getpid();
	ASSERT_OK(ref_skel__load(skel));
	ASSERT_OK(ref_skel__attach(skel));
	ASSERT_PTR(skel->links.handle_getpgid);
	ASSERT_TRUE(skel->links.sock_prog == NULL);
	getpgid(0);
	getpgid(0);
	ASSERT_EQ(skel->bss->calls, 2);
	ASSERT_EQ(skel->bss->where.x, 42 + 9);
}

TEST(reference_bpftool_skeleton)
{
	struct ref_skel *skel = ref_skel__open();

	ASSERT_PTR(skel);
	ref_check(skel);
	ref_skel__destroy(skel);
}
#else
TEST(reference_bpftool_skeleton)
{
	TEST_SKIP("reference bpftool was not installed when the tests were built");
}
#endif
