// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The ELF layer and bad object files: wrong class, machine, truncation,
 * out-of-range sections, symbols and relocations, and mutated copies of
 * real objects (never a crash, a leak or a success with garbage).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gelf.h>
#include <bpf/libbpf.h>

#include "elf/elf.h"
#include "test.h"

static void *read_file(const char *path, size_t *sz)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc(n);
	if (buf && fread(buf, 1, n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*sz = n;
	return buf;
}

static struct bpf_object *open_buf(const void *buf, size_t sz)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = "mutant");

	return bpf_object__open_mem(buf, sz, &opts);
}

TEST(elf_reads_sections_symbols_relocations)
{
	struct elf_file *ef;
	const struct elf_sec *sec, *rel;
	GElf_Rel r;
	GElf_Sym sym;
	size_t i;
	int found_xdp = 0;

	ASSERT_OK(elf_open_file(test_prog_path("obj_subprogs.bpf.o"), &ef));
	ASSERT_PTR(elf_sec_by_name(ef, ".text"));
	sec = elf_sec_by_name(ef, "xdp");
	ASSERT_PTR(sec);
	ASSERT_TRUE(elf_sec_is_exec(sec));
	ASSERT_GT(sec->size, 0);
	ASSERT_FALSE(elf_sec_is_exec(elf_sec_by_name(ef, "license")));
	ASSERT_TRUE(elf_sec_by_idx(ef, 0) == NULL);
	ASSERT_TRUE(elf_sec_by_idx(ef, ef->nsecs) == NULL);
	ASSERT_GT(ef->nsyms, 0);
	for (i = 1; i < ef->nsyms; i++) {
		ASSERT_OK(elf_sym(ef, i, &sym));
		if (!strcmp(elf_sym_name(ef, &sym), "calls_xdp"))
			found_xdp = 1;
	}
	ASSERT_TRUE(found_xdp);
	ASSERT_EQ(elf_sym(ef, ef->nsyms, &sym), -EINVAL);
	rel = elf_sec_by_name(ef, ".relxdp");
	ASSERT_PTR(rel);
	ASSERT_TRUE(elf_rel_target(ef, rel) == sec);
	ASSERT_GT(elf_rel_cnt(rel), 0);
	ASSERT_OK(elf_rel(ef, rel, 0, &r));
	ASSERT_EQ(elf_rel(ef, rel, elf_rel_cnt(rel), &r), -EINVAL);
	elf_close(ef);
}

TEST(elf_missing_and_not_elf)
{
	struct elf_file *ef;
	const char text[] = "this is not an ELF file at all, just text.......";

	ASSERT_EQ(elf_open_file("/nonexistent.bpf.o", &ef), -ENOENT);
	ASSERT_TRUE(ef == NULL);
	ASSERT_EQ(elf_open_mem(text, sizeof(text), "text", &ef), -EINVAL);
	ASSERT_LOG("elf: 'text': not an ELF file");
	ASSERT_EQ(elf_open_mem(NULL, 0, "x", &ef), -EINVAL);
	ASSERT_NULL_ERR(bpf_object__open_mem(text, sizeof(text), NULL), -EINVAL);
}

TEST(elf_wrong_class_and_machine)
{
	struct elf_file *ef;
	size_t sz;
	unsigned char *buf = read_file(test_prog_path("obj_subprogs.bpf.o"), &sz);
	GElf_Ehdr *eh;

	ASSERT_PTR(buf);
	buf[EI_CLASS] = ELFCLASS32;
	ASSERT_EQ(elf_open_mem(buf, sz, "class32", &ef), -EINVAL);
	ASSERT_LOG("elf: 'class32': not a 64-bit ELF file");
	buf[EI_CLASS] = ELFCLASS64;

	eh = (GElf_Ehdr *)buf;
	eh->e_machine = EM_X86_64;
	ASSERT_EQ(elf_open_mem(buf, sz, "x86", &ef), -EINVAL);
	ASSERT_LOG("elf: 'x86': not a BPF object (machine 62)");
	ASSERT_NULL_ERR(open_buf(buf, sz), -EINVAL);
	eh->e_machine = EM_BPF;
	eh->e_type = ET_EXEC;
	ASSERT_EQ(elf_open_mem(buf, sz, "exec", &ef), -EINVAL);
	ASSERT_LOG("not a relocatable object");
	eh->e_type = ET_REL;
	ASSERT_OK(elf_open_mem(buf, sz, "fine", &ef));
	elf_close(ef);
	free(buf);
}

TEST(elf_truncated)
{
	size_t sz, cut;
	char *buf = read_file(test_prog_path("obj_maps.bpf.o"), &sz);
	struct elf_file *ef;

	ASSERT_PTR(buf);
	for (cut = 1; cut < sz; cut += (cut < 128 ? 1 : 97)) {
		int err = elf_open_mem(buf, cut, "cut", &ef);

		ASSERT_TRUE_MSG(err < 0, "truncated at %zu opened", cut);
	}
	ASSERT_LOG("elf: 'cut':");
	free(buf);
}

TEST(elf_section_out_of_bounds)
{
	size_t sz;
	unsigned char *buf = read_file(test_prog_path("obj_subprogs.bpf.o"), &sz);
	Elf64_Ehdr *eh = (Elf64_Ehdr *)buf;
	Elf64_Shdr *sh;
	struct elf_file *ef;
	size_t i;

	ASSERT_PTR(buf);
	sh = (Elf64_Shdr *)(buf + eh->e_shoff);
	for (i = 1; i < eh->e_shnum; i++)
		if (sh[i].sh_type == SHT_PROGBITS && sh[i].sh_size)
			break;
	ASSERT_LT(i, eh->e_shnum);
	sh[i].sh_offset = sz + 4096;
	ASSERT_EQ(elf_open_mem(buf, sz, "oob", &ef), -EINVAL);
	ASSERT_LOG("elf: 'oob':");
	free(buf);
}

