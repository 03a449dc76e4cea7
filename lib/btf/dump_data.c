// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * btf_dump__dump_type_data(): memory shown as a C initialiser of its type,
 *
 *	(struct foo){
 *		.a = (int)1,
 *		.name = (char[4])['a','b',],
 *	}
 *
 * Members that are zero are left out unless emit_zeroes is set (the top
 * level and the elements of non-char arrays are always shown).  Values are
 * followed by "," and a newline below the top level; compact drops the
 * newlines and indentation, skip_names the ".member = (type)" prefixes.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "btf/btf_internal.h"
#include "btf/dump_internal.h"
#include "util/err.h"
#include "util/log.h"
#include "util/opts.h"

static int data_value(struct btf_dump *d, const __u32 id, const void *data,
		      const struct btf_type *t, __u8 bit_off, __u8 bit_sz,
		      const char *fname);

static const struct btf_type *data_skip_mods(struct btf_dump *d, __u32 id,
					     __u32 *res_id)
{
	const struct btf_type *t = dump_type(d, id);
	int depth = 0;

	while (t && (btf_is_mod(t) || btf_is_typedef(t)) && depth++ < 64) {
		id = t->type;
		t = dump_type(d, id);
	}
	if (res_id)
		*res_id = id;
	return t;
}

static void data_prefix(struct btf_dump *d)
{
	int i, lvl = d->data.indent_lvl + d->data.depth;

	if (d->data.compact)
		return;
	for (i = 0; i < lvl; i++)
		dump_puts(d, d->data.indent_str);
}

/* What follows every value: nothing at the top level. */
static void data_end_value(struct btf_dump *d)
{
	if (d->data.depth == 0)
		return;
	dump_out(d, ",", 1);
	if (!d->data.compact)
		dump_out(d, "\n", 1);
}

static void data_open(struct btf_dump *d, char c)
{
	/* depth first, so that a top-level brace gets its newline */
	d->data.depth++;
	dump_out(d, &c, 1);
	if (!d->data.compact)
		dump_out(d, "\n", 1);
}

static void data_close(struct btf_dump *d, char c)
{
	d->data.depth--;
	data_prefix(d);
	dump_out(d, &c, 1);
	data_end_value(d);
}

/* "(type)" or, for variables, the bare type. */
static void data_type_cast(struct btf_dump *d, __u32 id, bool parens)
{
	const struct btf_type *t;

	/* "(char[4])['a',...]": elements do not repeat the type */
	if (d->data.is_array_member)
		return;
	t = dump_type(d, id);
	if (btf_is_var(t) || btf_is_datasec(t))
		return;
	if (parens)
		dump_out(d, "(", 1);
	d->skip_anon_defs = true;
	d->strip_mods = true;
	dump_decl(d, id, "", 0);
	d->strip_mods = false;
	d->skip_anon_defs = false;
	if (parens)
		dump_out(d, ")", 1);
}

static int data_bitfield(const struct btf_type *t, const void *data,
			 __u8 bit_off, __u8 bit_sz, __u64 *val)
{
	const __u8 *bytes = data;
	int i, nbytes = (bit_off + bit_sz + 7) / 8;
	__u64 v = 0;

	if (t->size > 8 || bit_sz > 64 || bit_off + bit_sz > 64) {
		pr_warn("btf_dump: bitfield of %u bits in a %u-byte type unsupported\n",
			bit_sz, t->size);
		return -EINVAL;
	}
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	for (i = nbytes - 1; i >= 0; i--)
		v = (v << 8) | bytes[i];
	v >>= bit_off;
#else
	for (i = 0; i < nbytes; i++)
		v = (v << 8) | bytes[i];
	v >>= nbytes * 8 - bit_off - bit_sz;
#endif
	if (bit_sz < 64)
		v &= (1ULL << bit_sz) - 1;
	*val = v;
	return 0;
}

static int data_enum_value(struct btf_dump *d, const struct btf_type *t,
			   __u32 id, const void *data, __s64 *val)
{
	bool is_unsigned = !btf_kflag(t);

	switch (t->size) {
	case 8:
		memcpy(val, data, 8);
		return 0;
	case 4: {
		__u32 v;

		memcpy(&v, data, 4);
		*val = is_unsigned ? (__s64)v : (__s64)(__s32)v;
		return 0;
	}
	case 2: {
		__u16 v;

		memcpy(&v, data, 2);
		*val = is_unsigned ? (__s64)v : (__s64)(__s16)v;
		return 0;
	}
	case 1: {
		__u8 v = *(const __u8 *)data;

		*val = is_unsigned ? (__s64)v : (__s64)(__s8)v;
		return 0;
	}
	default:
		pr_warn("btf_dump: type [%u]: enum of %u bytes unsupported\n", id,
			t->size);
		return -EINVAL;
	}
}

