// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Final BTF and .BTF.ext: the combined BTF is copied without its per-input
 * DATASECs and without externs that another input defines; each section
 * then gets one DATASEC over the variables of all inputs; .BTF.ext records
 * are regrouped per section with shifted insn offsets; dedup ends it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/bpf.h>

#include "btf/btf_ext.h"
#include "btf/btf_internal.h"
#include "linker/linker.h"
#include "util/alloc.h"
#include "util/hashmap.h"
#include "util/log.h"

struct linker_buf {
	char *data;
	size_t len, cap;
};

static int linker_buf_put(struct linker_buf *b, const void *p, size_t n)
{
	if (util_ensure_cap((void **)&b->data, &b->cap, 1, b->len + n))
		return -ENOMEM;
	memcpy(b->data + b->len, p, n);
	b->len += n;
	return 0;
}

static int linker_remap_id(__u32 *field, void *ctx)
{
	const __u32 *map = ctx;

	*field = map[*field];
	return 0;
}

/* The definition an extern FUNC/VAR of the combined BTF resolves to. */
static __u32 linker_extern_target(struct bpf_linker *l, __u32 id)
{
	const struct btf_type *t = btf__type_by_id(l->btf, id);
	const struct btf_type *d;
	const char *name;
	long idx;

	if (btf_is_func(t)) {
		if (btf_vlen(t) != BTF_FUNC_EXTERN)
			return 0;
	} else if (btf_is_var(t)) {
		if (btf_var(t)->linkage != BTF_VAR_GLOBAL_EXTERN)
			return 0;
	} else {
		return 0;
	}
	name = btf__name_by_offset(l->btf, t->name_off);
	if (!name || !util_hashmap_find(l->globals, (long)name, &idx))
		return 0;
	if (!l->syms[idx].sec || !l->syms[idx].btf_id ||
	    (__u32)l->syms[idx].btf_id == id)
		return 0;
	d = btf__type_by_id(l->btf, l->syms[idx].btf_id);
	if (!d || btf_kind(d) != btf_kind(t))
		return 0;
	return l->syms[idx].btf_id;
}

static bool linker_name_in(const char **names, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return true;
	return false;
}

/* A variable named vn in an earlier DATASEC named dn (before id). */
static __u32 linker_earlier_var(struct bpf_linker *l, const __u32 *alias,
				__u32 before, const char *dn, const char *vn)
{
	const struct btf_var_secinfo *vi;
	const struct btf_type *t, *v;
	const char *n;
	__u32 id, j;

	for (id = 1; id < before; id++) {
		t = btf__type_by_id(l->btf, id);
		if (!btf_is_datasec(t))
			continue;
		n = btf__name_by_offset(l->btf, t->name_off);
		if (!n || strcmp(n, dn))
			continue;
		vi = btf_var_secinfos(t);
		for (j = 0; j < btf_vlen(t); j++) {
			if (alias[vi[j].type])
				continue;
			v = btf__type_by_id(l->btf, vi[j].type);
			n = v ? btf__name_by_offset(l->btf, v->name_off) : NULL;
			if (n && !strcmp(n, vn))
				return vi[j].type;
		}
	}
	return 0;
}

/*
 * Variables of sections kept once (license) or without data (.kconfig,
 * .ksyms) that several inputs declare become one.
 */
static void linker_alias_once_vars(struct bpf_linker *l, __u32 *alias)
{
	__u32 n = btf__type_cnt(l->btf), id, j;
	const struct btf_var_secinfo *vi;
	const struct btf_type *t, *v;
	struct linker_sec *sec;
	const char *dn, *vn;

	for (id = 1; id < n; id++) {
		t = btf__type_by_id(l->btf, id);
		if (!btf_is_datasec(t))
			continue;
		dn = btf__name_by_offset(l->btf, t->name_off);
		if (!dn)
			continue;
		sec = linker_sec_by_name(l, dn);
		if (sec && !sec->single)
			continue;
		vi = btf_var_secinfos(t);
		for (j = 0; j < btf_vlen(t); j++) {
			if (alias[vi[j].type])
				continue;
			v = btf__type_by_id(l->btf, vi[j].type);
			vn = v ? btf__name_by_offset(l->btf, v->name_off) : NULL;
			if (vn)
				alias[vi[j].type] =
					linker_earlier_var(l, alias, id, dn, vn);
		}
	}
}

