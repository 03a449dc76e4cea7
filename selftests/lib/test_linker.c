// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Static linker (bpf_linker__*): linker_a + linker_b linked into one
 * object that opens, loads and runs like a single compiled file; its BTF
 * and BTF.ext merged; the reference bpftool's output of the same inputs
 * loads too; bad inputs fail with a message naming file and symbol.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <dirent.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "test.h"
#include "btf/btf_ext.h"
#include "../progs/linker_common.h"

static void out_path(char *buf, size_t sz, const char *tag)
{
	snprintf(buf, sz, "/tmp/bpfkit_linker_%d_%s.o", getpid(), tag);
}

/* Links the NULL-terminated inputs (names in the progs dir) into out. */
static int link_objs(const char *out, const char *first, ...)
{
	struct bpf_linker *l;
	const char *in;
	va_list ap;
	int err = 0;

	l = bpf_linker__new(out, NULL);
	if (!l)
		return -errno;
	va_start(ap, first);
	for (in = first; in && !err; in = va_arg(ap, const char *))
		err = bpf_linker__add_file(l, test_prog_path(in), NULL);
	va_end(ap);
	if (!err)
		err = bpf_linker__finalize(l);
	bpf_linker__free(l);
	return err;
}

struct run_result {
	int open_err, load_err, run_err;
	__u64 vals[R_MAX];
	__u32 ret_main, ret_b, ret_c;
};

static int run_prog(struct bpf_object *obj, const char *name, __u32 *ret)
{
	char pkt[64] = {};
	LIBBPF_OPTS(bpf_test_run_opts, topts, .data_in = pkt,
		    .data_size_in = sizeof(pkt), .repeat = 1);
	struct bpf_program *p = bpf_object__find_program_by_name(obj, name);
	int err;

	if (!p)
		return -ENOENT;
	err = bpf_prog_test_run_opts(bpf_program__fd(p), &topts);
	*ret = topts.retval;
	return err ? -errno : 0;
}

/* Open, load, run linker_main then linker_b_prog, read the results. */
static void load_and_run(const char *path, struct run_result *r)
{
	struct bpf_object *obj;
	struct bpf_map *m;
	__u32 k;

	memset(r, 0, sizeof(*r));
	obj = bpf_object__open_file(path, NULL);
	if (!obj) {
		r->open_err = -errno;
		return;
	}
	r->load_err = bpf_object__load(obj);
	if (r->load_err)
		goto out;
	r->run_err = run_prog(obj, "linker_main", &r->ret_main);
	if (!r->run_err)
		r->run_err = run_prog(obj, "linker_b_prog", &r->ret_b);
	/* linker_c and linker_d are in some links only */
	if (!r->run_err && bpf_object__find_program_by_name(obj, "linker_c_prog"))
		r->run_err = run_prog(obj, "linker_c_prog", &r->ret_c);
	if (!r->run_err && bpf_object__find_program_by_name(obj, "linker_d_prog"))
		r->run_err = run_prog(obj, "linker_d_prog", &r->ret_c);
	m = bpf_object__find_map_by_name(obj, "results");
	if (!m) {
		r->run_err = -ENOENT;
		goto out;
	}
	for (k = 0; k < R_MAX && !r->run_err; k++)
		if (bpf_map_lookup_elem(bpf_map__fd(m), &k, &r->vals[k]))
			r->run_err = -errno;
out:
	bpf_object__close(obj);
}

TEST(link_load_run)
{
	struct run_result r;
	char out[128];
	int err;

	out_path(out, sizeof(out), "ab");
	err = link_objs(out, "linker_a.bpf.o", "linker_b.bpf.o", NULL);
	if (!err)
		load_and_run(out, &r);
	unlink(out);
	ASSERT_OK(err);
	ASSERT_OK(r.open_err);
	ASSERT_OK(r.load_err);
	ASSERT_OK(r.run_err);
	ASSERT_EQ(r.ret_main, XDP_PASS);
	ASSERT_EQ(r.ret_b, XDP_PASS);
	ASSERT_EQ(r.vals[R_B_ADD], 10);
	ASSERT_EQ(r.vals[R_WEAK], 2);
	ASSERT_EQ(r.vals[R_A_RO_DATA], 15);
	ASSERT_EQ(r.vals[R_B_COUNTER], 41);
	ASSERT_EQ(r.vals[R_A_BSS], 1);
	ASSERT_EQ(r.vals[R_B_MAP], 30);
	ASSERT_EQ(r.vals[R_B_CORE], 4);
	ASSERT_EQ(r.vals[R_B_BSS], 1);
	ASSERT_EQ(r.vals[R_WEAK_VAR], 5);
	ASSERT_EQ(r.vals[R_HIDDEN], 42);
	ASSERT_EQ(r.vals[R_C_STATIC], 0);	/* no linker_c here */
}

