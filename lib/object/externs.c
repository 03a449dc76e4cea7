// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Extern symbols: the undefined global symbols of the object.
 *  - __kconfig variables (DATASEC .kconfig) live in an internal read-only
 *    ".kconfig" map whose contents come from the open option 'kconfig',
 *    then /boot/config-$(uname -r) or /proc/config.gz.  LINUX_KERNEL_VERSION
 *    and the LINUX_HAS_* flags are answered by the library.
 *  - __ksym variables resolve to vmlinux BTF ids (typed) or kallsyms
 *    addresses (typeless); kfuncs to vmlinux BTF function ids.
 * Weak externs nobody can resolve read as zero.  The kernel accepts neither
 * extern linkage nor empty DATASECs in BTF, so the object's BTF is fixed up
 * here to describe what the kernel will see.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include <zlib.h>

#include "btf/btf_internal.h"
#include "object/object.h"
#include "util/alloc.h"
#include "util/log.h"

#define OBJ_KCFG_PFX "CONFIG_"

static const struct btf_type *obj_skip_mods_t(const struct btf *btf, __u32 id)
{
	const struct btf_type *t = btf__type_by_id(btf, id);
	int n = 0;

	while (t && (btf_is_mod(t) || btf_is_typedef(t)) && n++ < 32)
		t = btf__type_by_id(btf, t->type);
	return t;
}

static int obj_kcfg_classify(struct bpf_object *obj, struct obj_extern *ext)
{
	const struct btf_type *var = btf__type_by_id(obj->btf, ext->btf_id);
	const struct btf_type *t = obj_skip_mods_t(obj->btf, var->type);
	const char *tname;

	if (!t)
		return -EINVAL;
	tname = btf__name_by_offset(obj->btf, t->name_off);
	if (btf_is_int(t)) {
		__u8 enc = btf_int_encoding(t);

		ext->kcfg_sz = t->size;
		if (enc & BTF_INT_BOOL)
			ext->kcfg_type = t->size == 1 ? OBJ_KCFG_BOOL : OBJ_KCFG_UNKNOWN;
		else if (t->size == 1 && (enc & BTF_INT_CHAR))
			ext->kcfg_type = OBJ_KCFG_CHAR;
		else if (t->size == 1 || t->size == 2 || t->size == 4 || t->size == 8)
			ext->kcfg_type = OBJ_KCFG_INT;
		ext->kcfg_signed = enc & BTF_INT_SIGNED;
	} else if (btf_is_enum(t) && tname && !strcmp(tname, "libbpf_tristate")) {
		ext->kcfg_type = OBJ_KCFG_TRISTATE;
		ext->kcfg_sz = t->size;
	} else if (btf_is_array(t)) {
		const struct btf_type *et = obj_skip_mods_t(obj->btf,
							    btf_array(t)->type);

		if (et && btf_is_int(et) && et->size == 1) {
			ext->kcfg_type = OBJ_KCFG_CHAR_ARR;
			ext->kcfg_sz = btf_array(t)->nelems;
		}
	}
	if (ext->kcfg_type == OBJ_KCFG_UNKNOWN || ext->kcfg_sz <= 0) {
		pr_warn("extern (kcfg) '%s': type is not supported\n", ext->name);
		return -ENOTSUP;
	}
	ext->kcfg_align = btf__align_of(obj->btf, var->type);
	if (ext->kcfg_align <= 0)
		ext->kcfg_align = 1;
	return 0;
}

static const char *obj_extern_sec(struct bpf_object *obj, const char *name,
				  __u32 *var_id, bool *is_func, int *sec_id)
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
		__u32 i;

		if (!t || !btf_is_datasec(t))
			continue;
		vi = btf_var_secinfos(t);
		for (i = 0; i < btf_vlen(t); i++, vi++) {
			const struct btf_type *v = btf__type_by_id(obj->btf, vi->type);
			const char *vn = v ? btf__name_by_offset(obj->btf, v->name_off) : NULL;

			if (vn && !strcmp(vn, name)) {
				*var_id = vi->type;
				*is_func = btf_is_func(v);
				*sec_id = id;
				return btf__name_by_offset(obj->btf, t->name_off);
			}
		}
	}
	return NULL;
}

