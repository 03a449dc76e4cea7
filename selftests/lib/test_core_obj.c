// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * CO-RE on records clang emitted (selftests/progs/core_reloc.bpf.c): against
 * the running kernel's BTF, against synthetic targets, and through the
 * offline check.
 */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>
#include <linux/btf.h>
#include <bpf/btf.h>

#include "btf/btf_ext.h"
#include "core/core.h"
#include "core/objfile.h"
#include "test.h"

#define VMLINUX "/sys/kernel/btf/vmlinux"

/* The n-th CO-RE record of section sec. */
static bool find_relo(const struct core_obj *o, const char *sec, unsigned n,
		      struct bpf_core_relo *out)
{
	const struct btf_ext_info_sec *secs;
	__u32 cnt, i;

	if (!o->ext || btf_ext_sections(o->ext, BTF_EXT_CORE_RELO, &secs, &cnt))
		return false;
	for (i = 0; i < cnt; i++) {
		const char *name = btf__name_by_offset(o->btf, secs[i].sec_name_off);

		if (!name || strcmp(name, sec) || n >= secs[i].num_info)
			continue;
		memcpy(out, (const char *)secs[i].data + (size_t)n * secs[i].rec_size,
		       sizeof(*out));
		return true;
	}
	return false;
}

/* Offset in bytes of member name of struct sname in btf (direct members). */
static long member_off(const struct btf *btf, const char *sname, const char *name)
{
	__s32 id = btf__find_by_name_kind(btf, sname, BTF_KIND_STRUCT);
	const struct btf_type *t;
	int i;

	if (id <= 0)
		return -1;
	t = btf__type_by_id(btf, id);
	for (i = 0; i < btf_vlen(t); i++) {
		const char *n = btf__name_by_offset(btf, btf_members(t)[i].name_off);

		if (n && !strcmp(n, name))
			return btf_member_bit_offset(t, i) / 8;
	}
	return -1;
}

static bool have_vmlinux(void)
{
	return access(VMLINUX, R_OK) == 0;
}

TEST(core_obj_task_struct_against_vmlinux)
{
	struct core_obj *o;
	struct core_target *t;
	const struct core_obj_sec *s;
	struct bpf_insn *insns;
	const struct btf *vm;
	struct bpf_core_relo r;
	struct core_failure why;
	unsigned n;
	int seen_pid = 0, seen_parent = 0, seen_tgid = 0, seen_comm = 0;

	if (!have_vmlinux())
		TEST_SKIP("no " VMLINUX);
	ASSERT_OK(core_obj_open(test_prog_path("core_reloc.bpf.o"), &o));
	s = core_obj_find_sec(o, "core/task");
	ASSERT_PTR(s);
	t = core_target_get(NULL, NULL);
	ASSERT_PTR(t);
	vm = core_target_btf(t);
	insns = malloc(s->insn_cnt * sizeof(*insns));
	ASSERT_PTR(insns);
	memcpy(insns, s->insns, s->insn_cnt * sizeof(*insns));

	for (n = 0; find_relo(o, "core/task", n, &r); n++) {
		size_t idx = r.insn_off / 8;
		const char *what;
		long want;

		ASSERT_OK(core_apply_relo(t, o->btf, &r, insns, s->insn_cnt, idx, &why));
		ASSERT_FALSE(why.poisoned);
		ASSERT_EQ(r.kind, BPF_CORE_FIELD_BYTE_OFFSET);
		what = strrchr(why.access_spec, '.');
		ASSERT_PTR(what);
		if (!strncmp(what, ".pid ", 5)) {
			want = member_off(vm, "task_struct", "pid");
			seen_pid++;
		} else if (!strncmp(what, ".tgid ", 6)) {
			want = member_off(vm, "task_struct", "tgid");
			seen_tgid++;
		} else if (!strncmp(what, ".real_parent ", 13)) {
			want = member_off(vm, "task_struct", "real_parent");
			seen_parent++;
		} else if (!strncmp(what, ".comm", 5)) {
			/* comm[1] */
			want = member_off(vm, "task_struct", "comm") + 1;
			seen_comm++;
		} else {
			ASSERT_TRUE_MSG(false, "unexpected access %s", why.access_spec);
		}
		ASSERT_GT(want, 0);
		/* the relocated instruction is a load (or an address add) */
		if (BPF_CLASS(insns[idx].code) == BPF_LDX)
			ASSERT_EQ(insns[idx].off, want);
		else
			ASSERT_EQ(insns[idx].imm, want);
	}
	ASSERT_TRUE(seen_pid && seen_parent && seen_tgid && seen_comm);
	free(insns);
	core_target_put(t);
	core_obj_close(o);
}

