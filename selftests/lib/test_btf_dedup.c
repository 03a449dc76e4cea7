// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * btf__dedup(): duplicate structs collapse (also through pointer cycles and
 * with every hash colliding), forward declarations resolve to their
 * definitions, strings are made unique, split BTF dedups against its base,
 * .BTF.ext follows the renumbering, and bad input fails cleanly.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/btf.h>
#include <bpf/btf.h>
#include <bpf/libbpf_common.h>

#include "btf/btf_ext.h"
#include "test.h"

/* struct <name> { int a; struct <name> *next; } with its own int and ptr. */
static int add_list_node(struct btf *b, const char *name)
{
	int i = btf__add_int(b, "int", 4, BTF_INT_SIGNED);
	int p = btf__add_ptr(b, 0);
	int s = btf__add_struct(b, name, 16);

	btf__add_field(b, "a", i, 0, 0);
	btf__add_field(b, "next", p, 64, 0);
	((struct btf_type *)btf__type_by_id(b, p))->type = s;
	return s;
}

static int count_kind(const struct btf *b, int kind, const char *name)
{
	__u32 i, n = btf__type_cnt(b);
	int cnt = 0;

	for (i = btf__base_btf(b) ? btf__type_cnt(btf__base_btf(b)) : 1; i < n; i++) {
		const struct btf_type *t = btf__type_by_id(b, i);

		if (btf_kind(t) != kind)
			continue;
		if (name && strcmp(btf__name_by_offset(b, t->name_off), name))
			continue;
		cnt++;
	}
	return cnt;
}

static void check_dup_structs(bool force)
{
	LIBBPF_OPTS(btf_dedup_opts, o, .force_collisions = force);
	struct btf *b = btf__new_empty();
	const struct btf_type *t;
	int s;

	ASSERT_PTR(b);
	add_list_node(b, "node");
	add_list_node(b, "node");
	add_list_node(b, "other");
	ASSERT_EQ(btf__type_cnt(b), 10);
	ASSERT_OK(btf__dedup(b, &o));
	/* int, ptr node, node, ptr other, other */
	ASSERT_EQ(btf__type_cnt(b), 6);
	ASSERT_EQ(count_kind(b, BTF_KIND_STRUCT, "node"), 1);
	ASSERT_EQ(count_kind(b, BTF_KIND_INT, "int"), 1);
	s = btf__find_by_name_kind(b, "node", BTF_KIND_STRUCT);
	ASSERT_GT(s, 0);
	t = btf__type_by_id(b, btf_members(btf__type_by_id(b, s))[1].type);
	ASSERT_TRUE(btf_is_ptr(t));
	ASSERT_EQ(t->type, s);
	/* the result is valid BTF: it survives a round trip */
	{
		__u32 sz;
		const void *raw = btf__raw_data(b, &sz);
		struct btf *again = btf__new(raw, sz);

		ASSERT_PTR(again);
		ASSERT_EQ(btf__type_cnt(again), 6);
		btf__free(again);
	}
	btf__free(b);
}

TEST(dedup_duplicate_structs)
{
	check_dup_structs(false);
}

TEST(dedup_force_collisions)
{
	check_dup_structs(true);
}

/* a <-> b through pointers, twice: one copy stays. */
static void add_pair(struct btf *b)
{
	int i = btf__add_int(b, "int", 4, BTF_INT_SIGNED);
	int pa = btf__add_ptr(b, 0), pb = btf__add_ptr(b, 0);
	int sa = btf__add_struct(b, "a", 16), sb;

	btf__add_field(b, "to_b", pb, 0, 0);
	btf__add_field(b, "x", i, 64, 0);
	sb = btf__add_struct(b, "b", 8);
	btf__add_field(b, "to_a", pa, 0, 0);
	((struct btf_type *)btf__type_by_id(b, pa))->type = sa;
	((struct btf_type *)btf__type_by_id(b, pb))->type = sb;
}

TEST(dedup_cycles)
{
	struct btf *b = btf__new_empty();

	ASSERT_PTR(b);
	add_pair(b);
	add_pair(b);
	ASSERT_EQ(btf__type_cnt(b), 11);
	ASSERT_OK(btf__dedup(b, NULL));
	ASSERT_EQ(btf__type_cnt(b), 6);
	ASSERT_EQ(count_kind(b, BTF_KIND_STRUCT, NULL), 2);
	ASSERT_EQ(count_kind(b, BTF_KIND_PTR, NULL), 2);
	btf__free(b);
}

