// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * The feature family: "probe" reports what the running kernel (or an
 * offload device) supports, as text, JSON or C macros; "list_builtins"
 * prints the names this bpftool knows.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <net/if.h>
#include <stdarg.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>
#include <zlib.h>
#include <linux/capability.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "main.h"

/* Helper names by id, from the uapi list of helpers. */
#define HELPER_NAME_ENTRY(name, id, ...) [id] = "bpf_" #name,
static const char *const helper_names[] = {
	___BPF_FUNC_MAPPER(HELPER_NAME_ENTRY)
};
#define HELPER_CNT (sizeof(helper_names) / sizeof(helper_names[0]))

enum output_mode { OUT_PLAIN, OUT_JSON, OUT_MACROS };

struct probe_cfg {
	enum output_mode mode;
	const char *prefix;	/* macros only */
	bool full;
	bool unprivileged;
	__u32 ifindex;		/* 0: the kernel */
};

/* ---------------------------------------------------------------- */
/* Output of one item in the three modes                             */
/* ---------------------------------------------------------------- */

static void section_start(const struct probe_cfg *c, const char *json_name,
			  const char *plain, const char *macro)
{
	if (c->mode == OUT_JSON) {
		jsonw_name(json_wtr, json_name);
		jsonw_start_object(json_wtr);
	} else if (c->mode == OUT_MACROS) {
		printf("/*** %s ***/\n", macro);
	} else {
		printf("%s\n", plain);
	}
}

static void section_end(const struct probe_cfg *c)
{
	if (c->mode == OUT_JSON)
		jsonw_end_object(json_wtr);
	else
		printf("\n");
}

/* json_name and define are used as given; plain is the sentence's subject. */
static void print_bool(const struct probe_cfg *c, const char *json_name,
		       const char *plain, const char *define, bool res)
{
	if (c->mode == OUT_JSON)
		jsonw_bool_field(json_wtr, json_name, res);
	else if (c->mode == OUT_MACROS)
		printf("#define %s%sHAVE_%s\n", c->prefix, res ? "" : "NO_", define);
	else
		printf("%s is %savailable\n", plain, res ? "" : "NOT ");
}

static void upper(char *s)
{
	for (; *s; s++)
		*s = toupper((unsigned char)*s);
}

/* ---------------------------------------------------------------- */
/* System configuration                                              */
/* ---------------------------------------------------------------- */

