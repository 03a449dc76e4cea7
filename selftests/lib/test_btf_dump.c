// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * btf_dump as C: synthetic BTF built with btf__add_*() checked against the
 * exact text (the expected strings were cross-checked with the reference
 * bpftool/libbpf where its output agrees with libbpf 1.8), all of vmlinux
 * compiled by clang for BPF behind bpftool's vmlinux.h wrapper, and bad
 * input.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/btf.h>
#include <bpf/btf.h>
#include <bpf/libbpf_common.h>

#include "test.h"

/* as bpftool 7.1 prints it, "intconst" included (a qualifier above a tag) */
#define TAGS_WANT \
"struct tagged {\n"	\
"\tint __attribute__((btf_type_tag(\"user\"))) *up;\n"	\
"\tintconst  __attribute__((btf_type_tag(\"user\"))) c;\n"	\
"};\n"	\
"\n"

/* as bpftool 7.1 prints it */
#define IDENTS_WANT \
"enum first {\n\tSAME = 1,\n\tOTHER = 2,\n};\n\n"	\
"enum second {\n\tSAME___2 = 3,\n};\n\n"	\
"typedef int myint;\n\n"	\
"typedef int myint___2;\n\n"	\
"enum first___2 {\n\tTHIRD = 4,\n};\n\n"

/* Expected texts (the C ones equal the reference bpftool 7.1 output). */
#define KINDS_ALL_WANT \
"struct s1 {\n"	\
"\tint a;\n"	\
"\tchar *b;\n"	\
"};\n"	\
"\n"	\
"typedef struct s1 s1_t;\n"	\
"\n"	\
"enum e1 {\n"	\
"\tE_A = 0,\n"	\
"\tE_B = -1,\n"	\
"};\n"	\
"\n"	\
"enum e64 {\n"	\
"\tX_BIG = 1099511627776ULL,\n"	\
"\tX_SMALL = 2ULL,\n"	\
"};\n"	\
"\n"	\
"struct fwd_s;\n"	\
"\n"	\
"union u1 {\n"	\
"\tint a;\n"	\
"\tstruct fwd_s *p;\n"	\
"};\n"	\
"\n"	\
"struct s2 {\n"	\
"\tint arr[4];\n"	\
"\tconst volatile int cv;\n"	\
"\tint (*fn)(int a, char *b);\n"	\
"\tint bf1: 3;\n"	\
"\tint bf2: 5;\n"	\
"\tenum e1 e;\n"	\
"\tenum e64 big;\n"	\
"\tunion u1 u;\n"	\
"\tdouble d;\n"	\
"};\n"	\
"\n"

#define LAYOUTS_WANT \
"struct list;\n"	\
"\n"	\
"struct node {\n"	\
"\tstruct node *next;\n"	\
"\tstruct list *owner;\n"	\
"};\n"	\
"\n"	\
"struct list {\n"	\
"\tstruct node *head;\n"	\
"\tstruct node first;\n"	\
"};\n"	\
"\n"	\
"struct dup {\n"	\
"\tint x;\n"	\
"};\n"	\
"\n"	\
"struct dup___2 {\n"	\
"\tlong int y;\n"	\
"};\n"	\
"\n"	\
"struct pk {\n"	\
"\tchar c;\n"	\
"\tint i;\n"	\
"} __attribute__((packed));\n"	\
"\n"	\
"struct pad {\n"	\
"\tint a;\n"	\
"\tlong: 0;\n"	\
"\tint b;\n"	\
"\tint bf: 4;\n"	\
"\tlong: 0;\n"	\
"\tchar c;\n"	\
"\tlong: 0;\n"	\
"};\n"	\
"\n"	\
"typedef struct node node_t;\n"	\
"\n"	\
"struct outer {\n"	\
"\tunion {\n"	\
"\t\tstruct {\n"	\
"\t\t\tint x;\n"	\
"\t\t\tint y;\n"	\
"\t\t};\n"	\
"\t\tlong int l;\n"	\
"\t} u;\n"	\
"\tvoid (*fps[2])(int);\n"	\
"\tnode_t *tn;\n"	\
"\tstruct dup d1;\n"	\
"\tstruct dup___2 d2;\n"	\
"\tenum {\n"	\
"\t\tAE_ONE = 1,\n"	\
"\t} e;\n"	\
"\tchar m[2][3];\n"	\
"\tconst char *s;\n"	\
"};\n"	\
"\n"	\
"struct holder {\n"	\
"\tstruct pk p;\n"	\
"\tstruct pad q;\n"	\
"};\n"	\
"\n"

#define DATA_DEFAULT \
"(rec_t){\n"	\
"\t.a = (int)1,\n"	\
"\t.u = (unsigned int)0x5,\n"	\
"\t.v = (unsigned int)0x3,\n"	\
"\t.c = (enum color)GREEN,\n"	\
"\t.name = (char[6])[\n"	\
"\t\t'a',\n"	\
"\t\t'b',\n"	\
"\t],\n"	\
"\t.arr = (int[3])[\n"	\
"\t\t0,\n"	\
"\t\t7,\n"	\
"\t\t0,\n"	\
"\t],\n"	\
"}"

