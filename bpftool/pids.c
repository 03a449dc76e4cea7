// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * Owner processes are found by reading /proc/<pid>/fd and fdinfo: every BPF
 * fd's fdinfo names its object id (prog_id:, map_id:, link_id:, btf_id:).
 * bpftool's own process is left out: it holds fds to everything it shows.
 */
#include <ctype.h>
#include <dirent.h>
#include <unistd.h>

#include "pids.h"

struct obj_ref {
	__u32 id;
	int pid;
	char comm[16];
};

struct obj_refs_table {
	struct obj_ref *refs;
	size_t cnt, cap;
};

static const char *fdinfo_key(enum bpf_obj_type type)
{
	switch (type) {
	case BPF_OBJ_PROG: return "prog_id:";
	case BPF_OBJ_MAP: return "map_id:";
	case BPF_OBJ_LINK: return "link_id:";
	case BPF_OBJ_BTF: return "btf_id:";
	default: return NULL;
	}
}

static const char *link_target(enum bpf_obj_type type)
{
	switch (type) {
	case BPF_OBJ_PROG: return "anon_inode:bpf-prog";
	case BPF_OBJ_MAP: return "anon_inode:bpf-map";
	case BPF_OBJ_LINK: return "anon_inode:bpf_link";
	case BPF_OBJ_BTF: return "anon_inode:btf";
	default: return NULL;
	}
}

static bool already_listed(const struct obj_refs_table *t, __u32 id, int pid)
{
	size_t i;

	for (i = 0; i < t->cnt; i++)
		if (t->refs[i].id == id && t->refs[i].pid == pid)
			return true;
	return false;
}

static int add_ref(struct obj_refs_table *t, __u32 id, int pid, const char *comm)
{
	if (already_listed(t, id, pid))
		return 0;
	if (t->cnt == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 32;
		struct obj_ref *p = realloc(t->refs, cap * sizeof(*p));

		if (!p)
			return -1;
		t->refs = p;
		t->cap = cap;
	}
	t->refs[t->cnt].id = id;
	t->refs[t->cnt].pid = pid;
	snprintf(t->refs[t->cnt].comm, sizeof(t->refs[0].comm), "%s", comm);
	t->cnt++;
	return 0;
}

static __u32 read_fdinfo_id(int pid, const char *fd, const char *key)
{
	char path[320], line[128];
	size_t key_len = strlen(key);
	__u32 id = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/fdinfo/%s", pid, fd);
	f = fopen(path, "re");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, key, key_len)) {
			id = strtoul(line + key_len, NULL, 10);
			break;
		}
	}
	fclose(f);
	return id;
}

static void scan_process(struct obj_refs_table *t, int pid, enum bpf_obj_type type)
{
	const char *want = link_target(type), *key = fdinfo_key(type);
	char path[64], comm[32] = "", target[64];
	struct dirent *de;
	DIR *dir;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/fd", pid);
	dir = opendir(path);
	if (!dir)
		return;
	while ((de = readdir(dir))) {
		char link[320];
		ssize_t n;
		__u32 id;

		if (de->d_name[0] == '.')
			continue;
		snprintf(link, sizeof(link), "/proc/%d/fd/%s", pid, de->d_name);
		n = readlink(link, target, sizeof(target) - 1);
		if (n <= 0)
			continue;
		target[n] = '\0';
		if (strcmp(target, want))
			continue;
		id = read_fdinfo_id(pid, de->d_name, key);
		if (!id)
			continue;
		if (!comm[0]) {
			snprintf(path, sizeof(path), "/proc/%d/comm", pid);
			f = fopen(path, "re");
			if (f) {
				if (!fgets(comm, sizeof(comm), f))
					comm[0] = '\0';
				comm[strcspn(comm, "\n")] = '\0';
				fclose(f);
			}
		}
		add_ref(t, id, pid, comm);
	}
	closedir(dir);
}

struct obj_refs_table *obj_refs_build(enum bpf_obj_type type)
{
	struct obj_refs_table *t = calloc(1, sizeof(*t));
	int self = getpid();
	struct dirent *de;
	DIR *proc;

	if (!t || !link_target(type))
		return t;
	proc = opendir("/proc");
	if (!proc)
		return t;
	while ((de = readdir(proc))) {
		int pid;

		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		pid = atoi(de->d_name);
		if (pid != self)
			scan_process(t, pid, type);
	}
	closedir(proc);
	return t;
}

void obj_refs_free(struct obj_refs_table *t)
{
	if (!t)
		return;
	free(t->refs);
	free(t);
}

void obj_refs_print_plain(const struct obj_refs_table *t, __u32 id,
			  const char *prefix)
{
	bool first = true;
	size_t i;

	for (i = 0; t && i < t->cnt; i++) {
		if (t->refs[i].id != id)
			continue;
		printf("%s%s(%d)", first ? prefix : ", ", t->refs[i].comm,
		       t->refs[i].pid);
		first = false;
	}
}

void obj_refs_print_json(const struct obj_refs_table *t, __u32 id)
{
	bool any = false;
	size_t i;

	for (i = 0; t && i < t->cnt; i++) {
		if (t->refs[i].id != id)
			continue;
		if (!any) {
			jsonw_name(json_wtr, "pids");
			jsonw_start_array(json_wtr);
			any = true;
		}
		jsonw_start_object(json_wtr);
		jsonw_int_field(json_wtr, "pid", t->refs[i].pid);
		jsonw_string_field(json_wtr, "comm", t->refs[i].comm);
		jsonw_end_object(json_wtr);
	}
	if (any)
		jsonw_end_array(json_wtr);
}