TEST(dedup_fwd_resolution)
{
	struct btf *b = btf__new_empty();
	int i, s, f, p1, p2, u1, u2, lone_f, lone_s, pf;

	ASSERT_PTR(b);
	/* unit 1: struct s complete, struct user points to it */
	i = btf__add_int(b, "int", 4, BTF_INT_SIGNED);
	s = btf__add_struct(b, "s", 4);
	btf__add_field(b, "x", i, 0, 0);
	p1 = btf__add_ptr(b, s);
	u1 = btf__add_struct(b, "user", 8);
	btf__add_field(b, "p", p1, 0, 0);
	/* unit 2: only "struct s;" */
	f = btf__add_fwd(b, "s", BTF_FWD_STRUCT);
	p2 = btf__add_ptr(b, f);
	u2 = btf__add_struct(b, "user", 8);
	btf__add_field(b, "p", p2, 0, 0);
	/* a declaration whose single definition is elsewhere */
	lone_f = btf__add_fwd(b, "lone", BTF_FWD_STRUCT);
	pf = btf__add_ptr(b, lone_f);
	lone_s = btf__add_struct(b, "lone", 4);
	btf__add_field(b, "y", i, 0, 0);
	/* a union declaration does not take a struct's body */
	btf__add_fwd(b, "lone", BTF_FWD_UNION);
	ASSERT_GT(u2, u1);
	ASSERT_GT(pf, 0);
	ASSERT_GT(lone_s, 0);

	ASSERT_OK(btf__dedup(b, NULL));
	ASSERT_EQ(count_kind(b, BTF_KIND_STRUCT, "user"), 1);
	ASSERT_EQ(count_kind(b, BTF_KIND_STRUCT, "s"), 1);
	ASSERT_EQ(count_kind(b, BTF_KIND_FWD, "s"), 0);
	ASSERT_EQ(count_kind(b, BTF_KIND_STRUCT, "lone"), 1);
	/* only the union declaration is left */
	ASSERT_EQ(count_kind(b, BTF_KIND_FWD, "lone"), 1);
	ASSERT_EQ(count_kind(b, BTF_KIND_PTR, NULL), 2);
	btf__free(b);
}

TEST(dedup_enums_and_strings)
{
	struct btf *b = btf__new_empty();
	__u32 before, after;
	int e;

	ASSERT_PTR(b);
	btf__add_enum(b, "color", 4);
	btf__add_enum_value(b, "RED", 0);
	btf__add_enum_value(b, "GREEN", 1);
	btf__add_enum(b, "color", 4);		/* "enum color;" */
	btf__add_enum(b, "color", 4);
	btf__add_enum_value(b, "RED", 0);
	btf__add_enum_value(b, "GREEN", 1);
	/* strings referenced by nothing disappear */
	btf__add_str(b, "unused_string_one");
	btf__add_str(b, "unused_string_two");
	btf__raw_data(b, &before);
	ASSERT_OK(btf__dedup(b, NULL));
	btf__raw_data(b, &after);
	ASSERT_EQ(btf__type_cnt(b), 2);
	ASSERT_LT(after, before);
	ASSERT_ERR(btf__find_str(b, "unused_string_one"), -ENOENT);
	e = btf__find_by_name_kind(b, "color", BTF_KIND_ENUM);
	ASSERT_EQ(e, 1);
	ASSERT_STREQ(btf__name_by_offset(b, btf_enum(btf__type_by_id(b, e))[1].name_off),
		     "GREEN");
	btf__free(b);
}

TEST(dedup_split)
{
	struct btf *base = btf__new_empty(), *split;
	const struct btf_type *t;
	int bs, ps, u;

	ASSERT_PTR(base);
	bs = add_list_node(base, "node");
	ASSERT_EQ(btf__type_cnt(base), 4);
	split = btf__new_empty_split(base);
	ASSERT_PTR(split);
	add_list_node(split, "node");		/* same as the base's */
	ps = btf__add_ptr(split, 0);
	u = btf__add_struct(split, "user", 8);
	btf__add_field(split, "n", ps, 0, 0);
	((struct btf_type *)btf__type_by_id(split, ps))->type = 6; /* split node */
	ASSERT_EQ(btf__type_cnt(split), 9);

	ASSERT_OK(btf__dedup(split, NULL));
	/* what is left of the split part: struct user only (its pointer
	 * collapsed into the base's "struct node *") */
	ASSERT_EQ(btf__type_cnt(split), 5);
	u = btf__find_by_name_kind(split, "user", BTF_KIND_STRUCT);
	ASSERT_EQ(u, 4);
	t = btf__type_by_id(split, btf_members(btf__type_by_id(split, u))[0].type);
	ASSERT_TRUE(btf_is_ptr(t));
	ASSERT_EQ(t->type, bs);
	/* "user" is a new string, "node" came from the base */
	ASSERT_LT(btf__find_str(base, "node"), (int)btf__find_str(split, "user"));
	btf__free(split);
	btf__free(base);
}

