// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * bpf_program__attach_usdt(): every site of provider:name in a binary gets
 * a uprobe (with the semaphore as reference counter) whose BPF cookie is
 * the index of the site's argument spec in the program's __bpf_usdt_specs
 * map.  The maps are found from the loaded program's map ids, so this
 * needs nothing from the object beyond its program fd.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "link.h"
#include "link_elf.h"
#include "usdt.h"
#include "util/err.h"
#include "util/log.h"
#include "util/opts.h"

/*
 * Spec ids in use, per specs map (by map id): several attachments of one
 * program (or of programs sharing the map) must not overwrite each other.
 */
struct usdt_id_pool {
	struct usdt_id_pool *next;
	__u32 map_id;
	__u32 max;
	unsigned char *used;
};

static struct usdt_id_pool *pools;
static pthread_mutex_t pools_lock = PTHREAD_MUTEX_INITIALIZER;

static int usdt_id_alloc(__u32 map_id, __u32 max)
{
	struct usdt_id_pool *p;
	__u32 i;
	int id = -ENOSPC;

	pthread_mutex_lock(&pools_lock);
	for (p = pools; p && p->map_id != map_id; p = p->next)
		;
	if (!p) {
		p = calloc(1, sizeof(*p));
		if (p)
			p->used = calloc(max, 1);
		if (!p || !p->used) {
			if (p)
				free(p);
			id = -ENOMEM;
			goto out;
		}
		p->map_id = map_id;
		p->max = max;
		p->next = pools;
		pools = p;
	}
	for (i = 0; i < p->max; i++) {
		if (!p->used[i]) {
			p->used[i] = 1;
			id = i;
			break;
		}
	}
out:
	pthread_mutex_unlock(&pools_lock);
	return id;
}

static void usdt_id_free(__u32 map_id, int id)
{
	struct usdt_id_pool *p;

	pthread_mutex_lock(&pools_lock);
	for (p = pools; p && p->map_id != map_id; p = p->next)
		;
	if (p && id >= 0 && (__u32)id < p->max)
		p->used[id] = 0;
	pthread_mutex_unlock(&pools_lock);
}

struct usdt_link {
	struct bpf_link link;
	struct bpf_link **uprobes;
	int *spec_ids;
	size_t cnt;
	__u32 specs_map_id;
};

static int usdt_link_detach(struct bpf_link *link)
{
	struct usdt_link *ul = (struct usdt_link *)link;
	int err = 0, e;
	size_t i;

	for (i = 0; i < ul->cnt; i++) {
		e = bpf_link__destroy(ul->uprobes[i]);
		if (e && !err)
			err = e;
		usdt_id_free(ul->specs_map_id, ul->spec_ids[i]);
	}
	ul->cnt = 0;
	return err;
}

static void usdt_link_dealloc(struct bpf_link *link)
{
	struct usdt_link *ul = (struct usdt_link *)link;
	size_t i;

	/* Disconnected: the uprobes stay, only our memory goes. */
	for (i = 0; i < ul->cnt; i++) {
		bpf_link__disconnect(ul->uprobes[i]);
		bpf_link__destroy(ul->uprobes[i]);
	}
	free(ul->uprobes);
	free(ul->spec_ids);
	free(ul);
}

/* The program's __bpf_usdt_specs map (kernel names keep 15 characters). */
static int find_specs_map(int prog_fd, __u32 *map_id, __u32 *max_entries)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info), ids[64], i;
	int fd;

	if (bpf_prog_get_info_by_fd(prog_fd, &info, &len))
		return -errno;
	if (info.nr_map_ids > 64)
		info.nr_map_ids = 64;
	{
		__u32 n = info.nr_map_ids;

		memset(&info, 0, sizeof(info));
		info.nr_map_ids = n;
		info.map_ids = (__u64)(unsigned long)ids;
		len = sizeof(info);
		if (bpf_prog_get_info_by_fd(prog_fd, &info, &len))
			return -errno;
		if (info.nr_map_ids > n)
			info.nr_map_ids = n;
	}
	for (i = 0; i < info.nr_map_ids; i++) {
		struct bpf_map_info mi = {};
		__u32 mlen = sizeof(mi);

		fd = bpf_map_get_fd_by_id(ids[i]);
		if (fd < 0)
			continue;
		if (!bpf_map_get_info_by_fd(fd, &mi, &mlen) &&
		    mi.type == BPF_MAP_TYPE_ARRAY &&
		    !strncmp(mi.name, "__bpf_usdt_specs", BPF_OBJ_NAME_LEN - 1) &&
		    mi.value_size == sizeof(struct usdt_spec)) {
			*map_id = mi.id;
			*max_entries = mi.max_entries;
			return fd;
		}
		close(fd);
	}
	return -ENOENT;
}

