// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Writing BTF: every btf__add_*(), strings, copying between objects,
 * round trips through the raw image, modifying a parsed BTF, and the
 * argument checks of each adder.
 */
#include <stdlib.h>
#include <linux/btf.h>
#include <bpf/btf.h>

#include "btf/btf_internal.h"
#include "test.h"

/* Ids of the types build_all() makes. */
enum {
	T_INT = 1, T_CHAR, T_FLOAT, T_PTR, T_ARR, T_STRUCT, T_UNION, T_ENUM,
	T_ENUM64, T_FWD_S, T_FWD_U, T_FWD_E, T_TYPEDEF, T_VOL, T_CONST,
	T_RESTRICT, T_TAG, T_ATTR, T_PROTO, T_FUNC, T_VAR, T_DATASEC,
	T_DTAG, T_DATTR, T_COUNT,
};

static int build_all(struct btf *b)
{
	int err = 0;

#define ADD(expect, call) do { int __id = (call); if (__id != (expect)) { \
	test_fail_at(__FILE__, __LINE__, "%s: got %d, want %d", #call, __id, (expect)); \
	return -1; } } while (0)
#define OK(call) do { if ((err = (call))) { \
	test_fail_at(__FILE__, __LINE__, "%s: %d", #call, err); return -1; } } while (0)

	ADD(T_INT, btf__add_int(b, "int", 4, BTF_INT_SIGNED));
	ADD(T_CHAR, btf__add_int(b, "char", 1, BTF_INT_CHAR));
	ADD(T_FLOAT, btf__add_float(b, "double", 8));
	ADD(T_PTR, btf__add_ptr(b, 0));
	ADD(T_ARR, btf__add_array(b, T_INT, T_CHAR, 16));
	ADD(T_STRUCT, btf__add_struct(b, "s", 32));
	OK(btf__add_field(b, "i", T_INT, 0, 0));
	OK(btf__add_field(b, "bits", T_INT, 32, 3));
	OK(btf__add_field(b, "name", T_ARR, 64, 0));
	OK(btf__add_field(b, NULL, T_FLOAT, 192, 0));
	ADD(T_UNION, btf__add_union(b, "u", 8));
	OK(btf__add_field(b, "d", T_FLOAT, 0, 0));
	OK(btf__add_field(b, "i", T_INT, 0, 0));
	ADD(T_ENUM, btf__add_enum(b, "e", 4));
	OK(btf__add_enum_value(b, "A", 1));
	OK(btf__add_enum_value(b, "B", -2));
	ADD(T_ENUM64, btf__add_enum64(b, "e64", 8, false));
	OK(btf__add_enum64_value(b, "BIG", 0xfedcba9876543210ULL));
	ADD(T_FWD_S, btf__add_fwd(b, "fs", BTF_FWD_STRUCT));
	ADD(T_FWD_U, btf__add_fwd(b, "fu", BTF_FWD_UNION));
	ADD(T_FWD_E, btf__add_fwd(b, "fe", BTF_FWD_ENUM));
	ADD(T_TYPEDEF, btf__add_typedef(b, "s_t", T_STRUCT));
	ADD(T_VOL, btf__add_volatile(b, T_INT));
	ADD(T_CONST, btf__add_const(b, T_VOL));
	ADD(T_RESTRICT, btf__add_restrict(b, T_PTR));
	ADD(T_TAG, btf__add_type_tag(b, "user", T_INT));
	ADD(T_ATTR, btf__add_type_attr(b, "aligned", T_INT));
	ADD(T_PROTO, btf__add_func_proto(b, T_INT));
	OK(btf__add_func_param(b, "x", T_INT));
	OK(btf__add_func_param(b, NULL, T_PTR));
	ADD(T_FUNC, btf__add_func(b, "f", BTF_FUNC_GLOBAL, T_PROTO));
	ADD(T_VAR, btf__add_var(b, "v", BTF_VAR_GLOBAL_ALLOCATED, T_INT));
	ADD(T_DATASEC, btf__add_datasec(b, ".data", 4));
	OK(btf__add_datasec_var_info(b, T_VAR, 0, 4));
	ADD(T_DTAG, btf__add_decl_tag(b, "tag", T_STRUCT, 1));
	ADD(T_DATTR, btf__add_decl_attr(b, "attr", T_FUNC, -1));
	return 0;
#undef ADD
#undef OK
}