#define DATA_COMPACT \
"(struct rec){.a = (int)1,.u = (unsigned int)0x5,.v = (unsigned int)0x3,.c = (enum color)GREEN,.name = (char[6])['a','b',],.arr = (int[3])[0,7,0,],}"

#define DATA_SKIP \
"{1,0x5,0x3,GREEN,['a','b',],[0,7,0,],}"

#define DATA_ZEROES \
"  (struct rec){\n"	\
"    .a = (int)1,\n"	\
"    .u = (unsigned int)0x5,\n"	\
"    .v = (unsigned int)0x3,\n"	\
"    .c = (enum color)GREEN,\n"	\
"    .name = (char[6])[\n"	\
"      'a',\n"	\
"      'b',\n"	\
"      '\\0',\n"	\
"    ],\n"	\
"    .arr = (int[3])[\n"	\
"      0,\n"	\
"      7,\n"	\
"      0,\n"	\
"    ],\n"	\
"    .in = (struct inner){\n"	\
"      .x = (int)0,\n"	\
"      .y = (int)0,\n"	\
"    },\n"	\
"    .p = (char *)(nil),\n"	\
"  }"

#define DATA_NAME \
"(char[6])[\n"	\
"\t'h',\n"	\
"\t'i',\n"	\
"]"


struct membuf {
	char *buf;
	size_t len;
	FILE *f;
};

static void to_file(void *ctx, const char *fmt, va_list args)
{
	vfprintf(ctx, fmt, args);
}

static void mb_open(struct membuf *m)
{
	m->buf = NULL;
	m->len = 0;
	m->f = open_memstream(&m->buf, &m->len);
}

static char *mb_close(struct membuf *m)
{
	fclose(m->f);
	return m->buf;
}

/* Every type of btf, in id order, as one string (caller frees). */
static char *dump_all(const struct btf *btf)
{
	struct btf_dump *d;
	struct membuf m;
	__u32 i, n = btf__type_cnt(btf);

	mb_open(&m);
	d = btf_dump__new(btf, to_file, m.f, NULL);
	if (!d) {
		free(mb_close(&m));
		return NULL;
	}
	for (i = 1; i < n; i++)
		if (btf_dump__dump_type(d, i))
			break;
	btf_dump__free(d);
	return mb_close(&m);
}

static char *dump_one(const struct btf *btf, __u32 id)
{
	struct btf_dump *d;
	struct membuf m;

	mb_open(&m);
	d = btf_dump__new(btf, to_file, m.f, NULL);
	if (d)
		btf_dump__dump_type(d, id);
	btf_dump__free(d);
	return mb_close(&m);
}

/* For checking expectations against the reference while writing tests. */
static void save_raw(const struct btf *btf, const char *name)
{
	const char *dir = getenv("BTF_DUMP_SAVE_DIR");
	char path[512];
	const void *raw;
	__u32 sz;
	FILE *f;

	if (!dir)
		return;
	raw = btf__raw_data(btf, &sz);
	snprintf(path, sizeof(path), "%s/%s.btf", dir, name);
	f = fopen(path, "w");
	if (!f)
		return;
	fwrite(raw, 1, sz, f);
	fclose(f);
}

#define EXPECT_TEXT(got, want)						\
	do {								\
		char *__g = (got);					\
		bool __ok = __g && !strcmp(__g, (want));		\
		if (!__ok)						\
			fprintf(stderr, "--- got:\n%s\n--- want:\n%s\n", \
				__g ? __g : "(null)", (want));		\
		free(__g);						\
		if (!__ok)	/* go on: show every difference */	\
			test_fail_at(__FILE__, __LINE__, "dump text differs"); \
	} while (0)

