// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * bpf_object__gen_loader() and <bpf/skel_internal.h>: an object is
 * "loaded" into a loader program, whose context is laid out here by hand
 * the way a light skeleton does it, then run with bpf_load_and_run(); the
 * maps and programs it creates are checked against the kernel and used.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <stddef.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <bpf/skel_internal.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#include "test.h"

#define LSK_MAX 16

/* skel_internal.h's own attr layouts are prefixes of union bpf_attr */
#define LSK_SAME(s, f)							\
	_Static_assert(offsetof(struct s, f) == offsetof(union bpf_attr, f), #f)
LSK_SAME(skel_map_create_attr, map_name);
LSK_SAME(skel_map_create_attr, map_extra);
LSK_SAME(skel_map_create_attr, excl_prog_hash);
LSK_SAME(skel_map_create_attr, excl_prog_hash_size);
LSK_SAME(skel_prog_load_attr, log_buf);
LSK_SAME(skel_prog_load_attr, prog_name);
LSK_SAME(skel_prog_load_attr, func_info);
LSK_SAME(skel_prog_load_attr, attach_prog_fd);
LSK_SAME(skel_prog_load_attr, fd_array);
LSK_SAME(skel_prog_load_attr, core_relo_rec_size);
LSK_SAME(skel_prog_load_attr, fd_array_cnt);
LSK_SAME(skel_prog_load_attr, signature);
LSK_SAME(skel_prog_load_attr, keyring_id);
_Static_assert(sizeof(struct bpf_map_desc) == 16, "bpf_map_desc");
_Static_assert(offsetof(struct bpf_map_desc, initial_value) == 8, "initial_value");
_Static_assert(sizeof(struct bpf_loader_ctx) == 24, "bpf_loader_ctx");
_Static_assert(offsetof(struct bpf_load_and_run_opts, errstr) == 32, "errstr");
_Static_assert(offsetof(struct bpf_load_and_run_opts, excl_prog_hash) == 56, "excl");

struct lsk {
	struct bpf_object *obj;
	struct gen_loader_opts gopts;
	struct bpf_loader_ctx *ctx;
	struct bpf_map_desc *maps;
	struct bpf_prog_desc *progs;
	int nr_maps, nr_progs;
	const char *map_names[LSK_MAX];
	const char *prog_names[LSK_MAX];
	void *data[LSK_MAX];		/* finalized mappings of data maps */
	size_t mmap_sz[LSK_MAX];
	char *log;
};

static size_t lsk_page_up(size_t sz)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);

	return (sz + page - 1) / page * page;
}

/* open + gen_loader + load: the blobs in l->gopts */
static int lsk_gen_opts(struct lsk *l, const char *file,
			const struct bpf_object_open_opts *opts)
{
	int err;

	memset(l, 0, sizeof(*l));
	l->gopts.sz = sizeof(l->gopts);
	l->obj = bpf_object__open_file(test_prog_path(file), opts);
	if (!l->obj)
		return -errno;
	err = bpf_object__gen_loader(l->obj, &l->gopts);
	if (err)
		return err;
	return bpf_object__load(l->obj);
}

static int lsk_gen(struct lsk *l, const char *file)
{
	return lsk_gen_opts(l, file, NULL);
}

/* The context a light skeleton would have: header, map descs, prog descs. */
static int lsk_ctx(struct lsk *l)
{
	struct bpf_program *prog;
	struct bpf_map *map;
	size_t sz;
	int i = 0;

	bpf_object__for_each_map(map, l->obj) {
		if (l->nr_maps == LSK_MAX)
			return -E2BIG;
		l->map_names[l->nr_maps++] = bpf_map__name(map);
	}
	bpf_object__for_each_program(prog, l->obj) {
		if (l->nr_progs == LSK_MAX)
			return -E2BIG;
		l->prog_names[l->nr_progs++] = bpf_program__name(prog);
	}
	sz = sizeof(*l->ctx) + l->nr_maps * sizeof(struct bpf_map_desc) +
	     l->nr_progs * sizeof(struct bpf_prog_desc);
	l->ctx = skel_alloc(sz);
	if (!l->ctx)
		return -ENOMEM;
	l->ctx->sz = (__u32)sz;
	l->maps = (void *)(l->ctx + 1);
	l->progs = (void *)(l->maps + l->nr_maps);
	bpf_object__for_each_map(map, l->obj) {
		size_t vsz = 0;
		const void *init = bpf_map__initial_value(map, &vsz);
		void *copy;

		if (init && bpf_map__is_internal(map)) {
			l->mmap_sz[i] = lsk_page_up(vsz);
			copy = skel_prep_map_data(init, l->mmap_sz[i], vsz);
			if (!copy)
				return -ENOMEM;
			l->maps[i].initial_value = (__u64)(long)copy;
		}
		i++;
	}
	return 0;
}

