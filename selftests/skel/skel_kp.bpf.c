// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A kprobe among attachable programs: on kernels without kprobes the
 * skeleton's attach must fail loudly rather than skip it.
 */
#include <linux/bpf.h>
#define SEC(name) __attribute__((section(name), used))

int kp_hits;

SEC("kprobe/do_nanosleep")
int kp_prog(void *ctx)
{
	kp_hits++;
	return 0;
}

char _license[] SEC("license") = "GPL";
