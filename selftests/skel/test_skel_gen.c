// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * skeleton-gen: the header text for real objects (compared with the
 * reference bpftool where installed), and clear failures on bad input.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"
#include <bpf/libbpf.h>
#include <bpf/btf.h>
#include "skelgen.h"
#include "struct_ops.h"

#define REF_BPFTOOL "/usr/sbin/bpftool"

static void *load_file(const char *path, size_t *sz)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (!fseek(f, 0, SEEK_END) && (n = ftell(f)) > 0 && !fseek(f, 0, SEEK_SET)) {
		buf = malloc(n + 1);
		if (buf && fread(buf, 1, n, f) == (size_t)n) {
			buf[n] = '\0';
			*sz = n;
		} else {
			free(buf);
			buf = NULL;
		}
	}
	fclose(f);
	return buf;
}

/* Runs a generator on an object file into a malloc'ed string. */
static int gen(bool sub, const char *obj_file, const char *name, char **text)
{
	char path[512];
	size_t sz = 0, len;
	void *obj;
	FILE *mem;
	int err;

	*text = NULL;
	snprintf(path, sizeof(path), "%s/%s", SKEL_OUT_DIR, obj_file);
	obj = load_file(path, &sz);
	if (!obj)
		return -errno;
	mem = open_memstream(text, &len);
	if (!mem) {
		free(obj);
		return -errno;
	}
	err = sub ? skelgen_subskeleton(obj, sz, name, mem)
		  : skelgen_skeleton(obj, sz, name, mem);
	fclose(mem);
	free(obj);
	return err;
}

TEST(skelgen_skeleton_shape)
{
	char *t;
	int err = gen(false, "skel_test.bpf.o", "skel_test", &t);

	ASSERT_OK(err);
	ASSERT_TRUE(strstr(t, "#ifndef __SKEL_TEST_SKEL_H__") != NULL);
	ASSERT_TRUE(strstr(t, "struct skel_test {\n\tstruct bpf_object_skeleton *skeleton;\n\tstruct bpf_object *obj;\n") != NULL);
	ASSERT_TRUE(strstr(t, "\t\tstruct bpf_map *counters;\n") != NULL);
	ASSERT_TRUE(strstr(t, "\t\tstruct bpf_program *handle_getpgid;\n") != NULL);
	ASSERT_TRUE(strstr(t, "\t\tstruct bpf_link *sock_prog;\n") != NULL);
	/* the static 'hidden' is not exposed; the gap it leaves is padded */
	ASSERT_TRUE(strstr(t, "\thidden;") == NULL && strstr(t, " hidden;") == NULL);
	ASSERT_TRUE(strstr(t, "\t\tchar __pad0[") != NULL);
	ASSERT_TRUE(strstr(t, "\tstruct skel_test__rodata {\n\t\tint target_pid;\n\t\t__u8 flag;\n\t} *rodata;\n") != NULL);
	ASSERT_TRUE(strstr(t, "\tstruct skel_test__data_custom {\n\t\tint custom_val;\n\t} *data_custom;\n") != NULL);
	ASSERT_TRUE(strstr(t, "\t\tchar greeting[6];\n") != NULL);
	ASSERT_TRUE(strstr(t, "\t\tstruct skel_point where;\n") != NULL);
	ASSERT_TRUE(strstr(t, "map->name = \"skel_test.bss\";") != NULL ||
		    strstr(t, "map->name = \"skel_tes.bss\";") != NULL ||
		    strstr(t, "map->mmaped = (void **)&obj->bss;") != NULL);
	ASSERT_TRUE(strstr(t, "skel_test__elf_bytes(size_t *sz)") != NULL);
	ASSERT_TRUE(strstr(t, "_Static_assert(sizeof(s->bss->calls) == 4, \"unexpected size of 'calls'\");") != NULL);
	ASSERT_TRUE(strstr(t, "static inline struct skel_test *open(const struct bpf_object_open_opts *opts = nullptr);") != NULL);
	free(t);
}

TEST(skelgen_subskeleton_shape)
{
	char *t;
	int err = gen(true, "skel_test.bpf.o", "skel_test_sub", &t);

	ASSERT_OK(err);
	ASSERT_TRUE(strstr(t, "#ifndef __SKEL_TEST_SUB_SUBSKEL_H__") != NULL);
	ASSERT_TRUE(strstr(t, "\tstruct bpf_object_subskeleton *subskel;\n") != NULL);
	ASSERT_TRUE(strstr(t, "\t\tint *calls;\n") != NULL);
	ASSERT_TRUE(strstr(t, "\t\tchar (*greeting)[6];\n") != NULL);
	ASSERT_TRUE(strstr(t, "\t} bss;\n") != NULL);
	/* internal maps by section name, independent of the final object */
	ASSERT_TRUE(strstr(t, "s->maps[1].name = \".data\";") != NULL ||
		    strstr(t, "name = \".data\";") != NULL);
	ASSERT_TRUE(strstr(t, "bpf_object__open_subskeleton(s)") != NULL);
	free(t);
}

