// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <mntent.h>
#include <stdio.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "common.h"
#include "pids.h"

#define BPF_FS_MAGIC 0xcafe4a11

enum bpf_obj_type get_fd_type(int fd)
{
	char path[64], target[64];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, target, sizeof(target) - 1);
	if (n < 0) {
		p_err("can't read link type: %s", strerror(errno));
		return BPF_OBJ_UNKNOWN;
	}
	target[n] = '\0';
	if (strstr(target, "bpf-map"))
		return BPF_OBJ_MAP;
	if (strstr(target, "bpf-prog"))
		return BPF_OBJ_PROG;
	if (strstr(target, "bpf-link") || strstr(target, "bpf_link"))
		return BPF_OBJ_LINK;
	if (strstr(target, "btf"))
		return BPF_OBJ_BTF;
	return BPF_OBJ_UNKNOWN;
}

const char *get_fd_type_name(enum bpf_obj_type type)
{
	switch (type) {
	case BPF_OBJ_PROG: return "prog";
	case BPF_OBJ_MAP: return "map";
	case BPF_OBJ_LINK: return "link";
	case BPF_OBJ_BTF: return "btf";
	default: return "unknown";
	}
}

char *get_fdinfo(int fd, const char *key)
{
	char path[64], buf[4096], *line, *value = NULL;
	size_t key_len = strlen(key);
	ssize_t n;
	int info_fd;

	/* one open/read/close: show commands call this for every object */
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	info_fd = open(path, O_RDONLY | O_CLOEXEC);
	if (info_fd < 0)
		return NULL;
	n = read(info_fd, buf, sizeof(buf) - 1);
	close(info_fd);
	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	for (line = buf; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
		char *v;

		if (strncmp(line, key, key_len) || line[key_len] != ':')
			continue;
		v = line + key_len + 1;
		v += strspn(v, " \t");
		value = strndup(v, strcspn(v, "\n"));
		break;
	}
	return value;
}

int show_each_object(int (*next_id)(__u32, __u32 *), int (*fd_by_id)(__u32),
		     int (*show)(int fd), const char *kind, const char *short_kind)
{
	__u32 id = 0;
	int err = 0;

	if (json_output)
		jsonw_start_array(json_wtr);
	while (true) {
		int fd;

		if (next_id(id, &id)) {
			if (errno == ENOENT)
				break;
			p_err("can't get next %s: %s%s", kind, strerror(errno),
			      errno == EINVAL ? " -- kernel too old?" : "");
			err = -1;
			break;
		}
		fd = fd_by_id(id);
		if (fd < 0) {
			if (errno == ENOENT)	/* gone meanwhile */
				continue;
			p_err("can't get %s by id (%u): %s", short_kind, id, strerror(errno));
			err = -1;
			break;
		}
		err = show(fd);
		close(fd);
		if (err)
			break;
	}
	if (json_output)
		jsonw_end_array(json_wtr);
	return err;
}

int show_objects(const struct show_spec *spec, int argc, char **argv)
{
	int *fds = NULL, n = 0, i, err = 0;

	if (argc == 2) {
		n = spec->parse_fds(&argc, &argv, &fds);
		if (n < 1) {
			free(fds);
			return -1;
		}
	} else if (argc) {
		return BAD_ARG();
	}
	if (show_pinned)
		*spec->pins = pinned_table_build(spec->type);
	*spec->refs = obj_refs_build(spec->type);

	if (!n) {
		stdout_bulk(true);
		err = show_each_object(spec->next_id, spec->fd_by_id, spec->show,
				       spec->kind, spec->short_kind);
		stdout_bulk(false);
	} else {
		/* several matches of a tag or name print as a JSON array */
		if (json_output && n > 1)
			jsonw_start_array(json_wtr);
		for (i = 0; i < n; i++) {
			if (!err)
				err = spec->show(fds[i]);
			close(fds[i]);
		}
		if (json_output && n > 1)
			jsonw_end_array(json_wtr);
	}
	free(fds);
	pinned_table_free(*spec->pins);
	obj_refs_free(*spec->refs);
	*spec->pins = NULL;
	*spec->refs = NULL;
	return err;
}