static void check_all(const struct btf *b)
{
	const struct btf_type *t;

	ASSERT_EQ(btf__type_cnt(b), T_COUNT);
	t = btf__type_by_id(b, T_INT);
	ASSERT_TRUE(btf_is_int(t));
	ASSERT_EQ(btf_int_encoding(t), BTF_INT_SIGNED);
	ASSERT_EQ(btf_int_bits(t), 32);
	ASSERT_EQ(btf_int_offset(t), 0);
	t = btf__type_by_id(b, T_CHAR);
	ASSERT_EQ(btf_int_encoding(t), BTF_INT_CHAR);
	ASSERT_TRUE(btf_is_float(btf__type_by_id(b, T_FLOAT)));
	t = btf__type_by_id(b, T_ARR);
	ASSERT_EQ(btf_array(t)->nelems, 16);
	ASSERT_EQ(btf_array(t)->type, T_CHAR);
	ASSERT_EQ(btf_array(t)->index_type, T_INT);
	ASSERT_EQ(btf__resolve_size(b, T_ARR), 16);

	t = btf__type_by_id(b, T_STRUCT);
	ASSERT_TRUE(btf_is_struct(t) && btf_is_composite(t));
	ASSERT_EQ(btf_vlen(t), 4);
	ASSERT_TRUE(btf_kflag(t));
	ASSERT_EQ(btf_member_bit_offset(t, 1), 32);
	ASSERT_EQ(btf_member_bitfield_size(t, 1), 3);
	ASSERT_EQ(btf_member_bit_offset(t, 2), 64);
	ASSERT_EQ(btf_member_bitfield_size(t, 2), 0);
	ASSERT_STREQ(btf__name_by_offset(b, btf_members(t)[2].name_off), "name");
	ASSERT_EQ(btf_members(t)[3].name_off, 0);
	ASSERT_EQ(btf__align_of(b, T_STRUCT), 8);
	ASSERT_EQ(btf__resolve_size(b, T_TYPEDEF), 32);

	t = btf__type_by_id(b, T_UNION);
	ASSERT_TRUE(btf_is_union(t));
	ASSERT_FALSE(btf_kflag(t));

	t = btf__type_by_id(b, T_ENUM);
	ASSERT_TRUE(btf_is_enum(t) && btf_is_any_enum(t));
	ASSERT_TRUE(btf_kflag(t));	/* a negative value made it signed */
	ASSERT_EQ(btf_enum(t)[1].val, -2);
	t = btf__type_by_id(b, T_ENUM64);
	ASSERT_TRUE(btf_is_enum64(t));
	ASSERT_EQ(btf_enum64_value(btf_enum64(t)), 0xfedcba9876543210ULL);
	ASSERT_TRUE(btf_kind_core_compat(t, btf__type_by_id(b, T_ENUM)));

	t = btf__type_by_id(b, T_FWD_S);
	ASSERT_TRUE(btf_is_fwd(t) && !btf_kflag(t));
	t = btf__type_by_id(b, T_FWD_U);
	ASSERT_TRUE(btf_is_fwd(t) && btf_kflag(t));
	t = btf__type_by_id(b, T_FWD_E);
	ASSERT_TRUE(btf_is_enum(t) && btf_vlen(t) == 0);

	ASSERT_TRUE(btf_is_typedef(btf__type_by_id(b, T_TYPEDEF)));
	ASSERT_TRUE(btf_is_volatile(btf__type_by_id(b, T_VOL)));
	ASSERT_TRUE(btf_is_const(btf__type_by_id(b, T_CONST)));
	ASSERT_TRUE(btf_is_restrict(btf__type_by_id(b, T_RESTRICT)));
	ASSERT_TRUE(btf_is_mod(btf__type_by_id(b, T_CONST)));
	t = btf__type_by_id(b, T_TAG);
	ASSERT_TRUE(btf_is_type_tag(t) && btf_is_mod(t) && !btf_kflag(t));
	ASSERT_STREQ(btf__name_by_offset(b, t->name_off), "user");
	ASSERT_TRUE(btf_kflag(btf__type_by_id(b, T_ATTR)));
	ASSERT_EQ(btf__resolve_type(b, T_CONST), T_INT);
	ASSERT_EQ(btf__resolve_size(b, T_CONST), 4);

	t = btf__type_by_id(b, T_PROTO);
	ASSERT_TRUE(btf_is_func_proto(t));
	ASSERT_EQ(btf_vlen(t), 2);
	ASSERT_EQ(btf_params(t)[1].type, T_PTR);
	t = btf__type_by_id(b, T_FUNC);
	ASSERT_TRUE(btf_is_func(t));
	ASSERT_EQ(btf_vlen(t), BTF_FUNC_GLOBAL);
	t = btf__type_by_id(b, T_VAR);
	ASSERT_TRUE(btf_is_var(t));
	ASSERT_EQ(btf_var(t)->linkage, BTF_VAR_GLOBAL_ALLOCATED);
	t = btf__type_by_id(b, T_DATASEC);
	ASSERT_TRUE(btf_is_datasec(t));
	ASSERT_EQ(btf_var_secinfos(t)[0].type, T_VAR);
	ASSERT_EQ(btf_var_secinfos(t)[0].size, 4);
	t = btf__type_by_id(b, T_DTAG);
	ASSERT_TRUE(btf_is_decl_tag(t));
	ASSERT_EQ(btf_decl_tag(t)->component_idx, 1);
	t = btf__type_by_id(b, T_DATTR);
	ASSERT_TRUE(btf_kflag(t));
	ASSERT_EQ(btf_decl_tag(t)->component_idx, -1);

	ASSERT_EQ(btf__find_by_name_kind(b, "s", BTF_KIND_STRUCT), T_STRUCT);
	ASSERT_EQ(btf__find_by_name_kind(b, "f", BTF_KIND_FUNC), T_FUNC);
	ASSERT_EQ(btf__find_by_name(b, "s_t"), T_TYPEDEF);
	/* "" finds the first anonymous type (of the kind), like a scan */
	ASSERT_EQ(btf__find_by_name_kind(b, "", BTF_KIND_PTR), T_PTR);
	ASSERT_EQ(btf__find_by_name_kind(b, "", BTF_KIND_ARRAY), T_ARR);
	ASSERT_EQ(btf__find_by_name(b, ""), T_PTR);
}