/*
 * Four inputs: static code and data of the later ones moved, static names
 * repeated across inputs (linker_c, linker_d), kconfig.
 */
TEST(link_four)
{
	struct run_result r;
	char out[128];
	int err;

	out_path(out, sizeof(out), "abc");
	err = link_objs(out, "linker_a.bpf.o", "linker_b.bpf.o",
			"linker_c.bpf.o", "linker_d.bpf.o", NULL);
	if (!err)
		load_and_run(out, &r);
	unlink(out);
	ASSERT_OK(err);
	ASSERT_OK(r.open_err);
	ASSERT_OK(r.load_err);
	ASSERT_OK(r.run_err);
	ASSERT_EQ(r.ret_c, XDP_PASS);
	ASSERT_EQ(r.vals[R_B_ADD], 10);
	ASSERT_EQ(r.vals[R_WEAK], 2);
	ASSERT_EQ(r.vals[R_B_COUNTER], 41);
	ASSERT_EQ(r.vals[R_B_MAP], 30);
	ASSERT_EQ(r.vals[R_C_STATIC], 1101);
	ASSERT_EQ(r.vals[R_C_CUSTOM], 14);
	ASSERT_EQ(r.vals[R_C_KVER], 1);
	ASSERT_EQ(r.vals[R_C_STR], 'k');
	ASSERT_EQ(r.vals[R_D_STATIC], 6);
}

/* Order of the inputs does not matter: b's extern map meets a's later. */
TEST(link_reverse_order)
{
	struct run_result r;
	char out[128];
	int err;

	out_path(out, sizeof(out), "ba");
	err = link_objs(out, "linker_b.bpf.o", "linker_a.bpf.o", NULL);
	if (!err)
		load_and_run(out, &r);
	unlink(out);
	ASSERT_OK(err);
	ASSERT_OK(r.open_err);
	ASSERT_OK(r.load_err);
	ASSERT_OK(r.run_err);
	ASSERT_EQ(r.vals[R_B_ADD], 10);
	ASSERT_EQ(r.vals[R_WEAK], 2);
	ASSERT_EQ(r.vals[R_B_COUNTER], 41);
	ASSERT_EQ(r.vals[R_B_MAP], 30);
	ASSERT_EQ(r.vals[R_B_CORE], 4);
}

/* Records of one kind in section sec of ext (0 when absent). */
static __u32 ext_count(const struct btf *btf, const struct btf_ext *ext,
		       enum btf_ext_kind kind, const char *sec)
{
	const struct btf_ext_info_sec *secs;
	__u32 cnt, i, total = 0;

	if (btf_ext_sections(ext, kind, &secs, &cnt))
		return 0;
	for (i = 0; i < cnt; i++) {
		const char *n = btf__str_by_offset(btf, secs[i].sec_name_off);

		if (!sec || (n && !strcmp(n, sec)))
			total += secs[i].num_info;
	}
	return total;
}

struct btf_check {
	int parse_err;
	__u32 fi_text, fi_xdp, li_text, li_xdp, core_xdp, core_all;
	int data_sz, data_vlen, b_counter_off, maps_vlen;
	int funcs_named_b_add, extern_funcs, ksyms_vlen;
	bool li_file_a, li_file_d, li_bad_str;
	const char *fi_type_name;
};

