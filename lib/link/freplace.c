// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * freplace: an extension program replacing a global function of another
 * loaded program, named at attach time (or fixed at load time).
 */
#include <errno.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "link.h"
#include "util/err.h"
#include "util/log.h"

/* BTF id of function func in the BTF of loaded program prog_fd. */
static int target_func_btf_id(int prog_fd, const char *func)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);
	struct btf *btf;
	int id;

	if (bpf_prog_get_info_by_fd(prog_fd, &info, &len))
		return -errno;
	if (!info.btf_id)
		return -EINVAL;
	btf = btf__load_from_kernel_by_id(info.btf_id);
	if (!btf)
		return -errno;
	id = btf__find_by_name_kind(btf, func, BTF_KIND_FUNC);
	btf__free(btf);
	return id;
}

LIBBPF_API struct bpf_link *
bpf_program__attach_freplace(const struct bpf_program *prog, int target_fd,
			     const char *attach_func_name)
{
	LIBBPF_OPTS(bpf_link_create_opts, lopts);
	const char *name = link_prog_name(prog);
	int prog_fd, btf_id, fd, err;

	if (!!target_fd != !!attach_func_name) {
		pr_warn("prog '%s': freplace needs both a target fd and a function name, or neither\n",
			name);
		return util_err_ptr(-EINVAL);
	}
	if (prog && bpf_program__type(prog) != BPF_PROG_TYPE_EXT) {
		pr_warn("prog '%s': only BPF_PROG_TYPE_EXT programs can freplace\n",
			name);
		return util_err_ptr(-EINVAL);
	}
	if (!target_fd)
		return bpf_program__attach_trace(prog);
	prog_fd = link_prog_fd(prog);
	if (prog_fd < 0)
		return util_err_ptr(prog_fd);
	btf_id = target_func_btf_id(target_fd, attach_func_name);
	if (btf_id < 0) {
		pr_warn("prog '%s': function '%s' not found in the BTF of target prog fd %d: %s\n",
			name, attach_func_name, target_fd, util_errstr(btf_id));
		return util_err_ptr(btf_id);
	}
	lopts.target_btf_id = btf_id;
	/* The kernel ignores the attach type for extension programs. */
	fd = bpf_link_create(prog_fd, target_fd,
			     bpf_program__expected_attach_type(prog), &lopts);
	if (fd < 0) {
		err = -errno;
		pr_warn("prog '%s': freplace of '%s' in prog fd %d failed: %s\n",
			name, attach_func_name, target_fd, util_errstr(err));
		return util_err_ptr(err);
	}
	return link_from_fd(fd);
}
