// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Multi-target probes: one BPF link for many kernel functions
 * (kprobe.multi, kprobe.session), many offsets in one binary
 * (uprobe.multi, uprobe.session), or many BTF functions (tracing_multi).
 */
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "link.h"
#include "link_elf.h"
#include "util/alloc.h"
#include "util/err.h"
#include "util/log.h"
#include "util/opts.h"

struct name_list {
	char **names;
	size_t cnt, cap;
};

static void name_list_free(struct name_list *l)
{
	size_t i;

	for (i = 0; i < l->cnt; i++)
		free(l->names[i]);
	free(l->names);
	memset(l, 0, sizeof(*l));
}

static int name_list_add(struct name_list *out, const char *sym)
{
	size_t i;

	for (i = 0; i < out->cnt; i++)
		if (!strcmp(out->names[i], sym))
			return 0;
	if (util_ensure_cap((void **)&out->names, &out->cap, sizeof(*out->names),
			    out->cnt + 1))
		return -ENOMEM;
	out->names[out->cnt] = strdup(sym);
	if (!out->names[out->cnt])
		return -ENOMEM;
	out->cnt++;
	return 0;
}

/*
 * Kernel functions matching pattern, deduplicated: from tracefs's
 * available_filter_functions (only traceable ones, "name [module]" lines)
 * when readable, else every text symbol of /proc/kallsyms.
 */
static int kernel_func_glob(const char *pattern, struct name_list *out)
{
	char path[256], line[512], sym[256], type;
	bool filter_list;
	size_t lines = 0;
	FILE *f;
	int err = 0;

	snprintf(path, sizeof(path), "%s/available_filter_functions",
		 link_tracefs_root());
	f = fopen(path, "re");
	filter_list = f != NULL;
retry:
	if (!f)
		f = fopen("/proc/kallsyms", "re");
	if (!f)
		return -errno;
	while (!err && fgets(line, sizeof(line), f)) {
		lines++;
		if (filter_list) {
			if (sscanf(line, "%255s", sym) != 1)
				continue;
		} else if (sscanf(line, "%*s %c %255s", &type, sym) != 2 ||
			   (type != 't' && type != 'T')) {
			continue;
		}
		if (!fnmatch(pattern, sym, 0))
			err = name_list_add(out, sym);
	}
	fclose(f);
	/* Some kernels let us open the filter list but not read it. */
	if (!err && filter_list && !lines) {
		filter_list = false;
		f = NULL;
		goto retry;
	}
	return err;
}

LIBBPF_API struct bpf_link *
bpf_program__attach_kprobe_multi_opts(const struct bpf_program *prog,
				      const char *pattern,
				      const struct bpf_kprobe_multi_opts *opts)
{
	LIBBPF_OPTS(bpf_link_create_opts, lopts);
	const char *name = link_prog_name(prog);
	struct name_list found = {};
	const char **syms;
	const unsigned long *addrs;
	const __u64 *cookies;
	enum bpf_attach_type type;
	bool retprobe, session;
	size_t cnt;
	int prog_fd, fd, err;

	if (!OPTS_OK(opts, bpf_kprobe_multi_opts))
		return util_err_ptr(-EINVAL);
	syms = OPTS_GET(opts, syms, NULL);
	addrs = OPTS_GET(opts, addrs, NULL);
	cookies = OPTS_GET(opts, cookies, NULL);
	cnt = OPTS_GET(opts, cnt, 0);
	retprobe = OPTS_GET(opts, retprobe, false);
	session = OPTS_GET(opts, session, false);

	prog_fd = link_prog_fd(prog);
	if (prog_fd < 0)
		return util_err_ptr(prog_fd);
	/* Exactly one way of naming the targets. */
	if (!!pattern + !!syms + !!addrs != 1 || (pattern && (cnt || cookies)) ||
	    (!pattern && !cnt) || (retprobe && session)) {
		pr_warn("prog '%s': kprobe.multi needs exactly one of a pattern, symbols or addresses\n",
			name);
		return util_err_ptr(-EINVAL);
	}
	if (pattern) {
		err = kernel_func_glob(pattern, &found);
		if (!err && !found.cnt)
			err = -ENOENT;
		if (!err && OPTS_GET(opts, unique_match, false) && found.cnt > 1) {
			pr_warn("prog '%s': kprobe.multi pattern '%s' matches %zu functions, one wanted\n",
				name, pattern, found.cnt);
			err = -EINVAL;
		}
		if (err) {
			if (err == -ENOENT)
				pr_warn("prog '%s': kprobe.multi pattern '%s' matches no kernel function\n",
					name, pattern);
			name_list_free(&found);
			return util_err_ptr(err);
		}
		syms = (const char **)found.names;
		cnt = found.cnt;
	}
	if (cnt > UINT_MAX) {
		name_list_free(&found);
		return util_err_ptr(-E2BIG);
	}
	type = session ? BPF_TRACE_KPROBE_SESSION : BPF_TRACE_KPROBE_MULTI;
	lopts.kprobe_multi.syms = syms;
	lopts.kprobe_multi.addrs = addrs;
	lopts.kprobe_multi.cookies = cookies;
	lopts.kprobe_multi.cnt = cnt;
	lopts.kprobe_multi.flags = retprobe ? BPF_F_KPROBE_MULTI_RETURN : 0;
	fd = bpf_link_create(prog_fd, 0, type, &lopts);
	err = fd < 0 ? -errno : 0;
	name_list_free(&found);
	if (fd < 0) {
		pr_warn("prog '%s': kprobe.multi attach to %s%s (%zu functions) failed: %s%s\n",
			name, pattern ? "pattern " : "", pattern ? pattern : "listed targets",
			cnt, util_errstr(err),
			err == -EOPNOTSUPP || err == -EINVAL ?
			" (kernel without kprobe.multi support?)" : "");
		return util_err_ptr(err);
	}
	return link_from_fd(fd);
}

