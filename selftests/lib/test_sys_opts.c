// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Option-struct validation of every bpf.h function that takes one: a size
 * smaller than size_t, or set bytes past the struct this library knows,
 * are refused with -EINVAL before the kernel is asked.
 */
#include <bpf/bpf.h>

#include "test.h"
#include "test_sys.h"
#include "sys/sys.h"

/* Big enough for any option struct, plus a tail the library cannot know. */
union any_opts {
	size_t sz;
	struct bpf_map_create_opts map_create;
	struct bpf_prog_load_opts prog_load;
	struct bpf_btf_load_opts btf_load;
	struct bpf_map_batch_opts batch;
	struct bpf_obj_pin_opts pin;
	struct bpf_obj_get_opts get;
	struct bpf_prog_attach_opts attach;
	struct bpf_prog_detach_opts detach;
	struct bpf_link_create_opts link_create;
	struct bpf_link_update_opts link_update;
	struct bpf_get_fd_by_id_opts by_id;
	struct bpf_prog_query_opts query;
	struct bpf_raw_tp_opts raw_tp;
	struct bpf_prog_bind_opts bind;
	struct bpf_test_run_opts test_run;
	struct bpf_token_create_opts token;
	struct bpf_prog_stream_read_opts stream;
	struct bpf_prog_assoc_struct_ops_opts assoc;
	char bytes[512];
};

static int kernel_calls;

static int count_hook(enum bpf_cmd cmd, union bpf_attr *attr, unsigned int size,
		      void *ctx)
{
	kernel_calls++;
	return SYS_HOOK_PASS;
}

/* Calls every opts-taking function with o; returns how many refused. */
static int call_all(union any_opts *o)
{
	const struct bpf_insn insns[] = { INSN_MOV64_IMM(BPF_REG_0, 0), INSN_EXIT() };
	__u32 cnt = 1, key = 0;
	__u64 val = 0;
	char buf[16];
	int refused = 0;

#define REFUSED(call) do { if ((call) == -EINVAL && errno == EINVAL) refused++; } while (0)
	REFUSED(bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, &o->map_create));
	REFUSED(bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, NULL, "GPL", insns, 2, &o->prog_load));
	REFUSED(bpf_btf_load(buf, sizeof(buf), &o->btf_load));
	REFUSED(bpf_map_update_batch(100, &key, &val, &cnt, &o->batch));
	REFUSED(bpf_map_lookup_batch(100, NULL, &key, &key, &val, &cnt, &o->batch));
	REFUSED(bpf_map_lookup_and_delete_batch(100, NULL, &key, &key, &val, &cnt, &o->batch));
	REFUSED(bpf_map_delete_batch(100, &key, &cnt, &o->batch));
	REFUSED(bpf_obj_pin_opts(100, "/sys/fs/bpf/x", &o->pin));
	REFUSED(bpf_obj_get_opts("/sys/fs/bpf/x", &o->get));
	REFUSED(bpf_prog_attach_opts(100, 100, BPF_CGROUP_INET_INGRESS, &o->attach));
	REFUSED(bpf_prog_detach_opts(100, 100, BPF_CGROUP_INET_INGRESS, &o->detach));
	REFUSED(bpf_link_create(100, 100, BPF_XDP, &o->link_create));
	REFUSED(bpf_link_update(100, 100, &o->link_update));
	REFUSED(bpf_prog_get_fd_by_id_opts(1, &o->by_id));
	REFUSED(bpf_map_get_fd_by_id_opts(1, &o->by_id));
	REFUSED(bpf_btf_get_fd_by_id_opts(1, &o->by_id));
	REFUSED(bpf_link_get_fd_by_id_opts(1, &o->by_id));
	REFUSED(bpf_prog_query_opts(100, BPF_CGROUP_INET_INGRESS, &o->query));
	REFUSED(bpf_raw_tracepoint_open_opts(100, &o->raw_tp));
	REFUSED(bpf_prog_bind_map(100, 100, &o->bind));
	REFUSED(bpf_prog_test_run_opts(100, &o->test_run));
	REFUSED(bpf_token_create(100, &o->token));
	REFUSED(bpf_prog_stream_read(100, 1, buf, sizeof(buf), &o->stream));
	REFUSED(bpf_prog_assoc_struct_ops(100, 100, &o->assoc));
#undef REFUSED
	return refused;
}

#define NR_OPTS_FUNCS 24

TEST(opts_sz_too_small_everywhere)
{
	union any_opts o;

	memset(&o, 0, sizeof(o));
	o.sz = sizeof(size_t) - 1;
	kernel_calls = 0;
	sys_set_bpf_hook(count_hook, NULL);
	ASSERT_EQ(call_all(&o), NR_OPTS_FUNCS);
	sys_set_bpf_hook(NULL, NULL);
	ASSERT_EQ(kernel_calls, 0);
}

TEST(opts_unknown_tail_everywhere)
{
	union any_opts o;

	memset(&o, 0, sizeof(o));
	o.sz = sizeof(o);
	o.bytes[sizeof(o) - 1] = 1;
	kernel_calls = 0;
	sys_set_bpf_hook(count_hook, NULL);
	ASSERT_EQ(call_all(&o), NR_OPTS_FUNCS);
	sys_set_bpf_hook(NULL, NULL);
	ASSERT_EQ(kernel_calls, 0);
	ASSERT_LOG("byte 511 is set");
}

TEST(opts_minimal_size_accepted)
{
	/* sz == sizeof(size_t): a caller that knows no field at all. */
	struct bpf_map_create_opts opts = { .sz = sizeof(size_t) };
	int fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, NULL, 4, 4, 1, &opts);

	ASSERT_FD(fd);
	close(fd);
}
