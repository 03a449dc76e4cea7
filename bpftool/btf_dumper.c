// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * Values by BTF type.  The layout decisions mirror what users of the
 * reference see (and diff): bitfields and odd-width integers in hex, char
 * arrays as strings only when NUL-terminated and printable, enums by
 * enumerator name when one matches, pointers as addresses, global data
 * sections as {"SEC": [{"var": value}, ...]}.  Kinds a map value cannot
 * hold (or that the reference does not print) leave a marker and stop the
 * enclosing container.
 */
#include <ctype.h>
#include <errno.h>
#include <string.h>

#include <bpf/btf.h>

#include "btf_dumper.h"

static int dump_type(const struct btf_dumper *d, __u32 id, unsigned int bit_off,
		     const unsigned char *data);

/* An unsigned integer of up to 128 bits as hex, quoted for JSON output. */
static void put_hex128(const struct btf_dumper *d, unsigned __int128 v)
{
	unsigned long long hi = v >> 64, lo = (unsigned long long)v;
	const char *q = d->is_plain_text ? "" : "\"";

	if (hi)
		jsonw_printf(d->jw, "%s0x%llx%016llx%s", q, hi, lo, q);
	else
		jsonw_printf(d->jw, "%s0x%llx%s", q, lo, q);
}

/* nr_bits bits starting bit_off bits into data (little-endian layout). */
static void put_bits(const struct btf_dumper *d, unsigned int nr_bits,
		     unsigned int bit_off, const unsigned char *data)
{
	unsigned int nbytes, i;
	unsigned __int128 v = 0;

	data += bit_off / 8;
	bit_off %= 8;
	nbytes = (bit_off + nr_bits + 7) / 8;
	if (nbytes > 16)
		nbytes = 16;
	for (i = nbytes; i > 0; i--)
		v = (v << 8) | data[i - 1];
	v >>= bit_off;
	if (nr_bits < 128)
		v &= ((unsigned __int128)1 << nr_bits) - 1;
	put_hex128(d, v);
}

static int dump_int(const struct btf_dumper *d, const struct btf_type *t,
		    unsigned int bit_off, const unsigned char *data)
{
	unsigned int bits = btf_int_bits(t), off = btf_int_offset(t);
	unsigned __int128 v128;
	char c;

	if (bit_off || off || bits % 8) {
		put_bits(d, bits, bit_off + off, data);
		return 0;
	}
	if (bits == 128) {
		memcpy(&v128, data, sizeof(v128));
		put_hex128(d, v128);
		return 0;
	}
	switch (btf_int_encoding(t)) {
	case 0:
	case BTF_INT_SIGNED: {
		bool sign = btf_int_encoding(t) == BTF_INT_SIGNED;
		__u64 u = 0;
		__s64 s = 0;

		switch (bits) {
		case 64: { __u64 x; memcpy(&x, data, 8); u = x; s = (__s64)x; break; }
		case 32: { __u32 x; memcpy(&x, data, 4); u = x; s = (__s32)x; break; }
		case 16: { __u16 x; memcpy(&x, data, 2); u = x; s = (__s16)x; break; }
		case 8: u = data[0]; s = (__s8)data[0]; break;
		default:
			put_bits(d, bits, 0, data);
			return 0;
		}
		if (sign)
			jsonw_printf(d->jw, "%lld", (long long)s);
		else
			jsonw_printf(d->jw, "%llu", (unsigned long long)u);
		return 0;
	}
	case BTF_INT_CHAR:
		c = (char)data[0];
		if (isprint((unsigned char)c))
			jsonw_printf(d->jw, "\"%c\"", c);
		else if (d->is_plain_text)
			jsonw_printf(d->jw, "0x%hhx", (unsigned char)c);
		else
			jsonw_printf(d->jw, "\"\\u00%02hhx\"", (unsigned char)c);
		return 0;
	case BTF_INT_BOOL:
		jsonw_bool(d->jw, data[0] != 0);
		return 0;
	default:
		return -EINVAL;
	}
}

/* char arrays holding a printable, NUL-terminated string print as one. */
static bool is_string(const struct btf *btf, const struct btf_array *arr,
		      const unsigned char *s)
{
	const struct btf_type *elem = btf__type_by_id(btf, arr->type);
	__u32 i;

	if (!arr->nelems)
		return false;
	/* qualifiers are looked through, typedefs are not */
	while (elem && btf_is_mod(elem))
		elem = btf__type_by_id(btf, elem->type);
	if (!elem || !btf_is_int(elem) || elem->size != 1)
		return false;
	if (btf_int_encoding(elem) != BTF_INT_CHAR &&
	    strcmp(btf__name_by_offset(btf, elem->name_off), "char"))
		return false;
	for (i = 0; i < arr->nelems; i++) {
		if (!s[i])
			return true;
		if (s[i] < 0x20 || s[i] >= 0x7f)
			return false;
	}
	return false;
}

