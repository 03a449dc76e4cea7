// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* bpftool entry: global options, family dispatch, batch mode, version. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>

#include <bpf/libbpf.h>

#include "main.h"

const char *bin_name;
json_writer_t *json_wtr;
bool json_output;
bool pretty_output;
bool show_pinned;
bool block_mount;
bool verifier_logs;
bool relaxed_maps;
bool use_loader;
const char *base_btf_path;

static int last_argc;
static char **last_argv;
static int (*last_do_help)(int argc, char **argv);

/*
 * Families are linked in as their files appear; a missing one is reported
 * instead of failing the link, so the tool grows one family at a time.
 */
#pragma weak do_prog
#pragma weak do_map
#pragma weak do_link
#pragma weak do_cgroup
#pragma weak do_perf
#pragma weak do_net
#pragma weak do_feature
#pragma weak do_btf
#pragma weak do_gen
#pragma weak do_struct_ops
#pragma weak do_iter
#pragma weak do_token

void usage(void)
{
	/* the help printer already wrote "null" under -j */
	last_do_help(last_argc - 1, last_argv + 1);
	if (json_output)
		jsonw_destroy(&json_wtr);
	exit(-1);
}

void p_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fflush(stdout);	/* keep stdout before the error when both are one file */
	if (json_output) {
		jsonw_start_object(json_wtr);
		jsonw_name(json_wtr, "error");
		jsonw_vprintf_enquote(json_wtr, fmt, ap);
		jsonw_end_object(json_wtr);
	} else {
		fprintf(stderr, "Error: ");
		vfprintf(stderr, fmt, ap);
		fprintf(stderr, "\n");
	}
	va_end(ap);
}

void p_info(const char *fmt, ...)
{
	va_list ap;

	if (json_output)
		return;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
}

bool is_prefix(const char *pfx, const char *str)
{
	if (!pfx || !*pfx)
		return false;
	return !strncmp(str, pfx, strlen(pfx));
}

int detect_common_prefix(const char *arg, ...)
{
	const char *w;
	char list[256] = "";
	int count = 0;
	va_list ap;

	va_start(ap, arg);
	while ((w = va_arg(ap, const char *)) && count < 16) {
		if (is_prefix(arg, w)) {
			count++;
			if (list[0])
				strncat(list, ", ", sizeof(list) - strlen(list) - 1);
			strncat(list, "'", sizeof(list) - strlen(list) - 1);
			strncat(list, w, sizeof(list) - strlen(list) - 1);
			strncat(list, "'", sizeof(list) - strlen(list) - 1);
		}
	}
	va_end(ap);
	if (count >= 2) {
		p_err("ambiguous prefix: '%s' could be %s", arg, list);
		return -1;
	}
	return 0;
}

int cmd_select(const struct cmd *cmds, int argc, char **argv,
	       int (*help)(int argc, char **argv))
{
	unsigned int i;

	last_argc = argc;
	last_argv = argv;
	last_do_help = help;

	if (argc < 1 && cmds[0].func)
		return cmds[0].func(argc, argv);
	for (i = 0; cmds[i].cmd; i++) {
		if (!is_prefix(*argv, cmds[i].cmd))
			continue;
		if (!cmds[i].func) {
			p_err("command '%s' is not supported in this build", cmds[i].cmd);
			return -1;
		}
		return cmds[i].func(argc - 1, argv + 1);
	}
	help(argc - 1, argv + 1);
	return -1;
}

static int do_help(int argc, char **argv)
{
	if (json_output) {
		jsonw_null(json_wtr);
		return 0;
	}
	fprintf(stderr,
		"Usage: %s [OPTIONS] OBJECT { COMMAND | help }\n"
		"       %s batch file FILE\n"
		"       %s version\n"
		"\n"
		"       OBJECT := { prog | map | link | cgroup | perf | net | feature | btf | gen | struct_ops | iter | token | core }\n"
		"       " HELP_SPEC_OPTIONS " |\n"
		"                    {-V|--version} }\n",
		bin_name, bin_name, bin_name);
	return 0;
}