void stdout_bulk(bool on)
{
	/*
	 * Listings print a few lines per object: buffer them fully while a
	 * listing runs instead of one write() per line (errors flush first).
	 */
	fflush(stdout);
	setvbuf(stdout, NULL, on ? _IOFBF : _IOLBF, 0);
}

int open_obj_pinned(const char *path, bool quiet)
{
	int fd = bpf_obj_get(path);

	if (fd < 0 && !quiet)
		p_err("bpf obj get (%s): %s", path,
		      errno == EACCES && access(path, F_OK) ?
		      "No such file or directory" : strerror(errno));
	return fd;
}

int open_obj_pinned_any(const char *path, enum bpf_obj_type exp_type)
{
	enum bpf_obj_type type;
	int fd;

	fd = open_obj_pinned(path, false);
	if (fd < 0)
		return -1;
	type = get_fd_type(fd);
	if (type == BPF_OBJ_UNKNOWN) {
		close(fd);
		return -1;
	}
	if (type != exp_type) {
		p_err("incorrect object type: %s", get_fd_type_name(type));
		close(fd);
		return -1;
	}
	return fd;
}

static bool is_bpffs(const char *path)
{
	struct statfs st;

	return statfs(path, &st) == 0 && (unsigned long)st.f_type == BPF_FS_MAGIC;
}

int mount_bpffs_for_pin(const char *name, bool is_dir)
{
	char *copy, *dir;
	int err = 0;

	copy = strdup(name);
	if (!copy) {
		p_err("mem alloc failed");
		return -1;
	}
	dir = is_dir ? copy : dirname(copy);
	if (is_bpffs(dir))
		goto out;
	if (block_mount) {
		p_err("no BPF file system found, not mounting it due to --nomount option");
		err = -1;
		goto out;
	}
	if (mount("bpf", dir, "bpf", 0, "mode=0700")) {
		p_err("can't mount BPF file system to pin the object '%s': %s",
		      name, strerror(errno));
		err = -1;
	}
out:
	free(copy);
	return err;
}

int do_pin_fd(int fd, const char *name)
{
	if (mount_bpffs_for_pin(name, false))
		return -1;
	if (bpf_obj_pin(fd, name)) {
		p_err("can't pin the object (%s): %s", name, strerror(errno));
		return -1;
	}
	return 0;
}

int do_pin_any(int argc, char **argv, int (*get_fd)(int *, char ***))
{
	int err, fd;

	if (!REQ_ARGS(3))
		return -EINVAL;
	fd = get_fd(&argc, &argv);
	if (fd < 0)
		return fd;
	if (argc != 1) {
		p_err(argc ? "too many arguments" : "expected a pin path");
		close(fd);
		return -1;
	}
	err = do_pin_fd(fd, *argv);
	close(fd);
	if (!err && json_output)
		jsonw_null(json_wtr);
	return err;
}

static int parse_id(char **argv, __u32 *id)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(*argv, &end, 0);
	if (!**argv || *end || errno || v > UINT32_MAX) {
		p_err("can't parse %s as ID", *argv);
		return -1;
	}
	*id = v;
	return 0;
}

static int append_fd(int **fds, int *cnt, int fd)
{
	int *p = realloc(*fds, (*cnt + 1) * sizeof(int));

	if (!p) {
		p_err("mem alloc failed");
		return -1;
	}
	*fds = p;
	p[(*cnt)++] = fd;
	return 0;
}

static void close_fds(int *fds, int cnt)
{
	while (cnt-- > 0)
		close(fds[cnt]);
}

