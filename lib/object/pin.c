// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Pinning maps and programs in bpffs. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "object/object.h"
#include "util/err.h"
#include "util/log.h"

#define OBJ_BPF_FS_MAGIC 0xcafe4a11

static int obj_make_parent_dir(const char *path)
{
	char *dir = strdup(path), *slash;
	int err = 0;

	if (!dir)
		return -ENOMEM;
	slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		if (mkdir(dir, 0700) && errno != EEXIST)
			err = -errno;
	}
	if (err)
		pr_warn("pin: cannot create directory '%s': %s\n", dir,
			util_errstr(err));
	free(dir);
	return err;
}

static int obj_check_bpffs(const char *path)
{
	char *dir = strdup(path), *slash;
	struct statfs st;
	int err = 0;

	if (!dir)
		return -ENOMEM;
	slash = strrchr(dir, '/');
	if (slash)
		*(slash == dir ? slash + 1 : slash) = '\0';
	else
		strcpy(dir, ".");
	if (statfs(dir, &st)) {
		err = -errno;
		pr_warn("pin: cannot stat '%s': %s\n", dir, util_errstr(err));
	} else if ((unsigned long)st.f_type != OBJ_BPF_FS_MAGIC) {
		pr_warn("pin: '%s' is not on a BPF filesystem\n", path);
		err = -EINVAL;
	}
	free(dir);
	return err;
}

static int obj_pin_fd(int fd, const char *path)
{
	int err = obj_make_parent_dir(path);

	if (!err)
		err = obj_check_bpffs(path);
	if (err)
		return err;
	if (bpf_obj_pin(fd, path))
		return -errno;
	return 0;
}

int bpf_map__set_pin_path(struct bpf_map *map, const char *path)
{
	char *p = NULL;

	if (!map)
		return util_err(-EINVAL);
	if (path) {
		p = strdup(path);
		if (!p)
			return util_err(-ENOMEM);
	}
	free(map->pin_path);
	map->pin_path = p;
	return 0;
}

const char *bpf_map__pin_path(const struct bpf_map *map)
{
	return map->pin_path;
}

bool bpf_map__is_pinned(const struct bpf_map *map)
{
	return map->pinned;
}

int bpf_map__pin(struct bpf_map *map, const char *path)
{
	int err;

	if (!map)
		return util_err(-EINVAL);
	if (map->pin_path) {
		if (path && strcmp(path, map->pin_path)) {
			pr_warn("map '%s': already has pin path '%s', not '%s'\n",
				bpf_map__name(map), map->pin_path, path);
			return util_err(-EINVAL);
		}
		if (map->pinned) {
			pr_debug("map '%s': already pinned at '%s'\n",
				 bpf_map__name(map), map->pin_path);
			return 0;
		}
	} else {
		if (!path) {
			pr_warn("map '%s': no path to pin at\n", bpf_map__name(map));
			return util_err(-EINVAL);
		}
		if (map->pinned) {
			pr_warn("map '%s': already pinned\n", bpf_map__name(map));
			return util_err(-EEXIST);
		}
		map->pin_path = strdup(path);
		if (!map->pin_path)
			return util_err(-ENOMEM);
	}
	if (map->fd < 0) {
		pr_warn("map '%s': cannot pin a map that was not created\n",
			bpf_map__name(map));
		return util_err(-EINVAL);
	}
	err = obj_pin_fd(map->fd, map->pin_path);
	if (err) {
		pr_warn("map '%s': failed to pin at '%s': %s\n",
			bpf_map__name(map), map->pin_path, util_errstr(err));
		return util_err(err);
	}
	map->pinned = true;
	pr_debug("map '%s': pinned at '%s'\n", bpf_map__name(map), map->pin_path);
	return 0;
}

int bpf_map__unpin(struct bpf_map *map, const char *path)
{
	if (!map)
		return util_err(-EINVAL);
	if (map->pin_path && path && strcmp(path, map->pin_path)) {
		pr_warn("map '%s': pin path '%s' is not '%s'\n",
			bpf_map__name(map), map->pin_path, path);
		return util_err(-EINVAL);
	}
	if (!path)
		path = map->pin_path;
	if (!path) {
		pr_warn("map '%s': no path to unpin\n", bpf_map__name(map));
		return util_err(-EINVAL);
	}
	if (unlink(path))
		return util_err(-errno);
	map->pinned = false;
	return 0;
}

/* bpffs refuses names with periods ("obj.bss"): use '_' instead. */
void obj_sanitize_pin_path(char *s)
{
	for (; *s; s++)
		if (*s == '.')
			*s = '_';
}

static int obj_join(char *buf, size_t sz, const char *dir, const char *name)
{
	int n = snprintf(buf, sz, "%s/%s", dir, name);

	if (n < 0 || (size_t)n >= sz)
		return -ENAMETOOLONG;
	obj_sanitize_pin_path(buf);
	return 0;
}