/* Lay the kconfig externs out in the .kconfig map and describe it in BTF. */
static int obj_layout_kconfig(struct bpf_object *obj)
{
	const struct btf_type *ds = NULL;
	const struct btf_var_secinfo *vi;
	struct bpf_map *map;
	int i, off = 0, n = 0, ds_id = 0;
	__u32 j;

	for (i = 0; i < obj->nr_externs; i++)
		if (obj->externs[i].kind == OBJ_EXT_KCFG)
			ds_id = obj->externs[i].sec_btf_id;
	if (ds_id)
		ds = btf__type_by_id(obj->btf, ds_id);
	/* In DATASEC order, so that the offsets the kernel sees increase. */
	vi = ds ? btf_var_secinfos(ds) : NULL;
	for (j = 0; ds && j < btf_vlen(ds); j++, vi++) {
		for (i = 0; i < obj->nr_externs; i++) {
			struct obj_extern *ext = &obj->externs[i];

			if (ext->kind != OBJ_EXT_KCFG || ext->btf_id != vi->type)
				continue;
			off = (off + ext->kcfg_align - 1) / ext->kcfg_align *
			      ext->kcfg_align;
			ext->kcfg_off = off;
			off += ext->kcfg_sz;
			n++;
		}
	}
	if (!n)
		return 0;
	map = obj_add_map(obj);
	if (!map)
		return -ENOMEM;
	obj->kconfig_map_idx = map - obj->maps;
	map->libbpf_type = OBJ_MAP_KCONFIG;
	map->real_name = strdup(".kconfig");
	if (!map->real_name)
		return -ENOMEM;
	{
		char buf[BPF_OBJ_NAME_LEN + 16];
		size_t pfx = strlen(obj->name) < 7 ? strlen(obj->name) : 7;

		snprintf(buf, sizeof(buf), "%.*s.kconfig", (int)pfx, obj->name);
		buf[BPF_OBJ_NAME_LEN - 1] = '\0';
		map->name = strdup(buf);
		if (!map->name)
			return -ENOMEM;
	}
	map->def.type = BPF_MAP_TYPE_ARRAY;
	map->def.key_size = sizeof(int);
	map->def.value_size = off;
	map->def.max_entries = 1;
	map->def.map_flags = BPF_F_RDONLY_PROG | BPF_F_MMAPABLE;
	map->mmap_sz = obj_data_mmap_sz(map);
	map->mmaped = mmap(NULL, map->mmap_sz, PROT_READ | PROT_WRITE,
			   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (map->mmaped == MAP_FAILED) {
		map->mmaped = NULL;
		return -errno;
	}
	map->btf_value_type_id = ds_id;
	return 0;
}

/* Rewrite the .kconfig/.ksyms DATASECs and extern linkage for the kernel. */
static int obj_fixup_extern_btf(struct bpf_object *obj)
{
	__u32 id, n;
	int int_id = 0, dummy_id = 0, arg_name = 0;

	if (!obj->btf || !obj->nr_externs)
		return 0;
	n = btf__type_cnt(obj->btf);
	for (id = 1; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(obj->btf, id);
		struct btf_type *mt, *proto;
		struct btf_param *prm;
		__u32 k;

		if (btf_is_func(t) && btf_vlen(t) == BTF_FUNC_EXTERN) {
			/* The kernel wants every argument of a FUNC named:
			 * kfunc prototypes often leave them unnamed. */
			if (!arg_name) {
				arg_name = btf__add_str(obj->btf, "arg");
				if (arg_name < 0)
					return arg_name;
			}
			mt = btf_type_by_id_mut(obj->btf, id);
			if (!mt)
				return -errno;
			mt->info = (BTF_KIND_FUNC << 24) | BTF_FUNC_GLOBAL;
			proto = btf_type_by_id_mut(obj->btf, mt->type);
			if (!proto || !btf_is_func_proto(proto))
				continue;
			prm = btf_params(proto);
			for (k = 0; k < btf_vlen(proto); k++, prm++)
				if (!prm->name_off && prm->type)
					prm->name_off = arg_name;
		} else if (btf_is_var(t) && btf_var(t)->linkage == BTF_VAR_GLOBAL_EXTERN) {
			mt = btf_type_by_id_mut(obj->btf, id);
			if (!mt)
				return -errno;
			btf_var(mt)->linkage = BTF_VAR_GLOBAL_ALLOCATED;
		}
	}
	for (id = 1; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(obj->btf, id);
		struct btf_var_secinfo *vi;
		const char *name;
		struct btf_type *mt;
		__u32 i, off = 0;
		bool ksyms;

		if (!btf_is_datasec(t))
			continue;
		name = btf__name_by_offset(obj->btf, t->name_off);
		if (!name || (strcmp(name, ".kconfig") && strcmp(name, ".ksyms")))
			continue;
		/* Adding types below moves the strings: decide now. */
		ksyms = !strcmp(name, ".ksyms");
		name = NULL;
		if (ksyms && !dummy_id) {
			int_id = btf__add_int(obj->btf, "int", 4, BTF_INT_SIGNED);
			if (int_id < 0)
				return int_id;
			dummy_id = btf__add_var(obj->btf, "dummy_ksym",
						BTF_VAR_GLOBAL_ALLOCATED, int_id);
			if (dummy_id < 0)
				return dummy_id;
		}
		mt = btf_type_by_id_mut(obj->btf, id);
		if (!mt)
			return -errno;
		vi = btf_var_secinfos(mt);
		for (i = 0; i < btf_vlen(mt); i++, vi++) {
			const struct btf_type *v = btf__type_by_id(obj->btf, vi->type);
			const char *vn = btf__name_by_offset(obj->btf, v->name_off);
			int k;

			if (ksyms) {
				/* Functions cannot sit in a DATASEC for the kernel. */
				if (btf_is_func(v)) {
					vi->type = dummy_id;
				} else if (btf_is_var(v)) {
					const struct btf_type *vt =
						obj_skip_mods_t(obj->btf, v->type);

					/* typeless: the kernel wants a sized type */
					if (!vt || btf_is_void(vt)) {
						struct btf_type *mv =
							btf_type_by_id_mut(obj->btf, vi->type);

						if (!mv)
							return -errno;
						mv->type = int_id;
					}
				}
				vi->offset = off;
				vi->size = 4;
				off += 4;
				continue;
			}
			for (k = 0; k < obj->nr_externs; k++)
				if (!strcmp(obj->externs[k].name, vn))
					break;
			if (k < obj->nr_externs) {
				vi->offset = obj->externs[k].kcfg_off;
				vi->size = obj->externs[k].kcfg_sz;
			}
		}
		if (!ksyms && obj->kconfig_map_idx >= 0)
			mt->size = obj->maps[obj->kconfig_map_idx].def.value_size;
		else
			mt->size = off;
		btf_invalidate(obj->btf);
	}
	return 0;
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
		sec = obj_extern_sec(obj, name, &ext->btf_id, &ext->is_func,
				     &ext->sec_btf_id);
		if (!sec) {
			pr_warn("extern '%s': not described in BTF (declare it __kconfig or __ksym)\n",
				name);
			return -ENOTSUP;
		}
		if (!strcmp(sec, ".kconfig")) {
			ext->kind = OBJ_EXT_KCFG;
			err = obj_kcfg_classify(obj, ext);
			if (err)
				return err;
		} else if (!strcmp(sec, ".ksyms")) {
			const struct btf_type *v = btf__type_by_id(obj->btf, ext->btf_id);

			ext->kind = OBJ_EXT_KSYM;
			if (!ext->is_func) {
				const struct btf_type *vt = obj_skip_mods_t(obj->btf, v->type);

				ext->typeless = !vt || btf_is_void(vt);
				ext->type_id = v->type;
			}
		} else {
			pr_warn("extern '%s': section '%s' is not .kconfig or .ksyms\n",
				name, sec);
			return -ENOTSUP;
		}
		pr_debug("extern '%s': %s%s\n", name,
			 ext->kind == OBJ_EXT_KCFG ? "kconfig" : "ksym",
			 ext->weak ? " (weak)" : "");
	}
	err = obj_layout_kconfig(obj);
	if (!err)
		err = obj_fixup_extern_btf(obj);
	return err;
}