TEST(core_obj_target_shared_once)
{
	struct core_stats before, after;
	struct core_target *a, *b;
	struct core_cand *c;
	size_t cnt;
	struct btf *local;
	int id;

	if (!have_vmlinux())
		TEST_SKIP("no " VMLINUX);
	core_target_cache_flush();
	core_stats_get(&before);
	a = core_target_get(NULL, NULL);
	b = core_target_get(NULL, NULL);
	ASSERT_PTR(a);
	ASSERT_TRUE(a == b);
	local = btf__new_empty();
	ASSERT_PTR(local);
	id = btf__add_struct(local, "task_struct___mine", 0);
	ASSERT_GT(id, 0);
	ASSERT_OK(core_find_cands(a, local, id, &c, &cnt));
	ASSERT_EQ(cnt, 1);
	ASSERT_EQ(c[0].id, btf__find_by_name_kind(core_target_btf(a), "task_struct",
						  BTF_KIND_STRUCT));
	free(c);
	ASSERT_OK(core_find_cands(b, local, id, &c, &cnt));
	free(c);
	core_target_put(a);
	core_target_put(b);
	/* idle but cached: a later user does not parse again */
	a = core_target_get(NULL, NULL);
	ASSERT_PTR(a);
	core_target_put(a);
	core_stats_get(&after);
	ASSERT_EQ(after.btf_parses - before.btf_parses, 1);
	ASSERT_EQ(after.index_builds - before.index_builds, 1);
	btf__free(local);
}

/* Write btf as a raw file; returns the path (static buffer). */
static const char *write_raw(const struct btf *btf, const char *tag)
{
	static char path[128];
	const void *data;
	__u32 sz;
	FILE *fp;

	snprintf(path, sizeof(path), "/tmp/core_%s_%d.btf", tag, (int)getpid());
	data = btf__raw_data(btf, &sz);
	if (!data)
		return NULL;
	fp = fopen(path, "w");
	if (!fp)
		return NULL;
	fwrite(data, 1, sz, fp);
	fclose(fp);
	return path;
}

/* A target where core_sample lost 'd' and enum core_enum changed. */
static struct btf *synthetic_target(void)
{
	struct btf *b = btf__new_empty();
	int i_int, i_long, u, arr, s;

	if (!b)
		return NULL;
	i_int = btf__add_int(b, "int", 4, BTF_INT_SIGNED);
	i_long = btf__add_int(b, "long", 8, BTF_INT_SIGNED);
	u = btf__add_int(b, "unsigned int", 4, 0);
	arr = btf__add_array(b, i_int, i_int, 8);
	s = btf__add_struct(b, "core_sample", 96);
	btf__add_field(b, "b", i_long, 0, 0);
	btf__add_field(b, "a", i_int, 64, 0);
	btf__add_field(b, "c", i_int, 96, 0);
	btf__add_field(b, "bf2", u, 130, 12);
	btf__add_field(b, "bf3", i_int, 160, 5);
	btf__add_field(b, "arr", arr, 192, 0);
	btf__add_field(b, "cnt", u, 448, 0);
	btf__add_enum(b, "core_enum", 4);
	btf__add_enum_value(b, "CORE_TWO", 20);
	btf__add_enum_value(b, "CORE_NEG", -30);
	btf__add_enum64(b, "core_enum64", 8, false);
	btf__add_enum64_value(b, "CORE_BIG", 0x500000000ULL);
	btf__add_typedef(b, "core_sample_t", s);
	return b;
}

