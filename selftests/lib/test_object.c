// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* bpf_object: open, load and run real objects; programs and subprograms. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/bpf.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <bpf/btf.h>
#include <elf.h>

#include "test.h"

static struct bpf_map *find_bss(struct bpf_object *obj)
{
	return bpf_object__find_map_by_name(obj, ".bss");
}

static int run_prog(struct bpf_program *prog, __u32 *retval)
{
	unsigned char pkt[64] = { 0 };
	LIBBPF_OPTS(bpf_test_run_opts, topts, .data_in = pkt,
		    .data_size_in = sizeof(pkt), .repeat = 1);
	int err;

	err = bpf_prog_test_run_opts(bpf_program__fd(prog), &topts);
	if (!err && retval)
		*retval = topts.retval;
	return err;
}

TEST(object_open_collects_programs)
{
	struct bpf_object *obj;
	struct bpf_program *prog;
	int n = 0;

	obj = bpf_object__open_file(test_prog_path("obj_subprogs.bpf.o"), NULL);
	ASSERT_PTR(obj);
	ASSERT_STREQ(bpf_object__name(obj), "obj_subprogs");
	ASSERT_GT(bpf_object__kversion(obj), 0x060000);
	ASSERT_OK(bpf_object__set_kversion(obj, 0x050a00));
	ASSERT_EQ(bpf_object__kversion(obj), 0x050a00);
	bpf_object__for_each_program(prog, obj)
		n++;
	/* subprograms are not listed */
	ASSERT_EQ(n, 3);
	prog = bpf_object__find_program_by_name(obj, "calls_xdp");
	ASSERT_PTR(prog);
	ASSERT_EQ(bpf_program__type(prog), BPF_PROG_TYPE_XDP);
	ASSERT_EQ(bpf_program__expected_attach_type(prog), BPF_XDP);
	ASSERT_STREQ(bpf_program__section_name(prog), "xdp");
	ASSERT_TRUE(bpf_program__autoload(prog));
	ASSERT_GT(bpf_program__insn_cnt(prog), 0);
	ASSERT_ERR(bpf_program__fd(prog), -ENOENT);
	ASSERT_NULL_ERR(bpf_object__find_program_by_name(obj, "add_static"), -ENOENT);
	ASSERT_NULL_ERR(bpf_object__find_program_by_name(obj, "nope"), -ENOENT);
	prog = bpf_object__find_program_by_name(obj, "calls_tc");
	ASSERT_EQ(bpf_program__type(prog), BPF_PROG_TYPE_SCHED_CLS);
	ASSERT_PTR(bpf_object__btf(obj));
	ASSERT_EQ(bpf_object__btf_fd(obj), -1);
	bpf_object__close(obj);
}

TEST(object_open_mem_name)
{
	FILE *f = fopen(test_prog_path("obj_subprogs.bpf.o"), "rb");
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = "memobj");
	struct bpf_object *obj;
	char *buf;
	long sz;

	ASSERT_PTR(f);
	fseek(f, 0, SEEK_END);
	sz = ftell(f);
	rewind(f);
	buf = malloc(sz);
	ASSERT_EQ(fread(buf, 1, sz, f), (size_t)sz);
	fclose(f);
	obj = bpf_object__open_mem(buf, sz, &opts);
	free(buf);
	ASSERT_PTR(obj);
	ASSERT_STREQ(bpf_object__name(obj), "memobj");
	ASSERT_OK(bpf_object__load(obj));
	bpf_object__close(obj);
}

TEST(object_subprograms_run)
{
	struct bpf_object *obj;
	struct bpf_map *bss;
	struct bpf_program *prog;
	__u32 retval = 0;
	int *vals;
	size_t sz;

	obj = bpf_object__open_file(test_prog_path("obj_subprogs.bpf.o"), NULL);
	ASSERT_PTR(obj);
	ASSERT_OK(bpf_object__load(obj));
	bss = find_bss(obj);
	ASSERT_PTR(bss);
	vals = bpf_map__initial_value(bss, &sz);
	ASSERT_PTR(vals);
	ASSERT_EQ(sz, 2 * sizeof(int));

	prog = bpf_object__find_program_by_name(obj, "calls_xdp");
	ASSERT_FD(bpf_program__fd(prog));
	/* main code, then mul_global, add_static and the loop callback */
	ASSERT_GE(bpf_program__func_info_cnt(prog), 3);
	ASSERT_GT(bpf_program__line_info_cnt(prog), 0);
	ASSERT_OK(run_prog(prog, &retval));
	ASSERT_EQ(retval, XDP_PASS);
	ASSERT_EQ(vals[0], 20);		/* result */
	ASSERT_EQ(vals[1], 10);		/* loop_sum */

	ASSERT_OK(run_prog(bpf_object__find_program_by_name(obj, "calls_tc"), NULL));
	ASSERT_EQ(vals[0], 42);
	ASSERT_OK(run_prog(bpf_object__find_program_by_name(obj, "calls_socket"),
			   &retval));
	ASSERT_EQ(retval, 9);
	bpf_object__close(obj);
}