/* ---- values ---- */

static __u32 obj_kernel_version(void)
{
	struct utsname u;
	unsigned int a = 0, b = 0, c = 0;

	if (uname(&u))
		return 0;
	if (sscanf(u.release, "%u.%u.%u", &a, &b, &c) < 2)
		return 0;
	if (c > 255)
		c = 255;
	return (a << 16) | (b << 8) | c;
}

static int obj_kcfg_set_int(struct obj_extern *ext, void *dst, __u64 v)
{
	if (ext->kcfg_type == OBJ_KCFG_BOOL && v > 1)
		return -ERANGE;
	if (ext->kcfg_sz < 8 && !ext->kcfg_signed &&
	    v >> (ext->kcfg_sz * 8))
		return -ERANGE;
	switch (ext->kcfg_sz) {
	case 1: *(__u8 *)dst = v; break;
	case 2: *(__u16 *)dst = v; break;
	case 4: *(__u32 *)dst = v; break;
	default: *(__u64 *)dst = v; break;
	}
	ext->resolved = true;
	return 0;
}

static int obj_kcfg_set(struct obj_extern *ext, void *data, const char *val)
{
	void *dst = (char *)data + ext->kcfg_off;
	size_t len;

	if (ext->resolved)
		return 0;	/* the first source wins */
	if ((val[0] == 'y' || val[0] == 'm' || val[0] == 'n') && !val[1]) {
		__u64 v = val[0] == 'y' ? 1 : val[0] == 'm' ? 2 : 0;

		switch (ext->kcfg_type) {
		case OBJ_KCFG_BOOL:
			if (v == 2) {
				pr_warn("extern (kcfg) '%s': bool cannot be 'm'\n", ext->name);
				return -EINVAL;
			}
			return obj_kcfg_set_int(ext, dst, v);
		case OBJ_KCFG_TRISTATE:
			return obj_kcfg_set_int(ext, dst, v);
		case OBJ_KCFG_CHAR:
			*(char *)dst = val[0];
			ext->resolved = true;
			return 0;
		default:
			pr_warn("extern (kcfg) '%s': '%c' for a non-bool value\n",
				ext->name, val[0]);
			return -EINVAL;
		}
	}
	if (val[0] == '"') {
		if (ext->kcfg_type != OBJ_KCFG_CHAR_ARR) {
			pr_warn("extern (kcfg) '%s': string for a non-string value\n",
				ext->name);
			return -EINVAL;
		}
		len = strlen(val);
		if (len < 2 || val[len - 1] != '"') {
			pr_warn("extern (kcfg) '%s': unterminated string\n", ext->name);
			return -EINVAL;
		}
		len -= 2;
		if (len >= (size_t)ext->kcfg_sz)
			len = ext->kcfg_sz - 1;
		memcpy(dst, val + 1, len);
		((char *)dst)[len] = '\0';
		ext->resolved = true;
		return 0;
	}
	if (ext->kcfg_type == OBJ_KCFG_INT || ext->kcfg_type == OBJ_KCFG_CHAR) {
		char *end;
		__u64 v;

		errno = 0;
		v = ext->kcfg_signed ? (__u64)strtoll(val, &end, 0) :
				       strtoull(val, &end, 0);
		if (errno || *end) {
			pr_warn("extern (kcfg) '%s': bad number '%s'\n", ext->name, val);
			return -EINVAL;
		}
		if (obj_kcfg_set_int(ext, dst, v)) {
			pr_warn("extern (kcfg) '%s': %s does not fit %d bytes\n",
				ext->name, val, ext->kcfg_sz);
			return -ERANGE;
		}
		return 0;
	}
	pr_warn("extern (kcfg) '%s': value '%s' does not fit its type\n",
		ext->name, val);
	return -EINVAL;
}

