// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * The gen family: skeleton, light skeleton (-L) and subskeleton headers
 * (text from skelgen), static linking of objects (bpf_linker);
 * min_core_btf is in core_check.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "main.h"
#include "skelgen.h"

int gen_do_min_core_btf(int argc, char **argv);

/* Whole file in memory; *data malloc'ed.  Reports its own errors. */
static int read_whole(const char *path, void **data, size_t *size)
{
	struct stat st;
	ssize_t n;
	size_t got = 0;
	char *buf;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st)) {
		p_err("failed to stat() %s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	buf = malloc(st.st_size ? st.st_size : 1);
	if (!buf) {
		close(fd);
		p_err("out of memory");
		return -1;
	}
	while (got < (size_t)st.st_size) {
		n = read(fd, buf + got, st.st_size - got);
		if (n <= 0) {
			p_err("failed to read %s: %s", path,
			      n ? strerror(errno) : "short read");
			free(buf);
			close(fd);
			return -1;
		}
		got += n;
	}
	close(fd);
	*data = buf;
	*size = got;
	return 0;
}

typedef int (*skel_fn)(const void *obj, size_t sz, const char *name, FILE *out);

/* fn, or with -L its light variant (NULL when there is none) */
static int gen_header(int argc, char **argv, skel_fn fn, skel_fn light_fn,
		      const char *what)
{
	char name_buf[256], *text = NULL;
	const char *file, *name = NULL;
	size_t sz, text_len = 0;
	void *data;
	FILE *mem;
	int err;

	if (!REQ_ARGS(1))
		usage();
	file = GET_ARG();
	if (use_loader) {
		if (!light_fn) {
			p_err("cannot use loader for %ss", what);
			return -1;
		}
		fn = light_fn;
	}
	while (argc) {
		if (!REQ_ARGS(2))
			return -1;
		if (is_prefix(*argv, "name")) {
			NEXT_ARG();
			if (name) {
				p_err("object name already specified");
				return -1;
			}
			name = *argv;
			NEXT_ARG();
		} else {
			p_err("unknown arg %s", *argv);
			return -1;
		}
	}
	if (argc) {
		p_err("extra unknown arguments");
		return -1;
	}
	if (!name) {
		err = skelgen_name_from_path(file, name_buf, sizeof(name_buf));
		if (err) {
			p_err("can't derive an object name from '%s': %s", file,
			      strerror(-err));
			return -1;
		}
		name = name_buf;
	}
	if (read_whole(file, &data, &sz))
		return -1;

	/* Buffer the header: a failure must not leave half a file behind. */
	mem = open_memstream(&text, &text_len);
	if (!mem) {
		free(data);
		p_err("out of memory");
		return -1;
	}
	err = fn(data, sz, name, mem);
	fclose(mem);
	free(data);
	if (err) {
		free(text);
		p_err("failed to generate %s for %s: %s", what, file,
		      strerror(-err));
		return -1;
	}
	fwrite(text, 1, text_len, stdout);
	free(text);
	return 0;
}

static int do_skeleton(int argc, char **argv)
{
	return gen_header(argc, argv, skelgen_skeleton, skelgen_light_skeleton,
			  "skeleton");
}

static int do_subskeleton(int argc, char **argv)
{
	return gen_header(argc, argv, skelgen_subskeleton, NULL, "subskeleton");
}

static int do_object(int argc, char **argv)
{
	struct bpf_linker *linker;
	const char *out, *in;
	int err;

	if (!REQ_ARGS(2))
		usage();
	out = GET_ARG();
	linker = bpf_linker__new(out, NULL);
	if (!linker) {
		p_err("failed to create BPF linker instance");
		return -1;
	}
	while (argc) {
		in = GET_ARG();
		err = bpf_linker__add_file(linker, in, NULL);
		if (err) {
			p_err("failed to link '%s': %s (%d)", in, strerror(-err), -err);
			goto fail;
		}
	}
	err = bpf_linker__finalize(linker);
	if (err) {
		p_err("failed to finalize ELF file: %s (%d)", strerror(-err), -err);
		goto fail;
	}
	bpf_linker__free(linker);
	return 0;
fail:
	bpf_linker__free(linker);
	/* No half-written object left behind under the output name. */
	unlink(out);
	return -1;
}

static int do_help(int argc, char **argv)
{
	if (json_output) {
		jsonw_null(json_wtr);
		return 0;
	}
	fprintf(stderr,
		"Usage: %1$s %2$s object OUTPUT_FILE INPUT_FILE [INPUT_FILE...]\n"
		"       %1$s %2$s skeleton FILE [name OBJECT_NAME]\n"
		"       %1$s %2$s subskeleton FILE [name OBJECT_NAME]\n"
		"       %1$s %2$s min_core_btf INPUT OUTPUT OBJECT [OBJECT...]\n"
		"       %1$s %2$s help\n"
		"\n"
		"       " HELP_SPEC_OPTIONS " |\n"
		"                    {-L|--use-loader} }\n",
		bin_name, "gen");
	return 0;
}

static const struct cmd cmds[] = {
	{ "object",		do_object },
	{ "skeleton",		do_skeleton },
	{ "subskeleton",	do_subskeleton },
	{ "min_core_btf",	gen_do_min_core_btf },
	{ "help",		do_help },
	{ 0 }
};

int do_gen(int argc, char **argv)
{
	return cmd_select(cmds, argc, argv, do_help);
}
