// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The running kernel's BTF.  /sys/kernel/btf/vmlinux is mapped read-only
 * and parsed where it lies: mapping costs a few hundredths of a
 * millisecond where reading the 5 MB costs milliseconds.  A BTF parsed
 * this way copies its data only when it is first modified.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "btf/btf_internal.h"
#include "util/err.h"
#include "util/log.h"

/* Map and parse a raw BTF file; falls back to read() if it cannot map. */
static struct btf *load_sysfs_btf(const char *path, struct btf *base)
{
	struct stat st;
	void *map;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return util_err_ptr(-errno);
	if (fstat(fd, &st) == 0 && st.st_size > 0 && st.st_size < UINT_MAX) {
		map = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (map != MAP_FAILED) {
			close(fd);
			return btf_parse_image(map, st.st_size, base, BTF_IMG_MMAP,
					       st.st_size, path);
		}
		pr_debug("btf: '%s': mmap failed (%s), reading it instead\n",
			 path, util_errstr(-errno));
	}
	close(fd);
	{
		void *data;
		__u32 size;

		err = btf_read_file(path, &data, &size);
		if (err)
			return util_err_ptr(err);
		return btf_parse_image(data, size, base, BTF_IMG_OWN, 0, path);
	}
}

struct btf *btf__load_vmlinux_btf(void)
{
	/* Where distributions leave an uncompressed vmlinux with BTF. */
	static const char *const fallbacks[] = {
		"/boot/vmlinux-%1$s",
		"/lib/modules/%1$s/vmlinux-%1$s",
		"/lib/modules/%1$s/build/vmlinux",
		"/usr/lib/modules/%1$s/kernel/vmlinux",
		"/usr/lib/debug/boot/vmlinux-%1$s",
		"/usr/lib/debug/boot/vmlinux-%1$s.debug",
		"/usr/lib/debug/lib/modules/%1$s/vmlinux",
	};
	const char *sysfs = "/sys/kernel/btf/vmlinux";
	char path[PATH_MAX];
	struct utsname un;
	struct btf *btf;
	size_t i;
	int err;

	btf = load_sysfs_btf(sysfs, NULL);
	if (btf)
		return btf;
	err = -errno;
	if (err != -ENOENT) {
		pr_warn("btf: '%s': cannot load the kernel BTF: %s\n",
			sysfs, util_errstr(err));
		return util_err_ptr(err);
	}
	uname(&un);
	for (i = 0; i < sizeof(fallbacks) / sizeof(fallbacks[0]); i++) {
		snprintf(path, sizeof(path), fallbacks[i], un.release);
		if (access(path, R_OK))
			continue;
		btf = btf__parse(path, NULL);
		if (btf) {
			pr_debug("btf: kernel BTF loaded from '%s'\n", path);
			return btf;
		}
		pr_warn("btf: '%s': cannot load the kernel BTF: %s\n",
			path, util_errstr(-errno));
	}
	pr_warn("btf: no kernel BTF found (%s and the usual vmlinux paths)\n",
		sysfs);
	return util_err_ptr(-ESRCH);
}

struct btf *libbpf_find_kernel_btf(void)
{
	return btf__load_vmlinux_btf();
}

struct btf *btf__load_module_btf(const char *module_name,
				 struct btf *vmlinux_btf)
{
	char path[PATH_MAX];
	struct btf *btf;
	int err;

	if (!module_name || !*module_name || strchr(module_name, '/'))
		return util_err_ptr(-EINVAL);
	snprintf(path, sizeof(path), "/sys/kernel/btf/%s", module_name);
	btf = load_sysfs_btf(path, vmlinux_btf);
	if (!btf) {
		err = -errno;
		pr_warn("btf: module '%s': cannot load its BTF from '%s': %s\n",
			module_name, path, util_errstr(err));
		return util_err_ptr(err);
	}
	return btf;
}
