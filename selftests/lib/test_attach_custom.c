// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * bpf_program__attach() through a registered custom SEC() handler: the
 * handler's attach callback gets its cookie and makes the link; declining
 * (0 and no link) is "nothing to auto-attach"; an error is passed up.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "test.h"

static long seen_cookie;
static int calls;

static int custom_attach(const struct bpf_program *prog, long cookie,
			 struct bpf_link **link)
{
	const char *sec = bpf_program__section_name(prog);
	const char *slash = strchr(sec, '/');

	seen_cookie = cookie;
	calls++;
	if (!slash) {
		*link = NULL;		/* no target named: decline */
		return 0;
	}
	*link = bpf_program__attach_raw_tracepoint(prog, slash + 1);
	return *link ? 0 : -errno;
}

TEST(custom_handler_attach)
{
	LIBBPF_OPTS(libbpf_prog_handler_opts, hopts, .cookie = 4242,
		    .prog_attach_fn = custom_attach);
	struct bpf_object *obj = NULL;
	struct bpf_link *link;
	int id, i;

	id = libbpf_register_prog_handler("bpfkit_custom+", BPF_PROG_TYPE_RAW_TRACEPOINT,
					  0, &hopts);
	ASSERT_FD(id);
	obj = bpf_object__open_file(test_prog_path("attach_custom.bpf.o"), NULL);
	if (!obj || bpf_object__load(obj)) {
		bpf_object__close(obj);
		libbpf_unregister_prog_handler(id);
		ASSERT_TRUE_MSG(false, "attach_custom.bpf.o did not load");
	}
	link = bpf_program__attach(bpf_object__find_program_by_name(obj, "custom_switch"));
	if (link) {
		for (i = 0; i < 5; i++)
			usleep(100);
		bpf_link__destroy(link);
	}
	/* declined: not attached, reported as such */
	errno = 0;
	ASSERT_TRUE(bpf_program__attach(bpf_object__find_program_by_name(obj,
								     "custom_no_target")) == NULL);
	i = errno;
	bpf_object__close(obj);
	libbpf_unregister_prog_handler(id);
	ASSERT_PTR(link);
	ASSERT_EQ(seen_cookie, 4242);
	ASSERT_EQ(calls, 2);
	ASSERT_EQ(i, EOPNOTSUPP);
	ASSERT_LOG("prog 'custom_no_target'");
}
