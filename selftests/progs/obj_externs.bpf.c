// SPDX-License-Identifier: GPL-2.0
/* Kconfig and ksym externs, and a weak one nobody defines. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern unsigned int LINUX_KERNEL_VERSION __kconfig;
extern int CONFIG_HZ __kconfig;
extern _Bool CONFIG_BPF_SYSCALL __kconfig;
extern enum libbpf_tristate CONFIG_BPF_JIT __kconfig __weak;
extern char CONFIG_LOCALVERSION[16] __kconfig __weak;
extern int CONFIG_BPFKIT_NO_SUCH_OPTION __kconfig __weak;
extern int CONFIG_BPFKIT_EXTRA __kconfig __weak;
extern const void _stext __ksym;
extern const void bpfkit_no_such_ksym __ksym __weak;

__u64 out_version;
int out_hz;
int out_syscall;
int out_jit;
int out_missing = -1;
int out_extra;
__u64 out_fops;
__u64 out_nosym = 1;

SEC("syscall")
int read_externs(void *ctx)
{
	out_version = LINUX_KERNEL_VERSION;
	out_hz = CONFIG_HZ;
	out_syscall = CONFIG_BPF_SYSCALL;
	out_jit = CONFIG_BPF_JIT;
	out_missing = CONFIG_BPFKIT_NO_SUCH_OPTION;
	out_extra = CONFIG_BPFKIT_EXTRA;
	out_fops = (__u64)&_stext;
	out_nosym = (__u64)&bpfkit_no_such_ksym;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