/* -ENODATA when the value is all zero (and so left out). */
static int data_is_zero(struct btf_dump *d, __u32 id, const void *data,
			__u8 bit_off, __u8 bit_sz)
{
	const struct btf_type *t = data_skip_mods(d, id, &id);
	static const __u8 zeroes[16];
	__u32 i, n;
	int err, sz;

	if (!t)
		return -EINVAL;
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		if (bit_sz) {
			__u64 v;

			err = data_bitfield(t, data, bit_off, bit_sz, &v);
			return err ? err : v ? 0 : -ENODATA;
		}
		/* fall through */
	case BTF_KIND_FLOAT:
	case BTF_KIND_PTR:
		sz = btf_is_ptr(t) ? d->ptr_sz : (int)t->size;
		if (sz < 1 || sz > 16)
			return -EINVAL;
		return memcmp(data, zeroes, sz) ? 0 : -ENODATA;
	case BTF_KIND_ARRAY: {
		const struct btf_array *a = btf_array(t);
		__s64 esz = btf__resolve_size(d->btf, a->type);
		const struct btf_type *et = data_skip_mods(d, a->type, NULL);

		if (esz <= 0)
			return -EINVAL;
		/* a string starting with NUL is empty, whatever follows */
		if (a->nelems && et && btf_is_int(et) && esz == 1 &&
		    !*(const char *)data)
			return -ENODATA;
		for (i = 0; i < a->nelems; i++) {
			err = data_is_zero(d, a->type,
					   (const char *)data + i * esz, 0, 0);
			if (err != -ENODATA)
				return err;
		}
		return -ENODATA;
	}
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		n = btf_vlen(t);
		for (i = 0; i < n; i++) {
			__u32 off = btf_member_bit_offset(t, i);

			err = data_is_zero(d, btf_members(t)[i].type,
					   (const char *)data + off / 8, off % 8,
					   btf_member_bitfield_size(t, i));
			if (err != -ENODATA)
				return err;
		}
		return -ENODATA;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64: {
		__s64 v;

		if (bit_sz) {
			__u64 u;

			err = data_bitfield(t, data, bit_off, bit_sz, &u);
			v = u;
		} else {
			err = data_enum_value(d, t, id, data, &v);
		}
		return err ? err : v ? 0 : -ENODATA;
	}
	default:
		return 0;
	}
}

static int data_int(struct btf_dump *d, const struct btf_type *t, __u32 id,
		    const void *data)
{
	bool is_signed = btf_int_encoding(t) & BTF_INT_SIGNED;
	__u8 buf[16];

	if (t->size == 0 || t->size > 16) {
		pr_warn("btf_dump: type [%u]: int of %u bytes unsupported\n", id,
			t->size);
		return -EINVAL;
	}
	/* the data may sit at any address (packed structs, user buffers) */
	memcpy(buf, data, t->size);
	switch (t->size) {
	case 16: {
		__u64 lo, hi;

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		memcpy(&lo, buf, 8);
		memcpy(&hi, buf + 8, 8);
#else
		memcpy(&hi, buf, 8);
		memcpy(&lo, buf + 8, 8);
#endif
		if (hi)
			dump_printf(d, "0x%llx%016llx", (unsigned long long)hi,
				    (unsigned long long)lo);
		else
			dump_printf(d, "0x%llx", (unsigned long long)lo);
		break;
	}
	case 8: {
		__u64 v;

		memcpy(&v, buf, 8);
		if (is_signed)
			dump_s64(d, (__s64)v);
		else
			dump_u64(d, v);
		break;
	}
	case 4: {
		__u32 v;

		memcpy(&v, buf, 4);
		if (is_signed)
			dump_s64(d, (__s32)v);
		else
			dump_u64(d, v);
		break;
	}
	case 2: {
		__u16 v;

		memcpy(&v, buf, 2);
		if (is_signed)
			dump_s64(d, (__s16)v);
		else
			dump_u64(d, v);
		break;
	}
	case 1: {
		char c = buf[0];

		if (d->data.is_array_char) {
			/* elements after a string's NUL are not shown */
			if (d->data.is_array_terminated)
				return 0;
			if (c == '\0') {
				dump_puts(d, "'\\0'");
				d->data.is_array_terminated = true;
				break;
			}
			if (isprint((unsigned char)c)) {
				dump_printf(d, "'%c'", c);
				break;
			}
		}
		if (is_signed)
			dump_s64(d, (__s8)buf[0]);
		else
			dump_u64(d, buf[0]);
		break;
	}
	default:
		pr_warn("btf_dump: type [%u]: int of %u bytes unsupported\n", id,
			t->size);
		return -EINVAL;
	}
	data_end_value(d);
	return 0;
}

