/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Types shared by skel_test.bpf.c and the C/C++ code using its skeleton. */
#ifndef SKEL_TEST_TYPES_H
#define SKEL_TEST_TYPES_H

struct skel_point {
	int x;
	long long y;
};

#endif
