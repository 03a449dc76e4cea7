/* Stand-in for arm64 <asm/ptrace.h>: only what bpf_tracing.h uses. */
#include <linux/types.h>
struct user_pt_regs {
	__u64 regs[31];
	__u64 sp;
	__u64 pc;
	__u64 pstate;
};
