// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Global variables: each .data, .rodata, .bss (and .data.*, .rodata.*,
 * .bss.*) section becomes a one-element array map whose value is the whole
 * section.  Its contents live in a shared anonymous mapping from open on, so
 * that skeletons and bpf_map__initial_value() can change them before load;
 * after creation that mapping is replaced, at the same address, by the
 * kernel map's own memory (read-only for .rodata, which is frozen).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "btf/btf_internal.h"
#include "object/object.h"
#include "util/log.h"

static bool obj_has_pfx(const char *s, const char *pfx)
{
	size_t n = strlen(pfx);

	return !strncmp(s, pfx, n) && (s[n] == '\0' || s[n] == '.');
}

size_t obj_data_mmap_sz(const struct bpf_map *map)
{
	long page = sysconf(_SC_PAGE_SIZE);
	size_t sz = map->def.value_size;

	return (sz + page - 1) / page * page;
}

/*
 * Kernel name: object name prefix + section name, cut to 15 characters.
 * Sections like .rodata.str1.1 keep their own name (no room for a prefix).
 */
static char *obj_internal_map_name(struct bpf_object *obj, const char *sec)
{
	char buf[BPF_OBJ_NAME_LEN + 64];
	size_t pfx_len = 0, i;

	if (!strchr(sec + 1, '.')) {
		size_t room = BPF_OBJ_NAME_LEN - 1 > strlen(sec) ?
			      BPF_OBJ_NAME_LEN - 1 - strlen(sec) : 0;

		pfx_len = strlen(obj->name) < room ? strlen(obj->name) : room;
	}
	snprintf(buf, sizeof(buf), "%.*s%.*s", (int)pfx_len, obj->name,
		 BPF_OBJ_NAME_LEN - 1, sec);
	buf[BPF_OBJ_NAME_LEN - 1] = '\0';
	for (i = 0; buf[i]; i++)
		if (!isalnum((unsigned char)buf[i]) && buf[i] != '_' &&
		    buf[i] != '.')
			buf[i] = '_';
	return strdup(buf);
}

/* Sections whose DATASEC holds only static variables are not exposed. */
static bool obj_data_mmapable(struct bpf_object *obj, __u32 ds_id)
{
	const struct btf_type *t;
	const struct btf_var_secinfo *vi;
	__u32 i;

	if (!ds_id || !obj->btf)
		return false;
	t = btf__type_by_id(obj->btf, ds_id);
	if (!t || !btf_is_datasec(t))
		return true;
	vi = btf_var_secinfos(t);
	for (i = 0; i < btf_vlen(t); i++, vi++) {
		const struct btf_type *v = btf__type_by_id(obj->btf, vi->type);

		if (v && btf_is_var(v) && btf_var(v)->linkage != BTF_VAR_STATIC)
			return true;
	}
	return false;
}

