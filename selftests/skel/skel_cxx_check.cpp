// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Compile-only check: the generated skeleton and subskeleton headers build
 * as C++ with -Wall -Wextra -Werror, and their C++ wrappers are usable.
 */
#include "skel_test_types.h"
#include "skel_test.skel.h"
#include "skel_test_sub.skel.h"

int skel_cxx_check_use(void);

int skel_cxx_check_use(void)
{
	struct skel_test *skel = skel_test::open();
	size_t sz = 0;
	int err;

	if (!skel)
		return -1;
	skel_test::elf_bytes(&sz);
	err = skel_test::load(skel);
	if (!err)
		err = skel_test::attach(skel);
	if (!err) {
		struct skel_test_sub *sub = skel_test_sub::open(skel->obj);

		if (sub && *sub->bss.calls != skel->bss->calls)
			err = -1;
		skel_test_sub::destroy(sub);
		skel_test::detach(skel);
	}
	skel_test::destroy(skel);
	skel = skel_test::open_and_load();
	skel_test::destroy(skel);
	return err;
}
