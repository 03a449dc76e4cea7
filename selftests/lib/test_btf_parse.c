// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * BTF parsing: the running kernel's BTF, lookups, split BTF, files, byte
 * order, and bad input of every kind (hand-made images, mutated copies).
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>
#include <linux/btf.h>
#include <bpf/btf.h>

#include "test.h"

#define INFO(kind, vlen, kflag) \
	(((kflag) ? 1U << 31 : 0) | ((kind) << 24) | (vlen))

/* A raw BTF image from type words and a string blob (with its NULs). */
static void *mk_img(const __u32 *types, __u32 tlen, const char *strs,
		    __u32 slen, __u32 *size)
{
	struct btf_header h = {
		.magic = BTF_MAGIC, .version = BTF_VERSION,
		.hdr_len = sizeof(h), .type_off = 0, .type_len = tlen,
		.str_off = tlen, .str_len = slen,
	};
	char *img = malloc(sizeof(h) + tlen + slen);

	memcpy(img, &h, sizeof(h));
	memcpy(img + sizeof(h), types, tlen);
	memcpy(img + sizeof(h) + tlen, strs, slen);
	*size = sizeof(h) + tlen + slen;
	return img;
}

/* "\0int\0t\0": int at 1, t at 5 */
static const char STRS[] = "\0int\0t";

static struct btf *vmlinux;

static struct btf *kernel_btf(void)
{
	if (!vmlinux)
		vmlinux = btf__load_vmlinux_btf();
	return vmlinux;
}

__attribute__((destructor)) static void drop_vmlinux(void)
{
	btf__free(vmlinux);
}

static const struct btf_member *member_named(const struct btf *btf,
					     const struct btf_type *t,
					     const char *name)
{
	int i;

	for (i = 0; i < btf_vlen(t); i++)
		if (!strcmp(btf__name_by_offset(btf, btf_members(t)[i].name_off), name))
			return &btf_members(t)[i];
	return NULL;
}

TEST(vmlinux_known_types)
{
	const struct btf_member *m;
	const struct btf_type *t;
	const struct btf_enum *e;
	struct btf *btf = kernel_btf();
	int id, i, found = 0;

	ASSERT_PTR(btf);
	ASSERT_GT(btf__type_cnt(btf), 100000);
	ASSERT_EQ(btf__pointer_size(btf), 8);
	ASSERT_EQ(btf__endianness(btf), BTF_LITTLE_ENDIAN);
	ASSERT_TRUE(btf__base_btf(btf) == NULL);

	id = btf__find_by_name_kind(btf, "task_struct", BTF_KIND_STRUCT);
	ASSERT_GT(id, 0);
	t = btf__type_by_id(btf, id);
	ASSERT_PTR(t);
	ASSERT_TRUE(btf_is_struct(t));
	ASSERT_STREQ(btf__name_by_offset(btf, t->name_off), "task_struct");
	ASSERT_EQ(btf__resolve_size(btf, id), t->size);
	ASSERT_GE(btf__align_of(btf, id), 8);
	m = member_named(btf, t, "pid");
	ASSERT_PTR(m);
	t = btf__type_by_id(btf, m->type);
	ASSERT_TRUE(btf_is_typedef(t));
	ASSERT_STREQ(btf__name_by_offset(btf, t->name_off), "pid_t");
	ASSERT_EQ(btf__resolve_size(btf, m->type), 4);
	t = btf__type_by_id(btf, btf__resolve_type(btf, m->type));
	ASSERT_TRUE(btf_is_int(t));

	id = btf__find_by_name_kind(btf, "bpf_map_type", BTF_KIND_ENUM);
	ASSERT_GT(id, 0);
	t = btf__type_by_id(btf, id);
	e = btf_enum(t);
	for (i = 0; i < btf_vlen(t); i++) {
		if (strcmp(btf__name_by_offset(btf, e[i].name_off), "BPF_MAP_TYPE_HASH"))
			continue;
		ASSERT_EQ(e[i].val, 1);
		found = 1;
	}
	ASSERT_TRUE(found);

	/* void, out of range ids */
	t = btf__type_by_id(btf, 0);
	ASSERT_TRUE(t && btf_is_void(t));
	ASSERT_NULL_ERR(btf__type_by_id(btf, btf__type_cnt(btf)), -EINVAL);
	ASSERT_NULL_ERR(btf__str_by_offset(btf, 0x7fffffff), -EINVAL);
}

