/* Every header of include/uapi/linux, included together: they must build
 * cleanly as C, as C++ and for the BPF target. */
#include <linux/bpf_common.h>
#include <linux/bpf.h>
#include <linux/btf.h>
#include <linux/netdev.h>
#include <linux/if_xdp.h>
#include <linux/perf_event.h>
#include <linux/if_link.h>
#include <linux/pkt_cls.h>

int main(void)
{
	struct bpf_insn insn;
	union bpf_attr attr;

	__builtin_memset(&insn, 0, sizeof(insn));
	__builtin_memset(&attr, 0, sizeof(attr));
	insn.code = BPF_JMP | BPF_EXIT;
	attr.prog_type = BPF_PROG_TYPE_XDP;

	/* a few facts whose change would break every user */
	if (sizeof(insn) != 8 || BPF_FUNC_cgrp_storage_delete != 211)
		return 1;
	if (IFLA_XDP_EXPECTED_FD != 8 || TCA_BPF_FLAGS_GEN != 9 ||
	    NETKIT_REDIRECT != TC_ACT_REDIRECT)
		return 1;
	return attr.prog_type == BPF_PROG_TYPE_XDP ? 0 : 1;
}