static int obj_add_data_map(struct bpf_object *obj, const struct elf_sec *sec,
			    int kind)
{
	struct bpf_map *map = obj_add_map(obj);
	__s32 ds_id = -1;

	if (!map)
		return -ENOMEM;
	map->libbpf_type = kind;
	map->sec_idx = sec->idx;
	map->real_name = strdup(sec->name);
	map->name = obj_internal_map_name(obj, sec->name);
	if (!map->name || !map->real_name)
		return -ENOMEM;
	map->def.type = BPF_MAP_TYPE_ARRAY;
	map->def.key_size = sizeof(int);
	map->def.value_size = sec->size;
	map->def.max_entries = 1;
	map->def.map_flags = kind == OBJ_MAP_RODATA ? BPF_F_RDONLY_PROG : 0;
	if (obj->btf)
		ds_id = btf__find_by_name_kind(obj->btf, sec->name,
					       BTF_KIND_DATASEC);
	if (ds_id > 0)
		map->btf_value_type_id = ds_id;
	if (obj_data_mmapable(obj, ds_id > 0 ? ds_id : 0))
		map->def.map_flags |= BPF_F_MMAPABLE;

	map->mmap_sz = obj_data_mmap_sz(map);
	map->mmaped = mmap(NULL, map->mmap_sz, PROT_READ | PROT_WRITE,
			   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (map->mmaped == MAP_FAILED) {
		int err = -errno;

		map->mmaped = NULL;
		pr_warn("map '%s': cannot map initial contents: %s\n",
			map->name, util_errstr(err));
		return err;
	}
	if (sec->data)
		memcpy(map->mmaped, sec->data, sec->size);
	pr_debug("map '%s' (%s): global data, %zu bytes\n", map->name,
		 sec->name, sec->size);
	return 0;
}

int obj_collect_data_maps(struct bpf_object *obj)
{
	struct elf_file *ef = obj->ef;
	size_t i;
	int err, kind;

	for (i = 1; i < ef->nsecs; i++) {
		const struct elf_sec *sec = &ef->secs[i];

		if (!sec->size || !(sec->shdr.sh_flags & SHF_ALLOC) ||
		    (sec->shdr.sh_flags & SHF_EXECINSTR))
			continue;
		if (sec->shdr.sh_type == SHT_PROGBITS && obj_has_pfx(sec->name, ".data"))
			kind = OBJ_MAP_DATA;
		else if (sec->shdr.sh_type == SHT_PROGBITS &&
			 obj_has_pfx(sec->name, ".rodata"))
			kind = OBJ_MAP_RODATA;
		else if (sec->shdr.sh_type == SHT_NOBITS &&
			 obj_has_pfx(sec->name, ".bss"))
			kind = OBJ_MAP_BSS;
		else
			continue;
		err = obj_add_data_map(obj, sec, kind);
		if (err)
			return err;
	}
	return 0;
}

/* Offset of the symbol named name in section shndx, from the symbol table. */
static int obj_sym_off(struct bpf_object *obj, size_t shndx, const char *name,
		       __u32 *off)
{
	GElf_Sym sym;
	size_t i;

	for (i = 1; i < obj->ef->nsyms; i++) {
		const char *n;

		if (elf_sym(obj->ef, i, &sym))
			return -EINVAL;
		if (sym.st_shndx != shndx || GELF_ST_TYPE(sym.st_info) != STT_OBJECT)
			continue;
		n = elf_sym_name(obj->ef, &sym);
		if (n && !strcmp(n, name)) {
			*off = sym.st_value;
			return 0;
		}
	}
	return -ENOENT;
}

/*
 * Older compilers leave DATASEC sizes (and variable offsets) at zero; the
 * kernel wants them filled in from the ELF file.
 */
int obj_fixup_btf_datasecs(struct bpf_object *obj)
{
	__u32 id, n;

	if (!obj->btf)
		return 0;
	n = btf__type_cnt(obj->btf);
	for (id = 1; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(obj->btf, id);
		const struct elf_sec *sec;
		struct btf_type *mt;
		struct btf_var_secinfo *vi;
		const char *name;
		__u32 i;

		if (!t || !btf_is_datasec(t) || t->size)
			continue;
		name = btf__name_by_offset(obj->btf, t->name_off);
		if (!name || !strcmp(name, ".kconfig") || !strcmp(name, ".ksyms"))
			continue;
		sec = elf_sec_by_name(obj->ef, name);
		if (!sec) {
			pr_warn("btf: DATASEC '%s' has no ELF section\n", name);
			return -ENOENT;
		}
		mt = btf_type_by_id_mut(obj->btf, id);
		if (!mt)
			return -errno;
		/* Becoming writable moved the strings: look the name up again. */
		name = btf__name_by_offset(obj->btf, mt->name_off);
		mt->size = sec->size;
		vi = btf_var_secinfos(mt);
		for (i = 0; i < btf_vlen(mt); i++, vi++) {
			const struct btf_type *v = btf__type_by_id(obj->btf, vi->type);
			const char *vn = v ? btf__name_by_offset(obj->btf, v->name_off) : NULL;
			__u32 off;

			if (!vn || !btf_is_var(v))
				return -EINVAL;
			if (obj_sym_off(obj, sec->idx, vn, &off)) {
				pr_warn("btf: DATASEC '%s': no symbol for variable '%s'\n",
					name, vn);
				return -ENOENT;
			}
			vi->offset = off;
		}
		btf_invalidate(obj->btf);
	}
	return 0;
}

/* Swap the private copy for the kernel map's memory, at the same address. */
int obj_map_mmap_kernel(struct bpf_map *map)
{
	int prot = (map->def.map_flags & BPF_F_RDONLY_PROG) ? PROT_READ :
		   PROT_READ | PROT_WRITE;
	void *p;

	if (!map->mmaped || !(map->def.map_flags & BPF_F_MMAPABLE))
		return 0;
	p = mmap(map->mmaped, map->mmap_sz, prot, MAP_SHARED | MAP_FIXED,
		 map->fd, 0);
	if (p == MAP_FAILED) {
		int err = -errno;

		pr_warn("map '%s': cannot mmap the kernel map: %s\n",
			map->name, util_errstr(err));
		return err;
	}
	map->mmaped_is_kernel = true;
	return 0;
}
