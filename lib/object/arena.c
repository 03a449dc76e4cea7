// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Arena maps (BPF_MAP_TYPE_ARENA) and the globals clang puts in address
 * space 1 (section .addr_space.1).
 *
 * An object has at most one arena.  Its .addr_space.1 bytes are not a map of
 * their own: they are kept aside at open and copied into the arena once the
 * kernel map exists and is mapped.  Like libbpf 1.7+, they go at the end of
 * the arena: at arena size minus their size rounded up to whole pages, so
 * that the low pages (and address 0 in BPF) stay free for the program's own
 * allocations and guard pages.  The offset is computed from the arena size
 * at prepare time, so bpf_map__set_max_entries() moves the globals with the
 * end of the arena.
 *
 * The kernel refuses programs that use an arena whose user address is not
 * known yet (map_extra or mmap), so the arena is mapped right after creation
 * and stays mapped until the object is closed.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "object/object.h"
#include "util/log.h"

#define OBJ_ARENA_SEC ".addr_space.1"
/* The kernel's limit on an arena (and so on the globals in it). */
#define OBJ_ARENA_MAX_SZ (1ULL << 32)

static size_t obj_page_size(void)
{
	long page = sysconf(_SC_PAGE_SIZE);

	return page > 0 ? (size_t)page : 4096;
}

static bool obj_is_arena(const struct bpf_map *map)
{
	return map->def.type == BPF_MAP_TYPE_ARENA;
}

/* Bytes the arena spans in user space: one page per entry. */
size_t obj_arena_size(const struct bpf_map *map)
{
	return (size_t)map->def.max_entries * obj_page_size();
}

/*
 * The whole pages the globals take.  obj_collect_arena() keeps their size
 * at 4 GiB at most, so this cannot wrap around.
 */
static size_t obj_arena_data_pages(const struct bpf_object *obj)
{
	size_t page = obj_page_size();

	return (obj->arena_data_sz + page - 1) / page * page;
}

/* Where the .addr_space.1 globals start within the arena. */
size_t obj_arena_data_off(const struct bpf_object *obj)
{
	const struct bpf_map *map;
	size_t sz, need;

	if (obj->arena_map_idx < 0 || !obj->arena_data_sz)
		return 0;
	map = &obj->maps[obj->arena_map_idx];
	sz = obj_arena_size(map);
	need = obj_arena_data_pages(obj);
	/* too small: refused when the arena is created */
	return need <= sz ? sz - need : 0;
}

static int obj_arena_check_fits(const struct bpf_object *obj,
				const struct bpf_map *map)
{
	size_t need = obj_arena_data_pages(obj);

	if (need <= obj_arena_size(map))
		return 0;
	pr_warn("map '%s': arena of %u pages (%zu bytes) is too small for the %zu bytes of %s globals\n",
		map->name, map->def.max_entries, obj_arena_size(map),
		obj->arena_data_sz, OBJ_ARENA_SEC);
	return -E2BIG;
}

/*
 * At open, after the .maps maps: find the arena map (one at most) and keep
 * the .addr_space.1 contents aside.
 */
int obj_collect_arena(struct bpf_object *obj)
{
	const struct elf_sec *sec;
	struct bpf_map *map;
	size_t i;

	obj->arena_map_idx = -1;
	for (i = 0; i < obj->nr_maps; i++) {
		map = &obj->maps[i];
		if (!obj_is_arena(map))
			continue;
		if (obj->arena_map_idx >= 0) {
			pr_warn("map '%s': an object can have only one arena map, and map '%s' is one already\n",
				map->name, obj->maps[obj->arena_map_idx].name);
			return -EINVAL;
		}
		obj->arena_map_idx = i;
	}

	sec = elf_sec_by_name(obj->ef, OBJ_ARENA_SEC);
	if (!sec)
		return 0;
	if (sec->shdr.sh_type != SHT_PROGBITS && sec->shdr.sh_type != SHT_NOBITS) {
		pr_warn("elf: '%s': section '%s' has type %u, not data\n",
			obj->path, OBJ_ARENA_SEC, sec->shdr.sh_type);
		return -LIBBPF_ERRNO__FORMAT;
	}
	if (sec->shdr.sh_type == SHT_PROGBITS && sec->size && !sec->data) {
		pr_warn("elf: '%s': section '%s' has no contents\n", obj->path,
			OBJ_ARENA_SEC);
		return -LIBBPF_ERRNO__FORMAT;
	}
	obj->arena_shndx = sec->idx;
	if (obj->arena_map_idx < 0) {
		pr_warn("elf: '%s': section '%s' holds arena globals (%zu bytes) but SEC(\".maps\") declares no BPF_MAP_TYPE_ARENA map to hold them\n",
			obj->path, OBJ_ARENA_SEC, sec->size);
		return -ENOENT;
	}
	map = &obj->maps[obj->arena_map_idx];
	if (!sec->size)
		return 0;
	/* a NOBITS section's size is any number the file says */
	if (sec->size > OBJ_ARENA_MAX_SZ) {
		pr_warn("elf: '%s': section '%s' of %zu bytes is larger than an arena can be (4 GiB)\n",
			obj->path, OBJ_ARENA_SEC, sec->size);
		return -E2BIG;
	}
	obj->arena_data_sz = sec->size;
	if (obj_arena_check_fits(obj, map))
		return -E2BIG;
	obj->arena_data = calloc(1, sec->size);
	if (!obj->arena_data)
		return -ENOMEM;
	if (sec->data)
		memcpy(obj->arena_data, sec->data, sec->size);
	pr_debug("map '%s': arena, %u pages, holds %zu bytes of %s globals\n",
		 map->name, map->def.max_entries, sec->size, OBJ_ARENA_SEC);
	return 0;
}

