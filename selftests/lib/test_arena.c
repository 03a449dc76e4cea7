// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Arena maps and .addr_space.1 globals: creation, the user mapping, where
 * the globals land (the last pages of the arena, as libbpf 1.7+ places
 * them), the address a program sees, and the refusals.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/bpf.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "test.h"

#define ARENA_SEC ".addr_space.1"

static long page_size(void)
{
	return sysconf(_SC_PAGE_SIZE);
}

/* Offset of a variable in .addr_space.1, from the object's BTF. */
static long arena_var_off(struct bpf_object *obj, const char *name)
{
	struct btf *btf = bpf_object__btf(obj);
	const struct btf_var_secinfo *vi;
	const struct btf_type *ds;
	__s32 id;
	__u16 i;

	if (!btf)
		return -1;
	id = btf__find_by_name_kind(btf, ARENA_SEC, BTF_KIND_DATASEC);
	if (id < 0)
		return -1;
	ds = btf__type_by_id(btf, id);
	vi = btf_var_secinfos(ds);
	for (i = 0; i < btf_vlen(ds); i++, vi++) {
		const struct btf_type *v = btf__type_by_id(btf, vi->type);

		if (!strcmp(btf__name_by_offset(btf, v->name_off), name))
			return vi->offset;
	}
	return -1;
}

/* Whether [addr, addr + len) is mapped in this process. */
static bool is_mapped(const void *addr, size_t len)
{
	return msync((void *)addr, len, MS_ASYNC) == 0;
}

static int run_prog(struct bpf_object *obj, const char *name, int *retval)
{
	LIBBPF_OPTS(bpf_test_run_opts, topts);
	struct bpf_program *prog = bpf_object__find_program_by_name(obj, name);
	int err;

	if (!prog)
		return -ENOENT;
	err = bpf_prog_test_run_opts(bpf_program__fd(prog), &topts);
	if (!err && retval)
		*retval = topts.retval;
	return err;
}

TEST(arena_open_model)
{
	struct bpf_object *obj;
	struct bpf_map *m;
	const int *iv;
	size_t sz;

	obj = bpf_object__open_file(test_prog_path("obj_arena.bpf.o"), NULL);
	ASSERT_PTR(obj);
	m = bpf_object__find_map_by_name(obj, "arena");
	ASSERT_PTR(m);
	ASSERT_EQ(bpf_map__type(m), BPF_MAP_TYPE_ARENA);
	ASSERT_FALSE(bpf_map__is_internal(m));
	ASSERT_EQ(bpf_map__max_entries(m), 4);
	ASSERT_EQ(bpf_map__map_flags(m), BPF_F_MMAPABLE);
	ASSERT_EQ(bpf_map__key_size(m), 0);
	ASSERT_EQ(bpf_map__value_size(m), 0);
	ASSERT_EQ(bpf_map__map_extra(m), 0);
	/* no map of its own for the section */
	ASSERT_TRUE(bpf_object__find_map_by_name(obj, ARENA_SEC) == NULL);
	/* before load: the globals, for skeletons to change */
	iv = bpf_map__initial_value(m, &sz);
	ASSERT_PTR(iv);
	ASSERT_EQ(sz, 0x30);
	ASSERT_EQ(iv[arena_var_off(obj, "arena_var") / 4], 0x12345678);
	bpf_object__close(obj);
}