static int lsk_map_idx(const struct lsk *l, const char *suffix)
{
	size_t n = strlen(suffix);
	int i;

	for (i = 0; i < l->nr_maps; i++) {
		size_t m = strlen(l->map_names[i]);

		if (m >= n && !strcmp(l->map_names[i] + m - n, suffix))
			return i;
	}
	return -1;
}

static int lsk_prog_fd(const struct lsk *l, const char *name)
{
	int i;

	for (i = 0; i < l->nr_progs; i++)
		if (!strcmp(l->prog_names[i], name))
			return l->progs[i].prog_fd;
	return -1;
}

/* the user copy of a data map (before the load), or its mapping (after) */
static void *lsk_data(const struct lsk *l, const char *suffix)
{
	int i = lsk_map_idx(l, suffix);

	if (i < 0)
		return NULL;
	if (l->data[i])
		return l->data[i];
	return (void *)(long)l->maps[i].initial_value;
}

/* a global variable by name, through the DATASEC of its section */
static void *lsk_var(const struct lsk *l, const char *sec, const char *name)
{
	const struct btf *btf = bpf_object__btf(l->obj);
	const struct btf_var_secinfo *vs;
	const struct btf_type *t;
	char *base = lsk_data(l, sec);
	int id, i;

	id = btf__find_by_name_kind(btf, sec, BTF_KIND_DATASEC);
	if (id <= 0 || !base)
		return NULL;
	t = btf__type_by_id(btf, id);
	vs = btf_var_secinfos(t);
	for (i = 0; i < btf_vlen(t); i++, vs++) {
		const struct btf_type *v = btf__type_by_id(btf, vs->type);

		if (!strcmp(btf__name_by_offset(btf, v->name_off), name))
			return base + vs->offset;
	}
	return NULL;
}

static int lsk_run(struct lsk *l, const char **errstr)
{
	struct bpf_load_and_run_opts opts = {};
	int err;

	opts.ctx = l->ctx;
	opts.data = l->gopts.data;
	opts.data_sz = l->gopts.data_sz;
	opts.insns = l->gopts.insns;
	opts.insns_sz = l->gopts.insns_sz;
	err = bpf_load_and_run(&opts);
	if (errstr)
		*errstr = opts.errstr;
	return err;
}

/* what the skeleton does after the load: data maps mmaped */
static int lsk_finalize(struct lsk *l)
{
	int i;

	for (i = 0; i < l->nr_maps; i++) {
		int prot = PROT_READ | PROT_WRITE;

		if (!l->mmap_sz[i])
			continue;
		if (strstr(l->map_names[i], ".rodata") ||
		    strstr(l->map_names[i], ".kconfig"))
			prot = PROT_READ;
		l->data[i] = skel_finalize_map_data(&l->maps[i].initial_value,
						    l->mmap_sz[i], prot,
						    l->maps[i].map_fd);
		if (!l->data[i])
			return -errno;
	}
	return 0;
}

static void lsk_close(struct lsk *l)
{
	int i;

	if (l->ctx) {
		for (i = 0; i < l->nr_progs; i++)
			skel_closenz(l->progs[i].prog_fd);
		for (i = 0; i < l->nr_maps; i++) {
			if (l->mmap_sz[i])
				skel_free_map_data(l->data[i], l->maps[i].initial_value,
						   l->mmap_sz[i]);
			skel_closenz(l->maps[i].map_fd);
		}
	}
	skel_free(l->ctx);
	free(l->log);
	bpf_object__close(l->obj);
	memset(l, 0, sizeof(*l));
}

static int lsk_map_info(int fd, struct bpf_map_info *info)
{
	__u32 len = sizeof(*info);

	memset(info, 0, sizeof(*info));
	return bpf_map_get_info_by_fd(fd, info, &len);
}

/* everything lskel_gen.bpf.c has, checked map by map */
static void check_maps(struct lsk *l)
{
	static const struct {
		const char *suffix;
		__u32 type, key, value, max;
	} want[] = {
		{ "by_tgid", BPF_MAP_TYPE_HASH, 4, 8, 16 },
		{ "counts", BPF_MAP_TYPE_ARRAY, 4, 8, 4 },
		{ "events", BPF_MAP_TYPE_RINGBUF, 0, 0, 4096 },
		{ ".rodata", BPF_MAP_TYPE_ARRAY, 4, 8, 1 },
		{ ".data", BPF_MAP_TYPE_ARRAY, 4, 4, 1 },
		{ ".bss", BPF_MAP_TYPE_ARRAY, 4, 24, 1 },
	};
	struct bpf_map_info info;
	size_t i;

	ASSERT_EQ(l->nr_maps, 6);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		int idx = lsk_map_idx(l, want[i].suffix);

		ASSERT_TRUE_MSG(idx >= 0, "no map '%s'", want[i].suffix);
		ASSERT_GT(l->maps[idx].map_fd, 0);
		ASSERT_OK(lsk_map_info(l->maps[idx].map_fd, &info));
		ASSERT_EQ(info.type, want[i].type);
		ASSERT_EQ(info.key_size, want[i].key);
		ASSERT_EQ(info.value_size, want[i].value);
		ASSERT_EQ(info.max_entries, want[i].max);
		ASSERT_TRUE_MSG(!strncmp(info.name, l->map_names[idx], 15),
				"map name '%s' vs '%s'", info.name, l->map_names[idx]);
		if (want[i].suffix[0] == '.') {
			ASSERT_TRUE(info.map_flags & BPF_F_MMAPABLE);
			ASSERT_GT(info.btf_id, 0);	/* created with the object BTF */
		}
	}
}

