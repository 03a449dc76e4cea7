// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * BTF of the linked object: inputs appended to one combined BTF as they
 * come; at finalize a final BTF without per-input DATASECs and resolved
 * externs, one DATASEC per section, the merged .BTF.ext, then dedup.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/bpf.h>

#include "btf/btf_ext.h"
#include "btf/btf_internal.h"
#include "elf/elf.h"
#include "linker/linker.h"
#include "util/alloc.h"
#include "util/hashmap.h"
#include "util/log.h"

/* Offset (and size when missing) of a DATASEC variable from its symbol. */
static int linker_var_place(struct bpf_linker *l, struct elf_file *ef,
			    size_t sec_idx, struct btf_var_secinfo *vi)
{
	const struct btf_type *v = btf__type_by_id(l->btf, vi->type);
	const char *vn = v ? btf__name_by_offset(l->btf, v->name_off) : NULL;
	const char *sn;
	GElf_Sym sym;
	size_t i;
	int err;

	if (!vn)
		return 0;
	for (i = 1; i < ef->nsyms; i++) {
		err = elf_sym(ef, i, &sym);
		if (err)
			return err;
		if (sym.st_shndx != sec_idx ||
		    GELF_ST_TYPE(sym.st_info) == STT_SECTION)
			continue;
		sn = elf_sym_name(ef, &sym);
		if (!sn || strcmp(sn, vn))
			continue;
		vi->offset = sym.st_value;
		if (!vi->size)
			vi->size = sym.st_size;
		return 0;
	}
	return 0;
}

int linker_btf_add(struct bpf_linker *l, struct linker_ext_in *in,
		   struct elf_file *ef, const struct linker_in_sec *in_secs,
		   const void *data, size_t size, const void *ext_data,
		   size_t ext_size)
{
	const struct elf_sec *sec;
	struct btf_var_secinfo *vi;
	struct btf_type *t;
	const char *name;
	__u32 id, n, j;
	int first, err;

	in->btf = btf__new(data, size);
	if (!in->btf) {
		err = -errno;
		pr_warn("linker: '%s': bad .BTF: %s\n", in->file,
			util_errstr(err));
		return err;
	}
	if (ext_data && ext_size) {
		in->ext = btf_ext__new(ext_data, ext_size);
		if (!in->ext) {
			err = -errno;
			pr_warn("linker: '%s': bad .BTF.ext: %s\n", in->file,
				util_errstr(err));
			return err;
		}
	}
	in->id_shift = btf__type_cnt(l->btf) - 1;
	if (btf__type_cnt(in->btf) <= 1)
		return 0;
	first = btf__add_btf(l->btf, in->btf);
	if (first < 0) {
		pr_warn("linker: '%s': cannot append BTF: %s\n", in->file,
			util_errstr(first));
		return first;
	}
	n = btf__type_cnt(l->btf);
	/*
	 * The compiler leaves DATASEC offsets (and sizes) to the linker: they
	 * come from the ELF symbols, moved with their section's part.
	 */
	for (id = first; id < n; id++) {
		t = btf_type_by_id_mut(l->btf, id);
		if (!t)
			return -errno;
		if (!btf_is_datasec(t))
			continue;
		name = btf__name_by_offset(l->btf, t->name_off);
		sec = name ? elf_sec_by_name(ef, name) : NULL;
		if (!sec || in_secs[sec->idx].out < 0)
			continue;
		vi = btf_var_secinfos(t);
		for (j = 0; j < btf_vlen(t); j++) {
			err = linker_var_place(l, ef, sec->idx, &vi[j]);
			if (err)
				return err;
			vi[j].offset += in_secs[sec->idx].dst_off;
		}
	}
	btf_invalidate(l->btf);
	return 0;
}

int linker_btf_find_global(struct bpf_linker *l, int first, int last,
			   const char *name)
{
	const struct btf_type *t;
	const char *n;
	int id;

	for (id = first; id <= last; id++) {
		t = btf__type_by_id(l->btf, id);
		if (!t)
			break;
		if (btf_is_func(t)) {
			if (btf_vlen(t) == BTF_FUNC_STATIC)
				continue;
		} else if (btf_is_var(t)) {
			if (btf_var(t)->linkage == BTF_VAR_STATIC)
				continue;
		} else {
			continue;
		}
		n = btf__name_by_offset(l->btf, t->name_off);
		if (n && !strcmp(n, name))
			return id;
	}
	return 0;
}