/*
 * An instruction relocation against a symbol of .addr_space.1: the address
 * of an arena global, i.e. ld_imm64 of (arena map, offset).  The offset of
 * the globals within the arena is added when the fds are patched in.
 */
int obj_arena_record_relo(struct bpf_object *obj, struct bpf_program *prog,
			  struct obj_relo *r, const GElf_Sym *sym,
			  const char *sym_name)
{
	const struct bpf_insn *insn = &prog->insns[r->insn_idx];
	long long off = (long long)sym->st_value + insn->imm;

	if (obj->arena_map_idx < 0)
		return -LIBBPF_ERRNO__RELOC;
	if (off < 0 || (unsigned long long)off > obj->arena_data_sz) {
		pr_warn("prog '%s': relo for insn #%d: '%s' at offset %lld lies outside %s (%zu bytes)\n",
			prog->name, r->insn_idx, sym_name, off, OBJ_ARENA_SEC,
			obj->arena_data_sz);
		return -LIBBPF_ERRNO__RELOC;
	}
	r->kind = OBJ_RELO_DATA;
	r->map_idx = obj->arena_map_idx;
	r->sym_off = sym->st_value;
	pr_debug("prog '%s': insn #%d: arena global '%s' at offset %lld of %s\n",
		 prog->name, r->insn_idx, sym_name, off, OBJ_ARENA_SEC);
	return 0;
}

/* Extra offset of a data relocation into map (the arena's globals). */
size_t obj_arena_relo_off(const struct bpf_object *obj, int map_idx)
{
	return map_idx == obj->arena_map_idx ? obj_arena_data_off(obj) : 0;
}

static bool obj_is_obj_arena(const struct bpf_object *obj,
			     const struct bpf_map *map)
{
	return obj->arena_map_idx >= 0 && &obj->maps[obj->arena_map_idx] == map;
}

/* Before the arena is created: what only the library can refuse. */
int obj_arena_check_create(struct bpf_object *obj, struct bpf_map *map)
{
	int err;

	if (!obj_is_arena(map) || !obj_is_obj_arena(obj, map) ||
	    !obj->arena_data)
		return 0;
	err = obj_arena_check_fits(obj, map);
	if (err)
		return err;
	if (map->def.map_flags & BPF_F_SEGV_ON_FAULT) {
		/* user-space faults would not allocate the pages */
		pr_warn("map '%s': arena has BPF_F_SEGV_ON_FAULT, so the %zu bytes of %s globals cannot be written into it\n",
			map->name, obj->arena_data_sz, OBJ_ARENA_SEC);
		return -EINVAL;
	}
	return 0;
}

/* After the kernel refused to create an arena: the likely reason. */
void obj_arena_explain(const struct bpf_map *map, __u32 max_entries, int err)
{
	const struct bpf_map_def *def = &map->def;
	size_t page = obj_page_size();

	if (!obj_is_arena(map))
		return;
	if (!(def->map_flags & BPF_F_MMAPABLE))
		pr_warn("map '%s': an arena needs map_flags BPF_F_MMAPABLE\n",
			map->name);
	else if (!max_entries)
		pr_warn("map '%s': an arena needs max_entries, its size in pages, above 0\n",
			map->name);
	else if ((unsigned long long)max_entries * page > (1ull << 32))
		pr_warn("map '%s': an arena spans at most 4 GiB (%llu pages)\n",
			map->name, (1ull << 32) / page);
	else if (def->key_size || def->value_size)
		pr_warn("map '%s': an arena has no key or value (key_size %u, value_size %u)\n",
			map->name, def->key_size, def->value_size);
	else if (map->map_extra % page)
		pr_warn("map '%s': an arena's map_extra (user address 0x%llx) must be page aligned\n",
			map->name, (unsigned long long)map->map_extra);
	else if (map->map_extra &&
		 (map->map_extra >> 32) !=
		 ((map->map_extra + (unsigned long long)max_entries * page - 1) >> 32))
		pr_warn("map '%s': an arena at map_extra 0x%llx would cross a 4 GiB boundary\n",
			map->name, (unsigned long long)map->map_extra);
	else if (err == -EOPNOTSUPP || err == -EINVAL)
		pr_warn("map '%s': this kernel may not support arenas (BPF JIT needed)\n",
			map->name);
}

