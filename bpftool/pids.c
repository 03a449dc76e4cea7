// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * Owner processes of BPF objects.  The embedded task_file iterator
 * (pids.bpf.c) reports every BPF fd of every process in one pass; when it
 * cannot be loaded (no BPF iterators, no kernel BTF, not privileged) or its
 * pids would not be the ones the user sees (a child pid namespace: the
 * iterator reports the kernel's pids), /proc/PID/fd and fdinfo are read
 * instead: every BPF fd's fdinfo names its object id.  bpftool's own process
 * is left out either way: it holds fds to everything it shows.  Holders are
 * listed by pid, each process once per object.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "pids.h"

/*
 * Built from pids.bpf.c into bpftool (bpftool/CMakeLists.txt); weak so that
 * other programs linking bpftool's sources (the fuzz targets) need not
 * provide it: there the iterator is simply unavailable.
 */
extern const unsigned char pids_iter_obj[] __attribute__((weak));
extern const unsigned int pids_iter_obj_len __attribute__((weak));

struct obj_ref {
	__u32 id;
	int pid;
	size_t seq;		/* order found, kept among refs of one pid */
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
	t->refs[t->cnt].seq = t->cnt;
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

static void scan_proc(struct obj_refs_table *t, enum bpf_obj_type type)
{
	int self = getpid();
	struct dirent *de;
	DIR *proc;

	proc = opendir("/proc");
	if (!proc)
		return;
	while ((de = readdir(proc))) {
		int pid;

		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		pid = atoi(de->d_name);
		if (pid != self)
			scan_process(t, pid, type);
	}
	closedir(proc);
}

static __u32 iter_kind(enum bpf_obj_type type)
{
	switch (type) {
	case BPF_OBJ_PROG: return PIDS_KIND_PROG;
	case BPF_OBJ_MAP: return PIDS_KIND_MAP;
	case BPF_OBJ_LINK: return PIDS_KIND_LINK;
	case BPF_OBJ_BTF: return PIDS_KIND_BTF;
	default: return 0;
	}
}

static libbpf_print_fn_t saved_print;

/* A missing iterator is not an error of the command: quiet unless -d. */
static int iter_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (!verifier_logs || !saved_print)
		return 0;
	return saved_print(level, fmt, ap);
}

/* Reads the whole seq_file of the iterator: records may straddle reads. */
static char *iter_read_all(int fd, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap), *p;
	ssize_t r;

	while (buf) {
		if (n == cap) {
			p = realloc(buf, cap * 2);
			if (!p)
				break;
			buf = p;
			cap *= 2;
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			break;
		if (!r) {
			*len = n;
			return buf;
		}
		n += r;
	}
	free(buf);
	return NULL;
}

/* The library and libc set errno on failure; never report success by mistake. */
static int neg_errno(void)
{
	return errno > 0 ? -errno : -EIO;
}

/*
 * bpftool's own pid as the iterator numbers pids: the holder of the
 * iterator's link, which only this process has.  It differs from getpid()
 * in a child pid namespace, where the iterator still reports the kernel's
 * (initial namespace) pids.
 */
static int iter_self(const char *buf, size_t len, __u32 link_id, __u32 *self)
{
	struct pids_iter_rec rec;
	size_t off;

	for (off = 0; off + sizeof(rec) <= len; off += sizeof(rec)) {
		memcpy(&rec, buf + off, sizeof(rec));
		if (rec.kind == PIDS_KIND_LINK && rec.id == link_id) {
			*self = rec.pid;
			return 0;
		}
	}
	return -ESRCH;
}

/*
 * Fills t with the holders of objects of one kind.  -EXDEV: the iterator
 * works but its pids are not the ones of our pid namespace (unless any_ns,
 * when they are kept).
 */
static int iter_collect(struct obj_refs_table *t, __u32 kind, bool any_ns)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = "pids");
	struct bpf_link_info info = {};
	__u32 info_len = sizeof(info), self = 0;
	struct bpf_object *obj = NULL;
	struct bpf_link *link = NULL;
	struct pids_iter_rec rec = {};
	struct bpf_program *prog;
	int iter_fd = -1, err;
	size_t len = 0, off;
	char *buf = NULL;

	if (!pids_iter_obj || !&pids_iter_obj_len)
		return -ENOENT;
	saved_print = libbpf_set_print(iter_print);
	obj = bpf_object__open_mem(pids_iter_obj, pids_iter_obj_len, &opts);
	if (!obj) {
		err = neg_errno();
		goto out;
	}
	err = bpf_object__load(obj);
	if (err)
		goto out;
	prog = bpf_object__next_program(obj, NULL);
	link = prog ? bpf_program__attach_iter(prog, NULL) : NULL;
	if (!link) {
		err = prog ? neg_errno() : -ENOENT;
		goto out;
	}
	if (bpf_link_get_info_by_fd(bpf_link__fd(link), &info, &info_len)) {
		err = neg_errno();
		goto out;
	}
	iter_fd = bpf_iter_create(bpf_link__fd(link));
	if (iter_fd < 0) {
		err = neg_errno();
		goto out;
	}
	buf = iter_read_all(iter_fd, &len);
	if (!buf) {
		err = neg_errno();
		goto out;
	}
	err = iter_self(buf, len, info.id, &self);
	if (err)
		goto out;
	if (self != (__u32)getpid() && !any_ns) {
		err = -EXDEV;
		goto out;
	}
	for (off = 0; off + sizeof(rec) <= len; off += sizeof(rec)) {
		memcpy(&rec, buf + off, sizeof(rec));
		if (rec.kind != kind || !rec.id || rec.pid == self)
			continue;
		rec.comm[sizeof(rec.comm) - 1] = '\0';
		if (add_ref(t, rec.id, rec.pid, rec.comm)) {
			err = -ENOMEM;
			goto out;
		}
	}