static int dump_array(const struct btf_dumper *d, const struct btf_type *t,
		      const unsigned char *data)
{
	const struct btf_array *arr = btf_array(t);
	__s64 elem_size;
	int err = 0;
	__u32 i;

	if (is_string(d->btf, arr, data)) {
		jsonw_string(d->jw, (const char *)data);
		return 0;
	}
	elem_size = btf__resolve_size(d->btf, arr->type);
	if (elem_size < 0)
		return elem_size;
	jsonw_start_array(d->jw);
	for (i = 0; i < arr->nelems && !err; i++)
		err = dump_type(d, arr->type, 0, data + i * elem_size);
	jsonw_end_array(d->jw);
	return err;
}

static int dump_struct(const struct btf_dumper *d, const struct btf_type *t,
		       const unsigned char *data)
{
	const struct btf_member *m = btf_members(t);
	__u16 i, n = btf_vlen(t);
	int err = 0;

	jsonw_start_object(d->jw);
	for (i = 0; i < n && !err; i++) {
		__u32 off = m[i].offset, bsz = 0;

		if (btf_kflag(t)) {
			bsz = off >> 24;
			off &= 0xffffff;
		}
		jsonw_name(d->jw, btf__name_by_offset(d->btf, m[i].name_off));
		if (bsz)
			put_bits(d, bsz, off % 8, data + off / 8);
		else
			err = dump_type(d, m[i].type, off % 8, data + off / 8);
	}
	jsonw_end_object(d->jw);
	return err;
}

static int dump_enum(const struct btf_dumper *d, const struct btf_type *t,
		     const unsigned char *data)
{
	const struct btf_enum *e = btf_enum(t);
	__s64 v;
	__u16 i;

	switch (t->size) {
	case 8: { __s64 x; memcpy(&x, data, 8); v = x; break; }
	case 4: { __s32 x; memcpy(&x, data, 4); v = x; break; }
	case 2: { __s16 x; memcpy(&x, data, 2); v = x; break; }
	case 1: v = (__s8)data[0]; break;
	default: return -EINVAL;
	}
	for (i = 0; i < btf_vlen(t); i++) {
		if (v == e[i].val) {
			jsonw_string(d->jw, btf__name_by_offset(d->btf, e[i].name_off));
			return 0;
		}
	}
	jsonw_int(d->jw, v);
	return 0;
}

static int dump_enum64(const struct btf_dumper *d, const struct btf_type *t,
		       const unsigned char *data)
{
	const struct btf_enum64 *e = btf_enum64(t);
	__u64 v;
	__u16 i;

	memcpy(&v, data, sizeof(v));
	for (i = 0; i < btf_vlen(t); i++) {
		if (v == btf_enum64_value(&e[i])) {
			jsonw_string(d->jw, btf__name_by_offset(d->btf, e[i].name_off));
			return 0;
		}
	}
	jsonw_int(d->jw, (__s64)v);
	return 0;
}

static int dump_datasec(const struct btf_dumper *d, const struct btf_type *t,
			const unsigned char *data)
{
	const struct btf_var_secinfo *vs = btf_var_secinfos(t);
	__u16 i, n = btf_vlen(t);
	int err = 0;

	jsonw_start_object(d->jw);
	jsonw_name(d->jw, btf__name_by_offset(d->btf, t->name_off));
	jsonw_start_array(d->jw);
	for (i = 0; i < n && !err; i++)
		err = dump_type(d, vs[i].type, 0, data + vs[i].offset);
	jsonw_end_array(d->jw);
	jsonw_end_object(d->jw);
	return err;
}

static int dump_type(const struct btf_dumper *d, __u32 id, unsigned int bit_off,
		     const unsigned char *data)
{
	const struct btf_type *t = btf__type_by_id(d->btf, id);
	unsigned long ptr;
	int err, real;

	if (!t)
		return -EINVAL;
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		return dump_int(d, t, bit_off, data);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return dump_struct(d, t, data);
	case BTF_KIND_ARRAY:
		return dump_array(d, t, data);
	case BTF_KIND_ENUM:
		return dump_enum(d, t, data);
	case BTF_KIND_ENUM64:
		return dump_enum64(d, t, data);
	case BTF_KIND_PTR:
		memcpy(&ptr, data, sizeof(ptr));
		if (d->is_plain_text)
			jsonw_printf(d->jw, "%p", (void *)ptr);
		else
			jsonw_printf(d->jw, "%lu", ptr);
		return 0;
	case BTF_KIND_UNKN:
		jsonw_printf(d->jw, "(unknown)");
		return 0;
	case BTF_KIND_FWD:
		jsonw_printf(d->jw, "(fwd-kind-invalid)");
		return -EINVAL;
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
		real = btf__resolve_type(d->btf, id);
		if (real < 0)
			return real;
		return dump_type(d, real, bit_off, data);
	case BTF_KIND_VAR:
		jsonw_start_object(d->jw);
		jsonw_name(d->jw, btf__name_by_offset(d->btf, t->name_off));
		err = dump_type(d, t->type, bit_off, data);
		jsonw_end_object(d->jw);
		return err;
	case BTF_KIND_DATASEC:
		return dump_datasec(d, t, data);
	default:
		/* the reference's marker, unbalanced parenthesis included */
		jsonw_printf(d->jw, "(unsupported-kind");
		return -EINVAL;
	}
}

int btf_dumper_type(const struct btf_dumper *d, __u32 type_id, const void *data)
{
	return dump_type(d, type_id, 0, data);
}
