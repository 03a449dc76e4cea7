// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Attaching through a perf event fd: BPF_LINK_CREATE with BPF_PERF_EVENT
 * when the kernel has it (needed for bpf_cookie), PERF_EVENT_IOC_SET_BPF
 * otherwise.  Tracepoints, kprobes, uprobes and plain perf events all end
 * here once they have their perf event open.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <linux/perf_event.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "link.h"
#include "util/err.h"
#include "util/log.h"
#include "util/opts.h"

struct perf_link {
	struct bpf_link link;
	int perf_fd;			/* owned; link.fd is perf_fd or a BPF link */
	struct perf_legacy_probe *legacy;
};

static int perf_link_detach(struct bpf_link *link)
{
	struct perf_link *pl = (struct perf_link *)link;
	int err = 0;

	if (pl->perf_fd != link->fd && close(link->fd))
		err = -errno;
	ioctl(pl->perf_fd, PERF_EVENT_IOC_DISABLE, 0);
	if (close(pl->perf_fd) && !err)
		err = -errno;
	perf_legacy_probe_free(pl->legacy);
	pl->legacy = NULL;
	return err;
}

static void perf_link_dealloc(struct bpf_link *link)
{
	struct perf_link *pl = (struct perf_link *)link;

	/* Disconnected links keep their events; drop only our memory. */
	if (pl->legacy)
		perf_legacy_probe_forget(pl->legacy);
	free(pl);
}

struct bpf_link *link_attach_perf(const struct bpf_program *prog, int pfd,
				  __u64 cookie, enum link_perf_mode mode,
				  struct perf_legacy_probe *legacy)
{
	const char *name = link_prog_name(prog);
	struct perf_link *pl;
	int prog_fd, link_fd = -1, err;

	prog_fd = link_prog_fd(prog);
	if (prog_fd < 0) {
		err = prog_fd;
		goto err_legacy;
	}
	if (pfd < 0) {
		pr_warn("prog '%s': invalid perf event fd %d\n", name, pfd);
		err = -EINVAL;
		goto err_legacy;
	}
	pl = calloc(1, sizeof(*pl));
	if (!pl) {
		err = -ENOMEM;
		goto err_legacy;
	}
	if (mode != LINK_PERF_IOCTL) {
		LIBBPF_OPTS(bpf_link_create_opts, lopts,
			    .perf_event.bpf_cookie = cookie);

		link_fd = bpf_link_create(prog_fd, pfd, BPF_PERF_EVENT, &lopts);
		if (link_fd < 0) {
			err = -errno;
			/* Kernels before 5.15 lack perf links: use the ioctl. */
			if (cookie || mode == LINK_PERF_LINK ||
			    (err != -EINVAL && err != -EOPNOTSUPP)) {
				pr_warn("prog '%s': attaching to perf event fd %d failed: %s\n",
					name, pfd, util_errstr(err));
				goto err_free;
			}
		}
	} else if (cookie) {
		pr_warn("prog '%s': a BPF cookie needs a perf link, not the ioctl\n",
			name);
		err = -EOPNOTSUPP;
		goto err_free;
	}
	if (link_fd < 0) {
		if (ioctl(pfd, PERF_EVENT_IOC_SET_BPF, prog_fd) < 0) {
			err = -errno;
			if (err == -EPROTO)
				pr_warn("prog '%s': wrong program type for this perf event\n",
					name);
			else
				pr_warn("prog '%s': attaching to perf event fd %d failed: %s\n",
					name, pfd, util_errstr(err));
			goto err_free;
		}
	}
	if (ioctl(pfd, PERF_EVENT_IOC_ENABLE, 0) < 0) {
		err = -errno;
		pr_warn("prog '%s': enabling perf event fd %d failed: %s\n",
			name, pfd, util_errstr(err));
		if (link_fd >= 0)
			close(link_fd);
		goto err_free;
	}
	pl->link.fd = link_fd >= 0 ? link_fd : pfd;
	pl->link.detach = perf_link_detach;
	pl->link.dealloc = perf_link_dealloc;
	pl->perf_fd = pfd;
	pl->legacy = legacy;
	return &pl->link;

err_free:
	free(pl);
err_legacy:
	return util_err_ptr(err);
}

LIBBPF_API struct bpf_link *
bpf_program__attach_perf_event_opts(const struct bpf_program *prog, int pfd,
				    const struct bpf_perf_event_opts *opts)
{
	if (!OPTS_OK(opts, bpf_perf_event_opts))
		return util_err_ptr(-EINVAL);
	return link_attach_perf(prog, pfd, OPTS_GET(opts, bpf_cookie, 0),
				OPTS_GET(opts, force_ioctl_attach, false) ?
				LINK_PERF_IOCTL : LINK_PERF_ANY, NULL);
}

LIBBPF_API struct bpf_link *
bpf_program__attach_perf_event(const struct bpf_program *prog, int pfd)
{
	return bpf_program__attach_perf_event_opts(prog, pfd, NULL);
}