TEST(vmlinux_raw_data_is_the_file)
{
	struct btf *btf = kernel_btf(), *copy;
	const void *raw;
	void *file;
	__u32 size;
	ssize_t n;
	int fd;

	ASSERT_PTR(btf);
	raw = btf__raw_data(btf, &size);
	ASSERT_PTR(raw);
	file = malloc(size + 1);
	fd = open("/sys/kernel/btf/vmlinux", O_RDONLY);
	ASSERT_FD(fd);
	n = 0;
	while (n < size + 1) {
		ssize_t r = read(fd, (char *)file + n, size + 1 - n);

		if (r <= 0)
			break;
		n += r;
	}
	close(fd);
	ASSERT_EQ(n, size);
	ASSERT_TRUE(!memcmp(raw, file, size));
	free(file);

	/* A copy parses to the same thing. */
	copy = btf__new(raw, size);
	ASSERT_PTR(copy);
	ASSERT_EQ(btf__type_cnt(copy), btf__type_cnt(btf));
	ASSERT_EQ(btf__find_by_name_kind(copy, "task_struct", BTF_KIND_STRUCT),
		  btf__find_by_name_kind(btf, "task_struct", BTF_KIND_STRUCT));
	btf__free(copy);
}

/* Every named type is found by name and kind, at the first such id. */
TEST(find_by_name_kind_matches_scan)
{
	struct btf *btf = kernel_btf();
	__u32 id, n;
	int checked = 0;

	ASSERT_PTR(btf);
	n = btf__type_cnt(btf);
	for (id = 1; id < n; id += 37) {
		const struct btf_type *t = btf__type_by_id(btf, id);
		const char *name = btf__name_by_offset(btf, t->name_off);
		__u32 first, j;

		if (!*name)
			continue;
		for (first = 1; first < n; first++) {
			const struct btf_type *u = btf__type_by_id(btf, first);

			if (btf_kind(u) == btf_kind(t) &&
			    !strcmp(btf__name_by_offset(btf, u->name_off), name))
				break;
		}
		ASSERT_EQ(btf__find_by_name_kind(btf, name, btf_kind(t)), first);
		j = btf__find_by_name(btf, name);
		ASSERT_LE(j, first);
		if (++checked == 60)
			break;
	}
	ASSERT_EQ(btf__find_by_name(btf, "void"), 0);
	ASSERT_EQ(btf__find_by_name_kind(btf, "task_struct", BTF_KIND_UNKN), 0);
	ASSERT_ERR(btf__find_by_name_kind(btf, "task_struct", BTF_KIND_UNION), -ENOENT);
	ASSERT_ERR(btf__find_by_name(btf, "no_such_type_bpfkit"), -ENOENT);
	ASSERT_ERR(btf__find_by_name(btf, NULL), -EINVAL);
}