TEST(btf_dump_kinds)
{
	struct btf *b = btf__new_empty();
	int i_int, i_char, i_cptr, s1, e1, e64, arr, cint, cvint, proto, fptr;
	int s2, fwd, fwdp, u1, flt;

	ASSERT_PTR(b);
	i_int = btf__add_int(b, "int", 4, BTF_INT_SIGNED);
	i_char = btf__add_int(b, "char", 1, BTF_INT_SIGNED);
	i_cptr = btf__add_ptr(b, i_char);
	s1 = btf__add_struct(b, "s1", 16);
	btf__add_field(b, "a", i_int, 0, 0);
	btf__add_field(b, "b", i_cptr, 64, 0);
	btf__add_typedef(b, "s1_t", s1);
	e1 = btf__add_enum(b, "e1", 4);
	btf__add_enum_value(b, "E_A", 0);
	btf__add_enum_value(b, "E_B", -1);
	e64 = btf__add_enum64(b, "e64", 8, false);
	btf__add_enum64_value(b, "X_BIG", 1ULL << 40);
	btf__add_enum64_value(b, "X_SMALL", 2);
	arr = btf__add_array(b, i_int, i_int, 4);
	cint = btf__add_const(b, i_int);
	cvint = btf__add_volatile(b, cint);
	proto = btf__add_func_proto(b, i_int);
	btf__add_func_param(b, "a", i_int);
	btf__add_func_param(b, "b", i_cptr);
	fptr = btf__add_ptr(b, proto);
	fwd = btf__add_fwd(b, "fwd_s", BTF_FWD_STRUCT);
	fwdp = btf__add_ptr(b, fwd);
	u1 = btf__add_union(b, "u1", 8);
	btf__add_field(b, "a", i_int, 0, 0);
	btf__add_field(b, "p", fwdp, 0, 0);
	flt = btf__add_float(b, "double", 8);
	s2 = btf__add_struct(b, "s2", 64);
	btf__add_field(b, "arr", arr, 0, 0);
	btf__add_field(b, "cv", cvint, 128, 0);
	btf__add_field(b, "fn", fptr, 192, 0);
	btf__add_field(b, "bf1", i_int, 256, 3);
	btf__add_field(b, "bf2", i_int, 259, 5);
	btf__add_field(b, "e", e1, 288, 0);
	btf__add_field(b, "big", e64, 320, 0);
	btf__add_field(b, "u", u1, 384, 0);
	btf__add_field(b, "d", flt, 448, 0);
	ASSERT_GT(s2, 0);
	save_raw(b, "kinds");

	EXPECT_TEXT(dump_one(b, s2),
"enum e1 {\n"
"\tE_A = 0,\n"
"\tE_B = -1,\n"
"};\n\n"
"enum e64 {\n"
"\tX_BIG = 1099511627776ULL,\n"
"\tX_SMALL = 2ULL,\n"
"};\n\n"
"struct fwd_s;\n\n"
"union u1 {\n"
"\tint a;\n"
"\tstruct fwd_s *p;\n"
"};\n\n"
"struct s2 {\n"
"\tint arr[4];\n"
"\tconst volatile int cv;\n"
"\tint (*fn)(int a, char *b);\n"
"\tint bf1: 3;\n"
"\tint bf2: 5;\n"
"\tenum e1 e;\n"
"\tenum e64 big;\n"
"\tunion u1 u;\n"
"\tdouble d;\n"
"};\n\n");
	/* everything else, each type once */
	EXPECT_TEXT(dump_all(b), KINDS_ALL_WANT);
	btf__free(b);
}

/*
 * Layouts: cycles through pointers (forward declarations), name conflicts,
 * packed structs, explicit padding, anonymous nested types, arrays of
 * function pointers, typedefs used before their struct is complete.
 */
TEST(btf_dump_layouts)
{
	struct btf *b = btf__new_empty();
	int i_int, i_char, i_long, node, list, pnode, plist, dup1, dup2;
	int pk, pad, anon_s, anon_u, outer, proto, pproto, arr_fp, tdn, ptdn;
	int anon_e, holder, arr2, arr23, pcc, cc;

	ASSERT_PTR(b);
	i_int = btf__add_int(b, "int", 4, BTF_INT_SIGNED);		/* 1 */
	i_char = btf__add_int(b, "char", 1, BTF_INT_SIGNED);		/* 2 */
	i_long = btf__add_int(b, "long int", 8, BTF_INT_SIGNED);	/* 3 */
	/* pointers made to void, then aimed forward: the cycle node <-> list */
	pnode = btf__add_ptr(b, 0);					/* 4 */
	node = btf__add_struct(b, "node", 16);				/* 5 */
	btf__add_field(b, "next", pnode, 0, 0);
	btf__add_field(b, "owner", pnode, 64, 0);	/* re-aimed below */
	list = btf__add_struct(b, "list", 24);				/* 6 */
	btf__add_field(b, "head", pnode, 0, 0);
	btf__add_field(b, "first", node, 64, 0);
	plist = btf__add_ptr(b, 0);					/* 7 */
	((struct btf_type *)btf__type_by_id(b, pnode))->type = node;
	((struct btf_type *)btf__type_by_id(b, plist))->type = list;
	btf_members(btf__type_by_id(b, node))[1].type = plist;
	dup1 = btf__add_struct(b, "dup", 4);
	btf__add_field(b, "x", i_int, 0, 0);
	dup2 = btf__add_struct(b, "dup", 8);
	btf__add_field(b, "y", i_long, 0, 0);
	pk = btf__add_struct(b, "pk", 5);
	btf__add_field(b, "c", i_char, 0, 0);
	btf__add_field(b, "i", i_int, 8, 0);
	pad = btf__add_struct(b, "pad", 24);
	btf__add_field(b, "a", i_int, 0, 0);
	btf__add_field(b, "b", i_int, 64, 0);
	btf__add_field(b, "bf", i_int, 96, 4);
	btf__add_field(b, "c", i_char, 128, 0);
	anon_s = btf__add_struct(b, NULL, 8);
	btf__add_field(b, "x", i_int, 0, 0);
	btf__add_field(b, "y", i_int, 32, 0);
	anon_u = btf__add_union(b, NULL, 8);
	btf__add_field(b, NULL, anon_s, 0, 0);
	btf__add_field(b, "l", i_long, 0, 0);
	proto = btf__add_func_proto(b, 0);
	btf__add_func_param(b, NULL, i_int);
	pproto = btf__add_ptr(b, proto);
	arr_fp = btf__add_array(b, i_int, pproto, 2);
	tdn = btf__add_typedef(b, "node_t", node);
	ptdn = btf__add_ptr(b, tdn);
	anon_e = btf__add_enum(b, NULL, 4);
	btf__add_enum_value(b, "AE_ONE", 1);
	arr2 = btf__add_array(b, i_int, i_char, 3);
	arr23 = btf__add_array(b, i_int, arr2, 2);
	cc = btf__add_const(b, i_char);
	pcc = btf__add_ptr(b, cc);
	outer = btf__add_struct(b, "outer", 64);
	btf__add_field(b, "u", anon_u, 0, 0);
	btf__add_field(b, "fps", arr_fp, 64, 0);
	btf__add_field(b, "tn", ptdn, 192, 0);
	btf__add_field(b, "d1", dup1, 256, 0);
	btf__add_field(b, "d2", dup2, 320, 0);
	btf__add_field(b, "e", anon_e, 384, 0);
	btf__add_field(b, "m", arr23, 416, 0);
	btf__add_field(b, "s", pcc, 512, 0);
	holder = btf__add_struct(b, "holder", 16);
	btf__add_field(b, "p", pk, 0, 0);
	btf__add_field(b, "q", pad, 64, 0);
	ASSERT_GT(holder, 0);
	(void)plist;
	(void)outer;
	save_raw(b, "layouts");

	EXPECT_TEXT(dump_all(b), LAYOUTS_WANT);
	btf__free(b);
}

