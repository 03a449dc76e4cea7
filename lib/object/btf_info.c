// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Function and line records of .BTF.ext, per program.  The file gives byte
 * offsets within the ELF section; the kernel wants instruction offsets
 * within the loaded program, so each program keeps its own records rebased
 * to its first instruction, and appending a subprogram appends its records
 * shifted by where its copy landed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "btf/btf_ext.h"
#include "object/object.h"
#include "util/alloc.h"
#include "util/log.h"

static int obj_collect_kind(struct bpf_object *obj, struct bpf_program *prog,
			    enum btf_ext_kind kind, void **out, __u32 *out_cnt,
			    __u32 *out_rec_size)
{
	const struct btf_ext_info_sec *secs;
	__u32 i, j, n = 0, cnt = 0;
	char *recs = NULL;

	if (btf_ext_sections(obj->btf_ext, kind, &secs, &n))
		return 0;
	for (i = 0; i < n; i++) {
		const char *name = btf__name_by_offset(obj->btf,
						       secs[i].sec_name_off);
		const struct elf_sec *esec = name && obj->ef ?
					     elf_sec_by_name(obj->ef, name) : NULL;

		/* by section index: "?xdp" programs are named "xdp" */
		if (!esec || esec->idx != prog->sec_idx)
			continue;
		if (secs[i].rec_size < sizeof(__u32) * 2)
			continue;
		for (j = 0; j < secs[i].num_info; j++) {
			const char *rec = (const char *)secs[i].data +
					  (size_t)j * secs[i].rec_size;
			__u32 off;
			void *p;

			memcpy(&off, rec, sizeof(off));
			off /= OBJ_INSN_SZ;
			if (off < prog->sec_insn_off ||
			    off >= prog->sec_insn_off + prog->sec_insn_cnt)
				continue;
			p = util_realloc_array(recs, cnt + 1, secs[i].rec_size);
			if (!p) {
				free(recs);
				return -ENOMEM;
			}
			recs = p;
			memcpy(recs + (size_t)cnt * secs[i].rec_size, rec,
			       secs[i].rec_size);
			off -= prog->sec_insn_off;
			memcpy(recs + (size_t)cnt * secs[i].rec_size, &off,
			       sizeof(off));
			cnt++;
			*out_rec_size = secs[i].rec_size;
		}
	}
	*out = recs;
	*out_cnt = cnt;
	return 0;
}

int obj_prog_collect_ext_info(struct bpf_object *obj, struct bpf_program *prog)
{
	int err;

	free(prog->func_info);
	free(prog->line_info);
	prog->func_info = prog->line_info = NULL;
	prog->func_info_cnt = prog->line_info_cnt = 0;
	if (!obj->btf_ext || !obj->btf)
		return 0;
	err = obj_collect_kind(obj, prog, BTF_EXT_FUNC_INFO, &prog->func_info,
			       &prog->func_info_cnt, &prog->func_info_rec_size);
	if (!err)
		err = obj_collect_kind(obj, prog, BTF_EXT_LINE_INFO,
				       &prog->line_info, &prog->line_info_cnt,
				       &prog->line_info_rec_size);
	return err;
}

static int obj_append_recs(void **dst, __u32 *dst_cnt, __u32 *dst_rec,
			   const void *src, __u32 src_cnt, __u32 src_rec,
			   __u32 shift)
{
	__u32 i;
	char *p;

	if (!src_cnt)
		return 0;
	if (*dst_cnt && *dst_rec != src_rec)
		return -EINVAL;
	p = util_realloc_array(*dst, *dst_cnt + src_cnt, src_rec);
	if (!p)
		return -ENOMEM;
	*dst = p;
	*dst_rec = src_rec;
	for (i = 0; i < src_cnt; i++) {
		char *rec = p + (size_t)(*dst_cnt + i) * src_rec;
		__u32 off;

		memcpy(rec, (const char *)src + (size_t)i * src_rec, src_rec);
		memcpy(&off, rec, sizeof(off));
		off += shift;
		memcpy(rec, &off, sizeof(off));
	}
	*dst_cnt += src_cnt;
	return 0;
}

int obj_prog_append_ext_info(struct bpf_program *main,
			     const struct bpf_program *sub)
{
	int err;

	err = obj_append_recs(&main->func_info, &main->func_info_cnt,
			      &main->func_info_rec_size, sub->func_info,
			      sub->func_info_cnt, sub->func_info_rec_size,
			      sub->sub_insn_off);
	if (!err)
		err = obj_append_recs(&main->line_info, &main->line_info_cnt,
				      &main->line_info_rec_size, sub->line_info,
				      sub->line_info_cnt, sub->line_info_rec_size,
				      sub->sub_insn_off);
	if (err)
		pr_warn("prog '%s': cannot merge BTF.ext records of '%s': %s\n",
			main->name, sub->name, util_errstr(err));
	return err;
}

const char *obj_prog_src_line(const struct bpf_program *prog, size_t insn_idx)
{
	static __thread char buf[512];
	const struct bpf_line_info *best = NULL;
	const char *file, *line, *base;
	__u32 i;

	if (!prog->line_info || !prog->obj->btf)
		return NULL;
	for (i = 0; i < prog->line_info_cnt; i++) {
		const struct bpf_line_info *li = (const void *)
			((const char *)prog->line_info +
			 (size_t)i * prog->line_info_rec_size);

		if (li->insn_off > insn_idx)
			break;
		best = li;
	}
	if (!best)
		return NULL;
	file = btf__name_by_offset(prog->obj->btf, best->file_name_off);
	line = btf__name_by_offset(prog->obj->btf, best->line_off);
	base = file ? strrchr(file, '/') : NULL;
	base = base ? base + 1 : (file ? file : "?");
	while (line && (*line == ' ' || *line == '\t'))
		line++;
	snprintf(buf, sizeof(buf), "%s:%u (\"%s\")", base,
		 BPF_LINE_INFO_LINE_NUM(best->line_col), line ? line : "");
	return buf;
}