static int do_version(int argc, char **argv)
{
	if (json_output) {
		jsonw_start_object(json_wtr);
		jsonw_string_field(json_wtr, "version", BPFTOOL_VERSION);
		jsonw_name(json_wtr, "libbpf_version");
		jsonw_printf(json_wtr, "\"%d.%d\"", libbpf_major_version(),
			     libbpf_minor_version());
		jsonw_name(json_wtr, "features");
		jsonw_start_object(json_wtr);
		jsonw_bool_field(json_wtr, "libbfd", false);
		jsonw_bool_field(json_wtr, "llvm", true);
		jsonw_bool_field(json_wtr, "skeletons", true);
		jsonw_bool_field(json_wtr, "bootstrap", false);
		jsonw_end_object(json_wtr);
		jsonw_end_object(json_wtr);
		return 0;
	}
	printf("%s v%s\n", bin_name, BPFTOOL_VERSION);
	printf("using libbpf %s\n", libbpf_version_string());
	printf("features: llvm, skeletons\n");
	return 0;
}

static int do_batch(int argc, char **argv);
int do_core(int argc, char **argv);	/* core_check.c: bpfkit extension */

static const struct cmd main_cmds[] = {
	{ "help",	do_help },
	{ "batch",	do_batch },
	{ "prog",	do_prog },
	{ "map",	do_map },
	{ "link",	do_link },
	{ "cgroup",	do_cgroup },
	{ "perf",	do_perf },
	{ "net",	do_net },
	{ "feature",	do_feature },
	{ "btf",	do_btf },
	{ "gen",	do_gen },
	{ "struct_ops",	do_struct_ops },
	{ "iter",	do_iter },
	{ "token",	do_token },
	{ "core",	do_core },
	{ "version",	do_version },
	{ 0 }
};

/*
 * Splits one batch line into words: blanks separate, single or double quotes
 * group, a backslash escapes the next character, '#' outside quotes ends
 * the line.  Returns the word count or -1.
 */
static int split_line(char *line, char **words, int max_words, int lineno)
{
	char *src = line, *dst = line;
	int n = 0;

	while (*src) {
		char quote = 0, sep;

		while (isspace((unsigned char)*src))
			src++;
		if (!*src || *src == '#')
			break;
		if (n == max_words) {
			p_err("maximum number of arguments to a command (%d) reached at line %d",
			      max_words, lineno);
			return -1;
		}
		words[n++] = dst;
		while (*src) {
			if (quote) {
				if (*src == quote) {
					quote = 0;
					src++;
					continue;
				}
			} else if (*src == '\'' || *src == '"') {
				quote = *src++;
				continue;
			} else if (isspace((unsigned char)*src) || *src == '#') {
				break;
			}
			if (*src == '\\' && src[1])
				src++;
			*dst++ = *src++;
		}
		if (quote) {
			p_err("unterminated quoted string at line %d", lineno);
			return -1;
		}
		if (*src == '#') {
			*dst = '\0';
			break;
		}
		/*
		 * dst never passes src, so the terminator stays inside the line
		 * (it may overwrite the separator: look at it first).
		 */
		sep = *src;
		*dst++ = '\0';
		if (sep)
			src++;
	}
	return n;
}

