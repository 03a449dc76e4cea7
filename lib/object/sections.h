/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The SEC() convention: which program type, expected attach type and load
 * flags a section name stands for, and how a program of that section is
 * attached automatically.  Used by the object loader (at open and load) and
 * by lib/link/ (bpf_program__attach() dispatch).
 */
#ifndef BPFKIT_OBJECT_SECTIONS_H
#define BPFKIT_OBJECT_SECTIONS_H

#include <stdbool.h>
#include <linux/bpf.h>
#include <bpf/libbpf.h>

/* SEC_* flags of a definition (its cookie for built-in definitions). */
enum {
	SEC_NONE		= 0,
	SEC_EXP_ATTACH_OPT	= 1,	/* expected attach type may be dropped */
	SEC_ATTACHABLE		= 2,	/* libbpf_attach_type_by_name() knows it */
	SEC_ATTACHABLE_OPT	= SEC_ATTACHABLE | SEC_EXP_ATTACH_OPT,
	SEC_ATTACH_BTF		= 4,	/* target resolved through BTF at load */
	SEC_SLEEPABLE		= 8,	/* BPF_F_SLEEPABLE at load */
	SEC_XDP_FRAGS		= 16,	/* BPF_F_XDP_HAS_FRAGS at load */
	SEC_USDT		= 32,	/* USDT: needs the usdt support maps */
};

/* How bpf_program__attach() attaches a program of this section. */
enum sec_attach_kind {
	SEC_ATTACH_NONE = 0,	/* not automatically attachable */
	SEC_ATTACH_KPROBE,	/* kprobe/, kretprobe/ */
	SEC_ATTACH_KSYSCALL,	/* ksyscall/, kretsyscall/ */
	SEC_ATTACH_UPROBE,	/* uprobe/, uretprobe/ (.s) */
	SEC_ATTACH_USDT,	/* usdt/ (.s) */
	SEC_ATTACH_TP,		/* tracepoint/, tp/ */
	SEC_ATTACH_RAW_TP,	/* raw_tracepoint/, raw_tp/ (.w) */
	SEC_ATTACH_TRACE,	/* tp_btf, fentry, fexit, fmod_ret, freplace */
	SEC_ATTACH_LSM,		/* lsm/, lsm.s/ */
	SEC_ATTACH_ITER,	/* iter/, iter.s/ */
	SEC_ATTACH_KPROBE_MULTI,	/* kprobe.multi/, kretprobe.multi/ */
	SEC_ATTACH_KPROBE_SESSION,	/* kprobe.session/ */
	SEC_ATTACH_UPROBE_MULTI,	/* uprobe.multi/, uretprobe.multi/, uprobe.session/ */
	SEC_ATTACH_TRACING_MULTI,	/* fentry.multi/, fexit.multi/ */
	SEC_ATTACH_STRUCT_OPS,	/* struct_ops: attached through its map */
	SEC_ATTACH_CUSTOM,	/* a registered handler's prog_attach_fn */
};

struct sec_def {
	const char *sec;	/* "xdp", "kprobe+", "cgroup/", or NULL (fallback) */
	enum bpf_prog_type prog_type;
	enum bpf_attach_type expected_attach_type;
	long cookie;		/* SEC_* flags; the handler's cookie if custom */
	int handler_id;		/* > 0 for registered handlers */
	enum sec_attach_kind attach_kind;
	bool custom;
	libbpf_prog_setup_fn_t prog_setup_fn;
	libbpf_prog_prepare_load_fn_t prog_prepare_load_fn;
	libbpf_prog_attach_fn_t prog_attach_fn;
};

/*
 * Definition for a section name: registered handlers first, then the
 * built-in table, then the fallback handler.  NULL when none matches.
 */
const struct sec_def *sec_def_find(const char *sec_name);

/* The definition a program was opened with (NULL: unknown section). */
const struct sec_def *obj_prog_sec_def(const struct bpf_program *prog);

/*
 * The part of the section name after the definition's prefix and its '/'
 * ("do_sys_open" for "kprobe/do_sys_open"), "" when there is none.
 */
const char *obj_prog_sec_arg(const struct bpf_program *prog);

/* True when sec_name matches the pattern of def. */
bool sec_def_matches(const struct sec_def *def, const char *sec_name);

#endif
