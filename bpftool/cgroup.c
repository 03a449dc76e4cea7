// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * The cgroup family: programs attached to one cgroup (show), to every
 * cgroup of a hierarchy (tree), attach and detach.  Only cgroup v2
 * directories can hold programs.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <mntent.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "common.h"

#define HELP_SPEC_ATTACH_TYPES						\
	"       ATTACH_TYPE := { cgroup_inet_ingress | cgroup_inet_egress |\n" \
	"                        cgroup_inet_sock_create | cgroup_sock_ops |\n" \
	"                        cgroup_device | cgroup_inet4_bind |\n"	\
	"                        cgroup_inet6_bind | cgroup_inet4_post_bind |\n" \
	"                        cgroup_inet6_post_bind | cgroup_inet4_connect |\n" \
	"                        cgroup_inet6_connect | cgroup_unix_connect |\n" \
	"                        cgroup_inet4_getpeername | cgroup_inet6_getpeername |\n" \
	"                        cgroup_unix_getpeername | cgroup_inet4_getsockname |\n" \
	"                        cgroup_inet6_getsockname | cgroup_unix_getsockname |\n" \
	"                        cgroup_udp4_sendmsg | cgroup_udp6_sendmsg |\n" \
	"                        cgroup_unix_sendmsg | cgroup_udp4_recvmsg |\n" \
	"                        cgroup_udp6_recvmsg | cgroup_unix_recvmsg |\n" \
	"                        cgroup_sysctl | cgroup_getsockopt |\n"	\
	"                        cgroup_setsockopt | cgroup_inet_sock_release }"

/* The short names older bpftool versions used, still accepted. */
static const char *const short_names[] = {
	[BPF_CGROUP_INET_INGRESS]	= "ingress",
	[BPF_CGROUP_INET_EGRESS]	= "egress",
	[BPF_CGROUP_INET_SOCK_CREATE]	= "sock_create",
	[BPF_CGROUP_INET_SOCK_RELEASE]	= "sock_release",
	[BPF_CGROUP_SOCK_OPS]		= "sock_ops",
	[BPF_CGROUP_DEVICE]		= "device",
	[BPF_CGROUP_INET4_BIND]		= "bind4",
	[BPF_CGROUP_INET6_BIND]		= "bind6",
	[BPF_CGROUP_INET4_CONNECT]	= "connect4",
	[BPF_CGROUP_INET6_CONNECT]	= "connect6",
	[BPF_CGROUP_UNIX_CONNECT]	= "connect_unix",
	[BPF_CGROUP_INET4_POST_BIND]	= "post_bind4",
	[BPF_CGROUP_INET6_POST_BIND]	= "post_bind6",
	[BPF_CGROUP_INET4_GETPEERNAME]	= "getpeername4",
	[BPF_CGROUP_INET6_GETPEERNAME]	= "getpeername6",
	[BPF_CGROUP_UNIX_GETPEERNAME]	= "getpeername_unix",
	[BPF_CGROUP_INET4_GETSOCKNAME]	= "getsockname4",
	[BPF_CGROUP_INET6_GETSOCKNAME]	= "getsockname6",
	[BPF_CGROUP_UNIX_GETSOCKNAME]	= "getsockname_unix",
	[BPF_CGROUP_UDP4_SENDMSG]	= "sendmsg4",
	[BPF_CGROUP_UDP6_SENDMSG]	= "sendmsg6",
	[BPF_CGROUP_UNIX_SENDMSG]	= "sendmsg_unix",
	[BPF_CGROUP_UDP4_RECVMSG]	= "recvmsg4",
	[BPF_CGROUP_UDP6_RECVMSG]	= "recvmsg6",
	[BPF_CGROUP_UNIX_RECVMSG]	= "recvmsg_unix",
	[BPF_CGROUP_SYSCTL]		= "sysctl",
	[BPF_CGROUP_GETSOCKOPT]		= "getsockopt",
	[BPF_CGROUP_SETSOCKOPT]		= "setsockopt",
};
#define SHORT_NAME_CNT (int)(sizeof(short_names) / sizeof(short_names[0]))