static int obj_kcfg_line(struct bpf_object *obj, void *data, char *line)
{
	char *eq, *end;
	int i;

	line[strcspn(line, "\r\n")] = '\0';
	if (strncmp(line, OBJ_KCFG_PFX, strlen(OBJ_KCFG_PFX)))
		return 0;
	eq = strchr(line, '=');
	if (!eq)
		return 0;
	*eq = '\0';
	end = eq + 1;
	for (i = 0; i < obj->nr_externs; i++) {
		struct obj_extern *ext = &obj->externs[i];

		if (ext->kind == OBJ_EXT_KCFG && !strcmp(ext->name, line))
			return obj_kcfg_set(ext, data, end);
	}
	return 0;
}

static int obj_kcfg_from_mem(struct bpf_object *obj, void *data, const char *s)
{
	char *copy = strdup(s), *line, *save = NULL;
	int err = 0;

	if (!copy)
		return -ENOMEM;
	for (line = strtok_r(copy, "\n", &save); line && !err;
	     line = strtok_r(NULL, "\n", &save))
		err = obj_kcfg_line(obj, data, line);
	free(copy);
	return err;
}

static int obj_kcfg_from_file(struct bpf_object *obj, void *data)
{
	char path[256], line[4096];
	struct utsname u;
	gzFile f = NULL;
	int err = 0;

	if (!uname(&u)) {
		snprintf(path, sizeof(path), "/boot/config-%s", u.release);
		f = gzopen(path, "re");
	}
	if (!f) {
		snprintf(path, sizeof(path), "/proc/config.gz");
		f = gzopen(path, "re");
	}
	if (!f) {
		pr_warn("extern (kcfg): no kernel config in /boot/config-%s or /proc/config.gz\n",
			u.release);
		return -ENOENT;
	}
	while (!err && gzgets(f, line, sizeof(line)))
		err = obj_kcfg_line(obj, data, line);
	gzclose(f);
	return err;
}