TEST(split_btf_on_vmlinux)
{
	struct btf *base = kernel_btf(), *split, *back;
	const struct btf_type *t;
	int int_id, sid, pid;
	const void *raw;
	__u32 size;

	ASSERT_PTR(base);
	int_id = btf__find_by_name_kind(base, "int", BTF_KIND_INT);
	ASSERT_GT(int_id, 0);
	split = btf__new_empty_split(base);
	ASSERT_PTR(split);
	ASSERT_TRUE(btf__base_btf(split) == base);
	ASSERT_EQ(btf__type_cnt(split), btf__type_cnt(base));
	sid = btf__add_struct(split, "bpfkit_split_s", 8);
	ASSERT_EQ(sid, btf__type_cnt(base));
	ASSERT_OK(btf__add_field(split, "x", int_id, 0, 0));
	/* A name the base has already: found there, no own copy. */
	ASSERT_OK(btf__add_field(split, "pid", int_id, 32, 0));
	pid = btf__add_ptr(split, sid);
	ASSERT_EQ(pid, sid + 1);

	raw = btf__raw_data(split, &size);
	ASSERT_PTR(raw);
	back = btf__new_split(raw, size, base);
	ASSERT_PTR(back);
	ASSERT_EQ(btf__type_cnt(back), btf__type_cnt(base) + 2);
	ASSERT_EQ(btf__find_by_name_kind(back, "bpfkit_split_s", BTF_KIND_STRUCT), sid);
	ASSERT_EQ(btf__find_by_name_kind(back, "task_struct", BTF_KIND_STRUCT),
		  btf__find_by_name_kind(base, "task_struct", BTF_KIND_STRUCT));
	t = btf__type_by_id(back, sid);
	ASSERT_EQ(btf_vlen(t), 2);
	ASSERT_STREQ(btf__name_by_offset(back, btf_members(t)[1].name_off), "pid");
	ASSERT_EQ(btf_members(t)[0].type, int_id);
	ASSERT_EQ(btf__resolve_size(back, sid), 8);
	ASSERT_EQ(btf__resolve_size(back, pid), 8);
	t = btf__type_by_id(back, 1);
	ASSERT_TRUE(t == btf__type_by_id(base, 1));

	/* The split image alone (no base) refers to nothing it has. */
	test_log_clear();
	ASSERT_NULL_ERR(btf__new(raw, size), -EINVAL);
	btf__free(back);
	btf__free(split);
}

TEST(byte_order_round_trip)
{
	struct btf *btf = btf__new_empty(), *be;
	const void *raw, *raw_be;
	__u32 size, size_be;
	char native[512];
	int id;

	ASSERT_PTR(btf);
	id = btf__add_int(btf, "int", 4, BTF_INT_SIGNED);
	ASSERT_EQ(id, 1);
	ASSERT_EQ(btf__add_struct(btf, "s", 8), 2);
	ASSERT_OK(btf__add_field(btf, "a", 1, 0, 0));
	ASSERT_OK(btf__add_field(btf, "b", 1, 32, 3));
	ASSERT_EQ(btf__add_ptr(btf, 2), 3);
	raw = btf__raw_data(btf, &size);
	ASSERT_PTR(raw);
	memcpy(native, raw, size);

	ASSERT_OK(btf__set_endianness(btf, BTF_BIG_ENDIAN));
	ASSERT_EQ(btf__endianness(btf), BTF_BIG_ENDIAN);
	raw_be = btf__raw_data(btf, &size_be);
	ASSERT_PTR(raw_be);
	ASSERT_EQ(size_be, size);
	ASSERT_EQ(((const unsigned char *)raw_be)[0], 0xeb);
	ASSERT_EQ(((const unsigned char *)raw_be)[1], 0x9f);

	be = btf__new(raw_be, size_be);
	ASSERT_PTR(be);
	ASSERT_EQ(btf__endianness(be), BTF_BIG_ENDIAN);
	ASSERT_EQ(btf__type_cnt(be), 4);
	ASSERT_EQ(btf_member_bitfield_size(btf__type_by_id(be, 2), 1), 3);
	ASSERT_EQ(btf__find_by_name_kind(be, "s", BTF_KIND_STRUCT), 2);
	/* Written back in the order it came in, byte for byte. */
	{
		__u32 s2;
		const void *again = btf__raw_data(be, &s2);

		ASSERT_EQ(s2, size_be);
		ASSERT_TRUE(!memcmp(again, raw_be, s2));
	}
	ASSERT_OK(btf__set_endianness(be, BTF_LITTLE_ENDIAN));
	{
		__u32 s3;
		const void *le = btf__raw_data(be, &s3);

		ASSERT_EQ(s3, size);
		ASSERT_TRUE(!memcmp(le, native, s3));
	}
	ASSERT_ERR(btf__set_endianness(be, 7), -EINVAL);
	btf__free(be);
	btf__free(btf);
}