TEST(object_sections_load)
{
	struct bpf_object *obj;
	struct bpf_program *prog;
	static const struct {
		const char *name;
		enum bpf_prog_type type;
		enum bpf_attach_type att;
	} want[] = {
		{ "s_socket", BPF_PROG_TYPE_SOCKET_FILTER, 0 },
		{ "s_xdp", BPF_PROG_TYPE_XDP, BPF_XDP },
		{ "s_xdp_frags", BPF_PROG_TYPE_XDP, BPF_XDP },
		{ "s_tc", BPF_PROG_TYPE_SCHED_CLS, 0 },
		{ "s_tcx", BPF_PROG_TYPE_SCHED_CLS, BPF_TCX_INGRESS },
		{ "s_cgroup_skb", BPF_PROG_TYPE_CGROUP_SKB, BPF_CGROUP_INET_INGRESS },
		{ "s_raw_tp", BPF_PROG_TYPE_RAW_TRACEPOINT, 0 },
		{ "s_tracepoint", BPF_PROG_TYPE_TRACEPOINT, 0 },
		{ "s_tp_btf", BPF_PROG_TYPE_TRACING, BPF_TRACE_RAW_TP },
		{ "s_perf_event", BPF_PROG_TYPE_PERF_EVENT, 0 },
		{ "s_iter_task", BPF_PROG_TYPE_TRACING, BPF_TRACE_ITER },
		{ "s_syscall", BPF_PROG_TYPE_SYSCALL, 0 },
		{ "s_cgroup_sock", BPF_PROG_TYPE_CGROUP_SOCK, BPF_CGROUP_INET_SOCK_CREATE },
		{ "s_sk_msg", BPF_PROG_TYPE_SK_MSG, BPF_SK_MSG_VERDICT },
	};
	size_t i;

	obj = bpf_object__open_file(test_prog_path("obj_sections.bpf.o"), NULL);
	ASSERT_PTR(obj);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		prog = bpf_object__find_program_by_name(obj, want[i].name);
		ASSERT_PTR(prog);
		ASSERT_EQ(bpf_program__type(prog), want[i].type);
		ASSERT_EQ(bpf_program__expected_attach_type(prog), want[i].att);
	}
	ASSERT_OK(bpf_object__load(obj));
	bpf_object__for_each_program(prog, obj)
		ASSERT_FD(bpf_program__fd(prog));
	prog = bpf_object__find_program_by_name(obj, "s_xdp_frags");
	ASSERT_PTR(prog);
	ASSERT_FD(bpf_object__btf_fd(obj));
	bpf_object__close(obj);
}

TEST(object_verifier_rejection_logged)
{
	struct bpf_object *obj;
	int err;

	obj = bpf_object__open_file(test_prog_path("obj_bad_verifier.bpf.o"), NULL);
	ASSERT_PTR(obj);
	err = bpf_object__load(obj);
	ASSERT_ERR(err, -EACCES);
	ASSERT_LOG("prog 'rejected_prog': BPF program load failed");
	ASSERT_LOG("BEGIN PROG LOAD LOG");
	ASSERT_LOG("prog 'rejected_prog': verifier says:");
	ASSERT_LOG("invalid mem access");
	ASSERT_LOG("prog 'rejected_prog': last source line verified: return *v ? XDP_PASS : XDP_DROP;");
	/* a second attempt is refused */
	ASSERT_ERR(bpf_object__load(obj), -EINVAL);
	bpf_object__close(obj);
}