static __s64 relocated_value(const struct core_obj *o, struct core_target *t,
			     const char *sec, struct core_failure *why)
{
	const struct core_obj_sec *s = core_obj_find_sec(o, sec);
	struct bpf_insn insns[8];
	struct bpf_core_relo r;
	int err;

	if (!s || s->insn_cnt > 8 || !find_relo(o, sec, 0, &r))
		return -1000;
	memcpy(insns, s->insns, s->insn_cnt * sizeof(*insns));
	err = core_apply_relo(t, o->btf, &r, insns, s->insn_cnt, r.insn_off / 8, why);
	if (err)
		return -2000 + err;
	if (insns[0].code == (BPF_JMP | BPF_CALL) && insns[0].imm == CORE_POISON_IMM)
		return -3000;
	if (insns[0].code == (BPF_LD | BPF_IMM | BPF_DW))
		return (__s64)((__u64)(__u32)insns[0].imm |
			       ((__u64)(__u32)insns[1].imm << 32));
	if (BPF_CLASS(insns[0].code) == BPF_LDX)
		return insns[0].off;
	return insns[0].imm;
}

#define EXPECT_SEC(o, t, sec, want)					\
	do {								\
		struct core_failure __w;				\
		__s64 __v = relocated_value(o, t, sec, &__w);		\
		ASSERT_TRUE_MSG(__v == (want), "%s: got %lld want %lld (%s: %s)", \
				sec, (long long)__v, (long long)(want),	\
				__w.access_spec, __w.reason);		\
	} while (0)

TEST(core_obj_compiled_records_against_synthetic_target)
{
	struct core_obj *o;
	struct core_target *t;
	struct btf *tb = synthetic_target();
	__s32 sample_id;

	ASSERT_PTR(tb);
	ASSERT_OK(core_obj_open(test_prog_path("core_reloc.bpf.o"), &o));
	t = core_target_get(NULL, tb);
	ASSERT_PTR(t);
	sample_id = btf__find_by_name_kind(tb, "core_sample", BTF_KIND_STRUCT);

	EXPECT_SEC(o, t, "core/off_a", 8);
	EXPECT_SEC(o, t, "core/off_c", 12);	/* c was in an anon struct */
	EXPECT_SEC(o, t, "core/off_d", -3000);	/* d is gone: poisoned */
	EXPECT_SEC(o, t, "core/off_arr2", 32);
	EXPECT_SEC(o, t, "core/size_b", 8);
	EXPECT_SEC(o, t, "core/exists_gone", 0);	/* ___v2 flavor, no 'gone' */
	EXPECT_SEC(o, t, "core/signed_bf3", 1);
	/* bf2: 12 bits at bit 130 in a u32: byte 16, lshift 64-(130+12-128) */
	EXPECT_SEC(o, t, "core/lshift_bf2", 50);
	EXPECT_SEC(o, t, "core/rshift_bf2", 52);
	EXPECT_SEC(o, t, "core/ldx_b", 0);
	EXPECT_SEC(o, t, "core/ldx_cnt", 56);
	EXPECT_SEC(o, t, "core/type_id_target", sample_id);
	EXPECT_SEC(o, t, "core/type_exists", 1);
	EXPECT_SEC(o, t, "core/type_size", 96);
	EXPECT_SEC(o, t, "core/enum_exists", 1);
	EXPECT_SEC(o, t, "core/enum_value", 20);
	EXPECT_SEC(o, t, "core/enum_neg", -30);
	/* clang 14 has no BTF_KIND_ENUM64: it describes the enum as a
	 * 32-bit one whose value lost its high bits, and the record then
	 * disagrees with the instruction, which must be an error */
	if (btf__find_by_name_kind(o->btf, "core_enum64", BTF_KIND_ENUM64) > 0)
		EXPECT_SEC(o, t, "core/enum64_value", 0x500000000LL);
	else
		EXPECT_SEC(o, t, "core/enum64_value", -2000 - EINVAL);
	core_target_put(t);
	btf__free(tb);
	core_obj_close(o);
}