static const struct btf_type *linker_skip_mods(const struct btf *btf,
					       __u32 *id)
{
	const struct btf_type *t = btf__type_by_id(btf, *id);

	while (t && (btf_is_mod(t) || btf_is_typedef(t) ||
		     btf_is_type_tag(t))) {
		*id = t->type;
		t = btf__type_by_id(btf, *id);
	}
	return t;
}

static bool linker_same_name(const struct btf *btf, const struct btf_type *a,
			     const struct btf_type *b)
{
	const char *na = btf__name_by_offset(btf, a->name_off);
	const char *nb = btf__name_by_offset(btf, b->name_off);

	return na && nb && !strcmp(na, nb);
}

/* Structural check that two definitions describe the same C type. */
static bool linker_types_compat(const struct btf *btf, __u32 a, __u32 b,
				int depth)
{
	const struct btf_type *ta, *tb;
	const struct btf_member *ma, *mb;
	const struct btf_param *pa, *pb;
	__u16 i;

	if (depth > 32)
		return true;
	ta = linker_skip_mods(btf, &a);
	tb = linker_skip_mods(btf, &b);
	if (a == b)
		return true;
	if (!ta || !tb || !a || !b)
		return false;
	if (btf_kind(ta) != btf_kind(tb)) {
		/* a declaration matches a definition of the same name */
		if ((btf_is_fwd(ta) && btf_is_composite(tb)) ||
		    (btf_is_fwd(tb) && btf_is_composite(ta)))
			return linker_same_name(btf, ta, tb);
		return false;
	}
	switch (btf_kind(ta)) {
	case BTF_KIND_INT:
	case BTF_KIND_FLOAT:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return ta->size == tb->size;
	case BTF_KIND_FWD:
		return linker_same_name(btf, ta, tb);
	case BTF_KIND_PTR:
		return linker_types_compat(btf, ta->type, tb->type, depth + 1);
	case BTF_KIND_ARRAY:
		return btf_array(ta)->nelems == btf_array(tb)->nelems &&
		       linker_types_compat(btf, btf_array(ta)->type,
					   btf_array(tb)->type, depth + 1);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		if (!linker_same_name(btf, ta, tb) || ta->size != tb->size ||
		    btf_vlen(ta) != btf_vlen(tb))
			return false;
		ma = btf_members(ta);
		mb = btf_members(tb);
		for (i = 0; i < btf_vlen(ta); i++) {
			if (ma[i].offset != mb[i].offset ||
			    !linker_same_name(btf, (const void *)&ma[i],
					      (const void *)&mb[i]) ||
			    !linker_types_compat(btf, ma[i].type, mb[i].type,
						 depth + 1))
				return false;
		}
		return true;
	case BTF_KIND_FUNC_PROTO:
		if (btf_vlen(ta) != btf_vlen(tb) ||
		    !linker_types_compat(btf, ta->type, tb->type, depth + 1))
			return false;
		pa = btf_params(ta);
		pb = btf_params(tb);
		for (i = 0; i < btf_vlen(ta); i++)
			if (!linker_types_compat(btf, pa[i].type, pb[i].type,
						 depth + 1))
				return false;
		return true;
	case BTF_KIND_FUNC:
	case BTF_KIND_VAR:
		return linker_types_compat(btf, ta->type, tb->type, depth + 1);
	}
	return true;
}

int linker_btf_check_compat(struct bpf_linker *l, int a, int b,
			    const char *name, const char *fa, const char *fb)
{
	const struct btf_type *ta = btf__type_by_id(l->btf, a);
	const struct btf_type *tb = btf__type_by_id(l->btf, b);

	if (!ta || !tb)
		return 0;
	if (btf_kind(ta) != btf_kind(tb)) {
		pr_warn("linker: symbol '%s' is a %s in '%s' but a %s in '%s'\n",
			name, btf_is_func(ta) ? "function" : "variable", fa,
			btf_is_func(tb) ? "function" : "variable", fb);
		return -EINVAL;
	}
	if (!linker_types_compat(l->btf, ta->type, tb->type, 0)) {
		pr_warn("linker: symbol '%s': its type in '%s' does not match its type in '%s'\n",
			name, fb, fa);
		return -EINVAL;
	}
	return 0;
}