TEST(arena_load_map_and_globals)
{
	struct bpf_object *obj;
	struct bpf_map *m, *bss;
	struct bpf_map_info info;
	__u32 len = sizeof(info);
	unsigned long *addrs;
	long var_off, arr_off, str_off, pg = page_size();
	size_t sz, data_off;
	char *base;
	int ret, fd;

	obj = bpf_object__open_file(test_prog_path("obj_arena.bpf.o"), NULL);
	ASSERT_PTR(obj);
	m = bpf_object__find_map_by_name(obj, "arena");
	ASSERT_PTR(m);
	var_off = arena_var_off(obj, "arena_var");
	arr_off = arena_var_off(obj, "arena_arr");
	str_off = arena_var_off(obj, "arena_str");
	ASSERT_GE(var_off, 0);
	ASSERT_GE(arr_off, 0);
	ASSERT_GE(str_off, 0);
	ASSERT_OK(bpf_object__load(obj));

	fd = bpf_map__fd(m);
	ASSERT_FD(fd);
	memset(&info, 0, sizeof(info));
	ASSERT_OK(bpf_map_get_info_by_fd(fd, &info, &len));
	ASSERT_EQ(info.type, BPF_MAP_TYPE_ARENA);
	ASSERT_EQ(info.map_flags, BPF_F_MMAPABLE);
	ASSERT_EQ(info.max_entries, 4);
	ASSERT_EQ(info.key_size, 0);
	ASSERT_EQ(info.value_size, 0);

	/* the whole arena is mapped, the globals in its last page */
	base = bpf_map__initial_value(m, &sz);
	ASSERT_PTR(base);
	ASSERT_EQ(sz, 4 * pg);
	ASSERT_TRUE(is_mapped(base, sz));
	data_off = 3 * pg;
	ASSERT_EQ(*(int *)(base + data_off + var_off), 0x12345678);
	ASSERT_EQ(((long *)(base + data_off + arr_off))[2], 33);
	ASSERT_STREQ(base + data_off + str_off, "arena");
	/* the low pages are free: nothing copied there */
	ASSERT_EQ(*(int *)base, 0);

	/* user space writes, and reads back through the same memory */
	((long *)(base + data_off + arr_off))[3] = 4444;
	base[0] = 'x';
	ASSERT_EQ(((long *)(base + data_off + arr_off))[3], 4444);
	ASSERT_EQ(base[0], 'x');

	/* the program sees the arena at the same user addresses */
	ASSERT_OK(run_prog(obj, "arena_addrs", &ret));
	ASSERT_EQ(ret, 7);
	bss = bpf_object__find_map_by_name(obj, ".bss");
	ASSERT_PTR(bss);
	addrs = bpf_map__initial_value(bss, &sz);
	ASSERT_PTR(addrs);
	ASSERT_EQ(addrs[0], (unsigned long)(base + data_off + var_off));
	ASSERT_EQ(addrs[1], (unsigned long)(base + data_off + arr_off + 16));
	ASSERT_EQ(addrs[2], (unsigned long)(base + data_off + str_off));

	/* loaded: no more setting of the initial value */
	ASSERT_ERR(bpf_map__set_initial_value(m, base, sz), -EBUSY);
	ASSERT_ERR(bpf_map__set_max_entries(m, 8), -EBUSY);

	bpf_object__close(obj);
	ASSERT_FALSE(is_mapped(base, 4 * pg));
}

TEST(arena_change_before_load)
{
	struct bpf_object *obj;
	struct bpf_map *m, *bss;
	long var_off, pg = page_size();
	unsigned long *addrs;
	char buf[0x30];
	size_t sz;
	char *base;
	int *iv;

	obj = bpf_object__open_file(test_prog_path("obj_arena.bpf.o"), NULL);
	ASSERT_PTR(obj);
	m = bpf_object__find_map_by_name(obj, "arena");
	var_off = arena_var_off(obj, "arena_var");
	iv = bpf_map__initial_value(m, &sz);
	ASSERT_PTR(iv);
	/* the size of the globals, nothing else */
	memcpy(buf, iv, sizeof(buf));
	ASSERT_ERR(bpf_map__set_initial_value(m, buf, sizeof(buf) + 1), -EINVAL);
	iv[var_off / 4] = 99;
	memcpy(buf, iv, sizeof(buf));
	ASSERT_OK(bpf_map__set_initial_value(m, buf, sizeof(buf)));
	/* a bigger arena: the globals move to its end */
	ASSERT_OK(bpf_map__set_max_entries(m, 8));
	ASSERT_OK(bpf_object__load(obj));

	base = bpf_map__initial_value(m, &sz);
	ASSERT_PTR(base);
	ASSERT_EQ(sz, 8 * pg);
	ASSERT_EQ(*(int *)(base + 7 * pg + var_off), 99);
	ASSERT_OK(run_prog(obj, "arena_addrs", NULL));
	bss = bpf_object__find_map_by_name(obj, ".bss");
	addrs = bpf_map__initial_value(bss, &sz);
	ASSERT_EQ(addrs[0], (unsigned long)(base + 7 * pg + var_off));
	bpf_object__close(obj);
	ASSERT_FALSE(is_mapped(base, 8 * pg));
}

