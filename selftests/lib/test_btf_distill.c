// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Whole-BTF reshaping: btf__permute() (reordering, dropping, split BTF,
 * .BTF.ext), and its bad input.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/btf.h>
#include <bpf/btf.h>
#include <bpf/libbpf_common.h>

#include "btf/btf_ext.h"
#include "test.h"

/* [1] int, [2] ptr -> 3, [3] struct s { int a; struct s *next; }, [4] char */
static struct btf *small_btf(void)
{
	struct btf *b = btf__new_empty();

	if (!b)
		return NULL;
	btf__add_int(b, "int", 4, BTF_INT_SIGNED);
	btf__add_ptr(b, 0);
	btf__add_struct(b, "s", 16);
	btf__add_field(b, "a", 1, 0, 0);
	btf__add_field(b, "next", 2, 64, 0);
	((struct btf_type *)btf__type_by_id(b, 2))->type = 3;
	btf__add_int(b, "char", 1, BTF_INT_SIGNED);
	return b;
}

TEST(permute_reorder)
{
	struct btf *b = small_btf();
	/* old -> new: int 4, ptr 3, s 1, char 2 */
	__u32 map[] = { 0, 4, 3, 1, 2 };
	const struct btf_type *s;
	__u32 sz;

	ASSERT_PTR(b);
	ASSERT_OK(btf__permute(b, map, 5, NULL));
	ASSERT_EQ(btf__type_cnt(b), 5);
	ASSERT_EQ(btf__find_by_name_kind(b, "s", BTF_KIND_STRUCT), 1);
	ASSERT_EQ(btf__find_by_name_kind(b, "char", BTF_KIND_INT), 2);
	ASSERT_EQ(btf__find_by_name_kind(b, "int", BTF_KIND_INT), 4);
	s = btf__type_by_id(b, 1);
	ASSERT_EQ(btf_members(s)[0].type, 4);
	ASSERT_EQ(btf_members(s)[1].type, 3);
	ASSERT_EQ(btf__type_by_id(b, 3)->type, 1);
	/* still valid BTF */
	{
		const void *raw = btf__raw_data(b, &sz);
		struct btf *again = btf__new(raw, sz);

		ASSERT_PTR(again);
		ASSERT_EQ(btf__find_by_name_kind(again, "s", BTF_KIND_STRUCT), 1);
		btf__free(again);
	}
	btf__free(b);
}

TEST(permute_drop)
{
	struct btf *b = small_btf();
	__u32 drop_char[] = { 0, 1, 2, 3, 0 };
	__u32 drop_used[] = { 0, 0, 1, 2, 3 };

	ASSERT_PTR(b);
	/* int is used by s: cannot go, and nothing changes */
	ASSERT_ERR(btf__permute(b, drop_used, 5, NULL), -EINVAL);
	ASSERT_LOG("refers to a dropped");
	ASSERT_EQ(btf__type_cnt(b), 5);
	ASSERT_OK(btf__permute(b, drop_char, 5, NULL));
	ASSERT_EQ(btf__type_cnt(b), 4);
	ASSERT_ERR(btf__find_by_name_kind(b, "char", BTF_KIND_INT), -ENOENT);
	btf__free(b);
}

TEST(permute_split)
{
	struct btf *base = small_btf(), *split;
	__u32 map[2];
	int u, p;

	ASSERT_PTR(base);
	split = btf__new_empty_split(base);
	ASSERT_PTR(split);
	p = btf__add_ptr(split, 3);			/* 5 */
	u = btf__add_struct(split, "user", 8);		/* 6 */
	btf__add_field(split, "s", p, 0, 0);
	map[0] = 6;
	map[1] = 5;
	ASSERT_ERR(btf__permute(split, map, 3, NULL), -EINVAL);
	ASSERT_OK(btf__permute(split, map, 2, NULL));
	u = btf__find_by_name_kind(split, "user", BTF_KIND_STRUCT);
	ASSERT_EQ(u, 5);
	ASSERT_EQ(btf_members(btf__type_by_id(split, u))[0].type, 6);
	ASSERT_EQ(btf__type_by_id(split, 6)->type, 3);
	btf__free(split);
	btf__free(base);
}