TEST(object_autoload_off_skips_bad_prog)
{
	struct bpf_object *obj;
	struct bpf_program *bad, *fine;
	char log[4096];

	obj = bpf_object__open_file(test_prog_path("obj_bad_verifier.bpf.o"), NULL);
	ASSERT_PTR(obj);
	bad = bpf_object__find_program_by_name(obj, "rejected_prog");
	fine = bpf_object__find_program_by_name(obj, "fine_prog");
	ASSERT_OK(bpf_program__set_autoload(bad, false));
	ASSERT_OK(bpf_program__set_log_buf(fine, log, sizeof(log)));
	ASSERT_OK(bpf_program__set_log_level(fine, 1));
	ASSERT_OK(bpf_object__load(obj));
	ASSERT_ERR(bpf_program__fd(bad), -ENOENT);
	ASSERT_FD(bpf_program__fd(fine));
	ASSERT_TRUE(strstr(log, "processed") != NULL);
	bpf_object__close(obj);
}

TEST(object_setters_after_load)
{
	struct bpf_object *obj;
	struct bpf_program *prog;
	struct bpf_map *map;
	char log[16];

	obj = bpf_object__open_file(test_prog_path("obj_globals.bpf.o"), NULL);
	ASSERT_PTR(obj);
	ASSERT_OK(bpf_object__load(obj));
	prog = bpf_object__find_program_by_name(obj, "touch_globals");
	ASSERT_ERR(bpf_program__set_type(prog, BPF_PROG_TYPE_XDP), -EBUSY);
	ASSERT_ERR(bpf_program__set_expected_attach_type(prog, BPF_XDP), -EBUSY);
	ASSERT_ERR(bpf_program__set_flags(prog, 0), -EBUSY);
	ASSERT_ERR(bpf_program__set_log_level(prog, 1), -EBUSY);
	ASSERT_ERR(bpf_program__set_log_buf(prog, log, sizeof(log)), -EBUSY);
	ASSERT_ERR(bpf_program__set_autoload(prog, false), -EINVAL);
	map = bpf_object__find_map_by_name(obj, ".data");
	ASSERT_PTR(map);
	ASSERT_ERR(bpf_map__set_max_entries(map, 2), -EBUSY);
	ASSERT_ERR(bpf_map__set_value_size(map, 8), -EBUSY);
	ASSERT_ERR(bpf_map__set_key_size(map, 8), -EBUSY);
	ASSERT_ERR(bpf_map__set_type(map, BPF_MAP_TYPE_HASH), -EBUSY);
	ASSERT_ERR(bpf_map__set_map_flags(map, 0), -EBUSY);
	ASSERT_ERR(bpf_map__set_autocreate(map, false), -EBUSY);
	ASSERT_ERR(bpf_map__set_initial_value(map, log, 4), -EBUSY);
	bpf_object__close(obj);
}

TEST(object_prepare_then_load)
{
	struct bpf_object *obj;
	struct bpf_program *prog;
	size_t cnt;
	int fd;

	obj = bpf_object__open_file(test_prog_path("obj_subprogs.bpf.o"), NULL);
	ASSERT_PTR(obj);
	prog = bpf_object__find_program_by_name(obj, "calls_xdp");
	cnt = bpf_program__insn_cnt(prog);
	ASSERT_OK(bpf_object__prepare(obj));
	/* subprograms appended */
	ASSERT_GT(bpf_program__insn_cnt(prog), cnt);
	ASSERT_FD(bpf_map__fd(bpf_object__find_map_by_name(obj, ".bss")));
	ASSERT_ERR(bpf_program__fd(prog), -ENOENT);
	fd = bpf_program__clone(prog, NULL);
	ASSERT_FD(fd);
	close(fd);
	ASSERT_OK(bpf_object__load(obj));
	ASSERT_FD(bpf_program__fd(prog));
	bpf_object__close(obj);
}

TEST(object_bad_args)
{
	ASSERT_NULL_ERR(bpf_object__open(NULL), -EINVAL);
	ASSERT_NULL_ERR(bpf_object__open_mem(NULL, 10, NULL), -EINVAL);
	ASSERT_NULL_ERR(bpf_object__open_file("/nonexistent/x.bpf.o", NULL), -ENOENT);
	ASSERT_LOG("elf: '/nonexistent/x.bpf.o': cannot open");
	ASSERT_ERR(bpf_object__load(NULL), -EINVAL);
	bpf_object__close(NULL);
}

TEST(object_open_opts_bad)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .kernel_log_size = 100);

	ASSERT_NULL_ERR(bpf_object__open_file(test_prog_path("obj_subprogs.bpf.o"),
					      &opts), -EINVAL);
}

static int handler_setup_calls;

static int my_setup(struct bpf_program *prog, long cookie)
{
	handler_setup_calls += cookie;
	return 0;
}

