// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The bpf() syscall itself, the fd hygiene around it and the test hook.
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sys.h"
#include "attr.h"
#include "util/err.h"
#include "util/log.h"

#include <bpf/bpf.h>

#ifndef __NR_bpf
# if defined(__x86_64__)
#  define __NR_bpf 321
# elif defined(__aarch64__) || defined(__riscv) || defined(__loongarch__)
#  define __NR_bpf 280
# elif defined(__i386__)
#  define __NR_bpf 357
# else
#  error "bpf() syscall number unknown for this architecture"
# endif
#endif

/* The views of attr.h must agree with the kernel's union bpf_attr. */
#define SYS_AT(type, field, off) \
	_Static_assert(offsetof(struct type, field) == (off), #type "." #field)
SYS_AT(sys_attr_map_create, map_name, 28);
SYS_AT(sys_attr_map_create, map_extra, 64);
SYS_AT(sys_attr_map_create, map_token_fd, 76);
SYS_AT(sys_attr_map_create, excl_prog_hash_size, 88);
SYS_AT(sys_attr_map_batch, elem_flags, 40);
SYS_AT(sys_attr_prog_load, prog_name, 48);
SYS_AT(sys_attr_prog_load, fd_array, 120);
SYS_AT(sys_attr_prog_load, log_true_size, 140);
SYS_AT(sys_attr_prog_load, fd_array_cnt, 148);
SYS_AT(sys_attr_obj, path_fd, 16);
SYS_AT(sys_attr_prog_attach, expected_revision, 24);
SYS_AT(sys_attr_test_run, ctx_out, 56);
SYS_AT(sys_attr_test_run, batch_size, 72);
SYS_AT(sys_attr_query, revision, 56);
SYS_AT(sys_attr_raw_tp, cookie, 16);
SYS_AT(sys_attr_btf_load, token_fd, 36);
SYS_AT(sys_attr_task_fd_query, probe_addr, 40);
SYS_AT(sys_attr_link_create, kprobe_multi.cookies, 40);
SYS_AT(sys_attr_link_create, tracing.cookie, 24);
SYS_AT(sys_attr_link_create, ordered.expected_revision, 24);
SYS_AT(sys_attr_link_create, uprobe_multi.pid, 56);
SYS_AT(sys_attr_stream_read, prog_fd, 16);

static sys_bpf_hook_fn bpf_hook;
static void *bpf_hook_ctx;

void sys_set_bpf_hook(sys_bpf_hook_fn fn, void *ctx)
{
	__atomic_store_n(&bpf_hook_ctx, ctx, __ATOMIC_SEQ_CST);
	__atomic_store_n(&bpf_hook, fn, __ATOMIC_SEQ_CST);
}

int sys_bpf(enum bpf_cmd cmd, union bpf_attr *attr, unsigned int size)
{
	sys_bpf_hook_fn hook = __atomic_load_n(&bpf_hook, __ATOMIC_SEQ_CST);
	long ret;

	if (hook) {
		int hret = hook(cmd, attr, size,
				__atomic_load_n(&bpf_hook_ctx, __ATOMIC_SEQ_CST));

		if (hret != SYS_HOOK_PASS) {
			if (hret < 0)
				errno = -hret;
			return hret;
		}
	}
	ret = syscall(__NR_bpf, cmd, attr, size);
	if (ret < 0)
		return -errno;
	return (int)ret;
}

int sys_fd_above_stdio(int fd)
{
	int nfd, err;

	if (fd < 0 || fd > 2)
		return fd;
	nfd = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	err = -errno;
	close(fd);
	if (nfd < 0) {
		pr_warn("sys: cannot move fd %d above stdio: %s\n", fd,
			util_errstr(err));
		errno = -err;
		return err;
	}
	return nfd;
}

int sys_bpf_fd(enum bpf_cmd cmd, union bpf_attr *attr, unsigned int size)
{
	int fd = sys_bpf(cmd, attr, size);

	return sys_fd_above_stdio(fd);
}

bool sys_opts_zero_from(const void *opts, size_t from)
{
	const unsigned char *bytes = opts;
	size_t sz, i;

	if (!opts)
		return true;
	sz = *(const size_t *)opts;
	for (i = from; i < sz; i++)
		if (bytes[i])
			return false;
	return true;
}

/* ---- RLIMIT_MEMLOCK ---- */

static size_t memlock_bytes = (size_t)RLIM_INFINITY;
static int memlock_bumped;

size_t sys_memlock_rlim(void)
{
	return __atomic_load_n(&memlock_bytes, __ATOMIC_SEQ_CST);
}

LIBBPF_API int libbpf_set_memlock_rlim(size_t memlock_bytes_new)
{
	/* Too late once the loader has applied the old value. */
	if (__atomic_load_n(&memlock_bumped, __ATOMIC_SEQ_CST))
		return util_err(-EBUSY);
	__atomic_store_n(&memlock_bytes, memlock_bytes_new, __ATOMIC_SEQ_CST);
	return 0;
}

/*
 * Kernels with memcg accounting of BPF memory (5.11+) also have the
 * bpf_ktime_get_coarse_ns helper (same release); a program calling it loads
 * only there, which is how we tell them apart without parsing versions.
 */
static bool kernel_has_memcg_accounting(void)
{
	struct bpf_insn insns[] = {
		{ .code = BPF_JMP | BPF_CALL, .imm = BPF_FUNC_ktime_get_coarse_ns },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	struct sys_attr_prog_load attr;
	int fd;

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
	attr.insns = sys_ptr(insns);
	attr.insn_cnt = sizeof(insns) / sizeof(insns[0]);
	attr.license = sys_ptr("GPL");
	fd = SYS_BPF_FD(BPF_PROG_LOAD, &attr);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

int sys_bump_memlock_rlimit(void)
{
	struct rlimit rlim;
	size_t want = sys_memlock_rlim();

	if (__atomic_exchange_n(&memlock_bumped, 1, __ATOMIC_SEQ_CST))
		return 0;
	if (!want || kernel_has_memcg_accounting())
		return 0;
	rlim.rlim_cur = want;
	rlim.rlim_max = want;
	if (setrlimit(RLIMIT_MEMLOCK, &rlim) < 0) {
		int err = -errno;

		pr_warn("sys: cannot set RLIMIT_MEMLOCK to %zu: %s\n", want,
			util_errstr(err));
		return util_err(err);
	}
	return 0;
}
