// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * prog tracelog: copy the tracefs trace_pipe (bpf_printk output) to stdout,
 * one JSON string per line under -j, until interrupted.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/vfs.h>
#include <unistd.h>
#include <linux/magic.h>

#include "common.h"
#include "prog.h"

static FILE *pipe_file;

static bool is_tracefs(const char *dir)
{
	struct statfs st;

	if (statfs(dir, &st))
		return false;
	return st.f_type == TRACEFS_MAGIC;
}

/* tracefs itself, or the "tracing" directory of a mounted debugfs. */
static int find_trace_pipe(char *path, size_t len)
{
	static const char *const dirs[] = {
		"/sys/kernel/tracing", "/sys/kernel/debug/tracing",
		"/tracing", "/trace",
	};
	size_t i;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		if (!is_tracefs(dirs[i]))
			continue;
		snprintf(path, len, "%s/trace_pipe", dirs[i]);
		return 0;
	}
	if (block_mount) {
		p_err("tracefs not found, not mounting it due to --nomount option");
		return -1;
	}
	p_info("could not find tracefs, attempting to mount it now");
	if (mount("tracefs", "/sys/kernel/tracing", "tracefs", 0, NULL)) {
		p_err("can't mount tracefs on /sys/kernel/tracing: %s",
		      strerror(errno));
		return -1;
	}
	snprintf(path, len, "/sys/kernel/tracing/trace_pipe");
	return 0;
}

static void stop_tracelog(int sig)
{
	(void)sig;
	if (pipe_file)
		fclose(pipe_file);
	if (json_output) {
		jsonw_end_array(json_wtr);
		jsonw_destroy(&json_wtr);
	}
	fflush(stdout);
	_exit(0);
}

int prog_do_tracelog(int argc, char **argv)
{
	struct sigaction act = { .sa_handler = stop_tracelog };
	char path[PATH_MAX], *line = NULL;
	size_t cap = 0;

	if (argc)
		return BAD_ARG();
	if (find_trace_pipe(path, sizeof(path)))
		return -1;
	pipe_file = fopen(path, "re");
	if (!pipe_file) {
		p_err("could not open trace pipe: %s", strerror(errno));
		return -1;
	}
	sigaction(SIGHUP, &act, NULL);
	sigaction(SIGINT, &act, NULL);
	sigaction(SIGTERM, &act, NULL);
	if (json_output)
		jsonw_start_array(json_wtr);
	while (true) {
		ssize_t n = getline(&line, &cap, pipe_file);

		if (n <= 0) {
			if (json_output)
				jsonw_end_array(json_wtr);
			p_err("failed to read content from trace pipe");
			break;
		}
		if (json_output)
			jsonw_string(json_wtr, line);
		else
			fputs(line, stdout);
		fflush(stdout);
	}
	free(line);
	fclose(pipe_file);
	pipe_file = NULL;
	return -1;
}