static char *check_to_string(const char *obj, const char *btf, int *ret)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	*ret = -ENOMEM;
	if (!fp)
		return NULL;
	*ret = core_check_object(obj, btf, fp);
	fclose(fp);
	return buf;
}

TEST(core_check_object_against_vmlinux)
{
	char *out;
	int ret;

	if (!have_vmlinux())
		TEST_SKIP("no " VMLINUX);
	out = check_to_string(test_prog_path("core_reloc.bpf.o"), NULL, &ret);
	ASSERT_PTR(out);
	if (getenv("BPFKIT_TEST_VERBOSE"))
		fputs(out, stderr);
	ASSERT_TRUE_MSG(strstr(out, "against " VMLINUX), "%s", out);
	ASSERT_TRUE_MSG(strstr(out, "core/task+"), "%s", out);
	ASSERT_TRUE_MSG(strstr(out, "prog 'task'"), "%s", out);
	ASSERT_TRUE_MSG(strstr(out, "struct task_struct.real_parent"), "%s", out);
	/* the kernel has no struct core_sample: those are unresolved */
	ASSERT_TRUE_MSG(strstr(out, "has no struct core_sample"), "%s", out);
	ASSERT_GT(ret, 0);
	free(out);
}

TEST(core_check_object_reports_each_relocation)
{
	struct btf *tb = synthetic_target();
	const char *path;
	char *out;
	int ret;

	ASSERT_PTR(tb);
	path = write_raw(tb, "check");
	ASSERT_PTR(path);
	out = check_to_string(test_prog_path("core_reloc.bpf.o"), path, &ret);
	ASSERT_PTR(out);
	if (getenv("BPFKIT_TEST_VERBOSE"))
		fputs(out, stderr);
	/* d, and the task_struct ones (no task_struct in this target) */
	ASSERT_TRUE_MSG(ret >= 1, "ret %d\n%s", ret, out);
	ASSERT_TRUE_MSG(strstr(out, "core/off_d+0 (insn #0, prog 'off_d')"), "%s", out);
	ASSERT_TRUE_MSG(strstr(out, "core_reloc.bpf.c:"), "%s", out);
	ASSERT_TRUE_MSG(strstr(out, "struct core_sample.d"), "%s", out);
	ASSERT_TRUE_MSG(strstr(out, "UNRESOLVED"), "%s", out);
	ASSERT_TRUE_MSG(strstr(out, "has no field 'd'"), "%s", out);
	ASSERT_TRUE_MSG(strstr(out, "enum core_enum::CORE_TWO"), "%s", out);
	free(out);
	unlink(path);
	btf__free(tb);
}

TEST(core_check_object_bad_input)
{
	char path[128];
	char *out;
	FILE *fp;
	int ret;

	out = check_to_string("/nonexistent/x.bpf.o", NULL, &ret);
	ASSERT_EQ(ret, -ENOENT);
	ASSERT_LOG("/nonexistent/x.bpf.o");
	free(out);

	snprintf(path, sizeof(path), "/tmp/core_notelf_%d.o", (int)getpid());
	fp = fopen(path, "w");
	ASSERT_PTR(fp);
	fputs("definitely not an ELF file", fp);
	fclose(fp);
	out = check_to_string(path, NULL, &ret);
	ASSERT_EQ(ret, -EINVAL);
	ASSERT_LOG("not an ELF");
	free(out);
	unlink(path);

	out = check_to_string(test_prog_path("core_reloc.bpf.o"), "/nonexistent.btf",
			      &ret);
	ASSERT_EQ(ret, -ENOENT);
	free(out);
	ASSERT_ERR(core_check_object(NULL, NULL, stdout), -EINVAL);
}