TEST(gen_loader_load_and_run)
{
	struct lsk l;
	const char *errstr = NULL;
	int ro, zero = 0, xdp_fd, raw_link, btf_link, i, err;
	unsigned char pkt[64] = { 0 };
	__u32 tgid = (__u32)getpid();
	__u64 ro_val = 0, cnt = 0, *raw_hits, *btf_hits;
	__u32 *xdp_runs;
	int *core_tgid;
	char *ro_copy;
	LIBBPF_OPTS(bpf_test_run_opts, topts, .data_in = pkt,
		    .data_size_in = sizeof(pkt));

	ASSERT_OK(lsk_gen(&l, "lskel_gen.bpf.o"));
	ASSERT_TRUE(l.gopts.insns && l.gopts.insns_sz);
	ASSERT_TRUE(l.gopts.data && l.gopts.data_sz);
	ASSERT_EQ(l.gopts.insns_sz % sizeof(struct bpf_insn), 0);
	/* the recording created nothing in the kernel */
	ASSERT_LT(bpf_map__fd(bpf_object__find_map_by_name(l.obj, "counts")), 0);
	ASSERT_OK(lsk_ctx(&l));
	ASSERT_EQ(l.nr_progs, 3);

	/* initial values as the skeleton would change them before load */
	*(int *)lsk_var(&l, ".rodata", "target_tgid") = (int)tgid;
	*(int *)lsk_var(&l, ".data", "step") = 5;
	ro_copy = lsk_data(&l, ".rodata");

	err = lsk_run(&l, &errstr);
	ASSERT_TRUE_MSG(err == 0, "bpf_load_and_run: %d (%s)", err,
			errstr ? errstr : "-");
	check_maps(&l);
	for (i = 0; i < l.nr_progs; i++)
		ASSERT_GT(l.progs[i].prog_fd, 0);

	/* .rodata: frozen, holding the values given before the load */
	ro = l.maps[lsk_map_idx(&l, ".rodata")].map_fd;
	ASSERT_OK(bpf_map_lookup_elem(ro, &zero, &ro_val));
	ASSERT_EQ(memcmp(&ro_val, ro_copy, sizeof(ro_val)), 0);
	ASSERT_ERR(bpf_map_update_elem(ro, &zero, &ro_val, 0), -EPERM);

	ASSERT_OK(lsk_finalize(&l));
	ASSERT_EQ(*(int *)lsk_var(&l, ".rodata", "target_tgid"), (int)tgid);
	ASSERT_EQ(*(__u32 *)lsk_var(&l, ".rodata", "xdp_verdict"), XDP_PASS);
	ASSERT_EQ(*(int *)lsk_var(&l, ".data", "step"), 5);
	raw_hits = lsk_var(&l, ".bss", "raw_hits");
	btf_hits = lsk_var(&l, ".bss", "btf_hits");
	core_tgid = lsk_var(&l, ".bss", "core_tgid");
	xdp_runs = lsk_var(&l, ".bss", "xdp_runs");
	ASSERT_TRUE(raw_hits && btf_hits && core_tgid && xdp_runs);

	/* the XDP program runs and writes .bss */
	xdp_fd = lsk_prog_fd(&l, "lskel_xdp");
	ASSERT_GT(xdp_fd, 0);
	ASSERT_OK(bpf_prog_test_run_opts(xdp_fd, &topts));
	ASSERT_EQ(topts.retval, XDP_PASS);
	ASSERT_EQ(*xdp_runs, 1);

	/* both tracepoints count this process's getppid() (step 5 each) */
	raw_link = skel_raw_tracepoint_open("sys_enter", lsk_prog_fd(&l, "lskel_raw"));
	ASSERT_FD(raw_link);
	btf_link = skel_raw_tracepoint_open(NULL, lsk_prog_fd(&l, "lskel_btf"));
	if (btf_link < 0)
		close(raw_link);
	ASSERT_FD(btf_link);
	syscall(__NR_getppid);
	close(raw_link);
	close(btf_link);
	ASSERT_GE(*raw_hits, 5);
	ASSERT_EQ(*raw_hits % 5, 0);
	ASSERT_GE(*btf_hits, 5);
	ASSERT_EQ(*core_tgid, (int)tgid);	/* CO-RE read relocated by the kernel */
	ASSERT_OK(bpf_map_lookup_elem(l.maps[lsk_map_idx(&l, "by_tgid")].map_fd,
				      &tgid, &cnt));
	ASSERT_GE(cnt, 2);
	lsk_close(&l);
}

