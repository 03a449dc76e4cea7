// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * CO-RE relocations of every kind, one per section so that the tests can
 * find each record by its section name.  The types are local declarations
 * marked preserve_access_index; the tests relocate them against synthetic
 * target BTFs and against the running kernel's.
 */
#define SEC(name) __attribute__((section(name), used))
#define CORE __attribute__((preserve_access_index))

struct core_sample {
	int a;
	long b;
	struct {
		int c;
		union {
			short d;
			int d2;
		};
	};
	unsigned int bf1 : 3;
	unsigned int bf2 : 10;
	int bf3 : 5;
	int arr[4];
	struct core_sample *next;
	unsigned int cnt;
} CORE;

struct core_sample___v2 {
	int a;
	int gone;
} CORE;

enum core_enum { CORE_ONE = 1, CORE_TWO = 2, CORE_NEG = -3 };
enum core_enum64 { CORE_BIG = 0x100000000ULL, CORE_SMALL = 5 };

typedef struct core_sample core_sample_t;

struct task_struct {
	int pid;
	int tgid;
	struct task_struct *real_parent;
	char comm[16];
} CORE;


SEC("core/off_a") int off_a(struct core_sample *s)
{
	return __builtin_preserve_field_info(s->a, 0);
}

SEC("core/off_c") int off_c(struct core_sample *s)
{
	return __builtin_preserve_field_info(s->c, 0);
}

SEC("core/off_d") int off_d(struct core_sample *s)
{
	return __builtin_preserve_field_info(s->d, 0);
}

SEC("core/off_arr2") int off_arr2(struct core_sample *s)
{
	return __builtin_preserve_field_info(s->arr[2], 0);
}

SEC("core/size_b") int size_b(struct core_sample *s)
{
	return __builtin_preserve_field_info(s->b, 1);
}

SEC("core/exists_gone") int exists_gone(struct core_sample___v2 *s)
{
	return __builtin_preserve_field_info(s->gone, 2);
}

SEC("core/signed_bf3") int signed_bf3(struct core_sample *s)
{
	return __builtin_preserve_field_info(s->bf3, 3);
}

SEC("core/lshift_bf2") int lshift_bf2(struct core_sample *s)
{
	return __builtin_preserve_field_info(s->bf2, 4);
}

SEC("core/rshift_bf2") int rshift_bf2(struct core_sample *s)
{
	return __builtin_preserve_field_info(s->bf2, 5);
}

SEC("core/ldx_b") long ldx_b(struct core_sample *s)
{
	return s->b;
}

SEC("core/ldx_cnt") long ldx_cnt(struct core_sample *s)
{
	return s->cnt;
}

SEC("core/type_id_local") long type_id_local(void *ctx)
{
	return __builtin_btf_type_id(*(struct core_sample *)0, 0);
}

SEC("core/type_id_target") long type_id_target(void *ctx)
{
	return __builtin_btf_type_id(*(struct core_sample *)0, 1);
}

SEC("core/type_exists") int type_exists(void *ctx)
{
	return __builtin_preserve_type_info(*(struct core_sample *)0, 0);
}

SEC("core/type_size") int type_size(void *ctx)
{
	return __builtin_preserve_type_info(*(core_sample_t *)0, 1);
}

SEC("core/enum_exists") int enum_exists(void *ctx)
{
	return __builtin_preserve_enum_value(*(enum core_enum *)CORE_TWO, 0);
}

SEC("core/enum_value") int enum_value(void *ctx)
{
	return __builtin_preserve_enum_value(*(enum core_enum *)CORE_TWO, 1);
}

SEC("core/enum_neg") int enum_neg(void *ctx)
{
	return __builtin_preserve_enum_value(*(enum core_enum *)CORE_NEG, 1);
}

SEC("core/enum64_value") long enum64_value(void *ctx)
{
	return __builtin_preserve_enum_value(*(enum core_enum64 *)CORE_BIG, 1);
}

SEC("core/task") long task(struct task_struct *t)
{
	return t->pid + t->real_parent->tgid + t->comm[1];
}

char LICENSE[] SEC("license") = "GPL";