TEST(object_custom_prog_handler)
{
	LIBBPF_OPTS(libbpf_prog_handler_opts, hopts, .cookie = 1,
		    .prog_setup_fn = my_setup);
	enum bpf_prog_type pt;
	enum bpf_attach_type at;
	struct bpf_object *obj;
	int id, id2;

	id = libbpf_register_prog_handler("tc", BPF_PROG_TYPE_SCHED_CLS, 0, &hopts);
	ASSERT_GT(id, 0);
	id2 = libbpf_register_prog_handler(NULL, BPF_PROG_TYPE_XDP, 0, NULL);
	ASSERT_GT(id2, id);
	ASSERT_ERR(libbpf_register_prog_handler(NULL, BPF_PROG_TYPE_XDP, 0, NULL), -EBUSY);
	ASSERT_ERR(libbpf_register_prog_handler("x", BPF_PROG_TYPE_UNSPEC, 0, NULL), -EINVAL);
	ASSERT_OK(libbpf_prog_type_by_name("tc", &pt, &at));
	ASSERT_EQ(pt, BPF_PROG_TYPE_SCHED_CLS);
	/* custom definitions are not known to the attach-type lookup */
	ASSERT_ERR(libbpf_attach_type_by_name("tc", &at), -EINVAL);
	obj = bpf_object__open_file(test_prog_path("obj_subprogs.bpf.o"), NULL);
	ASSERT_PTR(obj);
	ASSERT_EQ(handler_setup_calls, 1);
	bpf_object__close(obj);
	ASSERT_OK(libbpf_unregister_prog_handler(id));
	ASSERT_OK(libbpf_unregister_prog_handler(id2));
	ASSERT_ERR(libbpf_unregister_prog_handler(id), -ENOENT);
	ASSERT_OK(libbpf_prog_type_by_name("tc", &pt, &at));
	ASSERT_EQ(pt, BPF_PROG_TYPE_SCHED_CLS);
}

TEST(object_freplace_target_resolved)
{
	struct bpf_object *target, *obj;
	struct bpf_program *prog;
	int err;

	target = bpf_object__open_file(test_prog_path("obj_subprogs.bpf.o"), NULL);
	ASSERT_PTR(target);
	ASSERT_OK(bpf_object__load(target));
	obj = bpf_object__open_file(test_prog_path("obj_freplace.bpf.o"), NULL);
	ASSERT_PTR(obj);
	prog = bpf_object__find_program_by_name(obj, "new_mul");
	ASSERT_EQ(bpf_program__type(prog), BPF_PROG_TYPE_EXT);
	ASSERT_ERR(bpf_program__set_attach_target(prog, -1, "x"), -EINVAL);
	ASSERT_OK(bpf_program__set_attach_target(prog,
		bpf_program__fd(bpf_object__find_program_by_name(target, "calls_xdp")),
		"mul_global"));
	err = bpf_object__load(obj);
	/* trampolines are refused on some kernels: then say so clearly */
	if (err) {
		ASSERT_LOG("prog 'new_mul'");
	} else {
		ASSERT_FD(bpf_program__fd(prog));
	}
	bpf_object__close(obj);

	obj = bpf_object__open_file(test_prog_path("obj_freplace.bpf.o"), NULL);
	ASSERT_PTR(obj);
	prog = bpf_object__find_program_by_name(obj, "new_mul");
	ASSERT_OK(bpf_program__set_attach_target(prog,
		bpf_program__fd(bpf_object__find_program_by_name(target, "calls_xdp")),
		"no_such_func"));
	ASSERT_ERR(bpf_object__load(obj), -ESRCH);
	ASSERT_LOG("prog 'new_mul': target program has no function 'no_such_func'");
	bpf_object__close(obj);
	bpf_object__close(target);
}

TEST(object_kernel_log_buf_option)
{
	char log[65536];
	LIBBPF_OPTS(bpf_object_open_opts, opts, .kernel_log_buf = log,
		    .kernel_log_size = sizeof(log), .kernel_log_level = 1);
	struct bpf_object *obj;

	log[0] = '\0';
	obj = bpf_object__open_file(test_prog_path("obj_subprogs.bpf.o"), &opts);
	ASSERT_PTR(obj);
	ASSERT_OK(bpf_object__load(obj));
	ASSERT_TRUE(strstr(log, "processed") != NULL);
	bpf_object__close(obj);
}