void get_prog_full_name(const struct bpf_prog_info *info, int prog_fd,
			char *name, size_t len)
{
	const char *prog_name = info->name;
	struct bpf_func_info finfo = {};
	struct bpf_prog_info more = {};
	__u32 more_len = sizeof(more);
	const struct btf_type *t;
	struct btf *btf = NULL;

	/* Only names the kernel cut at 15 characters need BTF. */
	if (strlen(info->name) < BPF_OBJ_NAME_LEN - 1 || !info->btf_id ||
	    !info->nr_func_info)
		goto copy;
	more.nr_func_info = 1;
	more.func_info_rec_size = sizeof(finfo);
	more.func_info = (__u64)(unsigned long)&finfo;
	if (bpf_prog_get_info_by_fd(prog_fd, &more, &more_len))
		goto copy;
	btf = btf__load_from_kernel_by_id(info->btf_id);
	if (!btf)
		goto copy;
	t = btf__type_by_id(btf, finfo.type_id);
	if (t)
		prog_name = btf__name_by_offset(btf, t->name_off);
copy:
	snprintf(name, len, "%s", prog_name ? prog_name : info->name);
	btf__free(btf);
}

/*
 * Every object of one kind that match() accepts (1), as fds appended to
 * *fds; returns how many, or -1 (nothing left open) on an error.
 */
static int fds_matching(int (*next_id)(__u32, __u32 *), int (*fd_by_id)(__u32),
			int (*match)(int fd, __u32 id, const void *key),
			const void *key, const char *short_kind, int **fds)
{
	__u32 id = 0;
	int cnt = 0;

	while (true) {
		int fd, m;

		if (next_id(id, &id)) {
			if (errno != ENOENT) {
				p_err("%s", strerror(errno));
				goto err;
			}
			return cnt;
		}
		fd = fd_by_id(id);
		if (fd < 0) {
			if (errno == ENOENT)
				continue;
			p_err("can't get %s by id (%u): %s", short_kind, id, strerror(errno));
			goto err;
		}
		m = match(fd, id, key);
		if (m <= 0) {
			close(fd);
			if (m < 0)
				goto err;
			continue;
		}
		if (append_fd(fds, &cnt, fd)) {
			close(fd);
			goto err;
		}
	}
err:
	close_fds(*fds, cnt);
	return -1;
}

static int prog_info_of(int fd, __u32 id, struct bpf_prog_info *info)
{
	__u32 len = sizeof(*info);

	memset(info, 0, sizeof(*info));
	if (bpf_prog_get_info_by_fd(fd, info, &len)) {
		p_err("can't get prog info (%u): %s", id, strerror(errno));
		return -1;
	}
	return 0;
}

static int prog_tag_matches(int fd, __u32 id, const void *tag)
{
	struct bpf_prog_info info;

	if (prog_info_of(fd, id, &info))
		return -1;
	return !memcmp(info.tag, tag, BPF_TAG_SIZE);
}

static int prog_name_matches(int fd, __u32 id, const void *name)
{
	char full[MAX_PROG_FULL_NAME];
	struct bpf_prog_info info;

	if (prog_info_of(fd, id, &info))
		return -1;
	get_prog_full_name(&info, fd, full, sizeof(full));
	return !strcmp(full, name);
}

static int map_name_matches(int fd, __u32 id, const void *name)
{
	struct bpf_map_info info = {};
	__u32 len = sizeof(info);

	if (bpf_map_get_info_by_fd(fd, &info, &len)) {
		p_err("can't get map info (%u): %s", id, strerror(errno));
		return -1;
	}
	return !strncmp(name, info.name, BPF_OBJ_NAME_LEN);
}

/* "pinned PATH" of a handle: the one object at PATH, of the expected kind. */
static int pinned_fds(int *argc, char ***argv, enum bpf_obj_type type, int **fds)
{
	const char *path;
	int fd;

	NEXT_ARGP();
	path = **argv;
	NEXT_ARGP();
	fd = open_obj_pinned_any(path, type);
	if (fd < 0)
		return -1;
	return append_fd(fds, &(int){ 0 }, fd) ? (close(fd), -1) : 1;
}

