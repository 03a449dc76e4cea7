/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * Shared state and argument plumbing of the bpftool command line.  Each
 * object family lives in its own file and exports one do_<family>() entry:
 * main.c dispatches on the first word, the family on the next.
 */
#ifndef BPFTOOL_MAIN_H
#define BPFTOOL_MAIN_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_writer.h"

#define BPFTOOL_VERSION "7.7.0"

extern const char *bin_name;
extern json_writer_t *json_wtr;
extern bool json_output;
extern bool pretty_output;
extern bool show_pinned;	/* -f: print pinned paths of objects */
extern bool block_mount;	/* -n: do not mount bpffs when pinning */
extern bool verifier_logs;	/* -d: library debug output, verifier logs */
extern bool relaxed_maps;	/* -m: accept legacy map sections */
extern bool use_loader;		/* -L: load through a loader program */
extern const char *base_btf_path;	/* -B FILE */

/* Argument cursor helpers: every do_*() takes (argc, argv) past its name. */
#define NEXT_ARG()	({ argc--; argv++; if (argc < 0) usage(); })
#define NEXT_ARGP()	({ (*argc)--; (*argv)++; if (*argc < 0) usage(); })
#define GET_ARG()	({ argc--; *argv++; })
#define BAD_ARG()	({ p_err("what is '%s'?", *argv); -1; })
#define REQ_ARGS(cnt)							\
	({								\
		int _cnt = (cnt);					\
		bool _res;						\
		if (argc < _cnt) {					\
			p_err("'%s' needs at least %d arguments, %d found", \
			      argv[-1], _cnt, argc);			\
			_res = false;					\
		} else {						\
			_res = true;					\
		}							\
		_res;							\
	})

#define HELP_SPEC_OPTIONS						\
	"OPTIONS := { {-j|--json} [{-p|--pretty}] | {-d|--debug}"
#define HELP_SPEC_PROGRAM						\
	"PROG := { id PROG_ID | pinned FILE | tag PROG_TAG | name PROG_NAME }"
#define HELP_SPEC_MAP							\
	"MAP := { id MAP_ID | pinned FILE | name MAP_NAME }"
#define HELP_SPEC_LINK							\
	"LINK := { id LINK_ID | pinned FILE }"

struct cmd {
	const char *cmd;
	int (*func)(int argc, char **argv);
};

/* Runs the command whose name argv[0] abbreviates (an unambiguous prefix). */
int cmd_select(const struct cmd *cmds, int argc, char **argv,
	       int (*help)(int argc, char **argv));
bool is_prefix(const char *pfx, const char *str);
/* Fails with "ambiguous prefix" unless arg matches exactly one of the NULL-terminated words. */
int detect_common_prefix(const char *arg, ...);

void usage(void) __attribute__((noreturn));
/* "Error: ..." on stderr, or {"error": "..."} under -j. */
void p_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Informational text on stderr; silent under -j. */
void p_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Families (one file each). */
int do_prog(int argc, char **argv);
int do_map(int argc, char **argv);
int do_link(int argc, char **argv);
int do_cgroup(int argc, char **argv);
int do_perf(int argc, char **argv);
int do_net(int argc, char **argv);
int do_feature(int argc, char **argv);
int do_btf(int argc, char **argv);
int do_gen(int argc, char **argv);
int do_struct_ops(int argc, char **argv);
int do_iter(int argc, char **argv);
int do_token(int argc, char **argv);

#endif
