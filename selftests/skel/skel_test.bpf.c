// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The object behind the generated skeleton tests: one map, one auto-
 * attachable program, one program without auto-attach, and globals in
 * .bss, .data, .rodata and a custom .data.custom section, with a static
 * variable leaving a hole the skeleton must pad.
 */
#include <linux/bpf.h>
#if __has_include(<bpf/bpf_helpers.h>)
#include <bpf/bpf_helpers.h>
#else
#define SEC(name) __attribute__((section(name), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
static __u64 (*bpf_get_current_pid_tgid)(void) = (void *)BPF_FUNC_get_current_pid_tgid;
#endif
#include "skel_test_types.h"

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} counters SEC(".maps");

/* .bss */
int calls;
char tail_buf[3];
struct skel_point where;

/* .data: 'hidden' is static, so 'after_hidden' needs explicit padding */
__u64 big = 0x1122334455667788ULL;
static int hidden = 7;
int after_hidden = 9;
char greeting[6] = "hello";
struct skel_point origin = { .x = 3, .y = -4 };

/* .rodata */
const volatile int target_pid = 0;
const volatile __u8 flag = 1;

/* custom data section */
int custom_val SEC(".data.custom") = 42;

char _license[] SEC("license") = "GPL";

SEC("tracepoint/syscalls/sys_enter_getpgid")
int handle_getpgid(void *ctx)
{
	int pid = bpf_get_current_pid_tgid() >> 32;

	if (pid != target_pid)
		return 0;
	calls++;
	hidden++;
	tail_buf[0] = 'x';
	where.x = custom_val + after_hidden;
	where.y = big;
	return 0;
}

SEC("socket")
int sock_prog(void *skb)
{
	return flag + greeting[0] + origin.x + hidden;
}
