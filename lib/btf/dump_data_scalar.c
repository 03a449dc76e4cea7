// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * btf_dump__dump_type_data() for scalars: ints (chars in char arrays),
 * floats, pointers, enums and bitfields, and the "is it all zero" test that
 * decides which members are left out.  Aggregates are in dump_data.c.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "btf/btf_internal.h"
#include "btf/dump_internal.h"
#include "util/log.h"

const struct btf_type *dump_data_skip_mods(struct btf_dump *d, __u32 id,
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

/* What follows every value: nothing at the top level. */
void dump_data_end_value(struct btf_dump *d)
{
	if (d->data.depth == 0)
		return;
	dump_out(d, ",", 1);
	if (!d->data.compact)
		dump_out(d, "\n", 1);
}

int dump_data_bitfield(const struct btf_type *t, const void *data,
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

int dump_data_enum_value(struct btf_dump *d, const struct btf_type *t,
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
int dump_data_is_zero(struct btf_dump *d, __u32 id, const void *data,
			__u8 bit_off, __u8 bit_sz)
{
	const struct btf_type *t = dump_data_skip_mods(d, id, &id);
	static const __u8 zeroes[16];
	__u32 i, n;
	int err, sz;

	if (!t)
		return -EINVAL;
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		if (bit_sz) {
			__u64 v;

			err = dump_data_bitfield(t, data, bit_off, bit_sz, &v);
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
		const struct btf_type *et = dump_data_skip_mods(d, a->type, NULL);

		if (esz <= 0)
			return -EINVAL;
		/* a string starting with NUL is empty, whatever follows */
		if (a->nelems && et && btf_is_int(et) && esz == 1 &&
		    !*(const char *)data)
			return -ENODATA;
		for (i = 0; i < a->nelems; i++) {
			err = dump_data_is_zero(d, a->type,
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

			err = dump_data_is_zero(d, btf_members(t)[i].type,
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

			err = dump_data_bitfield(t, data, bit_off, bit_sz, &u);
			v = u;
		} else {
			err = dump_data_enum_value(d, t, id, data, &v);
		}
		return err ? err : v ? 0 : -ENODATA;
	}
	default:
		return 0;
	}
}

int dump_data_int(struct btf_dump *d, const struct btf_type *t, __u32 id,
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
	dump_data_end_value(d);
	return 0;
}

int dump_data_float(struct btf_dump *d, const struct btf_type *t, __u32 id,
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
	dump_data_end_value(d);
	return 0;
}

int dump_data_ptr(struct btf_dump *d, const void *data)
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
	dump_data_end_value(d);
	return 0;
}

int dump_data_enum(struct btf_dump *d, const struct btf_type *t, __u32 id,
		     __s64 v)
{
	bool is_signed = btf_kflag(t);
	__u32 i, n = btf_vlen(t);

	if (btf_is_enum(t)) {
		for (i = 0; i < n; i++) {
			if ((__u32)v != (__u32)btf_enum(t)[i].val)
				continue;
			dump_puts(d, dump_str(d, btf_enum(t)[i].name_off));
			dump_data_end_value(d);
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
			dump_data_end_value(d);
			return 0;
		}
		if (is_signed)
			dump_printf(d, "%lldLL", (long long)v);
		else
			dump_printf(d, "%lluULL", (unsigned long long)v);
	}
	dump_data_end_value(d);
	return 0;
}
