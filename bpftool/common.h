/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * Helpers shared by the bpftool families: naming objects on the command line
 * (id / pinned / tag / name), pinning, fdinfo, pinned-path tables for -f,
 * and hex printing/parsing.
 */
#ifndef BPFTOOL_COMMON_H
#define BPFTOOL_COMMON_H

#include <stdint.h>
#include <linux/bpf.h>

#include "main.h"

#define BPF_TAG_FMT "%02hhx%02hhx%02hhx%02hhx%02hhx%02hhx%02hhx%02hhx"
#define MAX_PROG_FULL_NAME 128

enum bpf_obj_type {
	BPF_OBJ_UNKNOWN,
	BPF_OBJ_PROG,
	BPF_OBJ_MAP,
	BPF_OBJ_LINK,
	BPF_OBJ_BTF,
};

enum bpf_obj_type get_fd_type(int fd);
const char *get_fd_type_name(enum bpf_obj_type type);
/* The value of "key:" in /proc/self/fdinfo/<fd>, malloc'ed, or NULL. */
char *get_fdinfo(int fd, const char *key);
/*
 * Shows every object of one kind (a JSON array under -j), skipping objects
 * that disappear while the walk runs.
 */
int show_each_object(int (*next_id)(__u32, __u32 *), int (*fd_by_id)(__u32),
		     int (*show)(int fd), const char *kind, const char *short_kind);
struct obj_refs_table;

/* What `<kind> show [HANDLE]` needs to know about one kind of object. */
struct show_spec {
	enum bpf_obj_type type;
	int (*parse_fds)(int *argc, char ***argv, int **fds);
	int (*next_id)(__u32 start, __u32 *next);
	int (*fd_by_id)(__u32 id);
	int (*show)(int fd);
	const char *kind, *short_kind;	/* "program", "prog" */
	/* tables the kind's printers read, built for the command's duration */
	struct pinned_table **pins;
	struct obj_refs_table **refs;
};

/* `show` / `list` of one kind: every object, or those a handle names. */
int show_objects(const struct show_spec *spec, int argc, char **argv);
/* Full buffering of stdout for long listings (on), back to lines (off). */
void stdout_bulk(bool on);

int open_obj_pinned(const char *path, bool quiet);
int open_obj_pinned_any(const char *path, enum bpf_obj_type exp_type);
int mount_bpffs_for_pin(const char *name, bool is_dir);
int do_pin_fd(int fd, const char *name);
int do_pin_any(int argc, char **argv, int (*get_fd)(int *, char ***));

/*
 * Object handles.  The *_fds variants return how many objects matched (tag
 * and name may match several) with *fds malloc'ed; the single variants fail
 * unless exactly one matched.  All advance argc/argv past the handle.
 */
int prog_parse_fds(int *argc, char ***argv, int **fds);
int prog_parse_fd(int *argc, char ***argv);
int map_parse_fds(int *argc, char ***argv, int **fds);
int map_parse_fd(int *argc, char ***argv);
int map_parse_fd_and_info(int *argc, char ***argv, struct bpf_map_info *info,
			  __u32 *info_len);
int link_parse_fd(int *argc, char ***argv);

/* Full program name: the BTF func name when the kernel's 16 bytes cut it. */
void get_prog_full_name(const struct bpf_prog_info *info, int prog_fd,
			char *name, size_t len);

/* -f support: id -> pinned paths of one object type, from every bpffs mount. */
struct pinned_table;
struct pinned_table *pinned_table_build(enum bpf_obj_type type);
void pinned_table_free(struct pinned_table *t);
void pinned_table_print_plain(const struct pinned_table *t, __u32 id);
void pinned_table_print_json(const struct pinned_table *t, __u32 id);

/* Wall-clock rendering of a boot-time nanosecond stamp (prog load time). */
int print_boot_time(__u64 nsecs, char *buf, unsigned int size);
__u64 boot_time_to_epoch(__u64 nsecs);

void fprint_hex(FILE *f, const void *arg, unsigned int n, const char *sep);
void print_hex_data_json(const uint8_t *data, size_t len);
void print_dev_plain(__u32 ifindex, __u64 ns_dev, __u64 ns_inode);
void print_dev_json(__u32 ifindex, __u64 ns_dev, __u64 ns_inode);

/* Parses "[hex] BYTES" into val (n bytes); returns argv past them or NULL. */
char **parse_bytes(char **argv, const char *name, unsigned char *val,
		   unsigned int n);
int parse_u32_arg(int *argc, char ***argv, __u32 *val, const char *what);

#endif