/* Loads obj_arena_extra, its arena at want, and checks the program's view. */
static void check_fixed_arena(unsigned long want, bool override)
{
	struct bpf_object *obj;
	struct bpf_map *m, *bss;
	struct bpf_map_info info;
	__u32 len = sizeof(info);
	long off, pg = page_size();
	unsigned long *addrs;
	size_t sz;
	char *base;

	obj = bpf_object__open_file(test_prog_path("obj_arena_extra.bpf.o"), NULL);
	ASSERT_PTR(obj);
	m = bpf_object__find_map_by_name(obj, "arena_fixed");
	ASSERT_PTR(m);
	if (override)
		ASSERT_OK(bpf_map__set_map_extra(m, want));
	ASSERT_EQ(bpf_map__map_extra(m), want);
	off = arena_var_off(obj, "fixed_var");
	ASSERT_GE(off, 0);
	ASSERT_OK(bpf_object__load(obj));
	memset(&info, 0, sizeof(info));
	ASSERT_OK(bpf_map_get_info_by_fd(bpf_map__fd(m), &info, &len));
	ASSERT_EQ(info.map_extra, want);
	ASSERT_EQ(info.max_entries, 2);

	base = bpf_map__initial_value(m, &sz);
	ASSERT_EQ((unsigned long)base, want);
	ASSERT_EQ(sz, 2 * pg);
	ASSERT_EQ(*(__u64 *)(base + pg + off), 0xfeed);
	ASSERT_OK(run_prog(obj, "arena_fixed_addr", NULL));
	bss = bpf_object__find_map_by_name(obj, ".bss");
	addrs = bpf_map__initial_value(bss, &sz);
	ASSERT_EQ(addrs[0], want + pg + off);
	bpf_object__close(obj);
	ASSERT_FALSE(is_mapped((void *)want, 2 * pg));
}

TEST(arena_map_extra_address)
{
	check_fixed_arena(0x70000000ul, false);
}

/*
 * A 64-bit address, which clang 14 cannot put in the map definition: one
 * this process (and its sanitizer) leaves free, two pages in one 4 GiB
 * window.
 */
