// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * CO-RE against synthetic BTFs: a local BTF as a compiler would emit it,
 * target BTFs written with btf__add_*() that move, rename, widen and drop
 * things, relocation records built by hand, and the instructions checked
 * after patching.
 */
#include <stdlib.h>
#include <unistd.h>
#include <sys/stat.h>
#include <linux/btf.h>
#include <bpf/btf.h>

#include "core/core.h"
#include "core/core_internal.h"
#include "test.h"

/* Local ids (see local_btf()). */
enum {
	L_INT = 1, L_UINT, L_LONG, L_ARR, L_SAMPLE, L_PTR, L_COLOR, L_TDEF,
	L_BIG, L_GONE, L_SAMPLE_V2, L_ULONG_CNT,
};

static struct btf *local_btf(void)
{
	struct btf *b = btf__new_empty();

	if (!b)
		return NULL;
	btf__add_int(b, "int", 4, BTF_INT_SIGNED);		/* 1 */
	btf__add_int(b, "unsigned int", 4, 0);			/* 2 */
	btf__add_int(b, "long", 8, BTF_INT_SIGNED);		/* 3 */
	btf__add_array(b, L_INT, L_INT, 4);			/* 4 */
	btf__add_struct(b, "sample", 48);			/* 5 */
	btf__add_field(b, "a", L_INT, 0, 0);
	btf__add_field(b, "b", L_LONG, 64, 0);
	btf__add_field(b, "bf", L_UINT, 128, 5);
	btf__add_field(b, "arr", L_ARR, 160, 0);
	btf__add_field(b, "cnt", L_UINT, 288, 0);
	btf__add_ptr(b, L_SAMPLE);				/* 6 */
	btf__add_enum(b, "color", 4);				/* 7 */
	btf__add_enum_value(b, "RED", 1);
	btf__add_enum_value(b, "GREEN", 2);
	btf__add_enum_value(b, "YELLOW", 3);
	btf__add_typedef(b, "sample_t", L_SAMPLE);		/* 8 */
	btf__add_enum64(b, "big", 8, false);			/* 9 */
	btf__add_enum64_value(b, "HUGE", 1ULL << 40);
	btf__add_struct(b, "gone", 4);				/* 10 */
	btf__add_field(b, "x", L_INT, 0, 0);
	btf__add_struct(b, "sample___v2", 8);			/* 11 */
	btf__add_field(b, "a", L_INT, 0, 0);
	btf__add_field(b, "zz", L_INT, 32, 0);
	return b;
}

/* The same struct moved around, as another kernel would have it. */
static struct btf *target_moved(void)
{
	struct btf *b = btf__new_empty();
	int i_int, i_uint, i_long, arr, cint, s;

	if (!b)
		return NULL;
	i_int = btf__add_int(b, "int", 4, BTF_INT_SIGNED);
	i_uint = btf__add_int(b, "unsigned int", 4, 0);
	i_long = btf__add_int(b, "long", 8, BTF_INT_SIGNED);
	btf__add_int(b, "unsigned long", 8, 0);
	arr = btf__add_array(b, i_int, i_int, 2);
	/* member type through typedef and modifiers: still an int */
	cint = btf__add_typedef(b, "s32", i_int);
	cint = btf__add_const(b, cint);
	cint = btf__add_volatile(b, cint);
	s = btf__add_struct(b, "sample", 64);
	btf__add_field(b, "b", i_long, 0, 0);
	btf__add_field(b, "pad", i_int, 64, 0);
	btf__add_field(b, "a", cint, 96, 0);
	btf__add_field(b, "bf", i_uint, 200, 9);
	btf__add_field(b, "arr", arr, 256, 0);
	btf__add_field(b, "cnt", i_uint, 320, 0);
	btf__add_enum(b, "color", 4);
	btf__add_enum_value(b, "GREEN", 7);
	btf__add_enum_value(b, "RED", 1);
	btf__add_enum_value(b, "BLUE", 3);
	btf__add_typedef(b, "sample_t", s);
	btf__add_enum64(b, "big", 8, false);
	btf__add_enum64_value(b, "HUGE", 1ULL << 41);
	(void)i_uint;
	return b;
}

static struct bpf_core_relo relo(struct btf *local, __u32 type_id,
				 const char *acc, enum bpf_core_relo_kind kind)
{
	struct bpf_core_relo r = {
		.insn_off = 0, .type_id = type_id,
		.access_str_off = (__u32)btf__add_str(local, acc), .kind = kind,
	};
	return r;
}

static struct bpf_insn mov_imm(__s32 imm)
{
	return (struct bpf_insn){ .code = BPF_ALU64 | BPF_MOV | BPF_K,
				  .dst_reg = 0, .imm = imm };
}

static void ldimm64(struct bpf_insn *insn, __u64 v)
{
	memset(insn, 0, 2 * sizeof(*insn));
	insn[0].code = BPF_LD | BPF_IMM | BPF_DW;
	insn[0].imm = (__s32)(__u32)v;
	insn[1].imm = (__s32)(__u32)(v >> 32);
}

static __u64 ldimm64_val(const struct bpf_insn *insn)
{
	return (__u64)(__u32)insn[0].imm | ((__u64)(__u32)insn[1].imm << 32);
}

struct fixture {
	struct btf *local, *targ;
	struct core_target *t;
};