static void check_btf(const char *path, struct btf_check *c)
{
	const struct btf_var_secinfo *vi;
	const struct btf_type *t;
	struct btf_ext *ext = NULL;
	struct btf *btf;
	const char *n;
	__u32 id, j;
	int ds;

	memset(c, 0, sizeof(*c));
	btf = btf__parse_elf(path, &ext);
	if (!btf || !ext) {
		c->parse_err = -errno;
		btf__free(btf);
		return;
	}
	c->fi_text = ext_count(btf, ext, BTF_EXT_FUNC_INFO, ".text");
	c->fi_xdp = ext_count(btf, ext, BTF_EXT_FUNC_INFO, "xdp");
	c->li_text = ext_count(btf, ext, BTF_EXT_LINE_INFO, ".text");
	c->li_xdp = ext_count(btf, ext, BTF_EXT_LINE_INFO, "xdp");
	c->core_xdp = ext_count(btf, ext, BTF_EXT_CORE_RELO, "xdp");
	c->core_all = ext_count(btf, ext, BTF_EXT_CORE_RELO, NULL);
	ds = btf__find_by_name_kind(btf, ".data", BTF_KIND_DATASEC);
	if (ds > 0) {
		t = btf__type_by_id(btf, ds);
		c->data_sz = t->size;
		c->data_vlen = btf_vlen(t);
		vi = btf_var_secinfos(t);
		for (j = 0; j < btf_vlen(t); j++) {
			n = btf__name_by_offset(btf,
				btf__type_by_id(btf, vi[j].type)->name_off);
			if (!strcmp(n, "b_counter"))
				c->b_counter_off = vi[j].offset;
		}
	}
	ds = btf__find_by_name_kind(btf, ".maps", BTF_KIND_DATASEC);
	if (ds > 0)
		c->maps_vlen = btf_vlen(btf__type_by_id(btf, ds));
	ds = btf__find_by_name_kind(btf, ".ksyms", BTF_KIND_DATASEC);
	if (ds > 0)
		c->ksyms_vlen = btf_vlen(btf__type_by_id(btf, ds));
	for (id = 1; id < btf__type_cnt(btf); id++) {
		t = btf__type_by_id(btf, id);
		if (!btf_is_func(t))
			continue;
		/* kfuncs stay extern, the rest resolved */
		if (btf_vlen(t) == BTF_FUNC_EXTERN &&
		    strncmp(btf__name_by_offset(btf, t->name_off), "bpf_rcu_", 8))
			c->extern_funcs++;
		if (!strcmp(btf__name_by_offset(btf, t->name_off),
			    "linker_b_add"))
			c->funcs_named_b_add++;
	}
	/* the first func_info of xdp must name a FUNC: linker_main */
	{
		const struct btf_ext_info_sec *secs;
		__u32 cnt;

		if (!btf_ext_sections(ext, BTF_EXT_FUNC_INFO, &secs, &cnt)) {
			for (j = 0; j < cnt; j++) {
				const struct bpf_func_info *fi = secs[j].data;

				n = btf__str_by_offset(btf, secs[j].sec_name_off);
				if (!n || strcmp(n, "xdp") || !secs[j].num_info)
					continue;
				t = btf__type_by_id(btf, fi->type_id);
				if (t && btf_is_func(t) &&
				    !strcmp(btf__name_by_offset(btf, t->name_off),
					    "linker_main"))
					c->fi_type_name = "linker_main";
			}
		}
	}
	/* line info of xdp names the sources of the first and last input */
	{
		const struct btf_ext_info_sec *secs;
		__u32 cnt, r;

		if (!btf_ext_sections(ext, BTF_EXT_LINE_INFO, &secs, &cnt)) {
			for (j = 0; j < cnt; j++) {
				n = btf__str_by_offset(btf, secs[j].sec_name_off);
				if (!n || strcmp(n, "xdp"))
					continue;
				for (r = 0; r < secs[j].num_info; r++) {
					const struct bpf_line_info *li =
						(const void *)((const char *)secs[j].data +
							       r * secs[j].rec_size);
					const char *f = btf__str_by_offset(btf,
							li->file_name_off);
					const char *line = btf__str_by_offset(btf,
							li->line_off);

					if (!f || !line)
						c->li_bad_str = true;
					else if (strstr(f, "linker_a.bpf.c"))
						c->li_file_a = true;
					else if (strstr(f, "linker_d.bpf.c"))
						c->li_file_d = true;
				}
			}
		}
	}
	btf_ext__free(ext);
	btf__free(btf);
}