TEST(parse_files)
{
	char path[64];
	struct btf *btf = kernel_btf(), *f;
	struct btf_ext *ext = (void *)1;
	const void *raw;
	__u32 size;
	int fd;

	ASSERT_PTR(btf);
	raw = btf__raw_data(btf, &size);
	snprintf(path, sizeof(path), "/tmp/bpfkit_btf_%d.raw", getpid());
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ASSERT_FD(fd);
	ASSERT_EQ(write(fd, raw, size), size);
	close(fd);

	f = btf__parse(path, &ext);
	ASSERT_PTR(f);
	ASSERT_TRUE(ext == NULL);
	ASSERT_EQ(btf__type_cnt(f), btf__type_cnt(btf));
	btf__free(f);
	f = btf__parse_raw(path);
	ASSERT_PTR(f);
	btf__free(f);

	/* Raw BTF is not ELF. */
	test_log_clear();
	ASSERT_NULL_ERR(btf__parse_elf(path, NULL), -EINVAL);
	ASSERT_LOG("not an ELF file");
	unlink(path);

	test_log_clear();
	ASSERT_NULL_ERR(btf__parse_raw(path), -ENOENT);
	ASSERT_LOG("cannot open");
	ASSERT_NULL_ERR(btf__parse(path, NULL), -ENOENT);
	ASSERT_NULL_ERR(btf__parse_elf(path, NULL), -ENOENT);
	ASSERT_NULL_ERR(btf__parse(NULL, NULL), -EINVAL);

	/* An ELF file without .BTF. */
	test_log_clear();
	ASSERT_NULL_ERR(btf__parse_elf("/proc/self/exe", NULL), -ENODATA);
	ASSERT_LOG("no .BTF section");

	/* The sample object's .BTF. */
	f = btf__parse(test_prog_path("btf_sample.bpf.o"), NULL);
	ASSERT_PTR(f);
	ASSERT_GT(btf__find_by_name_kind(f, "btf_sample_rec", BTF_KIND_STRUCT), 0);
	ASSERT_GT(btf__find_by_name_kind(f, "btf_sample_one", BTF_KIND_FUNC), 0);
	ASSERT_GT(btf__find_by_name_kind(f, ".bss", BTF_KIND_DATASEC), 0);
	ASSERT_EQ(btf__pointer_size(f), 8);
	btf__free(f);
}

TEST(module_btf_missing)
{
	test_log_clear();
	ASSERT_NULL_ERR(btf__load_module_btf("bpfkit_no_such_module", kernel_btf()),
			-ENOENT);
	ASSERT_LOG("bpfkit_no_such_module");
	ASSERT_NULL_ERR(btf__load_module_btf("../vmlinux", kernel_btf()), -EINVAL);
}

/* ---- bad images ---- */

static void expect_bad(const void *img, __u32 size, const char *msg)
{
	test_log_clear();
	errno = 0;
	ASSERT_NULL_ERR(btf__new(img, size), -EINVAL);
	ASSERT_LOG(msg);
}

TEST(bad_headers)
{
	__u32 types[] = { 1, INFO(BTF_KIND_INT, 0, 0), 4, 32 };
	struct btf_header *h;
	char *img;
	__u32 size;

	ASSERT_NULL_ERR(btf__new(NULL, 0), -EINVAL);
	img = mk_img(types, sizeof(types), STRS, sizeof(STRS), &size);
	/* the good one first */
	{
		struct btf *ok = btf__new(img, size);

		ASSERT_PTR(ok);
		btf__free(ok);
	}
	expect_bad(img, 10, "too few");
	expect_bad(img, size - 1, "beyond");
	h = (void *)img;
	h->magic = 0x1234;
	expect_bad(img, size, "bad magic");
	h->magic = BTF_MAGIC;
	h->version = 2;
	expect_bad(img, size, "version");
	h->version = 1;
	h->hdr_len = size + 4;
	expect_bad(img, size, "header length");
	h->hdr_len = 8;
	expect_bad(img, size, "header length");
	h->hdr_len = sizeof(*h);
	h->type_len = 0xfffffff0;
	expect_bad(img, size, "types section");
	h->type_len = sizeof(types);
	h->str_off = 0xfffffff0;
	expect_bad(img, size, "string section");
	h->str_off = sizeof(types);
	h->type_off = 2;
	expect_bad(img, size, "types section");
	h->type_off = 0;
	h->str_off = 4;	/* strings inside the types */
	expect_bad(img, size, "overlaps");
	h->str_off = sizeof(types);
	free(img);

	/* string section problems */
	img = mk_img(types, sizeof(types), "x\0int", 6, &size);
	expect_bad(img, size, "does not start with an empty string");
	free(img);
	img = mk_img(types, sizeof(types), "\0int\0t", 6, &size);
	expect_bad(img, size, "not NUL-terminated");
	free(img);
}

