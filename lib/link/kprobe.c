// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * kprobes, kretprobes and syscall probes: a perf event of the "kprobe"
 * PMU, or an entry in kprobe_events on kernels without it.  Kernels built
 * without CONFIG_KPROBES have neither; that is reported as such.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/perf_event.h>

#include <bpf/libbpf.h>

#include "link.h"
#include "util/err.h"
#include "util/log.h"
#include "util/opts.h"

static int kprobe_pmu_open(const char *func, size_t offset, bool retprobe)
{
	struct perf_event_attr attr;
	int type, bit;

	type = link_pmu_type("kprobe");
	if (type < 0)
		return type;
	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = type;
	if (retprobe) {
		bit = link_pmu_retprobe_bit("kprobe");
		if (bit < 0)
			return bit;
		attr.config |= 1ULL << bit;
	}
	attr.config1 = (__u64)(unsigned long)func;
	attr.config2 = offset;
	return link_perf_event_open(&attr, -1, 0);
}

static int kprobe_legacy_open(const char *func, size_t offset, bool retprobe,
			      struct perf_legacy_probe **probe)
{
	static int seq;
	char event[160], group_event[192], def[512];
	struct perf_event_attr attr;
	size_t i;
	int id;

	/* tracefs caps event names at 64 bytes: keep 32 of the function's. */
	snprintf(event, sizeof(event), "bpfkit_%d_%.32s_0x%zx_%d", getpid(), func,
		 offset, __atomic_fetch_add(&seq, 1, __ATOMIC_RELAXED));
	/* Event names allow only [A-Za-z0-9_]. */
	for (i = 0; event[i]; i++)
		if (!(event[i] == '_' || (event[i] >= '0' && event[i] <= '9') ||
		      (event[i] >= 'a' && event[i] <= 'z') ||
		      (event[i] >= 'A' && event[i] <= 'Z')))
			event[i] = '_';
	snprintf(group_event, sizeof(group_event), "kprobes/%s", event);
	snprintf(def, sizeof(def), "%c:%s %s+0x%zx\n", retprobe ? 'r' : 'p',
		 group_event, func, offset);
	*probe = link_legacy_probe_add("kprobe_events", group_event, def);
	if (!*probe)
		return -errno;
	id = link_tracepoint_id("kprobes", event);
	if (id < 0)
		return id;
	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = PERF_TYPE_TRACEPOINT;
	attr.config = id;
	return link_perf_event_open(&attr, -1, 0);
}

static bool kprobe_legacy_available(void)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/kprobe_events", link_tracefs_root());
	return access(path, W_OK) == 0;
}

LIBBPF_API struct bpf_link *
bpf_program__attach_kprobe_opts(const struct bpf_program *prog,
				const char *func_name,
				const struct bpf_kprobe_opts *opts)
{
	const char *name = link_prog_name(prog);
	struct perf_legacy_probe *legacy = NULL;
	enum probe_attach_mode mode;
	bool retprobe, use_legacy;
	enum link_perf_mode pmode = LINK_PERF_ANY;
	const char *kind;
	struct bpf_link *link;
	size_t offset;
	int pfd, err;

	if (!OPTS_OK(opts, bpf_kprobe_opts))
		return util_err_ptr(-EINVAL);
	retprobe = OPTS_GET(opts, retprobe, false);
	offset = OPTS_GET(opts, offset, 0);
	mode = OPTS_GET(opts, attach_mode, PROBE_ATTACH_MODE_DEFAULT);
	kind = retprobe ? "kretprobe" : "kprobe";

	err = link_prog_fd(prog);
	if (err < 0)
		return util_err_ptr(err);
	if (!func_name || !*func_name) {
		pr_warn("prog '%s': %s needs a function name\n", name, kind);
		return util_err_ptr(-EINVAL);
	}
	if (retprobe && offset) {
		pr_warn("prog '%s': %s '%s' cannot take an offset\n", name, kind,
			func_name);
		return util_err_ptr(-EINVAL);
	}
	use_legacy = link_pmu_type("kprobe") < 0;
	switch (mode) {
	case PROBE_ATTACH_MODE_LEGACY:
		use_legacy = true;
		pmode = LINK_PERF_IOCTL;
		break;
	case PROBE_ATTACH_MODE_PERF:
	case PROBE_ATTACH_MODE_LINK:
		pmode = mode == PROBE_ATTACH_MODE_PERF ? LINK_PERF_IOCTL : LINK_PERF_LINK;
		if (use_legacy) {
			pr_warn("prog '%s': %s '%s': the kprobe PMU is not available\n",
				name, kind, func_name);
			return util_err_ptr(-EOPNOTSUPP);
		}
		break;
	case PROBE_ATTACH_MODE_DEFAULT:
		break;
	default:
		return util_err_ptr(-EINVAL);
	}
	if (use_legacy && !kprobe_legacy_available()) {
		pr_warn("prog '%s': %s '%s': this kernel has neither the kprobe PMU nor %s/kprobe_events (kprobes not supported)\n",
			name, kind, func_name, link_tracefs_root());
		return util_err_ptr(-EOPNOTSUPP);
	}
	if (use_legacy)
		pfd = kprobe_legacy_open(func_name, offset, retprobe, &legacy);
	else
		pfd = kprobe_pmu_open(func_name, offset, retprobe);
	if (pfd < 0) {
		perf_legacy_probe_free(legacy);
		pr_warn("prog '%s': creating %s '%s+0x%zx' failed: %s\n", name,
			kind, func_name, offset, util_errstr(pfd));
		return util_err_ptr(pfd);
	}
	link = link_attach_perf(prog, pfd, OPTS_GET(opts, bpf_cookie, 0), pmode,
				legacy);
	if (!link) {
		err = -errno;
		close(pfd);
		perf_legacy_probe_free(legacy);
		pr_warn("prog '%s': attaching %s '%s' failed: %s\n", name, kind,
			func_name, util_errstr(err));
		return util_err_ptr(err);
	}
	return link;
}