out:
	free(buf);
	if (iter_fd >= 0)
		close(iter_fd);
	bpf_link__destroy(link);
	bpf_object__close(obj);
	libbpf_set_print(saved_print);
	return err;
}

static int cmp_ref(const void *a, const void *b)
{
	const struct obj_ref *x = a, *y = b;

	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void debug_source(const char *fmt, ...)
{
	va_list ap;

	if (!verifier_logs)
		return;
	va_start(ap, fmt);
	fprintf(stderr, "pids: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
}

static const char *iter_failure(int err)
{
	switch (err) {
	case -EXDEV:
		return "its pids are the kernel's, not this pid namespace's";
	default:
		return strerror(-err);
	}
}

struct obj_refs_table *obj_refs_build(enum bpf_obj_type type)
{
	struct obj_refs_table *t = calloc(1, sizeof(*t));
	const char *src = getenv("BPFKIT_PIDS_SOURCE");
	const char *kind = get_fd_type_name(type);
	bool only_iter = src && !strcmp(src, "iter");
	int err;

	if (!t || !link_target(type))
		return t;
	if (src && !strcmp(src, "proc")) {
		debug_source("%s holders read from /proc (BPFKIT_PIDS_SOURCE=proc)", kind);
		goto proc;
	}
	err = iter_collect(t, iter_kind(type), only_iter);
	if (!err) {
		debug_source("%s holders read with the task_file iterator", kind);
		goto sort;
	}
	t->cnt = 0;
	if (only_iter) {
		debug_source("task_file iterator not used (%s); no %s holders shown (BPFKIT_PIDS_SOURCE=iter)",
			     iter_failure(err), kind);
		return t;
	}
	debug_source("task_file iterator not used (%s); %s holders read from /proc",
		     iter_failure(err), kind);
proc:
	scan_proc(t, type);
sort:
	if (t->cnt > 1)
		qsort(t->refs, t->cnt, sizeof(t->refs[0]), cmp_ref);
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
