// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Targets: a parsed target BTF plus an index from essential type names to
 * type ids, shared by every relocation of the process.
 *
 * Path targets live in one process-wide list.  A get() of a path already
 * there (and unchanged on disk) only takes a reference, so N objects or
 * programs relocating against vmlinux cost one parse and one index.  Idle
 * targets stay listed until the file changes or the cache is flushed; the
 * destructor frees whatever is left at exit.
 */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/core_internal.h"
#include "util/err.h"
#include "util/log.h"

#define VMLINUX_PATH "/sys/kernel/btf/vmlinux"
#define MODULES_DIR "/sys/kernel/btf"

struct index_ent {
	const char *name;
	__u32 len;	/* essential length */
	__u32 id;
};

/* One BTF of a target (vmlinux, a module, or the custom file). */
struct target_btf {
	struct btf *btf;	/* owned unless borrowed */
	bool borrowed;
	char *mod_name;		/* NULL for the main BTF */
	__u32 first_id;		/* own types start here (split BTF) */
	struct index_ent *ents;
	size_t ent_cnt;
	bool indexed;
};

struct core_target {
	struct core_target *next;	/* in the cache list */
	char *path;			/* NULL for custom targets */
	bool kernel;			/* vmlinux + modules */
	char *mod_dir;			/* where the module BTFs are */
	struct stat st;			/* of path when parsed */
	int refs;
	pthread_mutex_t lock;		/* index and module loading */
	struct target_btf main;
	struct target_btf *mods;
	size_t mod_cnt;
	bool mods_loaded;
};

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct core_target *cache;

static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static struct core_stats stats;

void core_stat_inc(enum core_stat which)
{
	pthread_mutex_lock(&stats_lock);
	switch (which) {
	case CORE_STAT_PARSE: stats.btf_parses++; break;
	case CORE_STAT_INDEX: stats.index_builds++; break;
	case CORE_STAT_LOOKUP: stats.cand_lookups++; break;
	case CORE_STAT_RELO: stats.relos++; break;
	}
	pthread_mutex_unlock(&stats_lock);
}

void core_stats_get(struct core_stats *st)
{
	pthread_mutex_lock(&stats_lock);
	*st = stats;
	pthread_mutex_unlock(&stats_lock);
}

static void tbtf_clear(struct target_btf *tb)
{
	if (!tb->borrowed)
		btf__free(tb->btf);
	free(tb->mod_name);
	free(tb->ents);
	memset(tb, 0, sizeof(*tb));
}

static void target_free(struct core_target *t)
{
	size_t i;

	for (i = 0; i < t->mod_cnt; i++)
		tbtf_clear(&t->mods[i]);
	free(t->mods);
	tbtf_clear(&t->main);
	pthread_mutex_destroy(&t->lock);
	free(t->mod_dir);
	free(t->path);
	free(t);
}

static struct core_target *target_new(void)
{
	struct core_target *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	pthread_mutex_init(&t->lock, NULL);
	t->refs = 1;
	return t;
}

static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	       a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	       a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

static struct core_target *target_open(const char *path, const char *mod_dir,
				       const struct stat *st)
{
	struct core_target *t = target_new();
	bool kernel = mod_dir != NULL;
	struct btf *btf;
	int err;

	if (!t)
		return util_err_ptr(-ENOMEM);
	/* the running kernel's file is mmapped by the btf layer */
	if (kernel && !strcmp(path, VMLINUX_PATH))
		btf = btf__load_vmlinux_btf();
	else
		btf = btf__parse(path, NULL);
	if (!btf) {
		err = -errno;
		pr_warn("core: target BTF '%s': %s\n", path, util_errstr(err));
		target_free(t);
		return util_err_ptr(err);
	}
	core_stat_inc(CORE_STAT_PARSE);
	t->main.btf = btf;
	t->main.first_id = 1;
	t->kernel = kernel;
	t->st = *st;
	t->path = strdup(path);
	t->mod_dir = kernel ? strdup(mod_dir) : NULL;
	if (!t->path || (kernel && !t->mod_dir)) {
		target_free(t);
		return util_err_ptr(-ENOMEM);
	}
	return t;
}

static struct core_target *target_get(const char *path, const char *mod_dir);