TEST(write_every_kind_and_round_trip)
{
	struct btf *b = btf__new_empty(), *back;
	const void *raw, *raw2;
	__u32 size, size2;

	ASSERT_PTR(b);
	ASSERT_EQ(btf__type_cnt(b), 1);
	if (build_all(b))
		return;
	check_all(b);
	if (test_failed())
		return;
	raw = btf__raw_data(b, &size);
	ASSERT_PTR(raw);
	back = btf__new(raw, size);
	ASSERT_PTR(back);
	check_all(back);
	raw2 = btf__raw_data(back, &size2);
	ASSERT_EQ(size2, size);
	ASSERT_TRUE(!memcmp(raw, raw2, size));
	btf__free(back);
	btf__free(b);
}

TEST(strings_are_deduplicated)
{
	struct btf *b = btf__new_empty();
	int a, a2, c;

	ASSERT_PTR(b);
	ASSERT_EQ(btf__find_str(b, ""), 0);
	ASSERT_ERR(btf__find_str(b, "alpha"), -ENOENT);
	a = btf__add_str(b, "alpha");
	ASSERT_GT(a, 0);
	c = btf__add_str(b, "beta");
	ASSERT_GT(c, a);
	a2 = btf__add_str(b, "alpha");
	ASSERT_EQ(a2, a);
	ASSERT_EQ(btf__find_str(b, "beta"), c);
	ASSERT_STREQ(btf__str_by_offset(b, c), "beta");
	ASSERT_ERR(btf__add_str(b, NULL), -EINVAL);
	/* the same name for two types is stored once */
	ASSERT_EQ(btf__add_int(b, "alpha", 4, 0), 1);
	ASSERT_EQ(btf__type_by_id(b, 1)->name_off, a);
	btf__free(b);
}

