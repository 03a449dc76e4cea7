/* Stand-in for s390 <asm/ptrace.h>: only what bpf_tracing.h uses. */
typedef struct {
	unsigned long mask;
	unsigned long addr;
} psw_t;
typedef struct {
	psw_t psw;
	unsigned long gprs[16];
	unsigned int acrs[16];
	unsigned long orig_gpr2;
} user_pt_regs;
