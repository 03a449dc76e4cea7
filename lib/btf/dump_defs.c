// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * C definitions of btf_dump: struct/union bodies (with the explicit padding
 * and packed attribute their offsets call for), enums, typedefs and forward
 * declarations.  Member declarators are printed by dump_decl.c.
 */
#include <limits.h>
#include <string.h>

#include "btf/btf_internal.h"
#include "btf/dump_internal.h"
#include "util/log.h"

bool dump_is_builtin_typedef(struct btf_dump *d, __u32 id)
{
	const struct btf_type *t = dump_type(d, id);

	/* the compiler has its own; redefining it breaks the header */
	return t->name_off &&
	       !strcmp(dump_str(d, t->name_off), "__builtin_va_list");
}

void dump_struct_fwd(struct btf_dump *d, __u32 id, const struct btf_type *t)
{
	dump_puts(d, btf_is_struct(t) ? "struct" : "union");
	if (t->name_off) {
		dump_out(d, " ", 1);
		dump_puts(d, dump_type_name(d, id));
	}
}

void dump_fwd_def(struct btf_dump *d, __u32 id, const struct btf_type *t)
{
	dump_puts(d, btf_kflag(t) ? "union " : "struct ");
	dump_puts(d, dump_type_name(d, id));
}

/* "enum x"; "enum " for an anonymous one (a cast of it, as the reference) */
void dump_enum_fwd(struct btf_dump *d, __u32 id, const struct btf_type *t)
{
	dump_puts(d, "enum ");
	dump_puts(d, dump_type_name(d, id));
}

void dump_typedef_def(struct btf_dump *d, __u32 id, const struct btf_type *t,
		      int lvl)
{
	const char *name = dump_ident_name(d, id);

	/* old GCC typedefs __gnuc_va_list to void: give clang the builtin */
	if (t->type == 0 && !strcmp(name, "__gnuc_va_list")) {
		dump_puts(d, "typedef __builtin_va_list __gnuc_va_list");
		return;
	}
	dump_puts(d, "typedef ");
	dump_decl(d, t->type, name, lvl);
}

/*
 * Limits of what corrupt BTF can make btf_dump print, far above what real
 * BTF needs (all of vmlinux: 6,600 lines in anonymous types printed inside
 * other definitions, union bpf_attr the most, 238; 40 KB of padding,
 * bpf_ringbuf the most of one struct, 12 KB).  Corrupt BTF can nest
 * anonymous types into each other through pointers (each use printed in
 * full, so the text grows exponentially with the depth) and claim structs
 * of gigabytes with member offsets anywhere in them (a line of padding per
 * 8 bytes).
 *
 * Anonymous types inline, and prototypes inside other definitions or
 * declarations: 1 + members each, per outermost definition and per
 * btf_dump; past either, one is printed as "struct {}" ("enum", "(void)").
 * Holes (the limits are in bits): one over a megabyte, or one that would
 * take the padding printed as bitfield lines past a megabyte in the
 * definition (anonymous types inside it included) or past 16 MB per
 * btf_dump, is printed as a byte array.
 */
#define DUMP_MAX_DEF_INLINE (1LL << 14)
#define DUMP_MAX_TOTAL_INLINE (1LL << 20)
#define DUMP_MAX_PAD_BITS (8LL << 20)
#define DUMP_MAX_DEF_PAD_BITS (8LL << 20)
#define DUMP_MAX_TOTAL_PAD_BITS (128LL << 20)
#define DUMP_MAX_NESTING 128

/*
 * May the anonymous type or prototype id, of vlen members, be printed in
 * full where it is used inside another definition or declaration?
 */
bool dump_inline_budget(struct btf_dump *d, __u32 id, __u32 vlen)
{
	long long cost = 1 + (long long)vlen;

	if (d->inline_def_cost + cost > DUMP_MAX_DEF_INLINE ||
	    d->inline_total_cost + cost > DUMP_MAX_TOTAL_INLINE) {
		if (!d->inline_cut_warned)
			pr_warn("btf_dump: type [%u]: too many anonymous types or prototypes printed inline, cut\n", id);
		d->inline_cut_warned = true;
		return false;
	}
	d->inline_def_cost += cost;
	d->inline_total_cost += cost;
	return true;
}

/* ---- enums ---- */

static void dump_enumerator(struct btf_dump *d, int lvl, __u32 name_off)
{
	const char *name = dump_str(d, name_off);
	size_t uses = dump_name_uses(d, &d->ident_names, name);

	dump_out(d, "\n", 1);
	dump_indent(d, lvl + 1);
	dump_puts(d, name);
	if (uses > 1)
		dump_printf(d, "___%zu", uses);
}

