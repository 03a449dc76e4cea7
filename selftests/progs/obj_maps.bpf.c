// SPDX-License-Identifier: GPL-2.0
/* Every map kind the object loader creates, used from one XDP program. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u64);
} hash_map SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} array_map SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u32);
} percpu_map SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 8);
	__uint(key_size, 4);
	__uint(value_size, 8);
} lru_map SEC(".maps");

struct lpm_key {
	__u32 prefixlen;
	__u32 addr;
};

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__uint(max_entries, 8);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, struct lpm_key);
	__type(value, __u32);
} lpm_map SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 5000);	/* rounded up to a power-of-2 of pages */
} ring SEC(".maps");

struct inner {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
};

struct inner inner_a SEC(".maps"), inner_b SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 3);
	__type(key, __u32);
	__array(values, struct inner);
} outer_arr SEC(".maps") = {
	.values = { [0] = &inner_a, [2] = &inner_b },
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH_OF_MAPS);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, struct inner);
} outer_hash SEC(".maps");

int tail_target(struct xdp_md *ctx);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, int (void *));
} jmp_table SEC(".maps") = {
	.values = { [1] = (void *)&tail_target },
};

SEC("xdp")
int tail_target(struct xdp_md *ctx)
{
	__u32 k = 3;
	__u64 v = 0x7a11;

	bpf_map_update_elem(&array_map, &k, &v, BPF_ANY);
	return XDP_TX;
}

SEC("xdp")
int use_maps(struct xdp_md *ctx)
{
	__u32 k = 1, *pv;
	__u64 v = 42, *p;
	struct lpm_key lk = { .prefixlen = 32, .addr = 0x0100000a };
	void *inner;

	bpf_map_update_elem(&hash_map, &k, &v, BPF_ANY);
	p = bpf_map_lookup_elem(&array_map, &k);
	if (p)
		*p = 7;
	pv = bpf_map_lookup_elem(&percpu_map, &k);
	if (pv)
		*pv += 1;
	bpf_map_update_elem(&lru_map, &k, &v, BPF_ANY);
	pv = bpf_map_lookup_elem(&lpm_map, &lk);
	if (pv) {
		v = *pv;
		bpf_map_update_elem(&hash_map, &k, &v, BPF_ANY);
	}
	inner = bpf_map_lookup_elem(&outer_arr, &(__u32){ 2 });
	if (inner) {
		__u32 zero = 0, val = 99;

		bpf_map_update_elem(inner, &zero, &val, BPF_ANY);
	}
	inner = bpf_map_lookup_elem(&outer_hash, &k);
	if (inner) {
		__u32 zero = 0;

		pv = bpf_map_lookup_elem(inner, &zero);
		if (pv)
			*pv = 5;
	}
	bpf_ringbuf_output(&ring, &v, sizeof(v), 0);
	bpf_tail_call(ctx, &jmp_table, 1);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