/*
 * A copy of core_reloc.bpf.o whose first CO-RE records are damaged in
 * place: an instruction offset far past its section, a type id out of
 * range, an access string offset out of range.  The check must report
 * each as an error (or refuse the file as a whole), never crash.
 */
static const char *corrupt_copy(void)
{
	static char path[128];
	struct btf_ext_hdr_prefix {
		__u16 magic;
		__u8 version, flags;
		__u32 hdr_len;
		__u32 func_info_off, func_info_len;
		__u32 line_info_off, line_info_len;
		__u32 core_relo_off, core_relo_len;
	} hdr;
	unsigned char *buf = NULL;
	size_t len = 0, ext_off = 0, recs;
	FILE *fp;
	long i;

	fp = fopen(test_prog_path("core_reloc.bpf.o"), "rb");
	if (!fp)
		return NULL;
	fseek(fp, 0, SEEK_END);
	len = (size_t)ftell(fp);
	rewind(fp);
	buf = malloc(len);
	if (!buf || fread(buf, 1, len, fp) != len) {
		fclose(fp);
		free(buf);
		return NULL;
	}
	fclose(fp);
	/* find the .BTF.ext header by its magic and a sane hdr_len */
	for (i = 0; i + (long)sizeof(hdr) < (long)len; i++) {
		memcpy(&hdr, buf + i, sizeof(hdr));
		if (hdr.magic == 0xeB9F && hdr.version == 1 && hdr.hdr_len == 32 &&
		    hdr.core_relo_len > 8 && i + 32 + hdr.core_relo_off +
		    hdr.core_relo_len <= (long)len) {
			ext_off = (size_t)i;
			break;
		}
	}
	if (!ext_off) {
		free(buf);
		return NULL;
	}
	/* rec_size, then {sec_name_off, num_info, records} */
	recs = ext_off + 32 + hdr.core_relo_off + 4 + 8;
	{
		struct bpf_core_relo r;

		memcpy(&r, buf + recs, sizeof(r));
		r.insn_off = 0x100000;
		memcpy(buf + recs, &r, sizeof(r));
		/* each of the next groups holds one record (one per section) */
		recs += sizeof(r) + 8;
		memcpy(&r, buf + recs, sizeof(r));
		r.type_id = 0xffffff;
		memcpy(buf + recs, &r, sizeof(r));
		recs += sizeof(r) + 8;
		memcpy(&r, buf + recs, sizeof(r));
		r.access_str_off = 0x7ffffff0;
		memcpy(buf + recs, &r, sizeof(r));
	}
	snprintf(path, sizeof(path), "/tmp/core_corrupt_%d.bpf.o", (int)getpid());
	fp = fopen(path, "wb");
	if (!fp) {
		free(buf);
		return NULL;
	}
	fwrite(buf, 1, len, fp);
	fclose(fp);
	free(buf);
	return path;
}

TEST(core_check_object_corrupt_records)
{
	const char *path = corrupt_copy();
	char *out;
	int ret;

	ASSERT_PTR(path);
	out = check_to_string(path, NULL, &ret);
	if (getenv("BPFKIT_TEST_VERBOSE") && out)
		fputs(out, stderr);
	/* either refused as a whole with a message, or reported per record */
	if (ret < 0) {
		ASSERT_TRUE_MSG(test_log()[0] != 0, "no message for %d", ret);
	} else {
		ASSERT_PTR(out);
		ASSERT_TRUE_MSG(strstr(out, "outside section") ||
				strstr(out, "ERROR"), "%s", out);
		ASSERT_GT(ret, 0);
	}
	free(out);
	unlink(path);
}

