// SPDX-License-Identifier: GPL-2.0
/*
 * A program of no kind the library knows (its section names none): a
 * light skeleton of it must be refused with an error, and no header
 * written (selftests/bpftool/gen_light.bats).
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

int lskelgen_bad_hits;

SEC("lskelgen_no_such_kind")
int lskelgen_bad(void *ctx)
{
	lskelgen_bad_hits++;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