TEST(object_hidden_global_marked_static)
{
	struct bpf_object *obj;
	const struct btf *btf;
	const struct btf_type *t;
	int id;

	obj = bpf_object__open_file(test_prog_path("obj_subprogs.bpf.o"), NULL);
	ASSERT_PTR(obj);
	ASSERT_OK(bpf_object__load(obj));
	btf = bpf_object__btf(obj);
	id = btf__find_by_name_kind(btf, "hidden_helper", BTF_KIND_FUNC);
	ASSERT_GT(id, 0);
	t = btf__type_by_id(btf, id);
	ASSERT_EQ(btf_vlen(t), BTF_FUNC_STATIC);
	id = btf__find_by_name_kind(btf, "mul_global", BTF_KIND_FUNC);
	ASSERT_EQ(btf_vlen(btf__type_by_id(btf, id)), BTF_FUNC_GLOBAL);
	bpf_object__close(obj);
}

static void only_autoload(struct bpf_object *obj, const char *name)
{
	struct bpf_program *p;

	bpf_object__for_each_program(p, obj)
		bpf_program__set_autoload(p, !strcmp(bpf_program__name(p), name));
}

TEST(object_trampoline_programs)
{
	static const char *const names[] = { "on_unlink", "on_unlink_exit",
					     "on_file_open", "on_kprobe" };
	struct bpf_object *obj;
	size_t i;
	int err;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		obj = bpf_object__open_file(test_prog_path("obj_trampoline.bpf.o"), NULL);
		ASSERT_PTR(obj);
		only_autoload(obj, names[i]);
		test_log_clear();
		err = bpf_object__load(obj);
		/* refused here (EPERM/EINVAL...), fine elsewhere: never silent */
		if (err) {
			char want[64];

			snprintf(want, sizeof(want), "prog '%s'", names[i]);
			ASSERT_LOG(want);
		} else {
			ASSERT_FD(bpf_program__fd(bpf_object__find_program_by_name(obj, names[i])));
		}
		bpf_object__close(obj);
	}
}

TEST(object_attach_target_missing)
{
	struct bpf_object *obj;

	obj = bpf_object__open_file(test_prog_path("obj_trampoline.bpf.o"), NULL);
	ASSERT_PTR(obj);
	only_autoload(obj, "on_nothing");
	ASSERT_ERR(bpf_object__load(obj), -ESRCH);
	ASSERT_LOG("prog 'on_nothing': attach target 'bpfkit_no_such_function' is not in vmlinux BTF");
	bpf_object__close(obj);
}

TEST(object_set_insns_before_load)
{
	struct bpf_insn ret7[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 7 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	struct bpf_object *obj;
	struct bpf_program *prog;
	__u32 retval = 0;

	/* a program without subprograms: its func_info still fits */
	obj = bpf_object__open_file(test_prog_path("obj_sections.bpf.o"), NULL);
	ASSERT_PTR(obj);
	prog = bpf_object__find_program_by_name(obj, "s_socket");
	ASSERT_ERR(bpf_program__set_insns(prog, NULL, 0), -EINVAL);
	ASSERT_OK(bpf_object__prepare(obj));
	ASSERT_OK(bpf_program__set_insns(prog, ret7, 2));
	ASSERT_EQ(bpf_program__insn_cnt(prog), 2);
	ASSERT_OK(bpf_object__load(obj));
	ASSERT_OK(run_prog(prog, &retval));
	ASSERT_EQ(retval, 7);
	ASSERT_ERR(bpf_program__set_insns(prog, ret7, 2), -EBUSY);
	bpf_object__close(obj);
}

/* Hide a section of a memory copy: its name loses the leading '.'. */
static void hide_section(unsigned char *buf, const char *name)
{
	Elf64_Ehdr *eh = (Elf64_Ehdr *)buf;
	Elf64_Shdr *sh = (Elf64_Shdr *)(buf + eh->e_shoff);
	const char *strs = (const char *)buf + sh[eh->e_shstrndx].sh_offset;
	int i;

	for (i = 1; i < eh->e_shnum; i++)
		if (!strcmp(strs + sh[i].sh_name, name))
			sh[i].sh_name++;
}

TEST(object_without_btf)
{
	FILE *f = fopen(test_prog_path("obj_strings.bpf.o"), "rb");
	struct bpf_object *obj;
	unsigned char *buf;
	long sz;
	int fd;

	ASSERT_PTR(f);
	fseek(f, 0, SEEK_END);
	sz = ftell(f);
	rewind(f);
	buf = malloc(sz);
	ASSERT_EQ(fread(buf, 1, sz, f), (size_t)sz);
	fclose(f);
	hide_section(buf, ".BTF");
	hide_section(buf, ".BTF.ext");
	obj = bpf_object__open_mem(buf, sz, NULL);
	free(buf);
	ASSERT_PTR(obj);
	ASSERT_TRUE(bpf_object__btf(obj) == NULL);
	bpf_program__set_autoload(bpf_object__find_program_by_name(obj, "orphan"), false);
	ASSERT_OK(bpf_object__load(obj));
	fd = bpf_program__fd(bpf_object__find_program_by_name(obj, "strings"));
	ASSERT_OK(bpf_prog_test_run_opts(fd, NULL));
	ASSERT_EQ(bpf_program__func_info_cnt(bpf_object__find_program_by_name(obj, "strings")), 0);
	bpf_object__close(obj);
}

TEST(object_log_grows_on_enospc)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .kernel_log_level = 2);
	struct bpf_object *obj;
	struct bpf_program *prog;
	char small[128];

	/* no buffer: the library's own grows until the level-2 log fits */
	obj = bpf_object__open_file(test_prog_path("obj_maps.bpf.o"), &opts);
	ASSERT_PTR(obj);
	ASSERT_OK(bpf_object__load(obj));
	bpf_object__close(obj);

	/* the caller's buffer is not grown: too small is the caller's error */
	obj = bpf_object__open_file(test_prog_path("obj_maps.bpf.o"), NULL);
	ASSERT_PTR(obj);
	prog = bpf_object__find_program_by_name(obj, "use_maps");
	ASSERT_OK(bpf_program__set_log_buf(prog, small, sizeof(small)));
	ASSERT_OK(bpf_program__set_log_level(prog, 2));
	ASSERT_ERR(bpf_object__load(obj), -ENOSPC);
	ASSERT_LOG("prog 'use_maps': BPF program load failed: -ENOSPC");
	bpf_object__close(obj);
}

