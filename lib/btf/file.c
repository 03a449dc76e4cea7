// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * BTF from files: raw BTF images and ELF objects (.BTF, .BTF.ext).
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "btf/btf_internal.h"
#include "util/err.h"
#include "util/log.h"

/* Larger than any real BTF; stops endless sources (pipes, devices). */
#define BTF_MAX_FILE (1UL << 30)

/* Whole file into a malloc()ed buffer.  0 or -errno (with a message). */
int btf_read_file(const char *path, void **data, __u32 *size)
{
	size_t cap = 0, len = 0;
	struct stat st;
	char *buf = NULL;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		pr_warn("btf: '%s': cannot open: %s\n", path, util_errstr(err));
		return err;
	}
	/* sysfs reports sizes of binary files; others may say 0: read on. */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
		cap = st.st_size + 1;
	for (;;) {
		ssize_t n;

		if (len == cap || !buf) {
			char *nb;

			if (buf)
				cap *= 2;
			else if (!cap)
				cap = 65536;
			if (cap > BTF_MAX_FILE) {
				err = -E2BIG;
				pr_warn("btf: '%s': file too large\n", path);
				goto fail;
			}
			nb = realloc(buf, cap);
			if (!nb) {
				err = -ENOMEM;
				goto fail;
			}
			buf = nb;
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			pr_warn("btf: '%s': read failed: %s\n", path, util_errstr(err));
			goto fail;
		}
		if (n == 0)
			break;
		len += n;
	}
	close(fd);
	*data = buf;
	*size = len;
	return 0;
fail:
	free(buf);
	close(fd);
	return err;
}

struct btf *btf__parse_raw_split(const char *path, struct btf *base_btf)
{
	struct btf *btf;
	void *data;
	__u32 size;
	int err;

	if (!path)
		return util_err_ptr(-EINVAL);
	err = btf_read_file(path, &data, &size);
	if (err)
		return util_err_ptr(err);
	btf = btf_parse_image(data, size, base_btf, BTF_IMG_OWN, 0, path);
	if (!btf) {
		err = -errno;
		pr_warn("btf: '%s': not valid raw BTF: %s\n", path, util_errstr(err));
		return util_err_ptr(err);
	}
	return btf;
}

struct btf *btf__parse_raw(const char *path)
{
	return btf__parse_raw_split(path, NULL);
}

static Elf_Data *section_data(Elf *elf, size_t shstrndx, const char *name,
			      Elf_Scn **found)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		const char *n;

		if (!gelf_getshdr(scn, &sh))
			continue;
		n = elf_strptr(elf, shstrndx, sh.sh_name);
		if (!n || strcmp(n, name))
			continue;
		*found = scn;
		if (sh.sh_type == SHT_NOBITS)
			return NULL;
		return elf_getdata(scn, NULL);
	}
	*found = NULL;
	return NULL;
}

static struct btf *parse_elf(const char *path, struct btf *base,
			     struct btf_ext **ext)
{
	Elf_Data *btf_data, *ext_data = NULL;
	struct btf *btf = NULL;
	Elf_Scn *scn;
	size_t shstrndx;
	Elf *elf = NULL;
	int fd, err = 0;

	if (ext)
		*ext = NULL;
	if (!path)
		return util_err_ptr(-EINVAL);
	if (elf_version(EV_CURRENT) == EV_NONE) {
		pr_warn("btf: '%s': libelf initialisation failed\n", path);
		return util_err_ptr(-EINVAL);
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		pr_warn("btf: '%s': cannot open: %s\n", path, util_errstr(err));
		return util_err_ptr(err);
	}
	elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!elf || elf_kind(elf) != ELF_K_ELF) {
		pr_warn("btf: '%s': not an ELF file\n", path);
		err = -EINVAL;
		goto out;
	}
	if (elf_getshdrstrndx(elf, &shstrndx)) {
		pr_warn("btf: '%s': ELF without section names: %s\n",
			path, elf_errmsg(-1));
		err = -EINVAL;
		goto out;
	}
	btf_data = section_data(elf, shstrndx, BTF_ELF_SEC, &scn);
	if (!scn) {
		pr_warn("btf: '%s': no %s section\n", path, BTF_ELF_SEC);
		err = -ENODATA;
		goto out;
	}
	if (!btf_data || !btf_data->d_buf) {
		pr_warn("btf: '%s': cannot read the %s section\n", path, BTF_ELF_SEC);
		err = -EINVAL;
		goto out;
	}
	if (ext)
		ext_data = section_data(elf, shstrndx, BTF_EXT_ELF_SEC, &scn);

	btf = btf_parse_image(btf_data->d_buf, btf_data->d_size, base,
			      BTF_IMG_COPY, 0, path);
	if (!btf) {
		err = -errno;
		pr_warn("btf: '%s': invalid %s section: %s\n",
			path, BTF_ELF_SEC, util_errstr(err));
		goto out;
	}
	/* The object's word size is the best guess at its pointer size. */
	btf->ptr_sz = gelf_getclass(elf) == ELFCLASS32 ? 4 : 8;

	if (ext_data && ext_data->d_buf) {
		*ext = btf_ext__new(ext_data->d_buf, ext_data->d_size);
		if (!*ext) {
			err = -errno;
			pr_warn("btf: '%s': invalid %s section: %s\n",
				path, BTF_EXT_ELF_SEC, util_errstr(err));
			btf__free(btf);
			btf = NULL;
		}
	}
out:
	if (elf)
		elf_end(elf);
	close(fd);
	if (err)
		return util_err_ptr(err);
	return btf;
}

struct btf *btf__parse_elf(const char *path, struct btf_ext **btf_ext)
{
	return parse_elf(path, NULL, btf_ext);
}

struct btf *btf__parse_elf_split(const char *path, struct btf *base_btf)
{
	return parse_elf(path, base_btf, NULL);
}

/* ELF or raw, decided by the first bytes of the file. */
static bool is_elf_file(const char *path, int *err)
{
	unsigned char magic[4];
	ssize_t n;
	int fd;

	*err = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		*err = -errno;
		pr_warn("btf: '%s': cannot open: %s\n", path, util_errstr(*err));
		return false;
	}
	n = read(fd, magic, sizeof(magic));
	close(fd);
	return n == 4 && !memcmp(magic, ELFMAG, SELFMAG);
}

static struct btf *parse_any(const char *path, struct btf *base,
			     struct btf_ext **ext)
{
	int err;

	if (ext)
		*ext = NULL;
	if (!path)
		return util_err_ptr(-EINVAL);
	if (is_elf_file(path, &err))
		return parse_elf(path, base, ext);
	if (err)
		return util_err_ptr(err);
	return btf__parse_raw_split(path, base);
}

struct btf *btf__parse(const char *path, struct btf_ext **btf_ext)
{
	return parse_any(path, NULL, btf_ext);
}

struct btf *btf__parse_split(const char *path, struct btf *base_btf)
{
	return parse_any(path, base_btf, NULL);
}