static int obj_resolve_kconfig(struct bpf_object *obj)
{
	struct bpf_map *map;
	bool need_file = false;
	int i, err;

	if (obj->kconfig_map_idx < 0)
		return 0;
	map = &obj->maps[obj->kconfig_map_idx];
	for (i = 0; i < obj->nr_externs; i++) {
		struct obj_extern *ext = &obj->externs[i];
		void *dst = (char *)map->mmaped + ext->kcfg_off;

		if (ext->kind != OBJ_EXT_KCFG)
			continue;
		if (!strcmp(ext->name, "LINUX_KERNEL_VERSION")) {
			err = obj_kcfg_set_int(ext, dst, obj_kernel_version());
		} else if (!strcmp(ext->name, "LINUX_HAS_BPF_COOKIE") ||
			   !strcmp(ext->name, "LINUX_HAS_SYSCALL_WRAPPER")) {
			err = obj_kcfg_set_int(ext, dst, 1);
		} else if (strncmp(ext->name, OBJ_KCFG_PFX, strlen(OBJ_KCFG_PFX))) {
			pr_warn("extern (kcfg) '%s': unknown name (not CONFIG_* or LINUX_*)\n",
				ext->name);
			return -EINVAL;
		} else {
			need_file = true;
			err = 0;
		}
		if (err)
			return err;
	}
	if (need_file && obj->kconfig) {
		err = obj_kcfg_from_mem(obj, map->mmaped, obj->kconfig);
		if (err)
			return err;
		need_file = false;
		for (i = 0; i < obj->nr_externs; i++)
			if (obj->externs[i].kind == OBJ_EXT_KCFG &&
			    !obj->externs[i].resolved)
				need_file = true;
	}
	if (need_file) {
		err = obj_kcfg_from_file(obj, map->mmaped);
		if (err && err != -ENOENT)
			return err;
	}
	for (i = 0; i < obj->nr_externs; i++) {
		struct obj_extern *ext = &obj->externs[i];

		if (ext->kind != OBJ_EXT_KCFG || ext->resolved)
			continue;
		if (!ext->weak) {
			pr_warn("extern (kcfg) '%s': value not found in the kernel config\n",
				ext->name);
			return -ESRCH;
		}
		pr_debug("extern (kcfg) '%s': not set, weak, reads as 0\n", ext->name);
	}
	return 0;
}

