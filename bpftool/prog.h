/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
#ifndef BPFTOOL_PROG_H
#define BPFTOOL_PROG_H

/*
 * prog subcommands, one file each.  Those not written yet are weak: the
 * dispatcher reports them as unsupported instead of failing the link.
 */
int prog_do_show(int argc, char **argv);
int prog_do_pin(int argc, char **argv);
int prog_do_dump(int argc, char **argv) __attribute__((weak));	/* prog_dump.c */
int prog_do_load(int argc, char **argv) __attribute__((weak));	/* prog_load.c */
int prog_do_loadall(int argc, char **argv) __attribute__((weak));
int prog_do_attach(int argc, char **argv) __attribute__((weak));	/* prog_attach.c */
int prog_do_detach(int argc, char **argv) __attribute__((weak));
int prog_do_run(int argc, char **argv) __attribute__((weak));	/* prog_run.c */
int prog_do_profile(int argc, char **argv) __attribute__((weak));	/* prog_profile.c */
int prog_do_tracelog(int argc, char **argv) __attribute__((weak));	/* prog_tracelog.c */

#endif