static bool lsk_no_fds_left(const struct lsk *l)
{
	int i;

	for (i = 0; i < l->nr_maps; i++)
		if (l->maps[i].map_fd)
			return false;
	for (i = 0; i < l->nr_progs; i++)
		if (l->progs[i].prog_fd)
			return false;
	return true;
}

TEST(gen_loader_bad_args)
{
	struct gen_loader_opts opts = { .sz = sizeof(opts) };
	struct {
		struct gen_loader_opts o;
		long future;
	} big = { .o.sz = sizeof(big), .future = 1 };
	struct bpf_object *obj;

	ASSERT_ERR(bpf_object__gen_loader(NULL, &opts), -EINVAL);
	obj = bpf_object__open_file(test_prog_path("lskel_gen.bpf.o"), NULL);
	ASSERT_PTR(obj);
	ASSERT_ERR(bpf_object__gen_loader(obj, NULL), -EFAULT);
	/* an options struct from a newer header asking for unknown things */
	ASSERT_ERR(bpf_object__gen_loader(obj, &big.o), -EINVAL);
	opts.gen_hash = true;
	test_log_clear();
	ASSERT_ERR(bpf_object__gen_loader(obj, &opts), -EOPNOTSUPP);
	ASSERT_LOG("object 'lskel_gen': light skeleton: gen_hash");
	opts.gen_hash = false;
	/* a second call before the load replaces the first */
	ASSERT_OK(bpf_object__gen_loader(obj, &opts));
	ASSERT_OK(bpf_object__gen_loader(obj, &opts));
	ASSERT_OK(bpf_object__load(obj));
	ASSERT_TRUE(opts.insns && opts.insns_sz && opts.data && opts.data_sz);
	/* the recording is done: too late for another one */
	ASSERT_ERR(bpf_object__gen_loader(obj, &opts), -EBUSY);
	ASSERT_ERR(bpf_object__load(obj), -EINVAL);
	bpf_object__close(obj);
}

TEST(gen_loader_after_real_load)
{
	struct gen_loader_opts opts = { .sz = sizeof(opts) };
	struct bpf_object *obj;

	obj = bpf_object__open_file(test_prog_path("lskel_gen.bpf.o"), NULL);
	ASSERT_PTR(obj);
	ASSERT_OK(bpf_object__load(obj));
	test_log_clear();
	ASSERT_ERR(bpf_object__gen_loader(obj, &opts), -EBUSY);
	ASSERT_LOG("object 'lskel_gen': light skeleton: gen_loader must come before");
	ASSERT_TRUE(!opts.insns && !opts.data);
	bpf_object__close(obj);
}

TEST(gen_loader_bad_log_buffer)
{
	const char *errstr = NULL;
	struct lsk l;
	int err;

	char buf[256];

	ASSERT_OK(lsk_gen(&l, "lskel_gen.bpf.o"));
	ASSERT_OK(lsk_ctx(&l));
	/* a buffer without a size (a level without either is allowed
	 * since Linux 6.4: it only asks for the log's true size) */
	l.ctx->log_level = 1;
	l.ctx->log_size = 0;
	l.ctx->log_buf = (__u64)(long)buf;
	err = lsk_run(&l, &errstr);
	ASSERT_EQ(err, -EINVAL);
	ASSERT_PTR(errstr);
	ASSERT_TRUE(lsk_no_fds_left(&l));
	/* a level the kernel does not know */
	l.ctx->log_level = 0x1000;
	l.ctx->log_size = sizeof(buf);
	errstr = NULL;
	err = lsk_run(&l, &errstr);
	ASSERT_EQ(err, -EINVAL);
	ASSERT_PTR(errstr);
	ASSERT_TRUE(lsk_no_fds_left(&l));
	lsk_close(&l);
}

