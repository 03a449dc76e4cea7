// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * The token family: BPF file systems mounted with delegation options
 * (delegate_cmds, delegate_maps, delegate_progs, delegate_attachs), from
 * which BPF tokens can be created, and what each of them allows.
 */
#include <errno.h>
#include <mntent.h>

#include "main.h"

#define ITEMS_PER_LINE 4

static const char *const delegate_opts[][2] = {
	{ "delegate_cmds",	"allowed_cmds" },
	{ "delegate_maps",	"allowed_maps" },
	{ "delegate_progs",	"allowed_progs" },
	{ "delegate_attachs",	"allowed_attachs" },
};
#define DELEGATE_CNT (sizeof(delegate_opts) / sizeof(delegate_opts[0]))

/* The value of option "key=" in a mount option string, malloc'ed, or NULL. */
static char *mount_opt(const char *opts, const char *key)
{
	size_t klen = strlen(key);
	const char *p = opts;

	while (p && *p) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len > klen && !strncmp(p, key, klen) && p[klen] == '=')
			return strndup(p + klen + 1, len - klen - 1);
		p = end ? end + 1 : NULL;
	}
	return NULL;
}

static void print_list(const char *label, char *values)
{
	char *save = NULL, *item, *next;
	int n = 0;

	if (json_output) {
		jsonw_name(json_wtr, label);
		jsonw_start_array(json_wtr);
	} else {
		printf("\n\t%s:", label);
	}
	item = values ? strtok_r(values, ":", &save) : NULL;
	for (; item; item = next) {
		next = strtok_r(NULL, ":", &save);
		if (json_output) {
			jsonw_string(json_wtr, item);
			continue;
		}
		if (n % ITEMS_PER_LINE == 0)
			printf("\n\t  ");
		/* Columns of 20, no padding after the last item of a line. */
		if (next && ++n % ITEMS_PER_LINE)
			printf("%-20s", item);
		else
			printf("%s", item);
		if (!next)
			break;
	}
	if (json_output)
		jsonw_end_array(json_wtr);
}

static int do_show(int argc, char **argv)
{
	char *values[DELEGATE_CNT];
	struct mntent *m;
	bool any;
	size_t i;
	FILE *f;

	if (argc)
		return BAD_ARG();
	f = setmntent("/proc/mounts", "re");
	if (!f) {
		p_err("can't open /proc/mounts: %s", strerror(errno));
		return -1;
	}
	if (json_output)
		jsonw_start_array(json_wtr);
	while ((m = getmntent(f))) {
		if (strcmp(m->mnt_type, "bpf"))
			continue;
		any = false;
		for (i = 0; i < DELEGATE_CNT; i++) {
			values[i] = mount_opt(m->mnt_opts, delegate_opts[i][0]);
			any |= values[i] != NULL;
		}
		if (any) {
			if (json_output) {
				jsonw_start_object(json_wtr);
				jsonw_string_field(json_wtr, "token_info", m->mnt_dir);
			} else {
				printf("token_info  %s", m->mnt_dir);
			}
			for (i = 0; i < DELEGATE_CNT; i++)
				print_list(delegate_opts[i][1], values[i]);
			if (json_output)
				jsonw_end_object(json_wtr);
			else
				printf("\n");
		}
		for (i = 0; i < DELEGATE_CNT; i++)
			free(values[i]);
	}
	endmntent(f);
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
		bin_name, "token");
	return 0;
}

static const struct cmd cmds[] = {
	{ "show",	do_show },
	{ "list",	do_show },
	{ "help",	do_help },
	{ 0 }
};

int do_token(int argc, char **argv)
{
	return cmd_select(cmds, argc, argv, do_help);
}