struct core_target *core_target_get(const char *btf_path,
				    const struct btf *custom)
{
	struct core_target *t;

	if (custom) {
		t = target_new();
		if (!t)
			return util_err_ptr(-ENOMEM);
		t->main.btf = (struct btf *)custom;
		t->main.borrowed = true;
		t->main.first_id = 1;
		return t;
	}
	if (!btf_path)
		return target_get(VMLINUX_PATH, MODULES_DIR);
	return target_get(btf_path, NULL);
}

struct core_target *core_target_get_kernel_dir(const char *dir)
{
	char path[4096];

	if (!dir || !*dir)
		return util_err_ptr(-EINVAL);
	snprintf(path, sizeof(path), "%s/vmlinux", dir);
	return target_get(path, dir);
}

static struct core_target *target_get(const char *path, const char *mod_dir)
{
	struct core_target *t, **pp;
	bool kernel = mod_dir != NULL;
	struct stat st;
	int err;

	if (!*path) {
		pr_warn("core: empty target BTF path\n");
		return util_err_ptr(-EINVAL);
	}
	if (stat(path, &st)) {
		err = -errno;
		pr_warn("core: target BTF '%s': %s\n", path, util_errstr(err));
		return util_err_ptr(err);
	}

	pthread_mutex_lock(&cache_lock);
	for (pp = &cache; (t = *pp); pp = &t->next) {
		if (t->kernel != kernel || strcmp(t->path, path))
			continue;
		if (same_file(&t->st, &st)) {
			t->refs++;
			pthread_mutex_unlock(&cache_lock);
			return t;
		}
		/* Changed on disk: forget it once the last user is done. */
		*pp = t->next;
		t->next = NULL;
		if (t->refs == 0)
			target_free(t);
		else
			t->path[0] = 0;	/* no longer findable; freed at put */
		break;
	}
	t = target_open(path, mod_dir, &st);
	if (t) {
		t->next = cache;
		cache = t;
	}
	err = t ? 0 : -errno;
	pthread_mutex_unlock(&cache_lock);
	return t ? t : util_err_ptr(err);
}

void core_target_put(struct core_target *t)
{
	struct core_target **pp;
	bool listed = false;

	if (!t)
		return;
	if (!t->path) {		/* custom: private to its user */
		if (--t->refs == 0)
			target_free(t);
		return;
	}
	pthread_mutex_lock(&cache_lock);
	t->refs--;
	for (pp = &cache; *pp; pp = &(*pp)->next)
		if (*pp == t)
			listed = true;
	if (!listed && t->refs == 0)
		target_free(t);
	pthread_mutex_unlock(&cache_lock);
}

void core_target_cache_flush(void)
{
	struct core_target **pp, *t;

	pthread_mutex_lock(&cache_lock);
	for (pp = &cache; (t = *pp);) {
		if (t->refs == 0) {
			*pp = t->next;
			target_free(t);
		} else {
			pp = &t->next;
		}
	}
	pthread_mutex_unlock(&cache_lock);
}

__attribute__((destructor)) static void core_target_cache_fini(void)
{
	core_target_cache_flush();
}

const struct btf *core_target_btf(const struct core_target *t)
{
	return t ? t->main.btf : NULL;
}

const char *core_target_name(const struct core_target *t)
{
	if (!t)
		return "(no target)";
	if (!t->path)
		return "custom BTF";
	return t->path[0] ? t->path : "(replaced target file)";
}

/* ---- the name index ---- */

static int ent_cmp(const void *a, const void *b)
{
	const struct index_ent *x = a, *y = b;
	__u32 n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->name, y->name, n);

	if (c)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int index_build(struct target_btf *tb)
{
	__u32 id, cnt = btf__type_cnt(tb->btf);
	size_t n = 0;

	free(tb->ents);
	tb->ents = calloc(cnt > tb->first_id ? cnt - tb->first_id : 1,
			  sizeof(*tb->ents));
	if (!tb->ents)
		return -ENOMEM;
	for (id = tb->first_id; id < cnt; id++) {
		const struct btf_type *t = btf__type_by_id(tb->btf, id);
		const char *name;

		/* functions, variables, sections and tags are never the
		 * root of a relocation: half of vmlinux, left out */
		if (!t || btf_is_func(t) || btf_is_var(t) || btf_is_datasec(t) ||
		    btf_is_decl_tag(t))
			continue;
		name = btf__name_by_offset(tb->btf, t->name_off);
		if (!name || !*name)
			continue;
		tb->ents[n].name = name;
		tb->ents[n].len = (__u32)core_essential_name_len(name);
		tb->ents[n].id = id;
		n++;
	}
	qsort(tb->ents, n, sizeof(*tb->ents), ent_cmp);
	tb->ent_cnt = n;
	tb->indexed = true;
	core_stat_inc(CORE_STAT_INDEX);
	return 0;
}