static bool is_cgroup_type(int t)
{
	return t < SHORT_NAME_CNT && short_names[t];
}

static int parse_attach_type(const char *s)
{
	const char *name;
	int t;

	for (t = 0; t < SHORT_NAME_CNT; t++) {
		if (!is_cgroup_type(t))
			continue;
		name = libbpf_bpf_attach_type_str(t);
		if ((name && !strcmp(s, name)) || !strcmp(s, short_names[t]))
			return t;
	}
	return -1;
}

static __u32 query_flags;	/* BPF_F_QUERY_EFFECTIVE or 0 */

static const char *flags_str(__u32 flags, char *buf, size_t sz)
{
	switch (flags) {
	case 0:
		return "";
	case BPF_F_ALLOW_MULTI:
		return "multi";
	case BPF_F_ALLOW_OVERRIDE:
		return "override";
	default:
		snprintf(buf, sz, "unknown(%x)", flags);
		return buf;
	}
}

static void show_prog(__u32 id, enum bpf_attach_type type, const char *flags,
		      int level)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);
	char name[MAX_PROG_FULL_NAME] = "";
	const char *tname = libbpf_bpf_attach_type_str(type);
	int fd;

	fd = bpf_prog_get_fd_by_id(id);
	if (fd < 0)
		return;	/* detached meanwhile */
	if (bpf_prog_get_info_by_fd(fd, &info, &len)) {
		close(fd);
		return;
	}
	get_prog_full_name(&info, fd, name, sizeof(name));
	close(fd);

	if (json_output) {
		jsonw_start_object(json_wtr);
		jsonw_uint_field(json_wtr, "id", id);
		if (tname)
			jsonw_string_field(json_wtr, "attach_type", tname);
		else
			jsonw_uint_field(json_wtr, "attach_type", type);
		if (!(query_flags & BPF_F_QUERY_EFFECTIVE))
			jsonw_string_field(json_wtr, "attach_flags", flags);
		jsonw_string_field(json_wtr, "name", name);
		jsonw_string_field(json_wtr, "attach_btf_name", "");
		jsonw_uint_field(json_wtr, "attach_btf_obj_id", info.attach_btf_obj_id);
		jsonw_uint_field(json_wtr, "attach_btf_id", info.attach_btf_id);
		jsonw_end_object(json_wtr);
		return;
	}
	printf("%s%-8u ", level ? "    " : "", id);
	if (tname)
		printf("%-15s", tname);
	else
		printf("type %-10u", type);
	if (query_flags & BPF_F_QUERY_EFFECTIVE)
		printf(" %-15s", name);
	else
		printf(" %-15s %-15s", flags, name);
	printf(" %-15s\n", "");
}

/* Programs of one type; -errno when the query itself fails. */
static int show_type(int cg_fd, enum bpf_attach_type type, int level)
{
	__u32 ids[1024], cnt = 1024, flags = 0, i;
	char buf[32];
	const char *fs;

	if (bpf_prog_query(cg_fd, type, query_flags, &flags, ids, &cnt))
		return -errno;
	fs = flags_str(flags, buf, sizeof(buf));
	for (i = 0; i < cnt; i++)
		show_prog(ids[i], type, fs, level);
	return 0;
}

/* How many programs the cgroup has (of any type), or -errno. */
static int count_progs(int cg_fd)
{
	int t, total = 0;

	for (t = 0; t < SHORT_NAME_CNT; t++) {
		__u32 cnt = 0;

		if (!is_cgroup_type(t))
			continue;
		if (bpf_prog_query(cg_fd, t, query_flags, NULL, NULL, &cnt)) {
			if (errno == EINVAL)
				continue;	/* a type this kernel lacks */
			return -errno;
		}
		total += cnt;
	}
	return total;
}