TEST(gen_loader_small_ctx)
{
	const char *errstr = NULL;
	struct lsk l;
	int err;

	ASSERT_OK(lsk_gen(&l, "lskel_gen.bpf.o"));
	ASSERT_OK(lsk_ctx(&l));
	l.ctx->sz = sizeof(*l.ctx);	/* no room for the descriptors */
	err = lsk_run(&l, &errstr);
	ASSERT_EQ(err, -EINVAL);
	ASSERT_PTR(errstr);
	ASSERT_TRUE(lsk_no_fds_left(&l));
	/* kernel skeletons are not what this loader makes */
	l.ctx->sz = (__u32)(sizeof(*l.ctx) + l.nr_maps * sizeof(struct bpf_map_desc) +
			    l.nr_progs * sizeof(struct bpf_prog_desc));
	l.ctx->flags = BPF_SKEL_KERNEL;
	errstr = NULL;
	err = lsk_run(&l, &errstr);
	ASSERT_EQ(err, -EOPNOTSUPP);
	ASSERT_PTR(errstr);
	ASSERT_TRUE(lsk_no_fds_left(&l));
	lsk_close(&l);
}

/*
 * The verifier refuses the last program: the loader returns the kernel's
 * error, the log has the verifier's words, and everything created before
 * (BTF, map, global data, the first program) is closed again.
 */
TEST(gen_loader_verifier_refuses)
{
	const char *errstr = NULL;
	struct lsk l;
	int err;

	ASSERT_OK(lsk_gen(&l, "lskel_gen_bad.bpf.o"));
	ASSERT_OK(lsk_ctx(&l));
	ASSERT_EQ(l.nr_progs, 2);
	l.log = calloc(1, 1 << 20);
	ASSERT_PTR(l.log);
	l.ctx->log_level = 1;
	l.ctx->log_size = 1 << 20;
	l.ctx->log_buf = (__u64)(long)l.log;
	err = lsk_run(&l, &errstr);
	ASSERT_EQ(err, -EACCES);
	ASSERT_PTR(errstr);
	ASSERT_TRUE_MSG(strstr(l.log, "invalid access to packet") != NULL,
			"verifier log: %.2000s", l.log);
	ASSERT_TRUE(lsk_no_fds_left(&l));
	lsk_close(&l);
}

/* What the generator cannot do is refused at load, naming object and feature. */
TEST(gen_loader_unsupported)
{
	static const struct {
		const char *file, *obj, *what;
	} cases[] = {
		{ "obj_pinned.bpf.o", "obj_pinned", "pinned or reused map" },
		{ "obj_struct_ops.bpf.o", "obj_struct_ops", "struct_ops map" },
	};
	char want[128];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct lsk l;

		test_log_clear();
		ASSERT_ERR(lsk_gen(&l, cases[i].file), -EOPNOTSUPP);
		snprintf(want, sizeof(want), "object '%s': light skeleton: %s",
			 cases[i].obj, cases[i].what);
		ASSERT_LOG(want);
		ASSERT_TRUE(!l.gopts.insns && !l.gopts.data);
		lsk_close(&l);
	}
}

TEST(gen_loader_unsupported_exclusive_map)
{
	struct gen_loader_opts opts = { .sz = sizeof(opts) };
	struct bpf_object *obj;

	obj = bpf_object__open_file(test_prog_path("obj_excl.bpf.o"), NULL);
	ASSERT_PTR(obj);
	ASSERT_OK(bpf_object__gen_loader(obj, &opts));
	ASSERT_OK(bpf_map__set_exclusive_program(bpf_object__find_map_by_name(obj, "excl_map"),
			bpf_object__find_program_by_name(obj, "owner")));
	test_log_clear();
	ASSERT_ERR(bpf_object__load(obj), -EOPNOTSUPP);
	ASSERT_LOG("object 'obj_excl': light skeleton: exclusive map 'excl_map'");
	ASSERT_TRUE(!opts.insns && !opts.data);
	bpf_object__close(obj);
}

/*
 * A header from the reference bpftool (bpftool gen skeleton -L), compiled
 * with -Wall -Werror against our <bpf/skel_internal.h>, then run twice:
 * with its own blobs (the reference libbpf's loader, run by our
 * bpf_load_and_run) and with ours in its struct layout (our loader reads
 * and fills the context the reference skeleton lays out).
 */