static int read_sysctl_int(const char *name)
{
	char path[128];
	FILE *f;
	int v;

	snprintf(path, sizeof(path), "/proc/sys/net/core/%s", name);
	if (!strcmp(name, "unprivileged_bpf_disabled"))
		snprintf(path, sizeof(path), "/proc/sys/kernel/%s", name);
	f = fopen(path, "re");
	if (!f)
		return -1;
	if (fscanf(f, "%d", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}

struct sysctl_desc {
	const char *name;
	/* texts for -1 (unreadable) and 0, 1, 2; NULL: value out of range */
	const char *texts[4];
	const char *unknown;	/* "... has unknown value %d" */
};

static const struct sysctl_desc sysctls[] = {
	{ "unprivileged_bpf_disabled", {
		"Unable to retrieve required privileges for bpf() syscall",
		"bpf() syscall for unprivileged users is enabled",
		"bpf() syscall restricted to privileged users (without recovery)",
		"bpf() syscall restricted to privileged users (admin can change)" },
	  "bpf() syscall restriction has unknown value %d" },
	{ "bpf_jit_enable", {
		"Unable to retrieve JIT-compiler status",
		"JIT compiler is disabled",
		"JIT compiler is enabled",
		"JIT compiler is enabled with debugging traces in kernel logs" },
	  "JIT-compiler status has unknown value %d" },
	{ "bpf_jit_harden", {
		"Unable to retrieve JIT hardening status",
		"JIT compiler hardening is disabled",
		"JIT compiler hardening is enabled for unprivileged users",
		"JIT compiler hardening is enabled for all users" },
	  "JIT hardening status has unknown value %d" },
	{ "bpf_jit_kallsyms", {
		"Unable to retrieve JIT kallsyms export status",
		"JIT compiler kallsyms exports are disabled",
		"JIT compiler kallsyms exports are enabled for root",
		NULL },
	  "JIT kallsyms exports status has unknown value %d" },
};

/* The kernel options that matter to BPF users, in the reference's order. */
static const struct {
	const char *name;
	bool macro;	/* also dumped as a macro (a value, not a switch) */
} kconfig_opts[] = {
	{ "CONFIG_BPF" }, { "CONFIG_BPF_SYSCALL" }, { "CONFIG_HAVE_EBPF_JIT" },
	{ "CONFIG_BPF_JIT" }, { "CONFIG_BPF_JIT_ALWAYS_ON" },
	{ "CONFIG_DEBUG_INFO_BTF" }, { "CONFIG_DEBUG_INFO_BTF_MODULES" },
	{ "CONFIG_CGROUPS" }, { "CONFIG_CGROUP_BPF" },
	{ "CONFIG_CGROUP_NET_CLASSID" }, { "CONFIG_SOCK_CGROUP_DATA" },
	{ "CONFIG_BPF_EVENTS" }, { "CONFIG_KPROBE_EVENTS" },
	{ "CONFIG_UPROBE_EVENTS" }, { "CONFIG_TRACING" },
	{ "CONFIG_FTRACE_SYSCALLS" }, { "CONFIG_FUNCTION_ERROR_INJECTION" },
	{ "CONFIG_BPF_KPROBE_OVERRIDE" }, { "CONFIG_NET" },
	{ "CONFIG_XDP_SOCKETS" }, { "CONFIG_LWTUNNEL_BPF" },
	{ "CONFIG_NET_ACT_BPF" }, { "CONFIG_NET_CLS_BPF" },
	{ "CONFIG_NET_CLS_ACT" }, { "CONFIG_NET_SCH_INGRESS" },
	{ "CONFIG_XFRM" }, { "CONFIG_IP_ROUTE_CLASSID" },
	{ "CONFIG_IPV6_SEG6_BPF" }, { "CONFIG_BPF_LIRC_MODE2" },
	{ "CONFIG_BPF_STREAM_PARSER" }, { "CONFIG_NETFILTER_XT_MATCH_BPF" },
	{ "CONFIG_BPFILTER" }, { "CONFIG_BPFILTER_UMH" },
	{ "CONFIG_TEST_BPF" }, { "CONFIG_HZ", true },
};
#define KCONFIG_CNT (sizeof(kconfig_opts) / sizeof(kconfig_opts[0]))

/* The kernel's build configuration: /boot/config-$(uname -r), else /proc/config.gz. */
static gzFile open_kconfig(char *path, size_t sz)
{
	struct utsname u;
	gzFile f;

	if (!uname(&u)) {
		snprintf(path, sz, "/boot/config-%s", u.release);
		f = gzopen(path, "r");
		if (f)
			return f;
	}
	snprintf(path, sz, "/proc/config.gz");
	return gzopen(path, "r");
}

static void probe_kconfig(const struct probe_cfg *c)
{
	char *values[KCONFIG_CNT] = { 0 };
	char path[PATH_MAX], line[512];
	gzFile f;
	size_t i;

	f = open_kconfig(path, sizeof(path));
	if (!f) {
		p_info("skipping kernel config, can't open file: %s", strerror(errno));
	} else {
		while (gzgets(f, line, sizeof(line))) {
			char *eq = strchr(line, '=');

			if (strncmp(line, "CONFIG_", 7) || !eq)
				continue;
			*eq = '\0';
			line[strcspn(eq + 1, "\n") + (eq + 1 - line)] = '\0';
			for (i = 0; i < KCONFIG_CNT; i++) {
				if (!strcmp(line, kconfig_opts[i].name) && !values[i])
					values[i] = strdup(eq + 1);
			}
		}
		gzclose(f);
	}
	for (i = 0; i < KCONFIG_CNT; i++) {
		const char *n = kconfig_opts[i].name;

		if (c->mode == OUT_JSON) {
			if (values[i])
				jsonw_string_field(json_wtr, n, values[i]);
			else
				jsonw_null_field(json_wtr, n);
		} else if (c->mode == OUT_MACROS) {
			if (kconfig_opts[i].macro && values[i])
				printf("#define %s%s %s\n", c->prefix, n, values[i]);
		} else if (values[i]) {
			printf("%s is set to %s\n", n, values[i]);
		} else {
			printf("%s is not set\n", n);
		}
		free(values[i]);
	}
}

static void probe_system(const struct probe_cfg *c)
{
	size_t i;
	int v;

	section_start(c, "system_config", "Scanning system configuration...",
		      "Misc kernel config items");
	if (c->mode != OUT_MACROS) {
		for (i = 0; i < sizeof(sysctls) / sizeof(sysctls[0]); i++) {
			const struct sysctl_desc *d = &sysctls[i];

			/* Root-only files: not read in unprivileged mode. */
			v = c->unprivileged && i >= 2 ? -1 : read_sysctl_int(d->name);
			if (c->mode == OUT_JSON) {
				jsonw_int_field(json_wtr, d->name, v);
			} else if (v >= -1 && v <= 2 && d->texts[v + 1]) {
				printf("%s\n", d->texts[v + 1]);
			} else {
				printf(d->unknown, v);
				printf("\n");
			}
		}
		v = c->unprivileged ? -1 : read_sysctl_int("bpf_jit_limit");
		if (c->mode == OUT_JSON)
			jsonw_int_field(json_wtr, "bpf_jit_limit", v);
		else if (v == -1)
			printf("Unable to retrieve global memory limit for JIT compiler for unprivileged users\n");
		else
			printf("Global memory limit for JIT compiler for unprivileged users is %d bytes\n", v);
	}
	probe_kconfig(c);
	section_end(c);
}

/* ---------------------------------------------------------------- */
/* Probes                                                            */
/* ---------------------------------------------------------------- */

static bool probe_syscall(void)
{
	/* Any answer but ENOSYS means the syscall exists. */
	errno = 0;
	syscall(__NR_bpf, BPF_PROG_LOAD, NULL, 0);
	return errno != ENOSYS;
}

static bool load_insns(enum bpf_prog_type type, const struct bpf_insn *insns,
		       size_t cnt, __u32 ifindex)
{
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .prog_ifindex = ifindex);
	int fd;

	fd = bpf_prog_load(type, NULL, "GPL", insns, cnt, &opts);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

static bool probe_prog_type(const struct probe_cfg *c, enum bpf_prog_type t)
{
	static const struct bpf_insn ret0[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};

	if (c->ifindex)
		return load_insns(t, ret0, 2, c->ifindex);
	return libbpf_probe_bpf_prog_type(t, NULL) > 0;
}

static bool probe_map_type(const struct probe_cfg *c, enum bpf_map_type t)
{
	LIBBPF_OPTS(bpf_map_create_opts, opts, .map_ifindex = c->ifindex);
	int fd;

	if (!c->ifindex)
		return libbpf_probe_bpf_map_type(t, NULL) > 0;
	fd = bpf_map_create(t, NULL, 4, 4, 1, &opts);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

/* Offload devices take only these. */
static bool offload_prog_type(enum bpf_prog_type t)
{
	return t == BPF_PROG_TYPE_SCHED_CLS || t == BPF_PROG_TYPE_XDP;
}

static bool offload_map_type(enum bpf_map_type t)
{
	return t == BPF_MAP_TYPE_HASH || t == BPF_MAP_TYPE_ARRAY;
}

static void probe_prog_types(const struct probe_cfg *c, bool *supported)
{
	char json_name[96], plain[96], define[96];
	const char *name;
	int t;

	section_start(c, "program_types", "Scanning eBPF program types...",
		      "eBPF program types");
	for (t = BPF_PROG_TYPE_UNSPEC + 1; (name = libbpf_bpf_prog_type_str(t)); t++) {
		if (c->ifindex && !offload_prog_type(t))
			continue;
		supported[t] = probe_prog_type(c, t);
		snprintf(json_name, sizeof(json_name), "have_%s_prog_type", name);
		snprintf(plain, sizeof(plain), "eBPF program_type %s", name);
		snprintf(define, sizeof(define), "%s_PROG_TYPE", name);
		upper(define);
		print_bool(c, json_name, plain, define, supported[t]);
	}
	section_end(c);
}

static void probe_map_types(const struct probe_cfg *c)
{
	char json_name[96], plain[96], define[96];
	const char *name;
	int t;

	section_start(c, "map_types", "Scanning eBPF map types...",
		      "eBPF map types");
	for (t = BPF_MAP_TYPE_UNSPEC + 1; (name = libbpf_bpf_map_type_str(t)); t++) {
		if (c->ifindex && !offload_map_type(t))
			continue;
		snprintf(json_name, sizeof(json_name), "have_%s_map_type", name);
		snprintf(plain, sizeof(plain), "eBPF map_type %s", name);
		snprintf(define, sizeof(define), "%s_MAP_TYPE", name);
		upper(define);
		print_bool(c, json_name, plain, define, probe_map_type(c, t));
	}
	section_end(c);
}

/* Helpers that write to the kernel log when a program is loaded with them. */
static bool noisy_helper(unsigned int id)
{
	return id == BPF_FUNC_trace_printk || id == BPF_FUNC_trace_vprintk ||
	       id == BPF_FUNC_probe_write_user;
}

static void probe_helpers_of(const struct probe_cfg *c, enum bpf_prog_type t,
			     const char *tname, bool supported)
{
	char json_name[128];
	unsigned int id;
	bool res;

	if (c->mode == OUT_JSON) {
		snprintf(json_name, sizeof(json_name), "%s_available_helpers", tname);
		jsonw_name(json_wtr, json_name);
		jsonw_start_array(json_wtr);
	} else if (c->mode == OUT_PLAIN) {
		printf("eBPF helpers supported for program type %s:", tname);
		if (!supported)
			printf("\n\tProgram type not supported\n");
		else
			printf("\n");
	}
	for (id = 1; id < HELPER_CNT; id++) {
		if (!helper_names[id] || (!c->full && noisy_helper(id)))
			continue;
		res = supported && !c->ifindex &&
		      libbpf_probe_bpf_helper(t, id, NULL) > 0;
		if (c->mode == OUT_JSON) {
			if (res)
				jsonw_string(json_wtr, helper_names[id]);
		} else if (c->mode == OUT_MACROS) {
			printf("#define %sBPF__PROG_TYPE_%s__HELPER_%s %d\n",
			       c->prefix, tname, helper_names[id], res);
		} else if (res) {
			printf("\t- %s\n", helper_names[id]);
		}
	}
	if (c->mode == OUT_JSON)
		jsonw_end_array(json_wtr);
}

static void probe_helpers(const struct probe_cfg *c, const bool *supported)
{
	const char *name;
	int t;

	section_start(c, "helpers", "Scanning eBPF helper functions...",
		      "eBPF helper functions");
	if (c->mode == OUT_MACROS)
		printf("/*\n"
		       " * Use %1$sHAVE_PROG_TYPE_HELPER(prog_type_name, helper_name)\n"
		       " * to determine if <helper_name> is available for <prog_type_name>,\n"
		       " * e.g.\n"
		       " *\t#if %1$sHAVE_PROG_TYPE_HELPER(xdp, bpf_redirect)\n"
		       " *\t\t// do stuff with this helper\n"
		       " *\t#elif\n"
		       " *\t\t// use a workaround\n"
		       " *\t#endif\n"
		       " */\n"
		       "#define %1$sHAVE_PROG_TYPE_HELPER(prog_type, helper)\t\\\n"
		       "\t%1$sBPF__PROG_TYPE_ ## prog_type ## __HELPER_ ## helper\n",
		       c->prefix);
	for (t = BPF_PROG_TYPE_UNSPEC + 1; (name = libbpf_bpf_prog_type_str(t)); t++) {
		if (c->ifindex && !offload_prog_type(t))
			continue;
		probe_helpers_of(c, t, name, supported[t]);
	}
	section_end(c);
}

static bool probe_large_insn_limit(__u32 ifindex)
{
	/* One more instruction than the old 4096 limit. */
	size_t cnt = 4097, i;
	struct bpf_insn *insns = calloc(cnt, sizeof(*insns));
	bool ok;

	if (!insns)
		return false;
	for (i = 0; i < cnt - 1; i++) {
		insns[i].code = BPF_ALU64 | BPF_MOV | BPF_K;
		insns[i].dst_reg = BPF_REG_0;
		insns[i].imm = 1;
	}
	insns[cnt - 1].code = BPF_JMP | BPF_EXIT;
	ok = load_insns(BPF_PROG_TYPE_SCHED_CLS, insns, cnt, ifindex);
	free(insns);
	return ok;
}

static bool probe_bounded_loops(__u32 ifindex)
{
	const struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 10 },
		{ .code = BPF_ALU64 | BPF_SUB | BPF_K, .dst_reg = BPF_REG_0, .imm = 1 },
		{ .code = BPF_JMP | BPF_JNE | BPF_K, .dst_reg = BPF_REG_0, .off = -2 },
		{ .code = BPF_JMP | BPF_EXIT },
	};

	return load_insns(BPF_PROG_TYPE_SOCKET_FILTER, insns, 4, ifindex);
}

static bool probe_isa_v2(__u32 ifindex)
{
	/* BPF_JLT came with the second instruction set revision. */
	const struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0 },
		{ .code = BPF_JMP | BPF_JLT | BPF_K, .dst_reg = BPF_REG_0, .off = 1 },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 1 },
		{ .code = BPF_JMP | BPF_EXIT },
	};

	return load_insns(BPF_PROG_TYPE_SOCKET_FILTER, insns, 4, ifindex);
}