TEST(bad_types)
{
	char *img;
	__u32 size;

	{	/* member type id out of range */
		__u32 t[] = {
			1, INFO(BTF_KIND_INT, 0, 0), 4, 32,
			5, INFO(BTF_KIND_STRUCT, 2, 0), 8,
			1, 1, 0,
			1, 99999, 32,
		};
		img = mk_img(t, sizeof(t), STRS, sizeof(STRS), &size);
		expect_bad(img, size, "type [2] STRUCT: member 1 type id 99999 out of range");
		free(img);
	}
	{	/* name offset out of range */
		__u32 t[] = { 500, INFO(BTF_KIND_INT, 0, 0), 4, 32 };

		img = mk_img(t, sizeof(t), STRS, sizeof(STRS), &size);
		expect_bad(img, size, "type [1] INT: name offset 500 out of range");
		free(img);
	}
	{	/* member name offset out of range */
		__u32 t[] = {
			1, INFO(BTF_KIND_INT, 0, 0), 4, 32,
			0, INFO(BTF_KIND_STRUCT, 1, 0), 4, 77, 1, 0,
		};
		img = mk_img(t, sizeof(t), STRS, sizeof(STRS), &size);
		expect_bad(img, size, "member 0 name offset 77 out of range");
		free(img);
	}
	{	/* ptr -> typedef -> ptr */
		__u32 t[] = {
			0, INFO(BTF_KIND_PTR, 0, 0), 2,
			5, INFO(BTF_KIND_TYPEDEF, 0, 0), 1,
		};
		img = mk_img(t, sizeof(t), STRS, sizeof(STRS), &size);
		expect_bad(img, size, "reference loop");
		free(img);
	}
	{	/* const -> const itself */
		__u32 t[] = { 0, INFO(BTF_KIND_CONST, 0, 0), 1 };

		img = mk_img(t, sizeof(t), STRS, sizeof(STRS), &size);
		expect_bad(img, size, "reference loop");
		free(img);
	}
	{	/* array of itself through a typedef, after a harmless chain */
		__u32 t[] = {
			1, INFO(BTF_KIND_INT, 0, 0), 4, 32,
			0, INFO(BTF_KIND_PTR, 0, 0), 1,
			0, INFO(BTF_KIND_ARRAY, 0, 0), 0, 4, 1, 3,
			5, INFO(BTF_KIND_TYPEDEF, 0, 0), 3,
		};
		img = mk_img(t, sizeof(t), STRS, sizeof(STRS), &size);
		expect_bad(img, size, "reference loop");
		free(img);
	}
	{	/* unknown kind */
		__u32 t[] = { 0, INFO(25, 0, 0), 0 };

		img = mk_img(t, sizeof(t), STRS, sizeof(STRS), &size);
		expect_bad(img, size, "unknown kind 25");
		free(img);
	}
	{	/* vlen past the end */
		__u32 t[] = { 0, INFO(BTF_KIND_STRUCT, 100, 0), 4, 0, 0, 0 };

		img = mk_img(t, sizeof(t), STRS, sizeof(STRS), &size);
		expect_bad(img, size, "runs");
		free(img);
	}
	{	/* truncated record */
		__u32 t[] = { 1, INFO(BTF_KIND_INT, 0, 0), 4, 32, 0, 0 };

		img = mk_img(t, sizeof(t), STRS, sizeof(STRS), &size);
		expect_bad(img, size, "truncated");
		free(img);
	}
	{	/* FUNC naming a non-prototype (later type) */
		__u32 t[] = {
			5, INFO(BTF_KIND_FUNC, 0, 0), 2,
			1, INFO(BTF_KIND_INT, 0, 0), 4, 32,
		};
		img = mk_img(t, sizeof(t), STRS, sizeof(STRS), &size);
		expect_bad(img, size, "not a FUNC_PROTO");
		free(img);
	}
	{	/* FUNC naming a non-prototype (earlier type) */
		__u32 t[] = {
			1, INFO(BTF_KIND_INT, 0, 0), 4, 32,
			5, INFO(BTF_KIND_FUNC, 0, 0), 1,
		};
		img = mk_img(t, sizeof(t), STRS, sizeof(STRS), &size);
		expect_bad(img, size, "not a FUNC_PROTO");
		free(img);
	}
	{	/* func proto param out of range */
		__u32 t[] = { 0, INFO(BTF_KIND_FUNC_PROTO, 1, 0), 0, 0, 7 };

		img = mk_img(t, sizeof(t), STRS, sizeof(STRS), &size);
		expect_bad(img, size, "param 0 type id 7 out of range");
		free(img);
	}
	{	/* array index type out of range */
		__u32 t[] = {
			1, INFO(BTF_KIND_INT, 0, 0), 4, 32,
			0, INFO(BTF_KIND_ARRAY, 0, 0), 0, 1, 9, 3,
		};
		img = mk_img(t, sizeof(t), STRS, sizeof(STRS), &size);
		expect_bad(img, size, "index type id 9 out of range");
		free(img);
	}
	{	/* decl tag with a bad component index */
		__u32 t[] = {
			1, INFO(BTF_KIND_INT, 0, 0), 4, 32,
			5, INFO(BTF_KIND_DECL_TAG, 0, 0), 1, (__u32)-5,
		};
		img = mk_img(t, sizeof(t), STRS, sizeof(STRS), &size);
		expect_bad(img, size, "component index -5");
		free(img);
	}
	{	/* a longer valid chain with forward refs is fine */
		__u32 t[] = {
			0, INFO(BTF_KIND_PTR, 0, 0), 3,
			0, INFO(BTF_KIND_CONST, 0, 0), 1,
			5, INFO(BTF_KIND_TYPEDEF, 0, 0), 4,
			1, INFO(BTF_KIND_INT, 0, 0), 4, 32,
		};
		struct btf *ok;

		img = mk_img(t, sizeof(t), STRS, sizeof(STRS), &size);
		ok = btf__new(img, size);
		ASSERT_PTR(ok);
		ASSERT_EQ(btf__resolve_size(ok, 2), 8);
		ASSERT_EQ(btf__resolve_size(ok, 3), 4);
		ASSERT_EQ(btf__resolve_type(ok, 3), 4);
		btf__free(ok);
		free(img);
	}
}

