// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/*
 * prog dump { xlated | jited } PROG [file FILE | opcodes | linum | visual]:
 * argument handling and fetching the image with its BTF, func_info,
 * line_info and subprogram addresses; printing is in prog_dump_*.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "common.h"
#include "prog.h"
#include "disasm/disasm.h"

enum dump_mode { DUMP_XLATED, DUMP_JITED };

struct dump_opts {
	enum dump_mode mode;
	const char *file;
	bool opcodes;
	bool linum;
	bool visual;
};

/* 64-bit immediates as the kernel lets us name them: map ids, subprogram offsets. */
const char *prog_dump_imm64(void *priv, const struct bpf_insn *insn,
			    unsigned long long imm)
{
	struct prog_dump_names *n = priv;

	switch (insn->src_reg) {
	case BPF_PSEUDO_MAP_FD:
		snprintf(n->buf, sizeof(n->buf), "map[id:%u]", insn->imm);
		break;
	case BPF_PSEUDO_MAP_VALUE:
		snprintf(n->buf, sizeof(n->buf), "map[id:%u][0]+%u", insn->imm,
			 insn[1].imm);
		break;
	case BPF_PSEUDO_MAP_IDX_VALUE:
		snprintf(n->buf, sizeof(n->buf), "map[idx:%u]+%u", insn->imm,
			 insn[1].imm);
		break;
	case BPF_PSEUDO_FUNC:
		snprintf(n->buf, sizeof(n->buf), "subprog[%+d]", insn->imm);
		break;
	default:
		snprintf(n->buf, sizeof(n->buf), "0x%llx", imm);
		break;
	}
	return n->buf;
}

static void *u64_ptr(__u64 v)
{
	return (void *)(unsigned long)v;
}

/*
 * Second info query with buffers sized from the first: the image, the
 * func_info and line_info records, the jited line info, and the jited
 * ksyms and function lengths (call targets, jited function split).
 */
static int fetch_info(int fd, enum dump_mode mode, struct bpf_prog_info *info)
{
	struct bpf_prog_info cnt = {};
	__u32 len = sizeof(cnt);
	void *img = NULL, *finfo = NULL, *linfo = NULL, *jlinfo = NULL;
	void *ksyms = NULL, *flens = NULL;

	if (bpf_prog_get_info_by_fd(fd, &cnt, &len)) {
		p_err("can't get prog info: %s", strerror(errno));
		return -1;
	}
	memset(info, 0, sizeof(*info));
	if (mode == DUMP_XLATED && cnt.xlated_prog_len) {
		info->xlated_prog_len = cnt.xlated_prog_len;
		img = calloc(1, cnt.xlated_prog_len);
		info->xlated_prog_insns = (unsigned long)img;
	} else if (mode == DUMP_JITED && cnt.jited_prog_len) {
		info->jited_prog_len = cnt.jited_prog_len;
		img = calloc(1, cnt.jited_prog_len);
		info->jited_prog_insns = (unsigned long)img;
	}
	if (cnt.nr_func_info && cnt.func_info_rec_size) {
		info->nr_func_info = cnt.nr_func_info;
		info->func_info_rec_size = cnt.func_info_rec_size;
		finfo = calloc(cnt.nr_func_info, cnt.func_info_rec_size);
		info->func_info = (unsigned long)finfo;
	}
	if (cnt.nr_line_info && cnt.line_info_rec_size) {
		info->nr_line_info = cnt.nr_line_info;
		info->line_info_rec_size = cnt.line_info_rec_size;
		linfo = calloc(cnt.nr_line_info, cnt.line_info_rec_size);
		info->line_info = (unsigned long)linfo;
	}
	if (cnt.nr_jited_line_info && cnt.jited_line_info_rec_size) {
		info->nr_jited_line_info = cnt.nr_jited_line_info;
		info->jited_line_info_rec_size = cnt.jited_line_info_rec_size;
		jlinfo = calloc(cnt.nr_jited_line_info, cnt.jited_line_info_rec_size);
		info->jited_line_info = (unsigned long)jlinfo;
	}
	if (cnt.nr_jited_ksyms) {
		info->nr_jited_ksyms = cnt.nr_jited_ksyms;
		ksyms = calloc(cnt.nr_jited_ksyms, sizeof(__u64));
		info->jited_ksyms = (unsigned long)ksyms;
	}
	if (cnt.nr_jited_func_lens) {
		info->nr_jited_func_lens = cnt.nr_jited_func_lens;
		flens = calloc(cnt.nr_jited_func_lens, sizeof(__u32));
		info->jited_func_lens = (unsigned long)flens;
	}
	if ((cnt.xlated_prog_len && mode == DUMP_XLATED && !img) ||
	    (cnt.jited_prog_len && mode == DUMP_JITED && !img) ||
	    (info->nr_func_info && !finfo) || (info->nr_line_info && !linfo) ||
	    (info->nr_jited_line_info && !jlinfo) ||
	    (info->nr_jited_ksyms && !ksyms) ||
	    (info->nr_jited_func_lens && !flens)) {
		p_err("out of memory");
		goto err;
	}
	len = sizeof(*info);
	if (bpf_prog_get_info_by_fd(fd, info, &len)) {
		p_err("can't get prog info: %s", strerror(errno));
		goto err;
	}
	return 0;
err:
	free(img);
	free(finfo);
	free(linfo);
	free(jlinfo);
	free(ksyms);
	free(flens);
	memset(info, 0, sizeof(*info));
	return -1;
}