static const char lsk_driver[] =
"#include <stdio.h>\n"
"#include <dirent.h>\n"
"#include <sys/syscall.h>\n"
"#include \"lskel_gen.lskel.h\"\n"
"\n"
"static void *slurp(const char *path, __u32 *sz)\n"
"{\n"
"	FILE *f = fopen(path, \"rb\");\n"
"	static char buf[2][1 << 20];\n"
"	static int n;\n"
"	char *p = buf[n++ & 1];\n"
"\n"
"	if (!f)\n"
"		return NULL;\n"
"	*sz = (__u32)fread(p, 1, sizeof(buf[0]), f);\n"
"	fclose(f);\n"
"	return p;\n"
"}\n"
"\n"
"static int nr_fds(void)\n"
"{\n"
"	DIR *d = opendir(\"/proc/self/fd\");\n"
"	int n = 0;\n"
"\n"
"	while (d && readdir(d))\n"
"		n++;\n"
"	if (d)\n"
"		closedir(d);\n"
"	return n;\n"
"}\n"
"\n"
"int main(int argc, char **argv)\n"
"{\n"
"	struct bpf_load_and_run_opts opts = {};\n"
"	struct lskel_gen *skel;\n"
"	int fds = nr_fds(), err;\n"
"\n"
"	if (argc != 3)\n"
"		return 2;\n"
"	skel = lskel_gen__open_and_load();\n"
"	if (!skel)\n"
"		return 10;\n"
"	lskel_gen__destroy(skel);\n"
"	if (nr_fds() != fds)\n"
"		return 11;\n"
"\n"
"	skel = lskel_gen__open();\n"
"	if (!skel)\n"
"		return 12;\n"
"	skel->rodata->target_tgid = getpid();\n"
"	skel->data->step = 7;\n"
"	opts.ctx = (struct bpf_loader_ctx *)skel;\n"
"	opts.data = slurp(argv[1], &opts.data_sz);\n"
"	opts.insns = slurp(argv[2], &opts.insns_sz);\n"
"	err = bpf_load_and_run(&opts);\n"
"	if (err) {\n"
"		fprintf(stderr, \"bpf_load_and_run: %d (%s)\\n\", err, opts.errstr);\n"
"		return 13;\n"
"	}\n"
"	skel->rodata = skel_finalize_map_data(&skel->maps.rodata.initial_value,\n"
"			4096, PROT_READ, skel->maps.rodata.map_fd);\n"
"	skel->data = skel_finalize_map_data(&skel->maps.data.initial_value,\n"
"			4096, PROT_READ | PROT_WRITE, skel->maps.data.map_fd);\n"
"	skel->bss = skel_finalize_map_data(&skel->maps.bss.initial_value,\n"
"			4096, PROT_READ | PROT_WRITE, skel->maps.bss.map_fd);\n"
"	if (!skel->rodata || !skel->data || !skel->bss)\n"
"		return 14;\n"
"	if (skel->rodata->target_tgid != getpid() || skel->data->step != 7)\n"
"		return 15;\n"
"	if (lskel_gen__attach(skel))\n"
"		return 16;\n"
"	syscall(__NR_getppid);\n"
"	lskel_gen__detach(skel);\n"
"	if (skel->bss->raw_hits < 7 || skel->bss->btf_hits < 7 ||\n"
"	    skel->bss->core_tgid != getpid()) {\n"
"		fprintf(stderr, \"hits %llu %llu tgid %d\\n\",\n"
"			(unsigned long long)skel->bss->raw_hits,\n"
"			(unsigned long long)skel->bss->btf_hits, skel->bss->core_tgid);\n"
"		return 17;\n"
"	}\n"
"	lskel_gen__destroy(skel);\n"
"	return nr_fds() == fds ? 0 : 18;\n"
"}\n";

static int lsk_write(const char *path, const void *p, size_t sz)
{
	FILE *f = fopen(path, "wb");
	int err = 0;

	if (!f)
		return -errno;
	if (fwrite(p, 1, sz, f) != sz)
		err = -EIO;
	if (fclose(f) && !err)
		err = -errno;
	return err;
}

TEST(gen_loader_reference_lskel_header)
{
	char dir[] = "/tmp/gen_loader.XXXXXX", cmd[4096], path[256];
	char inc[1024], uapi[1024];
	const char *bpftool = "/usr/sbin/bpftool";
	struct lsk l;
	int rc;

	if (access(bpftool, X_OK))
		TEST_SKIP("reference bpftool (%s) absent: lskel header compile test skipped",
			  bpftool);
	if (system("command -v cc >/dev/null 2>&1"))
		TEST_SKIP("no C compiler (cc): lskel header compile test skipped");
	ASSERT_PTR(mkdtemp(dir));
	ASSERT_OK(lsk_gen(&l, "lskel_gen.bpf.o"));
	snprintf(path, sizeof(path), "%s/data.bin", dir);
	ASSERT_OK(lsk_write(path, l.gopts.data, l.gopts.data_sz));
	snprintf(path, sizeof(path), "%s/insns.bin", dir);
	ASSERT_OK(lsk_write(path, l.gopts.insns, l.gopts.insns_sz));
	lsk_close(&l);
	snprintf(path, sizeof(path), "%s/driver.c", dir);
	ASSERT_OK(lsk_write(path, lsk_driver, sizeof(lsk_driver) - 1));

	snprintf(cmd, sizeof(cmd), "%s gen skeleton -L %s name lskel_gen > %s/lskel_gen.lskel.h",
		 bpftool, test_prog_path("lskel_gen.bpf.o"), dir);
	rc = system(cmd);
	ASSERT_TRUE_MSG(rc == 0, "%s: status %d", cmd, rc);
	snprintf(inc, sizeof(inc), "%s", test_src_path("lib/include"));
	snprintf(uapi, sizeof(uapi), "%s", test_src_path("include/uapi"));
	/* with the system's (older) <linux/bpf.h>, as users build it */
	snprintf(cmd, sizeof(cmd),
		 "cc -Wall -Werror -I%s -o %s/driver %s/driver.c 2>&1",
		 inc, dir, dir);
	rc = system(cmd);
	ASSERT_TRUE_MSG(rc == 0, "%s: status %d", cmd, rc);
	/* and with ours (Linux 6.18) */
	snprintf(cmd, sizeof(cmd),
		 "cc -Wall -Werror -I%s -I%s -o %s/driver %s/driver.c 2>&1",
		 inc, uapi, dir, dir);
	rc = system(cmd);
	ASSERT_TRUE_MSG(rc == 0, "%s: status %d", cmd, rc);
	snprintf(cmd, sizeof(cmd), "%s/driver %s/data.bin %s/insns.bin", dir, dir, dir);
	rc = system(cmd);
	ASSERT_TRUE_MSG(rc == 0, "%s: exit status %d", cmd,
			WIFEXITED(rc) ? WEXITSTATUS(rc) : -1);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ASSERT_OK(system(cmd));
}

