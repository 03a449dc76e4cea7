// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * uprobes and uretprobes: a perf event of the "uprobe" PMU on a file
 * offset, or on kernels without the PMU an entry in uprobe_events.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/perf_event.h>

#include <bpf/libbpf.h>

#include "link.h"
#include "link_elf.h"
#include "util/err.h"
#include "util/log.h"
#include "util/opts.h"

/* Bits 63..32 of config carry the reference counter (semaphore) offset. */
#define UPROBE_REF_CTR_SHIFT 32

static int uprobe_pmu_open(const char *path, size_t offset, size_t ref_ctr,
			   bool retprobe, int pid)
{
	struct perf_event_attr attr;
	int type, bit;

	type = link_pmu_type("uprobe");
	if (type < 0)
		return type;
	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = type;
	if (retprobe) {
		bit = link_pmu_retprobe_bit("uprobe");
		if (bit < 0)
			return bit;
		attr.config |= 1ULL << bit;
	}
	attr.config |= (__u64)ref_ctr << UPROBE_REF_CTR_SHIFT;
	attr.config1 = (__u64)(unsigned long)path;
	attr.config2 = offset;
	return link_perf_event_open(&attr, pid < 0 ? -1 : pid, pid == -1 ? 0 : -1);
}

static int uprobe_legacy_open(const char *path, size_t offset, bool retprobe,
			      int pid, struct perf_legacy_probe **probe)
{
	static int seq;
	char event[96], group_event[128], def[PATH_MAX + 256];
	struct perf_event_attr attr;
	int id, fd;

	snprintf(event, sizeof(event), "bpfkit_%d_%zx_%d", getpid(), offset,
		 __atomic_fetch_add(&seq, 1, __ATOMIC_RELAXED));
	snprintf(group_event, sizeof(group_event), "uprobes/%s", event);
	snprintf(def, sizeof(def), "%c:%s %s:0x%zx\n", retprobe ? 'r' : 'p',
		 group_event, path, offset);
	*probe = link_legacy_probe_add("uprobe_events", group_event, def);
	if (!*probe)
		return -errno;
	id = link_tracepoint_id("uprobes", event);
	if (id < 0)
		return id;
	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = PERF_TYPE_TRACEPOINT;
	attr.config = id;
	fd = link_perf_event_open(&attr, pid < 0 ? -1 : pid, pid == -1 ? 0 : -1);
	return fd;
}

LIBBPF_API struct bpf_link *
bpf_program__attach_uprobe_opts(const struct bpf_program *prog, pid_t pid,
				const char *binary_path, size_t func_offset,
				const struct bpf_uprobe_opts *opts)
{
	const char *name = link_prog_name(prog);
	struct perf_legacy_probe *legacy = NULL;
	enum probe_attach_mode mode;
	const char *func_name;
	char path[PATH_MAX];
	bool retprobe, use_legacy;
	enum link_perf_mode pmode = LINK_PERF_ANY;
	size_t ref_ctr;
	__u64 cookie;
	struct bpf_link *link;
	int pfd, err;

	if (!OPTS_OK(opts, bpf_uprobe_opts))
		return util_err_ptr(-EINVAL);
	retprobe = OPTS_GET(opts, retprobe, false);
	ref_ctr = OPTS_GET(opts, ref_ctr_offset, 0);
	cookie = OPTS_GET(opts, bpf_cookie, 0);
	func_name = OPTS_GET(opts, func_name, NULL);
	mode = OPTS_GET(opts, attach_mode, PROBE_ATTACH_MODE_DEFAULT);

	err = link_prog_fd(prog);
	if (err < 0)
		return util_err_ptr(err);
	if (!binary_path || !*binary_path) {
		pr_warn("prog '%s': uprobe needs a binary path\n", name);
		return util_err_ptr(-EINVAL);
	}
	err = link_resolve_path(binary_path, path, sizeof(path));
	if (err) {
		pr_warn("prog '%s': uprobe binary '%s' not found: %s\n", name,
			binary_path, util_errstr(err));
		return util_err_ptr(err);
	}
	if (func_name && *func_name) {
		long off = link_elf_func_offset(path, func_name);

		if (off < 0) {
			pr_warn("prog '%s': uprobe function '%s' not resolved in '%s': %s\n",
				name, func_name, path, util_errstr((int)off));
			return util_err_ptr((int)off);
		}
		func_offset += off;
	}

	use_legacy = link_pmu_type("uprobe") < 0;
	switch (mode) {
	case PROBE_ATTACH_MODE_LEGACY:
		use_legacy = true;
		pmode = LINK_PERF_IOCTL;
		break;
	case PROBE_ATTACH_MODE_PERF:
	case PROBE_ATTACH_MODE_LINK:
		if (use_legacy) {
			pr_warn("prog '%s': uprobe '%s': the uprobe PMU is not available\n",
				name, path);
			return util_err_ptr(-EOPNOTSUPP);
		}
		pmode = mode == PROBE_ATTACH_MODE_PERF ? LINK_PERF_IOCTL : LINK_PERF_LINK;
		break;
	case PROBE_ATTACH_MODE_DEFAULT:
		break;
	default:
		return util_err_ptr(-EINVAL);
	}
	if (use_legacy && ref_ctr) {
		pr_warn("prog '%s': legacy uprobes cannot take a reference counter\n",
			name);
		return util_err_ptr(-EOPNOTSUPP);
	}
	if (use_legacy)
		pfd = uprobe_legacy_open(path, func_offset, retprobe, pid, &legacy);
	else
		pfd = uprobe_pmu_open(path, func_offset, ref_ctr, retprobe, pid);
	if (pfd < 0) {
		perf_legacy_probe_free(legacy);
		pr_warn("prog '%s': creating %s '%s:0x%zx' failed: %s\n", name,
			retprobe ? "uretprobe" : "uprobe", path, func_offset,
			util_errstr(pfd));
		return util_err_ptr(pfd);
	}
	link = link_attach_perf(prog, pfd, cookie, pmode, legacy);
	if (!link) {
		err = -errno;
		close(pfd);
		perf_legacy_probe_free(legacy);
		pr_warn("prog '%s': attaching %s '%s:0x%zx' failed: %s\n", name,
			retprobe ? "uretprobe" : "uprobe", path, func_offset,
			util_errstr(err));
		return util_err_ptr(err);
	}
	return link;
}

LIBBPF_API struct bpf_link *
bpf_program__attach_uprobe(const struct bpf_program *prog, bool retprobe,
			   pid_t pid, const char *binary_path, size_t func_offset)
{
	LIBBPF_OPTS(bpf_uprobe_opts, opts, .retprobe = retprobe);

	return bpf_program__attach_uprobe_opts(prog, pid, binary_path,
					       func_offset, &opts);
}