static bool probe_isa_v3(__u32 ifindex)
{
	/* 32-bit jumps (BPF_JMP32) came with the third. */
	const struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0 },
		{ .code = BPF_JMP32 | BPF_JLT | BPF_K, .dst_reg = BPF_REG_0, .off = 1 },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 1 },
		{ .code = BPF_JMP | BPF_EXIT },
	};

	return load_insns(BPF_PROG_TYPE_SOCKET_FILTER, insns, 4, ifindex);
}

static void probe_misc(const struct probe_cfg *c)
{
	section_start(c, "misc", "Scanning miscellaneous eBPF features...",
		      "eBPF misc features");
	print_bool(c, "have_large_insn_limit", "Large program size limit",
		   "LARGE_INSN_LIMIT", probe_large_insn_limit(c->ifindex));
	print_bool(c, "have_bounded_loops", "Bounded loop support",
		   "BOUNDED_LOOPS", probe_bounded_loops(c->ifindex));
	print_bool(c, "have_v2_isa_extension", "ISA extension v2",
		   "V2_ISA_EXTENSION", probe_isa_v2(c->ifindex));
	print_bool(c, "have_v3_isa_extension", "ISA extension v3",
		   "V3_ISA_EXTENSION", probe_isa_v3(c->ifindex));
	section_end(c);
}

