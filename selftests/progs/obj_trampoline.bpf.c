// SPDX-License-Identifier: GPL-2.0
/* Trampoline programs (refused by some kernels) and a bad attach target. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("fentry/do_unlinkat")
int on_unlink(unsigned long long *ctx) { return 0; }

SEC("fexit/do_unlinkat")
int on_unlink_exit(unsigned long long *ctx) { return 0; }

SEC("lsm/file_open")
int on_file_open(unsigned long long *ctx) { return 0; }

SEC("kprobe/do_unlinkat")
int on_kprobe(void *ctx) { return 0; }

SEC("fentry/bpfkit_no_such_function")
int on_nothing(unsigned long long *ctx) { return 0; }

char LICENSE[] SEC("license") = "GPL";