int prog_parse_fds(int *argc, char ***argv, int **fds)
{
	const char *what = **argv;
	__u32 id;
	int fd;

	if (is_prefix(what, "id")) {
		NEXT_ARGP();
		if (parse_id(*argv, &id))
			return -1;
		NEXT_ARGP();
		fd = bpf_prog_get_fd_by_id(id);
		if (fd < 0) {
			p_err("get by id (%u): %s", id, strerror(errno));
			return -1;
		}
		return append_fd(fds, &(int){ 0 }, fd) ? (close(fd), -1) : 1;
	}
	if (is_prefix(what, "tag")) {
		unsigned char tag[BPF_TAG_SIZE];

		NEXT_ARGP();
		if (strlen(**argv) != 2 * BPF_TAG_SIZE ||
		    sscanf(**argv, BPF_TAG_FMT, tag, tag + 1, tag + 2, tag + 3,
			   tag + 4, tag + 5, tag + 6, tag + 7) != BPF_TAG_SIZE) {
			p_err("can't parse tag");
			return -1;
		}
		NEXT_ARGP();
		return fds_matching(bpf_prog_get_next_id, bpf_prog_get_fd_by_id,
				    prog_tag_matches, tag, "prog", fds);
	}
	if (is_prefix(what, "name")) {
		const char *name;

		NEXT_ARGP();
		name = **argv;
		if (strlen(name) > MAX_PROG_FULL_NAME - 1) {
			p_err("can't parse name");
			return -1;
		}
		NEXT_ARGP();
		return fds_matching(bpf_prog_get_next_id, bpf_prog_get_fd_by_id,
				    prog_name_matches, name, "prog", fds);
	}
	if (is_prefix(what, "pinned"))
		return pinned_fds(argc, argv, BPF_OBJ_PROG, fds);
	p_err("expected 'id', 'tag', 'name' or 'pinned', got: '%s'?", what);
	return -1;
}

static int single_fd(int n, int *fds, const char *what)
{
	int fd = -1;

	if (n == 1) {
		fd = fds[0];
	} else if (n > 1) {
		p_err("several %ss match this handle", what);
		close_fds(fds, n);
	} else if (n == 0) {
		p_err("no %s matches this handle", what);
	}
	free(fds);
	return fd;
}

int prog_parse_fd(int *argc, char ***argv)
{
	int *fds = NULL;
	int n = prog_parse_fds(argc, argv, &fds);

	return single_fd(n, fds, "program");
}

int map_parse_fds(int *argc, char ***argv, int **fds)
{
	const char *what = **argv;
	__u32 id;
	int fd;

	if (is_prefix(what, "id")) {
		NEXT_ARGP();
		if (parse_id(*argv, &id))
			return -1;
		NEXT_ARGP();
		fd = bpf_map_get_fd_by_id(id);
		if (fd < 0) {
			p_err("get map by id (%u): %s", id, strerror(errno));
			return -1;
		}
		return append_fd(fds, &(int){ 0 }, fd) ? (close(fd), -1) : 1;
	}
	if (is_prefix(what, "name")) {
		const char *name;

		NEXT_ARGP();
		name = **argv;
		if (strlen(name) > BPF_OBJ_NAME_LEN - 1) {
			p_err("can't parse name");
			return -1;
		}
		NEXT_ARGP();
		return fds_matching(bpf_map_get_next_id, bpf_map_get_fd_by_id,
				    map_name_matches, name, "map", fds);
	}
	if (is_prefix(what, "pinned"))
		return pinned_fds(argc, argv, BPF_OBJ_MAP, fds);
	p_err("expected 'id', 'name' or 'pinned', got: '%s'?", what);
	return -1;
}

int map_parse_fd(int *argc, char ***argv)
{
	int *fds = NULL;
	int n = map_parse_fds(argc, argv, &fds);

	return single_fd(n, fds, "map");
}

