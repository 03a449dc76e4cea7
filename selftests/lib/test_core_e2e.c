// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * CO-RE end to end: the object loader relocates BPF_CORE_READ()s of a
 * locally declared task_struct against the running kernel, the program
 * runs on a syscall tracepoint, and what it read must be this process's
 * pid, parent pid and comm.  A poisoned but guarded read is dropped by the
 * verifier; an unguarded one fails the load with a message that names the
 * program, the source line and the missing field.
 */
#include <stdlib.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "test.h"

struct core_task_out {
	int target_tgid;
	int pid, tgid, ppid, hits;
	long missing;
	char comm[16];
};

TEST(core_e2e_task_struct_pid_ppid_comm)
{
	struct core_task_out out = { 0 };
	struct bpf_object *obj;
	struct bpf_program *prog;
	struct bpf_link *link;
	struct bpf_map *bss;
	char comm[16] = "";
	int key = 0, err;

	obj = bpf_object__open_file(test_prog_path("core_task.bpf.o"), NULL);
	ASSERT_PTR(obj);
	err = bpf_object__load(obj);
	if (err) {
		bpf_object__close(obj);
		ASSERT_OK(err);
	}
	prog = bpf_object__find_program_by_name(obj, "core_task");
	bss = bpf_object__find_map_by_name(obj, ".bss");
	if (!prog || !bss) {
		bpf_object__close(obj);
		ASSERT_TRUE(prog && bss);
	}
	out.target_tgid = getpid();
	ASSERT_OK(bpf_map_update_elem(bpf_map__fd(bss), &key, &out, 0));
	link = bpf_program__attach_tracepoint(prog, "syscalls", "sys_enter_getpgid");
	if (!link) {
		bpf_object__close(obj);
		ASSERT_PTR(link);
	}
	syscall(SYS_getpgid, 0);
	err = bpf_map_lookup_elem(bpf_map__fd(bss), &key, &out);
	bpf_link__destroy(link);
	bpf_object__close(obj);
	ASSERT_OK(err);
	prctl(PR_GET_NAME, comm);

	ASSERT_GE(out.hits, 1);
	ASSERT_EQ(out.pid, syscall(SYS_gettid));
	ASSERT_EQ(out.tgid, getpid());
	ASSERT_EQ(out.ppid, getppid());
	ASSERT_STREQ(out.comm, comm);
	/* the guarded read of a field no kernel has was dead code */
	ASSERT_EQ(out.missing, 0);
}

TEST(core_e2e_unguarded_missing_field_explained)
{
	struct bpf_object *obj;
	int err;

	obj = bpf_object__open_file(test_prog_path("core_task_fail.bpf.o"), NULL);
	ASSERT_PTR(obj);
	err = bpf_object__load(obj);
	bpf_object__close(obj);
	ASSERT_TRUE_MSG(err < 0, "load of an unsatisfiable read succeeded");
	ASSERT_LOG("prog 'core_unguarded'");
	ASSERT_LOG("core_task_fail.bpf.c:");
	ASSERT_LOG("no_such_field");
	ASSERT_LOG("has no field 'no_such_field'");
}

TEST(core_e2e_missing_custom_btf)
{
	struct bpf_object *obj;
	LIBBPF_OPTS(bpf_object_open_opts, opts,
		    .btf_custom_path = "/nonexistent/vmlinux.btf");
	int err;

	obj = bpf_object__open_file(test_prog_path("core_task.bpf.o"), &opts);
	if (!obj) {
		/* refusing at open time is as good as at load time */
		ASSERT_TRUE(errno != 0);
		return;
	}
	err = bpf_object__load(obj);
	bpf_object__close(obj);
	ASSERT_TRUE_MSG(err < 0, "load with a missing target BTF succeeded");
	ASSERT_LOG("/nonexistent/vmlinux.btf");
}
