// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * bpf_prog_linfo: line info of a loaded program (from bpf_prog_info), looked
 * up by instruction offset or, for JITed programs, by machine address.
 * bpftool's "prog dump" interleaves source lines with it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "util/alloc.h"
#include "util/err.h"
#include "util/log.h"

struct bpf_prog_linfo {
	void *linfo;		/* nr_linfo records of rec_size */
	__u64 *jited_addr;	/* one address per record when JITed, or NULL */
	__u32 *func_start;	/* per function: first record */
	__u32 *func_cnt;	/* per function: its number of records */
	__u32 nr_linfo;
	__u32 rec_size;
	__u32 nr_func;
};

static const struct bpf_line_info *rec_at(const struct bpf_prog_linfo *pl,
					  __u32 i)
{
	return (const void *)((const char *)pl->linfo + (size_t)i * pl->rec_size);
}

LIBBPF_API void bpf_prog_linfo__free(struct bpf_prog_linfo *prog_linfo)
{
	if (!prog_linfo)
		return;
	free(prog_linfo->linfo);
	free(prog_linfo->jited_addr);
	free(prog_linfo->func_start);
	free(prog_linfo->func_cnt);
	free(prog_linfo);
}

/*
 * Split the JITed records among the functions: each function's first record
 * sits exactly at its symbol address.
 */
static int split_jited(struct bpf_prog_linfo *pl, const struct bpf_prog_info *info)
{
	const __u64 *ksyms = (const __u64 *)(unsigned long)info->jited_ksyms;
	const void *raw = (const void *)(unsigned long)info->jited_line_info;
	__u32 rec = info->jited_line_info_rec_size, i, f, idx = 0;

	if (info->nr_jited_line_info != pl->nr_linfo || rec < sizeof(__u64) ||
	    !raw || !ksyms || !info->nr_jited_ksyms ||
	    info->nr_jited_func_lens != info->nr_jited_ksyms)
		return -EINVAL;

	pl->nr_func = info->nr_jited_ksyms;
	pl->jited_addr = util_realloc_array(NULL, pl->nr_linfo, sizeof(__u64));
	pl->func_start = util_realloc_array(NULL, pl->nr_func, sizeof(__u32));
	pl->func_cnt = util_realloc_array(NULL, pl->nr_func, sizeof(__u32));
	if (!pl->jited_addr || !pl->func_start || !pl->func_cnt)
		return -ENOMEM;
	for (i = 0; i < pl->nr_linfo; i++)
		memcpy(&pl->jited_addr[i], (const char *)raw + (size_t)i * rec,
		       sizeof(__u64));

	for (f = 0; f < pl->nr_func; f++) {
		if (idx >= pl->nr_linfo || pl->jited_addr[idx] != ksyms[f])
			return -EINVAL;
		pl->func_start[f] = idx;
		do {
			idx++;
		} while (idx < pl->nr_linfo &&
			 (f + 1 == pl->nr_func || pl->jited_addr[idx] != ksyms[f + 1]));
		pl->func_cnt[f] = idx - pl->func_start[f];
	}
	return 0;
}

LIBBPF_API struct bpf_prog_linfo *
bpf_prog_linfo__new(const struct bpf_prog_info *info)
{
	struct bpf_prog_linfo *pl;
	const void *raw;
	int err;

	if (!info || !info->nr_line_info || !info->line_info ||
	    info->line_info_rec_size < sizeof(__u32))
		return util_err_ptr(-EINVAL);

	pl = calloc(1, sizeof(*pl));
	if (!pl)
		return util_err_ptr(-ENOMEM);
	pl->nr_linfo = info->nr_line_info;
	pl->rec_size = info->line_info_rec_size;
	raw = (const void *)(unsigned long)info->line_info;
	pl->linfo = util_realloc_array(NULL, pl->nr_linfo, pl->rec_size);
	if (!pl->linfo) {
		err = -ENOMEM;
		goto err_out;
	}
	memcpy(pl->linfo, raw, (size_t)pl->nr_linfo * pl->rec_size);

	if (info->nr_jited_line_info) {
		err = split_jited(pl, info);
		if (err)
			goto err_out;
	}
	return pl;

err_out:
	bpf_prog_linfo__free(pl);
	return util_err_ptr(err);
}

LIBBPF_API const struct bpf_line_info *
bpf_prog_linfo__lfind_addr_func(const struct bpf_prog_linfo *prog_linfo,
				__u64 addr, __u32 func_idx, __u32 nr_skip)
{
	__u32 first, end, i;

	if (!prog_linfo || func_idx >= prog_linfo->nr_func ||
	    nr_skip >= prog_linfo->func_cnt[func_idx])
		return util_err_ptr(-ENOENT);

	first = prog_linfo->func_start[func_idx] + nr_skip;
	end = prog_linfo->func_start[func_idx] + prog_linfo->func_cnt[func_idx];
	if (addr < prog_linfo->jited_addr[first])
		return util_err_ptr(-ENOENT);
	for (i = first + 1; i < end && prog_linfo->jited_addr[i] <= addr; i++)
		;
	return rec_at(prog_linfo, i - 1);
}

LIBBPF_API const struct bpf_line_info *
bpf_prog_linfo__lfind(const struct bpf_prog_linfo *prog_linfo,
		      __u32 insn_off, __u32 nr_skip)
{
	__u32 i;

	if (!prog_linfo || nr_skip >= prog_linfo->nr_linfo ||
	    insn_off < rec_at(prog_linfo, nr_skip)->insn_off)
		return util_err_ptr(-ENOENT);
	for (i = nr_skip + 1; i < prog_linfo->nr_linfo &&
	     rec_at(prog_linfo, i)->insn_off <= insn_off; i++)
		;
	return rec_at(prog_linfo, i - 1);
}