static int data_float(struct btf_dump *d, const struct btf_type *t, __u32 id,
		      const void *data)
{
	switch (t->size) {
	case 16: {
		long double v;

		memcpy(&v, data, sizeof(v) < 16 ? sizeof(v) : 16);
		dump_printf(d, "%Lf", v);
		break;
	}
	case 8: {
		double v;

		memcpy(&v, data, 8);
		dump_printf(d, "%lf", v);
		break;
	}
	case 4: {
		float v;

		memcpy(&v, data, 4);
		dump_printf(d, "%f", v);
		break;
	}
	default:
		pr_warn("btf_dump: type [%u]: float of %u bytes unsupported\n",
			id, t->size);
		return -EINVAL;
	}
	data_end_value(d);
	return 0;
}

static int data_ptr(struct btf_dump *d, const void *data)
{
	if (d->ptr_sz == 4) {
		__u32 v;

		memcpy(&v, data, 4);
		dump_printf(d, "0x%x", v);
	} else {
		__u64 v;

		memcpy(&v, data, 8);
		if (d->ptr_sz == sizeof(void *))
			dump_printf(d, "%p", (void *)(uintptr_t)v);
		else
			dump_printf(d, "0x%llx", (unsigned long long)v);
	}
	data_end_value(d);
	return 0;
}

static int data_enum(struct btf_dump *d, const struct btf_type *t, __u32 id,
		     __s64 v)
{
	bool is_signed = btf_kflag(t);
	__u32 i, n = btf_vlen(t);

	if (btf_is_enum(t)) {
		for (i = 0; i < n; i++) {
			if ((__u32)v != (__u32)btf_enum(t)[i].val)
				continue;
			dump_puts(d, dump_str(d, btf_enum(t)[i].name_off));
			data_end_value(d);
			return 0;
		}
		if (is_signed)
			dump_s64(d, (__s32)v);
		else
			dump_u64(d, (__u32)v);
	} else {
		for (i = 0; i < n; i++) {
			if ((__u64)v != btf_enum64_value(&btf_enum64(t)[i]))
				continue;
			dump_puts(d, dump_str(d, btf_enum64(t)[i].name_off));
			data_end_value(d);
			return 0;
		}
		if (is_signed)
			dump_printf(d, "%lldLL", (long long)v);
		else
			dump_printf(d, "%lluULL", (unsigned long long)v);
	}
	data_end_value(d);
	return 0;
}

/* emit_strings: a NUL-terminated char array as "text"; -EINVAL if none. */
static int data_string(struct btf_dump *d, const struct btf_type *t,
		       const void *data)
{
	const struct btf_array *a = btf_array(t);
	const char *s = data;
	__u32 i;

	for (i = 0; i < a->nelems; i++) {
		if ((const void *)(s + i) >= d->data.data_end)
			return -E2BIG;
		if (!s[i])
			break;
	}
	if (i == a->nelems)
		return -EINVAL;
	dump_out(d, "\"", 1);
	for (i = 0; s[i]; i++) {
		if (isprint((unsigned char)s[i]))
			dump_out(d, s + i, 1);
		else
			dump_printf(d, "\\x%02x", (__u8)s[i]);
	}
	dump_out(d, "\"", 1);
	data_end_value(d);
	return 0;
}

