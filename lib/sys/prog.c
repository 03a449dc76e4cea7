// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Program and BTF loading, test runs and the other per-program commands. */
#include <errno.h>
#include <string.h>

#include <bpf/bpf.h>

#include "sys.h"
#include "attr.h"
#include "util/err.h"
#include "util/log.h"
#include "util/opts.h"

#define PROG_LOAD_ATTEMPTS	5
/* BPF_LOG_LEVEL1 | BPF_LOG_LEVEL2 | BPF_LOG_STATS */
#define LOG_LEVEL_MASK		7u

/*
 * The kernel refuses a log buffer without a log level, so a caller asking
 * for a log only on failure (buffer given, level 0) gets a first attempt
 * without one and, if that fails, a second with level 1.
 */
static int check_log_args(const char *what, const char *log_buf,
			  __u32 log_size, __u32 log_level)
{
	if (!!log_buf != !!log_size) {
		pr_warn("%s: log_buf and log_size must be given together\n", what);
		return -EINVAL;
	}
	if (log_level & ~LOG_LEVEL_MASK) {
		pr_warn("%s: unknown log_level bits 0x%x\n", what, log_level);
		return -EINVAL;
	}
	if (log_level && !log_buf) {
		pr_warn("%s: log_level %u without a log_buf\n", what, log_level);
		return -EINVAL;
	}
	return 0;
}

static int prog_load_try(struct sys_attr_prog_load *attr, int attempts)
{
	int fd;

	do {
		fd = SYS_BPF_FD(BPF_PROG_LOAD, attr);
	} while (fd == -EAGAIN && --attempts > 0);
	return fd;
}

LIBBPF_API int bpf_prog_load(enum bpf_prog_type prog_type,
			     const char *prog_name, const char *license,
			     const struct bpf_insn *insns, size_t insn_cnt,
			     struct bpf_prog_load_opts *opts)
{
	struct sys_attr_prog_load attr;
	char *log_buf;
	__u32 log_size, log_level;
	int attempts, fd, err;

	if (!OPTS_OK(opts, bpf_prog_load_opts))
		return util_err(-EINVAL);
	attempts = OPTS_GET(opts, attempts, 0);
	if (attempts < 0) {
		pr_warn("prog '%s': attempts %d is negative\n",
			prog_name ? prog_name : "", attempts);
		return util_err(-EINVAL);
	}
	if (!attempts)
		attempts = PROG_LOAD_ATTEMPTS;
	if (!insns || !insn_cnt || insn_cnt > UINT32_MAX) {
		pr_warn("prog '%s': no instructions (or too many)\n",
			prog_name ? prog_name : "");
		return util_err(-EINVAL);
	}

	log_buf = OPTS_GET(opts, log_buf, NULL);
	log_size = OPTS_GET(opts, log_size, 0);
	log_level = OPTS_GET(opts, log_level, 0);
	err = check_log_args("prog load", log_buf, log_size, log_level);
	if (err)
		return util_err(err);

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = prog_type;
	attr.expected_attach_type = OPTS_GET(opts, expected_attach_type, 0);
	sys_copy_obj_name(attr.prog_name, prog_name);
	attr.insns = sys_ptr(insns);
	attr.insn_cnt = (__u32)insn_cnt;
	attr.license = sys_ptr(license);
	attr.prog_btf_fd = OPTS_GET(opts, prog_btf_fd, 0);
	attr.prog_flags = OPTS_GET(opts, prog_flags, 0);
	attr.prog_ifindex = OPTS_GET(opts, prog_ifindex, 0);
	attr.kern_version = OPTS_GET(opts, kern_version, 0);
	attr.prog_token_fd = OPTS_GET(opts, token_fd, 0);
	attr.attach_btf_id = OPTS_GET(opts, attach_btf_id, 0);
	/* attach_prog_fd and attach_btf_obj_fd share one kernel field. */
	attr.attach_prog_fd = OPTS_GET(opts, attach_prog_fd, 0);
	if (!attr.attach_prog_fd)
		attr.attach_prog_fd = OPTS_GET(opts, attach_btf_obj_fd, 0);
	attr.fd_array = sys_ptr(OPTS_GET(opts, fd_array, NULL));
	attr.fd_array_cnt = OPTS_GET(opts, fd_array_cnt, 0);

	attr.func_info = sys_ptr(OPTS_GET(opts, func_info, NULL));
	attr.func_info_cnt = OPTS_GET(opts, func_info_cnt, 0);
	attr.func_info_rec_size = OPTS_GET(opts, func_info_rec_size, 0);
	attr.line_info = sys_ptr(OPTS_GET(opts, line_info, NULL));
	attr.line_info_cnt = OPTS_GET(opts, line_info_cnt, 0);
	attr.line_info_rec_size = OPTS_GET(opts, line_info_rec_size, 0);

	if (log_level) {
		attr.log_buf = sys_ptr(log_buf);
		attr.log_size = log_size;
		attr.log_level = log_level;
	}

	fd = prog_load_try(&attr, attempts);
	OPTS_SET(opts, log_true_size, attr.log_true_size);
	if (fd >= 0 || !log_buf || log_level)
		return util_err(fd);

	/* Failed quietly: run it again to fill the caller's log. */
	attr.log_buf = sys_ptr(log_buf);
	attr.log_size = log_size;
	attr.log_level = 1;
	log_buf[0] = '\0';
	fd = prog_load_try(&attr, attempts);
	OPTS_SET(opts, log_true_size, attr.log_true_size);
	return util_err(fd);
}

