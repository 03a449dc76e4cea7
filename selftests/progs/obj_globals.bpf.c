// SPDX-License-Identifier: GPL-2.0
/* Global data of every kind, read and written by a syscall program. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

int data_var = 5;			/* .data */
const volatile int rodata_var = 11;	/* .rodata */
int bss_var;				/* .bss */
int custom_data SEC(".data.custom") = 3;
const volatile int custom_ro SEC(".rodata.custom") = 17;
static int static_counter;		/* .bss too, static */
char msg[16] = "hello";

SEC("syscall")
int touch_globals(void *ctx)
{
	static_counter++;
	bss_var = data_var + rodata_var + custom_ro + static_counter;
	data_var = 100;
	custom_data *= 2;
	msg[0] = 'H';
	return bss_var;
}

char LICENSE[] SEC("license") = "GPL";
