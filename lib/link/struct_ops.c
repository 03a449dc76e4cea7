// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * struct_ops maps: registering the filled-in kernel value (key 0), and for
 * maps made with BPF_F_LINK a BPF link that owns the registration and can
 * be switched to another map of the same struct_ops type.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "link.h"
#include "object/struct_ops.h"
#include "util/err.h"
#include "util/log.h"

struct st_ops_link {
	struct bpf_link link;
	int map_fd;	/* the registered map; -1 for the old (non-link) style */
};

static int st_ops_detach(struct bpf_link *link)
{
	struct st_ops_link *sl = (struct st_ops_link *)link;
	int zero = 0;

	if (sl->map_fd >= 0)
		return util_errno(close(link->fd));
	/* Old style: the link fd is the map's own fd; unregister only. */
	return bpf_map_delete_elem(link->fd, &zero) ? -errno : 0;
}

/*
 * Writes the value that registers the map.  A BPF_F_LINK map whose value
 * was already written (by an earlier link) answers EBUSY: its value is
 * frozen from then on, which is fine for making another link with it.
 */
static int st_ops_register(const struct bpf_map *map, const char *what)
{
	const void *value;
	size_t size;
	int zero = 0, err;

	value = obj_map_struct_ops_value(map, &size);
	if (!value) {
		pr_warn("map '%s': %s: struct_ops value not ready (is the object loaded?)\n",
			bpf_map__name(map), what);
		return -EINVAL;
	}
	if (bpf_map_update_elem(bpf_map__fd(map), &zero, value, 0)) {
		err = -errno;
		if (err == -EBUSY && (bpf_map__map_flags(map) & BPF_F_LINK))
			return 0;
		pr_warn("map '%s': %s: registering struct_ops failed: %s\n",
			bpf_map__name(map), what, util_errstr(err));
		return err;
	}
	return 0;
}

static bool st_ops_map_ok(const struct bpf_map *map, const char *what)
{
	if (!map || !obj_map_is_struct_ops(map) || bpf_map__fd(map) < 0) {
		pr_warn("map '%s': %s needs a loaded struct_ops map\n",
			map ? bpf_map__name(map) : "(null)", what);
		return false;
	}
	return true;
}

LIBBPF_API struct bpf_link *bpf_map__attach_struct_ops(const struct bpf_map *map)
{
	struct st_ops_link *sl;
	int err, fd;

	if (!st_ops_map_ok(map, "attach"))
		return util_err_ptr(-EINVAL);
	sl = calloc(1, sizeof(*sl));
	if (!sl)
		return util_err_ptr(-ENOMEM);
	err = st_ops_register(map, "attach");
	if (err) {
		free(sl);
		return util_err_ptr(err);
	}
	sl->link.detach = st_ops_detach;
	if (!(bpf_map__map_flags(map) & BPF_F_LINK)) {
		sl->link.fd = bpf_map__fd(map);
		sl->map_fd = -1;
		return &sl->link;
	}
	fd = bpf_link_create(bpf_map__fd(map), 0, BPF_STRUCT_OPS, NULL);
	if (fd < 0) {
		err = -errno;
		pr_warn("map '%s': creating the struct_ops link failed: %s\n",
			bpf_map__name(map), util_errstr(err));
		free(sl);
		return util_err_ptr(err);
	}
	sl->link.fd = fd;
	sl->map_fd = bpf_map__fd(map);
	return &sl->link;
}

LIBBPF_API int bpf_link__update_map(struct bpf_link *link, const struct bpf_map *map)
{
	struct st_ops_link *sl = (struct st_ops_link *)link;
	int err;

	if (!link || !st_ops_map_ok(map, "link update"))
		return util_err(-EINVAL);
	if (link->detach != st_ops_detach || sl->map_fd < 0) {
		pr_warn("map '%s': link fd %d is not a struct_ops link\n",
			bpf_map__name(map), link->fd);
		return util_err(-EINVAL);
	}
	err = st_ops_register(map, "link update");
	if (err)
		return util_err(err);
	if (bpf_link_update(link->fd, bpf_map__fd(map), NULL)) {
		err = -errno;
		pr_warn("map '%s': switching link fd %d to this map failed: %s\n",
			bpf_map__name(map), link->fd, util_errstr(err));
		return util_err(err);
	}
	sl->map_fd = bpf_map__fd(map);
	return 0;
}
