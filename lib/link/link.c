// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * struct bpf_link: the handle every attach function returns, its pinning in
 * bpffs, re-opening from a pin, program/map replacement and teardown.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <linux/magic.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "link.h"
#include "util/err.h"
#include "util/log.h"

struct bpf_link *link_alloc(size_t size, int fd)
{
	struct bpf_link *link;

	if (size < sizeof(*link))
		size = sizeof(*link);
	link = calloc(1, size);
	if (!link) {
		errno = ENOMEM;
		return NULL;
	}
	link->fd = fd;
	link->detach = link_detach_close;
	return link;
}

int link_detach_close(struct bpf_link *link)
{
	return util_errno(close(link->fd));
}

struct bpf_link *link_from_fd(int link_fd)
{
	struct bpf_link *link = link_alloc(sizeof(*link), link_fd);

	if (!link) {
		close(link_fd);
		return util_err_ptr(-ENOMEM);
	}
	return link;
}

const char *link_prog_name(const struct bpf_program *prog)
{
	const char *name = prog ? bpf_program__name(prog) : NULL;

	return name ? name : "(null)";
}

int link_prog_fd(const struct bpf_program *prog)
{
	int fd;

	if (!prog) {
		pr_warn("link: no program given\n");
		return -EINVAL;
	}
	fd = bpf_program__fd(prog);
	if (fd < 0) {
		pr_warn("prog '%s': cannot attach a program that is not loaded\n",
			link_prog_name(prog));
		return -EINVAL;
	}
	return fd;
}

LIBBPF_API int bpf_link__fd(const struct bpf_link *link)
{
	return link->fd;
}

LIBBPF_API const char *bpf_link__pin_path(const struct bpf_link *link)
{
	return link->pin_path;
}

LIBBPF_API void bpf_link__disconnect(struct bpf_link *link)
{
	link->disconnected = true;
}

/*
 * The pin's directory is made if missing (one level, as pinning maps does);
 * pins must live in bpffs: say so instead of BPF_OBJ_PIN's EPERM.
 */
static int link_check_bpffs_path(const char *path)
{
	char buf[PATH_MAX];
	struct statfs st;
	char *dir;

	if (strlen(path) >= sizeof(buf))
		return -ENAMETOOLONG;
	strcpy(buf, path);
	dir = dirname(buf);
	if (mkdir(dir, 0700) && errno != EEXIST) {
		int err = -errno;

		pr_warn("link: pin path '%s': cannot make directory '%s': %s\n",
			path, dir, util_errstr(err));
		return err;
	}
	if (statfs(dir, &st)) {
		int err = -errno;

		pr_warn("link: pin path '%s': %s\n", path, util_errstr(err));
		return err;
	}
	if (st.f_type != BPF_FS_MAGIC) {
		pr_warn("link: pin path '%s' is not on a BPF filesystem\n", path);
		return -EINVAL;
	}
	return 0;
}

LIBBPF_API int bpf_link__pin(struct bpf_link *link, const char *path)
{
	char *copy;
	int err;

	if (!link || !path)
		return util_err(-EINVAL);
	if (link->pin_path)
		return util_err(-EBUSY);
	err = link_check_bpffs_path(path);
	if (err)
		return util_err(err);
	copy = strdup(path);
	if (!copy)
		return util_err(-ENOMEM);
	err = bpf_obj_pin(link->fd, path);
	if (err) {
		err = -errno;
		pr_warn("link fd %d: pinning at '%s' failed: %s\n", link->fd,
			path, util_errstr(err));
		free(copy);
		return util_err(err);
	}
	link->pin_path = copy;
	pr_debug("link fd %d: pinned at '%s'\n", link->fd, path);
	return 0;
}

LIBBPF_API int bpf_link__unpin(struct bpf_link *link)
{
	int err;

	if (!link || !link->pin_path)
		return util_err(-EINVAL);
	if (unlink(link->pin_path)) {
		err = -errno;
		pr_warn("link fd %d: unpinning '%s' failed: %s\n", link->fd,
			link->pin_path, util_errstr(err));
		return util_err(err);
	}
	pr_debug("link fd %d: unpinned '%s'\n", link->fd, link->pin_path);
	free(link->pin_path);
	link->pin_path = NULL;
	return 0;
}

LIBBPF_API struct bpf_link *bpf_link__open(const char *path)
{
	struct bpf_link *link;
	int fd, err;

	if (!path)
		return util_err_ptr(-EINVAL);
	fd = bpf_obj_get(path);
	if (fd < 0) {
		err = -errno;
		pr_warn("link: opening pinned link '%s' failed: %s\n", path,
			util_errstr(err));
		return util_err_ptr(err);
	}
	link = link_alloc(sizeof(*link), fd);
	if (!link) {
		close(fd);
		return util_err_ptr(-ENOMEM);
	}
	link->pin_path = strdup(path);
	if (!link->pin_path) {
		close(fd);
		free(link);
		return util_err_ptr(-ENOMEM);
	}
	return link;
}

LIBBPF_API int bpf_link__detach(struct bpf_link *link)
{
	int err = bpf_link_detach(link->fd);

	return util_err(err ? -errno : 0);
}

LIBBPF_API int bpf_link__update_program(struct bpf_link *link,
					struct bpf_program *prog)
{
	int prog_fd = link_prog_fd(prog);
	int err;

	if (prog_fd < 0)
		return util_err(prog_fd);
	err = bpf_link_update(link->fd, prog_fd, NULL);
	if (err) {
		err = -errno;
		pr_warn("prog '%s': replacing the program of link fd %d failed: %s\n",
			link_prog_name(prog), link->fd, util_errstr(err));
		return util_err(err);
	}
	return 0;
}

LIBBPF_API int bpf_link__destroy(struct bpf_link *link)
{
	int err = 0;

	if (!link)
		return 0;
	if (!link->disconnected && link->detach)
		err = link->detach(link);
	free(link->pin_path);
	link->pin_path = NULL;
	if (link->dealloc)
		link->dealloc(link);
	else
		free(link);
	return util_err(err);
}