TEST(permute_btf_ext)
{
	const struct btf_ext_info_sec *secs;
	LIBBPF_OPTS(btf_permute_opts, o);
	struct btf_ext *ext = NULL;
	__u32 *map, n, i, cnt, fid;
	char *name;
	struct btf *b;

	b = btf__parse_elf(test_prog_path("btf_sample.bpf.o"), &ext);
	ASSERT_PTR(b);
	ASSERT_PTR(ext);
	ASSERT_OK(btf_ext_sections(ext, BTF_EXT_FUNC_INFO, &secs, &cnt));
	ASSERT_GT(cnt, 0);
	fid = ((const __u32 *)secs[0].data)[1];
	name = strdup(btf__name_by_offset(b, btf__type_by_id(b, fid)->name_off));
	/* reverse the order of all types */
	n = btf__type_cnt(b);
	map = calloc(n, sizeof(*map));
	ASSERT_PTR(map);
	for (i = 1; i < n; i++)
		map[i] = n - i;
	o.btf_ext = ext;
	ASSERT_OK(btf__permute(b, map, n, &o));
	fid = ((const __u32 *)secs[0].data)[1];
	ASSERT_TRUE(btf_is_func(btf__type_by_id(b, fid)));
	ASSERT_STREQ(btf__name_by_offset(b, btf__type_by_id(b, fid)->name_off),
		     name);
	free(name);
	free(map);
	btf_ext__free(ext);
	btf__free(b);
}

TEST(permute_bad_input)
{
	struct btf *b = small_btf();
	__u32 dup[] = { 0, 1, 1, 2, 3 };
	__u32 range[] = { 0, 1, 2, 3, 9 };
	__u32 void_moves[] = { 1, 0, 2, 3, 4 };
	struct {
		struct btf_permute_opts o;
		long extra;
	} big = { .o = { .sz = sizeof(big) }, .extra = 1 };
	__u32 ok[] = { 0, 1, 2, 3, 4 };

	ASSERT_PTR(b);
	ASSERT_ERR(btf__permute(NULL, ok, 5, NULL), -EINVAL);
	ASSERT_ERR(btf__permute(b, NULL, 5, NULL), -EINVAL);
	ASSERT_ERR(btf__permute(b, ok, 4, NULL), -EINVAL);
	ASSERT_LOG("btf: permute: 4 map entries for 5 types");
	ASSERT_ERR(btf__permute(b, dup, 5, NULL), -EINVAL);
	ASSERT_LOG("given twice");
	ASSERT_ERR(btf__permute(b, range, 5, NULL), -EINVAL);
	ASSERT_LOG("out of range");
	ASSERT_ERR(btf__permute(b, void_moves, 5, NULL), -EINVAL);
	ASSERT_ERR(btf__permute(b, ok, 5, (struct btf_permute_opts *)&big),
		   -EINVAL);
	ASSERT_OK(btf__permute(b, ok, 5, NULL));
	ASSERT_EQ(btf__find_by_name_kind(b, "s", BTF_KIND_STRUCT), 3);
	btf__free(b);
}

/* ---- btf__distill_base() and btf__relocate() ---- */

/*
 * base: [1] int, [2] struct big { int a; int b; }, [3] ptr -> big,
 *       [4] typedef big_t -> big, [5] enum e { E1 }, [6] struct unused
 * split: [7] struct mod { big_t by_value; struct big *p; enum e e; }
 */
static int build_base(struct btf *b, bool bigger_unused)
{
	btf__add_int(b, "int", 4, BTF_INT_SIGNED);
	btf__add_struct(b, "big", 8);
	btf__add_field(b, "a", 1, 0, 0);
	btf__add_field(b, "b", 1, 32, 0);
	btf__add_ptr(b, 2);
	btf__add_typedef(b, "big_t", 2);
	btf__add_enum(b, "e", 4);
	btf__add_enum_value(b, "E1", 1);
	btf__add_struct(b, "unused", bigger_unused ? 8 : 4);
	return btf__add_field(b, "x", 1, 0, 0);
}