/* Use everything a parsed BTF offers; must not crash on whatever passed. */
static void exercise(struct btf *btf)
{
	__u32 id, n = btf__type_cnt(btf), size;

	for (id = 0; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);
		const char *name;

		if (!t)
			continue;
		name = btf__name_by_offset(btf, t->name_off);
		btf__resolve_size(btf, id);
		btf__resolve_type(btf, id);
		btf__align_of(btf, id);
		if (name && *name)
			btf__find_by_name_kind(btf, name, btf_kind(t));
	}
	btf__pointer_size(btf);
	btf__raw_data(btf, &size);
}

static unsigned int rnd_state = 12345;

static unsigned int rnd(void)
{
	rnd_state = rnd_state * 1103515245 + 12345;
	return rnd_state >> 8;
}

TEST(mutated_copies_never_crash)
{
	struct btf *src, *b;
	const void *raw;
	unsigned char *img;
	__u32 size, off, rejected = 0, accepted = 0;
	int round;

	src = btf__parse_elf(test_prog_path("btf_sample.bpf.o"), NULL);
	ASSERT_PTR(src);
	raw = btf__raw_data(src, &size);
	img = malloc(size);

	/* Every byte of the header and type section, one at a time. */
	for (off = 0; off < size; off++) {
		memcpy(img, raw, size);
		img[off] ^= 0xff;
		b = btf__new(img, size);
		if (b) {
			accepted++;
			exercise(b);
			btf__free(b);
		} else {
			ASSERT_TRUE_MSG(errno == EINVAL || errno == E2BIG,
					"offset %u: errno %d", off, errno);
			rejected++;
		}
	}
	/* Then random multi-byte damage and truncations. */
	for (round = 0; round < 3000; round++) {
		int k, hits = 1 + rnd() % 4;
		__u32 len = size;

		memcpy(img, raw, size);
		for (k = 0; k < hits; k++)
			img[rnd() % size] = rnd();
		if (round % 5 == 0)
			len = rnd() % size;
		b = btf__new(img, len);
		if (b) {
			exercise(b);
			btf__free(b);
		} else {
			ASSERT_TRUE_MSG(errno == EINVAL || errno == E2BIG,
					"round %d: errno %d", round, errno);
		}
	}
	ASSERT_GT(rejected, 0);
	ASSERT_GT(accepted, 0);
	free(img);
	btf__free(src);
}

