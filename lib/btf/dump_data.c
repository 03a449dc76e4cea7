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
#include <stdio.h>
#include <string.h>

#include "btf/btf_internal.h"
#include "btf/dump_internal.h"
#include "util/err.h"
#include "util/log.h"
#include "util/opts.h"

static int data_value(struct btf_dump *d, const __u32 id, const void *data,
		      const struct btf_type *t, __u8 bit_off, __u8 bit_sz,
		      const char *fname);

static void data_prefix(struct btf_dump *d)
{
	int i, lvl = d->data.indent_lvl + d->data.depth;

	if (d->data.compact)
		return;
	for (i = 0; i < lvl; i++)
		dump_puts(d, d->data.indent_str);
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
	dump_data_end_value(d);
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
	dump_data_end_value(d);
	return 0;
}

static int data_array(struct btf_dump *d, const struct btf_type *t, __u32 id,
		      const void *data)
{
	const struct btf_array *a = btf_array(t);
	const struct btf_type *et = dump_data_skip_mods(d, a->type, NULL);
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
	dump_data_end_value(d);
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
	t = dump_data_skip_mods(d, id, NULL);
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
		err = dump_data_is_zero(d, id, data, bit_off, bit_sz);
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

	t = dump_data_skip_mods(d, id, &id);
	if (!t)
		return -EINVAL;
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		if (bit_sz) {
			__u64 v;

			err = dump_data_bitfield(t, data, bit_off, bit_sz, &v);
			if (!err) {
				dump_printf(d, "0x%llx", (unsigned long long)v);
				dump_data_end_value(d);
			}
		} else {
			err = dump_data_int(d, t, id, data);
		}
		break;
	case BTF_KIND_FLOAT:
		err = dump_data_float(d, t, id, data);
		break;
	case BTF_KIND_PTR:
		err = dump_data_ptr(d, data);
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

			err = dump_data_bitfield(t, data, bit_off, bit_sz, &u);
			v = (__s64)u;
		} else {
			err = dump_data_enum_value(d, t, id, data, &v);
		}
		if (!err)
			err = dump_data_enum(d, t, id, v);
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
	snprintf(d->data.indent_str, sizeof(d->data.indent_str), "%s",
		 indent ? indent : "\t");
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