TEST(distill_and_relocate)
{
	struct btf *base = btf__new_empty(), *split, *dbase = NULL, *dsplit = NULL;
	struct btf *base2 = btf__new_empty();
	const struct btf_type *t, *m;
	int mod, i;

	ASSERT_PTR(base);
	ASSERT_PTR(base2);
	ASSERT_OK(build_base(base, false));
	split = btf__new_empty_split(base);
	ASSERT_PTR(split);
	mod = btf__add_struct(split, "mod", 24);
	btf__add_field(split, "by_value", 4, 0, 0);
	btf__add_field(split, "p", 3, 64, 0);
	btf__add_field(split, "e", 5, 128, 0);
	ASSERT_EQ(mod, 7);

	ASSERT_OK(btf__distill_base(split, &dbase, &dsplit));
	/* distilled base: struct big (no members), enum e (no values); int
	 * is only used by big's members, which are gone */
	ASSERT_EQ(btf__type_cnt(dbase), 3);
	t = btf__type_by_id(dbase, btf__find_by_name_kind(dbase, "big", BTF_KIND_STRUCT));
	ASSERT_PTR(t);
	ASSERT_EQ(btf_vlen(t), 0);
	ASSERT_EQ(t->size, 8);
	ASSERT_ERR(btf__find_by_name_kind(dbase, "unused", BTF_KIND_STRUCT), -ENOENT);
	/* new split: mod first, then the typedef and pointer it needs */
	ASSERT_EQ(btf__type_cnt(dsplit), 6);
	mod = btf__find_by_name_kind(dsplit, "mod", BTF_KIND_STRUCT);
	ASSERT_EQ(mod, 3);
	ASSERT_GT(btf__find_by_name_kind(dsplit, "big_t", BTF_KIND_TYPEDEF), 3);

	/* a new base with the types in another order and one more */
	btf__add_int(base2, "char", 1, BTF_INT_SIGNED);
	ASSERT_OK(build_base(base2, true));
	ASSERT_OK(btf__relocate(dsplit, base2));
	ASSERT_TRUE(btf__base_btf(dsplit) == base2);
	ASSERT_EQ(btf__type_cnt(dsplit), btf__type_cnt(base2) + 3);
	mod = btf__find_by_name_kind(dsplit, "mod", BTF_KIND_STRUCT);
	ASSERT_EQ(mod, (int)btf__type_cnt(base2));
	t = btf__type_by_id(dsplit, mod);
	for (i = 0; i < 3; i++) {
		static const char *const names[] = { "by_value", "p", "e" };

		ASSERT_STREQ(btf__name_by_offset(dsplit, btf_members(t)[i].name_off),
			     names[i]);
	}
	/* by_value: typedef big_t -> base2's struct big */
	m = btf__type_by_id(dsplit, btf_members(t)[0].type);
	ASSERT_TRUE(btf_is_typedef(m));
	ASSERT_STREQ(btf__name_by_offset(dsplit, m->name_off), "big_t");
	ASSERT_EQ(m->type, btf__find_by_name_kind(base2, "big", BTF_KIND_STRUCT));
	m = btf__type_by_id(dsplit, btf_members(t)[2].type);
	ASSERT_EQ(btf_members(t)[2].type, btf__find_by_name_kind(base2, "e", BTF_KIND_ENUM));
	ASSERT_TRUE(btf_is_enum(m));
	/* the result is loadable BTF over base2 */
	{
		__u32 sz;
		const void *raw = btf__raw_data(dsplit, &sz);
		struct btf *again = btf__new_split(raw, sz, base2);

		ASSERT_PTR(again);
		btf__free(again);
	}
	btf__free(dsplit);
	btf__free(dbase);
	btf__free(split);
	btf__free(base2);
	btf__free(base);
}

TEST(relocate_mismatch)
{
	struct btf *base = btf__new_empty(), *split, *dbase = NULL, *dsplit = NULL;
	struct btf *other = btf__new_empty();

	ASSERT_PTR(base);
	ASSERT_PTR(other);
	ASSERT_OK(build_base(base, false));
	split = btf__new_empty_split(base);
	ASSERT_PTR(split);
	btf__add_struct(split, "mod", 8);
	btf__add_field(split, "by_value", 2, 0, 0);	/* struct big, embedded */
	ASSERT_OK(btf__distill_base(split, &dbase, &dsplit));
	/* a base whose "big" changed size: the embedding cannot hold */
	btf__add_int(other, "int", 4, BTF_INT_SIGNED);
	btf__add_struct(other, "big", 16);
	btf__add_field(other, "a", 1, 0, 0);
	ASSERT_ERR(btf__relocate(dsplit, other), -EINVAL);
	ASSERT_LOG("btf: relocate: no base type matches 'big'");
	/* nothing changed */
	ASSERT_TRUE(btf__base_btf(dsplit) == dbase);
	ASSERT_ERR(btf__relocate(dsplit, dbase), -EINVAL);
	ASSERT_ERR(btf__relocate(NULL, other), -EINVAL);
	btf__free(dsplit);
	btf__free(dbase);
	btf__free(split);
	btf__free(other);
	btf__free(base);
}

