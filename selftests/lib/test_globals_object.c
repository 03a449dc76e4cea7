// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Global data: .data/.rodata/.bss and custom sections through the mmap. */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <linux/bpf.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "test.h"

TEST(globals_maps_collected)
{
	struct bpf_object *obj;
	struct bpf_map *m;
	size_t sz;
	int *p;

	obj = bpf_object__open_file(test_prog_path("obj_globals.bpf.o"), NULL);
	ASSERT_PTR(obj);
	m = bpf_object__find_map_by_name(obj, ".data");
	ASSERT_PTR(m);
	ASSERT_TRUE(bpf_map__is_internal(m));
	ASSERT_STREQ(bpf_map__name(m), "obj_global.data");
	ASSERT_EQ(bpf_map__type(m), BPF_MAP_TYPE_ARRAY);
	ASSERT_EQ(bpf_map__max_entries(m), 1);
	ASSERT_TRUE(bpf_map__map_flags(m) & BPF_F_MMAPABLE);
	p = bpf_map__initial_value(m, &sz);
	ASSERT_PTR(p);
	ASSERT_EQ(sz, bpf_map__value_size(m));

	m = bpf_object__find_map_by_name(obj, ".rodata");
	ASSERT_PTR(m);
	ASSERT_TRUE(bpf_map__map_flags(m) & BPF_F_RDONLY_PROG);
	m = bpf_object__find_map_by_name(obj, ".data.custom");
	ASSERT_PTR(m);
	ASSERT_STREQ(bpf_map__name(m), ".data.custom");
	p = bpf_map__initial_value(m, &sz);
	ASSERT_EQ(sz, 4);
	ASSERT_EQ(*p, 3);
	ASSERT_PTR(bpf_object__find_map_by_name(obj, ".rodata.custom"));
	ASSERT_PTR(bpf_object__find_map_by_name(obj, ".bss"));
	ASSERT_ERR(bpf_map__set_initial_value(m, p, 8), -EINVAL);
	bpf_object__close(obj);
}

TEST(globals_read_write_through_mmap)
{
	struct bpf_object *obj;
	struct bpf_map *data, *ro, *bss, *cd, *cro;
	const int *rop;
	int *dp, *bp, *cdp, *crop, new_ro = 1000, fd;
	LIBBPF_OPTS(bpf_test_run_opts, topts);
	size_t sz;

	obj = bpf_object__open_file(test_prog_path("obj_globals.bpf.o"), NULL);
	ASSERT_PTR(obj);
	data = bpf_object__find_map_by_name(obj, ".data");
	ro = bpf_object__find_map_by_name(obj, ".rodata");
	bss = bpf_object__find_map_by_name(obj, ".bss");
	cd = bpf_object__find_map_by_name(obj, ".data.custom");
	cro = bpf_object__find_map_by_name(obj, ".rodata.custom");
	/* change rodata before load, as a skeleton would */
	ASSERT_OK(bpf_map__set_initial_value(ro, &new_ro, sizeof(new_ro)));
	crop = bpf_map__initial_value(cro, &sz);
	*crop = 2000;
	dp = bpf_map__initial_value(data, &sz);
	ASSERT_EQ(dp[0], 5);
	ASSERT_OK(bpf_object__load(obj));

	/* same addresses, now the kernel's memory */
	ASSERT_TRUE(bpf_map__initial_value(data, &sz) == dp);
	bp = bpf_map__initial_value(bss, &sz);
	cdp = bpf_map__initial_value(cd, &sz);
	rop = bpf_map__initial_value(ro, &sz);
	ASSERT_EQ(*rop, 1000);
	fd = bpf_program__fd(bpf_object__find_program_by_name(obj, "touch_globals"));
	ASSERT_OK(bpf_prog_test_run_opts(fd, &topts));
	/* bss_var = 5 + 1000 + 2000 + 1 */
	ASSERT_EQ(topts.retval, 3006);
	ASSERT_EQ(dp[0], 100);
	ASSERT_EQ(*cdp, 6);
	/* user space writes are seen by the program */
	dp[0] = 10;
	ASSERT_OK(bpf_prog_test_run_opts(fd, &topts));
	ASSERT_EQ(topts.retval, 10 + 1000 + 2000 + 2);
	{
		int found = 0;

		for (size_t i = 0; i < bpf_map__value_size(bss) / sizeof(int); i++)
			if (bp[i] == 3012)
				found = 1;
		ASSERT_TRUE(found);
	}
	/* .rodata is frozen: the kernel refuses updates */
	ASSERT_NE(bpf_map_update_elem(bpf_map__fd(ro), &(int){0}, &new_ro, 0), 0);
	bpf_object__close(obj);
}

TEST(globals_value_size_resize)
{
	struct bpf_object *obj;
	struct bpf_map *data;
	size_t sz;
	int *p;

	obj = bpf_object__open_file(test_prog_path("obj_globals.bpf.o"), NULL);
	ASSERT_PTR(obj);
	data = bpf_object__find_map_by_name(obj, ".data");
	ASSERT_OK(bpf_map__set_value_size(data, 8192));
	p = bpf_map__initial_value(data, &sz);
	ASSERT_EQ(sz, 8192);
	ASSERT_EQ(p[0], 5);
	p[2000] = 1;
	ASSERT_OK(bpf_object__load(obj));
	ASSERT_EQ(bpf_map__value_size(data), 8192);
	bpf_object__close(obj);
}

TEST(globals_string_literals)
{
	struct bpf_object *obj;
	struct bpf_program *orphan;
	struct bpf_map *m;
	const char *copied;
	size_t sz;
	int fd;

	obj = bpf_object__open_file(test_prog_path("obj_strings.bpf.o"), NULL);
	ASSERT_PTR(obj);
	orphan = bpf_object__find_program_by_name(obj, "orphan");
	ASSERT_PTR(orphan);
	ASSERT_EQ(bpf_program__type(orphan), BPF_PROG_TYPE_UNSPEC);
	ASSERT_OK(bpf_program__set_autoload(orphan, false));
	m = bpf_object__find_map_by_name(obj, ".rodata.str1.1");
	ASSERT_PTR(m);
	ASSERT_FALSE(bpf_map__map_flags(m) & BPF_F_MMAPABLE);
	ASSERT_OK(bpf_object__load(obj));
	fd = bpf_program__fd(bpf_object__find_program_by_name(obj, "strings"));
	ASSERT_OK(bpf_prog_test_run_opts(fd, NULL));
	m = bpf_object__find_map_by_name(obj, ".bss");
	copied = bpf_map__initial_value(m, &sz);
	ASSERT_STREQ(copied, "bpfkit string literal");
	bpf_object__close(obj);
}

TEST(globals_unknown_section_refused_at_load)
{
	struct bpf_object *obj;

	obj = bpf_object__open_file(test_prog_path("obj_strings.bpf.o"), NULL);
	ASSERT_PTR(obj);
	ASSERT_ERR(bpf_object__load(obj), -EINVAL);
	ASSERT_LOG("prog 'orphan': missing BPF prog type, check ELF section name 'unknown_section_kind'");
	bpf_object__close(obj);
}