/* The lines of the struct NAME { ... } block, sorted, one string. */
static char *struct_lines(const char *text, const char *name)
{
	char head[128], *start, *end, *copy, *line, *save, **v = NULL, *out;
	size_t n = 0, i, len = 0;

	snprintf(head, sizeof(head), "\nstruct %s {\n", name);
	start = strstr(text, head);
	if (!start)
		return NULL;
	end = strstr(start, "\n#ifdef __cplusplus");
	if (!end)
		return NULL;
	copy = strndup(start + 1, end - start - 1);
	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (!*line)
			continue;
		v = realloc(v, (n + 1) * sizeof(*v));
		v[n++] = line;
		len += strlen(line) + 1;
	}
	for (i = 1; i < n; i++) {	/* insertion sort, a few dozen lines */
		char *x = v[i];
		size_t j = i;

		for (; j > 0 && strcmp(v[j - 1], x) > 0; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
	out = calloc(1, len + 1);
	for (i = 0; i < n; i++) {
		strcat(out, v[i]);
		strcat(out, "\n");
	}
	free(v);
	free(copy);
	return out;
}

/* Same members, types and padding as the reference bpftool's skeleton. */
TEST(skelgen_matches_reference_bpftool)
{
	char cmd[1024], *ours = NULL, *ref = NULL, *a = NULL, *b = NULL;
	size_t sz = 0;
	int err;

	if (access(REF_BPFTOOL, X_OK))
		TEST_SKIP("reference bpftool not installed (%s)", REF_BPFTOOL);
	snprintf(cmd, sizeof(cmd), "%s gen skeleton %s/skel_test.bpf.o name skel_test > %s/ref.skel.h 2>/dev/null",
		 REF_BPFTOOL, SKEL_OUT_DIR, SKEL_OUT_DIR);
	if (system(cmd))
		TEST_SKIP("reference bpftool cannot generate this skeleton");
	snprintf(cmd, sizeof(cmd), "%s/ref.skel.h", SKEL_OUT_DIR);
	ref = load_file(cmd, &sz);
	ASSERT_PTR(ref);
	err = gen(false, "skel_test.bpf.o", "skel_test", &ours);
	if (!err) {
		a = struct_lines(ours, "skel_test");
		b = struct_lines(ref, "skel_test");
	}
	free(ours);
	free(ref);
	ASSERT_OK(err);
	ASSERT_TRUE(a && b);
	ASSERT_STREQ(a, b);
	free(a);
	free(b);
}

/* struct_ops maps: typed shadow view, link slot, map record with link. */
TEST(skelgen_struct_ops_shadow)
{
	char path[512], *t = NULL;
	struct bpf_object *obj;
	bool has_map;
	int err;

	snprintf(path, sizeof(path), "%s/skel_ops.bpf.o", SKEL_OUT_DIR);
	obj = bpf_object__open_file(path, NULL);
	ASSERT_PTR(obj);
	has_map = bpf_object__find_map_by_name(obj, "my_ops") != NULL;
	bpf_object__close(obj);
	if (!has_map)
		TEST_SKIP("the object layer does not make struct_ops maps yet");

	err = gen(false, "skel_ops.bpf.o", "skel_ops", &t);
	ASSERT_OK(err);
	ASSERT_TRUE(strstr(t,
		"\tstruct {\n"
		"\t\tstruct skel_ops__my_ops__skel_ops {\n"
		"\t\t\tstruct bpf_program *init;\n"
		"\t\t\tint flags;\n"
		"\t\t\tchar __padding_2[4];\n"
		"\t\t\tstruct bpf_program *release;\n"
		"\t\t\tchar __padding_4[16];\n"
		"\t\t\tunsigned long long cookie;\n"
		"\t\t} *my_ops;\n"
		"\t} struct_ops;\n") != NULL);
	ASSERT_TRUE(strstr(t, "\t\tstruct bpf_link *my_ops;\n") != NULL);
	ASSERT_TRUE(strstr(t, "map->link = &obj->links.my_ops;") != NULL);
	ASSERT_TRUE(strstr(t, "s->map_skel_sz = sizeof(*s->maps);") != NULL);
	ASSERT_TRUE(strstr(t, "bpf_map__initial_value(obj->maps.my_ops, NULL);") != NULL);
	free(t);
}

/*
 * The same shadow view generated from the object's BTF alone, so that it
 * is checked even before the object layer makes struct_ops maps.
 */
TEST(skelgen_struct_ops_shadow_from_btf)
{
	struct skelgen_model m;
	struct skelgen_map sm;
	struct skelgen_out o;
	char path[512], *t = NULL;
	struct btf *btf;
	size_t len;
	FILE *mem;
	int id, err;

	snprintf(path, sizeof(path), "%s/skel_ops.bpf.o", SKEL_OUT_DIR);
	btf = btf__parse_elf(path, NULL);
	ASSERT_PTR(btf);
	id = btf__find_by_name_kind(btf, "skel_ops", BTF_KIND_STRUCT);
	if (id <= 0) {
		btf__free(btf);
		ASSERT_GT(id, 0);
	}
	memset(&m, 0, sizeof(m));
	memset(&sm, 0, sizeof(sm));
	m.name = "skel_ops";
	m.btf = btf;
	m.maps = &sm;
	m.map_cnt = 1;
	sm.name = "my_ops";
	sm.ident = (char *)"my_ops";
	sm.struct_ops = true;
	sm.value_type_id = id;

	mem = open_memstream(&t, &len);
	err = mem ? skelgen_out_init(&o, mem, &m) : -ENOMEM;
	if (!err) {
		err = skelgen_emit_struct_ops(&o);
		skelgen_emit_struct_ops_init(&o);
		skelgen_out_free(&o);
	}
	if (mem)
		fclose(mem);
	btf__free(btf);
	ASSERT_OK(err);
	ASSERT_STREQ(t,
		"\tstruct {\n"
		"\t\tstruct skel_ops__my_ops__skel_ops {\n"
		"\t\t\tstruct bpf_program *init;\n"
		"\t\t\tint flags;\n"
		"\t\t\tchar __padding_2[4];\n"
		"\t\t\tstruct bpf_program *release;\n"
		"\t\t\tchar __padding_4[16];\n"
		"\t\t\tunsigned long long cookie;\n"
		"\t\t} *my_ops;\n"
		"\t} struct_ops;\n"
		"\tobj->struct_ops.my_ops = (__typeof__(obj->struct_ops.my_ops))\n"
		"\t\tbpf_map__initial_value(obj->maps.my_ops, NULL);\n");
	free(t);
}

TEST(skelgen_no_btf)
{
	char *t;
	int err = gen(false, "skel_nobtf.bpf.o", "skel_nobtf", &t);

	free(t);
	ASSERT_LT(err, 0);
	ASSERT_LOG("BTF");
}

TEST(skelgen_clashing_names)
{
	char *t;
	int err = gen(false, "skel_clash.bpf.o", "skel_clash", &t);

	ASSERT_EQ(err, -EINVAL);
	ASSERT_LOG("would both be member 'bss'");
	/* nothing half-written */
	ASSERT_TRUE(!t || !*t);
	free(t);
}

TEST(skelgen_bad_name)
{
	char *t;
	int err = gen(false, "skel_test.bpf.o", "9lives", &t);

	free(t);
	ASSERT_EQ(err, -EINVAL);
	ASSERT_LOG("not a C identifier");
}

TEST(skelgen_garbage_object)
{
	static const char junk[] = "this is not an ELF file at all.";
	char *text = NULL;
	size_t len;
	FILE *mem = open_memstream(&text, &len);
	int err;

	ASSERT_PTR(mem);
	err = skelgen_skeleton(junk, sizeof(junk), "junk", mem);
	fclose(mem);
	free(text);
	ASSERT_LT(err, 0);
	ASSERT_LOG("skel: 'junk': cannot open the object");

	err = skelgen_skeleton(NULL, 0, "junk", stdout);
	ASSERT_EQ(err, -EINVAL);
}

TEST(skelgen_name_from_path)
{
	char buf[64];

	ASSERT_OK(skelgen_name_from_path("/a/b/prog.bpf.o", buf, sizeof(buf)));
	ASSERT_STREQ(buf, "prog_bpf");
	ASSERT_OK(skelgen_name_from_path("x-y.o", buf, sizeof(buf)));
	ASSERT_STREQ(buf, "x_y");
	ASSERT_EQ(skelgen_name_from_path("/a/b/", buf, sizeof(buf)), -EINVAL);
	ASSERT_EQ(skelgen_name_from_path("1abc.o", buf, sizeof(buf)), -EINVAL);
	ASSERT_EQ(skelgen_name_from_path("averylongname.o", buf, 4), -ENAMETOOLONG);
}

/* Truncated or bit-flipped objects: an error or a header, never a crash. */
TEST(skelgen_mutated_objects)
{
	char path[512], *text;
	unsigned char *obj, *copy;
	size_t sz = 0, len, cut, i;
	FILE *mem;
	int ok = 0, failed = 0;

	snprintf(path, sizeof(path), "%s/skel_test.bpf.o", SKEL_OUT_DIR);
	obj = load_file(path, &sz);
	ASSERT_PTR(obj);
	copy = malloc(sz);
	if (!copy) {
		free(obj);
		ASSERT_PTR(copy);
	}
	for (i = 0; i < 64; i++) {
		memcpy(copy, obj, sz);
		if (i < 32) {
			cut = sz * i / 32;		/* truncations */
		} else {
			cut = sz;			/* one flipped byte */
			copy[(i * 7919) % sz] ^= 0x5a;
		}
		text = NULL;
		mem = open_memstream(&text, &len);
		if (!mem)
			break;
		if (skelgen_skeleton(copy, cut, "mutant", mem))
			failed++;
		else
			ok++;
		fclose(mem);
		free(text);
	}
	free(copy);
	free(obj);
	test_log_clear();
	ASSERT_EQ(ok + failed, 64);
	ASSERT_GT(failed, 0);	/* at least the empty and tiny prefixes */
}