/*
 * "unprivileged": probe as a user without the BPF-related capabilities
 * would, by dropping them from the effective set for the probes.
 */
static int drop_caps(struct __user_cap_data_struct *saved)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];
	static const int caps[] = { CAP_SYS_ADMIN, CAP_NET_ADMIN, CAP_PERFMON,
				    CAP_BPF };
	size_t i;

	if (syscall(SYS_capget, &hdr, data))
		return -errno;
	memcpy(saved, data, sizeof(data));
	for (i = 0; i < sizeof(caps) / sizeof(caps[0]); i++)
		data[caps[i] / 32].effective &= ~(1U << (caps[i] % 32));
	if (syscall(SYS_capset, &hdr, data))
		return -errno;
	return 0;
}

static void restore_caps(struct __user_cap_data_struct *saved)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };

	syscall(SYS_capset, &hdr, saved);
}

static int do_probe(int argc, char **argv)
{
	struct probe_cfg c = { .mode = json_output ? OUT_JSON : OUT_PLAIN, .prefix = "" };
	struct __user_cap_data_struct saved[2];
	bool macros = false, kernel = false, caps_dropped = false;
	bool supported[256] = { false };
	const char *dev = NULL;
	int err;

	while (argc) {
		if (is_prefix(*argv, "kernel")) {
			if (kernel || dev) {
				p_err("probe target already defined");
				return -1;
			}
			kernel = true;
			NEXT_ARG();
		} else if (is_prefix(*argv, "dev")) {
			NEXT_ARG();
			if (kernel || dev) {
				p_err("probe target already defined");
				return -1;
			}
			if (!REQ_ARGS(1))
				return -1;
			dev = GET_ARG();
			c.ifindex = if_nametoindex(dev);
			if (!c.ifindex) {
				p_err("unrecognized netdevice '%s': %s", dev,
				      strerror(errno));
				return -1;
			}
		} else if (is_prefix(*argv, "full")) {
			c.full = true;
			NEXT_ARG();
		} else if (is_prefix(*argv, "macros") && !macros) {
			macros = true;
			NEXT_ARG();
		} else if (is_prefix(*argv, "prefix")) {
			if (!macros) {
				p_err("'prefix' argument can only be use after 'macros'");
				return -1;
			}
			if (c.prefix[0]) {
				p_err("'prefix' already defined");
				return -1;
			}
			NEXT_ARG();
			if (!REQ_ARGS(1))
				return -1;
			c.prefix = GET_ARG();
		} else if (is_prefix(*argv, "unprivileged")) {
			c.unprivileged = true;
			NEXT_ARG();
		} else {
			p_err("expected no more arguments, 'kernel', 'dev', 'macros' or 'prefix', got: '%s'?",
			      *argv);
			return -1;
		}
	}
	/* JSON wins over macros, as in the reference. */
	if (macros && !json_output)
		c.mode = OUT_MACROS;

	if (c.unprivileged) {
		err = drop_caps(saved);
		if (err) {
			p_err("failed to drop capabilities: %s", strerror(-err));
			return -1;
		}
		caps_dropped = true;
	}

	if (c.mode == OUT_JSON)
		jsonw_start_object(json_wtr);
	if (!c.ifindex)
		probe_system(&c);
	section_start(&c, "syscall_config", "Scanning system call availability...",
		      "System call availability");
	err = !probe_syscall();
	print_bool(&c, "have_bpf_syscall", "bpf() syscall", "BPF_SYSCALL", !err);
	section_end(&c);
	if (!err) {
		probe_prog_types(&c, supported);
		probe_map_types(&c);
		probe_helpers(&c, supported);
		probe_misc(&c);
	}
	if (c.mode == OUT_JSON)
		jsonw_end_object(json_wtr);
	if (caps_dropped)
		restore_caps(saved);
	return err ? -1 : 0;
}

