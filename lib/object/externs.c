// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Extern symbols (__kconfig variables, __ksym variables and kfuncs): the
 * undefined global symbols of the object.  Collected at open; resolved at
 * prepare.  Weak externs nobody can resolve read as zero.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "object/object.h"
#include "util/alloc.h"
#include "util/log.h"

static const char *obj_extern_sec(struct bpf_object *obj, const char *name,
				  __u32 *var_id, bool *is_func)
{
	__u32 id, n;

	*var_id = 0;
	*is_func = false;
	if (!obj->btf)
		return NULL;
	n = btf__type_cnt(obj->btf);
	for (id = 1; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(obj->btf, id);
		const struct btf_var_secinfo *vi;
		const char *sec_name;
		__u32 i;

		if (!t || !btf_is_datasec(t))
			continue;
		sec_name = btf__name_by_offset(obj->btf, t->name_off);
		vi = btf_var_secinfos(t);
		for (i = 0; i < btf_vlen(t); i++, vi++) {
			const struct btf_type *v = btf__type_by_id(obj->btf, vi->type);
			const char *vn = v ? btf__name_by_offset(obj->btf, v->name_off) : NULL;

			if (vn && !strcmp(vn, name)) {
				*var_id = vi->type;
				*is_func = btf_is_func(v);
				return sec_name;
			}
		}
	}
	return NULL;
}

int obj_collect_externs(struct bpf_object *obj)
{
	struct elf_file *ef = obj->ef;
	GElf_Sym sym;
	size_t i;
	int err;

	for (i = 1; i < ef->nsyms; i++) {
		struct obj_extern *ext;
		const char *name, *sec;
		void *p;

		err = elf_sym(ef, i, &sym);
		if (err)
			return err;
		if (sym.st_shndx != SHN_UNDEF ||
		    GELF_ST_BIND(sym.st_info) == STB_LOCAL)
			continue;
		name = elf_sym_name(ef, &sym);
		if (!name || !*name)
			continue;
		p = util_realloc_array(obj->externs, obj->nr_externs + 1,
				       sizeof(*obj->externs));
		if (!p)
			return -ENOMEM;
		obj->externs = p;
		ext = &obj->externs[obj->nr_externs];
		memset(ext, 0, sizeof(*ext));
		ext->name = strdup(name);
		if (!ext->name)
			return -ENOMEM;
		obj->nr_externs++;
		ext->sym_idx = i;
		ext->weak = GELF_ST_BIND(sym.st_info) == STB_WEAK;
		sec = obj_extern_sec(obj, name, &ext->btf_id, &ext->is_func);
		ext->kind = sec && !strcmp(sec, ".kconfig") ? OBJ_EXT_KCFG :
			    OBJ_EXT_KSYM;
		ext->typeless = !ext->is_func;
		pr_debug("extern '%s': %s%s\n", name,
			 ext->kind == OBJ_EXT_KCFG ? "kconfig" : "ksym",
			 ext->weak ? " (weak)" : "");
	}
	return 0;
}

int obj_resolve_externs(struct bpf_object *obj)
{
	int i;

	for (i = 0; i < obj->nr_externs; i++) {
		struct obj_extern *ext = &obj->externs[i];

		if (ext->resolved || ext->weak)
			continue;
		pr_warn("extern '%s': %s externs are not supported yet\n",
			ext->name, ext->kind == OBJ_EXT_KCFG ? "kconfig" : "ksym");
		return -ENOTSUP;
	}
	return 0;
}