void dump_enum_def(struct btf_dump *d, __u32 id, const struct btf_type *t,
		   int lvl)
{
	bool is_signed = btf_kflag(t), word = true;
	__u32 i, n = btf_vlen(t);

	dump_puts(d, "enum");
	if (t->name_off) {
		dump_out(d, " ", 1);
		dump_puts(d, dump_type_name(d, id));
	}
	if (!n || (d->struct_depth && !dump_inline_budget(d, id, n)))
		return;
	dump_puts(d, " {");
	if (btf_is_enum(t)) {
		const struct btf_enum *e = btf_enum(t);

		for (i = 0; i < n; i++, e++) {
			dump_enumerator(d, lvl, e->name_off);
			dump_puts(d, " = ");
			if (is_signed)
				dump_s64(d, (int)e->val);
			else
				dump_u64(d, (unsigned int)e->val);
			dump_out(d, ",", 1);
		}
	} else {
		const struct btf_enum64 *e = btf_enum64(t);

		for (i = 0; i < n; i++, e++) {
			__u64 v = btf_enum64_value(e);

			dump_enumerator(d, lvl, e->name_off);
			if (is_signed)
				dump_printf(d, " = %lldLL,", (long long)v);
			else
				dump_printf(d, " = %lluULL,",
					    (unsigned long long)v);
			if (e->val_hi32)
				word = false;
		}
	}
	dump_out(d, "\n", 1);
	dump_indent(d, lvl);
	dump_out(d, "}", 1);

	/* sizes the enumerator values alone would not give */
	if (t->size == 1)
		dump_puts(d, " __attribute__((mode(byte)))");
	else if (t->size == 8 && d->ptr_sz == 8 && word)
		dump_puts(d, " __attribute__((mode(word)))");
}

/* ---- structs and unions ---- */

static bool dump_struct_packed(struct btf_dump *d, const struct btf_type *t)
{
	const struct btf_member *m = btf_members(t);
	int i, n = btf_vlen(t), a, best = 1;

	for (i = 0; i < n; i++, m++) {
		a = dump_align(d, m->type);
		if (a && !btf_member_bitfield_size(t, i) &&
		    btf_member_bit_offset(t, i) % (8 * a))
			return true;
		if (a > best)
			best = a;
	}
	return t->size % best != 0;
}

static void dump_pad_line(struct btf_dump *d, int lvl, const char *type,
			  int bits)
{
	dump_out(d, "\n", 1);
	dump_indent(d, lvl);
	dump_puts(d, type);
	dump_puts(d, ": ");
	dump_s64(d, bits);
	dump_out(d, ";", 1);
}

/* Bit offsets of corrupt BTF can exceed an int: keep the arithmetic defined. */
static int clamp_bits(long long bits)
{
	if (bits > INT_MAX)
		return INT_MAX;
	if (bits < 0)
		return 0;
	return (int)bits;
}

static int roundup_bits(int v, int to)
{
	/* corrupt BTF can give members no alignment at all */
	if (to <= 0)
		return v;
	return (v + to - 1) / to * to;
}

/*
 * A hole of corrupt BTF as "char __pad_N[M];": the whole bytes from cur to
 * next, N the offset of the first.  Bits in a partly used byte are dropped.
 */
static void dump_pad_array(struct btf_dump *d, int cur, int next, int lvl)
{
	int from = cur / 8 + (cur % 8 != 0), to = next / 8;

	if (to <= from)
		return;
	dump_out(d, "\n", 1);
	dump_indent(d, lvl);
	dump_puts(d, "char __pad_");
	dump_s64(d, from);
	dump_puts(d, "[");
	dump_s64(d, to - from);
	dump_puts(d, "];");
}

/*
 * Fill the bits [cur, next) with unnamed bitfields so that clang puts the
 * next member (of alignment next_align bytes) at next.  The widest padding
 * type whose alignment lands at or before next is chosen; a ": 0" marker
 * forces that alignment where the member's own would not.
 */