TEST(adders_reject_bad_arguments)
{
	struct btf *b = btf__new_empty();

	ASSERT_PTR(b);
	ASSERT_ERR(btf__add_field(b, "x", 0, 0, 0), -EINVAL);	/* no struct */
	ASSERT_ERR(btf__add_enum_value(b, "X", 1), -EINVAL);	/* no enum */
	ASSERT_ERR(btf__add_func_param(b, "p", 0), -EINVAL);
	ASSERT_ERR(btf__add_datasec_var_info(b, 1, 0, 4), -EINVAL);
	ASSERT_ERR(btf__add_int(b, "int", 3, 0), -EINVAL);
	ASSERT_ERR(btf__add_int(b, "int", 4, 8), -EINVAL);
	ASSERT_ERR(btf__add_int(b, NULL, 4, 0), -EINVAL);
	ASSERT_ERR(btf__add_int(b, "", 4, 0), -EINVAL);
	ASSERT_ERR(btf__add_float(b, "f", 5), -EINVAL);
	ASSERT_ERR(btf__add_ptr(b, 5), -EINVAL);
	ASSERT_ERR(btf__add_ptr(b, -1), -EINVAL);
	ASSERT_ERR(btf__add_typedef(b, NULL, 0), -EINVAL);
	ASSERT_ERR(btf__add_fwd(b, "x", 7), -EINVAL);
	ASSERT_ERR(btf__add_enum(b, "e", 3), -EINVAL);
	ASSERT_ERR(btf__add_func(b, "f", BTF_FUNC_GLOBAL, 0), -EINVAL);
	ASSERT_ERR(btf__add_var(b, "v", 9, 0), -EINVAL);
	ASSERT_ERR(btf__add_decl_tag(b, "t", 0, -2), -EINVAL);
	ASSERT_ERR(btf__add_type_tag(b, NULL, 0), -EINVAL);
	ASSERT_ERR(btf__add_array(b, 0, 3, 1), -EINVAL);
	ASSERT_EQ(btf__type_cnt(b), 1);	/* nothing was added */

	ASSERT_EQ(btf__add_int(b, "int", 4, BTF_INT_SIGNED), 1);
	ASSERT_EQ(btf__add_enum(b, "e", 4), 2);
	ASSERT_ERR(btf__add_enum_value(b, "TOO_BIG", 0x100000000LL), -E2BIG);
	ASSERT_ERR(btf__add_enum_value(b, NULL, 1), -EINVAL);
	ASSERT_ERR(btf__add_field(b, "x", 1, 0, 0), -EINVAL);	/* last is an enum */
	ASSERT_EQ(btf__add_union(b, "u", 4), 3);
	ASSERT_ERR(btf__add_field(b, "x", 1, 8, 0), -EINVAL);	/* union offset */
	ASSERT_EQ(btf__add_struct(b, "s", 4), 4);
	ASSERT_ERR(btf__add_field(b, "x", 1, 0, 256), -EINVAL);
	ASSERT_ERR(btf__add_field(b, "x", 99, 0, 0), -EINVAL);
	ASSERT_EQ(btf_vlen(btf__type_by_id(b, 4)), 0);

	ASSERT_ERR(btf__set_pointer_size(b, 3), -EINVAL);
	ASSERT_OK(btf__set_pointer_size(b, 4));
	ASSERT_EQ(btf__pointer_size(b), 4);
	btf__free(b);
}