/*
 * kfuncs looked up by the loader in the running kernel: the calls are
 * patched, a weak kfunc that exists reads as present, one that does not
 * as absent (its call dead code).
 */
TEST(gen_loader_kfuncs)
{
	const char *errstr = NULL;
	struct lsk l;
	int err, fd, *has_acquire, *has_missing;
	LIBBPF_OPTS(bpf_test_run_opts, topts);

	ASSERT_OK(lsk_gen(&l, "obj_kfuncs.bpf.o"));
	ASSERT_OK(lsk_ctx(&l));
	err = lsk_run(&l, &errstr);
	ASSERT_TRUE_MSG(err == 0, "bpf_load_and_run: %d (%s)", err,
			errstr ? errstr : "-");
	ASSERT_OK(lsk_finalize(&l));
	fd = lsk_prog_fd(&l, "use_kfuncs");
	ASSERT_GT(fd, 0);
	ASSERT_OK(bpf_prog_test_run_opts(fd, &topts));
	has_acquire = lsk_var(&l, ".data", "has_acquire");
	has_missing = lsk_var(&l, ".data", "has_missing");
	ASSERT_TRUE(has_acquire && has_missing);
	ASSERT_EQ(*has_acquire, 1);
	ASSERT_EQ(*has_missing, 0);
	lsk_close(&l);
}

/* .kconfig values (of the generating machine), typeless ksyms from kallsyms */
TEST(gen_loader_kconfig_ksyms)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts,
		    .kconfig = "CONFIG_BPFKIT_EXTRA=0x2a\nCONFIG_HZ=1000");
	LIBBPF_OPTS(bpf_test_run_opts, topts);
	const char *errstr = NULL;
	struct lsk l;
	int err, fd;

	ASSERT_OK(lsk_gen_opts(&l, "obj_externs.bpf.o", &opts));
	ASSERT_OK(lsk_ctx(&l));
	ASSERT_TRUE(lsk_map_idx(&l, ".kconfig") >= 0);
	err = lsk_run(&l, &errstr);
	ASSERT_TRUE_MSG(err == 0, "bpf_load_and_run: %d (%s)", err,
			errstr ? errstr : "-");
	ASSERT_OK(lsk_finalize(&l));
	fd = lsk_prog_fd(&l, "read_externs");
	ASSERT_GT(fd, 0);
	ASSERT_OK(bpf_prog_test_run_opts(fd, &topts));
	ASSERT_EQ(*(int *)lsk_var(&l, ".bss", "out_hz"), 1000);
	ASSERT_EQ(*(int *)lsk_var(&l, ".bss", "out_extra"), 42);
	ASSERT_EQ(*(int *)lsk_var(&l, ".data", "out_missing"), 0);
	ASSERT_NE(*(__u64 *)lsk_var(&l, ".bss", "out_fops"), 0);	/* _stext */
	ASSERT_EQ(*(__u64 *)lsk_var(&l, ".data", "out_nosym"), 0);	/* weak, missing */
	lsk_close(&l);
}

static int lsk_map_id(int fd)
{
	struct bpf_map_info info;

	return lsk_map_info(fd, &info) ? -1 : (int)info.id;
}

/*
 * Map-in-map (inner template, initial inner maps) and a prog array whose
 * slot the loader fills with a program it loaded: the tail call works.
 */