static void free_info(struct bpf_prog_info *info)
{
	free(u64_ptr(info->xlated_prog_insns));
	free(u64_ptr(info->jited_prog_insns));
	free(u64_ptr(info->func_info));
	free(u64_ptr(info->line_info));
	free(u64_ptr(info->jited_line_info));
	free(u64_ptr(info->jited_ksyms));
	free(u64_ptr(info->jited_func_lens));
}

static int write_image(const char *path, const void *buf, __u32 len)
{
	ssize_t n;
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		p_err("can't open file %s: %s", path, strerror(errno));
		return -1;
	}
	n = write(fd, buf, len);
	close(fd);
	if (n != (ssize_t)len) {
		p_err("error writing output file: %s",
		      n < 0 ? strerror(errno) : "short write");
		return -1;
	}
	if (json_output)
		jsonw_null(json_wtr);
	return 0;
}

static int dump_one(int fd, const struct dump_opts *o)
{
	struct prog_dump_ctx ctx = { .opcodes = o->opcodes, .linum = o->linum };
	struct bpf_prog_info info;
	int err = -1;

	if (fetch_info(fd, o->mode, &info))
		return -1;
	ctx.info = &info;
	if (o->mode == DUMP_JITED) {
		if (!info.jited_prog_len || !info.jited_prog_insns) {
			p_err("no instructions returned");
			goto out;
		}
		ctx.insns = u64_ptr(info.jited_prog_insns);
		ctx.len = info.jited_prog_len;
	} else {
		if (!info.xlated_prog_len || !info.xlated_prog_insns) {
			p_err("error retrieving insn dump: kernel.kptr_restrict set?");
			goto out;
		}
		ctx.insns = u64_ptr(info.xlated_prog_insns);
		ctx.len = info.xlated_prog_len;
	}
	if (o->file) {
		err = write_image(o->file, ctx.insns, ctx.len);
		goto out;
	}
	if (info.btf_id) {
		ctx.btf = btf__load_from_kernel_by_id(info.btf_id);
		if (!ctx.btf) {
			p_err("failed to get btf");
			goto out;
		}
	}
	if (info.nr_func_info) {
		ctx.func_info = u64_ptr(info.func_info);
		ctx.nr_func_info = info.nr_func_info;
	}
	if (info.nr_line_info) {
		ctx.linfo = bpf_prog_linfo__new(&info);
		if (!ctx.linfo)
			p_info("error in processing bpf_line_info.  continue without it.");
	}
	ctx.ksyms = ksym_table_load();
	if (o->mode == DUMP_JITED) {
		if (!prog_dump_jited) {
			p_err("No JIT disassembly support (bpftool built without LLVM)");
			goto out;
		}
		err = prog_dump_jited(&ctx);
	} else if (json_output) {
		ctx.jited_ksyms = u64_ptr(info.jited_ksyms);
		ctx.nr_jited_ksyms = info.nr_jited_ksyms;
		err = prog_dump_xlated_json(&ctx);
	} else if (o->visual) {
		/* the graph names subprogram calls by offset only */
		err = prog_dump_xlated_cfg(&ctx);
	} else {
		ctx.jited_ksyms = u64_ptr(info.jited_ksyms);
		ctx.nr_jited_ksyms = info.nr_jited_ksyms;
		err = prog_dump_xlated_plain(&ctx);
	}
out:
	ksym_table_free(ctx.ksyms);
	bpf_prog_linfo__free(ctx.linfo);
	btf__free(ctx.btf);
	free_info(&info);
	return err;
}

int prog_do_dump(int argc, char **argv)
{
	struct dump_opts o = {};
	int *fds = NULL, n, i, err = -1;

	if (!argc) {
		p_err("expected 'xlated' or 'jited', got nothing");
		return -1;
	}
	if (is_prefix(*argv, "jited")) {
		o.mode = DUMP_JITED;
	} else if (is_prefix(*argv, "xlated")) {
		o.mode = DUMP_XLATED;
	} else {
		p_err("expected 'xlated' or 'jited', got: %s", *argv);
		return -1;
	}
	NEXT_ARG();
	if (argc < 2)
		usage();
	n = prog_parse_fds(&argc, &argv, &fds);
	if (n < 1)
		goto out_free;
	while (argc) {
		if (is_prefix(*argv, "file")) {
			NEXT_ARG();
			if (!argc) {
				p_err("expected file path");
				goto out_close;
			}
			if (n > 1) {
				p_err("several programs matched");
				goto out_close;
			}
			o.file = *argv;
			NEXT_ARG();
		} else if (is_prefix(*argv, "opcodes")) {
			o.opcodes = true;
			NEXT_ARG();
		} else if (is_prefix(*argv, "visual") && o.mode == DUMP_XLATED) {
			if (n > 1) {
				p_err("several programs matched");
				goto out_close;
			}
			o.visual = true;
			NEXT_ARG();
		} else if (is_prefix(*argv, "linum")) {
			o.linum = true;
			NEXT_ARG();
		} else {
			p_err("unknown dump option '%s'", *argv);
			goto out_close;
		}
	}
	if (o.file && (o.opcodes || o.visual || o.linum)) {
		p_err("'file' is not compatible with 'opcodes', 'visual', or 'linum'");
		goto out_close;
	}
	if (json_output && o.visual) {
		p_err("'visual' is not compatible with JSON output");
		goto out_close;
	}
	if (json_output && n > 1)
		jsonw_start_array(json_wtr);
	err = 0;
	for (i = 0; i < n; i++) {
		if (!err)
			err = dump_one(fds[i], &o);
		close(fds[i]);
	}
	if (json_output && n > 1)
		jsonw_end_array(json_wtr);
	free(fds);
	return err;
out_close:
	for (i = 0; i < n; i++)
		close(fds[i]);
out_free:
	free(fds);
	return -1;
}
