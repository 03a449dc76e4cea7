// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * bpf_program__attach(): attaching a program the way its SEC() name says,
 * "kprobe/do_unlinkat", "tp/syscalls/sys_enter_openat", "uprobe/path:func",
 * ...  Sections that name no target ("kprobe", "xdp") have nothing to
 * auto-attach.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "link.h"
#include "object/sections.h"
#include "util/err.h"
#include "util/log.h"

static bool starts_with(const char *s, const char *prefix)
{
	return s && !strncmp(s, prefix, strlen(prefix));
}

/* "func", "func+16" or "func+0x10" into a name copy and offset. */
static int split_func_offset(const char *arg, char **func, unsigned long *off)
{
	const char *plus = strchr(arg, '+');
	char *end;

	*off = 0;
	if (plus) {
		errno = 0;
		*off = strtoul(plus + 1, &end, 0);
		if (errno || end == plus + 1 || *end)
			return -EINVAL;
	}
	*func = strndup(arg, plus ? (size_t)(plus - arg) : strlen(arg));
	return *func ? 0 : -ENOMEM;
}

static int auto_kprobe(const struct bpf_program *prog, const char *sec,
		       const char *arg, struct bpf_link **link)
{
	LIBBPF_OPTS(bpf_kprobe_opts, opts);
	unsigned long off;
	char *func;
	int err;

	opts.retprobe = starts_with(sec, "kretprobe");
	err = split_func_offset(arg, &func, &off);
	if (err) {
		pr_warn("prog '%s': cannot parse kprobe target '%s'\n",
			link_prog_name(prog), arg);
		return err;
	}
	opts.offset = off;
	*link = bpf_program__attach_kprobe_opts(prog, func, &opts);
	err = *link ? 0 : -errno;
	free(func);
	return err;
}

static int auto_uprobe(const struct bpf_program *prog, const char *sec,
		       const char *arg, struct bpf_link **link)
{
	LIBBPF_OPTS(bpf_uprobe_opts, opts);
	char *path, *colon, *func = NULL;
	unsigned long off = 0;
	int err;

	path = strdup(arg);
	if (!path)
		return -ENOMEM;
	colon = strrchr(path, ':');
	if (!colon || !colon[1]) {
		pr_warn("prog '%s': uprobe section '%s' needs 'binary:function[+offset]'\n",
			link_prog_name(prog), sec);
		free(path);
		return -EINVAL;
	}
	*colon = '\0';
	err = split_func_offset(colon + 1, &func, &off);
	if (err) {
		pr_warn("prog '%s': cannot parse uprobe target '%s'\n",
			link_prog_name(prog), colon + 1);
		free(path);
		return err;
	}
	opts.retprobe = starts_with(sec, "uretprobe");
	/* A bare number is an offset into the file, not a symbol. */
	if (func[0] >= '0' && func[0] <= '9') {
		char *end;

		off += strtoul(func, &end, 0);
		if (*end) {
			err = -EINVAL;
			goto out;
		}
	} else {
		opts.func_name = func;
	}
	*link = bpf_program__attach_uprobe_opts(prog, -1, path, off, &opts);
	err = *link ? 0 : -errno;
out:
	free(func);
	free(path);
	return err;
}

static int auto_usdt(const struct bpf_program *prog, const char *sec,
		     const char *arg, struct bpf_link **link)
{
	char *copy, *name, *provider = NULL;
	int err = 0;

	copy = strdup(arg);
	if (!copy)
		return -ENOMEM;
	/* path:provider:name; the path may itself hold colons. */
	name = strrchr(copy, ':');
	if (name) {
		*name++ = '\0';
		provider = strrchr(copy, ':');
		if (provider)
			*provider++ = '\0';
	}
	if (!name || !provider || !*copy || !*provider || !*name) {
		pr_warn("prog '%s': USDT section '%s' needs 'binary:provider:name'\n",
			link_prog_name(prog), sec);
		free(copy);
		return -EINVAL;
	}
	*link = bpf_program__attach_usdt(prog, -1, copy, provider, name, NULL);
	if (!*link)
		err = -errno;
	free(copy);
	return err;
}

static int auto_tracepoint(const struct bpf_program *prog, const char *arg,
			   struct bpf_link **link)
{
	char *cat, *name;
	int err = 0;

	cat = strdup(arg);
	if (!cat)
		return -ENOMEM;
	name = strchr(cat, '/');
	if (!name) {
		pr_warn("prog '%s': tracepoint section needs 'category/name', got '%s'\n",
			link_prog_name(prog), arg);
		free(cat);
		return -EINVAL;
	}
	*name++ = '\0';
	*link = bpf_program__attach_tracepoint(prog, cat, name);
	if (!*link)
		err = -errno;
	free(cat);
	return err;
}

