// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * btf_dump objects: creation, the output buffer, unique names, and the
 * public entry points of the C printer.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "btf/btf_internal.h"
#include "btf/dump_internal.h"
#include "util/alloc.h"
#include "util/err.h"
#include "util/hashmap.h"
#include "util/log.h"
#include "util/opts.h"

/* ---- output ---- */

static void dump_call(struct btf_dump *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	d->printf_fn(d->ctx, fmt, ap);
	va_end(ap);
}

void dump_flush(struct btf_dump *d)
{
	if (!d->out_len)
		return;
	dump_call(d, "%.*s", (int)d->out_len, d->out);
	d->out_len = 0;
}

void dump_out(struct btf_dump *d, const char *s, size_t len)
{
	if (d->out_len + len > d->out_cap) {
		dump_flush(d);
		if (len > d->out_cap) {
			/* too big to buffer: pass it through in one piece */
			dump_call(d, "%.*s", (int)len, s);
			return;
		}
	}
	/* most pieces are a few bytes: a call to memcpy costs more */
	if (len <= 16) {
		char *p = d->out + d->out_len;
		size_t i;

		for (i = 0; i < len; i++)
			p[i] = s[i];
	} else {
		memcpy(d->out + d->out_len, s, len);
	}
	d->out_len += len;
}

/* strlen and copy in one pass while the buffer has room. */
void dump_puts(struct btf_dump *d, const char *s)
{
	char *p = d->out + d->out_len, *end = d->out + d->out_cap;

	while (*s && p < end)
		*p++ = *s++;
	d->out_len = p - d->out;
	if (*s)
		dump_out(d, s, strlen(s));
}

void dump_printf(struct btf_dump *d, const char *fmt, ...)
{
	char small[256], *big = NULL;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(small)) {
		dump_out(d, small, n);
		return;
	}
	big = malloc(n + 1);
	if (!big) {
		d->err = -ENOMEM;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(big, n + 1, fmt, ap);
	va_end(ap);
	dump_out(d, big, n);
	free(big);
}

void dump_indent(struct btf_dump *d, int lvl)
{
	static const char tabs[] = "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t";

	/* deeper levels than the reference's limit print that many tabs */
	if (lvl > (int)sizeof(tabs) - 1)
		lvl = sizeof(tabs) - 1;
	if (lvl > 0)
		dump_out(d, tabs, lvl);
}

void dump_u64(struct btf_dump *d, unsigned long long v)
{
	char buf[24], *p = buf + sizeof(buf);

	do {
		*--p = '0' + v % 10;
		v /= 10;
	} while (v);
	dump_out(d, p, buf + sizeof(buf) - p);
}

void dump_s64(struct btf_dump *d, long long v)
{
	if (v < 0) {
		dump_out(d, "-", 1);
		dump_u64(d, -(unsigned long long)v);
		return;
	}
	dump_u64(d, v);
}

/* ---- names ---- */

const char *dump_str(const struct btf_dump *d, __u32 off)
{
	const char *s = btf_str(d->btf, off);

	return s ? s : "";
}

size_t dump_name_uses(struct btf_dump *d, struct dump_names *map,
		      const char *name)
{
	return dump_names_use(d, map, name);
}

static const char *dump_resolve_name(struct btf_dump *d, __u32 id,
				     struct dump_names *map)
{
	const struct btf_type *t = dump_type(d, id);
	struct dump_tstate *s = &d->st[id];
	const char *name = dump_str(d, t->name_off);
	char buf[288];
	size_t uses;

	if (!t->name_off)
		return "";
	long renamed;
	char *dup;

	if (s->name_done) {
		if (s->renamed && util_hashmap_find(d->renamed, id, &renamed))
			return (const char *)renamed;
		return name;
	}
	s->name_done = 1;
	/* forward declarations name what is defined elsewhere: no suffix */
	if (btf_is_fwd(t) || (btf_is_enum(t) && !btf_vlen(t)))
		return name;
	uses = dump_name_uses(d, map, name);
	if (uses == 1)
		return name;
	/* renamed types are few: a map, not a pointer per type */
	snprintf(buf, sizeof(buf), "%.256s___%zu", name, uses);
	dup = strdup(buf);
	if (!dup || util_hashmap_add(d->renamed, id, (long)dup)) {
		free(dup);
		d->err = -ENOMEM;
		return name;
	}
	s->renamed = 1;
	return dup;
}

const char *dump_type_name(struct btf_dump *d, __u32 id)
{
	return dump_resolve_name(d, id, &d->type_names);
}

const char *dump_ident_name(struct btf_dump *d, __u32 id)
{
	return dump_resolve_name(d, id, &d->ident_names);
}

/* ---- alignment ---- */