TEST(link_btf_and_ext)
{
	struct btf_check c;
	char out[128];
	int err;

	out_path(out, sizeof(out), "btf");
	err = link_objs(out, "linker_a.bpf.o", "linker_b.bpf.o",
			"linker_c.bpf.o", "linker_d.bpf.o", NULL);
	if (!err)
		check_btf(out, &c);
	unlink(out);
	ASSERT_OK(err);
	ASSERT_OK(c.parse_err);
	/*
	 * .text: linker_weak (a and b), linker_b_add, linker_b_hidden,
	 * c_helper (c and d), c_str_byte; xdp: one program per input
	 */
	ASSERT_EQ(c.fi_text, 7);
	ASSERT_EQ(c.fi_xdp, 4);
	ASSERT_GT(c.li_text, 0);
	ASSERT_GT(c.li_xdp, 0);
	ASSERT_FALSE(c.li_bad_str);
	ASSERT_TRUE(c.li_file_a);
	ASSERT_TRUE(c.li_file_d);
	ASSERT_EQ(c.core_xdp, 1);
	ASSERT_EQ(c.core_all, 1);
	/*
	 * a_data, (a's weak linker_wvar storage, nameless now), b_data,
	 * b_counter, b's linker_wvar, c's and d's static c_static_data;
	 * a's extern b_counter is gone
	 */
	ASSERT_EQ(c.data_sz, 28);
	ASSERT_EQ(c.data_vlen, 6);
	ASSERT_EQ(c.b_counter_off, 12);
	ASSERT_EQ(c.maps_vlen, 1);
	ASSERT_EQ(c.funcs_named_b_add, 1);
	ASSERT_EQ(c.ksyms_vlen, 2);	/* c's and d's kfunc declarations met */
	ASSERT_EQ(c.extern_funcs, 0);
	ASSERT_STREQ(c.fi_type_name, "linker_main");
}

/* A linked object is a valid input again: (a + b) + c + d. */
TEST(link_linked_output)
{
	struct bpf_linker *l;
	struct run_result r;
	char ab[128], out[128];
	int err;

	out_path(ab, sizeof(ab), "stage1");
	out_path(out, sizeof(out), "stage2");
	err = link_objs(ab, "linker_a.bpf.o", "linker_b.bpf.o", NULL);
	if (!err) {
		l = bpf_linker__new(out, NULL);
		err = l ? 0 : -errno;
		if (!err)
			err = bpf_linker__add_file(l, ab, NULL);
		if (!err)
			err = bpf_linker__add_file(l,
				test_prog_path("linker_c.bpf.o"), NULL);
		if (!err)
			err = bpf_linker__add_file(l,
				test_prog_path("linker_d.bpf.o"), NULL);
		if (!err)
			err = bpf_linker__finalize(l);
		bpf_linker__free(l);
	}
	if (!err)
		load_and_run(out, &r);
	unlink(ab);
	unlink(out);
	ASSERT_OK(err);
	ASSERT_OK(r.open_err);
	ASSERT_OK(r.load_err);
	ASSERT_OK(r.run_err);
	ASSERT_EQ(r.vals[R_B_ADD], 10);
	ASSERT_EQ(r.vals[R_WEAK], 2);
	ASSERT_EQ(r.vals[R_B_CORE], 4);
	ASSERT_EQ(r.vals[R_C_STATIC], 1101);
	ASSERT_EQ(r.vals[R_C_CUSTOM], 14);
	ASSERT_EQ(r.vals[R_D_STATIC], 6);
}

static off_t file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) ? -1 : st.st_size;
}

/* Section sizes of the ELF at path, as "name=size;" text. */
static void sec_sizes(const char *path, char *buf, size_t sz)
{
	char cmd[512];
	FILE *f;
	size_t len = 0;

	buf[0] = 0;
	snprintf(cmd, sizeof(cmd),
		 "objdump -h '%s' 2>/dev/null | awk '/^ *[0-9]+ /{print $2\"=\"$3}' | grep -v '^.BTF'",
		 path);
	f = popen(cmd, "r");
	if (!f)
		return;
	while (len + 1 < sz && fgets(buf + len, sz - len, f))
		len = strlen(buf);
	pclose(f);
}

