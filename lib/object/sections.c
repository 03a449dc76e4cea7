// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The SEC() table.  A pattern ending in '+' matches the bare name or the
 * name followed by "/anything"; one ending in '/' needs the "/anything"; any
 * other pattern matches only itself.  The first match wins, so more specific
 * names come before their prefixes (xdp.frags/devmap before xdp).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "object/object.h"
#include "object/sections.h"
#include "util/alloc.h"
#include "util/err.h"
#include "util/log.h"
#include "util/opts.h"

/* Attach types past the oldest uapi header we may be built against. */
#define ATT_NETFILTER		45
#define ATT_TCX_INGRESS		46
#define ATT_TCX_EGRESS		47
#define ATT_UPROBE_MULTI	48
#define ATT_UNIX_CONNECT	49
#define ATT_UNIX_SENDMSG	50
#define ATT_UNIX_RECVMSG	51
#define ATT_UNIX_GETPEERNAME	52
#define ATT_UNIX_GETSOCKNAME	53
#define ATT_NETKIT_PRIMARY	54
#define ATT_NETKIT_PEER		55
#define ATT_KPROBE_SESSION	56
#define ATT_UPROBE_SESSION	57
#define PT_NETFILTER		32

#define DEF(pat, ptype, atype, flags, kind)				\
	{ .sec = pat, .prog_type = (enum bpf_prog_type)(ptype),	\
	  .expected_attach_type = (enum bpf_attach_type)(atype),	\
	  .cookie = (flags), .attach_kind = SEC_ATTACH_##kind }
#define P(x) BPF_PROG_TYPE_##x

static const struct sec_def builtin_defs[] = {
	DEF("socket", P(SOCKET_FILTER), 0, SEC_NONE, NONE),
	DEF("sk_reuseport/migrate", P(SK_REUSEPORT), BPF_SK_REUSEPORT_SELECT_OR_MIGRATE, SEC_ATTACHABLE, NONE),
	DEF("sk_reuseport", P(SK_REUSEPORT), BPF_SK_REUSEPORT_SELECT, SEC_ATTACHABLE, NONE),
	DEF("kprobe+", P(KPROBE), 0, SEC_NONE, KPROBE),
	DEF("uprobe+", P(KPROBE), 0, SEC_NONE, UPROBE),
	DEF("uprobe.s+", P(KPROBE), 0, SEC_SLEEPABLE, UPROBE),
	DEF("kretprobe+", P(KPROBE), 0, SEC_NONE, KPROBE),
	DEF("uretprobe+", P(KPROBE), 0, SEC_NONE, UPROBE),
	DEF("uretprobe.s+", P(KPROBE), 0, SEC_SLEEPABLE, UPROBE),
	DEF("kprobe.multi+", P(KPROBE), BPF_TRACE_KPROBE_MULTI, SEC_NONE, KPROBE_MULTI),
	DEF("kretprobe.multi+", P(KPROBE), BPF_TRACE_KPROBE_MULTI, SEC_NONE, KPROBE_MULTI),
	DEF("kprobe.session+", P(KPROBE), ATT_KPROBE_SESSION, SEC_NONE, KPROBE_SESSION),
	DEF("uprobe.multi+", P(KPROBE), ATT_UPROBE_MULTI, SEC_NONE, UPROBE_MULTI),
	DEF("uretprobe.multi+", P(KPROBE), ATT_UPROBE_MULTI, SEC_NONE, UPROBE_MULTI),
	DEF("uprobe.session+", P(KPROBE), ATT_UPROBE_SESSION, SEC_NONE, UPROBE_MULTI),
	DEF("uprobe.multi.s+", P(KPROBE), ATT_UPROBE_MULTI, SEC_SLEEPABLE, UPROBE_MULTI),
	DEF("uretprobe.multi.s+", P(KPROBE), ATT_UPROBE_MULTI, SEC_SLEEPABLE, UPROBE_MULTI),
	DEF("uprobe.session.s+", P(KPROBE), ATT_UPROBE_SESSION, SEC_SLEEPABLE, UPROBE_MULTI),
	DEF("ksyscall+", P(KPROBE), 0, SEC_NONE, KSYSCALL),
	DEF("kretsyscall+", P(KPROBE), 0, SEC_NONE, KSYSCALL),
	DEF("usdt+", P(KPROBE), 0, SEC_USDT, USDT),
	DEF("usdt.s+", P(KPROBE), 0, SEC_USDT | SEC_SLEEPABLE, USDT),
	DEF("tc/ingress", P(SCHED_CLS), ATT_TCX_INGRESS, SEC_NONE, NONE),
	DEF("tc/egress", P(SCHED_CLS), ATT_TCX_EGRESS, SEC_NONE, NONE),
	DEF("tcx/ingress", P(SCHED_CLS), ATT_TCX_INGRESS, SEC_NONE, NONE),
	DEF("tcx/egress", P(SCHED_CLS), ATT_TCX_EGRESS, SEC_NONE, NONE),
	DEF("tc", P(SCHED_CLS), 0, SEC_NONE, NONE),
	DEF("classifier", P(SCHED_CLS), 0, SEC_NONE, NONE),
	DEF("action", P(SCHED_ACT), 0, SEC_NONE, NONE),
	DEF("netkit/primary", P(SCHED_CLS), ATT_NETKIT_PRIMARY, SEC_NONE, NONE),
	DEF("netkit/peer", P(SCHED_CLS), ATT_NETKIT_PEER, SEC_NONE, NONE),
	DEF("tracepoint+", P(TRACEPOINT), 0, SEC_NONE, TP),
	DEF("tp+", P(TRACEPOINT), 0, SEC_NONE, TP),
	DEF("raw_tracepoint+", P(RAW_TRACEPOINT), 0, SEC_NONE, RAW_TP),
	DEF("raw_tp+", P(RAW_TRACEPOINT), 0, SEC_NONE, RAW_TP),
	DEF("raw_tracepoint.w+", P(RAW_TRACEPOINT_WRITABLE), 0, SEC_NONE, RAW_TP),
	DEF("raw_tp.w+", P(RAW_TRACEPOINT_WRITABLE), 0, SEC_NONE, RAW_TP),
	DEF("tp_btf+", P(TRACING), BPF_TRACE_RAW_TP, SEC_ATTACH_BTF, TRACE),
	DEF("fentry+", P(TRACING), BPF_TRACE_FENTRY, SEC_ATTACH_BTF, TRACE),
	DEF("fmod_ret+", P(TRACING), BPF_MODIFY_RETURN, SEC_ATTACH_BTF, TRACE),
	DEF("fexit+", P(TRACING), BPF_TRACE_FEXIT, SEC_ATTACH_BTF, TRACE),
	DEF("fentry.s+", P(TRACING), BPF_TRACE_FENTRY, SEC_ATTACH_BTF | SEC_SLEEPABLE, TRACE),
	DEF("fmod_ret.s+", P(TRACING), BPF_MODIFY_RETURN, SEC_ATTACH_BTF | SEC_SLEEPABLE, TRACE),
	DEF("fexit.s+", P(TRACING), BPF_TRACE_FEXIT, SEC_ATTACH_BTF | SEC_SLEEPABLE, TRACE),
	DEF("fentry.multi+", P(TRACING), BPF_TRACE_FENTRY, SEC_NONE, TRACING_MULTI),
	DEF("fexit.multi+", P(TRACING), BPF_TRACE_FEXIT, SEC_NONE, TRACING_MULTI),
	DEF("fentry.multi.s+", P(TRACING), BPF_TRACE_FENTRY, SEC_SLEEPABLE, TRACING_MULTI),
	DEF("fexit.multi.s+", P(TRACING), BPF_TRACE_FEXIT, SEC_SLEEPABLE, TRACING_MULTI),
	DEF("freplace+", P(EXT), 0, SEC_ATTACH_BTF, TRACE),
	DEF("lsm+", P(LSM), BPF_LSM_MAC, SEC_ATTACH_BTF, LSM),
	DEF("lsm.s+", P(LSM), BPF_LSM_MAC, SEC_ATTACH_BTF | SEC_SLEEPABLE, LSM),
	DEF("lsm_cgroup+", P(LSM), BPF_LSM_CGROUP, SEC_ATTACH_BTF, NONE),
	DEF("iter+", P(TRACING), BPF_TRACE_ITER, SEC_ATTACH_BTF, ITER),
	DEF("iter.s+", P(TRACING), BPF_TRACE_ITER, SEC_ATTACH_BTF | SEC_SLEEPABLE, ITER),
	DEF("syscall", P(SYSCALL), 0, SEC_SLEEPABLE, NONE),
	DEF("xdp.frags/devmap", P(XDP), BPF_XDP_DEVMAP, SEC_XDP_FRAGS, NONE),
	DEF("xdp/devmap", P(XDP), BPF_XDP_DEVMAP, SEC_ATTACHABLE, NONE),
	DEF("xdp.frags/cpumap", P(XDP), BPF_XDP_CPUMAP, SEC_XDP_FRAGS, NONE),
	DEF("xdp/cpumap", P(XDP), BPF_XDP_CPUMAP, SEC_ATTACHABLE, NONE),
	DEF("xdp.frags", P(XDP), BPF_XDP, SEC_XDP_FRAGS, NONE),
	DEF("xdp", P(XDP), BPF_XDP, SEC_ATTACHABLE_OPT, NONE),
	DEF("perf_event", P(PERF_EVENT), 0, SEC_NONE, NONE),
	DEF("lwt_in", P(LWT_IN), 0, SEC_NONE, NONE),
	DEF("lwt_out", P(LWT_OUT), 0, SEC_NONE, NONE),
	DEF("lwt_xmit", P(LWT_XMIT), 0, SEC_NONE, NONE),
	DEF("lwt_seg6local", P(LWT_SEG6LOCAL), 0, SEC_NONE, NONE),
	DEF("sockops", P(SOCK_OPS), BPF_CGROUP_SOCK_OPS, SEC_ATTACHABLE_OPT, NONE),
	DEF("sk_skb/stream_parser", P(SK_SKB), BPF_SK_SKB_STREAM_PARSER, SEC_ATTACHABLE_OPT, NONE),
	DEF("sk_skb/stream_verdict", P(SK_SKB), BPF_SK_SKB_STREAM_VERDICT, SEC_ATTACHABLE_OPT, NONE),
	DEF("sk_skb/verdict", P(SK_SKB), BPF_SK_SKB_VERDICT, SEC_ATTACHABLE_OPT, NONE),
	DEF("sk_skb", P(SK_SKB), 0, SEC_NONE, NONE),
	DEF("sk_msg", P(SK_MSG), BPF_SK_MSG_VERDICT, SEC_ATTACHABLE_OPT, NONE),
	DEF("lirc_mode2", P(LIRC_MODE2), BPF_LIRC_MODE2, SEC_ATTACHABLE_OPT, NONE),
	DEF("flow_dissector", P(FLOW_DISSECTOR), BPF_FLOW_DISSECTOR, SEC_ATTACHABLE_OPT, NONE),
	DEF("cgroup_skb/ingress", P(CGROUP_SKB), BPF_CGROUP_INET_INGRESS, SEC_ATTACHABLE_OPT, NONE),
	DEF("cgroup_skb/egress", P(CGROUP_SKB), BPF_CGROUP_INET_EGRESS, SEC_ATTACHABLE_OPT, NONE),
	DEF("cgroup/skb", P(CGROUP_SKB), 0, SEC_NONE, NONE),
	DEF("cgroup/sock_create", P(CGROUP_SOCK), BPF_CGROUP_INET_SOCK_CREATE, SEC_ATTACHABLE, NONE),
	DEF("cgroup/sock_release", P(CGROUP_SOCK), BPF_CGROUP_INET_SOCK_RELEASE, SEC_ATTACHABLE, NONE),
	DEF("cgroup/sock", P(CGROUP_SOCK), BPF_CGROUP_INET_SOCK_CREATE, SEC_ATTACHABLE_OPT, NONE),
	DEF("cgroup/post_bind4", P(CGROUP_SOCK), BPF_CGROUP_INET4_POST_BIND, SEC_ATTACHABLE, NONE),
	DEF("cgroup/post_bind6", P(CGROUP_SOCK), BPF_CGROUP_INET6_POST_BIND, SEC_ATTACHABLE, NONE),
	DEF("cgroup/bind4", P(CGROUP_SOCK_ADDR), BPF_CGROUP_INET4_BIND, SEC_ATTACHABLE, NONE),
	DEF("cgroup/bind6", P(CGROUP_SOCK_ADDR), BPF_CGROUP_INET6_BIND, SEC_ATTACHABLE, NONE),
	DEF("cgroup/connect4", P(CGROUP_SOCK_ADDR), BPF_CGROUP_INET4_CONNECT, SEC_ATTACHABLE, NONE),
	DEF("cgroup/connect6", P(CGROUP_SOCK_ADDR), BPF_CGROUP_INET6_CONNECT, SEC_ATTACHABLE, NONE),
	DEF("cgroup/connect_unix", P(CGROUP_SOCK_ADDR), ATT_UNIX_CONNECT, SEC_ATTACHABLE, NONE),
	DEF("cgroup/sendmsg4", P(CGROUP_SOCK_ADDR), BPF_CGROUP_UDP4_SENDMSG, SEC_ATTACHABLE, NONE),
	DEF("cgroup/sendmsg6", P(CGROUP_SOCK_ADDR), BPF_CGROUP_UDP6_SENDMSG, SEC_ATTACHABLE, NONE),
	DEF("cgroup/sendmsg_unix", P(CGROUP_SOCK_ADDR), ATT_UNIX_SENDMSG, SEC_ATTACHABLE, NONE),
	DEF("cgroup/recvmsg4", P(CGROUP_SOCK_ADDR), BPF_CGROUP_UDP4_RECVMSG, SEC_ATTACHABLE, NONE),
	DEF("cgroup/recvmsg6", P(CGROUP_SOCK_ADDR), BPF_CGROUP_UDP6_RECVMSG, SEC_ATTACHABLE, NONE),
	DEF("cgroup/recvmsg_unix", P(CGROUP_SOCK_ADDR), ATT_UNIX_RECVMSG, SEC_ATTACHABLE, NONE),
	DEF("cgroup/getpeername4", P(CGROUP_SOCK_ADDR), BPF_CGROUP_INET4_GETPEERNAME, SEC_ATTACHABLE, NONE),
	DEF("cgroup/getpeername6", P(CGROUP_SOCK_ADDR), BPF_CGROUP_INET6_GETPEERNAME, SEC_ATTACHABLE, NONE),
	DEF("cgroup/getpeername_unix", P(CGROUP_SOCK_ADDR), ATT_UNIX_GETPEERNAME, SEC_ATTACHABLE, NONE),
	DEF("cgroup/getsockname4", P(CGROUP_SOCK_ADDR), BPF_CGROUP_INET4_GETSOCKNAME, SEC_ATTACHABLE, NONE),
	DEF("cgroup/getsockname6", P(CGROUP_SOCK_ADDR), BPF_CGROUP_INET6_GETSOCKNAME, SEC_ATTACHABLE, NONE),
	DEF("cgroup/getsockname_unix", P(CGROUP_SOCK_ADDR), ATT_UNIX_GETSOCKNAME, SEC_ATTACHABLE, NONE),
	DEF("cgroup/sysctl", P(CGROUP_SYSCTL), BPF_CGROUP_SYSCTL, SEC_ATTACHABLE, NONE),
	DEF("cgroup/getsockopt", P(CGROUP_SOCKOPT), BPF_CGROUP_GETSOCKOPT, SEC_ATTACHABLE, NONE),
	DEF("cgroup/setsockopt", P(CGROUP_SOCKOPT), BPF_CGROUP_SETSOCKOPT, SEC_ATTACHABLE, NONE),
	DEF("cgroup/dev", P(CGROUP_DEVICE), BPF_CGROUP_DEVICE, SEC_ATTACHABLE_OPT, NONE),
	DEF("struct_ops+", P(STRUCT_OPS), 0, SEC_NONE, STRUCT_OPS),
	DEF("struct_ops.s+", P(STRUCT_OPS), 0, SEC_SLEEPABLE, STRUCT_OPS),
	DEF("sk_lookup", P(SK_LOOKUP), BPF_SK_LOOKUP, SEC_ATTACHABLE, NONE),
	DEF("netfilter", PT_NETFILTER, ATT_NETFILTER, SEC_NONE, NONE),
};

/* Registered handlers; ids grow from 1 and are never reused. */
static struct sec_def **custom_defs;
static size_t custom_cnt, custom_cap;
static struct sec_def *fallback_def;
static int last_handler_id;

bool sec_def_matches(const struct sec_def *def, const char *sec_name)
{
	size_t len;

	if (!def->sec)
		return false;
	len = strlen(def->sec);
	if (len && def->sec[len - 1] == '/')
		return !strncmp(sec_name, def->sec, len);
	if (len && def->sec[len - 1] == '+') {
		len--;
		if (strncmp(sec_name, def->sec, len))
			return false;
		return sec_name[len] == '\0' || sec_name[len] == '/';
	}
	return !strcmp(sec_name, def->sec);
}

const struct sec_def *sec_def_find(const char *sec_name)
{
	size_t i;

	if (!sec_name)
		return NULL;
	for (i = 0; i < custom_cnt; i++)
		if (sec_def_matches(custom_defs[i], sec_name))
			return custom_defs[i];
	for (i = 0; i < sizeof(builtin_defs) / sizeof(builtin_defs[0]); i++)
		if (sec_def_matches(&builtin_defs[i], sec_name))
			return &builtin_defs[i];
	return fallback_def;
}

const struct sec_def *obj_prog_sec_def(const struct bpf_program *prog)
{
	return prog ? prog->sec_def : NULL;
}

const char *obj_prog_sec_arg(const struct bpf_program *prog)
{
	const char *slash;

	if (!prog || !prog->sec_name)
		return "";
	slash = strchr(prog->sec_name, '/');
	return slash ? slash + 1 : "";
}

/* Names of every built-in definition, for the "unknown section" message. */
static void sec_list_names(char *buf, size_t sz)
{
	size_t i, off = 0;

	buf[0] = '\0';
	for (i = 0; i < sizeof(builtin_defs) / sizeof(builtin_defs[0]); i++) {
		int n = snprintf(buf + off, sz - off, "%s%s", i ? " " : "",
				 builtin_defs[i].sec);

		if (n < 0 || (size_t)n >= sz - off)
			break;
		off += n;
	}
}

int libbpf_prog_type_by_name(const char *name, enum bpf_prog_type *prog_type,
			     enum bpf_attach_type *expected_attach_type)
{
	const struct sec_def *def;
	char names[4096];

	if (!name || !prog_type || !expected_attach_type)
		return util_err(-EINVAL);
	def = sec_def_find(name);
	if (def) {
		*prog_type = def->prog_type;
		*expected_attach_type = def->expected_attach_type;
		return 0;
	}
	sec_list_names(names, sizeof(names));
	pr_debug("failed to guess program type from ELF section '%s'\n", name);
	pr_debug("supported section(type) names are: %s\n", names);
	return util_err(-ESRCH);
}

int libbpf_attach_type_by_name(const char *name,
			       enum bpf_attach_type *attach_type)
{
	const struct sec_def *def;

	if (!name || !attach_type)
		return util_err(-EINVAL);
	def = sec_def_find(name);
	if (!def) {
		pr_debug("failed to guess attach type based on ELF section name '%s'\n",
			 name);
		return util_err(-EINVAL);
	}
	if (def->custom || !(def->cookie & SEC_ATTACHABLE))
		return util_err(-EINVAL);
	*attach_type = def->expected_attach_type;
	return 0;
}

int libbpf_register_prog_handler(const char *sec, enum bpf_prog_type prog_type,
				 enum bpf_attach_type exp_attach_type,
				 const struct libbpf_prog_handler_opts *opts)
{
	struct sec_def *def;
	if (!OPTS_OK(opts, libbpf_prog_handler_opts))
		return util_err(-EINVAL);
	if (prog_type == BPF_PROG_TYPE_UNSPEC) {
		pr_warn("prog handler: program type must not be UNSPEC\n");
		return util_err(-EINVAL);
	}
	if (last_handler_id == __INT_MAX__)
		return util_err(-E2BIG);

	def = calloc(1, sizeof(*def));
	if (!def)
		return util_err(-ENOMEM);
	if (sec) {
		def->sec = strdup(sec);
		if (!def->sec ||
		    util_ensure_cap((void **)&custom_defs, &custom_cap,
				    sizeof(*custom_defs), custom_cnt + 1)) {
			free((char *)def->sec);
			free(def);
			return util_err(-ENOMEM);
		}
		/* Definitions are separate blocks: programs point at them. */
		custom_defs[custom_cnt++] = def;
	} else {
		if (fallback_def) {
			free(def);
			return util_err(-EBUSY);
		}
		fallback_def = def;
	}
	def->prog_type = prog_type;
	def->expected_attach_type = exp_attach_type;
	def->cookie = OPTS_GET(opts, cookie, 0);
	def->prog_setup_fn = OPTS_GET(opts, prog_setup_fn, NULL);
	def->prog_prepare_load_fn = OPTS_GET(opts, prog_prepare_load_fn, NULL);
	def->prog_attach_fn = OPTS_GET(opts, prog_attach_fn, NULL);
	def->custom = true;
	def->attach_kind = def->prog_attach_fn ? SEC_ATTACH_CUSTOM : SEC_ATTACH_NONE;
	def->handler_id = ++last_handler_id;
	return def->handler_id;
}

int libbpf_unregister_prog_handler(int handler_id)
{
	size_t i;

	if (handler_id <= 0)
		return util_err(-EINVAL);
	if (fallback_def && fallback_def->handler_id == handler_id) {
		free(fallback_def);
		fallback_def = NULL;
		return 0;
	}
	for (i = 0; i < custom_cnt; i++) {
		if (custom_defs[i]->handler_id != handler_id)
			continue;
		free((char *)custom_defs[i]->sec);
		free(custom_defs[i]);
		memmove(&custom_defs[i], &custom_defs[i + 1],
			(custom_cnt - i - 1) * sizeof(*custom_defs));
		custom_cnt--;
		if (!custom_cnt) {
			free(custom_defs);
			custom_defs = NULL;
			custom_cap = 0;
		}
		return 0;
	}
	return util_err(-ENOENT);
}