TEST(new_empty_opts)
{
	struct btf *base = btf__new_empty(), *b;
	struct {
		struct btf_new_opts o;
		char tail[8];
	} big = {};

	ASSERT_PTR(base);
	ASSERT_EQ(btf__add_int(base, "int", 4, 0), 1);
	{
		LIBBPF_OPTS(btf_new_opts, opts, .base_btf = base);

		b = btf__new_empty_opts(&opts);
		ASSERT_PTR(b);
		ASSERT_TRUE(btf__base_btf(b) == base);
		ASSERT_EQ(btf__add_ptr(b, 1), 2);
		btf__free(b);
	}
	b = btf__new_empty_opts(NULL);
	ASSERT_PTR(b);
	btf__free(b);
	{
		LIBBPF_OPTS(btf_new_opts, opts, .add_layout = true);
		const struct btf_header *h;
		const unsigned char *raw;
		struct btf *back, *be;
		__u32 size, w[2], size_be;
		const void *raw_be;

		b = btf__new_empty_opts(&opts);
		ASSERT_PTR(b);
		ASSERT_EQ(btf__add_int(b, "int", 4, BTF_INT_SIGNED), 1);
		ASSERT_EQ(btf__add_struct(b, "s", 4), 2);
		ASSERT_OK(btf__add_field(b, "x", 1, 0, 0));
		raw = btf__raw_data(b, &size);
		ASSERT_PTR(raw);
		h = (const void *)raw;
		ASSERT_EQ(h->hdr_len, 32);
		memcpy(w, raw + sizeof(*h), sizeof(w));
		ASSERT_EQ(w[0] % 4, 0);
		ASSERT_GE(w[0], h->str_off + h->str_len);
		ASSERT_EQ(w[1], 4 * 20);	/* one entry per kind 0..19 */
		ASSERT_EQ(size, 32 + w[0] + w[1]);
		/* STRUCT: nothing after btf_type, 12 bytes per member */
		ASSERT_EQ(raw[32 + w[0] + 4 * BTF_KIND_STRUCT], 0);
		ASSERT_EQ(raw[32 + w[0] + 4 * BTF_KIND_STRUCT + 1], 12);
		ASSERT_EQ(raw[32 + w[0] + 4 * BTF_KIND_INT], 4);

		back = btf__new(raw, size);
		ASSERT_PTR(back);
		ASSERT_EQ(btf__type_cnt(back), 3);
		{
			__u32 s2;
			const void *again = btf__raw_data(back, &s2);

			ASSERT_EQ(s2, size);
			ASSERT_TRUE(!memcmp(again, raw, size));
		}
		btf__free(back);

		/* Foreign byte order keeps the layout section too. */
		ASSERT_OK(btf__set_endianness(b, BTF_BIG_ENDIAN));
		raw_be = btf__raw_data(b, &size_be);
		ASSERT_EQ(size_be, size);
		be = btf__new(raw_be, size_be);
		ASSERT_PTR(be);
		ASSERT_OK(btf__set_endianness(be, BTF_LITTLE_ENDIAN));
		{
			__u32 s3;
			const void *le = btf__raw_data(be, &s3);

			ASSERT_EQ(s3, size);
			ASSERT_TRUE(!memcmp(le, raw, size));
		}
		btf__free(be);

		/* A layout section out of bounds. */
		{
			unsigned char *bad = malloc(size);

			memcpy(bad, raw, size);
			w[1] = 4000;
			memcpy(bad + sizeof(*h) + 4, &w[1], 4);
			test_log_clear();
			ASSERT_NULL_ERR(btf__new(bad, size), -EINVAL);
			ASSERT_LOG("layout section");
			free(bad);
		}
		btf__free(b);
	}
	/* A newer caller's unknown non-zero field. */
	big.o.sz = sizeof(big);
	big.tail[3] = 1;
	ASSERT_NULL_ERR(btf__new_empty_opts(&big.o), -EINVAL);
	btf__free(base);
}

TEST(add_type_and_add_btf)
{
	struct btf *src = btf__new_empty(), *dst = btf__new_empty(), *split;
	const struct btf_type *t;
	int id, first;

	ASSERT_PTR(src);
	ASSERT_PTR(dst);
	if (build_all(src))
		return;
	ASSERT_EQ(btf__add_int(dst, "long", 8, BTF_INT_SIGNED), 1);

	/* one type: strings follow, ids are kept as they are */
	id = btf__add_type(dst, src, btf__type_by_id(src, T_STRUCT));
	ASSERT_EQ(id, 2);
	t = btf__type_by_id(dst, id);
	ASSERT_STREQ(btf__name_by_offset(dst, t->name_off), "s");
	ASSERT_STREQ(btf__name_by_offset(dst, btf_members(t)[2].name_off), "name");
	ASSERT_EQ(btf_members(t)[0].type, T_INT);

	/* everything: ids shifted past dst's own */
	first = btf__add_btf(dst, src);
	ASSERT_EQ(first, 3);
	ASSERT_EQ(btf__type_cnt(dst), 3 + T_COUNT - 1);
	t = btf__type_by_id(dst, first - 1 + T_STRUCT);
	ASSERT_TRUE(btf_is_struct(t));
	ASSERT_EQ(btf_members(t)[0].type, first - 1 + T_INT);
	t = btf__type_by_id(dst, first - 1 + T_PTR);
	ASSERT_EQ(t->type, 0);	/* void stays void */
	ASSERT_EQ(btf__find_by_name_kind(dst, "f", BTF_KIND_FUNC), first - 1 + T_FUNC);

	split = btf__new_empty_split(src);
	ASSERT_PTR(split);
	ASSERT_EQ(btf__add_ptr(split, T_STRUCT), T_COUNT);
	test_log_clear();
	ASSERT_ERR(btf__add_btf(dst, split), -ENOTSUP);
	ASSERT_LOG("split");
	btf__free(split);
	btf__free(dst);
	btf__free(src);
}