LIBBPF_API struct bpf_link *
bpf_program__attach_uprobe_multi(const struct bpf_program *prog, pid_t pid,
				 const char *binary_path,
				 const char *func_pattern,
				 const struct bpf_uprobe_multi_opts *opts)
{
	LIBBPF_OPTS(bpf_link_create_opts, lopts);
	const char *name = link_prog_name(prog);
	const char **syms;
	const unsigned long *offsets, *ref_ctrs;
	unsigned long *owned = NULL;
	const __u64 *cookies;
	char path[PATH_MAX];
	bool retprobe, session;
	size_t cnt, i;
	int prog_fd, fd, err;

	if (!OPTS_OK(opts, bpf_uprobe_multi_opts))
		return util_err_ptr(-EINVAL);
	syms = OPTS_GET(opts, syms, NULL);
	offsets = OPTS_GET(opts, offsets, NULL);
	ref_ctrs = OPTS_GET(opts, ref_ctr_offsets, NULL);
	cookies = OPTS_GET(opts, cookies, NULL);
	cnt = OPTS_GET(opts, cnt, 0);
	retprobe = OPTS_GET(opts, retprobe, false);
	session = OPTS_GET(opts, session, false);

	prog_fd = link_prog_fd(prog);
	if (prog_fd < 0)
		return util_err_ptr(prog_fd);
	if (!binary_path || !*binary_path) {
		pr_warn("prog '%s': uprobe.multi needs a binary path\n", name);
		return util_err_ptr(-EINVAL);
	}
	if (!!func_pattern + !!syms + !!offsets != 1 ||
	    (func_pattern && (cnt || cookies || ref_ctrs)) ||
	    (!func_pattern && !cnt) || (retprobe && session)) {
		pr_warn("prog '%s': uprobe.multi needs exactly one of a pattern, symbols or offsets\n",
			name);
		return util_err_ptr(-EINVAL);
	}
	err = link_resolve_path(binary_path, path, sizeof(path));
	if (err) {
		pr_warn("prog '%s': uprobe.multi binary '%s' not found: %s\n",
			name, binary_path, util_errstr(err));
		return util_err_ptr(err);
	}
	if (func_pattern) {
		err = link_elf_glob_funcs(path, func_pattern, &owned, &cnt);
		if (err) {
			pr_warn("prog '%s': uprobe.multi pattern '%s' in '%s': %s\n",
				name, func_pattern, path, util_errstr(err));
			return util_err_ptr(err);
		}
	} else if (syms) {
		owned = calloc(cnt, sizeof(*owned));
		if (!owned)
			return util_err_ptr(-ENOMEM);
		for (i = 0; i < cnt; i++) {
			long off = link_elf_func_offset(path, syms[i]);

			if (off < 0) {
				free(owned);
				pr_warn("prog '%s': uprobe.multi function '%s' not found in '%s'\n",
					name, syms[i], path);
				return util_err_ptr((int)off);
			}
			owned[i] = off;
		}
	}
	if (owned)
		offsets = owned;
	if (cnt > UINT_MAX) {
		free(owned);
		return util_err_ptr(-E2BIG);
	}
	lopts.uprobe_multi.path = path;
	lopts.uprobe_multi.offsets = offsets;
	lopts.uprobe_multi.ref_ctr_offsets = ref_ctrs;
	lopts.uprobe_multi.cookies = cookies;
	lopts.uprobe_multi.cnt = cnt;
	lopts.uprobe_multi.flags = retprobe ? BPF_F_UPROBE_MULTI_RETURN : 0;
	lopts.uprobe_multi.pid = pid < 0 ? 0 : pid;
	fd = bpf_link_create(prog_fd, 0,
			     session ? BPF_TRACE_UPROBE_SESSION : BPF_TRACE_UPROBE_MULTI,
			     &lopts);
	err = fd < 0 ? -errno : 0;
	free(owned);
	if (fd < 0) {
		pr_warn("prog '%s': uprobe.multi attach to '%s' (%zu offsets) failed: %s\n",
			name, path, cnt, util_errstr(err));
		return util_err_ptr(err);
	}
	return link_from_fd(fd);
}

