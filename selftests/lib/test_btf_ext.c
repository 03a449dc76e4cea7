// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * .BTF.ext: the records clang emits for btf_sample.bpf.c as seen through
 * btf_ext_sections(), raw data and byte order round trips, and damaged
 * sections.
 */
#include <stdlib.h>
#include <linux/bpf.h>
#include <linux/btf.h>
#include <bpf/btf.h>

#include "btf/btf_ext.h"
#include "test.h"

static bool has_group(const struct btf *btf, const struct btf_ext_info_sec *s,
		      __u32 n, const char *name)
{
	__u32 i;

	for (i = 0; i < n; i++)
		if (!strcmp(btf__name_by_offset(btf, s[i].sec_name_off), name))
			return true;
	return false;
}

TEST(sample_object_records)
{
	const struct btf_ext_info_sec *secs;
	struct btf_ext *ext = NULL;
	struct btf *btf;
	__u32 n, i, k, relos = 0;
	int rec_id;

	btf = btf__parse_elf(test_prog_path("btf_sample.bpf.o"), &ext);
	ASSERT_PTR(btf);
	ASSERT_PTR(ext);
	rec_id = btf__find_by_name_kind(btf, "btf_sample_rec", BTF_KIND_STRUCT);
	ASSERT_GT(rec_id, 0);

	ASSERT_OK(btf_ext_sections(ext, BTF_EXT_FUNC_INFO, &secs, &n));
	ASSERT_GE(n, 2);
	ASSERT_TRUE(has_group(btf, secs, n, "socket"));
	ASSERT_TRUE(has_group(btf, secs, n, "xdp"));
	for (i = 0; i < n; i++) {
		const struct bpf_func_info *fi = secs[i].data;
		const struct btf_type *t;

		ASSERT_GE(secs[i].rec_size, sizeof(*fi));
		ASSERT_GE(secs[i].num_info, 1);
		t = btf__type_by_id(btf, fi->type_id);
		ASSERT_TRUE(t && btf_is_func(t));
		ASSERT_EQ(fi->insn_off % 8, 0);
	}

	ASSERT_OK(btf_ext_sections(ext, BTF_EXT_LINE_INFO, &secs, &n));
	ASSERT_GE(n, 2);
	for (i = 0; i < n; i++) {
		ASSERT_GE(secs[i].rec_size, sizeof(struct bpf_line_info));
		for (k = 0; k < secs[i].num_info; k++) {
			const struct bpf_line_info *li =
				(const void *)((const char *)secs[i].data + k * secs[i].rec_size);

			ASSERT_PTR(btf__name_by_offset(btf, li->file_name_off));
			ASSERT_PTR(btf__name_by_offset(btf, li->line_off));
		}
	}

	ASSERT_OK(btf_ext_sections(ext, BTF_EXT_CORE_RELO, &secs, &n));
	ASSERT_GE(n, 1);
	for (i = 0; i < n; i++) {
		for (k = 0; k < secs[i].num_info; k++) {
			const struct bpf_core_relo *r =
				(const void *)((const char *)secs[i].data + k * secs[i].rec_size);

			ASSERT_EQ(r->type_id, rec_id);
			ASSERT_PTR(btf__name_by_offset(btf, r->access_str_off));
			relos++;
		}
	}
	ASSERT_GE(relos, 3);

	ASSERT_EQ(btf_ext_sections(ext, 7, &secs, &n), -EINVAL);
	ASSERT_EQ(btf_ext_sections(NULL, BTF_EXT_LINE_INFO, &secs, &n), -EINVAL);
	btf_ext__free(ext);
	btf__free(btf);
}

TEST(raw_and_byte_order_round_trip)
{
	const struct btf_ext_info_sec *a, *b;
	struct btf_ext *ext = NULL, *copy, *be;
	const void *raw, *raw_be;
	__u32 size, size_be, na, nb, kind;
	struct btf *btf;
	void *keep;

	btf = btf__parse_elf(test_prog_path("btf_sample.bpf.o"), &ext);
	ASSERT_PTR(btf);
	ASSERT_PTR(ext);
	raw = btf_ext__raw_data(ext, &size);
	ASSERT_PTR(raw);
	keep = malloc(size);
	memcpy(keep, raw, size);
	copy = btf_ext__new(raw, size);
	ASSERT_PTR(copy);
	ASSERT_EQ(btf_ext__endianness(copy), BTF_LITTLE_ENDIAN);

	ASSERT_OK(btf_ext__set_endianness(ext, BTF_BIG_ENDIAN));
	ASSERT_EQ(btf_ext__endianness(ext), BTF_BIG_ENDIAN);
	raw_be = btf_ext__raw_data(ext, &size_be);
	ASSERT_PTR(raw_be);
	ASSERT_EQ(size_be, size);
	ASSERT_TRUE(memcmp(raw_be, keep, size) != 0);
	be = btf_ext__new(raw_be, size_be);
	ASSERT_PTR(be);
	ASSERT_EQ(btf_ext__endianness(be), BTF_BIG_ENDIAN);
	for (kind = BTF_EXT_FUNC_INFO; kind <= BTF_EXT_CORE_RELO; kind++) {
		__u32 i;

		ASSERT_OK(btf_ext_sections(copy, kind, &a, &na));
		ASSERT_OK(btf_ext_sections(be, kind, &b, &nb));
		ASSERT_EQ(na, nb);
		for (i = 0; i < na; i++) {
			ASSERT_EQ(a[i].sec_name_off, b[i].sec_name_off);
			ASSERT_EQ(a[i].num_info, b[i].num_info);
			ASSERT_EQ(a[i].rec_size, b[i].rec_size);
			ASSERT_TRUE(!memcmp(a[i].data, b[i].data,
					    a[i].num_info * a[i].rec_size));
		}
	}
	ASSERT_OK(btf_ext__set_endianness(be, BTF_LITTLE_ENDIAN));
	raw = btf_ext__raw_data(be, &size);
	ASSERT_TRUE(!memcmp(raw, keep, size));
	ASSERT_TRUE(btf_ext__get_raw_data(be, NULL) == raw);
	ASSERT_ERR(btf_ext__set_endianness(be, 3), -EINVAL);

	free(keep);
	btf_ext__free(be);
	btf_ext__free(copy);
	btf_ext__free(ext);
	btf__free(btf);
}