/* .BTF.ext type ids and strings follow the renumbering. */
TEST(dedup_btf_ext)
{
	const struct btf_ext_info_sec *secs;
	struct btf_ext *ext = NULL;
	LIBBPF_OPTS(btf_dedup_opts, o);
	char *names[64];
	__u32 cnt, i, n = 0, lsecs;
	struct btf *b;
	const __u32 *rec;

	b = btf__parse_elf(test_prog_path("btf_sample.bpf.o"), &ext);
	ASSERT_PTR(b);
	ASSERT_PTR(ext);
	/* remember the names the func_info records point at */
	ASSERT_OK(btf_ext_sections(ext, BTF_EXT_FUNC_INFO, &secs, &cnt));
	for (i = 0; i < cnt && n < 64; i++) {
		rec = secs[i].data;
		names[n++] = strdup(btf__name_by_offset(b,
				btf__type_by_id(b, rec[1])->name_off));
	}
	ASSERT_GT(n, 0);
	/* two more copies of everything: dedup drops them and rebuilds the
	 * strings, so every string offset in .BTF.ext moves */
	{
		__u32 sz;
		const void *raw = btf__raw_data(b, &sz);
		struct btf *copy = btf__new(raw, sz);
		int k;

		ASSERT_PTR(copy);
		for (k = 0; k < 2; k++)
			ASSERT_GT(btf__add_btf(b, copy), 0);
		btf__free(copy);
		btf__add_str(b, "a string nobody uses, at the end");
	}
	o.btf_ext = ext;
	ASSERT_OK(btf__dedup(b, &o));
	ASSERT_OK(btf_ext_sections(ext, BTF_EXT_FUNC_INFO, &secs, &cnt));
	for (i = 0; i < cnt && i < n; i++) {
		const struct btf_type *t;

		rec = secs[i].data;
		t = btf__type_by_id(b, rec[1]);
		ASSERT_PTR(t);
		ASSERT_TRUE(btf_is_func(t));
		ASSERT_STREQ(btf__name_by_offset(b, t->name_off), names[i]);
		ASSERT_STREQ(btf__name_by_offset(b, secs[i].sec_name_off) ?: "",
			     btf__name_by_offset(b, *((const __u32 *)secs[i].data - 2)));
	}
	/* line info file names still resolve */
	if (!btf_ext_sections(ext, BTF_EXT_LINE_INFO, &secs, &lsecs) && lsecs) {
		rec = secs[0].data;
		ASSERT_TRUE(strstr(btf__name_by_offset(b, rec[1]), "btf_sample") != NULL);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	btf_ext__free(ext);
	btf__free(b);
}

TEST(dedup_bad_input)
{
	struct {
		struct btf_dedup_opts o;
		long extra;
	} big = { .o = { .sz = sizeof(big) }, .extra = 1 };
	struct btf *b = btf__new_empty();
	int c1, c2;

	ASSERT_ERR(btf__dedup(NULL, NULL), -EINVAL);
	ASSERT_PTR(b);
	ASSERT_ERR(btf__dedup(b, (struct btf_dedup_opts *)&big), -EINVAL);
	/* const -> const -> back: a reference loop */
	c1 = btf__add_const(b, 0);
	c2 = btf__add_const(b, c1);
	((struct btf_type *)btf__type_by_id(b, c1))->type = c2;
	ASSERT_ERR(btf__dedup(b, NULL), -ELOOP);
	ASSERT_LOG("btf: dedup");
	btf__free(b);
}

/*
 * vmlinux is deduplicated already: dedup keeps every type, and a second
 * copy appended to it collapses back onto the first (variables and the
 * section are never merged: they name distinct objects).
 */
TEST(dedup_vmlinux_twice)
{
	struct btf *b, *copy;
	__u32 n, vars = 0, i;

	if (access("/sys/kernel/btf/vmlinux", R_OK))
		TEST_SKIP("no /sys/kernel/btf/vmlinux");
	b = btf__parse("/sys/kernel/btf/vmlinux", NULL);
	ASSERT_PTR(b);
	n = btf__type_cnt(b);
	ASSERT_OK(btf__dedup(b, NULL));
	ASSERT_EQ(btf__type_cnt(b), n);
	for (i = 1; i < n; i++) {
		const struct btf_type *t = btf__type_by_id(b, i);

		if (btf_is_var(t) || btf_is_datasec(t))
			vars++;
	}
	copy = btf__parse("/sys/kernel/btf/vmlinux", NULL);
	ASSERT_PTR(copy);
	ASSERT_GT(btf__add_btf(b, copy), 0);
	btf__free(copy);
	ASSERT_EQ(btf__type_cnt(b), 2 * n - 1);
	ASSERT_OK(btf__dedup(b, NULL));
	ASSERT_EQ(btf__type_cnt(b), n + vars);
	/* one task_struct, with the id it had */
	ASSERT_GT(btf__find_by_name_kind(b, "task_struct", BTF_KIND_STRUCT), 0);
	ASSERT_LT(btf__find_by_name_kind(b, "task_struct", BTF_KIND_STRUCT), n);
	btf__free(b);
}