/* ---- btf_dump__dump_type_data ---- */

enum { D_INT = 1, D_CHAR, D_UINT, D_ULL, D_PCHAR, D_NAME, D_COLOR, D_ARR,
       D_INNER, D_REC, D_REC_T, D_DBL };

static struct btf *data_btf(void)
{
	struct btf *b = btf__new_empty();

	if (!b)
		return NULL;
	btf__add_int(b, "int", 4, BTF_INT_SIGNED);
	btf__add_int(b, "char", 1, BTF_INT_SIGNED);
	btf__add_int(b, "unsigned int", 4, 0);
	btf__add_int(b, "long long unsigned int", 8, 0);
	btf__add_ptr(b, D_CHAR);
	btf__add_array(b, D_INT, D_CHAR, 6);
	btf__add_enum(b, "color", 4);
	btf__add_enum_value(b, "RED", 0);
	btf__add_enum_value(b, "GREEN", 1);
	btf__add_enum_value(b, "BLUE", 2);
	btf__add_array(b, D_INT, D_INT, 3);
	btf__add_struct(b, "inner", 8);
	btf__add_field(b, "x", D_INT, 0, 0);
	btf__add_field(b, "y", D_INT, 32, 0);
	btf__add_struct(b, "rec", 48);
	btf__add_field(b, "a", D_INT, 0, 0);
	btf__add_field(b, "u", D_UINT, 32, 3);
	btf__add_field(b, "v", D_UINT, 35, 5);
	btf__add_field(b, "c", D_COLOR, 64, 0);
	btf__add_field(b, "name", D_NAME, 96, 0);
	btf__add_field(b, "arr", D_ARR, 160, 0);
	btf__add_field(b, "in", D_INNER, 256, 0);
	btf__add_field(b, "p", D_PCHAR, 320, 0);
	btf__add_typedef(b, "rec_t", D_REC);
	if (btf__add_float(b, "double", 8) != D_DBL) {
		btf__free(b);
		return NULL;
	}
	return b;
}

struct rec_data {
	int a;
	unsigned int u: 3, v: 5;
	int c;
	char name[6];
	int arr[3];
	int in[2];
	char *p;
};

static char *dump_data(const struct btf *btf, __u32 id, const void *data,
		       size_t sz, const struct btf_dump_type_data_opts *o,
		       int *ret)
{
	struct btf_dump *d;
	struct membuf m;

	mb_open(&m);
	d = btf_dump__new(btf, to_file, m.f, NULL);
	*ret = d ? btf_dump__dump_type_data(d, id, data, sz, o) : -errno;
	btf_dump__free(d);
	return mb_close(&m);
}

