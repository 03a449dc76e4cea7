// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Raw tracepoints and the BTF-based tracing kinds: tp_btf, fentry, fexit,
 * fmod_ret, freplace and lsm.  Raw tracepoints go through
 * BPF_RAW_TRACEPOINT_OPEN; the tracing kinds through BPF_LINK_CREATE with
 * the attach target recorded at load time.
 */
#include <errno.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "link.h"
#include "util/err.h"
#include "util/log.h"
#include "util/opts.h"

LIBBPF_API struct bpf_link *
bpf_program__attach_raw_tracepoint_opts(const struct bpf_program *prog,
					const char *tp_name,
					struct bpf_raw_tracepoint_opts *opts)
{
	LIBBPF_OPTS(bpf_raw_tp_opts, raw_opts);
	const char *name = link_prog_name(prog);
	int prog_fd, fd, err;

	if (!OPTS_OK(opts, bpf_raw_tracepoint_opts))
		return util_err_ptr(-EINVAL);
	prog_fd = link_prog_fd(prog);
	if (prog_fd < 0)
		return util_err_ptr(prog_fd);
	if (!tp_name || !*tp_name) {
		pr_warn("prog '%s': raw tracepoint name missing\n", name);
		return util_err_ptr(-EINVAL);
	}
	raw_opts.tp_name = tp_name;
	raw_opts.cookie = OPTS_GET(opts, cookie, 0);
	fd = bpf_raw_tracepoint_open_opts(prog_fd, &raw_opts);
	if (fd < 0) {
		err = -errno;
		pr_warn("prog '%s': attaching to raw tracepoint '%s' failed: %s\n",
			name, tp_name, util_errstr(err));
		return util_err_ptr(err);
	}
	return link_from_fd(fd);
}

LIBBPF_API struct bpf_link *
bpf_program__attach_raw_tracepoint(const struct bpf_program *prog,
				   const char *tp_name)
{
	return bpf_program__attach_raw_tracepoint_opts(prog, tp_name, NULL);
}

/*
 * tp_btf/fentry/fexit/fmod_ret/lsm: the target was fixed at load time, so
 * the link needs only the program (and an optional cookie).
 */
static struct bpf_link *attach_btf_target(const struct bpf_program *prog,
					  __u64 cookie, const char *what)
{
	const char *name = link_prog_name(prog);
	enum bpf_attach_type type;
	int prog_fd, fd, err;

	prog_fd = link_prog_fd(prog);
	if (prog_fd < 0)
		return util_err_ptr(prog_fd);
	type = bpf_program__expected_attach_type(prog);
	if (type == BPF_LSM_MAC || type == BPF_LSM_CGROUP) {
		/* The LSM link has no cookie field: raw tp open takes one. */
		LIBBPF_OPTS(bpf_raw_tp_opts, ropts, .cookie = cookie);

		fd = bpf_raw_tracepoint_open_opts(prog_fd, &ropts);
	} else {
		LIBBPF_OPTS(bpf_link_create_opts, lopts, .tracing.cookie = cookie);

		fd = bpf_link_create(prog_fd, 0, type, &lopts);
	}
	if (fd < 0) {
		err = -errno;
		pr_warn("prog '%s': %s attach failed: %s\n", name, what,
			util_errstr(err));
		return util_err_ptr(err);
	}
	return link_from_fd(fd);
}

static bool prog_is_tracing(const struct bpf_program *prog)
{
	enum bpf_prog_type t = bpf_program__type(prog);

	return t == BPF_PROG_TYPE_TRACING || t == BPF_PROG_TYPE_EXT ||
	       t == BPF_PROG_TYPE_LSM;
}

LIBBPF_API struct bpf_link *
bpf_program__attach_trace_opts(const struct bpf_program *prog,
			       const struct bpf_trace_opts *opts)
{
	if (!OPTS_OK(opts, bpf_trace_opts))
		return util_err_ptr(-EINVAL);
	if (prog && !prog_is_tracing(prog)) {
		pr_warn("prog '%s': not a tracing program, cannot trace-attach\n",
			link_prog_name(prog));
		return util_err_ptr(-EINVAL);
	}
	return attach_btf_target(prog, OPTS_GET(opts, cookie, 0), "trace");
}

LIBBPF_API struct bpf_link *
bpf_program__attach_trace(const struct bpf_program *prog)
{
	return bpf_program__attach_trace_opts(prog, NULL);
}

LIBBPF_API struct bpf_link *bpf_program__attach_lsm(const struct bpf_program *prog)
{
	if (prog && bpf_program__type(prog) != BPF_PROG_TYPE_LSM) {
		pr_warn("prog '%s': not an LSM program\n", link_prog_name(prog));
		return util_err_ptr(-EINVAL);
	}
	return attach_btf_target(prog, 0, "lsm");
}
