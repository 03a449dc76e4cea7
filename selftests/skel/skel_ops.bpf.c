// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A struct_ops map for the skeleton's typed "shadow" view: function
 * pointers, scalars, and a member type the view leaves opaque.  Only
 * generated and opened by the tests, never loaded (no such kernel ops).
 */
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))

struct skel_ops {
	int (*init)(void);
	int flags;
	void (*release)(int x);
	char name[16];
	unsigned long long cookie;
};

SEC("struct_ops/skel_init")
int skel_init(void *ctx)
{
	return 0;
}

SEC("struct_ops/skel_release")
int skel_release(void *ctx)
{
	return 0;
}

SEC(".struct_ops.link")
struct skel_ops my_ops = {
	.init = (void *)skel_init,
	.flags = 5,
	.release = (void *)skel_release,
	.cookie = 77,
};

char _license[] SEC("license") = "GPL";