static int dump_align_rec(struct btf_dump *d, __u32 id, int depth)
{
	const struct btf_type *t;
	int a = 0;

	if (id >= d->nr_types || depth > 64)
		return 0;
	if (d->aligns[id])
		return d->aligns[id];
	t = dump_type(d, id);
	if (!t)
		return 0;
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
	case BTF_KIND_FLOAT:
		a = t->size < (__u32)d->ptr_sz ? (int)t->size : d->ptr_sz;
		break;
	case BTF_KIND_PTR:
		a = d->ptr_sz;
		break;
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:
		a = dump_align_rec(d, t->type, depth + 1);
		break;
	case BTF_KIND_ARRAY:
		a = dump_align_rec(d, btf_array(t)->type, depth + 1);
		break;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION: {
		const struct btf_member *m = btf_members(t);
		int i, n = btf_vlen(t), ma;

		a = 1;
		for (i = 0; i < n; i++, m++) {
			ma = dump_align_rec(d, m->type, depth + 1);
			if (ma <= 0)
				return 0;
			if (!btf_member_bitfield_size(t, i) &&
			    btf_member_bit_offset(t, i) % (8 * ma))
				return d->aligns[id] = 1;
			if (ma > a)
				a = ma;
		}
		if (t->size % a)
			a = 1;
		break;
	}
	default:
		return 0;
	}
	if (a > 0 && a < 128)
		d->aligns[id] = a;
	return a;
}

int dump_align(struct btf_dump *d, __u32 id)
{
	return dump_align_rec(d, id, 0);
}

/* ---- lifetime ---- */

int dump_sync(struct btf_dump *d)
{
	__u32 n = btf__type_cnt(d->btf), old = d->nr_types;
	void *p;

	if (n <= old)
		return 0;
	p = util_realloc_array(d->st, n, sizeof(*d->st));
	if (!p)
		return -ENOMEM;
	d->st = p;
	p = util_realloc_array(d->aligns, n, 1);
	if (!p)
		return -ENOMEM;
	d->aligns = p;
	memset(d->st + old, 0, (n - old) * sizeof(*d->st));
	memset(d->aligns + old, 0, n - old);
	/* void counts as emitted and ordered: nothing to print for it */
	if (old == 0) {
		d->st[0].order = DUMP_ORDERED;
		d->st[0].emit = DUMP_EMITTED;
	}
	d->nr_types = n;
	dump_mark_referenced(d, old ? old : 1, n);
	return 0;
}

struct btf_dump *btf_dump__new(const struct btf *btf,
			       btf_dump_printf_fn_t printf_fn, void *ctx,
			       const struct btf_dump_opts *opts)
{
	struct btf_dump *d;
	int err;

	if (!btf || !printf_fn) {
		pr_warn("btf_dump: %s is NULL\n", btf ? "printf_fn" : "btf");
		return util_err_ptr(-EINVAL);
	}
	if (!OPTS_OK(opts, btf_dump_opts))
		return util_err_ptr(-EINVAL);
	d = calloc(1, sizeof(*d));
	if (!d)
		return util_err_ptr(-ENOMEM);
	d->btf = btf;
	d->printf_fn = printf_fn;
	d->ctx = ctx;
	d->ptr_sz = btf__pointer_size(btf);
	if (!d->ptr_sz)
		d->ptr_sz = sizeof(void *);
	d->out_cap = DUMP_CHUNK;
	d->out = malloc(d->out_cap);
	d->renamed = util_hashmap_new(util_hash_long, util_equal_long, NULL);
	if (!d->out || !d->renamed) {
		err = -ENOMEM;
		goto err_out;
	}
	err = dump_sync(d);
	if (err)
		goto err_out;
	return d;
err_out:
	btf_dump__free(d);
	return util_err_ptr(err);
}


void btf_dump__free(struct btf_dump *d)
{
	size_t it = 0;
	long k, v;

	if (!d)
		return;
	while (d->renamed && util_hashmap_next(d->renamed, &it, &k, &v))
		free((void *)v);
	util_hashmap_free(d->renamed);
	free(d->st);
	free(d->aligns);
	free(d->queue);
	free(d->out);
	dump_names_free(&d->type_names);
	dump_names_free(&d->ident_names);
	free(d);
}

/* ---- public printers ---- */

int btf_dump__dump_type(struct btf_dump *d, __u32 id)
{
	size_t i;
	int err;

	if (!d)
		return util_err(-EINVAL);
	if (id >= btf__type_cnt(d->btf)) {
		pr_warn("btf_dump: type id %u out of range (%u types)\n", id,
			btf__type_cnt(d->btf));
		return util_err(-EINVAL);
	}
	err = dump_sync(d);
	if (err)
		return util_err(err);
	d->queue_cnt = 0;
	err = dump_order(d, id, false);
	if (err < 0)
		return util_err(err);
	for (i = 0; i < d->queue_cnt; i++)
		dump_emit(d, d->queue[i], 0);
	dump_flush(d);
	err = d->err;
	d->err = 0;
	return util_err(err);
}

int btf_dump__emit_type_decl(struct btf_dump *d, __u32 id,
			     const struct btf_dump_emit_type_decl_opts *opts)
{
	const char *fname;
	int lvl, err;

	if (!d)
		return util_err(-EINVAL);
	if (!OPTS_OK(opts, btf_dump_emit_type_decl_opts))
		return util_err(-EINVAL);
	if (id >= btf__type_cnt(d->btf)) {
		pr_warn("btf_dump: type id %u out of range (%u types)\n", id,
			btf__type_cnt(d->btf));
		return util_err(-EINVAL);
	}
	err = dump_sync(d);
	if (err)
		return util_err(err);
	fname = OPTS_GET(opts, field_name, NULL);
	if (!fname)
		fname = "";
	lvl = OPTS_GET(opts, indent_level, 0);
	d->strip_mods = OPTS_GET(opts, strip_mods, false);
	dump_decl(d, id, fname, lvl);
	d->strip_mods = false;
	dump_flush(d);
	err = d->err;
	d->err = 0;
	return util_err(err);
}