static bool fixture_init(struct fixture *f, struct btf *targ)
{
	f->local = local_btf();
	f->targ = targ;
	f->t = f->local && f->targ ? core_target_get(NULL, f->targ) : NULL;
	return f->t != NULL;
}

static void fixture_fini(struct fixture *f)
{
	core_target_put(f->t);
	btf__free(f->targ);
	btf__free(f->local);
}

/* Relocate a "r0 = imm" and return the new imm (or poison marker). */
static int alu_case(struct fixture *f, __u32 type, const char *acc,
		    enum bpf_core_relo_kind kind, __s32 orig, __s32 *out,
		    struct core_failure *why)
{
	struct bpf_core_relo r = relo(f->local, type, acc, kind);
	struct bpf_insn insn = mov_imm(orig);
	int err = core_apply_relo(f->t, f->local, &r, &insn, 1, 0, why);

	*out = insn.code == (BPF_JMP | BPF_CALL) ? -999 : insn.imm;
	return err;
}

#define ALU_EXPECT(f, type, acc, kind, orig, expect)			\
	do {								\
		struct core_failure __w;				\
		__s32 __v;						\
		ASSERT_OK(alu_case(f, type, acc, kind, orig, &__v, &__w)); \
		ASSERT_TRUE_MSG(__v == (expect), "%s %s: got %d, want %d (%s)", \
				#kind, acc, __v, (int)(expect), __w.reason); \
	} while (0)

TEST(core_field_offsets_moved)
{
	struct fixture f;

	ASSERT_TRUE(fixture_init(&f, target_moved()));
	ALU_EXPECT(&f, L_SAMPLE, "0:0", BPF_CORE_FIELD_BYTE_OFFSET, 0, 12);
	ALU_EXPECT(&f, L_SAMPLE, "0:1", BPF_CORE_FIELD_BYTE_OFFSET, 8, 0);
	ALU_EXPECT(&f, L_SAMPLE, "0:1", BPF_CORE_FIELD_BYTE_SIZE, 8, 8);
	ALU_EXPECT(&f, L_SAMPLE, "0:0", BPF_CORE_FIELD_EXISTS, 1, 1);
	ALU_EXPECT(&f, L_SAMPLE, "0:0", BPF_CORE_FIELD_SIGNED, 1, 1);
	ALU_EXPECT(&f, L_SAMPLE, "0:4", BPF_CORE_FIELD_SIGNED, 0, 0);
	/* arr[1]: 20 + 4 locally, 32 + 4 in the target */
	ALU_EXPECT(&f, L_SAMPLE, "0:3:1", BPF_CORE_FIELD_BYTE_OFFSET, 24, 36);
	/* through the typedef, and the root used as an array: s[1].a */
	ALU_EXPECT(&f, L_TDEF, "1:0", BPF_CORE_FIELD_BYTE_OFFSET, 48, 76);
	fixture_fini(&f);
}

TEST(core_field_missing_poisons_but_exists_is_zero)
{
	struct fixture f;
	struct core_failure why;
	__s32 v;

	ASSERT_TRUE(fixture_init(&f, target_moved()));
	/* sample___v2 is a flavor of sample; the target lacks 'zz' */
	ALU_EXPECT(&f, L_SAMPLE_V2, "0:0", BPF_CORE_FIELD_BYTE_OFFSET, 0, 12);
	ALU_EXPECT(&f, L_SAMPLE_V2, "0:1", BPF_CORE_FIELD_EXISTS, 1, 0);
	ASSERT_OK(alu_case(&f, L_SAMPLE_V2, "0:1", BPF_CORE_FIELD_BYTE_OFFSET, 4,
			   &v, &why));
	ASSERT_EQ(v, -999);
	ASSERT_TRUE(why.poisoned);
	ASSERT_EQ(why.err, 0);
	ASSERT_TRUE_MSG(strstr(why.reason, "no field 'zz'"), "reason: %s", why.reason);
	ASSERT_TRUE_MSG(strstr(why.access_spec, "sample___v2.zz"), "spec: %s",
			why.access_spec);
	/* arr[3] is past the target's 2 elements */
	ASSERT_OK(alu_case(&f, L_SAMPLE, "0:3:3", BPF_CORE_FIELD_BYTE_OFFSET, 32,
			   &v, &why));
	ASSERT_EQ(v, -999);
	ASSERT_TRUE(why.poisoned);
	fixture_fini(&f);
}

TEST(core_bitfield_moved_and_widened)
{
	struct fixture f;
	struct btf *t2;
	int u, s;

	ASSERT_TRUE(fixture_init(&f, target_moved()));
	/* local bf: 5 bits at bit 128 of a u32: byte 16, shifts 59/59 */
	ALU_EXPECT(&f, L_SAMPLE, "0:2", BPF_CORE_FIELD_BYTE_OFFSET, 16, 24);
	ALU_EXPECT(&f, L_SAMPLE, "0:2", BPF_CORE_FIELD_BYTE_SIZE, 4, 4);
	ALU_EXPECT(&f, L_SAMPLE, "0:2", BPF_CORE_FIELD_LSHIFT_U64, 59, 47);
	ALU_EXPECT(&f, L_SAMPLE, "0:2", BPF_CORE_FIELD_RSHIFT_U64, 59, 55);
	ALU_EXPECT(&f, L_SAMPLE, "0:2", BPF_CORE_FIELD_SIGNED, 0, 0);
	fixture_fini(&f);

	/* 9 bits at bit 30 straddle a u32: an 8-byte load at 0 is needed */
	t2 = btf__new_empty();
	ASSERT_PTR(t2);
	u = btf__add_int(t2, "unsigned int", 4, 0);
	s = btf__add_struct(t2, "sample", 8);
	btf__add_field(t2, "bf", u, 30, 9);
	ASSERT_GT(s, 0);
	ASSERT_TRUE(fixture_init(&f, t2));
	ALU_EXPECT(&f, L_SAMPLE, "0:2", BPF_CORE_FIELD_BYTE_OFFSET, 16, 0);
	ALU_EXPECT(&f, L_SAMPLE, "0:2", BPF_CORE_FIELD_BYTE_SIZE, 4, 8);
	ALU_EXPECT(&f, L_SAMPLE, "0:2", BPF_CORE_FIELD_LSHIFT_U64, 59, 25);
	ALU_EXPECT(&f, L_SAMPLE, "0:2", BPF_CORE_FIELD_RSHIFT_U64, 59, 55);
	fixture_fini(&f);
}

TEST(core_load_store_offsets_and_sizes)
{
	struct fixture f;
	struct core_failure why;
	struct bpf_core_relo r;
	struct bpf_insn insn;
	struct btf *t2;
	int i_int, u64t, s;

	ASSERT_TRUE(fixture_init(&f, target_moved()));
	/* r0 = *(u64 *)(r1 + 8) -> + 0 */
	r = relo(f.local, L_SAMPLE, "0:1", BPF_CORE_FIELD_BYTE_OFFSET);
	insn = (struct bpf_insn){ .code = BPF_LDX | BPF_MEM | BPF_DW,
				  .dst_reg = 0, .src_reg = 1, .off = 8 };
	ASSERT_OK(core_apply_relo(f.t, f.local, &r, &insn, 1, 0, &why));
	ASSERT_EQ(insn.off, 0);
	ASSERT_EQ(insn.code, BPF_LDX | BPF_MEM | BPF_DW);
	/* store: *(u32 *)(r1 + 36) = r2 -> + 40 */
	r = relo(f.local, L_SAMPLE, "0:4", BPF_CORE_FIELD_BYTE_OFFSET);
	insn = (struct bpf_insn){ .code = BPF_STX | BPF_MEM | BPF_W,
				  .dst_reg = 1, .src_reg = 2, .off = 36 };
	ASSERT_OK(core_apply_relo(f.t, f.local, &r, &insn, 1, 0, &why));
	ASSERT_EQ(insn.off, 40);
	/* the compiler's offset must be what the local BTF says */
	insn.off = 35;
	ASSERT_ERR(core_apply_relo(f.t, f.local, &r, &insn, 1, 0, &why), -EINVAL);
	ASSERT_TRUE_MSG(strstr(why.reason, "holds offset 35"), "%s", why.reason);
	fixture_fini(&f);

	/* cnt (u32) became a u64: the load widens; b (s64) became an int:
	 * a signed narrowing cannot be done, the load is poisoned */
	t2 = btf__new_empty();
	ASSERT_PTR(t2);
	i_int = btf__add_int(t2, "int", 4, BTF_INT_SIGNED);
	u64t = btf__add_int(t2, "unsigned long", 8, 0);
	s = btf__add_struct(t2, "sample", 16);
	btf__add_field(t2, "b", i_int, 0, 0);
	btf__add_field(t2, "cnt", u64t, 64, 0);
	ASSERT_GT(s, 0);
	ASSERT_TRUE(fixture_init(&f, t2));
	r = relo(f.local, L_SAMPLE, "0:4", BPF_CORE_FIELD_BYTE_OFFSET);
	insn = (struct bpf_insn){ .code = BPF_LDX | BPF_MEM | BPF_W,
				  .dst_reg = 0, .src_reg = 1, .off = 36 };
	ASSERT_OK(core_apply_relo(f.t, f.local, &r, &insn, 1, 0, &why));
	ASSERT_EQ(insn.off, 8);
	ASSERT_EQ(insn.code, BPF_LDX | BPF_MEM | BPF_DW);
	r = relo(f.local, L_SAMPLE, "0:1", BPF_CORE_FIELD_BYTE_OFFSET);
	insn = (struct bpf_insn){ .code = BPF_LDX | BPF_MEM | BPF_DW,
				  .dst_reg = 0, .src_reg = 1, .off = 8 };
	ASSERT_OK(core_apply_relo(f.t, f.local, &r, &insn, 1, 0, &why));
	ASSERT_EQ(insn.code, BPF_JMP | BPF_CALL);
	ASSERT_EQ(insn.imm, CORE_POISON_IMM);
	ASSERT_TRUE(why.poisoned);
	ASSERT_TRUE_MSG(strstr(why.reason, "BPF_CORE_READ"), "%s", why.reason);
	fixture_fini(&f);
}

TEST(core_type_relocations)
{
	struct fixture f;
	struct core_failure why;
	struct bpf_core_relo r;
	struct bpf_insn insn[2];
	__s32 sample_id;

	ASSERT_TRUE(fixture_init(&f, target_moved()));
	sample_id = btf__find_by_name_kind(f.targ, "sample", BTF_KIND_STRUCT);
	ASSERT_GT(sample_id, 0);

	r = relo(f.local, L_SAMPLE, "0", BPF_CORE_TYPE_ID_LOCAL);
	ldimm64(insn, L_SAMPLE);
	ASSERT_OK(core_apply_relo(f.t, f.local, &r, insn, 2, 0, &why));
	ASSERT_EQ(ldimm64_val(insn), L_SAMPLE);

	r = relo(f.local, L_SAMPLE, "0", BPF_CORE_TYPE_ID_TARGET);
	ldimm64(insn, L_SAMPLE);
	ASSERT_OK(core_apply_relo(f.t, f.local, &r, insn, 2, 0, &why));
	ASSERT_EQ(ldimm64_val(insn), sample_id);

	ALU_EXPECT(&f, L_SAMPLE, "0", BPF_CORE_TYPE_EXISTS, 1, 1);
	ALU_EXPECT(&f, L_GONE, "0", BPF_CORE_TYPE_EXISTS, 1, 0);
	ALU_EXPECT(&f, L_TDEF, "0", BPF_CORE_TYPE_SIZE, 48, 64);
	ALU_EXPECT(&f, L_GONE, "0", BPF_CORE_TYPE_SIZE, 4, 0);
	/* arr has 4 elements locally, 2 in the target: layouts differ */
	ALU_EXPECT(&f, L_SAMPLE, "0", BPF_CORE_TYPE_MATCHES, 1, 0);
	ALU_EXPECT(&f, L_COLOR, "0", BPF_CORE_TYPE_MATCHES, 1, 0); /* no YELLOW */

	/* a missing type's target id is 0, not an error */
	r = relo(f.local, L_GONE, "0", BPF_CORE_TYPE_ID_TARGET);
	ldimm64(insn, L_GONE);
	ASSERT_OK(core_apply_relo(f.t, f.local, &r, insn, 2, 0, &why));
	ASSERT_EQ(ldimm64_val(insn), 0);
	ASSERT_FALSE(why.poisoned);
	fixture_fini(&f);
}

TEST(core_type_matches_rules)
{
	struct btf *l = btf__new_empty(), *t = btf__new_empty();
	int li, lu, ls, ti, tu, ts, tfwd, lp, tp, le, te;

	ASSERT_PTR(l);
	ASSERT_PTR(t);
	li = btf__add_int(l, "int", 4, BTF_INT_SIGNED);
	lu = btf__add_int(l, "unsigned int", 4, 0);
	ls = btf__add_struct(l, "pair", 8);
	btf__add_field(l, "x", li, 0, 0);
	btf__add_field(l, "y", lu, 32, 0);
	ti = btf__add_int(t, "int", 4, BTF_INT_SIGNED);
	tu = btf__add_int(t, "unsigned int", 4, 0);
	ts = btf__add_struct(t, "pair", 12);
	btf__add_field(t, "z", ti, 0, 0);
	btf__add_field(t, "y", tu, 32, 0);
	btf__add_field(t, "x", ti, 64, 0);
	tfwd = btf__add_fwd(t, "pair", BTF_FWD_STRUCT);
	lp = btf__add_ptr(l, ls);
	tp = btf__add_ptr(t, tfwd);
	le = btf__add_enum(l, "e", 4);
	btf__add_enum_value(l, "A", 1);
	te = btf__add_enum(t, "other", 4);
	btf__add_enum_value(t, "A", 1);
	/* members by name, in any order, extra target members fine */
	ASSERT_TRUE(core_types_match(l, ls, t, ts));
	/* signedness of ints matters for matches, not for compat */
	ASSERT_FALSE(core_types_match(l, li, t, tu));
	ASSERT_TRUE(core_types_compat(l, li, t, tu));
	ASSERT_TRUE(core_fields_compat(l, li, t, tu));
	/* a struct matches its forward declaration only behind a pointer */
	ASSERT_FALSE(core_types_match(l, ls, t, tfwd));
	ASSERT_TRUE(core_types_match(l, lp, t, tp));
	/* enums in fields: names must agree (flavors aside) */
	ASSERT_FALSE(core_fields_compat(l, le, t, te));
	ASSERT_TRUE(core_fields_compat(l, li, t, ti));
	/* floats are not a type relocation kind */
	ASSERT_FALSE(core_types_compat(l, btf__add_float(l, "double", 8),
				       t, btf__add_float(t, "double", 8)));
	/* struct vs int: nothing */
	ASSERT_FALSE(core_types_compat(l, ls, t, ti));
	ASSERT_FALSE(core_fields_compat(l, ls, t, ti));
	btf__free(l);
	btf__free(t);
}

TEST(core_enum_relocations)
{
	struct fixture f;
	struct core_failure why;
	struct bpf_core_relo r;
	struct bpf_insn insn[2];
	__s32 v;

	ASSERT_TRUE(fixture_init(&f, target_moved()));
	ALU_EXPECT(&f, L_COLOR, "1", BPF_CORE_ENUMVAL_EXISTS, 1, 1);
	ALU_EXPECT(&f, L_COLOR, "1", BPF_CORE_ENUMVAL_VALUE, 2, 7);
	ALU_EXPECT(&f, L_COLOR, "0", BPF_CORE_ENUMVAL_VALUE, 1, 1);
	ALU_EXPECT(&f, L_COLOR, "2", BPF_CORE_ENUMVAL_EXISTS, 1, 0);
	/* YELLOW's value cannot be known: poisoned */
	ASSERT_OK(alu_case(&f, L_COLOR, "2", BPF_CORE_ENUMVAL_VALUE, 3, &v, &why));
	ASSERT_EQ(v, -999);
	ASSERT_TRUE(why.poisoned);
	ASSERT_TRUE_MSG(strstr(why.reason, "no value 'YELLOW'"), "%s", why.reason);
	ASSERT_TRUE_MSG(strstr(why.access_spec, "enum color::YELLOW"), "%s",
			why.access_spec);

	/* 64-bit enumerator through ld_imm64 */
	r = relo(f.local, L_BIG, "0", BPF_CORE_ENUMVAL_VALUE);
	ldimm64(insn, 1ULL << 40);
	ASSERT_OK(core_apply_relo(f.t, f.local, &r, insn, 2, 0, &why));
	ASSERT_EQ(ldimm64_val(insn), 1ULL << 41);
	/* poisoning an ld_imm64 poisons both halves */
	r = relo(f.local, L_SAMPLE_V2, "0:1", BPF_CORE_FIELD_BYTE_OFFSET);
	ldimm64(insn, 4);
	ASSERT_OK(core_apply_relo(f.t, f.local, &r, insn, 2, 0, &why));
	ASSERT_EQ(insn[0].imm, CORE_POISON_IMM);
	ASSERT_EQ(insn[1].imm, CORE_POISON_IMM);
	fixture_fini(&f);
}

TEST(core_flavors_anon_members_and_ambiguity)
{
	struct fixture f;
	struct core_failure why;
	struct btf *t;
	int i_int, i_long, anon, s1, s2;
	__s32 v;

	/* 'a' is inside an anonymous union inside the target struct; the
	 * flavored copy agrees on the offset, so no ambiguity */
	t = btf__new_empty();
	ASSERT_PTR(t);
	i_int = btf__add_int(t, "int", 4, BTF_INT_SIGNED);
	i_long = btf__add_int(t, "long", 8, BTF_INT_SIGNED);
	anon = btf__add_union(t, NULL, 4);
	btf__add_field(t, "a", i_int, 0, 0);
	s1 = btf__add_struct(t, "sample", 16);
	btf__add_field(t, "b", i_long, 0, 0);
	btf__add_field(t, NULL, anon, 64, 0);
	s2 = btf__add_struct(t, "sample___old", 16);
	btf__add_field(t, "b", i_long, 0, 0);
	btf__add_field(t, "a", i_int, 64, 0);
	ASSERT_GT(s1, 0);
	ASSERT_GT(s2, 0);
	ASSERT_TRUE(fixture_init(&f, t));
	ALU_EXPECT(&f, L_SAMPLE, "0:0", BPF_CORE_FIELD_BYTE_OFFSET, 0, 8);
	ALU_EXPECT(&f, L_SAMPLE_V2, "0:0", BPF_CORE_FIELD_BYTE_OFFSET, 0, 8);
	fixture_fini(&f);

	/* two flavors disagreeing on the offset of 'a' */
	t = btf__new_empty();
	ASSERT_PTR(t);
	i_int = btf__add_int(t, "int", 4, BTF_INT_SIGNED);
	s1 = btf__add_struct(t, "sample", 8);
	btf__add_field(t, "a", i_int, 0, 0);
	s2 = btf__add_struct(t, "sample___new", 8);
	btf__add_field(t, "a", i_int, 32, 0);
	ASSERT_TRUE(fixture_init(&f, t));
	ASSERT_ERR(alu_case(&f, L_SAMPLE, "0:0", BPF_CORE_FIELD_BYTE_OFFSET, 0,
			    &v, &why), -EINVAL);
	ASSERT_EQ(why.err, -EINVAL);
	ASSERT_TRUE_MSG(strstr(why.reason, "ambiguous"), "%s", why.reason);
	/* even existence: the candidates disagree on where 'a' is */
	ASSERT_ERR(alu_case(&f, L_SAMPLE, "0:0", BPF_CORE_FIELD_EXISTS, 1,
			    &v, &why), -EINVAL);
	/* type relocations have no offsets: both flavors exist, no conflict */
	ALU_EXPECT(&f, L_SAMPLE, "0", BPF_CORE_TYPE_EXISTS, 1, 1);
	fixture_fini(&f);
}

TEST(core_field_kind_mismatch_is_not_a_match)
{
	struct fixture f;
	struct core_failure why;
	struct btf *t;
	int i_int, s;
	__s32 v;

	/* target 'a' is a struct: an int field cannot be read from it */
	t = btf__new_empty();
	ASSERT_PTR(t);
	i_int = btf__add_int(t, "int", 4, BTF_INT_SIGNED);
	s = btf__add_struct(t, "inner", 4);
	btf__add_field(t, "q", i_int, 0, 0);
	btf__add_struct(t, "sample", 8);
	btf__add_field(t, "a", s, 0, 0);
	ASSERT_TRUE(fixture_init(&f, t));
	ASSERT_OK(alu_case(&f, L_SAMPLE, "0:0", BPF_CORE_FIELD_BYTE_OFFSET, 0, &v,
			   &why));
	ASSERT_EQ(v, -999);
	ASSERT_TRUE_MSG(strstr(why.reason, "has field 'a' with an incompatible type") &&
			strstr(why.reason, "struct"), "%s", why.reason);
	ALU_EXPECT(&f, L_SAMPLE, "0:0", BPF_CORE_FIELD_EXISTS, 1, 0);
	fixture_fini(&f);
}

TEST(core_essential_names)
{
	ASSERT_EQ(core_essential_name_len("task_struct___v2"), 11);
	ASSERT_EQ(core_essential_name_len("task_struct"), 11);
	ASSERT_EQ(core_essential_name_len("a___b___c"), 5);
	ASSERT_EQ(core_essential_name_len("foo___"), 6);
	ASSERT_EQ(core_essential_name_len("foo____bar"), 10);
	ASSERT_EQ(core_essential_name_len("___x"), 4);
}

TEST(core_explain_names_everything)
{
	struct fixture f;
	struct core_failure why;
	char buf[1024];
	__s32 v;

	ASSERT_TRUE(fixture_init(&f, target_moved()));
	ASSERT_OK(alu_case(&f, L_SAMPLE_V2, "0:1", BPF_CORE_FIELD_BYTE_OFFSET, 4,
			   &v, &why));
	ASSERT_TRUE(why.poisoned);
	ASSERT_GT(core_explain(&why, "handle_exec", "prog.bpf.c:27: return s->zz;\n",
			       buf, sizeof(buf)), 0);
	ASSERT_TRUE_MSG(strstr(buf, "prog 'handle_exec'") &&
			strstr(buf, "prog.bpf.c:27") &&
			strstr(buf, "struct sample___v2.zz (0:1)") &&
			strstr(buf, "no field 'zz'") &&
			strstr(buf, "field byte offset"), "%s", buf);
	ASSERT_FALSE(strstr(buf, "unknown#"));
	/* truncation reports the full length, like snprintf */
	ASSERT_EQ(core_explain(&why, "p", NULL, buf, 8), (int)strlen(buf) > 0 ?
		  core_explain(&why, "p", NULL, NULL, 0) : 0);
	fixture_fini(&f);
}

TEST(core_bad_records)
{
	struct fixture f;
	struct core_failure why;
	struct bpf_core_relo r;
	struct bpf_insn insn = mov_imm(0), alu_reg;
	__s32 v;

	ASSERT_TRUE(fixture_init(&f, target_moved()));
	/* type id out of range */
	r = relo(f.local, 9999, "0:0", BPF_CORE_FIELD_BYTE_OFFSET);
	ASSERT_ERR(core_apply_relo(f.t, f.local, &r, &insn, 1, 0, &why), -EINVAL);
	ASSERT_TRUE_MSG(strstr(why.reason, "out of range"), "%s", why.reason);
	/* access string offset out of range */
	r = relo(f.local, L_SAMPLE, "0:0", BPF_CORE_FIELD_BYTE_OFFSET);
	r.access_str_off = 0x7ffffff0;
	ASSERT_ERR(core_apply_relo(f.t, f.local, &r, &insn, 1, 0, &why), -EINVAL);
	/* malformed / out-of-range access strings */
	ASSERT_ERR(alu_case(&f, L_SAMPLE, "0:x", BPF_CORE_FIELD_BYTE_OFFSET, 0, &v,
			    &why), -EINVAL);
	ASSERT_ERR(alu_case(&f, L_SAMPLE, "", BPF_CORE_FIELD_BYTE_OFFSET, 0, &v,
			    &why), -EINVAL);
	ASSERT_ERR(alu_case(&f, L_SAMPLE, "0:", BPF_CORE_FIELD_BYTE_OFFSET, 0, &v,
			    &why), -EINVAL);
	ASSERT_ERR(alu_case(&f, L_SAMPLE, "0:99", BPF_CORE_FIELD_BYTE_OFFSET, 0, &v,
			    &why), -EINVAL);
	ASSERT_TRUE_MSG(strstr(why.reason, "members"), "%s", why.reason);
	ASSERT_ERR(alu_case(&f, L_SAMPLE, "0:0:1", BPF_CORE_FIELD_BYTE_OFFSET, 0,
			    &v, &why), -EINVAL);
	ASSERT_ERR(alu_case(&f, L_SAMPLE, "0:99999999999", BPF_CORE_FIELD_BYTE_OFFSET,
			    0, &v, &why), -EINVAL);
	ASSERT_ERR(alu_case(&f, L_SAMPLE, "1", BPF_CORE_TYPE_SIZE, 0, &v, &why),
		   -EINVAL);
	ASSERT_ERR(alu_case(&f, L_COLOR, "7", BPF_CORE_ENUMVAL_VALUE, 0, &v, &why),
		   -EINVAL);
	ASSERT_ERR(alu_case(&f, L_SAMPLE, "0", BPF_CORE_ENUMVAL_VALUE, 0, &v, &why),
		   -EINVAL);
	ASSERT_ERR(alu_case(&f, L_SAMPLE, "0", (enum bpf_core_relo_kind)77, 0, &v,
			    &why), -EINVAL);
	ASSERT_TRUE_MSG(strstr(why.reason, "unknown relocation kind"), "%s",
			why.reason);
	/* anonymous local type cannot be searched for */
	ASSERT_ERR(alu_case(&f, L_PTR, "0", BPF_CORE_TYPE_EXISTS, 1, &v, &why),
		   -EOPNOTSUPP);
	/* instruction index outside the program, wrong instruction forms */
	r = relo(f.local, L_SAMPLE, "0:0", BPF_CORE_FIELD_BYTE_OFFSET);
	ASSERT_ERR(core_apply_relo(f.t, f.local, &r, &insn, 1, 5, &why), -EINVAL);
	ASSERT_TRUE_MSG(strstr(why.reason, "outside"), "%s", why.reason);
	alu_reg = (struct bpf_insn){ .code = BPF_ALU64 | BPF_ADD | BPF_X };
	ASSERT_ERR(core_apply_relo(f.t, f.local, &r, &alu_reg, 1, 0, &why), -EINVAL);
	insn = mov_imm(5);	/* compiler value disagrees with local BTF */
	ASSERT_ERR(core_apply_relo(f.t, f.local, &r, &insn, 1, 0, &why), -EINVAL);
	insn = (struct bpf_insn){ .code = BPF_LD | BPF_IMM | BPF_DW };
	ASSERT_ERR(core_apply_relo(f.t, f.local, &r, &insn, 1, 0, &why), -EINVAL);
	insn = (struct bpf_insn){ .code = BPF_JMP | BPF_EXIT };
	ASSERT_ERR(core_apply_relo(f.t, f.local, &r, &insn, 1, 0, &why), -EINVAL);
	/* no target */
	insn = mov_imm(0);
	ASSERT_ERR(core_apply_relo(NULL, f.local, &r, &insn, 1, 0, &why), -ENOENT);
	ASSERT_ERR(core_apply_relo(f.t, f.local, NULL, &insn, 1, 0, &why), -EINVAL);
	fixture_fini(&f);
}

TEST(core_target_bad_files)
{
	char path[64];
	FILE *fp;

	ASSERT_NULL_ERR(core_target_get("/nonexistent/btf", NULL), -ENOENT);
	ASSERT_LOG("/nonexistent/btf");
	snprintf(path, sizeof(path), "/tmp/core_garbage_%d", (int)getpid());
	fp = fopen(path, "w");
	ASSERT_PTR(fp);
	fputs("this is not BTF at all, not even close.", fp);
	fclose(fp);
	ASSERT_TRUE(core_target_get(path, NULL) == NULL);
	ASSERT_TRUE(errno != 0);
	unlink(path);
	ASSERT_NULL_ERR(core_target_get("", NULL), -EINVAL);
}

struct walk_rec {
	char steps[512];
	size_t len;
};

static int walk_cb(const struct btf *btf, __u32 id, int member, void *ctx)
{
	struct walk_rec *w = ctx;
	const struct btf_type *t = btf__type_by_id(btf, id);
	const char *n = btf__name_by_offset(btf, t->name_off);

	w->len += (size_t)snprintf(w->steps + w->len, sizeof(w->steps) - w->len,
				   "%s%s:%d ", btf_is_const(t) ? "const" :
				   btf_is_volatile(t) ? "volatile" : "",
				   n ? n : "", member);
	return 0;
}

TEST(core_spec_walk_for_min_core_btf)
{
	struct fixture f;
	struct core_failure why;
	struct core_result res;
	struct bpf_core_relo r;
	struct walk_rec w = { "", 0 };

	ASSERT_TRUE(fixture_init(&f, target_moved()));
	/* sample.a: in the target, a volatile const s32 (typedef of int) */
	r = relo(f.local, L_SAMPLE, "0:0", BPF_CORE_FIELD_BYTE_OFFSET);
	ASSERT_OK(core_calc_relo(f.t, f.local, &r, &res, &why));
	ASSERT_TRUE(res.found);
	ASSERT_OK(core_spec_walk(&res.targ_spec, walk_cb, &w));
	ASSERT_STREQ(w.steps, "sample:2 volatile:-1 const:-1 s32:-1 int:-1 ");
	/* arr[1]: the struct, the array, the element */
	w.len = 0;
	r = relo(f.local, L_SAMPLE, "0:3:1", BPF_CORE_FIELD_BYTE_OFFSET);
	ASSERT_OK(core_calc_relo(f.t, f.local, &r, &res, &why));
	ASSERT_OK(core_spec_walk(&res.targ_spec, walk_cb, &w));
	ASSERT_STREQ(w.steps, "sample:4 :-1 int:-1 ");
	/* enumerator: the enum and the target's index of GREEN */
	w.len = 0;
	r = relo(f.local, L_COLOR, "1", BPF_CORE_ENUMVAL_VALUE);
	ASSERT_OK(core_calc_relo(f.t, f.local, &r, &res, &why));
	ASSERT_OK(core_spec_walk(&res.targ_spec, walk_cb, &w));
	ASSERT_STREQ(w.steps, "color:0 ");
	/* type relocation through a typedef: typedef then struct */
	w.len = 0;
	r = relo(f.local, L_TDEF, "0", BPF_CORE_TYPE_SIZE);
	ASSERT_OK(core_calc_relo(f.t, f.local, &r, &res, &why));
	ASSERT_OK(core_spec_walk(&res.targ_spec, walk_cb, &w));
	ASSERT_STREQ(w.steps, "sample_t:-1 sample:-1 ");
	fixture_fini(&f);
}

/* Random records, random instructions: any answer but a crash. */
TEST(core_random_records_do_not_crash)
{
	struct fixture f;
	unsigned int seed = 12345;
	int i, ok = 0, errs = 0;

	ASSERT_TRUE(fixture_init(&f, target_moved()));
	for (i = 0; i < 3000; i++) {
		char acc[64];
		int n = rand_r(&seed) % 5, k, len = 0;
		struct bpf_core_relo r;
		struct bpf_insn insns[2];
		struct core_failure why;
		int err;

		for (k = 0; k <= n; k++)
			len += snprintf(acc + len, sizeof(acc) - (size_t)len, "%s%d",
					k ? ":" : "", rand_r(&seed) % 7);
		if (rand_r(&seed) % 10 == 0)
			acc[rand_r(&seed) % (len + 1)] = 'x';
		r = relo(f.local, (__u32)(rand_r(&seed) % 14),
			 acc, (enum bpf_core_relo_kind)(rand_r(&seed) % 14));
		memset(insns, 0, sizeof(insns));
		switch (rand_r(&seed) % 4) {
		case 0: insns[0] = mov_imm(rand_r(&seed) % 64); break;
		case 1: ldimm64(insns, (__u64)(rand_r(&seed) % 64)); break;
		case 2:
			insns[0] = (struct bpf_insn){ .code = BPF_LDX | BPF_MEM | BPF_W,
						      .src_reg = 1,
						      .off = (__s16)(rand_r(&seed) % 64) };
			break;
		default:
			insns[0].code = (__u8)rand_r(&seed);
			insns[0].imm = rand_r(&seed);
		}
		err = core_apply_relo(f.t, f.local, &r, insns, 2, rand_r(&seed) % 3,
				      &why);
		if (err)
			errs++;
		else
			ok++;
		ASSERT_TRUE(err <= 0);
		ASSERT_TRUE(err == 0 || why.reason[0]);
	}
	ASSERT_GT(ok, 0);
	ASSERT_GT(errs, 0);
	fixture_fini(&f);
}

static bool write_file(const char *path, const struct btf *btf)
{
	const void *data;
	__u32 sz;
	FILE *fp;
	bool ok;

	data = btf__raw_data(btf, &sz);
	if (!data)
		return false;
	fp = fopen(path, "w");
	if (!fp)
		return false;
	ok = fwrite(data, 1, sz, fp) == sz;
	return fclose(fp) == 0 && ok;
}

/* A /sys/kernel/btf look-alike: vmlinux and a module's split BTF.  Types
 * missing from vmlinux are found in the module, lazily. */
TEST(core_kernel_target_with_module_btf)
{
	char dir[128], path[192];
	struct btf *vm, *mod, *local;
	struct core_target *t;
	struct core_stats a, b;
	struct core_cand *c;
	struct core_failure why;
	struct bpf_core_relo r;
	struct bpf_insn insn = mov_imm(4);
	size_t cnt;
	int i_int, l_int, l_thing, l_task, i_long, err;

	snprintf(dir, sizeof(dir), "/tmp/core_kdir_%d", (int)getpid());
	ASSERT_OK(mkdir(dir, 0700));
	vm = btf__new_empty();
	ASSERT_PTR(vm);
	i_int = btf__add_int(vm, "int", 4, BTF_INT_SIGNED);
	i_long = btf__add_int(vm, "long", 8, BTF_INT_SIGNED);
	btf__add_struct(vm, "task_struct", 4);
	btf__add_field(vm, "pid", i_int, 0, 0);
	mod = btf__new_empty_split(vm);
	ASSERT_PTR(mod);
	btf__add_struct(mod, "mod_thing", 16);
	btf__add_field(mod, "x", i_long, 0, 0);
	btf__add_field(mod, "y", i_int, 64, 0);
	snprintf(path, sizeof(path), "%s/vmlinux", dir);
	ASSERT_TRUE(write_file(path, vm));
	snprintf(path, sizeof(path), "%s/mymod", dir);
	ASSERT_TRUE(write_file(path, mod));

	local = btf__new_empty();
	ASSERT_PTR(local);
	l_int = btf__add_int(local, "int", 4, BTF_INT_SIGNED);
	l_thing = btf__add_struct(local, "mod_thing", 8);
	btf__add_field(local, "z", l_int, 0, 0);
	btf__add_field(local, "y", l_int, 32, 0);
	l_task = btf__add_struct(local, "task_struct", 4);
	btf__add_field(local, "pid", l_int, 0, 0);

	core_stats_get(&a);
	t = core_target_get_kernel_dir(dir);
	ASSERT_PTR(t);
	/* in vmlinux: modules are not even read */
	ASSERT_OK(core_find_cands(t, local, l_task, &c, &cnt));
	ASSERT_EQ(cnt, 1);
	ASSERT_TRUE(c[0].mod_name == NULL);
	free(c);
	core_stats_get(&b);
	ASSERT_EQ(b.btf_parses - a.btf_parses, 1);
	/* only in the module */
	r = relo(local, l_thing, "0:1", BPF_CORE_FIELD_BYTE_OFFSET);
	err = core_apply_relo(t, local, &r, &insn, 1, 0, &why);
	ASSERT_OK(err);
	ASSERT_EQ(insn.imm, 8);
	ASSERT_OK(core_find_cands(t, local, l_thing, &c, &cnt));
	ASSERT_EQ(cnt, 1);
	ASSERT_TRUE(c[0].mod_name && !strcmp(c[0].mod_name, "mymod"));
	ASSERT_GE(c[0].id, btf__type_cnt(vm));
	free(c);
	core_stats_get(&b);
	ASSERT_EQ(b.btf_parses - a.btf_parses, 2);
	core_target_put(t);
	core_target_cache_flush();

	unlink(path);
	snprintf(path, sizeof(path), "%s/vmlinux", dir);
	unlink(path);
	rmdir(dir);
	btf__free(local);
	btf__free(mod);
	btf__free(vm);
}