TEST(link_vs_reference_bpftool)
{
	const char *ref = "/usr/sbin/bpftool";
	char ours[128], theirs[128], cmd[1024];
	char s_ours[1024], s_theirs[1024];
	struct run_result r1, r2;
	int err, rc;

	if (access(ref, X_OK))
		TEST_SKIP("reference bpftool %s not installed", ref);
	out_path(ours, sizeof(ours), "ours");
	out_path(theirs, sizeof(theirs), "ref");
	/*
	 * Not linker_d: the reference (libbpf 1.1's linker) fails on a kfunc
	 * that two inputs declare ("failed to resolve size"); we do not.
	 */
	err = link_objs(ours, "linker_a.bpf.o", "linker_b.bpf.o",
			"linker_c.bpf.o", NULL);
	snprintf(cmd, sizeof(cmd), "%s gen object %s", ref, theirs);
	snprintf(cmd + strlen(cmd), sizeof(cmd) - strlen(cmd), " %s",
		 test_prog_path("linker_a.bpf.o"));
	snprintf(cmd + strlen(cmd), sizeof(cmd) - strlen(cmd), " %s",
		 test_prog_path("linker_b.bpf.o"));
	snprintf(cmd + strlen(cmd), sizeof(cmd) - strlen(cmd),
		 " %s >/dev/null 2>&1", test_prog_path("linker_c.bpf.o"));
	rc = system(cmd);
	sec_sizes(ours, s_ours, sizeof(s_ours));
	sec_sizes(theirs, s_theirs, sizeof(s_theirs));
	memset(&r1, 0, sizeof(r1));
	memset(&r2, 0, sizeof(r2));
	if (!err)
		load_and_run(ours, &r1);
	if (rc == 0)
		load_and_run(theirs, &r2);
	unlink(ours);
	unlink(theirs);
	ASSERT_OK(err);
	ASSERT_EQ(rc, 0);
	/* section sizes need objdump (binutils); the loads below do not */
	if (system("command -v objdump >/dev/null 2>&1") == 0) {
		ASSERT_TRUE(s_ours[0] != 0);
		ASSERT_STREQ(s_ours, s_theirs);
	}
	ASSERT_OK(r1.load_err);
	ASSERT_OK(r2.open_err);
	ASSERT_OK(r2.load_err);
	ASSERT_OK(r1.run_err);
	ASSERT_OK(r2.run_err);
	ASSERT_EQ(r1.vals[R_C_STATIC], 1101);
	ASSERT_EQ(memcmp(r1.vals, r2.vals, sizeof(r1.vals)), 0);
}

