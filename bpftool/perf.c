// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * The perf family: BPF programs attached to perf events (tracepoints, raw
 * tracepoints, kprobes, uprobes), found through the file descriptors every
 * process holds: BPF_TASK_FD_QUERY tells, for an fd, which program it runs.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "main.h"

static const char *fd_type_name(__u32 t)
{
	switch (t) {
	case BPF_FD_TYPE_RAW_TRACEPOINT:
		return "raw_tracepoint";
	case BPF_FD_TYPE_TRACEPOINT:
		return "tracepoint";
	case BPF_FD_TYPE_KPROBE:
		return "kprobe";
	case BPF_FD_TYPE_KRETPROBE:
		return "kretprobe";
	case BPF_FD_TYPE_UPROBE:
		return "uprobe";
	case BPF_FD_TYPE_URETPROBE:
		return "uretprobe";
	default:
		return NULL;
	}
}

static void print_entry(int pid, int fd, __u32 prog_id, __u32 fd_type,
			const char *buf, __u64 offset, __u64 addr)
{
	const char *type = fd_type_name(fd_type);
	bool probe = fd_type == BPF_FD_TYPE_KPROBE || fd_type == BPF_FD_TYPE_KRETPROBE;
	bool uprobe = fd_type == BPF_FD_TYPE_UPROBE || fd_type == BPF_FD_TYPE_URETPROBE;

	if (json_output) {
		jsonw_start_object(json_wtr);
		jsonw_int_field(json_wtr, "pid", pid);
		jsonw_int_field(json_wtr, "fd", fd);
		jsonw_uint_field(json_wtr, "prog_id", prog_id);
		if (type)
			jsonw_string_field(json_wtr, "fd_type", type);
		else
			jsonw_uint_field(json_wtr, "fd_type", fd_type);
		if (probe && buf[0]) {
			jsonw_string_field(json_wtr, "func", buf);
			jsonw_lluint_field(json_wtr, "offset", offset);
		} else if (probe) {
			jsonw_lluint_field(json_wtr, "addr", addr);
		} else if (uprobe) {
			jsonw_string_field(json_wtr, "filename", buf);
			jsonw_lluint_field(json_wtr, "offset", offset);
		} else {
			jsonw_string_field(json_wtr, "tracepoint", buf);
		}
		jsonw_end_object(json_wtr);
		return;
	}
	printf("pid %d  fd %d: prog_id %u  ", pid, fd, prog_id);
	if (type)
		printf("%s  ", type);
	else
		printf("type %u  ", fd_type);
	if (probe && buf[0])
		printf("func %s  offset %llu\n", buf, (unsigned long long)offset);
	else if (probe)
		printf("addr %llu\n", (unsigned long long)addr);
	else if (uprobe)
		printf("filename %s  offset %llu\n", buf, (unsigned long long)offset);
	else
		printf("%s\n", buf);
}

static void scan_process(int pid)
{
	char path[64], buf[4096];
	struct dirent *de;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%d/fd", pid);
	d = opendir(path);
	if (!d)
		return;	/* gone, or not ours to look at */
	while ((de = readdir(d))) {
		__u32 len = sizeof(buf), prog_id, fd_type;
		__u64 offset, addr;
		char *end;
		long fd = strtol(de->d_name, &end, 10);

		if (*end || end == de->d_name)
			continue;
		if (bpf_task_fd_query(pid, fd, 0, buf, &len, &prog_id, &fd_type,
				      &offset, &addr))
			continue;	/* not a BPF perf event */
		print_entry(pid, fd, prog_id, fd_type, buf, offset, addr);
	}
	closedir(d);
}

static int do_show(int argc, char **argv)
{
	struct dirent *de;
	DIR *proc;

	proc = opendir("/proc");
	if (!proc) {
		p_err("can't open /proc: %s", strerror(errno));
		return -1;
	}
	if (json_output)
		jsonw_start_array(json_wtr);
	while ((de = readdir(proc))) {
		char *end;
		long pid = strtol(de->d_name, &end, 10);

		if (*end || end == de->d_name || pid <= 0)
			continue;
		scan_process(pid);
	}
	closedir(proc);
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
		"Usage: %1$s %2$s { show | list }\n"
		"       %1$s %2$s help\n"
		"\n"
		"       " HELP_SPEC_OPTIONS " }\n",
		bin_name, "perf");
	return 0;
}

static const struct cmd cmds[] = {
	{ "show",	do_show },
	{ "list",	do_show },
	{ "help",	do_help },
	{ 0 }
};

int do_perf(int argc, char **argv)
{
	return cmd_select(cmds, argc, argv, do_help);
}
