/* Stand-in for loongarch <asm/ptrace.h>: only what bpf_tracing.h uses. */
struct user_pt_regs {
	unsigned long regs[32];
	unsigned long orig_a0;
	unsigned long csr_era;
	unsigned long csr_badv;
	unsigned long reserved[10];
};