static const char *attach_type_name(int i)
{
	return libbpf_bpf_attach_type_str(i);
}

static const char *link_type_name(int i)
{
	return libbpf_bpf_link_type_str(i);
}

static const char *prog_type_name(int i)
{
	return libbpf_bpf_prog_type_str(i);
}

static const char *map_type_name(int i)
{
	return libbpf_bpf_map_type_str(i);
}

static const char *helper_name(int i)
{
	if (i == 0)
		return "bpf_unspec";
	return (size_t)i < HELPER_CNT ? helper_names[i] : NULL;
}

static int do_list_builtins(int argc, char **argv)
{
	const char *(*name_of)(int);
	const char *name;
	int i;

	if (argc < 1) {
		usage();
		return -1;
	}
	if (is_prefix(*argv, "prog_types")) {
		name_of = prog_type_name;
	} else if (is_prefix(*argv, "map_types")) {
		name_of = map_type_name;
	} else if (is_prefix(*argv, "attach_types")) {
		name_of = attach_type_name;
	} else if (is_prefix(*argv, "link_types")) {
		name_of = link_type_name;
	} else if (is_prefix(*argv, "helpers")) {
		name_of = helper_name;
	} else {
		p_err("expected 'prog_types', 'map_types', 'attach_types', 'link_types' or 'helpers', got: %s",
		      *argv);
		return -1;
	}
	if (json_output)
		jsonw_start_array(json_wtr);
	/* Names end at the first id the table does not know. */
	for (i = 0; (name = name_of(i)); i++) {
		if (json_output)
			jsonw_string(json_wtr, name);
		else
			printf("%s\n", name);
	}
	if (json_output)
		jsonw_end_array(json_wtr);
	return 0;
}

static int do_help(int argc, char **argv)
{
	if (json_output) {
		jsonw_null(json_wtr);
		return 0;
	}
	fprintf(stderr,
		"Usage: %1$s %2$s probe [COMPONENT] [full] [unprivileged] [macros [prefix PREFIX]]\n"
		"       %1$s %2$s list_builtins GROUP\n"
		"       %1$s %2$s help\n"
		"\n"
		"       COMPONENT := { kernel | dev NAME }\n"
		"       GROUP := { prog_types | map_types | attach_types | link_types | helpers }\n"
		"       " HELP_SPEC_OPTIONS " }\n",
		bin_name, "feature");
	return 0;
}

static const struct cmd cmds[] = {
	{ "probe",		do_probe },
	{ "list_builtins",	do_list_builtins },
	{ "help",		do_help },
	{ 0 }
};

int do_feature(int argc, char **argv)
{
	return cmd_select(cmds, argc, argv, do_help);
}
