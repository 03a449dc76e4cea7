/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
#ifndef BPFTOOL_MAP_H
#define BPFTOOL_MAP_H

#include <linux/bpf.h>

/* map subcommands; weak ones are not written yet (reported unsupported). */
int map_do_show(int argc, char **argv);		/* map_show.c */
int map_do_create(int argc, char **argv);	/* map_ops.c */
int map_do_update(int argc, char **argv);
int map_do_delete(int argc, char **argv);
int map_do_pin(int argc, char **argv);
int map_do_freeze(int argc, char **argv);
int map_do_dump(int argc, char **argv) __attribute__((weak));	/* map_dump.c */
int map_do_lookup(int argc, char **argv) __attribute__((weak));
int map_do_getnext(int argc, char **argv) __attribute__((weak));
int map_do_peek(int argc, char **argv) __attribute__((weak));
int map_do_pop(int argc, char **argv) __attribute__((weak));
int map_do_dequeue(int argc, char **argv) __attribute__((weak));
int map_do_push(int argc, char **argv) __attribute__((weak));
int map_do_enqueue(int argc, char **argv) __attribute__((weak));
int map_do_event_pipe(int argc, char **argv) __attribute__((weak));	/* map_perf_ring.c */

bool map_is_per_cpu(__u32 type);
bool map_is_map_of_maps(__u32 type);
bool map_is_map_of_progs(__u32 type);
/* Value size as the syscall sees it: per-CPU maps return one slot per CPU. */
unsigned int map_value_buf_size(const struct bpf_map_info *info);
/*
 * Parses "[key DATA] [value VALUE]" for update/lookup/... into key and value
 * (value may name a map or a program for maps of maps/programs).
 */
int map_parse_kv(const struct bpf_map_info *info, int argc, char **argv,
		 const char *error_msg, void *key, void *value,
		 __u32 **value_fd);

#endif
