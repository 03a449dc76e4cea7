// SPDX-License-Identifier: GPL-2.0
/* String literals (.rodata.str1.1) and bpf_printk(), no .maps at all. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char copied[32];

SEC("syscall")
int strings(void *ctx)
{
	const char *s = "bpfkit string literal";
	int i;

	bpf_printk("strings: %d", 42);
	for (i = 0; i < 21 && i < (int)sizeof(copied) - 1; i++)
		copied[i] = s[i];
	return 0;
}

SEC("unknown_section_kind")
int orphan(void *ctx)
{
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