TEST(btf_dump_data_struct)
{
	struct rec_data r = { .a = 1, .u = 5, .v = 3, .c = 1, .name = "ab",
			      .arr = { 0, 7, 0 } };
	LIBBPF_OPTS(btf_dump_type_data_opts, o);
	struct btf *b = data_btf();
	int ret;

	ASSERT_PTR(b);
	save_raw(b, "data");
	EXPECT_TEXT(dump_data(b, D_REC_T, &r, sizeof(r), &o, &ret), DATA_DEFAULT);
	ASSERT_EQ(ret, 48);
	o.compact = true;
	EXPECT_TEXT(dump_data(b, D_REC, &r, sizeof(r), &o, &ret), DATA_COMPACT);
	o.skip_names = true;
	EXPECT_TEXT(dump_data(b, D_REC, &r, sizeof(r), &o, &ret), DATA_SKIP);
	o.compact = false;
	o.skip_names = false;
	o.emit_zeroes = true;
	o.indent_str = "  ";
	o.indent_level = 1;
	EXPECT_TEXT(dump_data(b, D_REC, &r, sizeof(r), &o, &ret), DATA_ZEROES);
	ASSERT_EQ(ret, 48);
	btf__free(b);
}

TEST(btf_dump_data_scalars)
{
	LIBBPF_OPTS(btf_dump_type_data_opts, o);
	struct btf *b = data_btf();
	unsigned long long ull = 1234567890123ULL;
	int neg = -42, color = 2, odd = 9;
	double dbl = 1.5;
	int ret;

	ASSERT_PTR(b);
	EXPECT_TEXT(dump_data(b, D_INT, &neg, 4, &o, &ret), "(int)-42");
	ASSERT_EQ(ret, 4);
	EXPECT_TEXT(dump_data(b, D_ULL, &ull, 8, &o, &ret),
		    "(long long unsigned int)1234567890123");
	EXPECT_TEXT(dump_data(b, D_COLOR, &color, 4, &o, &ret),
		    "(enum color)BLUE");
	EXPECT_TEXT(dump_data(b, D_COLOR, &odd, 4, &o, &ret),
		    "(enum color)9");
	EXPECT_TEXT(dump_data(b, D_DBL, &dbl, 8, &o, &ret),
		    "(double)1.500000");
	EXPECT_TEXT(dump_data(b, D_NAME, "hi", 3, &o, &ret), DATA_NAME);
	btf__free(b);
}

TEST(btf_dump_data_strings)
{
	LIBBPF_OPTS(btf_dump_type_data_opts, o, .emit_strings = true);
	struct rec_data r = { .a = 1, .name = "ab\x01" };
	char full[6] = { 'a', 'b', 'c', 'd', 'e', 'f' };
	struct btf *b = data_btf();
	int ret;

	ASSERT_PTR(b);
	EXPECT_TEXT(dump_data(b, D_NAME, "hi", 3, &o, &ret), "(char[6])\"hi\"");
	ASSERT_EQ(ret, 6);
	o.compact = true;
	EXPECT_TEXT(dump_data(b, D_REC, &r, sizeof(r), &o, &ret),
		    "(struct rec){.a = (int)1,.name = (char[6])\"ab\\x01\",}");
	/* no NUL inside the array: shown as an array after all */
	EXPECT_TEXT(dump_data(b, D_NAME, full, 6, &o, &ret),
		    "(char[6])['a','b','c','d','e','f',]");
	btf__free(b);
}

/* Variables and sections: "SEC(...) " then each variable as C. */
TEST(btf_dump_data_datasec)
{
	LIBBPF_OPTS(btf_dump_type_data_opts, o, .compact = true);
	struct btf *b = data_btf();
	int v1, v2, sec, ret;
	int vals[2] = { 7, 0 };

	ASSERT_PTR(b);
	v1 = btf__add_var(b, "counter", BTF_VAR_STATIC, D_INT);
	v2 = btf__add_var(b, "color_now", BTF_VAR_GLOBAL_ALLOCATED, D_COLOR);
	sec = btf__add_datasec(b, ".data", 8);
	btf__add_datasec_var_info(b, v1, 0, 4);
	btf__add_datasec_var_info(b, v2, 4, 4);
	ASSERT_GT(sec, 0);
	save_raw(b, "datasec");
	EXPECT_TEXT(dump_data(b, sec, vals, sizeof(vals), &o, &ret),
		    "SEC(\".data\") static int counter = (int)7;"
		    "enum color color_now = (enum color)RED;");
	ASSERT_EQ(ret, 8);
	btf__free(b);
}

TEST(btf_dump_data_bad_input)
{
	LIBBPF_OPTS(btf_dump_type_data_opts, o);
	struct btf *b = data_btf();
	struct rec_data r = { .a = 1 };
	struct {
		struct btf_dump_type_data_opts o;
		long extra;
	} big = { .o = { .sz = sizeof(big) }, .extra = 1 };
	struct btf_dump *d;
	int x = 1, ret;

	ASSERT_PTR(b);
	/* a scalar past the end of the data */
	free(dump_data(b, D_INT, &x, 2, &o, &ret));
	ASSERT_EQ(ret, -E2BIG);
	/* a struct cut short: what fits is shown, then -E2BIG */
	free(dump_data(b, D_REC, &r, 8, &o, &ret));
	ASSERT_EQ(ret, -E2BIG);
	free(dump_data(b, 999, &x, 4, &o, &ret));
	ASSERT_EQ(ret, -ENOENT);
	ASSERT_LOG("btf_dump: type id 999");

	d = btf_dump__new(b, to_file, stderr, NULL);
	ASSERT_PTR(d);
	ASSERT_ERR(btf_dump__dump_type_data(d, D_INT, &x, 4,
			(struct btf_dump_type_data_opts *)&big), -EINVAL);
	ASSERT_ERR(btf_dump__dump_type_data(d, D_INT, NULL, 4, &o), -EINVAL);
	btf_dump__free(d);
	btf__free(b);
}