static int do_batch(int argc, char **argv)
{
	/* argv-like: commands may read until the NULL after the last word */
	char *line = NULL, *words[256];
	size_t line_cap = 0;
	int lines = 0, err = 0, i;
	const char *path;
	FILE *fp;

	if (argc < 2 || !is_prefix(*argv, "file")) {
		p_err("expected 'file', got: %s", argc ? *argv : "nothing");
		return -1;
	}
	path = argv[1];
	if (argc > 2) {
		p_err("too many arguments for 'batch'");
		return -1;
	}
	fp = strcmp(path, "-") ? fopen(path, "re") : stdin;
	if (!fp) {
		p_err("Can't open file (%s): %s", path, strerror(errno));
		return -1;
	}
	if (json_output)
		jsonw_start_array(json_wtr);
	errno = 0;
	while (getline(&line, &line_cap, fp) > 0) {
		int n = split_line(line, words, 255, lines + 1);

		if (n >= 0)
			words[n] = NULL;
		if (n < 0) {
			err = -1;
			break;
		}
		if (!n)
			continue;
		if (json_output) {
			jsonw_start_object(json_wtr);
			jsonw_name(json_wtr, "command");
			jsonw_start_array(json_wtr);
			for (i = 0; i < n; i++)
				jsonw_string(json_wtr, words[i]);
			jsonw_end_array(json_wtr);
			jsonw_name(json_wtr, "output");
		}
		err = cmd_select(main_cmds, n, words, do_help);
		if (json_output)
			jsonw_end_object(json_wtr);
		if (err)
			break;
		lines++;
		errno = 0;
	}
	if (!err) {
		if (ferror(fp)) {
			p_err("reading batch file failed: %s", strerror(errno));
			err = -1;
		} else if (!json_output) {
			printf("processed %d commands\n", lines);
		}
	}
	free(line);
	if (fp != stdin)
		fclose(fp);
	if (json_output)
		jsonw_end_array(json_wtr);
	return err;
}

static int debug_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level == LIBBPF_DEBUG && !verifier_logs)
		return 0;
	return vfprintf(stderr, fmt, ap);
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "json",	no_argument,	   NULL, 'j' },
		{ "help",	no_argument,	   NULL, 'h' },
		{ "pretty",	no_argument,	   NULL, 'p' },
		{ "version",	no_argument,	   NULL, 'V' },
		{ "bpffs",	no_argument,	   NULL, 'f' },
		{ "mapcompat",	no_argument,	   NULL, 'm' },
		{ "nomount",	no_argument,	   NULL, 'n' },
		{ "debug",	no_argument,	   NULL, 'd' },
		{ "use-loader",	no_argument,	   NULL, 'L' },
		{ "base-btf",	required_argument, NULL, 'B' },
		{ "legacy",	no_argument,	   NULL, 'l' },
		{ 0 }
	};
	bool version_requested = false;
	int opt, ret;

	last_do_help = do_help;
	bin_name = "bpftool";
	setlinebuf(stdout);
	libbpf_set_print(debug_print);

	opterr = 0;
	while ((opt = getopt_long(argc, argv, "VhpjfLmndB:l", options, NULL)) >= 0) {
		switch (opt) {
		case 'V':
			version_requested = true;
			break;
		case 'h':
			return do_help(argc, argv);
		case 'p':
			pretty_output = true;
			/* fall through */
		case 'j':
			if (!json_output) {
				json_wtr = jsonw_new(stdout);
				if (!json_wtr) {
					p_err("failed to create JSON writer");
					return -1;
				}
				json_output = true;
			}
			jsonw_pretty(json_wtr, pretty_output);
			break;
		case 'f':
			show_pinned = true;
			break;
		case 'm':
			relaxed_maps = true;
			break;
		case 'n':
			block_mount = true;
			break;
		case 'd':
			verifier_logs = true;
			break;
		case 'L':
			use_loader = true;
			break;
		case 'B':
			base_btf_path = optarg;
			break;
		case 'l':
			/* accepted for compatibility; there is no legacy mode */
			break;
		default:
			p_err("unrecognized option '%s'", argv[optind - 1]);
			if (json_output)
				jsonw_destroy(&json_wtr);
			return -1;
		}
	}

	argc -= optind;
	argv += optind;
	if (version_requested)
		ret = do_version(argc, argv);
	else if (argc < 1)
		ret = do_help(argc, argv) ? -1 : 0;
	else
		ret = cmd_select(main_cmds, argc, argv, do_help);

	if (json_output)
		jsonw_destroy(&json_wtr);
	/* like the reference: a negative errno becomes the exit status (-2 -> 254) */
	return ret;
}