/* First entry not below (name, len). */
static size_t index_lower(const struct target_btf *tb, const char *name,
			  __u32 len)
{
	struct index_ent key = { name, len, 0 };
	size_t lo = 0, hi = tb->ent_cnt;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ent_cmp(&tb->ents[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int add_cands(struct target_btf *tb, const struct btf_type *lt,
		     const char *name, __u32 len, struct core_cand **cands,
		     size_t *cnt)
{
	size_t i, cap = *cnt;
	int err;

	if (!tb->indexed) {
		err = index_build(tb);
		if (err)
			return err;
	}
	for (i = index_lower(tb, name, len); i < tb->ent_cnt; i++) {
		const struct index_ent *e = &tb->ents[i];
		const struct btf_type *t;
		struct core_cand *tmp;

		if (e->len != len || memcmp(e->name, name, len))
			break;
		t = btf__type_by_id(tb->btf, e->id);
		if (!t || !btf_kind_core_compat(lt, t))
			continue;
		tmp = realloc(*cands, (cap + 1) * sizeof(**cands));
		if (!tmp)
			return -ENOMEM;
		*cands = tmp;
		tmp[cap++] = (struct core_cand){ tb->btf, e->id, tb->mod_name };
	}
	*cnt = cap;
	return 0;
}

/* Module BTFs are split BTFs on top of vmlinux, one file each. */
static void load_modules(struct core_target *t)
{
	struct dirent *de;
	DIR *dir;

	t->mods_loaded = true;
	dir = opendir(t->mod_dir);
	if (!dir)
		return;
	while ((de = readdir(dir))) {
		char path[512];
		struct target_btf *tmp;
		struct btf *btf;

		if (de->d_name[0] == '.' || !strcmp(de->d_name, "vmlinux"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", t->mod_dir, de->d_name);
		btf = btf__parse_split(path, t->main.btf);
		if (!btf) {
			pr_debug("core: module BTF '%s' skipped: %s\n", path,
				 util_errstr(-errno));
			continue;
		}
		core_stat_inc(CORE_STAT_PARSE);
		tmp = realloc(t->mods, (t->mod_cnt + 1) * sizeof(*tmp));
		if (!tmp) {
			btf__free(btf);
			break;
		}
		t->mods = tmp;
		memset(&tmp[t->mod_cnt], 0, sizeof(*tmp));
		tmp[t->mod_cnt].btf = btf;
		tmp[t->mod_cnt].first_id = btf__type_cnt(t->main.btf);
		tmp[t->mod_cnt].mod_name = strdup(de->d_name);
		t->mod_cnt++;
	}
	closedir(dir);
}

int core_find_cands(struct core_target *t, const struct btf *local_btf,
		    __u32 local_id, struct core_cand **cands, size_t *cnt)
{
	const struct btf_type *lt;
	const char *name;
	__u32 len;
	size_t i;
	int err;

	*cands = NULL;
	*cnt = 0;
	if (!t || !local_btf)
		return util_err(-EINVAL);
	lt = btf__type_by_id(local_btf, local_id);
	if (!lt)
		return util_err(-EINVAL);
	name = btf__name_by_offset(local_btf, lt->name_off);
	if (!name || !*name)
		return util_err(-EINVAL);
	len = (__u32)core_essential_name_len(name);
	core_stat_inc(CORE_STAT_LOOKUP);

	pthread_mutex_lock(&t->lock);
	err = add_cands(&t->main, lt, name, len, cands, cnt);
	if (!err && !*cnt && t->kernel) {
		if (!t->mods_loaded)
			load_modules(t);
		for (i = 0; i < t->mod_cnt && !err; i++)
			err = add_cands(&t->mods[i], lt, name, len, cands, cnt);
	}
	pthread_mutex_unlock(&t->lock);
	if (err) {
		free(*cands);
		*cands = NULL;
		*cnt = 0;
		return util_err(err);
	}
	return 0;
}
