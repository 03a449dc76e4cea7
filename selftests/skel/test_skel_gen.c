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
#include "skelgen.h"

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