LIBBPF_API struct bpf_link *
bpf_program__attach_kprobe(const struct bpf_program *prog, bool retprobe,
			   const char *func_name)
{
	LIBBPF_OPTS(bpf_kprobe_opts, opts, .retprobe = retprobe);

	return bpf_program__attach_kprobe_opts(prog, func_name, &opts);
}

/* "__x64_sys_", "__arm64_sys_", ... or "" when the kernel has plain names. */
static const char *ksyscall_prefix(void)
{
	static const char *prefix;
	static const char *const candidates[] = {
		"__x64_sys_", "__arm64_sys_", "__s390x_sys_", "__riscv_sys_",
		"__ia32_sys_", "__powerpc_sys_",
	};
	char line[256], sym[200];
	FILE *f;
	size_t i;

	const char *found = __atomic_load_n(&prefix, __ATOMIC_ACQUIRE);

	/* computed once; threads racing here compute the same answer */
	if (found)
		return found;
	found = "";
	f = fopen("/proc/kallsyms", "re");
	if (!f)
		goto out;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%*s %*c %199s", sym) != 1)
			continue;
		for (i = 0; i < sizeof(candidates) / sizeof(candidates[0]); i++) {
			size_t n = strlen(candidates[i]);

			if (!strncmp(sym, candidates[i], n) && !strcmp(sym + n, "bpf")) {
				found = candidates[i];
				goto close;
			}
		}
	}
close:
	fclose(f);
out:
	__atomic_store_n(&prefix, found, __ATOMIC_RELEASE);
	return found;
}

LIBBPF_API struct bpf_link *
bpf_program__attach_ksyscall(const struct bpf_program *prog,
			     const char *syscall_name,
			     const struct bpf_ksyscall_opts *opts)
{
	LIBBPF_OPTS(bpf_kprobe_opts, kopts);
	const char *prefix;
	char func[128];

	if (!OPTS_OK(opts, bpf_ksyscall_opts))
		return util_err_ptr(-EINVAL);
	if (!syscall_name || !*syscall_name) {
		pr_warn("prog '%s': ksyscall needs a syscall name\n",
			link_prog_name(prog));
		return util_err_ptr(-EINVAL);
	}
	prefix = ksyscall_prefix();
	snprintf(func, sizeof(func), "%s%s%s", prefix, *prefix ? "" : "sys_",
		 syscall_name);
	kopts.retprobe = OPTS_GET(opts, retprobe, false);
	kopts.bpf_cookie = OPTS_GET(opts, bpf_cookie, 0);
	return bpf_program__attach_kprobe_opts(prog, func, &kopts);
}
