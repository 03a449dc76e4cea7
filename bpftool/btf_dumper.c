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
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <unistd.h>

#include <bpf/bpf.h>
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

/* ---- function signatures for program ids in function pointers ---------- */

struct sig {
	char buf[1024];
	size_t len;
	bool overflow;
};

static void sig_put(struct sig *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void sig_put(struct sig *s, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (s->overflow)
		return;
	va_start(ap, fmt);
	n = vsnprintf(s->buf + s->len, sizeof(s->buf) - s->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(s->buf) - s->len)
		s->overflow = true;
	else
		s->len += n;
}

static int sig_type(const struct btf *btf, __u32 id, struct sig *s, int depth);

/* "RET (ARG, ARG, ...)": an unnamed argument loses its trailing blank. */
static int sig_proto(const struct btf *btf, const struct btf_type *proto,
		     struct sig *s, int depth)
{
	const struct btf_param *p = btf_params(proto);
	__u16 i;

	if (sig_type(btf, proto->type, s, depth + 1))
		return -1;
	sig_put(s, "(");
	for (i = 0; i < btf_vlen(proto); i++) {
		if (i)
			sig_put(s, ", ");
		if (!p[i].type) {
			sig_put(s, "...");
			continue;
		}
		if (sig_type(btf, p[i].type, s, depth + 1))
			return -1;
		if (p[i].name_off)
			sig_put(s, "%s", btf__name_by_offset(btf, p[i].name_off));
		else if (s->len && s->buf[s->len - 1] == ' ')
			s->buf[--s->len] = '\0';
	}
	sig_put(s, ")");
	return 0;
}

/* A type written as C, each name followed by a blank ("struct sock * "). */
static int sig_type(const struct btf *btf, __u32 id, struct sig *s, int depth)
{
	const struct btf_type *t;
	const char *name;

	if (depth > 32)
		return -1;
	if (!id) {
		sig_put(s, "void ");
		return 0;
	}
	t = btf__type_by_id(btf, id);
	if (!t)
		return -1;
	name = btf__name_by_offset(btf, t->name_off);
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_FLOAT:
		sig_put(s, "%s ", name);
		return 0;
	case BTF_KIND_STRUCT:
		sig_put(s, "struct %s ", name);
		return 0;
	case BTF_KIND_UNION:
		sig_put(s, "union %s ", name);
		return 0;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		sig_put(s, "enum %s ", name);
		return 0;
	case BTF_KIND_FWD:
		sig_put(s, "%s %s ", btf_kflag(t) ? "union" : "struct", name);
		return 0;
	case BTF_KIND_ARRAY:
		if (sig_type(btf, btf_array(t)->type, s, depth + 1))
			return -1;
		sig_put(s, "[%u]", btf_array(t)->nelems);
		return 0;
	case BTF_KIND_PTR:
		if (sig_type(btf, t->type, s, depth + 1))
			return -1;
		sig_put(s, "* ");
		return 0;
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
		sig_put(s, "%s ", btf_kind(t) == BTF_KIND_CONST ? "const" :
				  btf_kind(t) == BTF_KIND_VOLATILE ? "volatile" : "restrict");
		return sig_type(btf, t->type, s, depth + 1);
	case BTF_KIND_FUNC_PROTO:
		return sig_proto(btf, t, s, depth);
	default:
		return -1;
	}
}

/* The name of a loaded program's main function, from its BTF. */
static void prog_func_name(__u32 prog_id, char *name, size_t len)
{
	struct bpf_prog_info info = {};
	struct bpf_func_info finfo = {};
	__u32 info_len = sizeof(info), rec_size;
	const struct btf_type *t;
	struct btf *btf = NULL;
	int fd;

	name[0] = '\0';
	fd = bpf_prog_get_fd_by_id(prog_id);
	if (fd < 0)
		return;
	if (bpf_prog_get_info_by_fd(fd, &info, &info_len) || !info.btf_id ||
	    !info.nr_func_info)
		goto out;
	rec_size = info.func_info_rec_size;
	memset(&info, 0, sizeof(info));
	info.nr_func_info = 1;
	info.func_info_rec_size = rec_size;
	info.func_info = (__u64)(unsigned long)&finfo;
	info_len = sizeof(info);
	if (bpf_prog_get_info_by_fd(fd, &info, &info_len))
		goto out;
	btf = btf__load_from_kernel_by_id(info.btf_id);
	if (!btf)
		goto out;
	t = btf__type_by_id(btf, finfo.type_id);
	if (t && btf_is_func(t))
		snprintf(name, len, "%s", btf__name_by_offset(btf, t->name_off));
out:
	btf__free(btf);
	close(fd);
}

/* Returns false when the pointer is not a function pointer to print so. */
static bool dump_prog_ptr(const struct btf_dumper *d, const struct btf_type *t,
			  unsigned long value)
{
	const struct btf_type *proto;
	char name[128];
	struct sig s;
	int id;

	if (value > UINT32_MAX)
		return false;
	id = btf__resolve_type(d->btf, t->type);
	proto = id < 0 ? NULL : btf__type_by_id(d->btf, id);
	if (!proto || !btf_is_func_proto(proto))
		return false;
	s.len = 0;
	s.buf[0] = '\0';
	s.overflow = false;
	if (sig_proto(d->btf, proto, &s, 0) || s.overflow)
		return false;
	if (!value) {
		sig_put(&s, " 0");
	} else {
		prog_func_name(value, name, sizeof(name));
		sig_put(&s, " %s/prog_id:%lu", name[0] ? name : "<unknown_prog_name>",
			value);
	}
	jsonw_string(d->jw, s.buf);
	return true;
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
		if (d->prog_id_as_func_ptr && dump_prog_ptr(d, t, ptr))
			return 0;
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