static void print_header(void)
{
	if (query_flags & BPF_F_QUERY_EFFECTIVE)
		printf("%-8s %-15s %-15s\n", "ID", "AttachType", "Name");
	else
		printf("%-8s %-15s %-15s %-15s\n", "ID", "AttachType",
		       "AttachFlags", "Name");
}

static int parse_effective(int argc, char **argv)
{
	query_flags = 0;
	if (!argc)
		return 0;
	if (argc == 1 && is_prefix(*argv, "effective")) {
		query_flags = BPF_F_QUERY_EFFECTIVE;
		return 0;
	}
	p_err("expected no more arguments, 'effective', got: '%s'?", *argv);
	return -1;
}

static int do_show(int argc, char **argv)
{
	const char *path;
	int fd, n, t, err = 0;

	if (!REQ_ARGS(1))
		return -1;
	path = GET_ARG();
	if (parse_effective(argc, argv))
		return -1;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		p_err("can't open cgroup %s", path);
		return -1;
	}
	n = count_progs(fd);
	if (n < 0) {
		p_err("can't query bpf programs attached to %s: %s", path,
		      strerror(-n));
		close(fd);
		return -1;
	}
	if (!n) {
		close(fd);
		return 0;
	}
	if (json_output)
		jsonw_start_array(json_wtr);
	else
		print_header();
	for (t = 0; t < SHORT_NAME_CNT; t++)
		if (is_cgroup_type(t))
			show_type(fd, t, 0);
	if (json_output)
		jsonw_end_array(json_wtr);
	close(fd);
	return err;
}

static int tree_visit(const char *path, const struct stat *st, int typeflag,
		      struct FTW *ftw)
{
	int fd, n, t;

	if (typeflag != FTW_D)
		return 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	/* Removed while we walk: other cgroups come and go meanwhile. */
	if (fd < 0 && errno == ENOENT && ftw->level)
		return 0;
	if (fd < 0) {
		p_err("can't open cgroup %s: %s", path, strerror(errno));
		return 1;	/* reported; stops the walk */
	}
	n = count_progs(fd);
	if (n == -ENOENT && ftw->level) {
		close(fd);
		return 0;
	}
	if (n < 0) {
		p_err("can't query bpf programs attached to %s: %s", path,
		      strerror(-n));
		close(fd);
		return 1;	/* reported; stops the walk */
	}
	if (!n) {
		close(fd);
		return 0;
	}
	if (json_output) {
		jsonw_start_object(json_wtr);
		jsonw_string_field(json_wtr, "cgroup", path);
		jsonw_name(json_wtr, "programs");
		jsonw_start_array(json_wtr);
	} else {
		printf("%s\n", path);
	}
	for (t = 0; t < SHORT_NAME_CNT; t++)
		if (is_cgroup_type(t))
			show_type(fd, t, ftw->level);
	if (json_output) {
		jsonw_end_array(json_wtr);
		jsonw_end_object(json_wtr);
	}
	close(fd);
	return 0;
}

/* The first cgroup v2 mount point, malloc'ed, or NULL. */
static char *find_cgroup2_root(void)
{
	struct mntent *m;
	char *res = NULL;
	FILE *f;

	f = setmntent("/proc/mounts", "re");
	if (!f)
		return NULL;
	while ((m = getmntent(f))) {
		if (!strcmp(m->mnt_type, "cgroup2")) {
			res = strdup(m->mnt_dir);
			break;
		}
	}
	endmntent(f);
	return res;
}

static int do_tree(int argc, char **argv)
{
	char *root = NULL;
	int err;

	if (argc && !is_prefix(*argv, "effective")) {
		root = strdup(*argv);
		NEXT_ARG();
	} else {
		root = find_cgroup2_root();
		if (!root) {
			p_err("cgroup v2 isn't mounted");
			return -1;
		}
	}
	if (!root) {
		p_err("out of memory");
		return -1;
	}
	if (parse_effective(argc, argv)) {
		free(root);
		return -1;
	}
	if (json_output) {
		jsonw_start_array(json_wtr);
	} else {
		printf("%s\n", "CgroupPath");
		print_header();
	}
	/* Stay on the cgroup filesystem; directories only matter. */
	err = nftw(root, tree_visit, 20, FTW_MOUNT);
	if (err == -1)
		p_err("can't iterate over %s: %s", root, strerror(errno));
	if (json_output)
		jsonw_end_array(json_wtr);
	free(root);
	return err ? -1 : 0;
}