struct linker_vsi {
	struct btf_var_secinfo vi;	/* type already in the final BTF */
	size_t order;
};

static int linker_vsi_cmp(const void *a, const void *b)
{
	const struct linker_vsi *x = a, *y = b;

	if (x->vi.offset != y->vi.offset)
		return x->vi.offset < y->vi.offset ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/*
 * One DATASEC named name over the variables of every input's DATASEC,
 * sorted by offset as the kernel wants (an input's own order need not be).
 */
static int linker_add_datasec(struct bpf_linker *l, struct btf *out,
			      const char *name, __u32 *map, __u32 *alias)
{
	struct linker_sec *sec = linker_sec_by_name(l, name);
	/* sections without data (.kconfig, .ksyms) or kept once (license)
	 * list a variable once however many inputs declare it */
	bool once = !sec || sec->single;
	struct linker_vsi *vs = NULL;
	size_t nvs = 0, vs_cap = 0, k;
	const struct btf_var_secinfo *vi;
	const struct btf_type *t;
	__u32 n = btf__type_cnt(l->btf), id, j;
	const char *dn;
	int ds, err = 0;
	bool dup;

	ds = btf__add_datasec(out, name, sec ? sec->size : 0);
	if (ds < 0)
		return ds;
	for (id = 1; id < n; id++) {
		t = btf__type_by_id(l->btf, id);
		if (!btf_is_datasec(t))
			continue;
		dn = btf__name_by_offset(l->btf, t->name_off);
		if (!dn || strcmp(dn, name))
			continue;
		vi = btf_var_secinfos(t);
		for (j = 0; j < btf_vlen(t); j++) {
			if (alias[vi[j].type])
				continue;	/* extern defined elsewhere */
			/* same-named ones were aliased to one type id */
			for (k = 0, dup = false; once && k < nvs && !dup; k++)
				dup = vs[k].vi.type == map[vi[j].type];
			if (dup)
				continue;
			err = util_ensure_cap((void **)&vs, &vs_cap, sizeof(*vs),
					      nvs + 1);
			if (err)
				goto out;
			vs[nvs].vi = vi[j];
			vs[nvs].vi.type = map[vi[j].type];
			vs[nvs].order = nvs;
			nvs++;
		}
	}
	if (nvs)
		qsort(vs, nvs, sizeof(*vs), linker_vsi_cmp);
	for (k = 0; k < nvs && !err; k++)
		err = btf__add_datasec_var_info(out, vs[k].vi.type,
						vs[k].vi.offset, vs[k].vi.size);
out:
	free(vs);
	return err;
}

static int linker_build_btf(struct bpf_linker *l, __u32 *map)
{
	__u32 n = btf__type_cnt(l->btf), id, cnt;
	const char **dsnames = NULL;
	size_t ndsn = 0, dsn_cap = 0, i;
	const struct btf_type *t;
	__u32 *alias;
	struct btf *out;
	const char *name;
	int err = -ENOMEM, nid;

	alias = calloc(n, sizeof(*alias));
	out = btf__new_empty();
	if (!alias || !out)
		goto out;
	for (id = 1; id < n; id++)
		alias[id] = linker_extern_target(l, id);
	for (i = 0; i < l->nvar_overrides; i++)
		alias[l->var_overrides[i][0]] = l->var_overrides[i][1];
	linker_alias_once_vars(l, alias);
	for (id = 1; id < n; id++) {
		t = btf__type_by_id(l->btf, id);
		if (btf_is_datasec(t)) {
			name = btf__name_by_offset(l->btf, t->name_off);
			if (!name || linker_name_in(dsnames, ndsn, name))
				continue;
			err = util_ensure_cap((void **)&dsnames, &dsn_cap,
					      sizeof(*dsnames), ndsn + 1);
			if (err)
				goto out;
			dsnames[ndsn++] = name;
			continue;
		}
		if (alias[id])
			continue;
		nid = btf__add_type(out, l->btf, t);
		if (nid < 0) {
			err = nid;
			goto out;
		}
		map[id] = nid;
	}
	for (id = 1; id < n; id++) {
		__u32 to = id, hops = 0;

		while (alias[to] && hops++ < n)
			to = alias[to];
		if (to != id)
			map[id] = map[to];
	}
	cnt = btf__type_cnt(out);
	for (id = 1; id < cnt; id++) {
		struct btf_type *mt = btf_type_by_id_mut(out, id);

		if (!mt) {
			err = -errno;
			goto out;
		}
		btf_type_visit_type_ids(mt, linker_remap_id, map);
	}
	btf_invalidate(out);
	for (i = 0; i < ndsn; i++) {
		err = linker_add_datasec(l, out, dsnames[i], map, alias);
		if (err)
			goto out;
	}
	l->final_btf = out;
	out = NULL;
	err = 0;
out:
	if (err)
		pr_warn("linker: '%s': building BTF failed: %s\n", l->filename,
			util_errstr(err));
	btf__free(out);
	free(alias);
	free(dsnames);
	return err;
}

static const size_t linker_rec_sz[] = {
	[BTF_EXT_FUNC_INFO] = sizeof(struct bpf_func_info),
	[BTF_EXT_LINE_INFO] = sizeof(struct bpf_line_info),
	[BTF_EXT_CORE_RELO] = sizeof(struct bpf_core_relo),
};

static int linker_str(struct bpf_linker *l, struct linker_ext_in *in,
		      __u32 *off)
{
	const char *s = btf__str_by_offset(in->btf, *off);
	int r;

	if (!s) {
		pr_warn("linker: '%s': .BTF.ext string offset %u out of range\n",
			in->file, *off);
		return -EINVAL;
	}
	r = btf__add_str(l->final_btf, s);
	if (r < 0)
		return r;
	*off = r;
	return 0;
}

static int linker_ext_rec(struct bpf_linker *l, struct linker_ext_in *in,
			  enum btf_ext_kind kind, const void *src,
			  uint64_t shift, const __u32 *map, __u32 nmap,
			  struct linker_buf *b)
{
	union {
		struct bpf_func_info fi;
		struct bpf_line_info li;
		struct bpf_core_relo cr;
	} r;
	__u32 *tid = NULL;
	int err = 0;

	memcpy(&r, src, linker_rec_sz[kind]);
	switch (kind) {
	case BTF_EXT_FUNC_INFO:
		r.fi.insn_off += shift;
		tid = &r.fi.type_id;
		break;
	case BTF_EXT_LINE_INFO:
		r.li.insn_off += shift;
		err = linker_str(l, in, &r.li.file_name_off);
		if (!err)
			err = linker_str(l, in, &r.li.line_off);
		break;
	case BTF_EXT_CORE_RELO:
		r.cr.insn_off += shift;
		tid = &r.cr.type_id;
		err = linker_str(l, in, &r.cr.access_str_off);
		break;
	}
	if (err)
		return err;
	if (tid) {
		__u32 c = *tid ? *tid + in->id_shift : 0;

		if (c >= nmap) {
			pr_warn("linker: '%s': .BTF.ext type id %u out of range\n",
				in->file, *tid);
			return -EINVAL;
		}
		*tid = map[c];
	}
	return linker_buf_put(b, &r, linker_rec_sz[kind]);
}

static bool linker_in_sec_off(struct linker_ext_in *in, const char *name,
			      uint64_t *off)
{
	size_t i;

	for (i = 0; i < in->nsecs; i++) {
		if (!strcmp(in->sec_names[i], name)) {
			*off = in->sec_offs[i];
			return true;
		}
	}
	return false;
}

/* All records of one kind, grouped per section name, into b. */
static int linker_ext_kind(struct bpf_linker *l, enum btf_ext_kind kind,
			   const __u32 *map, __u32 nmap, struct linker_buf *b)
{
	const struct btf_ext_info_sec *secs;
	const char **names = NULL;
	size_t nnames = 0, ncap = 0, i, k;
	__u32 rec = linker_rec_sz[kind], cnt, j, total, hdr[2];
	const char *name;
	uint64_t off;
	int err = 0, so;

	for (i = 0; i < l->nins; i++) {
		if (!l->ins[i].ext ||
		    btf_ext_sections(l->ins[i].ext, kind, &secs, &cnt))
			continue;
		for (j = 0; j < cnt; j++) {
			name = btf__str_by_offset(l->ins[i].btf,
						  secs[j].sec_name_off);
			if (!name || linker_name_in(names, nnames, name))
				continue;
			err = util_ensure_cap((void **)&names, &ncap,
					      sizeof(*names), nnames + 1);
			if (err)
				goto out;
			names[nnames++] = name;
		}
	}
	if (!nnames)
		goto out;
	err = linker_buf_put(b, &rec, sizeof(rec));
	for (k = 0; !err && k < nnames; k++) {
		total = 0;
		for (i = 0; i < l->nins; i++) {
			if (!l->ins[i].ext ||
			    btf_ext_sections(l->ins[i].ext, kind, &secs, &cnt))
				continue;
			for (j = 0; j < cnt; j++) {
				name = btf__str_by_offset(l->ins[i].btf,
							  secs[j].sec_name_off);
				if (name && !strcmp(name, names[k]))
					total += secs[j].num_info;
			}
		}
		so = btf__add_str(l->final_btf, names[k]);
		if (so < 0) {
			err = so;
			break;
		}
		hdr[0] = so;
		hdr[1] = total;
		err = linker_buf_put(b, hdr, sizeof(hdr));
		for (i = 0; !err && i < l->nins; i++) {
			struct linker_ext_in *in = &l->ins[i];

			if (!in->ext || btf_ext_sections(in->ext, kind, &secs, &cnt))
				continue;
			for (j = 0; !err && j < cnt; j++) {
				name = btf__str_by_offset(in->btf,
							  secs[j].sec_name_off);
				if (!name || strcmp(name, names[k]))
					continue;
				if (!linker_in_sec_off(in, name, &off)) {
					pr_warn("linker: '%s': .BTF.ext refers to section '%s', which is not linked\n",
						in->file, name);
					err = -EINVAL;
					break;
				}
				if (secs[j].rec_size < rec) {
					err = -EINVAL;
					break;
				}
				for (__u32 r = 0; !err && r < secs[j].num_info; r++)
					err = linker_ext_rec(l, in, kind,
						(const char *)secs[j].data +
						(size_t)r * secs[j].rec_size,
						off, map, nmap, b);
			}
		}
	}
out:
	free(names);
	return err;
}

static int linker_build_ext(struct bpf_linker *l, const __u32 *map, __u32 nmap)
{
	struct linker_buf parts[3] = {}, img = {};
	struct {
		__u16 magic;
		__u8 version;
		__u8 flags;
		__u32 hdr_len;
		__u32 off_len[6];
	} hdr = { .magic = BTF_MAGIC, .version = 1, .hdr_len = sizeof(hdr) };
	__u32 pos = 0;
	int k, err = 0;

	for (k = 0; k < 3 && !err; k++) {
		err = linker_ext_kind(l, k, map, nmap, &parts[k]);
		hdr.off_len[2 * k] = pos;
		hdr.off_len[2 * k + 1] = parts[k].len;
		pos += parts[k].len;
	}
	if (!err && pos) {
		err = linker_buf_put(&img, &hdr, sizeof(hdr));
		for (k = 0; k < 3 && !err; k++)
			if (parts[k].len)
				err = linker_buf_put(&img, parts[k].data,
						     parts[k].len);
		if (!err) {
			l->final_ext = btf_ext__new((void *)img.data, img.len);
			if (!l->final_ext) {
				err = -errno;
				pr_warn("linker: '%s': merged .BTF.ext is invalid: %s\n",
					l->filename, util_errstr(err));
			}
		}
	}
	for (k = 0; k < 3; k++)
		free(parts[k].data);
	free(img.data);
	return err;
}

int linker_btf_finalize(struct bpf_linker *l)
{
	__u32 n = btf__type_cnt(l->btf);
	__u32 *map;
	int err;

	if (!l->nins)
		return 0;
	map = calloc(n, sizeof(*map));
	if (!map)
		return -ENOMEM;
	err = linker_build_btf(l, map);
	if (!err)
		err = linker_build_ext(l, map, n);
	free(map);
	if (err)
		return err;
	LIBBPF_OPTS(btf_dedup_opts, dopts, .btf_ext = l->final_ext);
	err = btf__dedup(l->final_btf, &dopts);
	if (err)
		pr_warn("linker: '%s': BTF dedup failed: %s\n", l->filename,
			util_errstr(err));
	return err;
}