/* A slice of the kernel's BTF, damaged: the fast path on real data. */
TEST(mutated_vmlinux_never_crash)
{
	struct btf *btf = kernel_btf(), *b;
	const unsigned char *raw;
	unsigned char *img;
	__u32 size;
	int round;

	ASSERT_PTR(btf);
	raw = btf__raw_data(btf, &size);
	img = malloc(size);
	memcpy(img, raw, size);
	for (round = 0; round < 40; round++) {
		__u32 off = sizeof(struct btf_header) + rnd() % (size - 24);
		unsigned char old = img[off];

		img[off] ^= 1 << (rnd() % 8);
		b = btf__new(img, size);
		if (b)
			btf__free(b);
		else
			ASSERT_TRUE_MSG(errno == EINVAL, "round %d: errno %d", round, errno);
		img[off] = old;
	}
	free(img);
}

static int write_file(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, data, len);
	close(fd);
	return n == (ssize_t)len ? 0 : -1;
}

/* Files cut short: raw BTF and ELF objects at many lengths. */
TEST(truncated_files)
{
	char path[64];
	struct btf *btf = kernel_btf(), *b;
	struct btf_ext *ext;
	const void *raw;
	void *elf;
	__u32 size, cut;
	ssize_t elf_len;
	int fd;

	ASSERT_PTR(btf);
	snprintf(path, sizeof(path), "/tmp/bpfkit_btf_cut_%d", getpid());
	raw = btf__raw_data(btf, &size);
	for (cut = 0; cut < size; cut += size / 7 + 1) {
		ASSERT_OK(write_file(path, raw, cut));
		test_log_clear();
		ASSERT_NULL_ERR(btf__parse_raw(path), -EINVAL);
		ASSERT_LOG(path);
	}

	elf = malloc(1 << 20);
	fd = open(test_prog_path("btf_sample.bpf.o"), O_RDONLY);
	ASSERT_FD(fd);
	elf_len = read(fd, elf, 1 << 20);
	close(fd);
	ASSERT_GT(elf_len, 64);
	for (cut = 0; cut < elf_len; cut += 97) {
		ASSERT_OK(write_file(path, elf, cut));
		ext = NULL;
		b = btf__parse(path, &ext);
		if (b) {
			/* cut past .BTF and .BTF.ext: whole */
			btf__free(b);
			btf_ext__free(ext);
		} else {
			ASSERT_TRUE_MSG(errno == EINVAL || errno == ENODATA,
					"cut at %u: errno %d", cut, errno);
			ASSERT_TRUE(ext == NULL);
		}
	}
	free(elf);
	unlink(path);
}

struct lookup_job {
	const struct btf *btf;
	int expect;
	int bad;
};

static void *lookup_thread(void *arg)
{
	struct lookup_job *j = arg;
	int i;

	for (i = 0; i < 2000; i++)
		if (btf__find_by_name_kind(j->btf, "task_struct", BTF_KIND_STRUCT) != j->expect)
			j->bad++;
	return NULL;
}

/* The name index is built lazily: first lookups from several threads. */
TEST(concurrent_first_lookups)
{
	struct lookup_job jobs[4];
	pthread_t th[4];
	struct btf *btf;
	int i, expect;

	btf = btf__load_vmlinux_btf();
	ASSERT_PTR(btf);
	expect = btf__find_by_name_kind(kernel_btf(), "task_struct", BTF_KIND_STRUCT);
	ASSERT_GT(expect, 0);
	for (i = 0; i < 4; i++) {
		jobs[i] = (struct lookup_job){ .btf = btf, .expect = expect };
		ASSERT_OK(pthread_create(&th[i], NULL, lookup_thread, &jobs[i]));
	}
	for (i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		ASSERT_EQ(jobs[i].bad, 0);
	}
	btf__free(btf);
}