/* header + func_info (rec 8: one group of 2) + line_info (rec 16: 1) */
static __u32 good[] = {
	0x0001eb9f, 32,		/* magic, version 1, flags 0; hdr_len */
	0, 28,			/* func_info off, len */
	28, 28,			/* line_info off, len */
	0, 0,			/* core_relo */
	/* func_info */
	8, 5, 2, 0, 1, 16, 2,
	/* line_info */
	16, 5, 1, 0, 1, 1, 0x401,
};

static void expect_bad(const void *data, __u32 size, const char *msg)
{
	test_log_clear();
	ASSERT_NULL_ERR(btf_ext__new(data, size), -EINVAL);
	ASSERT_LOG(msg);
}

TEST(bad_sections)
{
	__u32 img[sizeof(good) / 4];
	struct btf_ext *ext;
	const struct btf_ext_info_sec *s;
	__u32 n;

	ext = btf_ext__new((void *)good, sizeof(good));
	ASSERT_PTR(ext);
	ASSERT_OK(btf_ext_sections(ext, BTF_EXT_FUNC_INFO, &s, &n));
	ASSERT_EQ(n, 1);
	ASSERT_EQ(s[0].num_info, 2);
	ASSERT_EQ(s[0].sec_name_off, 5);
	ASSERT_OK(btf_ext_sections(ext, BTF_EXT_CORE_RELO, &s, &n));
	ASSERT_EQ(n, 0);
	btf_ext__free(ext);

	ASSERT_NULL_ERR(btf_ext__new(NULL, 0), -EINVAL);
	expect_bad(good, 1, "too few");
	expect_bad(good, 6, "too few");
#define MUT(idx, val, msg) do { memcpy(img, good, sizeof(good)); img[idx] = (val); \
		expect_bad(img, sizeof(img), msg); } while (0)
	MUT(0, 0x0001abcd, "bad magic");
	MUT(0, 0x0002eb9f, "version");
	MUT(1, 4096, "header length");
	MUT(1, 12, "header length");
	MUT(3, 4000, "out of bounds");
	MUT(2, 2, "aligned");
	MUT(8, 4, "record size 4");
	MUT(8, 10, "record size 10");
	MUT(15, 4, "record size");
	MUT(10, 0, "no records");
	MUT(10, 9, "run past");
	MUT(5, 8, "truncated group");
	expect_bad(good, sizeof(good) - 4, "out of bounds");
#undef MUT
}

TEST(mutated_ext_never_crashes)
{
	struct btf_ext *ext = NULL, *e;
	unsigned int seed = 99;
	unsigned char *img;
	struct btf *btf;
	const void *raw;
	__u32 size, off;
	int round;

	btf = btf__parse_elf(test_prog_path("btf_sample.bpf.o"), &ext);
	ASSERT_PTR(btf);
	raw = btf_ext__raw_data(ext, &size);
	img = malloc(size);
	for (off = 0; off < size; off++) {
		memcpy(img, raw, size);
		img[off] ^= 0x5a;
		e = btf_ext__new(img, size);
		if (!e) {
			ASSERT_EQ(errno, EINVAL);
			continue;
		}
		btf_ext__raw_data(e, NULL);
		btf_ext__set_endianness(e, BTF_BIG_ENDIAN);
		btf_ext__raw_data(e, NULL);
		btf_ext__free(e);
	}
	for (round = 0; round < 2000; round++) {
		__u32 len = size - (round % 3 == 0 ? (seed >> 4) % size : 0);

		memcpy(img, raw, size);
		seed = seed * 1103515245 + 12345;
		img[(seed >> 8) % size] = seed >> 3;
		e = btf_ext__new(img, len);
		if (e)
			btf_ext__free(e);
		else
			ASSERT_EQ(errno, EINVAL);
	}
	free(img);
	btf_ext__free(ext);
	btf__free(btf);
}