static void dump_bit_padding(struct btf_dump *d, int cur, int next,
			     int next_align, bool in_bitfield, int lvl)
{
	struct { const char *name; int bits; } pads[] = {
		{ "long", d->ptr_sz * 8 }, { "int", 32 }, { "short", 16 },
		{ "char", 8 },
	};
	int i, npads = 4, aligned = cur, pbits = 8, bits;
	const char *ptype = "char";

	if (cur >= next)
		return;
	if (next - cur > DUMP_MAX_PAD_BITS ||
	    d->pad_def_bits + (next - cur) > DUMP_MAX_DEF_PAD_BITS ||
	    d->pad_total_bits + (next - cur) > DUMP_MAX_TOTAL_PAD_BITS) {
		dump_pad_array(d, cur, next, lvl);
		return;
	}
	d->pad_def_bits += next - cur;
	d->pad_total_bits += next - cur;
	for (i = 0; i < npads; i++) {
		pbits = pads[i].bits;
		ptype = pads[i].name;
		aligned = roundup_bits(cur, pbits);
		if (aligned <= next)
			break;
	}
	if (aligned > cur && aligned <= next) {
		if (in_bitfield ||
		    (aligned == next &&
		     roundup_bits(cur, next_align * 8) != aligned) ||
		    (aligned != next && next - aligned <= aligned - cur))
			dump_pad_line(d, lvl, ptype,
				      in_bitfield ? aligned - cur : 0);
		cur = aligned;
	}
	while (cur < next) {
		bits = next - cur < pbits ? next - cur : pbits;
		if (bits == pbits) {
			dump_pad_line(d, lvl, ptype, pbits);
			cur += bits;
			continue;
		}
		/* the remainder: the narrowest type that holds it */
		for (i = npads - 1; i >= 0; i--) {
			if (pads[i].bits < bits)
				continue;
			ptype = pads[i].name;
			pbits = pads[i].bits;
			dump_pad_line(d, lvl, ptype, bits);
			cur += bits;
			break;
		}
	}
}

void dump_struct_def(struct btf_dump *d, __u32 id, const struct btf_type *t,
		     int lvl)
{
	const struct btf_member *m = btf_members(t);
	bool is_struct = btf_is_struct(t), packed = false, prev_bf = false;
	int i, n = btf_vlen(t), off = 0, align, struct_bits;

	align = dump_align(d, id);
	if (is_struct)
		packed = dump_struct_packed(d, t);
	dump_struct_fwd(d, id, t);
	/*
	 * Anonymous types are printed inline; corrupt BTF can make one
	 * contain itself (through a pointer), which C cannot say.
	 */
	if (lvl > DUMP_MAX_NESTING) {
		if (lvl == DUMP_MAX_NESTING + 1)
			pr_warn("btf_dump: type [%u]: anonymous types nested too deep, cut\n", id);
		dump_puts(d, " {}");
		return;
	}
	if (d->struct_depth && !dump_inline_budget(d, id, n)) {
		dump_puts(d, " {}");
		return;
	}
	dump_puts(d, " {");
	/* the budgets of a definition cover its anonymous types */
	if (d->struct_depth++ == 0) {
		d->pad_def_bits = 0;
		d->inline_def_cost = 0;
	}
	struct_bits = clamp_bits((long long)t->size * 8);
	for (i = 0; i < n; i++, m++) {
		int m_off = btf_member_bit_offset(t, i);
		int m_sz = btf_member_bitfield_size(t, i);
		int m_align = packed ? 1 : dump_align(d, m->type);

		/*
		 * A member placed past the end of its struct is corrupt BTF:
		 * pad no further than the struct's size (else a few bytes of
		 * input could ask for millions of padding lines).
		 */
		dump_bit_padding(d, off, m_off < struct_bits ? m_off : struct_bits,
				 m_align, prev_bf && m_sz, lvl + 1);
		dump_out(d, "\n", 1);
		dump_indent(d, lvl + 1);
		dump_decl(d, m->type, dump_str(d, m->name_off), lvl + 1);
		if (m_sz) {
			dump_puts(d, ": ");
			dump_s64(d, m_sz);
			off = clamp_bits((long long)m_off + m_sz);
			prev_bf = true;
		} else {
			__s64 sz = btf__resolve_size(d->btf, m->type);

			off = clamp_bits((long long)m_off + (sz > 0 ? sz : 0) * 8);
			prev_bf = false;
		}
		dump_out(d, ";", 1);
	}
	if (is_struct)
		dump_bit_padding(d, off, struct_bits, align, false, lvl + 1);
	d->struct_depth--;
	if (n || t->size) {
		dump_out(d, "\n", 1);
		dump_indent(d, lvl);
	}
	dump_out(d, "}", 1);
	if (packed)
		dump_puts(d, " __attribute__((packed))");
}