/* bpf_linker__new_fd, __add_buf and __add_fd give the same object. */
TEST(link_fd_and_buf)
{
	char a_out[128], b_out[128], *buf = NULL;
	struct bpf_linker *l;
	struct run_result r;
	int out_fd, in_fd = -1, err;
	off_t sz;
	FILE *f;

	out_path(a_out, sizeof(a_out), "fd");
	out_path(b_out, sizeof(b_out), "file");
	err = link_objs(b_out, "linker_a.bpf.o", "linker_b.bpf.o", NULL);
	ASSERT_OK(err);
	out_fd = open(a_out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	ASSERT_FD(out_fd);
	l = bpf_linker__new_fd(out_fd, NULL);
	if (!l) {
		err = -errno;
		goto out;
	}
	sz = file_size(test_prog_path("linker_a.bpf.o"));
	buf = malloc(sz > 0 ? sz : 1);
	f = fopen(test_prog_path("linker_a.bpf.o"), "rb");
	if (!buf || !f || fread(buf, 1, sz, f) != (size_t)sz)
		err = -EIO;
	if (f)
		fclose(f);
	if (!err)
		err = bpf_linker__add_buf(l, buf, sz, NULL);
	in_fd = open(test_prog_path("linker_b.bpf.o"), O_RDONLY | O_CLOEXEC);
	if (!err)
		err = bpf_linker__add_fd(l, in_fd, NULL);
	if (!err)
		err = bpf_linker__finalize(l);
	bpf_linker__free(l);
out:
	if (in_fd >= 0)
		close(in_fd);
	/* new_fd does not take the caller's fd */
	ASSERT_EQ(fcntl(out_fd, F_GETFD) >= 0, 1);
	close(out_fd);
	free(buf);
	if (!err)
		load_and_run(a_out, &r);
	sz = file_size(a_out);
	unlink(a_out);
	unlink(b_out);
	ASSERT_OK(err);
	ASSERT_GT(sz, 0);
	ASSERT_OK(r.load_err);
	ASSERT_OK(r.run_err);
	ASSERT_EQ(r.vals[R_B_ADD], 10);
	ASSERT_EQ(r.vals[R_B_MAP], 30);
}

/* Adds first (a prog) then bad (a path); returns bad's add result. */
static int link_bad(const char *tag, const char *first, const char *bad,
		    int *fin_err)
{
	struct bpf_linker *l;
	char out[128];
	int err = 0;

	out_path(out, sizeof(out), tag);
	l = bpf_linker__new(out, NULL);
	if (!l)
		return -errno;
	if (first)
		err = bpf_linker__add_file(l, test_prog_path(first), NULL);
	if (!err)
		err = bpf_linker__add_file(l, bad, NULL);
	*fin_err = bpf_linker__finalize(l);
	bpf_linker__free(l);
	unlink(out);
	return err;
}

TEST(bad_missing_file)
{
	int err, fin;

	err = link_bad("missing", "linker_a.bpf.o",
		       "/nonexistent/bpfkit_linker.o", &fin);
	ASSERT_EQ(err, -ENOENT);
	ASSERT_LOG("'/nonexistent/bpfkit_linker.o': cannot open");
	/* a missing input does not spoil what was added before */
	ASSERT_OK(fin);
}

static int write_file(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	int ok;

	if (fd < 0)
		return -errno;
	ok = write(fd, data, len) == (ssize_t)len;
	close(fd);
	return ok ? 0 : -EIO;
}

TEST(bad_not_elf)
{
	char path[128];
	int err, fin;

	out_path(path, sizeof(path), "text");
	ASSERT_OK(write_file(path, "this is not an ELF file\n", 24));
	err = link_bad("notelf", NULL, path, &fin);
	unlink(path);
	ASSERT_EQ(err, -EINVAL);
	ASSERT_LOG(path);
	ASSERT_LOG("elf: '");
}

TEST(bad_truncated)
{
	char path[128], *buf;
	const char *src = test_prog_path("linker_b.bpf.o");
	off_t sz = file_size(src);
	int err = -EIO, fin;
	FILE *f;

	ASSERT_GT(sz, 0);
	buf = malloc(sz);
	f = fopen(src, "rb");
	if (buf && f && fread(buf, 1, sz, f) == (size_t)sz)
		err = 0;
	if (f)
		fclose(f);
	out_path(path, sizeof(path), "trunc");
	if (!err)
		err = write_file(path, buf, sz / 2);
	free(buf);
	ASSERT_OK(err);
	err = link_bad("trunc", "linker_a.bpf.o", path, &fin);
	unlink(path);
	ASSERT_EQ(err, -EINVAL);
	ASSERT_LOG(path);
	/* rejected when opened: the inputs before it still link */
	ASSERT_OK(fin);
}

TEST(bad_two_strong_definitions)
{
	char bad[512];
	int err, fin;

	snprintf(bad, sizeof(bad), "%s", test_prog_path("linker_bad_dup.bpf.o"));
	err = link_bad("dup", "linker_b.bpf.o", bad, &fin);
	ASSERT_EQ(err, -EINVAL);
	ASSERT_EQ(errno, EINVAL);
	ASSERT_LOG("symbol 'linker_weak' is defined in both");
	ASSERT_LOG("linker_b.bpf.o");
	ASSERT_LOG("linker_bad_dup.bpf.o");
	ASSERT_EQ(fin, -EINVAL);
}

TEST(bad_extern_type)
{
	char bad[512];
	int err, fin;

	snprintf(bad, sizeof(bad), "%s", test_prog_path("linker_bad_type.bpf.o"));
	err = link_bad("type", "linker_b.bpf.o", bad, &fin);
	ASSERT_EQ(err, -EINVAL);
	ASSERT_LOG("symbol 'linker_b_add'");
	ASSERT_LOG("does not match");
	ASSERT_LOG("linker_bad_type.bpf.o");
}

TEST(bad_extern_var_type)
{
	char bad[512];
	int err, fin;

	/* the extern comes after the definition here... */
	snprintf(bad, sizeof(bad), "%s", test_prog_path("linker_bad_var.bpf.o"));
	err = link_bad("var", "linker_b.bpf.o", bad, &fin);
	ASSERT_EQ(err, -EINVAL);
	ASSERT_LOG("symbol 'b_counter'");
	ASSERT_LOG("does not match");
	/* ...and before it there */
	test_log_clear();
	snprintf(bad, sizeof(bad), "%s", test_prog_path("linker_b.bpf.o"));
	err = link_bad("var2", "linker_bad_var.bpf.o", bad, &fin);
	ASSERT_EQ(err, -EINVAL);
	ASSERT_LOG("symbol 'b_counter'");
	ASSERT_LOG("linker_bad_var.bpf.o");
}

TEST(bad_extern_map_type)
{
	char bad[512];
	int err, fin;

	snprintf(bad, sizeof(bad), "%s", test_prog_path("linker_bad_map.bpf.o"));
	err = link_bad("map", "linker_a.bpf.o", bad, &fin);
	ASSERT_EQ(err, -EINVAL);
	ASSERT_LOG("symbol 'results'");
	ASSERT_LOG("linker_bad_map.bpf.o");
}

TEST(bad_license_mismatch)
{
	char bad[512];
	int err, fin;

	snprintf(bad, sizeof(bad), "%s", test_prog_path("linker_bad_lic.bpf.o"));
	err = link_bad("lic", "linker_a.bpf.o", bad, &fin);
	ASSERT_EQ(err, -EINVAL);
	ASSERT_LOG("section 'license'");
	ASSERT_LOG("Dual BSD/GPL");
	ASSERT_LOG("linker_bad_lic.bpf.o");
}

TEST(bad_arguments)
{
	struct bpf_linker *l;
	char out[128];

	ASSERT_NULL_ERR(bpf_linker__new(NULL, NULL), -EINVAL);
	ASSERT_NULL_ERR(bpf_linker__new("/nonexistent/dir/out.o", NULL), -ENOENT);
	ASSERT_LOG("'/nonexistent/dir/out.o'");
	ASSERT_NULL_ERR(bpf_linker__new_fd(-1, NULL), -EINVAL);
	ASSERT_ERR(bpf_linker__add_file(NULL, "x", NULL), -EINVAL);
	ASSERT_ERR(bpf_linker__finalize(NULL), -EINVAL);
	bpf_linker__free(NULL);

	out_path(out, sizeof(out), "args");
	l = bpf_linker__new(out, NULL);
	ASSERT_PTR(l);
	{
		LIBBPF_OPTS(bpf_linker_file_opts, bad_opts);
		int e1, e2, e3, e4;

		bad_opts.sz = sizeof(bad_opts) + 8;	/* unknown tail */
		e1 = bpf_linker__add_file(l, NULL, NULL);
		e2 = bpf_linker__add_buf(l, NULL, 10, NULL);
		e3 = bpf_linker__add_fd(l, -1, NULL);
		{
			char big[64] = {};

			memcpy(big, &bad_opts, sizeof(bad_opts));
			((struct bpf_linker_file_opts *)big)->sz = 24;
			big[16] = 1;
			e4 = bpf_linker__add_file(l,
				test_prog_path("linker_a.bpf.o"),
				(struct bpf_linker_file_opts *)big);
		}
		ASSERT_OK(bpf_linker__finalize(l));
		/* a second finalize has nothing left to write to */
		ASSERT_ERR(bpf_linker__finalize(l), -EINVAL);
		bpf_linker__free(l);
		unlink(out);
		ASSERT_EQ(e1, -EINVAL);
		ASSERT_EQ(e2, -EINVAL);
		ASSERT_EQ(e3, -EINVAL);
		ASSERT_EQ(e4, -EINVAL);
	}
}

/*
 * Damaged copies of linker_b (one byte flipped at a time, spread over the
 * file) after a good linker_a: any result is fine as long as nothing
 * crashes, leaks (ASan) or leaves an fd open (the runner checks).
 */
TEST(bad_corrupt_bytes)
{
	const char *src = test_prog_path("linker_b.bpf.o");
	off_t sz = file_size(src);
	char out[128], *orig, *buf;
	libbpf_print_fn_t old_print;
	struct bpf_linker *l;
	int i, failed = 0, done = 0;
	FILE *f;

	ASSERT_GT(sz, 0);
	orig = malloc(sz);
	buf = malloc(sz);
	f = fopen(src, "rb");
	if (!orig || !buf || !f || fread(orig, 1, sz, f) != (size_t)sz) {
		if (f)
			fclose(f);
		free(orig);
		free(buf);
		ASSERT_TRUE(false);
	}
	fclose(f);
	out_path(out, sizeof(out), "corrupt");
	/* 400 failures' worth of messages would only fill the log */
	old_print = libbpf_set_print(NULL);
	for (i = 0; i < 400; i++) {
		memcpy(buf, orig, sz);
		buf[((size_t)i * 7919) % sz] ^= (char)(0x5a + i);
		l = bpf_linker__new(out, NULL);
		if (!l)
			break;
		if (bpf_linker__add_file(l, test_prog_path("linker_a.bpf.o"),
					 NULL) ||
		    bpf_linker__add_buf(l, buf, sz, NULL) ||
		    bpf_linker__finalize(l))
			failed++;
		bpf_linker__free(l);
		done++;
	}
	libbpf_set_print(old_print);
	unlink(out);
	free(orig);
	free(buf);
	ASSERT_EQ(done, 400);
	ASSERT_GT(failed, 0);
}

/* Programs (name, size) and map count of an object, as one string. */
static int describe(const char *path, char *buf, size_t sz)
{
	struct bpf_object *obj = bpf_object__open_file(path, NULL);
	struct bpf_program *p;
	struct bpf_map *m;
	size_t len = 0;
	int maps = 0;

	buf[0] = 0;
	if (!obj)
		return -errno;
	bpf_object__for_each_program(p, obj)
		len += snprintf(buf + len, len < sz ? sz - len : 0, "%s:%zu ",
				bpf_program__name(p),
				bpf_program__insn_cnt(p));
	bpf_object__for_each_map(m, obj)
		maps++;
	if (len < sz)
		snprintf(buf + len, sz - len, "maps:%d", maps);
	bpf_object__close(obj);
	return 0;
}

/*
 * Every test object linked alone opens with the same programs (and
 * instruction counts) and as many maps as the original.
 */
TEST(link_each_test_object)
{
	const char *dir = getenv("BPFKIT_PROGS_DIR");
	char in[512], out[128], d_in[4096], d_out[4096], bad[512] = "";
	libbpf_print_fn_t old_print;
	struct bpf_linker *l;
	struct dirent *de;
	int err, n = 0, nerr = 0;
	DIR *dp;

	if (!dir)
		TEST_SKIP("BPFKIT_PROGS_DIR not set");
	dp = opendir(dir);
	ASSERT_PTR(dp);
	out_path(out, sizeof(out), "each");
	old_print = libbpf_set_print(NULL);
	while ((de = readdir(dp))) {
		size_t len = strlen(de->d_name);

		if (len < 6 || strcmp(de->d_name + len - 6, ".bpf.o"))
			continue;
		snprintf(in, sizeof(in), "%s/%s", dir, de->d_name);
		if (describe(in, d_in, sizeof(d_in)))
			continue;	/* bad on purpose */
		l = bpf_linker__new(out, NULL);
		err = l ? bpf_linker__add_file(l, in, NULL) : -errno;
		if (!err)
			err = bpf_linker__finalize(l);
		bpf_linker__free(l);
		if (!err)
			err = describe(out, d_out, sizeof(d_out));
		if (err || strcmp(d_in, d_out)) {
			nerr++;
			snprintf(bad, sizeof(bad), "%.100s: %d '%.150s' vs '%.150s'",
				 de->d_name, err, d_in, d_out);
		}
		n++;
	}
	closedir(dp);
	libbpf_set_print(old_print);
	unlink(out);
	ASSERT_GT(n, 10);
	ASSERT_TRUE_MSG(nerr == 0, "%d objects differ, last %s", nerr, bad);
}

/* After an input failed half-way, the linker refuses more and writes nothing. */
TEST(bad_broken_linker)
{
	struct bpf_linker *l;
	char out[128];
	int e1, e2, e3, e4;

	out_path(out, sizeof(out), "broken");
	l = bpf_linker__new(out, NULL);
	ASSERT_PTR(l);
	e1 = bpf_linker__add_file(l, test_prog_path("linker_b.bpf.o"), NULL);
	e2 = bpf_linker__add_file(l, test_prog_path("linker_bad_dup.bpf.o"),
				  NULL);
	e3 = bpf_linker__add_file(l, test_prog_path("linker_a.bpf.o"), NULL);
	e4 = bpf_linker__finalize(l);
	bpf_linker__free(l);
	unlink(out);
	ASSERT_OK(e1);
	ASSERT_EQ(e2, -EINVAL);
	ASSERT_EQ(e3, -EINVAL);
	ASSERT_LOG("an earlier input failed, not adding");
	ASSERT_EQ(e4, -EINVAL);
	ASSERT_LOG("an input failed, not writing");
}
