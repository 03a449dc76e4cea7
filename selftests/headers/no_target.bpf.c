// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Built without -D__TARGET_ARCH_*: using PT_REGS_* must fail, saying why. */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#ifdef bpf_target_defined
#error "a target was picked without __TARGET_ARCH_*"
#endif

struct pt_regs;

SEC("kprobe/f")
int no_target(struct pt_regs *ctx)
{
	return PT_REGS_PARM1(ctx);
}