static int data_array(struct btf_dump *d, const struct btf_type *t, __u32 id,
		      const void *data)
{
	const struct btf_array *a = btf_array(t);
	const struct btf_type *et = data_skip_mods(d, a->type, NULL);
	__s64 esz = btf__resolve_size(d->btf, a->type);
	bool was_member, was_terminated, was_char;
	const char *p = data;
	__u32 i;

	if (esz <= 0 || !et) {
		pr_warn("btf_dump: type [%u]: array element of no size\n", id);
		return -EINVAL;
	}
	was_char = d->data.is_array_char;
	if (btf_is_int(et) && esz == 1) {
		if (d->data.emit_strings && data_string(d, t, data) == 0)
			return 0;
		d->data.is_array_char = true;
	}
	data_open(d, '[');
	was_member = d->data.is_array_member;
	was_terminated = d->data.is_array_terminated;
	d->data.is_array_member = true;
	d->data.is_array_terminated = false;
	for (i = 0; i < a->nelems && !d->data.is_array_terminated;
	     i++, p += esz) {
		/* like the reference: an element that cannot be shown
		 * (past the end of the data) ends nothing */
		data_value(d, a->type, p, NULL, 0, 0, NULL);
	}
	d->data.is_array_member = was_member;
	d->data.is_array_terminated = was_terminated;
	d->data.is_array_char = was_char;
	data_close(d, ']');
	return 0;
}

static int data_struct(struct btf_dump *d, const struct btf_type *t,
		       const void *data)
{
	const struct btf_member *m = btf_members(t);
	bool was_member = d->data.is_array_member;
	bool was_char = d->data.is_array_char;
	__u32 i, n = btf_vlen(t);
	int err;

	/* members of a struct inside an array are shown with their types */
	d->data.is_array_member = false;
	d->data.is_array_char = false;
	data_open(d, '{');
	for (i = 0; i < n; i++, m++) {
		__u32 off = btf_member_bit_offset(t, i);

		err = data_value(d, m->type, (const char *)data + off / 8,
				 NULL, off % 8, btf_member_bitfield_size(t, i),
				 dump_str(d, m->name_off));
		if (err < 0)
			return err;
	}
	d->data.is_array_member = was_member;
	d->data.is_array_char = was_char;
	data_close(d, '}');
	return 0;
}

static int data_var(struct btf_dump *d, const struct btf_type *t,
		    const void *data)
{
	switch (btf_var(t)->linkage) {
	case BTF_VAR_STATIC:
		dump_puts(d, "static ");
		break;
	case BTF_VAR_GLOBAL_EXTERN:
		dump_puts(d, "extern ");
		break;
	default:
		break;
	}
	data_type_cast(d, t->type, false);
	dump_out(d, " ", 1);
	dump_puts(d, dump_str(d, t->name_off));
	dump_puts(d, " = ");
	return data_value(d, t->type, data, NULL, 0, 0, NULL);
}

static int data_datasec(struct btf_dump *d, const struct btf_type *t,
			const void *data)
{
	const struct btf_var_secinfo *v = btf_var_secinfos(t);
	__u32 i, n = btf_vlen(t);
	int err;

	dump_printf(d, "SEC(\"%s\") ", dump_str(d, t->name_off));
	data_end_value(d);
	for (i = 0; i < n; i++, v++) {
		err = data_value(d, v->type, (const char *)data + v->offset,
				 NULL, 0, 0, NULL);
		if (err < 0)
			return err;
		dump_out(d, ";", 1);
	}
	return 0;
}

/* The size in bytes the value occupies, or -E2BIG past data_end. */
static int data_check_size(struct btf_dump *d, __u32 id, const void *data,
			   __u8 bit_off, __u8 bit_sz)
{
	const struct btf_type *t;
	__s64 size;

	if (bit_sz) {
		int nbytes = (bit_off + bit_sz + 7) / 8;

		if ((const char *)data + nbytes > (const char *)d->data.data_end)
			return -E2BIG;
		return nbytes;
	}
	size = btf__resolve_size(d->btf, id);
	if (size < 0 || size >= INT_MAX) {
		pr_warn("btf_dump: type [%u]: cannot size it for data\n", id);
		return -EINVAL;
	}
	t = data_skip_mods(d, id, NULL);
	if (!t)
		return -EINVAL;
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_FLOAT:
	case BTF_KIND_PTR:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		/* only scalars are checked: aggregates show what fits */
		if ((const char *)data + bit_off / 8 + size >
		    (const char *)d->data.data_end)
			return -E2BIG;
		break;
	default:
		break;
	}
	return (int)size;
}