/* ---- all of vmlinux, compiled ---- */

static const char vmlinux_prog[] =
	"#include \"vmlinux.h\"\n"
	"#define SEC(n) __attribute__((section(n), used))\n"
	"SEC(\"tp_btf/sched_switch\")\n"
	"int on_switch(unsigned long long *ctx)\n"
	"{\n"
	"\tstruct task_struct *t = (void *)ctx[1];\n"
	"\treturn t->pid + t->tgid + t->real_parent->pid +\n"
	"\t       (int)t->comm[0] + (int)t->mm->total_vm;\n"
	"}\n"
	"char LICENSE[] SEC(\"license\") = \"GPL\";\n";

TEST(btf_dump_vmlinux_compiles)
{
	char dir[] = "/tmp/bpfkit_btfdump_XXXXXX", path[256], cmd[1024];
	struct btf_dump *d;
	struct btf *vml;
	__u32 i, n;
	FILE *f;
	int err = 0, rc;

	if (access("/sys/kernel/btf/vmlinux", R_OK))
		TEST_SKIP("no /sys/kernel/btf/vmlinux");
	if (system("command -v clang >/dev/null 2>&1"))
		TEST_SKIP("no clang");
	vml = btf__parse("/sys/kernel/btf/vmlinux", NULL);
	ASSERT_PTR(vml);
	ASSERT_PTR(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/vmlinux.h", dir);
	f = fopen(path, "w");
	ASSERT_PTR(f);
	/* the wrapper bpftool puts around "btf dump ... format c" */
	fprintf(f, "#ifndef __VMLINUX_H__\n#define __VMLINUX_H__\n\n"
		"#ifndef BPF_NO_PRESERVE_ACCESS_INDEX\n"
		"#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)\n"
		"#endif\n\n");
	d = btf_dump__new(vml, to_file, f, NULL);
	ASSERT_PTR(d);
	n = btf__type_cnt(vml);
	for (i = 1; i < n && !err; i++)
		err = btf_dump__dump_type(d, i);
	btf_dump__free(d);
	fprintf(f, "#ifndef BPF_NO_PRESERVE_ACCESS_INDEX\n"
		"#pragma clang attribute pop\n#endif\n\n"
		"#endif /* __VMLINUX_H__ */\n");
	fclose(f);
	btf__free(vml);
	ASSERT_OK(err);

	snprintf(path, sizeof(path), "%s/prog.bpf.c", dir);
	f = fopen(path, "w");
	ASSERT_PTR(f);
	fputs(vmlinux_prog, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd),
		 "clang -target bpf -O2 -g -Wall -Werror -c %s/prog.bpf.c -o %s/prog.o 2>&1",
		 dir, dir);
	rc = system(cmd);
	if (!rc && access("/usr/sbin/bpftool", X_OK) == 0) {
		/* side by side with the reference, for the log */
		snprintf(cmd, sizeof(cmd),
			 "/usr/sbin/bpftool btf dump file /sys/kernel/btf/vmlinux format c > %s/ref.h 2>/dev/null && "
			 "echo \"vmlinux.h: $(diff %s/ref.h %s/vmlinux.h | grep -c '^<') of $(wc -l < %s/ref.h) lines differ from bpftool 7.1\" >&2",
			 dir, dir, dir, dir);
		if (system(cmd))
			fprintf(stderr, "no reference comparison\n");
	}
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd))
		fprintf(stderr, "could not remove %s\n", dir);
	ASSERT_EQ(rc, 0);
}

/* ---- bad input ---- */