static int attach_args(int *argc, char ***argv, const char *what, int *cg_fd,
		       int *type, int *prog_fd)
{
	const char *path;

	if (*argc < 4) {
		p_err("too few parameters for cgroup %s", what);
		return -1;
	}
	path = **argv;
	*type = parse_attach_type((*argv)[1]);
	if (*type < 0) {
		p_err("invalid attach type");
		return -1;
	}
	*cg_fd = open(path, O_RDONLY | O_CLOEXEC);
	if (*cg_fd < 0) {
		p_err("can't open cgroup %s", path);
		return -1;
	}
	*argc -= 2;
	*argv += 2;
	*prog_fd = prog_parse_fd(argc, argv);
	if (*prog_fd < 0) {
		close(*cg_fd);
		return -1;
	}
	return 0;
}

static int do_attach(int argc, char **argv)
{
	int cg_fd, type, prog_fd, err;
	__u32 flags = 0;

	if (attach_args(&argc, &argv, "attach", &cg_fd, &type, &prog_fd))
		return -1;
	for (; argc; argc--, argv++) {
		if (is_prefix(*argv, "multi")) {
			flags |= BPF_F_ALLOW_MULTI;
		} else if (is_prefix(*argv, "override")) {
			flags |= BPF_F_ALLOW_OVERRIDE;
		} else {
			p_err("unknown option: %s", *argv);
			close(prog_fd);
			close(cg_fd);
			return -1;
		}
	}
	err = bpf_prog_attach(prog_fd, cg_fd, type, flags);
	close(prog_fd);
	close(cg_fd);
	if (err) {
		p_err("failed to attach program");
		return -1;
	}
	if (json_output)
		jsonw_null(json_wtr);
	return 0;
}

static int do_detach(int argc, char **argv)
{
	int cg_fd, type, prog_fd, err;

	if (attach_args(&argc, &argv, "detach", &cg_fd, &type, &prog_fd))
		return -1;
	err = bpf_prog_detach2(prog_fd, cg_fd, type);
	close(prog_fd);
	close(cg_fd);
	if (err) {
		p_err("failed to detach program");
		return -1;
	}
	if (json_output)
		jsonw_null(json_wtr);
	return 0;
}

static int do_help(int argc, char **argv)
{
	if (json_output) {
		jsonw_null(json_wtr);
		return 0;
	}
	fprintf(stderr,
		"Usage: %1$s %2$s { show | list } CGROUP [**effective**]\n"
		"       %1$s %2$s tree [CGROUP_ROOT] [**effective**]\n"
		"       %1$s %2$s attach CGROUP ATTACH_TYPE PROG [ATTACH_FLAGS]\n"
		"       %1$s %2$s detach CGROUP ATTACH_TYPE PROG\n"
		"       %1$s %2$s help\n"
		"\n"
		HELP_SPEC_ATTACH_TYPES "\n"
		"       ATTACH_FLAGS := { multi | override }\n"
		"       " HELP_SPEC_PROGRAM "\n"
		"       " HELP_SPEC_OPTIONS " |\n"
		"                    {-f|--bpffs} }\n",
		bin_name, "cgroup");
	return 0;
}

static const struct cmd cmds[] = {
	{ "show",	do_show },
	{ "list",	do_show },
	{ "tree",	do_tree },
	{ "attach",	do_attach },
	{ "detach",	do_detach },
	{ "help",	do_help },
	{ 0 }
};

int do_cgroup(int argc, char **argv)
{
	return cmd_select(cmds, argc, argv, do_help);
}
