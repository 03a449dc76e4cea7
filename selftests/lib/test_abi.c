// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * ABI of libbpf.so.1: every function of lib/api/libbpf-api.txt that the
 * library exports must carry exactly the symbol version listed there, or
 * binaries linked against the reference libbpf would not bind to it.
 * Functions not exported yet are listed (work in progress), not failed.
 */
#include <dlfcn.h>
#include <stddef.h>
#include <stdlib.h>
#include <bpf/bpf.h>

#include "test.h"

TEST(abi_symbol_versions)
{
	const char *so = getenv("LIBBPF_SO");
	const char *list = test_src_path("lib/api/libbpf-api.txt");
	int total = 0, missing = 0, wrong = 0;
	char line[256], ver[64], name[160];
	FILE *f;
	void *h;

	if (!so)
		TEST_SKIP("LIBBPF_SO is not set");
	/* Lazy: parts of the library still in progress may reference functions
	 * not written yet; symbol lookup does not need them resolved. */
	h = dlopen(so, RTLD_LAZY | RTLD_LOCAL);
	ASSERT_TRUE_MSG(h != NULL, "dlopen %s: %s", so, dlerror());
	f = fopen(list, "re");
	if (!f) {
		dlclose(h);
		ASSERT_TRUE_MSG(0, "cannot open %s", list);
	}

	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '#' || sscanf(line, "%63s %159s", ver, name) != 2)
			continue;
		total++;
		if (dlvsym(h, name, ver))
			continue;
		if (dlsym(h, name)) {
			test_fail_at(__FILE__, __LINE__,
				     "%s is exported, but not as %s@%s", name, name, ver);
			wrong++;
			continue;
		}
		if (!missing)
			printf("  not implemented yet:");
		printf("%s %s", missing % 4 ? "" : "\n   ", name);
		missing++;
	}
	fclose(f);
	dlclose(h);
	if (missing)
		printf("\n");
	printf("  %d API functions: %d exported with the right version, %d not implemented yet, %d with a wrong version\n",
	       total, total - missing - wrong, missing, wrong);
	ASSERT_GT(total, 300);
	ASSERT_EQ(wrong, 0);
	/* the whole API list is implemented: a missing symbol is a regression */
	ASSERT_EQ(missing, 0);
}

/*
 * Offsets of the <bpf/bpf.h> option structs as libbpf 1.8 lays them out on
 * LP64: a binary built against the reference header passes these bytes.
 */
#define AT(type, field, off) ASSERT_EQ(offsetof(struct type, field), off)
#define SIZE(type, n) ASSERT_EQ(sizeof(struct type), n)

TEST(abi_bpf_h_layouts)
{
	if (sizeof(void *) != 8)
		TEST_SKIP("offsets below are for LP64");

	AT(bpf_map_create_opts, btf_fd, 8);
	AT(bpf_map_create_opts, inner_map_fd, 24);
	AT(bpf_map_create_opts, map_extra, 32);
	AT(bpf_map_create_opts, map_ifindex, 44);
	AT(bpf_map_create_opts, value_type_btf_obj_fd, 48);
	AT(bpf_map_create_opts, token_fd, 52);
	AT(bpf_map_create_opts, excl_prog_hash, 56);
	AT(bpf_map_create_opts, excl_prog_hash_size, 64);
	AT(bpf_map_create_opts, log_opts, 72);
	SIZE(bpf_map_create_opts, 80);
	AT(bpf_log_opts, buf, 8);
	AT(bpf_log_opts, true_size, 24);
	SIZE(bpf_log_opts, 32);

	AT(bpf_prog_load_opts, attempts, 8);
	AT(bpf_prog_load_opts, expected_attach_type, 12);
	AT(bpf_prog_load_opts, attach_btf_obj_fd, 40);
	AT(bpf_prog_load_opts, fd_array, 48);
	AT(bpf_prog_load_opts, func_info, 56);
	AT(bpf_prog_load_opts, line_info, 72);
	AT(bpf_prog_load_opts, log_level, 88);
	AT(bpf_prog_load_opts, log_buf, 96);
	AT(bpf_prog_load_opts, log_true_size, 104);
	AT(bpf_prog_load_opts, token_fd, 108);
	AT(bpf_prog_load_opts, fd_array_cnt, 112);
	SIZE(bpf_prog_load_opts, 120);

	AT(bpf_btf_load_opts, log_buf, 8);
	AT(bpf_btf_load_opts, log_level, 16);
	AT(bpf_btf_load_opts, log_true_size, 24);
	AT(bpf_btf_load_opts, token_fd, 32);
	SIZE(bpf_btf_load_opts, 40);

	AT(bpf_map_batch_opts, flags, 16);
	SIZE(bpf_map_batch_opts, 24);
	AT(bpf_obj_pin_opts, path_fd, 12);
	SIZE(bpf_obj_pin_opts, 16);
	AT(bpf_obj_get_opts, path_fd, 12);
	SIZE(bpf_obj_get_opts, 16);

	AT(bpf_prog_attach_opts, replace_prog_fd, 12);
	AT(bpf_prog_attach_opts, replace_fd, 12);
	AT(bpf_prog_attach_opts, relative_id, 20);
	AT(bpf_prog_attach_opts, expected_revision, 24);
	SIZE(bpf_prog_attach_opts, 32);
	AT(bpf_prog_detach_opts, relative_fd, 12);
	AT(bpf_prog_detach_opts, expected_revision, 24);
	SIZE(bpf_prog_detach_opts, 32);

	AT(bpf_link_create_opts, iter_info, 16);
	AT(bpf_link_create_opts, iter_info_len, 24);
	AT(bpf_link_create_opts, target_btf_id, 28);
	AT(bpf_link_create_opts, perf_event.bpf_cookie, 32);
	AT(bpf_link_create_opts, kprobe_multi.cookies, 56);
	AT(bpf_link_create_opts, uprobe_multi.pid, 72);
	AT(bpf_link_create_opts, uprobe_multi.path_fd, 76);
	AT(bpf_link_create_opts, netfilter.flags, 44);
	AT(bpf_link_create_opts, tcx.expected_revision, 40);
	AT(bpf_link_create_opts, cgroup.relative_id, 36);
	SIZE(bpf_link_create_opts, 80);
	AT(bpf_link_update_opts, old_map_fd, 16);
	SIZE(bpf_link_update_opts, 24);

	AT(bpf_get_fd_by_id_opts, token_fd, 12);
	SIZE(bpf_get_fd_by_id_opts, 16);
	AT(bpf_prog_query_opts, prog_ids, 16);
	AT(bpf_prog_query_opts, prog_cnt, 24);
	AT(bpf_prog_query_opts, count, 24);
	AT(bpf_prog_query_opts, prog_attach_flags, 32);
	AT(bpf_prog_query_opts, revision, 56);
	SIZE(bpf_prog_query_opts, 64);
	AT(bpf_raw_tp_opts, cookie, 16);
	SIZE(bpf_raw_tp_opts, 24);
	SIZE(bpf_prog_bind_opts, 16);

	AT(bpf_test_run_opts, data_size_in, 24);
	AT(bpf_test_run_opts, ctx_in, 32);
	AT(bpf_test_run_opts, retval, 56);
	AT(bpf_test_run_opts, repeat, 60);
	AT(bpf_test_run_opts, batch_size, 76);
	SIZE(bpf_test_run_opts, 80);

	SIZE(bpf_token_create_opts, 16);
	SIZE(bpf_prog_stream_read_opts, 8);
	AT(bpf_prog_assoc_struct_ops_opts, flags, 8);
	SIZE(bpf_prog_assoc_struct_ops_opts, 16);
}
