// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* struct_ops maps from SEC(".struct_ops.link") variables. */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <linux/bpf.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "object/struct_ops.h"
#include "test.h"

TEST(struct_ops_map_collected)
{
	struct bpf_object *obj;
	struct bpf_map *map;
	struct bpf_program *prog;
	const char *data;
	size_t sz;
	int err;

	obj = bpf_object__open_file(test_prog_path("obj_struct_ops.bpf.o"), NULL);
	ASSERT_PTR(obj);
	map = bpf_object__find_map_by_name(obj, "bpfkit_cc");
	ASSERT_PTR(map);
	ASSERT_TRUE(obj_map_is_struct_ops(map));
	ASSERT_FALSE(bpf_map__is_internal(map));
	ASSERT_GT(bpf_map__btf_value_type_id(map), 0);
	ASSERT_EQ(bpf_map__type(map), BPF_MAP_TYPE_STRUCT_OPS);
	ASSERT_TRUE(bpf_map__map_flags(map) & BPF_F_LINK);
	ASSERT_GT(bpf_map__value_size(map), 0);
	data = bpf_map__initial_value(map, &sz);
	ASSERT_PTR(data);
	ASSERT_STREQ(data + sz - 16, "bpfkit_cc");
	ASSERT_TRUE(obj_map_struct_ops_value(map, &sz) == NULL);
	ASSERT_OK(bpf_map__set_autoattach(map, false));
	ASSERT_FALSE(bpf_map__autoattach(map));

	prog = bpf_object__find_program_by_name(obj, "bpfkit_ssthresh");
	ASSERT_EQ(bpf_program__type(prog), BPF_PROG_TYPE_STRUCT_OPS);
	ASSERT_TRUE(bpf_program__autoload(prog));
	prog = bpf_object__find_program_by_name(obj, "bpfkit_unused");
	ASSERT_FALSE(bpf_program__autoload(prog));

	err = bpf_object__load(obj);
	if (err) {
		/* kernels refusing trampolines refuse struct_ops programs */
		ASSERT_LOG("prog 'bpfkit_");
	} else {
		ASSERT_FD(bpf_map__fd(map));
		const void *val = obj_map_struct_ops_value(map, &sz);
		int zero = 0, link_fd;

		ASSERT_PTR(val);
		ASSERT_EQ(sz, bpf_map__value_size(map));
		/* the value registers: the kernel accepts our wrapper */
		ASSERT_OK(bpf_map_update_elem(bpf_map__fd(map), &zero, val, 0));
		link_fd = bpf_link_create(bpf_map__fd(map), 0, BPF_STRUCT_OPS, NULL);
		ASSERT_FD(link_fd);
		close(link_fd);
	}
	bpf_object__close(obj);
}