/*
 * Typeless ksyms are looked up in /proc/kallsyms, a file of over 100,000
 * lines: one pass serves every ksym of the object and ends as soon as all
 * are found.  The first line naming a symbol wins.
 */
static int obj_kallsyms_resolve(struct bpf_object *obj)
{
	char line[640], *name, *end;
	int i, pending = 0;
	unsigned long long a;
	FILE *f;

	for (i = 0; i < obj->nr_externs; i++) {
		struct obj_extern *ext = &obj->externs[i];

		if (ext->kind == OBJ_EXT_KSYM && ext->typeless && !ext->resolved)
			pending++;
	}
	if (!pending)
		return 0;
	f = fopen("/proc/kallsyms", "re");
	if (!f)
		return -errno;
	while (pending && fgets(line, sizeof(line), f)) {
		a = strtoull(line, &end, 16);
		/* "<addr> <type> <name>[\t[module]]" */
		if (end == line || end[0] != ' ' || !end[1] || end[2] != ' ')
			continue;
		name = end + 3;
		name[strcspn(name, " \t\n")] = '\0';
		for (i = 0; i < obj->nr_externs; i++) {
			struct obj_extern *ext = &obj->externs[i];

			if (ext->kind != OBJ_EXT_KSYM || !ext->typeless ||
			    ext->resolved || strcmp(ext->name, name))
				continue;
			ext->addr = a;
			ext->resolved = true;
			pending--;
		}
	}
	fclose(f);
	return 0;
}

static int obj_resolve_ksyms(struct bpf_object *obj)
{
	const struct btf *vmlinux = NULL;
	int i, err;

	err = obj_kallsyms_resolve(obj);
	if (err)
		pr_debug("object '%s': cannot read /proc/kallsyms: %s\n",
			 obj->name, util_errstr(err));
	for (i = 0; i < obj->nr_externs; i++) {
		struct obj_extern *ext = &obj->externs[i];
		__s32 id;

		if (ext->kind != OBJ_EXT_KSYM)
			continue;
		if (ext->typeless) {
			/* resolved (or not) by obj_kallsyms_resolve() */
		} else {
			if (!vmlinux)
				vmlinux = obj_vmlinux_btf(obj);
			id = vmlinux ? btf__find_by_name_kind(vmlinux, ext->name,
					ext->is_func ? BTF_KIND_FUNC : BTF_KIND_VAR) : -ESRCH;
			if (id > 0) {
				ext->kernel_btf_id = id;
				ext->kernel_btf_obj_fd = 0;
				ext->resolved = true;
			}
		}
		if (!ext->resolved && !ext->weak) {
			pr_warn("extern (%s) '%s': not found in the kernel\n",
				ext->is_func ? "kfunc" : "ksym", ext->name);
			return -ESRCH;
		}
	}
	return 0;
}

int obj_resolve_externs(struct bpf_object *obj)
{
	int err;

	if (!obj->nr_externs)
		return 0;
	err = obj_resolve_kconfig(obj);
	/* a loader program (obj->gen) looks ksyms up in the kernel it runs on */
	if (!err && !obj->gen)
		err = obj_resolve_ksyms(obj);
	return err;
}
