// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The only part of lib/btf/ that talks to the kernel: loading BTF into it
 * and fetching BTF objects back by id.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>

#include "btf/btf_internal.h"
#include "util/err.h"
#include "util/log.h"

/* Big enough for the verifier's complaint about a large BTF. */
#define BTF_LOG_SIZE (1U << 20)

int btf__load_into_kernel(struct btf *btf)
{
	LIBBPF_OPTS(bpf_btf_load_opts, opts);
	const void *raw;
	void *own = NULL;
	char *log = NULL;
	__u32 size;
	int fd, err;

	if (btf->fd >= 0)
		return util_err(-EEXIST);
	/*
	 * The kernel wants its own byte order, whatever was asked for output,
	 * and no layout section (it rejects header fields it does not know).
	 */
	if (btf->has_layout) {
		own = btf_build_raw(btf, false, &size);
		raw = own;
	} else {
		raw = btf_raw_native(btf, &size);
	}
	if (!raw)
		return util_err(-errno);
	fd = bpf_btf_load(raw, size, &opts);
	if (fd >= 0) {
		free(own);
		btf->fd = fd;
		return 0;
	}
	err = -errno;
	/* Once more with the verifier log, to say why. */
	log = malloc(BTF_LOG_SIZE);
	if (log) {
		LIBBPF_OPTS(bpf_btf_load_opts, lopts, .log_buf = log,
			    .log_size = BTF_LOG_SIZE, .log_level = 1);

		log[0] = '\0';
		fd = bpf_btf_load(raw, size, &lopts);
		if (fd >= 0) {
			/* Accepted the second time: keep it. */
			free(own);
			free(log);
			btf->fd = fd;
			return 0;
		}
	}
	pr_warn("btf: loading %u types into the kernel failed: %s\n",
		btf__type_cnt(btf) - 1, util_errstr(err));
	if (log && log[0]) {
		size_t len = strlen(log);

		/* The end of the log carries the verdict. */
		pr_warn("btf: kernel log:\n%s%s\n", len > 4096 ? "...\n" : "",
			len > 4096 ? log + len - 4096 : log);
	}
	free(own);
	free(log);
	return util_err(err);
}

/* The BTF of object fd, on top of base. */
static struct btf *btf_from_fd(int fd, struct btf *base, __u32 id)
{
	struct bpf_btf_info info;
	__u32 len, size = 0;
	void *buf = NULL;
	int err, tries;

	for (tries = 0; tries < 4; tries++) {
		memset(&info, 0, sizeof(info));
		len = sizeof(info);
		if (buf) {
			info.btf = (__u64)(unsigned long)buf;
			info.btf_size = size;
		}
		err = bpf_btf_get_info_by_fd(fd, &info, &len);
		if (err) {
			err = -errno;
			pr_warn("btf: id %u: cannot get its info: %s\n",
				id, util_errstr(err));
			free(buf);
			return util_err_ptr(err);
		}
		if (buf && info.btf_size <= size)
			break;
		/* First round, or the object grew: size the buffer again. */
		free(buf);
		size = info.btf_size;
		buf = malloc(size ? size : 1);
		if (!buf)
			return util_err_ptr(-ENOMEM);
	}
	if (tries == 4) {
		free(buf);
		return util_err_ptr(-EAGAIN);
	}
	return btf_parse_image(buf, info.btf_size, base, BTF_IMG_OWN, 0,
			       "kernel BTF object");
}

struct btf *btf__load_from_kernel_by_id_split(__u32 id, struct btf *base_btf)
{
	struct btf *btf;
	int fd, err;

	fd = bpf_btf_get_fd_by_id(id);
	if (fd < 0) {
		err = -errno;
		pr_warn("btf: id %u: cannot open: %s\n", id, util_errstr(err));
		return util_err_ptr(err);
	}
	btf = btf_from_fd(fd, base_btf, id);
	err = btf ? 0 : -errno;
	close(fd);
	if (!btf)
		return util_err_ptr(err);
	return btf;
}

struct btf *btf__load_from_kernel_by_id(__u32 id)
{
	return btf__load_from_kernel_by_id_split(id, NULL);
}