/* Relocating an object against its own BTF changes nothing. */
TEST(core_obj_against_itself_is_identity)
{
	const char *path = test_prog_path("core_reloc.bpf.o");
	const struct btf_ext_info_sec *secs;
	struct core_target *t;
	struct core_obj *o;
	__u32 cnt, i, j;
	int checked = 0;

	ASSERT_OK(core_obj_open(path, &o));
	t = core_target_get(path, NULL);	/* an ELF file as target */
	ASSERT_PTR(t);
	ASSERT_OK(btf_ext_sections(o->ext, BTF_EXT_CORE_RELO, &secs, &cnt));
	for (i = 0; i < cnt; i++) {
		const char *sec = btf__name_by_offset(o->btf, secs[i].sec_name_off);
		const struct core_obj_sec *s = core_obj_find_sec(o, sec);

		ASSERT_PTR(s);
		for (j = 0; j < secs[i].num_info; j++) {
			struct bpf_core_relo r;
			struct core_result res;
			struct core_failure why;

			memcpy(&r, (const char *)secs[i].data +
			       (size_t)j * secs[i].rec_size, sizeof(r));
			int err = core_calc_relo(t, o->btf, &r, &res, &why);

			/* core_sample and core_sample___v2 are both struct
			 * candidates of the same shape class: their ids
			 * differ, which is ambiguous (as in the reference) */
			if (r.kind == BPF_CORE_TYPE_ID_TARGET) {
				ASSERT_EQ(err, -EINVAL);
				ASSERT_TRUE_MSG(strstr(why.reason, "ambiguous"), "%s",
						why.reason);
				continue;
			}
			ASSERT_TRUE_MSG(err == 0, "%s: %s", why.access_spec,
					why.reason);
			if (r.kind == BPF_CORE_ENUMVAL_VALUE &&
			    btf__find_by_name_kind(o->btf, "core_enum64",
						   BTF_KIND_ENUM64) <= 0 &&
			    strstr(why.access_spec, "core_enum64"))
				continue;	/* clang 14, see above */
			ASSERT_FALSE(res.poison);
			ASSERT_TRUE_MSG(res.orig_val == res.new_val,
					"%s: %llu -> %llu", why.access_spec,
					(unsigned long long)res.orig_val,
					(unsigned long long)res.new_val);
			checked++;
		}
	}
	ASSERT_GE(checked, 20);
	core_target_put(t);
	core_obj_close(o);
}

/* A target file that changes on disk is parsed again; one that does not
 * is shared. */
TEST(core_target_file_change_detected)
{
	struct core_stats a, b;
	struct core_target *t1, *t2, *t3;
	struct btf *x = synthetic_target();
	const char *path;
	char copy[128];
	int sz;

	ASSERT_PTR(x);
	path = write_raw(x, "change");
	ASSERT_PTR(path);
	snprintf(copy, sizeof(copy), "%s", path);
	core_stats_get(&a);
	t1 = core_target_get(copy, NULL);
	t2 = core_target_get(copy, NULL);
	ASSERT_PTR(t1);
	ASSERT_TRUE(t1 == t2);
	sz = (int)btf__resolve_size(core_target_btf(t1),
		btf__find_by_name_kind(core_target_btf(t1), "core_sample",
				       BTF_KIND_STRUCT));
	ASSERT_EQ(sz, 96);
	/* rewrite it with a bigger struct while t1/t2 are still held */
	btf__add_struct(x, "core_extra", 4);
	ASSERT_PTR(write_raw(x, "change"));
	t3 = core_target_get(copy, NULL);
	ASSERT_PTR(t3);
	ASSERT_TRUE(t3 != t1);
	ASSERT_GT(btf__find_by_name_kind(core_target_btf(t3), "core_extra",
					 BTF_KIND_STRUCT), 0);
	/* the old one still works for its holders */
	ASSERT_EQ(btf__find_by_name_kind(core_target_btf(t1), "core_extra",
					 BTF_KIND_STRUCT), -ENOENT);
	core_target_put(t1);
	core_target_put(t2);
	core_target_put(t3);
	core_stats_get(&b);
	ASSERT_EQ(b.btf_parses - a.btf_parses, 2);
	core_target_cache_flush();
	unlink(copy);
	btf__free(x);
}