TEST(btf_dump_bad_input)
{
	struct btf *b = btf__new_empty();
	struct {
		struct btf_dump_opts o;
		long extra;
	} big = { .o = { .sz = sizeof(big) }, .extra = 1 };
	struct {
		struct btf_dump_emit_type_decl_opts o;
		long extra;
	} bigd = { .o = { .sz = sizeof(bigd) }, .extra = 1 };
	struct btf_dump *d;
	int p;

	ASSERT_PTR(b);
	ASSERT_NULL_ERR(btf_dump__new(NULL, to_file, stderr, NULL), -EINVAL);
	ASSERT_LOG("btf_dump: btf is NULL");
	ASSERT_NULL_ERR(btf_dump__new(b, NULL, stderr, NULL), -EINVAL);
	ASSERT_NULL_ERR(btf_dump__new(b, to_file, stderr,
				      (struct btf_dump_opts *)&big), -EINVAL);
	ASSERT_LOG("btf_dump_opts: byte");
	btf_dump__free(NULL);

	btf__add_int(b, "int", 4, BTF_INT_SIGNED);
	p = btf__add_ptr(b, 1);
	d = btf_dump__new(b, to_file, stderr, NULL);
	ASSERT_PTR(d);
	ASSERT_ERR(btf_dump__dump_type(d, 100), -EINVAL);
	ASSERT_LOG("btf_dump: type id 100 out of range");
	ASSERT_ERR(btf_dump__dump_type(NULL, 1), -EINVAL);
	ASSERT_ERR(btf_dump__emit_type_decl(d, 100, NULL), -EINVAL);
	ASSERT_ERR(btf_dump__emit_type_decl(d, p,
			(struct btf_dump_emit_type_decl_opts *)&bigd), -EINVAL);
	btf_dump__free(d);
	btf__free(b);
}

static size_t count_str(const char *s, const char *needle)
{
	size_t n = 0;

	while (s && (s = strstr(s, needle))) {
		n++;
		s++;
	}
	return n;
}

/*
 * Corrupt BTF that asked for gigabytes of text (as fuzz inputs of a few KB
 * did):
 * a struct of 128 MB with 2,048 members 64 KB apart (a hole of 8,192
 * "long: 64;" lines before each), and anonymous structs nested 40 deep,
 * each with two pointers to the next (2^40 inline definitions), and the
 * same with function prototypes.  All now print a bounded text: the holes
 * past a megabyte of padding as byte arrays, the anonymous types past a
 * budget as "struct {}", the prototypes as "(void)".
 */
TEST(btf_dump_corrupt_bounded)
{
	struct btf *b = btf__new_empty();
	int i, i_int, huge, top, ptr = 0;
	char *text;
	size_t len, pads;

	ASSERT_PTR(b);
	i_int = btf__add_int(b, "int", 4, BTF_INT_SIGNED);
	ASSERT_GT(i_int, 0);
	huge = btf__add_struct(b, "huge", 1U << 27);
	ASSERT_GT(huge, 0);
	for (i = 0; i < 2048; i++)
		ASSERT_OK(btf__add_field(b, NULL, i_int, (__u32)i << 19, 0));
	text = dump_one(b, huge);
	ASSERT_PTR(text);
	len = strlen(text);
	pads = count_str(text, "\tchar __pad_");
	/* 16 holes (1 MB) as lines, the 2,031 others and the tail as arrays */
	ASSERT_TRUE_MSG(len < (4 << 20), "huge struct: %zu bytes of text", len);
	ASSERT_EQ(pads, 2032);
	ASSERT_TRUE(strstr(text, "\tchar __pad_1048580[65532];\n") != NULL);
	ASSERT_TRUE(strstr(text, "\tchar __pad_134152196[65532];\n}") != NULL);
	free(text);

	for (i = 0; i < 40; i++) {
		int s = btf__add_struct(b, NULL, i ? 16 : 4);

		ASSERT_GT(s, 0);
		if (i) {
			ASSERT_OK(btf__add_field(b, "l", ptr, 0, 0));
			ASSERT_OK(btf__add_field(b, "r", ptr, 64, 0));
		} else {
			ASSERT_OK(btf__add_field(b, "x", i_int, 0, 0));
		}
		ptr = btf__add_ptr(b, s);
		ASSERT_GT(ptr, 0);
	}
	top = btf__add_struct(b, "top", 16);
	ASSERT_GT(top, 0);
	ASSERT_OK(btf__add_field(b, "l", ptr, 0, 0));
	ASSERT_OK(btf__add_field(b, "r", ptr, 64, 0));
	text = dump_one(b, top);
	ASSERT_PTR(text);
	len = strlen(text);
	ASSERT_TRUE_MSG(len < (4 << 20), "nested anonymous: %zu bytes", len);
	ASSERT_GT(count_str(text, "struct {}"), 0);
	ASSERT_LOG("too many anonymous types or prototypes printed inline, cut");
	free(text);

	/* the same with prototypes taking two pointers to the next one */
	ptr = btf__add_ptr(b, i_int);
	for (i = 0; i < 40; i++) {
		int p = btf__add_func_proto(b, i_int);

		ASSERT_GT(p, 0);
		ASSERT_OK(btf__add_func_param(b, "l", ptr));
		ASSERT_OK(btf__add_func_param(b, "r", ptr));
		ptr = btf__add_ptr(b, p);
		ASSERT_GT(ptr, 0);
	}
	top = btf__add_typedef(b, "fn_t", ptr);
	ASSERT_GT(top, 0);
	text = dump_one(b, top);
	ASSERT_PTR(text);
	len = strlen(text);
	ASSERT_TRUE_MSG(len < (4 << 20), "nested prototypes: %zu bytes", len);
	ASSERT_GT(count_str(text, "(void)"), 0);
	free(text);
	btf__free(b);
}

