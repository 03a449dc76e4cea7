// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * prog run PROG data_in F [data_out F [data_size_out L]]
 *               [ctx_in F [ctx_out F [ctx_size_out M]]] [repeat N]
 * BPF_PROG_TEST_RUN with input from files ("-" is stdin) and output to
 * files or, for "-", a hex dump (plain) or byte array (JSON) on stdout.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "common.h"
#include "prog.h"

#define RUN_DEFAULT_OUT	(32 * 1024)
#define RUN_MAX_IN	(UINT32_MAX / 2)

struct run_args {
	const char *data_in, *data_out, *ctx_in, *ctx_out;
	__u32 data_size_out, ctx_size_out, repeat;
};

static int read_input(const char *name, void **buf, __u32 *size)
{
	size_t cap = 0, len = 0, n;
	char *data = NULL, *tmp;
	FILE *f;

	if (!name)
		return 0;
	f = strcmp(name, "-") ? fopen(name, "re") : stdin;
	if (!f) {
		p_err("failed to open %s: %s", name, strerror(errno));
		return -1;
	}
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 4096;
			if (cap > RUN_MAX_IN) {
				p_err("input file %s is too large", name);
				goto err;
			}
			tmp = realloc(data, cap);
			if (!tmp) {
				p_err("mem alloc failed");
				goto err;
			}
			data = tmp;
		}
		n = fread(data + len, 1, cap - len, f);
		len += n;
	} while (n);
	if (ferror(f)) {
		p_err("failed to read input file %s: %s", name, strerror(errno));
		goto err;
	}
	if (!len) {
		p_err("input file %s is empty", name);
		goto err;
	}
	if (f != stdin)
		fclose(f);
	*buf = data;
	*size = len;
	return 0;
err:
	if (f != stdin)
		fclose(f);
	free(data);
	return -1;
}

/* Offset, 16 bytes in pairs, then their printable characters. */
static void hex_dump(const unsigned char *p, size_t size)
{
	size_t i, j;

	for (i = 0; i < size; i += 16) {
		printf("%07zx\t", i);
		for (j = i; j < i + 16; j++) {
			if (j < size)
				printf("%02x", p[j]);
			else
				printf("  ");
			if (j % 2)
				printf(" ");
		}
		printf("| ");
		for (j = i; j < i + 16 && j < size; j++) {
			putchar(isprint(p[j]) ? p[j] : '.');
			if (j == i + 7)
				putchar(' ');
		}
		printf("\n");
	}
}

static int write_output(const void *buf, __u32 size, const char *name,
			const char *key)
{
	size_t n;
	FILE *f;
	__u32 i;

	if (!name)
		return 0;
	if (!strcmp(name, "-")) {
		if (json_output) {
			jsonw_name(json_wtr, key);
			jsonw_start_array(json_wtr);
			for (i = 0; i < size; i++)
				jsonw_printf(json_wtr, "%d", ((const unsigned char *)buf)[i]);
			jsonw_end_array(json_wtr);
		} else {
			hex_dump(buf, size);
		}
		return 0;
	}
	f = fopen(name, "we");
	if (!f) {
		p_err("failed to open %s: %s", name, strerror(errno));
		return -1;
	}
	n = fwrite(buf, 1, size, f);
	if (fclose(f) || n != size) {
		p_err("failed to write output data/ctx: %s", strerror(errno));
		return -1;
	}
	return 0;
}

static int parse_size(int *argc, char ***argv, __u32 *val, const char *what)
{
	unsigned long v;
	char *end;

	NEXT_ARGP();
	if (!*argc) {
		p_err("expected %s after '%s'", what, (*argv)[-1]);
		return -1;
	}
	errno = 0;
	v = strtoul(**argv, &end, 0);
	if (*end || !***argv || errno || v > UINT32_MAX || ***argv == '-') {
		p_err("can't parse %s as %s", **argv, what);
		return -1;
	}
	*val = v;
	NEXT_ARGP();
	return 0;
}

static int parse_file(int *argc, char ***argv, const char **dst)
{
	NEXT_ARGP();
	if (!*argc) {
		p_err("expected a file name after '%s'", (*argv)[-1]);
		return -1;
	}
	*dst = **argv;
	NEXT_ARGP();
	return 0;
}