struct thread_arg {
	struct core_obj *o;
	int ok;
};

static void *relocate_task_thread(void *p)
{
	struct thread_arg *a = p;
	int n;

	for (n = 0; n < 20; n++) {
		struct core_target *t = core_target_get(NULL, NULL);
		struct bpf_core_relo r;
		struct core_result res;
		struct core_failure why;
		unsigned k;

		if (!t)
			return NULL;
		for (k = 0; find_relo(a->o, "core/task", k, &r); k++)
			if (core_calc_relo(t, a->o->btf, &r, &res, &why) == 0 &&
			    !res.poison)
				a->ok++;
		core_target_put(t);
	}
	return NULL;
}

/* Threads sharing the kernel target: one parse, one index, all correct. */
TEST(core_target_shared_by_threads)
{
	struct thread_arg args[4];
	pthread_t th[4];
	struct core_stats a, b;
	struct core_obj *o;
	int i;

	if (!have_vmlinux())
		TEST_SKIP("no " VMLINUX);
	ASSERT_OK(core_obj_open(test_prog_path("core_reloc.bpf.o"), &o));
	core_target_cache_flush();
	core_stats_get(&a);
	for (i = 0; i < 4; i++) {
		args[i] = (struct thread_arg){ o, 0 };
		ASSERT_OK(pthread_create(&th[i], NULL, relocate_task_thread, &args[i]));
	}
	for (i = 0; i < 4; i++)
		pthread_join(th[i], NULL);
	core_stats_get(&b);
	for (i = 0; i < 4; i++)
		ASSERT_EQ(args[i].ok, 20 * 4);
	ASSERT_EQ(b.btf_parses - a.btf_parses, 1);
	ASSERT_EQ(b.index_builds - a.index_builds, 1);
	core_obj_close(o);
}

struct cb_counts {
	int total, poisoned, found, task_ok;
};

static int count_rec(const struct core_check_rec *r, void *ctx)
{
	struct cb_counts *c = ctx;

	c->total++;
	c->poisoned += r->poisoned;
	c->found += r->found;
	if (r->prog && !strcmp(r->prog, "task") && r->found && !r->err &&
	    r->targ_access && strstr(r->targ_access, "struct task_struct.") &&
	    r->line && strstr(r->line, "core_reloc.bpf.c:"))
		c->task_ok++;
	return 0;
}

static int stop_at_first(const struct core_check_rec *r, void *ctx)
{
	(*(int *)ctx)++;
	return -ECANCELED;
}

TEST(core_check_object_callback)
{
	struct cb_counts c = { 0 };
	int ret, calls = 0;

	if (!have_vmlinux())
		TEST_SKIP("no " VMLINUX);
	ret = core_check_object_cb(test_prog_path("core_reloc.bpf.o"), NULL,
				   count_rec, &c);
	ASSERT_EQ(c.total, 23);
	ASSERT_EQ(c.task_ok, 4);
	ASSERT_EQ(ret, c.poisoned);
	ASSERT_GT(c.poisoned, 0);
	/* a callback can stop the walk */
	ret = core_check_object_cb(test_prog_path("core_reloc.bpf.o"), NULL,
				   stop_at_first, &calls);
	ASSERT_EQ(ret, -ECANCELED);
	ASSERT_EQ(calls, 1);
	ASSERT_ERR(core_check_object_cb(NULL, NULL, count_rec, &c), -EINVAL);
}