TEST(object_optional_sections)
{
	struct bpf_object *obj;
	struct bpf_program *bad, *good;
	__u32 retval = 0;

	obj = bpf_object__open_file(test_prog_path("obj_optional.bpf.o"), NULL);
	ASSERT_PTR(obj);
	bad = bpf_object__find_program_by_name(obj, "optional_bad");
	good = bpf_object__find_program_by_name(obj, "optional_good");
	ASSERT_STREQ(bpf_program__section_name(bad), "socket");
	ASSERT_EQ(bpf_program__type(bad), BPF_PROG_TYPE_SOCKET_FILTER);
	ASSERT_FALSE(bpf_program__autoload(bad));
	ASSERT_FALSE(bpf_program__autoload(good));
	ASSERT_OK(bpf_program__set_autoload(good, true));
	ASSERT_OK(bpf_object__load(obj));
	ASSERT_ERR(bpf_program__fd(bad), -ENOENT);
	/* func/line info of a "?" section found by section index */
	ASSERT_EQ(bpf_program__func_info_cnt(good), 1);
	ASSERT_GT(bpf_program__line_info_cnt(good), 0);
	ASSERT_OK(run_prog(good, &retval));
	ASSERT_EQ(retval, 42);
	bpf_object__close(obj);

	obj = bpf_object__open_file(test_prog_path("obj_optional.bpf.o"), NULL);
	ASSERT_PTR(obj);
	ASSERT_OK(bpf_program__set_autoload(bpf_object__find_program_by_name(obj, "optional_bad"), true));
	ASSERT_ERR(bpf_object__load(obj), -EACCES);
	ASSERT_LOG("prog 'optional_bad'");
	bpf_object__close(obj);
}

TEST(object_token_paths)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .bpf_token_path = "/nonexistent_bpffs");
	struct bpf_object *obj;

	/* an explicit path that does not work is an error */
	obj = bpf_object__open_file(test_prog_path("obj_subprogs.bpf.o"), &opts);
	ASSERT_PTR(obj);
	ASSERT_ERR(bpf_object__load(obj), -ENOENT);
	ASSERT_LOG("cannot open BPF token path '/nonexistent_bpffs'");
	bpf_object__close(obj);

	/* "" turns tokens off; the default bpffs is only tried */
	opts.bpf_token_path = "";
	obj = bpf_object__open_file(test_prog_path("obj_subprogs.bpf.o"), &opts);
	ASSERT_PTR(obj);
	ASSERT_OK(bpf_object__load(obj));
	ASSERT_EQ(bpf_object__token_fd(obj), -1);
	bpf_object__close(obj);
}
