// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Map definition keys that need loader support beyond __uint/__type:
 * __ulong (a 64-bit value as an enumerator), used for map_extra.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

/* Bloom filter with 3 hash functions (map_extra low 4 bits). */
struct {
	__uint(type, BPF_MAP_TYPE_BLOOM_FILTER);
	__uint(max_entries, 64);
	__type(value, __u32);
	__ulong(map_extra, 3);
} hdr_bloom SEC(".maps");

/* A value that does not fit __uint()'s int-sized array dimension. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
	__ulong(map_extra, 0);
} hdr_ulong_zero SEC(".maps");

SEC("tp/syscalls/sys_enter_getpid")
int hdr_maps_prog(void *ctx)
{
	__u32 v = 7;

	bpf_map_push_elem(&hdr_bloom, &v, 0);
	return bpf_map_peek_elem(&hdr_bloom, &v) == 0;
}