int bpf_object__pin_maps(struct bpf_object *obj, const char *path)
{
	char buf[PATH_MAX];
	size_t i;
	int err = 0;

	if (!obj)
		return util_err(-ENOENT);
	if (!obj->loaded) {
		pr_warn("object '%s': not loaded, nothing to pin\n", obj->name);
		return util_err(-ENOENT);
	}
	for (i = 0; i < obj->nr_maps; i++) {
		struct bpf_map *map = &obj->maps[i];
		const char *pin = NULL;

		if (!map->autocreate || map->fd < 0)
			continue;
		if (path) {
			err = obj_join(buf, sizeof(buf), path, bpf_map__name(map));
			if (err)
				goto undo;
			pin = buf;
		} else if (!map->pin_path) {
			continue;
		}
		err = bpf_map__pin(map, pin);
		if (err)
			goto undo;
	}
	return 0;
undo:
	while (i-- > 0) {
		struct bpf_map *map = &obj->maps[i];

		if (map->pinned)
			bpf_map__unpin(map, NULL);
	}
	return util_err(err);
}

int bpf_object__unpin_maps(struct bpf_object *obj, const char *path)
{
	char buf[PATH_MAX];
	size_t i;
	int err;

	if (!obj)
		return util_err(-ENOENT);
	for (i = 0; i < obj->nr_maps; i++) {
		struct bpf_map *map = &obj->maps[i];
		const char *pin = NULL;

		if (path) {
			err = obj_join(buf, sizeof(buf), path, bpf_map__name(map));
			if (err)
				return util_err(err);
			pin = buf;
		} else if (!map->pin_path) {
			continue;
		}
		err = bpf_map__unpin(map, pin);
		if (err)
			return err;
	}
	return 0;
}

int bpf_program__pin(struct bpf_program *prog, const char *path)
{
	int err;

	if (!prog || !path)
		return util_err(-EINVAL);
	if (prog->fd < 0) {
		pr_warn("prog '%s': cannot pin a program that was not loaded\n",
			prog->name);
		return util_err(-EINVAL);
	}
	err = obj_pin_fd(prog->fd, path);
	if (err) {
		pr_warn("prog '%s': failed to pin at '%s': %s\n", prog->name,
			path, util_errstr(err));
		return util_err(err);
	}
	pr_debug("prog '%s': pinned at '%s'\n", prog->name, path);
	return 0;
}

int bpf_program__unpin(struct bpf_program *prog, const char *path)
{
	if (!prog || !path)
		return util_err(-EINVAL);
	if (prog->fd < 0) {
		pr_warn("prog '%s': cannot unpin a program that was not loaded\n",
			prog->name);
		return util_err(-EINVAL);
	}
	if (unlink(path))
		return util_err(-errno);
	return 0;
}

int bpf_object__pin_programs(struct bpf_object *obj, const char *path)
{
	struct bpf_program *prog;
	char buf[PATH_MAX];
	int err;

	if (!obj)
		return util_err(-ENOENT);
	if (!obj->loaded) {
		pr_warn("object '%s': not loaded, nothing to pin\n", obj->name);
		return util_err(-ENOENT);
	}
	if (!path)
		return util_err(-EINVAL);
	bpf_object__for_each_program(prog, obj) {
		if (prog->fd < 0)
			continue;
		err = obj_join(buf, sizeof(buf), path, prog->name);
		if (!err)
			err = bpf_program__pin(prog, buf);
		if (err)
			goto undo;
	}
	return 0;
undo:
	while ((prog = bpf_object__prev_program(obj, prog))) {
		if (prog->fd < 0 || obj_join(buf, sizeof(buf), path, prog->name))
			continue;
		bpf_program__unpin(prog, buf);
	}
	return util_err(err);
}

int bpf_object__unpin_programs(struct bpf_object *obj, const char *path)
{
	struct bpf_program *prog;
	char buf[PATH_MAX];
	int err;

	if (!obj)
		return util_err(-ENOENT);
	if (!path)
		return util_err(-EINVAL);
	bpf_object__for_each_program(prog, obj) {
		if (prog->fd < 0)
			continue;
		err = obj_join(buf, sizeof(buf), path, prog->name);
		if (!err)
			err = bpf_program__unpin(prog, buf);
		if (err)
			return util_err(err);
	}
	return 0;
}

int bpf_object__pin(struct bpf_object *obj, const char *path)
{
	int err = bpf_object__pin_maps(obj, path);

	if (err)
		return err;
	err = bpf_object__pin_programs(obj, path);
	if (err) {
		bpf_object__unpin_maps(obj, path);
		return err;
	}
	return 0;
}

int bpf_object__unpin(struct bpf_object *obj, const char *path)
{
	int err = bpf_object__unpin_maps(obj, path);

	if (err)
		return err;
	return bpf_object__unpin_programs(obj, path);
}
