// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Built without -g: global data whose layout no BTF describes. */
#define SEC(name) __attribute__((section(name), used))

int counter;

SEC("socket")
int nobtf_prog(void *skb)
{
	return counter++;
}

char _license[] SEC("license") = "GPL";