TEST(arena_map_extra_set_by_user)
{
	long pg = page_size();
	unsigned long a, want = 0;
	void *p;
	int i;

	p = mmap(NULL, 8 * pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(p != MAP_FAILED);
	for (i = 0; i < 7 && !want; i++) {
		a = (unsigned long)p + i * pg;
		if ((a >> 32) == ((a + 2 * pg - 1) >> 32))
			want = a;
	}
	munmap(p, 8 * pg);
	ASSERT_NE(want, 0);
	if (!(want >> 32))
		TEST_SKIP("mmap gave a 32-bit address 0x%lx", want);
	check_fixed_arena(want, true);
}

TEST(arena_map_extra_address_taken)
{
	const unsigned long want = 0x70000000ul;
	struct bpf_object *obj;
	void *p;

	/* something of ours already lives there: not replaced */
	p = mmap((void *)want, page_size(), PROT_READ,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (p == MAP_FAILED)
		TEST_SKIP("cannot map 0x%lx for the test: %s", want, strerror(errno));
	obj = bpf_object__open_file(test_prog_path("obj_arena_extra.bpf.o"), NULL);
	ASSERT_PTR(obj);
	ASSERT_ERR(bpf_object__load(obj), -EEXIST);
	ASSERT_LOG("map 'arena_fixed': cannot mmap the arena");
	ASSERT_TRUE(is_mapped(p, page_size()));
	bpf_object__close(obj);
	munmap(p, page_size());
}

TEST(arena_without_globals)
{
	struct bpf_object *obj;
	struct bpf_map *m;
	size_t sz;
	void *base;

	obj = bpf_object__open_file(test_prog_path("obj_arena_plain.bpf.o"), NULL);
	ASSERT_PTR(obj);
	m = bpf_object__find_map_by_name(obj, "arena_plain");
	ASSERT_PTR(m);
	ASSERT_TRUE(bpf_map__initial_value(m, &sz) == NULL);
	ASSERT_ERR(bpf_map__set_initial_value(m, &sz, sizeof(sz)), -EINVAL);
	ASSERT_OK(bpf_map__set_max_entries(m, 3));
	ASSERT_OK(bpf_object__load(obj));
	base = bpf_map__initial_value(m, &sz);
	ASSERT_PTR(base);
	ASSERT_EQ(sz, 3 * page_size());
	memset(base, 0x5a, sz);
	ASSERT_EQ(((unsigned char *)base)[sz - 1], 0x5a);
	bpf_object__close(obj);
	ASSERT_FALSE(is_mapped(base, sz));
}

TEST(arena_no_mmapable_refused)
{
	struct bpf_object *obj;

	obj = bpf_object__open_file(test_prog_path("obj_arena_noflag.bpf.o"), NULL);
	ASSERT_PTR(obj);
	ASSERT_ERR(bpf_object__load(obj), -EINVAL);
	ASSERT_LOG("map 'arena_nf': failed to create");
	ASSERT_LOG("map 'arena_nf': an arena needs map_flags BPF_F_MMAPABLE");
	bpf_object__close(obj);
}

TEST(arena_zero_pages_refused)
{
	struct bpf_object *obj;
	struct bpf_map *m;

	obj = bpf_object__open_file(test_prog_path("obj_arena_plain.bpf.o"), NULL);
	ASSERT_PTR(obj);
	m = bpf_object__find_map_by_name(obj, "arena_plain");
	ASSERT_OK(bpf_map__set_max_entries(m, 0));
	ASSERT_ERR(bpf_object__load(obj), -EINVAL);
	ASSERT_LOG("map 'arena_plain': failed to create");
	ASSERT_LOG("map 'arena_plain': an arena needs max_entries");
	bpf_object__close(obj);
}

TEST(arena_too_small_after_resize)
{
	struct bpf_object *obj;
	struct bpf_map *m;

	obj = bpf_object__open_file(test_prog_path("obj_arena.bpf.o"), NULL);
	ASSERT_PTR(obj);
	m = bpf_object__find_map_by_name(obj, "arena");
	ASSERT_OK(bpf_map__set_max_entries(m, 0));
	ASSERT_ERR(bpf_object__load(obj), -E2BIG);
	ASSERT_LOG("map 'arena': arena of 0 pages (0 bytes) is too small for the 48 bytes of .addr_space.1 globals");
	bpf_object__close(obj);
}

TEST(arena_segv_on_fault_with_globals)
{
	struct bpf_object *obj;
	struct bpf_map *m;

	obj = bpf_object__open_file(test_prog_path("obj_arena.bpf.o"), NULL);
	ASSERT_PTR(obj);
	m = bpf_object__find_map_by_name(obj, "arena");
	ASSERT_OK(bpf_map__set_map_flags(m, BPF_F_MMAPABLE | BPF_F_SEGV_ON_FAULT));
	ASSERT_ERR(bpf_object__load(obj), -EINVAL);
	ASSERT_LOG("map 'arena': arena has BPF_F_SEGV_ON_FAULT");
	bpf_object__close(obj);
}

TEST(arena_globals_without_map)
{
	struct bpf_object *obj;

	obj = bpf_object__open_file(test_prog_path("obj_arena_nomap.bpf.o"), NULL);
	ASSERT_NULL_ERR(obj, -ENOENT);
	ASSERT_LOG("'.addr_space.1' holds arena globals");
	ASSERT_LOG("no BPF_MAP_TYPE_ARENA map");
}

TEST(arena_two_arenas)
{
	struct bpf_object *obj;

	obj = bpf_object__open_file(test_prog_path("obj_arena_two.bpf.o"), NULL);
	ASSERT_NULL_ERR(obj, -EINVAL);
	ASSERT_LOG("map 'arena_b': an object can have only one arena map, and map 'arena_a' is one already");
}

TEST(arena_globals_too_big)
{
	struct bpf_object *obj;

	obj = bpf_object__open_file(test_prog_path("obj_arena_big.bpf.o"), NULL);
	ASSERT_NULL_ERR(obj, -E2BIG);
	ASSERT_LOG("map 'arena_small': arena of 1 pages");
	ASSERT_LOG("too small for the 5000 bytes of .addr_space.1 globals");
}

/* The object file in memory, to corrupt. */
static void *read_obj(const char *name, size_t *sz)
{
	struct stat st;
	void *buf;
	int fd = open(test_prog_path(name), O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) || !(buf = malloc(st.st_size))) {
		close(fd);
		return NULL;
	}
	if (read(fd, buf, st.st_size) != st.st_size) {
		free(buf);
		buf = NULL;
	}
	close(fd);
	*sz = st.st_size;
	return buf;
}

#include <elf.h>

static Elf64_Shdr *find_shdr(void *buf, const char *name, Elf64_Shdr **symtab)
{
	Elf64_Ehdr *eh = buf;
	Elf64_Shdr *sh = (Elf64_Shdr *)((char *)buf + eh->e_shoff), *found = NULL;
	const char *shstr = (char *)buf + sh[eh->e_shstrndx].sh_offset;
	int i;

	for (i = 0; i < eh->e_shnum; i++) {
		if (!strcmp(shstr + sh[i].sh_name, name))
			found = &sh[i];
		if (sh[i].sh_type == SHT_SYMTAB && symtab)
			*symtab = &sh[i];
	}
	return found;
}

TEST(arena_corrupt_section_size)
{
	struct bpf_object *obj;
	Elf64_Shdr *sh;
	size_t sz;
	void *buf = read_obj("obj_arena.bpf.o", &sz);

	ASSERT_PTR(buf);
	sh = find_shdr(buf, ARENA_SEC, NULL);
	ASSERT_PTR(sh);
	sh->sh_size = 1ull << 40;	/* beyond the file */
	obj = bpf_object__open_mem(buf, sz, NULL);
	ASSERT_TRUE(obj == NULL);
	ASSERT_TRUE(errno != 0);
	ASSERT_LOG("elf:");
	free(buf);
}

TEST(arena_corrupt_symbol_offset)
{
	struct bpf_object *obj;
	Elf64_Shdr *sh, *symtab = NULL;
	Elf64_Sym *syms;
	const char *strs;
	size_t sz, i, n;
	void *buf = read_obj("obj_arena.bpf.o", &sz);
	bool done = false;

	ASSERT_PTR(buf);
	sh = find_shdr(buf, ARENA_SEC, &symtab);
	ASSERT_PTR(sh);
	ASSERT_PTR(symtab);
	syms = (Elf64_Sym *)((char *)buf + symtab->sh_offset);
	strs = (char *)buf + ((Elf64_Shdr *)((char *)buf +
		((Elf64_Ehdr *)buf)->e_shoff))[symtab->sh_link].sh_offset;
	n = symtab->sh_size / sizeof(*syms);
	for (i = 0; i < n; i++) {
		if (!strcmp(strs + syms[i].st_name, "arena_str")) {
			syms[i].st_value = sh->sh_size + 64;	/* past the end */
			done = true;
		}
	}
	ASSERT_TRUE(done);
	obj = bpf_object__open_mem(buf, sz, NULL);
	ASSERT_TRUE(obj == NULL);
	ASSERT_TRUE(errno != 0);
	ASSERT_LOG("arena_str");
	free(buf);
}

TEST(arena_map_extra_unaligned_refused)
{
	struct bpf_object *obj;
	struct bpf_map *m;

	obj = bpf_object__open_file(test_prog_path("obj_arena_extra.bpf.o"), NULL);
	ASSERT_PTR(obj);
	m = bpf_object__find_map_by_name(obj, "arena_fixed");
	ASSERT_OK(bpf_map__set_map_extra(m, 0x70000010));
	ASSERT_ERR(bpf_object__load(obj), -EINVAL);
	ASSERT_LOG("map 'arena_fixed': failed to create");
	ASSERT_LOG("map 'arena_fixed': an arena's map_extra (user address 0x70000010) must be page aligned");
	bpf_object__close(obj);
}

/*
 * A skeleton's arena member (what bpftool generates for .addr_space.1)
 * points at the globals: the section's bytes before load, the last pages
 * of the mapped arena after.
 */
TEST(arena_skeleton_view)
{
	struct bpf_object_skeleton *s;
	struct bpf_map *arena = NULL;
	struct bpf_object *obj = NULL;
	long var_off, pg = page_size();
	void *view = NULL, *buf;
	char *base;
	size_t sz;

	buf = read_obj("obj_arena.bpf.o", &sz);
	ASSERT_PTR(buf);
	s = calloc(1, sizeof(*s));
	ASSERT_PTR(s);
	s->maps = calloc(1, sizeof(*s->maps));
	ASSERT_PTR(s->maps);
	s->sz = sizeof(*s);
	s->name = "obj_arena";
	s->obj = &obj;
	s->data = buf;
	s->data_sz = sz;
	s->map_cnt = 1;
	s->map_skel_sz = sizeof(*s->maps);
	s->maps[0].name = "arena";
	s->maps[0].map = &arena;
	s->maps[0].mmaped = &view;

	ASSERT_OK(bpf_object__open_skeleton(s, NULL));
	ASSERT_PTR(arena);
	ASSERT_PTR(view);
	var_off = arena_var_off(obj, "arena_var");
	ASSERT_GE(var_off, 0);
	ASSERT_EQ(*(int *)((char *)view + var_off), 0x12345678);
	*(int *)((char *)view + var_off) = 0x600d;

	ASSERT_OK(bpf_object__load_skeleton(s));
	base = bpf_map__initial_value(arena, &sz);
	ASSERT_PTR(base);
	ASSERT_EQ(sz, 4 * pg);
	ASSERT_TRUE(view == base + 3 * pg);
	ASSERT_EQ(*(int *)((char *)view + var_off), 0x600d);

	bpf_object__destroy_skeleton(s);
	ASSERT_FALSE(is_mapped(base, 4 * pg));
	free(buf);
}