static int auto_uprobe_multi(const struct bpf_program *prog, const char *sec,
			     const char *arg, struct bpf_link **link)
{
	LIBBPF_OPTS(bpf_uprobe_multi_opts, opts);
	char *path, *colon;
	int err = 0;

	path = strdup(arg);
	if (!path)
		return -ENOMEM;
	colon = strrchr(path, ':');
	if (!colon || !colon[1]) {
		pr_warn("prog '%s': uprobe.multi section '%s' needs 'binary:pattern'\n",
			link_prog_name(prog), sec);
		free(path);
		return -EINVAL;
	}
	*colon = '\0';
	opts.retprobe = starts_with(sec, "uretprobe");
	opts.session = starts_with(sec, "uprobe.session");
	*link = bpf_program__attach_uprobe_multi(prog, -1, path, colon + 1, &opts);
	if (!*link)
		err = -errno;
	free(path);
	return err;
}

/* Returns 0 with *link NULL when the section names no target. */
static int auto_attach(const struct bpf_program *prog, const struct sec_def *def,
		       struct bpf_link **link)
{
	const char *sec = bpf_program__section_name(prog);
	const char *arg = obj_prog_sec_arg(prog);

	*link = NULL;
	switch (def->attach_kind) {
	case SEC_ATTACH_KPROBE:
		return *arg ? auto_kprobe(prog, sec, arg, link) : 0;
	case SEC_ATTACH_KSYSCALL: {
		LIBBPF_OPTS(bpf_ksyscall_opts, opts,
			    .retprobe = starts_with(sec, "kretsyscall"));

		if (!*arg)
			return 0;
		*link = bpf_program__attach_ksyscall(prog, arg, &opts);
		break;
	}
	case SEC_ATTACH_UPROBE:
		return *arg ? auto_uprobe(prog, sec, arg, link) : 0;
	case SEC_ATTACH_USDT:
		return *arg ? auto_usdt(prog, sec, arg, link) : 0;
	case SEC_ATTACH_TP:
		return *arg ? auto_tracepoint(prog, arg, link) : 0;
	case SEC_ATTACH_RAW_TP:
		if (!*arg)
			return 0;
		*link = bpf_program__attach_raw_tracepoint(prog, arg);
		break;
	case SEC_ATTACH_TRACE:
		*link = bpf_program__attach_trace(prog);
		break;
	case SEC_ATTACH_LSM:
		*link = bpf_program__attach_lsm(prog);
		break;
	case SEC_ATTACH_ITER:
		*link = bpf_program__attach_iter(prog, NULL);
		break;
	case SEC_ATTACH_KPROBE_MULTI:
	case SEC_ATTACH_KPROBE_SESSION: {
		LIBBPF_OPTS(bpf_kprobe_multi_opts, opts,
			    .retprobe = starts_with(sec, "kretprobe"),
			    .session = def->attach_kind == SEC_ATTACH_KPROBE_SESSION);

		if (!*arg)
			return 0;
		*link = bpf_program__attach_kprobe_multi_opts(prog, arg, &opts);
		break;
	}
	case SEC_ATTACH_UPROBE_MULTI:
		return *arg ? auto_uprobe_multi(prog, sec, arg, link) : 0;
	case SEC_ATTACH_TRACING_MULTI:
		if (!*arg)
			return 0;
		*link = bpf_program__attach_tracing_multi(prog, arg, NULL);
		break;
	case SEC_ATTACH_CUSTOM:
		if (!def->prog_attach_fn)
			return 0;
		return def->prog_attach_fn(prog, def->cookie, link);
	case SEC_ATTACH_STRUCT_OPS:
	case SEC_ATTACH_NONE:
	default:
		return 0;
	}
	return *link ? 0 : -errno;
}

LIBBPF_API struct bpf_link *bpf_program__attach(const struct bpf_program *prog)
{
	const struct sec_def *def;
	struct bpf_link *link = NULL;
	int err;

	if (!prog)
		return util_err_ptr(-EINVAL);
	def = obj_prog_sec_def(prog);
	if (!def || (def->attach_kind == SEC_ATTACH_NONE) ||
	    (def->attach_kind == SEC_ATTACH_CUSTOM && !def->prog_attach_fn)) {
		pr_warn("prog '%s': section '%s' has no auto-attach; attach it explicitly\n",
			link_prog_name(prog), bpf_program__section_name(prog) ?: "");
		return util_err_ptr(-EOPNOTSUPP);
	}
	if (def->attach_kind == SEC_ATTACH_STRUCT_OPS) {
		pr_warn("prog '%s': struct_ops programs are attached through their map (bpf_map__attach_struct_ops)\n",
			link_prog_name(prog));
		return util_err_ptr(-EOPNOTSUPP);
	}
	err = auto_attach(prog, def, &link);
	if (err)
		return util_err_ptr(err);
	if (!link) {
		pr_warn("prog '%s': section '%s' names no target to auto-attach to\n",
			link_prog_name(prog), bpf_program__section_name(prog) ?: "");
		return util_err_ptr(-EOPNOTSUPP);
	}
	return link;
}

/* For the skeleton: 0 with *link NULL is "nothing to attach". */
int link_auto_attach(const struct bpf_program *prog, struct bpf_link **link)
{
	const struct sec_def *def = obj_prog_sec_def(prog);

	*link = NULL;
	if (!def || def->attach_kind == SEC_ATTACH_NONE ||
	    def->attach_kind == SEC_ATTACH_STRUCT_OPS)
		return 0;
	return auto_attach(prog, def, link);
}
