// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Classic tracepoints: a perf event on the tracepoint id from tracefs. */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/perf_event.h>

#include <bpf/libbpf.h>

#include "link.h"
#include "util/err.h"
#include "util/log.h"
#include "util/opts.h"

int link_perf_event_open(struct perf_event_attr *attr, int pid, int cpu)
{
	int fd = syscall(__NR_perf_event_open, attr, pid, cpu, -1,
			 PERF_FLAG_FD_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

LIBBPF_API struct bpf_link *
bpf_program__attach_tracepoint_opts(const struct bpf_program *prog,
				    const char *tp_category, const char *tp_name,
				    const struct bpf_tracepoint_opts *opts)
{
	const char *name = link_prog_name(prog);
	struct perf_event_attr attr;
	struct bpf_link *link;
	int id, pfd, err;

	if (!OPTS_OK(opts, bpf_tracepoint_opts))
		return util_err_ptr(-EINVAL);
	if (!tp_category || !tp_name || !*tp_category || !*tp_name ||
	    strchr(tp_category, '/') || strchr(tp_name, '/')) {
		pr_warn("prog '%s': invalid tracepoint '%s/%s'\n", name,
			tp_category ? tp_category : "", tp_name ? tp_name : "");
		return util_err_ptr(-EINVAL);
	}
	err = link_prog_fd(prog);
	if (err < 0)
		return util_err_ptr(err);
	id = link_tracepoint_id(tp_category, tp_name);
	if (id < 0) {
		pr_warn("prog '%s': tracepoint '%s/%s' not found under %s/events: %s\n",
			name, tp_category, tp_name, link_tracefs_root(),
			util_errstr(id));
		return util_err_ptr(id);
	}
	memset(&attr, 0, sizeof(attr));
	attr.type = PERF_TYPE_TRACEPOINT;
	attr.size = sizeof(attr);
	attr.config = id;
	pfd = link_perf_event_open(&attr, -1, 0);
	if (pfd < 0) {
		pr_warn("prog '%s': opening a perf event for tracepoint '%s/%s' failed: %s\n",
			name, tp_category, tp_name, util_errstr(pfd));
		return util_err_ptr(pfd);
	}
	link = link_attach_perf(prog, pfd, OPTS_GET(opts, bpf_cookie, 0), LINK_PERF_ANY,
				NULL);
	if (!link) {
		err = -errno;
		close(pfd);
		pr_warn("prog '%s': attaching to tracepoint '%s/%s' failed: %s\n",
			name, tp_category, tp_name, util_errstr(err));
		return util_err_ptr(err);
	}
	return link;
}

LIBBPF_API struct bpf_link *
bpf_program__attach_tracepoint(const struct bpf_program *prog,
			       const char *tp_category, const char *tp_name)
{
	return bpf_program__attach_tracepoint_opts(prog, tp_category, tp_name,
						   NULL);
}