LIBBPF_API struct bpf_link *
bpf_program__attach_usdt(const struct bpf_program *prog, pid_t pid,
			 const char *binary_path, const char *usdt_provider,
			 const char *usdt_name, const struct bpf_usdt_opts *opts)
{
	const char *pname = link_prog_name(prog);
	struct usdt_site *sites = NULL;
	struct usdt_link *ul = NULL;
	char path[PATH_MAX];
	__u32 map_id = 0, max_ids = 0;
	size_t nsites = 0, i;
	int prog_fd, map_fd = -1, err;

	if (!OPTS_OK(opts, bpf_usdt_opts))
		return util_err_ptr(-EINVAL);
	prog_fd = link_prog_fd(prog);
	if (prog_fd < 0)
		return util_err_ptr(prog_fd);
	if (!binary_path || !usdt_provider || !usdt_name || !*usdt_provider ||
	    !*usdt_name) {
		pr_warn("prog '%s': USDT attach needs a binary, a provider and a name\n",
			pname);
		return util_err_ptr(-EINVAL);
	}
	err = link_resolve_path(binary_path, path, sizeof(path));
	if (err) {
		pr_warn("prog '%s': USDT binary '%s' not found: %s\n", pname,
			binary_path, util_errstr(err));
		return util_err_ptr(err);
	}
	/*
	 * A program that never calls bpf_usdt_*() does not reference the
	 * specs map and cannot read arguments: plain uprobes will do.
	 */
	map_fd = find_specs_map(prog_fd, &map_id, &max_ids);
	if (map_fd < 0 && map_fd != -ENOENT) {
		pr_warn("prog '%s': looking for the USDT specs map failed: %s\n",
			pname, util_errstr(map_fd));
		return util_err_ptr(map_fd);
	}
	err = usdt_find_sites(path, usdt_provider, usdt_name, &sites, &nsites);
	if (err) {
		pr_warn("prog '%s': USDT %s:%s in '%s': %s\n", pname, usdt_provider,
			usdt_name, path, util_errstr(err));
		goto err_out;
	}
	ul = calloc(1, sizeof(*ul));
	if (ul) {
		ul->uprobes = calloc(nsites, sizeof(*ul->uprobes));
		ul->spec_ids = calloc(nsites, sizeof(*ul->spec_ids));
	}
	if (!ul || !ul->uprobes || !ul->spec_ids) {
		err = -ENOMEM;
		goto err_out;
	}
	ul->link.fd = -1;
	ul->link.detach = usdt_link_detach;
	ul->link.dealloc = usdt_link_dealloc;
	ul->specs_map_id = map_id;

	for (i = 0; i < nsites; i++) {
		LIBBPF_OPTS(bpf_uprobe_opts, uopts);
		struct usdt_spec spec;
		int id;

		err = usdt_parse_args(sites[i].args, &spec);
		if (err) {
			pr_warn("prog '%s': USDT %s:%s: unsupported arguments '%s'\n",
				pname, usdt_provider, usdt_name, sites[i].args);
			goto err_out;
		}
		spec.usdt_cookie = OPTS_GET(opts, usdt_cookie, 0);
		uopts.ref_ctr_offset = sites[i].sema_off;
		if (map_fd < 0) {
			id = -1;
			goto attach;
		}
		id = usdt_id_alloc(map_id, max_ids);
		if (id < 0) {
			err = id;
			pr_warn("prog '%s': USDT %s:%s: no free spec slot: %s\n",
				pname, usdt_provider, usdt_name, util_errstr(err));
			goto err_out;
		}
		if (bpf_map_update_elem(map_fd, &id, &spec, 0)) {
			err = -errno;
			usdt_id_free(map_id, id);
			goto err_out;
		}
		uopts.bpf_cookie = id;
attach:
		ul->uprobes[ul->cnt] = bpf_program__attach_uprobe_opts(prog, pid, path,
								       sites[i].file_off,
								       &uopts);
		if (!ul->uprobes[ul->cnt]) {
			err = -errno;
			usdt_id_free(map_id, id);
			pr_warn("prog '%s': USDT %s:%s: uprobe at '%s':0x%lx failed: %s\n",
				pname, usdt_provider, usdt_name, path,
				sites[i].file_off, util_errstr(err));
			goto err_out;
		}
		ul->spec_ids[ul->cnt++] = id;
	}
	usdt_sites_free(sites, nsites);
	if (map_fd >= 0)
		close(map_fd);
	return &ul->link;

err_out:
	if (ul) {
		usdt_link_detach(&ul->link);
		free(ul->uprobes);
		free(ul->spec_ids);
		free(ul);
	}
	usdt_sites_free(sites, nsites);
	if (map_fd >= 0)
		close(map_fd);
	return util_err_ptr(err);
}