static int data_value(struct btf_dump *d, __u32 id, const void *data,
		      const struct btf_type *unused, __u8 bit_off,
		      __u8 bit_sz, const char *fname)
{
	const struct btf_type *t;
	int size, err;

	size = data_check_size(d, id, data, bit_off, bit_sz);
	if (size < 0)
		return size;
	if (!d->data.emit_zeroes && d->data.depth > 0 &&
	    !(d->data.is_array_member && !d->data.is_array_char)) {
		err = data_is_zero(d, id, data, bit_off, bit_sz);
		if (err == -ENODATA)
			return size;
		if (err)
			return err;
	}
	data_prefix(d);
	if (!d->data.skip_names) {
		if (fname && fname[0]) {
			dump_out(d, ".", 1);
			dump_puts(d, fname);
			dump_puts(d, " = ");
		}
		data_type_cast(d, id, true);
	}

	t = data_skip_mods(d, id, &id);
	if (!t)
		return -EINVAL;
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		if (bit_sz) {
			__u64 v;

			err = data_bitfield(t, data, bit_off, bit_sz, &v);
			if (!err) {
				dump_printf(d, "0x%llx", (unsigned long long)v);
				data_end_value(d);
			}
		} else {
			err = data_int(d, t, id, data);
		}
		break;
	case BTF_KIND_FLOAT:
		err = data_float(d, t, id, data);
		break;
	case BTF_KIND_PTR:
		err = data_ptr(d, data);
		break;
	case BTF_KIND_ARRAY:
		err = data_array(d, t, id, data);
		break;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		err = data_struct(d, t, data);
		break;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64: {
		__s64 v;

		if (bit_sz) {
			__u64 u;

			err = data_bitfield(t, data, bit_off, bit_sz, &u);
			v = (__s64)u;
		} else {
			err = data_enum_value(d, t, id, data, &v);
		}
		if (!err)
			err = data_enum(d, t, id, v);
		break;
	}
	case BTF_KIND_VAR:
		err = data_var(d, t, data);
		break;
	case BTF_KIND_DATASEC:
		err = data_datasec(d, t, data);
		break;
	case BTF_KIND_FWD:
	case BTF_KIND_FUNC:
	case BTF_KIND_FUNC_PROTO:
	case BTF_KIND_DECL_TAG:
	case BTF_KIND_UNKN:
		dump_printf(d, "<unsupported kind:%u>", btf_kind(t));
		pr_warn("btf_dump: type [%u]: no data of kind %s\n", id,
			btf_kind_name(btf_kind(t)));
		err = -ENOTSUP;
		break;
	default:
		pr_warn("btf_dump: type [%u]: unexpected kind %u\n", id,
			btf_kind(t));
		return -EINVAL;
	}
	return err < 0 ? err : size;
}

int btf_dump__dump_type_data(struct btf_dump *d, __u32 id, const void *data,
			     size_t data_sz,
			     const struct btf_dump_type_data_opts *opts)
{
	const char *indent;
	int ret;

	if (!d || (!data && data_sz))
		return util_err(-EINVAL);
	if (!OPTS_OK(opts, btf_dump_type_data_opts))
		return util_err(-EINVAL);
	if (id == 0 || id >= btf__type_cnt(d->btf)) {
		pr_warn("btf_dump: type id %u out of range for data\n", id);
		return util_err(-ENOENT);
	}
	ret = dump_sync(d);
	if (ret)
		return util_err(ret);
	memset(&d->data, 0, sizeof(d->data));
	indent = OPTS_GET(opts, indent_str, NULL);
	d->data.indent_str = indent ? indent : "\t";
	d->data.indent_lvl = OPTS_GET(opts, indent_level, 0);
	d->data.compact = OPTS_GET(opts, compact, false);
	d->data.skip_names = OPTS_GET(opts, skip_names, false);
	d->data.emit_zeroes = OPTS_GET(opts, emit_zeroes, false);
	d->data.emit_strings = OPTS_GET(opts, emit_strings, false);
	d->data.data_end = (const char *)data + data_sz;

	ret = data_value(d, id, data, NULL, 0, 0, NULL);
	dump_flush(d);
	if (!ret && d->err)
		ret = d->err;
	d->err = 0;
	memset(&d->data, 0, sizeof(d->data));
	return util_err(ret);
}