/*
 * Right after the kernel created the arena: map it (at map_extra when set)
 * and copy the globals in.
 */
int obj_arena_mmap(struct bpf_object *obj, struct bpf_map *map)
{
	size_t sz = obj_arena_size(map), off;
	int flags = MAP_SHARED, err;
	void *addr = NULL, *p;

	if (!obj_is_arena(map) || map->mmaped)
		return 0;
	if (map->map_extra) {
		/* Never silently replace something already mapped there. */
		addr = (void *)(unsigned long)map->map_extra;
		flags |= MAP_FIXED_NOREPLACE;
	}
	p = mmap(addr, sz, PROT_READ | PROT_WRITE, flags, map->fd, 0);
	if (p == MAP_FAILED) {
		err = -errno;
		if (addr)
			pr_warn("map '%s': cannot mmap the arena (%zu bytes) at map_extra address 0x%llx: %s\n",
				map->name, sz, (unsigned long long)map->map_extra,
				util_errstr(err));
		else
			pr_warn("map '%s': cannot mmap the arena (%zu bytes): %s\n",
				map->name, sz, util_errstr(err));
		return err;
	}
	if (addr && p != addr) {
		/* a kernel without MAP_FIXED_NOREPLACE takes it as a hint */
		munmap(p, sz);
		pr_warn("map '%s': the arena could not be mapped at map_extra address 0x%llx\n",
			map->name, (unsigned long long)map->map_extra);
		return -EEXIST;
	}
	map->mmaped = p;
	map->mmap_sz = sz;
	map->mmaped_is_kernel = true;
	if (obj_is_obj_arena(obj, map) && obj->arena_data) {
		off = obj_arena_data_off(obj);
		memcpy((char *)p + off, obj->arena_data, obj->arena_data_sz);
		pr_debug("map '%s': %s globals at arena offset %zu\n",
			 map->name, OBJ_ARENA_SEC, off);
	}
	return 0;
}

/* Undoes obj_arena_mmap() when preparing the object failed. */
void obj_arena_unmap(struct bpf_map *map)
{
	if (!obj_is_arena(map) || !map->mmaped)
		return;
	munmap(map->mmaped, map->mmap_sz);
	map->mmaped = NULL;
	map->mmap_sz = 0;
	map->mmaped_is_kernel = false;
}

/*
 * bpf_map__initial_value() of an arena: the whole mapping once it exists;
 * before that, the object's arena map gives its .addr_space.1 globals (for
 * skeletons to change before load), others nothing.
 */
void *obj_arena_initial_value(const struct bpf_map *map, size_t *psize)
{
	const struct bpf_object *obj = map->obj;

	if (map->mmaped) {
		if (psize)
			*psize = map->mmap_sz;
		return map->mmaped;
	}
	if (!obj || !obj_is_obj_arena(obj, map) || !obj->arena_data)
		return NULL;
	if (psize)
		*psize = obj->arena_data_sz;
	return obj->arena_data;
}

/* bpf_map__set_initial_value() of an arena, before load: the globals. */
int obj_arena_set_initial_value(struct bpf_map *map, const void *data,
				size_t size)
{
	size_t cur;
	void *p = obj_arena_initial_value(map, &cur);

	if (!p || map->mmaped || size != cur || !data)
		return -EINVAL;
	memcpy(p, data, size);
	return 0;
}

/* What a skeleton's "arena" member points at: the globals. */
void *obj_arena_skel_view(const struct bpf_map *map)
{
	const struct bpf_object *obj = map->obj;

	if (!map->mmaped)
		return obj_arena_initial_value(map, NULL);
	if (!obj || !obj_is_obj_arena(obj, map))
		return map->mmaped;
	return (char *)map->mmaped + obj_arena_data_off(obj);
}

void obj_arena_free(struct bpf_object *obj)
{
	free(obj->arena_data);
	obj->arena_data = NULL;
	obj->arena_data_sz = 0;
}