int map_parse_fd_and_info(int *argc, char ***argv, struct bpf_map_info *info,
			  __u32 *info_len)
{
	int fd = map_parse_fd(argc, argv);

	if (fd < 0)
		return -1;
	if (bpf_map_get_info_by_fd(fd, info, info_len)) {
		p_err("can't get map info: %s", strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

int link_parse_fd(int *argc, char ***argv)
{
	__u32 id;
	int fd;

	if (is_prefix(**argv, "id")) {
		NEXT_ARGP();
		if (parse_id(*argv, &id))
			return -1;
		NEXT_ARGP();
		fd = bpf_link_get_fd_by_id(id);
		if (fd < 0)
			p_err("failed to get link with ID %u: %s", id, strerror(errno));
		return fd;
	}
	if (is_prefix(**argv, "pinned")) {
		const char *path;

		NEXT_ARGP();
		path = **argv;
		NEXT_ARGP();
		return open_obj_pinned_any(path, BPF_OBJ_LINK);
	}
	p_err("expected 'id' or 'pinned', got: '%s'?", **argv);
	return -1;
}

struct pinned_entry {
	__u32 id;
	char *path;
};

struct pinned_table {
	struct pinned_entry *entries;
	size_t cnt, cap;
	enum bpf_obj_type type;
};

/* nftw() has no user pointer: the table being built is kept here. */
static struct pinned_table *walk_table;

static int add_pinned(const char *path, const struct stat *st, int flag,
		      struct FTW *ftw)
{
	struct bpf_prog_info pinfo = {};
	struct pinned_entry *e;
	__u32 len, id;
	int fd, err;

	if (flag != FTW_F)
		return 0;
	fd = bpf_obj_get(path);
	if (fd < 0)
		return 0;
	if (get_fd_type(fd) != walk_table->type) {
		close(fd);
		return 0;
	}
	/* Every info struct starts with (type, id) or id: read just enough. */
	switch (walk_table->type) {
	case BPF_OBJ_PROG:
		len = sizeof(pinfo);
		err = bpf_prog_get_info_by_fd(fd, &pinfo, &len);
		id = pinfo.id;
		break;
	case BPF_OBJ_MAP: {
		struct bpf_map_info info = {};

		len = sizeof(info);
		err = bpf_map_get_info_by_fd(fd, &info, &len);
		id = info.id;
		break;
	}
	case BPF_OBJ_LINK: {
		struct bpf_link_info info = {};

		len = sizeof(info);
		err = bpf_link_get_info_by_fd(fd, &info, &len);
		id = info.id;
		break;
	}
	default:
		err = -1;
		id = 0;
	}
	close(fd);
	if (err)
		return 0;
	if (walk_table->cnt == walk_table->cap) {
		size_t cap = walk_table->cap ? walk_table->cap * 2 : 16;

		e = realloc(walk_table->entries, cap * sizeof(*e));
		if (!e)
			return -1;
		walk_table->entries = e;
		walk_table->cap = cap;
	}
	e = &walk_table->entries[walk_table->cnt];
	e->path = strdup(path);
	if (!e->path)
		return -1;
	e->id = id;
	walk_table->cnt++;
	return 0;
}

struct pinned_table *pinned_table_build(enum bpf_obj_type type)
{
	struct pinned_table *t = calloc(1, sizeof(*t));
	struct mntent *mnt;
	FILE *mounts;

	if (!t)
		return NULL;
	t->type = type;
	mounts = setmntent("/proc/mounts", "re");
	if (!mounts)
		return t;
	walk_table = t;
	while ((mnt = getmntent(mounts))) {
		int tries = 3;
		size_t start = t->cnt, i;

		if (strcmp(mnt->mnt_type, "bpf"))
			continue;
		/*
		 * nftw() gives up on the whole tree when a directory vanishes
		 * under it, and other processes pin and unpin all the time:
		 * walk that mount again, from what it had added.
		 */
		while (nftw(mnt->mnt_dir, add_pinned, 16, FTW_PHYS) && errno == ENOENT &&
		       --tries) {
			for (i = start; i < t->cnt; i++)
				free(t->entries[i].path);
			t->cnt = start;
		}
	}
	walk_table = NULL;
	endmntent(mounts);
	return t;
}

void pinned_table_free(struct pinned_table *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->cnt; i++)
		free(t->entries[i].path);
	free(t->entries);
	free(t);
}

void pinned_table_print_plain(const struct pinned_table *t, __u32 id)
{
	size_t i;

	for (i = 0; t && i < t->cnt; i++)
		if (t->entries[i].id == id)
			printf("\n\tpinned %s", t->entries[i].path);
}

void pinned_table_print_json(const struct pinned_table *t, __u32 id)
{
	size_t i;

	if (!t || !t->cnt)
		return;
	jsonw_name(json_wtr, "pinned");
	jsonw_start_array(json_wtr);
	for (i = 0; i < t->cnt; i++)
		if (t->entries[i].id == id)
			jsonw_string(json_wtr, t->entries[i].path);
	jsonw_end_array(json_wtr);
}

__u64 boot_time_to_epoch(__u64 nsecs)
{
	struct timespec real, boot;

	if (clock_gettime(CLOCK_REALTIME, &real) ||
	    clock_gettime(CLOCK_BOOTTIME, &boot))
		return 0;
	return (real.tv_sec - boot.tv_sec) +
	       (real.tv_nsec - boot.tv_nsec + (__s64)nsecs) / 1000000000;
}

int print_boot_time(__u64 nsecs, char *buf, unsigned int size)
{
	time_t secs = boot_time_to_epoch(nsecs);
	struct tm tm;

	if (!secs || !localtime_r(&secs, &tm)) {
		snprintf(buf, size, "%llu", (unsigned long long)nsecs);
		return -1;
	}
	strftime(buf, size, "%FT%T%z", &tm);
	return 0;
}

void fprint_hex(FILE *f, const void *arg, unsigned int n, const char *sep)
{
	const unsigned char *data = arg;
	unsigned int i;

	for (i = 0; i < n; i++)
		fprintf(f, "%s%02hhx", i ? sep : "", data[i]);
}

void print_hex_data_json(const uint8_t *data, size_t len)
{
	size_t i;

	jsonw_start_array(json_wtr);
	for (i = 0; i < len; i++)
		jsonw_printf(json_wtr, "\"0x%02hhx\"", data[i]);
	jsonw_end_array(json_wtr);
}

void print_dev_plain(__u32 ifindex, __u64 ns_dev, __u64 ns_inode)
{
	if (!ifindex)
		return;
	printf("  offloaded_to ifindex %u", ifindex);
}

void print_dev_json(__u32 ifindex, __u64 ns_dev, __u64 ns_inode)
{
	if (!ifindex)
		return;
	jsonw_name(json_wtr, "dev");
	jsonw_start_object(json_wtr);
	jsonw_uint_field(json_wtr, "ifindex", ifindex);
	jsonw_uint_field(json_wtr, "ns_dev", ns_dev);
	jsonw_uint_field(json_wtr, "ns_inode", ns_inode);
	jsonw_end_object(json_wtr);
}

char **parse_bytes(char **argv, const char *name, unsigned char *val,
		   unsigned int n)
{
	unsigned int i = 0, base = 0;

	if (*argv && is_prefix(*argv, "hex")) {
		base = 16;
		argv++;
	}
	for (; i < n && argv[i]; i++) {
		unsigned long v;
		char *end;

		errno = 0;
		v = strtoul(argv[i], &end, base);
		if (!*argv[i] || *end || errno || v > 0xff) {
			p_err("error parsing byte: %s", argv[i]);
			return NULL;
		}
		val[i] = v;
	}
	if (i != n) {
		p_err("%s expected %u bytes got %u", name, n, i);
		return NULL;
	}
	return argv + i;
}

int parse_u32_arg(int *argc, char ***argv, __u32 *val, const char *what)
{
	unsigned long v;
	char *end;

	NEXT_ARGP();
	errno = 0;
	v = strtoul(**argv, &end, 0);
	if (!***argv || *end || errno || v > UINT32_MAX) {
		p_err("can't parse %s %s", what, **argv);
		return -1;
	}
	NEXT_ARGP();
	*val = v;
	return 0;
}
