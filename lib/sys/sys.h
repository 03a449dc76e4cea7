/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The one door to the kernel: every bpf() call of the library goes through
 * sys_bpf() (or sys_bpf_fd() for commands that return a new fd), so that
 * tracing, fault injection and fd hygiene live in one place.
 *
 *	union bpf_attr attr;
 *
 *	memset(&attr, 0, sizeof(attr));
 *	attr.map_fd = fd;
 *	err = sys_bpf(BPF_MAP_FREEZE, &attr, sizeof(attr));
 *	if (err < 0)
 *		return util_err(err);
 *
 * Both return the kernel's result (>= 0) or a negative errno; errno is left
 * set to the same error, so callers may use either.
 */
#ifndef BPFKIT_SYS_SYS_H
#define BPFKIT_SYS_SYS_H

#include <linux/bpf.h>
#include <stdbool.h>
#include <stddef.h>

int sys_bpf(enum bpf_cmd cmd, union bpf_attr *attr, unsigned int size);

/*
 * For commands returning an fd: a result of 0, 1 or 2 is moved above stderr
 * (a process that closed its stdio must not have a map written to by
 * printf), keeping O_CLOEXEC.
 */
int sys_bpf_fd(enum bpf_cmd cmd, union bpf_attr *attr, unsigned int size);

/* Moves fd (0..2) above 2 with O_CLOEXEC; fds >= 3 and errors pass. */
int sys_fd_above_stdio(int fd);

/*
 * Fault injection for tests: when set, the hook is asked first; a return
 * value other than SYS_HOOK_PASS is taken as the syscall's result (a
 * negative errno or an fd the hook made).  NULL removes it.
 */
#define SYS_HOOK_PASS (-0x7fff)
typedef int (*sys_bpf_hook_fn)(enum bpf_cmd cmd, union bpf_attr *attr,
			       unsigned int size, void *ctx);
void sys_set_bpf_hook(sys_bpf_hook_fn fn, void *ctx);

static inline __u64 sys_ptr(const void *p)
{
	return (__u64)(unsigned long)p;
}

/* Copies name into a 16-byte kernel object name, truncated with its NUL. */
void sys_copy_obj_name(char *dst, const char *name);

/* True when every byte of opts in [from, sz) is zero (unused union tail). */
bool sys_opts_zero_from(const void *opts, size_t from);

/* Memlock limit chosen by libbpf_set_memlock_rlim() (bytes). */
size_t sys_memlock_rlim(void);
/*
 * Raises RLIMIT_MEMLOCK to sys_memlock_rlim() once, on kernels that still
 * charge BPF memory to it (before memcg accounting, 5.11).  Returns 0 or
 * -errno; the object loader calls it before creating maps.
 */
int sys_bump_memlock_rlimit(void);

#endif