static int parse_run_args(int argc, char **argv, struct run_args *a)
{
	int err;

	while (argc) {
		if (detect_common_prefix(*argv, "data_in", "data_out",
					 "data_size_out", NULL) ||
		    detect_common_prefix(*argv, "ctx_in", "ctx_out",
					 "ctx_size_out", NULL))
			return -1;
		if (is_prefix(*argv, "data_in"))
			err = parse_file(&argc, &argv, &a->data_in);
		else if (is_prefix(*argv, "data_out"))
			err = parse_file(&argc, &argv, &a->data_out);
		else if (is_prefix(*argv, "data_size_out"))
			err = parse_size(&argc, &argv, &a->data_size_out, "output data size");
		else if (is_prefix(*argv, "ctx_in"))
			err = parse_file(&argc, &argv, &a->ctx_in);
		else if (is_prefix(*argv, "ctx_out"))
			err = parse_file(&argc, &argv, &a->ctx_out);
		else if (is_prefix(*argv, "ctx_size_out"))
			err = parse_size(&argc, &argv, &a->ctx_size_out, "output context size");
		else if (is_prefix(*argv, "repeat"))
			err = parse_size(&argc, &argv, &a->repeat, "repeat number");
		else {
			p_err("expected no more arguments, 'data_in', 'data_out', 'data_size_out', 'ctx_in', 'ctx_out', 'ctx_size_out' or 'repeat', got: '%s'?",
			      *argv);
			return -1;
		}
		if (err)
			return -1;
	}
	if (a->data_in && a->ctx_in && !strcmp(a->data_in, "-") &&
	    !strcmp(a->ctx_in, "-")) {
		p_err("both data_in and ctx_in cannot be read from stdin");
		return -1;
	}
	return 0;
}

int prog_do_run(int argc, char **argv)
{
	LIBBPF_OPTS(bpf_test_run_opts, opts);
	struct run_args a = { .repeat = 1 };
	void *data_in = NULL, *data_out = NULL, *ctx_in = NULL, *ctx_out = NULL;
	int fd, err = -1;

	if (!REQ_ARGS(4))
		return -1;
	fd = prog_parse_fd(&argc, &argv);
	if (fd < 0)
		return -1;
	if (parse_run_args(argc, argv, &a))
		goto out;
	if (read_input(a.data_in, &data_in, &opts.data_size_in) ||
	    read_input(a.ctx_in, &ctx_in, &opts.ctx_size_in))
		goto out;
	if (data_in) {
		opts.data_size_out = a.data_size_out ? a.data_size_out : RUN_DEFAULT_OUT;
		data_out = calloc(1, opts.data_size_out);
	}
	if (ctx_in) {
		opts.ctx_size_out = a.ctx_size_out ? a.ctx_size_out : RUN_DEFAULT_OUT;
		ctx_out = calloc(1, opts.ctx_size_out);
	}
	if ((data_in && !data_out) || (ctx_in && !ctx_out)) {
		p_err("mem alloc failed");
		goto out;
	}
	opts.repeat = a.repeat;
	opts.data_in = data_in;
	opts.data_out = data_out;
	opts.ctx_in = ctx_in;
	opts.ctx_out = ctx_out;
	if (bpf_prog_test_run_opts(fd, &opts)) {
		p_err("failed to run program: %s", strerror(errno));
		goto out;
	}
	err = 0;
	if (json_output)
		jsonw_start_object(json_wtr);
	/* print what we can: the return value matters even if a file fails */
	if (opts.data_size_out && data_out)
		err |= write_output(data_out, opts.data_size_out, a.data_out, "data_out");
	if (opts.ctx_size_out && ctx_out)
		err |= write_output(ctx_out, opts.ctx_size_out, a.ctx_out, "ctx_out");
	if (json_output) {
		jsonw_uint_field(json_wtr, "retval", opts.retval);
		jsonw_uint_field(json_wtr, "duration", opts.duration);
		jsonw_end_object(json_wtr);
	} else {
		printf("Return value: %u, duration%s: %uns\n", opts.retval,
		       a.repeat > 1 ? " (average)" : "", opts.duration);
	}
out:
	free(data_in);
	free(data_out);
	free(ctx_in);
	free(ctx_out);
	close(fd);
	return err ? -1 : 0;
}