TEST(gen_loader_map_in_map_prog_array)
{
	unsigned char pkt[64] = { 0 };
	LIBBPF_OPTS(bpf_test_run_opts, topts, .data_in = pkt,
		    .data_size_in = sizeof(pkt));
	const char *errstr = NULL;
	__u32 key, id, val = 0;
	__u64 v64 = 0;
	struct bpf_prog_info pinfo;
	__u32 len = sizeof(pinfo);
	struct lsk l;
	int err, outer, inner_b;

	ASSERT_OK(lsk_gen(&l, "obj_maps.bpf.o"));
	ASSERT_OK(lsk_ctx(&l));
	err = lsk_run(&l, &errstr);
	ASSERT_TRUE_MSG(err == 0, "bpf_load_and_run: %d (%s)", err,
			errstr ? errstr : "-");
	outer = l.maps[lsk_map_idx(&l, "outer_arr")].map_fd;
	inner_b = l.maps[lsk_map_idx(&l, "inner_b")].map_fd;
	key = 0;
	ASSERT_OK(bpf_map_lookup_elem(outer, &key, &id));
	ASSERT_EQ((int)id, lsk_map_id(l.maps[lsk_map_idx(&l, "inner_a")].map_fd));
	key = 2;
	ASSERT_OK(bpf_map_lookup_elem(outer, &key, &id));
	ASSERT_EQ((int)id, lsk_map_id(inner_b));
	key = 1;
	ASSERT_ERR(bpf_map_lookup_elem(outer, &key, &id), -ENOENT);
	/* prog array slot 1: tail_target */
	key = 1;
	ASSERT_OK(bpf_map_lookup_elem(l.maps[lsk_map_idx(&l, "jmp_table")].map_fd,
				      &key, &id));
	memset(&pinfo, 0, sizeof(pinfo));
	ASSERT_OK(bpf_prog_get_info_by_fd(lsk_prog_fd(&l, "tail_target"), &pinfo, &len));
	ASSERT_EQ(id, pinfo.id);

	ASSERT_OK(bpf_prog_test_run_opts(lsk_prog_fd(&l, "use_maps"), &topts));
	ASSERT_EQ(topts.retval, XDP_TX);	/* the tail call happened */
	key = 3;
	ASSERT_OK(bpf_map_lookup_elem(l.maps[lsk_map_idx(&l, "array_map")].map_fd,
				      &key, &v64));
	ASSERT_EQ(v64, 0x7a11);
	key = 0;
	ASSERT_OK(bpf_map_lookup_elem(inner_b, &key, &val));
	ASSERT_EQ(val, 99);
	lsk_close(&l);
}

/*
 * Recording never talks to the kernel: in a child whose bpf() calls all
 * fail (seccomp), open + gen_loader + load still produce the blobs.
 */
static int lsk_forbid_bpf(void)
{
	struct sock_filter filter[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_bpf, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {
		.len = sizeof(filter) / sizeof(filter[0]),
		.filter = filter,
	};

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -errno;
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog))
		return -errno;
	return 0;
}

TEST(gen_loader_records_without_bpf)
{
	static const char *const files[] = {
		"lskel_gen.bpf.o", "obj_kfuncs.bpf.o", "obj_maps.bpf.o",
	};
	int status = 0;
	pid_t pid;

	pid = fork();
	ASSERT_TRUE(pid >= 0);
	if (!pid) {
		size_t i;

		if (lsk_forbid_bpf())
			_exit(2);
		if (syscall(__NR_bpf, BPF_MAP_CREATE, NULL, 0) != -1 || errno != ENOSYS)
			_exit(3);
		for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
			struct lsk l;

			if (lsk_gen(&l, files[i]) || !l.gopts.insns_sz)
				_exit(10 + (int)i);
			lsk_close(&l);
		}
		_exit(0);
	}
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	ASSERT_TRUE_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
			"child status %d", status);
}

/* a BPF iterator: its target (bpf_iter_task) is looked up as a FUNC */
TEST(gen_loader_iter)
{
	const char *errstr = NULL;
	struct bpf_prog_info info;
	__u32 len = sizeof(info);
	struct lsk l;
	int err, i;

	ASSERT_OK(lsk_gen(&l, "bpftool_misc_iter.bpf.o"));
	ASSERT_OK(lsk_ctx(&l));
	err = lsk_run(&l, &errstr);
	ASSERT_TRUE_MSG(err == 0, "bpf_load_and_run: %d (%s)", err,
			errstr ? errstr : "-");
	for (i = 0; i < l.nr_progs; i++) {
		ASSERT_GT(l.progs[i].prog_fd, 0);
		memset(&info, 0, sizeof(info));
		ASSERT_OK(bpf_prog_get_info_by_fd(l.progs[i].prog_fd, &info, &len));
		ASSERT_EQ(info.type, BPF_PROG_TYPE_TRACING);
	}
	lsk_close(&l);
}