/* Types added after the btf_dump was made are picked up; each printed once. */
TEST(btf_dump_incremental)
{
	LIBBPF_OPTS(btf_dump_emit_type_decl_opts, o, .field_name = "f");
	struct btf *b = btf__new_empty();
	struct btf_dump *d;
	struct membuf m;
	int s, c, pc;

	ASSERT_PTR(b);
	btf__add_int(b, "int", 4, BTF_INT_SIGNED);
	mb_open(&m);
	d = btf_dump__new(b, to_file, m.f, NULL);
	ASSERT_PTR(d);
	s = btf__add_struct(b, "late", 4);
	btf__add_field(b, "x", 1, 0, 0);
	ASSERT_OK(btf_dump__dump_type(d, s));
	ASSERT_OK(btf_dump__dump_type(d, s));
	c = btf__add_const(b, s);
	pc = btf__add_ptr(b, c);
	ASSERT_OK(btf_dump__emit_type_decl(d, pc, &o));
	fputs("|", m.f);
	o.strip_mods = true;
	ASSERT_OK(btf_dump__emit_type_decl(d, pc, &o));
	btf_dump__free(d);
	btf__free(b);
	EXPECT_TEXT(mb_close(&m),
		    "struct late {\n\tint x;\n};\n\n"
		    "const struct late *f|struct late *f");
}

/* Type tags print as attributes where they sit; decl tags do not print. */
TEST(btf_dump_type_tags)
{
	struct btf *b = btf__new_empty();
	int i, tag, p, s, ctag;

	ASSERT_PTR(b);
	i = btf__add_int(b, "int", 4, BTF_INT_SIGNED);
	tag = btf__add_type_tag(b, "user", i);
	p = btf__add_ptr(b, tag);
	ctag = btf__add_const(b, tag);
	s = btf__add_struct(b, "tagged", 16);
	btf__add_field(b, "up", p, 0, 0);
	btf__add_field(b, "c", ctag, 64, 0);
	btf__add_decl_tag(b, "noted", s, 0);
	ASSERT_GT(s, 0);
	save_raw(b, "tags");
	EXPECT_TEXT(dump_all(b), TAGS_WANT);
	btf__free(b);
}

/* Two structs embedding each other cannot be written in C. */
TEST(btf_dump_impossible_cycle)
{
	struct btf *b = btf__new_empty();
	struct btf_dump *d;
	int i, sa, sb;

	ASSERT_PTR(b);
	i = btf__add_int(b, "int", 4, BTF_INT_SIGNED);
	sa = btf__add_struct(b, "a", 8);
	btf__add_field(b, "i", i, 0, 0);
	btf__add_field(b, "inner", i, 32, 0);	/* re-aimed below */
	sb = btf__add_struct(b, "b", 8);
	btf__add_field(b, "outer", sa, 0, 0);
	btf_members(btf__type_by_id(b, sa))[1].type = sb;
	d = btf_dump__new(b, to_file, stderr, NULL);
	ASSERT_PTR(d);
	ASSERT_ERR(btf_dump__dump_type(d, sa), -ELOOP);
	ASSERT_LOG("unsatisfiable type cycle");
	btf_dump__free(d);
	btf__free(b);
}

/* Split BTF: dumping a split type prints the base types it needs. */
TEST(btf_dump_split)
{
	struct btf *base = btf__new_empty(), *split;
	int i, s, u;

	ASSERT_PTR(base);
	i = btf__add_int(base, "int", 4, BTF_INT_SIGNED);
	s = btf__add_struct(base, "in_base", 4);
	btf__add_field(base, "x", i, 0, 0);
	split = btf__new_empty_split(base);
	ASSERT_PTR(split);
	u = btf__add_struct(split, "in_split", 8);
	btf__add_field(split, "b", s, 0, 0);
	btf__add_field(split, "y", i, 32, 0);
	EXPECT_TEXT(dump_one(split, u),
		    "struct in_base {\n\tint x;\n};\n\n"
		    "struct in_split {\n\tstruct in_base b;\n\tint y;\n};\n\n");
	btf__free(split);
	btf__free(base);
}

/* Enumerators and typedefs share C's identifier name space: ___N there too. */
TEST(btf_dump_ident_conflicts)
{
	struct btf *b = btf__new_empty();
	int i;

	ASSERT_PTR(b);
	i = btf__add_int(b, "int", 4, BTF_INT_SIGNED);
	btf__add_enum(b, "first", 4);
	btf__add_enum_value(b, "SAME", 1);
	btf__add_enum_value(b, "OTHER", 2);
	btf__add_enum(b, "second", 4);
	btf__add_enum_value(b, "SAME", 3);
	btf__add_typedef(b, "myint", i);
	btf__add_typedef(b, "myint", i);
	btf__add_enum(b, "first", 4);		/* a second "enum first" */
	btf__add_enum_value(b, "THIRD", 4);
	save_raw(b, "idents");
	EXPECT_TEXT(dump_all(b), IDENTS_WANT);
	btf__free(b);
}
