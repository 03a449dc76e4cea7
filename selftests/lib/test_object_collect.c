// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The pure part of the object layer: what open collects (programs,
 * subprograms, relocation records, maps), checked on real files without
 * touching the kernel.
 */
#include <errno.h>
#include <string.h>
#include <bpf/libbpf.h>

#include "object/object.h"
#include "test.h"

static int count_kind(const struct bpf_program *p, enum obj_relo_kind k)
{
	int i, n = 0;

	for (i = 0; i < p->nr_relos; i++)
		n += p->relos[i].kind == k;
	return n;
}

static struct bpf_program *prog_named(struct bpf_object *obj, const char *name)
{
	size_t i;

	for (i = 0; i < obj->nr_progs; i++)
		if (!strcmp(obj->progs[i].name, name))
			return &obj->progs[i];
	return NULL;
}

TEST(collect_programs_and_relocations)
{
	struct bpf_object *obj;
	struct bpf_program *p;
	size_t i;

	obj = bpf_object__open_file(test_prog_path("obj_subprogs.bpf.o"), NULL);
	ASSERT_PTR(obj);
	/* 3 programs + 4 subprograms of .text, sorted by section and offset */
	ASSERT_EQ(obj->nr_progs, 7);
	for (i = 1; i < obj->nr_progs; i++)
		ASSERT_TRUE(obj->progs[i - 1].sec_idx < obj->progs[i].sec_idx ||
			    (obj->progs[i - 1].sec_idx == obj->progs[i].sec_idx &&
			     obj->progs[i - 1].sec_insn_off < obj->progs[i].sec_insn_off));

	p = prog_named(obj, "add_static");
	ASSERT_PTR(p);
	ASSERT_TRUE(p->is_subprog);
	ASSERT_FALSE(p->sym_global);
	p = prog_named(obj, "mul_global");
	ASSERT_TRUE(p->is_subprog && p->sym_global && !p->mark_btf_static);
	p = prog_named(obj, "hidden_helper");
	ASSERT_TRUE(p->is_subprog && p->mark_btf_static);
	p = prog_named(obj, "loop_cb");
	ASSERT_EQ(count_kind(p, OBJ_RELO_DATA), 1);	/* loop_sum */

	p = prog_named(obj, "calls_xdp");
	ASSERT_FALSE(p->is_subprog);
	ASSERT_EQ(p->nr_relos, 4);
	ASSERT_EQ(count_kind(p, OBJ_RELO_CALL), 2);
	ASSERT_EQ(count_kind(p, OBJ_RELO_DATA), 1);
	ASSERT_EQ(count_kind(p, OBJ_RELO_SUBPROG_ADDR), 1);
	ASSERT_EQ(p->insns[p->relos[3].insn_idx].src_reg, BPF_PSEUDO_FUNC);

	p = prog_named(obj, "calls_socket");
	ASSERT_EQ(p->nr_relos, 1);
	ASSERT_EQ(p->relos[0].kind, OBJ_RELO_CALL);
	ASSERT_EQ(p->relos[0].insn_idx, 2);

	/* one .bss map, the relocations' target */
	ASSERT_EQ(obj->nr_maps, 1);
	ASSERT_EQ(obj->maps[0].libbpf_type, OBJ_MAP_BSS);
	ASSERT_EQ(prog_named(obj, "calls_tc")->relos[2].map_idx, 0);
	ASSERT_EQ(strcmp(obj->license, "GPL"), 0);
	bpf_object__close(obj);
}

TEST(collect_maps_and_slots)
{
	struct bpf_object *obj;
	struct bpf_map *outer, *jmp;
	struct bpf_program *use;

	obj = bpf_object__open_file(test_prog_path("obj_maps.bpf.o"), NULL);
	ASSERT_PTR(obj);
	ASSERT_EQ(obj->nr_maps, 11);
	outer = bpf_object__find_map_by_name(obj, "outer_arr");
	ASSERT_EQ(outer->init_slots_sz, 3);
	ASSERT_TRUE(outer->init_slots[0] != NULL);
	ASSERT_TRUE(outer->init_slots[1] == NULL);
	ASSERT_STREQ(obj->maps[(long)outer->init_slots[2] - 1].name, "inner_b");
	jmp = bpf_object__find_map_by_name(obj, "jmp_table");
	ASSERT_TRUE(jmp->init_slots_progs);
	ASSERT_EQ(jmp->init_slots_sz, 2);
	ASSERT_STREQ(((struct bpf_program *)jmp->init_slots[1])->name, "tail_target");
	use = bpf_object__find_program_by_name(obj, "use_maps");
	ASSERT_GE(use->nr_relos, 8);
	for (int i = 0; i < use->nr_relos; i++)
		ASSERT_EQ(use->relos[i].kind == OBJ_RELO_MAP ||
			  use->relos[i].kind == OBJ_RELO_CALL ||
			  use->relos[i].kind == OBJ_RELO_DATA, 1);
	bpf_object__close(obj);
}

TEST(collect_externs)
{
	struct bpf_object *obj;
	int i, kcfg = 0, ksym = 0;

	obj = bpf_object__open_file(test_prog_path("obj_externs.bpf.o"), NULL);
	ASSERT_PTR(obj);
	for (i = 0; i < obj->nr_externs; i++) {
		kcfg += obj->externs[i].kind == OBJ_EXT_KCFG;
		ksym += obj->externs[i].kind == OBJ_EXT_KSYM;
		if (!strcmp(obj->externs[i].name, "CONFIG_BPF_SYSCALL"))
			ASSERT_EQ(obj->externs[i].kcfg_type, OBJ_KCFG_BOOL);
		if (!strcmp(obj->externs[i].name, "CONFIG_BPF_JIT"))
			ASSERT_EQ(obj->externs[i].kcfg_type, OBJ_KCFG_TRISTATE);
		if (!strcmp(obj->externs[i].name, "_stext"))
			ASSERT_TRUE(obj->externs[i].typeless);
	}
	ASSERT_GE(kcfg, 6);
	ASSERT_EQ(ksym, 2);
	ASSERT_GE(obj->kconfig_map_idx, 0);
	ASSERT_EQ(obj->maps[obj->kconfig_map_idx].libbpf_type, OBJ_MAP_KCONFIG);
	bpf_object__close(obj);
}