TEST(elf_bad_relocations)
{
	size_t sz;
	unsigned char *buf = read_file(test_prog_path("obj_subprogs.bpf.o"), &sz);
	Elf64_Ehdr *eh = (Elf64_Ehdr *)buf;
	Elf64_Shdr *sh;
	Elf64_Rel *rel;
	unsigned char *copy;
	size_t i;

	ASSERT_PTR(buf);
	sh = (Elf64_Shdr *)(buf + eh->e_shoff);
	for (i = 1; i < eh->e_shnum; i++)
		if (sh[i].sh_type == SHT_REL && sh[i].sh_size)
			break;
	ASSERT_LT(i, eh->e_shnum);
	copy = malloc(sz);

	memcpy(copy, buf, sz);
	rel = (Elf64_Rel *)(copy + sh[i].sh_offset);
	rel->r_offset = 1 << 30;
	ASSERT_NULL_ERR(open_buf(copy, sz), -EINVAL);
	ASSERT_LOG("past the end of");

	memcpy(copy, buf, sz);
	rel = (Elf64_Rel *)(copy + sh[i].sh_offset);
	rel->r_info = ELF64_R_INFO(100000, ELF64_R_TYPE(rel->r_info));
	ASSERT_NULL_ERR(open_buf(copy, sz), -EINVAL);
	ASSERT_LOG("out of range");

	memcpy(copy, buf, sz);
	((Elf64_Shdr *)(copy + eh->e_shoff))[i].sh_info = 999;
	ASSERT_NULL_ERR(open_buf(copy, sz), -EINVAL);
	ASSERT_LOG("targets section 999, out of range");
	free(copy);
	free(buf);
}

/* Tiny deterministic generator: the same mutations on every run. */
static unsigned int rnd_state = 12345;
static unsigned int rnd(void)
{
	rnd_state = rnd_state * 1103515245 + 12345;
	return rnd_state >> 8;
}

/*
 * Bytes the maps of an object would ask the kernel for.  A flipped bit in
 * BTF can turn max_entries into a billion: the kernel then really
 * allocates gigabytes per array, which would test the machine's memory,
 * not our loader, so such mutants are opened but not loaded.
 */
#define MUTANT_MAP_BUDGET	(64ULL << 20)

static unsigned long long map_bytes(const struct bpf_map *m)
{
	return ((unsigned long long)bpf_map__key_size(m) + bpf_map__value_size(m)) *
	       bpf_map__max_entries(m);
}

static bool maps_within_budget(struct bpf_object *obj)
{
	unsigned long long total = 0;
	struct bpf_map *m, *inner;

	bpf_object__for_each_map(m, obj) {
		total += map_bytes(m);
		inner = bpf_map__inner_map(m);
		if (inner)
			total += map_bytes(inner);
	}
	return total <= MUTANT_MAP_BUDGET;
}

static void mutate_all(const char *name, int rounds, bool load)
{
	size_t sz, i;
	unsigned char *buf = read_file(test_prog_path(name), &sz);
	unsigned char *copy;
	int opened = 0, too_big = 0;

	if (!buf) {
		test_fail_at(__FILE__, __LINE__, "cannot read %s", name);
		return;
	}
	copy = malloc(sz);
	/* a flip at evenly spread offsets, then random multi-byte damage */
	for (i = 0; i < (size_t)rounds; i++) {
		struct bpf_object *obj;
		int k, n = i < (size_t)rounds / 2 ? 1 : 1 + rnd() % 8;

		memcpy(copy, buf, sz);
		for (k = 0; k < n; k++) {
			size_t off = i < (size_t)rounds / 2 ?
				     (i * sz) / (rounds / 2) : rnd() % sz;

			copy[off] ^= (unsigned char)(1 + rnd() % 255);
		}
		obj = open_buf(copy, sz);
		if (obj) {
			opened++;
			if (load && !maps_within_budget(obj))
				too_big++;
			else if (load)
				bpf_object__load(obj);
			bpf_object__close(obj);
		}
		test_log_clear();
	}
	free(copy);
	free(buf);
	fprintf(stderr, "  %s: %d of %d mutants opened", name, opened, rounds);
	if (too_big)
		fprintf(stderr, " (%d with maps over %llu MB not loaded)",
			too_big, MUTANT_MAP_BUDGET >> 20);
	fprintf(stderr, "\n");
	if (!opened)
		test_fail_at(__FILE__, __LINE__, "no mutant of %s opened at all", name);
}

TEST(elf_mutated_objects_open)
{
	mutate_all("obj_maps.bpf.o", 1500, false);
	mutate_all("obj_subprogs.bpf.o", 1500, false);
	mutate_all("obj_globals.bpf.o", 800, false);
}

TEST(elf_mutated_objects_load)
{
	/* loading too: bad code must be refused by us or by the kernel */
	mutate_all("obj_subprogs.bpf.o", 200, true);
	mutate_all("obj_maps.bpf.o", 150, true);
	mutate_all("obj_externs.bpf.o", 150, true);
	mutate_all("obj_struct_ops.bpf.o", 100, true);
}
