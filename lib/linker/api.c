// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* The public bpf_linker__* entry points: output file, inputs, cleanup. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elf/elf.h"
#include "linker/linker.h"
#include "util/err.h"
#include "util/hashmap.h"
#include "util/log.h"
#include "util/opts.h"

static struct bpf_linker *linker_alloc(const char *name)
{
	struct bpf_linker *l = calloc(1, sizeof(*l));

	if (!l)
		return NULL;
	l->fd = -1;
	l->filename = strdup(name);
	l->globals = util_hashmap_new(util_hash_str, util_equal_str, NULL);
	l->btf = btf__new_empty();
	l->syms = calloc(1, sizeof(*l->syms));
	if (!l->filename || !l->globals || !l->btf || !l->syms) {
		bpf_linker__free(l);
		return NULL;
	}
	l->nsyms = l->syms_cap = 1;
	return l;
}

struct bpf_linker *bpf_linker__new(const char *filename,
				   struct bpf_linker_opts *opts)
{
	struct bpf_linker *l;
	int err;

	if (!filename || !OPTS_OK(opts, bpf_linker_opts))
		return util_err_ptr(-EINVAL);
	if (elf_version(EV_CURRENT) == EV_NONE) {
		pr_warn("linker: libelf initialization failed\n");
		return util_err_ptr(-EINVAL);
	}
	l = linker_alloc(filename);
	if (!l)
		return util_err_ptr(-ENOMEM);
	l->fd = open(filename, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (l->fd < 0) {
		err = -errno;
		pr_warn("linker: '%s': cannot create: %s\n", filename,
			util_errstr(err));
		bpf_linker__free(l);
		return util_err_ptr(err);
	}
	l->own_fd = true;
	return l;
}

struct bpf_linker *bpf_linker__new_fd(int fd, struct bpf_linker_opts *opts)
{
	struct bpf_linker *l;
	char name[32];

	if (fd < 0 || !OPTS_OK(opts, bpf_linker_opts))
		return util_err_ptr(-EINVAL);
	if (elf_version(EV_CURRENT) == EV_NONE)
		return util_err_ptr(-EINVAL);
	snprintf(name, sizeof(name), "fd %d", fd);
	l = linker_alloc(name);
	if (!l)
		return util_err_ptr(-ENOMEM);
	l->fd = fd;
	return l;
}

static int linker_add(struct bpf_linker *l, struct elf_file *ef)
{
	int err;

	if (l->broken) {
		pr_warn("linker: '%s': an earlier input failed, not adding '%s'\n",
			l->filename, ef->name);
		err = -EINVAL;
	} else {
		err = linker_add_elf(l, ef);
		/* a half-merged input leaves the output inconsistent */
		if (err)
			l->broken = true;
	}
	elf_close(ef);
	return util_err(err);
}

int bpf_linker__add_file(struct bpf_linker *linker, const char *filename,
			 const struct bpf_linker_file_opts *opts)
{
	struct elf_file *ef;
	int err;

	if (!linker || !filename || !OPTS_OK(opts, bpf_linker_file_opts))
		return util_err(-EINVAL);
	err = elf_open_file(filename, &ef);
	if (err)
		return util_err(err);
	return linker_add(linker, ef);
}

int bpf_linker__add_buf(struct bpf_linker *linker, void *buf, size_t buf_sz,
			const struct bpf_linker_file_opts *opts)
{
	struct elf_file *ef;
	char name[48];
	int err;

	if (!linker || !buf || !buf_sz ||
	    !OPTS_OK(opts, bpf_linker_file_opts))
		return util_err(-EINVAL);
	snprintf(name, sizeof(name), "mem:%p+%zu", buf, buf_sz);
	err = elf_open_mem(buf, buf_sz, name, &ef);
	if (err)
		return util_err(err);
	return linker_add(linker, ef);
}

int bpf_linker__add_fd(struct bpf_linker *linker, int fd,
		       const struct bpf_linker_file_opts *opts)
{
	struct elf_file *ef = NULL;
	char name[32];
	struct stat st;
	size_t got = 0;
	char *buf;
	ssize_t n;
	int err;

	if (!linker || fd < 0 || !OPTS_OK(opts, bpf_linker_file_opts))
		return util_err(-EINVAL);
	snprintf(name, sizeof(name), "fd %d", fd);
	if (fstat(fd, &st)) {
		err = -errno;
		pr_warn("linker: '%s': cannot stat: %s\n", name,
			util_errstr(err));
		return util_err(err);
	}
	if (!S_ISREG(st.st_mode) || st.st_size <= 0) {
		pr_warn("linker: '%s': not a non-empty regular file\n", name);
		return util_err(-EINVAL);
	}
	buf = malloc(st.st_size);
	if (!buf)
		return util_err(-ENOMEM);
	while (got < (size_t)st.st_size) {
		n = pread(fd, buf + got, st.st_size - got, got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			err = n < 0 ? -errno : -EIO;
			pr_warn("linker: '%s': read failed: %s\n", name,
				util_errstr(err));
			free(buf);
			return util_err(err);
		}
		got += n;
	}
	err = elf_open_mem(buf, got, name, &ef);
	free(buf);
	if (err)
		return util_err(err);
	return linker_add(linker, ef);
}

int bpf_linker__finalize(struct bpf_linker *linker)
{
	int err;

	if (!linker)
		return util_err(-EINVAL);
	if (linker->broken) {
		pr_warn("linker: '%s': an input failed, not writing\n",
			linker->filename);
		return util_err(-EINVAL);
	}
	if (linker->fd < 0) {
		pr_warn("linker: '%s': already finalized\n", linker->filename);
		return util_err(-EINVAL);
	}
	err = linker_btf_finalize(linker);
	if (!err)
		err = linker_write(linker);
	if (linker->own_fd)
		close(linker->fd);
	linker->fd = -1;
	if (err)
		linker->broken = true;
	return util_err(err);
}

void bpf_linker__free(struct bpf_linker *linker)
{
	size_t i;

	if (!linker)
		return;
	if (linker->own_fd && linker->fd >= 0)
		close(linker->fd);
	for (i = 0; i < linker->nsecs; i++) {
		free(linker->secs[i].name);
		free(linker->secs[i].data);
		free(linker->secs[i].rels);
	}
	free(linker->secs);
	for (i = 0; i < linker->nsyms; i++)
		free(linker->syms[i].name);
	free(linker->syms);
	util_hashmap_free(linker->globals);
	for (i = 0; i < linker->nins; i++) {
		btf__free(linker->ins[i].btf);
		btf_ext__free(linker->ins[i].ext);
		free(linker->ins[i].file);
		for (size_t j = 0; j < linker->ins[i].nsecs; j++)
			free(linker->ins[i].sec_names[j]);
		free(linker->ins[i].sec_names);
		free(linker->ins[i].sec_offs);
	}
	free(linker->ins);
	for (i = 0; i < linker->nfiles; i++)
		free(linker->files[i]);
	free(linker->files);
	free(linker->var_overrides);
	btf__free(linker->btf);
	btf__free(linker->final_btf);
	btf_ext__free(linker->final_ext);
	free(linker->out_btf);
	free(linker->filename);
	free(linker);
}