/* A parsed BTF becomes writable on its first change; the kernel's too. */
TEST(modify_parsed_vmlinux)
{
	struct btf *btf = btf__load_vmlinux_btf();
	__u32 cnt;
	int ts, id, ptr;

	ASSERT_PTR(btf);
	cnt = btf__type_cnt(btf);
	ts = btf__find_by_name_kind(btf, "task_struct", BTF_KIND_STRUCT);
	ASSERT_GT(ts, 0);
	ptr = btf__add_ptr(btf, ts);
	ASSERT_EQ(ptr, cnt);
	id = btf__add_struct(btf, "bpfkit_added", 8);
	ASSERT_EQ(id, cnt + 1);
	ASSERT_OK(btf__add_field(btf, "task", ptr, 0, 0));
	ASSERT_EQ(btf__find_by_name_kind(btf, "bpfkit_added", BTF_KIND_STRUCT), id);
	ASSERT_EQ(btf__find_by_name_kind(btf, "task_struct", BTF_KIND_STRUCT), ts);
	ASSERT_EQ(btf__find_str(btf, "task_struct"),
		  (int)btf__type_by_id(btf, ts)->name_off);
	ASSERT_EQ(btf__resolve_size(btf, id), 8);
	{
		__u32 size;
		const void *raw = btf__raw_data(btf, &size);
		struct btf *back;

		ASSERT_PTR(raw);
		back = btf__new(raw, size);
		ASSERT_PTR(back);
		ASSERT_EQ(btf__type_cnt(back), cnt + 2);
		ASSERT_EQ(btf__find_by_name_kind(back, "bpfkit_added", BTF_KIND_STRUCT), id);
		btf__free(back);
	}
	btf__free(btf);
}

/* btf__add_btf() is all or nothing: a bad source type undoes it all. */
TEST(add_btf_failure_leaves_target_intact)
{
	struct btf *src = btf__new_empty(), *dst = btf__new_empty();
	struct btf_type *t;
	const void *raw;
	void *before;
	__u32 size, size2;

	ASSERT_PTR(src);
	ASSERT_PTR(dst);
	ASSERT_EQ(btf__add_int(dst, "int", 4, BTF_INT_SIGNED), 1);
	ASSERT_EQ(btf__add_struct(src, "fresh_name", 4), 1);
	ASSERT_OK(btf__add_field(src, "another_fresh", 0, 0, 0));
	ASSERT_EQ(btf__add_typedef(src, "t", 1), 2);
	/* damage the last type's name after the fact */
	t = btf_type_by_id_mut(src, 2);
	ASSERT_PTR(t);
	t->name_off = 0x7ffffff0;
	btf_invalidate(src);

	raw = btf__raw_data(dst, &size);
	before = malloc(size);
	memcpy(before, raw, size);
	ASSERT_ERR(btf__add_btf(dst, src), -EINVAL);
	ASSERT_EQ(btf__type_cnt(dst), 2);
	raw = btf__raw_data(dst, &size2);
	ASSERT_EQ(size2, size);
	ASSERT_TRUE(!memcmp(raw, before, size));
	ASSERT_ERR(btf__find_str(dst, "fresh_name"), -ENOENT);
	/* and it still works afterwards */
	ASSERT_EQ(btf__add_ptr(dst, 1), 2);
	ASSERT_GT(btf__add_str(dst, "fresh_name"), 0);
	free(before);
	btf__free(src);
	btf__free(dst);
}

TEST(resolve_edges)
{
	struct btf *b = btf__new_empty();
	int i, prev;

	ASSERT_PTR(b);
	ASSERT_EQ(btf__add_typedef(b, "vt", 0), 1);		/* typedef void vt */
	ASSERT_ERR(btf__resolve_type(b, 1), -EINVAL);
	ASSERT_ERR(btf__resolve_type(b, 0), -EINVAL);
	ASSERT_ERR(btf__resolve_size(b, 1), -EINVAL);
	ASSERT_ERR(btf__resolve_type(b, 99), -EINVAL);
	ASSERT_EQ(btf__add_int(b, "int", 4, 0), 2);
	ASSERT_EQ(btf__add_decl_tag(b, "tag", 2, -1), 3);
	ASSERT_EQ(btf__resolve_type(b, 3), 3);	/* decl tags are not skipped */
	ASSERT_EQ(btf__resolve_size(b, 3), 4);
	/* a chain longer than the resolver follows */
	prev = 2;
	for (i = 0; i < 40; i++)
		prev = btf__add_const(b, prev);
	ASSERT_ERR(btf__resolve_type(b, prev), -EINVAL);
	ASSERT_ERR(btf__resolve_size(b, prev), -EINVAL);
	/* an array too large for 32 bits */
	ASSERT_EQ(btf__add_array(b, 2, 2, 0x40000000), prev + 1);
	ASSERT_ERR(btf__resolve_size(b, prev + 1), -E2BIG);
	btf__free(b);
}