/* BTF ids of vmlinux functions whose names match pattern. */
static int btf_func_glob(const char *pattern, __u32 **ids, size_t *cnt)
{
	struct btf *btf = btf__load_vmlinux_btf();
	size_t cap = 0, n = 0;
	__u32 *out = NULL, i, nr;
	int err = 0;

	if (!btf)
		return -errno;
	nr = btf__type_cnt(btf);
	for (i = 1; i < nr; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i);
		const char *fname;

		if (!t || BTF_INFO_KIND(t->info) != BTF_KIND_FUNC)
			continue;
		fname = btf__name_by_offset(btf, t->name_off);
		if (!fname || fnmatch(pattern, fname, 0))
			continue;
		err = util_ensure_cap((void **)&out, &cap, sizeof(*out), n + 1);
		if (err)
			break;
		out[n++] = i;
	}
	btf__free(btf);
	if (!err && !n)
		err = -ENOENT;
	if (err) {
		free(out);
		return err;
	}
	*ids = out;
	*cnt = n;
	return 0;
}

LIBBPF_API struct bpf_link *
bpf_program__attach_tracing_multi(const struct bpf_program *prog,
				  const char *pattern,
				  const struct bpf_tracing_multi_opts *opts)
{
	LIBBPF_OPTS(bpf_link_create_opts, lopts);
	const char *name = link_prog_name(prog);
	const __u32 *ids;
	__u32 *owned = NULL;
	size_t cnt;
	int prog_fd, fd, err;

	if (!OPTS_OK(opts, bpf_tracing_multi_opts))
		return util_err_ptr(-EINVAL);
	ids = OPTS_GET(opts, ids, NULL);
	cnt = OPTS_GET(opts, cnt, 0);
	prog_fd = link_prog_fd(prog);
	if (prog_fd < 0)
		return util_err_ptr(prog_fd);
	if (!!pattern == !!ids || (ids && !cnt) ||
	    (pattern && (cnt || OPTS_GET(opts, cookies, NULL)))) {
		pr_warn("prog '%s': tracing multi needs either a pattern or BTF ids\n",
			name);
		return util_err_ptr(-EINVAL);
	}
	if (pattern) {
		err = btf_func_glob(pattern, &owned, &cnt);
		if (err) {
			pr_warn("prog '%s': tracing multi pattern '%s': %s\n", name,
				pattern, err == -ENOENT ? "no kernel function matches" :
				util_errstr(err));
			return util_err_ptr(err);
		}
		ids = owned;
	}
	if (cnt > UINT_MAX) {
		free(owned);
		return util_err_ptr(-E2BIG);
	}
	lopts.tracing_multi.ids = ids;
	lopts.tracing_multi.cookies = OPTS_GET(opts, cookies, NULL);
	lopts.tracing_multi.cnt = cnt;
	fd = bpf_link_create(prog_fd, 0, bpf_program__expected_attach_type(prog),
			     &lopts);
	err = fd < 0 ? -errno : 0;
	free(owned);
	if (fd < 0) {
		pr_warn("prog '%s': tracing multi attach (%zu functions) failed: %s\n",
			name, cnt, util_errstr(err));
		return util_err_ptr(err);
	}
	return link_from_fd(fd);
}