TEST(distill_bad_input)
{
	struct btf *plain = btf__new_empty(), *nb = NULL, *ns = NULL;

	ASSERT_PTR(plain);
	ASSERT_ERR(btf__distill_base(plain, &nb, &ns), -EINVAL);
	ASSERT_LOG("btf: distill: BTF has no base");
	ASSERT_ERR(btf__distill_base(NULL, &nb, &ns), -EINVAL);
	ASSERT_ERR(btf__distill_base(plain, NULL, &ns), -EINVAL);
	ASSERT_TRUE(nb == NULL && ns == NULL);
	btf__free(plain);
}

/*
 * A "module" over vmlinux: distilled, then relocated back onto vmlinux, it
 * refers to the very types it started with.
 */
TEST(distill_vmlinux_round_trip)
{
	struct btf *vml, *mod, *dbase = NULL, *dsplit = NULL;
	int task, lh, ptask, s, arr, td, after;
	const struct btf_type *t;

	if (access("/sys/kernel/btf/vmlinux", R_OK))
		TEST_SKIP("no /sys/kernel/btf/vmlinux");
	vml = btf__parse("/sys/kernel/btf/vmlinux", NULL);
	ASSERT_PTR(vml);
	task = btf__find_by_name_kind(vml, "task_struct", BTF_KIND_STRUCT);
	lh = btf__find_by_name_kind(vml, "list_head", BTF_KIND_STRUCT);
	td = btf__find_by_name_kind(vml, "pid_t", BTF_KIND_TYPEDEF);
	ASSERT_GT(task, 0);
	ASSERT_GT(lh, 0);
	ASSERT_GT(td, 0);
	mod = btf__new_empty_split(vml);
	ASSERT_PTR(mod);
	ptask = btf__add_ptr(mod, task);
	arr = btf__add_array(mod, btf__find_by_name_kind(vml, "int", BTF_KIND_INT),
			     lh, 2);
	s = btf__add_struct(mod, "my_mod_state", 48);
	btf__add_field(mod, "owner", ptask, 0, 0);
	btf__add_field(mod, "lists", arr, 64, 0);
	btf__add_field(mod, "pid", td, 320, 0);
	ASSERT_GT(s, 0);

	ASSERT_OK(btf__distill_base(mod, &dbase, &dsplit));
	/* task_struct and list_head as placeholders, pid_t's int, ... */
	ASSERT_LT(btf__type_cnt(dbase), 10);
	ASSERT_OK(btf__relocate(dsplit, vml));
	s = btf__find_by_name_kind(dsplit, "my_mod_state", BTF_KIND_STRUCT);
	ASSERT_GE(s, (int)btf__type_cnt(vml));
	t = btf__type_by_id(dsplit, s);
	after = btf_members(t)[0].type;
	ASSERT_EQ(btf__type_by_id(dsplit, after)->type, task);
	ASSERT_EQ(btf_array(btf__type_by_id(dsplit, btf_members(t)[1].type))->type, lh);
	/* pid_t (and __kernel_pid_t) came along into the split part, and
	 * end at vmlinux's int */
	ASSERT_TRUE(btf_is_typedef(btf__type_by_id(dsplit, btf_members(t)[2].type)));
	ASSERT_GE(btf_members(t)[2].type, btf__type_cnt(vml));
	ASSERT_EQ(btf__resolve_type(dsplit, btf_members(t)[2].type),
		  btf__resolve_type(vml, td));
	btf__free(dsplit);
	btf__free(dbase);
	btf__free(mod);
	btf__free(vml);
}