LIBBPF_API int bpf_btf_load(const void *btf_data, size_t btf_size,
			    struct bpf_btf_load_opts *opts)
{
	struct sys_attr_btf_load attr;
	char *log_buf;
	__u32 log_size, log_level;
	int fd, err;

	if (!OPTS_OK(opts, bpf_btf_load_opts))
		return util_err(-EINVAL);
	if (btf_size > UINT32_MAX) {
		pr_warn("btf: %zu bytes is too large to load\n", btf_size);
		return util_err(-E2BIG);
	}
	log_buf = OPTS_GET(opts, log_buf, NULL);
	log_size = OPTS_GET(opts, log_size, 0);
	log_level = OPTS_GET(opts, log_level, 0);
	err = check_log_args("btf load", log_buf, log_size, log_level);
	if (err)
		return util_err(err);

	memset(&attr, 0, sizeof(attr));
	attr.btf = sys_ptr(btf_data);
	attr.btf_size = (__u32)btf_size;
	attr.btf_flags = OPTS_GET(opts, btf_flags, 0);
	attr.token_fd = OPTS_GET(opts, token_fd, 0);
	if (log_level) {
		attr.log_buf = sys_ptr(log_buf);
		attr.log_size = log_size;
		attr.log_level = log_level;
	}

	fd = SYS_BPF_FD(BPF_BTF_LOAD, &attr);
	OPTS_SET(opts, log_true_size, attr.log_true_size);
	if (fd >= 0 || !log_buf || log_level)
		return util_err(fd);

	attr.log_buf = sys_ptr(log_buf);
	attr.log_size = log_size;
	attr.log_level = 1;
	log_buf[0] = '\0';
	fd = SYS_BPF_FD(BPF_BTF_LOAD, &attr);
	OPTS_SET(opts, log_true_size, attr.log_true_size);
	return util_err(fd);
}

LIBBPF_API int bpf_prog_test_run_opts(int prog_fd,
				      struct bpf_test_run_opts *opts)
{
	struct sys_attr_test_run attr;
	int ret;

	if (!OPTS_OK(opts, bpf_test_run_opts))
		return util_err(-EINVAL);

	memset(&attr, 0, sizeof(attr));
	attr.prog_fd = prog_fd;
	attr.batch_size = OPTS_GET(opts, batch_size, 0);
	attr.cpu = OPTS_GET(opts, cpu, 0);
	attr.flags = OPTS_GET(opts, flags, 0);
	attr.repeat = OPTS_GET(opts, repeat, 0);
	attr.ctx_size_in = OPTS_GET(opts, ctx_size_in, 0);
	attr.ctx_size_out = OPTS_GET(opts, ctx_size_out, 0);
	attr.data_size_in = OPTS_GET(opts, data_size_in, 0);
	attr.data_size_out = OPTS_GET(opts, data_size_out, 0);
	attr.ctx_in = sys_ptr(OPTS_GET(opts, ctx_in, NULL));
	attr.ctx_out = sys_ptr(OPTS_GET(opts, ctx_out, NULL));
	attr.data_in = sys_ptr(OPTS_GET(opts, data_in, NULL));
	attr.data_out = sys_ptr(OPTS_GET(opts, data_out, NULL));

	ret = SYS_BPF(BPF_PROG_TEST_RUN, &attr);
	OPTS_SET(opts, data_size_out, attr.data_size_out);
	OPTS_SET(opts, ctx_size_out, attr.ctx_size_out);
	OPTS_SET(opts, duration, attr.duration);
	OPTS_SET(opts, retval, attr.retval);
	return util_err(ret);
}

LIBBPF_API int bpf_prog_bind_map(int prog_fd, int map_fd,
				 const struct bpf_prog_bind_opts *opts)
{
	struct sys_attr_prog_bind_map attr;

	if (!OPTS_OK(opts, bpf_prog_bind_opts))
		return util_err(-EINVAL);
	memset(&attr, 0, sizeof(attr));
	attr.prog_fd = prog_fd;
	attr.map_fd = map_fd;
	attr.flags = OPTS_GET(opts, flags, 0);
	return util_err(SYS_BPF(BPF_PROG_BIND_MAP, &attr));
}

LIBBPF_API int bpf_prog_stream_read(int prog_fd, __u32 stream_id, void *buf,
				    __u32 buf_len,
				    struct bpf_prog_stream_read_opts *opts)
{
	struct sys_attr_stream_read attr;

	if (!OPTS_OK(opts, bpf_prog_stream_read_opts))
		return util_err(-EINVAL);
	memset(&attr, 0, sizeof(attr));
	attr.buf = sys_ptr(buf);
	attr.buf_len = buf_len;
	attr.stream_id = stream_id;
	attr.prog_fd = prog_fd;
	return util_err(SYS_BPF(SYS_CMD_PROG_STREAM_READ_BY_FD, &attr));
}

LIBBPF_API int bpf_prog_assoc_struct_ops(int prog_fd, int map_fd,
				struct bpf_prog_assoc_struct_ops_opts *opts)
{
	struct sys_attr_assoc_struct_ops attr;

	if (!OPTS_OK(opts, bpf_prog_assoc_struct_ops_opts))
		return util_err(-EINVAL);
	memset(&attr, 0, sizeof(attr));
	attr.map_fd = map_fd;
	attr.prog_fd = prog_fd;
	attr.flags = OPTS_GET(opts, flags, 0);
	return util_err(SYS_BPF(SYS_CMD_PROG_ASSOC_STRUCT_OPS, &attr));
}
