// SPDX-License-Identifier: GPL-2.0
/*
 * Maps of many shapes with BTF, for `bpftool map dump` and `btf dump map`:
 * structs with bitfields, unions, enums, arrays, chars, pointers, floats,
 * per-CPU values, global data sections, queue/stack, prog and map arrays.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

enum color { RED, GREEN = 5, BLUE = -1 };

struct inner {
	unsigned char tag[4];
	short s;
};

struct bt_key {
	unsigned int id;
	char name[6];
};

typedef unsigned long long u64_t;

struct bt_val {
	int a;
	unsigned int flags : 3;
	unsigned int mode : 5;
	int neg : 4;
	enum color col;
	struct inner in;
	union {
		int i;
		char c[4];
	} u;
	u64_t big;
	void *ptr;
	float f;
	double d;
	_Bool ok;
	char str[8];
	int arr[3];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8);
	__type(key, struct bt_key);
	__type(value, struct bt_val);
} bt_hash SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 3);
	__type(key, int);
	__type(value, long);
} bt_array SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} bt_pcpu SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_QUEUE);
	__uint(max_entries, 4);
	__type(value, __u32);
} bt_queue SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_STACK);
	__uint(max_entries, 4);
	__type(value, __u64);
} bt_stack SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u32);
} bt_progs SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(int));
	__uint(value_size, sizeof(int));
} bt_events SEC(".maps");

enum big_enum { SMALL = 1, HUGE = 0x100000000ULL };

struct wide {
	unsigned __int128 u128;
	enum big_enum e;
	signed char sc;
	unsigned char uc;
	int bf24 : 24;
	unsigned long long bf40 : 40;
	const volatile short cv;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 2);
	__type(key, int);
	__type(value, struct wide);
} bt_wide SEC(".maps");

int glob = 3;
const volatile char ro_str[6] = "hello";
unsigned long long bss_counter;
struct inner bss_inner;

SEC("socket")
int bt_prog(struct __sk_buff *skb)
{
	struct bt_key k = {};
	struct bt_val *v;
	__u64 x = 9;

	v = bpf_map_lookup_elem(&bt_hash, &k);
	if (v)
		glob += v->a;
	bss_counter += ro_str[0];
	bss_inner.s++;
	bpf_map_push_elem(&bt_stack, &x, 0);
	bpf_tail_call(skb, &bt_progs, 0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
